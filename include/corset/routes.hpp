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

#include <array>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <type_traits>

#include <corset/decision.hpp>
#include <corset/detail/ascii.hpp>
#include <corset/detail/evaluator.hpp>
#include <corset/detail/route_index.hpp>
#include <corset/detail/route_paths.hpp>
#include <corset/detail/text.hpp>
#include <corset/explanation.hpp>
#include <corset/fixed_string.hpp>
#include <corset/policy.hpp>
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

namespace detail {

template <class T>
inline constexpr bool is_route = false;
template <fixed_string Path, auto const& Policy>
inline constexpr bool is_route<route<Path, Policy>> = true;

// A decision for a request that gets no CORS at all: no header, no status.
[[nodiscard]] constexpr decision without_cors(request_view const& r, reason why) noexcept {
  decision d = decision_builder::unfinished();
  request_kind const kind = classify(r);
  decision_builder{d}.finish(kind, kind == request_kind::not_cors ? reason::not_cors : why, 0);
  return d;
}

template <class Route>
[[nodiscard]] constexpr decision evaluate_route(request_view const& r) noexcept {
  return Route::policy.evaluate(r);
}
template <class Route>
[[nodiscard]] constexpr explanation explain_route(request_view const& r) noexcept {
  return Route::policy.explain(r);
}

struct route_diagnosis {
  route_mistake mistake = route_mistake::none;
  std::size_t position = 0;  // 1-based, in routes<>
};

// Position: of the route in routes<>, 1-based.
template <std::size_t Position, route_mistake E>
struct check_route {
  static_assert(E != route_mistake::no_routes,
                "corset: routes lists no route; add route<path, policy> entries, or use the policy alone");
  static_assert(E != route_mistake::not_a_route,
                "corset: every argument of routes must be a route; write corset::route<path, policy>");
  static_assert(E != route_mistake::not_a_policy,
                "corset: a route names something that is not a corset policy; declare inline constexpr corset::policy<...> api{}; and write route<path, api>");
  static_assert(E != route_mistake::not_absolute,
                "corset: a route path must start with /; write the path of a request target, for example /api/");
  static_assert(E != route_mistake::bad_byte,
                "corset: a route path has a byte outside letters, digits, / and -._~!$&'()*+,;=:@; write the path alone, without query, fragment, spaces or backslashes");
  static_assert(E != route_mistake::percent_escape,
                "corset: a route path has a percent-escape, and routes match raw bytes while routers decode them; write the path with the bytes themselves");
  static_assert(E != route_mistake::dot_segment,
                "corset: a route path has a . or .. segment, and such requests get no CORS at all; write the path without it");
  static_assert(E != route_mistake::empty_segment,
                "corset: a route path has an empty segment (//), and such requests get no CORS at all; write single slashes");
  static_assert(E != route_mistake::duplicate,
                "corset: routes lists the same path twice; remove one");
};

template <class T>
inline constexpr bool is_policy_object = false;
template <class... Options>
inline constexpr bool is_policy_object<policy<Options...>> = true;

template <class Route>
inline constexpr route_mistake route_entry_mistake = [] {
  if constexpr (!is_route<Route>) {
    return route_mistake::not_a_route;
  } else if constexpr (!is_policy_object<std::remove_cvref_t<decltype(Route::policy)>>) {
    return route_mistake::not_a_policy;
  } else {
    return check_route_path(Route::path);
  }
}();

// What a table of routes knows at compile time: the index of its paths and the bytes whose
// escapes make a target unsafe.
template <class... Routes>
struct route_table_facts {
  static constexpr std::array<std::string_view, sizeof...(Routes)> paths{Routes::path...};
  static constexpr std::size_t longest = [] {
    std::size_t n = 0;
    for (std::string_view p : paths) n = p.size() > n ? p.size() : n;
    return n;
  }();
  static constexpr route_index<sizeof...(Routes), longest> index{paths};
  static constexpr byte_set sensitive = escape_sensitive_bytes(paths);
};

// The first entry that is not a route with a good path.
template <class... Routes>
inline constexpr route_diagnosis route_entries_diagnosis = [] {
  std::array<route_mistake, sizeof...(Routes)> const mistakes{route_entry_mistake<Routes>...};
  for (std::size_t i = 0; i != mistakes.size(); ++i)
    if (mistakes[i] != route_mistake::none) return route_diagnosis{mistakes[i], i + 1};
  return route_diagnosis{};
}();

template <class... Routes>
[[nodiscard]] consteval route_diagnosis diagnose_routes() noexcept {
  if constexpr (sizeof...(Routes) == 0) {
    return {route_mistake::no_routes, 0};
  } else if constexpr (route_entries_diagnosis<Routes...>.mistake != route_mistake::none) {
    return route_entries_diagnosis<Routes...>;
  } else {
    std::size_t const duplicate = route_table_facts<Routes...>::index.first_duplicate();
    if (duplicate != 0) return {route_mistake::duplicate, duplicate};
    return {};
  }
}

template <class... Routes>
struct route_dispatch {
  using facts = route_table_facts<Routes...>;
  using evaluate_fn = decision (*)(request_view const&) noexcept;
  static constexpr std::array<evaluate_fn, sizeof...(Routes)> evaluators{&evaluate_route<Routes>...};
  using explain_fn = explanation (*)(request_view const&) noexcept;
  static constexpr std::array<explain_fn, sizeof...(Routes)> explainers{&explain_route<Routes>...};

  // The route (1-based) that answers `target`, or 0 with the reason it gets no CORS.
  struct routed {
    std::size_t route = 0;
    reason why = reason::none;
    std::string_view path;
  };
  [[nodiscard]] static constexpr routed route_of(std::string_view target) noexcept {
    routed_path const p = path_of(target, facts::sensitive);
    if (!p.safe) return {0, reason::unsafe_path, p.path};
    route_match const m = facts::index.find(p.path);
    if (m.mirror) return {0, reason::unsafe_path, p.path};
    // A `;` outside the bytes of the route that covers the path: a router may strip it (7.2).
    if (p.semicolon != npos && (m.route == 0 || p.semicolon >= m.covered)) return {0, reason::unsafe_path, p.path};
    if (m.route == 0) return {0, reason::no_route, p.path};
    return {m.route, reason::none, p.path};
  }

  [[nodiscard]] static constexpr decision evaluate(std::string_view target, request_view const& r) noexcept {
    routed const to = route_of(target);
    if (to.route == 0) return without_cors(r, to.why);
    return evaluators[to.route - 1](r);
  }

  [[nodiscard]] static constexpr explanation explain(std::string_view target, request_view const& r) noexcept {
    routed const to = route_of(target);
    if (to.route != 0) return explanation_builder::with_path(explainers[to.route - 1](r), to.path);
    return explanation_builder::with_path(explanation_builder::explain(without_cors(r, to.why), r, {}), to.path);
  }

  // One line per route: `path: what its policy allows`.
  template <class Sink>
  static constexpr void describe(Sink& out) noexcept {
    std::array<std::string_view, sizeof...(Routes)> const descriptions{Routes::policy.describe()...};
    for (std::size_t i = 0; i != facts::paths.size(); ++i) {
      if (i != 0) out("\n");
      out(facts::paths[i])(": ")(descriptions[i]);
    }
  }
};

struct inert_routes {
  [[nodiscard]] static constexpr decision evaluate(std::string_view, request_view const&) noexcept { return {}; }
  [[nodiscard]] static constexpr explanation explain(std::string_view, request_view const&) noexcept { return {}; }
  template <class Sink>
  static constexpr void describe(Sink&) noexcept {}
};

}  // namespace detail

// A table of routes, each a path and a policy; see the top of this file for the matching rule.
// Every mistake (a bad path, the same path twice, an entry that is not a route) fails to compile
// with one `corset: <rule>; <fix>` error.
template <class... Routes>
class routes {
  static constexpr detail::route_diagnosis diagnosis_ = detail::diagnose_routes<Routes...>();
  static constexpr decltype(sizeof(detail::check_route<diagnosis_.position, diagnosis_.mistake>)) checked_ = 0;
  using dispatch = std::conditional_t<diagnosis_.mistake == detail::route_mistake::none,
                                      detail::route_dispatch<Routes...>, detail::inert_routes>;

 public:
  // The decision for a request whose request-target (the raw bytes of the request line, query
  // included) is `target`: its route's policy decides; an unsafe target or one no route covers
  // gets no CORS at all (no header, status 0, reason unsafe_path or no_route).
  [[nodiscard]] constexpr decision evaluate(std::string_view target, request_view const& r) const noexcept {
    return dispatch::evaluate(target, r);
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
