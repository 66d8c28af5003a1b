// corset/detail/names.hpp - which method and header names a policy may list (rules 5.8, 5.9).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <corset/detail/ascii.hpp>
#include <corset/detail/hash_table.hpp>
#include <corset/fixed_string.hpp>

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
  method_wildcard,
  request_header_wildcard,
  exposed_header_wildcard,
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

// --- one name on its own (rules 5.8, 5.9, 5.11) --------------------------------------------------

[[nodiscard]] constexpr name_mistake method_mistake(std::string_view m) noexcept {
  if (m == "*") return name_mistake::method_wildcard;
  if (!is_token(m)) return name_mistake::method_not_a_token;
  if (is_forbidden_method(m)) return name_mistake::forbidden_method;
  if (is_normalized_method(m) && !has_no_lowercase(m)) return name_mistake::lowercase_method;
  return name_mistake::none;
}

[[nodiscard]] constexpr name_mistake request_header_mistake(std::string_view h) noexcept {
  if (h == "*") return name_mistake::request_header_wildcard;
  if (!is_token(h)) return name_mistake::request_header_not_a_token;
  if (is_forbidden_request_header(h)) return name_mistake::forbidden_request_header;
  if (is_cors_response_header(h)) return name_mistake::cors_response_header;
  return name_mistake::none;
}

[[nodiscard]] constexpr name_mistake exposed_header_mistake(std::string_view h) noexcept {
  if (h == "*") return name_mistake::exposed_header_wildcard;
  if (!is_token(h)) return name_mistake::exposed_header_not_a_token;
  if (iequals(h, "set-cookie") || iequals(h, "set-cookie2")) return name_mistake::set_cookie;
  if (is_cors_request_header(h)) return name_mistake::cors_request_header;
  return name_mistake::none;
}

// What a list check needs of one entry, computed once per name in a variable template (each
// has its own constexpr budget, so that lists of a thousand names compile).
struct name_facts {
  name_mistake mistake = name_mistake::none;
  std::uint64_t hash = 0;  // of the name, ASCII case folded where the list ignores case
};

template <fixed_string Name>
inline constexpr name_facts request_header_facts{request_header_mistake(Name.view()),
                                                 hash_bytes<key_case::folded>(Name.view())};
template <fixed_string Name>
inline constexpr name_facts exposed_header_facts{exposed_header_mistake(Name.view()),
                                                 hash_bytes<key_case::folded>(Name.view())};
template <class Method>
inline constexpr name_facts method_facts{method_mistake(Method::name), hash_bytes(Method::name)};

// The first entry of a list with a mistake of its own or equal to an earlier one (compared as
// `Case` says): one pass, one hash-table probe per name, never name against name.
template <key_case Case, std::size_t N>
[[nodiscard]] constexpr entry_mistake first_mistake(std::array<std::string_view, N> const& names,
                                                    std::array<name_facts, N> const& facts,
                                                    name_mistake duplicate) noexcept {
  open_table<std::array<table_slot, table_capacity(N)>> seen{{}};
  for (std::size_t i = 0; i != N; ++i) {
    if (facts[i].mistake != name_mistake::none) return {i + 1, facts[i].mistake};
    auto const same = [&](std::size_t at) {
      return Case == key_case::folded ? iequals(names[at], names[i]) : names[at] == names[i];
    };
    if (seen.insert(facts[i].hash, i, same) != 0) return {i + 1, duplicate};
  }
  return {};
}

}  // namespace corset::detail
