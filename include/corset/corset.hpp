// corset/corset.hpp - CORS policies as types, checked at compile time (the one header to include).
//
//   inline constexpr corset::policy<
//       corset::allow_origins<"https://app.example.com">,
//       corset::allow_methods<corset::methods::put>,
//       corset::allow_credentials>
//     api{};
//   corset::decision d = api.evaluate(view);
//   for (corset::header const& h : d.headers()) response.set(h.name, h.value);
//
// Opt-in, and not included here, because they bring heavier standard headers with them:
// <corset/origin_set.hpp> (origins known only at run time: <atomic>, <mutex>, <string>...),
// <corset/beast.hpp> and <corset/httplib.hpp> (the server adapters).
#pragma once

// First, so that a diagnostic's include chain is this file and that one: the one error a
// mistake gives stays short (rules 5).
#include <corset/detail/mistakes.hpp>

#include <corset/decision.hpp>
#include <corset/evaluate.hpp>
#include <corset/fixed_string.hpp>
#include <corset/headers.hpp>
#include <corset/methods.hpp>
#include <corset/options.hpp>
#include <corset/origins.hpp>
#include <corset/policy.hpp>
#include <corset/request.hpp>
#include <corset/request_fields.hpp>
#include <corset/routes.hpp>
#include <corset/version.hpp>
