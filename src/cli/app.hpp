// The gdcert command: one verb per file, all sharing the options of common.hpp.
#pragma once
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "report/plot.hpp"
#include "report/table.hpp"
#include "report/views.hpp"
#include "sweep/runner.hpp"

namespace gdcert::cli {

using namespace ::gdcert::report;  // the verbs' documents (report/views.hpp)
using namespace ::gdcert::api;     // their requests (api/requests.hpp)

/** What a verb needs from the process: the command line, the output streams, and where to put its action. */
struct Context {
  std::string command_line;
  std::ostream* out;
  std::ostream* err;
  std::function<int()> action;  // set by the chosen verb's parse callback
};

void add_walsh(CLI::App& app, Context& ctx);
void add_sbox(CLI::App& app, Context& ctx);
void add_check(CLI::App& app, Context& ctx);
void add_report(CLI::App& app, Context& ctx);
void add_inal(CLI::App& app, Context& ctx);
void add_cp(CLI::App& app, Context& ctx);
void add_msp(CLI::App& app, Context& ctx);
void add_kernel(CLI::App& app, Context& ctx);
void add_kernel_deep(CLI::App& app, Context& ctx);
/** The `simulate` parent subcommand: created on the first call, the same object afterwards (shared by its children). */
CLI::App* simulate_command(CLI::App& app);
/** gdcert simulate noisy-gd. */
void add_simulate_noisy_gd(CLI::App& app, Context& ctx);
/** gdcert bound: list and evaluate the registered bounds. */
void add_bound(CLI::App& app, Context& ctx);
void add_sweep(CLI::App& app, Context& ctx);
void add_merge(CLI::App& app, Context& ctx);
void add_radial(CLI::App& app, Context& ctx);
/** gdcert width (paper 003): data, gram, lambda, margin, formulas, invert. */
void add_width(CLI::App& app, Context& ctx);
/** gdcert simulate width. */
void add_simulate_width(CLI::App& app, Context& ctx);
void add_simulate_depth(CLI::App& app, Context& ctx);
/** Adds the depth-separation experiment options and action to an existing subcommand (e.g. `simulate depth-separation`). */
void add_simulate_depth_separation(CLI::App& simulate, Context& ctx);
/** gdcert landscape (certify, generate, rank, assumption, theorem25, theorem22) and gdcert simulate landscape. */
void add_landscape(CLI::App& app, Context& ctx);
void add_simulate_landscape(CLI::App& app, Context& ctx);

/** The long option names ("--json", ...) of a verb, or nullopt when gdcert has no such verb. */
std::optional<std::vector<std::string>> verb_options(const std::string& verb);
/** One example of a command: its words after "gdcert", and whether the example test runs it (seconds, no file). */
struct VerbExample {
  std::string command;
  bool runs_in_tests = true;
};

/**
 * The examples every verb's --help ends with, by command path ("walsh", "width lambda"); the tests require one for
 * every (sub)command and run the quick ones, in order, in a scratch folder (an example may use the file an earlier
 * one wrote).
 */
const std::vector<std::pair<std::string, std::vector<VerbExample>>>& verb_examples();

/**
 * Runs the gdcert command line. Returns the exit code: 0 ok, 1 check failures, 2 usage, 3 input, 4 domain,
 * 5 precision, 6 overflow, 7 resource, 70 internal. Errors are printed to err as one line "gdcert: error: ...".
 */
int run(int argc, char** argv, std::ostream& out, std::ostream& err);

/** The sweep's access to the verbs: their options and an in-process run (cli::run with captured streams). */
sweep::VerbRunner verb_runner();

/** The text of `gdcert --version`. */
std::string version_text();

}  // namespace gdcert::cli
