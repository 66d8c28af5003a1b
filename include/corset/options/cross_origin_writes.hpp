// corset/options/cross_origin_writes.hpp - state-changing requests and WebSocket handshakes from
// pages a policy does not trust (rules 8): request forgery, which CORS alone never stops.
//
// CORS decides what a page may read. A browser still sends a form POST, a no-cors fetch or a
// WebSocket handshake to any site, with the user's cookies, and the handler runs. A policy that
// allows credentials therefore refuses such requests from pages it does not list, by default,
// with the same list of origins that decides who may read: a page allowed to read with
// credentials is a page allowed to write. The rule is Go 1.25's CrossOriginProtection
// (Sec-Fetch-Site first, then Origin against Host), with the policy's origins as trusted ones.
#pragma once

#include <cstddef>
#include <string_view>

#include <corset/detail/ascii.hpp>
#include <corset/detail/option.hpp>
#include <corset/request.hpp>

namespace corset {

// Refuse cross-origin writes in a policy without credentials, where they are not refused by
// default (with allow_credentials it is redundant, and allowed).
struct refuse_cross_origin_writes {};

// Let a credentialed policy accept state-changing requests and WebSocket handshakes from pages
// it does not list, as CORS middleware usually does. Any page can then make the user's browser
// write with the user's cookies: keep it to routes that check a token of their own.
struct dangerously_allow_cross_origin_writes {};

// Decide cross-origin writes as rules 8 says, but let them through: reason cross_origin_write,
// status 0, the handler runs and explain() says the request would be refused. For rolling the
// default out: log what would be refused, then remove this.
struct report_cross_origin_writes {};

namespace detail {

// What a policy does with a cross-origin write (rules 8.1, 8.7).
enum class writes_rule : unsigned char { accepted, refused, reported };

[[nodiscard]] constexpr writes_rule writes_rule_for(bool credentials, bool refuse, bool dangerously_allow,
                                                    bool report) noexcept {
  bool const protects = (credentials && !dangerously_allow) || refuse;
  if (!protects) return writes_rule::accepted;
  return report ? writes_rule::reported : writes_rule::refused;
}

// The methods that never write (rules 8.2), byte-exact.
[[nodiscard]] constexpr bool is_safe_method(std::string_view m) noexcept {
  return m == "GET" || m == "HEAD" || m == "OPTIONS";
}

// Whether an Upgrade value (its lines joined with ", ") names the protocol websocket, in any
// case, with or without a version: an element, white space before it, whose protocol name (up to
// a `/`, a space or a tab) is `websocket`. One pass, one byte at a time: a nest of searches
// (for the comma, past the white space, for the name's end) cost every file that evaluates a
// policy 76 million instructions of g++ 12's time, this one half of that.
[[nodiscard]] constexpr bool upgrades_to_websocket(std::string_view upgrade) noexcept {
  constexpr std::string_view name = "websocket";
  std::size_t matched = 0;  // bytes of the name this element started with
  bool other = false;       // this element names another protocol
  for (char const c : upgrade) {
    if (c == ',') {
      if (!other && matched == name.size()) return true;
      matched = 0;
      other = false;
    } else if (other || (matched == 0 && is_ows(c))) {
      // the rest of another protocol's element, or white space before a name
    } else if (matched == name.size()) {
      if (c == '/' || is_ows(c)) return true;  // the name ends: a version or white space follows
      other = true;
    } else if (to_lower(c) == name[matched]) {
      ++matched;
    } else {
      other = true;
    }
  }
  return !other && matched == name.size();
}

// rules 8.2: every method but GET, HEAD and OPTIONS writes, and so does a WebSocket handshake
// (a GET asking for the websocket protocol), which carries the user's cookies too.
[[nodiscard]] constexpr bool is_write(request_view const& r) noexcept {
  if (!is_safe_method(r.method)) return true;
  return r.method == "GET" && !r.upgrade.empty() && upgrades_to_websocket(r.upgrade);
}

[[nodiscard]] constexpr bool is_websocket_handshake(request_view const& r) noexcept {
  return r.method == "GET" && upgrades_to_websocket(r.upgrade);
}

// rules 8.3, after "its Origin is allowed": whether a write comes from the server's own origin,
// from the user rather than a page, or from no browser at all. Sec-Fetch-Site first; without it,
// a request without Origin, or whose Origin names the Host (scheme aside, port included).
[[nodiscard]] constexpr bool same_origin_or_not_a_page(request_view const& r) noexcept {
  if (!r.sec_fetch_site.empty()) return r.sec_fetch_site == "same-origin" || r.sec_fetch_site == "none";
  if (r.origin.empty()) return true;
  std::size_t const scheme = find_text(r.origin, "://");
  if (scheme == npos || r.host.empty()) return false;
  std::string_view authority = r.origin;
  authority.remove_prefix(scheme + 3);  // within the Origin: "://" was found there
  return authority == r.host;
}

struct refuse_cross_origin_writes_kind : option_kind<mistake::two_refuse_cross_origin_writes, option_defaults> {};
struct allow_cross_origin_writes_kind
    : option_kind<mistake::two_dangerously_allow_cross_origin_writes, option_defaults> {};
struct report_cross_origin_writes_kind : option_kind<mistake::two_report_cross_origin_writes, option_defaults> {};

template <>
struct kind_of<refuse_cross_origin_writes> {
  using type = refuse_cross_origin_writes_kind;
};
template <>
struct kind_of<dangerously_allow_cross_origin_writes> {
  using type = allow_cross_origin_writes_kind;
};
template <>
struct kind_of<report_cross_origin_writes> {
  using type = report_cross_origin_writes_kind;
};

// The three change the policy's writes_rule (analysis.hpp), nothing else.
template <policy_facts Facts>
struct option_traits<refuse_cross_origin_writes, Facts> : option_defaults {};
template <policy_facts Facts>
struct option_traits<dangerously_allow_cross_origin_writes, Facts> : option_defaults {};
template <policy_facts Facts>
struct option_traits<report_cross_origin_writes, Facts> : option_defaults {};

// What describe() says of it.
template <writes_rule Rule>
struct writes_description {
  template <class Out>
  static constexpr void describe(Out& out) noexcept {
    if constexpr (Rule == writes_rule::refused) out("; cross-origin writes refused");
    if constexpr (Rule == writes_rule::reported) out("; cross-origin writes reported, not refused");
  }
};

}  // namespace detail
}  // namespace corset
