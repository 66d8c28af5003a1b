// corset/detail/ascii.hpp - byte classes of RFC 9110 and the Fetch Standard.
//
// Everything here is locale-free and constexpr: it runs in the validator at compile time and
// in the evaluator at run time.
#pragma once

#include <cstddef>
#include <string_view>

namespace corset::detail {

[[nodiscard]] constexpr bool is_lower(char c) noexcept { return c >= 'a' && c <= 'z'; }
[[nodiscard]] constexpr bool is_upper(char c) noexcept { return c >= 'A' && c <= 'Z'; }
[[nodiscard]] constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }
[[nodiscard]] constexpr bool is_alpha(char c) noexcept { return is_lower(c) || is_upper(c); }
[[nodiscard]] constexpr char to_lower(char c) noexcept {
  return static_cast<char>(c + (static_cast<unsigned char>(c - 'A') < 26u ? 'a' - 'A' : 0));
}
[[nodiscard]] constexpr bool is_ows(char c) noexcept { return c == ' ' || c == '\t'; }
// The value of a hexadecimal digit, either case, or -1 (IPv6 literals, percent-escapes).
[[nodiscard]] constexpr int hex_digit(char c) noexcept {
  if (is_digit(c)) return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// tchar: ALPHA DIGIT and !#$%&'*+-.^_`|~ (RFC 9110 section 5.6.2). A table, because the
// request-header parser asks this for every byte it reads. Written out rather than computed: a
// constant evaluation that fills 256 entries costs every file that includes corset 4 to 6
// million instructions (tests/static/byte_tables.cpp checks the table against the definition).
inline constexpr bool tchar_table[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  // 0x00
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  // 0x10
    0, 1, 0, 1, 1, 1, 1, 1, 0, 0, 1, 1, 0, 1, 1, 0,  // 0x20  !"#$%&'()*+,-./
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0,  // 0x30 0123456789:;<=>?
    0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,  // 0x40 @ABCDEFGHIJKLMNO
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 1, 1,  // 0x50 PQRSTUVWXYZ[\]^_
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,  // 0x60 `abcdefghijklmno
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 0, 1, 0,  // 0x70 pqrstuvwxyz{|}~
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  // 0x80
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  // 0x90
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  // 0xA0
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  // 0xB0
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  // 0xC0
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  // 0xD0
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  // 0xE0
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  // 0xF0
};

[[nodiscard]] constexpr bool is_tchar(char c) noexcept { return tchar_table[static_cast<unsigned char>(c)]; }

[[nodiscard]] constexpr bool is_token(std::string_view s) noexcept {
  if (s.empty()) return false;
  for (char c : s)
    if (!is_tchar(c)) return false;
  return true;
}

[[nodiscard]] constexpr bool iequals(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i != a.size(); ++i)
    if (to_lower(a[i]) != to_lower(b[i])) return false;
  return true;
}

// `s` equals the lowercase `lower` of the same length, ignoring the case of `s`. Out of line: a
// name_set of few header names calls it once per name with a constant length, and g++ 12
// unrolled each call into a compare per byte (19 million instructions of its time in a file
// that evaluates a policy of three names); it is the slow path (a name not sent lowercase).
[[nodiscard, gnu::noinline]] constexpr bool iequals_lowercase(char const* s, char const* lower, std::size_t n) noexcept {
  for (std::size_t i = 0; i != n; ++i)
    if (to_lower(s[i]) != lower[i]) return false;
  return true;
}

// Searching without std::string_view::find, which g++ 12 does not accept in a constant
// expression under -fsanitize=undefined (it checks the pointer it got back against null), and
// a compile-time check must not depend on the user's sanitizer flags.
inline constexpr std::size_t npos = std::string_view::npos;

[[nodiscard]] constexpr std::size_t find_byte(std::string_view s, char c, std::size_t from = 0) noexcept {
  for (std::size_t i = from; i < s.size(); ++i)
    if (s[i] == c) return i;
  return npos;
}

[[nodiscard]] constexpr std::size_t rfind_byte(std::string_view s, char c) noexcept {
  for (std::size_t i = s.size(); i != 0; --i)
    if (s[i - 1] == c) return i - 1;
  return npos;
}

// The first byte of `s` that is one of `bytes`.
[[nodiscard]] constexpr std::size_t find_any(std::string_view s, std::string_view bytes) noexcept {
  for (std::size_t i = 0; i != s.size(); ++i)
    if (find_byte(bytes, s[i]) != npos) return i;
  return npos;
}

// The first occurrence of `text` in `s`. Views, not substr: substr checks a position the loop
// already bounds, and its throw would put a terminate path into every noexcept caller.
[[nodiscard]] constexpr std::size_t find_text(std::string_view s, std::string_view text) noexcept {
  for (std::size_t i = 0; i + text.size() <= s.size(); ++i)
    if (std::string_view{s.data() + i, text.size()} == text) return i;
  return npos;
}

[[nodiscard]] constexpr bool istarts_with(std::string_view s, std::string_view prefix) noexcept {
  return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

}  // namespace corset::detail
