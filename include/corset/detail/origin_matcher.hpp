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
#include <corset/detail/hash_table.hpp>
#include <corset/detail/origin_syntax.hpp>
#include <corset/fixed_string.hpp>

namespace corset::detail {

// --- per-origin facts -------------------------------------------------------------------------

// What validation and matching need to know about one origin, computed once per origin in a
// variable template that calls a plain function: a lambda there would be a new closure type,
// and a new function body to instantiate, for every origin of a policy.
struct origin_facts {
  mistake what = mistake::none;
  bool pattern = false;
  std::uint64_t hash = 0;  // of exact origins
};

[[nodiscard]] constexpr origin_facts examine_origin(std::string_view text, origin_rules rules) noexcept {
  validated_origin const v = validate_origin(text, rules);
  bool const pattern = v.parts.is_pattern();
  return {v.what, pattern, pattern ? 0 : hash_bytes(text)};
}

template <origin_rules Rules, fixed_string Origin>
inline constexpr origin_facts facts_of = examine_origin(Origin.view(), Rules);

// --- patterns ---------------------------------------------------------------------------------

// `scheme://*.domain[:port|:*]` or `scheme://host:*`, prepared for matching.
struct origin_pattern {
  std::string_view prefix;  // "https://" with any_subdomain, else "https://host"
  std::string_view suffix;  // ".domain" and ":port" if fixed, with any_subdomain; else empty
  bool any_subdomain = false;
  bool any_port = false;
  unsigned default_port = 0;
  // The longest labels `*.` may stand for: a host no browser can send (over 253 bytes) never
  // matches (rules 3.5).
  std::size_t label_room = 0;
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
    out.label_room = max_host_length - 1 - p.host.size();  // the labels, then "." and the domain
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

// One or more labels of a-z 0-9 - _, each at most 63 bytes, separated by single dots (rules 3.2,
// 3.5).
[[nodiscard]] constexpr bool is_subdomain_labels(std::string_view s) noexcept {
  if (s.empty() || s.front() == '.' || s.back() == '.') return false;
  std::size_t label = 0;
  for (char c : s) {
    if (c == '.') {
      if (label == 0) return false;
      label = 0;
    } else if (!(is_lower(c) || is_digit(c) || c == '-' || c == '_') || ++label > max_label_length) {
      return false;
    }
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
    if (std::size_t const colon = rfind_byte(rest, ':'); colon != npos) {
      unsigned const port = parse_port(rest.substr(colon + 1));
      if (port == 0 || port == p.default_port) return false;
      rest = rest.substr(0, colon);
    }
  }
  if (!p.any_subdomain) return rest.empty();
  if (rest.size() <= p.suffix.size()) return false;
  std::size_t const labels = rest.size() - p.suffix.size();
  return labels <= p.label_room && rest.substr(labels) == p.suffix && is_subdomain_labels(rest.substr(0, labels));
}

[[nodiscard]] constexpr origin_pattern parse_pattern(std::string_view text) noexcept {
  return make_pattern(text, validate_origin(text, origin_rules{}).parts);
}

// --- exact origins ----------------------------------------------------------------------------

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

  using table_type = open_table<std::array<table_slot, table_capacity(exact_count)>>;
  struct indexed {
    table_type table{{}};
    std::size_t first_duplicate = 0;  // 1-based position of an exact origin listed twice, or 0
  };
  static constexpr indexed index = [] {
    indexed out{};
    for (std::size_t k = 0; k != total; ++k) {
      if (facts[k].pattern) continue;
      auto const same = [k](std::size_t at) { return texts[at] == texts[k]; };
      if (out.table.insert(facts[k].hash, k, same) != 0 && out.first_duplicate == 0) out.first_duplicate = k + 1;
    }
    return out;
  }();

  // 1-based position in allow_origins of the first origin listed twice, or 0. Exact origins
  // collide in the table; patterns are few and compared pairwise.
  static constexpr std::size_t first_duplicate = [] {
    std::size_t first = index.first_duplicate;
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
    } else if constexpr (exact_count <= few_keys) {
      return match_unrolled(o, std::make_index_sequence<exact_count>{});
    } else {
      return index.table.find(hash_bytes(o), [o](std::size_t at) { return texts[at] == o; }) != 0;
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
    } else if constexpr (pattern_count <= few_keys) {
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
