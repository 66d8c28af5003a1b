// The byte tables written out in the headers (tchar, the path bytes) say, for each of the 256
// bytes, what their definitions say: computed here from the definitions' lists, the way the
// headers once computed them for every includer.
#include <corset/detail/ascii.hpp>
#include <corset/detail/route_paths.hpp>

#include <string_view>

namespace {
using corset::detail::path_byte;

constexpr bool among(unsigned c, std::string_view list) {
  for (char const l : list)
    if (static_cast<unsigned char>(l) == c) return true;
  return false;
}
constexpr bool alnum(unsigned c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// RFC 9110 section 5.6.2: tchar = ALPHA / DIGIT / "!#$%&'*+-.^_`|~".
constexpr bool tchar(unsigned c) { return alnum(c) || among(c, "!#$%&'*+-.^_`|~"); }

// RFC 3986 pchar without pct-encoded: unreserved / sub-delims / ":" / "@", then the bytes the
// path checks treat on their own.
constexpr path_byte path_class(unsigned c) {
  if (c == '/') return path_byte::slash;
  if (c == '%') return path_byte::percent;
  if (c == ';') return path_byte::semicolon;
  if (alnum(c) || among(c, "-._~") || among(c, "!$&'()*+,;=") || among(c, ":@")) return path_byte::plain;
  return path_byte::other;
}

constexpr bool tables_agree() {
  for (unsigned c = 0; c != 256; ++c) {
    char const byte = static_cast<char>(static_cast<unsigned char>(c));
    if (corset::detail::is_tchar(byte) != tchar(c)) return false;
    if (corset::detail::path_byte_of(byte) != path_class(c)) return false;
  }
  return true;
}
static_assert(tables_agree());

// The quick pass flags exactly the bytes that are neither plain nor `/`.
static_assert(!corset::detail::needs_check("/a-b.c_d~e", 0, 10));
static_assert(corset::detail::needs_check("/a;b", 0, 4));
static_assert(corset::detail::needs_check("/a%2e", 0, 5));
static_assert(corset::detail::needs_check("/a b", 0, 4));
static_assert(corset::detail::needs_check("/a\x80", 0, 3));
}  // namespace
