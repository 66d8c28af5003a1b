// corset/methods.hpp - which methods a preflight may ask for (Access-Control-Allow-Methods).
#pragma once

#include <array>
#include <string_view>

#include <corset/detail/option_kind.hpp>
#include <corset/fixed_string.hpp>

namespace corset {

// One request method, byte-exact and case-sensitive: `method<"PATCH">` (rules 4.8).
template <fixed_string Name>
struct method {
  static constexpr std::string_view name = Name.view();
};

// Common methods by name. GET, HEAD and POST are safelisted and need no listing (rules 4.7).
namespace methods {
using get = method<"GET">;
using head = method<"HEAD">;
using post = method<"POST">;
using put = method<"PUT">;
using patch = method<"PATCH">;
using delete_ = method<"DELETE">;
using options = method<"OPTIONS">;
}  // namespace methods

template <class T>
inline constexpr bool is_method = false;
template <fixed_string Name>
inline constexpr bool is_method<method<Name>> = true;

// The methods a preflight may request besides the safelisted ones: allow_methods<methods::put>.
template <class... Methods>
struct allow_methods {};

// Every method that is a token, except the forbidden CONNECT, TRACE and TRACK.
struct allow_any_method {};

namespace detail {
template <class... Methods>
inline constexpr option_kind kind_of<allow_methods<Methods...>> = option_kind::methods;
template <>
inline constexpr option_kind kind_of<allow_any_method> = option_kind::methods;
}  // namespace detail

}  // namespace corset
