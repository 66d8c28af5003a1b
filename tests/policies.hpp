// Policies shared by several test files.
#pragma once

#include "policy_under_test.hpp"

namespace test_policies {

// The example policy.
inline constexpr corset_test::policy<
    corset::allow_origins<"https://app.example.com", "https://*.example.org", "http://localhost:8080">,
    corset::allow_methods<corset::method<"PUT">, corset::method<"DELETE">>,
    corset::allow_headers<"content-type", "x-csrf-token">, corset::expose_headers<"x-request-id">,
    corset::allow_credentials, corset::max_age<600>>
    seed_api{};

// What the adapter tests serve.
inline constexpr corset_test::policy<corset::allow_origins<"https://app.example.com">,
                                corset::allow_methods<corset::methods::put>,
                                corset::allow_headers<"content-type", "x-csrf-token">,
                                corset::allow_credentials, corset::max_age<600>>
    adapter_api{};

}  // namespace test_policies

namespace test_policies {

// A route table for the adapters (rules 7), with an open area and an API that documents OPTIONS.
inline constexpr corset_test::policy<corset::allow_any_origin> open{};
inline constexpr corset_test::policy<corset::allow_origins<"https://app.example.com">,
                                corset::allow_methods<corset::methods::put>, corset::pass_through_preflights>
    documented{};
inline constexpr corset::routes<corset::route<"/answers/", adapter_api>, corset::route<"/public/", open>,
                                corset::route<"/docs", documented>>
    adapter_site{};

}  // namespace test_policies

namespace test_policies {

// rules 7.1-7.3 through the adapters: a strict API, a `;` route, a strict exact path and an open
// default, which must lend nothing to the others.
inline constexpr corset::routes<corset::route<"/answers/", adapter_api>, corset::route<"/legacy;v=1/", adapter_api>,
                                corset::route<"/account/delete", adapter_api>, corset::route<"/", open>>
    hardened_site{};

inline constexpr char const* vary_preflight = "Origin, Access-Control-Request-Method, Access-Control-Request-Headers";

// Targets that would get the open default's headers if the router's view were not considered.
inline constexpr char const* unsafe_targets[] = {
    "/answers", "/account/delete/", "/answers;x/1", "/answers%3B/1", "/answers%3f/1", "/answers%23/1",
    "/answers%00/1", "/answers%0a/1", "/answers%09/1", "/answers%7F/1", "/public/..%2fanswers/1",
};

}  // namespace test_policies
