// corset against the reference model (model.hpp), on near-miss requests from a seeded
// generator: every field of every decision must agree.
#include <map>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <doctest/doctest.h>

#include <corset/corset.hpp>

#include "all_files.hpp"
#include "generated_policies.hpp"
#include "model.hpp"

namespace {

// Each policy twice: as a corset type and as model data.
inline constexpr corset::policy<
    corset::allow_origins<"https://app.example.com", "https://*.example.org", "http://localhost:*",
                          "https://*.example.net:*", "https://*.a.example.io:8443", "http://[::1]:*",
                          "https://b.example.com:8443">,
    corset::allow_methods<corset::methods::put, corset::methods::delete_, corset::method<"PATCH">>,
    corset::allow_headers<"content-type", "x-csrf-token", "Authorization">,
    corset::expose_headers<"x-request-id", "X-Total">, corset::allow_credentials, corset::max_age<600>>
    listed{};
model::policy const listed_model{
    .origins = {"https://app.example.com", "https://*.example.org", "http://localhost:*", "https://*.example.net:*",
                "https://*.a.example.io:8443", "http://[::1]:*", "https://b.example.com:8443"},
    .methods = {"PUT", "DELETE", "PATCH"},
    .headers = {"content-type", "x-csrf-token", "Authorization"},
    .exposed = {"x-request-id", "X-Total"},
    .credentials = true,
    .max_age = 600};

inline constexpr corset::policy<corset::allow_any_origin, corset::allow_any_method, corset::allow_any_header,
                                corset::expose_any_header, corset::allow_private_network, corset::max_age<0>>
    open{};
model::policy const open_model{.any_origin = true, .any_method = true, .any_header = true, .expose_any = true,
                               .max_age = 0, .private_network = true};

inline constexpr corset::policy<corset::allow_origins<"https://app.example.com", "https://*.example.org">,
                                corset::allow_any_header, corset::allow_credentials, corset::allow_private_network>
    echoing{};
model::policy const echoing_model{.origins = {"https://app.example.com", "https://*.example.org"},
                                  .any_header = true, .credentials = true, .private_network = true};

// More exact origins than the unrolled limit: the hash table path.
inline constexpr corset::policy<
    corset::allow_origins<"https://a1.example.com", "https://a2.example.com", "https://a3.example.com",
                          "https://a4.example.com", "https://a5.example.com", "https://a6.example.com",
                          "https://a7.example.com", "https://a8.example.com", "https://a9.example.com",
                          "https://a10.example.com", "https://a11.example.com", "https://a12.example.com",
                          "https://a13.example.com", "https://a14.example.com", "https://a15.example.com",
                          "https://a16.example.com", "https://a17.example.com", "https://app.example.com",
                          "http://127.0.0.1:8080", "https://*.example.org">,
    corset::allow_any_header, corset::allow_headers<"authorization">,
    corset::allow_methods<corset::methods::put>>
    hashed{};
model::policy const hashed_model{
    .origins = {"https://a1.example.com", "https://a2.example.com", "https://a3.example.com", "https://a4.example.com",
                "https://a5.example.com", "https://a6.example.com", "https://a7.example.com", "https://a8.example.com",
                "https://a9.example.com", "https://a10.example.com", "https://a11.example.com",
                "https://a12.example.com", "https://a13.example.com", "https://a14.example.com",
                "https://a15.example.com", "https://a16.example.com", "https://a17.example.com",
                "https://app.example.com", "http://127.0.0.1:8080", "https://*.example.org"},
    .methods = {"PUT"},
    .any_header = true,
    .headers = {"authorization"}};

inline constexpr corset::policy<corset::allow_origins<"https://a.com">> bare{};
model::policy const bare_model{.origins = {"https://a.com"}};

// Without credentials, cross-origin writes refused on request, and only reported (rules 8.1, 8.7).
inline constexpr corset::policy<corset::allow_origins<"https://app.example.com", "https://*.example.org">,
                                corset::allow_methods<corset::methods::put>, corset::refuse_cross_origin_writes,
                                corset::report_cross_origin_writes>
    reporting{};
model::policy const reporting_model{.origins = {"https://app.example.com", "https://*.example.org"},
                                    .methods = {"PUT"},
                                    .refuse_writes = true,
                                    .report_writes = true};

using generated::compare;
using generated::generator;

constexpr int requests_per_policy = 20000;

}  // namespace

TEST_CASE("differential: corset agrees with the reference model on near-miss requests") {
  CHECK(compare(listed, listed_model, listed_model.origins, 1, requests_per_policy) == 0);
  CHECK(compare(open, open_model, listed_model.origins, 2, requests_per_policy) == 0);
  CHECK(compare(echoing, echoing_model, echoing_model.origins, 3, requests_per_policy) == 0);
  CHECK(compare(hashed, hashed_model, hashed_model.origins, 4, requests_per_policy) == 0);
  CHECK(compare(bare, bare_model, bare_model.origins, 5, requests_per_policy) == 0);
  CHECK(compare(reporting, reporting_model, reporting_model.origins, 7, requests_per_policy) == 0);
}

TEST_CASE("differential: generated policies agree with the model") {
  std::vector<generated::result> results;
  generated::all_files(results, 100);
  std::size_t disagreements = 0;
  for (auto const& r : results) disagreements += r.disagreements;
  MESSAGE(results.size() << " generated policies, 2000 requests each");
  CHECK(results.size() >= 200);
  CHECK(disagreements == 0);
}

TEST_CASE("differential: the comparison can fail") {
  // A model that disagrees on purpose (no max-age) must be caught.
  model::policy wrong = listed_model;
  wrong.max_age.reset();
  generator g{6};
  bool caught = false;
  for (int i = 0; i != 2000 && !caught; ++i) {
    model::request const r = g.next(listed_model.origins);
    std::vector<std::string_view> more;
    corset::decision const d = listed.evaluate(bridge::view_of(r, more));
    caught = d.headers().size() != model::evaluate(wrong, r).headers.size();
  }
  CHECK(caught);
}
