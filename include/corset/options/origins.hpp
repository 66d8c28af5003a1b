// corset/options/origins.hpp - which origins may read responses (Access-Control-Allow-Origin).
//
// The origins kind: allow_origins<...> and allow_any_origin here, allow_origins_from<set> in
// <corset/origin_set.hpp>. A policy has exactly one (rules 5.1).
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

#include <corset/detail/header_names.hpp>
#include <corset/detail/option.hpp>
#include <corset/detail/origin_matcher.hpp>
#include <corset/fixed_string.hpp>
#include <corset/request.hpp>

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

// No absent traits: a policy needs an origin option (rules 5.1).
struct origins_kind : option_kind<mistake::two_origin_options, void> {};

template <fixed_string... Origins>
struct kind_of<allow_origins<Origins...>> {
  using type = origins_kind;
};
template <>
struct kind_of<allow_any_origin> {
  using type = origins_kind;
};

// What every origins option answers when it allows: the origin it matched, echoed, or `*`.
template <bool Any>
struct origins_answer : option_defaults {
  static constexpr bool any = Any;
  template <class Out>
  static constexpr void answer(Out& out, request_view const& r) noexcept {
    out.add(allow_origin_name, Any ? std::string_view{"*"} : r.origin);
  }
};

template <origin_rules Rules, fixed_string... Origins>
struct listed_origins : origins_answer<false> {
  using matcher = origin_matcher<Rules, Origins...>;

  // rules 5.4-5.7: each origin on its own (in its own variable template), then duplicates.
  static constexpr std::array<mistake, sizeof...(Origins)> mistakes{facts_of<Rules, Origins>.what...};
  static constexpr std::size_t first_bad = first_position(mistakes, [](mistake m) { return m != mistake::none; });
  static constexpr diagnosis check = [] {
    if constexpr (sizeof...(Origins) == 0) {
      return diagnosis{mistake::empty_origins};
    } else if constexpr (first_bad != 0) {
      return diagnosis{mistakes[first_bad - 1], first_bad};
    } else if constexpr (matcher::first_duplicate != 0) {
      return diagnosis{mistake::duplicate_origin, matcher::first_duplicate};
    } else {
      return diagnosis{};
    }
  }();

  [[nodiscard]] static constexpr bool match(std::string_view origin) noexcept { return matcher::match(origin); }

  template <class Out>
  static constexpr void describe(Out& out) noexcept {
    out(sizeof...(Origins) == 1 ? "origin " : "origins ");
    for (std::size_t i = 0; i != matcher::texts.size(); ++i) {
      if (i != 0) out(", ");
      out(matcher::texts[i]);
    }
  }
};

// Only the origin rules matter to the list, passed as a value: a template argument that named
// the policy's facts would be spelled out again in every per-origin instantiation.
template <fixed_string... Origins, policy_facts Facts>
struct option_traits<allow_origins<Origins...>, Facts> : listed_origins<Facts.origin_rules_of(), Origins...> {};

template <policy_facts Facts>
struct option_traits<allow_any_origin, Facts> : origins_answer<true> {
  [[nodiscard]] static constexpr bool match(std::string_view) noexcept { return true; }
  template <class Out>
  static constexpr void describe(Out& out) noexcept {
    out("any origin, answered with *");
  }
};

}  // namespace detail
}  // namespace corset
