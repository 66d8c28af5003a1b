// corset/restinio.hpp - corset for RESTinio (0.6) servers. Opt-in: not included by corset.hpp.
//
//   restinio::run(restinio::on_this_thread().port(8080).request_handler(
//       corset::restinio::handler(api, [](auto req, corset::restinio::responder const& cors) {
//         return cors.done(cors.create_response().set_body("{}"));
//       })));
//
// handler() answers what corset answers itself (preflights, refused cross-origin writes; the
// application never sees them)
// and hands every other request to the application with a responder: its create_response() is
// RESTinio's with the decision's headers already written, and its done() writes them again over
// what the handler added (the handler's Access-Control-* fields removed, Vary merged) and sends.
// In a sync_chain, answer(api) is the first handler, and the others use create_response(api, req).
//
// Deviation: RESTinio has no hook after a handler has built its response, so corset cannot add
// its headers to a response made with req->create_response() and sent with its own done(). Such
// a response has no Access-Control-* header: the browser refuses to let the page read it (it
// fails closed, it never grants more).
#pragma once

#include <utility>  // before Asio: Boost 1.74's Asio uses std::exchange without including it

#include <concepts>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <restinio/all.hpp>

#include <corset/corset.hpp>
#include <corset/server.hpp>

namespace corset::restinio {

namespace detail {
[[nodiscard]] inline std::string_view to_std(::restinio::string_view_t s) noexcept { return {s.data(), s.size()}; }

// A response being built, as corset::apply_headers writes it.
template <class Output>
struct response_fields {
  ::restinio::response_builder_t<Output>& res;
  void add(std::string_view name, std::string_view value) { res.append_header(std::string{name}, std::string{value}); }
  template <class Predicate>
  void remove_if(Predicate const& remove) {
    std::vector<std::string> names;
    res.header().for_each_field([&](auto const& field) {
      if (remove(to_std(field.name()))) names.emplace_back(to_std(field.name()));
    });
    for (std::string const& name : names) res.header().remove_all_of(name);
  }
  template <class Visit>
  void each(Visit const& visit) const {
    res.header().for_each_field([&](auto const& field) { visit(to_std(field.name()), to_std(field.value())); });
  }
};

[[nodiscard]] inline ::restinio::http_status_line_t status_line(int status) {
  switch (status) {
    case 200: return ::restinio::status_ok();
    case 204: return ::restinio::status_no_content();
    default: return ::restinio::status_forbidden();
  }
}
}  // namespace detail

// The fields corset reads, every line of each included; the target's authority, if any.
[[nodiscard]] inline request_fields fields_of(::restinio::request_t const& req) noexcept {
  request_fields fields{std::string_view{req.header().method().c_str()}, detail::to_std(req.header().request_target())};
  for (auto const& field : req.header()) fields.add(detail::to_std(field.name()), detail::to_std(field.value()));
  return fields;
}

// The decision for a request, by a policy or a route table (from the raw request-target). It
// holds views into `req`: use it while the request lives.
template <corset::decider Decider>
[[nodiscard]] decision evaluate(Decider const& decider, ::restinio::request_t const& req) noexcept {
  return corset::evaluate(decider, detail::to_std(req.header().request_target()), fields_of(req).view());
}

// Writes the decision's headers into a response being built (corset::apply_headers).
template <class Output>
void set_headers(decision const& d, ::restinio::response_builder_t<Output>& res) {
  detail::response_fields<Output> fields{res};
  apply_headers(d, fields);
}

// Why a request got its decision, as one log line.
template <corset::decider Decider>
[[nodiscard]] explanation explain(Decider const& decider, ::restinio::request_t const& req) noexcept {
  return corset::explain(decider, detail::to_std(req.header().request_target()), fields_of(req).view());
}

// The response a hook sees and may give a body: what corset answers itself, or the application's.
using response = ::restinio::response_builder_t<::restinio::restinio_controlled_output_t>;
// What sees every refusal (corset/server.hpp), with the response about to be sent.
using refusal_hook = std::function<void(refusal const&, response&)>;

// What corset answers itself: the decision's status, its headers, no body.
template <corset::decider Decider>
::restinio::request_handling_status_t send_answer(Decider const& decider, decision const& d, ::restinio::request_t& req,
                                                  refusal_hook const& on_refused) {
  response res = req.create_response(detail::status_line(d.status()));
  set_headers(d, res);
  if (on_refused) report_refusal(on_refused, d, [&] { return explain(decider, req); }, res);
  return res.done();
}

// For a sync_chain: answers the requests corset answers, and leaves the others to the next
// handler (request_not_handled), which starts its response with create_response().
template <corset::decider Decider>
[[nodiscard]] auto answer(Decider const& decider, refusal_hook on_refused = {}) {
  return [decider, on_refused = std::move(on_refused)](::restinio::request_handle_t const& req) {
    decision const d = evaluate(decider, *req);
    return d.answered_by_corset() ? send_answer(decider, d, *req, on_refused) : ::restinio::request_not_handled();
  };
}

// A response to `req` with corset's headers already written.
template <corset::decider Decider>
[[nodiscard]] response create_response(Decider const& decider, ::restinio::request_t& req,
                                       ::restinio::http_status_line_t status = ::restinio::status_ok()) {
  response res = req.create_response(std::move(status));
  set_headers(evaluate(decider, req), res);
  return res;
}

// What handler() gives the application with a request: its response starts with corset's
// headers (create_response), and done() writes them again over whatever the handler added (its
// Access-Control-* fields removed, its Vary merged), shows a refusal to the hook, and sends.
class responder {
 public:
  responder(decision const& d, ::restinio::request_handle_t req, refusal_hook const* on_refused,
            explanation (*explain)(::restinio::request_t const&) noexcept)
      : decision_(d), req_(std::move(req)), on_refused_(on_refused), explain_(explain) {}

  [[nodiscard]] response create_response(::restinio::http_status_line_t status = ::restinio::status_ok()) const {
    response res = req_->create_response(std::move(status));
    set_headers(decision_, res);
    return res;
  }

  ::restinio::request_handling_status_t done(response&& res) const {
    set_headers(decision_, res);
    if (*on_refused_) report_refusal(*on_refused_, decision_, [&] { return explain_(*req_); }, res);
    return res.done();
  }

  [[nodiscard]] decision const& cors() const noexcept { return decision_; }

 private:
  decision decision_;  // views into the request, which req_ keeps alive
  ::restinio::request_handle_t req_;
  refusal_hook const* on_refused_;  // the handler's, which outlives every request
  explanation (*explain_)(::restinio::request_t const&) noexcept;
};

// A request handler: corset's answers, then `app(req, responder)` for every other request;
// `on_refused` sees every refusal. (A policy or route table is an empty value: explaining a
// refusal later, in responder::done(), makes another one.)
template <corset::decider Decider, class App>
  requires std::default_initializable<Decider>
[[nodiscard]] auto handler(Decider const& decider, App app, refusal_hook on_refused = {}) {
  return [decider, app = std::move(app), on_refused = std::move(on_refused)](::restinio::request_handle_t req) {
    decision const d = evaluate(decider, *req);
    if (d.answered_by_corset()) return send_answer(decider, d, *req, on_refused);
    constexpr auto explain_it = [](::restinio::request_t const& r) noexcept { return explain(Decider{}, r); };
    return app(req, responder{d, req, &on_refused, explain_it});
  };
}

}  // namespace corset::restinio
