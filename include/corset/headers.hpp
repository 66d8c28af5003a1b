// corset/headers.hpp - request headers a preflight may ask for (allow_headers, allow_any_header)
// and response headers scripts may read (expose_headers, expose_any_header).
#pragma once

#include <corset/options/exposed_headers.hpp>
#include <corset/options/request_headers.hpp>
