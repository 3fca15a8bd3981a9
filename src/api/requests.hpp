// The requests of the verbs: what a user asks for, as typed fields (strings hold exact rationals and specs, parsed
// by the entry points). The command line, the report, sweeps and the Python module fill these.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace gdcert::api {

/** What `gdcert walsh` computes for a spec. */
struct WalshRequest {
  std::string spec;
  bool coeffs = false, levels = false, influences = false, degree = false;
  std::vector<std::string> stability;  // rho values
  std::vector<std::string> coeff_sets; // --coeff S
  bool anf = false, criteria = false, autocorrelation = false, table = false;  // Boolean-function analysis
  std::vector<std::string> eval_points;  // --eval x: x_1..x_n as ±1 (comma list) or bits b_j = (1 - x_j)/2 ("0110")
  bool algebraic_immunity = false;       // --algebraic-immunity (with an annihilator as witness)
  std::vector<std::string> derivatives;  // --derivative u: D_u f for the set u (repeatable)
  std::string bias;                      // --bias p: p-biased analysis, p = Pr[x_i = -1] rational in (0, 1)
  bool zero_based = false;               // --zero-based: variables x0..x_{n-1} in sets read and printed
  std::uint64_t seed = 0;
  unsigned threads = 0;
};

/** gdcert inal: a target's INAL (or --profile: a neuron's expressivity profile). */
struct InalRequest {
  std::string spec;
  std::string act = "relu", init = "gaussian", bias = "none", net, route = "auto", max = "outside", sign0 = "1";
  bool normalised = false, profile = false;
  unsigned n = 0, K = 0;
  std::string c = "2";
  std::string level_weights;  // instead of a spec: W_0..W_n ("Q*count" repeats), diagonal route only
  std::uint64_t seed = 0;
  long prec = 128;
};

/** gdcert cp: cross-predictability of a class, or orbit CP / alignment of a function under a group. */
struct CpRequest {
  std::string level_weights;  // instead of a spec: W_0..W_n (B_n statistics and the certificate)
  std::string spec, group = "all", klass, weights, certificate_init, certificate_act = "relu", certificate_bias = "none";
  std::string levels;  // J for the certificate, e.g. "0,1,2"
  unsigned n = 0;
  std::uint64_t seed = 0;
  long prec = 128;
};

/** gdcert msp: the merged-staircase property and leap of a spec's Walsh support or of an explicit support. */
struct MspRequest {
  std::string spec;
  std::string support;  // instead of a spec: sets separated by ';', coordinates 1-based, e.g. "1;1,2;1,2,3"
  std::uint64_t seed = 0;
};

/** What `gdcert kernel` computes (strings are parsed as exact rationals). */
struct KernelRequest {
  std::string activation;
  std::vector<std::string> rho;     // --rho (repeatable)
  std::string var, cov;             // --var, --cov ("" = not given)
  std::string weight_var, bias_var; // --weight-var, --bias-var (first-layer form)
  std::optional<unsigned> series;   // --series L
  std::optional<long> digits;       // --digits D (Ziv loop) instead of --prec
  std::string q1, q2, c;            // --q1, --q2, --c: a general covariance [[q1, c], [c, q2]] ("" = not given)
};

/** What `gdcert radial` computes. */
struct RadialRequest {
  long d = 0;
  bool table = false, normalisation = false;
  long d_min = 2, d_max = 100;
  std::string rho = "37/100";
  std::vector<std::string> tails;  // radii of P(|x| > rho)
};

/** What `gdcert bound` evaluates: the list, or one bound with "key=value" parameters (comma lists tabulate). */
struct BoundRequest {
  bool list = false;
  std::string id;
  std::vector<std::string> params;
};

/** What `gdcert simulate depth-separation` runs (defaults: d = 4, widths 8 and 64, both architectures). */
struct SimulateDepthRequest {
  std::vector<long> dims{4};
  std::vector<long> widths{8, 64};
  std::vector<std::string> archs{"n1", "n2"};
  std::string law = "radial", activation = "sigmoid";
  std::vector<long> iterations{300};
  long seeds = 1;
  std::size_t n_train = 2000, n_test = 4000;
  double r = 0;  // 0 = median of |x|
  bool full = false;
  std::string plot;                  // stem; "" = no plot
  std::vector<std::string> formats;  // png | svg | pdf; empty = CSV only
};

/** What `gdcert simulate noisy-gd` runs. */

struct NoisyGdRequest {
  std::string target, net = "64", act = "relu", init = "gaussian", bias = "none", sign0 = "1";
  std::uint64_t steps = 100;
  std::string lr = "0.1", noise = "0", clip = "inf", loss = "square", grad = "population", data = "cube";
  std::uint64_t batch = 1024, log_every = 0, eval_samples = 8192, inal_inits = 0;
  unsigned max_population_n = 22, digits = 50, threads = 1;
  std::string scalar = "double";
  std::string plot, plot_formats = "png,svg";
  std::uint64_t seed = 0;
};

}  // namespace gdcert::api
