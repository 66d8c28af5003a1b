// Policies shared by several test files.
#pragma once

#include <corset/corset.hpp>

namespace test_policies {

// The example policy.
inline constexpr corset::policy<
    corset::allow_origins<"https://app.example.com", "https://*.example.org", "http://localhost:8080">,
    corset::allow_methods<corset::method<"PUT">, corset::method<"DELETE">>,
    corset::allow_headers<"content-type", "x-csrf-token">, corset::expose_headers<"x-request-id">,
    corset::allow_credentials, corset::max_age<600>>
    seed_api{};

// What the adapter tests serve.
inline constexpr corset::policy<corset::allow_origins<"https://app.example.com">,
                                corset::allow_methods<corset::methods::put>,
                                corset::allow_headers<"content-type", "x-csrf-token">,
                                corset::allow_credentials, corset::max_age<600>>
    adapter_api{};

}  // namespace test_policies
