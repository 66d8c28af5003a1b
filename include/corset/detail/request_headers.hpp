// corset/detail/request_headers.hpp - Access-Control-Request-Headers, read strictly (rules 4.10).
//
// A browser sends the unsafe header names byte-lowercased, de-duplicated, sorted and joined with
// ",". Anything far from that is not a browser and is refused, which also bounds the work: one
// pass over at most 8 KiB, early exit on the first malformation, nothing allocated.
#pragma once

#include <cstddef>
#include <span>
#include <string_view>

#include <corset/decision.hpp>
#include <corset/detail/ascii.hpp>
#include <corset/request.hpp>

namespace corset::detail {

inline constexpr std::size_t max_request_headers_bytes = 8 * 1024;
inline constexpr std::size_t max_empty_elements = 16;
inline constexpr std::size_t max_name_whitespace = 2;
inline constexpr std::size_t any_header_max_name = 256;

enum class request_headers_status : unsigned char { absent, allowed, not_allowed, malformed };

// The lines of Access-Control-Request-Headers that carried names, for the echo of rules 4.9.
struct echoed_lines {
  std::string_view lines[decision::max_echoed_request_header_lines];
  std::size_t count = 0;
};

// Calls `is_allowed(name)` for each name, in order. `echo` collects the lines holding names
// (nullptr: not needed); more such lines than it can hold make the request malformed.
template <class Allowed>
[[nodiscard]] constexpr request_headers_status read_request_headers(
    request_view const& r, std::size_t max_name, Allowed&& is_allowed, echoed_lines* echo) noexcept {
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
    std::size_t const n = line.size();
    std::size_t i = 0;
    bool has_name = false;
    while (true) {  // one element per turn
      std::size_t const lead_start = i;
      while (i != n && is_ows(line[i])) ++i;
      std::size_t const lead = i - lead_start;
      std::size_t const start = i;
      while (i != n && is_tchar(line[i])) ++i;
      std::string_view const name = line.substr(start, i - start);
      if (name.empty()) {
        if (++empty_elements > max_empty_elements) return false;
      } else {
        std::size_t const trail_start = i;
        while (i != n && is_ows(line[i])) ++i;
        if (lead > max_name_whitespace || i - trail_start > max_name_whitespace) return false;
        if (name.size() > max_name) return false;
        if (!previous.empty() && icompare(previous, name) >= 0) return false;
        previous = name;
        has_name = true;
        refused = refused || !is_allowed(name);
      }
      if (i == n) break;
      if (line[i] != ',') return false;
      ++i;
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
