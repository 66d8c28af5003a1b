// expect: corset: routes lists the same path twice
// Route tables (issue 6). Compiled by cmake/check_diagnostic.cmake: as is, it must fail with exactly one
// error whose line says the text above; with CORSET_TWIN defined, it must compile.
#include <corset/corset.hpp>

inline constexpr corset::policy<corset::allow_origins<"https://app.example.com">> api{};
#ifdef CORSET_TWIN
inline constexpr corset::routes<corset::route<"/api/", api>, corset::route<"/", api>> t{};
#else
inline constexpr corset::routes<corset::route<"/api/", api>, corset::route<"/", api>, corset::route<"/api/", api>> t{};
#endif

// Using it must not add errors of its own.
inline bool use() { return t.evaluate("/api/x", {"GET", "https://app.example.com"}).allowed(); }
