// Quantities of the Boolean-function criteria for `gdcert check` (boolean.*; registered in quantities.cpp).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "api/quantities.hpp"

namespace gdcert::api {

/** The boolean.* quantities. */
const std::vector<QuantityInfo>& boolean_quantities();

/** Evaluates a boolean.* quantity; nullopt when the name is not one of them. */
std::optional<std::vector<Value>> evaluate_boolean_quantity(const std::string& name, const Params& params);

}  // namespace gdcert::api
