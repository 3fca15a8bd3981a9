// Landscape entry points (`gdcert landscape`, paper 004): the exact certificate at a point of a quadratic-activation
// network, generated instances, rank(X*X) tables, Assumption 2.3 balls over a sigma grid, and the Theorem 2.2 / 2.5
// evaluators with the paper's unspecified constants as parameters.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "api/result.hpp"

namespace gdcert::api {

/** gdcert landscape certify. */
struct LandscapeCertifyRequest {
  std::string data;            // path of a JSON or CSV data file (landscape/instance.hpp)
  std::string v, W;            // "a,b,c" and "a,b;c,d"; "" = take them from the data file
  std::string U;               // optional direction: also print vec(U)^T grad^2 L vec(U) (4/n) and the recorded (6.4)
  std::string least_squares = "auto";  // auto (when d <= 16, n <= 2000) | yes | no
};

/** One labelled exact or ball result. */
struct NamedResult {
  std::string name;
  Result result;
};

struct LandscapeCertificate {
  Params parameters;
  long n = 0, d = 0, k = 0, prec = 0;
  std::string verdict;             // "global minimum" | "strict saddle" | "not stationary" | "undetermined"
  std::string reason;
  std::vector<NamedResult> values; // loss, ||grad||^2, ||grad||, counts, ranks, LS optimum, Case-II values...
  std::vector<std::vector<std::string>> residual_matrix;  // S/n, "p/q"
  std::vector<std::vector<std::string>> gradient;         // k x d
  std::vector<std::vector<std::string>> direction_U;      // Case-II U = a b^T (empty unless a saddle)
  std::vector<std::string> direction_a, direction_b;
  std::vector<std::vector<std::string>> M_star;           // LS minimiser (when solved)
  std::vector<std::string> notes;
};

/**
 * The certificate at the point. Errors: input_error (file, shapes, no v / W given), resource_error (sizes beyond the
 * limits of landscape/instance.hpp), input_error for prec out of range.
 */
LandscapeCertificate landscape_certify(const LandscapeCertifyRequest& req, long prec);

/** gdcert landscape generate: the instance JSON (data file format, with v and W). */
struct LandscapeGenerateRequest {
  std::string kind = "saddle";
  long n = 8, d = 3, k = 6;
  std::uint64_t seed = 0;
};
std::string landscape_generate_json(const LandscapeGenerateRequest& req);
/** The certificate (with the least squares) at a generated instance. */
LandscapeCertificate landscape_certify_generated(const LandscapeGenerateRequest& req, long prec);

/** gdcert landscape rank: rank(X*X) for random integer X (entries in -3..3) over n = n_min..n_max at one d. */
struct LandscapeRankRow {
  long n = 0;
  Result rank, generic;  // exact integers (landscape.khatri_rao_rank)
};
struct LandscapeRankTable {
  Params parameters;
  long d = 0;
  std::vector<LandscapeRankRow> rows;
};
LandscapeRankTable landscape_rank(long d, long n_min, long n_max, std::uint64_t seed);

/** gdcert landscape assumption: mu and gamma over a sigma grid. */
struct LandscapeAssumptionRow {
  std::string sigma;
  Result mu, gamma;
};
struct LandscapeAssumption {
  Params parameters;
  std::string activation;
  long prec = 0;
  std::vector<LandscapeAssumptionRow> rows;
  std::vector<LandscapeAssumptionRow> cells;  // sigma = "[lo, hi]": balls enclosing every value on the cell
  std::string mu_statement, gamma_statement, case_23;
};
/** grid: "lo..hi/step" (rationals) or a comma list. Errors: input_error (activation, grid), domain_error (sigma < 0). */
LandscapeAssumption landscape_assumption(const std::string& activation, const std::string& grid, long prec);

/** gdcert landscape theorem25 / theorem22 (string rationals; "" keeps the default). */
struct LandscapeTheorem25Request {
  long n = 100, d = 10, k = 20, tau = 100;
  std::string sigma_min = "1/2", sigma_max = "2";
  std::string c = "1", C = "1", C0 = "1", c0 = "1", Cprime = "1";
  std::string v_max = "1", w_max = "1", B = "1", L = "1", phi0 = "0";
  std::string alpha = "0", L0 = "1";
  bool case_b = false;
};
struct LandscapeBoundTable {
  Params parameters;
  std::vector<NamedResult> values;
  std::vector<std::string> notes;
};
LandscapeBoundTable landscape_theorem25(const LandscapeTheorem25Request& req, long prec);

struct LandscapeTheorem22Request {
  std::string eps_g = "1/100", eps_H = "1/100", nu = "1", nuclear = "1", gamma = "1";
  long d = 10;
};
LandscapeBoundTable landscape_theorem22(const LandscapeTheorem22Request& req, long prec);

/** gdcert simulate landscape: the Section-3 experiments (Figs. 2a, 2b, 3a, 3b planted; 4a, 4b random labels). */
struct LandscapeSimRequest {
  std::vector<std::string> figures;  // "" = all six: 2a 2b 3a 3b 4a 4b
  bool full = false;                 // the paper's sizes (10 draws x 10 runs, every k / d, long runs)
  long draws = 0, runs = 0;          // 0 = the preset (reduced: 3 x 3; full: 10 x 10)
  long max_steps = 0;                // 0 = the preset (planted: reduced 3000, full 10000; random labels 5000 / 1e6 / 1e5)
  std::string values;                // override of the varied values: "lo..hi" or a comma list ("" = the preset)
  double tol = 1e-5;                 // global: L <= tol * L(0) (L(0) = (1/(2n)) sum y^2)
  long stall_window = 1000;          // stop a run whose loss fell by less than stall_rel over this many steps
  double stall_rel = 1e-2;
  std::string step = "adaptive";     // adaptive | fixed
  double lr = 0.1;                   // initial (adaptive) or fixed step
  std::string layers = "both";       // both | W (planted figures)
  std::string output_layer = "trained";  // random labels: trained | ones | rademacher
  double rmse_tol = 1e-3;            // zero RMSE: RMSE <= rmse_tol * RMSE(0)
  long bootstrap = 200;              // bootstrap replicates of the crossing
  double level = 0.95;
  std::uint64_t seed = 0;
  unsigned threads = 2;
};

/** One planted figure. Floats from the simulator (Value::from_double), counts exact. */
struct LandscapeExperimentRow {
  long x = 0;
  Result fraction;      // fraction of draws with every run global (stderr sqrt(p(1-p)/draws))
  Result global_draws;  // count
  Result global_runs;   // count over all runs
  Result capped_runs;   // runs that hit the step cap while still decreasing (undecided, counted as not global)
  Result mean_steps;    // per run
  Result worst_loss;    // max over draws and runs of final L / L(0)
};
struct LandscapeExperiment {
  Params parameters;
  std::string figure, activation, varied;  // varied: "k" or "d"
  long fixed = 0, n = 0, draws = 0, runs = 0, max_steps = 0;
  std::vector<LandscapeExperimentRow> rows;
  std::optional<Result> crossing, scale, ci_lo, ci_hi;  // the fitted 1/2-crossing and its bootstrap interval
  std::string fit_status;                               // "fitted" | "separated (x0 = gap midpoint)" | "no crossing"
  std::optional<long> always_global;                    // least x from which every draw was global
  std::string criterion;
  double seconds = 0;
};

struct LandscapeRandomLabelsRow {
  long k = 0;
  Result final_rmse, ratio_kd_over_n, steps;
  bool zero = false;
  std::vector<std::pair<long, double>> curve;  // (iteration, RMSE)
};
struct LandscapeRandomLabels {
  Params parameters;
  std::string figure, activation, output_layer;
  long n = 0, d = 0, iterations = 0;
  double reference_rmse = 0;
  std::vector<LandscapeRandomLabelsRow> rows;
  std::optional<Result> zero_ratio;  // least kd/n from which the final RMSE is "zero"
  std::string criterion;
  double seconds = 0;
};

struct LandscapeSimulation {
  std::vector<LandscapeExperiment> planted;
  std::vector<LandscapeRandomLabels> random_labels;
};

/** Runs the requested figures. Errors: input_error (unknown figure, bad option values), resource_error (sizes). */
LandscapeSimulation landscape_simulate(const LandscapeSimRequest& req);

}  // namespace gdcert::api
