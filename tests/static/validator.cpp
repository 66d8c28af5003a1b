// The validator and its parts run at compile time.
#include <corset/detail/origin_syntax.hpp>

namespace {
using origin_mistake = corset::detail::mistake;

constexpr origin_mistake check_origin(std::string_view origin, corset::detail::origin_rules rules) {
  return corset::detail::validate_origin(origin, rules).what;
}

static_assert(check_origin("https://app.example.com", {}) == origin_mistake::none);
static_assert(check_origin("http://127.1", {}) == origin_mistake::ipv4_not_serialized);
static_assert(check_origin("http://[0:0::1]", {}) == origin_mistake::ipv6_not_serialized);
static_assert(check_origin("http://example.com", {.credentials = true}) ==
              origin_mistake::insecure_with_credentials);

constexpr bool ipv6_round_trip(std::string_view in, std::string_view out) {
  std::uint16_t pieces[8]{};
  if (!corset::detail::parse_ipv6(in, pieces)) return false;
  char text[41]{};
  return std::string_view{text, corset::detail::serialize_ipv6(pieces, text)} == out;
}
static_assert(ipv6_round_trip("::1", "[::1]"));
static_assert(ipv6_round_trip("::", "[::]"));
static_assert(ipv6_round_trip("1::", "[1::]"));
static_assert(ipv6_round_trip("0:0:0:0:0:0:0:1", "[::1]"));
static_assert(ipv6_round_trip("2001:DB8:0:0:1:0:0:1", "[2001:db8::1:0:0:1]"));
static_assert(ipv6_round_trip("1:0:0:2:0:0:0:3", "[1:0:0:2::3]"));
static_assert(ipv6_round_trip("::ffff:1.2.3.4", "[::ffff:102:304]"));
static_assert(ipv6_round_trip("1:2:3:4:5:6:7:8", "[1:2:3:4:5:6:7:8]"));
static_assert(ipv6_round_trip("1:2:3:4:5:6::8", "[1:2:3:4:5:6:0:8]"));
static_assert(!ipv6_round_trip("1:2:3:4:5:6:7:8:9", ""));
static_assert(!ipv6_round_trip("1::2::3", ""));
static_assert(!ipv6_round_trip("12345::", ""));
static_assert(!ipv6_round_trip("::1.2.3", ""));
static_assert(!ipv6_round_trip("::01.2.3.4", ""));

constexpr bool ipv4(std::string_view in, std::string_view out) {
  std::uint32_t a = 0;
  if (!corset::detail::parse_ipv4(in, a)) return false;
  char text[16]{};
  return std::string_view{text, corset::detail::serialize_ipv4(a, text)} == out;
}
static_assert(ipv4("127.1", "127.0.0.1"));
static_assert(ipv4("0x7f.1", "127.0.0.1"));
static_assert(ipv4("010.0.0.1", "8.0.0.1"));
static_assert(ipv4("2130706433", "127.0.0.1"));
static_assert(ipv4("255.255.255.255", "255.255.255.255"));
static_assert(!ipv4("256.0.0.1", ""));
static_assert(!ipv4("1.2.3.4.5", ""));
static_assert(!ipv4("4294967296", ""));
}  // namespace
