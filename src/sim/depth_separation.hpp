// Experiments on learning the ball indicator 1{||x|| <= r} with the two depth-2 architectures of the
// depth-separation results (double precision; a small full-batch GD trainer of our own, Eigen-based):
//   N1: x -> sum_i v_i act(<w_i, x> + b_i) + c, act = sigmoid or relu; every layer trained.
//   N2: x -> sigma(sum_i u_i sigma(<w_i, x> + b_i) + c); hidden layer random and fixed; (u, c) trained.
// Same config and seed => bit-identical results.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "radial/sampler.hpp"

namespace gdcert::sim {

struct DepthSeparationConfig {
  long d = 4;
  radial::DataLaw law = radial::DataLaw::radial;
  std::string arch = "n2";        // n1 | n2
  std::string activation = "sigmoid";  // N1 hidden activation: sigmoid | relu
  std::string n2_init = "coordinate";  // N2 features: coordinate (sigma(s a (x_c - t))) | gaussian
  std::optional<double> r;        // target radius (> 0); unset: the median of ||x|| over the training set
  long width = 32;
  long iterations = 500;
  double step = 0.5;              // GD step size
  double clip = 10;               // N1: gradient norm clip (heavy tails); 0 = none
  double n2_slope = 4;            // N2 feature slope a (in units of 1/r)
  std::size_t n_train = 2000, n_test = 4000;
  long mixture_k = 16;            // mixture: K + 1 radii in [alpha sqrt d, 2 alpha sqrt d], alpha = ES16 rule
  std::uint64_t seed = 1;
};

struct DepthSeparationResult {
  double r = 0;              // the target radius used
  double inside_rate = 0;    // fraction of test points with ||x|| <= r
  double train_mse = 0;
  double test_mse = 0, test_stderr = 0;  // mean squared error on the test set and its standard error
  double constant_mse = 0;   // test MSE of the best constant predictor (p(1 - p), p = inside rate)
  double train_seconds = 0;  // wall time (informative only; not part of the reproducible output)
};

/**
 * Samples train/test sets from cfg.law (seeds derived from cfg.seed), trains cfg.arch by full-batch GD and
 * evaluates the squared error on the test set.
 * Preconditions: d >= 1 (input_error), r > 0 when given (domain_error), width,
 * iterations, n_train, n_test >= 1 (input_error), step > 0 (domain_error).
 * Guarantee: statistical (floats); deterministic given the config.
 */
DepthSeparationResult run_depth_separation(const DepthSeparationConfig& cfg);

}  // namespace gdcert::sim
