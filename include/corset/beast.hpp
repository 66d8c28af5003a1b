// corset/beast.hpp - corset for Boost.Beast servers. Opt-in: not included by corset.hpp.
//
//   auto res = corset::beast::serve(api, req, [&](auto const& req) { return handle(req); });
//
// serve() answers preflights itself (status, headers, empty body: the handler never sees them)
// and adds the decision's headers to every other response the handler returns, error responses
// included. A route table (corset::routes) works wherever a policy does; a policy with
// pass_through_preflights lets the handler answer its preflights too. The pieces are public:
// fields_of(), evaluate(), set_headers().
#pragma once

#include <utility>  // before Asio: Boost 1.74's Asio uses std::exchange without including it

#include <cstddef>
#include <string>
#include <string_view>
#include <type_traits>

#include <boost/beast/http/field.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/status.hpp>

#include <corset/corset.hpp>
#include <corset/detail/vary.hpp>

namespace corset::beast {

namespace http = boost::beast::http;

namespace detail {
// Beast in Boost 1.74 speaks boost::string_view.
[[nodiscard]] inline boost::beast::string_view to_beast(std::string_view s) noexcept { return {s.data(), s.size()}; }
[[nodiscard]] inline std::string_view to_std(boost::beast::string_view s) noexcept { return {s.data(), s.size()}; }
}  // namespace detail

// The CORS fields of a request, every Access-Control-Request-Headers line included.
template <class Fields>
[[nodiscard]] request_fields fields_of(http::request_header<Fields> const& req) noexcept {
  request_fields fields{detail::to_std(req.method_string())};
  for (auto const& field : req) fields.add(detail::to_std(field.name_string()), detail::to_std(field.value()));
  return fields;
}

// The decision for a request, by a policy or a route table (from the raw request-target). It
// holds views into `req`: use it while `req` lives.
template <class Policy, class Fields>
[[nodiscard]] decision evaluate(Policy const& policy, http::request_header<Fields> const& req) noexcept {
  if constexpr (route_table<Policy>) {
    return policy.evaluate(detail::to_std(req.target()), fields_of(req).view());
  } else {
    return policy.evaluate(fields_of(req).view());
  }
}

// Adds `value` to the response's Vary, keeping what the handler put there: one Vary field,
// each name once, `*` left alone.
template <class Fields>
void merge_vary(http::header<false, Fields>& res, std::string_view value) {
  std::string merged;
  for (auto const& field : res) {
    if (field.name() != http::field::vary) continue;
    if (!merged.empty()) merged += ", ";
    merged += detail::to_std(field.value());
  }
  if (merged.empty()) {
    res.set(http::field::vary, detail::to_beast(value));
    return;
  }
  std::string const theirs = merged;
  corset::detail::missing_vary_names(theirs, value, [&](std::string_view name) { (merged += ", ") += name; });
  res.set(http::field::vary, merged);
}

// Writes the decision's headers into a response. corset owns the Access-Control-* names: what
// the handler set under them is removed first, so that two CORS layers never disagree. Vary is
// merged with the handler's; repeated Access-Control-Allow-Headers lines (rules 4.9) are kept.
template <class Fields>
void set_headers(decision const& d, http::header<false, Fields>& res) {
  for (auto it = res.begin(); it != res.end();) {
    if (corset::detail::istarts_with(detail::to_std(it->name_string()), "access-control-")) {
      it = res.erase(it);
    } else {
      ++it;
    }
  }
  auto const headers = d.headers();
  for (std::size_t i = 0; i != headers.size(); ++i) {
    header const& h = headers[i];
    if (h.name == "Vary") {
      merge_vary(res, h.value);
    } else if (i != 0 && headers[i - 1].name == h.name) {
      res.insert(detail::to_beast(h.name), detail::to_beast(h.value));
    } else {
      res.set(detail::to_beast(h.name), detail::to_beast(h.value));
    }
  }
}

// The response a preflight gets: the decision's status (204 or 403), its headers, no body.
template <class Response, class Body, class Fields>
[[nodiscard]] Response preflight_response(decision const& d, http::request<Body, Fields> const& req) {
  Response res(static_cast<http::status>(d.status()), req.version());
  set_headers(d, res);
  res.keep_alive(req.keep_alive());
  res.prepare_payload();
  return res;
}

// Whether corset answers the request itself: preflights, unless passed through (status 0).
[[nodiscard]] inline bool answered_by_corset(decision const& d) noexcept {
  return d.kind() == request_kind::preflight && d.status() != 0;
}

// CORS around a handler: `handler(req)` returns a http::response<...>.
template <class Policy, class Body, class Fields, class Handler>
[[nodiscard]] auto serve(Policy const& policy, http::request<Body, Fields> const& req, Handler&& handler)
    -> std::remove_cvref_t<std::invoke_result_t<Handler&, http::request<Body, Fields> const&>> {
  using response = std::remove_cvref_t<std::invoke_result_t<Handler&, http::request<Body, Fields> const&>>;
  decision const d = evaluate(policy, req);
  if (answered_by_corset(d)) return preflight_response<response>(d, req);
  response res = std::forward<Handler>(handler)(req);
  set_headers(d, res);
  return res;
}

}  // namespace corset::beast
