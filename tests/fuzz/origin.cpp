// libFuzzer: the whole input is an Origin, on an actual request and on a preflight.
#include "harness.hpp"

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  std::string const origin(reinterpret_cast<char const*>(data), size);
  fuzz::check(fuzz::listed, fuzz::listed_model, model::request{"GET", origin, "", {}, ""});
  fuzz::check(fuzz::listed, fuzz::listed_model, model::request{"OPTIONS", origin, "PATCH", {"content-type"}, ""});
  fuzz::check(fuzz::echoing, fuzz::echoing_model, model::request{"GET", origin, "", {}, ""});
  return 0;
}
