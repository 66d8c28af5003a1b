// corset/options/private_network.hpp - the legacy answer to Chrome's Private Network Access
// preflights (Access-Control-Allow-Private-Network, rules 4.11).
#pragma once

#include <corset/detail/header_names.hpp>
#include <corset/detail/option.hpp>
#include <corset/request.hpp>

namespace corset {

// Answer `Access-Control-Request-Private-Network: true` preflights. A legacy opt-in: Chrome has
// dropped these preflights for a Local Network Access permission prompt, which no server header
// answers, so this unlocks nothing there (explain() says so on such preflights).
struct allow_private_network {};

namespace detail {

struct no_private_network : option_defaults {
  static constexpr bool enabled = false;
  template <class Out>
  static constexpr void answer(Out&, request_view const&) {}
};

struct private_network_kind : option_kind<mistake::two_private_network, no_private_network> {};

template <>
struct kind_of<allow_private_network> {
  using type = private_network_kind;
};

template <policy_facts Facts>
struct option_traits<allow_private_network, Facts> : option_defaults {
  static constexpr bool enabled = true;  // Vary names the request header too (rules 4.2)
  // Only on allowed preflights that ask, never `false` (rules 4.11).
  template <class Out>
  static constexpr void answer(Out& out, request_view const& r) {
    if (r.request_private_network == "true") out.add(allow_private_network_name, "true");
  }
  template <class Out>
  static constexpr void describe(Out& out) noexcept {
    out("; private network access");
  }
};

}  // namespace detail
}  // namespace corset
