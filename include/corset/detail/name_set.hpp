// corset/detail/name_set.hpp - a list of method or header names, asked at run time whether it
// holds a name.
//
// Few names are compared one by one against constants, like hand-written code; many are looked
// up in a hash table built at compile time, so that a list of a thousand names costs one probe
// and compiles in one pass (rules 5.13). Header names ignore case: they are kept lowercase, in
// one joined text that is also the value of Access-Control-Allow-Headers (rules 4.9).
#pragma once

#include <array>
#include <cstddef>
#include <string_view>
#include <utility>

#include <corset/detail/ascii.hpp>
#include <corset/detail/hash_table.hpp>
#include <corset/detail/text.hpp>

namespace corset::detail {

template <std::size_t N>
[[nodiscard]] constexpr std::size_t joined_size(std::array<std::string_view, N> const& list) noexcept {
  std::size_t n = N == 0 ? 0 : N - 1;
  for (std::string_view s : list) n += s.size();
  return n;
}

// The names lowercased and joined with "," (rules 4.3, 4.9).
template <auto const& List>
inline constexpr auto joined_lowercase = [] {
  static_text<joined_size(List)> out{};
  for (std::string_view s : List) {
    if (out.size != 0) out.chars[out.size++] = ',';
    for (char c : s) out.chars[out.size++] = to_lower(c);
  }
  return out;
}();

template <auto const& List>
inline constexpr std::string_view joined_lowercase_view = joined_lowercase<List>.view();

// `List` is a static std::array<std::string_view, N>; with key_case::folded, names are compared
// ignoring ASCII case.
template <key_case Case, auto const& List>
class name_set {
 public:
  static constexpr std::size_t size = List.size();

  // The names as compared: for folded lists, lowercase views into joined_lowercase<List>.
  static constexpr std::array<std::string_view, size> names = [] {
    if constexpr (Case == key_case::exact) {
      return List;
    } else {
      std::array<std::string_view, size> out{};
      std::string_view const text = joined_lowercase<List>.view();
      for (std::size_t i = 0, at = 0; i != size; at += List[i].size() + 1, ++i) out[i] = text.substr(at, List[i].size());
      return out;
    }
  }();

  [[nodiscard]] static constexpr bool contains(std::string_view name) noexcept {
    if constexpr (size <= few_keys) {
      return contains(name, std::make_index_sequence<size>{});
    } else {
      return table.find(hash_bytes<Case>(name), [name](std::size_t at) { return same(name, at); }) != 0;
    }
  }

  // Whether `name`, known to be of the length of the I-th name, is that name.
  template <std::size_t I>
  [[nodiscard]] static constexpr bool same_length_equal(char const* name) noexcept {
    constexpr std::string_view key = names[I];
    if constexpr (Case == key_case::exact) {
      return equal_bytes<key.size()>(name, key.data());
    } else {
      return iequals_lowercase(name, key.data(), key.size());
    }
  }

 private:
  [[nodiscard]] static constexpr bool same(std::string_view name, std::size_t at) noexcept {
    return name.size() == names[at].size() &&
           (Case == key_case::exact ? name == names[at] : iequals_lowercase(name.data(), names[at].data(), name.size()));
  }

  template <std::size_t... I>
  [[nodiscard]] static constexpr bool contains([[maybe_unused]] std::string_view name, std::index_sequence<I...>) noexcept {
    return ((name.size() == names[I].size() && same_length_equal<I>(name.data())) || ...);
  }

  static constexpr auto table = [] {
    open_table<std::array<table_slot, table_capacity(size)>> t{{}};
    auto const hash_at = [](std::size_t at) { return hash_bytes<Case>(names[at]); };
    for (std::size_t i = 0; i != size; ++i) (void)t.insert(hash_at(i), i, [](std::size_t) { return false; }, hash_at);
    return t;
  }();
};

}  // namespace corset::detail
