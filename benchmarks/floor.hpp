// The floor: what an expert writes for exactly this policy, with no library. Origins: a switch
// on length and memcmp (small policies) or a gperf perfect hash (large ones); everything else
// constant strings. It implements the same rules (docs/rules.md, 2-4) for this policy's shape:
// credentials, PUT and DELETE, three request headers, one exposed header, max-age 600.
#pragma once

#include <cstddef>
#include <cstring>
#include <string_view>

#include <corset/request.hpp>

namespace bench::floor {

inline constexpr std::string_view vary_preflight =
    "Origin, Access-Control-Request-Method, Access-Control-Request-Headers";

inline char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

inline bool tchar(char c) {
  static constexpr auto table = [] {
    struct t { bool yes[256]{}; } t{};
    for (unsigned char c : std::string_view{"!#$%&'*+-.^_`|~"}) t.yes[c] = true;
    for (unsigned c = '0'; c <= '9'; ++c) t.yes[c] = true;
    for (unsigned c = 'a'; c <= 'z'; ++c) t.yes[c] = t.yes[c - 32] = true;
    return t;
  }();
  return table.yes[static_cast<unsigned char>(c)];
}

// Lowercase-insensitive equality with one of the three allowed names.
inline bool allowed_header(std::string_view n) {
  auto is = [&](char const* name, std::size_t len) {
    if (n.size() != len) return false;
    if (std::memcmp(n.data(), name, len) == 0) return true;
    for (std::size_t i = 0; i != len; ++i)
      if (lower(n[i]) != name[i]) return false;
    return true;
  };
  switch (n.size()) {
    case 13: return is("authorization", 13);
    case 12: return is("content-type", 12);
    case 16: return is("x-requested-with", 16);
    default: return false;
  }
}

enum class acrh { absent, ok, refused, malformed };

// rules 4.10 by hand: sorted, unique, at most 2 OWS around a name, 16 empty elements, 8 KiB.
inline acrh read_acrh(corset::request_view const& r) {
  std::size_t total = r.request_headers.size();
  for (auto line : r.more_request_headers) total += line.size();
  if (total > 8192) return acrh::malformed;
  std::string_view prev;
  int empties = 0;
  bool refused = false;
  auto line_ok = [&](std::string_view line) {
    std::size_t i = 0, n = line.size();
    for (;;) {
      std::size_t lead = i;
      while (i < n && (line[i] == ' ' || line[i] == '\t')) ++i;
      std::size_t start = i;
      while (i < n && tchar(line[i])) ++i;
      std::string_view name = line.substr(start, i - start);
      if (name.empty()) {
        if (++empties > 16) return false;
      } else {
        std::size_t trail = i;
        while (i < n && (line[i] == ' ' || line[i] == '\t')) ++i;
        if (start - lead > 2 || i - trail > 2 || name.size() > 16) return false;
        if (!prev.empty()) {
          std::size_t k = 0, m = prev.size() < name.size() ? prev.size() : name.size();
          while (k < m && lower(prev[k]) == lower(name[k])) ++k;
          bool before = k < m ? static_cast<unsigned char>(lower(prev[k])) < static_cast<unsigned char>(lower(name[k]))
                              : prev.size() < name.size();
          if (!before) return false;
        }
        prev = name;
        refused = refused || !allowed_header(name);
      }
      if (i == n) return true;
      if (line[i] != ',') return false;
      ++i;
    }
  };
  if (!r.request_headers.empty() && !line_ok(r.request_headers)) return acrh::malformed;
  for (auto line : r.more_request_headers)
    if (!line.empty() && !line_ok(line)) return acrh::malformed;
  if (prev.empty()) return acrh::absent;
  return refused ? acrh::refused : acrh::ok;
}

// Returns the preflight status (204, 403) or 0, and writes the headers into `sink`.
template <bool (*Allowed)(std::string_view), class Sink>
int handle(corset::request_view const& r, Sink& sink) {
  if (r.origin.empty()) {
    sink("Vary", "Origin");
    return 0;
  }
  if (r.method != "OPTIONS" || r.request_method.empty()) {
    if (Allowed(r.origin)) {
      sink("Access-Control-Allow-Origin", r.origin);
      sink("Access-Control-Allow-Credentials", "true");
      sink("Access-Control-Expose-Headers", "x-request-id");
    }
    sink("Vary", "Origin");
    return 0;
  }
  std::string_view const m = r.request_method;
  bool const safelisted = m == "GET" || m == "HEAD" || m == "POST";
  acrh headers = acrh::absent;
  if (!Allowed(r.origin) || !(safelisted || m == "PUT" || m == "DELETE") ||
      (headers = read_acrh(r)) == acrh::malformed || headers == acrh::refused) {
    sink("Vary", vary_preflight);
    return 403;
  }
  sink("Access-Control-Allow-Origin", r.origin);
  sink("Access-Control-Allow-Credentials", "true");
  if (!safelisted) sink("Access-Control-Allow-Methods", m);
  if (headers == acrh::ok) sink("Access-Control-Allow-Headers", "authorization,content-type,x-requested-with");
  sink("Access-Control-Max-Age", "600");
  sink("Vary", vary_preflight);
  return 204;
}

// One subdomain pattern by hand: scheme, suffix, and valid labels between.
inline bool subdomain_of(std::string_view o, std::string_view suffix) {
  constexpr std::string_view scheme = "https://";
  if (o.size() <= scheme.size() + suffix.size() || o.substr(0, scheme.size()) != scheme ||
      o.substr(o.size() - suffix.size()) != suffix)
    return false;
  std::string_view labels = o.substr(scheme.size(), o.size() - scheme.size() - suffix.size());
  if (labels.front() == '.' || labels.back() == '.') return false;
  for (std::size_t i = 0; i != labels.size(); ++i) {
    char c = labels[i];
    if (c == '.' ? labels[i - 1] == '.' : !((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'))
      return false;
  }
  return true;
}

}  // namespace bench::floor
