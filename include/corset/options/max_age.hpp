// corset/options/max_age.hpp - how long a browser may cache a preflight's answer
// (Access-Control-Max-Age).
#pragma once

#include <corset/detail/header_names.hpp>
#include <corset/detail/option.hpp>
#include <corset/detail/text.hpp>

namespace corset {

// How long, in seconds, a browser may cache a preflight's answer (Access-Control-Max-Age),
// 0 to 86400. Browsers cap it: Chromium at 7200, Firefox at 86400, WebKit at 600.
template <long long Seconds>
struct max_age {
  static constexpr long long seconds = Seconds;
};

namespace detail {

struct max_age_kind : option_kind<mistake::two_max_ages, answers_nothing> {};

template <long long Seconds>
struct kind_of<max_age<Seconds>> {
  using type = max_age_kind;
};

template <long long Seconds, policy_facts Facts>
struct option_traits<max_age<Seconds>, Facts> : option_defaults {
  static constexpr diagnosis check{Seconds < 0 || Seconds > 86400 ? mistake::max_age_out_of_range : mistake::none};
  // The digits, at compile time; 0 is sent as 0 (rules 4.5).
  static constexpr auto value = decimal_text(Seconds < 0 ? 0 : static_cast<unsigned long long>(Seconds));

  template <class Out>
  static constexpr void answer(Out& out) {
    out.add(max_age_name, value.view());
  }
  template <class Out>
  static constexpr void describe(Out& out) noexcept {
    out("; preflights cached ")(value.view())(" s");
  }
};

}  // namespace detail
}  // namespace corset
