// Prints a request and corset's decision for it, as an HTTP server would answer.
#pragma once

#include <cstdio>
#include <string_view>

#include <corset/corset.hpp>

inline void show(std::string_view title, corset::decision const& d) {
  std::printf("--- %.*s\n", static_cast<int>(title.size()), title.data());
  if (d.kind() == corset::request_kind::preflight) std::printf("HTTP/1.1 %d\n", d.status());
  for (corset::header const& h : d.headers())
    std::printf("%.*s: %.*s\n", static_cast<int>(h.name.size()), h.name.data(),
                static_cast<int>(h.value.size()), h.value.data());
  std::printf("(allowed: %s)\n\n", d.allowed() ? "yes" : "no");
}
