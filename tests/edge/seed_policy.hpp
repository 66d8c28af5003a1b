// The seed's API policy, exported to nginx at build time by corset_nginx_config() (tests/CMakeLists.txt).
#pragma once
#include <corset/corset.hpp>

namespace corset_edge_test {
inline constexpr corset::policy<corset::allow_origins<"http://localhost:8001", "https://*.example.org">,
                                corset::allow_methods<corset::methods::put>,
                                corset::allow_headers<"content-type", "x-csrf-token">, corset::allow_credentials,
                                corset::max_age<600>>
    seed{};
}
