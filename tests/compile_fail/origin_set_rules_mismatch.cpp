// expect: corset: allow_origins_from names an origin_set checked by other rules than this policy
// Issue 7: a credentialed policy over a set validated without the credential rules (5.7).
// Compiled by cmake/check_diagnostic.cmake: as is, it must fail with exactly one error whose line
// says the text above; with CORSET_TWIN defined, it must compile.
#include <corset/corset.hpp>
#include <corset/origin_set.hpp>

#ifdef CORSET_TWIN
inline corset::origin_set<corset::allow_credentials> hosts;
#else
inline corset::origin_set<> hosts;
#endif
inline constexpr corset::policy<corset::allow_origins_from<hosts>, corset::allow_credentials> p{};

// Using the policy must not add errors of its own.
inline bool use() { return p.evaluate({"GET", "https://app.example.com"}).allowed(); }
