// corset/detail/request_headers.hpp - Access-Control-Request-Headers, read strictly (rules 4.10).
//
// A browser sends the unsafe header names byte-lowercased, de-duplicated, sorted and joined with
// ",". Anything far from that is not a browser and is refused, which also bounds the work: one
// pass over at most 8 KiB, early exit on the first malformation, nothing allocated.
#pragma once

#include <concepts>
#include <cstddef>
#include <span>
#include <string_view>

#include <corset/decision.hpp>
#include <corset/detail/ascii.hpp>
#include <corset/request.hpp>

namespace corset::detail {

inline constexpr std::size_t max_request_headers_bytes = std::size_t{8} * 1024;
inline constexpr std::size_t max_empty_elements = 16;
inline constexpr std::size_t max_name_whitespace = 2;
inline constexpr std::size_t any_header_max_name = 256;

enum class request_headers_status : unsigned char { absent, allowed, not_allowed, malformed };

// The lines of Access-Control-Request-Headers that carried names, for the echo of rules 4.9.
struct echoed_lines {
  std::string_view lines[decision::max_echoed_request_header_lines];
  std::size_t count = 0;
};

// Whether `a` sorts strictly before `b`, both compared byte-lowercased (how browsers sort).
[[nodiscard]] constexpr bool ascending(std::string_view a, std::string_view b) noexcept {
  std::size_t const n = a.size() < b.size() ? a.size() : b.size();
  for (std::size_t i = 0; i != n; ++i) {
    char const x = to_lower(a[i]), y = to_lower(b[i]);
    if (x != y) return static_cast<unsigned char>(x) < static_cast<unsigned char>(y);
  }
  return a.size() < b.size();
}

// What the reader asks of a policy's request headers:
//   max_name             the longest name that can be allowed: longer ones are refused
//                        without a comparison (rules 4.10);
//   known_at(p, end)     the length of an allowed name written exactly at p and followed by a
//                        delimiter, or 0: the fast path for what browsers send;
//   allowed(name)        whether any other well-formed name is allowed.
template <class Names>
concept request_header_names = requires(Names const& n, char const* p, std::string_view name) {
  { Names::max_name } -> std::convertible_to<std::size_t>;
  { n.known_at(p, p) } -> std::same_as<std::size_t>;
  { n.allowed(name) } -> std::same_as<bool>;
};

// Whether the byte after a name ends it: a comma, white space or the end of the line.
[[nodiscard]] constexpr bool ends_name(char const* p, char const* end) noexcept {
  return p == end || *p == ',' || is_ows(*p);
}

// Reads every name, in order. `echo` collects the lines holding names (nullptr: not needed);
// more such lines than it can hold make the request malformed.
template <request_header_names Names>
[[nodiscard]] constexpr request_headers_status read_request_headers(
    request_view const& r, Names const& names, echoed_lines* echo) noexcept {
  using enum request_headers_status;
  std::size_t total = r.request_headers.size();
  for (std::string_view line : r.more_request_headers) {
    total += line.size();
    if (total > max_request_headers_bytes) return malformed;
  }
  if (total > max_request_headers_bytes) return malformed;

  std::string_view previous;  // the last name, for the ascending-order check
  std::size_t empty_elements = 0;
  bool refused = false;
  auto read_line = [&](std::string_view line) noexcept -> bool {
    char const* p = line.data();
    char const* const end = p + line.size();
    bool has_name = false;
    while (true) {  // one element per turn
      char const* const lead = p;
      while (p != end && is_ows(*p)) ++p;
      char const* const start = p;
      std::size_t const known = names.known_at(p, end);
      if (known != 0) {
        p += known;
      } else {
        while (p != end && is_tchar(*p)) ++p;
      }
      std::string_view const name{start, static_cast<std::size_t>(p - start)};
      if (name.empty()) {
        if (++empty_elements > max_empty_elements) return false;
      } else {
        char const* const trail = p;
        while (p != end && is_ows(*p)) ++p;
        if (static_cast<std::size_t>(start - lead) > max_name_whitespace ||
            static_cast<std::size_t>(p - trail) > max_name_whitespace)
          return false;
        if (!previous.empty() && !ascending(previous, name)) return false;
        previous = name;
        has_name = true;
        // A name longer than any the policy allows is refused by its length, never compared.
        refused = refused || (known == 0 && (name.size() > Names::max_name || !names.allowed(name)));
      }
      if (p == end) break;
      if (*p != ',') return false;
      ++p;
    }
    if (has_name && echo != nullptr) {
      if (echo->count == decision::max_echoed_request_header_lines) return false;
      echo->lines[echo->count++] = line;
    }
    return true;
  };

  if (!r.request_headers.empty() && !read_line(r.request_headers)) return malformed;
  for (std::string_view line : r.more_request_headers)
    if (!line.empty() && !read_line(line)) return malformed;
  if (previous.empty()) return absent;
  return refused ? not_allowed : allowed;
}

}  // namespace corset::detail
