// corset/explanation.hpp - why a request was answered as it was, as one safe log line.
#pragma once

#include <cstddef>
#include <string_view>

namespace corset {

namespace detail {
class explanation_builder;
}

// One line of text in a fixed buffer (no allocation), for example
//   refused: preflight from origin "https://app.example.com" asks for header "x-debug", not allowed
// Every request token in it is quoted, cut to 64 bytes and escaped (\xHH for control bytes,
// quotes, backslashes, non-ASCII and bytes outside the token's grammar): safe to log as is.
class explanation {
 public:
  static constexpr std::size_t capacity = 640;
  [[nodiscard]] constexpr std::string_view view() const noexcept { return {text_, size_}; }
  constexpr operator std::string_view() const noexcept { return view(); }  // NOLINT(google-explicit-constructor)

 private:
  friend class detail::explanation_builder;
  char text_[capacity]{};
  std::size_t size_ = 0;
};

}  // namespace corset
