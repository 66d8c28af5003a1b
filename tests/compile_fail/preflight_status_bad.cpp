// expect: corset: preflight_status must be 204 or 200
// Preflight status (issue 6). Compiled by cmake/check_diagnostic.cmake: as is, it must fail with exactly one
// error whose line says the text above; with CORSET_TWIN defined, it must compile.
#include <corset/corset.hpp>


#ifdef CORSET_TWIN
inline constexpr corset::policy<corset::allow_origins<"https://app.example.com">, corset::preflight_status<200>> p{};
#else
inline constexpr corset::policy<corset::allow_origins<"https://app.example.com">, corset::preflight_status<201>> p{};
#endif

// Using it must not add errors of its own.
inline bool use() { return p.evaluate({"OPTIONS", "https://app.example.com", "GET"}).allowed(); }
