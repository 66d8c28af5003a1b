// expect: corset: dangerously_allow_insecure_origins appears twice
// rules 5.2. Compiled by cmake/check_diagnostic.cmake: as is, it must fail with exactly one
// error whose line says the text above; with CORSET_TWIN defined, it must compile.
#include <corset/corset.hpp>

#ifdef CORSET_TWIN
constexpr corset::policy<corset::allow_origins<"https://app.example.com">, corset::dangerously_allow_insecure_origins> p{};
#else
constexpr corset::policy<corset::allow_origins<"https://app.example.com">, corset::dangerously_allow_insecure_origins, corset::dangerously_allow_insecure_origins> p{};
#endif

// Using the policy must not add errors of its own.
inline bool use() { return p.evaluate({"GET", "https://app.example.com"}).allowed(); }
