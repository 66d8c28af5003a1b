// corset/detail/route_paths.hpp - which request-targets a route table may route by their bytes.
//
// Routes match the raw request-target. A target that the application's router may resolve
// differently from its bytes (it decodes escapes, removes dot-segments, strips matrix
// parameters, cuts at control bytes) gets no CORS at all, so that an open route can never lend
// its policy to a protected one (rules 7.1, 7.2).
#pragma once

#include <array>
#include <cstddef>
#include <string_view>
#include <type_traits>

#include <corset/detail/ascii.hpp>
#include <corset/detail/mistakes.hpp>

namespace corset::detail {

// The bytes a route path may hold besides `/`: RFC 3986 pchar without percent-escapes.
[[nodiscard]] constexpr bool is_route_byte(char c) noexcept {
  if (is_alpha(c) || is_digit(c)) return true;
  switch (c) {
    case '-': case '.': case '_': case '~':                                         // unreserved
    case '!': case '$': case '&': case '\'': case '(': case ')': case '*': case '+':  // sub-delims
    case ',': case ';': case '=': case ':': case '@':
      return true;
    default:
      return false;
  }
}

// Whether the segment starting at `s` (just after a `/`) is `.` or `..`.
[[nodiscard]] constexpr bool is_dot_segment(std::string_view s) noexcept {
  std::string_view const segment = s.substr(0, find_byte(s, '/'));
  return segment == "." || segment == "..";
}

// What a route path written in a table may be: the path of an origin-form target, without
// escapes, dot-segments or empty segments (requests with those get no CORS at all anyway).
[[nodiscard]] constexpr mistake check_route_path(std::string_view path) noexcept {
  if (path.empty() || path[0] != '/') return mistake::route_not_absolute;
  for (std::size_t i = 0; i != path.size(); ++i) {
    char const c = path[i];
    if (c == '/') {
      if (i + 1 != path.size() && path[i + 1] == '/') return mistake::route_empty_segment;
      if (is_dot_segment(path.substr(i + 1))) return mistake::route_dot_segment;
    } else if (c == '%') {
      return mistake::route_percent_escape;
    } else if (!is_route_byte(c)) {
      return mistake::route_bad_byte;
    }
  }
  return mistake::none;
}

// The bytes whose percent-escapes make a target unsafe (rules 7.1, 7.3): `.` `/` `\` `%`, the
// control bytes, `?` `#` `;`, and every byte a route path of the table holds, since routers
// decode escapes before they route, and cut, trim or split at the others.
using byte_set = std::array<bool, 256>;

template <std::size_t N>
[[nodiscard]] constexpr byte_set escape_sensitive_bytes(std::array<std::string_view, N> const& paths) noexcept {
  byte_set out{};
  for (char c : std::string_view{"./\\%?#;"}) out[static_cast<unsigned char>(c)] = true;
  for (unsigned c = 0; c != 0x20; ++c) out[c] = true;
  out[0x7F] = true;
  for (std::string_view p : paths)
    for (char c : p) out[static_cast<unsigned char>(c)] = true;
  return out;
}

// The path of an origin-form request-target, as a route table sees it.
struct routed_path {
  std::string_view path;
  bool safe = false;           // false: a router may resolve the target differently (7.1)
  std::size_t semicolon = npos;  // the last raw `;`, which only a route's own bytes may hold (7.2)
};

// What each byte of a request-target means to path_of: one table lookup a byte.
enum class path_byte : unsigned char { plain, slash, percent, semicolon, other };
inline constexpr auto path_byte_classes = [] {
  std::array<path_byte, 256> classes{};
  for (unsigned c = 0; c != 256; ++c)
    classes[c] = is_route_byte(static_cast<char>(c)) ? path_byte::plain : path_byte::other;
  classes['/'] = path_byte::slash;
  classes['%'] = path_byte::percent;
  classes[';'] = path_byte::semicolon;
  return classes;
}();

// The precise check, byte by byte: only for paths that the quick pass below flags, so out of
// line, where it does not crowd the quick pass's registers.
[[nodiscard, gnu::noinline, gnu::cold]] constexpr routed_path check_path(std::string_view path, byte_set const& sensitive) noexcept {
  routed_path out{path, false};
  std::size_t const n = path.size();
  for (std::size_t i = 0; i != n; ++i) {
    switch (path_byte_classes[static_cast<unsigned char>(path[i])]) {
      case path_byte::plain: break;
      case path_byte::semicolon: out.semicolon = i; break;
      case path_byte::slash:
        if (i + 1 != n && (path[i + 1] == '/' || (path[i + 1] == '.' && is_dot_segment(path.substr(i + 1)))))
          return out;
        break;
      case path_byte::percent: {
        if (n - i < 3) return out;
        int const high = hex_digit(path[i + 1]), low = hex_digit(path[i + 2]);
        if (high < 0 || low < 0 || sensitive[static_cast<unsigned>(high * 16 + low)]) return out;
        i += 2;
        break;
      }
      case path_byte::other: return out;
    }
  }
  out.safe = true;
  return out;
}

// What needs the precise check: any byte but letters, digits and the harmless punctuation, and
// a `/` followed by `/` or `.`. Most targets have none; this pass only finds that out, and where
// the path ends (the first `?`).
struct target_scan {
  std::size_t path_end = 0;  // the first `?`, or the target's size
  bool flagged = false;      // some byte before it needs check_path
};

inline constexpr auto path_byte_flags = [] {
  std::array<unsigned char, 256> flags{};
  for (unsigned c = 0; c != 256; ++c) flags[c] = path_byte_classes[c] == path_byte::plain ? 0 : 1;
  flags['/'] = 0;
  return flags;
}();

// A byte at a time, without branches but the one at `?`: during constant evaluation, and where
// no vector unit is known.
[[nodiscard]] constexpr target_scan scan_target_bytes(std::string_view target) noexcept {
  unsigned flagged = 0;
  char previous = 0;
  for (std::size_t i = 0; i != target.size(); ++i) {
    char const c = target[i];
    if (c == '?') return {i, flagged != 0};
    flagged |= path_byte_flags[static_cast<unsigned char>(c)] |
               (static_cast<unsigned>(previous == '/') & (static_cast<unsigned>(c == '/') | static_cast<unsigned>(c == '.')));
    previous = c;
  }
  return {target.size(), flagged != 0};
}

#if defined(__SSE2__) && (defined(__GNUC__) || defined(__clang__))
// Sixteen bytes at a time with SSE2 (every x86-64 has it), through the compilers' vector
// extension rather than <emmintrin.h>, which would add its parsing to every user's build. The
// class of plain bytes is narrower here (letters, digits, `-._~/`); the rest goes to the
// precise check, which decides.
using byte_vector = char __attribute__((vector_size(16)));

[[nodiscard, gnu::always_inline]] inline byte_vector splat(char c) noexcept {
  return byte_vector{c, c, c, c, c, c, c, c, c, c, c, c, c, c, c, c};
}
// Bit k: whether byte k of a comparison's result is set.
[[nodiscard, gnu::always_inline]] inline unsigned byte_mask(byte_vector v) noexcept {
  return static_cast<unsigned>(__builtin_ia32_pmovmskb128(v));
}

// The problems among 16 bytes at p, and where the first `?` is (bit k of `question`), given
// whether the byte before them is a `/`.
struct block_scan {
  unsigned problems, question;
};
// Bytes from `low` to `low + count - 1`: one add and one signed compare (the add moves the range
// to the bottom of the signed bytes).
[[nodiscard, gnu::always_inline]] inline byte_vector in_range(byte_vector v, int low, int count) noexcept {
  return byte_vector(splat(static_cast<char>(-128 + count)) > byte_vector(v + splat(static_cast<char>(128 - low))));
}
[[nodiscard, gnu::always_inline]] inline block_scan scan_block(char const* p, bool slash_before) noexcept {
  byte_vector v;
  __builtin_memcpy(&v, p, sizeof v);
  byte_vector const letter = in_range(v | splat(0x20), 'a', 26);
  byte_vector const dash_to_nine = in_range(v, '-', 13);  // - . / 0-9
  byte_vector const plain = letter | dash_to_nine | byte_vector(v == splat('_')) | byte_vector(v == splat('~'));
  unsigned const slash = byte_mask(byte_vector(v == splat('/')));
  unsigned const slash_or_dot = slash | byte_mask(byte_vector(v == splat('.')));
  unsigned const doubled = ((slash << 1) | static_cast<unsigned>(slash_before)) & slash_or_dot;
  return {(~byte_mask(plain) & 0xFFFFu) | doubled, byte_mask(byte_vector(v == splat('?')))};
}

[[nodiscard]] inline target_scan scan_target_vector(std::string_view target) noexcept {
  char const* const p = target.data();
  std::size_t const n = target.size();
  if (n < 16) {
    char padded[16] = {};
    __builtin_memcpy(padded, p, n);
    block_scan const b = scan_block(padded, false);
    unsigned const end = b.question != 0 ? static_cast<unsigned>(__builtin_ctz(b.question)) : static_cast<unsigned>(n);
    return {end, (b.problems & ((1u << end) - 1)) != 0};
  }
  unsigned problems = 0;
  // Blocks at 0, 16, ..., the last one ending at n (it may overlap the one before: no `?` there).
  for (std::size_t at = 0;; at += 16) {
    if (at + 16 > n) at = n - 16;
    block_scan const b = scan_block(p + at, at != 0 && p[at - 1] == '/');
    if (b.question != 0) {
      unsigned const first = static_cast<unsigned>(__builtin_ctz(b.question));
      return {at + first, (problems | (b.problems & ((1u << first) - 1))) != 0};
    }
    problems |= b.problems;
    if (at + 16 == n) return {n, problems != 0};
  }
}
#endif

[[nodiscard]] constexpr target_scan scan_target(std::string_view target) noexcept {
#if defined(__SSE2__) && (defined(__GNUC__) || defined(__clang__))
  if (!std::is_constant_evaluated()) return scan_target_vector(target);
#endif
  return scan_target_bytes(target);
}

[[nodiscard, gnu::always_inline]] constexpr routed_path path_of(std::string_view target, byte_set const& sensitive) noexcept {
  target_scan const scan = scan_target(target);
  std::string_view const path = target.substr(0, scan.path_end);
  if (path.empty() || path[0] != '/') return {path, false};  // absolute-form, authority, `*`
  if (!scan.flagged) return {path, true};
  return check_path(path, sensitive);
}

}  // namespace corset::detail
