// The policy template the behaviour tests declare their policies with. Normally corset::policy
// itself; built with CORSET_TEST_RUNTIME_ORIGINS, every allow_origins<...> becomes
// allow_origins_from<a run-time origin_set holding the same origins> , so that the
// same test cases check the run-time sets, unchanged.
#pragma once

#include <corset/corset.hpp>
#include <corset/origin_set.hpp>

namespace corset_test {

#ifdef CORSET_TEST_RUNTIME_ORIGINS

template <bool Credentials, bool Insecure, bool PublicSuffix>
struct set_for;
template <> struct set_for<false, false, false> { using type = corset::origin_set<>; };
template <> struct set_for<true, false, false> { using type = corset::origin_set<corset::allow_credentials>; };
template <> struct set_for<true, true, false> {
  using type = corset::origin_set<corset::allow_credentials, corset::dangerously_allow_insecure_origins>;
};
template <> struct set_for<true, false, true> {
  using type = corset::origin_set<corset::allow_credentials, corset::dangerously_allow_public_suffix_wildcards>;
};
template <> struct set_for<true, true, true> {
  using type = corset::origin_set<corset::allow_credentials, corset::dangerously_allow_insecure_origins,
                                  corset::dangerously_allow_public_suffix_wildcards>;
};

// Filled before main(); the constructor throws (and the test binary stops) on a refused origin.
template <class Set, corset::fixed_string... Origins>
inline Set seeded{Origins.view()...};

template <corset::detail::origin_rules Rules, class Option>
struct at_run_time {
  using type = Option;
};
template <corset::detail::origin_rules Rules, corset::fixed_string... Origins>
struct at_run_time<Rules, corset::allow_origins<Origins...>> {
  using set = typename set_for<Rules.credentials, Rules.insecure_origins, Rules.public_suffix_wildcards>::type;
  using type = corset::allow_origins_from<seeded<set, Origins...>>;
};

template <class... Options>
using policy = corset::policy<typename at_run_time<corset::detail::option_pack<Options...>::facts.origin_rules_of(), Options>::type...>;

#else

template <class... Options>
using policy = corset::policy<Options...>;

#endif

}  // namespace corset_test
