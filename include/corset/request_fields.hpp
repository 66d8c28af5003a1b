// corset/request_fields.hpp - what a server adapter copies out of a request, without allocating.
//
// Adapters walk their server's header fields and feed the CORS ones here; view() then gives the
// request_view to evaluate. It holds views into the server's request, and room for the further
// Access-Control-Request-Headers lines a proxy may have split the list into.
#pragma once

#include <concepts>
#include <cstddef>
#include <span>
#include <string_view>

#include <corset/detail/ascii.hpp>
#include <corset/options/cross_origin_writes.hpp>
#include <corset/request.hpp>

namespace corset {

class request_fields {
 public:
  // Beyond this many Access-Control-Request-Headers lines the list is malformed: the reader
  // sees a line that cannot be part of one (rules 4.10 bounds the list at 8 KiB anyway).
  static constexpr std::size_t max_request_header_lines = 16;

  constexpr explicit request_fields(std::string_view method) noexcept { view_.method = method; }

  // With the request-target: the authority of an absolute-form target (`http://host:port/x`,
  // as proxies receive) stands for Host and wins over it (rules 8.3, 8.6). Not a delegating
  // constructor: g++ 12 spends 39 million instructions on one here, in every includer.
  constexpr request_fields(std::string_view method, std::string_view target) noexcept {
    view_.method = method;
    authority_ = authority_of(target);
    if (!authority_.empty()) view_.host = authority_;
  }

  // Offers one header field line; fields that neither CORS nor the cross-origin write rule read
  // are ignored.
  constexpr void add(std::string_view name, std::string_view value) noexcept {
    if (detail::iequals(name, "origin")) {
      set_once(view_.origin, value, origin_lines_);
    } else if (detail::iequals(name, "access-control-request-method")) {
      set_once(view_.request_method, value, method_lines_);
    } else if (detail::iequals(name, "access-control-request-private-network")) {
      set_once(view_.request_private_network, value, private_network_lines_);
    } else if (detail::iequals(name, "access-control-request-headers")) {
      add_request_headers_line(value);
    } else if (detail::iequals(name, "host")) {
      if (authority_.empty()) set_once(view_.host, value, host_lines_);
    } else if (detail::iequals(name, "sec-fetch-site")) {
      set_once(view_.sec_fetch_site, value, sec_fetch_site_lines_);
    } else if (detail::iequals(name, "upgrade")) {
      add_upgrade_line(value);
    }
  }

  // Views into the request, and into this object (the lines beyond the first, a joined Upgrade):
  // use them while both live. A template in name only (Line is std::string_view), so that span's
  // constructor concepts are checked where view() is called, not in every includer (see
  // decision::headers()).
  template <std::same_as<std::string_view> Line = std::string_view>
  [[nodiscard]] constexpr request_view view() const noexcept {
    request_view v = view_;
    v.more_request_headers = std::span<const Line>{more_, more_count_};
    if (upgrade_lines_ > 1) v.upgrade = joined_upgrade();
    return v;
  }

  // The authority of an absolute-form request-target (`scheme://authority/...`), or empty.
  [[nodiscard]] static constexpr std::string_view authority_of(std::string_view target) noexcept {
    std::size_t const scheme = detail::find_text(target, "://");
    if (scheme == detail::npos || scheme == 0 || detail::find_byte(target.substr(0, scheme), '/') != detail::npos)
      return {};
    std::string_view const rest = target.substr(scheme + 3);
    return rest.substr(0, detail::find_any(rest, "/?#"));
  }

  // What a field repeated on several lines reads as: HTTP would combine them with ", ", and no
  // single valid Origin, method, "true", Host or Sec-Fetch-Site contains that, so such a request
  // never matches (rules 3.6, 8.6) and is never approved.
  static constexpr std::string_view several_lines = ", ";
  // A line that no list can contain, standing for the lines beyond max_request_header_lines.
  static constexpr std::string_view too_many_lines = "<too many lines>";

 private:
  static constexpr void set_once(std::string_view& field, std::string_view value,
                                 unsigned& lines) noexcept {
    field = ++lines == 1 ? value : several_lines;
  }

  // Upgrade's lines are one list, joined with ", " here (the request holds them apart). When
  // they do not fit, the view is "websocket" if one of them asks for it, else the first line: the
  // rule asks no more of Upgrade than whether it asks for WebSocket (rules 8.2).
  constexpr void add_upgrade_line(std::string_view value) noexcept {
    websocket_asked_ = websocket_asked_ || detail::upgrades_to_websocket(value);
    if (upgrade_lines_++ == 0) {
      view_.upgrade = value;
      return;
    }
    if (upgrade_lines_ == 2) append_upgrade(view_.upgrade);
    append_upgrade(", ");
    append_upgrade(value);
  }
  constexpr void append_upgrade(std::string_view text) noexcept {
    if (upgrade_size_ + text.size() > upgrade_capacity) {
      upgrade_size_ = upgrade_capacity + 1;  // overflowed: stays so
      return;
    }
    for (char c : text) upgrade_[upgrade_size_++] = c;
  }
  [[nodiscard]] constexpr std::string_view joined_upgrade() const noexcept {
    if (upgrade_size_ <= upgrade_capacity) return {upgrade_, upgrade_size_};
    return websocket_asked_ ? std::string_view{"websocket"} : view_.upgrade;
  }

  constexpr void add_request_headers_line(std::string_view value) noexcept {
    if (request_header_lines_++ == 0) {
      view_.request_headers = value;
    } else if (more_count_ < more_lines) {
      more_[more_count_++] = value;
    } else {
      more_[more_lines - 1] = too_many_lines;
    }
  }

  // Arrays of their own rather than std::array: g++ 12 spent 10 million instructions on
  // std::array<std::string_view, 15> and its initializer here, 5 million of them in every file
  // that includes corset.hpp (other headers instantiate the rest anyway).
  static constexpr std::size_t more_lines = max_request_header_lines - 1;
  static constexpr std::size_t upgrade_capacity = 128;

  request_view view_{};
  std::string_view more_[more_lines]{};
  std::size_t more_count_ = 0;
  unsigned origin_lines_ = 0, method_lines_ = 0, private_network_lines_ = 0;
  unsigned request_header_lines_ = 0;
  unsigned host_lines_ = 0, sec_fetch_site_lines_ = 0, upgrade_lines_ = 0;
  std::string_view authority_{};
  char upgrade_[upgrade_capacity]{};
  std::size_t upgrade_size_ = 0;
  bool websocket_asked_ = false;
};

}  // namespace corset
