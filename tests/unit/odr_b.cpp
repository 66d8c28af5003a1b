#include "odr_policy.hpp"

corset::decision evaluate_in_b(corset::request_view const& r) { return shared_policy.evaluate(r); }
