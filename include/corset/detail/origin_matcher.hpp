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
[[nodiscard]] constexpr std::uint64_t hash_origin(std::string_view s) noexcept {
  constexpr std::uint64_t k = 0x9E3779B97F4A7C15u;
  std::uint64_t h = k ^ (s.size() * 0xC2B2AE3D27D4EB4Fu);
  std::size_t const n = s.size();
  if (n >= 8) {
    std::size_t i = 0;
    for (; i + 8 <= n; i += 8) h = std::rotl((h ^ load_le64(s.data() + i)) * k, 29);
    if (i != n) h = std::rotl((h ^ load_le64(s.data() + n - 8)) * k, 29);
  } else {
    std::uint64_t w = 0;
    for (std::size_t i = 0; i != n; ++i)
      w |= std::uint64_t{static_cast<unsigned char>(s[i])} << (8 * i);
    h = std::rotl((h ^ w) * k, 29);
  }
  return (h ^ (h >> 32)) * 0xD6E8FEB86659FD93u;
}

// --- per-origin facts, one variable template each ------------------------------------------

template <fixed_string Origin>
inline constexpr origin_parts parts_of = [] {
  origin_parts parts{};
  (void)parse_origin(Origin.view(), origin_rules{}, parts);
  return parts;
}();

template <fixed_string Origin>
inline constexpr std::uint64_t hash_of = hash_origin(Origin.view());

// --- patterns ---------------------------------------------------------------------------------

// `scheme://*.domain[:port|:*]` or `scheme://host:*`, prepared for matching.
struct origin_pattern {
  std::string_view prefix;  // "https://" with any_subdomain, else "https://host"
  std::string_view suffix;  // ".domain" and ":port" if fixed, with any_subdomain; else empty
  bool any_subdomain = false;
  bool any_port = false;
  unsigned default_port = 0;
};

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

[[nodiscard]] constexpr bool matches(origin_pattern const& p, std::string_view o) noexcept {
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

// An open-addressing table with linear probing, at most half full, built at compile time.
template <std::size_t N>
struct origin_table {
  static constexpr std::size_t capacity = std::bit_ceil(N * 2 < 16 ? std::size_t{16} : N * 2);
  static constexpr int shift = 64 - std::countr_zero(capacity);
  struct slot {
    std::uint32_t index = 0;  // position + 1; 0 marks an empty slot
    std::uint32_t tag = 0;    // low bits of the hash, checked before the bytes
  };
  std::array<std::string_view, N> keys{};
  std::array<slot, capacity> slots{};
  std::size_t first_duplicate = 0;  // position (1-based, in keys) of a repeated origin, or 0

  [[nodiscard]] constexpr bool contains(std::string_view o, std::uint64_t h) const noexcept {
    auto const tag = static_cast<std::uint32_t>(h);
    for (std::size_t i = h >> shift;; i = (i + 1) & (capacity - 1)) {
      slot const s = slots[i];
      if (s.index == 0) return false;
      if (s.tag == tag && keys[s.index - 1] == o) return true;
    }
  }
};

template <std::size_t N>
[[nodiscard]] constexpr origin_table<N> build_origin_table(
    std::array<std::string_view, N> const& keys,
    std::array<std::uint64_t, N> const& hashes) noexcept {
  origin_table<N> t{};
  t.keys = keys;
  for (std::size_t k = 0; k != N; ++k) {
    std::uint64_t const h = hashes[k];
    auto const tag = static_cast<std::uint32_t>(h);
    std::size_t i = h >> origin_table<N>::shift;
    while (t.slots[i].index != 0) {
      auto const& s = t.slots[i];
      if (s.tag == tag && keys[s.index - 1] == keys[k] && t.first_duplicate == 0)
        t.first_duplicate = k + 1;
      i = (i + 1) & (origin_table<N>::capacity - 1);
    }
    t.slots[i] = {static_cast<std::uint32_t>(k + 1), tag};
  }
  return t;
}

// --- the matcher for allow_origins<Origins...> -------------------------------------------------

template <fixed_string... Origins>
struct origin_matcher {
  static constexpr std::size_t total = sizeof...(Origins);
  static constexpr std::array<std::string_view, total> texts{Origins.view()...};
  static constexpr std::array<bool, total> is_pattern{parts_of<Origins>.is_pattern()...};
  static constexpr std::size_t exact_count = [] {
    std::size_t n = 0;
    for (bool p : is_pattern) n += p ? 0 : 1;
    return n;
  }();
  static constexpr std::size_t pattern_count = total - exact_count;

  // Exact origins, and where each stood in the option (for diagnostics).
  static constexpr auto exact_positions = [] {
    std::array<std::size_t, exact_count> out{};
    for (std::size_t i = 0, k = 0; i != total; ++i)
      if (!is_pattern[i]) out[k++] = i;
    return out;
  }();
  static constexpr auto exact = [] {
    std::array<std::string_view, exact_count> out{};
    for (std::size_t k = 0; k != exact_count; ++k) out[k] = texts[exact_positions[k]];
    return out;
  }();

  static constexpr auto table = [] {
    constexpr std::array<std::uint64_t, total> all_hashes{hash_of<Origins>...};
    std::array<std::uint64_t, exact_count> hashes{};
    for (std::size_t k = 0; k != exact_count; ++k) hashes[k] = all_hashes[exact_positions[k]];
    return build_origin_table(exact, hashes);
  }();

  static constexpr auto patterns = [] {
    constexpr std::array<origin_parts, total> parts{parts_of<Origins>...};
    std::array<origin_pattern, pattern_count> out{};
    for (std::size_t i = 0, k = 0; i != total; ++i)
      if (is_pattern[i]) out[k++] = make_pattern(texts[i], parts[i]);
    return out;
  }();

  // 1-based position in allow_origins of the first origin listed twice, or 0. Exact origins
  // collide in the table; patterns are few and compared pairwise.
  static constexpr std::size_t first_duplicate = [] {
    std::array<std::size_t, pattern_count> at{};
    for (std::size_t i = 0, k = 0; i != total; ++i)
      if (is_pattern[i]) at[k++] = i;
    std::size_t first = table.first_duplicate == 0 ? 0 : exact_positions[table.first_duplicate - 1] + 1;
    for (std::size_t k = 0; k != pattern_count; ++k)
      for (std::size_t m = 0; m != k; ++m)
        if (texts[at[k]] == texts[at[m]] && (first == 0 || at[k] + 1 < first)) first = at[k] + 1;
    return first;
  }();

  template <std::size_t I>
  [[nodiscard]] static constexpr bool equals_exact(std::string_view o) noexcept {
    constexpr std::string_view key = exact[I];
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
      return table.contains(o, hash_origin(o));
    }
  }

  [[nodiscard]] static constexpr bool match(std::string_view o) noexcept {
    if (match_exact(o)) return true;
    for (origin_pattern const& p : patterns)
      if (matches(p, o)) return true;
    return false;
  }
};

}  // namespace corset::detail
