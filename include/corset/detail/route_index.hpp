// corset/detail/route_index.hpp - which route covers a path: Go's ServeMux rule, in one lookup
// per candidate, whatever the number of routes.
//
// A path ending in `/` is a prefix and covers the paths below it, any other path is exact, and
// the longest match wins. Routes are indexed by their path without the trailing slash, so that
// `/api` and `/api/` share one entry: the slash the request has or lacks then says whether it
// is a route's own path or its mirror, which routers redirect or serve from that route and
// which therefore gets no CORS (rules 7.3).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <corset/detail/hash_table.hpp>

namespace corset::detail {

// What a route table says about a safe path.
struct route_match {
  std::size_t route = 0;    // 1-based position in routes<>; 0 when none covers the path
  std::size_t covered = 0;  // how many leading bytes of the path are the route's own path
  bool mirror = false;      // the path is a route's path with its trailing slash added or removed
};

// N routes whose longest path has `Longest` bytes.
template <std::size_t N, std::size_t Longest>
class route_index {
 public:
  constexpr explicit route_index(std::array<std::string_view, N> const& paths) noexcept {
    for (std::size_t k = 0; k != N; ++k) keys_[k] = key_of(paths[k]);
    for (std::size_t k = 0; k != N; ++k) {
      std::string_view const key = keys_[k];
      bool const prefix = is_prefix(paths[k]);
      std::size_t const first = table_.insert(hash_bytes(key), k, [&](std::size_t at) { return keys_[at] == key; });
      group& g = groups_[first == 0 ? k : first - 1];
      std::uint32_t& slot = prefix ? g.prefix : g.exact;
      if (slot != 0 && first_duplicate_ == 0) first_duplicate_ = k + 1;
      slot = static_cast<std::uint32_t>(k + 1);
      if (key.size() > longest_key_) longest_key_ = key.size();
      if (prefix) prefix_key_lengths_[key.size()] = true;
    }
  }

  // 1-based position of a route whose path is another's, or 0.
  [[nodiscard]] constexpr std::size_t first_duplicate() const noexcept { return first_duplicate_; }

  // The route for a path that starts with `/`: the path itself, its mirror, then each prefix of
  // it that ends in `/`, longest first. Only bytes are compared here; whether a router resolves
  // the path as its bytes say is route_paths.hpp's question.
  [[nodiscard]] constexpr route_match find(std::string_view path) const noexcept {
    std::size_t const n = path.size();
    bool const slash = path[n - 1] == '/';
    group const g = group_of(slash ? path.substr(0, n - 1) : path);
    if (std::uint32_t const own = slash ? g.prefix : g.exact; own != 0) return {own, n, false};
    if ((slash ? g.exact : g.prefix) != 0) return {0, 0, true};
    for (std::size_t i = n - 1 < longest_key_ + 1 ? n - 1 : longest_key_ + 1; i-- != 0;) {
      if (path[i] != '/' || !prefix_key_lengths_[i]) continue;
      if (std::uint32_t const prefix = group_of(path.substr(0, i)).prefix; prefix != 0) return {prefix, i + 1, false};
    }
    return {};
  }

 private:
  struct group {
    std::uint32_t exact = 0;   // 1-based route whose path is the key
    std::uint32_t prefix = 0;  // 1-based route whose path is the key and `/`
  };
  [[nodiscard]] static constexpr bool is_prefix(std::string_view path) noexcept { return path.back() == '/'; }
  [[nodiscard]] static constexpr std::string_view key_of(std::string_view path) noexcept {
    return is_prefix(path) ? path.substr(0, path.size() - 1) : path;
  }
  // The routes whose key is `key`; none (zeros) when no route has it.
  [[nodiscard]] constexpr group group_of(std::string_view key) const noexcept {
    if (key.size() > longest_key_) return {};
    std::size_t const at = table_.find(hash_bytes(key), [&](std::size_t k) { return same_text(keys_[k], key); });
    return at == 0 ? group{} : groups_[at - 1];
  }

  std::array<std::string_view, N> keys_{};  // each route's path without its trailing slash
  open_table<std::array<table_slot, table_capacity(N)>> table_{{}};
  std::array<group, N> groups_{};
  std::size_t longest_key_ = 0;
  std::size_t first_duplicate_ = 0;
  // Which key lengths a prefix route has: shorter candidates of other lengths need no lookup.
  std::array<bool, Longest + 1> prefix_key_lengths_{};
};

}  // namespace corset::detail
