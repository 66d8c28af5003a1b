// Patterns, long hosts and route tables as constant expressions. Also compiled by g++ with
// -fsanitize=undefined (tests/CMakeLists.txt), where std::string_view::find is not a constant
// expression: corset's compile-time checks must not depend on the user's sanitizer flags.
#include <corset/corset.hpp>

namespace {

inline constexpr corset::policy<corset::allow_origins<"https://*.example.com", "http://localhost:*",
                                                      "https://*.example.net:*", "http://[::1]:*">,
                                corset::allow_credentials>
    patterns{};
static_assert(patterns.evaluate({"GET", "https://a.example.com"}).allowed());
static_assert(patterns.evaluate({"GET", "http://localhost:5173"}).allowed());
static_assert(patterns.evaluate({"GET", "https://a.b.example.net:8443"}).allowed());
static_assert(!patterns.evaluate({"GET", "https://example.com"}).allowed());
// rules 3.5: a label over 63 bytes never matches.
static_assert(!patterns.evaluate({"GET", "https://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.example.com"}).allowed());
static_assert(patterns.evaluate({"GET", "https://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.example.com"}).allowed());

inline constexpr corset::policy<corset::allow_origins<"https://app.example.com">, corset::allow_credentials> api{};
inline constexpr corset::policy<corset::allow_any_origin> open{};
inline constexpr corset::routes<corset::route<"/api/", api>, corset::route<"/legacy;v=1/", api>,
                                corset::route<"/account/delete", api>, corset::route<"/", open>>
    site{};
constexpr corset::request_view from_app{"GET", "https://app.example.com"};
static_assert(site.evaluate("/api/x?y", from_app)["Access-Control-Allow-Credentials"] == "true");
static_assert(site.evaluate("/legacy;v=1/x", from_app).allowed());
static_assert(site.evaluate("/x", from_app)["Access-Control-Allow-Origin"] == "*");
// rules 7: what the open default must not answer.
static_assert(site.evaluate("/api", from_app).reason() == corset::reason::unsafe_path);
static_assert(site.evaluate("/account/delete/", from_app).reason() == corset::reason::unsafe_path);
static_assert(site.evaluate("/api;x/users", from_app).reason() == corset::reason::unsafe_path);
static_assert(site.evaluate("/api%0a/x", from_app).reason() == corset::reason::unsafe_path);
static_assert(site.evaluate("/api%3B/x", from_app).reason() == corset::reason::unsafe_path);
static_assert(site.evaluate("/public/../api/x", from_app).reason() == corset::reason::unsafe_path);

// rules 4.10: a name longer than any allowed one is not allowed, not malformed.
inline constexpr corset::policy<corset::allow_origins<"https://app.example.com">, corset::allow_headers<"x-a">> headers{};
static_assert(headers.evaluate({"OPTIONS", "https://app.example.com", "POST", "x-requested-with"}).reason() ==
              corset::reason::header_not_allowed);
static_assert(headers.evaluate({"OPTIONS", "https://app.example.com", "POST", "x-b,x-a"}).reason() ==
              corset::reason::malformed_request_headers);

}  // namespace
