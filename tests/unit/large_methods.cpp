// rules 5.13: 256 methods compile at the default limits and decide as short lists do.
#include <string>

#include <doctest/doctest.h>

#define CORSET_LARGE_METHODS
#include "large_lists.hpp"

TEST_CASE("rules 5.13: 256 methods, every one found, byte-exact") {
  auto const verdict = [](std::string const& m) {
    return large::methods.evaluate({"OPTIONS", "https://app.example.com", m}).reason();
  };
  for (int i = 1; i <= 256; ++i) CHECK(verdict("M" + std::to_string(i)) == corset::reason::none);
  CHECK(verdict("M0") == corset::reason::method_not_allowed);
  CHECK(verdict("M257") == corset::reason::method_not_allowed);
  CHECK(verdict("m1") == corset::reason::method_not_allowed);
  CHECK(verdict("GET") == corset::reason::none);
  CHECK(verdict("PUT") == corset::reason::method_not_allowed);
  static_assert(large::methods.evaluate({"OPTIONS", "https://app.example.com", "M256"}).allowed());
}
