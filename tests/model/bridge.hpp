// Between the reference model's plain strings and corset's types: model.hpp itself stays free of
// corset, so that the two cannot share a mistake.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <corset/corset.hpp>

#include "model.hpp"

namespace bridge {

// The request_view of a model request; `more` receives the views of the lines after the first.
inline corset::request_view view_of(model::request const& r, std::vector<std::string_view>& more) {
  more.assign(r.request_headers.begin() + (r.request_headers.empty() ? 0 : 1), r.request_headers.end());
  return {r.method,      r.origin, r.request_method,
          r.request_headers.empty() ? std::string_view{} : std::string_view{r.request_headers[0]},
          r.request_private_network, more, r.host, r.sec_fetch_site, r.upgrade};
}

inline char const* name(corset::reason r) {
  switch (r) {
    case corset::reason::none: return "none";
    case corset::reason::not_cors: return "not_cors";
    case corset::reason::origin_not_allowed: return "origin_not_allowed";
    case corset::reason::method_not_allowed: return "method_not_allowed";
    case corset::reason::header_not_allowed: return "header_not_allowed";
    case corset::reason::malformed_request_headers: return "malformed_request_headers";
    case corset::reason::no_route: return "no_route";
    case corset::reason::unsafe_path: return "unsafe_path";
    case corset::reason::cross_origin_write: return "cross_origin_write";
  }
  return "?";
}

inline char const* name(corset::request_kind k) {
  switch (k) {
    case corset::request_kind::not_cors: return "not_cors";
    case corset::request_kind::actual: return "actual";
    case corset::request_kind::preflight: return "preflight";
  }
  return "?";
}

}  // namespace bridge
