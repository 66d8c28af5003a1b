// corset/detail/hash_table.hpp - the one hash table behind every lookup corset makes.
//
// The origins of a policy (built at compile time), the origins of an origin_set (built at run
// time), the names of a long allow_headers or allow_methods list, and the paths of a route
// table all live in the same open-addressing table. It stores positions, never keys: the caller
// keeps its keys where they already are and says how to compare one (frozen's
// make_pmh_tables(items, hash, key) is the model); a table built once may then rename them
// (renumber(): a run-time set's slots name its origins' offsets in its text), or its keys may
// move into its slots (position_at(): a route index). The slots are a
// std::array when the keys are known at compile time and a std::vector when they arrive at run
// time; the probing is the same.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <type_traits>
#include <utility>

#include <corset/detail/byte_blocks.hpp>
#include <corset/detail/words.hpp>

namespace corset::detail {

// --- hashing ----------------------------------------------------------------------------------

// Bytes are copied and compared through the compilers' builtins, which are what memcpy and
// memcmp become anyway: <cstring> would add glibc's <string.h> to every file that includes
// corset.hpp (11 / 12 million instructions on clang++ / g++, 3% of the umbrella header's cost).

[[nodiscard]] constexpr std::uint64_t load_le64(char const* p) noexcept {
  if (std::is_constant_evaluated() || !little_endian) {
    std::uint64_t w = 0;
    for (int i = 0; i != 8; ++i) w |= std::uint64_t{static_cast<unsigned char>(p[i])} << (8 * i);
    return w;
  }
  std::uint64_t w;
  __builtin_memcpy(&w, p, sizeof w);
  return w;
}

// ASCII A-Z to a-z in each byte of a word, every other byte unchanged (SWAR).
[[nodiscard]] constexpr std::uint64_t lowercase_word(std::uint64_t w) noexcept {
  std::uint64_t const low7 = w & ~every_high_bit();
  std::uint64_t const at_least_a = low7 + at_least('A');  // high bit: byte >= 'A'
  std::uint64_t const above_z = low7 + above('Z');        // high bit: byte > 'Z'
  std::uint64_t const upper = at_least_a & ~above_z & ~w & every_high_bit();
  return w | (upper >> 2);  // 0x80 >> 2 is the 0x20 between the cases
}

// Whether a key's ASCII letters count in either case (header names) or only as written.
enum class key_case : bool { exact, folded };

constexpr std::uint64_t hash_seed = 0x9E3779B97F4A7C15u;
constexpr std::uint64_t hash_key = 0xC2B2AE3D27D4EB4Fu;

#if defined(__SIZEOF_INT128__)
__extension__ using uint128_for_hash = unsigned __int128;  // __extension__: -Wpedantic knows no __int128
#endif

// The product of two words, its high half folded onto its low half: one multiply mixes 16
// bytes (wyhash's "mum").
[[nodiscard]] constexpr std::uint64_t fold_multiply(std::uint64_t a, std::uint64_t b) noexcept {
#if defined(__SIZEOF_INT128__)
  uint128_for_hash const p = static_cast<uint128_for_hash>(a) * b;
  return static_cast<std::uint64_t>(p) ^ static_cast<std::uint64_t>(p >> 64);
#else
  std::uint64_t const al = a & 0xFFFFFFFFu, ah = a >> 32, bl = b & 0xFFFFFFFFu, bh = b >> 32;
  std::uint64_t const ll = al * bl, lh = al * bh, hl = ah * bl, hh = ah * bh;
  std::uint64_t const mid = (ll >> 32) + (lh & 0xFFFFFFFFu) + (hl & 0xFFFFFFFFu);
  return ((ll & 0xFFFFFFFFu) | (mid << 32)) ^ (hh + (lh >> 32) + (hl >> 32) + (mid >> 32));
#endif
}

// The hash of n bytes, given `word(q)`: the little-endian word of the 8 bytes at q (for n < 8,
// the n bytes, zero-extended). Sixteen bytes per multiply; a tail as the last 16 bytes,
// overlapping the block before. Every byte counts: origins share long prefixes (`https://`)
// and suffixes (`.example.com`).
template <class Word>
[[nodiscard]] constexpr std::uint64_t hash_with(std::size_t n, Word const& word) noexcept {
  std::uint64_t h = hash_seed ^ (n * hash_key);
  if (n <= 16) return fold_multiply(word(0) ^ h, (n > 8 ? word(n - 8) : 0) ^ hash_key);
  h = fold_multiply(word(0) ^ h, word(8) ^ hash_key);
  if (n > 32) {  // most origins are 17 to 48 bytes: their blocks without a loop
    h = fold_multiply(word(16) ^ h, word(24) ^ hash_key);
    for (std::size_t q = 32; q + 16 < n; q += 16) h = fold_multiply(word(q) ^ h, word(q + 8) ^ hash_key);
  }
  return fold_multiply(word(n - 16) ^ h, word(n - 8) ^ hash_key);
}

template <key_case Case = key_case::exact>
[[nodiscard]] constexpr std::uint64_t hash_bytes(std::string_view s) noexcept {
  std::size_t const n = s.size();
  char const* const p = s.data();  // indexed directly: each operator[] would be a constexpr call
  auto const fold = [](std::uint64_t w) { return Case == key_case::folded ? lowercase_word(w) : w; };
  if (n >= 8 && !std::is_constant_evaluated())  // the common case, apart: plain loads, no branch a word
    return hash_with(n, [p, fold](std::size_t q) { return fold(load_le64(p + q)); });
  return hash_with(n, [p, n, fold](std::size_t q) {
    std::uint64_t w = 0;
    std::size_t const length = n < 8 ? n : 8;
    for (std::size_t i = 0; i != length; ++i) w |= std::uint64_t{static_cast<unsigned char>(p[q + i])} << (8 * i);
    return fold(w);
  });
}

// hash_bytes of a text of n bytes given as little-endian words (words.hpp), the bytes after it
// zero: the same value, computed during constant evaluation, where it runs for each of thousands
// of origins and every operation is interpreted. The blocks before the tail are whole words; the
// tail's (the last 16 bytes, at n % 8 into a word) are each two words shifted together, the
// second shift split in two so that n % 8 == 0 needs no branch (a shift by 64 is undefined).
template <std::size_t W>
[[nodiscard]] constexpr std::uint64_t hash_words(std::array<std::uint64_t, W> const& words, std::size_t n) noexcept {
  std::uint64_t const* const w = words.data();
  std::uint64_t h = hash_seed ^ (n * hash_key);
  std::size_t const s = 8 * (n % 8);
  if (n <= 16)  // the first word, and the 8 bytes at n - 8
    return fold_multiply(w[0] ^ h, (n > 8 ? (w[(n - 8) / 8] >> s) | ((w[(n - 8) / 8 + 1] << 1) << (63 - s)) : 0) ^ hash_key);
  std::size_t b = 0;  // a word
  for (; 8 * b + 16 < n; b += 2) h = fold_multiply(w[b] ^ h, w[b + 1] ^ hash_key);
  b = (n - 16) / 8;
  return fold_multiply(((w[b] >> s) | ((w[b + 1] << 1) << (63 - s))) ^ h,
                       ((w[b + 1] >> s) | ((w[b + 2] << 1) << (63 - s))) ^ hash_key);
}

// --- few keys: compared as constants -------------------------------------------------------------

// Up to this many keys are compared one by one against constants, like hand-written code (a
// length test, then the bytes of a constant length); beyond it the table below wins.
inline constexpr std::size_t few_keys = 16;

// N bytes at a and b, a word at a time from the first, the last word overlapping the one before,
// unrolled: each word a compare and a branch, so that a key of the list leaves at the first word
// that differs, and the keys of a list differ early (`https://app1.` and `https://app2.` in their
// second word). The compilers' own expansion of a constant memcmp compares 16 bytes before its
// first branch, and gives up past 64 bytes (g++ 12) or 32 (clang++ 14) for a call to the library;
// with it, an allowed request at 16 origins took 99 instructions against this one's 83.
template <std::size_t N, std::size_t... W>
[[nodiscard, gnu::always_inline]] inline bool equal_words(char const* a, char const* b, std::index_sequence<W...>) noexcept {
  return ((load_le64(a + 8 * W) == load_le64(b + 8 * W)) && ...) && load_le64(a + N - 8) == load_le64(b + N - 8);
}

// `b`, the constant, must start an array of its own: from inside one (a view into a longer
// constant text), g++ 12 warns at -Og, -O1 and -Os that the memcmp reads past "an unterminated
// array of size 1" (-Wstringop-overread, a false positive; see request_headers.hpp's name_bytes).
template <std::size_t N>
[[nodiscard]] constexpr bool equal_bytes(char const* a, char const* b) noexcept {
  if (std::is_constant_evaluated()) {
    for (std::size_t i = 0; i != N; ++i)
      if (a[i] != b[i]) return false;
    return true;
  }
  if constexpr (N >= 16) return equal_words<N>(a, b, std::make_index_sequence<(N - 1) / 8>{});
  return __builtin_memcmp(a, b, N) == 0;  // under 16 bytes, compilers emit a load or two
}

// Whether two texts are equal: at run time a length test, then two overlapping word compares
// for 8 to 16 bytes (route paths, header names), else a memcmp; never the call to
// char_traits::compare that string_view's == makes.
[[nodiscard]] constexpr bool same_text(std::string_view a, std::string_view b) noexcept;

// n bytes at a and b, n at least 8: from 16 on, sixteen at a time where the compiler has SSE2
// (the last block overlapping the one before), else a word at a time (the last word overlapping
// the one before); for the lengths origins have, fewer instructions than a call to memcmp. Run
// time only.
[[nodiscard, gnu::always_inline]] inline bool same_bytes(char const* a, char const* b, std::size_t n) noexcept {
#if CORSET_DETAIL_BYTE_BLOCKS
  if (n >= 16) {
    auto const equal = [a, b](std::size_t at) { return byte_mask(byte_vector(load_block(a + at) == load_block(b + at))); };
    // The first and the last block; most origins (17 to 48 bytes) need one more at most, without
    // a loop, as in hash_with.
    unsigned all = equal(0) & equal(n - 16);
    if (n > 32) {
      all &= equal(16);
      for (std::size_t i = 32; i + 16 < n; i += 16) all &= equal(i);
    }
    return all == 0xFFFFu;
  }
#endif
  for (std::size_t i = 0; i + 8 < n; i += 8)
    if (load_le64(a + i) != load_le64(b + i)) return false;
  return load_le64(a + n - 8) == load_le64(b + n - 8);
}

constexpr bool same_text(std::string_view a, std::string_view b) noexcept {
  if (std::is_constant_evaluated()) return a == b;
  std::size_t const n = a.size();
  if (n != b.size()) return false;
  if (n >= 8 && n <= 16)
    return load_le64(a.data()) == load_le64(b.data()) && load_le64(a.data() + n - 8) == load_le64(b.data() + n - 8);
  return __builtin_memcmp(a.data(), b.data(), n) == 0;
}

// --- the table ---------------------------------------------------------------------------------

// A power of two, at least `spread` times the number of keys: probes stay short. Linear probing
// reads (1 + 1 / (1 - load)) / 2 slots on average to find a key and (1 + 1 / (1 - load)^2) / 2
// to miss one: 1.5 and 2.5 at half full, 1.17 and 1.39 at a quarter.
[[nodiscard]] constexpr std::size_t table_capacity(std::size_t keys, std::size_t spread = 2) noexcept {
  std::size_t capacity = 16;
  while (capacity < keys * spread) capacity *= 2;
  return capacity;
}

struct table_slot {
  std::uint32_t position = 0;  // of the key, plus one; 0 marks an empty slot
  std::uint32_t tag = 0;       // the hash's low bits, compared before the key
};

// Open addressing, linear probing, at most half full (a policy's origin table a quarter: see
// table_capacity), Robin Hood insertion: a key walking past one that sits nearer its own home slot
// takes that slot and moves the other on. The slots taken, and so the cost of a miss and the
// average cost of a hit, are those of plain linear probing; the longest probe is not. Inserted in
// order, one of 4096 origins took 19 slots to find, and paid for it on every request; with Robin
// Hood, none takes more than 6. `Slots` is std::array<table_slot, N> or std::vector<table_slot> of
// table_capacity(keys) slots.
template <class Slots>
class open_table {
 public:
  constexpr explicit open_table(Slots slots) noexcept
      : slots_(std::move(slots)), mask_(slots_.size() - 1), shift_(64 - __builtin_ctzll(slots_.size())) {}

  // The position (1-based) of the key hashed to `h` for which `same(position)` holds (0-based
  // position), or 0.
  template <class Same>
  [[nodiscard]] constexpr std::size_t find(std::uint64_t h, Same&& same) const noexcept {
    auto const tag = static_cast<std::uint32_t>(h);
    for (std::size_t i = h >> shift_;; i = (i + 1) & mask_) {
      table_slot const s = slots_[i];
      if (s.position == 0) return 0;
      if (s.tag == tag && same(std::size_t{s.position - 1})) return s.position;
    }
  }

  // Inserts the key at `position` (0-based) unless an equal one is there already, whose
  // position (1-based) is then returned; 0 when inserted. `hash_at(p)` is the hash of the key at
  // position p: a slot has no room for its key's home, which Robin Hood compares.
  template <class Same, class HashAt>
  constexpr std::size_t insert(std::uint64_t h, std::size_t position, Same&& same, HashAt&& hash_at) noexcept {
    auto const distance_of = [&](std::size_t i, table_slot s) { return offset(i, hash_at(std::size_t{s.position - 1})); };
    auto const tag = static_cast<std::uint32_t>(h);
    std::size_t i = h >> shift_;
    // Up to the first key nearer its home than this one would be: an equal key lies before it,
    // since every key was placed this way.
    std::size_t distance = 0;  // of this key from its home, were it in slot i
    for (;; i = (i + 1) & mask_, ++distance) {
      table_slot const s = slots_[i];
      if (s.position == 0) {
        slots_[i] = {static_cast<std::uint32_t>(position + 1), tag};
        return 0;
      }
      if (s.tag == tag && same(std::size_t{s.position - 1})) return s.position;
      if (distance_of(i, s) < distance) break;
    }
    // There this key goes, and each key it displaces goes on as far as the same rule lets it.
    for (table_slot moving{static_cast<std::uint32_t>(position + 1), tag};; i = (i + 1) & mask_, ++distance) {
      table_slot const s = slots_[i];
      if (s.position == 0) {
        slots_[i] = moving;
        return 0;
      }
      if (std::size_t const resident = distance_of(i, s); resident < distance) {
        slots_[i] = moving;
        moving = s;
        distance = resident;
      }
    }
  }

  // Names each key by `id(position)` (0-based, under 2^32 - 1) from now on: find() then passes
  // that to `same`. For a table no longer inserted into, whose keys' ids reach their bytes
  // directly (a text's offset where the positions index entries that hold it).
  template <class Id>
  constexpr void renumber(Id&& id) noexcept {
    for (table_slot& s : slots_)
      if (s.position != 0) s.position = static_cast<std::uint32_t>(id(std::size_t{s.position - 1}) + 1);
  }

  [[nodiscard]] constexpr std::size_t capacity() const noexcept { return slots_.size(); }
  // The position (1-based) of the key in slot i, or 0: for a table whose keys move into their
  // slots once it is built (a route index).
  [[nodiscard]] constexpr std::size_t position_at(std::size_t i) const noexcept { return slots_[i].position; }

  // For each key, how many slots its lookup reads (1: the key is in its home slot), passed to
  // `visit`: the table's quality, which a hash that clusters its keys would show.
  template <class HashAt, class Visit>
  constexpr void each_probe(HashAt&& hash_at, Visit&& visit) const {
    for (std::size_t i = 0; i != slots_.size(); ++i)
      if (slots_[i].position != 0) visit(offset(i, hash_at(std::size_t{slots_[i].position - 1})) + 1);
  }

  // The most slots a lookup of a key in the table reads (1: every key in its home slot).
  template <class HashAt>
  [[nodiscard]] constexpr std::size_t longest_probe(HashAt&& hash_at) const noexcept {
    std::size_t longest = 0;
    each_probe(hash_at, [&longest](std::size_t probe) { longest = probe > longest ? probe : longest; });
    return longest;
  }

 private:
  Slots slots_;
  std::size_t mask_;  // capacity - 1: a load, where a std::vector's size is a subtraction and a shift
  int shift_;         // 64 - log2(capacity): a hash's top bits are its home slot

  // How many slots past the home of the key hashed to `h` slot i is.
  [[nodiscard]] constexpr std::size_t offset(std::size_t i, std::uint64_t h) const noexcept { return (i - (h >> shift_)) & mask_; }
};

}  // namespace corset::detail
