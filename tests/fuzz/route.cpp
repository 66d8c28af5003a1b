// libFuzzer: the whole input is a request-target, routed by a table whose keys straddle the
// lengths the index reads by words (7, 8, 9, 16, 17 bytes and a long one), with exact routes,
// prefixes, mirrors and route bytes the quick pass flags, and by one whose keys are all under 16
// bytes (the short way). The verdict must be that of a plain reading of rules 7 (every route
// compared as text, the whole path judged by the precise check), and judging it reads no byte
// past the target: libFuzzer's input buffer is exactly its size, so AddressSanitizer stops any
// word or block load that runs over.
#include "../route_verdict.hpp"
#include "harness.hpp"

namespace {
using fuzz::open;
using table = corset::detail::route_dispatch<
    corset::route<"/api/", open>, corset::route<"/api/status", open>, corset::route<"/public/", open>,
    corset::route<"/v1:batch", open>, corset::route<"/legacy;v=1/", open>, corset::route<"/a-b_c.d~e/", open>,
    corset::route<"/123456/", open>, corset::route<"/1234567/", open>, corset::route<"/12345678/", open>,
    corset::route<"/abcdefghijklmno/", open>, corset::route<"/abcdefghijklmnop/", open>,
    corset::route<"/abcdefghijklmnop", open>, corset::route<"/abcdefghijklmnopqrstuvwxyz/0123456789/", open>,
    corset::route<"/x", open>, corset::route<"/x/y/", open>, corset::route<"/.well-known/", open>>;
// Every path under 17 bytes, and a `/` route: targets of 17 to 32 bytes take the short way.
using short_table = corset::detail::route_dispatch<
    corset::route<"/api/", open>, corset::route<"/api/status", open>, corset::route<"/public/", open>,
    corset::route<"/v1:batch", open>, corset::route<"/legacy;v=1/", open>, corset::route<"/a-b_c.d~e/", open>,
    corset::route<"/1234567/", open>, corset::route<"/12345678/", open>, corset::route<"/abcdefghijklmn/", open>,
    corset::route<"/abcdefghijklmn", open>, corset::route<"/x", open>, corset::route<"/x/y/", open>,
    corset::route<"/", open>>;
static_assert(short_table::facts::index.longest_key() < 16);

template <class Table>
void expect_plain_verdict(std::string_view target) {
  long const before = fuzz::allocations();
  typename Table::routed const got = Table::route_of(target);
  bool const allocated = fuzz::allocations() != before;
  typename Table::routed const expected = corset_test::route_verdict<Table>(target);
  if (allocated || got.route != expected.route || got.why != expected.why) {
    std::fprintf(stderr, "target [%.*s] (%zu bytes): route %u reason %d, expected route %u reason %d%s\n",
                 static_cast<int>(target.size()), target.data(), target.size(), got.route, static_cast<int>(got.why),
                 expected.route, static_cast<int>(expected.why), allocated ? "; it allocated" : "");
    std::abort();
  }
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  std::string_view const target(reinterpret_cast<char const*>(data), size);
  expect_plain_verdict<table>(target);
  expect_plain_verdict<short_table>(target);
  return 0;
}
