// corset/options/request_headers.hpp - request headers a preflight may ask for
// (Access-Control-Allow-Headers, rules 4.9, 4.10).
#pragma once

#include <array>
#include <cstddef>
#include <string_view>
#include <type_traits>
#include <utility>

#include <corset/detail/ascii.hpp>
#include <corset/detail/hash_table.hpp>
#include <corset/detail/header_names.hpp>
#include <corset/detail/name_set.hpp>
#include <corset/detail/names.hpp>
#include <corset/detail/option.hpp>
#include <corset/detail/request_headers.hpp>
#include <corset/fixed_string.hpp>
#include <corset/request.hpp>

namespace corset {

// Request header names a preflight may ask for, compared case-insensitively (rules 4.9).
template <fixed_string... Names>
struct allow_headers {
  static constexpr std::array<std::string_view, sizeof...(Names)> values{Names.view()...};
};

// Every request header name but `authorization`, which `*` never covers; add
// allow_headers<"authorization"> beside it to allow that one too.
struct allow_any_header {};

namespace detail {

// The names a policy allows, as read_request_headers asks (request_header_names).
template <bool AnyHeader, auto const& Listed>
struct allowed_header_names {
  static constexpr bool any = AnyHeader;
  static constexpr auto const& listed_names = Listed;
  using listed = name_set<key_case::folded, Listed>;
  static constexpr bool authorization_listed = listed::contains("authorization");
  static constexpr std::size_t max_name = [] {
    std::size_t n = AnyHeader ? any_header_max_name : 0;
    for (std::string_view h : Listed) n = h.size() > n ? h.size() : n;
    return n;
  }();

  // The I-th listed name, lowercase, in an array of its own. Not a view into the joined text of
  // the names: a memcmp of a constant length that starts inside a constant array makes g++ 12
  // warn at -Og, -O1 and -Os (-Wstringop-overread, on by default, a false positive), which every
  // user building with -Werror would see (the warnings.* tests build at those levels).
  template <std::size_t I>
  static constexpr auto name_bytes = [] {
    std::array<char, listed::names[I].size()> out{};
    for (std::size_t i = 0; i != out.size(); ++i) out[i] = listed::names[I][i];
    return out;
  }();

  // One comparison per listed name, each of a constant length: browsers send lowercase names,
  // so most requests need neither the byte-by-byte scan nor case folding. Long lists go by the
  // hash table in allowed() instead.
  template <std::size_t I>
  [[nodiscard]] static constexpr std::size_t known_one(char const* p, char const* end) noexcept {
    constexpr std::string_view text = listed::names[I];
    if (static_cast<std::size_t>(end - p) < text.size()) return 0;
    if (std::is_constant_evaluated()) {
      if (std::string_view{p, text.size()} != text) return 0;
    } else if (!equal_bytes<text.size()>(p, name_bytes<I>.data())) {
      return 0;
    }
    return ends_name(p + text.size(), end) ? text.size() : 0;
  }
  template <std::size_t... I>
  [[nodiscard]] static constexpr std::size_t known_at([[maybe_unused]] char const* p, [[maybe_unused]] char const* end,
                                                      std::index_sequence<I...>) noexcept {
    std::size_t n = 0;
    (void)(((n = known_one<I>(p, end)) != 0) || ...);
    return n;
  }
  [[nodiscard]] constexpr std::size_t known_at(char const* p, char const* end) const noexcept {
    if constexpr (AnyHeader || listed::size > few_keys) {
      return 0;  // allowed() decides
    } else {
      return known_at(p, end, std::make_index_sequence<listed::size>{});
    }
  }

  [[nodiscard]] constexpr bool allowed(std::string_view name) const noexcept {
    if constexpr (AnyHeader) {
      return authorization_listed || !iequals(name, "authorization");
    } else {
      return listed::contains(name);
    }
  }
};

// What every request headers option does with a preflight's list: read it (rules 4.10), then
// answer with `Value`, or with the request's own lines when `Value` is empty (rules 4.9, the
// echo of allow_any_header with credentials).
template <bool AnyHeader, auto const& Listed, std::string_view const& Value>
struct request_headers_answer : option_defaults {
  using names = allowed_header_names<AnyHeader, Listed>;
  static constexpr bool echo = Value.empty();

  struct read_result {
    request_headers_status status = request_headers_status::absent;
    echoed_lines echoed{};
  };
  [[nodiscard]] static constexpr read_result read(request_view const& r) noexcept {
    read_result out{};
    out.status = read_request_headers(r, names{}, echo ? &out.echoed : nullptr);
    return out;
  }

  template <class Out>
  static constexpr void answer(Out& out, read_result const& read) {
    if (read.status != request_headers_status::allowed) return;  // absent: no header (4.5)
    if constexpr (echo) {
      for (std::size_t i = 0; i != read.echoed.count; ++i) out.add(allow_headers_name, read.echoed.lines[i]);
    } else {
      out.add(allow_headers_name, Value);
    }
  }

  // The first requested name the policy refuses, for explanations (never on the hot path).
  [[nodiscard]] static constexpr std::string_view refused(request_view const& r) noexcept {
    auto first_in = [](std::string_view line) noexcept -> std::string_view {
      for (std::size_t start = 0; start <= line.size();) {
        std::size_t const comma = find_byte(line, ',', start);
        std::size_t const end = comma == npos ? line.size() : comma;
        std::string_view name = line.substr(start, end - start);
        while (!name.empty() && is_ows(name.front())) name.remove_prefix(1);
        while (!name.empty() && is_ows(name.back())) name.remove_suffix(1);
        if (!name.empty() && (name.size() > names::max_name || !names{}.allowed(name))) return name;
        start = end + 1;
      }
      return {};
    };
    if (std::string_view const name = first_in(r.request_headers); !name.empty()) return name;
    for (std::string_view line : r.more_request_headers)
      if (std::string_view const name = first_in(line); !name.empty()) return name;
    return {};
  }
};

inline constexpr std::array<std::string_view, 0> no_header_names{};
inline constexpr std::array<std::string_view, 1> authorization_only{"authorization"};
inline constexpr std::string_view any_header_value = "*";
inline constexpr std::string_view any_header_and_authorization_value = "*,authorization";
inline constexpr std::string_view echoed_value{};

// No request headers option: no name is allowed (and every name is longer than the longest
// allowed one, rules 4.10), but a malformed list is still malformed.
struct no_request_headers : request_headers_answer<false, no_header_names, echoed_value> {};

struct request_headers_kind : option_kind<mistake::two_request_headers_options, no_request_headers> {};

template <fixed_string... Names>
struct kind_of<allow_headers<Names...>> {
  using type = request_headers_kind;
  // allow_headers<"authorization"> alone may stand beside allow_any_header (rules 4.9).
  using tag = list_tag<request_headers_kind,
                       sizeof...(Names) == 1 && iequals(allow_headers<Names...>::values[0], "authorization")>;
};
template <>
struct kind_of<allow_any_header> {
  using type = request_headers_kind;
};

// allow_any_header: `*` (with authorization when listed beside it), or with credentials, where
// browsers read `*` literally, the requested names echoed.
template <bool Authorization, bool Credentials>
using any_header_answer =
    std::conditional_t<Authorization,
                       request_headers_answer<true, authorization_only,
                                              Credentials ? echoed_value : any_header_and_authorization_value>,
                       request_headers_answer<true, no_header_names, Credentials ? echoed_value : any_header_value>>;

template <policy_facts Facts>
struct option_traits<allow_any_header, Facts>
    : any_header_answer<Facts.authorization_beside_any_header, Facts.credentials> {
  template <class Out>
  static constexpr void describe(Out& out) noexcept {
    out(Facts.authorization_beside_any_header ? "; any request header" : "; any request header but authorization");
  }
};

template <auto const& Listed>
struct listed_request_headers : request_headers_answer<false, Listed, joined_lowercase_view<Listed>> {
  template <class Out>
  static constexpr void describe(Out& out) noexcept {
    out("; request headers ")(joined_lowercase_view<Listed>);
  }
};

// Beside allow_any_header, allow_headers<"authorization"> only adds that name to it: both are the
// same to the evaluator, whichever of them it finds first.
template <fixed_string... Names, policy_facts Facts>
struct option_traits<allow_headers<Names...>, Facts>
    : std::conditional_t<Facts.authorization_beside_any_header, option_traits<allow_any_header, Facts>,
                         listed_request_headers<allow_headers<Names...>::values>> {
  static constexpr diagnosis check = [] {
    if (sizeof...(Names) == 0) return diagnosis{mistake::empty_request_headers};
    return first_mistake<key_case::folded>(allow_headers<Names...>::values,
                                           std::array<name_facts, sizeof...(Names)>{request_header_facts<Names>...},
                                           mistake::duplicate_request_header);
  }();
};

}  // namespace detail
}  // namespace corset
