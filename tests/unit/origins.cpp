// rules 3: origins are matched byte-exactly; patterns only as 3.2 and 3.3 say.
#include <string>
#include <string_view>

#include "support.hpp"

namespace {

// Few exact origins: the unrolled path.
inline constexpr corset_test::policy<corset::allow_origins<
    "https://app.example.com", "https://foo.com", "https://bar.com", "https://*.example.org",
    "http://localhost:*", "https://*.example.net:*", "https://*.example.io:8443", "http://[::1]:*",
    "http://127.0.0.1:8080", "chrome-extension://abcdefghijklmnop", "https://*.localhost",
    "http://[2001:db8::1]", "https://xn--bcher-kva.example">>
    few{};

// The same origins among more than the unrolled limit: the hash table path.
inline constexpr corset_test::policy<corset::allow_origins<
    "https://app.example.com", "https://foo.com", "https://bar.com", "https://*.example.org",
    "http://localhost:*", "https://*.example.net:*", "https://*.example.io:8443", "http://[::1]:*",
    "http://127.0.0.1:8080", "chrome-extension://abcdefghijklmnop", "https://*.localhost",
    "http://[2001:db8::1]", "https://xn--bcher-kva.example", "https://a1.example.com",
    "https://a2.example.com", "https://a3.example.com", "https://a4.example.com",
    "https://a5.example.com", "https://a6.example.com", "https://a7.example.com",
    "https://a8.example.com", "https://a9.example.com", "https://a10.example.com",
    "https://a11.example.com", "https://a12.example.com", "https://a13.example.com">>
    many{};

// Exact origins of the lengths around where compilers stop expanding a memcmp inline (32 bytes
// for clang++ 14, 64 for g++ 12; corset compares longer ones a word at a time) and past them.
inline constexpr std::string_view long_origins[] = {
    "https://aaaaaaaaaaaaa.example.com",  // 33 bytes
    "https://aaaaaaaaaaaaaaaaaaa.example.com",
    "https://aaaaaaaaaaaaaaaaaaaa.example.com",
    "https://aaaaaaaaaaaaaaaaaaaaa.example.com",
    "https://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.bb.example.com",  // 63
    "https://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.bbb.example.com",
    "https://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.bbbb.example.com",
    "https://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.bbbbbbbbbbb.example.com",
    "https://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.example.com",  // 100
};
inline constexpr corset_test::policy<corset::allow_origins<
    "https://aaaaaaaaaaaaa.example.com", "https://aaaaaaaaaaaaaaaaaaa.example.com",
    "https://aaaaaaaaaaaaaaaaaaaa.example.com", "https://aaaaaaaaaaaaaaaaaaaaa.example.com",
    "https://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.bb.example.com",
    "https://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.bbb.example.com",
    "https://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.bbbb.example.com",
    "https://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.bbbbbbbbbbb.example.com",
    "https://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.example.com">>
    long_exact{};

struct origin_case {
  std::string_view origin;
  bool allowed;
};

constexpr origin_case cases[] = {
    // 3.1: byte-exact, no normalization.
    {"https://app.example.com", true},
    {"https://APP.example.com", false},
    {"HTTPS://app.example.com", false},
    {"https://app.example.com/", false},
    {"https://app.example.com:443", false},
    {"http://app.example.com", false},
    {"https://app.example.com.", false},
    {" https://app.example.com", false},
    {"https://app.example.com ", false},
    {"https://app.example.com\r\nSet-Cookie: a=b", false},
    {"https://app.example.co", false},
    {"https://app.example.comm", false},
    {"null", false},
    {"*", false},
    {"https://xn--bcher-kva.example", true},
    {"chrome-extension://abcdefghijklmnop", true},
    {"chrome-extension://abcdefghijklmno", false},
    // 3.2: *.domain is one or more labels, never the apex, nothing smuggled.
    {"https://a.example.org", true},
    {"https://a.b.example.org", true},
    {"https://a_b.example.org", true},
    {"https://x-1.example.org", true},
    {"https://example.org", false},
    {"https://.example.org", false},
    {"https://a..example.org", false},
    {"https://a.example.org.", false},
    {"https://evil.com/.example.org", false},
    {"https://evil.com@a.example.org", false},
    {"https://evil.com?.example.org", false},
    {"https://evil.com#.example.org", false},
    {"https://evil.com:1.example.org", false},
    {"https://A.example.org", false},
    {"https://a.example.org:8443", false},
    {"https://a.example.org:443", false},
    {"http://a.example.org", false},
    {"https://a.example.org/x", false},
    {"https://a.example.orgg", false},
    {"https://a.exampleXorg", false},
    {"https://a.localhost", true},
    {"https://localhost", false},
    // 3.3: host:* is the host with any explicit non-default port, or none.
    {"http://localhost", true},
    {"http://localhost:1", true},
    {"http://localhost:3000", true},
    {"http://localhost:65535", true},
    {"http://localhost:65536", false},
    {"http://localhost:0", false},
    {"http://localhost:03000", false},
    {"http://localhost:80", false},
    {"http://localhost:", false},
    {"http://localhost:3000/", false},
    {"http://localhost:3000:3000", false},
    {"http://localhost:+300", false},
    {"http://localhostx", false},
    {"http://localhost.evil.com", false},
    {"http://a.localhost:3000", false},
    {"https://localhost:3000", false},
    {"http://[::1]", true},
    {"http://[::1]:8080", true},
    {"http://[::1]:80", false},
    {"http://[0::1]:8080", false},
    {"http://[2001:db8::1]", true},
    {"http://[2001:db8::1]:80", false},
    {"http://127.0.0.1:8080", true},
    {"http://127.0.0.1", false},
    {"http://127.0.0.1:8081", false},
    // 3.3 with 3.2: *.domain:* and *.domain:port.
    {"https://a.example.net", true},
    {"https://a.b.example.net:8443", true},
    {"https://a.example.net:443", false},
    {"https://a.example.net:0", false},
    {"https://example.net:8443", false},
    {"https://a.example.net:8443/", false},
    {"https://a.example.io:8443", true},
    {"https://a.example.io", false},
    {"https://a.example.io:8444", false},
    {"https://a.example.io:84430", false},
    // 3.4: the classic suffix and prefix bypasses.
    {"https://example.com.evil.com", false},
    {"https://app.example.com.evil.com", false},
    {"https://evilapp.example.com", false},
    {"https://barfoo.com", false},
    {"https://foobar.com", false},
    {"https://foo.com.bar.com", false},
    {"https://foo.combar.com", false},
    {"https://evilexample.org", false},
    {"https://example.org.evil.com", false},
    {"https://a.example.org.evil.com", false},
    // 3.6: several Origin lines, combined, never match.
    {"https://foo.com, https://bar.com", false},
    {"https://foo.com https://bar.com", false},
    {"https://foo.com,https://foo.com", false},
};

template <class Policy>
void check_all(Policy const& p) {
  for (origin_case const& c : cases) {
    corset::decision const d = p.evaluate({"GET", c.origin});
    INFO("origin: ", c.origin);
    CHECK(d.allowed() == c.allowed);
    if (c.allowed) {
      // 3.6: the echo is the request's own bytes, never the policy's or a rebuilt string.
      REQUIRE(d.headers().size() == 2);
      CHECK(d.headers()[0].value.data() == c.origin.data());
      CHECK(d.headers()[0].value.size() == c.origin.size());
    } else {
      CHECK(corset_test::render(d) == corset_test::headers{corset_test::vary("Origin")});
    }
  }
}

}  // namespace

TEST_CASE("rules 3: origin matching, unrolled path") { check_all(few); }
TEST_CASE("rules 3: origin matching, hash table path") {
  check_all(many);
  CHECK(many.evaluate({"GET", "https://a13.example.com"}).allowed());
  CHECK_FALSE(many.evaluate({"GET", "https://a14.example.com"}).allowed());
}

TEST_CASE("rules 3.1: an origin is compared as bytes, including NUL and high bytes") {
  using namespace std::string_view_literals;
  CHECK_FALSE(few.evaluate({"GET", "https://foo.com\0"sv}).allowed());
  CHECK_FALSE(few.evaluate({"GET", "https://foo.co\xc3\xa9"sv}).allowed());
  CHECK_FALSE(many.evaluate({"GET", "https://foo.com\0"sv}).allowed());
}

TEST_CASE("rules 3.1: a long exact origin is compared to its last byte") {
  for (std::string_view const origin : long_origins) {
    CAPTURE(origin);
    CHECK(long_exact.evaluate({"GET", origin}).allowed());
    std::string changed{origin};
    for (std::size_t i = 0; i != changed.size(); ++i) {
      changed[i] = static_cast<char>(changed[i] ^ 0x01);
      CHECK_FALSE(long_exact.evaluate({"GET", changed}).allowed());
      changed[i] = origin[i];
    }
    CHECK_FALSE(long_exact.evaluate({"GET", origin.substr(0, origin.size() - 1)}).allowed());
    CHECK_FALSE(long_exact.evaluate({"GET", changed + "m"}).allowed());
  }
}

TEST_CASE("rules 3.5: an origin no browser can send never matches a pattern") {
  // A host over 253 bytes, or a label over 63, whatever the patterns say.
  std::string labels;
  for (int i = 0; i != 200; ++i) labels += "a.";
  auto const allowed = [](std::string const& origin) {
    return few.evaluate({"GET", origin}).allowed() || many.evaluate({"GET", origin}).allowed();
  };
  auto const both = [](std::string const& origin) {
    return few.evaluate({"GET", origin}).allowed() && many.evaluate({"GET", origin}).allowed();
  };
  CHECK_FALSE(allowed("https://" + labels + "example.org"));         // a 411-byte host
  CHECK_FALSE(allowed("https://" + std::string(64, 'a') + ".example.org"));  // a 64-byte label
  CHECK(both("https://" + std::string(63, 'a') + ".example.org"));
  CHECK_FALSE(allowed("https://" + std::string(64, 'a') + ".b.example.org"));
  CHECK_FALSE(allowed("https://b." + std::string(64, 'a') + ".example.org"));
  CHECK_FALSE(allowed("https://" + std::string(64, 'a') + ".example.net:8443"));
  // 253 bytes is the longest host: labels of 63, 63, 63 and 49 bytes before ".example.org".
  std::string const longest = std::string(63, 'a') + "." + std::string(63, 'b') + "." + std::string(63, 'c') + "." +
                              std::string(49, 'd') + ".example.org";
  REQUIRE(longest.size() == 253);
  CHECK(both("https://" + longest));
  CHECK_FALSE(allowed("https://e." + longest));  // 255 bytes, every label short
  CHECK(both("https://" + longest.substr(0, 241) + ".example.net:8443"));
  CHECK_FALSE(allowed("https://x." + longest.substr(0, 241) + ".example.net:8443"));
}
