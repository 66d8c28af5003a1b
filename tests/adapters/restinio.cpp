// <corset/restinio.hpp> against a real RESTinio server on a loopback port.
#include <corset/restinio.hpp>

#include <restinio/sync_chain/fixed_size.hpp>

#include <atomic>
#include <string>

#include <doctest/doctest.h>

#include "free_port.hpp"
#include "over_http.hpp"

namespace {

using traits = restinio::traits_t<restinio::asio_timer_manager_t, restinio::null_logger_t>;

// The application of over_http.hpp, as RESTinio handlers behind corset::restinio::handler.
struct restinio_server {
  std::atomic<int> handled{0};
  over_http::refusal_log refusals;
  int port = free_loopback_port();
  restinio::running_server_handle_t<traits> server;

  template <class Decider>
  explicit restinio_server(Decider const& decider) {
    auto app = [this](restinio::request_handle_t const& req, corset::restinio::responder const& cors) {
      std::string const target{req->header().request_target()};
      auto const method = req->header().method();
      if (method == restinio::http_method_get() && target == "/public/books") {
        ++handled;
        return cors.done(cors.create_response().set_body("[]"));
      }
      if (method == restinio::http_method_put() && target == "/answers/1") {
        ++handled;
        return cors.done(cors.create_response().append_header("Vary", "Accept-Encoding").set_body("{}"));
      }
      if (method == restinio::http_method_options() && target == "/answers/1") {
        ++handled;
        return cors.done(cors.create_response());
      }
      if (method == restinio::http_method_options() && target == "/docs") {
        ++handled;
        return cors.done(cors.create_response().append_header("Allow", "GET, PUT, OPTIONS"));
      }
      if (method == restinio::http_method_get() && target == "/own-cors") {
        ++handled;
        return cors.done(cors.create_response()
                             .append_header("Access-Control-Allow-Origin", "*")
                             .append_header("access-control-allow-credentials", "true")
                             .append_header("Access-Control-Expose-Headers", "x-secret"));
      }
      return cors.done(cors.create_response(restinio::status_not_found()));
    };
    server = restinio::run_async<traits>(
        restinio::own_io_context(),
        restinio::server_settings_t<traits>{}.port(static_cast<std::uint16_t>(port)).address("127.0.0.1").request_handler(
            corset::restinio::handler(decider, app,
                                      [this](corset::refusal const& r, corset::restinio::response&) { refusals(r); })),
        1);
  }
  ~restinio_server() {
    server->stop();
    server->wait();
  }
  over_http::server_facts facts() { return {port, &handled}; }
};

}  // namespace

TEST_CASE("restinio: preflights answered, headers on every other response, several lines honoured") {
  restinio_server s{test_policies::adapter_api};
  over_http::check_policy(s.facts());
  over_http::check_cross_origin_writes(s.facts(), s.refusals);
}

TEST_CASE("restinio: a route table on the raw target, and pass-through preflights") {
  restinio_server s{test_policies::adapter_site};
  over_http::check_route_table(s.facts());
}

TEST_CASE("restinio: rules 7, targets a router resolves differently get no CORS") {
  restinio_server s{test_policies::hardened_site};
  over_http::check_unsafe_targets(s.facts());
}

TEST_CASE("restinio: in a sync chain, answer() first and create_response() after") {
  std::atomic<int> handled{0};
  int const port = free_loopback_port();
  using chain_traits = restinio::traits_t<restinio::asio_timer_manager_t, restinio::null_logger_t,
                                          restinio::sync_chain::fixed_size_chain_t<2>>;
  auto server = restinio::run_async<chain_traits>(
      restinio::own_io_context(),
      restinio::server_settings_t<chain_traits>{}.port(static_cast<std::uint16_t>(port)).address("127.0.0.1").request_handler(
          corset::restinio::answer(test_policies::adapter_api), [&handled](restinio::request_handle_t const& req) {
            ++handled;
            return corset::restinio::create_response(test_policies::adapter_api, *req).set_body("{}").done();
          }),
      1);
  httplib::Client client{"127.0.0.1", port};
  auto const preflight = client.Options("/answers/1", httplib::Headers{{"Origin", "https://app.example.com"},
                                                                       {"Access-Control-Request-Method", "PUT"}});
  REQUIRE(preflight);
  CHECK(preflight->status == 204);
  CHECK(handled == 0);
  auto const get = client.Get("/answers/1", httplib::Headers{{"Origin", "https://app.example.com"}});
  REQUIRE(get);
  CHECK(get->get_header_value("Access-Control-Allow-Origin") == "https://app.example.com");
  CHECK(handled == 1);
  server->stop();
  server->wait();
}
