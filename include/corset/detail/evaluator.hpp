// corset/detail/evaluator.hpp - the decision for one request (rules 2, 4).
//
// Everything that depends only on the policy (joined header lists, max-age digits, the Vary
// values) is a constant here; what depends on the request is a view into the request.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <corset/decision.hpp>
#include <corset/detail/analysis.hpp>
#include <corset/detail/ascii.hpp>
#include <corset/detail/name_set.hpp>
#include <corset/detail/names.hpp>
#include <corset/detail/origin_matcher.hpp>
#include <corset/detail/request_headers.hpp>
#include <corset/detail/text.hpp>
#include <corset/detail/hash_table.hpp>
#include <corset/options.hpp>
#include <corset/request.hpp>

namespace corset::detail {

// --- canonical header names (rules 4.12) -------------------------------------------------------

inline constexpr std::string_view allow_origin_name = "Access-Control-Allow-Origin";
inline constexpr std::string_view allow_credentials_name = "Access-Control-Allow-Credentials";
inline constexpr std::string_view allow_methods_name = "Access-Control-Allow-Methods";
inline constexpr std::string_view allow_headers_name = "Access-Control-Allow-Headers";
inline constexpr std::string_view max_age_name = "Access-Control-Max-Age";
inline constexpr std::string_view allow_private_network_name =
    "Access-Control-Allow-Private-Network";
inline constexpr std::string_view expose_headers_name = "Access-Control-Expose-Headers";
inline constexpr std::string_view vary_name = "Vary";

// --- values computed at compile time -----------------------------------------------------------

template <long long Seconds>
inline constexpr auto decimal = decimal_text(static_cast<unsigned long long>(Seconds));

// --- request classification (rules 2) ---------------------------------------------------------

[[nodiscard]] constexpr request_kind classify(request_view const& r) noexcept {
  if (r.origin.empty()) return request_kind::not_cors;
  if (r.method == "OPTIONS" && !r.request_method.empty()) return request_kind::preflight;
  return request_kind::actual;
}

// --- the evaluator -----------------------------------------------------------------------------

// Vary on preflights (rules 4.2), by [allow_any_origin][allow_private_network].
inline constexpr std::string_view preflight_vary[2][2] = {
    {"Origin, Access-Control-Request-Method, Access-Control-Request-Headers",
     "Origin, Access-Control-Request-Method, Access-Control-Request-Headers, "
     "Access-Control-Request-Private-Network"},
    {"Access-Control-Request-Method, Access-Control-Request-Headers",
     "Access-Control-Request-Method, Access-Control-Request-Headers, "
     "Access-Control-Request-Private-Network"},
};

template <class Option>
struct methods_of {  // no methods option: only the safelisted ones
  static constexpr bool any = false;
  [[nodiscard]] static constexpr bool listed(std::string_view) noexcept { return false; }
  template <class Sink>
  static constexpr void describe(Sink& out) noexcept { out("methods GET, HEAD, POST"); }
};
template <>
struct methods_of<allow_any_method> {
  static constexpr bool any = true;
  [[nodiscard]] static constexpr bool listed(std::string_view) noexcept { return false; }
  template <class Sink>
  static constexpr void describe(Sink& out) noexcept { out("any method but CONNECT, TRACE, TRACK"); }
};
template <class... Methods>
struct methods_of<allow_methods<Methods...>> {
  static constexpr bool any = false;
  static constexpr std::array<std::string_view, sizeof...(Methods)> names{Methods::name...};
  [[nodiscard]] static constexpr bool listed(std::string_view m) noexcept {
    return name_set<key_case::exact, names>::contains(m);
  }
  template <class Sink>
  static constexpr void describe(Sink& out) noexcept {
    out("methods GET, HEAD, POST");
    for (std::string_view m : names) out(", ")(m);
  }
};

template <class Option, origin_rules Rules>
struct origins_of {  // allow_any_origin
  [[nodiscard]] static constexpr bool match(std::string_view) noexcept { return true; }
  template <class Sink>
  static constexpr void describe(Sink& out) noexcept { out("any origin, answered with *"); }
};
template <fixed_string... Origins, origin_rules Rules>
struct origins_of<allow_origins<Origins...>, Rules> : origin_matcher<Rules, Origins...> {
  template <class Sink>
  static constexpr void describe(Sink& out) noexcept {
    out(sizeof...(Origins) == 1 ? "origin " : "origins ");
    bool first = true;
    for (std::string_view o : origin_matcher<Rules, Origins...>::texts) {
      if (!first) out(", ");
      out(o);
      first = false;
    }
  }
};

template <class Option>
inline constexpr std::string_view exposed_value_of{};
template <fixed_string... Names>
inline constexpr std::string_view exposed_value_of<expose_headers<Names...>> =
    joined_lowercase<expose_headers<Names...>::values>.view();
template <>
inline constexpr std::string_view exposed_value_of<expose_any_header> = "*";

template <class Option>
inline constexpr std::string_view max_age_value_of{};
template <long long Seconds>
inline constexpr std::string_view max_age_value_of<max_age<Seconds>> = decimal<Seconds>.view();

template <class Option>
inline constexpr int preflight_status_of = 204;
template <int Status>
inline constexpr int preflight_status_of<preflight_status<Status>> = Status;

// The request headers a policy allows, as read_request_headers asks (request_header_names).
template <bool AnyHeader, auto const& Listed>
struct request_headers_of {
  using listed = name_set<key_case::folded, Listed>;
  static constexpr bool authorization_listed = listed::contains("authorization");
  static constexpr std::size_t max_name = [] {
    std::size_t n = AnyHeader ? any_header_max_name : 0;
    for (std::string_view h : Listed) n = h.size() > n ? h.size() : n;
    return n;
  }();

  // One comparison per listed name, each of a constant length: browsers send lowercase names,
  // so most requests need neither the byte-by-byte scan nor case folding. Long lists go by the
  // hash table in allowed() instead.
  template <std::size_t I>
  [[nodiscard]] static constexpr std::size_t known_one(char const* p, char const* end) noexcept {
    constexpr std::string_view text = listed::names[I];
    if (static_cast<std::size_t>(end - p) < text.size()) return 0;
    if (std::is_constant_evaluated()) {
      if (std::string_view{p, text.size()} != text) return 0;
    } else if (!equal_bytes<text.size()>(p, text.data())) {
      return 0;
    }
    return ends_name(p + text.size(), end) ? text.size() : 0;
  }
  template <std::size_t... I>
  [[nodiscard]] static constexpr std::size_t known_at([[maybe_unused]] char const* p,
                                                      [[maybe_unused]] char const* end,
                                                      std::index_sequence<I...>) noexcept {
    std::size_t n = 0;
    (void)(((n = known_one<I>(p, end)) != 0) || ...);
    return n;
  }
  [[nodiscard]] constexpr std::size_t known_at(char const* p, char const* end) const noexcept {
    if constexpr (AnyHeader || listed::size > few_keys) {
      return 0;  // allowed() decides
    } else {
      return known_at(p, end, std::make_index_sequence<listed::size>{});
    }
  }

  [[nodiscard]] constexpr bool allowed(std::string_view name) const noexcept {
    if constexpr (AnyHeader) {
      return authorization_listed || !iequals(name, "authorization");
    } else {
      return listed::contains(name);
    }
  }
};

template <class... Options>
class evaluator {
  using pack = option_pack<Options...>;
  using origins_option = typename pack::template find<option_kind::origins>;
  using methods_option = typename pack::template find<option_kind::methods>;
  using exposed_option = typename pack::template find<option_kind::exposed_headers>;
  using max_age_option = typename pack::template find<option_kind::max_age>;

  static constexpr bool any_origin = pack::template has<allow_any_origin>;
  static constexpr bool credentials = pack::template has<allow_credentials>;
  static constexpr bool private_network = pack::template has<allow_private_network>;
  static constexpr bool any_header = pack::template has<allow_any_header>;
  static constexpr bool echo_headers = any_header && credentials;  // rules 4.9, third case

  using origins = origins_of<origins_option, pack::rules>;
  static constexpr auto const& listed_headers = allow_headers_in<Options...>::values;
  using request_headers = request_headers_of<any_header, listed_headers>;
  static constexpr bool authorization_listed = request_headers::authorization_listed;

  // --- constant header values
  static constexpr std::string_view allow_headers_value = [] {
    if constexpr (any_header) {
      return authorization_listed ? std::string_view{"*,authorization"} : std::string_view{"*"};
    } else {
      return joined_lowercase<listed_headers>.view();
    }
  }();

  static constexpr std::string_view exposed_value = exposed_value_of<exposed_option>;
  static constexpr std::string_view max_age_value = max_age_value_of<max_age_option>;

  static constexpr std::string_view vary_actual = any_origin ? "" : "Origin";
  static constexpr std::string_view vary_preflight = preflight_vary[any_origin][private_network];

 public:
  // The first requested header the policy refuses, for explanations (nothing on the hot path).
  [[nodiscard]] static constexpr std::string_view refused_header(request_view const& r) noexcept {
    auto first_in = [](std::string_view line) noexcept -> std::string_view {
      while (!line.empty()) {
        std::size_t const comma = find_byte(line, ',');
        std::string_view name = line.substr(0, comma);
        while (!name.empty() && is_ows(name.front())) name.remove_prefix(1);
        while (!name.empty() && is_ows(name.back())) name.remove_suffix(1);
        if (!name.empty() && (name.size() > request_headers::max_name || !request_headers{}.allowed(name))) return name;
        if (comma == npos) break;
        line.remove_prefix(comma + 1);
      }
      return {};
    };
    if (std::string_view const name = first_in(r.request_headers); !name.empty()) return name;
    for (std::string_view line : r.more_request_headers)
      if (std::string_view const name = first_in(line); !name.empty()) return name;
    return {};
  }

  // What the policy allows, in words, for a log line at start-up.
  template <class Sink>
  static constexpr void describe(Sink& out) noexcept {
    origins::describe(out);
    out("; ");
    methods_of<methods_option>::describe(out);
    if constexpr (any_header) {
      out(authorization_listed ? "; any request header" : "; any request header but authorization");
    } else if constexpr (!listed_headers.empty()) {
      out("; request headers ")(allow_headers_value);
    }
    if constexpr (!exposed_value.empty()) out("; exposed headers ")(exposed_value);
    if constexpr (credentials) out("; with credentials");
    if constexpr (!max_age_value.empty()) out("; preflights cached ")(max_age_value)(" s");
    if constexpr (private_network) out("; private network access");
    if constexpr (pass_through) {
      out("; preflights passed to the application");
    } else if constexpr (allowed_status == 200) {
      out("; preflights answered 200");
    }
  }

 private:
  [[nodiscard]] static constexpr bool method_allowed(std::string_view m) noexcept {
    if (is_safelisted_method(m)) return true;
    if constexpr (methods_of<methods_option>::any) {
      return is_token(m) && !is_forbidden_method(m);
    } else {
      return methods_of<methods_option>::listed(m);
    }
  }

  // The statuses of preflight answers; 0 when the application's handler answers (pass-through).
  static constexpr bool pass_through = pack::template has<pass_through_preflights>;
  static constexpr std::uint16_t allowed_status = [] {
    if constexpr (pass_through) {
      return std::uint16_t{0};
    } else {
      return static_cast<std::uint16_t>(preflight_status_of<typename pack::template find<option_kind::preflight_status>>);
    }
  }();
  static constexpr std::uint16_t refused_status = pass_through ? 0 : 403;

  static constexpr void refuse(decision_builder& b, reason why, std::string_view vary) noexcept {
    if (!vary.empty()) b.add(vary_name, vary);
    b.finish(request_kind::preflight, why, refused_status);
  }

 public:
  [[nodiscard]] static constexpr decision evaluate(request_view const& r) noexcept {
    decision d = decision_builder::unfinished();
    request_kind const kind = classify(r);
    decision_builder b{d};
    if (kind != request_kind::preflight) {
      bool const allowed = any_origin || (kind == request_kind::actual && origins::match(r.origin));
      if (allowed) {
        b.add(allow_origin_name, any_origin ? std::string_view{"*"} : r.origin);
        if constexpr (credentials) b.add(allow_credentials_name, "true");
        if constexpr (!exposed_value.empty()) b.add(expose_headers_name, exposed_value);
      }
      if constexpr (!vary_actual.empty()) b.add(vary_name, vary_actual);
      b.finish(kind, kind == request_kind::not_cors ? reason::not_cors
               : allowed                      ? reason::none
                                              : reason::origin_not_allowed,
               0);
      return d;
    }

    if (!any_origin && !origins::match(r.origin)) {
      refuse(b, reason::origin_not_allowed, vary_preflight);
      return d;
    }
    if (!method_allowed(r.request_method)) {
      refuse(b, reason::method_not_allowed, vary_preflight);
      return d;
    }
    echoed_lines echo{};
    request_headers_status const headers =
        read_request_headers(r, request_headers{}, echo_headers ? &echo : nullptr);
    if (headers == request_headers_status::malformed) {
      refuse(b, reason::malformed_request_headers, vary_preflight);
      return d;
    }
    if (headers == request_headers_status::not_allowed) {
      refuse(b, reason::header_not_allowed, vary_preflight);
      return d;
    }
    b.add(allow_origin_name, any_origin ? std::string_view{"*"} : r.origin);
    if constexpr (credentials) b.add(allow_credentials_name, "true");
    if (!is_safelisted_method(r.request_method)) b.add(allow_methods_name, r.request_method);
    if (headers == request_headers_status::allowed) {
      if constexpr (echo_headers) {
        for (std::size_t i = 0; i != echo.count; ++i) b.add(allow_headers_name, echo.lines[i]);
      } else {
        b.add(allow_headers_name, allow_headers_value);
      }
    }
    if constexpr (!max_age_value.empty()) b.add(max_age_name, max_age_value);
    if constexpr (private_network) {
      if (r.request_private_network == "true") b.add(allow_private_network_name, "true");
    }
    b.add(vary_name, vary_preflight);
    b.finish(request_kind::preflight, reason::none, allowed_status);
    return d;
  }

};

// What a policy's describe() returns: text computed at compile time, only for the policies
// whose description is asked for (a variable template is instantiated on use).
template <class Evaluator>
inline constexpr std::size_t description_size = [] {
  text_counter counter;
  Evaluator::describe(counter);
  return counter.size();
}();

template <class Evaluator>
inline constexpr static_text<description_size<Evaluator>> description = [] {
  static_text<description_size<Evaluator>> out{};
  text_writer writer{out.chars, description_size<Evaluator>};
  Evaluator::describe(writer);
  out.size = writer.size();
  return out;
}();

}  // namespace corset::detail
