// corset/policy.hpp - a CORS policy as a type.
#pragma once

#include <cstddef>
#include <type_traits>

#include <corset/decision.hpp>
#include <corset/detail/analysis.hpp>
#include <corset/detail/diagnostics.hpp>
#include <corset/detail/evaluator.hpp>
#include <corset/explanation.hpp>
#include <corset/options.hpp>
#include <corset/request.hpp>

namespace corset {

namespace detail {
// What a policy with a mistake evaluates with: nothing, so that the one diagnostic about the
// mistake is the only error (no cascade from building a matcher out of bad origins).
struct inert_evaluator {
  [[nodiscard]] static constexpr decision evaluate(request_view const&) noexcept { return {}; }
  [[nodiscard]] static constexpr std::string_view refused_header(request_view const&) noexcept { return {}; }
  template <class Sink>
  static constexpr void describe(Sink&) noexcept {}
};
}  // namespace detail

// A CORS policy: `inline constexpr corset::policy<allow_origins<...>, ...> api{};`.
// The options may come in any order; every invalid combination fails to compile with one
// `corset: <rule>; <fix>` error (rules 5). `evaluate` is constexpr, noexcept and allocates nothing.
template <class... Options>
class policy {
  static constexpr detail::diagnosis diagnosis_ = detail::diagnose<Options...>();
  static constexpr std::size_t at_ = diagnosis_.position;
  // Naming a check in a member's type instantiates it: a mistake fails here, once (rules 5).
  static constexpr decltype(sizeof(detail::check_policy_argument<at_, diagnosis_.policy>)) policy_checked_ = 0;
  static constexpr decltype(sizeof(detail::check_allow_origins_entry<at_, diagnosis_.origin>)) origins_checked_ = 0;
  static constexpr decltype(sizeof(detail::check_name_entry<at_, diagnosis_.name>)) names_checked_ = 0;
  using evaluator = std::conditional_t<diagnosis_.ok(), detail::evaluator<Options...>,
                                       detail::inert_evaluator>;

 public:
  // The decision for one request: its kind, whether it is allowed, the status of a preflight
  // answer, and the headers to set (rules 4b). Views in it point into `r` and static storage.
  [[nodiscard]] constexpr decision evaluate(request_view const& r) const noexcept {
    return evaluator::evaluate(r);
  }

  // Why `r` gets the decision it gets, as one log line naming the failed step and the
  // offending origin, method or header (escaped, bounded). Allocation-free; not for the hot
  // path (it evaluates again).
  [[nodiscard]] constexpr explanation explain(request_view const& r) const noexcept {
    decision const d = evaluator::evaluate(r);
    return detail::explanation_builder::explain(
        d, r, d.reason() == reason::header_not_allowed ? evaluator::refused_header(r) : std::string_view{});
  }

  // What the policy allows, in words, computed at compile time: for a log line at start-up.
  [[nodiscard]] constexpr std::string_view describe() const noexcept { return detail::description<evaluator>.view(); }
};

}  // namespace corset
