// `gdcert simulate width`: two-layer ReLU networks under coupled and independent initialization on the same data
// (src/sim/two_layer): f(x; W0), |H(0) - H^inf|_2 against m, GD on logistic and square loss, the least width reaching
// a target by bisection over widths with several seeds and log-log slopes against n, and the Hoeffding-width property
// test (the fraction of draws with some finite-width margin < gamma/2 at m = 16 ln(n/delta)/gamma^2).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "api/result.hpp"

namespace gdcert::api {

struct SimulateWidthRequest {
  std::string data = "sphere:n=8:d=5";
  std::string labels = "separable:u=1,0,0,0,0";
  std::vector<unsigned> widths = {16, 64, 256, 1024};
  unsigned seeds = 3;
  long steps = 200;
  double lr_logistic = 4, lr_square = 0.1;
  double target = 0;                  // least width: zero training error (target = 0) or logistic loss <= target
  std::vector<unsigned> ns = {4, 8, 16};
  std::vector<unsigned> gamma_seeds = {1, 2, 3, 4};  // data seeds of the slope against gamma (n = 8 sphere points)
  unsigned d = 5;
  unsigned max_width = 4096;
  unsigned hoeffding_draws = 200;
  unsigned witness_samples = 20000;  // Monte Carlo of the witness v(z) = sum q*_i y_i x_i 1[z.x_i > 0]
  std::string delta = "1/10";
  bool full = false;
  std::uint64_t seed = 0;
};

struct SimWidthInitRow { unsigned m; double f_coupled, f_independent; double dev_coupled, dev_coupled_se, dev_indep, dev_indep_se; };
struct SimWidthGdRow { std::string loss, init; unsigned m; double final_loss, final_loss_se, train_error; double reached; };
struct SimWidthLeastRow { unsigned n; double least_coupled, least_independent; };
struct SimWidthWitnessRow { std::size_t j; double exact, mc, mc_se; };
struct SimWidthGammaRow { unsigned seed; double gamma2_squared, least_coupled, least_independent; };
struct SimWidthSlope { std::string against, init; double slope, stderr_, ci_half; unsigned points; };

struct SimulateWidthRun {
  Params parameters;
  double lambda0 = 0;  // of the main data set (double, from the certified enclosure's midpoint)
  double gamma2_squared = 0;
  std::vector<SimWidthInitRow> init;
  std::vector<SimWidthGdRow> gd;
  std::vector<SimWidthLeastRow> least;
  std::vector<SimWidthGammaRow> least_gamma;
  std::vector<SimWidthWitnessRow> witness;  // margins of the witness: exact (D_y H D_y q*)_j vs Monte Carlo
  double witness_sup_norm = 0;              // max over the samples of |v(z)| (<= sum q* = 1)
  std::vector<SimWidthSlope> slopes;
  // Hoeffding property test
  unsigned hoeffding_m = 0, hoeffding_draws = 0, hoeffding_failures = 0;
  double hoeffding_delta = 0;
  bool pairs_opposite = false, pairs_separate = false;  // per-pair gradients at t = 0, and after one step
};

SimulateWidthRun simulate_width(const SimulateWidthRequest& req);

}  // namespace gdcert::api
