// Noisy gradient descent on fully connected networks, exactly as the lower-bound theorems state it:
//
//     theta <- theta - lr * clip_A(grad L(theta)) + Z,   Z ~ N(0, noise^2 I_P),   clip_A = coordinatewise to [-A, A]
//
// (theory: inal-and-cross-predictability §8.1). The gradient is the population gradient (exact average over all
// 2^n cube points), a fresh batch per step, or a fixed sample; noise = 0 and clip = inf give plain GD / SGD.
// Templated on the scalar: double (fast path, Eigen GEMM) and an MPFR type (reference), same code.
// Randomness only from exact/rng.hpp (our generator and our Box-Muller transform): the same seed gives
// bit-identical trajectories across runs and thread counts (gradients are reduced over fixed chunks of inputs in
// a fixed order).
#pragma once
#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/multiprecision/mpfr.hpp>

#include "exact/rng.hpp"

namespace gdcert::sim {

/** The MPFR reference scalar (precision set with set_reference_digits10; default 50 digits). */
using Mp = boost::multiprecision::number<boost::multiprecision::mpfr_float_backend<0>, boost::multiprecision::et_off>;
void set_reference_digits10(unsigned digits10);

/** A standard normal draw by the Box-Muller transform on two uniforms of our generator (one draw per call). */
double standard_normal(Rng& rng);
/**
 * out[0..count) independent standard normals by the ziggurat method (128 layers; Marsaglia and Tsang 2000, Doornik
 * 2005), one generator call per draw in about 99% of draws: the simulator's per-step noise, about four times
 * faster than standard_normal.
 * Example: std::vector<double> z(1000); fill_standard_normal(rng, z.data(), z.size());
 */
void fill_standard_normal(Rng& rng, double* out, std::size_t count);

enum class Activation { relu, sign, sigmoid, tanh, erf, softplus, quadratic };
/** Precondition: a known name (relu, sign, sigmoid, tanh, erf, softplus, quadratic), else input_error listing them. */
Activation parse_activation(std::string_view text);
std::string_view to_string(Activation a);

/**
 * Initialisation law of every weight (all layers): w = (s/sqrt(fan_in)) u with u i.i.d.
 *   gaussian[:s2=Q]                      u ~ N(0,1)
 *   rademacher[:s2=Q]                    u = ±1
 *   finite:v1@p1,v2@p2,...[;s2=Q]        u from the finite law (as `gdcert inal --init`)
 *   rademacher+gaussian:tau2=Q[;s2=Q]    u = (r + tau g)/sqrt(1 + tau^2), r = ±1, g ~ N(0,1)
 *   coupled[:s2=Q]                       Gaussian, hidden neurons of the last hidden layer in pairs with identical
 *                                        incoming weights and biases and output weights (a, -a): output 0 at init
 */
struct InitLaw {
  enum class Kind { gaussian, rademacher, finite, rademacher_gaussian, coupled };
  Kind kind = Kind::gaussian;
  double s2 = 1;
  double tau2 = 0;
  std::vector<double> values, cumulative;  // finite law
  std::string name;
  double draw(Rng& rng) const;  // u
};
/** Precondition: well-formed law, else input_error with the grammar. */
InitLaw parse_init_law(std::string_view text);

/**
 * Bias law: none | gaussian:beta2=Q (absolute) | const:v | rademacher:v | finite:v@p,... (finite values in units of the
 * layer's pre-activation scale s/sqrt(fan_in), as `gdcert inal --bias`). The output neuron gets the same law.
 */
struct BiasInit {
  enum class Kind { none, gaussian, finite };
  Kind kind = Kind::none;
  double beta2 = 0;
  std::vector<double> values, cumulative;
  std::string name;
  double draw(Rng& rng, double scale) const;
};
BiasInit parse_bias_init(std::string_view text);

/** Network: n inputs, hidden widths (first layer first) with activations, one linear output neuron. */
struct NetSpec {
  unsigned n = 0;
  std::vector<unsigned> widths;
  std::vector<Activation> acts;  // one per hidden layer
  bool bias = false;
  int sign0 = 1;                 // sign(0)
  /**
   * sign(z) = sign0 for |z| <= sign_tie. Lattice inits (Rademacher weights ±s/sqrt(n), finite biases) put exact
   * ties z = 0 on the cube, which rounding of the sum moves to about ±1e-16; the tolerance recognises them so that
   * the simulator matches the exact INAL routes. 0 = exact comparison.
   */
  double sign_tie = 1e-12;
  /** Number of parameters P (weights and, with bias, biases of every layer including the output). */
  std::uint64_t parameters() const;
  std::string str() const;       // e.g. "20-64-1 relu"
};
/** Parses "64" or "64,32" hidden widths (1..65536 each, at most 16 layers). input_error otherwise. */
std::vector<unsigned> parse_widths(std::string_view text);

enum class Loss { square, correlation, hinge, logistic };
Loss parse_loss(std::string_view text);
std::string_view to_string(Loss l);

enum class DataKind { cube, gaussian, sphere };
DataKind parse_data(std::string_view text);

/** A target on R^n (cube points are ±1 vectors). */
using TargetFn = std::function<double(const double* x, unsigned n)>;
/** Draws one input x (length n) into x. */
using Sampler = std::function<void(Rng& rng, double* x, unsigned n)>;
/** The standard samplers: uniform cube, N(0, I), uniform on the sphere of radius sqrt(n). */
Sampler standard_sampler(DataKind kind);

enum class GradMode { population, batch, fixed };
GradMode parse_grad_mode(std::string_view text);

/** Everything one run needs. */
struct RunConfig {
  NetSpec net;
  InitLaw init;
  BiasInit bias;
  TargetFn target;
  DataKind data = DataKind::cube;
  Sampler sampler;                 // empty = standard_sampler(data)
  Loss loss = Loss::square;
  GradMode grad = GradMode::population;
  std::uint64_t batch = 1024;      // batch mode: fresh batch size; fixed mode: sample size
  std::uint64_t steps = 100;
  double lr = 0.1;
  double noise = 0;                // sigma
  double clip = std::numeric_limits<double>::infinity();  // A
  std::uint64_t seed = 0;
  unsigned threads = 1;            // 0 = all cores
  std::uint64_t log_every = 0;     // 0 = about 50 logged steps
  std::uint64_t eval_samples = 8192;  // metrics on a fixed sample when the cube is not enumerated
  unsigned max_population_n = 22;  // refuse the population gradient above (resource_error with the cost)
  unsigned max_eval_n = 16;        // cube data with n <= this: metrics exact over the whole cube
  /**
   * Population gradient with n >= 8: compute the first layer from the cube's product structure (same sums, regrouped;
   * about 20x fewer flops at n = 20). false = the generic blocked path (kept for tests and comparison).
   */
  bool cube_first_layer = true;
};

/** One logged step. Metrics are exact cube averages (n <= max_eval_n) or averages over the fixed eval sample. */
struct StepLog {
  std::uint64_t step = 0;
  double loss = 0;         // mean loss
  double correlation = 0;  // E[fhat f]
  double accuracy = 0;     // P(sign fhat = f), sign(0) = sign0
  double param_norm = 0;   // ||theta||_2
};

struct RunResult {
  std::vector<StepLog> log;
  std::vector<double> final_params;
  std::uint64_t parameters = 0;
  std::string metrics_on;  // "cube (exact average over 2^n points)" or "fixed sample of N points"
};

/**
 * Runs noisy GD in scalar S (double or Mp).
 * Errors: domain_error naming the step when a parameter or the loss becomes NaN/Inf; resource_error when the
 * population gradient is asked for beyond max_population_n (stating the inputs and flops per step);
 * input_error for inconsistent settings (population gradient on non-cube data, zero batch, ...).
 */
template <class S>
RunResult run_noisy_gd(const RunConfig& cfg);

/** Initial parameters of a run (the layout: per layer W (out x in, column-major) then b). Same draws as run_noisy_gd. */
std::vector<double> initial_parameters(const NetSpec& net, const InitLaw& init, const BiasInit& bias, std::uint64_t seed);

/**
 * Population loss E_x l(f_NN(x), f(x)) over all 2^n cube points (f given by its table) and, when grad is not null,
 * its gradient; computed in scalar S (double or Mp), returned as doubles. Single-threaded; n <= 20.
 */
template <class S>
double population_loss(const NetSpec& net, const std::vector<double>& theta, const std::vector<double>& f_table, Loss loss,
                       std::vector<double>* grad);

/** Monte-Carlo INAL at initialisation (theory inal §3). */
struct InalEstimate {
  std::vector<double> mean;     // per layer (hidden layers, then the output neuron): E[<f, NN^(v)>^2]
  std::vector<double> stderr_;  // standard error of the mean over the inits
  std::uint64_t inits = 0;
  unsigned best_layer = 0;      // layer of the largest mean (0-based)
};

/**
 * E_Theta <f, NN^(v)>^2 for the neurons of every layer, <.,.> an exact average over the cube, f given by its table
 * (values at the 2^n points in truth-table order), over R independent inits; per init the layer's neurons are
 * averaged (they are exchangeable), then mean and standard error over the R inits.
 * Deterministic for a seed, whatever the thread count. Precondition: n <= 20 (resource_error).
 */
InalEstimate inal_monte_carlo(const NetSpec& net, const InitLaw& init, const BiasInit& bias,
                              const std::vector<double>& f_table, std::uint64_t inits, std::uint64_t seed,
                              unsigned threads);

/** The cube point of table index i: x_j = (-1)^(bit j of i). */
void cube_point(std::uint64_t i, unsigned n, double* x);
/** The table index of sign(x) (x_j < 0 -> bit j set). */
std::uint64_t cube_index(const double* x, unsigned n);

}  // namespace gdcert::sim
