// gdcert simulate: shared pieces (targets from specs, network options) and the noisy-gd request.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "report/plot.hpp"
#include "report/table.hpp"
#include "sim/noisy_gd.hpp"

namespace gdcert::cli {

/** A spec's truth table as doubles (2^n entries, table order). */
struct SimTarget {
  std::string canonical;
  unsigned n = 0;
  std::vector<double> table;
};
SimTarget sim_target(const std::string& spec, std::uint64_t seed);
/** f(sign(x)) read from the table. */
sim::TargetFn target_fn(const SimTarget& t);
/** --net widths, --act (one or one per layer), --bias (none = no biases), --sign0. */
sim::NetSpec net_spec(unsigned n, const std::string& widths, const std::string& acts, const std::string& bias,
                      const std::string& sign0);

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
report::Document noisy_gd_document(const NoisyGdRequest& req);

}  // namespace gdcert::cli
