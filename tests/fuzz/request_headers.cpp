// libFuzzer: Access-Control-Request-Headers lines only, on an allowed preflight.
#include "harness.hpp"

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  model::request r = fuzz::parse(data, size);
  std::vector<std::string> lines{r.method, r.origin, r.request_method, r.request_private_network};
  lines.insert(lines.end(), r.request_headers.begin(), r.request_headers.end());
  model::request const preflight{"OPTIONS", "https://app.example.com", "PUT", lines, "", "", "", ""};
  fuzz::check(fuzz::listed, fuzz::listed_model, preflight);
  fuzz::check(fuzz::open, fuzz::open_model, preflight);
  fuzz::check(fuzz::echoing, fuzz::echoing_model, preflight);
  return 0;
}
