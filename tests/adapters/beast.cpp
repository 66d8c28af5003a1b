// <corset/beast.hpp>: preflights answered without the handler, headers added to every other
// response, Vary merged, split Access-Control-Request-Headers honoured.
#include <corset/beast.hpp>

#include <string>
#include <vector>

#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <doctest/doctest.h>
#include "../policies.hpp"

namespace http = boost::beast::http;

namespace {

constexpr auto const& api = test_policies::adapter_api;

inline constexpr corset::policy<corset::allow_origins<"https://app.example.com">, corset::allow_any_method,
                                corset::allow_any_header, corset::allow_credentials>
    echoing{};

http::request<http::string_body> request(http::verb verb, std::string const& origin) {
  http::request<http::string_body> req{verb, "/answers/1", 11};
  if (!origin.empty()) req.set(http::field::origin, origin);
  return req;
}

struct handler {
  int* calls = nullptr;
  http::status status = http::status::ok;
  char const* vary = nullptr;
  bool own_cors = false;  // the handler sets CORS headers of its own, as a second layer would
  http::response<http::string_body> operator()(http::request<http::string_body> const& req) const {
    ++*calls;
    http::response<http::string_body> res{status, req.version()};
    if (vary != nullptr) res.set(http::field::vary, vary);
    if (own_cors) {
      res.set(http::field::access_control_allow_origin, "*");
      res.set("access-control-allow-credentials", "true");
      res.insert(http::field::access_control_expose_headers, "x-secret");
    }
    res.body() = "{}";
    res.prepare_payload();
    return res;
  }
};

// A request as it arrives: its bytes through Beast's parser, target and fields untouched.
http::request<http::string_body> parse(std::string const& bytes) {
  http::request_parser<http::string_body> parser;
  boost::beast::error_code ec;
  parser.put(boost::asio::buffer(bytes), ec);
  REQUIRE_FALSE(ec);
  REQUIRE(parser.is_done());
  return parser.release();
}

std::vector<std::string> all(http::response<http::string_body> const& res, std::string_view name) {
  std::vector<std::string> out;
  for (auto const& f : res)
    if (corset::detail::iequals({f.name_string().data(), f.name_string().size()}, name))
      out.emplace_back(f.value());
  return out;
}

}  // namespace

TEST_CASE("beast: a preflight is answered completely, without the handler") {
  int calls = 0;
  auto req = request(http::verb::options, "https://app.example.com");
  req.set(http::field::access_control_request_method, "PUT");
  req.set(http::field::access_control_request_headers, "content-type,x-csrf-token");
  auto const res = corset::beast::serve(api, req, handler{&calls});
  CHECK(calls == 0);
  CHECK(res.result() == http::status::no_content);
  CHECK(res[http::field::access_control_allow_origin] == "https://app.example.com");
  CHECK(res[http::field::access_control_allow_credentials] == "true");
  CHECK(res[http::field::access_control_allow_methods] == "PUT");
  CHECK(res[http::field::access_control_allow_headers] == "content-type,x-csrf-token");
  CHECK(res[http::field::access_control_max_age] == "600");
  CHECK(res.body().empty());

  req.set(http::field::access_control_request_method, "DELETE");
  auto const refused = corset::beast::serve(api, req, handler{&calls});
  CHECK(calls == 0);
  CHECK(refused.result() == http::status::forbidden);
  CHECK(refused[http::field::access_control_allow_origin].empty());
  CHECK(all(refused, "Vary") ==
        std::vector<std::string>{"Origin, Access-Control-Request-Method, Access-Control-Request-Headers"});
}

TEST_CASE("beast: other responses get the headers, error responses included") {
  int calls = 0;
  auto const ok = corset::beast::serve(api, request(http::verb::put, "https://app.example.com"), handler{&calls});
  CHECK(calls == 1);
  CHECK(ok[http::field::access_control_allow_origin] == "https://app.example.com");
  CHECK(ok[http::field::vary] == "Origin");
  auto const error = corset::beast::serve(api, request(http::verb::get, "https://app.example.com"),
                                          handler{&calls, http::status::not_found});
  CHECK(error.result() == http::status::not_found);
  CHECK(error[http::field::access_control_allow_origin] == "https://app.example.com");
  auto const refused = corset::beast::serve(api, request(http::verb::get, "https://evil.example"), handler{&calls});
  CHECK(refused[http::field::access_control_allow_origin].empty());
  CHECK(refused[http::field::vary] == "Origin");
  auto const plain = corset::beast::serve(api, request(http::verb::get, ""), handler{&calls});
  CHECK(plain[http::field::access_control_allow_origin].empty());
  CHECK(plain[http::field::vary] == "Origin");
  CHECK(calls == 4);
}

TEST_CASE("beast: Vary merges with the handler's, never overwrites it") {
  int calls = 0;
  auto const merged = corset::beast::serve(api, request(http::verb::get, "https://app.example.com"),
                                           handler{&calls, http::status::ok, "Accept-Encoding"});
  CHECK(all(merged, "Vary") == std::vector<std::string>{"Accept-Encoding, Origin"});
  auto const kept = corset::beast::serve(api, request(http::verb::get, "https://app.example.com"),
                                         handler{&calls, http::status::ok, "origin, Accept"});
  CHECK(all(kept, "Vary") == std::vector<std::string>{"origin, Accept"});
  auto const star = corset::beast::serve(api, request(http::verb::get, "https://app.example.com"),
                                         handler{&calls, http::status::ok, "*"});
  CHECK(all(star, "Vary") == std::vector<std::string>{"*"});
}

TEST_CASE("beast: split Access-Control-Request-Headers lines are one list, echoed one per line") {
  auto req = request(http::verb::options, "https://app.example.com");
  req.set(http::field::access_control_request_method, "PUT");
  req.insert(http::field::access_control_request_headers, "content-type");
  req.insert(http::field::access_control_request_headers, "x-csrf-token");
  corset::request_fields const fields = corset::beast::fields_of(req);
  CHECK(fields.view().request_headers == "content-type");
  REQUIRE(fields.view().more_request_headers.size() == 1);
  CHECK(fields.view().more_request_headers[0] == "x-csrf-token");
  int calls = 0;
  CHECK(corset::beast::serve(api, req, handler{&calls}).result() == http::status::no_content);
  auto const echoed = corset::beast::serve(echoing, req, handler{&calls});
  CHECK(all(echoed, "Access-Control-Allow-Headers") == std::vector<std::string>{"content-type", "x-csrf-token"});
  req.insert(http::field::access_control_request_headers, "content-type");  // out of order
  CHECK(corset::beast::serve(api, req, handler{&calls}).result() == http::status::forbidden);
}

TEST_CASE("beast: several Origin lines never match") {
  auto req = request(http::verb::get, "https://app.example.com");
  req.insert(http::field::origin, "https://app.example.com");
  int calls = 0;
  auto const res = corset::beast::serve(api, req, handler{&calls});
  CHECK(res[http::field::access_control_allow_origin].empty());
  CHECK(corset::beast::evaluate(api, req).reason() == corset::reason::origin_not_allowed);
}

// A route table wherever a policy goes.
TEST_CASE("beast: a route table picks the policy from the raw request-target") {
  constexpr auto const& site = test_policies::adapter_site;
  int calls = 0;
  auto at = [](http::verb verb, char const* target, std::string const& origin) {
    auto req = request(verb, origin);
    req.target(target);
    return req;
  };
  auto preflight = at(http::verb::options, "/answers/1?x=1", "https://app.example.com");
  preflight.set(http::field::access_control_request_method, "PUT");
  auto const answered = corset::beast::serve(site, preflight, handler{&calls});
  CHECK(calls == 0);
  CHECK(answered.result() == http::status::no_content);
  CHECK(answered[http::field::access_control_allow_credentials] == "true");

  auto const open = corset::beast::serve(site, at(http::verb::get, "/public/books", "https://anyone.example"),
                                         handler{&calls});
  CHECK(open[http::field::access_control_allow_origin] == "*");
  CHECK(open[http::field::vary].empty());

  // The open route never lends its policy to the protected one.
  auto const sneaky = corset::beast::serve(
      site, at(http::verb::get, "/public/../answers/1", "https://anyone.example"), handler{&calls});
  CHECK(sneaky[http::field::access_control_allow_origin].empty());
  CHECK(sneaky[http::field::vary].empty());
  auto sneaky_preflight = at(http::verb::options, "/public/%2e%2e/answers/1", "https://anyone.example");
  sneaky_preflight.set(http::field::access_control_request_method, "PUT");
  auto const passed = corset::beast::serve(site, sneaky_preflight, handler{&calls});
  CHECK(passed.result() == http::status::ok);  // not answered by corset: the handler's own answer
  CHECK(passed[http::field::access_control_allow_origin].empty());
  CHECK(calls == 3);
}

TEST_CASE("beast: pass_through_preflights lets the handler answer, with corset's headers") {
  constexpr auto const& site = test_policies::adapter_site;
  int calls = 0;
  auto req = request(http::verb::options, "https://app.example.com");
  req.target("/docs");
  req.set(http::field::access_control_request_method, "PUT");
  auto const res = corset::beast::serve(site, req, handler{&calls, http::status::ok, "Accept"});
  CHECK(calls == 1);
  CHECK(res.result() == http::status::ok);
  CHECK(res.body() == "{}");
  CHECK(res[http::field::access_control_allow_origin] == "https://app.example.com");
  CHECK(res[http::field::access_control_allow_methods] == "PUT");
  CHECK(res[http::field::vary] ==
        "Accept, Origin, Access-Control-Request-Method, Access-Control-Request-Headers");
  req.set(http::field::origin, "https://evil.example");
  auto const refused = corset::beast::serve(site, req, handler{&calls});
  CHECK(calls == 2);
  CHECK(refused.result() == http::status::ok);
  CHECK(refused[http::field::access_control_allow_origin].empty());
}

TEST_CASE("beast: rules 7, targets a router resolves differently get no CORS, over parsed requests") {
  constexpr auto const& site = test_policies::hardened_site;
  int calls = 0;
  auto const get = [&](std::string const& target) {
    return corset::beast::serve(site, parse("GET " + target + " HTTP/1.1\r\nHost: api.example\r\n"
                                            "Origin: https://anyone.example\r\n\r\n"),
                                handler{&calls});
  };
  CHECK(get("/public/books")[http::field::access_control_allow_origin] == "*");  // the open default
  for (char const* target : test_policies::unsafe_targets) {
    INFO("target: ", target);
    auto const res = get(target);
    CHECK(res[http::field::access_control_allow_origin].empty());
    CHECK(res[http::field::vary].empty());
  }
  auto const legacy = corset::beast::serve(
      site, parse("GET /legacy;v=1/x HTTP/1.1\r\nHost: api.example\r\nOrigin: https://app.example.com\r\n\r\n"),
      handler{&calls});
  CHECK(legacy[http::field::access_control_allow_credentials] == "true");
}

TEST_CASE("beast: corset owns the Access-Control-* names, whatever the handler set") {
  int calls = 0;
  // Refused: the handler's own CORS headers would let the page read; they are removed.
  auto const refused = corset::beast::serve(api, request(http::verb::get, "https://evil.example"),
                                            handler{&calls, http::status::ok, nullptr, true});
  CHECK(all(refused, "Access-Control-Allow-Origin").empty());
  CHECK(all(refused, "Access-Control-Allow-Credentials").empty());
  CHECK(all(refused, "Access-Control-Expose-Headers").empty());
  CHECK(refused[http::field::vary] == "Origin");
  // Allowed: corset's values, each once.
  auto const allowed = corset::beast::serve(api, request(http::verb::get, "https://app.example.com"),
                                            handler{&calls, http::status::ok, nullptr, true});
  CHECK(all(allowed, "Access-Control-Allow-Origin") == std::vector<std::string>{"https://app.example.com"});
  CHECK(all(allowed, "Access-Control-Allow-Credentials") == std::vector<std::string>{"true"});
  CHECK(all(allowed, "Access-Control-Expose-Headers").empty());
  // No CORS at all (no route): the handler's are removed too.
  auto req = request(http::verb::get, "https://anyone.example");
  req.target("/nowhere");
  auto const uncovered = corset::beast::serve(test_policies::adapter_site, req, handler{&calls, http::status::ok, nullptr, true});
  CHECK(all(uncovered, "Access-Control-Allow-Origin").empty());
  CHECK(calls == 3);
}

TEST_CASE("beast: cross-origin writes are answered 403 before the handler, and the hook sees every refusal") {
  int calls = 0;
  std::vector<std::string> seen;
  auto const hook = [&seen](corset::refusal const& r, http::response<http::string_body>& res) {
    seen.emplace_back(r.why.view());
    if (r.cors.reason() == corset::reason::cross_origin_write) res.body() = "no";
  };
  auto forged = request(http::verb::post, "https://evil.example");
  forged.set("Sec-Fetch-Site", "same-site");
  auto const refused = corset::beast::serve(api, forged, handler{&calls}, hook);
  CHECK(calls == 0);
  CHECK(refused.result() == http::status::forbidden);
  CHECK(refused.body() == "no");
  CHECK(refused[http::field::vary] == "Origin");
  REQUIRE(seen.size() == 1);
  CHECK(seen[0] == R"(refused: POST from origin "https://evil.example" is a cross-origin write (Sec-Fetch-Site: same-site))");

  // A refused origin on a read: the handler runs, the hook sees it too.
  auto const read = corset::beast::serve(api, request(http::verb::get, "https://evil.example"), handler{&calls}, hook);
  CHECK(calls == 1);
  CHECK(read.result() == http::status::ok);
  REQUIRE(seen.size() == 2);
  CHECK(seen[1] == R"(refused: request from origin "https://evil.example", origin not allowed)");

  // Trusted writes reach the handler; the Host stands for the server's own origin.
  auto own = request(http::verb::post, "https://api.example");
  own.set(http::field::host, "api.example");
  CHECK(corset::beast::serve(api, own, handler{&calls}, hook).result() == http::status::ok);
  CHECK(corset::beast::serve(api, request(http::verb::post, "https://app.example.com"), handler{&calls}, hook).result() ==
        http::status::ok);
  CHECK(calls == 3);
  CHECK(seen.size() == 3);  // the own page's origin is not allowed to read: a refusal, not of the write
}

TEST_CASE("beast: a WebSocket handshake is decided before the upgrade") {
  auto handshake = [](std::string const& origin, char const* site) {
    auto req = request(http::verb::get, origin);
    req.set(http::field::connection, "Upgrade");
    req.set(http::field::upgrade, "websocket");
    req.set("Sec-Fetch-Site", site);
    return req;
  };
  int refusals = 0;
  auto const count = [&refusals](corset::refusal const&, auto&) { ++refusals; };
  auto const refused = corset::beast::check_websocket_handshake(api, handshake("http://localhost:8003", "same-site"), count);
  REQUIRE(refused.has_value());
  CHECK(refused->result() == http::status::forbidden);
  CHECK(refusals == 1);
  CHECK_FALSE(corset::beast::check_websocket_handshake(api, handshake("https://app.example.com", "same-site")).has_value());
  CHECK_FALSE(corset::beast::check_websocket_handshake(api, handshake("http://localhost:8003", "same-origin")).has_value());
  // Under report_cross_origin_writes the handshake proceeds, and the hook still sees it.
  static constexpr corset::policy<corset::allow_origins<"https://app.example.com">, corset::allow_credentials,
                                  corset::report_cross_origin_writes>
      reporting{};
  CHECK_FALSE(corset::beast::check_websocket_handshake(reporting, handshake("http://localhost:8003", "same-site"), count)
                  .has_value());
  CHECK(refusals == 2);
}
