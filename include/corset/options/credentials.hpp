// corset/options/credentials.hpp - requests may carry cookies and HTTP authentication
// (Access-Control-Allow-Credentials: true).
#pragma once

#include <corset/detail/header_names.hpp>
#include <corset/detail/option.hpp>

namespace corset {

// Requests may carry cookies and HTTP authentication (Access-Control-Allow-Credentials: true).
// Requires listed origins, and secure ones (rules 5.3, 5.7).
struct allow_credentials {};

namespace detail {

struct credentials_kind : option_kind<mistake::two_credentials, answers_nothing> {};

template <>
struct kind_of<allow_credentials> {
  using type = credentials_kind;
};

// On every allowed answer, preflight or not (rules 4.3, 4.5).
template <policy_facts Facts>
struct option_traits<allow_credentials, Facts> : option_defaults {
  template <class Out>
  static constexpr void answer(Out& out) {
    out.add(allow_credentials_name, "true");
  }
  template <class Out>
  static constexpr void describe(Out& out) noexcept {
    out("; with credentials");
  }
};

}  // namespace detail
}  // namespace corset
