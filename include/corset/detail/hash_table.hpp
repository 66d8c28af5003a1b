// corset/detail/hash_table.hpp - the one hash table behind every lookup corset makes.
//
// The origins of a policy (built at compile time), the origins of an origin_set (built at run
// time), the names of a long allow_headers or allow_methods list, and the paths of a route
// table all live in the same open-addressing table. It stores positions, never keys: the caller
// keeps its keys where they already are and says how to compare one (frozen's
// make_pmh_tables(items, hash, key) is the model). The slots are a std::array when the keys are
// known at compile time and a std::vector when they arrive at run time; the probing is the same.
#pragma once

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <type_traits>
#include <utility>

namespace corset::detail {

// --- hashing ----------------------------------------------------------------------------------

[[nodiscard]] constexpr std::uint64_t load_le64(char const* p) noexcept {
  if (std::is_constant_evaluated() || std::endian::native != std::endian::little) {
    std::uint64_t w = 0;
    for (int i = 0; i != 8; ++i) w |= std::uint64_t{static_cast<unsigned char>(p[i])} << (8 * i);
    return w;
  }
  std::uint64_t w;
  std::memcpy(&w, p, sizeof w);
  return w;
}

// ASCII A-Z to a-z in each byte of a word, every other byte unchanged (SWAR).
[[nodiscard]] constexpr std::uint64_t lowercase_word(std::uint64_t w) noexcept {
  constexpr std::uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
  std::uint64_t const low7 = w & ~high;
  std::uint64_t const at_least_a = low7 + ones * (0x80 - 'A');  // high bit: byte >= 'A'
  std::uint64_t const above_z = low7 + ones * (0x7F - 'Z');     // high bit: byte > 'Z'
  std::uint64_t const upper = at_least_a & ~above_z & ~w & high;
  return w | (upper >> 2);  // 0x80 >> 2 is the 0x20 between the cases
}

// Whether a key's ASCII letters count in either case (header names) or only as written.
enum class key_case : bool { exact, folded };

constexpr std::uint64_t hash_seed = 0x9E3779B97F4A7C15u;

[[nodiscard]] constexpr std::uint64_t hash_step(std::uint64_t h, std::uint64_t word) noexcept {
  h = (h ^ word) * hash_seed;
  return (h << 29) | (h >> 35);
}

// Every byte counts: origins share long prefixes (`https://`) and suffixes (`.example.com`).
// Eight bytes at a time, the tail as an overlapping last word; one multiply per word.
template <key_case Case = key_case::exact>
[[nodiscard]] constexpr std::uint64_t hash_bytes(std::string_view s) noexcept {
  std::size_t const n = s.size();
  std::uint64_t h = hash_seed ^ (n * 0xC2B2AE3D27D4EB4Fu);
  auto const fold = [](std::uint64_t w) { return Case == key_case::folded ? lowercase_word(w) : w; };
  if (std::is_constant_evaluated()) {
    // The same words as below, assembled byte by byte, in one loop without calls (not even
    // operator[]): this runs once per name of a list, and a compiler memoises every call.
    char const* const p = s.data();
    std::size_t const words = n >= 8 ? (n + 7) / 8 : 1;
    for (std::size_t w = 0; w != words; ++w) {
      std::size_t const start = n < 8 ? 0 : (w + 1 == words ? n - 8 : w * 8);
      std::size_t const length = n < 8 ? n : 8;
      std::uint64_t word = 0;
      for (std::size_t i = 0; i != length; ++i) {
        char c = p[start + i];
        if (Case == key_case::folded && c >= 'A' && c <= 'Z') c = static_cast<char>(c + ('a' - 'A'));
        word |= std::uint64_t{static_cast<unsigned char>(c)} << (8 * i);
      }
      h = (h ^ word) * hash_seed;
      h = (h << 29) | (h >> 35);
    }
  } else if (n >= 8) {
    std::size_t i = 0;
    for (; i + 8 <= n; i += 8) h = hash_step(h, fold(load_le64(s.data() + i)));
    if (i != n) h = hash_step(h, fold(load_le64(s.data() + n - 8)));
  } else {
    std::uint64_t w = 0;
    for (std::size_t i = 0; i != n; ++i) w |= std::uint64_t{static_cast<unsigned char>(s[i])} << (8 * i);
    h = hash_step(h, fold(w));
  }
  return (h ^ (h >> 32)) * 0xD6E8FEB86659FD93u;
}

// hash_bytes of a text of n bytes given as little-endian words (words.hpp), the bytes after it
// zero: the same value, computed a word at a time during constant evaluation.
template <std::size_t W>
[[nodiscard]] constexpr std::uint64_t hash_words(std::array<std::uint64_t, W> const& words, std::size_t n) noexcept {
  std::uint64_t const* const w = words.data();  // no operator[] calls: see hash_bytes
  std::size_t const whole = n < 8 ? 1 : n / 8, rest = n < 8 ? 0 : n % 8;
  std::uint64_t h = hash_seed ^ (n * 0xC2B2AE3D27D4EB4Fu);
  for (std::size_t i = 0; i <= whole; ++i) {
    if (i == whole && rest == 0) break;
    // The last eight bytes overlap the word before: its high bytes, then the next's low.
    std::uint64_t const word = i != whole ? w[i] : (w[i - 1] >> (8 * rest)) | (w[i] << (64 - 8 * rest));
    h = (h ^ word) * hash_seed;
    h = (h << 29) | (h >> 35);
  }
  return (h ^ (h >> 32)) * 0xD6E8FEB86659FD93u;
}

// --- few keys: compared as constants -------------------------------------------------------------

// Up to this many keys are compared one by one against constants, like hand-written code (a
// length test, then a memcmp of a constant length); beyond it the table below wins.
inline constexpr std::size_t few_keys = 16;

template <std::size_t N>
[[nodiscard]] constexpr bool equal_bytes(char const* a, char const* b) noexcept {
  if (std::is_constant_evaluated()) {
    for (std::size_t i = 0; i != N; ++i)
      if (a[i] != b[i]) return false;
    return true;
  }
  return std::memcmp(a, b, N) == 0;  // a constant length: compilers emit a few loads
}

// --- the table ---------------------------------------------------------------------------------

// A power of two, at least twice the number of keys: probes stay short.
[[nodiscard]] constexpr std::size_t table_capacity(std::size_t keys) noexcept {
  return std::bit_ceil(keys * 2 < 16 ? std::size_t{16} : keys * 2);
}

struct table_slot {
  std::uint32_t position = 0;  // of the key, plus one; 0 marks an empty slot
  std::uint32_t tag = 0;       // the hash's low bits, compared before the key
};

// Open addressing, linear probing, at most half full. `Slots` is std::array<table_slot, N> or
// std::vector<table_slot> of table_capacity(keys) slots.
template <class Slots>
class open_table {
 public:
  constexpr explicit open_table(Slots slots) noexcept
      : slots_(std::move(slots)), shift_(64 - std::countr_zero(slots_.size())) {}

  // The position (1-based) of the key hashed to `h` for which `same(position)` holds (0-based
  // position), or 0.
  template <class Same>
  [[nodiscard]] constexpr std::size_t find(std::uint64_t h, Same&& same) const noexcept {
    auto const tag = static_cast<std::uint32_t>(h);
    std::size_t const mask = slots_.size() - 1;
    for (std::size_t i = h >> shift_;; i = (i + 1) & mask) {
      table_slot const s = slots_[i];
      if (s.position == 0) return 0;
      if (s.tag == tag && same(std::size_t{s.position - 1})) return s.position;
    }
  }

  // Inserts the key at `position` (0-based) unless an equal one is there already, whose
  // position (1-based) is then returned; 0 when inserted.
  template <class Same>
  constexpr std::size_t insert(std::uint64_t h, std::size_t position, Same&& same) noexcept {
    auto const tag = static_cast<std::uint32_t>(h);
    std::size_t const mask = slots_.size() - 1;
    std::size_t i = h >> shift_;
    for (; slots_[i].position != 0; i = (i + 1) & mask)
      if (slots_[i].tag == tag && same(std::size_t{slots_[i].position - 1})) return slots_[i].position;
    slots_[i] = {static_cast<std::uint32_t>(position + 1), tag};
    return 0;
  }

  [[nodiscard]] constexpr std::size_t capacity() const noexcept { return slots_.size(); }

 private:
  Slots slots_;
  int shift_;
};

}  // namespace corset::detail
