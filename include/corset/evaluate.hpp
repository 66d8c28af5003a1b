// corset/evaluate.hpp - one call for whatever decides: a policy, or a route table.
#pragma once

#include <string_view>

#include <corset/decision.hpp>
#include <corset/policy.hpp>
#include <corset/request.hpp>
#include <corset/routes.hpp>

namespace corset {

// The decision for a request by a policy (which ignores the request-target) or by a route
// table (which picks the policy from it): what an adapter, or a server integrated by hand, asks.
template <class Decider>
  requires policy_like<Decider> || route_table<Decider>
[[nodiscard]] constexpr decision evaluate(Decider const& decider, std::string_view target,
                                          request_view const& r) noexcept {
  if constexpr (route_table<Decider>) {
    return decider.evaluate(target, r);
  } else {
    return decider.evaluate(r);
  }
}

// The same, as one log line (explain()).
template <class Decider>
  requires policy_like<Decider> || route_table<Decider>
[[nodiscard]] constexpr explanation explain(Decider const& decider, std::string_view target,
                                            request_view const& r) noexcept {
  if constexpr (route_table<Decider>) {
    return decider.explain(target, r);
  } else {
    return decider.explain(r);
  }
}

}  // namespace corset
