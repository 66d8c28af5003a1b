// An HTTP/1.1 server on Boost.Beast (one thread per connection, keep-alive) for the end-to-end
// load: the same JSON handler with corset (through its adapter), without CORS, or with the
// hand-written floor of the benchmarks. wrk drives it (benchmarks/e2e/run.py).
//
//   beast_server PORT corset|none|floor
#include <utility>  // before Asio: Boost 1.74's Asio uses std::exchange without including it

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <thread>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

#include <corset/beast.hpp>

#include "floor.hpp"
#include "floor_small.hpp"
#include "policy_16.hpp"

namespace asio = boost::asio;
namespace http = boost::beast::http;
using tcp = asio::ip::tcp;
using request = http::request<http::string_body>;
using response = http::response<http::string_body>;

namespace {

enum class mode { corset, none, floor };

response handler(request const& req) {
  response res{http::status::ok, req.version()};
  res.set(http::field::content_type, "application/json");
  res.body() = R"({"foo":"bar"})";
  return res;
}

std::string_view field(request const& req, http::field f) { return corset::beast::detail::to_std(req[f]); }

// What a person writes by hand: the fields read one by one, the floor's decision, its headers set.
response by_hand(request const& req) {
  corset::request_view const view{corset::beast::detail::to_std(req.method_string()),
                                  field(req, http::field::origin),
                                  field(req, http::field::access_control_request_method),
                                  field(req, http::field::access_control_request_headers),
                                  "",
                                  {},
                                  field(req, http::field::host),
                                  corset::beast::detail::to_std(req["Sec-Fetch-Site"]),
                                  field(req, http::field::upgrade)};
  response res;
  auto set = [&res](std::string_view name, std::string_view value) {
    res.set(boost::beast::string_view{name.data(), name.size()}, boost::beast::string_view{value.data(), value.size()});
  };
  int const status = bench::floor::handle<bench::floor::origin_16>(view, set);
  if (status != 0) {
    res.result(static_cast<http::status>(status));
    res.version(req.version());
    return res;
  }
  response out = handler(req);
  for (auto const& f : res) out.set(f.name_string(), f.value());
  return out;
}

response serve(mode m, request const& req) {
  switch (m) {
    case mode::corset: return corset::beast::serve(bench::policy_16, req, handler);
    case mode::floor: return by_hand(req);
    case mode::none: break;
  }
  return handler(req);
}

void session(tcp::socket socket, mode m) {
  boost::beast::flat_buffer buffer;
  boost::system::error_code ec;
  for (;;) {
    request req;
    http::read(socket, buffer, req, ec);
    if (ec) return;
    response res = serve(m, req);
    res.keep_alive(req.keep_alive());
    res.prepare_payload();
    http::write(socket, res, ec);
    if (ec || !req.keep_alive()) return;
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: beast_server PORT corset|none|floor\n");
    return 2;
  }
  std::string_view const name = argv[2];
  mode const m = name == "corset" ? mode::corset : name == "floor" ? mode::floor : mode::none;
  asio::io_context io;
  tcp::acceptor acceptor{io, {asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(std::atoi(argv[1]))}};
  std::printf("listening\n");
  std::fflush(stdout);
  for (;;) std::thread{session, acceptor.accept(), m}.detach();
}
