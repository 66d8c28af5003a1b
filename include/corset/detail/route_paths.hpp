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
#include <corset/detail/byte_blocks.hpp>
#include <corset/detail/mistakes.hpp>

namespace corset::detail {

// What each byte of a request-target means to the path checks: one table lookup a byte. Plain
// bytes are those a route path may hold besides `/`: RFC 3986 pchar without percent-escapes
// (letters, digits, and unreserved and sub-delims punctuation, `:` and `@`). The quick pass
// flags every byte past `slash`.
enum class path_byte : unsigned char { plain, slash, percent, semicolon, other };

// The path_byte of each byte, written out rather than computed (see tchar_table): 0 plain,
// 1 slash, 2 percent, 3 semicolon, 4 other.
inline constexpr unsigned char path_byte_table[256] = {
    4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,  // 0x00
    4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,  // 0x10
    4, 0, 4, 4, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,  // 0x20  !"#$%&'()*+,-./
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 4, 0, 4, 4,  // 0x30 0123456789:;<=>?
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  // 0x40 @ABCDEFGHIJKLMNO
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 4, 4, 4, 0,  // 0x50 PQRSTUVWXYZ[\]^_
    4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  // 0x60 `abcdefghijklmno
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 4, 4, 0, 4,  // 0x70 pqrstuvwxyz{|}~
    4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,  // 0x80
    4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,  // 0x90
    4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,  // 0xA0
    4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,  // 0xB0
    4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,  // 0xC0
    4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,  // 0xD0
    4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,  // 0xE0
    4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,  // 0xF0
};

[[nodiscard]] constexpr path_byte path_byte_of(char c) noexcept {
  return static_cast<path_byte>(path_byte_table[static_cast<unsigned char>(c)]);
}

// A byte a route path may hold besides `/` (rules 7.1).
[[nodiscard]] constexpr bool is_route_byte(char c) noexcept {
  path_byte const b = path_byte_of(c);
  return b == path_byte::plain || b == path_byte::semicolon;
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

// The precise check's verdict on the path of an origin-form request-target.
struct routed_path {
  bool safe = false;           // false: a router may resolve the target differently (7.1)
  std::size_t semicolon = npos;  // the last raw `;`, which only a route's own bytes may hold (7.2)
};

// The precise check, byte by byte: only for paths that the quick pass below flags, so out of
// line, where it does not crowd the quick pass's registers.
[[nodiscard, gnu::noinline, gnu::cold]] constexpr routed_path check_path(std::string_view path, byte_set const& sensitive) noexcept {
  routed_path out{};
  std::size_t const n = path.size();
  for (std::size_t i = 0; i != n; ++i) {
    switch (path_byte_of(path[i])) {
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

// --- the quick pass ---------------------------------------------------------------------------

// Which bytes need the precise check: any byte but letters, digits and the harmless punctuation,
// and a `/` followed by `/` or `.`. Most paths have none. Two ways: a byte at a time, and a block
// of 16 at a time where a vector unit is known.
//
// Byte by byte: during constant evaluation, for targets under 16 bytes, and where no vector unit
// is known.
[[nodiscard]] constexpr std::size_t path_end_bytes(std::string_view target) noexcept {
  std::size_t i = 0;
  while (i != target.size() && target[i] != '?') ++i;
  return i;
}
[[nodiscard]] constexpr bool needs_check_bytes(std::string_view target, std::size_t from, std::size_t end) noexcept {
  unsigned flagged = 0;
  char previous = from != 0 ? target[from - 1] : '\0';
  for (std::size_t i = from; i != end; ++i) {
    char const c = target[i];
    flagged |= static_cast<unsigned>(path_byte_of(c) > path_byte::slash) |
               (static_cast<unsigned>(previous == '/') & (static_cast<unsigned>(c == '/') | static_cast<unsigned>(c == '.')));
    previous = c;
  }
  return flagged != 0;
}

#if CORSET_DETAIL_BYTE_BLOCKS
// The first `?` of a target of 16 bytes or more: one compare a block. Up to 32 bytes (most
// targets), the first and the last 16 bytes without a branch; longer ones a block at a time,
// the last block overlapping the one before (which had no `?`).
[[nodiscard, gnu::always_inline]] inline std::size_t path_end_vector(std::string_view target) noexcept {
  char const* const p = target.data();
  std::size_t const n = target.size();
  auto const questions = [p](std::size_t at) { return byte_mask(byte_vector(load_block(p + at) == splat('?'))); };
  if (n <= 32) {
    std::uint32_t const found = questions(0) | (questions(n - 16) << (n - 16));
    return found != 0 ? static_cast<std::size_t>(__builtin_ctz(found)) : n;
  }
  for (std::size_t at = 0;; at += 16) {
    if (at + 16 > n) at = n - 16;
    if (unsigned const found = questions(at); found != 0) return at + static_cast<unsigned>(__builtin_ctz(found));
    if (at + 16 == n) return n;
  }
}

// The bytes the quick pass lets through, a block at a time: its class of plain bytes is narrower
// (letters, digits, `-._/`); the rest goes to the precise check, which decides.
[[nodiscard, gnu::always_inline]] inline byte_vector plain_bytes(byte_vector v) noexcept {
  byte_vector const letter = in_range(v | splat(0x20), 'a', 26);
  byte_vector const dash_to_nine = in_range(v, '-', 13);  // - . / 0-9
  return letter | dash_to_nine | byte_vector(v == splat('_'));
}
// `.` and `/`, the two bytes that are `/` once their low bit is set: after a `/`, they need the
// precise check.
[[nodiscard, gnu::always_inline]] inline byte_vector dot_or_slash(byte_vector v) noexcept {
  return byte_vector((v | splat(1)) == splat('/'));
}

// Bit k: byte k of the 16 at p needs the precise check, given whether the byte before them is `/`.
[[nodiscard, gnu::always_inline]] inline unsigned block_flags(char const* p, bool slash_before) noexcept {
  byte_vector const v = load_block(p);
  unsigned const slash = byte_mask(byte_vector(v == splat('/')));
  unsigned const doubled = ((slash << 1) | static_cast<unsigned>(slash_before)) & byte_mask(dot_or_slash(v));
  return (~byte_mask(plain_bytes(v)) & 0xFFFFu) | doubled;
}

// A target of 17 to 32 bytes (most), read as three blocks that may overlap: its first 16 bytes,
// for the `/` where a route's path may end, its last 16, for the rest of its path, and the 16
// before those, for the `/` before each of them.
struct short_target {
  std::size_t size = 0;
  unsigned slashes = 0;  // bit k: byte k is `/`
  unsigned flagged = 0;  // bit k: byte size - 16 + k needs the precise check, or is `?`

  [[nodiscard, gnu::always_inline]] static short_target scan(std::string_view target) noexcept {
    char const* const tail_at = target.data() + target.size() - 16;
    byte_vector const tail = load_block(tail_at);
    byte_vector const doubled = byte_vector(load_block(tail_at - 1) == splat('/')) & dot_or_slash(tail);
    return {target.size(), byte_mask(byte_vector(load_block(target.data()) == splat('/'))),
            ~byte_mask(plain_bytes(tail) & ~doubled) & 0xFFFFu};
  }

  // Whether no byte of the path from `from` (in the tail; no `?` before it) needs the precise
  // check, and the path does not end at one of `ends` (bit k: byte k of the target), where a
  // path that ended there could be another route's own path or mirror. The first flagged byte
  // from `from` on says both: none, and the path is the whole target; else it must be the `?`
  // where the path ends, which must not be at one of `ends`. Only that `?` counts: the later
  // ones are the query's. The byte is read from the target (`p`), rather than told apart by
  // one more compare of the whole block.
  [[nodiscard]] bool rest_is_clear(char const* p, std::size_t from, unsigned ends) const noexcept {
    std::size_t const skip = from - (size - 16);
    unsigned const rest = flagged >> skip;
    if (rest == 0) return true;
    std::size_t const end = from + static_cast<unsigned>(__builtin_ctz(rest));
    return p[end] == '?' && (ends >> end & 1u) == 0;
  }
};

// Bytes `from` to `end` of a target of at least 16 bytes, block by block from `from`: for the
// few paths whose bytes past their route's do not fit in one block.
[[nodiscard, gnu::noinline]] inline bool needs_check_blocks(char const* p, std::size_t from, std::size_t end) noexcept {
  std::size_t const last = end - 16;
  unsigned flagged = 0;
  for (std::size_t at = from; at < last; at += 16) flagged |= block_flags(p + at, at != 0 && p[at - 1] == '/');
  // Blocks past `last` overlap the last one: it judges the same bytes the same way.
  return (flagged | block_flags(p + last, p[last - 1] == '/')) != 0;
}

// Whether bytes `from` to `end` of a target of at least 16 bytes lie in one block: the 16 that
// end at `end` (or, when `end` is under 16, the first 16). Most often they do.
[[nodiscard]] constexpr bool in_one_block(std::size_t from, std::size_t end) noexcept { return end < 16 || end - 16 <= from; }

// Bytes `from` to `end` of a target of at least 16 bytes: one block when they fit, of which only
// those from `from` count.
[[nodiscard, gnu::always_inline]] inline bool needs_check_vector(std::string_view target, std::size_t from, std::size_t end) noexcept {
  char const* const p = target.data();
  if (!in_one_block(from, end)) [[unlikely]] return needs_check_blocks(p, from, end);
  if (end < 16) return (block_flags(p, false) & (0xFFFFu << from) & ~(0xFFFFu << end)) != 0;
  std::size_t const last = end - 16;
  return (block_flags(p + last, last != 0 && p[last - 1] == '/') & (0xFFFFu << (from - last))) != 0;
}
#endif

// Where the path of a request-target ends: its first `?`, or its end.
[[nodiscard]] constexpr std::size_t path_end(std::string_view target) noexcept {
#if CORSET_DETAIL_BYTE_BLOCKS
  if (!std::is_constant_evaluated() && target.size() >= 16) return path_end_vector(target);
#endif
  return path_end_bytes(target);
}

// Whether bytes `from` to `end` of a target hold a byte that the precise check must judge (the
// byte before `from`, when there is one, counts as the `/` before them it may be). May say yes
// where the precise check then finds nothing; never no where it would find something.
[[nodiscard]] constexpr bool needs_check(std::string_view target, std::size_t from, std::size_t end) noexcept {
  if (from == end) return false;
#if CORSET_DETAIL_BYTE_BLOCKS
  if (!std::is_constant_evaluated() && target.size() >= 16) return needs_check_vector(target, from, end);
#endif
  return needs_check_bytes(target, from, end);
}

}  // namespace corset::detail
