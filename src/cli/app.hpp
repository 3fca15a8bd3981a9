// The gdcert command: one verb per file, all sharing the options of common.hpp.
#pragma once
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "alignment/inal.hpp"
#include "report/plot.hpp"
#include "report/table.hpp"

namespace gdcert::cli {

/** What a verb needs from the process: the command line, the output streams, and where to put its action. */
struct Context {
  std::string command_line;
  std::ostream* out;
  std::ostream* err;
  std::function<int()> action;  // set by the chosen verb's parse callback
};

void add_walsh(CLI::App& app, Context& ctx);
void add_check(CLI::App& app, Context& ctx);
void add_report(CLI::App& app, Context& ctx);
void add_inal(CLI::App& app, Context& ctx);
void add_cp(CLI::App& app, Context& ctx);
void add_msp(CLI::App& app, Context& ctx);
void add_kernel(CLI::App& app, Context& ctx);
/** The `simulate` parent subcommand: created on the first call, the same object afterwards (shared by its children). */
CLI::App* simulate_command(CLI::App& app);
/** gdcert simulate noisy-gd. */
void add_simulate_noisy_gd(CLI::App& app, Context& ctx);
/** gdcert bound: list and evaluate the registered bounds. */
void add_bound(CLI::App& app, Context& ctx);
/** The bound document: the list, or one bound evaluated (comma-list parameters tabulate). */
report::Document bound_document(bool list, const std::string& id, const std::vector<std::string>& params, long prec);
void add_sweep(CLI::App& app, Context& ctx);
void add_merge(CLI::App& app, Context& ctx);
void add_radial(CLI::App& app, Context& ctx);
void add_simulate_depth(CLI::App& app, Context& ctx);
/** Adds the depth-separation experiment options and action to an existing subcommand (e.g. `simulate depth-separation`). */
void add_simulate_depth_separation(CLI::App& simulate, Context& ctx);

/** Builds the walsh document for a spec (also used by `gdcert report`). `what` selects tables. */
struct WalshRequest {
  std::string spec;
  bool coeffs = false, levels = false, influences = false, degree = false;
  std::vector<std::string> stability;  // rho values
  std::vector<std::string> coeff_sets; // --coeff S
  std::uint64_t seed = 0;
  unsigned threads = 0;
};
report::Document walsh_document(const WalshRequest& req);

/** Parses level weights "W0,W1,..." with "Q*count" repetition (e.g. "0*50,1"); input_error if malformed or negative. */
std::vector<Rational> parse_level_weights(const std::string& text);

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
report::Document inal_document(const InalRequest& req);

/** Walsh eigenvalues of a first-layer neuron by the route its law allows (diagonal-exact or diagonal-gaussian). */
alignment::NeuronSpectrum first_layer_spectrum(unsigned n, const std::string& act, const alignment::WeightLaw& w,
                                               const alignment::BiasLaw& b, int sign0, long prec);

/** gdcert cp: cross-predictability of a class, or orbit CP / alignment of a function under a group. */
struct CpRequest {
  std::string level_weights;  // instead of a spec: W_0..W_n (B_n statistics and the certificate)
  std::string spec, group = "all", klass, weights, certificate_init, certificate_act = "relu", certificate_bias = "none";
  std::string levels;  // J for the certificate, e.g. "0,1,2"
  unsigned n = 0;
  std::uint64_t seed = 0;
  long prec = 128;
};
report::Document cp_document(const CpRequest& req);

/** gdcert msp: merged-staircase property and leap of a spec's support or an explicit support. */
report::Document msp_document(const std::string& spec, const std::string& support, std::uint64_t seed);
/** What `gdcert kernel` computes (strings are parsed as exact rationals). */
struct KernelRequest {
  std::string activation;
  std::vector<std::string> rho;     // --rho (repeatable)
  std::string var, cov;             // --var, --cov ("" = not given)
  std::string weight_var, bias_var; // --weight-var, --bias-var (first-layer form)
  std::optional<unsigned> series;   // --series L
  std::optional<long> digits;       // --digits D (Ziv loop) instead of --prec
};
/** Builds the kernel document (tables "second_moment" and "series"); prec is --prec when digits is unset. */
report::Document kernel_document(const KernelRequest& req, long prec);

/** The long option names ("--json", ...) of a verb, or nullopt when gdcert has no such verb. */
std::optional<std::vector<std::string>> verb_options(const std::string& verb);
/** What `gdcert radial` computes. */
struct RadialRequest {
  long d = 0;
  bool table = false, normalisation = false;
  long d_min = 2, d_max = 100;
  std::string rho = "37/100";
  std::vector<std::string> tails;  // radii of P(|x| > rho)
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
/** Builds the experiment's table; with plot_out, also the test-MSE-against-width plot (not written). */
report::Document simulate_depth_document(SimulateDepthRequest req, std::uint64_t seed, report::Plot* plot_out = nullptr);

/** Builds the radial document (table "constants" for one d, or "constants_by_d" with table = true). */
report::Document radial_document(const RadialRequest& req, long prec);

/**
 * Runs the gdcert command line. Returns the exit code: 0 ok, 1 check failures, 2 usage, 3 input, 4 domain,
 * 5 precision, 6 overflow, 7 resource, 70 internal. Errors are printed to err as one line "gdcert: error: ...".
 */
int run(int argc, char** argv, std::ostream& out, std::ostream& err);

/** The text of `gdcert --version`. */
std::string version_text();

}  // namespace gdcert::cli
