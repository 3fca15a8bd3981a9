// Shared plumbing of the gdcert verbs: common options, output, exit codes.
#pragma once
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "exact/text.hpp"
#include "report/output.hpp"
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
  int latex_ball_digits = 0;            // --latex-digits (0 = not given; else the same as --digits)
  std::string digits = "6";             // --digits N|full
  std::vector<std::string> labels;      // --label [TABLE=]LABEL
  std::vector<std::string> captions;    // --caption [TABLE=]TEXT
  std::string csv_dir;                  // --csv-dir DIR: one CSV per table
  report::Format format() const;
  /** How numbers are shown: --digits, --latex-unc-digits, and for LaTeX --latex-rationals / --latex-decimal / --latex-digits. */
  report::NumberFormat number_format(bool latex = false) const;
  report::LatexOptions latex_options() const { return number_format(true); }
};

/**
 * Sets the labels and captions of --label / --caption on `doc`: "LABEL" for a document of one table, "TABLE=LABEL"
 * for a named table (usage_error: several tables and no name, or an unknown table name).
 */
void apply_labels(report::Document& doc, const CommonOptions& opt);

/** Adds --json --jsonl --csv --md --latex (and its options) --digits --label --caption --csv-dir --out --seed --prec --threads. */
void add_common_options(CLI::App& app, CommonOptions& opt);

/**
 * Writes the document in the chosen format to --out (atomically: a temporary file renamed into place, so a
 * failure never leaves a partial file) or to `out`. With --csv-dir DIR (or --csv and --out naming a directory: an
 * existing one or a path ending in '/'), one CSV per table: DIR/<table>.csv.
 */
void emit(const report::Document& doc, const CommonOptions& opt, std::ostream& out);

using report::write_file_atomically;

/**
 * Throws input_error (exit 3) unless `value` is a non-negative decimal integer at most 2^64 - 1: the one check of
 * every unsigned integer option ("--steps: requires a non-negative integer, got -1"). CLI11 would otherwise wrap
 * "-1" to 2^64 - 1 and saturate a too large value silently.
 */
void check_unsigned_value(const std::string& option, const std::string& value);

/**
 * Attaches check_unsigned_value to every unsigned integer option (CLI11 type name UINT, scalars and lists) of `app`
 * and, recursively, of its subcommands. Called once on the whole command tree, so no verb can forget it.
 */
void guard_unsigned_options(CLI::App& app);

/** `text` with control characters escaped (\n, \r, \t, \xNN), so an error message is always one line. */
std::string one_line(const std::string& text);

/** The whole command line as one string, for provenance. */
std::string joined_command_line(int argc, char** argv);

}  // namespace gdcert::cli
