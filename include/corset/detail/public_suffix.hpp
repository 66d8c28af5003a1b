// corset/detail/public_suffix.hpp - domains under which anyone can own a site.
//
// A credentialed `https://*.github.io` lets every GitHub Pages site read a user's data (rules
// 5.7). This is a curated subset of the Public Suffix List: hosting platforms where sites are
// handed out as subdomains, and the second-level registries of large country-code domains. It
// is consulted once per wildcard origin of a credentialed policy, at compile time.
#pragma once

#include <cstddef>
#include <string_view>

namespace corset::detail {

// Rows of a character array, not string_views: a string_view from a literal measures it during
// constant evaluation, which for this list cost clang 14 about 10 ms in every file that
// includes corset. The longest suffix has 21 bytes.
inline constexpr char public_suffixes[][24] = {
    // hosting platforms (private section of the list)
    "github.io", "githubusercontent.com", "gitlab.io", "herokuapp.com", "herokussl.com",
    "netlify.app", "netlify.com", "vercel.app", "now.sh", "pages.dev", "workers.dev", "web.app",
    "firebaseapp.com", "appspot.com", "azurewebsites.net", "azurestaticapps.net",
    "cloudapp.net", "cloudfront.net", "blogspot.com", "wordpress.com", "glitch.me",
    "fly.dev", "onrender.com", "repl.co", "ngrok.io", "ngrok-free.app", "surge.sh",
    "bitbucket.io", "readthedocs.io", "s3.amazonaws.com", "amazonaws.com",
    "elasticbeanstalk.com", "deno.dev", "pythonanywhere.com", "codeberg.page", "sourceforge.io",
    "neocities.org", "translate.goog", "myshopify.com", "webflow.io", "azureedge.net",
    // second-level registries of country-code domains (ICANN section)
    "co.uk", "org.uk", "ac.uk", "gov.uk", "me.uk", "ltd.uk", "plc.uk", "net.uk", "sch.uk",
    "com.au", "net.au", "org.au", "edu.au", "gov.au", "co.jp", "ne.jp", "or.jp", "ac.jp",
    "go.jp", "com.br", "net.br", "org.br", "gov.br", "co.in", "net.in", "org.in", "gov.in",
    "com.cn", "net.cn", "org.cn", "gov.cn", "edu.cn", "co.nz", "org.nz", "net.nz", "co.za",
    "org.za", "com.mx", "com.ar", "com.tr", "com.tw", "com.hk", "com.sg", "com.my", "co.kr",
    "or.kr", "co.il", "org.il", "com.ua", "com.pl", "co.id", "or.id", "com.vn", "com.ph",
    "com.pk", "com.ng", "com.eg", "com.sa", "co.th", "in.th", "com.co", "com.pe", "eu.org",
};

[[nodiscard]] constexpr bool is_public_suffix(std::string_view domain) noexcept {
  if (domain.empty()) return false;
  for (char const(&suffix)[24] : public_suffixes) {
    if (suffix[0] != domain[0]) continue;  // most rows: one step of constant evaluation
    std::size_t i = 1;
    while (i != domain.size() && suffix[i] != '\0' && suffix[i] == domain[i]) ++i;
    if (i == domain.size() && suffix[i] == '\0') return true;
  }
  return false;
}

}  // namespace corset::detail
