// corset/detail/vary.hpp - merging corset's Vary with the one an application already set.
#pragma once

#include <cstddef>
#include <string_view>

#include <corset/detail/ascii.hpp>

namespace corset::detail {

[[nodiscard]] constexpr std::string_view trim_ows(std::string_view s) noexcept {
  while (!s.empty() && is_ows(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_ows(s.back())) s.remove_suffix(1);
  return s;
}

// Calls `each(name)` for every name of a comma-separated list, trimmed, empty ones skipped.
template <class Each>
constexpr void for_each_listed(std::string_view list, Each&& each) {
  while (true) {
    std::size_t const comma = find_byte(list, ',');
    if (std::string_view const name = trim_ows(list.substr(0, comma)); !name.empty()) each(name);
    if (comma == std::string_view::npos) return;
    list.remove_prefix(comma + 1);
  }
}

// Whether a Vary value already covers `name`: it lists it (names ignore case) or is `*`.
[[nodiscard]] constexpr bool vary_covers(std::string_view vary, std::string_view name) noexcept {
  bool covered = false;
  for_each_listed(vary, [&](std::string_view listed) { covered = covered || listed == "*" || iequals(listed, name); });
  return covered;
}

// Calls `append(name)` for each name of `ours` that `theirs` does not cover yet.
template <class Append>
constexpr void missing_vary_names(std::string_view theirs, std::string_view ours, Append&& append) {
  for_each_listed(ours, [&](std::string_view name) {
    if (!vary_covers(theirs, name)) append(name);
  });
}

}  // namespace corset::detail
