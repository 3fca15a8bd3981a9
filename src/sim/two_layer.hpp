// Two-layer ReLU networks f(x; W) = (1/sqrt m) sum_r a_r relu(w_r.x) with the output layer a fixed, under coupled
// (w_{2r} = w_{2r+1} ~ N(0, I), a_{2r+1} = -a_{2r} ~ unif{±1}) or independent initialization, full-batch GD on W
// (square loss sum_i (f - y)^2/2 as in Du et al., or logistic loss (1/n) sum_i ln(1 + e^{-y f}) as in JT20), and the
// finite-width Gram matrix H(0). Double precision; the same seed gives bit-identical results.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace gdcert::sim {

struct TwoLayerNet {
  std::size_t m = 0, d = 0;
  std::vector<double> W;  // m x d, row r = w_r
  std::vector<double> a;  // m
};

/** Gaussian hidden weights, ±1 output weights; coupled pairs when `coupled` (m must be even: input_error). */
TwoLayerNet init_two_layer(std::size_t m, std::size_t d, bool coupled, std::uint64_t seed);

/** f(x; W); the sum runs over consecutive pairs first, so a coupled net at init returns exactly 0. */
double two_layer_output(const TwoLayerNet& net, const double* x);

/** H(0)_ij = x_i.x_j (1/m) sum_r 1{w_r.x_i >= 0} 1{w_r.x_j >= 0} (row-major n x n). X is n x d row-major. */
std::vector<double> finite_gram(const TwoLayerNet& net, const std::vector<double>& X, std::size_t n);

enum class TwoLayerLoss { square, logistic };
TwoLayerLoss parse_two_layer_loss(const std::string& text);

struct TwoLayerGd {
  std::vector<double> loss;     // loss before each step and after the last
  double final_loss = 0;
  double train_error = 0;       // fraction of i with y_i f(x_i) <= 0
  long steps_to_target = -1;    // first step at which loss <= target (-1: never)
};

/** Full-batch GD on W for `steps` steps (diverging losses stop the run with a domain_error). */
TwoLayerGd train_two_layer(TwoLayerNet& net, const std::vector<double>& X, const std::vector<double>& y, TwoLayerLoss loss,
                           double lr, long steps, double target);

/** The gradient of f(x_i) with respect to W at x: (1/sqrt m) a_r 1{w_r.x >= 0} x, row-major m x d. */
std::vector<double> two_layer_gradient(const TwoLayerNet& net, const double* x);

}  // namespace gdcert::sim
