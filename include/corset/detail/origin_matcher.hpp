// corset/detail/origin_matcher.hpp - the code that decides whether an Origin is allowed.
//
// Generated at compile time from allow_origins<...>: exact origins are compared as constants
// when there are few of them (what a person would write by hand: length test, then memcmp) and
// looked up in a hash table built at compile time when there are many, so that the cost does not
// grow with the policy. Patterns (`*.` and `:*`) are checked after the exact origins.
//
// Compile-time cost matters as much: every per-origin computation (parsing, hashing) lives in a
// variable template, so each has its own constexpr budget, and the pack of origins is only ever
// expanded into arrays, never folded (compilers limit fold depth).
#pragma once

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <type_traits>
#include <utility>

#include <corset/detail/ascii.hpp>
#include <corset/detail/origin_syntax.hpp>
#include <corset/fixed_string.hpp>

namespace corset::detail {

// --- hashing ----------------------------------------------------------------------------------

[[nodiscard]] constexpr std::uint64_t load_le64(char const* p) noexcept {
  if (std::is_constant_evaluated() || std::endian::native != std::endian::little) {
    std::uint64_t w = 0;
    for (int i = 0; i != 8; ++i) w |= std::uint64_t{static_cast<unsigned char>(p[i])} << (8 * i);
    return w;
  }
  std::uint64_t w;
  std::memcpy(&w, p, sizeof w);
  return w;
}

// Every byte counts: origins share long prefixes (`https://`) and suffixes (`.example.com`).
// Eight bytes at a time, the tail as an overlapping last word; one multiply per word.
constexpr std::uint64_t hash_seed = 0x9E3779B97F4A7C15u;

[[nodiscard]] constexpr std::uint64_t hash_step(std::uint64_t h, std::uint64_t word) noexcept {
  h = (h ^ word) * hash_seed;
  return (h << 29) | (h >> 35);
}

[[nodiscard]] constexpr std::uint64_t hash_origin(std::string_view s) noexcept {
  std::size_t const n = s.size();
  std::uint64_t h = hash_seed ^ (n * 0xC2B2AE3D27D4EB4Fu);
  if (std::is_constant_evaluated()) {
    // The same words as below, assembled byte by byte, in one loop without calls: this runs
    // once per origin of a policy, and a compiler memoises every call with new arguments.
    std::size_t const words = n >= 8 ? (n + 7) / 8 : 1;
    for (std::size_t w = 0; w != words; ++w) {
      std::size_t const start = n < 8 ? 0 : (w + 1 == words ? n - 8 : w * 8);
      std::size_t const length = n < 8 ? n : 8;
      std::uint64_t word = 0;
      for (std::size_t i = 0; i != length; ++i)
        word |= std::uint64_t{static_cast<unsigned char>(s[start + i])} << (8 * i);
      h = (h ^ word) * hash_seed;
      h = (h << 29) | (h >> 35);
    }
  } else if (n >= 8) {
    std::size_t i = 0;
    for (; i + 8 <= n; i += 8) h = hash_step(h, load_le64(s.data() + i));
    if (i != n) h = hash_step(h, load_le64(s.data() + n - 8));
  } else {
    std::uint64_t w = 0;
    for (std::size_t i = 0; i != n; ++i)
      w |= std::uint64_t{static_cast<unsigned char>(s[i])} << (8 * i);
    h = hash_step(h, w);
  }
  return (h ^ (h >> 32)) * 0xD6E8FEB86659FD93u;
}

// --- per-origin facts -------------------------------------------------------------------------

// What validation and matching need to know about one origin, computed once per origin in a
// variable template that calls a plain function: a lambda there would be a new closure type,
// and a new function body to instantiate, for every origin of a policy.
struct origin_facts {
  origin_mistake mistake = origin_mistake::none;
  bool pattern = false;
  std::uint64_t hash = 0;  // of exact origins
};

[[nodiscard]] constexpr origin_facts facts_for(std::string_view text, origin_rules rules) noexcept {
  if (is_plain_origin(text, rules)) return {origin_mistake::none, false, hash_origin(text)};
  origin_parts parts{};
  origin_mistake const mistake = parse_origin(text, rules, parts);
  return {mistake, parts.is_pattern(), parts.is_pattern() ? 0 : hash_origin(text)};
}

template <origin_rules Rules, fixed_string Origin>
inline constexpr origin_facts facts_of = facts_for(Origin.view(), Rules);

// --- patterns ---------------------------------------------------------------------------------

// `scheme://*.domain[:port|:*]` or `scheme://host:*`, prepared for matching.
struct origin_pattern {
  std::string_view prefix;  // "https://" with any_subdomain, else "https://host"
  std::string_view suffix;  // ".domain" and ":port" if fixed, with any_subdomain; else empty
  bool any_subdomain = false;
  bool any_port = false;
  unsigned default_port = 0;
  // The last (up to) 8 bytes every match ends with, as a little-endian word, and which of its
  // bytes count: one compare rejects most origins before any byte-wise work.
  std::uint64_t tail = 0;
  std::uint64_t tail_mask = 0;
};

// The last 8 bytes of `s` as a little-endian word; for shorter strings, s in the high bytes.
[[nodiscard]] constexpr std::uint64_t last_word(std::string_view s) noexcept {
  if (s.size() >= 8 && !std::is_constant_evaluated()) return load_le64(s.data() + s.size() - 8);
  std::uint64_t w = 0;
  std::size_t const n = s.size() < 8 ? s.size() : 8;
  for (std::size_t i = 0; i != n; ++i)
    w |= std::uint64_t{static_cast<unsigned char>(s[s.size() - n + i])} << (8 * (8 - n + i));
  return w;
}

[[nodiscard]] constexpr origin_pattern make_pattern(std::string_view text,
                                                    origin_parts const& p) noexcept {
  origin_pattern out{};
  out.any_subdomain = p.any_subdomain;
  out.any_port = p.any_port;
  out.default_port = default_port(p.scheme);
  std::size_t const scheme_end = p.scheme.size() + 3;  // "scheme://"
  if (p.any_subdomain) {
    out.prefix = text.substr(0, scheme_end);
    // ".domain", plus ":port" when the port is fixed; "*." is two bytes after the scheme.
    std::size_t const end = p.any_port ? text.size() - 2 : text.size();
    out.suffix = text.substr(scheme_end + 1, end - scheme_end - 1);
  } else {
    out.prefix = text.substr(0, text.size() - 2);  // without ":*"
  }
  // What every match ends with: the suffix, unless the port is free (then nothing is known).
  std::string_view const ending = out.any_port ? std::string_view{} : out.suffix;
  std::size_t const known = ending.size() < 8 ? ending.size() : 8;
  out.tail = last_word(ending);
  out.tail_mask = known == 0 ? 0 : ~std::uint64_t{0} << (8 * (8 - known));
  return out;
}

// One or more labels of a-z 0-9 - _, separated by single dots (rules 3.2).
[[nodiscard]] constexpr bool is_subdomain_labels(std::string_view s) noexcept {
  if (s.empty() || s.front() == '.' || s.back() == '.') return false;
  char previous = 0;
  for (char c : s) {
    if (c == '.') {
      if (previous == '.') return false;
    } else if (!(is_lower(c) || is_digit(c) || c == '-' || c == '_')) {
      return false;
    }
    previous = c;
  }
  return true;
}

// `end` is last_word(o), computed once for all patterns.
[[nodiscard, gnu::always_inline]] constexpr bool matches(origin_pattern const& p, std::string_view o,
                                     std::uint64_t end) noexcept {
  if (((end ^ p.tail) & p.tail_mask) != 0) return false;
  if (!o.starts_with(p.prefix)) return false;
  std::string_view rest = o.substr(p.prefix.size());
  if (p.any_port) {
    if (std::size_t const colon = rest.rfind(':'); colon != std::string_view::npos) {
      unsigned const port = parse_port(rest.substr(colon + 1));
      if (port == 0 || port == p.default_port) return false;
      rest = rest.substr(0, colon);
    }
  }
  if (!p.any_subdomain) return rest.empty();
  if (rest.size() <= p.suffix.size()) return false;
  std::size_t const labels = rest.size() - p.suffix.size();
  return rest.substr(labels) == p.suffix && is_subdomain_labels(rest.substr(0, labels));
}

[[nodiscard]] constexpr origin_pattern parse_pattern(std::string_view text) noexcept {
  origin_parts parts{};
  (void)parse_origin(text, origin_rules{}, parts);
  return make_pattern(text, parts);
}

// --- exact origins ----------------------------------------------------------------------------

// Up to this many exact origins are compared one by one against constants, like hand-written
// code; beyond it a hash table wins.
inline constexpr std::size_t unrolled_origin_limit = 16;

template <std::size_t N>
[[nodiscard]] constexpr bool equal_bytes(char const* a, char const* b) noexcept {
  if (std::is_constant_evaluated()) {
    for (std::size_t i = 0; i != N; ++i)
      if (a[i] != b[i]) return false;
    return true;
  }
  return std::memcmp(a, b, N) == 0;  // a constant length: compilers emit a few loads
}

// An open-addressing table with linear probing, at most half full, built at compile time. It
// holds positions into a list of strings (a policy's origins, a route table's paths), which it
// never copies.
template <std::size_t N>
struct string_table {
  static constexpr std::size_t capacity = std::bit_ceil(N * 2 < 16 ? std::size_t{16} : N * 2);
  static constexpr int shift = 64 - std::countr_zero(capacity);
  struct slot {
    std::uint32_t index = 0;  // position + 1; 0 marks an empty slot
    std::uint32_t tag = 0;    // low bits of the hash, checked before the bytes
  };
  std::array<slot, capacity> slots{};
  std::size_t first_duplicate = 0;  // position (1-based) of a repeated origin, or 0

  // The position (1-based) of `o` among `keys`, or 0; `h` is hash_origin(o).
  template <std::size_t M>
  [[nodiscard]] constexpr std::size_t find(std::string_view o, std::uint64_t h,
                                           std::array<std::string_view, M> const& keys) const noexcept {
    auto const tag = static_cast<std::uint32_t>(h);
    for (std::size_t i = h >> shift;; i = (i + 1) & (capacity - 1)) {
      slot const s = slots[i];
      if (s.index == 0) return 0;
      if (s.tag == tag && keys[s.index - 1] == o) return s.index;
    }
  }
  template <std::size_t M>
  [[nodiscard]] constexpr bool contains(std::string_view o, std::uint64_t h,
                                        std::array<std::string_view, M> const& keys) const noexcept {
    return find(o, h, keys) != 0;
  }
};

// Inserts the exact origins (facts[k].pattern == false) of `keys`.
template <std::size_t N, std::size_t M>
[[nodiscard]] constexpr string_table<N> build_string_table(
    std::array<std::string_view, M> const& keys, std::array<origin_facts, M> const& facts) noexcept {
  using table = string_table<N>;
  table t{};
  for (std::size_t k = 0; k != M; ++k) {
    if (facts[k].pattern) continue;
    std::uint64_t const h = facts[k].hash;
    auto const tag = static_cast<std::uint32_t>(h);
    std::size_t i = h >> table::shift;
    for (; t.slots[i].index != 0; i = (i + 1) & (table::capacity - 1)) {
      auto const& s = t.slots[i];
      if (s.tag == tag && keys[s.index - 1] == keys[k] && t.first_duplicate == 0)
        t.first_duplicate = k + 1;
    }
    t.slots[i] = {static_cast<std::uint32_t>(k + 1), tag};
  }
  return t;
}

// --- the matcher for allow_origins<Origins...> -------------------------------------------------

template <origin_rules Rules, fixed_string... Origins>
struct origin_matcher {
  static constexpr std::size_t total = sizeof...(Origins);
  static constexpr std::array<std::string_view, total> texts{Origins.view()...};
  static constexpr std::array<origin_facts, total> facts{facts_of<Rules, Origins>...};
  static constexpr std::size_t pattern_count = [] {
    std::size_t n = 0;
    for (origin_facts const& f : facts) n += f.pattern ? 1 : 0;
    return n;
  }();
  static constexpr std::size_t exact_count = total - pattern_count;

  static constexpr std::array<std::size_t, pattern_count> pattern_positions = [] {
    std::array<std::size_t, pattern_count> out{};
    for (std::size_t i = 0, k = 0; i != total; ++i)
      if (facts[i].pattern) out[k++] = i;
    return out;
  }();

  static constexpr std::array<origin_pattern, pattern_count> patterns = [] {
    std::array<origin_pattern, pattern_count> out{};
    for (std::size_t k = 0; k != pattern_count; ++k) out[k] = parse_pattern(texts[pattern_positions[k]]);
    return out;
  }();

  static constexpr string_table<exact_count> table = build_string_table<exact_count>(texts, facts);

  // 1-based position in allow_origins of the first origin listed twice, or 0. Exact origins
  // collide in the table; patterns are few and compared pairwise.
  static constexpr std::size_t first_duplicate = [] {
    std::size_t first = table.first_duplicate;
    for (std::size_t k = 0; k != pattern_count; ++k)
      for (std::size_t m = 0; m != k; ++m) {
        std::size_t const at = pattern_positions[k];
        if (texts[at] == texts[pattern_positions[m]] && (first == 0 || at + 1 < first)) first = at + 1;
      }
    return first;
  }();

  // Few exact origins: compared as constants, one by one.
  template <std::size_t Count>
  struct small_set {
    static constexpr std::array<std::string_view, Count> exact = [] {
      std::array<std::string_view, Count> out{};
      for (std::size_t i = 0, k = 0; i != total; ++i)
        if (!facts[i].pattern) out[k++] = texts[i];
      return out;
    }();
  };

  template <std::size_t I>
  [[nodiscard]] static constexpr bool equals_exact(std::string_view o) noexcept {
    constexpr std::string_view key = small_set<exact_count>::exact[I];
    return o.size() == key.size() && equal_bytes<key.size()>(o.data(), key.data());
  }

  template <std::size_t... I>
  [[nodiscard]] static constexpr bool match_unrolled(std::string_view o,
                                                     std::index_sequence<I...>) noexcept {
    return (equals_exact<I>(o) || ...);
  }

  [[nodiscard]] static constexpr bool match_exact(std::string_view o) noexcept {
    if constexpr (exact_count == 0) {
      return false;
    } else if constexpr (exact_count <= unrolled_origin_limit) {
      return match_unrolled(o, std::make_index_sequence<exact_count>{});
    } else {
      return table.contains(o, hash_origin(o), texts);
    }
  }

  // Few patterns: each checked against its own constants, like the exact origins.
  template <std::size_t... K>
  [[nodiscard]] static constexpr bool match_patterns([[maybe_unused]] std::string_view o,
                                                     std::index_sequence<K...>) noexcept {
    [[maybe_unused]] std::uint64_t const end = last_word(o);
    return (matches(patterns[K], o, end) || ...);
  }

  [[nodiscard]] static constexpr bool match(std::string_view o) noexcept {
    if (match_exact(o)) return true;
    if constexpr (pattern_count == 0) {
      return false;
    } else if constexpr (pattern_count <= unrolled_origin_limit) {
      return match_patterns(o, std::make_index_sequence<pattern_count>{});
    } else {
      std::uint64_t const end = last_word(o);
      for (origin_pattern const& p : patterns)
        if (matches(p, o, end)) return true;
      return false;
    }
  }
};

}  // namespace corset::detail
