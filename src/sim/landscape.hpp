// The experiments of Soltanolkotabi-Javanmard-Lee (paper 004, Section 3) in double precision: gradient descent on a
// shallow network f(x) = v^T phi(W x) (phi = softplus (1/b) log(1 + e^{bz}) or z^2), planted data (Figs. 2-3) and random
// labels (Fig. 4); a logistic fit of the fraction of "all runs global" draws with a bootstrap interval.
//
// Guarantee: floats (kind float), reproducible from the master seed: draw j of the value x of a figure uses
// derive_seed(master, id), run r of a draw derive_seed(draw_seed, r + 1), whatever the thread count.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "exact/rng.hpp"

namespace gdcert::sim {

enum class ShallowActivation { softplus, quadratic };

/** How the step is chosen. Fixed: plain GD with step lr. Adaptive (default): a step that raises the loss is rejected
 * and the step halved; an accepted step multiplies it by `grow` (at most lr_max). */
struct ShallowGdOptions {
  ShallowActivation act = ShallowActivation::softplus;
  double b = 10;              // softplus steepness
  bool train_v = true;        // both layers (Section 3) or W only
  double lr = 0.1;            // initial (adaptive) or fixed step
  bool adaptive = true;
  double grow = 1.05, lr_max = 10;
  long max_steps = 5000;
  double tol = 1e-6;          // global: L <= tol * L_ref, L_ref = (1/(2n)) sum y_i^2 (the loss of the zero predictor)
  long stall_window = 2000;   // stop when L fell by less than the factor stall_rel over this many steps (0 = never)
  double stall_rel = 1e-4;
  long record_every = 0;      // trajectory sampling (0 = none)
};

struct ShallowGdResult {
  double initial_loss = 0, final_loss = 0, reference_loss = 0;
  long steps = 0;
  bool global = false;          // final_loss <= tol * reference_loss
  bool stalled = false;         // stopped by the stall rule
  bool diverged = false;        // non-finite loss (never with the adaptive step)
  std::vector<std::pair<long, double>> trajectory;  // (step, loss)
};

/**
 * GD on L(v, W) = (1/(2n)) sum_i (y_i - v^T phi(W x_i))^2 from (v, W) (updated in place). X is n x d row-major, W is
 * k x d row-major. Formula: landscape.sim_gd.
 */
ShallowGdResult shallow_gd(const std::vector<double>& X, const std::vector<double>& y, long n, long d,
                           std::vector<double>& v, std::vector<double>& W, long k, const ShallowGdOptions& opt);

/** The loss at (v, W) (same conventions). */
double shallow_loss(const std::vector<double>& X, const std::vector<double>& y, long n, long d,
                    const std::vector<double>& v, const std::vector<double>& W, long k, const ShallowGdOptions& opt);

/** One planted draw: X, y = <1, phi(W* x)>, with W* ~ N(0, 1/d). */
struct PlantedDraw {
  std::vector<double> X, y, W_star;
};
PlantedDraw planted_draw(long n, long d, long k, const ShallowGdOptions& opt, std::uint64_t seed);

/** The outcome of one draw: its runs (v_0 Rademacher, W_0 ~ N(0, 1/d)) and whether all were global. */
struct DrawOutcome {
  long x = 0;                   // the varied value (k or d)
  long draw = 0;
  long global_runs = 0, runs = 0;
  long capped_runs = 0;         // runs stopped by max_steps while still decreasing (neither global nor stalled)
  bool all_global = false;
  double worst_final_loss = 0;  // relative: final / reference
  long total_steps = 0;
};

/** A planted figure: x = k (d fixed) or x = d (k fixed). */
struct PlantedExperiment {
  std::string figure;           // "2a", ...
  ShallowGdOptions gd;
  bool vary_k = true;
  long fixed = 10;              // d when vary_k, else k
  std::vector<long> values;     // the varied values
  long n = 100, draws = 10, runs = 10;
  std::uint64_t seed = 0;
  unsigned threads = 1;
};
std::vector<DrawOutcome> run_planted(const PlantedExperiment& e);

/** Maximum-likelihood logistic fit p(x) = 1/(1 + exp(-(x - x0)/s)) to 0/1 outcomes. */
struct LogisticFit {
  bool separated = false;       // the outcomes are separated by a threshold (MLE at s -> 0): x0 = the gap's midpoint
  bool degenerate = false;      // all 0 or all 1: no crossing
  double x0 = 0, s = 0;         // crossing and scale
  long iterations = 0;
};
LogisticFit fit_logistic(const std::vector<double>& x, const std::vector<int>& outcome);

/** Percentile bootstrap over draws (resampled within each x) of the crossing: [lo, hi] at the given level. */
struct BootstrapInterval {
  double lo = 0, hi = 0;
  long replicates = 0, degenerate = 0;  // replicates with no crossing are counted and left out
};
BootstrapInterval bootstrap_crossing(const std::vector<DrawOutcome>& outcomes, long replicates, double level,
                                     std::uint64_t seed);

/** The least x from which every draw (at that x and every larger x) was all-global; nullopt if none. */
std::optional<long> always_global_threshold(const std::vector<DrawOutcome>& outcomes);

/** Random labels (Fig. 4): x ~ N(0, I_d), y ~ N(0, 1), one GD run per k; RMSE = sqrt((1/n) sum r_i^2) = sqrt(2L). */
enum class OutputLayer { trained, fixed_ones, fixed_rademacher };
struct RandomLabelsExperiment {
  std::string figure;
  ShallowGdOptions gd;          // record_every > 0 for the curves
  OutputLayer output = OutputLayer::trained;
  long n = 100, d = 10;
  std::vector<long> ks;
  double rmse_tol = 1e-3;       // "zero RMSE": final RMSE <= rmse_tol * RMSE of the zero predictor
  std::uint64_t seed = 0;
  unsigned threads = 1;
};
struct RandomLabelsRun {
  long k = 0;
  double final_rmse = 0, reference_rmse = 0;
  bool zero = false;
  long steps = 0;
  std::vector<std::pair<long, double>> rmse;  // (step, RMSE)
};
std::vector<RandomLabelsRun> run_random_labels(const RandomLabelsExperiment& e);

}  // namespace gdcert::sim
