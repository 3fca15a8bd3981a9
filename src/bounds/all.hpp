// Every bound `gdcert bound` knows: the concatenation of the modules' lists.
#pragma once
#include <span>
#include <string_view>
#include <vector>

#include "bounds/registry.hpp"
#include "exact/formula.hpp"

namespace gdcert::bounds {

/** All registered bounds, module by module (noisy_gd_bounds(), ...). */
std::vector<BoundEntry> all_bounds();

/** The entry with this formula id; input_error listing the ids if absent. */
const BoundEntry& find_bound(const std::vector<BoundEntry>& all, std::string_view id);

/** Fills defaults and rejects unknown or missing parameters (input_error naming them). */
BoundArgs complete_args(const BoundEntry& e, const BoundArgs& given);

}  // namespace gdcert::bounds
