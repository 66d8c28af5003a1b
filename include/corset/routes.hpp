// corset/routes.hpp - a policy per path, chosen at compile-time speed and never by a guess.
//
//   inline constexpr corset::routes<corset::route<"/api/", api>,
//                                   corset::route<"/public/", open>,
//                                   corset::route<"/health", open>>
//       site{};
//   corset::decision d = site.evaluate(request_target, view);
//
// The rule, which is Go's net/http ServeMux's: a path ending in `/` is a prefix and covers every
// path below it (`/api/` covers `/api/x`, never `/apix`), any other path is exact, the longest
// match wins, and `route<"/", p>` is the default. Without a default, a path no route covers gets
// no CORS at all.
//
// Matching is on the raw request target, byte-exact and case-sensitive, before any
// percent-decoding, with the query ignored. flask-cors matched decoded, case-folded paths with
// regexes and had four CVEs for it; corset instead refuses to guess: a target the application's
// router may resolve differently from its bytes gets no CORS at all (reason::unsafe_path), so
// that an open route can never lend its policy to a protected one (rules 7):
//   - anything but origin-form (`http://host/x`, `host:443`, `*`);
//   - `.` or `..` segments (`/public/../api/x`) and empty ones (`//`);
//   - a percent-escape, in any case, of `.` `/` `\` `%` `;` `?` `#`, of a control byte (`%00` to
//     `%1F`, `%7F`), or of any byte that one of the table's route paths holds (`%61` when a route
//     has an `a`), since routers decode escapes before they route and cut, trim or split at the
//     others; escapes of other bytes (`%20`, UTF-8, `%2B` when no route has a `+`) cannot change
//     which route covers the path, and are kept;
//   - a raw byte outside a path (`\`, space, controls, non-ASCII, `#`, `"`);
//   - a `;` (matrix parameters, which some routers strip: `/api;x/y` routed as `/api/y`) anywhere
//     but inside the bytes of the route path that holds it (`/legacy;v=1/` covers `/legacy;v=1/x`);
//   - a route's path with its trailing slash removed or added (`/api` beside a route `/api/`,
//     `/account/delete/` beside a route `/account/delete`), unless that path is a route too:
//     routers redirect such paths or serve them from that route's handler.
// A router that folds case (`/API/x` to `/api/x`) is not detected: with such a router, give the
// table no default more open than its protected routes.
#pragma once

#include <concepts>
#include <string_view>
#include <type_traits>

#include <corset/decision.hpp>
#include <corset/detail/description.hpp>
#include <corset/detail/mistakes.hpp>
#include <corset/detail/route_dispatch.hpp>
#include <corset/explanation.hpp>
#include <corset/fixed_string.hpp>
#include <corset/request.hpp>

namespace corset {

// One entry of a route table: requests whose path is `Path` (or below it, when it ends in `/`)
// are answered by `Policy`, a corset::policy object with static storage
// (`inline constexpr corset::policy<...> api{};`).
template <fixed_string Path, auto const& Policy>
struct route {
  static constexpr std::string_view path = Path.view();
  static constexpr auto const& policy = Policy;
};

// A table of routes, each a path and a policy; see the top of this file for the matching rule.
// Every mistake (a bad path, the same path twice, an entry that is not a route) fails to compile
// with one `corset: <rule>; <fix>` error.
template <class... Routes>
class routes {
  // As in policy: the first mistake held by a class named after its value, not by a global
  // named after every route; naming the check in a member type instantiates it.
  using found = detail::checked_as<detail::diagnose_routes<Routes...>()>;
  using checked = decltype(sizeof(detail::check<found::check.position, found::check.what>));
  using dispatch = std::conditional_t<found::check.ok(), detail::route_dispatch<Routes...>, detail::inert_routes>;

 public:
  // The decision for a request whose request-target (the raw bytes of the request line, query
  // included) is `target`: its route's policy decides; an unsafe target or one no route covers
  // gets no CORS at all (no header, status 0, reason unsafe_path or no_route).
  [[nodiscard]] constexpr decision evaluate(std::string_view target, request_view const& r) const noexcept {
    return dispatch::evaluate(target, r);
  }

  // The same, its headers handed to `sink(name, value)` as they are decided (see header_sink).
  template <class Sink>
    requires header_sink<std::remove_reference_t<Sink>>
  constexpr outcome evaluate(std::string_view target, request_view const& r, Sink&& sink) const
      noexcept(std::is_nothrow_invocable_v<std::remove_reference_t<Sink>&, std::string_view, std::string_view>) {
    return dispatch::evaluate(target, r, sink);
  }

  // Why the request gets its decision, as one safe log line ending with the (escaped) path.
  [[nodiscard]] constexpr explanation explain(std::string_view target, request_view const& r) const noexcept {
    return dispatch::explain(target, r);
  }

  // Each route and what its policy allows, one line each, computed at compile time.
  [[nodiscard]] constexpr std::string_view describe() const noexcept { return detail::description<dispatch>.view(); }
};

// What adapters accept besides a policy: anything that decides from the request-target too.
template <class T>
concept route_table = requires(T const& t, std::string_view target, request_view const& r) {
  { t.evaluate(target, r) } noexcept -> std::same_as<decision>;
};

}  // namespace corset
