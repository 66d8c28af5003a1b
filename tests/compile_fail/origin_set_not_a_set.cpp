// expect: corset: allow_origins_from takes a corset::origin_set variable
// Issue 7. Compiled by cmake/check_diagnostic.cmake: as is, it must fail with exactly one error
// whose line says the text above; with CORSET_TWIN defined, it must compile.
#include <corset/corset.hpp>
#include <corset/origin_set.hpp>
#include <set>
#include <string>

#ifdef CORSET_TWIN
inline corset::origin_set<> hosts;
#else
inline std::set<std::string> hosts;
#endif
inline constexpr corset::policy<corset::allow_origins_from<hosts>> p{};

// Using the policy must not add errors of its own.
inline bool use() { return p.evaluate({"GET", "https://app.example.com"}).allowed(); }
