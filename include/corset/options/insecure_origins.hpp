// corset/options/insecure_origins.hpp - a credentialed policy over plain-http origins.
#pragma once

#include <corset/detail/option.hpp>

namespace corset {

// Let a credentialed policy list plain-http origins other than localhost and loopback (rules
// 5.7). Anyone on the network path can then act as that origin and read the user's data.
struct dangerously_allow_insecure_origins {};

namespace detail {

struct insecure_origins_kind {
  static constexpr mistake twice = mistake::two_insecure_origins;
  using absent = option_defaults;
};

template <>
struct kind_of<dangerously_allow_insecure_origins> {
  using type = insecure_origins_kind;
};

// It changes which origins are valid (policy_facts::insecure_origins), nothing in a response.
template <policy_facts Facts>
struct option_traits<dangerously_allow_insecure_origins, Facts> : option_defaults {};

}  // namespace detail
}  // namespace corset
