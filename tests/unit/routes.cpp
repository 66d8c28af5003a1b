// Route tables (rules 7): which policy answers which request-target, and which targets get no
// CORS at all because a router may resolve them differently from their bytes.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "../model/routes.hpp"
#include "../route_verdict.hpp"
#include "support.hpp"

using namespace corset_test;
using corset::reason;
using corset::request_kind;

namespace {

// A protected, credentialed API beside an open public area and an open default.
inline constexpr corset::policy<corset::allow_origins<"https://app.example.com">,
                                corset::allow_methods<corset::methods::put>, corset::allow_credentials>
    api{};
inline constexpr corset::policy<corset::allow_any_origin> open{};
inline constexpr corset::policy<corset::allow_origins<"https://app.example.com">, corset::preflight_status<200>>
    legacy{};
inline constexpr corset::policy<corset::allow_origins<"https://app.example.com">,
                                corset::allow_methods<corset::methods::put>, corset::pass_through_preflights>
    documented{};

inline constexpr corset::routes<corset::route<"/api/", api>, corset::route<"/public/", open>,
                                corset::route<"/api/status", open>, corset::route<"/v1:batch", open>, corset::route<"/legacy/", legacy>,
                                corset::route<"/documented", documented>, corset::route<"/", open>>
    site{};

// No default: paths no route covers get no CORS.
inline constexpr corset::routes<corset::route<"/api/", api>, corset::route<"/public/", open>> no_default{};

constexpr corset::request_view from_app{"GET", "https://app.example.com"};

// Which policy answered: api gives credentials, open gives *.
std::string answered_by(corset::decision const& d) {
  if (d["Access-Control-Allow-Credentials"] == "true") return "api";
  if (d["Access-Control-Allow-Origin"] == "*") return "open";
  if (d.headers().empty()) return std::string{"none: "} + name(d.reason());
  return "other";
}

}  // namespace

TEST_CASE("routes: prefixes cover whole segments, exact paths only themselves, the longest wins") {
  struct row {
    std::string_view target;
    std::string_view expected;
  };
  row const rows[] = {
      {"/api/", "api"},            {"/api/x", "api"},           {"/api/x/y", "api"},
      {"/api/x?y=/public/", "api"},
      {"/apix", "open"},           // a prefix covers segments, not bytes: the default answers
      {"/api", "none: unsafe_path"},  // /api/ does not cover /api, and routers redirect it there (7.3)
      {"/api/status", "open"},     // exact, longer than /api/
      {"/api/status/x", "api"},    // an exact path covers only itself
      {"/api/statusx", "api"},     {"/public/books", "open"},
      {"/API/x", "open"},          // case-sensitive
      {"/", "open"},               {"/other", "open"},
  };
  for (row const& r : rows) {
    INFO("target: ", r.target);
    CHECK(answered_by(site.evaluate(r.target, from_app)) == r.expected);
  }
}

TEST_CASE("routes: without a default, an uncovered path gets no CORS at all") {
  CHECK(answered_by(no_default.evaluate("/api/x", from_app)) == "api");
  CHECK(answered_by(no_default.evaluate("/other", from_app)) == "none: no_route");
  CHECK(answered_by(no_default.evaluate("/", from_app)) == "none: no_route");
  corset::decision const preflight = no_default.evaluate("/other", {"OPTIONS", "https://app.example.com", "PUT"});
  CHECK(preflight.kind() == request_kind::preflight);
  CHECK(preflight.status() == 0);  // the application answers it, as any OPTIONS request
  CHECK_FALSE(preflight.allowed());
  CHECK(no_default.evaluate("/other", {"GET"}).reason() == reason::not_cors);
}

TEST_CASE("routes: a target a router may resolve differently gets no CORS, even from the default") {
  std::string_view const unsafe[] = {
      // dot-segments, which routers remove
      "/public/../api/x", "/public/./x", "/public/..", "/public/.", "/./api/x", "/..",
      // encoded ., / and \, any case, and double encoding
      "/public/%2e%2e/api/x", "/public/%2E%2E/api/x", "/public%2f..%2fapi/x", "/public%2F..%2Fapi/x",
      "/public/..%5capi", "/public/..%5Capi", "/public/%252e%252e/api", "/public/.%2e/api/x",
      // escapes of bytes a route may hold, which routers decode before routing
      "/%61pi/x", "/api%2Fx", "/public%3a", "/p%75blic/x", "/%6Cegacy/",
      // empty segments
      "//api/x", "/public//x", "/api/x//",
      // not origin-form
      "http://example.com/api/x", "https://app.example.com/public/", "example.com:443", "*", "",
      "api/x",
      // raw bytes outside a path
      "/public\\..\\api", "/a b", "/caf\xc3\xa9", "/a\tb", "/a#b", "/a\"b",
      // malformed escapes
      "/a%", "/a%2", "/a%zz",
      // matrix parameters, which some routers strip before routing
      "/api;jsessionid=1/x", "/public;/../api/x",
  };
  for (std::string_view target : unsafe) {
    INFO("target: ", target);
    corset::decision const d = site.evaluate(target, from_app);
    CHECK(d.reason() == reason::unsafe_path);
    CHECK(d.headers().empty());
    CHECK(d.status() == 0);
    CHECK(site.evaluate(target, {"OPTIONS", "https://app.example.com", "PUT"}).status() == 0);
  }
  // What stays safe: escapes of bytes no route path can hold, and dots inside names.
  std::string_view const safe[] = {"/public/a%20b", "/public/caf%C3%A9", "/public/a%2Bb?x=%2e", "/a%40b",
                                   "/public/.well-known", "/public/a..b", "/public/..x", "/public/x."};
  for (std::string_view target : safe) {
    INFO("target: ", target);
    CHECK(answered_by(site.evaluate(target, from_app)) == "open");
  }
  CHECK(answered_by(site.evaluate("/api/a%20b", from_app)) == "api");
}

TEST_CASE("routes: rules 7.1-7.3, what an open default must never lend to a protected route") {
  // A strict API, a legacy prefix holding a `;`, a strict exact path, and an open default.
  static constexpr corset::routes<corset::route<"/api/", api>, corset::route<"/legacy;v=1/", api>,
                                  corset::route<"/account/delete", api>, corset::route<"/", open>>
      hardened{};
  struct row {
    std::string_view target;
    std::string_view expected;
  };
  row const rows[] = {
      // 7.2: a `;` is safe only inside the bytes of the route path that holds it.
      {"/legacy;v=1/x", "api"},
      {"/legacy;v=1/", "api"},
      {"/api;x/users", "none: unsafe_path"},
      {"/api/x;y", "none: unsafe_path"},
      {"/legacy;v=1/x;y", "none: unsafe_path"},
      {"/legacy;v=2/x", "none: unsafe_path"},
      {"/;", "none: unsafe_path"},
      // 7.3: a route's path without its slash, or with one added, unless a route itself.
      {"/api", "none: unsafe_path"},
      {"/api/", "api"},
      {"/legacy;v=1", "none: unsafe_path"},
      {"/account/delete", "api"},
      {"/account/delete/", "none: unsafe_path"},
      {"/account/delete/x", "open"},  // below an exact path: not its mirror, the default answers
      {"/account", "open"},
      {"/apix", "open"},
      // 7.1: escapes of control bytes, `?`, `#`, and `%3B` in any case.
      {"/api%00/x", "none: unsafe_path"},
      {"/api%0a/x", "none: unsafe_path"},
      {"/api%0A/x", "none: unsafe_path"},
      {"/api%09/x", "none: unsafe_path"},
      {"/api%1f/x", "none: unsafe_path"},
      {"/api%7f/x", "none: unsafe_path"},
      {"/api%7F/x", "none: unsafe_path"},
      {"/api%3F/x", "none: unsafe_path"},
      {"/api%3f/x", "none: unsafe_path"},
      {"/api%23/x", "none: unsafe_path"},
      {"/api%3B/x", "none: unsafe_path"},
      {"/api%3bx/users", "none: unsafe_path"},
      {"/public/a%20b", "open"},  // an escape no router cuts at stays safe
  };
  for (row const& r : rows) {
    INFO("target: ", r.target);
    CHECK(answered_by(hardened.evaluate(r.target, from_app)) == r.expected);
  }
}

TEST_CASE("routes: a route path holding a semicolon lends it to no other route") {
  // Before rules 7.2, one route with a `;` turned the check off for the whole table.
  CHECK(answered_by(site.evaluate("/api;x/users", from_app)) == "none: unsafe_path");
  static constexpr corset::routes<corset::route<"/a;b/", api>, corset::route<"/", open>> with_semicolon{};
  CHECK(answered_by(with_semicolon.evaluate("/a;b/c", from_app)) == "api");
  CHECK(answered_by(with_semicolon.evaluate("/x;b/c", from_app)) == "none: unsafe_path");
}

TEST_CASE("routes: the decisions are exactly the route's policy's, preflights included") {
  corset::request_view const requests[] = {
      from_app,
      {"GET", "https://evil.example"},
      {"GET"},
      {"OPTIONS", "https://app.example.com", "PUT"},
      {"OPTIONS", "https://app.example.com", "DELETE"},
      {"OPTIONS", "https://evil.example", "PUT"},
  };
  for (corset::request_view const& r : requests) {
    INFO("origin: ", r.origin, " acrm: ", r.request_method);
    corset::decision const via_table = site.evaluate("/api/answers/1", r);
    corset::decision const direct = api.evaluate(r);
    CHECK(render(via_table) == render(direct));
    CHECK(via_table.status() == direct.status());
    CHECK(via_table.reason() == direct.reason());
    CHECK(render(site.evaluate("/public/books", r)) == render(open.evaluate(r)));
  }
}

TEST_CASE("preflight_status<200> and pass_through_preflights") {
  corset::request_view const preflight{"OPTIONS", "https://app.example.com", "PUT"};
  corset::request_view const safelisted{"OPTIONS", "https://app.example.com", "GET"};
  check(legacy, safelisted,
        {request_kind::preflight, reason::none, 200, {acao("https://app.example.com"), vary(vary_preflight)}});
  check(legacy, preflight, {request_kind::preflight, reason::method_not_allowed, 403, {vary(vary_preflight)}});
  // Pass-through: the same headers, and status 0, for the application's handler to answer.
  check(documented, preflight,
        {request_kind::preflight, reason::none, 0,
         {acao("https://app.example.com"), acam("PUT"), vary(vary_preflight)}});
  check(documented, {"OPTIONS", "https://evil.example", "PUT"},
        {request_kind::preflight, reason::origin_not_allowed, 0, {vary(vary_preflight)}});
  check(documented, {"OPTIONS", "https://app.example.com"},  // not a preflight: an actual OPTIONS
        {request_kind::actual, reason::none, 0, {acao("https://app.example.com"), vary("Origin")}});
  CHECK(site.evaluate("/legacy/x", safelisted).status() == 200);
  CHECK(site.evaluate("/documented", preflight).status() == 0);
  CHECK(site.evaluate("/documented", preflight).allowed());
}

// Route tables are constant expressions too.
static_assert(site.evaluate("/api/x", from_app)["Access-Control-Allow-Credentials"] == "true");
static_assert(site.evaluate("/public/../api/x", from_app).reason() == reason::unsafe_path);
static_assert(corset::route_table<decltype(site)>);
static_assert(!corset::route_table<decltype(api)>);

// The quick pass over a target (sixteen bytes at a time where the compiler has SSE2) finds the
// same end of the path as the byte-by-byte one, and may flag more bytes, never fewer, from any
// byte of the path on; a path it does not flag, the precise check finds safe.
TEST_CASE("rules 7.1: targets read a vector at a time, the same verdict as byte by byte") {
  using namespace corset::detail;
  constexpr byte_set sensitive = escape_sensitive_bytes(std::array<std::string_view, 1>{"/api/"});
  // `every_start`: the quick pass from each byte of the path on, not only from its first.
  auto const expect_same = [&sensitive](std::string_view target, bool every_start) {
    INFO("target: ", std::string(target));
    std::size_t const end = path_end_bytes(target);
    REQUIRE(path_end(target) == end);
    for (std::size_t from = 0; from <= end; from += every_start ? 1 : end + 1)
      if (needs_check_bytes(target, from, end)) REQUIRE(needs_check(target, from, end));
    std::string_view const path = target.substr(0, end);
    bool const safe = !path.empty() && path[0] == '/' && check_path(path, sensitive).safe;
    if (!path.empty() && path[0] == '/' && !needs_check(target, 0, end)) REQUIRE(safe);
    return safe;
  };
  // Every byte at every position of targets 1 to 40 bytes long, around the block edges.
  std::string target;
  for (std::size_t length = 1; length != 41; ++length)
    for (std::size_t at = 1; at < length; ++at)
      for (unsigned byte = 0; byte != 256; ++byte) {
        target.assign(length, 'a');
        target[0] = '/';
        target[at] = static_cast<char>(byte);
        expect_same(target, false);
        if (at + 1 < length) {
          target[at + 1] = '.';  // `/.` and `//` across the edges of blocks
          expect_same(target, at % 8 == 0);
          target[at + 1] = '/';
          expect_same(target, at % 8 == 4);
        }
      }
  // Random targets from the bytes that matter.
  constexpr std::string_view alphabet = "/./?%;a-Z~_@\x7f\x80 09";
  corset_test::xorshift next;
  int safe = 0;
  for (int round = 0; round != 50000; ++round) {
    target.assign(1, '/');  // not `= "/"`, on which g++ 12 at -O3 warns (-Wrestrict)
    std::size_t const length = next() % 70;
    for (std::size_t i = 0; i != length; ++i) {
      std::uint64_t const r = next();
      target += r % 3 != 0 ? static_cast<char>('a' + (r >> 8) % 26) : alphabet[(r >> 8) % alphabet.size()];
    }
    safe += expect_same(target, true) ? 1 : 0;
  }
  CHECK(safe > 5000);  // the corpus reaches safe targets, not only unsafe ones
}

// route_of judges only the bytes after the route that covers the path (the route's own bytes
// passed the table's check), and finds the route by hash: the same verdict, route and reason as
// route_verdict, which compares every route as text and judges the whole path first.
// `uncovered`: whether the table leaves paths without a route (it has no `/` route).
template <class Dispatch, std::size_t N>
void expect_routed_as_judged_whole(std::array<std::string_view, N> const& pieces, bool uncovered = true) {
  corset_test::xorshift next;
  std::array<int, 3> reached{};  // routed, unsafe, no route
  std::string target;
  for (int round = 0; round != 20000; ++round) {
    target.clear();
    for (std::size_t k = 0, count = 1 + next() % 6; k != count; ++k) target += pieces[next() % N];
    if (next() % 4 == 0) target += "?q=/a/../b";
    auto const got = Dispatch::route_of(target);
    auto const expected = route_verdict<Dispatch>(target);
    INFO("target: ", target);
    REQUIRE(got.route == expected.route);
    REQUIRE(got.why == expected.why);
    ++reached[expected.route != 0 ? 0 : expected.why == reason::unsafe_path ? 1 : 2];
  }
  CHECK(reached[0] > 500);  // each verdict reached, not only one
  CHECK(reached[1] > 500);
  CHECK((uncovered ? reached[2] > 500 : reached[2] == 0));
}

TEST_CASE("rules 7.1-7.3: judging only the bytes after the route, the verdict of judging them all") {
  using namespace corset::detail;
  using site_routes =
      route_dispatch<corset::route<"/api/", api>, corset::route<"/public/", open>, corset::route<"/api/status", open>,
                     corset::route<"/v1:batch", open>, corset::route<"/legacy;v=1/", legacy>,
                     corset::route<"/a-b_c.d~e/", api>, corset::route<"/documented", documented>>;
  expect_routed_as_judged_whole<site_routes>(std::array<std::string_view, 24>{
      "/api", "/api/", "/status", "/public/", "/v1:batch", "/legacy;v=1/", "/legacy", ";v=1", "/a-b_c.d~e/", "/documented",
      "/", "//", "/.", "/..", "x", "%2e", "%2F", "%41", "%3B", ";", "\\", "~", "items/42", "/x"});
  // A `/` route, whose key is empty: every path is under a route. `/api/status/` is the mirror of
  // an exact route whose key ends where no prefix route's does.
  using with_default = route_dispatch<corset::route<"/api/", api>, corset::route<"/public/", open>,
                                      corset::route<"/api/status", documented>, corset::route<"/", open>>;
  expect_routed_as_judged_whole<with_default>(
      std::array<std::string_view, 12>{"/api", "/api/", "/status", "/public/", "/", "//", "/.", "%2e", "items/42", "?",
                                       "x", "/x"},
      false);
  // Targets of 17 to 32 bytes whose path ends where a route's path or its mirror would, past the
  // prefix route they are under: the short way must leave them to the whole lookup.
  for (std::string_view target : {"/api/status/?page=2", "/api/status?page=22", "/api/status/?a=/b/c/d/e",
                                  "/api/stat/?page=222", "/api/status/x?page=2", "/public/?page=2222",
                                  "/api/?page=22222222", "/api/public?page=2",
                                  // The short way judges by the first flagged byte past the prefix:
                                  // only the first `?` ends the path, another byte is no end.
                                  "/api/items?a?b?status", "/api/status%3F?page=2", "/api/it%65ms?page=2",
                                  "/api/items/..?page=2", "/api/items;a?page=22", "/api/statu?s?page=2"}) {
    INFO("target: ", std::string(target));
    auto const got = with_default::route_of(target);
    auto const expected = route_verdict<with_default>(target);
    CHECK(got.route == expected.route);
    CHECK(got.why == expected.why);
  }
  // Prefix keys all longer than a word and under 16 bytes (the short way then loads the key's
  // words without a branch on its length), exact routes and mirrors among them.
  using word_keys = route_dispatch<corset::route<"/api/tenant1/", api>, corset::route<"/api/tenant12/", open>,
                                   corset::route<"/documents/", documented>, corset::route<"/api/tenant1", open>,
                                   corset::route<"/api/v1/status", documented>>;
  static_assert((word_keys::facts::index.short_prefix_lengths() & 0x1FFu) == 0);
  expect_routed_as_judged_whole<word_keys>(
      std::array<std::string_view, 16>{"/api/tenant1/", "/api/tenant12/", "/api/tenant1", "/api/tenant12", "/documents/",
                                       "/documents", "/api/v1/status", "/api/v1/status/", "items/42", "x", "/", "//",
                                       "/.", "%2e", "?page=2", "?"});
  // Routes longer than 64 bytes, whose prefixes end past the bytes a mask holds.
  using long_routes = route_dispatch<corset::route<"/tenants/0123456789abcdef0123456789abcdef0123456789abcdef/api/", api>,
                                     corset::route<"/tenants/", open>>;
  expect_routed_as_judged_whole<long_routes>(std::array<std::string_view, 10>{
      "/tenants/0123456789abcdef0123456789abcdef0123456789abcdef/api/", "/tenants/", "/tenants",
      "0123456789abcdef0123456789abcdef0123456789abcdef", "/api/", "x/", "/.", "//", "%2e", "?"});
}

// The route index knows a key of up to 16 bytes by its length and its first and last 8 bytes,
// read from the request's path with word loads that may go on past the path into the rest of
// the target. Keys of every length from 2 to 24 bytes, each beside two that differ from it in one
// byte (its last, and one in its middle), looked up at compile time and at run time with every
// kind of byte after them: the same route as a plain reading of Go's ServeMux rule.
namespace key_words {

constexpr std::size_t lengths = 24;
// Per length m: the key `/bcd...` (m bytes) as a prefix route, the same with its last byte `Z` as
// an exact route, and with its middle byte `Y` as an exact route.
constexpr std::size_t count = 3 * lengths;
constexpr auto texts = [] {
  std::array<std::array<char, lengths + 1>, count> out{};
  for (std::size_t m = 1; m <= lengths; ++m) {
    for (std::size_t v = 0; v != 3; ++v) {
      auto& t = out[3 * (m - 1) + v];
      t[0] = '/';
      for (std::size_t i = 1; i != m; ++i) t[i] = static_cast<char>('a' + i % 26);
      if (v == 0) t[m] = '/';                      // the prefix route's trailing slash
      if (v == 1 && m > 1) t[m - 1] = 'Z';
      if (v == 2 && m > 2) t[m / 2] = 'Y';
    }
  }
  return out;
}();
constexpr std::size_t length_of(std::size_t k) { return k % 3 == 0 ? k / 3 + 2 : k / 3 + 1; }
constexpr auto paths = [] {
  std::array<std::string_view, count> out{};
  for (std::size_t k = 0; k != count; ++k) out[k] = {texts[k].data(), length_of(k)};
  // A key of one byte is `/`, which has no byte to change: three other short paths instead.
  out[0] = "/a/";
  out[1] = "/~1";
  out[2] = "/~2";
  return out;
}();
constexpr corset::detail::route_index<count, lengths + 1> table{paths};
static_assert(table.first_duplicate() == 0);

}  // namespace key_words

static_assert(key_words::table.find("/bcdefghij/x", 12).route == key_words::table.find("/bcdefghij/", 11).route);
static_assert(key_words::table.find("/bcdefghij/x", 12).route == 3 * 9 + 1);
static_assert(key_words::table.find("/bcdefghiZ", 10).route == 3 * 9 + 2);
static_assert(key_words::table.find("/bcdefghiY", 10).route == 0);

TEST_CASE("rules 7: route keys of every length, known by their words, the route of a plain reading") {
  using namespace key_words;
  corset_test::xorshift next;
  std::string target;
  std::array<int, 3> reached{};  // a route, a mirror, none
  for (int round = 0; round != 200000; ++round) {
    // A route's path, perhaps a byte shorter, perhaps with one byte changed, then up to three more
    // bytes of path, then up to 19 bytes of anything past the path.
    std::string_view const base = paths[next() % count];
    target.assign(base.substr(0, base.size() - next() % 2));
    if (next() % 3 == 0) target[next() % target.size()] = "aZY/"[next() % 4];
    target[0] = '/';
    for (std::size_t k = next() % 4; k != 0; --k) target += "/abZY"[next() % 5];
    std::size_t const path_length = target.size();
    for (std::size_t k = next() % 20; k != 0; --k) target += static_cast<char>(next() % 256);  // past the path
    std::string_view const path = std::string_view(target).substr(0, path_length);
    auto const got = table.find(path, target.size());
    model::route_match const expected = model::match_route(paths, path);
    INFO("path: ", std::string(path), ", target bytes: ", target.size());
    REQUIRE(got.route == expected.route);
    REQUIRE(got.covered == expected.covered);
    REQUIRE(got.mirror == expected.mirror);
    ++reached[got.route != 0 ? 0 : got.mirror ? 1 : 2];
  }
  for (int n : reached) CHECK(n > 10000);  // each answer reached, not only one
}
