// corset/options/preflight_status.hpp - the status of an allowed preflight's answer.
#pragma once

#include <cstdint>

#include <corset/detail/option.hpp>

namespace corset {

// The status of an allowed preflight's answer: 204 (the default) or 200, for old clients that
// treat 204 as a failure. A refused preflight is always answered 403.
template <int Status>
struct preflight_status {
  static constexpr int status = Status;
};

namespace detail {

struct default_preflight_status : option_defaults {
  static constexpr std::uint16_t allowed = 204;
};

struct preflight_status_kind : option_kind<mistake::two_preflight_statuses, default_preflight_status> {};

template <int Status>
struct kind_of<preflight_status<Status>> {
  using type = preflight_status_kind;
};

template <int Status, policy_facts Facts>
struct option_traits<preflight_status<Status>, Facts> : option_defaults {
  static constexpr diagnosis check{Status == 200 || Status == 204 ? mistake::none : mistake::bad_preflight_status};
  static constexpr auto allowed = static_cast<std::uint16_t>(Status);
  template <class Out>
  static constexpr void describe(Out& out) noexcept {
    if constexpr (Status == 200) out("; preflights answered 200");
  }
};

}  // namespace detail
}  // namespace corset
