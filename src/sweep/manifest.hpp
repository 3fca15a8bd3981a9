// Sweep manifests: a TOML file declaring a grid (cartesian product of lists) or an explicit list of parameter
// points for one gdcert verb, and the command line each point resolves to.
#pragma once
#include <cstdint>
#include <functional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace gdcert::sweep {

/** One parameter value as written in the manifest (string, integer, float or boolean), kept as JSON. */
using Param = nlohmann::ordered_json;

/** A parameter point: its id (index in the manifest's point order) and its values by axis name. */
struct Point {
  std::uint64_t id = 0;
  std::vector<std::pair<std::string, Param>> params;  // axis order
};

/**
 * A parsed manifest. Format (see README "Sweeps"):
 *     verb = "inal"                     # any gdcert verb except sweep/merge
 *     seed = 42                         # master seed; point i gets derive_seed(seed, i)
 *     args = ["majority:n={n}"]         # argument templates in order ({axis} substituted)
 *     [options]                         # fixed options --key value (true = flag, false = omitted)
 *     init = "rademacher"
 *     [grid]                            # cartesian product: the last axis varies fastest
 *     n = [3, 5, 7]
 *     act = ["relu", "sign"]
 *     order = ["n", "act"]              # optional axis order (default: alphabetical, as TOML tables are)
 * or, instead of [grid], an explicit list:  [[points]]  n = 3  act = "relu"
 * An axis that no template mentions becomes the option --<axis> <value>.
 * Instead of a verb, `quantity = "<name>"` sweeps one quantity of the library's registry (gdcert check --list):
 * no args; [options] and the axes are its parameters (string options may use {axis} templates); the record holds
 * the values with their provenance, evaluated through api::evaluate (no command line involved).
 */
struct Manifest {
  std::string path;
  std::string verb;      // "" for a quantity sweep
  std::string quantity;  // "" for a verb sweep
  std::uint64_t seed = 0;
  std::vector<std::string> args;                               // templates
  std::vector<std::pair<std::string, Param>> options;          // fixed options, manifest order
  std::vector<std::string> axes;                               // axis names, in point order
  std::vector<Point> points;
  std::string fingerprint;                                     // 16 hex digits of FNV-1a over the file's bytes

  /** The verb's argument vector for a point (without the program name), before --json/--seed are added. */
  std::vector<std::string> argv(const Point& p) const;
  /** A quantity sweep's parameters for a point: options (templates substituted), then the axes no template uses. */
  std::vector<std::pair<std::string, std::string>> parameters(const Point& p) const;
};

/**
 * Reads and validates a manifest.
 * Precondition: the file exists and is valid TOML with the keys above, every list non-empty, every {name} in a
 *               template a declared axis, explicit points all with the same axes; else input_error naming the file,
 *               the key and (for TOML syntax) the line. More than 10^7 points: resource_error.
 */
Manifest read_manifest(const std::string& path);

/** read_manifest on text already read (`path` names it in messages and in Manifest::path). */
Manifest parse_manifest(const std::string& text, const std::string& path);

/** The text of a parameter value as substituted into a command line (strings verbatim, numbers as written). */
std::string param_text(const Param& p);

}  // namespace gdcert::sweep
