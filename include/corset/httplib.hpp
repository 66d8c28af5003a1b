// corset/httplib.hpp - corset for cpp-httplib servers. Opt-in: not included by corset.hpp.
//
//   httplib::Server server;
//   corset::httplib::install(server, api);                        // or, with hooks of your own:
//   corset::httplib::install(server, api, {.pre_routing = mine, .post_routing = mine_too});
//
// The pre-routing hook answers what corset answers itself (preflights and refused cross-origin
// writes: the route handlers never see those requests); the post-routing hook, which cpp-httplib runs for every response it writes (404s and
// error responses included), writes the decision's headers. cpp-httplib keeps one hook of each
// kind and cannot give back the one it has, so hooks of the application's own go through
// install(), which chains them with corset's: set_pre_routing_handler() or
// set_post_routing_handler() called after install() would replace corset's. A route table works
// wherever a policy does, matched on the raw request-target.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include <httplib.h>

#include <corset/corset.hpp>
#include <corset/server.hpp>

namespace corset::httplib {

namespace detail {
// A response's fields, as corset::apply_headers writes them.
struct response_fields {
  ::httplib::Response& res;
  void add(std::string_view name, std::string_view value) { res.headers.emplace(name, value); }
  template <class Predicate>
  void remove_if(Predicate const& remove) {
    for (auto it = res.headers.begin(); it != res.headers.end();) it = remove(it->first) ? res.headers.erase(it) : ++it;
  }
  template <class Visit>
  void each(Visit const& visit) const {
    for (auto const& [name, value] : res.headers) visit(name, value);
  }
};
}  // namespace detail

// The fields corset reads, every line of each included; the target's authority, if any.
[[nodiscard]] inline request_fields fields_of(::httplib::Request const& req) noexcept {
  request_fields fields{req.method, req.target};
  for (auto const& [name, value] : req.headers) fields.add(name, value);
  return fields;
}

// The decision for a request. It holds views into `req`: use it while `req` lives.
template <corset::decider Decider>
[[nodiscard]] decision evaluate(Decider const& decider, ::httplib::Request const& req) noexcept {
  return corset::evaluate(decider, req.target, fields_of(req).view());
}

// Whether corset answers the request itself: decision::answered_by_corset().
[[nodiscard]] inline bool answered_by_corset(decision const& d) noexcept { return d.answered_by_corset(); }

// Writes the decision's headers into a response (corset::apply_headers): the handler's
// Access-Control-* fields removed, Vary merged.
inline void set_headers(decision const& d, ::httplib::Response& res) {
  detail::response_fields fields{res};
  apply_headers(d, fields);
}

// Why a request got its decision, as one log line.
template <corset::decider Decider>
[[nodiscard]] explanation explain(Decider const& decider, ::httplib::Request const& req) noexcept {
  return corset::explain(decider, req.target, fields_of(req).view());
}

// The application's own hooks: pre- and post-routing ones, run after corset's pre-routing hook
// when it did not answer and before corset's post-routing hook (whose headers therefore win);
// and one that sees every refusal, with the response about to be sent.
struct hooks {
  ::httplib::Server::HandlerWithResponse pre_routing{};
  ::httplib::Server::Handler post_routing{};
  std::function<void(refusal const&, ::httplib::Response&)> on_refused{};
};

// Installs the policy (or route table) on a server, through its pre- and post-routing hooks,
// chained with the application's `own` hooks. A policy is an empty value: the hooks keep a copy.
template <corset::decider Decider>
void install(::httplib::Server& server, Decider const& decider, hooks own = {}) {
  auto refused = [decider, hook = std::move(own.on_refused)](decision const& d, ::httplib::Request const& req,
                                                            ::httplib::Response& res) {
    if (hook) report_refusal(hook, d, [&] { return explain(decider, req); }, res);
  };
  server.set_pre_routing_handler([decider, refused, next = std::move(own.pre_routing)](::httplib::Request const& req,
                                                                                        ::httplib::Response& res) {
    decision const d = evaluate(decider, req);
    if (d.answered_by_corset()) {
      res.status = d.status();
      set_headers(d, res);
      refused(d, req, res);
      return ::httplib::Server::HandlerResponse::Handled;
    }
    return next ? next(req, res) : ::httplib::Server::HandlerResponse::Unhandled;
  });
  server.set_post_routing_handler([decider, refused, next = std::move(own.post_routing)](::httplib::Request const& req,
                                                                                         ::httplib::Response& res) {
    if (next) next(req, res);
    decision const d = evaluate(decider, req);
    if (d.answered_by_corset()) return;  // answered, and reported, above
    set_headers(d, res);
    refused(d, req, res);
  });
}

}  // namespace corset::httplib
