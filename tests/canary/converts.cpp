// A canary: this file compiles clean under -Wall -Wextra -Wpedantic, and with one warning (a
// signed value converted to an unsigned one) under the strict set, so the strict check fails on
// it (its test has WILL_FAIL set): the strict flags are in force.
#include <corset/corset.hpp>

#include <cstddef>

inline constexpr corset::policy<corset::allow_origins<"https://app.example.com">> api{};

std::size_t status_of(corset::request_view const& r);
std::size_t status_of(corset::request_view const& r) {
  int const status = api.evaluate(r).status();
  return status;
}
