// corset/request.hpp - what corset needs to know about a request.
#pragma once

#include <span>
#include <string_view>

namespace corset {

// The request fields that CORS and the cross-origin write rule look at, as views into the
// server's request. An absent header is an empty view. Aggregate, so that
// `request_view{method, origin, acrm, acrh, acrpn}` and designated initialisers
// (`{.method = "POST", .origin = "https://app.example.com", .sec_fetch_site = "same-site"}`) work.
struct request_view {
  std::string_view method{};                   // the request method, byte-exact
  std::string_view origin{};                   // Origin
  std::string_view request_method{};           // Access-Control-Request-Method
  std::string_view request_headers{};          // the first Access-Control-Request-Headers line
  std::string_view request_private_network{};  // Access-Control-Request-Private-Network
  // Further Access-Control-Request-Headers lines, when a proxy split the list (rules 4.10).
  std::span<const std::string_view> more_request_headers{};
  // rules 8.6, for the cross-origin write rule: Host (or the authority of an absolute-form
  // request-target, which wins), Sec-Fetch-Site, and the Upgrade field's lines joined with ", ".
  // Several Host or Sec-Fetch-Site lines never match anything.
  std::string_view host{};
  std::string_view sec_fetch_site{};
  std::string_view upgrade{};
};

// rules 2: how a request is classified.
enum class request_kind : unsigned char { not_cors, actual, preflight };

// The enumerator's own spelling (`preflight`), for structured logs and metric labels.
[[nodiscard]] constexpr std::string_view to_string(request_kind kind) noexcept {
  switch (kind) {
    case request_kind::not_cors: return "not_cors";
    case request_kind::actual: return "actual";
    case request_kind::preflight: return "preflight";
  }
  return {};  // not an enumerator
}

}  // namespace corset
