// rules 8: cross-origin writes (request forgery), every row of 8.1-8.7. Built twice, like the
// other behaviour tests: with allow_origins<...>, and with a run-time origin_set holding the same
// origins (tests/policy_under_test.hpp), since the trusted list is the same everywhere.
#include <algorithm>
#include <string>
#include <string_view>

#include "support.hpp"

using namespace corset_test;
using corset::reason;
using corset::request_kind;

namespace {

// The seed's credentialed API: writes from pages it does not list are refused by default.
inline constexpr corset_test::policy<corset::allow_origins<"https://app.example.com", "https://*.example.org">,
                                     corset::allow_methods<corset::methods::put>, corset::allow_credentials>
    api{};
// Without credentials, nothing is refused unless asked for.
inline constexpr corset_test::policy<corset::allow_origins<"https://app.example.com">> open_reads{};
inline constexpr corset_test::policy<corset::allow_origins<"https://app.example.com">, corset::refuse_cross_origin_writes>
    refusing{};
inline constexpr corset_test::policy<corset::allow_origins<"https://app.example.com">, corset::allow_credentials,
                                     corset::refuse_cross_origin_writes>
    redundant{};
inline constexpr corset_test::policy<corset::allow_origins<"https://app.example.com">, corset::allow_credentials,
                                     corset::dangerously_allow_cross_origin_writes>
    writes_allowed{};
inline constexpr corset_test::policy<corset::allow_origins<"https://app.example.com">, corset::allow_credentials,
                                     corset::report_cross_origin_writes>
    reporting{};
inline constexpr corset_test::policy<corset::allow_origins<"https://app.example.com">, corset::allow_credentials,
                                     corset::pass_through_preflights>
    passing{};

// A request as the rows below describe it.
struct incoming {
  std::string_view method = "POST";
  std::string_view origin{};
  std::string_view sec_fetch_site{};
  std::string_view host = "api.example.com";
  std::string_view upgrade{};
  [[nodiscard]] corset::request_view view() const {
    return {.method = method, .origin = origin, .host = host, .sec_fetch_site = sec_fetch_site, .upgrade = upgrade};
  }
};

template <class Policy>
bool refused(Policy const& p, incoming const& w) {
  return p.evaluate(w.view()).reason() == reason::cross_origin_write;
}

}  // namespace

TEST_CASE("rules 8.2: safe methods are never refused, a WebSocket handshake is a write") {
  for (std::string_view method : {"GET", "HEAD", "OPTIONS"}) {
    INFO(method);
    check(api, incoming{.method = method, .origin = "https://evil.example", .sec_fetch_site = "cross-site"}.view(),
          {request_kind::actual, reason::origin_not_allowed, 0, {vary("Origin")}});
  }
  for (std::string_view method : {"POST", "PUT", "DELETE", "PATCH", "get", "Get", "PROPFIND", "CONNECT"}) {
    INFO(method);
    CHECK(refused(api, {.method = method, .origin = "https://evil.example", .sec_fetch_site = "cross-site"}));
  }
  for (std::string_view upgrade : {"websocket", "WebSocket", "WEBSOCKET", "h2c, websocket", "websocket/13", " websocket",
                                   "h2c,websocket, foo"}) {
    INFO(upgrade);
    CHECK(refused(api, {.method = "GET", .origin = "https://evil.example", .sec_fetch_site = "same-site", .upgrade = upgrade}));
  }
  for (std::string_view upgrade : {"", "h2c", "websocketx", "web socket", "x-websocket"}) {
    INFO(upgrade);
    CHECK_FALSE(refused(api, {.method = "GET", .origin = "https://evil.example", .sec_fetch_site = "same-site", .upgrade = upgrade}));
  }
  // Only a GET is a handshake.
  CHECK_FALSE(refused(api, {.method = "HEAD", .origin = "https://evil.example", .sec_fetch_site = "cross-site", .upgrade = "websocket"}));
}

// The plain reading of rules 8.2's handshake: split at commas, skip leading white space, cut the
// protocol at `/`, space or tab, compare without case.
bool names_websocket(std::string_view upgrade) {
  std::size_t start = 0;
  while (start <= upgrade.size()) {
    std::size_t const comma = upgrade.find(',', start);
    std::string_view element = upgrade.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
    element.remove_prefix(std::min(element.find_first_not_of(" \t"), element.size()));
    element = element.substr(0, element.find_first_of("/ \t"));
    std::string lowered;
    for (char c : element) lowered += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    if (lowered == "websocket") return true;
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return false;
}

TEST_CASE("rules 8.2: the Upgrade reader agrees with the plain reading on every short combination") {
  constexpr std::string_view pieces[] = {"websocket", "WebSocket", "websock", "et", "x", "h2c", " ", "\t", ",", "/13", "/"};
  std::size_t checked = 0, handshakes = 0;
  for (std::string_view a : pieces)
    for (std::string_view b : pieces)
      for (std::string_view c : pieces)
        for (std::string_view d : pieces) {
          std::string const upgrade = std::string{a} + std::string{b} + std::string{c} + std::string{d};
          bool const expected = names_websocket(upgrade);
          if (corset::detail::upgrades_to_websocket(upgrade) != expected) FAIL_CHECK(upgrade);
          ++checked;
          handshakes += expected ? 1 : 0;
        }
  CHECK(checked == 14641);
  CHECK(handshakes > 1000);  // both answers are well represented
  CHECK(handshakes < 13000);
}

TEST_CASE("rules 8.3: the first step that applies decides") {
  struct row {
    incoming w;
    bool trusted = false;
  };
  row const rows[] = {
      // (a) an Origin the policy allows is trusted, whatever Sec-Fetch-Site says
      {{.origin = "https://app.example.com", .sec_fetch_site = "cross-site"}, true},
      {{.origin = "https://a.b.example.org", .sec_fetch_site = "same-site"}, true},
      {{.method = "GET", .origin = "https://app.example.com", .sec_fetch_site = "cross-site", .upgrade = "websocket"}, true},
      // (b) Sec-Fetch-Site same-origin or none (the user, not a page, started it)
      {{.origin = "https://evil.example", .sec_fetch_site = "same-origin"}, true},
      {{.origin = "https://evil.example", .sec_fetch_site = "none"}, true},
      {{.sec_fetch_site = "same-origin"}, true},
      // (c) any other Sec-Fetch-Site: refused, before Origin and Host are looked at
      {{.origin = "https://evil.example", .sec_fetch_site = "cross-site"}, false},
      {{.origin = "https://evil.example", .sec_fetch_site = "same-site"}, false},
      {{.origin = "https://api.example.com", .sec_fetch_site = "same-site"}, false},  // even naming the Host
      {{.sec_fetch_site = "cross-site"}, false},                                       // even without Origin
      {{.origin = "https://evil.example", .sec_fetch_site = "Same-Origin"}, false},   // byte-exact
      {{.origin = "https://evil.example", .sec_fetch_site = "same-origin, cross-site"}, false},  // several lines
      {{.origin = "https://evil.example", .sec_fetch_site = "bogus"}, false},
      // (d) neither Sec-Fetch-Site nor Origin: not a browser
      {{}, true},
      {{.host = ""}, true},
      // (e) no Sec-Fetch-Site: the Origin without its scheme is the Host, port included
      {{.origin = "https://api.example.com"}, true},
      {{.origin = "http://api.example.com"}, true},  // the scheme is not compared (deploy HSTS)
      {{.origin = "http://localhost:8002", .host = "localhost:8002"}, true},
      {{.origin = "http://localhost:8003", .host = "localhost:8002"}, false},
      {{.origin = "http://localhost:8002", .host = "localhost"}, false},
      {{.origin = "https://API.example.com"}, false},
      // (f) otherwise: null, another host, several Host lines, no host known
      {{.origin = "null"}, false},
      {{.origin = "https://evil.example"}, false},
      {{.origin = "https://api.example.com", .host = ", "}, false},
      {{.origin = "https://api.example.com", .host = ""}, false},
      {{.origin = "api.example.com", .host = "api.example.com"}, false},
  };
  for (row const& r : rows) {
    INFO("method=", r.w.method, " origin=", r.w.origin, " sec-fetch-site=", r.w.sec_fetch_site, " host=", r.w.host,
         " upgrade=", r.w.upgrade);
    CHECK(refused(api, r.w) == !r.trusted);
  }
}

TEST_CASE("rules 8.4: a refused write is answered 403 before the handler, with Vary only") {
  check(api, incoming{.origin = "https://evil.example", .sec_fetch_site = "same-site"}.view(),
        {request_kind::actual, reason::cross_origin_write, 403, {vary("Origin")}});
  check(api, incoming{.sec_fetch_site = "cross-site"}.view(),  // no Origin: not CORS, refused all the same
        {request_kind::not_cors, reason::cross_origin_write, 403, {vary("Origin")}});
  corset::decision const d = api.evaluate(incoming{.origin = "https://evil.example", .sec_fetch_site = "cross-site"}.view());
  CHECK(d.answered_by_corset());
  CHECK(d.refused());
  CHECK_FALSE(d.allowed());
  // Trusted writes are what they were: allowed, or a refused origin the handler still sees.
  check(api, incoming{.origin = "https://app.example.com", .sec_fetch_site = "cross-site"}.view(),
        {request_kind::actual, reason::none, 0, {acao("https://app.example.com"), acac(), vary("Origin")}});
  check(api, incoming{.origin = "https://evil.example", .sec_fetch_site = "same-origin"}.view(),
        {request_kind::actual, reason::origin_not_allowed, 0, {vary("Origin")}});
  check(api, incoming{}.view(), {request_kind::not_cors, reason::not_cors, 0, {vary("Origin")}});
  // pass_through_preflights changes preflights only: a cross-origin write is still refused.
  check(passing, incoming{.origin = "https://evil.example", .sec_fetch_site = "cross-site"}.view(),
        {request_kind::actual, reason::cross_origin_write, 403, {vary("Origin")}});
}

TEST_CASE("rules 8.1: in force with credentials, on request without, off only by asking") {
  incoming const forged{.origin = "https://evil.example", .sec_fetch_site = "cross-site"};
  CHECK(refused(api, forged));
  CHECK(refused(redundant, forged));
  CHECK(refused(refusing, forged));
  CHECK_FALSE(refused(open_reads, forged));
  CHECK_FALSE(refused(writes_allowed, forged));
  check(writes_allowed, forged.view(), {request_kind::actual, reason::origin_not_allowed, 0, {vary("Origin")}});
}

TEST_CASE("rules 8.5: preflights and allowed requests are unchanged") {
  corset::request_view const preflight{.method = "OPTIONS", .origin = "https://evil.example", .request_method = "PUT",
                                       .sec_fetch_site = "cross-site"};
  check(api, preflight, {request_kind::preflight, reason::origin_not_allowed, 403, {vary(vary_preflight)}});
  corset::request_view const allowed{.method = "OPTIONS", .origin = "https://app.example.com", .request_method = "PUT",
                                     .sec_fetch_site = "cross-site"};
  check(api, allowed,
        {request_kind::preflight, reason::none, 204,
         {acao("https://app.example.com"), acac(), acam("PUT"), vary(vary_preflight)}});
}

TEST_CASE("rules 8.7: report-only decides the same and lets the write through") {
  incoming const forged{.origin = "https://evil.example", .sec_fetch_site = "cross-site"};
  check(reporting, forged.view(), {request_kind::actual, reason::cross_origin_write, 0, {vary("Origin")}});
  corset::decision const d = reporting.evaluate(forged.view());
  CHECK_FALSE(d.answered_by_corset());
  CHECK(d.refused());
  check(reporting, incoming{.origin = "https://app.example.com"}.view(),
        {request_kind::actual, reason::none, 0, {acao("https://app.example.com"), acac(), vary("Origin")}});
}

TEST_CASE("rules 8: explain() names the write and the step that refused it") {
  auto const explain = [](auto const& p, incoming const& w) { return std::string{p.explain(w.view()).view()}; };
  CHECK(explain(api, {.origin = "https://evil.example", .sec_fetch_site = "same-site"}) ==
        R"(refused: POST from origin "https://evil.example" is a cross-origin write (Sec-Fetch-Site: same-site))");
  CHECK(explain(api, {.method = "GET", .origin = "http://localhost:8003", .sec_fetch_site = "same-site", .upgrade = "websocket"}) ==
        R"(refused: WebSocket handshake from origin "http://localhost:8003" is a cross-origin write (Sec-Fetch-Site: same-site))");
  CHECK(explain(api, {.method = "DELETE", .origin = "https://evil.example"}) ==
        R"(refused: DELETE from origin "https://evil.example" is a cross-origin write (no Sec-Fetch-Site, and the origin is not the Host "api.example.com"))");
  CHECK(explain(api, {.origin = "null", .host = ""}) ==
        R"(refused: POST from origin "null" is a cross-origin write (no Sec-Fetch-Site, and no Host to compare the origin with))");
  CHECK(explain(api, {.sec_fetch_site = "cross-site\r\nx"}) ==
        R"(refused: POST without Origin is a cross-origin write (Sec-Fetch-Site: cross-site\x0d\x0ax))");
  CHECK(explain(reporting, {.origin = "https://evil.example", .sec_fetch_site = "cross-site"}) ==
        R"(reported, not refused: POST from origin "https://evil.example" is a cross-origin write (Sec-Fetch-Site: cross-site))");
}

TEST_CASE("rules 7.4: no CORS never means no protection") {
  static constexpr corset::routes<corset::route<"/api/", api>, corset::route<"/public/", open_reads>> site{};
  incoming const forged{.origin = "https://evil.example", .sec_fetch_site = "same-site"};
  // Uncovered or unsafe targets: judged with an empty trusted list.
  for (std::string_view target : {"/other", "/public/../api/x", "/api", "/api;x/y"}) {
    INFO(target);
    check(site, target, forged.view(), {request_kind::actual, reason::cross_origin_write, 403, {}});
    corset::decision const same_origin = site.evaluate(target, incoming{.origin = "https://evil.example", .sec_fetch_site = "same-origin"}.view());
    CHECK(same_origin.reason() != reason::cross_origin_write);
    CHECK(same_origin.status() == 0);
    // Even an origin the API trusts: no route answers, so no list applies.
    CHECK(site.evaluate(target, incoming{.origin = "https://app.example.com", .sec_fetch_site = "cross-site"}.view()).reason() ==
          reason::cross_origin_write);
  }
  CHECK(site.evaluate("/other", incoming{}.view()).reason() == reason::not_cors);
  CHECK(site.evaluate("/other", incoming{.method = "GET", .origin = "https://evil.example", .sec_fetch_site = "cross-site"}.view())
            .reason() == reason::no_route);
  // The route's own policy decides covered targets: open_reads does not protect writes.
  CHECK(site.evaluate("/public/x", forged.view()).reason() == reason::origin_not_allowed);
  // A table whose routes protect nothing refuses nothing.
  static constexpr corset::routes<corset::route<"/public/", open_reads>> open_site{};
  CHECK(open_site.evaluate("/other", forged.view()).reason() == reason::no_route);
  // A table whose protecting route only reports, reports.
  static constexpr corset::routes<corset::route<"/api/", reporting>> reporting_site{};
  corset::decision const reported = reporting_site.evaluate("/other", forged.view());
  CHECK(reported.reason() == reason::cross_origin_write);
  CHECK(reported.status() == 0);
  CHECK(std::string{site.explain("/other", forged.view()).view()} ==
        R"(refused: POST from origin "https://evil.example" is a cross-origin write (Sec-Fetch-Site: same-site) (path "/other"))");
}

TEST_CASE("rules 8.6: request_fields fills Host, Sec-Fetch-Site and Upgrade") {
  corset::request_fields fields{"POST", "/api/x"};
  fields.add("Host", "api.example.com");
  fields.add("sec-fetch-site", "same-site");
  fields.add("Upgrade", "h2c");
  fields.add("upgrade", "websocket");
  CHECK(fields.view().host == "api.example.com");
  CHECK(fields.view().sec_fetch_site == "same-site");
  CHECK(fields.view().upgrade == "h2c, websocket");
  // The authority of an absolute-form target stands for Host, and wins.
  corset::request_fields proxied{"POST", "http://api.example.com:8080/api/x?y"};
  proxied.add("Host", "elsewhere.example");
  CHECK(proxied.view().host == "api.example.com:8080");
  CHECK(corset::request_fields::authority_of("/api/x") == "");
  CHECK(corset::request_fields::authority_of("api.example.com:443") == "");
  CHECK(corset::request_fields::authority_of("https://h.example") == "h.example");
  // Several Host or Sec-Fetch-Site lines never match.
  corset::request_fields twice{"POST"};
  twice.add("Host", "api.example.com");
  twice.add("Host", "api.example.com");
  twice.add("Sec-Fetch-Site", "same-origin");
  twice.add("Sec-Fetch-Site", "same-origin");
  twice.add("Origin", "https://api.example.com");
  CHECK(twice.view().host == ", ");
  CHECK(twice.view().sec_fetch_site == ", ");
  CHECK(api.evaluate(twice.view()).reason() == reason::cross_origin_write);
  // Upgrade lines that do not fit the join: whether one asks for websocket is kept.
  corset::request_fields many{"GET"};
  std::string const long_line(100, 'x');
  many.add("Upgrade", long_line);
  many.add("Upgrade", long_line);
  many.add("Upgrade", "websocket");
  CHECK(many.view().upgrade == "websocket");
  corset::request_fields none{"GET"};
  none.add("Upgrade", long_line);
  none.add("Upgrade", long_line);
  CHECK(none.view().upgrade == long_line);
}

#ifndef CORSET_TEST_RUNTIME_ORIGINS
TEST_CASE("rules 8: describe() says whether writes are protected") {
  CHECK(std::string{refusing.describe()} == "origin https://app.example.com; methods GET, HEAD, POST; cross-origin writes refused");
  CHECK(std::string{reporting.describe()}.ends_with("; with credentials; cross-origin writes reported, not refused"));
  CHECK(std::string{writes_allowed.describe()} == "origin https://app.example.com; methods GET, HEAD, POST; with credentials");
}

// Decisions on writes are constant expressions too.
static_assert(api.evaluate({.method = "POST", .origin = "https://evil.example", .sec_fetch_site = "cross-site"}).status() == 403);
static_assert(api.evaluate({.method = "POST", .origin = "https://app.example.com", .sec_fetch_site = "cross-site"}).allowed());
#endif
