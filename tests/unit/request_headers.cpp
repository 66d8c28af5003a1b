// rules 4.10: Access-Control-Request-Headers is read strictly, in bounded linear work.
#include <string>
#include <string_view>
#include <vector>

#include "support.hpp"

using corset::reason;

namespace {

inline constexpr corset_test::policy<corset::allow_origins<"https://app.example.com">,
                                corset::allow_headers<"content-type", "x-a", "x-b", "Authorization">>
    listed{};

inline constexpr corset_test::policy<corset::allow_origins<"https://app.example.com">, corset::allow_any_header>
    any{};

inline constexpr corset_test::policy<corset::allow_origins<"https://app.example.com">, corset::allow_any_header,
                                corset::allow_credentials>
    echoing{};

template <class Policy>
reason verdict(Policy const& p, std::string_view acrh, std::vector<std::string_view> const& more = {}) {
  return p.evaluate({"OPTIONS", "https://app.example.com", "POST", acrh, "", more}).reason();
}

struct header_case {
  std::string_view acrh;
  reason expected;
};

}  // namespace

TEST_CASE("rules 4.10: well-formed lists") {
  header_case const cases[] = {
      {"content-type", reason::none},
      {"content-type,x-a", reason::none},
      {"authorization,content-type,x-a,x-b", reason::none},
      {"Content-Type,X-A", reason::none},  // any case
      {"AUTHORIZATION,content-type", reason::none},
      {"content-type, x-a", reason::none},
      {"content-type ,  x-a", reason::none},
      {"  content-type  ,  x-a  ", reason::none},
      {"\tx-a\t", reason::none},
      {",x-a", reason::none},
      {"x-a,", reason::none},
      {"x-a,,x-b", reason::none},
      {"x-a, ,x-b", reason::none},
      {"x-a,     ,x-b", reason::none},  // an element of only spaces is empty, whatever its width
      {",,,,,,,,,,,,,,,,x-a", reason::none},  // 16 empty elements
      {"x-c", reason::header_not_allowed},
      {"content-type,x-c", reason::header_not_allowed},
      {"x-0", reason::header_not_allowed},
      {"content-typ", reason::header_not_allowed},
      {"authorization", reason::none},
      // Longer than the longest allowed name: a header the policy forgot, refused by its length
      // without being compared (rules 4.10), and said to be not allowed, not malformed.
      {"authorization-x", reason::header_not_allowed},
      {"x-a,x-requested-with", reason::header_not_allowed},
      {"content-type-and-more,x-a", reason::header_not_allowed},
      {"x-requested-with", reason::header_not_allowed},
  };
  for (auto const& c : cases) {
    INFO("ACRH: [", c.acrh, "]");
    CHECK(corset_test::name(verdict(listed, c.acrh)) == std::string{corset_test::name(c.expected)});
  }
}

TEST_CASE("rules 4.10: malformed lists fail the preflight") {
  header_case const cases[] = {
      {"x-a,content-type", reason::malformed_request_headers},  // not ascending
      {"x-a,X-A", reason::malformed_request_headers},           // duplicate, compared lowercase
      {"x-a,x-a", reason::malformed_request_headers},
      {"x-c,x-c", reason::malformed_request_headers},  // malformed wins over not allowed
      {"x-c,x-a", reason::malformed_request_headers},
      {"content-type,   x-a", reason::malformed_request_headers},  // 3 spaces before a name
      {"x-a   ", reason::malformed_request_headers},                // 3 after
      {" \t x-a", reason::malformed_request_headers},
      {",,,,,,,,,,,,,,,,,x-a", reason::malformed_request_headers},  // 17 empty elements
      {"x-a x-b", reason::malformed_request_headers},
      {"x-a;x-b", reason::malformed_request_headers},
      {"x-a\r\nx-b", reason::malformed_request_headers},
      {"x-\xc3\xa9", reason::malformed_request_headers},
      {"(x-a)", reason::malformed_request_headers},
      // A name longer than the longest allowed one is refused by its length (header_not_allowed,
      // below), but malformation anywhere in the list still wins.
      {"x-b,content-type-and-more", reason::malformed_request_headers},
      {"content-type-and-more,x-a x", reason::malformed_request_headers},
      {"content-type-and-more   ", reason::malformed_request_headers},
  };
  for (auto const& c : cases) {
    INFO("ACRH: [", c.acrh, "]");
    CHECK(corset_test::name(verdict(listed, c.acrh)) == std::string{corset_test::name(c.expected)});
  }
}

TEST_CASE("rules 4.10: size bounds") {
  // Names up to 256 bytes under allow_any_header.
  std::string const name256 = "x" + std::string(255, 'a');
  CHECK(verdict(any, name256) == reason::none);
  CHECK(verdict(any, name256 + "a") == reason::header_not_allowed);  // longer: refused by its length
  // 8 KiB over all lines, joiners not counted.
  std::string list;
  // Appended piece by piece: g++ 12 at -O3 warns (-Wrestrict) on "x-" + std::to_string(i).
  for (int i = 1000; list.size() + 7 <= 8192; ++i) (list += list.empty() ? "x-" : ",x-") += std::to_string(i);
  list += std::string(8192 - list.size(), 'z');  // the last name grows to fill 8 KiB exactly
  REQUIRE(list.size() == 8192);
  CHECK(verdict(any, list) == reason::none);
  std::size_t const cut = list.find(',', 4000);
  CHECK(verdict(any, list.substr(0, cut), {list.substr(cut + 1)}) == reason::none);
  CHECK(verdict(any, "," + list) == reason::malformed_request_headers);
  CHECK(verdict(any, list.substr(0, 4096), {list.substr(4095)}) == reason::malformed_request_headers);
  std::string const over(8193, ',');
  CHECK(verdict(any, over) == reason::malformed_request_headers);
  std::string const half(4097, ' ');
  CHECK(verdict(any, half, {half}) == reason::malformed_request_headers);
  CHECK(verdict(any, std::string(std::size_t{64} * 1024, ' ')) == reason::malformed_request_headers);
}

TEST_CASE("rules 4.10: several lines are one list, in order, and empty lines are ignored") {
  CHECK(verdict(listed, "content-type", {"x-a", "x-b"}) == reason::none);
  CHECK(verdict(listed, "", {"", "content-type", "", "x-a"}) == reason::none);
  CHECK(verdict(listed, "x-a", {"content-type"}) == reason::malformed_request_headers);
  CHECK(verdict(listed, "x-a", {"x-a"}) == reason::malformed_request_headers);
  CHECK(verdict(listed, "x-a", {"x-c"}) == reason::header_not_allowed);
  CHECK(verdict(listed, "x-a", {"x-b ,"}) == reason::none);
  CHECK(verdict(listed, "x-a", {"x-b x"}) == reason::malformed_request_headers);
}

TEST_CASE("rules 4.10: request_fields keeps 16 lines of the list, and a 17th makes it malformed") {
  static_assert(corset::request_fields::max_request_header_lines == 16);
  std::vector<std::string> names;  // x-00 to x-16: a browser sends the names sorted
  for (int i = 0; i != 17; ++i) names.push_back((i < 10 ? "x-0" : "x-") + std::to_string(i));
  corset::request_fields fields{"OPTIONS"};
  fields.add("Origin", "https://app.example.com");
  fields.add("Access-Control-Request-Method", "POST");
  for (std::size_t i = 0; i != 16; ++i) fields.add("Access-Control-Request-Headers", names[i]);
  corset::request_view const kept = fields.view();
  CHECK(kept.request_headers == "x-00");
  REQUIRE(kept.more_request_headers.size() == 15);
  for (std::size_t i = 0; i != 15; ++i) CHECK(kept.more_request_headers[i] == names[i + 1]);
  CHECK(any.evaluate(kept).reason() == reason::none);
  fields.add("Access-Control-Request-Headers", names[16]);
  corset::request_view const over = fields.view();
  REQUIRE(over.more_request_headers.size() == 15);
  CHECK(over.more_request_headers[14] == corset::request_fields::too_many_lines);
  CHECK(any.evaluate(over).reason() == reason::malformed_request_headers);
}

TEST_CASE("rules 4.10: a list with no names counts as absent") {
  for (std::string_view acrh : {",", " , ", ",,,", "\t"}) {
    corset::decision const d = listed.evaluate({"OPTIONS", "https://app.example.com", "POST", acrh});
    CHECK(d.allowed());
    CHECK(d["Access-Control-Allow-Headers"].empty());
  }
  std::string_view const blank[] = {"", ""};
  corset::decision const d = listed.evaluate({"OPTIONS", "https://app.example.com", "POST", "", "", blank});
  CHECK(d.allowed());
  CHECK(d["Access-Control-Allow-Headers"].empty());
}

TEST_CASE("rules 4.9, 4.10: echoed lines are bounded") {
  std::vector<std::string> names;
  for (int i = 0; i != 9; ++i) names.push_back("x-" + std::to_string(i));
  std::vector<std::string_view> more(names.begin() + 1, names.begin() + 8);
  auto const d = echoing.evaluate({"OPTIONS", "https://app.example.com", "POST", names[0], "", more});
  CHECK(d.allowed());
  CHECK(d.headers().size() == 2 + 8 + 1);
  more.push_back(names[8]);
  CHECK(verdict(echoing, names[0], more) == reason::malformed_request_headers);
  // The same nine lines are fine where nothing is echoed.
  CHECK(verdict(any, names[0], more) == reason::none);
}

TEST_CASE("rules 4.10: without allow_headers, every name is longer than the longest allowed name") {
  // The longest allowed name has 0 bytes here, so any requested name is refused by its length
  // (not allowed); a malformed list is still malformed, and a list with no names is absent.
  constexpr corset_test::policy<corset::allow_origins<"https://app.example.com">> none{};
  CHECK(verdict(none, "x-a") == reason::header_not_allowed);
  CHECK(verdict(none, "x-b,x-a") == reason::malformed_request_headers);
  CHECK(verdict(none, " , ") == reason::none);
  CHECK(verdict(none, "") == reason::none);
}
