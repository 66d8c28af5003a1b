// corset/server.hpp - what every server adapter shares, and all a server integrated by hand
// needs: the decision, the answers corset gives itself, the headers it writes into the
// application's responses. Opt-in, as the adapters that include it are: merging Vary with the
// handler's allocates (std::string), which the umbrella header never does.
//
//   corset::decision const d = corset::evaluate(api, target, view);
//   if (d.answered_by_corset()) return answer(d.status());  // a preflight, or a refused write
//   auto res = handler(req);
//   corset::apply_headers(d, fields_of(res));                 // every other response
#pragma once

#include <string>
#include <string_view>
#include <type_traits>

#include <corset/decision.hpp>
#include <corset/detail/ascii.hpp>
#include <corset/detail/vary.hpp>
#include <corset/explanation.hpp>

namespace corset {

namespace detail {
// What response_fields::each is called with, for the concept only.
struct field_visitor {
  void operator()(std::string_view, std::string_view) const noexcept {}
};
struct field_name_predicate {
  bool operator()(std::string_view) const noexcept { return false; }
};
}  // namespace detail

// The header fields of a response, as an adapter gives its server's to apply_headers:
//   add(name, value)   one more field line;
//   remove_if(pred)    every line whose name `pred` holds true for;
//   each(visit)        visit(name, value) for every line, in order.
template <class Fields>
concept response_fields =
    requires(Fields& f, std::string_view name, std::string_view value) {
      f.add(name, value);
      f.remove_if(detail::field_name_predicate{});
      f.each(detail::field_visitor{});
    };

// What an application's refusal hook is given, in every adapter: the decision (its reason(),
// kind(), status()) and why, as one line that is safe to log as is. Every refusal comes through
// it (refused origins, methods and headers, no CORS for the path, cross-origin writes, reported
// ones included), with the response about to be sent: for a log line, a metric, a body.
struct refusal {
  decision const& cors;
  explanation const& why;
};

// The hook of an adapter given none.
struct ignore_refusals {
  template <class Response>
  void operator()(refusal const&, Response&) const noexcept {}
};

// Calls `hook` when `d` is a refusal; `explain()` computes the log line only then (it decides
// again: never on the path of an allowed request).
template <class Hook, class Explain, class Response>
void report_refusal(Hook& hook, decision const& d, Explain const& explain, Response& res) {
  if constexpr (!std::is_same_v<std::remove_cvref_t<Hook>, ignore_refusals>) {
    if (d.refused()) {
      explanation const why = explain();
      hook(refusal{d, why}, res);
    }
  }
}

// Writes a decision's headers into a response. corset owns the Access-Control-* names: what the
// handler set under them is removed first, so that two CORS layers never disagree. Vary is
// merged with the handler's (one line, each name once, `*` kept); repeated
// Access-Control-Allow-Headers lines (rules 4.9) stay separate lines.
template <response_fields Fields>
void apply_headers(decision const& d, Fields& fields) {
  std::string theirs;  // the handler's Vary, its lines joined
  fields.each([&](std::string_view name, std::string_view value) {
    if (detail::iequals(name, "vary")) (theirs.empty() ? theirs : theirs += ", ") += value;
  });
  fields.remove_if([](std::string_view name) { return detail::istarts_with(name, "access-control-"); });
  for (header const& h : d.headers()) {
    if (h.name != "Vary" || theirs.empty()) {
      fields.add(h.name, h.value);
      continue;
    }
    std::string merged = theirs;
    detail::missing_vary_names(theirs, h.value, [&](std::string_view name) { (merged += ", ") += name; });
    fields.remove_if([](std::string_view name) { return detail::iequals(name, "vary"); });
    fields.add("Vary", merged);
  }
}

}  // namespace corset
