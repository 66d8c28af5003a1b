// corset/detail/decision_builder.hpp - how the evaluator writes a decision.
#pragma once

#include <cstdint>
#include <string_view>

#include <corset/decision.hpp>

namespace corset::detail {

// The evaluator's write access to a decision; users only read decisions. It writes into the
// caller's object so that the decision is returned by NRVO, never copied, and keeps the count
// in a register until finish().
class decision_builder {
 public:
  constexpr explicit decision_builder(decision& d) noexcept : d_(d) {}
  constexpr void add(std::string_view name, std::string_view value) noexcept {
    d_.storage_.items[count_++] = header{name, value};
  }
  constexpr void finish(request_kind kind, corset::reason why, std::uint16_t status) noexcept {
    d_.count_ = count_;
    d_.kind_ = kind;
    d_.reason_ = why;
    d_.status_ = status;
  }
  // A decision whose fields finish() sets.
  [[nodiscard]] static constexpr decision unfinished() noexcept { return decision{decision::unset{}}; }

 private:
  decision& d_;
  std::uint8_t count_ = 0;
};

}  // namespace corset::detail
