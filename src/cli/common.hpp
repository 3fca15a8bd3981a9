// Shared plumbing of the gdcert verbs: common options, output, exit codes.
#pragma once
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "report/table.hpp"

namespace gdcert::cli {

/** Options every verb shares. */
struct CommonOptions {
  bool json = false, csv = false, md = false, latex = false;
  std::string out;           // "" = stdout
  std::uint64_t seed = 0;    // master seed
  long prec = 128;           // bits, for balls
  unsigned threads = 0;      // 0 = all cores
  bool latex_decimal = false;
  bool jsonl = false;                   // --jsonl: one JSON object per table row
  std::string latex_rationals = "frac"; // --latex-rationals frac|decimal:N
  int latex_uncertainty_digits = 2;     // --latex-unc-digits
  int latex_ball_digits = 10;           // --latex-digits
  report::Format format() const;
  /** The LaTeX writer options from --latex-rationals / --latex-decimal / --latex-digits / --latex-unc-digits. */
  report::LatexOptions latex_options() const;
};

/** Adds --json --jsonl --csv --md --latex (and its options) --out --seed --prec --threads to a subcommand. */
void add_common_options(CLI::App& app, CommonOptions& opt);

/**
 * Writes the document in the chosen format to --out (atomically: a temporary file renamed into place, so a
 * failure never leaves a partial file) or to `out`.
 */
void emit(const report::Document& doc, const CommonOptions& opt, std::ostream& out);

/** Writes `text` to `path` atomically (temp file + rename); resource_error / input_error on failure. */
void write_file_atomically(const std::string& path, const std::string& text);

/** The whole command line as one string, for provenance. */
std::string joined_command_line(int argc, char** argv);

/** The fields of `text` between separators ("a,,b" gives a, "", b; "" gives one empty field). */
std::vector<std::string> split_list(const std::string& text, char sep = ',');

/** --sign0: 1 (or +1), 0 or -1; input_error otherwise. */
int parse_sign0(const std::string& s);

}  // namespace gdcert::cli
