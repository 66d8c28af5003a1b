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
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <type_traits>
#include <utility>

#include <corset/detail/ascii.hpp>
#include <corset/detail/hash_table.hpp>
#include <corset/detail/option.hpp>
#include <corset/detail/origin_syntax.hpp>
#include <corset/detail/words.hpp>
#include <corset/fixed_string.hpp>

namespace corset::detail {

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

// --- one origin -------------------------------------------------------------------------------

// What validation and matching need to know about one origin. Computed per origin, in a
// variable template of its own: each is then a constant evaluation with its own budget (clang
// counts steps per evaluation), and a list of thousands never exceeds a default limit.
//
// Two words, which the list reads one by one (text_list::facts says why): the text's hash, and
// its shape (its length, its mistake, whether it is a pattern).
struct origin_facts {
  std::uint64_t hash = 0;
  std::uint64_t shape = 0;

  [[nodiscard]] static constexpr origin_facts of(mistake what, bool pattern, std::uint32_t length,
                                                 std::uint64_t hash) noexcept {
    return {hash, length | std::uint64_t{static_cast<unsigned char>(what)} << 32 | std::uint64_t{pattern} << 40};
  }
  [[nodiscard]] constexpr std::uint32_t length() const noexcept { return static_cast<std::uint32_t>(shape); }
  [[nodiscard]] constexpr mistake what() const noexcept { return static_cast<mistake>(shape >> 32 & 0xFF); }
  [[nodiscard]] constexpr bool pattern() const noexcept { return (shape >> 40 & 1) != 0; }
};

// The common shape (is_plain_origin) is recognised and hashed a word at a time; anything else
// (patterns, IP literals, mistakes) goes through the full parser.
template <std::size_t N>
[[nodiscard]] constexpr origin_facts examine_origin(fixed_string<N> const& origin, origin_rules rules) noexcept {
  auto const words = words_of(origin.chars);
  auto const length = static_cast<std::uint32_t>(origin.size());
  if (is_plain_origin_words(words, length, rules))
    return origin_facts::of(mistake::none, false, length, hash_words(words, length));
  origin_parts parts{};
  mistake const what = parse_origin(origin.view(), rules, parts);
  return origin_facts::of(what, parts.is_pattern(), length, hash_words(words, length));
}

template <origin_rules Rules, fixed_string Origin>
inline constexpr origin_facts facts_of = examine_origin(Origin, Rules);

// --- the texts of a list, in one object -------------------------------------------------------

// A policy may list thousands of origins, and compile time is what its users feel first. What
// makes a compiler slow with such a list, as measured: each template-id that spells the pack
// (its arguments are converted again whenever one is formed, and every function or variable
// named after one has a name the size of the list to mangle), constexpr work done byte by byte
// or through pointers, and reading through a class with thousands of members. So the pack is
// spelled here, once, and everything after sees one object by reference; constant evaluation
// reads each origin where the compiler keeps it (`written`); and the texts for run time are
// gathered by copying each origin whole into one object (one base class each), never a byte at
// a time. At run time no origin is an object (a symbol whose name spells it) of its own.
template <std::size_t I, class Text>
struct text_part {
  Text text;
};

template <class Indices, fixed_string... Texts>
struct text_list;

template <std::size_t... I, fixed_string... Texts>
struct text_list<std::index_sequence<I...>, Texts...> : text_part<I, decltype(Texts)>... {
  // Compile time only: the texts where the compiler keeps them, and each origin's facts.
  static constexpr std::array<std::string_view, sizeof...(Texts)> written{Texts.view()...};
  // Word by word: reading a scalar of a constant is no odr-use, where copying the whole object
  // is one, and clang 14 keeps such a reference pending to the end of the full-expression; each
  // of the origins' variables, instantiated in it, then copied every reference pending before
  // its own: 8.4 million copies for 4096 origins, 1.8 billion of the 24 billion instructions the
  // file took (docs/benchmarks.md). A consteval function, not a static member: a static member
  // is a global named after the whole list, whose name clang++ mangles (list_shape below).
  template <origin_rules Rules>
  [[nodiscard]] static consteval std::array<origin_facts, sizeof...(Texts)> facts() noexcept {
    return {origin_facts{facts_of<Rules, Texts>.hash, facts_of<Rules, Texts>.shape}...};
  }
};

template <fixed_string... Texts>
inline constexpr text_list<std::make_index_sequence<sizeof...(Texts)>, Texts...> text_list_of{{Texts}...};

// --- the list, examined once -------------------------------------------------------------------

// Where a text lies in its list's object: its offset, and its length without the padding, with
// the high bit set for a pattern.
struct text_span {
  static constexpr std::uint32_t pattern_bit = 0x80000000u;
  std::uint32_t offset = 0;
  std::uint32_t length = 0;
};

// A policy's origin table is read by every request that carries an Origin, allowed or refused,
// so it is kept at most a quarter full, where the other tables are half full: there the
// benchmark's allowed origin at 256 origins read 3 slots (the list's mean 1.37), and a refused
// origin reads 2.5 on average. A slot is 8 bytes, 32 per listed origin instead of 16, beside the
// origin's own text. Building the sparser table is no slower: Robin Hood insertion walks less
// (4096 origins: 24.7 billion instructions of g++'s time against 24.9).
inline constexpr std::size_t origin_table_spread = 4;

// Everything validation and matching need to know about a list of N origins, computed in one
// constant evaluation: the first mistake, which origins are patterns, where each text lies, and
// a hash table of every text (which finds the exact origin at run time and, at compile time, an
// origin listed twice).
template <std::size_t N>
struct origin_index {
  diagnosis found{};  // the first invalid origin, else the first listed twice (1-based)
  std::array<bool, N> pattern{};
  std::size_t pattern_count = 0;
  std::array<text_span, N> spans{};
  std::size_t bytes = 0;  // of the list's object, were nothing to pad it
  open_table<std::array<table_slot, table_capacity(N, origin_table_spread)>> table{{}};
};

template <std::size_t N>
[[nodiscard]] constexpr origin_index<N> index_origins(std::array<std::string_view, N> const& texts,
                                                      std::array<origin_facts, N> const& facts) noexcept {
  origin_index<N> out{};
  std::size_t bad = 0, duplicate = 0;
  for (std::size_t k = 0; k != N; ++k) {
    origin_facts const f = facts[k];
    // Each part of the list's object is a fixed_string: the text, its NUL, zeros to a word.
    out.spans[k] = {static_cast<std::uint32_t>(out.bytes), f.length()};
    out.bytes += (f.length() + 8) / 8 * 8;
    if (f.what() != mistake::none) {
      if (bad == 0) out.found = {f.what(), bad = k + 1};
      continue;
    }
    bool const pattern = f.pattern();
    out.pattern[k] = pattern;
    out.pattern_count += pattern ? 1 : 0;
    if (pattern) out.spans[k].length |= text_span::pattern_bit;
    auto const same = [&texts, k](std::size_t at) { return texts[at] == texts[k]; };
    auto const hash_at = [&facts](std::size_t at) { return facts[at].hash; };
    if (out.table.insert(f.hash, k, same, hash_at) != 0 && duplicate == 0) duplicate = k + 1;
  }
  if (N == 0) out.found = {mistake::empty_origins};
  else if (bad == 0 && duplicate != 0) out.found = {mistake::duplicate_origin, duplicate};
  return out;
}

template <origin_rules Rules, auto const& List>
inline constexpr origin_index<List.written.size()> index_of =
    index_origins(List.written, List.template facts<Rules>());

// Whether `o` is one of the list's exact origins, by its table. A pattern's text is in the table
// too (for the duplicates); an Origin spelled like one is no match. Functions of the index alone,
// not members of the matcher: a function named after the list has a name that spells every
// origin in it (hundreds of kilobytes for a long list, which each compiler mangles even when it
// then inlines the function), where these names hold only the list's size.
//
// During constant evaluation, the texts where the compiler keeps them.
template <std::size_t N>
[[nodiscard]] constexpr bool find_listed_origin(origin_index<N> const& index,
                                                std::array<std::string_view, N> const& written,
                                                std::string_view o) noexcept {
  return index.table.find(hash_bytes(o), [&](std::size_t at) { return written[at] == o && !index.pattern[at]; }) != 0;
}

// At run time, in the list's one object, which starts at `texts`. A pattern's span is marked in
// its length, which then equals no Origin's.
template <std::size_t N>
[[nodiscard, gnu::always_inline]] inline bool find_listed_origin(origin_index<N> const& index, char const* texts,
                                                                 std::string_view o) noexcept {
  return index.table.find(hash_bytes(o), [&](std::size_t at) {
    text_span const span = index.spans[at];
    return span.length == o.size() && __builtin_memcmp(texts + span.offset, o.data(), o.size()) == 0;
  }) != 0;
}

// --- the matcher for allow_origins<Origins...> -------------------------------------------------

// How many origins a list has, and how many of them are patterns: constants named after two
// numbers. As static members of the matcher they were globals named after the whole list, which
// clang++ mangles for each one it instantiates, used or not (30 ms each for 4096 origins).
template <std::size_t Total, std::size_t Patterns>
struct list_shape {
  static constexpr std::size_t total = Total;
  static constexpr std::size_t pattern_count = Patterns;
  static constexpr std::size_t exact_count = Total - Patterns;
};

// The index is named where it is used (index_of<Rules, List>), never kept in a static member:
// each static member is a global named after the whole list (see list_shape).
template <origin_rules Rules, auto const& List>
struct origin_matcher {
  using shape = list_shape<List.written.size(), index_of<Rules, List>.pattern_count>;

  // The k-th origin: where the compiler keeps it during constant evaluation, in the list's one
  // object at run time.
  [[nodiscard, gnu::always_inline]] static constexpr std::string_view text(std::size_t k) noexcept {
    constexpr auto const& index = index_of<Rules, List>;
    static_assert(shape::total == 0 || sizeof(List) == index.bytes, "the texts of a list lie one after another");
    if (std::is_constant_evaluated()) return List.written[k];
    return {reinterpret_cast<char const*>(&List) + index.spans[k].offset, index.spans[k].length & ~text_span::pattern_bit};
  }

  // The patterns, prepared; the exact origins, when they are few.
  template <bool Pattern, std::size_t Count>
  static constexpr std::array<std::string_view, Count> texts_where = [] {
    std::array<std::string_view, Count> out{};
    for (std::size_t i = 0, k = 0; i != shape::total; ++i)
      if (index_of<Rules, List>.pattern[i] == Pattern) out[k++] = List.written[i];
    return out;
  }();

  static constexpr std::array<origin_pattern, shape::pattern_count> patterns = [] {
    std::array<origin_pattern, shape::pattern_count> out{};
    for (std::size_t k = 0; k != shape::pattern_count; ++k)
      out[k] = parse_pattern(texts_where<true, shape::pattern_count>[k]);
    return out;
  }();

  // Few exact origins: compared as constants, one by one (a length test, then a memcmp of a
  // constant length), as a person would write it. Written out in the fold, not in a function per
  // origin: each such function is named after the whole list, and for 16 origins the compilers
  // spent 2 to 3% of the file's compile on those names (the machine code is the same).
  template <std::size_t... I>
  [[nodiscard, gnu::always_inline]] static constexpr bool match_unrolled([[maybe_unused]] std::string_view o,
                                                                       std::index_sequence<I...>) noexcept {
    constexpr auto const& keys = texts_where<false, shape::exact_count>;
    return ((o.size() == keys[I].size() && equal_bytes<keys[I].size()>(o.data(), keys[I].data())) || ...);
  }

  // Few patterns: each checked against its own constants, like the exact origins.
  template <std::size_t... K>
  [[nodiscard, gnu::always_inline]] static constexpr bool match_patterns([[maybe_unused]] std::string_view o,
                                                                       std::index_sequence<K...>) noexcept {
    [[maybe_unused]] std::uint64_t const end = last_word(o);
    return (matches(patterns[K], o, end) || ...);
  }

  // The exact origins first, then the patterns, in one function: for a long list, each member
  // that runs is a function named after the whole list, which the compilers mangle (the
  // unrolled helpers above serve only short lists).
  [[nodiscard, gnu::always_inline]] static constexpr bool match(std::string_view o) noexcept {
    if constexpr (shape::exact_count <= few_keys) {
      if (match_unrolled(o, std::make_index_sequence<shape::exact_count>{})) return true;
    } else {
      // Two statements, not `?:`: clang++ emits both arms of a conditional that decides a
      // branch, and the constant-evaluation arm reads `written`, a global named after the whole
      // list that points to every origin, each one more global (measured: 4098 of them, made
      // and then discarded, for 4096 origins). An `if` on is_constant_evaluated() is folded.
      constexpr auto const& index = index_of<Rules, List>;
      if (o.empty()) [[unlikely]]  // no Origin (the evaluator asks): no hash, no probe
        return false;
      if (std::is_constant_evaluated()) {
        if (find_listed_origin(index, List.written, o)) return true;
      } else if (find_listed_origin(index, reinterpret_cast<char const*>(&List), o)) {
        return true;
      }
    }
    if constexpr (shape::pattern_count == 0) {
      return false;
    } else if constexpr (shape::pattern_count <= few_keys) {
      return match_patterns(o, std::make_index_sequence<shape::pattern_count>{});
    } else {
      std::uint64_t const end = last_word(o);
      for (origin_pattern const& p : patterns)
        if (matches(p, o, end)) return true;
      return false;
    }
  }
};

}  // namespace corset::detail
