// The adapter behaviours every server must show, checked over real HTTP on a loopback port with
// cpp-httplib's client. Each server test starts its server with the same application (the
// routes below) behind corset, and calls these checks; what a server cannot keep is a
// documented deviation, asserted as such.
//
// The application: GET /public/books (200), PUT /answers/1 (200, Vary: Accept-Encoding),
// OPTIONS /answers/1 (counted: never reached by a preflight), OPTIONS /docs (Allow: ...),
// GET /own-cors (sets Access-Control-* fields of its own), and the server's 404 elsewhere.
#pragma once

#include <httplib.h>

#include <corset/server.hpp>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "../policies.hpp"

namespace over_http {

// What a server under test says about itself.
struct server_facts {
  int port = 0;
  std::atomic<int>* handled = nullptr;  // requests the application's handlers saw
  bool first_line_only = false;         // the server keeps the first line of a repeated field
  bool joins_field_lines = false;       // the server writes one field a name
  bool keeps_handler_cors = false;      // a handler's own Access-Control-* field survives where
                                        // corset writes none of that name
  std::atomic<int>* refusals = nullptr; // what the adapter's refusal hook saw
};

// What a test server's refusal hook records.
struct refusal_log {
  std::atomic<int> count{0};
  std::mutex mutex;
  std::string last;
  void operator()(corset::refusal const& r) {
    std::lock_guard lock{mutex};
    last = std::string{r.why.view()};
    ++count;
  }
  std::string last_line() {
    std::lock_guard lock{mutex};
    return last;
  }
};

inline std::vector<std::string> all(httplib::Result const& r, char const* name) {
  std::vector<std::string> out;
  auto const range = r->headers.equal_range(name);
  for (auto it = range.first; it != range.second; ++it) out.push_back(it->second);
  return out;
}

// The names of a response's one Vary line, in any order.
inline std::set<std::string> vary_names(httplib::Result const& r) {
  std::vector<std::string> const lines = all(r, "Vary");
  REQUIRE(lines.size() == 1);
  std::set<std::string> names;
  std::string const& line = lines.front();
  for (std::size_t start = 0; start <= line.size();) {
    std::size_t const comma = std::min(line.find(',', start), line.size());
    std::string name = line.substr(start, comma - start);
    name.erase(0, name.find_first_not_of(' '));
    if (!name.empty()) names.insert(name);
    start = comma + 1;
  }
  return names;
}

inline httplib::Client client_of(server_facts const& s) {
  httplib::Client client{"127.0.0.1", s.port};
  client.set_url_encode(false);  // the bytes as written, escapes included
  return client;
}

// Under test_policies::adapter_api.
inline void check_policy(server_facts const& s) {
  httplib::Client client = client_of(s);
  int const before = *s.handled;

  // A preflight is answered by corset, completely; the application never sees it.
  auto const allowed = client.Options("/answers/1", httplib::Headers{{"Origin", "https://app.example.com"},
                                                                     {"Access-Control-Request-Method", "PUT"},
                                                                     {"Access-Control-Request-Headers", "content-type,x-csrf-token"}});
  REQUIRE(allowed);
  CHECK(allowed->status == 204);
  CHECK(allowed->get_header_value("Access-Control-Allow-Origin") == "https://app.example.com");
  CHECK(allowed->get_header_value("Access-Control-Allow-Credentials") == "true");
  CHECK(allowed->get_header_value("Access-Control-Allow-Methods") == "PUT");
  CHECK(allowed->get_header_value("Access-Control-Allow-Headers") == "content-type,x-csrf-token");
  CHECK(allowed->get_header_value("Access-Control-Max-Age") == "600");
  CHECK(all(allowed, "Vary") == std::vector<std::string>{test_policies::vary_preflight});
  CHECK(allowed->body.empty());

  auto const refused = client.Options("/answers/1", httplib::Headers{{"Origin", "https://app.example.com"},
                                                                     {"Access-Control-Request-Method", "DELETE"}});
  REQUIRE(refused);
  CHECK(refused->status == 403);
  CHECK_FALSE(refused->has_header("Access-Control-Allow-Origin"));
  CHECK(all(refused, "Vary") == std::vector<std::string>{test_policies::vary_preflight});
  auto const stranger = client.Options("/answers/1", httplib::Headers{{"Origin", "https://evil.example"},
                                                                      {"Access-Control-Request-Method", "PUT"}});
  REQUIRE(stranger);
  CHECK(stranger->status == 403);
  CHECK_FALSE(stranger->has_header("Access-Control-Allow-Origin"));
  CHECK(*s.handled == before);

  // Every other response gets the headers, Vary merged with the application's.
  auto const put = client.Put("/answers/1", httplib::Headers{{"Origin", "https://app.example.com"}}, "{}",
                              "application/json");
  REQUIRE(put);
  CHECK(put->status == 200);
  CHECK(put->get_header_value("Access-Control-Allow-Origin") == "https://app.example.com");
  CHECK(put->get_header_value("Access-Control-Allow-Credentials") == "true");
  CHECK(vary_names(put) == std::set<std::string>{"Accept-Encoding", "Origin"});
  CHECK(*s.handled == before + 1);

  auto const missing = client.Get("/nowhere", httplib::Headers{{"Origin", "https://app.example.com"}});
  REQUIRE(missing);
  CHECK(missing->status == 404);
  CHECK(missing->get_header_value("Access-Control-Allow-Origin") == "https://app.example.com");

  auto const other = client.Get("/public/books", httplib::Headers{{"Origin", "https://evil.example"}});
  REQUIRE(other);
  CHECK_FALSE(other->has_header("Access-Control-Allow-Origin"));
  CHECK(all(other, "Vary") == std::vector<std::string>{"Origin"});

  auto const plain = client.Get("/public/books");
  REQUIRE(plain);
  CHECK_FALSE(plain->has_header("Access-Control-Allow-Origin"));
  CHECK(all(plain, "Vary") == std::vector<std::string>{"Origin"});

  // corset owns the Access-Control-* names: the application's own are gone.
  auto const own = client.Get("/own-cors", httplib::Headers{{"Origin", "https://evil.example"}});
  REQUIRE(own);
  auto const own_allowed = client.Get("/own-cors", httplib::Headers{{"Origin", "https://app.example.com"}});
  REQUIRE(own_allowed);
  CHECK(all(own_allowed, "Access-Control-Allow-Origin") == std::vector<std::string>{"https://app.example.com"});
  if (s.keeps_handler_cors) {  // a documented deviation: what corset does not write survives
    CHECK(own->get_header_value("Access-Control-Allow-Origin") == "*");
    CHECK(own_allowed->get_header_value("Access-Control-Expose-Headers") == "x-secret");
  } else {
    CHECK_FALSE(own->has_header("Access-Control-Allow-Origin"));
    CHECK_FALSE(own->has_header("Access-Control-Allow-Credentials"));
    CHECK_FALSE(own->has_header("Access-Control-Expose-Headers"));
    CHECK_FALSE(own_allowed->has_header("Access-Control-Expose-Headers"));
  }

  // Several lines of one field (rules 3.6, 4.10).
  auto const two_origins = client.Get("/public/books", httplib::Headers{{"Origin", "https://app.example.com"},
                                                                        {"Origin", "https://app.example.com"}});
  REQUIRE(two_origins);
  if (s.first_line_only) {  // a documented deviation: the server passes the first line on
    CHECK(two_origins->get_header_value("Access-Control-Allow-Origin") == "https://app.example.com");
  } else {
    CHECK_FALSE(two_origins->has_header("Access-Control-Allow-Origin"));
  }
  auto const split = client.Options("/answers/1", httplib::Headers{{"Origin", "https://app.example.com"},
                                                                   {"Access-Control-Request-Method", "PUT"},
                                                                   {"Access-Control-Request-Headers", "x-csrf-token"},
                                                                   {"Access-Control-Request-Headers", "content-type"}});
  REQUIRE(split);  // out of order over two lines: malformed, unless only the first line is seen
  CHECK(split->status == (s.first_line_only ? 204 : 403));
  auto const in_order = client.Options("/answers/1", httplib::Headers{{"Origin", "https://app.example.com"},
                                                                      {"Access-Control-Request-Method", "PUT"},
                                                                      {"Access-Control-Request-Headers", "content-type"},
                                                                      {"Access-Control-Request-Headers", "x-csrf-token"}});
  // In order over two lines: one list, as if written on one line (a server that keeps only the
  // first line passes on one allowed name, which is allowed too).
  REQUIRE(in_order);
  CHECK(in_order->status == 204);
  CHECK(in_order->get_header_value("Access-Control-Allow-Headers") == "content-type,x-csrf-token");  // the policy's
}

// Under test_policies::adapter_api, which has credentials: cross-origin writes (rules 8) are
// answered 403 before the handler, everything else reaches it; the hook sees every refusal.
inline void check_cross_origin_writes(server_facts const& s, refusal_log& log) {
  httplib::Client client = client_of(s);
  int const handled = *s.handled;
  int const refusals = log.count;
  auto const forged = client.Put("/answers/1", httplib::Headers{{"Origin", "http://localhost:8003"}, {"Sec-Fetch-Site", "same-site"}},
                                 "{}", "application/json");
  REQUIRE(forged);
  CHECK(forged->status == 403);
  CHECK_FALSE(forged->has_header("Access-Control-Allow-Origin"));
  CHECK(all(forged, "Vary") == std::vector<std::string>{"Origin"});
  CHECK(*s.handled == handled);  // the handler never ran
  CHECK(log.count == refusals + 1);
  CHECK(log.last_line() ==
        R"(refused: PUT from origin "http://localhost:8003" is a cross-origin write (Sec-Fetch-Site: same-site))");

  // A WebSocket handshake from that page: refused the same way.
  auto const handshake = client.Get("/answers/1", httplib::Headers{{"Origin", "http://localhost:8003"}, {"Sec-Fetch-Site", "same-site"},
                                                                   {"Connection", "Upgrade"}, {"Upgrade", "websocket"}});
  REQUIRE(handshake);
  CHECK(handshake->status == 403);
  CHECK(*s.handled == handled);

  // Trusted writes reach the handler: an allowed origin, same-origin, no browser at all.
  auto const allowed = client.Put("/answers/1", httplib::Headers{{"Origin", "https://app.example.com"}, {"Sec-Fetch-Site", "cross-site"}},
                                  "{}", "application/json");
  REQUIRE(allowed);
  CHECK(allowed->status == 200);
  CHECK(allowed->get_header_value("Access-Control-Allow-Origin") == "https://app.example.com");
  auto const same_origin = client.Put("/answers/1", httplib::Headers{{"Origin", "https://evil.example"}, {"Sec-Fetch-Site", "same-origin"}},
                                      "{}", "application/json");
  REQUIRE(same_origin);
  CHECK(same_origin->status == 200);
  CHECK_FALSE(same_origin->has_header("Access-Control-Allow-Origin"));
  auto const curl = client.Put("/answers/1", "{}", "application/json");
  REQUIRE(curl);
  CHECK(curl->status == 200);
  CHECK(*s.handled == handled + 3);
  CHECK(log.count == refusals + 3);  // the handshake and the refused origin of same_origin too

  // Without Sec-Fetch-Site, an Origin that names the Host is the server's own page.
  std::string const own = "http://127.0.0.1:" + std::to_string(s.port);
  auto const own_page = client.Put("/answers/1", httplib::Headers{{"Origin", own}}, "{}", "application/json");
  REQUIRE(own_page);
  CHECK(own_page->status == 200);
  auto const other_page = client.Put("/answers/1", httplib::Headers{{"Origin", "http://127.0.0.1:1"}}, "{}", "application/json");
  REQUIRE(other_page);
  CHECK(other_page->status == 403);
}

// Under test_policies::adapter_site: the raw target picks the route, pass-through preflights.
inline void check_route_table(server_facts const& s) {
  httplib::Client client = client_of(s);
  int const before = *s.handled;
  httplib::Headers const preflight{{"Origin", "https://app.example.com"}, {"Access-Control-Request-Method", "PUT"}};
  auto const answered = client.Options("/answers/1?x=1", preflight);
  REQUIRE(answered);
  CHECK(answered->status == 204);
  CHECK(answered->get_header_value("Access-Control-Allow-Credentials") == "true");
  CHECK(*s.handled == before);

  auto const open = client.Get("/public/books", httplib::Headers{{"Origin", "https://anyone.example"}});
  REQUIRE(open);
  CHECK(open->get_header_value("Access-Control-Allow-Origin") == "*");
  CHECK_FALSE(open->has_header("Vary"));

  // Routers decode %2e before routing; corset sees the raw target and gives no CORS.
  auto const sneaky = client.Get("/public/%2e%2e/answers/1", httplib::Headers{{"Origin", "https://anyone.example"}});
  REQUIRE(sneaky);
  CHECK_FALSE(sneaky->has_header("Access-Control-Allow-Origin"));
  CHECK_FALSE(sneaky->has_header("Vary"));

  // pass_through_preflights: the application's OPTIONS handler answers, with corset's headers.
  auto const documented = client.Options("/docs", preflight);
  REQUIRE(documented);
  CHECK(documented->status == 200);
  CHECK(documented->get_header_value("Allow") == "GET, PUT, OPTIONS");
  CHECK(documented->get_header_value("Access-Control-Allow-Origin") == "https://app.example.com");
  CHECK(documented->get_header_value("Access-Control-Allow-Methods") == "PUT");

  // No CORS never means no protection (rules 7.4): a forged write to an uncovered target.
  auto const forged = client.Post("/nowhere", httplib::Headers{{"Origin", "https://evil.example"}, {"Sec-Fetch-Site", "cross-site"}},
                                  "a=1", "application/x-www-form-urlencoded");
  REQUIRE(forged);
  CHECK(forged->status == 403);
}

// Under test_policies::hardened_site: rules 7, what the open default must not answer.
inline void check_unsafe_targets(server_facts const& s) {
  httplib::Client client = client_of(s);
  httplib::Headers const from_anyone{{"Origin", "https://anyone.example"}};
  auto const open = client.Get("/public/books", from_anyone);
  REQUIRE(open);
  CHECK(open->get_header_value("Access-Control-Allow-Origin") == "*");
  for (char const* target : test_policies::unsafe_targets) {
    INFO("target: ", target);
    auto const res = client.Get(target, from_anyone);
    REQUIRE(res);
    CHECK_FALSE(res->has_header("Access-Control-Allow-Origin"));
    CHECK_FALSE(res->has_header("Vary"));
  }
  // A `;` that is part of a route's own path is that route's, not a router's parameter (7.2).
  auto const legacy = client.Get("/legacy;v=1/x", httplib::Headers{{"Origin", "https://app.example.com"}});
  REQUIRE(legacy);
  CHECK(legacy->get_header_value("Access-Control-Allow-Origin") == "https://app.example.com");
  CHECK(legacy->get_header_value("Access-Control-Allow-Credentials") == "true");
}

}  // namespace over_http
