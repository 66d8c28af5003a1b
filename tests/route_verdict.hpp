// The verdict of rules 7 for a request-target, read plainly: the route by model::match_route
// (every route path compared as text), the whole path judged by the precise check. The reference
// that route_dispatch::route_of, which looks routes up by hash and judges only the bytes after the
// route, must agree with: in the unit tests and in the route fuzzer.
#pragma once

#include <cstdint>
#include <string_view>

#include <corset/corset.hpp>

#include "model/routes.hpp"

namespace corset_test {

template <class Dispatch>
typename Dispatch::routed route_verdict(std::string_view target) {
  using corset::reason;
  std::string_view const path = target.substr(0, target.find('?'));
  if (path.empty() || path[0] != '/') return {0, reason::unsafe_path};
  corset::detail::routed_path const p = corset::detail::check_path(path, Dispatch::facts::sensitive);
  model::route_match const m = model::match_route(Dispatch::facts::paths, path);
  if (!p.safe || m.mirror) return {0, reason::unsafe_path};
  // A `;` outside the bytes of the route that covers the path (7.2).
  if (p.semicolon != corset::detail::npos && (m.route == 0 || p.semicolon >= m.covered)) return {0, reason::unsafe_path};
  if (m.route == 0) return {0, reason::no_route};
  return {static_cast<std::uint32_t>(m.route), reason::none};
}

}  // namespace corset_test
