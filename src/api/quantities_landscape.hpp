// Quantities of the landscape module (paper 004) for `gdcert check` and sweeps (registered in quantities.cpp).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "api/quantities.hpp"

namespace gdcert::api {

/** The landscape.* quantities. */
const std::vector<QuantityInfo>& landscape_quantities();

/** Evaluates a landscape.* quantity; nullopt when the name is not one of them. */
std::optional<std::vector<Value>> evaluate_landscape_quantity(const std::string& name, const Params& params);

}  // namespace gdcert::api
