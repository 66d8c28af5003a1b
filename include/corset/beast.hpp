// corset/beast.hpp - corset for Boost.Beast servers. Opt-in: not included by corset.hpp.
//
//   auto res = corset::beast::serve(api, req, [&](auto const& req) { return handle(req); },
//                                   [](corset::refusal const& r, auto&) { log(r.why.view()); });
//
// serve() answers what corset answers itself (preflights, and refused cross-origin writes:
// status, headers, empty body; the handler never sees them) and writes the decision's headers
// into every other response the handler returns, error responses included; the optional last
// argument sees every refusal. For WebSocket handshakes, check_websocket_handshake() decides
// before the upgrade. A route table works wherever a policy does. The pieces are public:
// fields_of(), evaluate(), set_headers(); the flow is corset/server.hpp's.
#pragma once

#include <utility>  // before Asio: Boost 1.74's Asio uses std::exchange without including it

#include <iterator>
#include <optional>
#include <string_view>
#include <type_traits>

#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/field.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/status.hpp>

#include <corset/corset.hpp>
#include <corset/server.hpp>

namespace corset::beast {

namespace http = boost::beast::http;

namespace detail {
// Beast in Boost 1.74 speaks boost::string_view.
[[nodiscard]] inline boost::beast::string_view to_beast(std::string_view s) noexcept { return {s.data(), s.size()}; }
[[nodiscard]] inline std::string_view to_std(boost::beast::string_view s) noexcept { return {s.data(), s.size()}; }

// A response's fields, as corset::apply_headers writes them.
template <class Fields>
struct response_fields {
  http::header<false, Fields>& res;
  void add(std::string_view name, std::string_view value) { res.insert(to_beast(name), to_beast(value)); }
  template <class Predicate>
  void remove_if(Predicate const& remove) {
    for (auto it = res.begin(); it != res.end();) it = remove(to_std(it->name_string())) ? res.erase(it) : std::next(it);
  }
  template <class Visit>
  void each(Visit const& visit) const {
    for (auto const& field : res) visit(to_std(field.name_string()), to_std(field.value()));
  }
};
}  // namespace detail

// The fields corset reads, every line of each included; the target's authority, if any.
template <class Fields>
[[nodiscard]] request_fields fields_of(http::request_header<Fields> const& req) noexcept {
  request_fields fields{detail::to_std(req.method_string()), detail::to_std(req.target())};
  for (auto const& field : req) fields.add(detail::to_std(field.name_string()), detail::to_std(field.value()));
  return fields;
}

// The decision for a request, by a policy or a route table (from the raw request-target). It
// holds views into `req`: use it while `req` lives.
template <corset::decider Decider, class Fields>
[[nodiscard]] decision evaluate(Decider const& decider, http::request_header<Fields> const& req) noexcept {
  return corset::evaluate(decider, detail::to_std(req.target()), fields_of(req).view());
}

// Writes the decision's headers into a response (corset::apply_headers): the handler's
// Access-Control-* fields removed, Vary merged.
template <class Fields>
void set_headers(decision const& d, http::header<false, Fields>& res) {
  detail::response_fields<Fields> fields{res};
  apply_headers(d, fields);
}

// The response corset gives itself: the decision's status (204 or 403 for a preflight, 403 for
// a refused cross-origin write), its headers, no body.
template <class Response, class Body, class Fields>
[[nodiscard]] Response preflight_response(decision const& d, http::request<Body, Fields> const& req) {
  Response res(static_cast<http::status>(d.status()), req.version());
  set_headers(d, res);
  res.keep_alive(req.keep_alive());
  res.prepare_payload();
  return res;
}

// Whether corset answers the request itself: decision::answered_by_corset().
[[nodiscard]] inline bool answered_by_corset(decision const& d) noexcept { return d.answered_by_corset(); }

// Why a request got its decision, as one log line.
template <corset::decider Decider, class Fields>
[[nodiscard]] explanation explain(Decider const& decider, http::request_header<Fields> const& req) noexcept {
  return corset::explain(decider, detail::to_std(req.target()), fields_of(req).view());
}

// CORS around a handler: `handler(req)` returns a http::response<...>; `on_refused(refusal,
// response)` sees every refusal, with the response about to be sent.
template <corset::decider Decider, class Body, class Fields, class Handler, class OnRefused = ignore_refusals>
[[nodiscard]] auto serve(Decider const& decider, http::request<Body, Fields> const& req, Handler&& handler,
                         OnRefused&& on_refused = {})
    -> std::remove_cvref_t<std::invoke_result_t<Handler&, http::request<Body, Fields> const&>> {
  using response = std::remove_cvref_t<std::invoke_result_t<Handler&, http::request<Body, Fields> const&>>;
  decision const d = evaluate(decider, req);
  response res = d.answered_by_corset() ? preflight_response<response>(d, req) : std::forward<Handler>(handler)(req);
  if (!d.answered_by_corset()) set_headers(d, res);
  report_refusal(on_refused, d, [&] { return explain(decider, req); }, res);
  return res;
}

// For a WebSocket handshake, before the upgrade (rules 8.2): nothing when it may be accepted;
// otherwise the response to send instead of accepting it (403, a refused cross-origin write).
//   if (auto refused = corset::beast::check_websocket_handshake(api, req)) return http::write(socket, *refused);
//   ws.accept(req);
template <corset::decider Decider, class Body, class Fields, class OnRefused = ignore_refusals>
[[nodiscard]] std::optional<http::response<http::empty_body>> check_websocket_handshake(
    Decider const& decider, http::request<Body, Fields> const& req, OnRefused&& on_refused = {}) {
  decision const d = evaluate(decider, req);
  std::optional<http::response<http::empty_body>> refused;
  if (d.answered_by_corset()) refused.emplace(preflight_response<http::response<http::empty_body>>(d, req));
  http::response<http::empty_body> reported;  // what a reported handshake's hook sees
  report_refusal(on_refused, d, [&] { return explain(decider, req); }, refused ? *refused : reported);
  return refused;
}

}  // namespace corset::beast
