// rules 5.4-5.7: the origin validator, as a function (the same one the compile-time checks use).
#include <array>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>

#include "support.hpp"

using origin_mistake = corset::detail::mistake;
using corset::detail::origin_rules;

namespace {

// The validator's verdict on one origin.
constexpr origin_mistake check_origin(std::string_view origin, origin_rules rules) {
  return corset::detail::validate_origin(origin, rules).what;
}

struct validator_case {
  std::string_view origin;
  origin_mistake expected;
  origin_rules rules{};
};

constexpr origin_rules credentials{.credentials = true};

constexpr validator_case cases[] = {
    {"https://example.com", origin_mistake::none},
    {"https://app.example.com:8443", origin_mistake::none},
    {"http://localhost:8080", origin_mistake::none},
    {"https://*.example.com", origin_mistake::none},
    {"https://*.example.com:*", origin_mistake::none},
    {"http://localhost:*", origin_mistake::none},
    {"https://*.localhost", origin_mistake::none},
    {"http://127.0.0.1", origin_mistake::none},
    {"http://[::1]", origin_mistake::none},
    {"http://[2001:db8::1]:8080", origin_mistake::none},
    {"http://[::ffff:102:304]", origin_mistake::none},
    {"http://[1:0:0:1::1]", origin_mistake::none},
    {"http://[1::1:0:0:1]", origin_mistake::none},
    {"chrome-extension://abcdefghijklmnop", origin_mistake::none},
    {"tauri://localhost", origin_mistake::none},
    {"https://xn--bcher-kva.example", origin_mistake::none},
    {"https://under_score.example", origin_mistake::none},
    {"https://a-b.example", origin_mistake::none},
    {"https://1.2.3.example", origin_mistake::none},
    {"ws://example.com:8080", origin_mistake::none},
    // 5.4
    {"", origin_mistake::empty_origin},
    {"example.com", origin_mistake::no_scheme},
    {"//example.com", origin_mistake::no_scheme},
    {"https:example.com", origin_mistake::no_scheme},
    {"1https://example.com", origin_mistake::bad_scheme},
    {"ht_tps://example.com", origin_mistake::bad_scheme},
    {"https://example.com/", origin_mistake::has_path},
    {"https://example.com/app", origin_mistake::has_path},
    {"https://example.com?x", origin_mistake::has_path},
    {"https://example.com#x", origin_mistake::has_path},
    {"https://example.com\\x", origin_mistake::has_path},
    {"https://user@example.com", origin_mistake::has_userinfo},
    {"https://user:pw@example.com", origin_mistake::has_userinfo},
    {"HTTPS://example.com", origin_mistake::uppercase},
    {"https://Example.com", origin_mistake::uppercase},
    {"https://exa mple.com", origin_mistake::bad_host_byte},
    {"https://exa$mple.com", origin_mistake::bad_host_byte},
    {"https://example..com", origin_mistake::empty_label},
    {"https://.example.com", origin_mistake::empty_label},
    {"https://example.com.", origin_mistake::empty_label},
    {"https://", origin_mistake::empty_host},
    {"https://:8080", origin_mistake::empty_host},
    {"https://b\xc3\xbc""cher.example", origin_mistake::non_ascii},
    {"https://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.com", origin_mistake::label_too_long},
    {"https://-a.example", origin_mistake::label_hyphen},
    {"https://a-.example", origin_mistake::label_hyphen},
    {"https://example.com:0", origin_mistake::bad_port},
    {"https://example.com:65536", origin_mistake::bad_port},
    {"https://example.com:08080", origin_mistake::bad_port},
    {"https://example.com:", origin_mistake::bad_port},
    {"https://example.com:http", origin_mistake::bad_port},
    {"https://example.com:443", origin_mistake::default_port},
    {"http://example.com:80", origin_mistake::default_port},
    {"wss://example.com:443", origin_mistake::default_port},
    {"http://127.1", origin_mistake::ipv4_not_serialized},
    {"http://010.0.0.1", origin_mistake::ipv4_not_serialized},
    {"http://0x7f.0.0.1", origin_mistake::ipv4_not_serialized},
    {"http://2130706433", origin_mistake::ipv4_not_serialized},
    {"http://256.0.0.1", origin_mistake::ipv4_invalid},
    {"http://1.2.3.4.5", origin_mistake::ipv4_invalid},
    {"http://example.123", origin_mistake::ipv4_invalid},
    {"http://[0:0:0:0:0:0:0:1]", origin_mistake::ipv6_not_serialized},
    {"http://[::0001]", origin_mistake::ipv6_not_serialized},
    {"http://[2001:DB8::1]", origin_mistake::uppercase},
    {"http://[2001:db8:0:0:1:0:0:1]", origin_mistake::ipv6_not_serialized},
    {"http://[::ffff:1.2.3.4]", origin_mistake::ipv6_not_serialized},
    {"http://[::1%eth0]", origin_mistake::ipv6_zone},
    {"http://[::1", origin_mistake::ipv6_invalid},
    {"http://[:::1]", origin_mistake::ipv6_invalid},
    {"http://[1:2:3:4:5:6:7:8:9]", origin_mistake::ipv6_invalid},
    {"http://[::1]x", origin_mistake::ipv6_invalid},
    // 5.5
    {"null", origin_mistake::opaque_null},
    {"file://", origin_mistake::file_scheme},
    {"file:///home", origin_mistake::file_scheme},
    {"*", origin_mistake::lone_star},
    // 5.6
    {"https://a.*.example.com", origin_mistake::misplaced_wildcard},
    {"https://*example.com", origin_mistake::misplaced_wildcard},
    {"https://*", origin_mistake::misplaced_wildcard},
    {"https://example.com:8*", origin_mistake::misplaced_wildcard},
    {"*://example.com", origin_mistake::bad_scheme},
    {"https://*.*.example.com", origin_mistake::misplaced_wildcard},
    {"https://*.com", origin_mistake::wildcard_single_label},
    {"https://*.127.0.0.1", origin_mistake::wildcard_over_ip},
    {"https://*.[::1]", origin_mistake::wildcard_over_ip},
    {"https://*.[::1]:*", origin_mistake::wildcard_over_ip},
    // 5.7
    {"http://example.com", origin_mistake::insecure_with_credentials, credentials},
    {"http://localhost:8080", origin_mistake::none, credentials},
    {"http://*.localhost", origin_mistake::none, credentials},
    {"http://127.0.0.2:8080", origin_mistake::none, credentials},
    {"http://[::1]:8080", origin_mistake::none, credentials},
    {"http://localhost.evil.com", origin_mistake::insecure_with_credentials, credentials},
    {"ws://example.com", origin_mistake::none, credentials},
    {"http://example.com", origin_mistake::none, {.credentials = true, .insecure_origins = true}},
    {"https://*.github.io", origin_mistake::public_suffix_with_credentials, credentials},
    {"https://*.co.uk", origin_mistake::public_suffix_with_credentials, credentials},
    {"https://*.example.co.uk", origin_mistake::none, credentials},
    {"https://*.github.io", origin_mistake::none, {.credentials = true, .public_suffix_wildcards = true}},
    {"https://*.github.io", origin_mistake::none},
};

}  // namespace

TEST_CASE("rules 5.4-5.7: the origin validator") {
  for (validator_case const& c : cases) {
    INFO("origin: ", c.origin);
    CHECK(static_cast<int>(check_origin(c.origin, c.rules)) == static_cast<int>(c.expected));
  }
}

TEST_CASE("rules 5.7: every listed public suffix, and only those, is one") {
  using corset::detail::is_public_suffix;
  for (auto const& row : corset::detail::public_suffixes) {
    std::string const suffix = row;
    INFO("suffix: ", suffix);
    CHECK(is_public_suffix(suffix));
    CHECK_FALSE(is_public_suffix(suffix.substr(0, suffix.size() - 1)));  // a prefix of a row
    CHECK_FALSE(is_public_suffix(suffix.substr(1)));                     // a suffix of a row
    CHECK_FALSE(is_public_suffix(suffix + "x"));                         // a row as a prefix
    CHECK_FALSE(is_public_suffix("x" + suffix));
    CHECK_FALSE(is_public_suffix("a." + suffix));                        // a site under one
    CHECK_FALSE(is_public_suffix(std::string_view{suffix.data(), suffix.size() + 1}));  // its NUL too
  }
  CHECK_FALSE(is_public_suffix(""));
  CHECK_FALSE(is_public_suffix(std::string(40, 'a')));
  static_assert(is_public_suffix("github.io") && is_public_suffix("eu.org") && !is_public_suffix("example.com"));
}

TEST_CASE("the one-pass check for plain origins never accepts what the full parser refuses") {
  constexpr std::string_view plain_looking[] = {
      "https://a.0x1f", "https://a.1", "https://1.2.3.4", "https://a-", "https://-a", "https://a..b",
      "https://a.", "https://.a", "http://localhost:80", "https://a.com:65535", "https://a.com:65536",
      "https://a.com:065", "https://a.com:443", "https://a.com:", "https://a.com:1:2", "http://x.com",
      "https://a_b.com", "https://A.com", "https://a.com/", "https://a.com:99999", "https://0x.com",
      "https://a.0x", "https://a.09", "https://", "http://", "https://a",
  };
  origin_rules const rule_sets[] = {{}, credentials, {.credentials = true, .insecure_origins = true}};
  auto agree = [](std::string_view origin, origin_rules rules) {
    INFO("origin: ", origin, " credentials: ", rules.credentials);
    corset::detail::origin_parts parts{};
    if (corset::detail::is_plain_origin(origin, rules))
      CHECK(corset::detail::parse_origin(origin, rules, parts) == origin_mistake::none);
  };
  for (origin_rules const& rules : rule_sets) {
    for (std::string_view o : plain_looking) agree(o, rules);
    for (validator_case const& c : cases) agree(c.origin, rules);
  }
  CHECK(corset::detail::is_plain_origin("https://app.example.com:8443", {}));
  CHECK_FALSE(corset::detail::is_plain_origin("http://localhost", credentials));  // left to the parser
}

namespace {

// An origin as fixed_string holds it at compile time: its bytes, a NUL, zeros to whole words.
struct padded_words {
  std::array<std::uint64_t, 40> words{};
  explicit padded_words(std::string_view s) {
    for (std::size_t i = 0; i != s.size(); ++i)
      words[i / 8] |= std::uint64_t{static_cast<unsigned char>(s[i])} << (8 * (i % 8));
  }
};

// The word-at-a-time check and hash used for policies' origins must say exactly what the
// byte-wise ones say, on every input: the corpus above, and random strings near its shape.
bool expect_same_words_answers(std::string_view s, origin_rules rules) {
  INFO("origin: ", s, " credentials: ", rules.credentials, " insecure: ", rules.insecure_origins);
  padded_words const w{s};
  bool const plain = corset::detail::is_plain_origin(s, rules);
  CHECK(corset::detail::is_plain_origin_words(w.words, s.size(), rules) == plain);
  CHECK(corset::detail::hash_words(w.words, s.size()) == corset::detail::hash_bytes(s));
  return plain;
}

}  // namespace

// The word-at-a-time check carries what a word's last byte was (a label's end, a hyphen) into
// the next word: every label rule, with the bytes it concerns at every offset of a word.
TEST_CASE("origins read a word at a time: each label rule across every word boundary") {
  origin_rules const rule_sets[] = {{}, credentials, {.credentials = true, .insecure_origins = true}};
  constexpr std::string_view shapes[] = {
      "-.com",  "-:8080", ".-b.com", "..com", ".:8080", "-",   ".",       ":-1", "-b.com",
      "b.com",  ":8080",  ".com-",   "-.b",   ".0x1",   ".12", ".b12:80", "::1", ".com.",
      ":8.0",   ".b:80.", ".12:80",
  };
  int plain = 0;
  for (std::string_view scheme : {"https://", "http://"})
    for (std::size_t run = 0; run != 24; ++run)
      for (std::string_view shape : shapes) {
        std::string const s = std::string(scheme) + std::string(run, 'a') + std::string(shape);
        for (origin_rules const& rules : rule_sets) plain += expect_same_words_answers(s, rules) ? 1 : 0;
      }
  CHECK(plain > 100);
}

TEST_CASE("origins read a word at a time: the same verdict and hash as byte by byte") {
  origin_rules const rule_sets[] = {{}, credentials, {.credentials = true, .insecure_origins = true}};
  for (origin_rules const& rules : rule_sets)
    for (validator_case const& c : cases) expect_same_words_answers(c.origin, rules);
  // Random strings built from the bytes that matter to the check, around the lengths where
  // words begin and end (63-byte labels, 253-byte hosts, 5-digit ports).
  using namespace std::string_view_literals;
  constexpr std::string_view alphabet = "abz09-.:_A/\x80\0"sv;  // a NUL too: no origin holds one
  constexpr std::string_view prefixes[] = {"https://", "http://", "http:/", "https:", "ws://", ""};
  corset_test::xorshift next;
  std::string s;
  int plain = 0;
  for (int round = 0; round != 20000; ++round) {
    s = prefixes[next() % std::size(prefixes)];
    std::size_t const length = next() % 3 == 0 ? next() % 300 : next() % 40;
    for (std::size_t i = 0; i != length && s.size() < 310; ++i) {
      std::uint64_t const r = next();
      // Mostly letters, so that long valid hosts and labels occur.
      s += r % 4 != 0 ? static_cast<char>('a' + (r >> 8) % 26) : alphabet[(r >> 8) % alphabet.size()];
    }
    if (next() % 4 == 0) s += ":" + std::to_string(next() % 70000);
    for (origin_rules const& rules : rule_sets) plain += expect_same_words_answers(s, rules) ? 1 : 0;
  }
  CHECK(plain > 1500);  // the corpus reaches the accepting paths, not only the refusals
}
