// corset's headers under the warnings that strict projects turn on and make errors (-Wconversion,
// -Wsign-conversion, -Wshadow, -Wold-style-cast, ... on g++; -Weverything but the C++98
// compatibility and padding notes on clang++): a user who builds that way and includes corset
// with -I, not -isystem, must not see a warning that is corset's. Every option and every entry
// point is instantiated here, so that the warnings of template code show too (tests/CMakeLists.txt
// sets the flags).
#include <corset/corset.hpp>
#include <corset/origin_set.hpp>

#include <cstddef>
#include <string_view>

namespace strict {

using namespace corset;

inline origin_set<allow_credentials> hosts{"https://a.example.com", "https://*.b.example.com"};

// A few exact origins (compared one by one) and many (the table), patterns of every shape.
inline constexpr policy<allow_origins<"https://app.example.com", "https://*.example.org", "http://localhost:*",
                                      "https://*.corp.example.net:*", "http://[::1]:8080", "http://127.0.0.1:3000">,
                        allow_methods<methods::put, methods::delete_, method<"PATCH">>,
                        allow_headers<"content-type", "x-csrf-token">, expose_headers<"x-request-id">,
                        allow_credentials, max_age<600>, allow_private_network>
    api{};
inline constexpr policy<
    allow_origins<"https://t1.example.com", "https://t2.example.com", "https://t3.example.com", "https://t4.example.com",
                  "https://t5.example.com", "https://t6.example.com", "https://t7.example.com", "https://t8.example.com",
                  "https://t9.example.com", "https://t10.example.com", "https://t11.example.com",
                  "https://t12.example.com", "https://t13.example.com", "https://t14.example.com",
                  "https://t15.example.com", "https://t16.example.com", "https://t17.example.com">,
    allow_any_method, allow_any_header, allow_credentials, report_cross_origin_writes, pass_through_preflights>
    tenants{};
inline constexpr policy<allow_origins<"https://app.example.com">, allow_any_header, allow_headers<"authorization">,
                        expose_any_header, refuse_cross_origin_writes, preflight_status<200>>
    uncredentialed{};
inline constexpr policy<allow_origins_from<hosts>, allow_credentials, dangerously_allow_cross_origin_writes> books{};
inline constexpr policy<allow_any_origin, allow_any_method, expose_headers<"x-total-count">> open{};
inline constexpr routes<route<"/api/", api>, route<"/tenants/", tenants>, route<"/legacy;v=1/", uncredentialed>,
                        route<"/books/", books>, route<"/account/delete", api>, route<"/", open>>
    site{};

struct counting_sink {
  std::size_t bytes = 0;
  void operator()(std::string_view name, std::string_view value) noexcept { bytes += name.size() + value.size(); }
};

template <class Decider>
std::size_t answer(Decider const& d, request_view const& r) {
  counting_sink sink;
  outcome const o = d.evaluate(r, sink);
  decision const all = d.evaluate(r);
  std::size_t n = sink.bytes + d.explain(r).view().size() + d.describe().size() + to_string(all.reason()).size() +
                  to_string(all.kind()).size();
  n += static_cast<std::size_t>(o.status() + all.status());
  for (header const& h : all.headers()) n += h.value.size();
  return n;
}

std::size_t answer_all(std::string_view target, std::string_view origin);
std::size_t answer_all(std::string_view target, std::string_view origin) {
  request_fields fields{"OPTIONS", target};
  fields.add("Origin", origin);
  fields.add("Access-Control-Request-Method", "PUT");
  fields.add("Access-Control-Request-Headers", "content-type");
  fields.add("Access-Control-Request-Headers", "x-csrf-token");
  fields.add("Upgrade", "websocket");
  request_view const r = fields.view();
  counting_sink sink;
  decision const routed = site.evaluate(target, r);
  outcome const o = site.evaluate(target, r, sink);
  return answer(api, r) + answer(tenants, r) + answer(uncredentialed, r) + answer(books, r) + answer(open, r) +
         routed.headers().size() + static_cast<std::size_t>(o.status()) + site.explain(target, r).view().size() + sink.bytes +
         (hosts.contains(origin) ? 1u : 0u) + hosts.replace({"https://c.example.com"}).describe().size();
}

}  // namespace strict
