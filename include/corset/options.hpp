// corset/options.hpp - the flags and numbers of a policy.
#pragma once

#include <corset/detail/option_kind.hpp>
#include <corset/headers.hpp>
#include <corset/methods.hpp>
#include <corset/origins.hpp>

namespace corset {

// Requests may carry cookies and HTTP authentication (Access-Control-Allow-Credentials: true).
// Requires listed origins, and https ones (rules 5.3, 5.7).
struct allow_credentials {};

// How long, in seconds, a browser may cache a preflight's answer (Access-Control-Max-Age),
// 0 to 86400. Browsers cap it: Chromium at 7200, Firefox at 86400, WebKit at 600.
template <long long Seconds>
struct max_age {
  static constexpr long long seconds = Seconds;
};

// Answer Chrome's Private Network Access preflights (Access-Control-Allow-Private-Network).
struct allow_private_network {};

// Let a credentialed policy list plain-http origins other than localhost and loopback. Anyone on
// the network path can then act as that origin and read the user's data.
struct dangerously_allow_insecure_origins {};

// Let a credentialed policy use `*.` over a public suffix (`https://*.github.io`), which lets
// every site under it read the user's data.
struct dangerously_allow_public_suffix_wildcards {};

// The status of an allowed preflight's answer: 204 (the default) or 200, for old clients that
// treat 204 as a failure. A refused preflight is always answered 403.
template <int Status>
struct preflight_status {
  static constexpr int status = Status;
};

// Let the application's own OPTIONS handler answer preflights: corset still decides and gives
// the headers (Vary included), but the decision's status() is 0 and adapters pass the request on
// and add the headers to the handler's response, for APIs that document OPTIONS. Refused
// preflights are passed on too, without Access-Control-* headers (as rs/cors' OptionsPassthrough).
struct pass_through_preflights {};

namespace detail {
template <int Status>
inline constexpr option_kind kind_of<preflight_status<Status>> = option_kind::preflight_status;
template <>
inline constexpr option_kind kind_of<pass_through_preflights> = option_kind::preflight_pass_through;
template <>
inline constexpr option_kind kind_of<allow_credentials> = option_kind::credentials;
template <long long Seconds>
inline constexpr option_kind kind_of<max_age<Seconds>> = option_kind::max_age;
template <>
inline constexpr option_kind kind_of<allow_private_network> = option_kind::private_network;
template <>
inline constexpr option_kind kind_of<dangerously_allow_insecure_origins> =
    option_kind::insecure_origins;
template <>
inline constexpr option_kind kind_of<dangerously_allow_public_suffix_wildcards> =
    option_kind::public_suffix_wildcards;
}  // namespace detail

}  // namespace corset
