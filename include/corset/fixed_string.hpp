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
  // The literal with its terminating NUL, then zeros up to a whole number of 8-byte words:
  // constant evaluation reads a long list of origins a word at a time (detail/words.hpp).
  char chars[(N + 7) / 8 * 8]{};

  consteval fixed_string(const char (&literal)[N]) noexcept {
#if defined(__clang__)
    // One step for clang, where a loop is N: 0.2 s of a 4096-origin policy's compile, measured.
    // g++ 12 does not evaluate __builtin_memcpy in a constant expression.
    __builtin_memcpy(chars, literal, N);
#else
    for (std::size_t i = 0; i != N; ++i) chars[i] = literal[i];
#endif
  }

  [[nodiscard]] constexpr std::string_view view() const noexcept { return {chars, N - 1}; }
  [[nodiscard]] static constexpr std::size_t size() noexcept { return N - 1; }
};

}  // namespace corset
