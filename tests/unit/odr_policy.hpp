// One policy, included by two translation units that are linked together (odr_a, odr_b).
#pragma once
#include <corset/corset.hpp>

inline constexpr corset::policy<corset::allow_origins<"https://app.example.com", "https://*.example.org">,
                                corset::allow_methods<corset::methods::put>, corset::allow_headers<"x-a">,
                                corset::allow_credentials, corset::max_age<60>>
    shared_policy{};

corset::decision evaluate_in_a(corset::request_view const& r);
corset::decision evaluate_in_b(corset::request_view const& r);
