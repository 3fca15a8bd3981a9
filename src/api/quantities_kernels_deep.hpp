// Quantities of the general-covariance and deep kernels for `gdcert check` (registered in quantities.cpp).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "api/quantities.hpp"

namespace gdcert::api {

/** The kernel.general*, kernel.deep.* quantities. */
const std::vector<QuantityInfo>& kernels_deep_quantities();

/** Evaluates one of them; nullopt when the name is not one of them. */
std::optional<std::vector<Value>> evaluate_kernels_deep_quantity(const std::string& name, const Params& params);

}  // namespace gdcert::api
