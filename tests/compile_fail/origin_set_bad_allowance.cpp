// expect: corset: origin_set takes only the options that decide which origins are valid
// Issue 7. Compiled by cmake/check_diagnostic.cmake: as is, it must fail with exactly one error
// whose line says the text above; with CORSET_TWIN defined, it must compile.
#include <corset/corset.hpp>
#include <corset/origin_set.hpp>

#ifdef CORSET_TWIN
inline corset::origin_set<corset::allow_credentials> hosts;
#else
inline corset::origin_set<corset::allow_credentials, corset::max_age<600>> hosts;
#endif

// Using the set must not add errors of its own.
inline bool use() { return hosts.contains("https://app.example.com"); }
