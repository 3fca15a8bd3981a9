// Quantities of the width module (paper 003) for `gdcert check` and sweeps (registered in quantities.cpp).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "api/quantities.hpp"

namespace gdcert::api {

/** The width.* quantities. */
const std::vector<QuantityInfo>& width_quantities();

/** Evaluates a width.* quantity; nullopt when the name is not one of them. */
std::optional<std::vector<Value>> evaluate_width_quantity(const std::string& name, const Params& params);

}  // namespace gdcert::api
