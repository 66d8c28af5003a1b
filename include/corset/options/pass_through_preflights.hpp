// corset/options/pass_through_preflights.hpp - the application's OPTIONS handler answers.
#pragma once

#include <corset/detail/option.hpp>

namespace corset {

// Let the application's own OPTIONS handler answer preflights: corset still decides and gives
// the headers (Vary included), but the decision's status() is 0 and adapters pass the request on
// and add the headers to the handler's response, for APIs that document OPTIONS. Refused
// preflights are passed on too, without Access-Control-* headers (as rs/cors' OptionsPassthrough).
struct pass_through_preflights {};

namespace detail {

struct answered_preflights : option_defaults {
  static constexpr bool passes = false;
};

struct pass_through_preflights_kind : option_kind<mistake::two_pass_through, answered_preflights> {};

template <>
struct kind_of<pass_through_preflights> {
  using type = pass_through_preflights_kind;
};

template <policy_facts Facts>
struct option_traits<pass_through_preflights, Facts> : option_defaults {
  static constexpr bool passes = true;
  template <class Out>
  static constexpr void describe(Out& out) noexcept {
    out("; preflights passed to the application");
  }
};

}  // namespace detail
}  // namespace corset
