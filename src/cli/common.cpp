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

report::NumberFormat CommonOptions::number_format(bool for_latex) const {
  report::NumberFormat o;
  o.digits = report::parse_digits(digits);
  o.unc_digits = latex_uncertainty_digits;
  if (!for_latex) return o;
  if (latex_ball_digits > 0) o.digits = latex_ball_digits;
  if (latex_decimal) {
    o.fractions = false;
    if (latex_rationals == "frac") o.digits = 12;
  }
  if (latex_rationals != "frac") report::parse_latex_rationals(latex_rationals, o);
  return o;
}

void apply_labels(report::Document& doc, const CommonOptions& opt) {
  auto apply = [&doc](const std::vector<std::string>& items, const char* option, auto set) {
    for (const std::string& item : items) {
      // "TABLE=TEXT" names a table when TABLE is one of the document's tables; otherwise the whole text is meant
      // for the document's only table.
      const auto eq = item.find('=');
      report::Table* target = nullptr;
      std::string text = item;
      if (eq != std::string::npos)
        for (auto& t : doc.tables)
          if (t.name == item.substr(0, eq)) target = &t, text = item.substr(eq + 1);
      if (!target) {
        if (doc.tables.size() != 1) {
          std::string names;
          for (const auto& t : doc.tables) names += (names.empty() ? "" : ", ") + t.name;
          throw usage_error(std::string(option) + ": this output has " + std::to_string(doc.tables.size()) +
                            " tables; name one as TABLE=TEXT (tables: " + names + "), got \"" + item + "\"");
        }
        target = &doc.tables[0];
      }
      set(*target, text);
    }
  };
  apply(opt.labels, "--label", [](report::Table& t, const std::string& v) {
    if (v.empty() || v.find_first_of("{}\\%#$ ") != std::string::npos)
      throw usage_error("--label: requires a LaTeX label without spaces, braces, %, #, $ or backslash, got \"" + v + "\"");
    t.label = v;
  });
  apply(opt.captions, "--caption", [](report::Table& t, const std::string& v) {
    t.caption = v;
    t.caption_latex.clear();
  });
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
  // A verb with its own --digits (kernel: digits shown and certified) keeps it; --show-digits always sets the digits shown.
  const bool own_digits = app.get_option_no_throw("--digits") != nullptr;
  app.add_option(own_digits ? "--show-digits" : "--digits,--show-digits", opt.digits,
                 "significant figures of the numbers shown (text, Markdown, LaTeX, CSV display columns), or \"full\"; "
                 "JSON always has full precision")
      ->capture_default_str();
  app.add_option("--latex-digits", opt.latex_ball_digits, "LaTeX: significant figures (overrides --digits for --latex)")
      ->check(integer_range("--latex-digits", 1, 1000));
  app.add_option("--latex-unc-digits,--unc-digits", opt.latex_uncertainty_digits,
                 "digits of uncertainty in 1.234(56) notation (rounded up)")
      ->capture_default_str()->check(integer_range("--latex-unc-digits", 1, 9));
  app.add_option("--label", opt.labels, "LaTeX label of the table (TABLE=LABEL when the output has several tables)");
  app.add_option("--caption", opt.captions, "caption of the table (TABLE=TEXT when the output has several tables)");
  app.add_option("--csv-dir", opt.csv_dir, "also write one CSV per table into DIR (DIR/<table>.csv)");
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

void check_integer_value(const std::string& option, std::string& value, bool is_signed) {
  const std::string shown = "got " + (value.empty() ? std::string("\"\"") : one_line(value));
  const std::string kind = is_signed ? "an integer" : "a non-negative integer";
  const auto first = value.find_first_not_of(" \t");
  const auto last = value.find_last_not_of(" \t");
  const std::string d = first == std::string::npos ? std::string() : value.substr(first, last - first + 1);
  if (!is_signed && !d.empty() && d[0] == '-') throw input_error(option + ": requires a non-negative integer, " + shown);
  const bool neg = !d.empty() && d[0] == '-';
  const std::string body = !d.empty() && (d[0] == '-' || d[0] == '+') ? d.substr(1) : d;
  // Decimal digits only: CLI11 reads in base 0 (0x.. hex, a leading 0 octal: "010" would be 8) and reads "" as 0.
  if (body.empty() || !std::all_of(body.begin(), body.end(), [](char c) { return c >= '0' && c <= '9'; }))
    throw usage_error(option + ": requires " + kind + " in decimal digits, " + shown);
  if (body.size() > 1 && body[0] == '0')
    throw usage_error(option + ": requires " + kind + " without leading zeros (decimal; CLI11 would read octal), " + shown);
  errno = 0;
  if (is_signed) {
    (void)std::strtoll(d.c_str(), nullptr, 10);
    if (errno == ERANGE)
      throw input_error(option + ": requires an integer from -9223372036854775808 to 9223372036854775807, " + shown);
  } else {
    (void)std::strtoull(body.c_str(), nullptr, 10);
    if (errno == ERANGE)
      throw input_error(option + ": requires a non-negative integer at most 18446744073709551615, " + shown);
  }
  value = (neg ? "-" : "") + body;  // what CLI11 then converts: plain decimal, no sign '+', no blanks
}

CLI::Validator integer_range(const std::string& option, long long lo, long long hi) {
  return CLI::Validator(
      [option, lo, hi](std::string& v) {
        const auto first = v.find_first_not_of(" \t");
        if (first == std::string::npos) return std::string();
        const char* begin = v.c_str() + first;
        char* end = nullptr;
        errno = 0;
        const long long x = std::strtoll(begin, &end, 10);
        if (end == begin || v.find_first_not_of(" \t", static_cast<std::size_t>(end - v.c_str())) != std::string::npos)
          return std::string();  // not a decimal integer: check_integer_value says so
        if (errno == ERANGE || x < lo || x > hi)
          throw input_error(option + ": requires an integer from " + std::to_string(lo) + " to " + std::to_string(hi) +
                            ", got " + one_line(v));
        return std::string();
      },
      "INT in [" + std::to_string(lo) + " - " + std::to_string(hi) + "]", "");
}

void guard_integer_options(CLI::App& app) {
  for (CLI::Option* o : app.get_options()) {
    const std::string type = o->get_type_name();
    const bool is_unsigned = type.rfind("UINT", 0) == 0, is_signed = type.rfind("INT", 0) == 0;
    if (!is_unsigned && !is_signed) continue;
    const std::string name = o->get_name();
    o->check(CLI::Validator(
        [name, is_signed](std::string& v) {
          check_integer_value(name, v, is_signed);
          return std::string();
        },
        "", ""));
  }
  for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) guard_integer_options(*sub);
}

std::string one_line(const std::string& text) {
  std::string s;
  s.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    // Unicode bidirectional controls (U+061C, U+200E/F, U+202A-U+202E, U+2066-U+2069) reorder what a terminal
    // shows: escaped as \uXXXX, like the ASCII controls below
    const auto b1 = i + 1 < text.size() ? static_cast<unsigned char>(text[i + 1]) : 0u;
    const auto b2 = i + 2 < text.size() ? static_cast<unsigned char>(text[i + 2]) : 0u;
    unsigned bidi = 0;
    if (c == 0xD8 && b1 == 0x9C) bidi = 0x061C;
    else if (c == 0xE2 && b1 == 0x80 && (b2 == 0x8E || b2 == 0x8F || (b2 >= 0xAA && b2 <= 0xAE))) bidi = 0x2000 + (b2 - 0x80);
    else if (c == 0xE2 && b1 == 0x81 && b2 >= 0xA6 && b2 <= 0xA9) bidi = 0x2040 + (b2 - 0x80);
    if (bidi != 0) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", bidi);
      s += buf;
      i += bidi == 0x061C ? 1 : 2;
      continue;
    }
    const char ch = text[i];
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

void emit(const report::Document& given, const CommonOptions& opt, std::ostream& out) {
  const auto fmt = opt.format();
  const auto registry = api::all_formulas();
  report::Document doc = given;
  apply_labels(doc, opt);
  const report::NumberFormat nf = opt.number_format(fmt == report::Format::latex);
  namespace fs = std::filesystem;
  const bool out_is_dir = fmt == report::Format::csv && !opt.out.empty() && opt.out != "-" &&
                          (opt.out.back() == '/' || fs::is_directory(opt.out));
  const std::string csv_dir = !opt.csv_dir.empty() ? opt.csv_dir : out_is_dir ? opt.out : "";
  if (!csv_dir.empty())
    for (const auto& t : doc.tables)
      report::write_file_atomically((fs::path(csv_dir) / (t.name + ".csv")).string(), report::to_csv_table(t, nf));
  if (out_is_dir) return;
  if (!opt.csv_dir.empty() && fmt == report::Format::text && opt.out.empty()) return;  // only the CSV files asked
  const std::string text = report::render(doc, fmt, registry, nf);
  if (opt.out.empty() || opt.out == "-") out << text;  // "-" is standard output
  else report::write_file_atomically(opt.out, text);
}

}  // namespace gdcert::cli
