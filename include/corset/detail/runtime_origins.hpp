// corset/detail/runtime_origins.hpp - an immutable set of origins known only at run time.
//
// Built once per load (validation, hashing, allocation happen there), then only read: one hash
// lookup for exact origins, and for patterns one lookup per candidate suffix of the request's
// host whose length some pattern has. The matching rules are those of origin_matcher.hpp
// (rules 3), which tests/unit/origin_set.cpp and the fuzzer check against each other.
#pragma once

#include <algorithm>
#include <array>
#include <cstring>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include <corset/detail/hash_table.hpp>
#include <corset/detail/option.hpp>
#include <corset/detail/origin_matcher.hpp>
#include <corset/detail/origin_syntax.hpp>

namespace corset::detail {

// How an entry matches: the whole origin, or the part after `scheme://` and `*.`.
enum class entry_kind : std::uint8_t {
  exact,         // https://app.example.com            key: the whole text
  any_port,      // http://localhost:*                  key: http://localhost
  any_subdomain, // https://*.example.com[:8443]        key: example.com[:8443], scheme apart
  any_subdomain_any_port,  // https://*.example.com:*   key: example.com, scheme apart
  other_exact,   // under 8 bytes (ws://a), or 64 KiB and more (a scheme that long): with the patterns
};

class runtime_origins {
 public:
  // Validates every origin with the rules of the policy (the same function as at compile time)
  // and builds the set; on the first mistake, returns it (with the entry's 1-based position) and
  // leaves `out` empty.
  [[nodiscard]] static diagnosis build(std::span<const std::string_view> origins, origin_rules rules,
                                       std::unique_ptr<runtime_origins>& out) {
    // Two passes, and no scratch memory beside what the set keeps and a sample of hashes: a set
    // is most often loaded once, and then every byte it touches is a page fault (fresh from the
    // kernel, 40 of the 47 ms that 100,000 origins took here when the validation kept each
    // origin's parts).
    auto set = std::unique_ptr<runtime_origins>(new runtime_origins{});
    set->entries_.reserve(origins.size());
    std::size_t bytes = 0;
    for (std::size_t i = 0; i != origins.size(); ++i) {
      validated_origin const v = validate_origin(origins[i], rules);
      if (v.what != mistake::none) return {v.what, i + 1};
      set->entries_.push_back(entry_of(origins[i], v.parts, bytes));
      bytes += origins[i].size();
    }
    set->text_.reset(new char[bytes == 0 ? 1 : bytes]);
    for (std::size_t i = 0; i != origins.size(); ++i)
      std::copy(origins[i].begin(), origins[i].end(), set->text_.get() + set->entries_[i].offset);
    set->window_ = set->best_window();
    if (diagnosis const d = set->fill_tables(); !d.ok()) return d;
    // Origins that share their window and last word (and length) share a hash, and each lookup
    // of one reads them all: past a few, every byte of every origin is hashed instead.
    if (set->window_ != whole_origin && set->longest_exact_probe() > longest_window_probe) {
      set->window_ = whole_origin;
      static_cast<void>(set->fill_tables());  // the same origins: no duplicate this time either
    }
    // From now on the exact table is only read, and it names each origin by its text's offset:
    // a lookup goes from the slot to the bytes, without the entry.
    set->exact_table_.renumber([&set](std::size_t at) { return std::size_t{set->entries_[at].offset}; });
    out = std::move(set);
    return {};
  }

  [[nodiscard]] std::size_t size() const noexcept { return entries_.size(); }

  // Where the exact origins' hash reads them (see exact_hash), for tests: a window's offset, or
  // whole_origin.
  static constexpr std::size_t whole_origin = ~std::size_t{0};
  [[nodiscard]] std::size_t window() const noexcept { return window_; }

  // What the set holds in memory: the texts, the entries and the table.
  [[nodiscard]] std::size_t memory_bytes() const noexcept {
    std::size_t text = 0;
    for (entry const& e : entries_) text += e.length;
    return sizeof(*this) + text + entries_.capacity() * sizeof(entry) +
           (exact_table_.capacity() + pattern_table_.capacity()) * sizeof(table_slot);
  }

  // The exact origins inline (what most requests need), the patterns out of line.
  [[nodiscard]] bool contains(std::string_view o) const noexcept {
    // One compare for both bounds: below the shortest, the difference wraps around.
    if (o.size() - exact_lengths_.shortest < exact_lengths_.count && find_exact(o)) return true;
    return patterns() != 0 && matches_pattern(o);
  }

 private:
  // Flattened: the hash and the probe inline, and the comparison a block at a time, not a call.
  // The exact origins have a table of their own, whose slots hold their texts' offsets, and
  // whose tags their lengths (exact_hash): no entry to read.
  [[nodiscard, gnu::flatten]] bool find_exact(std::string_view o) const noexcept {
    char const* const text = text_.get();
    auto const same = [&](std::size_t offset) { return same_bytes(text + offset, o.data(), o.size()); };
    return exact_table_.find(exact_hash(o), same) != 0;
  }

  [[gnu::noinline]] bool matches_pattern(std::string_view o) const noexcept {
    if (patterns() == 0) return false;
    if (!fits_exact_table(o.size()) && counts_[kind_index(entry_kind::other_exact)] != 0 &&
        find(entry_kind::other_exact, {}, o))
      return true;
    std::size_t const scheme_end = o.find("://");
    if (scheme_end == std::string_view::npos) return false;
    std::string_view const scheme = o.substr(0, scheme_end + 3);
    std::string_view const rest = o.substr(scheme_end + 3);
    unsigned const default_port_value = default_port(o.substr(0, scheme_end));

    // The host and whether the port is one a `:*` pattern accepts; `rest` has none at all when
    // its last colon is inside an IPv6 literal or absent.
    std::size_t const colon = rest.rfind(':');
    bool const has_port = colon != std::string_view::npos && rest.find(']', colon) == std::string_view::npos;
    unsigned const port = has_port ? parse_port(rest.substr(colon + 1)) : 0;
    bool const port_ok = !has_port || (port != 0 && port != default_port_value);
    std::string_view const host = has_port ? rest.substr(0, colon) : rest;

    if (counts_[kind_index(entry_kind::any_port)] != 0 && port_ok) {
      if (find(entry_kind::any_port, {}, o.substr(0, scheme.size() + host.size()))) return true;
    }
    if (host.size() > max_host_length) return false;  // no browser sends it (rules 3.5)
    if (counts_[kind_index(entry_kind::any_subdomain)] != 0 && subdomain_of(entry_kind::any_subdomain, scheme, rest))
      return true;
    if (counts_[kind_index(entry_kind::any_subdomain_any_port)] != 0 && port_ok &&
        subdomain_of(entry_kind::any_subdomain_any_port, scheme, host))
      return true;
    return false;
  }

  struct entry {
    std::uint32_t offset = 0;
    std::uint32_t length = 0;
    std::uint32_t key_offset = 0;
    std::uint32_t key_length = 0;
    std::uint32_t scheme_length : 24 = 0;  // "https://", for the subdomain kinds
    entry_kind kind = entry_kind::exact;
  };
  using table = open_table<std::vector<table_slot>>;
  static constexpr std::size_t max_key_length = 512;
  static constexpr std::size_t kind_index(entry_kind k) noexcept { return static_cast<std::size_t>(k); }

  runtime_origins() = default;

  [[nodiscard]] std::size_t patterns() const noexcept { return entries_.size() - counts_[0]; }

  [[nodiscard]] std::string_view text_of(entry const& e) const noexcept { return {text_.get() + e.offset, e.length}; }
  [[nodiscard]] std::string_view key_of(entry const& e) const noexcept {
    return text_of(e).substr(e.key_offset, e.key_length);
  }

  // Subdomain patterns keep the scheme apart from the key: it is compared, and mixed into the
  // hash, on its own.
  [[nodiscard]] static std::uint64_t hash_of(entry_kind kind, std::string_view scheme, std::string_view key) noexcept {
    std::uint64_t h = hash_bytes(key) ^ (static_cast<std::uint64_t>(kind) * 0x9E3779B97F4A7C15u);
    if (!scheme.empty()) h ^= hash_bytes(scheme) * 0xC2B2AE3D27D4EB4Fu;
    return h;
  }

  // The exact origins' hash. hash_bytes reads every byte, three multiplies for a 34-byte
  // origin, though most of them are the same in every origin of a set (`https://`,
  // `.example.com`). So unless that leaves some origins hard to tell apart (build()), the hash
  // reads two words: the 8 bytes at the set's window, where its origins differ (chosen when the
  // set is built), and the last 8 (a port, a top-level domain), with the length: one multiply.
  // The table still compares every byte of an origin it finds; the hash only decides where to
  // look, and a request's origin cannot move the set's own.
  //
  // Its low 16 bits are the length: a slot's tag (the hash's low 32 bits) holds its origin's
  // length, and a lookup compares only origins of the request's length, without reading their
  // entries. contains() looks up no length outside the exact origins' (8 to 65,535 bytes), so
  // equal low bits are equal lengths.
  static constexpr std::size_t max_tagged_length = 0xFFFF;
  static constexpr std::size_t longest_window_probe = 12;  // slots a lookup through the window may read

  // The exact origins in the exact table: those whose length fits a tag, and whose bytes
  // same_bytes compares (8 and more).
  [[nodiscard]] static constexpr bool fits_exact_table(std::size_t n) noexcept {
    return n >= 8 && n <= max_tagged_length;
  }

  [[nodiscard]] std::uint64_t exact_hash(std::string_view o) const noexcept {
    std::uint64_t const h = window_ == whole_origin ? hash_of(entry_kind::exact, {}, o) : window_hash(o, window_);
    return (h & ~std::uint64_t{max_tagged_length}) | o.size();
  }

  // `o` has at least window + 8 bytes: the window lies inside the shortest exact origin, and
  // contains() looks up no shorter one.
  [[nodiscard]] static std::uint64_t window_hash(std::string_view o, std::size_t window) noexcept {
    std::size_t const n = o.size();
    return fold_multiply(load_le64(o.data() + window) ^ hash_seed ^ (n * hash_key), load_le64(o.data() + n - 8) ^ hash_key);
  }

  // The window that tells most exact origins apart, judged on about 4096 of them picked at
  // random (the first that tells them all apart, from the left; whole_origin when there are
  // none). At random, not every n-th: a list is often numbered, and origins that one window
  // cannot tell apart (app12340 to app12349) are then neighbours, which a stride skips.
  [[nodiscard]] std::size_t best_window() const {
    std::size_t exact = 0, shortest = ~std::size_t{0};
    for (entry const& e : entries_) {
      if (e.kind != entry_kind::exact) continue;
      ++exact;
      shortest = e.length < shortest ? e.length : shortest;
    }
    if (exact == 0) return whole_origin;
    std::vector<std::string_view> sample;
    if (exact <= sample_size) {
      for (entry const& e : entries_)
        if (e.kind == entry_kind::exact) sample.push_back(text_of(e));
    } else {  // positions among all entries; the patterns' are left out
      std::vector<std::size_t> picked(sample_size);
      std::uint64_t state = hash_seed;  // the same sample for the same list, every load
      for (std::size_t& p : picked) {
        state += hash_seed;
        p = fold_multiply(state ^ hash_key, state) % entries_.size();
      }
      std::sort(picked.begin(), picked.end());
      picked.erase(std::unique(picked.begin(), picked.end()), picked.end());  // each origin once
      for (std::size_t p : picked)
        if (entries_[p].kind == entry_kind::exact) sample.push_back(text_of(entries_[p]));
    }
    std::vector<std::uint64_t> hashes(sample.size());
    std::size_t best = whole_origin, best_distinct = 0;
    for (std::size_t window = 0; window + 8 <= shortest; ++window) {  // inside every origin
      for (std::size_t i = 0; i != sample.size(); ++i) hashes[i] = window_hash(sample[i], window);
      std::sort(hashes.begin(), hashes.end());
      auto const distinct = static_cast<std::size_t>(std::unique(hashes.begin(), hashes.end()) - hashes.begin());
      if (distinct > best_distinct) {
        best = window;
        best_distinct = distinct;
      }
      if (distinct == sample.size()) break;
    }
    return best;
  }
  static constexpr std::size_t sample_size = 4096;

  [[nodiscard]] std::size_t longest_exact_probe() const noexcept {
    return exact_table_.longest_probe([this](std::size_t k) { return exact_hash(key_of(entries_[k])); });
  }

  [[nodiscard]] static bool has_scheme(entry_kind kind) noexcept {
    return kind == entry_kind::any_subdomain || kind == entry_kind::any_subdomain_any_port;
  }

  // Whether the entry at a position has this kind, scheme and key.
  [[nodiscard]] auto matching(entry_kind kind, std::string_view scheme, std::string_view key) const noexcept {
    return [this, kind, scheme, key](std::size_t at) {
      entry const& e = entries_[at];
      return e.kind == kind && key_of(e) == key && (!has_scheme(kind) || text_of(e).substr(0, e.scheme_length) == scheme);
    };
  }

  // The entry of an origin whose text will start at `offset`; `p` is filled for patterns only.
  [[nodiscard]] static entry entry_of(std::string_view text, origin_parts const& p, std::size_t offset) noexcept {
    entry e{};
    e.offset = static_cast<std::uint32_t>(offset);
    e.length = static_cast<std::uint32_t>(text.size());
    std::size_t const after_scheme = p.scheme.size() + 3;
    if (!p.is_pattern()) {
      e.kind = fits_exact_table(text.size()) ? entry_kind::exact : entry_kind::other_exact;
      e.key_offset = 0;
      e.key_length = e.length;
    } else if (!p.any_subdomain) {
      e.kind = entry_kind::any_port;
      e.key_offset = 0;
      e.key_length = static_cast<std::uint32_t>(text.size() - 2);  // without ":*"
    } else {
      e.kind = p.any_port ? entry_kind::any_subdomain_any_port : entry_kind::any_subdomain;
      e.scheme_length = static_cast<std::uint32_t>(after_scheme) & 0xFFFFFFu;
      e.key_offset = static_cast<std::uint32_t>(after_scheme + 2);  // after "*."
      e.key_length = static_cast<std::uint32_t>(text.size() - e.key_offset - (p.any_port ? 2 : 0));
    }
    return e;
  }

  [[nodiscard]] std::string_view scheme_of(entry const& e) const noexcept {
    return has_scheme(e.kind) ? text_of(e).substr(0, e.scheme_length) : std::string_view{};
  }

  // Enters every entry into a new table of its kind; the first duplicate refuses the set.
  [[nodiscard]] diagnosis fill_tables() {
    std::size_t exact = 0;
    for (entry const& e : entries_) exact += e.kind == entry_kind::exact ? 1 : 0;
    exact_table_ = table{std::vector<table_slot>(table_capacity(exact))};
    pattern_table_ = table{std::vector<table_slot>(table_capacity(entries_.size() - exact))};
    counts_ = {};
    key_lengths_ = {};
    exact_lengths_ = {};
    for (std::size_t i = 0; i != entries_.size(); ++i)
      if (!insert(i)) return {mistake::duplicate_origin, i + 1};
    return {};
  }

  // Enters the entry at `at` (its text in place) into its table, unless it is a duplicate.
  bool insert(std::size_t at) {
    entry const& e = entries_[at];
    std::string_view const scheme = scheme_of(e);
    std::string_view const key = key_of(e);
    auto const hash_at = [this](std::size_t k) {
      entry const& other = entries_[k];
      return other.kind == entry_kind::exact ? exact_hash(key_of(other))
                                             : hash_of(other.kind, scheme_of(other), key_of(other));
    };
    if (table_of(e.kind).insert(hash_at(at), at, matching(e.kind, scheme, key), hash_at) != 0)
      return false;
    ++counts_[kind_index(e.kind)];
    if (e.kind == entry_kind::exact) {
      exact_lengths_.add(key.size());
    } else if (key.size() < max_key_length) {
      key_lengths_[kind_index(e.kind)][key.size() / 64] |= std::uint64_t{1} << (key.size() % 64);
    }
    return true;
  }

  [[nodiscard]] bool find(entry_kind kind, std::string_view scheme, std::string_view key) const noexcept {
    return table_of(kind).find(hash_of(kind, scheme, key), matching(kind, scheme, key)) != 0;
  }

  [[nodiscard]] table& table_of(entry_kind kind) noexcept { return kind == entry_kind::exact ? exact_table_ : pattern_table_; }
  [[nodiscard]] table const& table_of(entry_kind kind) const noexcept {
    return kind == entry_kind::exact ? exact_table_ : pattern_table_;
  }

  [[nodiscard]] bool has_key_length(entry_kind kind, std::size_t n) const noexcept {
    return n < max_key_length && (key_lengths_[kind_index(kind)][n / 64] >> (n % 64) & 1) != 0;
  }

  // `labels.domain` where some pattern of `kind` has `domain` (with its port, for fixed ports):
  // one lookup per dot whose suffix has the length of a pattern's key.
  [[nodiscard]] bool subdomain_of(entry_kind kind, std::string_view scheme, std::string_view host) const noexcept {
    for (std::size_t dot = host.find('.'); dot != std::string_view::npos; dot = host.find('.', dot + 1)) {
      std::string_view const domain = host.substr(dot + 1);
      if (dot == 0 || !has_key_length(kind, domain.size())) continue;
      if (find(kind, scheme, domain) && is_subdomain_labels(host.substr(0, dot))) return true;
    }
    return false;
  }

  std::unique_ptr<char[]> text_;
  std::vector<entry> entries_;
  table exact_table_{std::vector<table_slot>(table_capacity(0))};
  table pattern_table_{std::vector<table_slot>(table_capacity(0))};  // every other kind
  // The lengths the exact origins have, from `shortest` on: a request's origin of another length
  // is not looked up (one compare for both bounds: below the shortest, the difference wraps).
  struct length_range {
    std::size_t shortest = 0;
    std::size_t count = 0;  // shortest + count - 1 is the longest; none when 0
    void add(std::size_t n) noexcept {
      std::size_t const longest = count == 0 ? n : (shortest + count - 1 > n ? shortest + count - 1 : n);
      shortest = count == 0 || n < shortest ? n : shortest;
      count = longest - shortest + 1;
    }
  };
  length_range exact_lengths_;
  std::size_t window_ = whole_origin;
  std::array<std::size_t, 5> counts_{};
  std::array<std::array<std::uint64_t, max_key_length / 64>, 5> key_lengths_{};
};

}  // namespace corset::detail
