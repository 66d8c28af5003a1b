// corset/fixed_string.hpp - a string usable as a template argument.
//
// Options spell origins, methods and header names as string literals inside template argument
// lists (`allow_origins<"https://app.example.com">`). C++20 accepts a literal there when the
// parameter is a structural class type constructible from it; this is that type.
#pragma once

#include <cstddef>
#include <string_view>

namespace corset {

template <std::size_t N>
struct fixed_string {
  char chars[N]{};  // includes the terminating NUL of the literal

  consteval fixed_string(const char (&literal)[N]) noexcept {
    for (std::size_t i = 0; i != N; ++i) chars[i] = literal[i];
  }

  [[nodiscard]] constexpr std::string_view view() const noexcept { return {chars, N - 1}; }
  [[nodiscard]] static constexpr std::size_t size() noexcept { return N - 1; }
};

}  // namespace corset
