// corset/options.hpp - every option of a policy. Each lives in its own file under
// corset/options/, with everything corset does with it: its checks, what it adds to a response
// and its words in describe().
#pragma once

#include <corset/options/credentials.hpp>
#include <corset/options/cross_origin_writes.hpp>
#include <corset/options/exposed_headers.hpp>
#include <corset/options/max_age.hpp>
#include <corset/options/methods.hpp>
#include <corset/options/origin_rules.hpp>
#include <corset/options/origins.hpp>
#include <corset/options/pass_through_preflights.hpp>
#include <corset/options/preflight_status.hpp>
#include <corset/options/private_network.hpp>
#include <corset/options/request_headers.hpp>
