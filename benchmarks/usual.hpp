// The usual way: a run-time CORS middleware as C++ web frameworks write it. Configuration in
// std::string containers (an unordered_set with heterogeneous lookup for the origins), request
// headers split into strings, response headers collected as std::string pairs. Written to the
// same rules (docs/rules.md, 2-4), not as a strawman: joined values are computed once, at setup.
#pragma once

#include <algorithm>
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include <corset/request.hpp>

namespace bench::usual {

struct string_hash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

class cors_middleware {
 public:
  using headers = std::vector<std::pair<std::string, std::string>>;

  cors_middleware(std::vector<std::string> const& origins, std::vector<std::string> methods,
                  std::vector<std::string> request_headers, std::vector<std::string> exposed, int max_age)
      : methods_(std::move(methods)), max_age_(std::to_string(max_age)) {
    for (auto const& o : origins) {
      if (o.starts_with("https://*.")) patterns_.push_back(o.substr(9));  // ".domain"
      else origins_.insert(o);
    }
    for (auto h : request_headers) {
      std::transform(h.begin(), h.end(), h.begin(), [](unsigned char c) { return std::tolower(c); });
      allowed_headers_.insert(h);
      if (!allowed_headers_value_.empty()) allowed_headers_value_ += ',';
      allowed_headers_value_ += h;
      longest_header_ = std::max(longest_header_, h.size());
    }
    for (auto const& e : exposed) exposed_ += (exposed_.empty() ? "" : ",") + e;
  }

  // Returns the preflight status (204, 403) or 0.
  int handle(corset::request_view const& r, headers& out) const {
    if (r.origin.empty()) {
      out.emplace_back("Vary", "Origin");
      return 0;
    }
    bool const preflight = r.method == "OPTIONS" && !r.request_method.empty();
    std::string const origin{r.origin};
    if (!preflight) {
      if (origin_allowed(origin)) {
        out.emplace_back("Access-Control-Allow-Origin", origin);
        out.emplace_back("Access-Control-Allow-Credentials", "true");
        out.emplace_back("Access-Control-Expose-Headers", exposed_);
      }
      out.emplace_back("Vary", "Origin");
      return 0;
    }
    std::string const method{r.request_method};
    bool const safelisted = method == "GET" || method == "HEAD" || method == "POST";
    bool requested_headers = false;
    if (!origin_allowed(origin) ||
        !(safelisted || std::find(methods_.begin(), methods_.end(), method) != methods_.end()) ||
        !headers_allowed(r, requested_headers)) {
      out.emplace_back("Vary", vary_preflight);
      return 403;
    }
    out.emplace_back("Access-Control-Allow-Origin", origin);
    out.emplace_back("Access-Control-Allow-Credentials", "true");
    if (!safelisted) out.emplace_back("Access-Control-Allow-Methods", method);
    if (requested_headers) out.emplace_back("Access-Control-Allow-Headers", allowed_headers_value_);
    out.emplace_back("Access-Control-Max-Age", max_age_);
    out.emplace_back("Vary", vary_preflight);
    return 204;
  }

 private:
  static constexpr char const* vary_preflight =
      "Origin, Access-Control-Request-Method, Access-Control-Request-Headers";

  bool origin_allowed(std::string const& origin) const {
    if (origins_.find(origin) != origins_.end()) return true;
    for (auto const& suffix : patterns_) {
      if (!origin.starts_with("https://") || !origin.ends_with(suffix)) continue;
      std::string const labels = origin.substr(8, origin.size() - 8 - suffix.size());
      if (labels.empty() || labels.front() == '.' || labels.back() == '.' || labels.find("..") != std::string::npos)
        continue;
      if (std::all_of(labels.begin(), labels.end(), [](char c) {
            return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
          }))
        return true;
    }
    return false;
  }

  // rules 4.10: the lines split into names, trimmed and lowercased, then checked.
  bool headers_allowed(corset::request_view const& r, bool& any) const {
    std::vector<std::string> lines{std::string{r.request_headers}};
    for (auto line : r.more_request_headers) lines.emplace_back(line);
    std::size_t total = 0;
    for (auto const& line : lines) total += line.size();
    if (total > 8192) return false;
    std::vector<std::string> names;
    int empties = 0;
    for (auto const& line : lines) {
      if (line.empty()) continue;
      std::size_t start = 0;
      while (true) {
        std::size_t const comma = line.find(',', start);
        std::string item = line.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        std::size_t const first = item.find_first_not_of(" \t");
        if (first == std::string::npos) {
          if (++empties > 16) return false;
        } else {
          std::size_t const last = item.find_last_not_of(" \t");
          if (first > 2 || item.size() - 1 - last > 2) return false;
          std::string name = item.substr(first, last - first + 1);
          if (name.size() > longest_header_) return false;
          for (char& c : name) {
            bool const tchar = std::isalnum(static_cast<unsigned char>(c)) ||
                               std::string_view{"!#$%&'*+-.^_`|~"}.find(c) != std::string_view::npos;
            if (!tchar) return false;
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
          }
          if (!names.empty() && !(names.back() < name)) return false;
          names.push_back(std::move(name));
        }
        if (comma == std::string::npos) break;
        start = comma + 1;
      }
    }
    any = !names.empty();
    for (auto const& name : names)
      if (allowed_headers_.find(name) == allowed_headers_.end()) return false;
    return true;
  }

  std::unordered_set<std::string, string_hash, std::equal_to<>> origins_;
  std::vector<std::string> patterns_;
  std::vector<std::string> methods_;
  std::unordered_set<std::string, string_hash, std::equal_to<>> allowed_headers_;
  std::string allowed_headers_value_, exposed_, max_age_;
  std::size_t longest_header_ = 0;
};

}  // namespace bench::usual
