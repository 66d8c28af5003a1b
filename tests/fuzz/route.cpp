// libFuzzer: the whole input is a request-target, routed by a table whose keys straddle the
// lengths the index reads by words (7, 8, 9, 16, 17 bytes and a long one), with exact routes,
// prefixes, mirrors and route bytes the quick pass flags. The verdict must be that of a plain
// reading of rules 7 (every route compared as text, the whole path judged by the precise check),
// and judging it reads no byte past the target: libFuzzer's input buffer is exactly its size, so
// AddressSanitizer stops any word or block load that runs over.
#include "harness.hpp"

namespace {

using corset::reason;
using fuzz::open;

using table = corset::detail::route_dispatch<
    corset::route<"/api/", open>, corset::route<"/api/status", open>, corset::route<"/public/", open>,
    corset::route<"/v1:batch", open>, corset::route<"/legacy;v=1/", open>, corset::route<"/a-b_c.d~e/", open>,
    corset::route<"/123456/", open>, corset::route<"/1234567/", open>, corset::route<"/12345678/", open>,
    corset::route<"/abcdefghijklmno/", open>, corset::route<"/abcdefghijklmnop/", open>,
    corset::route<"/abcdefghijklmnop", open>, corset::route<"/abcdefghijklmnopqrstuvwxyz/0123456789/", open>,
    corset::route<"/x", open>, corset::route<"/x/y/", open>, corset::route<"/.well-known/", open>>;

// Go's ServeMux rule read plainly: the path itself, then its mirror (no CORS), then the longest
// prefix route that covers it with a `/` to spare.
struct plain_match {
  std::size_t route = 0;
  std::size_t covered = 0;
  bool mirror = false;
};
plain_match match_plainly(std::string_view path) {
  constexpr auto const& paths = table::facts::paths;
  auto const position = [](std::string_view p) -> std::size_t {
    for (std::size_t k = 0; k != paths.size(); ++k)
      if (paths[k] == p) return k + 1;
    return 0;
  };
  if (std::size_t const own = position(path); own != 0) return {own, path.size(), false};
  bool const slash = path.back() == '/';
  std::size_t const mirror = position(slash ? path.substr(0, path.size() - 1) : std::string(path) + "/");
  if (mirror != 0 && (paths[mirror - 1].back() == '/') != slash) return {0, 0, true};
  for (std::size_t i = path.size() - 1; i != 0; --i)
    if (path[i - 1] == '/')
      if (std::size_t const prefix = position(path.substr(0, i)); prefix != 0 && paths[prefix - 1].back() == '/')
        return {prefix, i, false};
  return {};
}

table::routed route_plainly(std::string_view target) {
  std::string_view const path = target.substr(0, std::min(target.find('?'), target.size()));
  if (path.empty() || path[0] != '/') return {0, reason::unsafe_path};
  corset::detail::routed_path const p = corset::detail::check_path(path, table::facts::sensitive);
  plain_match const m = match_plainly(path);
  if (!p.safe || m.mirror) return {0, reason::unsafe_path};
  if (p.semicolon != corset::detail::npos && (m.route == 0 || p.semicolon >= m.covered)) return {0, reason::unsafe_path};
  if (m.route == 0) return {0, reason::no_route};
  return {static_cast<std::uint32_t>(m.route), reason::none};
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  std::string_view const target(reinterpret_cast<char const*>(data), size);
  long const before = fuzz::allocations();
  table::routed const got = table::route_of(target);
  bool const allocated = fuzz::allocations() != before;
  table::routed const expected = route_plainly(target);
  if (allocated || got.route != expected.route || got.why != expected.why) {
    std::fprintf(stderr, "target [%.*s] (%zu bytes): route %u reason %d, expected route %u reason %d%s\n",
                 static_cast<int>(size), target.data(), size, got.route, static_cast<int>(got.why), expected.route,
                 static_cast<int>(expected.why), allocated ? "; it allocated" : "");
    std::abort();
  }
  return 0;
}
