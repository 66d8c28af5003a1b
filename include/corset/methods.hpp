// corset/methods.hpp - which methods a preflight may ask for: method, allow_methods, allow_any_method.
#pragma once

#include <corset/options/methods.hpp>
