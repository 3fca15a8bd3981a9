// Simulator entry points: `gdcert simulate noisy-gd` (one run of noisy GD with its trajectory, the Monte-Carlo INAL
// at initialisation and the Abbe-Sandon orbit bound beside it), the simulator's cross-checks against the exact values
// (Monte-Carlo INAL against the exact INAL by a z-score; the measured advantage of noisy GD against the orbit bound),
// and `gdcert simulate depth-separation` (N1 against N2 on the ball indicator, with the certified N1 floor).
//
// Every statistic (means, standard errors, intervals) and every verdict is computed here; report/ only lays the
// structs out. Simulator numbers are floats (Value::from_double, with standard error and sample count where they
// are means); bounds and exact values keep their kind.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "api/requests.hpp"
#include "api/result.hpp"
#include "exact/rational.hpp"

namespace gdcert::api {

// ---------------------------------------------------------------------------------------------------------------------
// Monte-Carlo INAL at initialisation and its check against the exact INAL.

/** The Monte-Carlo INAL of a network at initialisation (the `--inal-mc` of noisy-gd, the sim.inal_mc* quantities). */
struct InalMcRequest {
  std::string spec, net = "64", act = "relu", init = "gaussian", bias = "none", sign0 = "1";
  std::uint64_t inits = 1000;
  std::uint64_t seed = 1;  // the inits' seed (and a random spec's)
  unsigned threads = 1;    // results do not depend on it
};

/** One layer of the estimate (hidden layers first, the output neuron last). */
struct InalMcLayer {
  unsigned layer = 1;  // 1-based
  unsigned width = 1;
  Result mean;  // E<f, NN^(v)>^2 averaged over the inits: float with standard error and samples = inits (inal.definition)
  double standard_error = 0;
  double ci_low = 0, ci_high = 0;  // 95% interval, normal approximation: mean -/+ 1.96 standard errors
};

struct InalMonteCarlo {
  Params parameters;  // spec (canonical), n, net, act, init, bias, inits, seed
  std::string canonical;
  unsigned n = 0;
  std::uint64_t inits = 0;
  std::vector<InalMcLayer> layers;
  unsigned best_layer = 1;  // 1-based: the layer of the largest mean (the INAL estimate, max over layers)
};

/**
 * E_Theta <f, NN^(v)>^2 per layer over req.inits independent inits, <.,.> exact over the 2^n cube points.
 * Errors: input_error (malformed spec, net, laws), resource_error when n > 20 (the cube is enumerated).
 */
InalMonteCarlo inal_monte_carlo(const InalMcRequest& req);

/** The Monte-Carlo INAL of a first-layer neuron against the exact INAL: a z-score with a verdict. */
struct InalMcCheck {
  Params parameters;  // as InalMonteCarlo, plus max_z
  Result estimate;    // first layer, float with standard error and samples (inal.definition)
  Result exact;       // the exact first-layer INAL (exact or ball) (inal.definition), or the value passed in
  /**
   * |estimate - exact| / s, s = max(standard error, 1e-12 |exact|, 1e-30) (the floor: targets and lattice inits on
   * which every init gives the same value have a standard error at rounding level); 0 when the exact value is 0 and
   * the estimate is below 1e-20 (an exact zero met up to rounding of the cube sums). Float.
   */
  Result z;
  double max_z = 4;
  /** yes: z <= max_z at every point of the exact value's ball; no: z > max_z at every point; undecided otherwise. */
  Verdict verdict = Verdict::undecided;
};

/**
 * The check: `exact` is the value to test the estimate against (nullopt: the exact first-layer INAL of req.spec with
 * the first activation of req.act, computed at 128 bits by api::inal, Walsh-diagonal route).
 * Errors: as inal_monte_carlo and api::inal (a law outside the diagonal route's domain).
 */
InalMcCheck inal_mc_check(const InalMcRequest& req, const std::optional<Value>& exact = std::nullopt, double max_z = 4);

// ---------------------------------------------------------------------------------------------------------------------
// gdcert simulate noisy-gd.

/** The logged steps of one run: one contiguous vector per quantity, all of the same length. */
struct Trajectory {
  std::vector<double> step;         // the step index (exact: steps < 2^53)
  std::vector<double> loss;         // mean loss
  std::vector<double> correlation;  // E[fhat f]
  std::vector<double> accuracy;     // P(sign fhat = f)
  std::vector<double> param_norm;   // ||theta||_2
  std::size_t size() const { return step.size(); }
};

/** The Abbe-Sandon orbit bound for a noisy-GD budget (gamma T sqrt(P) A / sigma) CP_{B_n}(Orb f)^(1/4). */
struct OrbitBound {
  Result cp;         // CP_{B_n}(Orb f), exact (cp.bn_closed)
  Result advantage;  // the bound on P(success) - 1/2 (noisy_gd.orbit), exact or a ball
};

/** One noisy-GD run. */
struct NoisyGdRun {
  /** target (canonical), net, init, bias, loss, gradient, data, steps, lr, noise, clip, scalar, [batch], seed. */
  Params parameters;
  std::string canonical;
  unsigned n = 0;
  std::uint64_t seed = 0;
  std::uint64_t parameter_count = 0;  // P
  std::string metrics_on;             // "cube (exact average over 2^n points)" or "fixed sample of N points"
  std::string scalar;                 // "double" | "mpfr"
  unsigned digits = 0;                // mpfr: decimal digits
  std::string gemm_kernel;            // the double GEMM's instruction set (informative)
  Trajectory trajectory;
  Result final_correlation, final_accuracy, advantage;  // last logged step; advantage = accuracy - 1/2 (float)
  std::optional<InalMonteCarlo> inal_mc;                // with req.inal_inits > 0
  /**
   * Present when the theorem's setting holds: noise > 0, a finite clip, cube data, a Boolean target and a
   * sign-symmetric i.i.d. weight law (the simulator is then B_n-equivariant). Balls at 64 bits.
   */
  std::optional<OrbitBound> orbit_bound;
  std::vector<std::string> plot_formats;  // req.plot_formats validated: png | svg | pdf ("none" and "" dropped)
};

/**
 * Runs noisy GD as req states it. Errors: input_error (malformed options, --scalar not double|mpfr, --plot-format
 * not png|svg|pdf|none, --lr/--noise < 0, --clip <= 0), resource_error (population gradient beyond
 * max_population_n; --inal-mc with n > 20), domain_error (NaN/Inf, naming the step).
 */
NoisyGdRun noisy_gd(const NoisyGdRequest& req);

// ---------------------------------------------------------------------------------------------------------------------
// Repeated runs (the sim.noisy_gd_* quantities) and the bound check.

/** `runs` independent runs of one configuration, seeds derive_seed(seed, r); the last step of each is kept. */
struct NoisyGdRunsRequest {
  std::string spec, net = "16", act = "relu", init = "gaussian", bias = "none", sign0 = "1";
  std::string loss = "square", grad = "population";
  std::string lr = "1/10", noise = "0", clip = "inf";
  std::uint64_t batch = 1024, steps = 100, runs = 4, seed = 1;
  unsigned threads = 1;
};

struct NoisyGdRuns {
  Params parameters;  // spec (canonical), net, act, init, bias, loss, gradient, steps, lr, noise, clip, runs, seed
  std::uint64_t parameter_count = 0;
  std::vector<double> final_advantage, final_correlation;  // per run
  /** Means over the runs, float with standard error (sample standard deviation / sqrt(runs)) and samples = runs. */
  Result advantage, correlation;  // noisy_gd.model
};

/** Errors: input_error (runs < 2, malformed options), and the simulator's errors. */
NoisyGdRuns noisy_gd_runs(const NoisyGdRunsRequest& req);

/**
 * The orbit bound for req's budget (gamma = lr, T = steps, P of the net, A = clip, sigma = noise), the advantage
 * multiplied by `scale` (a weakened bound for tests: scale < 1). Balls at prec bits.
 * Errors: domain_error unless noise > 0 and the clip is finite.
 */
OrbitBound noisy_gd_orbit_bound(const NoisyGdRunsRequest& req, const Rational& scale = Rational(1), long prec = 128);

/** The measured advantage of noisy GD against the orbit bound: a simulator run never beats a valid lower bound. */
struct NoisyGdBoundCheck {
  Params parameters;  // as NoisyGdRuns, plus scale and z
  Result measured;    // NoisyGdRuns::advantage (mean +/- standard error over the runs)
  Result upper;       // mean + z standard errors: the one-sided upper confidence limit of the expected advantage
  Result lower;       // mean - z standard errors
  OrbitBound bound;   // with the scale applied
  /**
   * yes: the upper limit is <= every point of the bound's ball (the runs confirm advantage <= bound at z standard
   * errors); no: the lower limit is > every point (the runs contradict the bound); undecided otherwise (too few runs
   * to tell, e.g. a bound below the noise of the estimate).
   */
  Verdict verdict = Verdict::undecided;
};

/** The runs of req against the orbit bound for the same budget (times scale), decided at z standard errors (z > 0). */
/** mean - z se and mean + z se of a float estimate with its standard error: two-sided confidence limits. */
struct ConfidenceLimits {
  Value lower, upper;
};

/**
 * The confidence limits of `estimate` (a float Value carrying its standard error; none = 0) at z standard errors.
 * Precondition: 0 < z <= 100 and finite, else input_error "<what>: requires 0 < z <= 100, got z".
 */
ConfidenceLimits confidence_limits(const Value& estimate, double z, std::string_view what);

/** Parses z for confidence_limits from text (a decimal); input_error naming `what` unless 0 < z <= 100. */
double parse_z(const std::string& text, std::string_view what);

NoisyGdBoundCheck noisy_gd_bound_check(const NoisyGdRunsRequest& req, const Rational& scale = Rational(1), long prec = 128,
                                       double z = 4);

// ---------------------------------------------------------------------------------------------------------------------
// gdcert simulate depth-separation.

/** One trained network: a (d, arch, width, iterations, seed) point. */
struct DepthSeparationRow {
  long d = 0, width = 0, iterations = 0, seed_index = 0;  // seed_index s: the run's seed is derive_seed(seed, s)
  std::string arch;                                        // n1 | n2
  Result r;             // the target radius used (float)
  Result inside_rate;   // P(|x| <= r) on the test set (float)
  Result train_mse;     // (float)
  Result test_mse;      // mean over the test set, float with standard error and samples = n_test
  Result constant_mse;  // p(1 - p), the best constant predictor (float)
  std::optional<Result> floor;  // N1 only: c/(4 N^2) with c = 1, N the ES16 shell count of d (ds.accuracy_floor)
};

/** The plot data: mean test MSE over the seeds against the width, one series per (d, arch, iterations). */
struct DepthSeparationSeries {
  std::string arch;
  long d = 0, iterations = 0;
  std::vector<double> width, mean, standard_error;  // standard error of the mean over seeds and test points
};

struct DepthSeparationRun {
  Params parameters;  // law, N1 activation, n_train, n_test, r, dims, widths, archs, iterations, seeds, seed
  std::vector<long> dims, widths, iterations;  // resolved (req.full: the full sweep)
  std::vector<std::string> archs;
  long seeds = 1;
  std::string law, activation;
  std::vector<DepthSeparationRow> rows;  // d, arch, iterations, width, seed in that nesting order
  std::vector<DepthSeparationSeries> series;
};

/**
 * Trains and evaluates every configuration (req.full replaces dims, widths, iterations and seeds by the full sweep).
 * Errors: input_error (seeds outside 1..1000, an unknown law), and run_depth_separation's errors.
 */
DepthSeparationRun simulate_depth_separation(const SimulateDepthRequest& req, std::uint64_t seed);

}  // namespace gdcert::api
