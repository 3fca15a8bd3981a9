// One table model, many writers: readable text, JSON, JSONL (one object per row), CSV, Markdown, LaTeX
// (booktabs, siunitx S columns with uncertainty notation, provenance footnotes).
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

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
  std::string label = {};  // LaTeX label; "" = "tab:<name>"
  /**
   * Optional per-cell provenance, same shape as rows (a shorter row or "" means "the column's formula_id").
   * Use it when one column mixes quantities (e.g. a quantity/value table).
   */
  std::vector<std::vector<std::string>> cell_formulas = {};
};

/** The formula id of cell (i, j): its own, else its column's ("" for labels). */
const std::string& formula_of(const Table& t, std::size_t i, std::size_t j);

/** Everything one command prints: provenance plus tables. */
struct Document {
  std::string verb;
  std::string command_line;
  std::vector<std::pair<std::string, std::string>> parameters;  // resolved parameters
  std::optional<std::uint64_t> seed;
  std::optional<long> prec;
  std::vector<Table> tables;
};

enum class Format { text, json, csv, markdown, latex, jsonl };

/**
 * Options for LaTeX: exact rationals as \frac{p}{q} (default) or as decimals rounded to `decimal_digits`
 * significant digits (stated in a table note); balls and floats with a standard error as siunitx uncertainty
 * notation "1.234(5)" with at most `uncertainty_digits` digits of uncertainty (rounded up) and at most
 * `ball_digits` significant digits of midpoint.
 */
struct LatexOptions {
  bool exact_as_decimal = false;
  int decimal_digits = 10;
  int uncertainty_digits = 2;
  int ball_digits = 10;
};

/** Parses --latex-rationals: "frac" or "decimal:N" (1 <= N <= 1000) into `opt` (input_error otherwise). */
void parse_latex_rationals(const std::string& text, LatexOptions& opt);

/** The LaTeX text of one cell in the table's column style (siunitx S cells, braced text, or math). */
std::string latex_cell(const Cell& c, const LatexOptions& opt);

/** The formulas a document cites (from every column's formula id), looked up in `registry`. */
std::vector<const Formula*> cited_formulas(const Document& doc, std::span<const Formula> registry);

/** Readable columns, notes, then every cited formula (id, statement, tag, source, proof). */
std::string to_text(const Document& doc, std::span<const Formula> registry);
/** The document with provenance: columns with unit, formula and tag; label; per-cell formulas; cited formulas. */
std::string to_json(const Document& doc, std::span<const Formula> registry);
/** Header "name [unit]" and cell texts (several tables: "# name" line before each, blank line between). */
std::string to_csv(const Document& doc);
/** Pipe tables, notes, cited formulas; reconstructed formulas marked with a dagger and a footnote. */
std::string to_markdown(const Document& doc, std::span<const Formula> registry);
/**
 * booktabs tables (no vertical rules) with caption and label; siunitx S columns (table-format fitted to the
 * numbers) for all-number columns; provenance letters on headers (and on rows whose cells cite another formula)
 * explained under the table; reconstructed formulas flagged with a dagger footnote. See LatexOptions.
 */
std::string to_latex(const Document& doc, std::span<const Formula> registry, const LatexOptions& opt = {});
/** One JSON object per table row: {"table", "row", <column>: cell...}; cells carry formula id and tag. */
std::string to_jsonl(const Document& doc, std::span<const Formula> registry);
std::string render(const Document& doc, Format f, std::span<const Formula> registry, const LatexOptions& latex = {});

/** The JSON of one value: {"kind", "value"} plus mid/rad/prec/dump for balls, stderr/samples for floats. */
nlohmann::ordered_json value_json(const Value& v);

/** Cell text as used by text/CSV/Markdown writers. */
std::string cell_text(const Cell& c);

}  // namespace gdcert::report
