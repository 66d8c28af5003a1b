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
  using tag = list_tag<origins_kind>;
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
  static constexpr void answer(Out& out, request_view const& r) {
    out.add(allow_origin_name, Any ? std::string_view{"*"} : r.origin);
  }
};

// The list's texts and index are computed once, and seen through one reference; see
// origin_matcher.hpp for why the origins themselves appear in as few template-ids as possible.
// `match` and the check (rules 5.4-5.7, then duplicates) are inherited, not declared here: a
// member of this class is a global named after the whole list, which clang++ mangles.
template <origin_rules Rules, auto const& List>
struct listed_origins : origins_answer<false>,
                        origin_matcher<Rules, List>,
                        checked_as<index_of<Rules, List>.found> {
  using matcher = origin_matcher<Rules, List>;
  using matcher::match;
  using checked_as<index_of<Rules, List>.found>::check;

  template <class Out>
  static constexpr void describe(Out& out) noexcept {
    out(matcher::shape::total == 1 ? "origin " : "origins ");
    for (std::size_t i = 0; i != matcher::shape::total; ++i) {
      if (i != 0) out(", ");
      out(matcher::text(i));
    }
  }
};

// Only the origin rules matter to the list, passed as a value: a template argument that named
// the policy's facts would be spelled out again for every list.
template <fixed_string... Origins, policy_facts Facts>
struct option_traits<allow_origins<Origins...>, Facts>
    : listed_origins<Facts.origin_rules_of(), text_list_of<Origins...>> {};

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
