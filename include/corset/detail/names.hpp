// corset/detail/names.hpp - which method and header names a policy may list (rules 5.8, 5.9).
#pragma once

#include <cstddef>
#include <span>
#include <string_view>

#include <corset/detail/ascii.hpp>

namespace corset::detail {

// rules 1: CONNECT, TRACE and TRACK, in any case.
[[nodiscard]] constexpr bool is_forbidden_method(std::string_view m) noexcept {
  return iequals(m, "CONNECT") || iequals(m, "TRACE") || iequals(m, "TRACK");
}

[[nodiscard]] constexpr bool is_safelisted_method(std::string_view m) noexcept {
  return m == "GET" || m == "HEAD" || m == "POST";
}

// Methods browsers uppercase before sending; any other spelling of them never arrives.
[[nodiscard]] constexpr bool is_normalized_method(std::string_view m) noexcept {
  for (std::string_view n : {"DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT"})
    if (iequals(m, n)) return true;
  return false;
}

[[nodiscard]] constexpr bool is_forbidden_request_header(std::string_view name) noexcept {
  constexpr std::string_view forbidden[] = {
      "accept-charset", "accept-encoding", "access-control-request-headers",
      "access-control-request-method", "connection", "content-length", "cookie", "cookie2",
      "date", "dnt", "expect", "host", "keep-alive", "origin", "referer", "set-cookie", "te",
      "trailer", "transfer-encoding", "upgrade", "via"};
  for (std::string_view f : forbidden)
    if (iequals(name, f)) return true;
  return istarts_with(name, "proxy-") || istarts_with(name, "sec-");
}

// Names only a CORS response carries; a request never asks for them.
[[nodiscard]] constexpr bool is_cors_response_header(std::string_view name) noexcept {
  return istarts_with(name, "access-control-allow-") ||
         iequals(name, "access-control-expose-headers") || iequals(name, "access-control-max-age");
}

// Names only a CORS request carries; a response never exposes them.
[[nodiscard]] constexpr bool is_cors_request_header(std::string_view name) noexcept {
  return iequals(name, "origin") || istarts_with(name, "access-control-request-");
}

enum class name_mistake : unsigned char {
  none,
  method_not_a_token,
  forbidden_method,
  lowercase_method,
  duplicate_method,
  request_header_not_a_token,
  forbidden_request_header,
  cors_response_header,
  duplicate_request_header,
  exposed_header_not_a_token,
  set_cookie,
  cors_request_header,
  duplicate_exposed_header,
};

// The first bad entry of a list: its 1-based position, or 0 when all are good.
struct entry_mistake {
  std::size_t position = 0;
  name_mistake error = name_mistake::none;
};

[[nodiscard]] constexpr bool has_no_lowercase(std::string_view s) noexcept {
  for (char c : s)
    if (is_lower(c)) return false;
  return true;
}

[[nodiscard]] constexpr bool duplicate_before(std::span<std::string_view const> list,
                                              std::size_t i, bool case_sensitive) noexcept {
  for (std::size_t j = 0; j != i; ++j)
    if (case_sensitive ? list[j] == list[i] : iequals(list[j], list[i])) return true;
  return false;
}

// The first entry of `list` for which `mistake_at(list, i)` names a mistake.
template <class MistakeAt>
[[nodiscard]] constexpr entry_mistake first_mistake(std::span<std::string_view const> list,
                                                    MistakeAt mistake_at) noexcept {
  for (std::size_t i = 0; i != list.size(); ++i)
    if (name_mistake const e = mistake_at(list, i); e != name_mistake::none) return {i + 1, e};
  return {};
}

[[nodiscard]] constexpr entry_mistake check_methods(std::span<std::string_view const> list) noexcept {
  return first_mistake(list, [](auto l, std::size_t i) {
    std::string_view const m = l[i];
    if (!is_token(m)) return name_mistake::method_not_a_token;
    if (is_forbidden_method(m)) return name_mistake::forbidden_method;
    if (is_normalized_method(m) && !has_no_lowercase(m)) return name_mistake::lowercase_method;
    if (duplicate_before(l, i, true)) return name_mistake::duplicate_method;
    return name_mistake::none;
  });
}

[[nodiscard]] constexpr entry_mistake check_request_headers(
    std::span<std::string_view const> list) noexcept {
  return first_mistake(list, [](auto l, std::size_t i) {
    std::string_view const h = l[i];
    if (!is_token(h)) return name_mistake::request_header_not_a_token;
    if (is_forbidden_request_header(h)) return name_mistake::forbidden_request_header;
    if (is_cors_response_header(h)) return name_mistake::cors_response_header;
    if (duplicate_before(l, i, false)) return name_mistake::duplicate_request_header;
    return name_mistake::none;
  });
}

[[nodiscard]] constexpr entry_mistake check_exposed_headers(
    std::span<std::string_view const> list) noexcept {
  return first_mistake(list, [](auto l, std::size_t i) {
    std::string_view const h = l[i];
    if (!is_token(h)) return name_mistake::exposed_header_not_a_token;
    if (iequals(h, "set-cookie") || iequals(h, "set-cookie2")) return name_mistake::set_cookie;
    if (is_cors_request_header(h)) return name_mistake::cors_request_header;
    if (duplicate_before(l, i, false)) return name_mistake::duplicate_exposed_header;
    return name_mistake::none;
  });
}

}  // namespace corset::detail
