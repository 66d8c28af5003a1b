// corset/headers.hpp - request headers a preflight may ask for (Access-Control-Allow-Headers)
// and response headers scripts may read (Access-Control-Expose-Headers).
#pragma once

#include <array>
#include <string_view>

#include <corset/detail/option_kind.hpp>
#include <corset/fixed_string.hpp>

namespace corset {

// Request header names a preflight may ask for, compared case-insensitively (rules 4.9).
template <fixed_string... Names>
struct allow_headers {
  static constexpr std::array<std::string_view, sizeof...(Names)> values{Names.view()...};
};

// Every request header name but `authorization`, which `*` never covers; add
// allow_headers<"authorization"> beside it to allow that one too.
struct allow_any_header {};

// Response header names scripts may read beyond the safelisted ones.
template <fixed_string... Names>
struct expose_headers {
  static constexpr std::array<std::string_view, sizeof...(Names)> values{Names.view()...};
};

// `Access-Control-Expose-Headers: *`: every response header, for requests without credentials.
struct expose_any_header {};

namespace detail {
template <fixed_string... Names>
inline constexpr option_kind kind_of<allow_headers<Names...>> = option_kind::request_headers;
template <>
inline constexpr option_kind kind_of<allow_any_header> = option_kind::request_headers;
template <fixed_string... Names>
inline constexpr option_kind kind_of<expose_headers<Names...>> = option_kind::exposed_headers;
template <>
inline constexpr option_kind kind_of<expose_any_header> = option_kind::exposed_headers;
}  // namespace detail

}  // namespace corset
