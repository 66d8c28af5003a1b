// rules 6: evaluate and iterating headers() allocate nothing, whatever the request.
#include <atomic>
#include <cstdlib>
#include <new>
#include <string>
#include <vector>

#include "support.hpp"

namespace {
std::atomic<bool> counting{false};
std::atomic<long> allocations{0};
}  // namespace

[[gnu::noinline]] void* operator new(std::size_t n) {
  if (counting) ++allocations;
  if (void* p = std::malloc(n == 0 ? 1 : n)) return p;
  throw std::bad_alloc{};
}
[[gnu::noinline]] void operator delete(void* p) noexcept { std::free(p); }
[[gnu::noinline]] void operator delete(void* p, std::size_t) noexcept { std::free(p); }

namespace {

inline constexpr corset_test::policy<
    corset::allow_origins<"https://app.example.com", "https://*.example.org", "http://localhost:*">,
    corset::allow_methods<corset::methods::put>, corset::allow_headers<"content-type", "x-csrf-token">,
    corset::expose_headers<"x-request-id">, corset::allow_credentials, corset::max_age<600>>
    listed{};
inline constexpr corset_test::policy<corset::allow_any_origin, corset::allow_any_method, corset::allow_any_header,
                                corset::expose_any_header, corset::allow_private_network>
    open{};
inline constexpr corset_test::policy<corset::allow_origins<"https://app.example.com">, corset::allow_any_header,
                                corset::allow_credentials>
    echoing{};

template <class Policy>
long allocations_for(Policy const& p, corset::request_view const& r) {
  allocations = 0;
  counting = true;
  corset::decision const d = p.evaluate(r);
  std::size_t bytes = 0;
  for (corset::header const& h : d.headers()) bytes += h.name.size() + h.value.size();
  counting = false;
  CHECK(bytes > 0);
  return allocations.load();
}

template <class F>
long allocations_during(F const& f) {
  allocations = 0;
  counting = true;
  std::size_t const bytes = f();
  counting = false;
  CHECK(bytes > 0);
  return allocations.load();
}

inline constexpr corset::routes<corset::route<"/api/", listed>, corset::route<"/public/", open>,
                                corset::route<"/echo", echoing>>
    site{};

}  // namespace

TEST_CASE("rules 6: the allocation counter sees allocations") {
  allocations = 0;
  counting = true;
  auto* p = new std::string(100, 'x');
  counting = false;
  delete p;
  CHECK(allocations.load() >= 1);
}

TEST_CASE("rules 6: no allocation for any kind of request and outcome") {
  std::string const big(std::size_t{64} * 1024, ',');
  std::vector<std::string_view> const lines(1000, "x-a");
  std::string_view const more[] = {"x-b", "", "x-c"};
  corset::request_view const requests[] = {
      {"GET", ""},
      {"GET", "https://app.example.com"},
      {"GET", "https://a.b.example.org"},
      {"GET", "https://evil.example"},
      {"OPTIONS", "https://app.example.com", "PUT", "content-type,x-csrf-token"},
      {"OPTIONS", "https://app.example.com", "GET", "", "true"},
      {"OPTIONS", "https://evil.example", "PUT"},
      {"OPTIONS", "https://app.example.com", "PATCH"},
      {"OPTIONS", "https://app.example.com", "PUT", "x-nope"},
      {"OPTIONS", "https://app.example.com", "PUT", big},
      {"OPTIONS", "https://app.example.com", "PUT", "x-a", "", more},
      {"OPTIONS", "https://app.example.com", "PUT", "x-a", "", lines},
  };
  for (corset::request_view const& r : requests) {
    INFO("origin=", r.origin, " method=", r.method, " acrm=", r.request_method);
    CHECK(allocations_for(listed, r) == 0);
    CHECK(allocations_for(open, r) == 0);
    CHECK(allocations_for(echoing, r) == 0);
    // Explanations and route tables allocate nothing either.
    CHECK(allocations_during([&] { return listed.explain(r).view().size(); }) == 0);
    CHECK(allocations_during([&] { return echoing.explain(r).view().size(); }) == 0);
    for (std::string_view target : {"/api/x", "/public/", "/echo", "/none", "/public/../api/x", "/api/x?q=1"}) {
      CHECK(allocations_during([&] { return site.evaluate(target, r).headers().size() + 1; }) == 0);
      CHECK(allocations_during([&] { return site.explain(target, r).view().size(); }) == 0);
    }
  }
}
