// corset/detail/header_names.hpp - the names of the headers corset writes, in canonical case
// (rules 4.12), and the values of Vary (rules 4.2).
#pragma once

#include <string_view>

namespace corset::detail {

inline constexpr std::string_view allow_origin_name = "Access-Control-Allow-Origin";
inline constexpr std::string_view allow_credentials_name = "Access-Control-Allow-Credentials";
inline constexpr std::string_view allow_methods_name = "Access-Control-Allow-Methods";
inline constexpr std::string_view allow_headers_name = "Access-Control-Allow-Headers";
inline constexpr std::string_view max_age_name = "Access-Control-Max-Age";
inline constexpr std::string_view allow_private_network_name = "Access-Control-Allow-Private-Network";
inline constexpr std::string_view expose_headers_name = "Access-Control-Expose-Headers";
inline constexpr std::string_view vary_name = "Vary";

// Vary on responses that are not preflights: Origin, unless every origin gets a static `*`.
[[nodiscard]] constexpr std::string_view actual_vary(bool any_origin) noexcept { return any_origin ? "" : "Origin"; }

// Vary on preflights, by allow_any_origin and allow_private_network.
[[nodiscard]] constexpr std::string_view preflight_vary(bool any_origin, bool private_network) noexcept {
  constexpr std::string_view values[2][2] = {
      {"Origin, Access-Control-Request-Method, Access-Control-Request-Headers",
       "Origin, Access-Control-Request-Method, Access-Control-Request-Headers, Access-Control-Request-Private-Network"},
      {"Access-Control-Request-Method, Access-Control-Request-Headers",
       "Access-Control-Request-Method, Access-Control-Request-Headers, Access-Control-Request-Private-Network"},
  };
  return values[any_origin][private_network];
}

}  // namespace corset::detail
