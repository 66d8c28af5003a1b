// corset/pistache.hpp - corset for Pistache (0.0.5) servers. Opt-in: not included by corset.hpp.
//
//   Pistache::Rest::Router router;  // ... routes ...
//   endpoint.setHandler(corset::pistache::handler(api, router.handler()));
//
// handler() wraps the application's handler: it answers what corset answers itself
// (preflights, refused cross-origin writes; the application never sees them) and, for every other request, writes the
// decision's headers into the response before the application's handler runs.
//
// Deviations, each because of what Pistache 0.0.5 keeps and lets an adapter do:
//   - it keeps only the first line of a repeated request field, so several Origin lines (rules
//     3.6) and an Access-Control-Request-Headers list split over lines (4.10) are read as their
//     first line; browsers send one line of each;
//   - it has no hook after a handler, so the headers are written before it runs; its response
//     fields keep one field a name and the first one written, so corset's Access-Control-*
//     fields win over the handler's (as the other adapters ensure by removing the handler's),
//     but a Vary the handler adds afterwards is dropped: add names with add_vary(), which merges;
//   - several Access-Control-Allow-Headers lines (the echo of rules 4.9) are one field, joined
//     with ", " (the same list to a browser);
//   - the request-target is Pistache's resource(), the raw path without the query, which route
//     tables ignore anyway;
//   - a handler's own Access-Control-* field survives where corset writes none of that name (a
//     refused origin, say), since it cannot be removed after the handler: do not set them;
//   - field values are copied for each request (copied_fields): Pistache hands them out by value.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <ostream>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <pistache/http.h>
#include <pistache/http_header.h>

#include <corset/corset.hpp>
#include <corset/server.hpp>

namespace corset::pistache {

namespace detail {

// A response field whose name is only known at run time (Pistache's own are one class a name).
class field final : public Pistache::Http::Header::Header {
 public:
  field(std::string_view name, std::string_view value) : name_(name), value_(value) {}
  [[nodiscard]] const char* name() const override { return name_.c_str(); }
  void write(std::ostream& out) const override { out << value_; }
  [[nodiscard]] std::uint64_t hash() const override { return 0; }  // never the target of a header_cast
  [[nodiscard]] std::string const& value() const noexcept { return value_; }

 private:
  std::string name_;
  std::string value_;
};

// A response's fields, as corset::apply_headers writes them: one field a name, so a second line
// of the same name is joined to the first.
struct response_fields {
  Pistache::Http::Header::Collection& fields;
  void add(std::string_view name, std::string_view value) {
    if (auto const existing = fields.tryGet(std::string{name})) {
      std::string joined = value_of(*existing) + ", ";
      joined += value;
      fields.remove(std::string{name});
      fields.add(std::make_shared<field>(name, joined));
      return;
    }
    fields.add(std::make_shared<field>(name, value));
  }
  template <class Predicate>
  void remove_if(Predicate const& remove) {
    std::vector<std::string> names;
    for (auto const& f : fields.list())
      if (remove(std::string_view{f->name()})) names.emplace_back(f->name());
    for (std::string const& name : names) fields.remove(name);
  }
  template <class Visit>
  void each(Visit const& visit) const {
    for (auto const& f : fields.list()) visit(std::string_view{f->name()}, value_of(*f));
  }
  [[nodiscard]] static std::string value_of(Pistache::Http::Header::Header const& h) {
    if (auto const* ours = dynamic_cast<field const*>(&h)) return ours->value();
    std::ostringstream text;
    h.write(text);
    return text.str();
  }
};

}  // namespace detail

// The CORS fields of a request, copied: Pistache hands field values out by value, and a
// decision holds views. It keeps the first line of each field only (see the top of this file).
class copied_fields {
 public:
  explicit copied_fields(Pistache::Http::Request const& req)
      : method_(Pistache::Http::methodString(req.method())), target_(req.resource()) {
    auto const& raw = req.headers().rawList();
    values_.reserve(raw.size());  // never reallocated: the views below point into it
    for (auto const& [name, field] : raw) {
      values_.push_back(field.value());
      fields_.add(name, values_.back());
    }
  }
  copied_fields(copied_fields const&) = delete;
  copied_fields& operator=(copied_fields const&) = delete;

  [[nodiscard]] request_view view() const noexcept { return fields_.view(); }
  [[nodiscard]] std::string_view target() const noexcept { return target_; }

 private:
  std::string method_;
  std::string target_;
  std::vector<std::string> values_;
  request_fields fields_{method_, target_};
};

// The decision for a request, by a policy or a route table (from the raw path). It holds views
// into `fields`: use it while they live.
template <corset::decider Decider>
[[nodiscard]] decision evaluate(Decider const& decider, copied_fields const& fields) noexcept {
  return corset::evaluate(decider, fields.target(), fields.view());
}

// Writes the decision's headers into a response (corset::apply_headers).
inline void set_headers(decision const& d, Pistache::Http::ResponseWriter& res) {
  detail::response_fields fields{res.headers()};
  apply_headers(d, fields);
}

// Adds `name` to the response's Vary: Pistache drops a second Vary field.
inline void add_vary(Pistache::Http::ResponseWriter& res, std::string_view name) {
  detail::response_fields{res.headers()}.add("Vary", name);
}

// What sees every refusal (corset/server.hpp), with the response about to be sent (or, when the
// application's handler answers, its writer before the handler runs).
using refusal_hook = std::function<void(refusal const&, Pistache::Http::ResponseWriter&)>;

// The application's handler, behind corset (see the top of this file).
template <corset::decider Decider>
class cors_handler final : public Pistache::Http::Handler {
 public:
  cors_handler(Decider const& decider, std::shared_ptr<Pistache::Http::Handler> app, refusal_hook on_refused = {})
      : decider_(decider), app_(std::move(app)), on_refused_(std::move(on_refused)) {}

  // Pistache gives each worker thread a clone of the handler: the application's is cloned too.
  [[nodiscard]] std::shared_ptr<Pistache::Tcp::Handler> clone() const override {
    return std::make_shared<cors_handler>(decider_, std::static_pointer_cast<Pistache::Http::Handler>(app_->clone()),
                                          on_refused_);
  }

  void onRequest(Pistache::Http::Request const& req, Pistache::Http::ResponseWriter res) override {
    copied_fields const fields{req};
    decision const d = evaluate(decider_, fields);
    set_headers(d, res);
    if (on_refused_)
      report_refusal(on_refused_, d, [&] { return corset::explain(decider_, fields.target(), fields.view()); }, res);
    if (d.answered_by_corset()) {
      res.send(static_cast<Pistache::Http::Code>(d.status()));
      return;
    }
    app_->onRequest(req, std::move(res));
  }

 private:
  Decider decider_;
  std::shared_ptr<Pistache::Http::Handler> app_;
  refusal_hook on_refused_;
};

template <corset::decider Decider>
[[nodiscard]] std::shared_ptr<cors_handler<Decider>> handler(Decider const& decider,
                                                             std::shared_ptr<Pistache::Http::Handler> app,
                                                             refusal_hook on_refused = {}) {
  return std::make_shared<cors_handler<Decider>>(decider, std::move(app), std::move(on_refused));
}

}  // namespace corset::pistache
