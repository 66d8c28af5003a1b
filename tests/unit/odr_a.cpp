#include <doctest/doctest.h>

#include "odr_policy.hpp"

corset::decision evaluate_in_a(corset::request_view const& r) { return shared_policy.evaluate(r); }

TEST_CASE("one policy in two translation units: the same decisions, the same static storage") {
  corset::request_view const r{"OPTIONS", "https://a.example.org", "PUT", "x-a"};
  corset::decision const a = evaluate_in_a(r);
  corset::decision const b = evaluate_in_b(r);
  REQUIRE(a.headers().size() == b.headers().size());
  for (std::size_t i = 0; i != a.headers().size(); ++i) {
    CHECK(a.headers()[i].name == b.headers()[i].name);
    CHECK(a.headers()[i].value == b.headers()[i].value);
    // Compile-time values live once in the program (inline variables), not once per TU.
    CHECK(a.headers()[i].value.data() == b.headers()[i].value.data());
  }
}
