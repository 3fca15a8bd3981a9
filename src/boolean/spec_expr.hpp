// The operator layer of the spec grammar (spec.hpp): internal to src/boolean.
#pragma once
#include <cstdint>
#include <string_view>

#include "boolean/spec.hpp"

namespace gdcert::boolean {

/** True when `spec` (trimmed, not starting with "file:") uses the operator grammar: ^ & | ~ ( ) or a quote ' outside "...". */
bool is_expression(std::string_view spec);
/** Parses an operator expression; leaves are family specs (parse_family_spec). input_error / resource_error. */
ParsedSpec parse_expression(std::string_view spec, std::uint64_t default_seed);
/** One family spec (no operators): what parse_spec did before the operators existed. */
ParsedSpec parse_family_spec(std::string_view spec, std::uint64_t default_seed);

}  // namespace gdcert::boolean
