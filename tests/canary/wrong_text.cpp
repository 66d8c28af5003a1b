// expect: corset: this text appears in no diagnostic
// A canary: the harness must report this file as failing (its test has WILL_FAIL set), which
// proves that a wrong diagnostic text is caught.
#include <corset/corset.hpp>

constexpr corset::policy<corset::allow_origins<"https://app.example.com/">> p{};
