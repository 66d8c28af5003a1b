// corset/request_fields.hpp - what a server adapter copies out of a request, without allocating.
//
// Adapters walk their server's header fields and feed the CORS ones here; view() then gives the
// request_view to evaluate. It holds views into the server's request, and room for the further
// Access-Control-Request-Headers lines a proxy may have split the list into.
#pragma once

#include <array>
#include <cstddef>
#include <span>
#include <string_view>

#include <corset/detail/ascii.hpp>
#include <corset/request.hpp>

namespace corset {

class request_fields {
 public:
  // Beyond this many Access-Control-Request-Headers lines the list is malformed: the reader
  // sees a line that cannot be part of one (rules 4.10 bounds the list at 8 KiB anyway).
  static constexpr std::size_t max_request_header_lines = 16;

  constexpr explicit request_fields(std::string_view method) noexcept { view_.method = method; }

  // Offers one header field line; fields that CORS does not read are ignored.
  constexpr void add(std::string_view name, std::string_view value) noexcept {
    if (detail::iequals(name, "origin")) {
      set_once(view_.origin, value, origin_lines_);
    } else if (detail::iequals(name, "access-control-request-method")) {
      set_once(view_.request_method, value, method_lines_);
    } else if (detail::iequals(name, "access-control-request-private-network")) {
      set_once(view_.request_private_network, value, private_network_lines_);
    } else if (detail::iequals(name, "access-control-request-headers")) {
      add_request_headers_line(value);
    }
  }

  [[nodiscard]] constexpr request_view view() const noexcept {
    request_view v = view_;
    v.more_request_headers = std::span<const std::string_view>{more_.data(), more_count_};
    return v;
  }

  // What a field repeated on several lines reads as: HTTP would combine them with ", ", and no
  // single valid Origin, method or "true" contains that, so such a request never matches
  // (rules 3.5) and is never approved.
  static constexpr std::string_view several_lines = ", ";
  // A line that no list can contain, standing for the lines beyond max_request_header_lines.
  static constexpr std::string_view too_many_lines = "<too many lines>";

 private:
  static constexpr void set_once(std::string_view& field, std::string_view value,
                                 unsigned& lines) noexcept {
    field = ++lines == 1 ? value : several_lines;
  }

  constexpr void add_request_headers_line(std::string_view value) noexcept {
    if (request_header_lines_++ == 0) {
      view_.request_headers = value;
    } else if (more_count_ < more_.size()) {
      more_[more_count_++] = value;
    } else {
      more_.back() = too_many_lines;
    }
  }

  request_view view_{};
  std::array<std::string_view, max_request_header_lines - 1> more_{};
  std::size_t more_count_ = 0;
  unsigned origin_lines_ = 0, method_lines_ = 0, private_network_lines_ = 0;
  unsigned request_header_lines_ = 0;
};

}  // namespace corset
