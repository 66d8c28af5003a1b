// corset/detail/analysis.hpp - what a policy's option pack says, and its first mistake.
//
// Boost.Hana handles the heterogeneous pack of options (find the option of a kind, count kinds,
// check that every type is an option); the lists inside options are plain constexpr arrays.
// Options are classified through detail::kind_of, never by instantiating them, so that a wrong
// type in the pack cannot cause an error of its own.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>
#include <type_traits>

#include <boost/hana/bool.hpp>
#include <boost/hana/contains.hpp>
#include <boost/hana/count_if.hpp>
#include <boost/hana/find_if.hpp>
#include <boost/hana/optional.hpp>
#include <boost/hana/tuple.hpp>
#include <boost/hana/type.hpp>

#include <corset/detail/names.hpp>
#include <corset/detail/option_kind.hpp>
#include <corset/detail/origin_matcher.hpp>
#include <corset/detail/origin_syntax.hpp>
#include <corset/options.hpp>

namespace corset::detail {

namespace hana = boost::hana;

template <option_kind K>
inline constexpr auto is_kind = [](auto t) {
  return hana::bool_c<kind_of<typename decltype(t)::type> == K>;
};

template <class... Options>
struct option_pack {
  static constexpr auto types = hana::tuple_t<Options...>;

  template <option_kind K>
  static constexpr std::size_t count = decltype(hana::count_if(types, is_kind<K>))::value;

  template <class T>
  static constexpr bool has = decltype(hana::contains(types, hana::type_c<T>))::value;

  // The option of kind K (the first, if a mistake put several), or void.
  template <option_kind K>
  using find = typename std::remove_cvref_t<decltype(
      hana::find_if(types, is_kind<K>).value_or(hana::type_c<void>))>::type;

  // 1-based position of the first type that is not an option, or 0.
  static constexpr std::size_t first_non_option = [] {
    std::array<bool, sizeof...(Options)> const ok{(kind_of<Options> != option_kind::not_an_option)...};
    for (std::size_t i = 0; i != ok.size(); ++i)
      if (!ok[i]) return i + 1;
    return std::size_t{0};
  }();

  static constexpr origin_rules rules{has<allow_credentials>, has<dangerously_allow_insecure_origins>,
                                      has<dangerously_allow_public_suffix_wildcards>};
};

// --- the mistakes ------------------------------------------------------------------------------

enum class policy_mistake : unsigned char {
  none,
  not_an_option,
  no_origins,
  two_origin_options,
  two_methods_options,
  two_request_headers_options,
  two_exposed_headers_options,
  two_credentials,
  two_max_ages,
  two_private_network,
  two_insecure_origins,
  two_public_suffix_wildcards,
  any_origin_with_credentials,
  any_exposed_header_with_credentials,
  any_header_beside_headers,
  empty_origins,
  empty_methods,
  not_a_method,
  empty_request_headers,
  empty_exposed_headers,
  max_age_out_of_range,
  two_preflight_statuses,
  two_pass_through,
  status_with_pass_through,
  bad_preflight_status,
  origin_set_rules_mismatch,
  not_an_origin_set,
};

// The first mistake of a policy; at most one member is not `none`.
struct diagnosis {
  policy_mistake policy = policy_mistake::none;
  origin_mistake origin = origin_mistake::none;
  name_mistake name = name_mistake::none;
  std::size_t position = 0;  // 1-based: of the type in policy<>, or of the entry in its option
  [[nodiscard]] constexpr bool ok() const noexcept {
    return policy == policy_mistake::none && origin == origin_mistake::none &&
           name == name_mistake::none;
  }
};

// --- per option --------------------------------------------------------------------------------

template <class T>
inline constexpr bool is_allow_headers = false;
template <fixed_string... Names>
inline constexpr bool is_allow_headers<allow_headers<Names...>> = true;

template <class T>
inline constexpr bool is_authorization_only = false;
template <fixed_string Name>
inline constexpr bool is_authorization_only<allow_headers<Name>> = iequals(Name.view(), "authorization");

inline constexpr auto is_allow_headers_type = [](auto t) {
  return hana::bool_c<is_allow_headers<typename decltype(t)::type>>;
};

// The allow_headers option of a policy, or an empty one.
template <class... Options>
using allow_headers_in = typename std::remove_cvref_t<decltype(
    hana::find_if(hana::tuple_t<Options...>, is_allow_headers_type)
        .value_or(hana::type_c<allow_headers<>>))>::type;

template <class Option, origin_rules Rules>
struct option_diagnosis {
  static constexpr diagnosis value{};
};

template <fixed_string... Origins, origin_rules Rules>
struct option_diagnosis<allow_origins<Origins...>, Rules> {
  static constexpr std::array<origin_mistake, sizeof...(Origins)> codes{facts_of<Rules, Origins>.mistake...};
  static constexpr std::size_t first_bad = [] {
    for (std::size_t i = 0; i != codes.size(); ++i)
      if (codes[i] != origin_mistake::none) return i + 1;
    return std::size_t{0};
  }();
  static constexpr diagnosis value = [] {
    if constexpr (sizeof...(Origins) == 0) {
      return diagnosis{.policy = policy_mistake::empty_origins};
    } else if constexpr (first_bad != 0) {
      return diagnosis{.origin = codes[first_bad - 1], .position = first_bad};
    } else if constexpr (origin_matcher<Rules, Origins...>::first_duplicate != 0) {
      return diagnosis{.origin = origin_mistake::duplicate,
                       .position = origin_matcher<Rules, Origins...>::first_duplicate};
    } else {
      return diagnosis{};
    }
  }();
};

// The position (1-based) of the first type in a list that is not a corset::method, or 0.
template <class... Methods>
inline constexpr std::size_t first_non_method = [] {
  std::array<bool, sizeof...(Methods)> const ok{is_method<Methods>...};
  for (std::size_t i = 0; i != ok.size(); ++i)
    if (!ok[i]) return i + 1;
  return std::size_t{0};
}();

template <class... Methods, origin_rules Rules>
struct option_diagnosis<allow_methods<Methods...>, Rules> {
  static constexpr diagnosis value = [] {
    if constexpr (sizeof...(Methods) == 0) {
      return diagnosis{.policy = policy_mistake::empty_methods};
    } else if constexpr (first_non_method<Methods...> != 0) {
      return diagnosis{.policy = policy_mistake::not_a_method, .position = first_non_method<Methods...>};
    } else {
      entry_mistake const e = first_mistake<key_case::exact>(std::array<std::string_view, sizeof...(Methods)>{Methods::name...},
                                                             std::array<name_facts, sizeof...(Methods)>{method_facts<Methods>...},
                                                             name_mistake::duplicate_method);
      return diagnosis{.name = e.error, .position = e.position};
    }
  }();
};

// A list of header names: empty is a mistake of its own, otherwise the first bad entry.
template <std::size_t N>
[[nodiscard]] constexpr diagnosis names_diagnosis(std::array<std::string_view, N> const& names,
                                                  std::array<name_facts, N> const& facts, policy_mistake empty,
                                                  name_mistake duplicate) noexcept {
  if (N == 0) return diagnosis{.policy = empty};
  entry_mistake const e = first_mistake<key_case::folded>(names, facts, duplicate);
  return diagnosis{.name = e.error, .position = e.position};
}

template <fixed_string... Names, origin_rules Rules>
struct option_diagnosis<allow_headers<Names...>, Rules> {
  static constexpr diagnosis value =
      names_diagnosis(allow_headers<Names...>::values, {request_header_facts<Names>...},
                      policy_mistake::empty_request_headers, name_mistake::duplicate_request_header);
};

template <fixed_string... Names, origin_rules Rules>
struct option_diagnosis<expose_headers<Names...>, Rules> {
  static constexpr diagnosis value =
      names_diagnosis(expose_headers<Names...>::values, {exposed_header_facts<Names>...},
                      policy_mistake::empty_exposed_headers, name_mistake::duplicate_exposed_header);
};

template <int Status, origin_rules Rules>
struct option_diagnosis<preflight_status<Status>, Rules> {
  static constexpr diagnosis value{
      .policy = Status == 200 || Status == 204 ? policy_mistake::none : policy_mistake::bad_preflight_status};
};

template <long long Seconds, origin_rules Rules>
struct option_diagnosis<max_age<Seconds>, Rules> {
  static constexpr diagnosis value{
      .policy = Seconds < 0 || Seconds > 86400 ? policy_mistake::max_age_out_of_range
                                               : policy_mistake::none};
};

// --- the whole policy ----------------------------------------------------------------------

template <class... Options>
[[nodiscard]] consteval diagnosis diagnose() noexcept {
  using pack = option_pack<Options...>;
  using enum option_kind;
  if constexpr (pack::first_non_option != 0) {
    return {.policy = policy_mistake::not_an_option, .position = pack::first_non_option};
  } else {
    auto const fail = [](policy_mistake e) { return diagnosis{.policy = e}; };
    if (pack::template count<origins> == 0) return fail(policy_mistake::no_origins);
    if (pack::template count<origins> > 1) return fail(policy_mistake::two_origin_options);
    if (pack::template count<methods> > 1) return fail(policy_mistake::two_methods_options);
    if (pack::template count<request_headers> > 1) {
      // allow_any_header beside allow_headers<"authorization"> is the one allowed pair (4.9).
      bool const beside_any = pack::template count<request_headers> == 2 &&
                              pack::template has<allow_any_header> &&
                              (is_allow_headers<Options> || ...);
      if (!beside_any) return fail(policy_mistake::two_request_headers_options);
      if (!(is_authorization_only<Options> || ...))
        return fail(policy_mistake::any_header_beside_headers);
    }
    if (pack::template count<exposed_headers> > 1)
      return fail(policy_mistake::two_exposed_headers_options);
    if (pack::template count<credentials> > 1) return fail(policy_mistake::two_credentials);
    if (pack::template count<max_age> > 1) return fail(policy_mistake::two_max_ages);
    if (pack::template count<private_network> > 1) return fail(policy_mistake::two_private_network);
    if (pack::template count<insecure_origins> > 1) return fail(policy_mistake::two_insecure_origins);
    if (pack::template count<public_suffix_wildcards> > 1)
      return fail(policy_mistake::two_public_suffix_wildcards);
    if (pack::template count<preflight_status> > 1) return fail(policy_mistake::two_preflight_statuses);
    if (pack::template count<preflight_pass_through> > 1) return fail(policy_mistake::two_pass_through);
    if (pack::template count<preflight_status> != 0 && pack::template count<preflight_pass_through> != 0)
      return fail(policy_mistake::status_with_pass_through);
    bool const credentialed = pack::template has<allow_credentials>;
    if (credentialed && pack::template has<allow_any_origin>)
      return fail(policy_mistake::any_origin_with_credentials);
    if (credentialed && pack::template has<expose_any_header>)
      return fail(policy_mistake::any_exposed_header_with_credentials);
    for (diagnosis const d : {option_diagnosis<Options, pack::rules>::value...})
      if (!d.ok()) return d;
    return {};
  }
}

}  // namespace corset::detail
