// rules 4: the headers of every outcome, exactly.
#include "../policies.hpp"
#include "support.hpp"

using namespace corset_test;
using corset::reason;
using corset::request_kind;

namespace {

constexpr auto const& api = test_policies::seed_api;

inline constexpr corset_test::policy<corset::allow_any_origin, corset::expose_headers<"X-Total", "x-page">,
                                corset::allow_methods<corset::methods::patch>, corset::max_age<0>>
    open{};

inline constexpr corset_test::policy<corset::allow_origins<"https://app.example.com">, corset::allow_any_method,
                                corset::allow_any_header, corset::allow_credentials,
                                corset::allow_private_network>
    echoing{};

inline constexpr corset_test::policy<corset::allow_origins<"https://app.example.com">, corset::allow_any_header>
    star{};

inline constexpr corset_test::policy<corset::allow_origins<"https://app.example.com">, corset::allow_any_header,
                                corset::allow_headers<"Authorization">>
    star_and_authorization{};

inline constexpr corset_test::policy<corset::allow_any_origin, corset::expose_any_header,
                                corset::allow_private_network>
    open_private{};

constexpr char const* app = "https://app.example.com";

}  // namespace

TEST_CASE("rules 4.1: allow_any_origin answers * to every non-preflight request, without Vary") {
  check(open, {"GET", ""},
        {request_kind::not_cors, reason::not_cors, 0, {acao("*"), aceh("x-total,x-page")}});
  check(open, {"GET", "https://anyone.example"},
        {request_kind::actual, reason::none, 0, {acao("*"), aceh("x-total,x-page")}});
  check(open, {"POST", "null"}, {request_kind::actual, reason::none, 0, {acao("*"), aceh("x-total,x-page")}});
  check(open_private, {"GET", "https://a.example"}, {request_kind::actual, reason::none, 0, {acao("*"), aceh("*")}});
  check(open_private, {"GET", ""}, {request_kind::not_cors, reason::not_cors, 0, {acao("*"), aceh("*")}});
}

TEST_CASE("rules 4.1, 4.5: allow_any_origin preflights") {
  check(open, {"OPTIONS", "https://anyone.example", "PATCH"},
        {request_kind::preflight, reason::none, 204,
         {acao("*"), acam("PATCH"), acma("0"),
          vary("Access-Control-Request-Method, Access-Control-Request-Headers")}});
  check(open, {"OPTIONS", "https://anyone.example", "PUT"},
        {request_kind::preflight, reason::method_not_allowed, 403,
         {vary("Access-Control-Request-Method, Access-Control-Request-Headers")}});
  check(open_private, {"OPTIONS", "https://a.example", "GET", "", "true"},
        {request_kind::preflight, reason::none, 204,
         {acao("*"), acapn(),
          vary("Access-Control-Request-Method, Access-Control-Request-Headers, "
               "Access-Control-Request-Private-Network")}});
}

TEST_CASE("rules 4.2, 4.3, 4.4: actual requests under listed origins") {
  check(api, {"GET", app},
        {request_kind::actual, reason::none, 0, {acao(app), acac(), aceh("x-request-id"), vary("Origin")}});
  check(api, {"PUT", "https://a.example.org"},
        {request_kind::actual, reason::none, 0,
         {acao("https://a.example.org"), acac(), aceh("x-request-id"), vary("Origin")}});
  check(api, {"GET", "https://evil.example"}, {request_kind::actual, reason::origin_not_allowed, 0, {vary("Origin")}});
  check(api, {"GET", ""}, {request_kind::not_cors, reason::not_cors, 0, {vary("Origin")}});
  check(star, {"GET", app}, {request_kind::actual, reason::none, 0, {acao(app), vary("Origin")}});
}

TEST_CASE("rules 4.5: allowed preflights") {
  check(api, {"OPTIONS", app, "PUT", "content-type,x-csrf-token"},
        {request_kind::preflight, reason::none, 204,
         {acao(app), acac(), acam("PUT"), acah("content-type,x-csrf-token"), acma("600"), vary(vary_preflight)}});
  // Access-Control-Allow-Headers only when the request asked for headers; the whole list then.
  check(api, {"OPTIONS", app, "DELETE"},
        {request_kind::preflight, reason::none, 204,
         {acao(app), acac(), acam("DELETE"), acma("600"), vary(vary_preflight)}});
  check(api, {"OPTIONS", app, "DELETE", "x-csrf-token"},
        {request_kind::preflight, reason::none, 204,
         {acao(app), acac(), acam("DELETE"), acah("content-type,x-csrf-token"), acma("600"), vary(vary_preflight)}});
  // 4.7: safelisted methods need no listing and get no Access-Control-Allow-Methods.
  for (char const* m : {"GET", "HEAD", "POST"}) {
    check(api, {"OPTIONS", app, m},
          {request_kind::preflight, reason::none, 204, {acao(app), acac(), acma("600"), vary(vary_preflight)}});
  }
}

TEST_CASE("rules 4.6: refused preflights: 403, only Vary, the first failed check named") {
  check(api, {"OPTIONS", "https://evil.example", "PATCH", "x-nope"},
        {request_kind::preflight, reason::origin_not_allowed, 403, {vary(vary_preflight)}});
  check(api, {"OPTIONS", app, "PATCH", "x-nope"},
        {request_kind::preflight, reason::method_not_allowed, 403, {vary(vary_preflight)}});
  check(api, {"OPTIONS", app, "PUT", "content-type,x-nope"},
        {request_kind::preflight, reason::header_not_allowed, 403, {vary(vary_preflight)}});
  check(api, {"OPTIONS", app, "PUT", "x-csrf-token,content-type"},
        {request_kind::preflight, reason::malformed_request_headers, 403, {vary(vary_preflight)}});
}

TEST_CASE("rules 4.7, 4.8: methods") {
  // Listed methods compare byte-exactly.
  check(api, {"OPTIONS", app, "put"}, {request_kind::preflight, reason::method_not_allowed, 403, {vary(vary_preflight)}});
  check(open, {"OPTIONS", "https://a.example", "patch"},
        {request_kind::preflight, reason::method_not_allowed, 403,
         {vary("Access-Control-Request-Method, Access-Control-Request-Headers")}});
  check(api, {"OPTIONS", app, "get"}, {request_kind::preflight, reason::method_not_allowed, 403, {vary(vary_preflight)}});
  // allow_any_method: every token but the forbidden methods, in any case.
  std::string const vary_pna = vary_preflight + ", Access-Control-Request-Private-Network";
  for (char const* m : {"PATCH", "patch", "PROPFIND", "X-CUSTOM!", "get", "OPTIONS"}) {
    check(echoing, {"OPTIONS", app, m},
          {request_kind::preflight, reason::none, 204, {acao(app), acac(), acam(m), vary(vary_pna)}});
  }
  for (char const* m : {"CONNECT", "connect", "TRACE", "Trace", "TRACK", "track", "PU T", "PUT\r\n", "(GET)", "P\xc3\x9aT"}) {
    check(echoing, {"OPTIONS", app, m},
          {request_kind::preflight, reason::method_not_allowed, 403, {vary(vary_pna)}});
  }
}

TEST_CASE("rules 4.9: the value of Access-Control-Allow-Headers") {
  check(star, {"OPTIONS", app, "POST", "x-anything,x-else"},
        {request_kind::preflight, reason::none, 204, {acao(app), acah("*"), vary(vary_preflight)}});
  check(star, {"OPTIONS", app, "POST", "authorization"},
        {request_kind::preflight, reason::header_not_allowed, 403, {vary(vary_preflight)}});
  check(star, {"OPTIONS", app, "POST", "Authorization,x-a"},
        {request_kind::preflight, reason::header_not_allowed, 403, {vary(vary_preflight)}});
  check(star_and_authorization, {"OPTIONS", app, "POST", "authorization,x-a"},
        {request_kind::preflight, reason::none, 204, {acao(app), acah("*,authorization"), vary(vary_preflight)}});
  check(star_and_authorization, {"OPTIONS", app, "POST", "x-a"},
        {request_kind::preflight, reason::none, 204, {acao(app), acah("*,authorization"), vary(vary_preflight)}});

  // With credentials, * is a literal name: the request's lines are echoed, one header per line.
  std::string const vary_pna = vary_preflight + ", Access-Control-Request-Private-Network";
  check(echoing, {"OPTIONS", app, "PUT", "content-type,x-a"},
        {request_kind::preflight, reason::none, 204,
         {acao(app), acac(), acam("PUT"), acah("content-type,x-a"), vary(vary_pna)}});
  std::string_view const more[] = {"", " x-b , x-c", ""};
  check(echoing, {"OPTIONS", app, "PUT", "Content-Type,X-A", "", more},
        {request_kind::preflight, reason::none, 204,
         {acao(app), acac(), acam("PUT"), acah("Content-Type,X-A"), acah(" x-b , x-c"), vary(vary_pna)}});
  check(echoing, {"OPTIONS", app, "PUT", "authorization"},
        {request_kind::preflight, reason::header_not_allowed, 403, {vary(vary_pna)}});
}

TEST_CASE("rules 4.11: private network access, only on allowed preflights that ask") {
  std::string const vary_pna = vary_preflight + ", Access-Control-Request-Private-Network";
  check(echoing, {"OPTIONS", app, "GET", "", "true"},
        {request_kind::preflight, reason::none, 204, {acao(app), acac(), acapn(), vary(vary_pna)}});
  check(echoing, {"OPTIONS", app, "GET", "", "false"},
        {request_kind::preflight, reason::none, 204, {acao(app), acac(), vary(vary_pna)}});
  check(echoing, {"OPTIONS", app, "GET", "", "TRUE"},
        {request_kind::preflight, reason::none, 204, {acao(app), acac(), vary(vary_pna)}});
  check(echoing, {"OPTIONS", "https://evil.example", "GET", "", "true"},
        {request_kind::preflight, reason::origin_not_allowed, 403, {vary(vary_pna)}});
  check(echoing, {"GET", app, "", "", "true"},
        {request_kind::actual, reason::none, 0, {acao(app), acac(), vary("Origin")}});
  // A policy without allow_private_network answers the CORS part and omits the header.
  check(api, {"OPTIONS", app, "GET", "", "true"},
        {request_kind::preflight, reason::none, 204, {acao(app), acac(), acma("600"), vary(vary_preflight)}});
}

TEST_CASE("rules 4.12: canonical names, each at most once") {
  corset::decision const d = api.evaluate({"OPTIONS", app, "PUT", "content-type"});
  std::vector<std::string> names;
  for (auto const& h : d.headers()) names.emplace_back(h.name);
  CHECK(names == std::vector<std::string>{"Access-Control-Allow-Origin", "Access-Control-Allow-Credentials",
                                          "Access-Control-Allow-Methods", "Access-Control-Allow-Headers",
                                          "Access-Control-Max-Age", "Vary"});
  CHECK(d["Access-Control-Max-Age"] == "600");
  CHECK(d["Access-Control-Expose-Headers"].empty());
}
