// corset/origin_set.hpp - origins known only at run time, checked by the same rules.
//
//   inline corset::origin_set<corset::allow_credentials> book_hosts;   // empty until loaded
//   inline constexpr corset::policy<corset::allow_origins_from<book_hosts>,
//                                   corset::allow_credentials> books{};
//   ...
//   if (auto r = book_hosts.load("book-hosts.txt"); !r) log(r.describe());   // at start-up, on SIGHUP
//
// Everything but the origins stays a compile-time fact of the policy. The set's template
// arguments are the policy's options that change which origins are valid (allow_credentials and
// the dangerously_* ones), and a policy refuses to compile with a set whose options differ.
// Every origin added goes through the validator that checks allow_origins<...> at compile time
// (rules 3, 5.4-5.7) and is refused with the same `corset: <rule>; <fix>` text; a refused load
// changes nothing.
//
// Requests read the set without locks or allocation while another thread replaces it: a
// replacement is built aside, published with one atomic store, and the old one freed once no
// reader can still be using it (the writer waits for that, readers never wait; see
// detail/reader_slots.hpp).
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <initializer_list>
#include <memory>
#include <mutex>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <type_traits>
#include <vector>

#include <corset/detail/mistake_messages.hpp>
#include <corset/detail/mistakes.hpp>
#include <corset/detail/option.hpp>
#include <corset/detail/reader_slots.hpp>
#include <corset/detail/runtime_origins.hpp>
#include <corset/detail/text.hpp>
#include <corset/options.hpp>

namespace corset {

// What a load or replacement of an origin_set did: ok, or the first refused entry, its line
// (1-based, in a file or text; its position in a list) and the rule it breaks. Loading and
// reporting allocate (strings, the new table); the request path, contains(), never does.
class origin_set_result {
 public:
  origin_set_result() = default;

  [[nodiscard]] bool ok() const noexcept { return message_.empty(); }
  explicit operator bool() const noexcept { return ok(); }
  // How many origins the set holds after the call (unchanged when refused).
  [[nodiscard]] std::size_t size() const noexcept { return size_; }
  // The refused entry's line or position, 1-based; 0 when the file could not be read.
  [[nodiscard]] std::size_t line() const noexcept { return line_; }
  // `corset: <rule>; <fix>`, the compile-time diagnostic's text; or why the file was unreadable.
  [[nodiscard]] std::string_view message() const noexcept { return message_; }
  // The refused entry, as given (at most 256 bytes of it).
  [[nodiscard]] std::string_view entry() const noexcept { return entry_; }
  // One line for a log: `book-hosts.txt:12: http://x.example: corset: ...`, escaped.
  [[nodiscard]] std::string describe() const {
    // The source is a file name, or whatever the caller passed: escaped like the entry, so that
    // a CR or LF in it cannot forge a second log line.
    std::string out(source_.size() * 4, '\0');  // at most \xHH for every byte
    detail::text_writer source{out.data(), out.size()};
    detail::write_escaped_bytes(source, source_, detail::token_kind::path);
    out.resize(source.size());
    if (ok()) return out + ": " + std::to_string(size_) + " origins";
    // Appended piece by piece: g++ 12 at -O3 warns, wrongly, about `"literal" + std::string`.
    if (line_ != 0) out.append(":").append(std::to_string(line_));
    if (!entry_.empty() || line_ != 0) {
      char text[detail::shown_token_bytes * 4 + 8];
      detail::text_writer entry{text, sizeof text};
      detail::write_escaped(entry, entry_, detail::token_kind::origin);
      out.append(": ").append(text, entry.size());
    }
    return out + ": " + message_;
  }

 private:
  template <class...>
  friend class origin_set;
  std::string source_;
  std::string message_;
  std::string entry_;
  std::size_t line_ = 0;
  std::size_t size_ = 0;
};

// What a text (or file) that holds no origin at all means to load() and replace_from_text().
// Usually a mistake: a file read while it was being rewritten in place, or emptied by accident,
// and loading it would revoke every origin. Refused unless asked for.
enum class empty_text : bool { refused, allowed };

namespace detail {

template <class Allowance>
inline constexpr bool is_origin_allowance =
    std::is_same_v<Allowance, allow_credentials> || std::is_same_v<Allowance, dangerously_allow_insecure_origins> ||
    std::is_same_v<Allowance, dangerously_allow_public_suffix_wildcards>;

// Splits a file's text into origins: one a line, `#` to the end of a line is a comment,
// spaces, tabs and a CR around an origin are ignored, and so are empty lines.
struct origin_lines {
  std::vector<std::string_view> origins;
  std::vector<std::size_t> lines;  // 1-based line of each origin
};
// Calls f(origin, line) for each origin of the text, in order.
template <class F>
void for_each_origin_line(std::string_view text, F&& f) {
  std::size_t line = 0;
  while (!text.empty()) {
    ++line;
    std::size_t const end = text.find('\n');
    std::string_view entry = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
    entry = entry.substr(0, entry.find('#'));
    while (!entry.empty() && (is_ows(entry.front()) || entry.front() == '\r')) entry.remove_prefix(1);
    while (!entry.empty() && (is_ows(entry.back()) || entry.back() == '\r')) entry.remove_suffix(1);
    if (!entry.empty()) f(entry, line);
  }
}
[[nodiscard]] inline origin_lines split_origin_lines(std::string_view text) {
  // Counted first, so that each vector is allocated once: growing them would touch about twice
  // their memory, every page of it a fault on a first load (docs/benchmarks.md).
  std::size_t count = 0;
  for_each_origin_line(text, [&count](std::string_view, std::size_t) { ++count; });
  origin_lines out;
  out.origins.reserve(count);
  out.lines.reserve(count);
  for_each_origin_line(text, [&out](std::string_view origin, std::size_t line) {
    out.origins.push_back(origin);
    out.lines.push_back(line);
  });
  return out;
}

}  // namespace detail

// A set of allowed origins that changes while the server runs: loaded from data, replaced
// atomically, read by policies through allow_origins_from<set>. `Allowances` are the policy's
// allow_credentials and dangerously_* options, which decide what a valid origin is (rules 5.7).
template <class... Allowances>
class origin_set {
  static constexpr detail::mistake mistake_ = (detail::is_origin_allowance<Allowances> && ...)
                                                  ? detail::mistake::none
                                                  : detail::mistake::origin_set_bad_allowance;
  static constexpr decltype(sizeof(detail::check<0, mistake_>)) checked_ = 0;

 public:
  // The rules every origin of the set must follow.
  static constexpr detail::origin_rules rules{
      (std::is_same_v<Allowances, allow_credentials> || ...),
      (std::is_same_v<Allowances, dangerously_allow_insecure_origins> || ...),
      (std::is_same_v<Allowances, dangerously_allow_public_suffix_wildcards> || ...)};

  // An empty set: no origin is allowed until one is loaded.
  origin_set() = default;
  // A set that starts with these origins; throws std::invalid_argument with the rule if one is
  // refused (for sets known at start-up; later changes go through replace() and load()). Built
  // with -fno-exceptions, it prints the rule and aborts instead, as a failed start-up would.
  origin_set(std::initializer_list<std::string_view> origins) {
    if (origin_set_result const r = replace(origins); !r) {
#if defined(__cpp_exceptions)
      throw std::invalid_argument{r.describe()};
#else
      std::fprintf(stderr, "%s\n", r.describe().c_str());
      std::abort();
#endif
    }
  }
  origin_set(origin_set const&) = delete;
  origin_set& operator=(origin_set const&) = delete;
  ~origin_set() { delete current_.load(std::memory_order_relaxed); }

  // Replaces the whole set with `origins`, or changes nothing and says why.
  [[nodiscard]] origin_set_result replace(std::span<const std::string_view> origins) {
    return replace_lines(origins, {}, "origins");
  }
  [[nodiscard]] origin_set_result replace(std::initializer_list<std::string_view> origins) {
    return replace({origins.begin(), origins.size()});
  }

  // Replaces the set with the origins of `text`: one a line, `#` comments, blank lines ignored.
  // A single bad line refuses the whole text, with its line number; so does a text with no
  // origin at all, unless `if_empty` is empty_text::allowed.
  [[nodiscard]] origin_set_result replace_from_text(std::string_view text, std::string_view source = "text",
                                                    empty_text if_empty = empty_text::refused) {
    detail::origin_lines const lines = detail::split_origin_lines(text);
    if (lines.origins.empty() && if_empty == empty_text::refused) {
      origin_set_result r;
      r.source_ = source;
      r.message_ = detail::message(detail::mistake::empty_origin_text);
      r.size_ = size();
      return r;
    }
    return replace_lines(lines.origins, lines.lines, source);
  }

  // The same, from a file. Reading and building allocate; this runs at start-up or on a reload,
  // never on the request path (contains() allocates nothing). To change the file of a running
  // server, write the new one aside and rename() it over the old: a reader then sees one or the
  // other, never a half-written file.
  [[nodiscard]] origin_set_result load(std::string const& path, empty_text if_empty = empty_text::refused) {
    std::string text;
    if (!read_file(path, text)) {
      origin_set_result r;
      r.source_ = path;
      r.message_ = "cannot read the file; the set is unchanged";
      r.size_ = size();
      return r;
    }
    return replace_from_text(text, path, if_empty);
  }

  // Whether `origin` (the request's Origin, byte-exact) is in the set. Lock-free and
  // allocation-free; safe while another thread replaces the set.
  [[nodiscard]] bool contains(std::string_view origin) const noexcept {
    return read([origin](detail::runtime_origins const& set) { return set.contains(origin); }, false);
  }

  [[nodiscard]] std::size_t size() const noexcept {
    return read([](detail::runtime_origins const& set) { return set.size(); }, std::size_t{0});
  }

  // Bytes the current set occupies (texts, entries, hash table).
  [[nodiscard]] std::size_t memory_bytes() const noexcept {
    return read([](detail::runtime_origins const& set) { return set.memory_bytes(); }, std::size_t{0});
  }

 private:
  // Runs `f` on the current set (or returns `empty` before the first load) as a reader: no lock,
  // no allocation, safe while another thread replaces the set.
  template <class F, class T>
  [[nodiscard]] T read(F const& f, T empty) const noexcept {
    detail::reader_slots::ticket const ticket = detail::reader_slots::enter();
    detail::runtime_origins const* set = current_.load(std::memory_order_acquire);
    T const result = set == nullptr ? empty : f(*set);
    detail::reader_slots::leave(ticket);
    return result;
  }

  origin_set_result replace_lines(std::span<const std::string_view> origins, std::span<const std::size_t> lines,
                                  std::string_view source) {
    origin_set_result r;
    r.source_ = source;
    std::unique_ptr<detail::runtime_origins> built;
    detail::diagnosis const m = detail::runtime_origins::build(origins, rules, built);
    if (!m.ok()) {
      r.message_ = detail::message(m.what);
      r.line_ = lines.empty() ? m.position : lines[m.position - 1];
      r.entry_ = origins[m.position - 1].substr(0, 256);
      r.size_ = size();
      return r;
    }
    r.size_ = built->size();
    std::lock_guard<std::mutex> lock{writer_};
    detail::runtime_origins const* old = current_.exchange(built.release(), std::memory_order_seq_cst);
    detail::reader_slots::wait_for_readers();
    delete old;
    return r;
  }

  static bool read_file(std::string const& path, std::string& text) {
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> file{std::fopen(path.c_str(), "rb"), &std::fclose};
    if (!file) return false;
    char buffer[1 << 14];
    while (std::size_t const n = std::fread(buffer, 1, sizeof buffer, file.get())) text.append(buffer, n);
    return std::ferror(file.get()) == 0;
  }

  std::atomic<detail::runtime_origins const*> current_{nullptr};
  std::mutex writer_;
};

// The origins allowed to read responses are those of `Set`, a corset::origin_set variable with
// static storage (`inline corset::origin_set<...> hosts;`), at the moment of each request. The
// answers are those of allow_origins (rules 4): the origin echoed, Vary: Origin.
template <auto& Set>
struct allow_origins_from {};

namespace detail {

template <class T>
inline constexpr bool is_origin_set = false;
template <class... Allowances>
inline constexpr bool is_origin_set<origin_set<Allowances...>> = true;

template <auto& Set>
struct kind_of<allow_origins_from<Set>> {
  using type = origins_kind;
};

// The plug-in: an origins option like allow_origins, whose matcher is the set.
template <auto& Set, policy_facts Facts>
struct option_traits<allow_origins_from<Set>, Facts> : origins_answer<false> {
  using set_type = std::remove_cvref_t<decltype(Set)>;
  static constexpr diagnosis check = [] {
    if constexpr (!is_origin_set<set_type>) {
      return diagnosis{mistake::not_an_origin_set};
    } else {
      constexpr origin_rules set = set_type::rules, policy = Facts.origin_rules_of();
      bool const same = set.credentials == policy.credentials && set.insecure_origins == policy.insecure_origins &&
                        set.public_suffix_wildcards == policy.public_suffix_wildcards;
      return diagnosis{same ? mistake::none : mistake::origin_set_rules_mismatch};
    }
  }();
  // No Origin (the evaluator asks for every request) matches nothing: no reader's turn.
  [[nodiscard]] static bool match(std::string_view o) noexcept { return !o.empty() && Set.contains(o); }
  template <class Out>
  static constexpr void describe(Out& out) noexcept {
    out("origins of a run-time origin_set");
  }
};

}  // namespace detail
}  // namespace corset
