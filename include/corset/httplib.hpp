// corset/httplib.hpp - corset for cpp-httplib servers. Opt-in: not included by corset.hpp.
//
//   httplib::Server server;
//   corset::httplib::install(server, api);
//
// The pre-routing hook answers preflights (the route handlers never see them); the post-routing
// hook, which cpp-httplib runs for every response it writes (404s and error responses
// included), adds the decision's headers and merges Vary with the handler's. A route table
// (corset::routes) works wherever a policy does, matched on the raw request-target; a policy
// with pass_through_preflights lets the server's OPTIONS handlers answer its preflights.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <httplib.h>

#include <corset/corset.hpp>
#include <corset/detail/vary.hpp>

namespace corset::httplib {

// The CORS fields of a request, every Access-Control-Request-Headers line included.
[[nodiscard]] inline request_fields fields_of(::httplib::Request const& req) noexcept {
  request_fields fields{req.method};
  for (auto const& [name, value] : req.headers) fields.add(name, value);
  return fields;
}

// The decision for a request. It holds views into `req`: use it while `req` lives.
template <class Policy>
[[nodiscard]] decision evaluate(Policy const& policy, ::httplib::Request const& req) noexcept {
  if constexpr (route_table<Policy>) {
    return policy.evaluate(req.target, fields_of(req).view());
  } else {
    return policy.evaluate(fields_of(req).view());
  }
}

// Whether corset answers the request itself: preflights, unless passed through (status 0).
[[nodiscard]] inline bool answered_by_corset(decision const& d) noexcept {
  return d.kind() == request_kind::preflight && d.status() != 0;
}

// Adds `value` to the response's Vary, keeping what the handler put there.
inline void merge_vary(::httplib::Response& res, std::string_view value) {
  auto const range = res.headers.equal_range("Vary");
  if (range.first == range.second) {
    res.set_header("Vary", std::string{value});
    return;
  }
  std::string merged;
  for (auto it = range.first; it != range.second; ++it) (merged.empty() ? merged : merged += ", ") += it->second;
  std::string const theirs = merged;
  corset::detail::missing_vary_names(theirs, value, [&](std::string_view name) { (merged += ", ") += name; });
  res.headers.erase("Vary");
  res.set_header("Vary", merged);
}

// Writes the decision's headers into a response. corset owns the Access-Control-* names: what
// the handler set under them is removed first, so that two CORS layers never disagree. Vary is
// merged with the handler's; repeated Access-Control-Allow-Headers lines (rules 4.9) are kept.
inline void set_headers(decision const& d, ::httplib::Response& res) {
  for (auto it = res.headers.begin(); it != res.headers.end();) {
    if (corset::detail::istarts_with(it->first, "access-control-")) {
      it = res.headers.erase(it);
    } else {
      ++it;
    }
  }
  auto const headers = d.headers();
  for (std::size_t i = 0; i != headers.size(); ++i) {
    header const& h = headers[i];
    if (h.name == "Vary") {
      merge_vary(res, h.value);
      continue;
    }
    std::string name{h.name};
    if (i == 0 || headers[i - 1].name != h.name) res.headers.erase(name);
    res.set_header(name, std::string{h.value});
  }
}

// Installs the policy (or route table) on a server, through its pre- and post-routing hooks. A policy is an
// empty value: the hooks keep their own copy.
template <class Policy>
void install(::httplib::Server& server, Policy const& policy) {
  server.set_pre_routing_handler([policy](::httplib::Request const& req, ::httplib::Response& res) {
    decision const d = evaluate(policy, req);
    if (!answered_by_corset(d)) return ::httplib::Server::HandlerResponse::Unhandled;
    res.status = d.status();
    set_headers(d, res);
    return ::httplib::Server::HandlerResponse::Handled;
  });
  server.set_post_routing_handler([policy](::httplib::Request const& req, ::httplib::Response& res) {
    decision const d = evaluate(policy, req);
    if (!answered_by_corset(d)) set_headers(d, res);  // the others were answered above
  });
}

}  // namespace corset::httplib
