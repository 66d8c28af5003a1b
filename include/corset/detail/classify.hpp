// corset/detail/classify.hpp - what kind of request this is (rules 2).
#pragma once

#include <corset/request.hpp>

namespace corset::detail {

[[nodiscard]] constexpr request_kind classify(request_view const& r) noexcept {
  if (r.origin.empty()) return request_kind::not_cors;
  if (r.method == "OPTIONS" && !r.request_method.empty()) return request_kind::preflight;
  return request_kind::actual;
}

}  // namespace corset::detail
