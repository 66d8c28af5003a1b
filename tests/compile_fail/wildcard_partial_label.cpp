// expect: corset: a wildcard may only be a leading *. label or the :* port
// rules 5.6. Compiled by cmake/check_diagnostic.cmake: as is, it must fail with exactly one
// error whose line says the text above; with CORSET_TWIN defined, it must compile.
#include <corset/corset.hpp>

#ifdef CORSET_TWIN
constexpr corset::policy<corset::allow_origins<"https://*.api.example.com">> p{};
#else
constexpr corset::policy<corset::allow_origins<"https://*api.example.com">> p{};
#endif

// Using the policy must not add errors of its own.
inline bool use() { return p.evaluate({"GET", "https://app.example.com"}).allowed(); }
