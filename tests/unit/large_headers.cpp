// rules 5.13: 1024 allowed and 1024 exposed header names compile at the default limits and
// decide as short lists do (the names past the first 16 are found through a hash table).
#include <string>

#include <doctest/doctest.h>

#define CORSET_LARGE_HEADERS
#include "large_lists.hpp"

namespace {
corset::decision preflight(std::string_view acrh) {
  return large::headers.evaluate({"OPTIONS", "https://app.example.com", "POST", acrh});
}
}  // namespace

TEST_CASE("rules 5.13: 1024 allowed header names, every one found, nothing else") {
  for (int i = 1; i <= 1024; ++i) {
    std::string const digits = std::to_string(i);
    std::string name = "x-h";
    name.append(4 - digits.size(), '0').append(digits);
    INFO(name);
    CHECK(preflight(name).allowed());
    for (char& c : name) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
    CHECK(preflight(name).allowed());  // names ignore case
  }
  CHECK(preflight("x-h0001,x-h0017,x-h0512,x-h1024").allowed());
  CHECK(preflight("x-h0000").reason() == corset::reason::header_not_allowed);
  CHECK(preflight("x-h1025").reason() == corset::reason::header_not_allowed);
  CHECK(preflight("x-h0001,x-h10245").reason() == corset::reason::header_not_allowed);  // longer than any
  CHECK(preflight("x-e0001").reason() == corset::reason::header_not_allowed);  // exposed, not allowed
  CHECK(preflight("x-h0002,x-h0001").reason() == corset::reason::malformed_request_headers);
  std::string_view const value = preflight("x-h0001")["Access-Control-Allow-Headers"];
  CHECK(value.size() == 1024 * 8 - 1);
  CHECK(value.substr(0, 16) == "x-h0001,x-h0002,");
  CHECK(value.substr(value.size() - 8) == ",x-h1024");
}

TEST_CASE("rules 5.13: 1024 exposed header names, joined at compile time") {
  corset::decision const d = large::headers.evaluate({"GET", "https://app.example.com"});
  std::string_view const value = d["Access-Control-Expose-Headers"];
  CHECK(value.size() == 1024 * 8 - 1);
  CHECK(value.substr(0, 8) == "x-e0001,");
  CHECK(value.substr(value.size() - 7) == "x-e1024");
}
