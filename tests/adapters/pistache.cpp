// <corset/pistache.hpp> against a real Pistache server on a loopback port.
#include <corset/pistache.hpp>

#include <atomic>
#include <memory>

#include <doctest/doctest.h>
#include <pistache/endpoint.h>
#include <pistache/router.h>

#include "free_port.hpp"
#include "over_http.hpp"

namespace {

namespace Http = Pistache::Http;
namespace Rest = Pistache::Rest;

// The application of over_http.hpp, as a Pistache router behind corset::pistache::handler.
struct pistache_server {
  std::atomic<int> handled{0};
  over_http::refusal_log refusals;
  int port = free_loopback_port();
  Rest::Router router;
  Http::Endpoint endpoint{Pistache::Address{Pistache::Ipv4::loopback(), Pistache::Port(static_cast<std::uint16_t>(port))}};

  template <class Decider>
  explicit pistache_server(Decider const& decider) {
    auto answer = [this](auto&& respond) {
      return [this, respond](Rest::Request const&, Http::ResponseWriter res) {
        ++handled;
        respond(res);
        return Rest::Route::Result::Ok;
      };
    };
    Rest::Routes::Get(router, "/public/books", answer([](Http::ResponseWriter& res) { res.send(Http::Code::Ok, "[]"); }));
    Rest::Routes::Put(router, "/answers/1", answer([](Http::ResponseWriter& res) {
                        corset::pistache::add_vary(res, "Accept-Encoding");  // Pistache drops a second Vary
                        res.send(Http::Code::Ok, "{}");
                      }));
    Rest::Routes::Options(router, "/answers/1", answer([](Http::ResponseWriter& res) { res.send(Http::Code::Ok); }));
    Rest::Routes::Options(router, "/docs", answer([](Http::ResponseWriter& res) {
                            res.headers().add<Http::Header::Allow>(
                                std::vector<Http::Method>{Http::Method::Get, Http::Method::Put, Http::Method::Options});
                            res.send(Http::Code::Ok);
                          }));
    Rest::Routes::Get(router, "/own-cors", answer([](Http::ResponseWriter& res) {
                        res.headers().add<Http::Header::AccessControlAllowOrigin>("*");
                        res.headers().add<Http::Header::AccessControlExposeHeaders>("x-secret");
                        res.send(Http::Code::Ok);
                      }));
    for (char const* path : {"/answers", "/answers/*", "/account/*", "/legacy*", "/public/*"})
      Rest::Routes::Get(router, path, [](Rest::Request const&, Http::ResponseWriter res) {
        res.send(Http::Code::Ok, "{}");
        return Rest::Route::Result::Ok;
      });
    endpoint.init(Http::Endpoint::options().threads(1));
    endpoint.setHandler(corset::pistache::handler(
        decider, router.handler(), [this](corset::refusal const& r, Http::ResponseWriter&) { refusals(r); }));
    endpoint.serveThreaded();
  }
  ~pistache_server() { endpoint.shutdown(); }
  // Pistache's documented deviations (corset/pistache.hpp).
  over_http::server_facts facts() {
    return {.port = port, .handled = &handled, .first_line_only = true, .joins_field_lines = true,
            .keeps_handler_cors = true};
  }
};

}  // namespace

TEST_CASE("pistache: preflights answered, headers on every other response, deviations as documented") {
  pistache_server s{test_policies::adapter_api};
  over_http::check_policy(s.facts());
  over_http::check_cross_origin_writes(s.facts(), s.refusals);
}

TEST_CASE("pistache: a route table on the raw path, and pass-through preflights") {
  pistache_server s{test_policies::adapter_site};
  over_http::check_route_table(s.facts());
}

TEST_CASE("pistache: rules 7, targets a router resolves differently get no CORS") {
  pistache_server s{test_policies::hardened_site};
  over_http::check_unsafe_targets(s.facts());
}
