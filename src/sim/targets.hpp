// Simulator targets and networks from the user's specs: a cube function's table as doubles, and the --net/--act/
// --bias/--sign0 description of a fully connected network.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "sim/noisy_gd.hpp"

namespace gdcert::sim {

/** A spec's truth table as doubles (2^n entries, table order). */
struct SimTarget {
  std::string canonical;
  unsigned n = 0;
  std::vector<double> table;
};
SimTarget sim_target(const std::string& spec, std::uint64_t seed);
/** f(sign(x)) read from the table. */
TargetFn target_fn(const SimTarget& t);
/** widths "W1,W2,...", activations (one or one per layer), bias ("none" = no biases), sign0. */
NetSpec net_spec(unsigned n, const std::string& widths, const std::string& acts, const std::string& bias,
                 const std::string& sign0);

}  // namespace gdcert::sim
