// Quantities of the radial law and the depth-separation bounds for `gdcert check` (registered in quantities.cpp).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "api/quantities.hpp"

namespace gdcert::api {

/** The radial.* and ds.* quantities. */
const std::vector<QuantityInfo>& radial_quantities();

/** Evaluates a radial.* / ds.* quantity; nullopt when the name is not one of them. */
std::optional<std::vector<Value>> evaluate_radial_quantity(const std::string& name, const Params& params);

}  // namespace gdcert::api
