// A canary: this file compiles, with one warning (an unused variable), so the warning check fails
// on it (its test has WILL_FAIL set). Without the variable it compiles clean at every level.
#include <corset/corset.hpp>

inline constexpr corset::policy<corset::allow_origins<"https://app.example.com">> api{};

corset::decision decide(corset::request_view const& r) {
  int unused = 0;
  return api.evaluate(r);
}
