// rules 2: classifying a request; rules 4b: the decision's kind, reason and status.
#include "support.hpp"

using namespace corset_test;
using corset::reason;
using corset::request_kind;

namespace {
inline constexpr corset_test::policy<corset::allow_origins<"https://app.example.com">,
                                corset::allow_methods<corset::methods::put>>
    listed{};
}

TEST_CASE("rules 2.1: no Origin, or an empty one, is not CORS") {
  check(listed, {"GET", ""}, {request_kind::not_cors, reason::not_cors, 0, {vary("Origin")}});
  check(listed, {"OPTIONS", "", "PUT"}, {request_kind::not_cors, reason::not_cors, 0, {vary("Origin")}});
  check(listed, {"POST", {}, {}, "x-a"}, {request_kind::not_cors, reason::not_cors, 0, {vary("Origin")}});
}

TEST_CASE("rules 2.2: OPTIONS with Origin and a non-empty Access-Control-Request-Method is a preflight") {
  check(listed, {"OPTIONS", "https://app.example.com", "PUT"},
        {request_kind::preflight, reason::none, 204,
         {acao("https://app.example.com"), acam("PUT"), vary(vary_preflight)}});
}

TEST_CASE("rules 2.3: anything else with an Origin is an actual request") {
  for (char const* method : {"GET", "POST", "PUT", "DELETE", "PATCH", "options", "OPTIONS "}) {
    check(listed, {method, "https://app.example.com", "PUT"},
          {request_kind::actual, reason::none, 0, {acao("https://app.example.com"), vary("Origin")}});
  }
  // OPTIONS without Access-Control-Request-Method (or with an empty one) is an actual request.
  check(listed, {"OPTIONS", "https://app.example.com"},
        {request_kind::actual, reason::none, 0, {acao("https://app.example.com"), vary("Origin")}});
  check(listed, {"OPTIONS", "https://app.example.com", "", "x-a"},
        {request_kind::actual, reason::none, 0, {acao("https://app.example.com"), vary("Origin")}});
}

TEST_CASE("rules 4b: a default decision is that of a request without Origin") {
  corset::decision const d{};
  CHECK(d.kind() == request_kind::not_cors);
  CHECK(d.reason() == reason::not_cors);
  CHECK_FALSE(d.allowed());
  CHECK(d.status() == 0);
  CHECK(d.headers().empty());
}
