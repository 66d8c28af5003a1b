// libFuzzer: the whole input is an Origin, on an actual request and on a preflight, against
// compile-time origins and a run-time origin_set holding the same ones.
#include "harness.hpp"

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  std::string const origin(reinterpret_cast<char const*>(data), size);
  fuzz::check(fuzz::listed, fuzz::listed_model, model::request{"GET", origin, "", {}, "", "", "", ""});
  fuzz::check(fuzz::listed, fuzz::listed_model, model::request{"OPTIONS", origin, "PATCH", {"content-type"}, "", "", "", ""});
  fuzz::check(fuzz::echoing, fuzz::echoing_model, model::request{"GET", origin, "", {}, "", "", "", ""});
  // The run-time origin set answers exactly as the compile-time matcher and the model.
  fuzz::check(fuzz::listed_at_run_time, fuzz::listed_model, model::request{"GET", origin, "", {}, "", "", "", ""});
  fuzz::check(fuzz::listed_at_run_time, fuzz::listed_model, model::request{"OPTIONS", origin, "PUT", {}, "", "", "", ""});
  // A write from that origin (rules 8): trusted only if allowed, or if it names the Host.
  fuzz::check(fuzz::listed, fuzz::listed_model, model::request{"POST", origin, "", {}, "", "app.example.com", "", ""});
  fuzz::check(fuzz::listed_at_run_time, fuzz::listed_model,
              model::request{"POST", origin, "", {}, "", "app.example.com", "", ""});
  return 0;
}
