// A public, read-only API: any page may read it, without cookies. The answer is a static
// `Access-Control-Allow-Origin: *`, the same for every request, so caches need no Vary (rules 4.1).
#include "print.hpp"

inline constexpr corset::policy<corset::allow_any_origin, corset::expose_headers<"x-total-count">,
                                corset::max_age<86400>>
    books{};

int main() {
  show("GET /public/books from any page", books.evaluate({"GET", "https://reader.example"}));
  show("GET /public/books without Origin", books.evaluate({"GET", ""}));
  show("preflight for a JSON POST", books.evaluate({"OPTIONS", "https://reader.example", "POST", "content-type"}));
}
