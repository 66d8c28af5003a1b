// A reference for route tables (docs/rules.md section 7, which route covers a path): Go's
// ServeMux rule read plainly, every route path compared as text. Like model.hpp, it shares no
// code with corset; slow is fine.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace model {

struct route_match {
  std::size_t route = 0;    // 1-based position among the paths; 0 when none covers the path
  std::size_t covered = 0;  // how many leading bytes of the path are the route's own
  bool mirror = false;      // the path is a route's with its trailing slash added or removed
};

// The route among `paths` (a prefix route's path ends in `/`) for a path that starts with `/`:
// the path itself; else its mirror, which gets none; else the longest prefix route that leaves
// a byte of the path to cover.
template <class Paths>
route_match match_route(Paths const& paths, std::string_view path) {
  auto const position = [&paths](std::string_view p) -> std::size_t {
    for (std::size_t k = 0; k != paths.size(); ++k)
      if (paths[k] == p) return k + 1;
    return 0;
  };
  if (std::size_t const own = position(path); own != 0) return {own, path.size(), false};
  // The mirror: an exact route for a path with a trailing slash, a prefix route for one without.
  bool const slash = path.back() == '/';
  std::size_t const mirror = position(slash ? path.substr(0, path.size() - 1) : std::string(path) + "/");
  if (mirror != 0 && (paths[mirror - 1].back() == '/') != slash) return {0, 0, true};
  for (std::size_t i = path.size() - 1; i != 0; --i)
    if (path[i - 1] == '/')
      if (std::size_t const prefix = position(path.substr(0, i)); prefix != 0 && paths[prefix - 1].back() == '/')
        return {prefix, i, false};
  return {};
}

}  // namespace model
