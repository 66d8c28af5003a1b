// corset/policy.hpp - a CORS policy as a type.
#pragma once

#include <concepts>
#include <cstddef>
#include <string_view>
#include <type_traits>

#include <corset/decision.hpp>
#include <corset/detail/description.hpp>
#include <corset/detail/evaluator.hpp>
#include <corset/detail/explain.hpp>
#include <corset/detail/mistakes.hpp>
#include <corset/explanation.hpp>
#include <corset/options.hpp>
#include <corset/request.hpp>

namespace corset {

namespace detail {
// What a policy with a mistake evaluates with: nothing, so that the one diagnostic about the
// mistake is the only error (no cascade from building a matcher out of bad origins).
struct inert_evaluator {
  [[nodiscard]] static constexpr decision evaluate(request_view const&) noexcept { return {}; }
  template <class Sink>
  [[nodiscard]] static constexpr outcome evaluate(request_view const&, Sink&) noexcept {
    return {};
  }
  struct request_headers {
    [[nodiscard]] static constexpr std::string_view refused(request_view const&) noexcept { return {}; }
  };
  template <class Out>
  static constexpr void describe(Out&) noexcept {}
};
}  // namespace detail

// A CORS policy: `inline constexpr corset::policy<allow_origins<...>, ...> api{};`.
// The options may come in any order; every invalid combination fails to compile with one
// `corset: <rule>; <fix>` error (rules 5, docs/errors.md). `evaluate` is constexpr, noexcept
// and allocates nothing.
template <class... Options>
class policy {
  // The first mistake, held by a class named after its value: a static member of the policy
  // would be a global named after every option, which clang++ mangles (for 4096 origins, about
  // 870 KB). Naming the check in a member type instantiates it: a mistake fails here, once.
  using found = detail::checked_as<detail::diagnose<Options...>()>;
  using checked = decltype(sizeof(detail::check<found::check.position, found::check.what>));
  using evaluator = std::conditional_t<found::check.ok(), detail::evaluator<Options...>, detail::inert_evaluator>;

 public:
  // The decision for one request: its kind, whether it is allowed, the status of a preflight
  // answer, and the headers to set (rules 4b). Views in it point into `r` and static storage.
  [[nodiscard]] constexpr decision evaluate(request_view const& r) const noexcept { return evaluator::evaluate(r); }

  // The same decision, its headers handed to `sink(name, value)` one by one as they are decided
  // instead of written into a decision object: for a server that sets response fields directly
  // (see header_sink). Returns the rest of the decision.
  template <class Sink>
    requires header_sink<std::remove_reference_t<Sink>>
  constexpr outcome evaluate(request_view const& r, Sink&& sink) const
      noexcept(std::is_nothrow_invocable_v<std::remove_reference_t<Sink>&, std::string_view, std::string_view>) {
    return evaluator::evaluate(r, sink);
  }

  // Why `r` gets the decision it gets, as one log line naming the failed step and the
  // offending origin, method or header (escaped, bounded). Allocation-free; not for the hot
  // path (it evaluates again).
  [[nodiscard]] constexpr explanation explain(request_view const& r) const noexcept {
    decision const d = evaluator::evaluate(r);
    return detail::explanation_builder::explain(
        d, r, d.reason() == reason::header_not_allowed ? evaluator::request_headers::refused(r) : std::string_view{});
  }

  // What the policy allows, in words, computed at compile time: for a log line at start-up.
  [[nodiscard]] constexpr std::string_view describe() const noexcept { return detail::description<evaluator>.view(); }
};

// Anything that decides like a policy: corset::policy, or a type of the user's that wraps one.
template <class T>
concept policy_like = requires(T const& p, request_view const& r) {
  { p.evaluate(r) } noexcept -> std::same_as<decision>;
};

}  // namespace corset
