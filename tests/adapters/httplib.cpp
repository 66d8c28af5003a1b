// <corset/httplib.hpp> against a real cpp-httplib server on a loopback port.
#include <corset/httplib.hpp>

#include <atomic>
#include <thread>

#include <doctest/doctest.h>
#include "../policies.hpp"
#include "over_http.hpp"

namespace {

constexpr auto const& api = test_policies::adapter_api;

struct running_server {
  httplib::Server server;
  int port = 0;
  std::atomic<int> handled{0};
  std::thread thread;
  over_http::refusal_log refusals;
  template <class Policy = decltype(api)>
  explicit running_server(Policy const& policy = api, corset::httplib::hooks own = {}) {
    if (!own.on_refused) own.on_refused = [this](corset::refusal const& r, httplib::Response&) { refusals(r); };
    corset::httplib::install(server, policy, std::move(own));
    server.Get("/public/books", [this](httplib::Request const&, httplib::Response& res) {
      ++handled;
      res.set_content("[]", "application/json");
    });
    server.Options("/docs", [this](httplib::Request const&, httplib::Response& res) {
      ++handled;
      res.set_header("Allow", "GET, PUT, OPTIONS");
    });
    server.Put("/answers/1", [this](httplib::Request const&, httplib::Response& res) {
      ++handled;
      res.set_header("Vary", "Accept-Encoding");
      res.set_content("{}", "application/json");
    });
    server.Options("/answers/1", [this](httplib::Request const&, httplib::Response&) { ++handled; });
    // A handler that sets CORS headers of its own, as a second layer would.
    server.Get("/own-cors", [this](httplib::Request const&, httplib::Response& res) {
      ++handled;
      res.set_header("Access-Control-Allow-Origin", "*");
      res.set_header("access-control-allow-credentials", "true");
      res.set_header("Access-Control-Expose-Headers", "x-secret");
    });
    // Any other path: 200, so that a missing CORS header is corset's doing, not a 404's.
    server.Get(R"(/(answers|account|legacy|public).*)", [](httplib::Request const&, httplib::Response& res) {
      res.set_content("{}", "application/json");
    });
    port = server.bind_to_any_port("127.0.0.1");
    thread = std::thread{[this] { server.listen_after_bind(); }};
    while (!server.is_running()) std::this_thread::yield();
  }
  ~running_server() {
    server.stop();
    thread.join();
  }
};

}  // namespace

TEST_CASE("httplib: the behaviours every adapter shows, over HTTP") {
  running_server policy;
  over_http::check_policy({policy.port, &policy.handled});
  over_http::check_cross_origin_writes({policy.port, &policy.handled}, policy.refusals);
  running_server site{test_policies::adapter_site};
  over_http::check_route_table({site.port, &site.handled});
  running_server hardened{test_policies::hardened_site};
  over_http::check_unsafe_targets({hardened.port, &hardened.handled});
}

TEST_CASE("httplib: the application's own hooks are chained with corset's, never lost") {
  std::atomic<int> pre{0}, post{0};
  corset::httplib::hooks own;
  own.pre_routing = [&pre](httplib::Request const& req, httplib::Response& res) {
    ++pre;
    if (req.path != "/private") return httplib::Server::HandlerResponse::Unhandled;
    res.status = 401;
    return httplib::Server::HandlerResponse::Handled;
  };
  own.post_routing = [&post](httplib::Request const&, httplib::Response& res) {
    ++post;
    res.set_header("X-Post", "1");
    res.set_header("Access-Control-Allow-Origin", "*");  // corset's headers win
  };
  running_server s{api, own};
  httplib::Client client{"127.0.0.1", s.port};
  auto const preflight = client.Options("/answers/1", httplib::Headers{{"Origin", "https://app.example.com"},
                                                                       {"Access-Control-Request-Method", "PUT"}});
  REQUIRE(preflight);
  CHECK(preflight->status == 204);  // corset answers first: the application's pre-routing never saw it
  CHECK(pre == 0);
  CHECK(preflight->get_header_value("X-Post") == "1");
  auto const denied = client.Get("/private", httplib::Headers{{"Origin", "https://app.example.com"}});
  REQUIRE(denied);
  CHECK(denied->status == 401);  // the application's own pre-routing still answers
  CHECK(pre == 1);
  CHECK(denied->get_header_value("Access-Control-Allow-Origin") == "https://app.example.com");
  auto const refused = client.Get("/public/books", httplib::Headers{{"Origin", "https://evil.example"}});
  REQUIRE(refused);
  CHECK_FALSE(refused->has_header("Access-Control-Allow-Origin"));
  CHECK(refused->get_header_value("X-Post") == "1");
  CHECK(post == 3);
}

TEST_CASE("httplib: the refusal hook may give corset's answer a body of its own") {
  corset::httplib::hooks own;
  own.on_refused = [](corset::refusal const& r, httplib::Response& res) {
    if (r.cors.reason() == corset::reason::cross_origin_write) res.set_content("{\"error\":\"cross-origin write\"}", "application/json");
  };
  running_server s{api, std::move(own)};
  httplib::Client client{"127.0.0.1", s.port};
  auto const forged = client.Post("/answers/1", httplib::Headers{{"Origin", "https://evil.example"}, {"Sec-Fetch-Site", "cross-site"}},
                                  "a=1", "application/x-www-form-urlencoded");
  REQUIRE(forged);
  CHECK(forged->status == 403);
  CHECK(forged->body == R"({"error":"cross-origin write"})");
}
