#include "cli/common.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <ostream>

#include "api/formulas.hpp"
#include "api/precision.hpp"
#include "exact/errors.hpp"
#include "report/output.hpp"

namespace gdcert::cli {

report::Format CommonOptions::format() const {
  const int count = json + csv + md + latex + jsonl;
  if (count > 1) throw usage_error("output: requires at most one of --json, --jsonl, --csv, --md, --latex, got " + std::to_string(count));
  if (json) return report::Format::json;
  if (jsonl) return report::Format::jsonl;
  if (csv) return report::Format::csv;
  if (md) return report::Format::markdown;
  if (latex) return report::Format::latex;
  return report::Format::text;
}

report::LatexOptions CommonOptions::latex_options() const {
  report::LatexOptions o;
  if (latex_decimal) {
    o.exact_as_decimal = true;
    o.decimal_digits = 12;
  }
  if (latex_rationals != "frac" || !latex_decimal) report::parse_latex_rationals(latex_rationals, o);
  o.uncertainty_digits = latex_uncertainty_digits;
  o.ball_digits = latex_ball_digits;
  return o;
}

void add_common_options(CLI::App& app, CommonOptions& opt) {
  app.add_flag("--json", opt.json, "JSON output with provenance (exact values as \"p/q\" strings)");
  app.add_flag("--csv", opt.csv, "CSV output");
  app.add_flag("--md", opt.md, "Markdown output");
  app.add_flag("--latex", opt.latex, "LaTeX (booktabs) output");
  app.add_flag("--jsonl", opt.jsonl, "JSON Lines: one JSON object per table row (cells with formula id and tag)");
  app.add_flag("--latex-decimal", opt.latex_decimal, "LaTeX: exact rationals as 12-digit decimals (same as --latex-rationals decimal:12)");
  app.add_option("--latex-rationals", opt.latex_rationals,
                 "LaTeX: exact rationals as \\frac{p}{q} (frac) or rounded to N significant digits (decimal:N)")
      ->capture_default_str();
  app.add_option("--latex-digits", opt.latex_ball_digits, "LaTeX: at most this many significant digits of a ball's midpoint")
      ->capture_default_str()->check(CLI::Range(1, 1000));
  app.add_option("--latex-unc-digits", opt.latex_uncertainty_digits, "LaTeX: digits of uncertainty in 1.234(56) notation (rounded up)")
      ->capture_default_str()->check(CLI::Range(1, 9));
  app.add_option("--out", opt.out, "write to FILE (atomically) instead of stdout");
  app.add_option("--seed", opt.seed, "master seed for everything random")->capture_default_str();
  app.add_option("--prec", opt.prec, "working precision of balls, in bits")->capture_default_str()
      ->each([](const std::string& s) {
        // One range with one error class everywhere (api/precision.hpp): an input error, exit code 3.
        long bits = 0;
        try {
          bits = std::stol(s);
        } catch (const std::exception&) {
          throw input_error("--prec: requires an integer number of bits, got \"" + s + "\"");
        }
        api::check_prec(bits);
      });
  app.add_option("--threads", opt.threads, "threads (0 = all cores); results do not depend on it")->capture_default_str();
}

void check_unsigned_value(const std::string& option, const std::string& value) {
  const std::string shown = "got " + (value.empty() ? std::string("\"\"") : value);
  const auto first = value.find_first_not_of(" \t");
  if (first != std::string::npos && value[first] == '-')
    throw input_error(option + ": requires a non-negative integer, " + shown);
  // Decimal digits only (what CLI11 would read in base 0 otherwise: hex, octal): anything else is left to CLI11's
  // own conversion error (a usage error), except a number that does not fit in 64 bits.
  const auto last = value.find_last_not_of(" \t");
  if (first == std::string::npos) return;
  const std::string digits = value.substr(first, last - first + 1);
  if (!std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) return;
  errno = 0;
  (void)std::strtoull(digits.c_str(), nullptr, 10);
  if (errno == ERANGE) throw input_error(option + ": requires a non-negative integer at most 18446744073709551615, " + shown);
}

void guard_unsigned_options(CLI::App& app) {
  for (CLI::Option* o : app.get_options()) {
    if (o->get_type_name().rfind("UINT", 0) != 0) continue;
    const std::string name = o->get_name();
    o->check(CLI::Validator(
        [name](std::string& v) {
          check_unsigned_value(name, v);
          return std::string();
        },
        "", ""));
  }
  for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) guard_unsigned_options(*sub);
}

std::string one_line(const std::string& text) {
  std::string s;
  s.reserve(text.size());
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '\n') s += "\\n";
    else if (c == '\r') s += "\\r";
    else if (c == '\t') s += "\\t";
    else if (c < 0x20 || c == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      s += buf;
    } else s += ch;
  }
  return s;
}

std::string joined_command_line(int argc, char** argv) {
  std::string s;
  for (int i = 0; i < argc; ++i) {
    std::string a = argv[i];
    if (a.find_first_of(" \t\"'") != std::string::npos) a = "'" + a + "'";
    s += (i ? " " : "") + a;
  }
  return s;
}

void emit(const report::Document& doc, const CommonOptions& opt, std::ostream& out) {
  const auto fmt = opt.format();
  const auto registry = api::all_formulas();
  const std::string text = report::render(doc, fmt, registry, fmt == report::Format::latex ? opt.latex_options() : report::LatexOptions{});
  if (opt.out.empty() || opt.out == "-") out << text;  // "-" is standard output
  else report::write_file_atomically(opt.out, text);
}

}  // namespace gdcert::cli
