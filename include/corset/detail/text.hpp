// corset/detail/text.hpp - bounded text built without allocating: log lines and descriptions.
#pragma once

#include <cstddef>
#include <string_view>

#include <corset/detail/ascii.hpp>

namespace corset::detail {

// A string built in a constant expression and kept in static storage.
template <std::size_t N>
struct static_text {
  char chars[N + 1]{};
  std::size_t size = 0;
  [[nodiscard]] constexpr std::string_view view() const noexcept { return {chars, size}; }
};

// The decimal digits of `v`.
[[nodiscard]] constexpr static_text<20> decimal_text(unsigned long long v) noexcept {
  static_text<20> out{};
  char digits[20]{};
  std::size_t n = 0;
  do {
    digits[n++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v != 0);
  while (n != 0) out.chars[out.size++] = digits[--n];
  return out;
}

// Appends to a fixed buffer and silently stops at its end: a log line is cut, never overflows.
class text_writer {
 public:
  constexpr text_writer(char* data, std::size_t capacity) noexcept : data_(data), capacity_(capacity) {}
  constexpr text_writer& operator()(std::string_view s) noexcept {
    for (char c : s) put(c);
    return *this;
  }
  constexpr void put(char c) noexcept {
    if (size_ != capacity_) data_[size_++] = c;
  }
  [[nodiscard]] constexpr std::size_t size() const noexcept { return size_; }

 private:
  char* data_;
  std::size_t capacity_;
  std::size_t size_ = 0;
};

// Counts what a text_writer would write: the first pass of a text built at compile time.
class text_counter {
 public:
  constexpr text_counter& operator()(std::string_view s) noexcept {
    size_ += s.size();
    return *this;
  }
  [[nodiscard]] constexpr std::size_t size() const noexcept { return size_; }

 private:
  std::size_t size_ = 0;
};

// What a request token may show unescaped in a log line.
enum class token_kind : unsigned char { name, origin, path, raw };

[[nodiscard]] constexpr bool shown_as_is(char c, token_kind kind) noexcept {
  if (c == '\\' || c == '"') return false;
  if (is_tchar(c)) return true;
  switch (kind) {
    case token_kind::origin: return c == ':' || c == '/' || c == '[' || c == ']';
    case token_kind::path:
      return c == '/' || c == ':' || c == '@' || c == '(' || c == ')' || c == ',' || c == ';' ||
             c == '=' || c == '?';
    case token_kind::raw: return c == ',' || c == ' ';
    case token_kind::name: return false;
  }
  return false;
}

// How many bytes of a request token a log line shows; longer ones end in `...`.
inline constexpr std::size_t shown_token_bytes = 64;

// Writes `bytes`, every byte a log could misread (controls, CR, LF, quotes, backslash,
// non-ASCII, anything outside the token's grammar) as \xHH: no log injection through a header
// value or a file name (flask-cors' CVE-2024-1681 logged the raw path).
constexpr void write_escaped_bytes(text_writer& out, std::string_view bytes, token_kind kind) noexcept {
  constexpr char hex[] = "0123456789abcdef";
  for (char const c : bytes) {
    if (shown_as_is(c, kind)) {
      out.put(c);
    } else {
      auto const byte = static_cast<unsigned char>(c);
      out("\\x").put(hex[byte >> 4]);
      out.put(hex[byte & 15]);
    }
  }
}

// Writes a request token cut to shown_token_bytes (then `...`), escaped as above.
constexpr void write_escaped_unquoted(text_writer& out, std::string_view token, token_kind kind) noexcept {
  std::size_t const shown = token.size() < shown_token_bytes ? token.size() : shown_token_bytes;
  write_escaped_bytes(out, token.substr(0, shown), kind);
  if (shown != token.size()) out("...");
}

// The same, quoted: `"https://app.example.com"`.
constexpr void write_escaped(text_writer& out, std::string_view token, token_kind kind) noexcept {
  std::size_t const shown = token.size() < shown_token_bytes ? token.size() : shown_token_bytes;
  out.put('"');
  write_escaped_bytes(out, token.substr(0, shown), kind);
  out.put('"');
  if (shown != token.size()) out("...");
}

}  // namespace corset::detail
