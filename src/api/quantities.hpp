// Named quantities that checks (and sweeps) evaluate from a flat parameter map.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "api/result.hpp"
#include "exact/value.hpp"

namespace gdcert::api {

/** A named quantity: what it needs and its formula id. */
struct QuantityInfo {
  std::string name;
  std::string params;      // e.g. "spec, S"
  std::string formula_id;  // provenance
  std::string help;
};

/** Every quantity `gdcert check` knows. */
const std::vector<QuantityInfo>& quantities();

/** A quantity evaluated: its values with provenance and the parameters it used (defaults filled in). */
struct Quantity {
  std::string name;
  Params parameters;
  std::vector<Result> values;  // a scalar is a vector of length 1
};

/** The parameter names an entry lists (the identifiers of its `params`, without default values), plus "seed". */
std::vector<std::string> parameter_names(const QuantityInfo& info);

/** The registry entry of `name`, or nullptr. */
const QuantityInfo* find_quantity(const std::string& name);

/**
 * Evaluates quantity `name`: the values carry the quantity's formula id; parameters are `params` plus the defaults
 * its entry lists ("[key = value]"). Errors: input_error for an unknown name, a missing parameter, or a parameter the
 * entry does not list (a misspelt `prce = 512` is refused, not ignored).
 */
Quantity evaluate(const std::string& name, const Params& params);

/**
 * Evaluates quantity `name` with `params`; a scalar is a vector of length 1.
 * Precondition: a known name and the parameters it needs, else input_error naming what is missing.
 */
std::vector<Value> evaluate_quantity(const std::string& name, const Params& params);

/** The simulator and bound quantities (src/api/quantities_sim.cpp): sim.*, bound. */
const std::vector<QuantityInfo>& sim_quantities();
/** Evaluates a sim.* / bound quantity; nullopt for other names. */
std::optional<std::vector<Value>> evaluate_sim_quantity(const std::string& name, const Params& params);

}  // namespace gdcert::api
