// corset/detail/evaluator.hpp - the decision for one request (rules 2, 4), in the order the
// rules give its steps and its headers.
//
// What each header says is its option's business (corset/options/*.hpp): here is only when each
// is asked, and in which order the answer lists them. Everything that depends only on the policy
// (joined lists, max-age digits, Vary values) is a constant; what depends on the request is a
// view into the request.
#pragma once

#include <cstdint>
#include <string_view>
#include <type_traits>

#include <corset/decision.hpp>
#include <corset/detail/analysis.hpp>
#include <corset/detail/classify.hpp>
#include <corset/detail/decision_builder.hpp>
#include <corset/detail/header_names.hpp>
#include <corset/detail/names.hpp>
#include <corset/detail/request_headers.hpp>
#include <corset/request.hpp>

namespace corset::detail {

// A refused preflight: Vary, the reason, the status. Outside the evaluator on purpose: a member
// would be one more function named after the policy (see answer_request).
template <class Out>
[[gnu::always_inline]] constexpr void refuse_preflight(Out& out, reason why, std::string_view vary,
                                                       std::uint16_t status) {
  out.add(vary_name, vary);
  out.finish(request_kind::preflight, why, status);
}

template <class... Options>
class evaluator {
  using pack = pack_of<Options...>;
  template <class Kind>
  using traits = traits_of_kind<Kind, Options...>;

 public:
  // Each kind's traits: its option's, or what a policy without one does.
  using origins = traits<origins_kind>;
  using credentials = traits<credentials_kind>;
  using methods = traits<methods_kind>;
  using request_headers = traits<request_headers_kind>;
  using exposed_headers = traits<exposed_headers_kind>;
  using max_age = traits<max_age_kind>;
  using private_network = traits<private_network_kind>;
  using preflight_status = traits<preflight_status_kind>;
  using pass_through = traits<pass_through_preflights_kind>;

  [[nodiscard]] static constexpr decision evaluate(request_view const& r) noexcept {
    decision d = decision_builder::unfinished();
    decision_builder out{d};
    answer(out, r);
    return d;
  }

  template <header_sink Sink>
  [[nodiscard]] static constexpr outcome evaluate(request_view const& r, Sink& sink) noexcept(
      std::is_nothrow_invocable_v<Sink&, std::string_view, std::string_view>) {
    sink_builder<Sink> out{sink};
    answer(out, r);
    return out.result();
  }

  // What the policy allows, in words, in the order of the answer's headers.
  template <class Out>
  static constexpr void describe(Out& out) noexcept {
    origins::describe(out);
    methods::describe(out);
    request_headers::describe(out);
    exposed_headers::describe(out);
    credentials::describe(out);
    max_age::describe(out);
    private_network::describe(out);
    preflight_status::describe(out);
    pass_through::describe(out);
    writes_description<pack::writes>::describe(out);
  }

 private:
  // Writes the answer into `out` (a decision_builder or a sink_builder). One function for the
  // whole evaluation: the steps below are inlined into it, so that what `out` keeps (the count
  // of headers) stays in a register.
  //
  // The origin is checked here, once for every kind of request: a short list's matcher is
  // unrolled (a compare per origin), and inlined twice it was the biggest part of what g++
  // optimises in a file that evaluates a policy of 16 origins (74 million instructions of its
  // time). A request without Origin matches nothing, by its length (unrolled) or at once (the
  // other matchers); a guard here, on the kind, cost g++ 41 million more (jump threading).
  template <class Out>
  static constexpr void answer(Out& out, request_view const& r) {
    request_kind const kind = classify(r);
    bool const allowed = origins::any || origins::match(r.origin);
    if (kind != request_kind::preflight) {
      answer_request(out, kind, allowed, r);
    } else {
      answer_preflight(out, allowed, r);
    }
  }

  // Not a preflight (rules 4.1, 4.3, 4.4): headers when the origin is allowed, Vary always; but
  // first, a write from a page the policy does not trust is refused before the handler (8.3).
  //
  // The Vary values are constants local to the steps that send them: a static member would be
  // a symbol named after the policy, whose name spells every origin it lists (for a few
  // thousand origins, hundreds of kilobytes for each compiler to mangle and write out).
  template <class Out>
  [[gnu::always_inline]] static constexpr void answer_request(Out& out, request_kind kind, bool allowed,
                                                              request_view const& r) {
    constexpr std::string_view vary_actual = actual_vary(origins::any);
    if constexpr (pack::writes != writes_rule::accepted) {
      if (!allowed && is_write(r) && !same_origin_or_not_a_page(r)) {
        if constexpr (!vary_actual.empty()) out.add(vary_name, vary_actual);
        return out.finish(kind, reason::cross_origin_write, pack::writes == writes_rule::refused ? 403 : 0);
      }
    }
    if (allowed) {
      origins::answer(out, r);
      credentials::answer(out);
      exposed_headers::answer(out);
    }
    if constexpr (!vary_actual.empty()) out.add(vary_name, vary_actual);
    out.finish(kind, kind == request_kind::not_cors ? reason::not_cors
                     : allowed                      ? reason::none
                                                    : reason::origin_not_allowed,
               0);
  }

  // A preflight (rules 4.5-4.8): origin, method and headers are checked in this order, the
  // first that fails names the reason.
  template <class Out>
  [[gnu::always_inline]] static constexpr void answer_preflight(Out& out, bool allowed, request_view const& r) {
    constexpr std::string_view vary_preflight = preflight_vary(origins::any, private_network::enabled);
    // 0 when the application's handler answers preflights (pass_through_preflights). Local
    // constants: static members would be globals named after every option (see text_list).
    constexpr std::uint16_t allowed_status = pass_through::passes ? 0 : preflight_status::allowed;
    constexpr std::uint16_t refused_status = pass_through::passes ? 0 : 403;
    if (!allowed)
      return refuse_preflight(out, reason::origin_not_allowed, vary_preflight, refused_status);
    if (!is_safelisted_method(r.request_method) && !methods::allows(r.request_method))
      return refuse_preflight(out, reason::method_not_allowed, vary_preflight, refused_status);
    auto const requested = request_headers::read(r);
    if (requested.status == request_headers_status::malformed)
      return refuse_preflight(out, reason::malformed_request_headers, vary_preflight, refused_status);
    if (requested.status == request_headers_status::not_allowed)
      return refuse_preflight(out, reason::header_not_allowed, vary_preflight, refused_status);
    origins::answer(out, r);
    credentials::answer(out);
    methods::answer(out, r);
    request_headers::answer(out, requested);
    max_age::answer(out);
    private_network::answer(out, r);
    out.add(vary_name, vary_preflight);
    out.finish(request_kind::preflight, reason::none, allowed_status);
  }
};

}  // namespace corset::detail
