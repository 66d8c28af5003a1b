// Test helpers: decisions rendered as plain values, so that tables can spell them out.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <doctest/doctest.h>

#include <corset/corset.hpp>

#include "../model/bridge.hpp"
#include "../policy_under_test.hpp"

namespace corset_test {

// A small, seeded pseudo-random sequence (xorshift64) for generated test inputs: the same
// inputs on every run and machine.
struct xorshift {
  std::uint64_t state = 0x9E3779B97F4A7C15u;
  std::uint64_t operator()() noexcept {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
  }
};

using headers = std::vector<std::pair<std::string, std::string>>;

inline headers render(corset::decision const& d) {
  headers out;
  for (corset::header const& h : d.headers()) out.emplace_back(h.name, h.value);
  return out;
}

using bridge::name;

// Short names for the header lines the tables expect.
inline std::pair<std::string, std::string> acao(std::string v) { return {"Access-Control-Allow-Origin", std::move(v)}; }
inline std::pair<std::string, std::string> acac() { return {"Access-Control-Allow-Credentials", "true"}; }
inline std::pair<std::string, std::string> acam(std::string v) { return {"Access-Control-Allow-Methods", std::move(v)}; }
inline std::pair<std::string, std::string> acah(std::string v) { return {"Access-Control-Allow-Headers", std::move(v)}; }
inline std::pair<std::string, std::string> acma(std::string v) { return {"Access-Control-Max-Age", std::move(v)}; }
inline std::pair<std::string, std::string> acapn() { return {"Access-Control-Allow-Private-Network", "true"}; }
inline std::pair<std::string, std::string> aceh(std::string v) { return {"Access-Control-Expose-Headers", std::move(v)}; }
inline std::pair<std::string, std::string> vary(std::string v) { return {"Vary", std::move(v)}; }

inline std::string const vary_preflight = "Origin, Access-Control-Request-Method, Access-Control-Request-Headers";

struct expected {
  corset::request_kind kind;
  corset::reason why;
  int status;
  headers lines;
};

inline void check_outcome(corset::outcome const& d, headers const& lines, corset::request_view const& r,
                          expected const& e) {
  INFO("method=", r.method, " origin=", r.origin, " acrm=", r.request_method, " acrh=", r.request_headers,
       " acrpn=", r.request_private_network, " host=", r.host, " sec-fetch-site=", r.sec_fetch_site,
       " upgrade=", r.upgrade);
  CHECK(std::string{name(d.kind())} == name(e.kind));
  CHECK(std::string{name(d.reason())} == name(e.why));
  CHECK(d.allowed() == (e.why == corset::reason::none));
  CHECK(d.status() == e.status);
  CHECK(lines == e.lines);
}

inline void check_decision(corset::decision const& d, corset::request_view const& r, expected const& e) {
  check_outcome(d, render(d), r, e);
}

// What evaluate(r, sink) hands its sink, in order.
struct collecting_sink {
  headers lines;
  void operator()(std::string_view n, std::string_view v) { lines.emplace_back(n, v); }
};

// Every expectation is checked twice: as a decision, and as the headers a sink receives.
template <class Policy>
void check(Policy const& p, corset::request_view const& r, expected const& e) {
  check_decision(p.evaluate(r), r, e);
  collecting_sink sink;
  corset::outcome const o = p.evaluate(r, sink);
  INFO("through a sink");
  check_outcome(o, sink.lines, r, e);
}

// The same for a route table, at a request-target.
template <class Table>
void check(Table const& t, std::string_view target, corset::request_view const& r, expected const& e) {
  INFO("target=", target);
  check_decision(t.evaluate(target, r), r, e);
  collecting_sink sink;
  corset::outcome const o = t.evaluate(target, r, sink);
  INFO("through a sink");
  check_outcome(o, sink.lines, r, e);
}

}  // namespace corset_test

// How doctest prints a list of headers when a comparison fails.
template <>
struct doctest::StringMaker<corset_test::headers> {
  static doctest::String convert(corset_test::headers const& hs) {
    std::string out = "{";
    for (auto const& [n, v] : hs) out += "\n  " + n + ": " + v;
    return (out + "}").c_str();
  }
};
