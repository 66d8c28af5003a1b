// corset/origins.hpp - which origins may read responses (Access-Control-Allow-Origin).
#pragma once

#include <array>
#include <string_view>

#include <corset/detail/option_kind.hpp>
#include <corset/fixed_string.hpp>

namespace corset {

// The origins allowed to read responses, in serialized form (rules 3): `https://app.example.com`,
// `https://*.example.com` (one or more subdomain labels, never the apex), `http://localhost:*`
// (any port). Each matched origin is echoed back; `Vary: Origin` is always sent.
template <fixed_string... Origins>
struct allow_origins {
  static constexpr std::array<std::string_view, sizeof...(Origins)> values{Origins.view()...};
};

// Every origin, answered with a static `Access-Control-Allow-Origin: *` (rules 4.1). Never with
// allow_credentials: browsers refuse `*` on credentialed requests.
struct allow_any_origin {};

namespace detail {
template <fixed_string... Origins>
inline constexpr option_kind kind_of<allow_origins<Origins...>> = option_kind::origins;
template <>
inline constexpr option_kind kind_of<allow_any_origin> = option_kind::origins;
}  // namespace detail

}  // namespace corset
