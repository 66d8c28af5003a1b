// corset/detail/route_dispatch.hpp - how a route table checks its routes and hands a request to
// the policy of the route that covers its path.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <type_traits>

#include <corset/decision.hpp>
#include <corset/detail/analysis.hpp>
#include <corset/detail/classify.hpp>
#include <corset/detail/decision_builder.hpp>
#include <corset/detail/explain.hpp>
#include <corset/detail/mistakes.hpp>
#include <corset/detail/option.hpp>
#include <corset/detail/route_index.hpp>
#include <corset/detail/route_paths.hpp>
#include <corset/explanation.hpp>
#include <corset/fixed_string.hpp>
#include <corset/options/cross_origin_writes.hpp>
#include <corset/policy.hpp>
#include <corset/request.hpp>

namespace corset {

template <fixed_string Path, auto const& Policy>
struct route;

namespace detail {

template <class T>
inline constexpr bool is_route = false;
template <fixed_string Path, auto const& Policy>
inline constexpr bool is_route<route<Path, Policy>> = true;

template <class T>
inline constexpr bool is_policy_object = false;
template <class... Options>
inline constexpr bool is_policy_object<policy<Options...>> = true;

// What a route's policy does with cross-origin writes.
template <class Policy>
inline constexpr writes_rule writes_of = writes_rule::accepted;
template <class... Options>
inline constexpr writes_rule writes_of<policy<Options...>> = pack_of<Options...>::writes;

// --- the table's mistakes (rules 7) --------------------------------------------------------

template <class Route>
inline constexpr mistake route_entry_mistake = [] {
  if constexpr (!is_route<Route>) {
    return mistake::not_a_route;
  } else if constexpr (!is_policy_object<std::remove_cvref_t<decltype(Route::policy)>>) {
    return mistake::not_a_policy;
  } else {
    return check_route_path(Route::path);
  }
}();

// The first entry that is not a route with a good path.
template <class... Routes>
inline constexpr diagnosis route_entries_diagnosis = [] {
  std::array<mistake, sizeof...(Routes)> const mistakes{route_entry_mistake<Routes>...};
  for (std::size_t i = 0; i != mistakes.size(); ++i)
    if (mistakes[i] != mistake::none) return diagnosis{mistakes[i], i + 1};
  return diagnosis{};
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
  // For targets no route answers: the strictest of the routes' rules (refused, then reported).
  static constexpr writes_rule writes = [] {
    std::array<writes_rule, sizeof...(Routes)> const rules{writes_of<std::remove_cvref_t<decltype(Routes::policy)>>...};
    writes_rule strictest = writes_rule::accepted;
    for (writes_rule rule : rules)
      if (rule == writes_rule::refused || (rule == writes_rule::reported && strictest == writes_rule::accepted))
        strictest = rule;
    return strictest;
  }();
};

template <class... Routes>
[[nodiscard]] consteval diagnosis diagnose_routes() noexcept {
  if constexpr (sizeof...(Routes) == 0) {
    return {mistake::no_routes};
  } else if constexpr (!route_entries_diagnosis<Routes...>.ok()) {
    return route_entries_diagnosis<Routes...>;
  } else {
    std::size_t const duplicate = route_table_facts<Routes...>::index.first_duplicate();
    if (duplicate != 0) return {mistake::duplicate_route, duplicate};
    return {};
  }
}

// --- the dispatch ----------------------------------------------------------------------------

// A decision for a request that gets no CORS at all: no header, no status. "No CORS" never means
// "no protection" (rules 7.4): in a table whose routes refuse cross-origin writes, a write is
// judged with an empty trusted list, since a router may still hand it to a protected handler.
[[nodiscard]] constexpr outcome outcome_without_cors(request_view const& r, reason why, writes_rule writes) noexcept {
  request_kind const kind = classify(r);
  if (writes != writes_rule::accepted && is_write(r) && !same_origin_or_not_a_page(r))
    return {kind, reason::cross_origin_write, static_cast<std::uint16_t>(writes == writes_rule::refused ? 403 : 0)};
  return {kind, kind == request_kind::not_cors ? reason::not_cors : why, 0};
}
[[nodiscard]] constexpr decision without_cors(request_view const& r, reason why, writes_rule writes) noexcept {
  decision d = decision_builder::unfinished();
  outcome const o = outcome_without_cors(r, why, writes);
  decision_builder{d}.finish(o.kind(), o.reason(), static_cast<std::uint16_t>(o.status()));
  return d;
}

// What a route table calls for each route: one function a policy, not a route, so that routes
// sharing a policy object share its functions (a table of 1024 routes over a few policies
// instantiates a few). Out of line even in a table of one route, whose call the compilers would
// otherwise resolve and inline: the routing and the policy then share one body, which g++ laid
// out worse (the lookup measured 112 instructions over the policy alone there, 89 for 16 routes).
// With a sink, flattened: the policy's answer is inlined into it, as it is into a caller of
// policy.evaluate(r, sink), instead of being one more call (a preflight's lookup measured 128
// instructions over the policy alone, 101 flattened).
template <auto const& Policy>
[[nodiscard, gnu::noinline]] constexpr decision evaluate_route(request_view const& r) noexcept {
  return Policy.evaluate(r);
}
template <auto const& Policy, class Sink>
[[gnu::flatten]] constexpr outcome evaluate_route_into(request_view const& r, Sink& sink) {
  return Policy.evaluate(r, sink);
}
template <auto const& Policy>
[[nodiscard]] constexpr explanation explain_route(request_view const& r) noexcept {
  return Policy.explain(r);
}

template <class... Routes>
struct route_dispatch {
  using facts = route_table_facts<Routes...>;
  // One function a policy, called through a table of one entry a route: never a fold over the
  // routes (rules 5.13).
  using evaluate_fn = decision (*)(request_view const&) noexcept;
  static constexpr std::array<evaluate_fn, sizeof...(Routes)> evaluators{&evaluate_route<Routes::policy>...};
  using explain_fn = explanation (*)(request_view const&) noexcept;
  static constexpr std::array<explain_fn, sizeof...(Routes)> explainers{&explain_route<Routes::policy>...};

  // The route (1-based) that answers `target`, or 0 with the reason it gets no CORS: small
  // enough to come back in a register.
  struct routed {
    std::uint32_t route = 0;
    reason why = reason::none;
  };
  // The common case first, lean: a target of 16 bytes or more under a route, the rest of its
  // path in one block that the quick pass clears. Everything else (short targets, no route, a
  // mirror, a longer rest, a byte the quick pass flags) takes route_of_any, out of line, so that
  // its registers and constants do not weigh on this path. Flattened: the lookup and the quick
  // pass are a few instructions each, and in a large program a compiler's inlining budget leaves
  // them as calls.
  [[nodiscard, gnu::flatten]] static constexpr routed route_of(std::string_view target) noexcept {
#if CORSET_DETAIL_BYTE_BLOCKS
    if (takes_short_way(target)) {
      if (std::uint32_t const route = short_route(target); route != 0) return {route, reason::none};
      return route_of_any(target);
    }
    if (!std::is_constant_evaluated() && target.size() >= 16) return route_of_long(target);
#endif
    return route_of_any(target);
  }
#if CORSET_DETAIL_BYTE_BLOCKS
  // Most targets (17 to 32 bytes) in most tables (route paths under 17 bytes) take the short way.
  [[nodiscard, gnu::always_inline]] static constexpr bool takes_short_way(std::string_view target) noexcept {
    if constexpr (facts::index.longest_key() < 16) return !std::is_constant_evaluated() && target.size() - 17 < 16;
    return false;
  }
  // The short way: three blocks and one lookup. The candidate is the last `/` of the first block
  // at which a prefix route's path may end: the longest prefix, the route of most paths under a
  // prefix route. When it is a route's and the rest of the target from there is in the last
  // block, the quick pass over that block says both where the path ends (its first flagged byte
  // must be the `?`) and whether the rest needs the precise check. The route (1-based), or 0 when
  // the target must go the longer way (route_of_any).
  //
  // No other route can be the answer then: a route's path holds no `?`, so the path goes on past
  // the candidate's `/`; the candidate is the longest prefix route under 16 bytes, and there is
  // none longer; and the path does not end where a route's path or its mirror would, so it is no
  // route's own path or mirror. (Nor does it end right after the candidate's `/`, where it would
  // be the candidate's own path: that rarer target goes the longer way, which says so.)
  //
  // The bytes are judged before the lookup: they need only the target and the candidate, and
  // what the lookup needs is then all the routing keeps in registers (4 instructions fewer).
  [[nodiscard, gnu::always_inline]] static std::uint32_t short_route(std::string_view target) noexcept {
    constexpr unsigned prefix_lengths = facts::index.short_prefix_lengths();
    // Where a path that is some route's path or mirror ends: right after its key, or its `/`.
    constexpr unsigned key_lengths = facts::index.short_key_lengths(), key_ends = key_lengths | key_lengths << 1;
    short_target const t = short_target::scan(target);
    if (unsigned const candidates = t.slashes & prefix_lengths; candidates != 0) {
      // The key's length, a word wide: the lookup indexes with it (4 instructions fewer).
      std::size_t const i = 31 - static_cast<unsigned>(__builtin_clz(candidates));
      // When every prefix key under 16 bytes is longer than a word, say so: the key's two words
      // then load without a branch on its length (a table of `/api/tenantN/` routes: 7 fewer
      // instructions a lookup). Keys of a word or less gained nothing from the same hint.
      if constexpr ((prefix_lengths & 0x1FFu) == 0)
        if (i <= 8) __builtin_unreachable();
      if (i + 1 >= t.size - 16 && t.rest_is_clear(target.data(), i + 1, key_ends))
        return facts::index.prefix_route(target.data(), i, t.size);
    }
    return 0;
  }
  // A longer target, or a table with longer route paths: the path's end, the index's answer,
  // and the quick pass over the rest when it fits in one block.
  [[nodiscard, gnu::noinline, gnu::flatten]] static routed route_of_long(std::string_view target) noexcept {
    std::size_t const end = path_end_vector(target);
    if (end != 0 && target[0] == '/') {
      route_match const m = facts::index.find(target.substr(0, end), target.size());
      // The bytes a route covers are its own path's, which the table's check allowed: only
      // the rest needs the quick pass, and most often they fit in one block and it clears them.
      if (m.route != 0 && in_one_block(m.covered, end) && !needs_check_vector(target, m.covered, end))
        return {static_cast<std::uint32_t>(m.route), reason::none};
    }
    return route_of_any(target);
  }
#endif
  [[nodiscard, gnu::noinline]] static constexpr routed route_of_any(std::string_view target) noexcept {
    std::size_t const end = path_end(target);
    std::string_view const path = target.substr(0, end);
    if (path.empty() || path[0] != '/') return {0, reason::unsafe_path};  // absolute-form, authority, `*`
    route_match const m = facts::index.find(path, target.size());
    // A route's own bytes passed the table's check; without a route, m.covered is 0.
    routed_path const p = needs_check(target, m.covered, end) ? check_path(path, facts::sensitive) : routed_path{true};
    if (!p.safe || m.mirror) return {0, reason::unsafe_path};
    // A `;` outside the bytes of the route that covers the path: a router may strip it (7.2).
    auto const route = static_cast<std::uint32_t>(m.route);
    if (p.semicolon != npos && (route == 0 || p.semicolon >= m.covered)) return {0, reason::unsafe_path};
    if (route == 0) return {0, reason::no_route};
    return {route, reason::none};
  }

  [[nodiscard]] static constexpr decision evaluate(std::string_view target, request_view const& r) noexcept {
    routed const to = route_of(target);
    if (to.route == 0) return without_cors(r, to.why, facts::writes);
    return evaluators[to.route - 1](r);
  }

  template <class Sink>
  static constexpr std::array<outcome (*)(request_view const&, Sink&), sizeof...(Routes)> sink_evaluators{
      &evaluate_route_into<Routes::policy, Sink>...};

  template <class Sink>
  static constexpr outcome evaluate(std::string_view target, request_view const& r, Sink& sink) {
    routed const to = route_of(target);
    if (to.route == 0) return outcome_without_cors(r, to.why, facts::writes);
    return sink_evaluators<Sink>[to.route - 1](r, sink);
  }

  [[nodiscard]] static constexpr explanation explain(std::string_view target, request_view const& r) noexcept {
    routed const to = route_of(target);
    std::string_view const path = target.substr(0, path_end(target));
    if (to.route != 0) return explanation_builder::with_path(explainers[to.route - 1](r), path);
    return explanation_builder::with_path(explanation_builder::explain(without_cors(r, to.why, facts::writes), r, {}),
                                          path);
  }

  // One line per route: `path: what its policy allows`.
  template <class Out>
  static constexpr void describe(Out& out) noexcept {
    std::array<std::string_view, sizeof...(Routes)> const descriptions{Routes::policy.describe()...};
    for (std::size_t i = 0; i != facts::paths.size(); ++i) {
      if (i != 0) out("\n");
      out(facts::paths[i])(": ")(descriptions[i]);
    }
  }
};

// What a table with a mistake decides with: nothing, so that its one diagnostic is the only error.
struct inert_routes {
  [[nodiscard]] static constexpr decision evaluate(std::string_view, request_view const&) noexcept { return {}; }
  template <class Sink>
  static constexpr outcome evaluate(std::string_view, request_view const&, Sink&) noexcept {
    return {};
  }
  [[nodiscard]] static constexpr explanation explain(std::string_view, request_view const&) noexcept { return {}; }
  template <class Out>
  static constexpr void describe(Out&) noexcept {}
};

}  // namespace detail
}  // namespace corset
