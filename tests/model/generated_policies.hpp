// The request generator and the comparison of corset with the reference model, shared by the
// hand-written policies (differential.cpp) and the generated ones (generate_policies.py).
#pragma once

#include <algorithm>
#include <map>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <doctest/doctest.h>

#include <corset/corset.hpp>

#include "bridge.hpp"
#include "model.hpp"

namespace generated {

// --- the generator -------------------------------------------------------------------------------
class generator {
 public:
  explicit generator(unsigned seed) : random_(seed) {}

  model::request next(std::vector<std::string> const& known_origins) {
    model::request r;
    r.origin = origin(known_origins);
    r.method = pick({"OPTIONS", "OPTIONS", "OPTIONS", "GET", "POST", "PUT", "options", "OPTIONS "});
    r.request_method = pick({"", "PUT", "PUT", "PUT", "GET", "GET", "put", "PATCH", "patch", "HEAD", "POST", "DELETE", "CONNECT",
                             "connect", "TRACE", "Track", "X-CUSTOM", "P U T", "PROPFIND", "PUT\r\n"});
    r.request_headers = header_lines();
    r.request_private_network = pick({"", "", "true", "false", "TRUE"});
    // rules 8: writes, handshakes, and what says where they come from
    if (coin(30)) r.method = pick({"POST", "PUT", "DELETE", "PATCH", "get", "GET", "HEAD"});
    r.sec_fetch_site = pick({"", "", "", "same-origin", "same-site", "cross-site", "none", "Same-Origin",
                             "same-origin, cross-site"});
    std::size_t const scheme = r.origin.find("://");
    std::string const own_host = scheme == std::string::npos ? "" : r.origin.substr(scheme + 3);
    r.host = pick({"", own_host, own_host, "api.example.com", ", ", own_host + ":8443", "APP.example.com"});
    r.upgrade = pick({"", "", "", "websocket", "WebSocket", "h2c", "h2c, websocket", "websocket/13", "websocketx",
                      " websocket"});
    return r;
  }

 private:
  std::string pick(std::vector<std::string> const& from) { return from[below(from.size())]; }
  std::size_t below(std::size_t n) { return std::uniform_int_distribution<std::size_t>{0, n - 1}(random_); }
  bool coin(int percent) { return below(100) < static_cast<std::size_t>(percent); }

  // A listed origin, a pattern filled in, or a near miss of either.
  std::string origin(std::vector<std::string> const& known) {
    if (coin(3)) return "";
    if (coin(3)) return pick({"null", "*", "https://", "https://evil.example", "https://app.example.com, https://a.com"});
    std::string o = pick(known);
    if (std::size_t const star = o.find("*."); star != std::string::npos)
      o.replace(star, 1, pick({"a", "a.b", "x-1", "_y", "", "a..b", "A", "a/", "a@b", "b:1", "-", "deep.er.sub",
                               // rules 3.5: labels of 63 and 64 bytes, and hosts near 253 bytes
                               std::string(63, 'a'), std::string(64, 'a'), long_labels(230), long_labels(250)}));
    if (std::size_t const any_port = o.find(":*"); any_port != std::string::npos)
      o.replace(any_port, 2, pick({"", ":1", ":3000", ":65535", ":65536", ":0", ":080", ":80", ":443", ":", ":8443"}));
    switch (below(20)) {  // about half of the origins stay as listed
      case 2: {  // replace one byte
        char const bytes[] = {'.', '/', '@', '?', '#', ':', 'a', 'A', '0', '-', '_', ' ', '*', '\0', '\xc3'};
        o[below(o.size())] = bytes[below(sizeof bytes)];
        break;
      }
      case 3: o.erase(below(o.size()), 1); break;
      case 4: o.insert(below(o.size() + 1), 1, pick({".", "/", "a", ":", "@"})[0]); break;
      case 5: o += pick({".evil.com", "evil.com", "/", ".", ":8443", ":443", "/x", "?q", "#f"}); break;
      case 6: o = pick({"evil", "evil.", "x"}) + o; break;
      case 7: o.insert(o.find("://") == std::string::npos ? 0 : o.find("://") + 3, pick({"evil.", "evil.com@", "a."})); break;
      case 8: for (char& c : o) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c))); break;
      case 9: o = o.substr(0, o.size() - 1); break;
      default: break;
    }
    return o;
  }

  std::vector<std::string> header_lines() {
    if (coin(25)) return {};
    std::vector<std::string> pool = {"authorization", "content-type", "x-csrf-token", "x-a", "x-b", "Content-Type",
                                     "X-CSRF-Token", "x-unknown", "cookie", "x y", "x-\xc3\xa9", "a",
                                     std::string(40, 'x'), std::string(257, 'y'), "zz", "(bad)"};
    std::vector<std::string> names;
    std::size_t const count = below(5);
    for (std::size_t i = 0; i != count; ++i) names.push_back(pick(pool));
    if (!coin(20)) {  // mostly what browsers send: lowercase, sorted, unique
      for (auto& n : names)
        if (!coin(10)) n = model::lower(n);
      std::sort(names.begin(), names.end());
      names.erase(std::unique(names.begin(), names.end()), names.end());
    }
    std::vector<std::string> elements;
    for (auto const& n : names) {
      std::string ws_before(below(4), ' '), ws_after(below(4), coin(50) ? ' ' : '\t');
      if (coin(60)) ws_before.clear();
      if (coin(60)) ws_after.clear();
      elements.push_back(ws_before + n + ws_after);
      if (coin(10)) elements.push_back(std::string(below(3), ' '));  // an empty element
    }
    if (coin(5)) elements.insert(elements.end(), below(20), "");  // many empty elements
    std::vector<std::string> lines;
    std::string line;
    for (std::size_t i = 0; i != elements.size(); ++i) {
      line += (line.empty() ? "" : ",") + elements[i];
      if (coin(20)) {
        lines.push_back(line);
        line.clear();
        if (coin(20)) lines.push_back("");
      }
    }
    lines.push_back(line);
    if (coin(3)) lines.assign(10, "x-a");  // more lines than corset echoes
    if (coin(2)) lines = {std::string(8193, ',')};
    return lines;
  }

  // Labels of 9 bytes and dots, `length` bytes in all.
  static std::string long_labels(std::size_t length) {
    std::string s;
    while (s.size() < length) s += "abcdefghi.";
    return s.substr(0, length - 1) + "j";
  }

  std::mt19937 random_;
};

template <class Policy>
inline std::size_t compare(Policy const& p, model::policy const& m, std::vector<std::string> const& origins, unsigned seed,
                    int requests, bool require_coverage = true) {
  generator g{seed};
  std::size_t disagreements = 0;
  std::map<std::string, int> outcomes;
  for (int i = 0; i != requests; ++i) {
    model::request const r = g.next(origins);
    std::vector<std::string_view> more;
    corset::request_view const view = bridge::view_of(r, more);
    corset::decision const d = p.evaluate(view);
    model::decision const expected = model::evaluate(m, r);
    ++outcomes[expected.kind + "/" + expected.reason];
    std::vector<std::pair<std::string, std::string>> got;
    for (corset::header const& h : d.headers()) got.emplace_back(h.name, h.value);
    bool const same = std::string{bridge::name(d.kind())} == expected.kind && std::string{bridge::name(d.reason())} == expected.reason &&
                      d.status() == expected.status && d.allowed() == expected.allowed() && got == expected.headers;
    if (!same && ++disagreements <= 5) {
      std::string lines;
      for (auto const& l : r.request_headers) lines += "[" + l.substr(0, 60) + "]";
      FAIL_CHECK("corset and the model disagree: method=[" << r.method << "] origin=[" << r.origin << "] acrm=["
                 << r.request_method << "] acrh=" << lines << " corset: " << std::string{bridge::name(d.kind())} << "/"
                 << std::string{bridge::name(d.reason())} << "/" << d.status() << " model: " << expected.kind << "/" << expected.reason
                 << "/" << expected.status << " headers equal: " << (got == expected.headers));
    }
  }
  std::string mix;
  for (auto const& [outcome, n] : outcomes) mix += " " + outcome + "=" + std::to_string(n);
  if (!require_coverage) return disagreements;
  MESSAGE("seed " << seed << ":" << mix);
  // The generator must reach both sides of every check, or agreeing proves little.
  CHECK(outcomes["preflight/none"] > requests / 100);
  CHECK(outcomes["actual/none"] > requests / 100);
  CHECK(outcomes["not_cors/not_cors"] > 0);
  if (!m.any_origin) CHECK(outcomes["preflight/origin_not_allowed"] > requests / 100);
  if ((m.credentials && !m.allow_writes) || m.refuse_writes) {  // rules 8 reached on both sides
    CHECK(outcomes["actual/cross_origin_write"] > requests / 100);
    CHECK(outcomes["not_cors/cross_origin_write"] > 0);
  }
  return disagreements;
}


struct result {
  std::size_t disagreements = 0;
};

// One generated policy: its origins seed the requests.
template <class Policy>
void run(std::vector<result>& out, Policy const& p, model::policy const& m, unsigned seed) {
  std::vector<std::string> origins = m.origins;
  if (origins.empty()) origins = {"https://app.example.com", "http://localhost:3000", "https://a.example.org"};
  out.push_back({compare(p, m, origins, seed, 2000, false)});
}

}  // namespace generated
