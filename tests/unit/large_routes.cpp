// rules 5.13: a table of 1024 routes compiles at the default limits and routes as a short one
// does, the rules of section 7 included.
#include <string>

#include <doctest/doctest.h>

#define CORSET_LARGE_ROUTES
#include "large_lists.hpp"

namespace {
// api answers with credentials, open with *, and no CORS at all says why.
std::string answered_by(std::string const& target) {
  corset::decision const d = large::routes.evaluate(target, {"GET", "https://app.example.com"});
  if (d["Access-Control-Allow-Credentials"] == "true") return "api";
  if (d["Access-Control-Allow-Origin"] == "*") return "open";
  return d.reason() == corset::reason::unsafe_path ? "unsafe" : "other";
}
}  // namespace

TEST_CASE("rules 5.13: 1023 routes and a default, each route found") {
  for (int i = 1; i <= 1023; ++i) {
    std::string const path = "/r" + std::to_string(i);
    std::string const expected = i % 3 == 0 ? "open" : "api";
    INFO(path);
    if (i % 2 == 1) {  // a prefix route
      CHECK(answered_by(path + "/") == expected);
      CHECK(answered_by(path + "/x/y?z") == expected);
      CHECK(answered_by(path) == "unsafe");  // its path without the slash (rules 7.3)
    } else {           // an exact route
      CHECK(answered_by(path) == expected);
      CHECK(answered_by(path + "/") == "unsafe");  // its path with a slash (rules 7.3)
      CHECK(answered_by(path + "/x") == "open");   // not covered: the default
    }
  }
  CHECK(answered_by("/r1024/") == "open");
  CHECK(answered_by("/r1/%2e%2e/r2") == "unsafe");
  CHECK(answered_by("/r1;x/y") == "unsafe");
}
