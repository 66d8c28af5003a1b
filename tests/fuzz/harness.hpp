// Shared by the libFuzzer targets: fuzz input to requests, corset against the reference model,
// and the properties every decision must have.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <new>

#include <sanitizer/allocator_interface.h>
#include <string>
#include <string_view>
#include <vector>

#include <corset/corset.hpp>
#include <corset/origin_set.hpp>

#include "../model/bridge.hpp"
#include "../model/model.hpp"

namespace fuzz {

// Allocations made while corset evaluates: must stay 0 (rules 6). Counted by the sanitizer
// allocator's hooks, installed below.
// Per thread: libFuzzer's own threads allocate too, and the hooks see every thread.
inline long& allocations() {
  thread_local long count = 0;
  return count;
}

// Fields separated by '\n' (which no valid field contains): method, origin, ACRM, ACRPN, Host,
// Sec-Fetch-Site, Upgrade, then one Access-Control-Request-Headers line per remaining field.
inline model::request parse(std::uint8_t const* data, std::size_t size) {
  std::vector<std::string> fields{""};
  for (std::size_t i = 0; i != size; ++i) {
    if (data[i] == '\n') fields.emplace_back();
    else fields.back() += static_cast<char>(data[i]);
  }
  fields.resize(std::max<std::size_t>(fields.size(), 7));
  model::request r{fields[0], fields[1], fields[2], {}, fields[3], fields[4], fields[5], fields[6]};
  r.request_headers.assign(fields.begin() + 7, fields.end());
  return r;
}

[[noreturn]] inline void fail(char const* what, model::request const& r) {
  std::fprintf(stderr, "property violated: %s\nmethod=[%s] origin=[%s] acrm=[%s] lines=%zu\n", what, r.method.c_str(),
               r.origin.c_str(), r.request_method.c_str(), r.request_headers.size());
  std::abort();
}

// Evaluates, compares with the model, checks the properties.
template <class Policy>
void check(Policy const& policy, model::policy const& m, model::request const& r) {
  std::vector<std::string_view> more;
  corset::request_view const view = bridge::view_of(r, more);
  (void)policy.evaluate(view);  // first: whatever a first call sets up (lazy binding, interceptors)
  long const before = allocations();
  corset::decision const d = policy.evaluate(view);
  std::size_t bytes = 0;
  for (corset::header const& h : d.headers()) bytes += h.value.size();
  if (allocations() != before || bytes > (std::size_t{1} << 30)) fail("corset allocated", r);
  model::decision const expected = model::evaluate(m, r);
  std::vector<std::pair<std::string, std::string>> got;
  for (corset::header const& h : d.headers()) {
    got.emplace_back(h.name, h.value);
    for (char c : h.value)
      if (c == '\r' || c == '\n' || c == '\0') fail("CR, LF or NUL in a header value", r);
    // An echo is the request's own bytes, the very ones that matched (rules 3.5), never a copy.
    if (h.name == "Access-Control-Allow-Origin" && h.value != "*" && h.value.data() != view.origin.data())
      fail("Access-Control-Allow-Origin is not the request's Origin", r);
    if (h.name == "Access-Control-Allow-Methods" && h.value.data() != view.request_method.data())
      fail("Access-Control-Allow-Methods is not the request's method", r);
  }
  if (got != expected.headers) fail("headers differ from the model", r);
  if (bridge::name(d.kind()) != expected.kind) fail("kind differs from the model", r);
  if (d.allowed() != expected.allowed() || d.status() != expected.status) fail("outcome differs from the model", r);
}

// --- the policies, as types and as model data -------------------------------------------------------
inline constexpr corset::policy<
    corset::allow_origins<"https://app.example.com", "https://*.example.org", "http://localhost:*",
                          "https://*.example.net:*", "http://[::1]:*", "https://b.example.com:8443">,
    corset::allow_methods<corset::methods::put, corset::method<"PATCH">>,
    corset::allow_headers<"content-type", "x-csrf-token", "Authorization">, corset::expose_headers<"x-request-id">,
    corset::allow_credentials, corset::max_age<600>>
    listed{};
inline model::policy const listed_model{
    .origins = {"https://app.example.com", "https://*.example.org", "http://localhost:*", "https://*.example.net:*",
                "http://[::1]:*", "https://b.example.com:8443"},
    .methods = {"PUT", "PATCH"},
    .headers = {"content-type", "x-csrf-token", "Authorization"},
    .exposed = {"x-request-id"},
    .credentials = true,
    .max_age = 600};

// The same policy over a run-time origin_set holding the same origins.
inline corset::origin_set<corset::allow_credentials> listed_hosts{
    "https://app.example.com", "https://*.example.org", "http://localhost:*", "https://*.example.net:*",
    "http://[::1]:*", "https://b.example.com:8443"};
inline constexpr corset::policy<
    corset::allow_origins_from<listed_hosts>, corset::allow_methods<corset::methods::put, corset::method<"PATCH">>,
    corset::allow_headers<"content-type", "x-csrf-token", "Authorization">, corset::expose_headers<"x-request-id">,
    corset::allow_credentials, corset::max_age<600>>
    listed_at_run_time{};

inline constexpr corset::policy<corset::allow_any_origin, corset::allow_any_method, corset::allow_any_header,
                                corset::allow_headers<"authorization">, corset::allow_private_network>
    open{};
inline model::policy const open_model{.any_origin = true, .any_method = true, .any_header = true,
                                      .headers = {"authorization"}, .private_network = true};

inline constexpr corset::policy<corset::allow_origins<"https://app.example.com", "https://*.example.org">,
                                corset::allow_any_header, corset::allow_credentials>
    echoing{};
inline model::policy const echoing_model{.origins = {"https://app.example.com", "https://*.example.org"},
                                         .any_header = true, .credentials = true};

}  // namespace fuzz

// Every allocation, operator new included, passes through the sanitizer's allocator: count them
// with its hooks (replacing operator new would fight ASan's own).
inline int const allocation_hooks_installed = __sanitizer_install_malloc_and_free_hooks(
    [](void const volatile*, std::size_t) { ++fuzz::allocations(); }, [](void const volatile*) {});

// The canary: if the hooks did not count, "corset allocated" could never fire.
inline bool const allocation_hooks_count = [] {
  long const before = fuzz::allocations();
  void* volatile p = std::malloc(16);
  std::free(p);
  if (fuzz::allocations() == before) {
    std::fprintf(stderr, "the allocation hooks count nothing\n");
    std::abort();
  }
  return true;
}();
