// corset/options/methods.hpp - which methods a preflight may ask for (Access-Control-Allow-Methods).
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

#include <corset/detail/hash_table.hpp>
#include <corset/detail/header_names.hpp>
#include <corset/detail/name_set.hpp>
#include <corset/detail/names.hpp>
#include <corset/detail/option.hpp>
#include <corset/fixed_string.hpp>
#include <corset/request.hpp>

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

// What every methods option answers: the requested method, when it is not safelisted (4.5).
struct methods_answer : option_defaults {
  template <class Out>
  static constexpr void answer(Out& out, request_view const& r) {
    if (!is_safelisted_method(r.request_method)) out.add(allow_methods_name, r.request_method);
  }
};

// No methods option: the safelisted methods only.
struct no_methods : methods_answer {
  [[nodiscard]] static constexpr bool allows(std::string_view) noexcept { return false; }
  template <class Out>
  static constexpr void describe(Out& out) noexcept {
    out("; methods GET, HEAD, POST");
  }
};

struct methods_kind : option_kind<mistake::two_methods_options, no_methods> {};

template <class... Methods>
struct kind_of<allow_methods<Methods...>> {
  using type = methods_kind;
  using tag = list_tag<methods_kind>;
};
template <>
struct kind_of<allow_any_method> {
  using type = methods_kind;
};

// The position (1-based) of the first type in a list that is not a corset::method, or 0.
template <class... Methods>
inline constexpr std::size_t first_non_method =
    first_false(std::array<bool, sizeof...(Methods)>{is_method<Methods>...});

template <class... Methods, policy_facts Facts>
struct option_traits<allow_methods<Methods...>, Facts> : methods_answer {
  static constexpr diagnosis check = [] {
    if constexpr (sizeof...(Methods) == 0) {
      return diagnosis{mistake::empty_methods};
    } else if constexpr (first_non_method<Methods...> != 0) {
      return diagnosis{mistake::not_a_method, first_non_method<Methods...>};
    } else {
      return first_mistake<key_case::exact>(std::array<std::string_view, sizeof...(Methods)>{Methods::name...},
                                            std::array<name_facts, sizeof...(Methods)>{method_facts<Methods>...},
                                            mistake::duplicate_method);
    }
  }();

  static constexpr std::array<std::string_view, sizeof...(Methods)> names{Methods::name...};
  // Byte-exact (rules 4.8): `patch` is not `PATCH`.
  [[nodiscard]] static constexpr bool allows(std::string_view m) noexcept {
    return name_set<key_case::exact, names>::contains(m);
  }
  template <class Out>
  static constexpr void describe(Out& out) noexcept {
    no_methods::describe(out);
    for (std::string_view m : names) out(", ")(m);
  }
};

template <policy_facts Facts>
struct option_traits<allow_any_method, Facts> : methods_answer {
  // Every token but the forbidden methods (rules 4.8).
  [[nodiscard]] static constexpr bool allows(std::string_view m) noexcept {
    return is_token(m) && !is_forbidden_method(m);
  }
  template <class Out>
  static constexpr void describe(Out& out) noexcept {
    out("; any method but CONNECT, TRACE, TRACK");
  }
};

}  // namespace detail
}  // namespace corset
