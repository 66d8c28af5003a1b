// corset/detail/option_kind.hpp - what kind of option a type is, without instantiating it.
#pragma once

namespace corset::detail {

// rules 5.2: a policy holds at most one option of each kind.
enum class option_kind : unsigned char {
  not_an_option,
  origins,
  methods,
  request_headers,
  exposed_headers,
  credentials,
  max_age,
  private_network,
  insecure_origins,
  public_suffix_wildcards,
  preflight_status,
  preflight_pass_through,
};

// Each option specialises this; anything else is not an option.
template <class T>
inline constexpr option_kind kind_of = option_kind::not_an_option;

}  // namespace corset::detail
