// The formula registry: every definition, identity and bound gdcert implements, with id, statement, source, tag
// and proof anchor (each module contributes its own table; this is their union).
#pragma once
#include <span>
#include <string_view>

#include "exact/formula.hpp"

namespace gdcert::api {

/** Every formula of every module, in module order. */
std::span<const Formula> all_formulas();

/** The formula with this id, or nullptr when `id` is empty or unknown. */
const Formula* find_formula(std::string_view id);

}  // namespace gdcert::api
