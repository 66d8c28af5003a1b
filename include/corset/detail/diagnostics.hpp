// corset/detail/diagnostics.hpp - one readable error per mistake (rules 5).
//
// A policy names each of these templates in the type of a static member, which instantiates it.
// At most one gets a mistake (the others get `none` and are empty), so the compiler reports one
// static_assert: its message is the rule and the fix, and the template's arguments in the note
// below it give the position of the offending argument or list entry (1-based).
#pragma once

#include <cstddef>

#include <corset/detail/analysis.hpp>
#include <corset/detail/names.hpp>
#include <corset/detail/origin_syntax.hpp>

namespace corset::detail {

// Position: the argument of policy<> (for not_an_option) or of the option, 1-based.
template <std::size_t Position, policy_mistake E>
struct check_policy_argument {
  static_assert(E != policy_mistake::not_an_option,
                "corset: every argument of policy must be a corset option; use allow_origins, allow_methods, allow_headers, expose_headers, allow_credentials, max_age and the like");
  static_assert(E != policy_mistake::no_origins,
                "corset: a policy needs an origin option; add allow_origins<...> or allow_any_origin");
  static_assert(E != policy_mistake::two_origin_options,
                "corset: a policy takes one origin option; keep either allow_origins or allow_any_origin");
  static_assert(E != policy_mistake::two_methods_options,
                "corset: a policy takes one methods option; merge them into one allow_methods, or keep allow_any_method");
  static_assert(E != policy_mistake::two_request_headers_options,
                "corset: a policy takes one request-headers option; merge them into one allow_headers, or keep allow_any_header");
  static_assert(E != policy_mistake::two_exposed_headers_options,
                "corset: a policy takes one exposed-headers option; merge them into one expose_headers, or keep expose_any_header");
  static_assert(E != policy_mistake::two_credentials,
                "corset: allow_credentials appears twice; remove one");
  static_assert(E != policy_mistake::two_max_ages,
                "corset: max_age appears twice; keep one");
  static_assert(E != policy_mistake::two_private_network,
                "corset: allow_private_network appears twice; remove one");
  static_assert(E != policy_mistake::two_insecure_origins,
                "corset: dangerously_allow_insecure_origins appears twice; remove one");
  static_assert(E != policy_mistake::two_public_suffix_wildcards,
                "corset: dangerously_allow_public_suffix_wildcards appears twice; remove one");
  static_assert(E != policy_mistake::any_origin_with_credentials,
                "corset: allow_any_origin with allow_credentials is refused by browsers (* is never a credentialed origin); list the origins with allow_origins");
  static_assert(E != policy_mistake::any_exposed_header_with_credentials,
                "corset: expose_any_header with allow_credentials is a literal * to browsers and exposes nothing; list the headers with expose_headers");
  static_assert(E != policy_mistake::any_header_beside_headers,
                "corset: allow_any_header already allows every request header but authorization; beside it allow_headers may only list authorization");
  static_assert(E != policy_mistake::empty_origins,
                "corset: allow_origins lists no origin; list at least one, or use allow_any_origin");
  static_assert(E != policy_mistake::empty_methods,
                "corset: allow_methods lists no method; list at least one, or remove it (GET, HEAD and POST need no listing)");
  static_assert(E != policy_mistake::not_a_method,
                "corset: allow_methods takes method types only; write allow_methods<corset::methods::put> or allow_methods<corset::method<PUT>> with the name quoted");
  static_assert(E != policy_mistake::empty_request_headers,
                "corset: allow_headers lists no header; list at least one, or remove it");
  static_assert(E != policy_mistake::empty_exposed_headers,
                "corset: expose_headers lists no header; list at least one, or remove it");
  static_assert(E != policy_mistake::max_age_out_of_range,
                "corset: max_age must be 0 to 86400 seconds; browsers cap it anyway (Chromium 7200, Firefox 86400, WebKit 600)");
  static_assert(E != policy_mistake::two_preflight_statuses,
                "corset: preflight_status appears twice; keep one");
  static_assert(E != policy_mistake::two_pass_through,
                "corset: pass_through_preflights appears twice; remove one");
  static_assert(E != policy_mistake::status_with_pass_through,
                "corset: preflight_status has no effect with pass_through_preflights, whose handler chooses the status; remove one of them");
  static_assert(E != policy_mistake::bad_preflight_status,
                "corset: preflight_status must be 204 or 200, the statuses browsers accept for a preflight; write preflight_status<204> or preflight_status<200>");
  static_assert(E != policy_mistake::origin_set_rules_mismatch,
                "corset: allow_origins_from names an origin_set checked by other rules than this policy; declare it origin_set with the same allow_credentials and dangerously_* options as the policy");
  static_assert(E != policy_mistake::not_an_origin_set,
                "corset: allow_origins_from takes a corset::origin_set variable; declare inline corset::origin_set<...> hosts; and write allow_origins_from<hosts>");
};

template <std::size_t Position, origin_mistake E>
struct check_allow_origins_entry {
  static_assert(E != origin_mistake::empty,
                "corset: an origin is empty; write scheme://host[:port], for example https://app.example.com");
  static_assert(E != origin_mistake::opaque_null,
                "corset: null is the opaque origin that every sandboxed or file page shares; serve the page from a real origin");
  static_assert(E != origin_mistake::file_scheme,
                "corset: file pages have an opaque null origin shared with every local file; serve the page over http or https");
  static_assert(E != origin_mistake::lone_star,
                "corset: * in allow_origins is not an origin; use allow_any_origin instead");
  static_assert(E != origin_mistake::no_scheme,
                "corset: an origin has no scheme://; write it as browsers send it, for example https://example.com");
  static_assert(E != origin_mistake::bad_scheme,
                "corset: an origin scheme is not a URL scheme; write a letter, then letters, digits, + - or . (for example https)");
  static_assert(E != origin_mistake::uppercase,
                "corset: an origin has uppercase letters; browsers send scheme and host in lowercase, write them so");
  static_assert(E != origin_mistake::has_path,
                "corset: an origin has a path, query or fragment; write scheme://host[:port] with nothing after it, not even /");
  static_assert(E != origin_mistake::has_userinfo,
                "corset: an origin has userinfo (user@); browsers never send it, write scheme://host[:port]");
  static_assert(E != origin_mistake::non_ascii,
                "corset: an origin host is not ASCII; write the punycode form that browsers send (xn--...)");
  static_assert(E != origin_mistake::bad_host_byte,
                "corset: an origin host has a byte outside a-z 0-9 - _ and dots; write the host as browsers serialize it");
  static_assert(E != origin_mistake::empty_host,
                "corset: an origin has no host; write scheme://host[:port]");
  static_assert(E != origin_mistake::empty_label,
                "corset: an origin host has an empty label; remove the extra, leading or trailing dot");
  static_assert(E != origin_mistake::label_too_long,
                "corset: an origin host label is longer than 63 bytes; no DNS name has such a label, check the host");
  static_assert(E != origin_mistake::label_hyphen,
                "corset: an origin host label starts or ends with a hyphen; no DNS name has such a label, check the host");
  static_assert(E != origin_mistake::host_too_long,
                "corset: an origin host is longer than 253 bytes; no DNS name is that long, check the host");
  static_assert(E != origin_mistake::bad_port,
                "corset: an origin port must be 1 to 65535 without leading zeros; write it as browsers send it, or :* for any port");
  static_assert(E != origin_mistake::default_port,
                "corset: an origin names the default port of its scheme, which browsers omit; drop :80 or :443");
  static_assert(E != origin_mistake::ipv4_invalid,
                "corset: an origin host ends in a number but is not an IPv4 address; write four decimal numbers 0 to 255");
  static_assert(E != origin_mistake::ipv4_not_serialized,
                "corset: an IPv4 origin host is not in serialized form; write four decimal numbers without leading zeros, as browsers do (127.0.0.1 for 127.1)");
  static_assert(E != origin_mistake::ipv6_invalid,
                "corset: an IPv6 origin host is not a valid address; write it in brackets, for example [::1]");
  static_assert(E != origin_mistake::ipv6_zone,
                "corset: an IPv6 origin host has a zone identifier, which browsers never send; remove the %... part");
  static_assert(E != origin_mistake::ipv6_not_serialized,
                "corset: an IPv6 origin host is not in serialized form; write it lowercase and compressed as browsers do ([::1] for [0:0:0:0:0:0:0:1])");
  static_assert(E != origin_mistake::misplaced_wildcard,
                "corset: a wildcard may only be a leading *. label or the :* port; write https://*.example.com or http://localhost:*");
  static_assert(E != origin_mistake::wildcard_single_label,
                "corset: *. over a single-label domain matches whole top-level domains; name a registrable domain, for example https://*.example.com");
  static_assert(E != origin_mistake::wildcard_over_ip,
                "corset: *. over an IP address matches nothing a browser sends; list the address itself");
  static_assert(E != origin_mistake::insecure_with_credentials,
                "corset: a credentialed policy lists a plain-http origin that any network attacker can impersonate; use https, or add dangerously_allow_insecure_origins");
  static_assert(E != origin_mistake::public_suffix_with_credentials,
                "corset: a credentialed policy has *. over a public suffix, so anyone's site there can read users' data; name your own domain, or add dangerously_allow_public_suffix_wildcards");
  static_assert(E != origin_mistake::duplicate,
                "corset: allow_origins lists the same origin twice; remove one");
};

template <std::size_t Position, name_mistake E>
struct check_name_entry {
  static_assert(E != name_mistake::method_not_a_token,
                "corset: a method is not an HTTP token; use letters, digits and !#$%&'*+-.^_`|~ only");
  static_assert(E != name_mistake::forbidden_method,
                "corset: CONNECT, TRACE and TRACK are forbidden methods that browsers never send; remove it");
  static_assert(E != name_mistake::lowercase_method,
                "corset: browsers uppercase DELETE GET HEAD OPTIONS POST PUT before sending, so this spelling never arrives; write the method in uppercase");
  static_assert(E != name_mistake::duplicate_method,
                "corset: allow_methods lists the same method twice; remove one");
  static_assert(E != name_mistake::request_header_not_a_token,
                "corset: an allow_headers name is not an HTTP token; use letters, digits and !#$%&'*+-.^_`|~ only");
  static_assert(E != name_mistake::forbidden_request_header,
                "corset: allow_headers lists a forbidden request header that scripts can never send; remove it");
  static_assert(E != name_mistake::cors_response_header,
                "corset: allow_headers lists a CORS response header that requests never carry; remove it");
  static_assert(E != name_mistake::duplicate_request_header,
                "corset: allow_headers lists the same header twice (names ignore case); remove one");
  static_assert(E != name_mistake::exposed_header_not_a_token,
                "corset: an expose_headers name is not an HTTP token; use letters, digits and !#$%&'*+-.^_`|~ only");
  static_assert(E != name_mistake::set_cookie,
                "corset: expose_headers lists Set-Cookie, which browsers never expose to scripts; remove it");
  static_assert(E != name_mistake::cors_request_header,
                "corset: expose_headers lists a CORS request header that responses never carry; remove it");
  static_assert(E != name_mistake::duplicate_exposed_header,
                "corset: expose_headers lists the same header twice (names ignore case); remove one");
  static_assert(E != name_mistake::method_wildcard,
                "corset: allow_methods lists *, which browsers read as any method on requests without credentials and may cache; use allow_any_method");
  static_assert(E != name_mistake::request_header_wildcard,
                "corset: allow_headers lists *, which browsers read as any header on requests without credentials and may cache; use allow_any_header");
  static_assert(E != name_mistake::exposed_header_wildcard,
                "corset: expose_headers lists *, which browsers read as every header on requests without credentials; use expose_any_header");
};

}  // namespace corset::detail
