// libFuzzer: whole requests under several policies, against the reference model.
#include "harness.hpp"

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  model::request const r = fuzz::parse(data, size);
  fuzz::check(fuzz::listed, fuzz::listed_model, r);
  fuzz::check(fuzz::open, fuzz::open_model, r);
  fuzz::check(fuzz::echoing, fuzz::echoing_model, r);
  return 0;
}
