// Bound entry points: the registered bounds of `gdcert bound` (noisy-GD lower bounds, depth-separation bounds) listed
// with their provenance, evaluated at one point with their inversions (least T, largest sigma, ...), or tabulated over
// the Cartesian product of comma-list parameters.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "api/requests.hpp"
#include "api/result.hpp"
#include "exact/formula.hpp"

namespace gdcert::api {

/** One parameter of a bound. */
struct BoundParamInfo {
  std::string name, meaning;
  std::string default_value;  // "" = required
  bool vector = false;        // a comma list is one value (a point, a level set), not a grid axis
};

/** One registered bound. */
struct BoundListing {
  std::string id;                // its formula id
  const Formula* formula;        // tag, source, statement, proof (nullptr when the id is not in the registry)
  std::string summary;
  std::vector<BoundParamInfo> params;
};

/**
 * Whether an upper bound on a quantity that is trivially at most `trivial` says anything: "VACUOUS" (bound >=
 * trivial, decided exactly or on the ball), "bites" (bound < trivial), "undecided" (the ball straddles trivial).
 */
std::string vacuity(const Value& bound, const Rational& trivial, long prec);

/** Every registered bound, module by module. */
std::vector<BoundListing> bound_list();

/** One named output of a bound (e.g. "advantage bound (P(success) - 1/2)", "least T that can reach advantage eps"). */
struct BoundOutput {
  std::string name;
  std::optional<Result> value;  // formula: the bound's id; empty when the output has no value at this point
  std::string absent;           // then: why (e.g. "none: every sigma > 0 allows advantage eps")
  /**
   * For an upper bound on a bounded quantity (an advantage <= 1/2, a correlation <= M ||f||): "VACUOUS" when the
   * bound is certainly at or above that trivial value (it says nothing), "bites" when certainly below, "undecided"
   * when its ball straddles it; "" for every other output.
   */
  std::string status;
  std::optional<Rational> trivial;  // the trivial value compared against (when status is set)
};

/**
 * The outputs of bound `id` at one point: `args` are its parameters (defaults filled in; no comma lists), prec the
 * working precision of balls. Errors: input_error (unknown id, unknown or missing parameter, malformed value,
 * prec outside api::check_prec's range), domain_error (a value outside the bound's domain).
 */
std::vector<BoundOutput> evaluate_bound(const std::string& id, const Params& args, long prec);

/** A bound tabulated: one point per element of the product of the comma-list parameters (in the order given). */
struct BoundTable {
  Params parameters;  // id, prec and the fixed (single-valued) parameters
  std::string id, summary;
  const Formula* formula = nullptr;
  long prec = 0;
  Params fixed;                   // the single-valued parameters as given (defaults are filled per point)
  std::vector<std::string> axes;  // the comma-list parameters, in the order given
  std::vector<std::string> outputs;  // output names, in display order
  struct Point {
    std::vector<std::string> at;   // the axes' values
    std::vector<BoundOutput> values;  // one per output, in the order of `outputs`
  };
  std::vector<Point> points;  // the last axis varies fastest
};

/**
 * Evaluates req.id with req.params ("key=value"; a value with a comma, except for `levels`, is an axis).
 * Errors: usage_error (a parameter not of the form k=v), resource_error (more than 100000 points), and
 * evaluate_bound's errors.
 */
BoundTable bound(const BoundRequest& req, long prec);

}  // namespace gdcert::api
