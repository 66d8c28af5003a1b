// corset/detail/analysis.hpp - a policy's options as a whole: the rules between them, and the
// first mistake of the policy.
//
// Each option checks itself (its traits' `check`); what is here is only what no option can
// check alone: a type that is not an option, a policy without origins, two options of a kind,
// and the combinations the rules forbid. Boost.Hana finds the option of each kind in the
// heterogeneous pack of options; options are classified through kind_of, never by instantiating
// them, so that a wrong type in the pack cannot cause an error of its own.
#pragma once

#include <array>
#include <cstddef>
#include <type_traits>

// Hana's lightest sequence (basic_tuple) and nothing else of Hana: the umbrella header's cost is
// part of every file that includes it. <boost/hana/unpack.hpp>, <boost/hana/type.hpp> and
// <boost/hana/bool.hpp> each bring Hana's concept machinery: 82 million instructions on g++ 12 (a
// quarter of the umbrella's cost over <string_view>): the pack holds std::type_identity, and is
// unpacked through basic_tuple's own unpack_impl, the one Hana's unpack dispatches to.
#include <boost/hana/basic_tuple.hpp>
#include <boost/hana/fwd/integral_constant.hpp>

#include <corset/detail/ascii.hpp>
#include <corset/detail/mistakes.hpp>
#include <corset/detail/option.hpp>
#include <corset/options.hpp>

namespace corset::detail {

namespace hana = boost::hana;

template <class T>
inline constexpr bool is_allow_headers = false;
template <bool AuthorizationOnly>
inline constexpr bool is_allow_headers<list_tag<request_headers_kind, AuthorizationOnly>> = true;

template <class T>
inline constexpr bool is_authorization_only = std::is_same_v<T, list_tag<request_headers_kind, true>>;

// The kind of an option, void for a type that is not one.
template <class T>
struct kind_or_void {
  using type = void;
};
template <corset_option T>
struct kind_or_void<T> {
  using type = kind_t<T>;
};
template <class Kind, bool AuthorizationOnly>
struct kind_or_void<list_tag<Kind, AuthorizationOnly>> {
  using type = Kind;
};

// Hana's predicate: whether a type is an option of `Kind`.
template <class Kind>
inline constexpr auto of_kind = [](auto t) {
  return hana::bool_c<std::is_same_v<typename kind_or_void<typename decltype(t)::type>::type, Kind>>;
};

// The options of a policy, as their tags (option.hpp): option_pack<tag_t<Options>...>.
//
// Hana answers one question, where the option of a kind is; the evaluator asks it of every kind,
// and the analysis asks nothing else of Hana, so that each kind's search is instantiated once.
// Each further Hana algorithm (a count_if per kind, per option type) was instantiated anew for
// every question, with its predicate for every option: 0.13 billion of the 1.6 billion
// instructions clang++ 14 spends on a 16-origin policy beyond <string_view> (docs/benchmarks.md).
template <class... Options>
struct option_pack {
  static constexpr std::size_t size = sizeof...(Options);
  static constexpr auto types = hana::make_basic_tuple(std::type_identity<Options>{}...);

  // The position (0-based) of the option of a kind (the first, if a mistake put several), or
  // the number of options when there is none.
  template <class Kind>
  static constexpr std::size_t position = hana::unpack_impl<hana::basic_tuple_tag>::apply(types, [](auto... option) {
    std::size_t const first = first_false(std::array<bool, size>{!decltype(of_kind<Kind>(option))::value...});
    return first == 0 ? size : first - 1;
  });

  // For each option, the position of the first option of its kind: the same for all of a kind.
  static constexpr std::array<std::size_t, size> first_of_its_kind{position<typename kind_or_void<Options>::type>...};

  // How many options the pack has of the kind of its option at `at`, and of a kind.
  [[nodiscard]] static constexpr std::size_t count_like(std::size_t at) noexcept {
    std::size_t n = 0;
    for (std::size_t const first : first_of_its_kind)
      if (first == first_of_its_kind[at]) ++n;
    return n;
  }
  template <class Kind>
  static constexpr std::size_t count = position<Kind> == size ? 0 : count_like(position<Kind>);

  // Whether the pack holds the option T itself.
  template <class T>
  static constexpr bool has = (std::is_same_v<Options, T> || ...);

  // The one allowed pair of one kind (rules 4.9, 5.2): allow_any_header and
  // allow_headers<"authorization">.
  static constexpr bool authorization_beside_any_header =
      count<request_headers_kind> == 2 && has<allow_any_header> && (is_authorization_only<Options> || ...);

  static constexpr policy_facts facts{has<allow_credentials>, has<dangerously_allow_insecure_origins>,
                                      has<dangerously_allow_public_suffix_wildcards>,
                                      authorization_beside_any_header};

  // What the policy does with a cross-origin write (rules 8.1, 8.7).
  static constexpr writes_rule writes =
      writes_rule_for(has<allow_credentials>, has<refuse_cross_origin_writes>,
                      has<dangerously_allow_cross_origin_writes>, has<report_cross_origin_writes>);
};

template <class... Options>
using pack_of = option_pack<tag_t<Options>...>;

// The option at a position of the pack (a policy has a dozen at most: the recursion is short).
template <std::size_t At, class Option, class... Rest>
struct option_at : option_at<At - 1, Rest...> {};
template <class Option, class... Rest>
struct option_at<0, Option, Rest...> {
  using type = Option;
};

template <std::size_t At, class... Options>
struct option_traits_at {
  using type = option_traits<typename option_at<At, Options...>::type, pack_of<Options...>::facts>;
};

// What the evaluator asks of a kind: its option's traits, or the kind's `absent` ones.
template <class Kind, class... Options>
using traits_of_kind = typename std::conditional_t<pack_of<Options...>::template position<Kind> == sizeof...(Options),
                                                   std::type_identity<typename Kind::absent>,
                                                   option_traits_at<pack_of<Options...>::template position<Kind>, Options...>>::type;

// The first mistake of a policy (rules 5), with its position.
template <class... Options>
[[nodiscard]] consteval diagnosis diagnose() noexcept {
  // The first type that is not an option: a local constant, where a variable template would be
  // a global named after every option, a long origin list among them (clang++ mangles each such
  // name it instantiates, 30 ms for 4096 origins; consteval functions are never emitted).
  constexpr std::size_t not_an_option =
      first_false(std::array<bool, sizeof...(Options)>{corset_option<Options>...});
  if constexpr (not_an_option != 0) {
    return {mistake::not_an_option, not_an_option};
  } else {
    using pack = pack_of<Options...>;
    if (pack::template count<origins_kind> == 0) return {mistake::no_origins};
    // Two options of a kind (rules 5.2), but for the one allowed pair: beside allow_any_header,
    // allow_headers may only add authorization.
    if (pack::template count<request_headers_kind> == 2 && pack::template has<allow_any_header> &&
        (is_allow_headers<tag_t<Options>> || ...) && !pack::authorization_beside_any_header)
      return {mistake::any_header_beside_headers};
    std::array<mistake, sizeof...(Options)> const twice{kind_t<Options>::twice...};
    for (std::size_t i = 0; i != twice.size(); ++i) {
      bool const allowed_pair = pack::authorization_beside_any_header && twice[i] == mistake::two_request_headers_options;
      if (pack::count_like(i) > 1 && !allowed_pair) return {twice[i]};
    }
    // Combinations that browsers refuse or that mean nothing (rules 5.2, 5.3).
    if (pack::template count<preflight_status_kind> != 0 && pack::template count<pass_through_preflights_kind> != 0)
      return {mistake::status_with_pass_through};
    if (pack::facts.credentials && pack::template has<allow_any_origin>) return {mistake::any_origin_with_credentials};
    if (pack::facts.credentials && pack::template has<expose_any_header>)
      return {mistake::any_exposed_header_with_credentials};
    // The cross-origin write options where they mean nothing or contradict (rules 5.12, 8.7).
    bool const refuse = pack::template has<refuse_cross_origin_writes>;
    bool const allow = pack::template has<dangerously_allow_cross_origin_writes>;
    if (allow && !pack::facts.credentials) return {mistake::allow_writes_without_credentials};
    if (refuse && pack::template has<allow_any_origin>) return {mistake::refuse_writes_with_any_origin};
    if (refuse && allow) return {mistake::refuse_and_allow_writes};
    if (pack::template has<report_cross_origin_writes> && pack::writes == writes_rule::accepted)
      return {mistake::report_without_refusal};
    // Each option's own checks, in order.
    for (diagnosis const d : {option_traits<Options, pack::facts>::check...})
      if (!d.ok()) return d;
    return {};
  }
}

}  // namespace corset::detail
