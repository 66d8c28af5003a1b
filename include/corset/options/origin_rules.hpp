// corset/options/origin_rules.hpp - the two options that relax which origins a credentialed
// policy may list (rules 5.7). They change nothing in a response: only what the validator
// accepts (policy_facts::insecure_origins, policy_facts::public_suffix_wildcards).
#pragma once

#include <corset/detail/option.hpp>

namespace corset {

// Let a credentialed policy list plain-http origins other than localhost and loopback. Anyone on
// the network path can then act as that origin and read the user's data.
struct dangerously_allow_insecure_origins {};

// Let a credentialed policy use `*.` over a public suffix (`https://*.github.io`), which lets
// every site under it read the user's data.
struct dangerously_allow_public_suffix_wildcards {};

namespace detail {

struct insecure_origins_kind : option_kind<mistake::two_insecure_origins, option_defaults> {};
struct public_suffix_wildcards_kind : option_kind<mistake::two_public_suffix_wildcards, option_defaults> {};

template <>
struct kind_of<dangerously_allow_insecure_origins> {
  using type = insecure_origins_kind;
};
template <>
struct kind_of<dangerously_allow_public_suffix_wildcards> {
  using type = public_suffix_wildcards_kind;
};

template <policy_facts Facts>
struct option_traits<dangerously_allow_insecure_origins, Facts> : option_defaults {};
template <policy_facts Facts>
struct option_traits<dangerously_allow_public_suffix_wildcards, Facts> : option_defaults {};

}  // namespace detail
}  // namespace corset
