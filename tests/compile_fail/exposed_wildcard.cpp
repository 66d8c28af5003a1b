// expect: corset: expose_headers lists *, which browsers read as every header
// rules 5.11. Compiled by cmake/check_diagnostic.cmake: as is, it must fail with exactly one
// error whose line says the text above; with CORSET_TWIN defined, it must compile.
#include <corset/corset.hpp>

#ifdef CORSET_TWIN
constexpr corset::policy<corset::allow_origins<"https://app.example.com">, corset::expose_any_header> p{};
#else
constexpr corset::policy<corset::allow_origins<"https://app.example.com">, corset::expose_headers<"*">> p{};
#endif

// Using the policy must not add errors of its own.
inline bool use() { return p.evaluate({"GET", "https://app.example.com"}).allowed(); }
