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
  /** The header in LaTeX (text mode, math in $...$); "" = latex_text(name), which typesets ASCII math as math. */
  std::string latex = {};
  /** The machine key of CSV headers and merged sweeps (snake_case); "" = machine_key(name). */
  std::string key = {};
};

struct Table {
  std::string name;     // machine name, e.g. "level_weights"
  std::string caption;  // one line for humans
  std::vector<Column> columns;
  std::vector<std::vector<Cell>> rows;
  std::vector<std::string> notes;
  std::string label = {};  // LaTeX label; "" = "tab:<name>"
  std::string caption_latex = {};  // the caption in LaTeX; "" = latex_text(caption)
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
 * How numbers are shown in text, Markdown, LaTeX and the display columns of CSV (JSON always keeps full precision
 * and exact "p/q" strings), as a paper prints them:
 *  - exact integers in full (up to 15 digits; longer ones rounded like decimals);
 *  - exact non-integers as the fraction p/q when |p| and q have at most `fraction_digits` digits (and `fractions`),
 *    else as a decimal with `digits` significant figures; a value that is not exactly that decimal is "rounded" and
 *    the table notes say so ("exact values rounded to N significant figures; JSON has them exactly");
 *  - balls as "m(u)": m +/- u units of m's last digit, u rounded UP so that the printed interval contains the ball;
 *    a ball whose radius (plus the rounding of m) is within one unit of the last of `digits` significant digits
 *    prints as m alone ("0.333333"), which the notes state as "within one unit of the last digit"; radius 0 prints
 *    as the exact midpoint;
 *  - floats as `digits` significant figures, with a standard error as "m(u)" (mean +/- one standard error);
 *  - `digits` == 0 (--digits full): every digit (fractions always p/q, balls down to their radius, floats in the
 *    shortest form that reads back to the same double).
 * One minus sign: "-" in text, the math minus in LaTeX (siunitx and math mode).
 */
struct NumberFormat {
  int digits = 6;           // significant figures; 0 = full precision
  int unc_digits = 2;       // at most this many digits of uncertainty in m(u)
  int fraction_digits = 6;  // p/q printed as a fraction when |p| and q have at most this many digits
  bool fractions = true;    // false: exact rationals always as decimals (--latex-rationals decimal:N)
};
/** The LaTeX writer takes the number format (kept under this name for the --latex-* options). */
using LatexOptions = NumberFormat;

/** Parses --digits: a count 1..1000 or "full" (0); input_error otherwise. */
int parse_digits(const std::string& text);

/**
 * Parses --latex-rationals: "frac" (fractions when short) or "decimal:N" (1 <= N <= 1000: exact rationals as decimals
 * with N significant figures) into `opt` (input_error otherwise).
 */
void parse_latex_rationals(const std::string& text, LatexOptions& opt);

/** A cell as displayed: its text, and what the table notes must say about it. */
struct DisplayedCell {
  enum class Kind { text, number, fraction } kind = Kind::text;
  std::string text;             // number: siunitx-readable ("-1.23(4)e-5"); fraction: "-p/q"; text: as given
  bool rounded_exact = false;   // an exact value shown rounded
  bool ball_uncertain = false;  // a ball shown as m(u) or within one unit of its last digit
  bool ball_within_unit = false;
  bool float_stderr = false;    // a float with its standard error
};
DisplayedCell display_cell(const Cell& c, const NumberFormat& f);

/** The notes a table's displayed numbers need (rounding rule, meaning of m(u)), in `f`'s terms. */
std::vector<std::string> number_notes(const Table& t, const NumberFormat& f);

/** The LaTeX text of one cell in the table's column style (siunitx \num, math, or text). */
std::string latex_cell(const Cell& c, const LatexOptions& opt);

/**
 * Plain ASCII text as LaTeX text mode with its math typeset as math: words such as W_k, fhat(S), E[f^2],
 * CP_{B_n}(...), Greek names (sigma, gamma, eps), sqrt(d), <=, ||.|| become $W_k$, $\hat{f}(S)$, $\mathrm{E}[f^{2}]$,
 * $\mathrm{CP}_{B_{n}}(...)$, ...; ordinary words stay text (escaped).
 */
std::string latex_text(const std::string& s);

/** A column name as a machine key: the part before " = " in snake_case ("INAL = max_v ..." -> "inal"). */
std::string machine_key(const std::string& name);
/** The machine keys of a table's columns (Column::key when set), made unique with _2, _3, ... */
std::vector<std::string> column_keys(const Table& t);

/** The formulas a document cites (from every column's formula id), looked up in `registry`. */
std::vector<const Formula*> cited_formulas(const Document& doc, std::span<const Formula> registry);

/** Readable columns, notes, then every cited formula (id, statement, tag, source, proof). */
std::string to_text(const Document& doc, std::span<const Formula> registry, const NumberFormat& f = {});
/** The document with provenance: columns with unit, formula and tag; label; per-cell formulas; cited formulas. */
std::string to_json(const Document& doc, std::span<const Formula> registry);
/**
 * CSV for pandas of one table: header of machine keys; a text/integer column as is; a value column as `<key>`
 * (a decimal with full double precision: 17 significant digits), `<key>_exact` ("p/q", when the column has exact
 * values), `<key>_mid` and `<key>_rad` (exact decimal strings, when it has balls), `<key>_stderr` (when it has floats
 * with a standard error) and `<key>_display` (the NumberFormat text); empty fields for missing values.
 */
std::string to_csv_table(const Table& t, const NumberFormat& f = {});
/** to_csv_table of each table (several tables: "# name" line before each, blank line between). */
std::string to_csv(const Document& doc, const NumberFormat& f = {});
/** Pipe tables, notes, cited formulas; reconstructed formulas marked with a dagger and a footnote. */
std::string to_markdown(const Document& doc, std::span<const Formula> registry, const NumberFormat& f = {});
/** Text for HTML: & < > " as entities (the report's index.html and to_html). */
std::string html_escape(const std::string& s);

/**
 * An HTML fragment of the document for a report page: each table with its caption, header, rows (the display rule of
 * text and Markdown), notes; the resolved parameters and seed; every cited formula with its tag, source and proof
 * (a link to proofs/ relative to `proofs_href`, "" for no link). Text is escaped.
 */
std::string to_html(const Document& doc, std::span<const Formula> registry, const NumberFormat& f = {},
                    const std::string& proofs_href = "");
/**
 * booktabs tables (no vertical rules): caption above (with its skip below), label, siunitx S columns (table-format
 * fitted to the numbers; fractions braced as \tfrac) for number columns; provenance letters on headers (and on rows
 * whose cells cite another formula) explained in notes under the table, at the table's width (threeparttable);
 * more than kLongtableRows rows: a longtable (header repeated on every page, notes after it); a table wider than
 * the line is scaled down to it (adjustbox max width) as a last resort. See NumberFormat.
 */
std::string to_latex(const Document& doc, std::span<const Formula> registry, const LatexOptions& opt = {});
/** Rows above which to_latex writes a longtable. */
inline constexpr std::size_t kLongtableRows = 40;
/** The packages to_latex output needs. */
inline constexpr const char* kLatexPackages = "booktabs,siunitx,amsmath,array,threeparttable,longtable,adjustbox";
/** One table as a LaTeX file of its own: a comment naming the packages it needs, then the table. */
std::string to_latex_table(const Document& doc, std::size_t table, std::span<const Formula> registry,
                           const LatexOptions& opt = {});
/** One JSON object per table row: {"table", "row", <column>: cell...}; cells carry formula id and tag. */
std::string to_jsonl(const Document& doc, std::span<const Formula> registry);
std::string render(const Document& doc, Format f, std::span<const Formula> registry, const NumberFormat& numbers = {});

/** The JSON of one value: {"kind", "value"} plus mid/rad/prec/dump for balls, stderr/samples for floats. */
nlohmann::ordered_json value_json(const Value& v);

/** A cell's canonical full text ("p/q", Arb's "[m +/- r]", %.17g); the writers show display_cell instead. */
std::string cell_text(const Cell& c);

}  // namespace gdcert::report
