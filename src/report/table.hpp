// One table model, many writers: readable text, JSON, CSV, Markdown, LaTeX (booktabs).
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "exact/formula.hpp"
#include "exact/value.hpp"

namespace gdcert::report {

/** A cell: text, an integer (counts, indices) or a Value (exact | ball | float). */
using Cell = std::variant<std::string, long long, Value>;

struct Column {
  std::string name;
  std::string unit;        // "" when dimensionless
  std::string formula_id;  // provenance of the column's values ("" for labels)
};

struct Table {
  std::string name;     // machine name, e.g. "level_weights"
  std::string caption;  // one line for humans
  std::vector<Column> columns;
  std::vector<std::vector<Cell>> rows;
  std::vector<std::string> notes;
};

/** Everything one command prints: provenance plus tables. */
struct Document {
  std::string verb;
  std::string command_line;
  std::vector<std::pair<std::string, std::string>> parameters;  // resolved parameters
  std::optional<std::uint64_t> seed;
  std::optional<long> prec;
  std::vector<Table> tables;
};

enum class Format { text, json, csv, markdown, latex };

/** Options for LaTeX: exact rationals as \frac{p}{q} (default) or as decimals with `decimal_digits` digits. */
struct LatexOptions {
  bool exact_as_decimal = false;
  int decimal_digits = 10;
};

/** The formulas a document cites (from every column's formula id), looked up in `registry`. */
std::vector<const Formula*> cited_formulas(const Document& doc, std::span<const Formula> registry);

std::string to_text(const Document& doc, std::span<const Formula> registry);
std::string to_json(const Document& doc, std::span<const Formula> registry);
std::string to_csv(const Document& doc);
std::string to_markdown(const Document& doc, std::span<const Formula> registry);
std::string to_latex(const Document& doc, std::span<const Formula> registry, const LatexOptions& opt = {});
std::string render(const Document& doc, Format f, std::span<const Formula> registry);

/** Cell text as used by text/CSV/Markdown writers. */
std::string cell_text(const Cell& c);

/** The registry of every formula gdcert implements (all modules). */
std::span<const Formula> all_formulas();

}  // namespace gdcert::report
