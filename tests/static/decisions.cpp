// Decisions are constant expressions: the example, as static_asserts.
#include <cstddef>
#include <string_view>
#include <utility>

#include <corset/corset.hpp>
#include "../policies.hpp"

namespace {

constexpr auto const& api = test_policies::seed_api;

constexpr corset::request_view preflight{"OPTIONS", "https://app.example.com", "PUT",
                                         "content-type,x-csrf-token", ""};
static_assert(api.evaluate(preflight).allowed());
static_assert(api.evaluate(preflight).kind() == corset::request_kind::preflight);
static_assert(api.evaluate(preflight).status() == 204);
static_assert(api.evaluate(preflight).headers().size() == 6);
static_assert(api.evaluate(preflight)["Access-Control-Allow-Methods"] == "PUT");
static_assert(api.evaluate(preflight)["Access-Control-Allow-Headers"] == "content-type,x-csrf-token");

// A whole decision can be a constant.
constexpr corset::decision refused = api.evaluate({"OPTIONS", "https://evil.example", "PUT"});
static_assert(refused.reason() == corset::reason::origin_not_allowed && refused.status() == 403);
static_assert(refused.headers().size() == 1 && refused.headers()[0].name == "Vary");

static_assert(api.evaluate({"GET", "https://a.example.org"})["Access-Control-Allow-Origin"] == "https://a.example.org");
static_assert(!api.evaluate({"GET", "https://example.org"}).allowed());
static_assert(api.evaluate({"GET", ""}).reason() == corset::reason::not_cors);
static_assert(noexcept(api.evaluate(preflight)));

// The sink form is a constant expression too: the same headers, in the same order.
struct counting_sink {
  std::size_t count = 0;
  std::size_t bytes = 0;
  constexpr void operator()(std::string_view name, std::string_view value) noexcept {
    ++count;
    bytes += name.size() + value.size();
  }
};
constexpr counting_sink sunk = [] {
  counting_sink s;
  corset::outcome const o = api.evaluate(preflight, s);
  if (o.status() != 204 || !o.allowed()) s.count = 0;
  return s;
}();
static_assert(sunk.count == api.evaluate(preflight).headers().size());
static_assert(sunk.bytes == [] {
  std::size_t n = 0;
  corset::decision const d = api.evaluate(preflight);
  for (corset::header const& h : d.headers()) n += h.name.size() + h.value.size();
  return n;
}());
static_assert(noexcept(api.evaluate(preflight, std::declval<counting_sink&>())));
static_assert(!noexcept(api.evaluate(preflight, std::declval<void (&)(std::string_view, std::string_view)>())));

// Option order does not matter.
inline constexpr corset::policy<corset::max_age<600>, corset::allow_credentials,
                                corset::expose_headers<"x-request-id">,
                                corset::allow_headers<"content-type", "x-csrf-token">,
                                corset::allow_methods<corset::method<"PUT">, corset::method<"DELETE">>,
                                corset::allow_origins<"https://app.example.com", "https://*.example.org",
                                                      "http://localhost:8080">>
    reordered{};
static_assert(reordered.evaluate(preflight).headers().size() == api.evaluate(preflight).headers().size());
static_assert(reordered.evaluate(preflight)["Vary"] == api.evaluate(preflight)["Vary"]);

// Each reason and kind by its own name, found by argument-dependent lookup; names are distinct,
// and a value that is no enumerator has none.
static_assert(to_string(refused.reason()) == "origin_not_allowed" && to_string(refused.kind()) == "preflight");
static_assert(to_string(corset::reason::cross_origin_write) == "cross_origin_write");
static_assert(to_string(corset::request_kind::not_cors) == "not_cors");
template <class Enum, std::size_t Count>
constexpr bool named_apart() {
  for (std::size_t i = 0; i != Count; ++i) {
    std::string_view const name = to_string(static_cast<Enum>(i));
    if (name.empty()) return false;
    for (std::size_t j = 0; j != i; ++j)
      if (to_string(static_cast<Enum>(j)) == name) return false;
  }
  return to_string(static_cast<Enum>(Count)).empty();
}
static_assert(named_apart<corset::reason, 9>());  // none ... cross_origin_write
static_assert(named_apart<corset::request_kind, 3>());

}  // namespace
