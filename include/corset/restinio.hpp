// corset/restinio.hpp - corset for RESTinio (0.6) servers. Opt-in: not included by corset.hpp.
//
//   restinio::run(restinio::on_this_thread().port(8080).request_handler(
//       corset::restinio::handler(api, [](auto req, corset::restinio::responder const& cors) {
//         return cors.done(cors.create_response().set_body("{}"));
//       })));
//
// handler() answers what corset answers itself (preflights; the application never sees them)
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

#include <cstdint>
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

// The CORS fields of a request, every line of each field included.
[[nodiscard]] inline request_fields fields_of(::restinio::request_t const& req) noexcept {
  request_fields fields{std::string_view{req.header().method().c_str()}};
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

// What corset answers itself: the decision's status, its headers, no body.
inline ::restinio::request_handling_status_t send_answer(decision const& d, ::restinio::request_t& req) {
  auto res = req.create_response(detail::status_line(d.status()));
  set_headers(d, res);
  return res.done();
}

// For a sync_chain: answers the requests corset answers, and leaves the others to the next
// handler (request_not_handled), which starts its response with create_response().
template <corset::decider Decider>
[[nodiscard]] auto answer(Decider const& decider) {
  return [decider](::restinio::request_handle_t const& req) {
    decision const d = evaluate(decider, *req);
    return d.answered_by_corset() ? send_answer(d, *req) : ::restinio::request_not_handled();
  };
}

// A response to `req` with corset's headers already written.
template <corset::decider Decider>
[[nodiscard]] auto create_response(Decider const& decider, ::restinio::request_t& req,
                                   ::restinio::http_status_line_t status = ::restinio::status_ok()) {
  auto res = req.create_response(std::move(status));
  set_headers(evaluate(decider, req), res);
  return res;
}

// What handler() gives the application with a request: its response starts with corset's
// headers (create_response), and done() writes them again over whatever the handler added (its
// Access-Control-* fields removed, its Vary merged) before sending.
class responder {
 public:
  responder(decision const& d, ::restinio::request_handle_t req) : decision_(d), req_(std::move(req)) {}

  [[nodiscard]] auto create_response(::restinio::http_status_line_t status = ::restinio::status_ok()) const {
    auto res = req_->create_response(std::move(status));
    set_headers(decision_, res);
    return res;
  }

  template <class Output>
  ::restinio::request_handling_status_t done(::restinio::response_builder_t<Output>&& res) const {
    set_headers(decision_, res);
    return res.done();
  }

  [[nodiscard]] decision const& cors() const noexcept { return decision_; }

 private:
  decision decision_;  // views into the request, which req_ keeps alive
  ::restinio::request_handle_t req_;
};

// A request handler: corset's answers, then `app(req, responder)` for every other request.
template <corset::decider Decider, class App>
[[nodiscard]] auto handler(Decider const& decider, App app) {
  return [decider, app = std::move(app)](::restinio::request_handle_t req) {
    decision const d = evaluate(decider, *req);
    if (d.answered_by_corset()) return send_answer(d, *req);
    return app(req, responder{d, req});
  };
}

}  // namespace corset::restinio
