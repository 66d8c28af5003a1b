// corset/decision.hpp - the outcome of evaluating a request against a policy (rules 4b).
#pragma once

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <type_traits>

#include <corset/request.hpp>

namespace corset {

enum class reason : unsigned char {
  none,
  not_cors,
  origin_not_allowed,
  method_not_allowed,
  header_not_allowed,
  malformed_request_headers,
  // Route tables only (corset/routes.hpp): no CORS at all for this request.
  no_route,     // no route covers the path, and the table has no default
  unsafe_path,  // a path the application's router may resolve differently (dot-segments...)
  // A state-changing request, or a WebSocket handshake, from a page the policy does not trust
  // (rules 8): refused before the handler (status 403), or only reported (status 0).
  cross_origin_write,
};

// The enumerator's own spelling (`origin_not_allowed`), for structured logs and metric labels;
// explain() gives the sentence.
[[nodiscard]] constexpr std::string_view to_string(reason why) noexcept {
  switch (why) {
    case reason::none: return "none";
    case reason::not_cors: return "not_cors";
    case reason::origin_not_allowed: return "origin_not_allowed";
    case reason::method_not_allowed: return "method_not_allowed";
    case reason::header_not_allowed: return "header_not_allowed";
    case reason::malformed_request_headers: return "malformed_request_headers";
    case reason::no_route: return "no_route";
    case reason::unsafe_path: return "unsafe_path";
    case reason::cross_origin_write: return "cross_origin_write";
  }
  return {};  // not an enumerator
}

// One response header to set. Names are canonical (rules 4.12); values are views into static
// storage or into the request, so a decision must not outlive the request it was made for.
struct header {
  std::string_view name;
  std::string_view value;
};

namespace detail {
class decision_builder;
}

// What a decision says besides its headers: the request's kind, whether it is allowed, and
// whether corset answers it. policy.evaluate(r, sink) returns one once the sink has the
// headers; a decision is one, with its headers.
class outcome {
 public:
  // That of a request without Origin under a policy of listed origins.
  constexpr outcome() noexcept = default;
  constexpr outcome(request_kind kind, corset::reason why, std::uint16_t status) noexcept
      : bits_(static_cast<std::uint32_t>(kind) | static_cast<std::uint32_t>(why) << 8 | std::uint32_t{status} << 16) {}

  [[nodiscard]] constexpr request_kind kind() const noexcept { return static_cast<request_kind>(bits_ & 0xFFu); }
  [[nodiscard]] constexpr bool allowed() const noexcept { return reason() == corset::reason::none; }
  // For a preflight: 204 (or preflight_status<200>) or 403; for a refused cross-origin write:
  // 403; 0 when corset does not answer the request (pass_through_preflights, no route, a
  // reported write, every other request): the application chooses.
  [[nodiscard]] constexpr int status() const noexcept { return static_cast<int>(bits_ >> 16); }
  [[nodiscard]] constexpr corset::reason reason() const noexcept {
    return static_cast<corset::reason>(bits_ >> 8 & 0xFFu);
  }
  // Whether corset answers the request itself, with status() and headers() and an empty body,
  // instead of the application's handler: every decision whose status() is not 0. A server
  // integrated by hand answers exactly these and passes every other request to its handler.
  [[nodiscard]] constexpr bool answered_by_corset() const noexcept { return status() != 0; }
  // Whether corset refused the request, in any way a log or a metric should count: a refused
  // origin, method or header, no CORS for the path, or a cross-origin write (reported ones too).
  [[nodiscard]] constexpr bool refused() const noexcept {
    return reason() != corset::reason::none && reason() != corset::reason::not_cors;
  }

 private:
  // The kind, the reason and the status as one word (its low byte, the next, the high half),
  // built where each answer is decided: a function that returns an outcome (a route's, in a
  // route table) then merges its answers in one register instead of packing three fields at its
  // return (a routed request with the header sink: 3 instructions fewer).
  std::uint32_t bits_ = static_cast<std::uint32_t>(corset::reason::not_cors) << 8;
};

// Where policy.evaluate(r, sink) puts each header as it is decided, instead of into a decision:
// `sink(name, value)`, in the order of the answer (rules 4b), with the names and lifetimes of a
// decision's headers. For a server that sets response fields one by one, this skips writing
// the headers down and reading them back.
template <class Sink>
concept header_sink = std::invocable<Sink&, std::string_view, std::string_view>;

// An outcome with the headers to set.
class decision : public outcome {
 public:
  // A default decision is that of a request without Origin under a policy of listed origins.
  constexpr decision() noexcept : decision(unset{}) { count_ = 0; }

  // Seven headers at most, plus one Access-Control-Allow-Headers per echoed request line
  // (allow_any_header with credentials, rules 4.9).
  static constexpr std::size_t max_echoed_request_header_lines = 8;
  static constexpr std::size_t capacity = 6 + max_echoed_request_header_lines;

  // A template in name only (Header is header): span's constructor checks a dozen iterator
  // concepts for `header const*`, which a plain member would cost every file that includes
  // corset (80 million instructions with g++ 12, 38 million with clang++ 14); a template's body
  // is checked only where headers() is called. A size_t count: with the uint8_t itself, span's
  // (iterator, sentinel) constructor would be a candidate too, with its own concepts.
  template <std::same_as<header> Header = header>
  [[nodiscard]] constexpr std::span<const header> headers() const noexcept {
    return std::span<const Header>{storage_.items, std::size_t{count_}};
  }
  // The value of the first header called `name` (canonical spelling), or an empty view.
  [[nodiscard]] constexpr std::string_view operator[](std::string_view name) const noexcept {
    for (std::size_t i = 0; i != count_; ++i)
      if (storage_.items[i].name == name) return storage_.items[i].value;
    return {};
  }

 private:
  friend class detail::decision_builder;
  struct zeroed {};
  struct unset {};
  // For the builder, whose finish() sets every field.
  // NOLINTNEXTLINE(cppcoreguidelines-pro-type-member-init): left for finish(), on purpose
  constexpr explicit decision(unset) noexcept
      : storage_(std::is_constant_evaluated() ? storage(zeroed{}) : storage()) {}
  // Only the first count_ headers are ever written at run time; a constant evaluation needs
  // every byte initialised, so there (and only there) the array is value-initialised.
  union storage {
    char none;
    header items[capacity];
    constexpr storage() noexcept : none{} {}
    constexpr explicit storage(zeroed) noexcept : items{} {}
  };

  storage storage_;
  std::uint8_t count_;  // set by the default constructor, or by the builder's finish()
};

}  // namespace corset
