// expect: corset: an origin has a path
// A canary: this policy is valid, so "must not compile" fails (its test has WILL_FAIL set).
#include <corset/corset.hpp>

constexpr corset::policy<corset::allow_origins<"https://app.example.com">> p{};
