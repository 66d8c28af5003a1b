// corset/detail/header_names.hpp - the names of the headers corset writes, in canonical case
// (rules 4.12), and the values of Vary (rules 4.2).
#pragma once

#include <string_view>

namespace corset::detail {

// Literals as `"..."sv`: a std::string_view made from a plain literal measures it byte by byte
// during constant evaluation, and every file that includes corset would pay for these (clang 14:
// about 3 ms for this header).
using namespace std::string_view_literals;

inline constexpr std::string_view allow_origin_name = "Access-Control-Allow-Origin"sv;
inline constexpr std::string_view allow_credentials_name = "Access-Control-Allow-Credentials"sv;
inline constexpr std::string_view allow_methods_name = "Access-Control-Allow-Methods"sv;
inline constexpr std::string_view allow_headers_name = "Access-Control-Allow-Headers"sv;
inline constexpr std::string_view max_age_name = "Access-Control-Max-Age"sv;
inline constexpr std::string_view allow_private_network_name = "Access-Control-Allow-Private-Network"sv;
inline constexpr std::string_view expose_headers_name = "Access-Control-Expose-Headers"sv;
inline constexpr std::string_view vary_name = "Vary"sv;

// Vary on responses that are not preflights: Origin, unless every origin gets a static `*`.
[[nodiscard]] constexpr std::string_view actual_vary(bool any_origin) noexcept { return any_origin ? "" : "Origin"; }

// Vary on preflights, by allow_any_origin and allow_private_network.
[[nodiscard]] constexpr std::string_view preflight_vary(bool any_origin, bool private_network) noexcept {
  constexpr std::string_view values[2][2] = {
      {"Origin, Access-Control-Request-Method, Access-Control-Request-Headers"sv,
       "Origin, Access-Control-Request-Method, Access-Control-Request-Headers, Access-Control-Request-Private-Network"sv},
      {"Access-Control-Request-Method, Access-Control-Request-Headers"sv,
       "Access-Control-Request-Method, Access-Control-Request-Headers, Access-Control-Request-Private-Network"sv},
  };
  return values[any_origin][private_network];
}

}  // namespace corset::detail
