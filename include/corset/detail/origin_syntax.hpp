// corset/detail/origin_syntax.hpp - what a browser can send as Origin, and nothing else.
//
// One validator for every origin a policy names (rules 3, 5.4-5.7). It is a constexpr function
// returning an error value so that the same code checks string literals in a static_assert and,
// later, origins that arrive as data.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <corset/detail/ascii.hpp>
#include <corset/detail/mistakes.hpp>
#include <corset/detail/public_suffix.hpp>
#include <corset/detail/words.hpp>

namespace corset::detail {

// DNS limits (RFC 1035): no browser sends a longer host or label (rules 3.5, 5.4).
inline constexpr std::size_t max_host_length = 253;
inline constexpr std::size_t max_label_length = 63;

// What the credentials-dependent rules (5.7) need to know about the rest of the policy (or of
// an origin set): the names are those of the options.
struct origin_rules {
  bool credentials = false;              // allow_credentials
  bool insecure_origins = false;         // dangerously_allow_insecure_origins
  bool public_suffix_wildcards = false;  // dangerously_allow_public_suffix_wildcards
};

enum class host_type : unsigned char { domain, ipv4, ipv6 };

// A valid origin, taken apart. Views point into the validated text.
struct origin_parts {
  std::string_view scheme;  // "https"
  std::string_view host;    // "example.com" for https://*.example.com, "[::1]" for IPv6
  std::string_view port;    // "8443", or empty; never "*"
  host_type type = host_type::domain;
  bool any_subdomain = false;  // https://*.example.com
  bool any_port = false;       // https://example.com:*
  [[nodiscard]] constexpr bool is_pattern() const noexcept { return any_subdomain || any_port; }
};

// The port a browser leaves out of a serialized origin, or 0 for schemes without one.
[[nodiscard]] constexpr unsigned default_port(std::string_view scheme) noexcept {
  if (scheme == "http" || scheme == "ws") return 80;
  if (scheme == "https" || scheme == "wss") return 443;
  if (scheme == "ftp") return 21;
  return 0;
}

// A port as serialized: 1-5 digits, no leading zero, 1..65535, not the scheme's default.
// Returns 0 when it is not one.
[[nodiscard]] constexpr unsigned parse_port(std::string_view digits) noexcept {
  if (digits.empty() || digits.size() > 5 || digits[0] == '0') return 0;
  unsigned value = 0;
  for (char c : digits) {
    if (!is_digit(c)) return 0;
    value = value * 10 + static_cast<unsigned>(c - '0');
  }
  return value <= 65535 ? value : 0;
}

// --- IP literals, parsed and serialized as the WHATWG URL Standard does ---------------------

// Writes the dotted-decimal form of `address` into `out` (16 bytes), returns its length.
constexpr std::size_t serialize_ipv4(std::uint32_t address, char* out) noexcept {
  std::size_t n = 0;
  for (int shift = 24; shift >= 0; shift -= 8) {
    unsigned const octet = (address >> shift) & 0xFFu;
    if (octet >= 100) out[n++] = static_cast<char>('0' + octet / 100);
    if (octet >= 10) out[n++] = static_cast<char>('0' + octet / 10 % 10);
    out[n++] = static_cast<char>('0' + octet % 10);
    if (shift != 0) out[n++] = '.';
  }
  return n;
}

// The host parser's "ends in a number" test: such hosts are IPv4 or invalid.
[[nodiscard]] constexpr bool ends_in_number(std::string_view host) noexcept {
  std::size_t const dot = rfind_byte(host, '.');
  std::string_view const last = dot == npos ? host : host.substr(dot + 1);
  if (last.empty()) return false;
  bool all_digits = true;
  for (char c : last) all_digits = all_digits && is_digit(c);
  if (all_digits) return true;
  if (last.size() < 2 || last[0] != '0' || (last[1] != 'x' && last[1] != 'X')) return false;
  for (char c : last.substr(2))
    if (hex_digit(c) < 0) return false;
  return true;
}

// WHATWG IPv4 parser: 1-4 parts, each decimal, octal (leading 0) or hex (0x).
[[nodiscard]] constexpr bool parse_ipv4(std::string_view host, std::uint32_t& out) noexcept {
  std::uint64_t parts[4]{};
  std::size_t count = 0;
  while (true) {
    std::size_t const dot = find_byte(host, '.');
    std::string_view part = host.substr(0, dot);
    if (part.empty() || count == 4) return false;
    unsigned radix = 10;
    if (part.size() >= 2 && part[0] == '0' && (part[1] == 'x' || part[1] == 'X')) {
      radix = 16;
      part.remove_prefix(2);
    } else if (part.size() >= 2 && part[0] == '0') {
      radix = 8;
      part.remove_prefix(1);
    }
    std::uint64_t value = 0;
    for (char c : part) {
      int const digit = hex_digit(c);
      if (digit < 0 || static_cast<unsigned>(digit) >= radix) return false;
      value = value * radix + static_cast<unsigned>(digit);
      if (value > 0xFFFFFFFFu) return false;
    }
    parts[count++] = value;
    if (dot == npos) break;
    host.remove_prefix(dot + 1);
  }
  for (std::size_t i = 0; i + 1 < count; ++i)
    if (parts[i] > 255) return false;
  std::uint64_t const last_limit = std::uint64_t{1} << (8 * (5 - count));
  if (parts[count - 1] >= last_limit) return false;
  std::uint64_t address = parts[count - 1];
  for (std::size_t i = 0; i + 1 < count; ++i) address += parts[i] << (8 * (3 - i));
  out = static_cast<std::uint32_t>(address);
  return true;
}

// WHATWG IPv6 parser for the text between the brackets (URL Standard, "IPv6 parser").
[[nodiscard]] constexpr bool parse_ipv6(std::string_view s, std::uint16_t (&address)[8]) noexcept {
  for (auto& piece : address) piece = 0;
  std::size_t piece = 0, i = 0;
  constexpr std::size_t none = 9;
  std::size_t compress = none;
  auto at = [&](std::size_t k) { return k < s.size() ? s[k] : '\0'; };
  if (at(0) == ':') {
    if (at(1) != ':') return false;
    i = 2;
    compress = ++piece;
  }
  while (i < s.size()) {
    if (piece == 8) return false;
    if (s[i] == ':') {
      if (compress != none) return false;
      ++i;
      compress = ++piece;
      continue;
    }
    unsigned value = 0;
    std::size_t length = 0;
    while (length < 4 && hex_digit(at(i)) >= 0) {
      value = value * 16 + static_cast<unsigned>(hex_digit(at(i)));
      ++i;
      ++length;
    }
    if (at(i) == '.') {  // an IPv4 address in the last two pieces
      if (length == 0 || piece > 6) return false;
      i -= length;
      std::size_t seen = 0;
      while (i < s.size()) {
        if (seen > 0) {
          if (s[i] != '.' || seen >= 4) return false;
          ++i;
        }
        if (!is_digit(at(i))) return false;
        int octet = -1;
        while (is_digit(at(i))) {
          int const digit = at(i) - '0';
          if (octet == 0) return false;  // leading zero
          octet = octet < 0 ? digit : octet * 10 + digit;
          if (octet > 255) return false;
          ++i;
        }
        address[piece] = static_cast<std::uint16_t>(address[piece] * 0x100 + octet);
        if (++seen == 2 || seen == 4) ++piece;
      }
      if (seen != 4) return false;
      break;
    }
    if (at(i) == ':') {
      ++i;
      if (i == s.size()) return false;
    } else if (i != s.size()) {
      return false;
    }
    address[piece++] = static_cast<std::uint16_t>(value);
  }
  if (compress != none) {
    std::size_t swaps = piece - compress;
    for (std::size_t to = 7; to != 0 && swaps > 0; --to, --swaps) {
      std::uint16_t const t = address[to];
      address[to] = address[compress + swaps - 1];
      address[compress + swaps - 1] = t;
    }
  } else if (piece != 8) {
    return false;
  }
  return true;
}

// Writes "[...]" in the URL Standard's serialization into `out` (41 bytes), returns its length.
constexpr std::size_t serialize_ipv6(std::uint16_t const (&pieces)[8], char* out) noexcept {
  // The first longest run of two or more zero pieces is compressed.
  std::size_t best = 8, best_length = 1;
  for (std::size_t i = 0; i < 8;) {
    std::size_t j = i;
    while (j < 8 && pieces[j] == 0) ++j;
    if (j - i > best_length) {
      best = i;
      best_length = j - i;
    }
    i = j == i ? i + 1 : j;
  }
  std::size_t n = 0;
  out[n++] = '[';
  bool ignore0 = false;
  for (std::size_t i = 0; i < 8; ++i) {
    if (ignore0 && pieces[i] == 0) continue;
    ignore0 = false;
    if (i == best) {
      out[n++] = ':';
      if (i == 0) out[n++] = ':';
      ignore0 = true;
      continue;
    }
    bool leading = true;
    for (int shift = 12; shift >= 0; shift -= 4) {
      unsigned const digit = (pieces[i] >> shift) & 0xFu;
      if (leading && digit == 0 && shift != 0) continue;
      leading = false;
      out[n++] = "0123456789abcdef"[digit];
    }
    if (i != 7) out[n++] = ':';
  }
  out[n++] = ']';
  return n;
}

[[nodiscard]] constexpr bool equals(char const* a, std::size_t n, std::string_view b) noexcept {
  return std::string_view{a, n} == b;
}

// --- the validator ----------------------------------------------------------------------------

[[nodiscard]] constexpr bool is_local_host(origin_parts const& o) noexcept {
  if (o.type == host_type::ipv6) return o.host == "[::1]";
  if (o.type == host_type::ipv4) return o.host.substr(0, 4) == "127.";
  return o.host == "localhost" ||
         (o.host.size() > 10 && o.host.substr(o.host.size() - 10) == ".localhost");
}

// Checks the host (without "*." and port) and sets out.type.
[[nodiscard]] constexpr mistake check_host(std::string_view host, origin_parts& out) noexcept {
  if (host.empty()) return mistake::empty_host;
  if (host[0] == '[') {
    out.type = host_type::ipv6;
    if (host.back() != ']') return mistake::ipv6_invalid;
    std::string_view const inner = host.substr(1, host.size() - 2);
    if (find_byte(inner, '%') != npos) return mistake::ipv6_zone;
    std::uint16_t pieces[8]{};
    if (!parse_ipv6(inner, pieces)) return mistake::ipv6_invalid;
    char text[41]{};
    if (!equals(text, serialize_ipv6(pieces, text), host)) return mistake::ipv6_not_serialized;
    return mistake::none;
  }
  for (char c : host)
    if (!(is_lower(c) || is_digit(c) || c == '-' || c == '_' || c == '.'))
      return mistake::bad_host_byte;
  if (host.front() == '.' || host.back() == '.' || find_text(host, "..") != npos)
    return mistake::empty_label;
  if (ends_in_number(host)) {
    out.type = host_type::ipv4;
    std::uint32_t address = 0;
    if (!parse_ipv4(host, address)) return mistake::ipv4_invalid;
    char text[16]{};
    if (!equals(text, serialize_ipv4(address, text), host)) return mistake::ipv4_not_serialized;
    return mistake::none;
  }
  if (host.size() > max_host_length) return mistake::host_too_long;
  for (std::size_t start = 0; start <= host.size();) {
    std::size_t end = find_byte(host, '.', start);
    if (end == npos) end = host.size();
    std::string_view const label = host.substr(start, end - start);
    if (label.size() > max_label_length) return mistake::label_too_long;
    if (label.front() == '-' || label.back() == '-') return mistake::label_hyphen;
    start = end + 1;
  }
  return mistake::none;
}

// Validates one origin as written in a policy; fills `out` when it is valid.
[[nodiscard]] constexpr mistake parse_origin(std::string_view s, origin_rules rules,
                                                  origin_parts& out) noexcept {
  out = {};
  if (s.empty()) return mistake::empty_origin;
  if (s == "null") return mistake::opaque_null;
  if (s == "*") return mistake::lone_star;
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0x80) return mistake::non_ascii;
  std::size_t const colon = find_text(s, "://");
  if (colon == npos) return mistake::no_scheme;
  std::string_view const scheme = s.substr(0, colon);
  if (scheme.empty() || !is_alpha(scheme[0])) return mistake::bad_scheme;
  for (char c : scheme) {
    if (is_upper(c)) return mistake::uppercase;
    if (!(is_lower(c) || is_digit(c) || c == '+' || c == '-' || c == '.'))
      return mistake::bad_scheme;
  }
  if (scheme == "file") return mistake::file_scheme;
  out.scheme = scheme;

  std::string_view authority = s.substr(colon + 3);  // host[:port], maybe after "*."
  if (find_any(authority, "/?#\\") != npos) return mistake::has_path;
  if (find_byte(authority, '@') != npos) return mistake::has_userinfo;
  for (char c : authority)
    if (is_upper(c)) return mistake::uppercase;

  if (authority.size() >= 2 && authority[0] == '*' && authority[1] == '.') {
    out.any_subdomain = true;
    authority.remove_prefix(2);
  }
  // Split host and port; an IPv6 host carries its own colons inside brackets.
  std::string_view host = authority;
  std::size_t port_colon = npos;
  if (!authority.empty() && authority[0] == '[') {
    std::size_t const close = find_byte(authority, ']');
    if (close == npos) return mistake::ipv6_invalid;
    host = authority.substr(0, close + 1);
    if (close + 1 < authority.size()) {
      if (authority[close + 1] != ':') return mistake::ipv6_invalid;
      port_colon = close + 1;
    }
  } else {
    port_colon = find_byte(authority, ':');
    host = authority.substr(0, port_colon);
  }
  if (port_colon != npos) {
    std::string_view const port = authority.substr(port_colon + 1);
    if (port == "*") {
      out.any_port = true;
    } else {
      if (find_byte(port, '*') != npos) return mistake::misplaced_wildcard;
      unsigned const value = parse_port(port);
      if (value == 0) return mistake::bad_port;
      if (value == default_port(scheme)) return mistake::default_port;
      out.port = port;
    }
  }
  if (find_byte(host, '*') != npos) return mistake::misplaced_wildcard;
  out.host = host;
  if (mistake const e = check_host(host, out); e != mistake::none) return e;

  if (out.any_subdomain) {
    if (out.type != host_type::domain) return mistake::wildcard_over_ip;
    if (find_byte(host, '.') == npos && host != "localhost")
      return mistake::wildcard_single_label;
  }
  if (rules.credentials) {
    if (scheme == "http" && !is_local_host(out) && !rules.insecure_origins)
      return mistake::insecure_with_credentials;
    if (out.any_subdomain && is_public_suffix(host) && !rules.public_suffix_wildcards)
      return mistake::public_suffix_with_credentials;
  }
  return mistake::none;
}

// The common shape in one pass and without helper calls: http or https, lowercase DNS labels
// (the last not a number), an optional port. Compile time is why: a policy may list thousands
// of origins, and a compiler memoises every constexpr call whose arguments differ, so the full
// parser costs far more per origin. True only where parse_origin would find no mistake.
[[nodiscard]] constexpr bool is_plain_origin(std::string_view text, origin_rules rules) noexcept {
  char const* const s = text.data();  // indexed directly: each operator[] would be a call
  std::size_t const n = text.size();
  std::size_t i = 0;
  unsigned default_port_value = 0;
  if (n > 8 && s[0] == 'h' && s[1] == 't' && s[2] == 't' && s[3] == 'p' && s[4] == 's' &&
      s[5] == ':' && s[6] == '/' && s[7] == '/') {
    i = 8;
    default_port_value = 443;
  } else if (n > 7 && s[0] == 'h' && s[1] == 't' && s[2] == 't' && s[3] == 'p' && s[4] == ':' &&
             s[5] == '/' && s[6] == '/') {
    if (rules.credentials && !rules.insecure_origins) return false;  // localhost? ask the parser
    i = 7;
    default_port_value = 80;
  } else {
    return false;
  }
  std::size_t const host_start = i;
  std::size_t label_start = i;
  bool digits_only = true;
  for (;; ++i) {
    char const c = i < n ? s[i] : ':';
    if (c >= 'a' && c <= 'z') {  // the common byte first, compared inline (no call)
      digits_only = false;
    } else if (c == '.' || c == ':') {
      std::size_t const length = i - label_start;
      if (length == 0 || length > max_label_length || s[i - 1] == '-') return false;
      if (c == ':') break;
      label_start = i + 1;
      digits_only = true;
    } else if (c == '-') {
      if (i == label_start) return false;
      digits_only = false;
    } else if (c < '0' || c > '9') {
      return false;
    }
  }
  // A last label that is a number (or 0x...) makes the host an IPv4 address: ask the parser.
  if (digits_only || (s[label_start] == '0' && s[label_start + 1] == 'x')) return false;
  if (i - host_start > max_host_length) return false;
  if (i == n) return true;
  std::size_t const port_start = ++i;
  unsigned port = 0;
  for (; i != n; ++i) {
    if (s[i] < '0' || s[i] > '9' || i - port_start == 5) return false;
    port = port * 10 + static_cast<unsigned>(s[i] - '0');
  }
  return i != port_start && s[port_start] != '0' && port <= 65535 && port != default_port_value;
}

// is_plain_origin for an origin known at compile time, given as words (words.hpp) with zeros
// after its n bytes: the same answer, eight bytes per step. Each class of bytes, and each rule on
// labels (none empty, none starting or ending with `-`), is checked for a whole word at once; no
// byte is visited alone but the last label's last digits and first two bytes, and the port's.
// Written for constant evaluation, which runs it for each of thousands of origins, and for
// clang's, where every operation, read of a variable and call costs thousands of instructions
// (measured, clang 14): the loop calls nothing and declares nothing (a declaration inside it is
// made again at each step), every constant is an immediate call (words.hpp), and what only the
// end needs (where the last label starts) is worked out once, after it.
template <std::size_t W>
[[nodiscard]] constexpr bool is_plain_origin_words(std::array<std::uint64_t, W> const& words, std::size_t n,
                                                   origin_rules rules) noexcept {
  std::uint64_t const* const w = words.data();
  std::size_t host_start = 0;
  unsigned default_port_value = 0;
  std::size_t i = 0;             // the word being read
  std::uint64_t x = 0;           // its value
  std::uint64_t end_before = 0;  // the high bit of byte 0 if a label ended just before it
  if (n > 8 && w[0] == 0x2f2f3a7370747468u) {  // "https://", little-endian
    host_start = 8;
    default_port_value = 443;
    i = 1;
    x = w[1];
    end_before = 0x80;
  } else if (n > 7 && (w[0] & 0x00FFFFFFFFFFFFFFu) == 0x2f2f3a70747468u) {  // "http://"
    if (rules.credentials && !rules.insecure_origins) return false;  // localhost? ask the parser
    host_start = 7;
    default_port_value = 80;
    x = (w[0] & 0xFF00000000000000u) | 0x0061616161616161u;  // the scheme's bytes read as letters
    end_before = std::uint64_t{0x80} << 56;
  } else {
    return false;
  }
  std::size_t const last_word = (n - 1) / 8;
  std::uint64_t const last_valid = every_high_bit() >> (8 * (8 * last_word + 8 - n));  // its n bytes
  std::size_t colon = n;  // of the port, or n
  std::size_t dot_word = 0;
  std::uint64_t dot_bits = 0;  // the last word with a `.`, and its dots
  // Per word, as the high bit of each byte: the bytes of each class. A label ends at a `.` or the
  // `:`; each word's last byte carries into the next (`end_before`, `hyphen_before`).
  std::uint64_t dot = 0, hyphen = 0, colon_mark = 0, end = 0, hyphen_before = 0;
  for (;;) {
    if ((x & every_high_bit()) != 0) return false;  // a byte above 0x7F; below it, no sum carries
    // x ^ every_byte(c) has a zero byte where x has c, and no byte above 0x7F: adding 0x7F to
    // each sets the high bit of every byte but those.
    dot = every_high_bit() & ~((x ^ every_byte('.')) + every_byte(0x7F));
    hyphen = every_high_bit() & ~((x ^ every_byte('-')) + every_byte(0x7F));
    colon_mark = every_high_bit() & ~((x ^ every_byte(':')) + every_byte(0x7F));
    // Every byte of the text a letter, digit, `.`, `-` or `:`; the zeros after it none of them.
    if ((((((x + at_least('a')) & ~(x + above('z'))) | ((x + at_least('0')) & ~(x + above('9')))) &
          every_high_bit()) |
         dot | hyphen | colon_mark) != (i == last_word ? last_valid : every_high_bit()))
      return false;
    // An empty label, or one that starts or ends with `-`.
    end = dot | colon_mark;
    if (((((end << 8) | end_before) & (end | hyphen)) | (((hyphen << 8) | hyphen_before) & end)) != 0) return false;
    if (colon_mark != 0) {  // one `:`, then the port's digits (checked below)
      if (colon != n || (colon_mark & (colon_mark - 1)) != 0) return false;
      colon = 8 * i + static_cast<std::size_t>(__builtin_ctzll(colon_mark)) / 8;
    }
    if (dot != 0) {
      dot_word = i;
      dot_bits = dot;
    }
    if (i == last_word) break;
    end_before = end >> 56;
    hyphen_before = hyphen >> 56;
    x = w[++i];
  }
  // Past the `:`, anything but a digit fails the port below: what the loop made of it no longer
  // matters. Without a port, the host's last byte (in x, the last word) ends its last label. The
  // bytes the end reads often are read in place, not by a call.
  if (colon == n) {
    x = x >> (8 * ((n - 1) % 8)) & 0xFF;
    if (x == '.' || x == '-') return false;
  }
  if (colon - host_start > max_host_length) return false;
  if (colon - host_start > max_label_length) {  // only then can a label be too long
    std::size_t label_start = host_start;
    for (std::size_t k = host_start; k != colon; ++k) {
      if (byte_of_words(w, k) != '.') continue;
      if (k - label_start > max_label_length) return false;
      label_start = k + 1;
    }
    if (colon - label_start > max_label_length) return false;
  }
  // A last label that is a number (or 0x...) makes the host an IPv4 address: ask the parser. Its
  // bytes are read from the end, where a name's last label has a letter at once.
  std::size_t const last_dot =
      dot_bits != 0 ? 8 * dot_word + static_cast<std::size_t>(63 - __builtin_clzll(dot_bits)) / 8 : host_start - 1;
  if (last_dot > colon) return false;  // a `.` in the port
  std::size_t k = colon - 1;
  while (k != last_dot && (x = w[k / 8] >> (8 * (k % 8)) & 0xFF) >= '0' && x <= '9') --k;
  if (k == last_dot) return false;
  if ((w[(last_dot + 1) / 8] >> (8 * ((last_dot + 1) % 8)) & 0xFF) == '0' && byte_of_words(w, last_dot + 2) == 'x')
    return false;
  if (colon == n) return true;
  if (n - colon - 1 == 0 || n - colon - 1 > 5 || byte_of_words(w, colon + 1) == '0') return false;
  unsigned port = 0;
  for (k = colon + 1; k != n; ++k) {
    if (byte_of_words(w, k) < '0' || byte_of_words(w, k) > '9') return false;
    port = port * 10 + static_cast<unsigned>(byte_of_words(w, k) - '0');
  }
  return port <= 65535 && port != default_port_value;
}

// An origin as a policy or an origin set names it: valid or its first mistake, and taken apart
// when the full parser read it (every pattern is).
struct validated_origin {
  mistake what = mistake::none;
  origin_parts parts{};
};

// The one check of every origin corset is given, in allow_origins<...> at compile time and in an
// origin_set at run time (rules 5.4-5.7): the common shape in one pass, anything else parsed.
[[nodiscard]] constexpr validated_origin validate_origin(std::string_view s, origin_rules rules) noexcept {
  validated_origin out{};
  if (!is_plain_origin(s, rules)) out.what = parse_origin(s, rules, out.parts);
  return out;
}

}  // namespace corset::detail
