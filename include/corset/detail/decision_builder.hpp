// corset/detail/decision_builder.hpp - how the evaluator writes a decision.
#pragma once

#include <cstdint>
#include <string_view>
#include <type_traits>

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
    static_cast<outcome&>(d_) = outcome{kind, why, status};
  }
  // A decision whose fields finish() sets.
  [[nodiscard]] static constexpr decision unfinished() noexcept { return decision{decision::unset{}}; }

 private:
  decision& d_;
  std::uint8_t count_ = 0;
};

// The evaluator's writer for policy.evaluate(r, sink): each header goes to the sink at once.
template <header_sink Sink>
class sink_builder {
 public:
  constexpr explicit sink_builder(Sink& sink) noexcept : sink_(sink) {}
  constexpr void add(std::string_view name, std::string_view value) noexcept(
      std::is_nothrow_invocable_v<Sink&, std::string_view, std::string_view>) {
    sink_(name, value);
  }
  constexpr void finish(request_kind kind, corset::reason why, std::uint16_t status) noexcept {
    outcome_ = outcome{kind, why, status};
  }
  [[nodiscard]] constexpr outcome result() const noexcept { return outcome_; }

 private:
  Sink& sink_;
  outcome outcome_{};
};

}  // namespace corset::detail
