// corset/origins.hpp - which origins may read responses: allow_origins, allow_any_origin.
#pragma once

#include <corset/options/origins.hpp>
