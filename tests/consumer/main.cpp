#include <corset/corset.hpp>

inline constexpr corset::policy<corset::allow_origins<"https://app.example.com">, corset::allow_credentials> api{};

int main() {
  corset::decision const d = api.evaluate({"GET", "https://app.example.com"});
  return d.allowed() && d.headers().size() == 3 ? 0 : 1;
}
