// A cpp-httplib server for the end-to-end load: the same JSON handler with corset (through its
// adapter), without CORS, or with the hand-written floor of the benchmarks. wrk drives it
// (benchmarks/e2e/run.py).
//
//   httplib_server PORT corset|none|floor
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include <httplib.h>

#include <corset/httplib.hpp>

#include "floor.hpp"
#include "floor_small.hpp"
#include "policy_16.hpp"

namespace {

std::string_view field(httplib::Request const& req, char const* name) {
  auto const at = req.headers.find(name);
  return at == req.headers.end() ? std::string_view{} : std::string_view{at->second};
}

// What a person writes by hand: the fields read one by one, the floor's decision, its headers set
// before routing (cpp-httplib keeps them for the handler's response).
httplib::Server::HandlerResponse by_hand(httplib::Request const& req, httplib::Response& res) {
  corset::request_view const view{req.method,
                                  field(req, "Origin"),
                                  field(req, "Access-Control-Request-Method"),
                                  field(req, "Access-Control-Request-Headers"),
                                  "",
                                  {},
                                  field(req, "Host"),
                                  field(req, "Sec-Fetch-Site"),
                                  field(req, "Upgrade")};
  auto set = [&res](std::string_view name, std::string_view value) {
    res.set_header(std::string{name}, std::string{value});
  };
  int const status = bench::floor::handle<bench::floor::origin_16>(view, set);
  if (status == 0) return httplib::Server::HandlerResponse::Unhandled;
  res.status = status;
  return httplib::Server::HandlerResponse::Handled;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: httplib_server PORT corset|none|floor\n");
    return 2;
  }
  std::string_view const mode = argv[2];
  httplib::Server server;
  server.set_tcp_nodelay(true);  // else Nagle and delayed ACKs hold each response 40 ms
  if (mode == "corset") corset::httplib::install(server, bench::policy_16);
  if (mode == "floor") server.set_pre_routing_handler(by_hand);
  auto const handler = [](httplib::Request const&, httplib::Response& res) {
    res.set_content(R"({"foo":"bar"})", "application/json");
  };
  server.Get("/api/items", handler);
  server.Put("/api/items", handler);
  server.Options("/api/items", handler);
  std::printf("listening\n");
  std::fflush(stdout);
  return server.listen("127.0.0.1", std::atoi(argv[1])) ? 0 : 1;
}
