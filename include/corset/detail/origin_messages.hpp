// corset/detail/origin_messages.hpp - the rule and the fix for each origin mistake, as text.
//
// The same words as the static_asserts of check_allow_origins_entry (diagnostics.hpp), for
// origins that arrive as data (origin_set): C++20 cannot put a constexpr string in a
// static_assert, so the text is written twice and tests/unit/origin_set.cpp checks that both
// copies agree, message by message.
#pragma once

#include <string_view>

#include <corset/detail/origin_syntax.hpp>

namespace corset::detail {

[[nodiscard]] constexpr std::string_view origin_mistake_message(origin_mistake m) noexcept {
  switch (m) {
    case origin_mistake::none: return {};
    case origin_mistake::empty:
      return "corset: an origin is empty; write scheme://host[:port], for example https://app.example.com";
    case origin_mistake::opaque_null:
      return "corset: null is the opaque origin that every sandboxed or file page shares; serve the page from a real origin";
    case origin_mistake::file_scheme:
      return "corset: file pages have an opaque null origin shared with every local file; serve the page over http or https";
    case origin_mistake::lone_star:
      return "corset: * in allow_origins is not an origin; use allow_any_origin instead";
    case origin_mistake::no_scheme:
      return "corset: an origin has no scheme://; write it as browsers send it, for example https://example.com";
    case origin_mistake::bad_scheme:
      return "corset: an origin scheme is not a URL scheme; write a letter, then letters, digits, + - or . (for example https)";
    case origin_mistake::uppercase:
      return "corset: an origin has uppercase letters; browsers send scheme and host in lowercase, write them so";
    case origin_mistake::has_path:
      return "corset: an origin has a path, query or fragment; write scheme://host[:port] with nothing after it, not even /";
    case origin_mistake::has_userinfo:
      return "corset: an origin has userinfo (user@); browsers never send it, write scheme://host[:port]";
    case origin_mistake::non_ascii:
      return "corset: an origin host is not ASCII; write the punycode form that browsers send (xn--...)";
    case origin_mistake::bad_host_byte:
      return "corset: an origin host has a byte outside a-z 0-9 - _ and dots; write the host as browsers serialize it";
    case origin_mistake::empty_host:
      return "corset: an origin has no host; write scheme://host[:port]";
    case origin_mistake::empty_label:
      return "corset: an origin host has an empty label; remove the extra, leading or trailing dot";
    case origin_mistake::label_too_long:
      return "corset: an origin host label is longer than 63 bytes; no DNS name has such a label, check the host";
    case origin_mistake::label_hyphen:
      return "corset: an origin host label starts or ends with a hyphen; no DNS name has such a label, check the host";
    case origin_mistake::host_too_long:
      return "corset: an origin host is longer than 253 bytes; no DNS name is that long, check the host";
    case origin_mistake::bad_port:
      return "corset: an origin port must be 1 to 65535 without leading zeros; write it as browsers send it, or :* for any port";
    case origin_mistake::default_port:
      return "corset: an origin names the default port of its scheme, which browsers omit; drop :80 or :443";
    case origin_mistake::ipv4_invalid:
      return "corset: an origin host ends in a number but is not an IPv4 address; write four decimal numbers 0 to 255";
    case origin_mistake::ipv4_not_serialized:
      return "corset: an IPv4 origin host is not in serialized form; write four decimal numbers without leading zeros, as browsers do (127.0.0.1 for 127.1)";
    case origin_mistake::ipv6_invalid:
      return "corset: an IPv6 origin host is not a valid address; write it in brackets, for example [::1]";
    case origin_mistake::ipv6_zone:
      return "corset: an IPv6 origin host has a zone identifier, which browsers never send; remove the %... part";
    case origin_mistake::ipv6_not_serialized:
      return "corset: an IPv6 origin host is not in serialized form; write it lowercase and compressed as browsers do ([::1] for [0:0:0:0:0:0:0:1])";
    case origin_mistake::misplaced_wildcard:
      return "corset: a wildcard may only be a leading *. label or the :* port; write https://*.example.com or http://localhost:*";
    case origin_mistake::wildcard_single_label:
      return "corset: *. over a single-label domain matches whole top-level domains; name a registrable domain, for example https://*.example.com";
    case origin_mistake::wildcard_over_ip:
      return "corset: *. over an IP address matches nothing a browser sends; list the address itself";
    case origin_mistake::insecure_with_credentials:
      return "corset: a credentialed policy lists a plain-http origin that any network attacker can impersonate; use https, or add dangerously_allow_insecure_origins";
    case origin_mistake::public_suffix_with_credentials:
      return "corset: a credentialed policy has *. over a public suffix, so anyone's site there can read users' data; name your own domain, or add dangerously_allow_public_suffix_wildcards";
    case origin_mistake::duplicate:
      return "corset: allow_origins lists the same origin twice; remove one";
  }
  return {};
}

}  // namespace corset::detail
