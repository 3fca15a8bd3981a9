// gdcert check: the claims runner behind the verb (src/cli/check.cpp), callable without building the command line
// (the claim-file fuzz harnesses call it directly).
#pragma once
#include <ostream>
#include <string>

namespace gdcert::cli {

/** The options of `gdcert check`. */
struct CheckOptions {
  std::string dir;        // a directory of *.toml claim files (recursive) or one file; empty: the project's own
  std::string filter;     // only claims whose id contains this text
  bool verbose = false;   // print every claim, with the values compared
  bool list = false;      // list the quantities instead of checking
  bool full = false;      // also the larger grids under full/
  bool json = false;      // one JSON document
  bool validate = false;  // validate every claim's structure, evaluate nothing
};

/**
 * Reads and validates every claim under o.dir, then (unless o.validate) evaluates them and prints the verdicts to
 * `out`. Returns 0 when all pass, exit_check_failed when some fail. Errors: input_error for a malformed file or claim
 * (nothing is evaluated then), usage_error when no DIR is given and the project's claims are not found.
 */
int run_check(CheckOptions o, std::ostream& out, const std::string& command_line);

}  // namespace gdcert::cli
