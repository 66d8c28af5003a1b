// expect: corset: an origin host is not ASCII
// rules 5.4. Compiled by cmake/check_diagnostic.cmake: as is, it must fail with exactly one
// error whose line says the text above; with CORSET_TWIN defined, it must compile.
#include <corset/corset.hpp>

#ifdef CORSET_TWIN
constexpr corset::policy<corset::allow_origins<"https://xn--bcher-kva.example">> p{};
#else
constexpr corset::policy<corset::allow_origins<"https://bücher.example">> p{};
#endif

// Using the policy must not add errors of its own.
inline bool use() { return p.evaluate({"GET", "https://app.example.com"}).allowed(); }
