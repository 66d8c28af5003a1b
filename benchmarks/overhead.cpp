// Per-request overhead: corset against the floor (hand-written for exactly this policy) and the
// usual way (a run-time middleware with std::string containers), same cases, same run.
//
//   overhead [google benchmark flags]      times every case (ns/op, allocations/op)
//   valgrind --tool=callgrind --instr-atstart=no overhead --instructions
//                                          counts instructions per request, case by case
#include <utility>  // before Asio: Boost 1.74's Asio uses std::exchange without including it

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <new>
#include <string>
#include <string_view>
#include <vector>

#include <benchmark/benchmark.h>
#include <malloc.h>  // malloc_trim (glibc)
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/message.hpp>
#include <valgrind/callgrind.h>

#include <corset/beast.hpp>
#include <corset/corset.hpp>
#include <corset/origin_set.hpp>

#include "floor.hpp"
#include "floor_small.hpp"
#include "gperf_256.hpp"
#include "gperf_4096.hpp"
#include "gperf_mixed.hpp"
#include "policies.hpp"
#include "usual.hpp"
#include "usual_config.hpp"

// --- allocations, counted -------------------------------------------------------------------
namespace {
std::atomic<long> allocations{0};
}
[[gnu::noinline]] void* operator new(std::size_t n) {
  allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(n == 0 ? 1 : n)) return p;
  throw std::bad_alloc{};
}
[[gnu::noinline]] void operator delete(void* p) noexcept { std::free(p); }
[[gnu::noinline]] void operator delete(void* p, std::size_t) noexcept { std::free(p); }

namespace {

// Where every variant writes its headers: the optimizer cannot drop what reaches it.
struct sink {
  std::size_t bytes = 0;
  void operator()(std::string_view name, std::string_view value) {
    benchmark::DoNotOptimize(name.data());
    benchmark::DoNotOptimize(value.data());
    bytes += name.size() + value.size();
  }
};

// --- the floor's origin sets ------------------------------------------------------------------
bool floor_origin_256(std::string_view o) { return bench::origins_256::in_set(o.data(), o.size()) != nullptr; }
bool floor_origin_4096(std::string_view o) { return bench::origins_4096::in_set(o.data(), o.size()) != nullptr; }
bool floor_origin_mixed(std::string_view o) {
  if (bench::origins_mixed::in_set(o.data(), o.size()) != nullptr) return true;
  static constexpr std::string_view suffixes[] = {
      ".zone1.example.net", ".zone2.example.net", ".zone3.example.net", ".zone4.example.net",
      ".zone5.example.net", ".zone6.example.net", ".zone7.example.net", ".zone8.example.net",
      ".zone9.example.net", ".zone10.example.net", ".zone11.example.net", ".zone12.example.net",
      ".zone13.example.net", ".zone14.example.net", ".zone15.example.net", ".example.com"};
  for (std::string_view s : suffixes)
    if (bench::floor::subdomain_of(o, s)) return true;
  return false;
}

// --- the cases --------------------------------------------------------------------------------
std::string const acrh = "authorization,content-type,x-requested-with";
std::string const adversarial = [] {
  std::string s;
  while (s.size() < 64 * 1024) s += ", ";
  return s;
}();

struct request_case {
  std::string name;
  std::string origin, method, request_method, request_headers;
  std::vector<std::string_view> more_lines{};
  std::string host{}, sec_fetch_site{};
  corset::request_view view() const {
    return {method, origin, request_method, request_headers, "", more_lines, host, sec_fetch_site, ""};
  }
};

// Adversarial inputs (servers usually cap headers; these reach the evaluator directly).
std::string repeat(std::string_view unit, std::size_t bytes) {
  std::string s;
  while (s.size() < bytes) s += unit;
  return s;
}
std::string const commas_1m = repeat(",", 1 << 20), spaces_1m = repeat(" ", 1 << 20);
std::string const long_name_1m = repeat("x", 1 << 20);
std::string const names_10k = [] {
  std::string s;
  for (int i = 10000; i != 20000; ++i) s += (s.empty() ? "x-" : ",x-") + std::to_string(i);
  return s;
}();
std::string const origin_64k = "https://" + repeat("a", 64 * 1024) + ".example.com";
std::vector<std::string_view> const lines_1000(999, "x-requested-with");

std::string last_origin(int n) {
  return "https://app" + std::to_string(n) + ".tenant" + std::to_string(n % 61) + ".example.com";
}

std::vector<request_case> cases_for(int n) {
  std::string const allowed = last_origin(n), refused = "https://app9999.tenant1.example.org";
  return {
      {"actual_allowed", allowed, "GET", "", ""},
      {"actual_refused", refused, "GET", "", ""},
      {"no_origin", "", "GET", "", ""},
      {"preflight", allowed, "OPTIONS", "PUT", acrh},
      {"preflight_refused", refused, "OPTIONS", "PUT", acrh},
      {"preflight_64k_acrh", allowed, "OPTIONS", "PUT", adversarial},
      // rules 8: a form post from a page the policy does not list, and one from the page it does
      {"write_refused", refused, "POST", "", "", {}, "api.example.com", "cross-site"},
      {"write_allowed", allowed, "POST", "", "", {}, "api.example.com", "same-site"},
  };
}

// --- the three ways, each a plain function (called through a pointer, the same for all) -------
using way = void (*)(corset::request_view const&, sink&);

template <auto const& Policy>
void corset_way(corset::request_view const& r, sink& s) {
  corset::decision const d = Policy.evaluate(r);
  for (corset::header const& h : d.headers()) s(h.name, h.value);
  benchmark::DoNotOptimize(d.status());
}

// The same policy, its headers handed to the sink as they are decided (policy.evaluate(r, sink)).
template <auto const& Policy>
void corset_sink_way(corset::request_view const& r, sink& s) {
  corset::outcome const o = Policy.evaluate(r, s);
  benchmark::DoNotOptimize(o.status());
}

template <bool (*Allowed)(std::string_view)>
void floor_way(corset::request_view const& r, sink& s) {
  benchmark::DoNotOptimize(bench::floor::handle<Allowed>(r, s));
}

template <std::vector<std::string> (*Origins)()>
bench::usual::cors_middleware const& middleware() {
  static bench::usual::cors_middleware const m{Origins(), {"PUT", "DELETE"},
                                               {"authorization", "content-type", "x-requested-with"},
                                               {"x-request-id"}, 600};
  return m;
}

template <std::vector<std::string> (*Origins)()>
void usual_way(corset::request_view const& r, sink& s) {
  bench::usual::cors_middleware::headers out;
  benchmark::DoNotOptimize(middleware<Origins>().handle(r, out));
  for (auto const& [n, v] : out) s(n, v);
}

struct policy_size {
  std::string name;
  int last;  // the allowed origin is the last listed
  way corset, floor, usual, corset_sink;
};

std::vector<policy_size> sizes() {
  return {
      {"1", 1, corset_way<bench::policy_1>, floor_way<bench::floor::origin_1>, usual_way<bench::usual::origins_1>,
       corset_sink_way<bench::policy_1>},
      {"16", 16, corset_way<bench::policy_16>, floor_way<bench::floor::origin_16>, usual_way<bench::usual::origins_16>,
       corset_sink_way<bench::policy_16>},
      {"256", 256, corset_way<bench::policy_256>, floor_way<floor_origin_256>, usual_way<bench::usual::origins_256>,
       corset_sink_way<bench::policy_256>},
      {"4096", 4096, corset_way<bench::policy_4096>, floor_way<floor_origin_4096>,
       usual_way<bench::usual::origins_4096>, corset_sink_way<bench::policy_4096>},
      {"mixed", 240, corset_way<bench::policy_mixed>, floor_way<floor_origin_mixed>,
       usual_way<bench::usual::origins_mixed>, corset_sink_way<bench::policy_mixed>},
  };
}

void run(benchmark::State& state, way const& w, corset::request_view r) {
  sink s;
  long const before = allocations.load();
  for (auto _ : state) w(r, s);
  state.counters["allocs"] =
      benchmark::Counter(static_cast<double>(allocations.load() - before), benchmark::Counter::kAvgIterations);
  benchmark::DoNotOptimize(s.bytes);
}

// --- run-time origin sets and route tables -----------------------------------
// The run-time sets hold the same kind of origins as the compile-time policies; the allowed one in
// the cases is the last.
void load_runtime_sets() {
  auto fill = [](auto& set, int n) {
    std::vector<std::string> texts;
    for (int i = 1; i <= n; ++i) texts.push_back(last_origin(i));
    std::vector<std::string_view> const views(texts.begin(), texts.end());
    if (!set.replace(views)) std::abort();
  };
  fill(bench::origins_at_run_time_16, 16);
  fill(bench::origins_at_run_time_1000, 1000);
  fill(bench::origins_at_run_time_100000, 100000);
}

// The request-target, under the 7th route of each table (of the only one, in a table of
// one route).
template <int Routes>
std::string const route_target = "/api/tenant" + std::to_string(Routes < 7 ? Routes : 7) + "/items/42?page=2";

template <auto const& Routes, int Count>
void routes_way(corset::request_view const& r, sink& s) {
  corset::decision const d = Routes.evaluate(route_target<Count>, r);
  for (corset::header const& h : d.headers()) s(h.name, h.value);
  benchmark::DoNotOptimize(d.status());
}

// The same, the headers handed to the sink as they are decided (routes.evaluate(target, r, sink)).
template <auto const& Routes, int Count>
void routes_sink_way(corset::request_view const& r, sink& s) {
  corset::outcome const o = Routes.evaluate(route_target<Count>, r, s);
  benchmark::DoNotOptimize(o.status());
}

// A file's text of n origins, one a line.
std::string tenants_text(int n) {
  std::string text = "# tenants\n";
  for (int i = 1; i <= n; ++i) text += last_origin(i) + "\n";
  return text;
}

// Building a set from a file's text of n lines, and what it then occupies.
void load_benchmark(benchmark::State& state, int n) {
  std::string const text = tenants_text(n);
  corset::origin_set<corset::allow_credentials> set;
  for (auto _ : state) {
    corset::origin_set_result const r = set.replace_from_text(text);
    if (!r) state.SkipWithError(r.describe().c_str());
  }
  state.counters["origins"] = static_cast<double>(set.size());
  state.counters["bytes_per_origin"] = static_cast<double>(set.memory_bytes()) / static_cast<double>(set.size());
}

// The same, as a server's first load: a new set each time, built in memory the process has
// given back to the kernel (malloc_trim), so that every page it touches is a fault, as at
// start-up. A reload, above, mostly reuses the memory of the set it replaces.
void first_load_benchmark(benchmark::State& state, int n) {
  std::string const text = tenants_text(n);
  for (auto _ : state) {
    state.PauseTiming();
    {
      auto set = std::make_unique<corset::origin_set<corset::allow_credentials>>();
      state.ResumeTiming();
      corset::origin_set_result const r = set->replace_from_text(text);
      state.PauseTiming();
      if (!r) state.SkipWithError(r.describe().c_str());
    }
    malloc_trim(0);
    state.ResumeTiming();
  }
}

// --- Beast: the same headers into a response, through the adapter or by hand ---------------------
namespace http = boost::beast::http;
void beast_adapter(corset::request_view const& r, sink& s) {
  http::response<http::empty_body> res;
  corset::beast::set_headers(bench::policy_16.evaluate(r), res);
  s("", res[http::field::access_control_allow_origin].data());
}
void beast_by_hand(corset::request_view const& r, sink& s) {
  http::response<http::empty_body> res;
  if (!r.origin.empty() && bench::floor::origin_16(r.origin)) {
    res.set(http::field::access_control_allow_origin, boost::beast::string_view{r.origin.data(), r.origin.size()});
    res.set(http::field::access_control_allow_credentials, "true");
    res.set(http::field::access_control_expose_headers, "x-request-id");
  }
  res.set(http::field::vary, "Origin");
  s("", res[http::field::access_control_allow_origin].data());
}

struct named_request {
  std::string group, variant;
  way w;
  request_case c;
};

std::vector<named_request> everything() {
  std::vector<named_request> out;
  for (policy_size const& p : sizes()) {
    std::vector<request_case> cases = cases_for(p.last);
    if (p.name == "mixed") cases.push_back({"subdomain_match", "https://deep.sub.example.com", "GET", "", ""});
    for (request_case const& c : cases) {
      std::string const group = c.name + "/" + p.name;
      out.push_back({group, "corset", p.corset, c});
      out.push_back({group, "corset_sink", p.corset_sink, c});
      out.push_back({group, "floor", p.floor, c});
      out.push_back({group, "usual", p.usual, c});
    }
  }
  // Adversarial costs, next to the normal preflight of the same policy (rules 4.10: linear,
  // bounded, early exit).
  std::string const allowed16 = last_origin(16);
  for (request_case const& c : std::vector<request_case>{
           {"preflight_1m_commas", allowed16, "OPTIONS", "PUT", commas_1m},
           {"preflight_1m_spaces", allowed16, "OPTIONS", "PUT", spaces_1m},
           {"preflight_1m_name", allowed16, "OPTIONS", "PUT", long_name_1m},
           {"preflight_10000_names", allowed16, "OPTIONS", "PUT", names_10k},
           {"preflight_1000_lines", allowed16, "OPTIONS", "PUT", "authorization", lines_1000},
           {"actual_64k_origin", origin_64k, "GET", "", ""}}) {
    out.push_back({c.name + "/16", "corset", corset_way<bench::policy_16>, c});
    out.push_back({c.name + "/16", "floor", floor_way<bench::floor::origin_16>, c});
  }
  // Run-time origin sets next to the compile-time policy of 16 origins (group "<case>/16").
  struct runtime_size {
    std::string name;
    int last;
    way w;
  };
  for (runtime_size const& rt : std::vector<runtime_size>{{"runtime_16", 16, corset_way<bench::runtime_policy_16>},
                                                          {"runtime_1000", 1000, corset_way<bench::runtime_policy_1000>},
                                                          {"runtime_100000", 100000, corset_way<bench::runtime_policy_100000>}}) {
    for (request_case const& c : cases_for(rt.last))
      if (c.name == "actual_allowed" || c.name == "preflight" || c.name == "actual_refused")
        out.push_back({c.name + "/" + rt.name, "corset", rt.w, c});
  }
  // Route tables in front of the 16-origin policy: the difference to "<case>/16" is the lookup.
  struct route_table {
    std::string name;
    way decision, sink;
  };
  for (route_table const& t : std::vector<route_table>{
           {"routes_1", routes_way<bench::routes_1, 1>, routes_sink_way<bench::routes_1, 1>},
           {"routes_16", routes_way<bench::routes_16, 16>, routes_sink_way<bench::routes_16, 16>},
           {"routes_256", routes_way<bench::routes_256, 256>, routes_sink_way<bench::routes_256, 256>},
           {"routes_1024", routes_way<bench::routes_1024, 1024>, routes_sink_way<bench::routes_1024, 1024>}}) {
    for (request_case const& c : cases_for(16)) {
      if (c.name != "actual_allowed" && c.name != "preflight") continue;
      out.push_back({c.name + "/" + t.name, "corset", t.decision, c});
      out.push_back({c.name + "/" + t.name, "policy", corset_way<bench::routed_policy_16>, c});  // without the table
      out.push_back({c.name + "/" + t.name, "corset_sink", t.sink, c});
      out.push_back({c.name + "/" + t.name, "policy_sink", corset_sink_way<bench::routed_policy_16>, c});
    }
  }
  request_case const beast_case{"beast_actual_allowed", last_origin(16), "GET", "", ""};
  out.push_back({"beast_actual_allowed/16", "corset", beast_adapter, beast_case});
  out.push_back({"beast_actual_allowed/16", "floor", beast_by_hand, beast_case});
  return out;
}

// Instructions per request, one case at a time, under callgrind with --instr-atstart=no.
int count_instructions(std::vector<named_request> const& all) {
  constexpr int calls = 1000;
  for (named_request const& n : all) {
    if (n.variant == "usual") continue;  // the goals compare corset with the floor
    corset::request_view const r = n.c.view();
    sink s;
    n.w(r, s);  // warm up: first-call effects (lazy binding) are not per request
    CALLGRIND_ZERO_STATS;
    CALLGRIND_START_INSTRUMENTATION;
    for (int i = 0; i != calls; ++i) n.w(r, s);
    CALLGRIND_STOP_INSTRUMENTATION;
    std::string const label = n.group + "/" + n.variant;
    CALLGRIND_DUMP_STATS_AT(label.c_str());
  }
  std::printf("counted %d calls per case\n", calls);
  return 0;
}

// The processor, as /proc/cpuinfo names it (its `model name` line).
std::string cpu_model() {
  std::ifstream cpuinfo{"/proc/cpuinfo"};
  for (std::string line; std::getline(cpuinfo, line);) {
    std::size_t const colon = line.find(':');
    if (!line.starts_with("model name") || colon == std::string::npos) continue;
    std::size_t const start = line.find_first_not_of(" \t", colon + 1);
    if (start != std::string::npos) return line.substr(start);
  }
  return "unknown processor";
}

}  // namespace

int main(int argc, char** argv) {
  load_runtime_sets();
  std::vector<named_request> const all = everything();
  sink warm;
  for (named_request const& n : all) n.w(n.c.view(), warm);  // set up the usual way's configuration
  if (argc > 1 && std::string_view{argv[1]} == "--instructions") return count_instructions(all);
  for (named_request const& n : all) {
    benchmark::RegisterBenchmark((n.group + "/" + n.variant).c_str(),
                                 [&n](benchmark::State& state) { run(state, n.w, n.c.view()); });
  }
  for (int n : {16, 1000, 100000}) {
    benchmark::RegisterBenchmark(("origin_set_load/" + std::to_string(n)).c_str(),
                                 [n](benchmark::State& state) { load_benchmark(state, n); })
        ->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark(("origin_set_first_load/" + std::to_string(n)).c_str(),
                                 [n](benchmark::State& state) { first_load_benchmark(state, n); })
        ->Unit(benchmark::kMillisecond);
  }
  // Where and with what this binary ran, in the JSON beside the date: the report states it from
  // there, so that the published figures can be rebuilt from the published files alone.
  benchmark::AddCustomContext("cpu", cpu_model());
#if defined(__clang__)
  benchmark::AddCustomContext("compiler", "clang++ " __clang_version__);
#else
  benchmark::AddCustomContext("compiler", "g++ " __VERSION__);
#endif
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
}
