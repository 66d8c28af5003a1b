// corset/options/public_suffix_wildcards.hpp - a credentialed `*.` over a public suffix.
#pragma once

#include <corset/detail/option.hpp>

namespace corset {

// Let a credentialed policy use `*.` over a public suffix (`https://*.github.io`, rules 5.7),
// which lets every site under it read the user's data.
struct dangerously_allow_public_suffix_wildcards {};

namespace detail {

struct public_suffix_wildcards_kind {
  static constexpr mistake twice = mistake::two_public_suffix_wildcards;
  using absent = option_defaults;
};

template <>
struct kind_of<dangerously_allow_public_suffix_wildcards> {
  using type = public_suffix_wildcards_kind;
};

// It changes which origins are valid (policy_facts::public_suffix_wildcards), nothing in a response.
template <policy_facts Facts>
struct option_traits<dangerously_allow_public_suffix_wildcards, Facts> : option_defaults {};

}  // namespace detail
}  // namespace corset
