// The floor: what an expert writes for exactly this policy, with no library. Origins: a switch
// on length and memcmp (small policies) or a gperf perfect hash (large ones); everything else
// constant strings. It implements the same rules (docs/rules.md, 2-4, 3.5 and 8) for this policy's
// shape: credentials (so cross-origin writes refused), PUT and DELETE, three request headers, one
// exposed header, max-age 600.
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

// rules 8 by hand, for a request whose Origin is not allowed: a write (any method but GET, HEAD,
// OPTIONS, or a WebSocket handshake) that no step of 8.3 trusts.
inline bool forged_write(corset::request_view const& r) {
  std::string_view const m = r.method;
  if (m == "GET") {
    if (r.upgrade.empty()) return false;
    bool websocket = false;  // a token "websocket", any case, in a comma-separated list
    for (std::size_t i = 0; i + 9 <= r.upgrade.size() && !websocket; ++i) {
      std::size_t k = 0;
      while (k != 9 && lower(r.upgrade[i + k]) == "websocket"[k]) ++k;
      bool const starts = i == 0 || r.upgrade[i - 1] == ',' || r.upgrade[i - 1] == ' ' || r.upgrade[i - 1] == '\t';
      bool const ends = i + 9 == r.upgrade.size() || r.upgrade[i + 9] == ',' || r.upgrade[i + 9] == '/' ||
                        r.upgrade[i + 9] == ' ' || r.upgrade[i + 9] == '\t';
      websocket = k == 9 && starts && ends;
    }
    if (!websocket) return false;
  } else if (m == "HEAD" || m == "OPTIONS") {
    return false;
  }
  std::string_view const site = r.sec_fetch_site;
  if (!site.empty()) return !(site == "same-origin" || site == "none");
  if (r.origin.empty()) return false;
  std::size_t const scheme = r.origin.find("://");
  return scheme == std::string_view::npos || r.host.empty() || r.origin.substr(scheme + 3) != r.host;
}

// Returns the preflight status (204, 403) or 0, and writes the headers into `sink`.
template <bool (*Allowed)(std::string_view), class Sink>
int handle(corset::request_view const& r, Sink& sink) {
  if (r.origin.empty()) {
    sink("Vary", "Origin");
    return forged_write(r) ? 403 : 0;
  }
  if (r.method != "OPTIONS" || r.request_method.empty()) {
    bool const allowed = Allowed(r.origin);
    if (!allowed && forged_write(r)) {
      sink("Vary", "Origin");
      return 403;
    }
    if (allowed) {
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
  if (labels.front() == '.' || labels.back() == '.' || o.size() - scheme.size() > 253) return false;  // rules 3.5
  std::size_t label = 0;
  for (char const c : labels) {
    if (c == '.') {
      if (label == 0) return false;
      label = 0;
    } else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_') || ++label > 63) {
      return false;
    }
  }
  return true;
}

}  // namespace bench::floor
