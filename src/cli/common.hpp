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
 * The one check of every integer option's text (CLI11 type names INT and UINT, scalars and list elements):
 * a decimal integer, optionally signed (signed options only; '+' allowed), without leading zeros and within
 * 64 bits, else usage_error (exit 2: empty, "0x10", "010" which CLI11 would read as octal 8, "abc") or
 * input_error (exit 3: "--steps: requires a non-negative integer, got -1"; beyond 64 bits, which CLI11 would
 * wrap or saturate silently). Normalises `value` to plain decimal for CLI11's conversion.
 */
void check_integer_value(const std::string& option, std::string& value, bool is_signed);

/**
 * A range check for an integer option: a decimal value outside [lo, hi] is an input_error (exit 3, "--series:
 * requires an integer from 0 to 20000, got 30000"), like a value beyond the option's type; text that is not a
 * decimal integer is left to check_integer_value. Used instead of CLI::Range, whose refusal is a usage error.
 */
CLI::Validator integer_range(const std::string& option, long long lo, long long hi);

/**
 * Attaches check_integer_value to every integer option (CLI11 type names INT and UINT, scalars and lists) of
 * `app` and, recursively, of its subcommands. Called once on the whole command tree, so no verb can forget it.
 */
void guard_integer_options(CLI::App& app);

/** `text` with control characters escaped (\n, \r, \t, \xNN), so an error message is always one line. */
std::string one_line(const std::string& text);

/** The whole command line as one string, for provenance. */
std::string joined_command_line(int argc, char** argv);

}  // namespace gdcert::cli
