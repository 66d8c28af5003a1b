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

#include <corset/detail/ascii.hpp>
#include <corset/detail/hash_table.hpp>

namespace corset::detail {

// What a route table says about a safe path.
struct route_match {
  std::size_t route = 0;    // 1-based position in routes<>; 0 when none covers the path
  std::size_t covered = 0;  // how many leading bytes of the path are the route's own path
  bool mirror = false;      // the path is a route's path with its trailing slash added or removed
};

// N routes whose longest path has `Longest` bytes.
//
// A key of up to 16 bytes (most route paths) is known by its length and two words, its first 8
// bytes and its last 8, which are also what its hash is made of: a lookup loads them once from the
// request's path, hashes them, and compares them with those of the key in the slot, where the
// table placed it, with no pointer to follow.
template <std::size_t N, std::size_t Longest>
class route_index {
 public:
  constexpr explicit route_index(std::array<std::string_view, N> const& paths) noexcept {
    for (std::size_t k = 0; k != N; ++k) keys_[k] = key_of(paths[k]);
    open_table<std::array<table_slot, capacity>> table{{}};
    std::array<entry, N> entries{};  // by the position of the first route with the key
    auto const hash_at = [this](std::size_t at) { return hash_bytes(keys_[at]); };
    for (std::size_t k = 0; k != N; ++k) {
      std::string_view const key = keys_[k];
      bool const prefix = is_prefix(paths[k]);
      std::size_t const first = table.insert(hash_at(k), k, [&](std::size_t at) { return keys_[at] == key; }, hash_at);
      entry& e = entries[first == 0 ? k : first - 1];
      if (first == 0) {
        e.words = words_of(key.data(), key.size(), key.size());
        e.length = static_cast<std::uint32_t>(key.size());
      }
      if (prefix) e.prefix_length = e.length;
      std::uint32_t& slot = prefix ? e.routes.prefix : e.routes.exact;
      if (slot != 0 && first_duplicate_ == 0) first_duplicate_ = k + 1;
      slot = static_cast<std::uint32_t>(k + 1);
      if (key.size() > longest_key_) longest_key_ = key.size();
      if (prefix) prefix_key_lengths_[key.size()] = true;
    }
    for (std::size_t i = 0; i != capacity; ++i)
      if (std::size_t const position = table.position_at(i); position != 0) slots_[i] = entries[position - 1];
  }

  // 1-based position of a route whose path is another's, or 0.
  [[nodiscard]] constexpr std::size_t first_duplicate() const noexcept { return first_duplicate_; }
  // The longest key, in bytes.
  [[nodiscard]] constexpr std::size_t longest_key() const noexcept { return longest_key_; }
  // Bit i: a prefix route's key has i bytes, for i under 16.
  [[nodiscard]] constexpr unsigned short_prefix_lengths() const noexcept {
    unsigned out = 0;
    for (std::size_t i = 0; i != 16 && i <= Longest; ++i) out |= static_cast<unsigned>(prefix_key_lengths_[i]) << i;
    return out;
  }

  // The route for a path that starts with `/`: the path itself, its mirror, then each prefix of
  // it that ends in `/`, longest first. Only bytes are compared here; whether a router resolves
  // the path as its bytes say is route_paths.hpp's question. `readable`: how many bytes from
  // the path's first can be read (the request-target's, which go on past its path).
  [[nodiscard]] constexpr route_match find(std::string_view path, std::size_t readable) const noexcept {
    std::size_t const n = path.size();
    bool const slash = path[n - 1] == '/';
    group const own = group_of(path.data(), slash ? n - 1 : n, readable);
    if (std::uint32_t const route = slash ? own.prefix : own.exact; route != 0) return {route, n, false};
    if ((slash ? own.exact : own.prefix) != 0) return {0, 0, true};  // the key's route of the other kind
    for (std::size_t i = n - 1 < longest_key_ + 1 ? n - 1 : longest_key_ + 1; i-- != 0;) {
      if (path[i] != '/' || !prefix_key_lengths_[i]) continue;
      if (std::uint32_t const prefix = prefix_route(path.data(), i, readable); prefix != 0) return {prefix, i + 1, false};
    }
    return {};
  }
  // Bit i: some route's key has i bytes, for i under 16.
  [[nodiscard]] constexpr unsigned short_key_lengths() const noexcept {
    unsigned out = 0;
    for (std::string_view key : keys_) out |= key.size() < 16 ? 1u << key.size() : 0u;
    return out;
  }
  // The prefix route whose key is the first n bytes of the path at p, or 0.
  [[nodiscard]] constexpr std::uint32_t prefix_route(char const* p, std::size_t n, std::size_t readable) const noexcept {
    return lookup<key_of_prefix>(p, n, readable).prefix;
  }

 private:
  static constexpr std::size_t capacity = table_capacity(N);
  static constexpr int shift = 64 - __builtin_ctzll(capacity);  // a hash's top bits are its home slot

  // The first 8 bytes of a key (fewer, zero-extended, for a shorter one) and, past 8, its last 8.
  struct key_words {
    std::uint64_t first = 0;
    std::uint64_t last = 0;
    friend constexpr bool operator==(key_words const&, key_words const&) = default;
  };
  static constexpr std::uint32_t no_length = ~std::uint32_t{0};
  struct group {
    std::uint32_t exact = 0;   // 1-based route whose path is the key
    std::uint32_t prefix = 0;  // 1-based route whose path is the key and `/`
  };
  // A slot: 32 bytes, and its key's length twice. A prefix lookup compares the second, which only
  // a key with a prefix route has: a key it finds has one, and the lookup returns it without
  // testing it for 0 (2 instructions fewer).
  struct entry {
    key_words words;
    std::uint32_t length = no_length;         // no_length: an empty slot
    std::uint32_t prefix_length = no_length;  // the key's length, when a prefix route has the key
    group routes;
  };
  // Which of an entry's lengths a lookup compares.
  enum lookup_kind : bool { key_of_any, key_of_prefix };

  [[nodiscard]] static constexpr bool is_prefix(std::string_view path) noexcept { return path.back() == '/'; }
  [[nodiscard]] static constexpr std::string_view key_of(std::string_view path) noexcept {
    return is_prefix(path) ? path.substr(0, path.size() - 1) : path;
  }
  // The text of an entry's key: its routes' path without the trailing slash.
  [[nodiscard]] constexpr std::string_view key_of(entry const& e) const noexcept {
    return keys_[(e.routes.exact != 0 ? e.routes.exact : e.routes.prefix) - 1];
  }
  // The words of the n bytes at p, of which `readable` can be read.
  [[nodiscard]] static constexpr key_words words_of(char const* p, std::size_t n, std::size_t readable) noexcept {
    if (std::is_constant_evaluated() || readable < 8) {
      std::uint64_t first = 0, last = 0;
      for (std::size_t i = 0; i != (n < 8 ? n : 8); ++i) first |= std::uint64_t{static_cast<unsigned char>(p[i])} << (8 * i);
      if (n > 8)
        for (std::size_t i = 0; i != 8; ++i) last |= std::uint64_t{static_cast<unsigned char>(p[n - 8 + i])} << (8 * i);
      return {first, last};
    }
    std::uint64_t const word = load_le64(p);
    return {n < 8 ? word & ((std::uint64_t{1} << (8 * n)) - 1) : word, n > 8 ? load_le64(p + n - 8) : 0};
  }
  // The routes whose key is the n bytes at p; none (zeros) when no route has it.
  [[nodiscard]] constexpr group group_of(char const* p, std::size_t n, std::size_t readable) const noexcept {
    return lookup<key_of_any>(p, n, readable);
  }
  // The same, or none when no prefix route has the key (key_of_prefix).
  template <lookup_kind Kind>
  [[nodiscard]] constexpr group lookup(char const* p, std::size_t n, std::size_t readable) const noexcept {
    if (n > longest_key_) return {};
    key_words const w = words_of(p, n, readable);
    // hash_bytes, from the words for up to 16 bytes (its first block and last block are these).
    std::uint64_t const h = n <= 16 ? fold_multiply(w.first ^ hash_seed ^ (n * hash_key), w.last ^ hash_key)
                                    : hash_bytes(std::string_view{p, n});
    for (std::size_t i = h >> shift;; i = (i + 1) & (capacity - 1)) {
      entry const& e = slots_[i];
      // The length last, and as 32 bits, as stored (n is at most the longest key): 2 instructions
      // fewer than before the words.
      if (e.words == w && (Kind == key_of_prefix ? e.prefix_length : e.length) == static_cast<std::uint32_t>(n) &&
          (n <= 16 || same_text(key_of(e), {p, n}))) {
        if constexpr (Kind == key_of_prefix)
          if (e.routes.prefix == 0) __builtin_unreachable();  // its prefix_length says it has one
        return e.routes;
      }
      if (e.length == no_length) return {};
    }
  }

  std::array<std::string_view, N> keys_{};  // each route's path without its trailing slash
  std::array<entry, capacity> slots_{};     // each key's words and routes, where the table placed it
  std::size_t longest_key_ = 0;
  std::size_t first_duplicate_ = 0;
  // Which key lengths a prefix route has: shorter candidates of other lengths need no lookup.
  std::array<bool, Longest + 1> prefix_key_lengths_{};
};

}  // namespace corset::detail
