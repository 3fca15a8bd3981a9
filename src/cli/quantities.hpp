// Named quantities that checks (and sweeps) evaluate from a flat parameter map.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "exact/value.hpp"

namespace gdcert::cli {

using Params = std::map<std::string, std::string, std::less<>>;

/** A named quantity: what it needs and its formula id. */
struct QuantityInfo {
  std::string name;
  std::string params;      // e.g. "spec, S"
  std::string formula_id;  // provenance
  std::string help;
};

/** Every quantity `gdcert check` knows. */
const std::vector<QuantityInfo>& quantities();

/**
 * Evaluates quantity `name` with `params`; a scalar is a vector of length 1.
 * Precondition: a known name and the parameters it needs, else input_error naming what is missing.
 */
std::vector<Value> evaluate_quantity(const std::string& name, const Params& params);

/** The simulator and bound quantities (src/cli/sim_quantities.cpp): sim.*, bound. */
const std::vector<QuantityInfo>& sim_quantities();
/** Evaluates a sim.* / bound quantity; nullopt for other names. */
std::optional<std::vector<Value>> evaluate_sim_quantity(const std::string& name, const Params& params);

}  // namespace gdcert::cli
