// A reference model of docs/rules.md, sections 2-4: plain loops over std::strings, written from the
// rules and nothing else. It shares no code with corset (no corset header is included here);
// slow is fine. It is the oracle of the differential tests.
#pragma once

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace model {

struct policy {
  bool any_origin = false;
  std::vector<std::string> origins{};  // serialized origins and patterns, as in allow_origins
  bool any_method = false;
  std::vector<std::string> methods{};
  bool any_header = false;
  std::vector<std::string> headers{};  // allow_headers, any case
  bool expose_any = false;
  std::vector<std::string> exposed{};
  bool credentials = false;
  std::optional<long> max_age{};
  bool private_network = false;
  bool refuse_writes = false;  // refuse_cross_origin_writes
  bool allow_writes = false;   // dangerously_allow_cross_origin_writes
  bool report_writes = false;  // report_cross_origin_writes
};

struct request {
  std::string method, origin, request_method;
  std::vector<std::string> request_headers;  // every ACRH line, in order
  std::string request_private_network;
  std::string host, sec_fetch_site, upgrade;  // rules 8.6
};

struct decision {
  std::string kind;    // not_cors, actual, preflight
  std::string reason;  // none, not_cors, origin_not_allowed, ...
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;
  bool allowed() const { return reason == "none"; }
};

inline std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

inline bool is_tchar(char c) {
  std::string const extra = "!#$%&'*+-.^_`|~";
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         extra.find(c) != std::string::npos;
}

inline bool is_token(std::string const& s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!is_tchar(c)) return false;
  return true;
}

inline bool valid_port(std::string const& p, std::string const& scheme) {
  if (p.empty() || p.size() > 5 || p[0] == '0') return false;
  for (char c : p)
    if (c < '0' || c > '9') return false;
  long const v = std::stol(p);
  if (v < 1 || v > 65535) return false;
  long const def = (scheme == "http" || scheme == "ws") ? 80 : (scheme == "https" || scheme == "wss") ? 443
                 : scheme == "ftp" ? 21 : -1;
  return v != def;
}

// rules 3.2: one or more labels of a-z 0-9 - _, separated by single dots.
inline bool labels(std::string const& s) {
  if (s.empty()) return false;
  std::string label;
  for (std::size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == '.') {
      if (label.empty()) return false;
      label.clear();
      continue;
    }
    char const c = s[i];
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) return false;
    label += c;
    if (label.size() > 63) return false;  // rules 3.5
  }
  return true;
}

// rules 3: does the request's origin match one entry of allow_origins?
inline bool origin_matches(std::string const& entry, std::string const& o) {
  if (entry.find('*') == std::string::npos) return entry == o;
  std::size_t const sep = entry.find("://");
  std::string const scheme = entry.substr(0, sep);
  std::string authority = entry.substr(sep + 3);
  bool const any_sub = authority.rfind("*.", 0) == 0;
  if (any_sub) authority = authority.substr(2);
  bool any_port = false;
  std::string host = authority, port;
  std::size_t const colon = authority.rfind(':');
  if (colon != std::string::npos && authority.back() != ']') {
    host = authority.substr(0, colon);
    port = authority.substr(colon + 1);
    if (port == "*") {
      any_port = true;
      port.clear();
    }
  }
  // Take the request apart the same way.
  if (o.rfind(scheme + "://", 0) != 0) return false;
  std::string rest = o.substr(scheme.size() + 3);
  std::string rhost = rest, rport;
  bool has_port = false;
  std::size_t const rcolon = rest.rfind(':');
  if (rcolon != std::string::npos && rest.back() != ']') {
    rhost = rest.substr(0, rcolon);
    rport = rest.substr(rcolon + 1);
    has_port = true;
    if (rport.empty()) return false;  // "host:" is no serialized origin
  }
  if (any_port) {
    if (has_port && !valid_port(rport, scheme)) return false;
  } else if (has_port ? rport != port : !port.empty()) {
    return false;
  }
  if (!any_sub) return rhost == host;
  if (rhost.size() > 253) return false;  // rules 3.5: no browser sends such a host
  std::string const suffix = "." + host;
  if (rhost.size() <= suffix.size() || rhost.compare(rhost.size() - suffix.size(), suffix.size(), suffix) != 0)
    return false;
  return labels(rhost.substr(0, rhost.size() - suffix.size()));
}

// rules 4.10. Returns "absent", "ok", "not_allowed" or "malformed"; `names` gets the names.
inline std::string read_request_headers(policy const& p, request const& r, std::vector<std::string>& echo) {
  std::size_t total = 0;
  for (auto const& line : r.request_headers) total += line.size();
  if (total > 8192) return "malformed";
  std::size_t longest = p.any_header ? 256 : 0;
  for (auto const& h : p.headers) longest = std::max(longest, h.size());
  std::vector<std::string> names;
  bool too_long = false;
  int empties = 0;
  for (auto const& line : r.request_headers) {
    if (line.empty()) continue;
    bool line_has_name = false;
    std::vector<std::string> items;
    std::string item;
    for (char c : line) {
      if (c == ',') {
        items.push_back(item);
        item.clear();
      } else {
        item += c;
      }
    }
    items.push_back(item);
    for (auto const& it : items) {
      std::size_t a = 0, b = it.size();
      while (a < b && (it[a] == ' ' || it[a] == '\t')) ++a;
      if (a == b) {
        if (++empties > 16) return "malformed";
        continue;
      }
      while (b > a && (it[b - 1] == ' ' || it[b - 1] == '\t')) --b;
      if (a > 2 || it.size() - b > 2) return "malformed";
      std::string const name = it.substr(a, b - a);
      if (!is_token(name)) return "malformed";
      if (!names.empty() && !(lower(names.back()) < lower(name))) return "malformed";
      if (name.size() > longest) too_long = true;  // refused by its length: not_allowed (4.10)
      names.push_back(name);
      line_has_name = true;
    }
    if (line_has_name) echo.push_back(line);
  }
  if (names.empty()) return "absent";
  if (p.any_header && p.credentials && echo.size() > 8) return "malformed";  // corset's documented bound
  if (too_long) return "not_allowed";
  bool authorization_listed = false;
  for (auto const& h : p.headers) authorization_listed = authorization_listed || lower(h) == "authorization";
  for (auto const& n : names) {
    bool ok = false;
    for (auto const& h : p.headers) ok = ok || lower(h) == lower(n);
    if (p.any_header && lower(n) != "authorization") ok = true;
    if (!ok) return "not_allowed";
  }
  return "ok";
}

inline std::string join_lower(std::vector<std::string> const& list) {
  std::string out;
  for (auto const& s : list) out += (out.empty() ? "" : ",") + lower(s);
  return out;
}

// rules 8.2: a write is any method but GET, HEAD, OPTIONS, or a GET asking for websocket.
inline bool is_write(request const& r) {
  if (r.method != "GET" && r.method != "HEAD" && r.method != "OPTIONS") return true;
  if (r.method != "GET") return false;
  std::string element;
  for (std::size_t i = 0; i <= r.upgrade.size(); ++i) {
    if (i == r.upgrade.size() || r.upgrade[i] == ',') {
      std::size_t a = 0;
      while (a < element.size() && (element[a] == ' ' || element[a] == '\t')) ++a;
      std::string protocol = element.substr(a);
      std::size_t const end = protocol.find_first_of("/ \t");
      if (end != std::string::npos) protocol.resize(end);
      if (lower(protocol) == "websocket") return true;
      element.clear();
    } else {
      element += r.upgrade[i];
    }
  }
  return false;
}

// rules 8.3, for a write whose Origin the policy does not allow.
inline bool trusted_anyway(request const& r) {
  if (!r.sec_fetch_site.empty()) return r.sec_fetch_site == "same-origin" || r.sec_fetch_site == "none";
  if (r.origin.empty()) return true;
  std::size_t const scheme = r.origin.find("://");
  if (scheme == std::string::npos || r.host.empty()) return false;
  return r.origin.substr(scheme + 3) == r.host;
}

inline decision evaluate(policy const& p, request const& r) {
  decision d;
  std::string const vary_actual = p.any_origin ? "" : "Origin";
  std::string vary_preflight = p.any_origin ? "" : "Origin, ";
  vary_preflight += "Access-Control-Request-Method, Access-Control-Request-Headers";
  if (p.private_network) vary_preflight += ", Access-Control-Request-Private-Network";
  bool origin_ok = p.any_origin;
  for (auto const& o : p.origins) origin_ok = origin_ok || origin_matches(o, r.origin);

  if (r.origin.empty() || r.method != "OPTIONS" || r.request_method.empty()) {
    d.kind = r.origin.empty() ? "not_cors" : "actual";
    bool const allowed = p.any_origin || (!r.origin.empty() && origin_ok);
    // rules 8: refused, or reported, before anything else
    bool const protects = (p.credentials && !p.allow_writes) || p.refuse_writes;
    if (protects && !allowed && is_write(r) && !trusted_anyway(r)) {
      d.reason = "cross_origin_write";
      d.status = p.report_writes ? 0 : 403;
      if (!vary_actual.empty()) d.headers.emplace_back("Vary", vary_actual);
      return d;
    }
    if (allowed) {
      d.headers.emplace_back("Access-Control-Allow-Origin", p.any_origin ? "*" : r.origin);
      if (p.credentials) d.headers.emplace_back("Access-Control-Allow-Credentials", "true");
      if (p.expose_any) d.headers.emplace_back("Access-Control-Expose-Headers", "*");
      else if (!p.exposed.empty()) d.headers.emplace_back("Access-Control-Expose-Headers", join_lower(p.exposed));
    }
    if (!vary_actual.empty()) d.headers.emplace_back("Vary", vary_actual);
    d.reason = r.origin.empty() ? "not_cors" : allowed ? "none" : "origin_not_allowed";
    return d;
  }

  d.kind = "preflight";
  auto refuse = [&](std::string why) {
    d.reason = std::move(why);
    d.status = 403;
    d.headers = {{"Vary", vary_preflight}};
    return d;
  };
  if (!origin_ok) return refuse("origin_not_allowed");
  std::string const m = r.request_method;
  bool const safelisted = m == "GET" || m == "HEAD" || m == "POST";
  std::string const lm = lower(m);
  bool const forbidden = lm == "connect" || lm == "trace" || lm == "track";
  bool method_ok = safelisted || std::find(p.methods.begin(), p.methods.end(), m) != p.methods.end();
  if (p.any_method && is_token(m) && !forbidden) method_ok = true;
  if (!method_ok) return refuse("method_not_allowed");
  std::vector<std::string> echo;
  std::string const headers = read_request_headers(p, r, echo);
  if (headers == "malformed") return refuse("malformed_request_headers");
  if (headers == "not_allowed") return refuse("header_not_allowed");

  d.reason = "none";
  d.status = 204;
  d.headers.emplace_back("Access-Control-Allow-Origin", p.any_origin ? "*" : r.origin);
  if (p.credentials) d.headers.emplace_back("Access-Control-Allow-Credentials", "true");
  if (!safelisted) d.headers.emplace_back("Access-Control-Allow-Methods", m);
  if (headers == "ok") {
    bool authorization_listed = false;
    for (auto const& h : p.headers) authorization_listed = authorization_listed || lower(h) == "authorization";
    if (p.any_header && p.credentials) {
      for (auto const& line : echo) d.headers.emplace_back("Access-Control-Allow-Headers", line);
    } else if (p.any_header) {
      d.headers.emplace_back("Access-Control-Allow-Headers", authorization_listed ? "*,authorization" : "*");
    } else {
      d.headers.emplace_back("Access-Control-Allow-Headers", join_lower(p.headers));
    }
  }
  if (p.max_age) d.headers.emplace_back("Access-Control-Max-Age", std::to_string(*p.max_age));
  if (p.private_network && r.request_private_network == "true")
    d.headers.emplace_back("Access-Control-Allow-Private-Network", "true");
  d.headers.emplace_back("Vary", vary_preflight);
  return d;
}

}  // namespace model
