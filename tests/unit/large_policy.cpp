// 4096 exact origins, 16 subdomain patterns and a port pattern: compiled at default limits.
#include <string>

#include "large_policy.hpp"
#include "support.hpp"

TEST_CASE("a 4096-origin policy finds every origin and nothing else") {
  for (int i = 1; i <= 4096; ++i) {
    std::string const origin = "https://app" + std::to_string(i) + ".tenant" + std::to_string(i % 61) + ".example.com";
    INFO(origin);
    REQUIRE(large_policy.evaluate({"GET", origin}).allowed());
    std::string const wrong_tenant = "https://app" + std::to_string(i) + ".tenant" + std::to_string((i + 1) % 61) + ".example.com";
    REQUIRE_FALSE(large_policy.evaluate({"GET", wrong_tenant}).allowed());
    REQUIRE_FALSE(large_policy.evaluate({"GET", origin + "."}).allowed());
    REQUIRE_FALSE(large_policy.evaluate({"GET", origin.substr(0, origin.size() - 1)}).allowed());
  }
  CHECK_FALSE(large_policy.evaluate({"GET", "https://app0.tenant0.example.com"}).allowed());
  CHECK_FALSE(large_policy.evaluate({"GET", "https://app4097.tenant8.example.com"}).allowed());
  CHECK(large_policy.evaluate({"GET", "https://x.zone16.example.net"}).allowed());
  CHECK_FALSE(large_policy.evaluate({"GET", "https://zone16.example.net"}).allowed());
  CHECK(large_policy.evaluate({"GET", "http://localhost:5173"}).allowed());
  static_assert(large_policy.evaluate({"GET", "https://app4096.tenant9.example.com"}).allowed());
  static_assert(!large_policy.evaluate({"GET", "https://app4096.tenant10.example.com"}).allowed());
}
