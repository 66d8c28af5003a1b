// corset/evaluate.hpp - one call for whatever decides: a policy, or a route table.
#pragma once

#include <string_view>

#include <corset/decision.hpp>
#include <corset/explanation.hpp>
#include <corset/policy.hpp>
#include <corset/request.hpp>
#include <corset/routes.hpp>

namespace corset {

// What decides a request: a policy (which ignores the request-target) or a route table (which
// picks the policy from it).
template <class T>
concept decider = policy_like<T> || route_table<T>;

namespace detail {
// A policy seen as a route table whose one route covers every target.
template <class Policy>
struct every_target {
  Policy const& policy;
  [[nodiscard]] constexpr decision evaluate(std::string_view, request_view const& r) const noexcept {
    return policy.evaluate(r);
  }
  template <class Sink>
  constexpr outcome evaluate(std::string_view, request_view const& r, Sink& sink) const
      noexcept(noexcept(policy.evaluate(r, sink))) {
    return policy.evaluate(r, sink);
  }
  [[nodiscard]] constexpr explanation explain(std::string_view, request_view const& r) const noexcept {
    return policy.explain(r);
  }
};
template <decider Decider>
[[nodiscard]] constexpr auto as_route_table(Decider const& decider) noexcept {
  if constexpr (route_table<Decider>) {
    return decider;  // a route table already is one (an empty value)
  } else {
    return every_target<Decider>{decider};
  }
}
}  // namespace detail

// The decision for a request, by a policy or a route table: what an adapter, or a server
// integrated by hand, asks.
template <decider Decider>
[[nodiscard]] constexpr decision evaluate(Decider const& decider, std::string_view target, request_view const& r) noexcept {
  return detail::as_route_table(decider).evaluate(target, r);
}

// The same, its headers handed to `sink(name, value)` as they are decided (see header_sink).
template <decider Decider, class Sink>
  requires header_sink<std::remove_reference_t<Sink>>
constexpr outcome evaluate(Decider const& decider, std::string_view target, request_view const& r, Sink&& sink) noexcept(
    noexcept(detail::as_route_table(decider).evaluate(target, r, sink))) {
  return detail::as_route_table(decider).evaluate(target, r, sink);
}

// The same, as one log line.
template <decider Decider>
[[nodiscard]] constexpr explanation explain(Decider const& decider, std::string_view target, request_view const& r) noexcept {
  return detail::as_route_table(decider).explain(target, r);
}

}  // namespace corset
