// The seed's API policy and a route table over it, exported at build time by
// corset_nginx_config() and corset_haproxy_config() (tests/CMakeLists.txt).
#pragma once
#include <corset/corset.hpp>
#include <corset/origin_set.hpp>

namespace corset_edge_test {
inline constexpr corset::policy<corset::allow_origins<"http://localhost:8001", "https://*.example.org">,
                                corset::allow_methods<corset::methods::put>,
                                corset::allow_headers<"content-type", "x-csrf-token">, corset::allow_credentials,
                                corset::max_age<600>>
    seed{};

// The books' hosts, a run-time set: its route reads them from a file the edge_origins tool writes.
inline corset::origin_set<corset::allow_credentials> book_hosts;
inline constexpr corset::policy<corset::allow_origins_from<book_hosts>, corset::allow_credentials> books{};
inline constexpr corset::policy<corset::allow_any_origin> open{};
inline constexpr corset::routes<corset::route<"/public/", open>, corset::route<"/books/", books>, corset::route<"/", seed>>
    site{};
}  // namespace corset_edge_test
