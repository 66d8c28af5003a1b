// corset/detail/explain.hpp - one log line that says why a request got its decision.
#pragma once

#include <cstddef>
#include <string_view>

#include <corset/decision.hpp>
#include <corset/detail/text.hpp>
#include <corset/explanation.hpp>
#include <corset/options/cross_origin_writes.hpp>
#include <corset/request.hpp>

namespace corset::detail {

class explanation_builder {
  // Every line of the list, quoted (a proxy may have split it, rules 4.10), the first few shown.
  static constexpr void write_request_header_lines(text_writer& out, request_view const& r) noexcept {
    constexpr std::size_t shown_lines = 4;
    std::size_t const lines = 1 + r.more_request_headers.size();
    if (lines == 1) {
      out(" starting ");
      write_escaped(out, r.request_headers, token_kind::raw);
      return;
    }
    out(" in ")(decimal_text(lines).view())(" lines: ");
    for (std::size_t i = 0; i != lines && i != shown_lines; ++i) {
      if (i != 0) out(", ");
      write_escaped(out, i == 0 ? r.request_headers : r.more_request_headers[i - 1], token_kind::raw);
    }
    if (lines > shown_lines) out(", ...");
  }

  // rules 8: what was written, from where, and which step of 8.3 refused it.
  static constexpr void write_cross_origin_write(text_writer& out, decision const& d, request_view const& r) noexcept {
    out(d.status() == 0 ? "reported, not refused: " : "refused: ");
    if (is_websocket_handshake(r)) {
      out("WebSocket handshake");
    } else {
      write_escaped_unquoted(out, r.method, token_kind::name);
    }
    if (r.origin.empty()) {
      out(" without Origin");
    } else {
      out(" from origin ");
      write_escaped(out, r.origin, token_kind::origin);
    }
    out(" is a cross-origin write (");
    if (!r.sec_fetch_site.empty()) {
      out("Sec-Fetch-Site: ");
      write_escaped_unquoted(out, r.sec_fetch_site, token_kind::raw);
    } else if (r.host.empty()) {
      out("no Sec-Fetch-Site, and no Host to compare the origin with");
    } else {
      out("no Sec-Fetch-Site, and the origin is not the Host ");
      write_escaped(out, r.host, token_kind::origin);
    }
    out(")");
  }

 public:
  // `header` is the first refused request header, for reason::header_not_allowed.
  [[nodiscard]] static constexpr explanation explain(decision const& d, request_view const& r,
                                                     std::string_view header) noexcept {
    explanation e{};
    text_writer out{e.text_, explanation::capacity};
    bool const preflight = d.kind() == request_kind::preflight;
    auto from = [&] {
      out(preflight ? "preflight from origin " : "request from origin ");
      write_escaped(out, r.origin, token_kind::origin);
    };
    switch (d.reason()) {
      case reason::none:
        out("allowed: ");
        from();
        if (preflight) {
          out(" for method ");
          write_escaped(out, r.request_method, token_kind::name);
        }
        break;
      case reason::not_cors: out("not CORS: the request has no Origin"); break;
      case reason::origin_not_allowed:
        out("refused: ");
        from();
        out(", origin not allowed");
        break;
      case reason::method_not_allowed:
        out("refused: ");
        from();
        out(" asks for method ");
        write_escaped(out, r.request_method, token_kind::name);
        out(", not allowed");
        break;
      case reason::header_not_allowed:
        out("refused: ");
        from();
        out(" asks for header ");
        write_escaped(out, header, token_kind::name);
        out(", not allowed");
        break;
      case reason::malformed_request_headers:
        out("refused: ");
        from();
        out(" has a malformed Access-Control-Request-Headers");
        write_request_header_lines(out, r);
        break;
      case reason::no_route: out("no CORS: no route covers the path"); break;
      case reason::unsafe_path: out("no CORS: a router may resolve the path differently"); break;
      case reason::cross_origin_write: write_cross_origin_write(out, d, r); break;
    }
    if (preflight && !r.request_private_network.empty()) {
      // rules 4.11: Chrome asks the user instead, and sends no such preflight any more.
      out("; note: Chrome no longer sends Private Network Access preflights (it asks the user for local "
          "network access), so allow_private_network unlocks nothing there");
    }
    e.size_ = out.size();
    return e;
  }

  // For route tables: the same, with the path.
  [[nodiscard]] static constexpr explanation with_path(explanation e, std::string_view path) noexcept {
    text_writer out{e.text_ + e.size_, explanation::capacity - e.size_};
    out(" (path ");
    write_escaped(out, path, token_kind::path);
    out(")");
    e.size_ += out.size();
    return e;
  }
};

}  // namespace corset::detail
