// corset/detail/option.hpp - what an option is to a policy.
//
// An option is a small empty type (allow_credentials, max_age<600>), and everything corset does
// with it lives beside it, in its own file under corset/options/:
//   - kind_of<Option>::type, its kind: a tag type, by explicit specialisation, so that a policy
//     tells options from other types without instantiating anything;
//   - option_traits<Option, Facts>: its own mistakes (`check`), what it adds to a response, and
//     its words in describe().
// A kind holds what its options share: the mistake of giving two of them (rules 5.2), and the
// traits of a policy that has none (`absent`). The policy's analysis (analysis.hpp) keeps only
// the rules between options; the evaluator (evaluator.hpp) keeps only the order of the headers.
//
// What each kind's traits provide, as the evaluator asks:
//   origins          any (answered with *), match(origin)
//   credentials      answer(out)
//   methods          allows(method), for the methods that are not safelisted
//   request_headers  names (for read_request_headers), echo, answer(out, read)
//   exposed_headers  answer(out)
//   max_age          answer(out)
//   private_network  enabled, answer(out, request)
//   preflight_status status, and pass_through_preflights passes
// and every traits: check (a diagnosis) and describe(out).
#pragma once

#include <array>
#include <cstddef>

#include <corset/detail/mistakes.hpp>
#include <corset/detail/origin_syntax.hpp>

namespace corset::detail {

// Each option specialises this with `using type = <its kind>;`. Anything else has no `type`.
template <class Option>
struct kind_of {};

template <class T>
concept corset_option = requires { typename kind_of<T>::type; };

// What the analysis of a policy (analysis.hpp) sees of an option: the option itself, or, for a
// list, the `tag` its kind_of names. Hana's algorithms are function templates, and a compiler
// names (mangles) each after its arguments: an option that spells 4096 origins in every one of
// those names costs seconds. A list's tag says what the analysis needs and nothing more.
template <class Kind, bool AuthorizationOnly = false>
struct list_tag {};

template <class T>
struct tag_or_self {
  using type = T;
};
template <class T>
  requires requires { typename kind_of<T>::tag; }
struct tag_or_self<T> {
  using type = typename kind_of<T>::tag;
};
template <class T>
using tag_t = typename tag_or_self<T>::type;

template <corset_option Option>
using kind_t = typename kind_of<Option>::type;

// What an option may need to know about the rest of its policy. Small and structural: it is a
// template argument of every option's traits.
struct policy_facts {
  bool credentials = false;                      // allow_credentials
  bool insecure_origins = false;                 // dangerously_allow_insecure_origins
  bool public_suffix_wildcards = false;          // dangerously_allow_public_suffix_wildcards
  bool authorization_beside_any_header = false;  // allow_headers<"authorization"> with allow_any_header
  [[nodiscard]] constexpr origin_rules origin_rules_of() const noexcept {
    return {credentials, insecure_origins, public_suffix_wildcards};
  }
};

// The first mistake found, and where: the 1-based position of the argument of policy<> (or
// routes<>), or of the entry in the option's list.
struct diagnosis {
  mistake what = mistake::none;
  std::size_t position = 0;
  [[nodiscard]] constexpr bool ok() const noexcept { return what == mistake::none; }
};

// A check held by a class named after its value, for a policy and for traits whose own static
// members would be globals named after a long list (listed_origins).
template <diagnosis Found>
struct checked_as {
  static constexpr diagnosis check = Found;
};

// Specialised by every option. Members an option does not need come from option_defaults.
template <class Option, policy_facts Facts>
struct option_traits;

struct option_defaults {
  static constexpr diagnosis check{};
  template <class Out>
  static constexpr void describe(Out&) noexcept {}
};

// What a kind says about its options: the mistake of giving two (rules 5.2), and the traits of a
// policy that has none (`Absent`).
template <mistake Twice, class Absent>
struct option_kind {
  static constexpr mistake twice = Twice;
  using absent = Absent;
};

// The traits of an absent option whose kind adds a header: it adds nothing.
struct answers_nothing : option_defaults {
  template <class Out>
  static constexpr void answer(Out&) {}
};

// The 1-based position of the first false element of `items`, or 0. A function of the array
// alone: a predicate passed in would be a lambda named after the template that writes it, and
// this function's name would then spell that template's arguments (a whole origin list).
template <std::size_t N>
[[nodiscard]] constexpr std::size_t first_false(std::array<bool, N> const& items) noexcept {
  for (std::size_t i = 0; i != N; ++i)
    if (!items[i]) return i + 1;
  return 0;
}

}  // namespace corset::detail
