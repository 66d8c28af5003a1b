// Explanations of decisions (safe to log) and descriptions of policies.
#include <string>
#include <string_view>

#include "../policies.hpp"
#include "support.hpp"

namespace {

constexpr auto const& api = test_policies::seed_api;

inline constexpr corset::policy<corset::allow_any_origin, corset::allow_any_method, corset::allow_any_header,
                                corset::expose_any_header, corset::allow_private_network,
                                corset::pass_through_preflights>
    open{};
inline constexpr corset::policy<corset::allow_origins<"https://app.example.com">, corset::preflight_status<200>>
    legacy{};
inline constexpr corset::routes<corset::route<"/api/", api>, corset::route<"/public/", open>> site{};

std::string explain(corset::request_view const& r) { return std::string{api.explain(r).view()}; }

}  // namespace

TEST_CASE("explanations name the failed step and the offending token") {
  CHECK(explain({"GET"}) == "not CORS: the request has no Origin");
  CHECK(explain({"GET", "https://app.example.com"}) == R"(allowed: request from origin "https://app.example.com")");
  CHECK(explain({"OPTIONS", "https://a.example.org", "PUT"}) ==
        R"(allowed: preflight from origin "https://a.example.org" for method "PUT")");
  CHECK(explain({"GET", "https://evil.example"}) ==
        R"(refused: request from origin "https://evil.example", origin not allowed)");
  CHECK(explain({"OPTIONS", "https://evil.example", "PUT"}) ==
        R"(refused: preflight from origin "https://evil.example", origin not allowed)");
  CHECK(explain({"OPTIONS", "https://app.example.com", "PATCH"}) ==
        R"(refused: preflight from origin "https://app.example.com" asks for method "PATCH", not allowed)");
  CHECK(explain({"OPTIONS", "https://app.example.com", "PUT", "content-type,x-debug"}) ==
        R"(refused: preflight from origin "https://app.example.com" asks for header "x-debug", not allowed)");
  std::string_view const more[] = {"x-csrf-token", "x-z"};
  CHECK(explain({"OPTIONS", "https://app.example.com", "PUT", "content-type", "", more}) ==
        R"(refused: preflight from origin "https://app.example.com" asks for header "x-z", not allowed)");
  CHECK(explain({"OPTIONS", "https://app.example.com", "PUT", "x-b,x-a"}) ==
        R"(refused: preflight from origin "https://app.example.com" has a malformed Access-Control-Request-Headers starting "x-b,x-a")");
}

TEST_CASE("explanations of refused request headers name the header, and quote every line of a malformed list") {
  // A header the policy forgot, longer than any it allows: not allowed, named (rules 4.10).
  CHECK(explain({"OPTIONS", "https://app.example.com", "PUT", "content-type,x-requested-with"}) ==
        R"(refused: preflight from origin "https://app.example.com" asks for header "x-requested-with", not allowed)");
  CHECK(explain({"OPTIONS", "https://app.example.com", "PUT", "authorization"}) ==
        R"(refused: preflight from origin "https://app.example.com" asks for header "authorization", not allowed)");
  // A list split over lines by a proxy: each line is quoted, the first four shown.
  std::string_view const two[] = {"x-c,x-b"};
  CHECK(explain({"OPTIONS", "https://app.example.com", "PUT", "x-a", "", two}) ==
        R"(refused: preflight from origin "https://app.example.com" has a malformed Access-Control-Request-Headers in 2 lines: "x-a", "x-c,x-b")");
  std::string_view const five[] = {"x-b", "", "x-a\r\n", "x-d"};
  CHECK(explain({"OPTIONS", "https://app.example.com", "PUT", "x-c", "", five}) ==
        R"(refused: preflight from origin "https://app.example.com" has a malformed Access-Control-Request-Headers in 5 lines: "x-c", "x-b", "", "x-a\x0d\x0a", ...)");
}

TEST_CASE("explanations say that Chrome's private network preflights are gone") {
  // rules 4.11: allow_private_network is a legacy opt-in; the header unlocks nothing in Chrome.
  CHECK(std::string{open.explain({"OPTIONS", "https://app.example.com", "PUT", "", "true"}).view()} ==
        R"(allowed: preflight from origin "https://app.example.com" for method "PUT"; note: Chrome no longer sends )"
        R"(Private Network Access preflights (it asks the user for local network access), so allow_private_network )"
        R"(unlocks nothing there)");
  CHECK(explain({"OPTIONS", "https://app.example.com", "PUT"}).find("Private") == std::string::npos);
}

TEST_CASE("explanations escape what a log could misread and stay bounded") {
  // CR, LF, quotes, backslashes, NUL and non-ASCII never reach the log line as such.
  std::string const evil_origin = std::string{"https://evil.example\r\nX-Injected: \"1\"\\"} + '\0' + "\xc3\xa9";
  std::string const line = explain({"GET", evil_origin});
  CHECK(line == R"(refused: request from origin "https://evil.example\x0d\x0aX-Injected:\x20\x221\x22\x5c\x00\xc3\xa9", origin not allowed)");
  CHECK(line.find('\r') == std::string::npos);
  CHECK(line.find('\n') == std::string::npos);
  // A method that is not a token is shown escaped too.
  CHECK(explain({"OPTIONS", "https://app.example.com", "PU T"}) ==
        R"(refused: preflight from origin "https://app.example.com" asks for method "PU\x20T", not allowed)");
  // Tokens are cut at 64 bytes: a 1 MiB origin gives a short line.
  std::string const huge(std::size_t{1} << 20, '\n');
  std::string const cut = explain({"GET", huge});
  CHECK(cut.size() < 320);
  CHECK(cut.find("...") != std::string::npos);
  std::string const huge_header(std::size_t{1} << 20, 'a');
  CHECK(explain({"OPTIONS", "https://app.example.com", "PUT", huge_header}).size() < 400);
}

TEST_CASE("route tables explain with the path, and why a path gets no CORS") {
  CHECK(std::string{site.explain("/api/x?q=1", {"GET", "https://evil.example"}).view()} ==
        R"(refused: request from origin "https://evil.example", origin not allowed (path "/api/x"))");
  CHECK(std::string{site.explain("/other", {"GET", "https://app.example.com"}).view()} ==
        R"(no CORS: no route covers the path (path "/other"))");
  CHECK(std::string{site.explain("/public/..%2fapi\r\n", {"GET", "https://app.example.com"}).view()} ==
        R"(no CORS: a router may resolve the path differently (path "/public/..%2fapi\x0d\x0a"))");
}

TEST_CASE("descriptions say what a policy allows, in words, computed at compile time") {
  static_assert(legacy.describe() == "origin https://app.example.com; methods GET, HEAD, POST; preflights answered 200");
  CHECK(std::string{api.describe()} ==
        "origins https://app.example.com, https://*.example.org, http://localhost:8080; methods GET, HEAD, "
        "POST, PUT, DELETE; request headers content-type,x-csrf-token; exposed headers x-request-id; with "
        "credentials; preflights cached 600 s; cross-origin writes refused");
  CHECK(std::string{open.describe()} ==
        "any origin, answered with *; any method but CONNECT, TRACE, TRACK; any request header but "
        "authorization; exposed headers *; private network access; preflights passed to the application");
  CHECK(std::string{site.describe()} == "/api/: " + std::string{api.describe()} + "\n/public/: " +
                                            std::string{open.describe()});
}
