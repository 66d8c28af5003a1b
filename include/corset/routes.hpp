// corset/routes.hpp - a policy per path, chosen at compile-time speed and never by a guess.
//
//   inline constexpr corset::routes<corset::route<"/api/", api>,
//                                   corset::route<"/public/", open>,
//                                   corset::route<"/health", open>>
//       site{};
//   corset::decision d = site.evaluate(request_target, view);
//
// The rule, which is Go's net/http ServeMux's: a path ending in `/` is a prefix and covers every
// path below it (`/api/` covers `/api/x`, never `/apix` nor `/api`), any other path is exact, the
// longest match wins, and `route<"/", p>` is the default. Without a default, a path no route
// covers gets no CORS at all.
//
// Matching is on the raw request target, byte-exact and case-sensitive, before any
// percent-decoding, with the query ignored. flask-cors matched decoded, case-folded paths with
// regexes and had four CVEs for it; corset instead refuses to guess: a target the application's
// router may resolve differently from its bytes gets no CORS at all (reason::unsafe_path), so
// that an open route can never lend its policy to a protected one:
//   - anything but origin-form (`http://host/x`, `host:443`, `*`);
//   - `.` or `..` segments (`/public/../api/x`) and empty ones (`//`);
//   - a percent-escape, in any case, of `.`, `/`, `\` or `%` (`%2e`, `%2F`, `%5c`, `%25`), or of
//     any byte that one of the table's route paths holds (`%61` when a route has an `a`), since
//     routers decode escapes before they route; escapes of other bytes (`%20`, UTF-8, `%2B`
//     when no route has a `+`) cannot change which route covers the path, and are kept;
//   - a raw byte outside those (`\`, space, controls, non-ASCII), and `;` (matrix parameters,
//     which some routers strip: `/api;x/y` routed as `/api/y`) unless a route path holds one.
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
#include <corset/detail/origin_matcher.hpp>
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

enum class route_mistake : unsigned char {
  none,
  no_routes,
  not_a_route,
  not_a_policy,
  not_absolute,
  bad_byte,
  percent_escape,
  dot_segment,
  empty_segment,
  duplicate,
};

template <class T>
inline constexpr bool is_route = false;
template <fixed_string Path, auto const& Policy>
inline constexpr bool is_route<route<Path, Policy>> = true;

// The bytes a route path may hold besides `/`: RFC 3986 pchar without percent-escapes.
[[nodiscard]] constexpr bool is_route_byte(char c) noexcept {
  if (is_alpha(c) || is_digit(c)) return true;
  switch (c) {
    case '-': case '.': case '_': case '~':                                         // unreserved
    case '!': case '$': case '&': case '\'': case '(': case ')': case '*': case '+':  // sub-delims
    case ',': case ';': case '=': case ':': case '@':
      return true;
    default:
      return false;
  }
}

// Whether the segment starting at `s` (just after a `/`) is `.` or `..`.
[[nodiscard]] constexpr bool is_dot_segment(std::string_view s) noexcept {
  std::size_t const end = s.find('/');
  std::string_view const segment = s.substr(0, end);
  return segment == "." || segment == "..";
}

[[nodiscard]] constexpr route_mistake check_route_path(std::string_view path) noexcept {
  if (path.empty() || path[0] != '/') return route_mistake::not_absolute;
  for (std::size_t i = 0; i != path.size(); ++i) {
    char const c = path[i];
    if (c == '/') {
      if (i + 1 != path.size() && path[i + 1] == '/') return route_mistake::empty_segment;
      if (is_dot_segment(path.substr(i + 1))) return route_mistake::dot_segment;
    } else if (c == '%') {
      return route_mistake::percent_escape;
    } else if (!is_route_byte(c)) {
      return route_mistake::bad_byte;
    }
  }
  return route_mistake::none;
}

// The path of an origin-form request target, with `safe == false` when a router may resolve the
// target differently from its bytes (see the top of this file).
struct routed_path {
  std::string_view path;
  bool safe = false;
};

// The bytes whose escapes make a path unsafe: those of the route paths, and . / \ %.
using byte_set = std::array<bool, 256>;

template <std::size_t N>
[[nodiscard]] constexpr byte_set escape_sensitive_bytes(std::array<std::string_view, N> const& paths) noexcept {
  byte_set out{};
  for (char c : std::string_view{"./\\%"}) out[static_cast<unsigned char>(c)] = true;
  for (std::string_view p : paths)
    for (char c : p) out[static_cast<unsigned char>(c)] = true;
  return out;
}

// What each byte of a request-target means to path_of: one table lookup a byte.
enum class path_byte : unsigned char { plain, slash, percent, query, other };
inline constexpr auto path_byte_classes = [] {
  std::array<path_byte, 256> classes{};
  for (unsigned c = 0; c != 256; ++c)
    classes[c] = is_route_byte(static_cast<char>(c)) ? path_byte::plain : path_byte::other;
  classes['/'] = path_byte::slash;
  classes['%'] = path_byte::percent;
  classes['?'] = path_byte::query;
  return classes;
}();

// The precise check, byte by byte: only for paths that the quick pass below flags.
[[nodiscard]] constexpr bool path_is_safe(std::string_view path, byte_set const& sensitive) noexcept {
  std::size_t const n = path.size();
  if (n == 0 || path[0] != '/') return false;
  for (std::size_t i = 0; i != n; ++i) {
    switch (path_byte_classes[static_cast<unsigned char>(path[i])]) {
      case path_byte::plain:
        if (path[i] == ';' && !sensitive[';']) return false;  // matrix parameters, stripped by some routers
        break;
      case path_byte::slash:
        if (i + 1 != n && (path[i + 1] == '/' || (path[i + 1] == '.' && is_dot_segment(path.substr(i + 1)))))
          return false;
        break;
      case path_byte::percent: {
        if (n - i < 3) return false;
        int const high = hex_digit(path[i + 1]), low = hex_digit(path[i + 2]);
        if (high < 0 || low < 0 || sensitive[static_cast<unsigned>(high * 16 + low)]) return false;
        i += 2;
        break;
      }
      case path_byte::query:
      case path_byte::other:
        return false;
    }
  }
  return true;
}

// What needs the precise check: any byte but letters, digits and the harmless punctuation, and
// a `/` followed by `/` or `.`. One pass without branches, which compilers keep tight.
inline constexpr auto path_byte_flags = [] {
  std::array<unsigned char, 256> flags{};
  for (unsigned c = 0; c != 256; ++c) flags[c] = path_byte_classes[c] == path_byte::plain ? 0 : 1;
  flags['/'] = 0;
  flags[';'] = 1;
  return flags;
}();

[[nodiscard]] constexpr routed_path path_of(std::string_view target, byte_set const& sensitive) noexcept {
  std::string_view const path = target.substr(0, target.find('?'));
  if (path.empty() || path[0] != '/') return {path, false};
  unsigned flagged = 0;
  for (std::size_t i = 1; i != path.size(); ++i) {
    auto const c = static_cast<unsigned char>(path[i]);
    flagged |= path_byte_flags[c] | (static_cast<unsigned>(path[i - 1] == '/') &
                                     (static_cast<unsigned>(c == '/') | static_cast<unsigned>(c == '.')));
  }
  if (flagged == 0) return {path, true};
  return {path, path_is_safe(path, sensitive)};
}

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

template <class... Routes>
struct route_index {
  static constexpr std::size_t size = sizeof...(Routes);
  static constexpr std::array<std::string_view, size> paths{Routes::path...};
  static constexpr std::array<origin_facts, size> facts = [] {
    std::array<origin_facts, size> out{};
    for (std::size_t i = 0; i != size; ++i) out[i] = {origin_mistake::none, false, hash_origin(paths[i])};
    return out;
  }();
  static constexpr string_table<size> table = build_string_table<size>(paths, facts);
  static constexpr std::size_t longest = [] {
    std::size_t n = 0;
    for (std::string_view p : paths) n = p.size() > n ? p.size() : n;
    return n;
  }();
  static constexpr byte_set sensitive = escape_sensitive_bytes(paths);
  // Which lengths a prefix route has: candidates of other lengths need no lookup.
  static constexpr std::array<bool, longest + 1> prefix_length = [] {
    std::array<bool, longest + 1> out{};
    for (std::string_view p : paths)
      if (p.back() == '/') out[p.size()] = true;
    return out;
  }();

  // The route (1-based) for a safe path, or 0: the path itself, then each prefix of it that
  // ends in `/`, longest first. One hash lookup per candidate, whatever the number of routes.
  [[nodiscard]] static constexpr std::size_t find(std::string_view path) noexcept {
    if (path.size() <= longest) {
      if (std::size_t const at = table.find(path, hash_origin(path), paths)) return at;
    }
    for (std::size_t i = path.size() <= longest ? path.size() - 1 : longest; i != 0; --i) {
      if (prefix_length[i] && path[i - 1] == '/') {
        std::string_view const candidate = path.substr(0, i);
        if (std::size_t const at = table.find(candidate, hash_origin(candidate), paths)) return at;
      }
    }
    return 0;
  }
};

template <class... Routes>
[[nodiscard]] consteval route_diagnosis diagnose_routes() noexcept {
  if constexpr (sizeof...(Routes) == 0) {
    return {route_mistake::no_routes, 0};
  } else {
    std::array<route_mistake, sizeof...(Routes)> const mistakes{route_entry_mistake<Routes>...};
    for (std::size_t i = 0; i != mistakes.size(); ++i)
      if (mistakes[i] != route_mistake::none) return {mistakes[i], i + 1};
    if constexpr (((route_entry_mistake<Routes> == route_mistake::none) && ...)) {
      std::size_t const duplicate = route_index<Routes...>::table.first_duplicate;
      if (duplicate != 0) return {route_mistake::duplicate, duplicate};
    }
    return {};
  }
}

template <class... Routes>
struct route_dispatch {
  using index = route_index<Routes...>;
  using evaluate_fn = decision (*)(request_view const&) noexcept;
  static constexpr std::array<evaluate_fn, sizeof...(Routes)> evaluators{&evaluate_route<Routes>...};
  using explain_fn = explanation (*)(request_view const&) noexcept;
  static constexpr std::array<explain_fn, sizeof...(Routes)> explainers{&explain_route<Routes>...};

  [[nodiscard]] static constexpr decision evaluate(std::string_view target, request_view const& r) noexcept {
    routed_path const p = path_of(target, index::sensitive);
    if (!p.safe) return without_cors(r, reason::unsafe_path);
    std::size_t const at = index::find(p.path);
    if (at == 0) return without_cors(r, reason::no_route);
    return evaluators[at - 1](r);
  }

  [[nodiscard]] static constexpr explanation explain(std::string_view target, request_view const& r) noexcept {
    routed_path const p = path_of(target, index::sensitive);
    std::size_t const at = p.safe ? index::find(p.path) : 0;
    if (at != 0) return explanation_builder::with_path(explainers[at - 1](r), p.path);
    decision const d = without_cors(r, p.safe ? reason::no_route : reason::unsafe_path);
    return explanation_builder::with_path(explanation_builder::explain(d, r, {}), p.path);
  }

  // One line per route: `path: what its policy allows`.
  template <class Sink>
  static constexpr void describe(Sink& out) noexcept {
    bool first = true;
    auto line = [&](std::string_view path, std::string_view policy) {
      if (!first) out("\n");
      out(path)(": ")(policy);
      first = false;
    };
    (line(Routes::path, Routes::policy.describe()), ...);
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
