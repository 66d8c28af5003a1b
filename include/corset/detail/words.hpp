// corset/detail/words.hpp - a text known at compile time, read eight bytes at a time.
//
// A policy may list thousands of origins, and each is validated and hashed during constant
// evaluation, where compilers interpret every operation: byte by byte, that is most of a long
// list's compile time. fixed_string pads its bytes to whole words, so a bit cast turns an
// origin into words in one step, and the checks that read them (is_plain_origin_words,
// hash_words) classify eight bytes per operation (SWAR: the high bit of each byte of a mask
// marks the bytes that are in a class).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

namespace corset::detail {

// corset uses the compilers' builtins (__builtin_bit_cast, __builtin_ctzll) and this constant
// rather than <bit>, which would cost every file that includes corset.hpp 14 million
// instructions on clang++ 14 and 10 million on g++ 12 (3% of the umbrella header's cost over
// <string_view>, callgrind) for a handful of uses.
inline constexpr bool little_endian = __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__;

inline constexpr std::uint64_t ones_bytes = 0x0101010101010101u;
inline constexpr std::uint64_t high_bits = 0x8080808080808080u;

// The constants of the checks that read words, as immediate functions: each call is replaced by
// its value where it is written, where a constant evaluation reads a named constant again at
// every use (clang 14: a read costs about twice the addition it feeds, measured) and computes
// `ones_bytes * (0x80 - c)` again each time.
//
// Added to a word whose bytes are all below 0x80, at_least(c) sets the high bit of each byte
// that is c or above, and above(c) that of each byte above c: no sum carries into the next byte.
[[nodiscard]] consteval std::uint64_t at_least(char c) noexcept {
  return ones_bytes * static_cast<unsigned char>(0x80 - c);
}
[[nodiscard]] consteval std::uint64_t above(char c) noexcept {
  return ones_bytes * static_cast<unsigned char>(0x7F - c);
}
// The byte c in each of the eight bytes: x ^ every_byte(c) has a zero byte where x has c.
[[nodiscard]] consteval std::uint64_t every_byte(unsigned char c) noexcept { return ones_bytes * c; }
// The high bit of each of the eight bytes.
[[nodiscard]] consteval std::uint64_t every_high_bit() noexcept { return high_bits; }

// Byte k of a text given as little-endian words.
[[nodiscard]] constexpr unsigned char byte_of_words(std::uint64_t const* w, std::size_t k) noexcept {
  return static_cast<unsigned char>(w[k / 8] >> (8 * (k % 8)));
}

[[nodiscard]] constexpr std::uint64_t byte_swap(std::uint64_t w) noexcept {
  std::uint64_t out = 0;
  for (int i = 0; i != 8; ++i) out |= ((w >> (8 * i)) & 0xFFu) << (8 * (7 - i));
  return out;
}

// The bytes of `chars` (a multiple of 8 of them) as little-endian words: byte k of the text is
// byte k % 8 of word k / 8, counted from the least significant.
template <std::size_t Bytes>
[[nodiscard]] constexpr std::array<std::uint64_t, Bytes / 8> words_of(char const (&chars)[Bytes]) noexcept {
  static_assert(Bytes % 8 == 0);
  auto words = __builtin_bit_cast(std::array<std::uint64_t, Bytes / 8>, chars);
  if constexpr (!little_endian)
    for (std::uint64_t& w : words) w = byte_swap(w);
  return words;
}

}  // namespace corset::detail
