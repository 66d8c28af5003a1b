// corset/detail/names.hpp - which method and header names a policy may list (rules 5.8, 5.9,
// 5.11), checked one name at a time and, for duplicates, one hash-table probe a name.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <corset/detail/ascii.hpp>
#include <corset/detail/hash_table.hpp>
#include <corset/detail/mistakes.hpp>
#include <corset/detail/option.hpp>
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
  using namespace std::string_view_literals;  // a literal's length without measuring it (clang 14)
  constexpr std::string_view forbidden[] = {
      "accept-charset"sv, "accept-encoding"sv, "access-control-request-headers"sv,
      "access-control-request-method"sv, "connection"sv, "content-length"sv, "cookie"sv,
      "cookie2"sv, "date"sv, "dnt"sv, "expect"sv, "host"sv, "keep-alive"sv, "origin"sv, "referer"sv,
      "set-cookie"sv, "te"sv, "trailer"sv, "transfer-encoding"sv, "upgrade"sv, "via"sv};
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

[[nodiscard]] constexpr bool has_no_lowercase(std::string_view s) noexcept {
  for (char c : s)
    if (is_lower(c)) return false;
  return true;
}

// --- one name on its own (rules 5.8, 5.9, 5.11) --------------------------------------------------

[[nodiscard]] constexpr mistake method_mistake(std::string_view m) noexcept {
  if (m == "*") return mistake::method_wildcard;
  if (!is_token(m)) return mistake::method_not_a_token;
  if (is_forbidden_method(m)) return mistake::forbidden_method;
  if (is_normalized_method(m) && !has_no_lowercase(m)) return mistake::lowercase_method;
  return mistake::none;
}

[[nodiscard]] constexpr mistake request_header_mistake(std::string_view h) noexcept {
  if (h == "*") return mistake::request_header_wildcard;
  if (!is_token(h)) return mistake::request_header_not_a_token;
  if (is_forbidden_request_header(h)) return mistake::forbidden_request_header;
  if (is_cors_response_header(h)) return mistake::cors_response_header;
  return mistake::none;
}

[[nodiscard]] constexpr mistake exposed_header_mistake(std::string_view h) noexcept {
  if (h == "*") return mistake::exposed_header_wildcard;
  if (!is_token(h)) return mistake::exposed_header_not_a_token;
  if (iequals(h, "set-cookie") || iequals(h, "set-cookie2")) return mistake::set_cookie;
  if (is_cors_request_header(h)) return mistake::cors_request_header;
  return mistake::none;
}

// What a list check needs of one entry, computed once per name in a variable template (each
// has its own constexpr budget, so that lists of a thousand names compile).
struct name_facts {
  mistake what = mistake::none;
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
[[nodiscard]] constexpr diagnosis first_mistake(std::array<std::string_view, N> const& names,
                                                std::array<name_facts, N> const& facts, mistake duplicate) noexcept {
  open_table<std::array<table_slot, table_capacity(N)>> seen{{}};
  for (std::size_t i = 0; i != N; ++i) {
    if (facts[i].what != mistake::none) return {facts[i].what, i + 1};
    auto const same = [&](std::size_t at) {
      return Case == key_case::folded ? iequals(names[at], names[i]) : names[at] == names[i];
    };
    if (seen.insert(facts[i].hash, i, same, [&facts](std::size_t at) { return facts[at].hash; }) != 0)
      return {duplicate, i + 1};
  }
  return {};
}

}  // namespace corset::detail
