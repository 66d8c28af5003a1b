// Run-time origin sets (rules A): origins known only at run time, checked by the compile-time rules, replaced while
// requests are evaluated.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <corset/origin_set.hpp>

#if defined(__linux__)
#include <linux/membarrier.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include "support.hpp"

using origin_mistake = corset::detail::mistake;

namespace {

inline corset::origin_set<> open_hosts;
inline corset::origin_set<corset::allow_credentials> book_hosts;
inline corset::origin_set<corset::allow_credentials> scratch;

inline constexpr corset::policy<corset::allow_origins_from<book_hosts>, corset::allow_credentials,
                                corset::allow_methods<corset::methods::put>,
                                corset::allow_headers<"content-type", "x-csrf-token">, corset::max_age<600>>
    books{};

// The compile-time twin of what the tests load into book_hosts.
inline constexpr corset::policy<corset::allow_origins<"https://runestone.academy", "https://*.books.example",
                                                      "http://localhost:*", "https://*.example.net:*",
                                                      "https://*.example.io:8443", "http://[::1]:*",
                                                      "chrome-extension://abcdefghijklmnop", "https://*.localhost",
                                                      "https://[2001:db8::1]", "https://xn--bcher-kva.example",
                                                      "http://127.0.0.1:8080">,
                                corset::allow_credentials, corset::allow_methods<corset::methods::put>,
                                corset::allow_headers<"content-type", "x-csrf-token">, corset::max_age<600>>
    books_at_compile_time{};

std::vector<std::string_view> const book_origins = {
    "https://runestone.academy", "https://*.books.example", "http://localhost:*", "https://*.example.net:*",
    "https://*.example.io:8443", "http://[::1]:*", "chrome-extension://abcdefghijklmnop", "https://*.localhost",
    "https://[2001:db8::1]", "https://xn--bcher-kva.example", "http://127.0.0.1:8080"};

}  // namespace

TEST_CASE("run-time origins: the error texts are the compile-time diagnostics, from one table") {
  // include/corset/detail/mistakes.table gives both the static_asserts (mistakes.hpp) and these
  // texts (mistake_messages.hpp); the test mistakes.generated_files_current fails when either is
  // stale, and each example of the table fails to compile with exactly its text.
  std::map<std::string, int> seen;
  for (std::size_t i = 1; i <= corset::detail::mistake_count; ++i) {
    std::string const text{corset::detail::message(static_cast<corset::detail::mistake>(i))};
    INFO("mistake ", i, ": ", text);
    CHECK(text.starts_with("corset: "));
    CHECK(text.find("; ") != std::string::npos);  // the rule, then the fix
    CHECK(++seen[text] == 1);
  }
  CHECK(corset::detail::message(corset::detail::mistake::none).empty());
}

TEST_CASE("run-time origins: every entry goes through the compile-time validator, with the set's rules") {
  struct row {
    std::string_view origin;
    bool credentials_ok;  // in origin_set<allow_credentials>
    bool open_ok;         // in origin_set<>
  };
  row const rows[] = {
      {"https://app.example.com", true, true},
      {"https://*.example.com:*", true, true},
      {"http://localhost:*", true, true},
      {"http://127.0.0.1:8080", true, true},
      {"http://app.example.com", false, true},     // 5.7: insecure with credentials
      {"https://*.github.io", false, true},        // 5.7: public suffix with credentials
      {"https://App.example.com", false, false},   // 5.4: uppercase
      {"https://app.example.com/", false, false},  // 5.4: a path
      {"https://app.example.com:443", false, false},
      {"http://127.1", false, false},
      {"http://[0:0:0:0:0:0:0:1]", false, false},
      {"null", false, false},
      {"file://", false, false},
      {"*", false, false},
      {"https://*.com", false, false},
      {"https://a.*.example.com", false, false},
      {"", false, false},
      {"https://example..com", false, false},
      {"https://b\xc3\xbc" "cher.example", false, false},
  };
  for (row const& r : rows) {
    INFO("origin: ", r.origin);
    std::string_view const one[] = {"https://first.example", r.origin};
    for (bool credentials : {true, false}) {
      corset::origin_set_result const result = credentials ? scratch.replace(one) : open_hosts.replace(one);
      bool const expected = credentials ? r.credentials_ok : r.open_ok;
      CHECK(result.ok() == expected);
      origin_mistake const m = corset::detail::validate_origin(r.origin, {.credentials = credentials}).what;
      CHECK((m == origin_mistake::none) == expected);
      if (!expected) {
        CHECK(result.line() == 2);
        CHECK(result.entry() == r.origin);
        CHECK(result.message() == corset::detail::message(m));
        CHECK(result.message().starts_with("corset: "));
      }
    }
  }
  // The same origin twice is refused too, as allow_origins<...> refuses it.
  corset::origin_set_result const twice = scratch.replace({"https://a.example", "https://*.b.example", "https://a.example"});
  CHECK_FALSE(twice);
  CHECK(twice.line() == 3);
  CHECK(twice.message() == "corset: allow_origins lists the same origin twice; remove one");
  CHECK_FALSE(scratch.replace({"https://*.b.example:*", "https://*.b.example:*"}));
  CHECK(scratch.replace({"https://*.b.example:*", "https://*.b.example", "https://b.example"}));
}

TEST_CASE("run-time origins: a refused replacement changes nothing") {
  REQUIRE(book_hosts.replace(book_origins));
  CHECK(book_hosts.size() == book_origins.size());
  corset::origin_set_result const refused =
      book_hosts.replace({"https://new.example", "http://plain.example", "https://other.example"});
  CHECK_FALSE(refused);
  CHECK(refused.size() == book_origins.size());
  CHECK(refused.describe() == R"(origins:2: "http://plain.example": corset: a credentialed policy lists a plain-http origin that any network attacker can impersonate; use https, or add dangerously_allow_insecure_origins)");
  CHECK(book_hosts.size() == book_origins.size());
  CHECK(books.evaluate({"GET", "https://runestone.academy"}).allowed());
  CHECK_FALSE(books.evaluate({"GET", "https://new.example"}).allowed());
}

TEST_CASE("run-time origins: files, one origin a line, # comments, all or nothing") {
  std::string const path = "origin_set_test.origins";  // in the test's working directory
  auto write = [&](std::string const& text) { std::ofstream{path, std::ios::binary} << text; };
  write("# books published so far\r\n"
        "https://runestone.academy   # the main site\r\n"
        "\n"
        "   https://*.books.example\t\r\n"
        "#https://commented.example\n"
        "http://localhost:*");
  corset::origin_set_result const loaded = book_hosts.load(path);
  CHECK(loaded.ok());
  CHECK(loaded.size() == 3);
  CHECK(loaded.describe() == path + ": 3 origins");
  CHECK(books.evaluate({"GET", "https://runestone.academy"}).allowed());
  CHECK(books.evaluate({"GET", "https://a.books.example"}).allowed());
  CHECK_FALSE(books.evaluate({"GET", "https://commented.example"}).allowed());

  write("https://one.example\n# fine so far\nhttps://two.example\n\nhttps://Three.example\nhttps://four.example\n");
  corset::origin_set_result const refused = book_hosts.load(path);
  CHECK_FALSE(refused);
  CHECK(refused.line() == 5);
  CHECK(refused.entry() == "https://Three.example");
  CHECK(refused.describe() == path + R"(:5: "https://Three.example": corset: an origin has uppercase letters; browsers send scheme and host in lowercase, write them so)");
  CHECK(book_hosts.size() == 3);  // no partial load
  CHECK_FALSE(books.evaluate({"GET", "https://one.example"}).allowed());
  CHECK(books.evaluate({"GET", "https://runestone.academy"}).allowed());

  // A control byte in a line is shown escaped in the log line.
  write("https://evil.example\x1b[31m\n");
  CHECK(book_hosts.load(path).describe() ==
        path + R"(:1: "https://evil.example\x1b[31m": corset: an origin host has a byte outside a-z 0-9 - _ and dots; write the host as browsers serialize it)");

  std::remove(path.c_str());
  corset::origin_set_result const missing = book_hosts.load(path);
  CHECK_FALSE(missing);
  CHECK(missing.line() == 0);
  CHECK(missing.describe() == path + ": cannot read the file; the set is unchanged");
  CHECK(book_hosts.size() == 3);

  // A text with no origin at all, as a file read while it is rewritten in place: refused, since
  // it would revoke every origin; the set stays as it was.
  for (std::string const& text : {std::string{}, std::string{"# nothing yet\n\n   \r\n"}}) {
    write(text);
    corset::origin_set_result const empty = book_hosts.load(path);
    CHECK_FALSE(empty);
    CHECK(empty.describe() == path + ": corset: the origins text holds no origin, and loading it would revoke every "
                                     "origin (a file read while it is rewritten in place looks so); replace files by "
                                     "renaming a complete one into place, or pass corset::empty_text::allowed");
    CHECK(book_hosts.size() == 3);
    CHECK_FALSE(book_hosts.replace_from_text(text));
    CHECK(books.evaluate({"GET", "https://runestone.academy"}).allowed());
  }
  // Asked for, an empty set is valid data: nothing allowed.
  CHECK(book_hosts.load(path, corset::empty_text::allowed).ok());
  CHECK(book_hosts.size() == 0);
  CHECK_FALSE(books.evaluate({"GET", "https://runestone.academy"}).allowed());
  CHECK(book_hosts.replace_from_text("https://runestone.academy").ok());
  CHECK(book_hosts.replace_from_text("", "text", corset::empty_text::allowed).ok());
  CHECK(book_hosts.size() == 0);
  std::remove(path.c_str());

  // The source's name is escaped too: a CR or LF in it cannot forge a log line.
  CHECK(book_hosts.replace_from_text("http://x.example", "evil\r\nnext: line").describe() ==
        R"(evil\x0d\x0anext:\x20line:1: "http://x.example": corset: a credentialed policy lists a plain-http origin that any network attacker can impersonate; use https, or add dangerously_allow_insecure_origins)");
  CHECK(book_hosts.replace_from_text("https://a.example", "hosts\n.txt").describe() == R"(hosts\x0a.txt: 1 origins)");
}

TEST_CASE("run-time origins: matching agrees with the compile-time matcher on near misses") {
  REQUIRE(book_hosts.replace(book_origins));
  std::vector<std::string> candidates;
  std::string_view const prefixes[] = {"", "a.", "a.b.", "A.", "-.", "_a.", ".", "a..", "a/", "a@", "a:1."};
  std::string_view const suffixes[] = {"", ":1", ":80", ":443", ":8080", ":8443", ":0", ":08080", ":65535", ":65536",
                                       ":", "/", ".", "x", ".evil.com", "\n", "%00"};
  for (std::string_view o : book_origins) {
    std::string const text{o};
    std::string const star = text.find("*.") != std::string::npos ? "*." : "";
    std::size_t const host_at = text.find("://") + 3 + star.size();
    std::string host = text.substr(host_at);
    if (host.ends_with(":*")) host.resize(host.size() - 2);
    std::string const scheme = text.substr(0, text.find("://") + 3);
    for (std::string_view p : prefixes)
      for (std::string_view s : suffixes) {
        std::string rest{p};  // everything after the scheme's "://"
        rest.append(host).append(s);
        for (std::string const& sch : {scheme, std::string{"http://"}, std::string{"https://"}})
          candidates.push_back(sch + rest);
      }
  }
  std::mt19937 random{20261124};
  std::string const alphabet = "abxz019.-_:/[]@*ABX%";
  std::size_t const hand_made = candidates.size();
  for (std::size_t i = 0; i != 20000; ++i) {
    std::string c = candidates[random() % hand_made];
    std::size_t const at = random() % (c.size() + 1);
    switch (random() % 3) {
      case 0: c.insert(c.begin() + static_cast<long>(at), alphabet[random() % alphabet.size()]); break;
      case 1: if (at < c.size()) c.erase(at, 1); break;
      default: if (at < c.size()) c[at] = alphabet[random() % alphabet.size()]; break;
    }
    candidates.push_back(c);
  }
  std::size_t allowed = 0;
  for (std::string const& c : candidates) {
    INFO("origin: ", c);
    bool const expected = books_at_compile_time.evaluate({"GET", c}).allowed();
    REQUIRE(books.evaluate({"GET", c}).allowed() == expected);
    allowed += expected ? 1 : 0;
  }
  CHECK(allowed > 100);
  CHECK(candidates.size() - allowed > 10000);
}

// A lookup compares texts only after their hashes' tags agree, so the near misses above seldom
// reach the comparison: it is checked here on its own, a byte differing at every position of
// texts of every length a block-at-a-time compare splits differently.
TEST_CASE("run-time origins: texts compared a block at a time differ at any byte") {
  std::string const base = "https://app123.tenant5.example.com:8443/and-some-more-bytes-for-length";
  for (std::size_t n = 8; n <= base.size(); ++n) {  // from 8: shorter origins are compared whole (with the patterns)
    std::string a = base.substr(0, n), b = a;
    INFO("length: ", n);
    REQUIRE(corset::detail::same_bytes(a.data(), b.data(), n));
    for (std::size_t at = 0; at != n; ++at) {
      b[at] ^= 0x20;
      INFO("differs at: ", at);
      REQUIRE(!corset::detail::same_bytes(a.data(), b.data(), n));
      b[at] = a[at];
    }
  }
}

TEST_CASE("run-time origins: replaced while four threads evaluate, every decision is one of a current set") {
  // Generation k allows https://g<k>-<i>.example (i < 256) and https://*.g<k>.example.org, and
  // https://always.example in every generation. The writer publishes `started = k`, replaces,
  // then `finished = k`; a reader that saw finished == f before its evaluation and started == s
  // after it evaluated against a set of a generation in [f, s], and nothing else.
  constexpr int generations = 400;
  constexpr int per_generation = 256;
  auto origin = [](int k, int i) { return "https://g" + std::to_string(k) + "-" + std::to_string(i) + ".example"; };
  std::vector<std::vector<std::string>> sets(generations + 2);
  for (int k = 0; k != generations + 2; ++k) {
    for (int i = 0; i != per_generation; ++i) sets[k].push_back(origin(k, i));
    sets[k].push_back("https://*.g" + std::to_string(k) + ".example.org");
    sets[k].push_back("https://always.example");
  }
  auto load = [&](int k) {
    std::vector<std::string_view> const views(sets[k].begin(), sets[k].end());
    return book_hosts.replace(views).ok();
  };
  REQUIRE(load(0));
  std::atomic<int> started{0}, finished{0};
  std::atomic<bool> done{false};
  std::atomic<long> checked{0}, failures{0}, straddled{0};

  auto reader = [&](unsigned seed) {
    std::mt19937 random{seed};
    std::vector<std::string> pattern_hits(generations + 2);
    for (int k = 0; k != generations + 2; ++k) pattern_hits[k] = "https://x.g" + std::to_string(k) + ".example.org";
    while (!done.load()) {
      int const f = finished.load();
      int const j = f + static_cast<int>(random() % 3) - 1;  // the previous, current or next generation
      if (j < 0 || j > generations + 1) continue;
      std::string const& asked = random() % 4 == 0 ? pattern_hits[j] : sets[j][random() % per_generation];
      corset::decision const d = books.evaluate({"GET", asked});
      bool const always = books.evaluate({"GET", "https://always.example"}).allowed();
      int const s = started.load();
      bool const ok = (j < f || j > s) ? !d.allowed() : (f != s || d.allowed());
      bool const echo_ok = !d.allowed() || d["Access-Control-Allow-Origin"] == asked;
      if (!ok || !always || !echo_ok) ++failures;
      if (f != s) ++straddled;
      ++checked;
    }
  };
  std::vector<std::thread> readers;
  for (unsigned t = 0; t != 4; ++t) readers.emplace_back(reader, 1000 + t);
  bool all_loaded = true;
  for (int k = 1; k <= generations; ++k) {
    started.store(k);
    all_loaded = load(k) && all_loaded;
    finished.store(k);
    if (k % 8 == 0) std::this_thread::sleep_for(std::chrono::milliseconds{1});  // quiet moments too
  }
  while (checked.load() < 200000) std::this_thread::yield();
  done.store(true);
  for (std::thread& t : readers) t.join();
  CHECK(all_loaded);
  CHECK(failures.load() == 0);
  CHECK(checked.load() >= 200000);
  CHECK(checked.load() - straddled.load() > 1000);  // decisions with one current set, checked exactly
  MESSAGE("decisions checked: ", checked.load(), ", made while a replacement was in flight: ", straddled.load());
  CHECK(book_hosts.size() == per_generation + 2);
}

// Readers of a set store to their slot with no fence where the writer can make every thread
// execute one (membarrier): the fence cost 2 of the 14.5 ns of an allowed request here. The
// registration happens on the first load; where the system call is refused (some sandboxes),
// readers keep their fence, which is correct, only slower.
TEST_CASE("run-time origins: on Linux, once a set is loaded, readers read without a fence") {
  static corset::origin_set<corset::allow_credentials> const loaded{"https://a.example"};
  REQUIRE(loaded.contains("https://a.example"));
#if defined(__linux__)
  long const commands = syscall(__NR_membarrier, MEMBARRIER_CMD_QUERY, 0, 0);
  if (commands < 0 || (commands & MEMBARRIER_CMD_PRIVATE_EXPEDITED) == 0) {
    MESSAGE("membarrier unavailable here: readers keep their fence");
    return;
  }
  CHECK(corset::detail::the_reader_registry.asymmetric.load());
#endif
}

// Beyond the registry's 256 slots, readers count themselves in a counter per phase, which the
// writer waits on too; a thread that exits gives its slot back.
TEST_CASE("run-time origins: more reading threads than slots, and slots given back") {
  namespace detail = corset::detail;
  auto slots_taken = [] {
    std::size_t n = 0;
    for (detail::reader_slot_cell const& cell : detail::the_reader_registry.slots) n += cell.taken.load() ? 1 : 0;
    return n;
  };
  static corset::origin_set<corset::allow_credentials> shared{"https://kept.example"};
  REQUIRE(shared.contains("https://kept.example"));  // this thread's slot, claimed
  std::size_t const taken_before = slots_taken();
  std::size_t const threads = detail::reader_slot_count + 44;
  std::atomic<std::size_t> reading{0};
  std::atomic<bool> done{false};
  std::atomic<long> wrong{0}, reads{0};
  std::vector<std::thread> readers;
  for (std::size_t t = 0; t != threads; ++t) {
    readers.emplace_back([&] {
      if (!shared.contains("https://kept.example")) ++wrong;  // claims a slot, or counts itself
      ++reading;
      while (!done.load()) {
        // kept.example is in every generation; gone.example in none.
        if (!shared.contains("https://kept.example") || shared.contains("https://gone.example")) ++wrong;
        ++reads;
        std::this_thread::yield();
      }
    });
  }
  while (reading.load() != threads) std::this_thread::yield();
  CHECK(slots_taken() == detail::reader_slot_count);  // every slot held; the rest are counted
  bool all_replaced = true;
  for (int k = 0; k != 40; ++k) {
    std::string const other = "https://g" + std::to_string(k) + ".example";
    all_replaced = shared.replace({"https://kept.example", other}).ok() && all_replaced;
  }
  while (reads.load() < static_cast<long>(threads)) std::this_thread::yield();
  done.store(true);
  for (std::thread& t : readers) t.join();
  CHECK(all_replaced);
  CHECK(wrong.load() == 0);
  CHECK(slots_taken() == taken_before);  // the exited threads' slots are free again
  CHECK(detail::the_reader_registry.overflow[0].count.load() == 0);
  CHECK(detail::the_reader_registry.overflow[1].count.load() == 0);
}

TEST_CASE("run-time origins: a set known at start-up, and its description") {
  static corset::origin_set<corset::allow_credentials> const fixed{"https://a.example", "https://*.b.example"};
  CHECK(fixed.size() == 2);
  CHECK(fixed.contains("https://x.b.example"));
  CHECK(fixed.memory_bytes() > 0);
  CHECK_THROWS_AS((corset::origin_set<corset::allow_credentials>{"http://a.example"}), std::invalid_argument);
  CHECK(std::string{books.describe()} ==
        "origins of a run-time origin_set; methods GET, HEAD, POST, PUT; request headers content-type,x-csrf-token; "
        "with credentials; preflights cached 600 s; cross-origin writes refused");
}

namespace {

std::unique_ptr<corset::detail::runtime_origins> built_set(std::vector<std::string> const& texts) {
  std::vector<std::string_view> const views(texts.begin(), texts.end());
  std::unique_ptr<corset::detail::runtime_origins> set;
  REQUIRE(corset::detail::runtime_origins::build(views, {.insecure_origins = true}, set).ok());
  return set;
}

// Every origin of the set is found, and no text one byte away from one of them.
void check_lookups(corset::detail::runtime_origins const& set, std::vector<std::string> const& texts) {
  std::set<std::string, std::less<>> const members(texts.begin(), texts.end());
  for (std::string const& t : texts) {
    INFO("origin: ", t);
    REQUIRE(set.contains(t));
    for (std::size_t at = 0; at < t.size(); at += (at < 80 || at + 80 >= t.size()) ? 1 : 997) {  // long ones sampled
      std::string near = t;
      near[at] = near[at] == 'q' ? 'r' : 'q';
      INFO("changed at: ", at);
      REQUIRE(set.contains(near) == members.contains(near));
    }
    for (std::string const& longer_or_shorter : {t.substr(0, t.size() - 1), t + "q"})
      REQUIRE(set.contains(longer_or_shorter) == members.contains(longer_or_shorter));
  }
  for (std::size_t n = 0; n != 80; ++n) {  // every length, in a buffer of its own: no byte read past it
    std::unique_ptr<char[]> const bytes{new char[n]};
    std::fill_n(bytes.get(), n, 'q');
    REQUIRE(!set.contains({bytes.get(), n}));
  }
}

}  // namespace

// The exact origins' hash reads a window of 8 bytes where the set's origins differ, and the last
// 8; when no window tells them apart, every byte.
TEST_CASE("run-time origins: hashed through the window that tells them apart, else whole") {
  using corset::detail::runtime_origins;
  std::vector<std::string> tenants;
  for (int i = 1; i <= 1000; ++i)
    tenants.push_back("https://app" + std::to_string(i) + ".tenant" + std::to_string(i % 61) + ".example.com");
  auto const windowed = built_set(tenants);
  CHECK(windowed->window() != runtime_origins::whole_origin);
  check_lookups(*windowed, tenants);

  // Two letters 12 bytes apart, the same length and the same last word: no window of 8 bytes
  // sees both, so each one puts 26 origins in one hash.
  std::vector<std::string> far_apart;
  for (char a = 'a'; a <= 'z'; ++a)
    for (char b = 'a'; b <= 'z'; ++b) far_apart.push_back(std::string{"https://"} + a + "-----------" + b + ".example.com");
  auto const whole = built_set(far_apart);
  CHECK(whole->window() == runtime_origins::whole_origin);
  check_lookups(*whole, far_apart);

  // Origins under 8 bytes, and of 64 KiB and more (a scheme that long), are kept with the
  // patterns: the exact table's tags hold lengths of 8 to 65,535 bytes.
  std::vector<std::string> const odd_lengths = {"ws://a",  "ws://ab", "http://b", "https://app.example.com",
                                                std::string(70000, 's') + "://app.example.com"};
  auto const odd = built_set(odd_lengths);
  CHECK(odd->window() != runtime_origins::whole_origin);
  check_lookups(*odd, odd_lengths);
  std::vector<std::string> only_short;  // more than a table of 16 slots holds, and no pattern
  for (char c = 'a'; c <= 'z'; ++c) only_short.push_back(std::string{"ws://"} + c);
  check_lookups(*built_set(only_short), only_short);

  // Lengths from 8 bytes on, each with a window inside it or past its end.
  std::vector<std::string> lengths;
  for (std::size_t n = 1; n != 60; ++n) lengths.push_back("http://" + std::string(n, 'a'));
  auto const mixed = built_set(lengths);
  CHECK(mixed->window() != runtime_origins::whole_origin);
  check_lookups(*mixed, lengths);
}
