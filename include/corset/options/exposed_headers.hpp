// corset/options/exposed_headers.hpp - response headers scripts may read
// (Access-Control-Expose-Headers, rules 4.3).
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

namespace corset {

// Response header names scripts may read beyond the safelisted ones.
template <fixed_string... Names>
struct expose_headers {
  static constexpr std::array<std::string_view, sizeof...(Names)> values{Names.view()...};
};

// `Access-Control-Expose-Headers: *`: every response header, for requests without credentials.
struct expose_any_header {};

namespace detail {

// What every exposed headers option adds to an allowed response that is not a preflight.
template <std::string_view const& Value>
struct exposed_headers_answer : option_defaults {
  template <class Out>
  static constexpr void answer(Out& out) {
    if constexpr (!Value.empty()) out.add(expose_headers_name, Value);
  }
  template <class Out>
  static constexpr void describe(Out& out) noexcept {
    if constexpr (!Value.empty()) out("; exposed headers ")(Value);
  }
};

inline constexpr std::string_view nothing_exposed{};
inline constexpr std::string_view everything_exposed = "*";

struct exposed_headers_kind
    : option_kind<mistake::two_exposed_headers_options, exposed_headers_answer<nothing_exposed>> {};

template <fixed_string... Names>
struct kind_of<expose_headers<Names...>> {
  using type = exposed_headers_kind;
  using tag = list_tag<exposed_headers_kind>;
};
template <>
struct kind_of<expose_any_header> {
  using type = exposed_headers_kind;
};

// The names lowercased and joined with "," at compile time.
template <fixed_string... Names, policy_facts Facts>
struct option_traits<expose_headers<Names...>, Facts>
    : exposed_headers_answer<joined_lowercase_view<expose_headers<Names...>::values>> {
  static constexpr diagnosis check = [] {
    if (sizeof...(Names) == 0) return diagnosis{mistake::empty_exposed_headers};
    return first_mistake<key_case::folded>(expose_headers<Names...>::values,
                                           std::array<name_facts, sizeof...(Names)>{exposed_header_facts<Names>...},
                                           mistake::duplicate_exposed_header);
  }();
};

// Never with credentials, where browsers read `*` literally (rules 5.3: analysis.hpp).
template <policy_facts Facts>
struct option_traits<expose_any_header, Facts> : exposed_headers_answer<everything_exposed> {};

}  // namespace detail
}  // namespace corset
