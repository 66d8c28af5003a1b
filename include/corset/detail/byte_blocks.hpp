// corset/detail/byte_blocks.hpp - sixteen bytes at a time, where the compiler has SSE2.
//
// Through the compilers' vector extension rather than <emmintrin.h>, which would add its parsing
// to every user's build. Every x86-64 has SSE2; elsewhere CORSET_DETAIL_BYTE_BLOCKS is 0 and
// callers read a byte or a word at a time. Run time only: constant evaluation cannot read
// through these.
#pragma once

#if defined(__SSE2__) && (defined(__GNUC__) || defined(__clang__))
#define CORSET_DETAIL_BYTE_BLOCKS 1
#else
#define CORSET_DETAIL_BYTE_BLOCKS 0
#endif

#if CORSET_DETAIL_BYTE_BLOCKS
namespace corset::detail {

using byte_vector = char __attribute__((vector_size(16)));
using unsigned_byte_vector = unsigned char __attribute__((vector_size(16)));  // for sums that wrap

[[nodiscard, gnu::always_inline]] inline byte_vector splat(char c) noexcept {
  return byte_vector{c, c, c, c, c, c, c, c, c, c, c, c, c, c, c, c};
}
[[nodiscard, gnu::always_inline]] inline byte_vector load_block(char const* p) noexcept {
  byte_vector v;
  __builtin_memcpy(&v, p, sizeof v);
  return v;
}
// Bit k: whether byte k of a comparison's result is set.
[[nodiscard, gnu::always_inline]] inline unsigned byte_mask(byte_vector v) noexcept {
  return static_cast<unsigned>(__builtin_ia32_pmovmskb128(v));
}
// Bytes from `low` to `low + count - 1`: one add and one signed compare (the add, which wraps,
// hence unsigned, moves the range to the bottom of the signed bytes).
[[nodiscard, gnu::always_inline]] inline byte_vector in_range(byte_vector v, int low, int count) noexcept {
  auto const moved = byte_vector(unsigned_byte_vector(v) + unsigned_byte_vector(splat(static_cast<char>(128 - low))));
  return byte_vector(splat(static_cast<char>(-128 + count)) > moved);
}

}  // namespace corset::detail
#endif
