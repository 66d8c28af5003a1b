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

// Issue 6: a route table for the adapters, with an open area and an API that documents OPTIONS.
inline constexpr corset_test::policy<corset::allow_any_origin> open{};
inline constexpr corset_test::policy<corset::allow_origins<"https://app.example.com">,
                                corset::allow_methods<corset::methods::put>, corset::pass_through_preflights>
    documented{};
inline constexpr corset::routes<corset::route<"/answers/", adapter_api>, corset::route<"/public/", open>,
                                corset::route<"/docs", documented>>
    adapter_site{};

}  // namespace test_policies
