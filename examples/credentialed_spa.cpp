// The seed scenario: a Vue app served from http://localhost:8080 calls an API on another origin
// with its session cookie. The API allows that one origin, with credentials, and the methods and
// headers the app uses. Plain http is fine for localhost (rules 5.7); any other http origin in a
// credentialed policy would not compile.
#include "print.hpp"

inline constexpr corset::policy<
    corset::allow_origins<"http://localhost:8080", "https://app.example.com">,
    corset::allow_methods<corset::methods::put, corset::methods::delete_>,
    corset::allow_headers<"content-type", "x-csrf-token">,
    corset::expose_headers<"x-request-id">,
    corset::allow_credentials,
    corset::max_age<600>>
    api{};

// Decisions are constant expressions: the policy's behaviour can be pinned down where it is declared.
static_assert(api.evaluate({"OPTIONS", "http://localhost:8080", "PUT", "content-type,x-csrf-token"}).allowed());
static_assert(!api.evaluate({"GET", "http://localhost:8081"}).allowed());

int main() {
  show("GET /ajax/page from the Vue app (with its cookie)", api.evaluate({"GET", "http://localhost:8080"}));
  show("preflight for PUT /answers/1 with a JSON body and a CSRF token",
       api.evaluate({"OPTIONS", "http://localhost:8080", "PUT", "content-type,x-csrf-token"}));
  show("GET from a page the API does not know", api.evaluate({"GET", "https://evil.example"}));
  show("preflight from a page the API does not know",
       api.evaluate({"OPTIONS", "https://evil.example", "PUT", "content-type"}));
  show("curl, no Origin", api.evaluate({"GET", ""}));
}
