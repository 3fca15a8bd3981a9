#include "report/table.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <ctime>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "exact/versions.hpp"
#include "report/decimal.hpp"
#include "exact/errors.hpp"

namespace gdcert::report {

const std::string& formula_of(const Table& t, std::size_t i, std::size_t j) {
  static const std::string none;
  if (i < t.cell_formulas.size() && j < t.cell_formulas[i].size() && !t.cell_formulas[i][j].empty())
    return t.cell_formulas[i][j];
  return j < t.columns.size() ? t.columns[j].formula_id : none;
}

namespace {
/** Formula ids of a table in order of first appearance: columns first, then per-cell ones. */
std::vector<std::string> table_formula_ids(const Table& t) {
  std::vector<std::string> ids;
  std::set<std::string> seen;
  for (const auto& c : t.columns)
    if (!c.formula_id.empty() && seen.insert(c.formula_id).second) ids.push_back(c.formula_id);
  for (const auto& r : t.cell_formulas)
    for (const auto& id : r)
      if (!id.empty() && seen.insert(id).second) ids.push_back(id);
  return ids;
}
}  // namespace

std::vector<const Formula*> cited_formulas(const Document& doc, std::span<const Formula> registry) {
  std::vector<const Formula*> out;
  std::set<std::string> seen;
  for (const auto& t : doc.tables)
    for (const auto& id : table_formula_ids(t))
      if (seen.insert(id).second) out.push_back(&find_formula(registry, id));
  return out;
}

std::string cell_text(const Cell& c) {
  if (const auto* s = std::get_if<std::string>(&c)) return *s;
  if (const auto* i = std::get_if<long long>(&c)) return std::to_string(*i);
  return std::get<Value>(c).str();
}

nlohmann::ordered_json value_json(const Value& v) {
  nlohmann::ordered_json j;
  j["kind"] = std::string(to_string(v.kind()));
  switch (v.kind()) {
    case Kind::exact: j["value"] = v.exact().str(); break;
    case Kind::ball:
      j["value"] = v.str();
      j["mid"] = v.ball().mid_exact_str();  // exact, so [mid - rad, mid + rad] encloses the ball
      j["rad"] = v.ball().rad_str();
      j["prec"] = v.prec();
      j["dump"] = v.ball().dump();
      break;
    case Kind::floating:
      j["value"] = v.floating();
      if (v.stderr_value()) j["stderr"] = *v.stderr_value();
      if (v.samples()) j["samples"] = *v.samples();
      break;
  }
  return j;
}

namespace {

std::string utc_now() {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

nlohmann::ordered_json cell_json(const Cell& c) {
  if (const auto* s = std::get_if<std::string>(&c)) return *s;
  if (const auto* i = std::get_if<long long>(&c)) return *i;
  return value_json(std::get<Value>(c));
}

std::string formula_line(const Formula& f) {
  return fmt::format("[{}] {}  ({}; {}{}{})", f.id, f.statement, to_string(f.tag), f.source,
                     f.proof.empty() ? "" : "; ", f.proof);
}

std::string csv_escape(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string o = "\"";
  for (char c : s) o += c == '"' ? std::string("\"\"") : std::string(1, c);
  return o + "\"";
}

std::string md_escape(const std::string& s) {
  std::string o;
  for (char c : s) o += c == '|' ? std::string("\\|") : std::string(1, c);
  return o;
}

/** LaTeX for the non-ASCII characters gdcert writes (pdflatex without extra fonts); others become "?". */
std::string latex_unicode(char32_t c) {
  switch (c) {
    case U'\u00b1': return "$\\pm$";
    case U'\u00a7': return "\\S{}";
    case U'\u00b7': return "$\\cdot$";
    case U'\u00b2': return "$^2$";
    case U'\u00b3': return "$^3$";
    case U'\u2013': return "--";
    case U'\u2014': return "---";
    case U'\u2018': return "`";
    case U'\u2019': return "'";
    case U'\u201c': return "``";
    case U'\u201d': return "''";
    case U'\u2212': return "$-$";
    case U'\u2218': return "$\\circ$";
    case U'\u2016': return "$\\|$";
    case U'\u222a': return "$\\cup$";
    case U'\u2229': return "$\\cap$";
    case U'\u221a': return "$\\surd$";
    case U'\u2297': return "$\\otimes$";
    case U'\u27e8': return "$\\langle$";
    case U'\u27e9': return "$\\rangle$";
    case U'\u22ca': return "$\\rtimes$";
    case U'\u2208': return "$\\in$";
    case U'\u2264': return "$\\le$";
    case U'\u2265': return "$\\ge$";
    case U'\u2248': return "$\\approx$";
    case U'\u221e': return "$\\infty$";
    case U'\u2192': return "$\\to$";
    case U'\u00d7': return "$\\times$";
    case U'\u2026': return "\\ldots{}";
    default: break;
  }
  static const char* const greek[] = {"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota",
                                      "kappa", "lambda", "mu", "nu", "xi", "o", "pi", "rho", "varsigma", "sigma",
                                      "tau", "upsilon", "phi", "chi", "psi", "omega"};
  if (c >= U'\u03b1' && c <= U'\u03c9') {
    const std::string g = greek[c - U'\u03b1'];
    return g == "o" ? "o" : "$\\" + g + "$";
  }
  static const char* const upper[] = {"A", "B", "\\Gamma", "\\Delta", "E", "Z", "H", "\\Theta", "I", "K",
                                      "\\Lambda", "M", "N", "\\Xi", "O", "\\Pi", "P", "?", "\\Sigma", "T",
                                      "\\Upsilon", "\\Phi", "X", "\\Psi", "\\Omega"};
  if (c >= U'\u0391' && c <= U'\u03a9') return std::string("$") + upper[c - U'\u0391'] + "$";
  return "?";
}

/** Text columns with a cell longer than this many characters become p{kLatexWrapEm em} paragraph columns. */
constexpr std::size_t kLatexWrapChars = 48;
constexpr int kLatexWrapEm = 16;

std::string latex_escape(const std::string& s) {
  std::string o;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b >= 0x80) {  // decode one UTF-8 sequence
      const int len = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
      char32_t c = len == 4 ? b & 0x07u : len == 3 ? b & 0x0fu : len == 2 ? b & 0x1fu : 0;
      for (int k = 1; k < len && i + 1 < s.size(); ++k) c = (c << 6) | (static_cast<unsigned char>(s[++i]) & 0x3fu);
      o += latex_unicode(c);
      continue;
    }
    const char ch = s[i];
    switch (ch) {
      case '&': case '%': case '$': case '#': case '_': case '{': case '}': o += '\\'; o += ch; break;
      case '~': o += "\\textasciitilde{}"; break;
      case '^': o += "\\textasciicircum{}"; break;
      case '\\': o += "\\textbackslash{}"; break;
      case '<': o += "\\textless{}"; break;
      case '>': o += "\\textgreater{}"; break;
      case '|': o += "\\textbar{}"; break;
      // Braced so that text starting a row or a note line is never read as the optional [length] of \\.
      case '[': o += "{[}"; break;
      case ']': o += "{]}"; break;
      default: o += ch;
    }
  }
  return o;
}

std::string header_name(const Column& c) { return c.unit.empty() ? c.name : c.name + " [" + c.unit + "]"; }

/** A unit in LaTeX text: escaped, with "^k" / "^-k" as a superscript ("m^2" -> "m\textsuperscript{2}"). */
std::string latex_unit(const std::string& u) {
  std::string o;
  for (std::size_t i = 0; i < u.size(); ++i) {
    if (u[i] == '^') {
      std::size_t j = i + 1;
      if (j < u.size() && u[j] == '-') ++j;
      while (j < u.size() && std::isdigit(static_cast<unsigned char>(u[j]))) ++j;
      if (j > i + 1 && std::isdigit(static_cast<unsigned char>(u[j - 1]))) {
        const std::string e = u.substr(i + 1, j - i - 1);
        o += "\\textsuperscript{" + (e[0] == '-' ? "$-$" + e.substr(1) : e) + "}";
        i = j - 1;
        continue;
      }
    }
    o += latex_escape(std::string(1, u[i]));
  }
  return o;
}

std::string latex_header_name(const Column& c) {
  return c.unit.empty() ? latex_escape(c.name) : latex_escape(c.name) + " [" + latex_unit(c.unit) + "]";
}

/**
 * The siunitx table-format that fits every number of an S column ("-1.3(2)e-2": sign, integer digits, decimal
 * digits, uncertainty digits, exponent), so that wide numbers never spill into the next column.
 */
std::string siunitx_table_format(const std::vector<std::string>& numbers) {
  std::size_t ints = 1, decs = 0, unc = 0, exps = 0;
  bool neg = false, eneg = false;
  for (const std::string& x : numbers) {
    std::size_t i = 0;
    if (i < x.size() && x[i] == '-') neg = true, ++i;
    std::size_t k = i;
    while (k < x.size() && std::isdigit(static_cast<unsigned char>(x[k]))) ++k;
    ints = std::max(ints, k - i);
    if (k < x.size() && x[k] == '.') {
      const std::size_t d0 = ++k;
      while (k < x.size() && std::isdigit(static_cast<unsigned char>(x[k]))) ++k;
      decs = std::max(decs, k - d0);
    }
    if (k < x.size() && x[k] == '(') {
      const std::size_t u0 = ++k;
      while (k < x.size() && x[k] != ')') ++k;
      unc = std::max(unc, k - u0);
      ++k;
    }
    if (k < x.size() && x[k] == 'e') {
      ++k;
      if (k < x.size() && x[k] == '-') eneg = true, ++k;
      exps = std::max(exps, x.size() - k);
    }
  }
  std::string f = (neg ? "-" : "") + std::to_string(ints);
  if (decs) f += "." + std::to_string(decs);
  if (unc) f += "(" + std::to_string(unc) + ")";
  if (exps) f += std::string("e") + (eneg ? "-" : "") + std::to_string(exps);
  return f;
}

}  // namespace

std::string to_text(const Document& doc, std::span<const Formula> registry) {
  std::string out;
  for (const auto& t : doc.tables) {
    out += t.caption + "\n";
    std::vector<std::size_t> width(t.columns.size(), 0);
    std::vector<std::vector<std::string>> cells;
    for (std::size_t j = 0; j < t.columns.size(); ++j) width[j] = header_name(t.columns[j]).size();
    for (const auto& r : t.rows) {
      std::vector<std::string> line;
      for (std::size_t j = 0; j < r.size(); ++j) {
        line.push_back(cell_text(r[j]));
        width[j] = std::max(width[j], line.back().size());
      }
      cells.push_back(std::move(line));
    }
    auto emit = [&](const std::vector<std::string>& line) {
      std::string s = " ";
      for (std::size_t j = 0; j < line.size(); ++j) s += fmt::format(" {:<{}}", line[j], width[j]);
      while (!s.empty() && s.back() == ' ') s.pop_back();
      out += s + "\n";
    };
    std::vector<std::string> head;
    for (const auto& c : t.columns) head.push_back(header_name(c));
    emit(head);
    for (const auto& line : cells) emit(line);
    for (const auto& n : t.notes) out += "  note: " + n + "\n";
    out += "\n";
  }
  for (const Formula* f : cited_formulas(doc, registry)) out += formula_line(*f) + "\n";
  return out;
}

std::string to_json(const Document& doc, std::span<const Formula> registry) {
  nlohmann::ordered_json j;
  j["schema_version"] = 1;
  j["command"] = doc.verb;
  j["command_line"] = doc.command_line;
  nlohmann::ordered_json params = nlohmann::ordered_json::object();
  for (const auto& [k, v] : doc.parameters) params[k] = v;
  j["parameters"] = params;
  j["seed"] = doc.seed ? nlohmann::ordered_json(*doc.seed) : nlohmann::ordered_json(nullptr);
  j["prec"] = doc.prec ? nlohmann::ordered_json(*doc.prec) : nlohmann::ordered_json(nullptr);
  nlohmann::ordered_json versions = nlohmann::ordered_json::object();
  for (const auto& [k, v] : library_versions()) versions[k] = v;
  j["versions"] = versions;
  j["revision"] = source_revision();
  j["time"] = utc_now();
  nlohmann::ordered_json tables = nlohmann::ordered_json::array();
  for (const auto& t : doc.tables) {
    nlohmann::ordered_json tj;
    tj["name"] = t.name;
    tj["caption"] = t.caption;
    nlohmann::ordered_json cols = nlohmann::ordered_json::array();
    for (const auto& c : t.columns)
      cols.push_back({{"name", c.name}, {"unit", c.unit}, {"formula", c.formula_id.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(c.formula_id)},
                      {"tag", c.formula_id.empty() ? nlohmann::ordered_json(nullptr)
                                                   : nlohmann::ordered_json(std::string(to_string(find_formula(registry, c.formula_id).tag)))}});
    tj["columns"] = cols;
    nlohmann::ordered_json rows = nlohmann::ordered_json::array();
    for (const auto& r : t.rows) {
      nlohmann::ordered_json rj = nlohmann::ordered_json::array();
      for (const auto& c : r) rj.push_back(cell_json(c));
      rows.push_back(rj);
    }
    tj["rows"] = rows;
    tj["label"] = t.label.empty() ? "tab:" + t.name : t.label;
    if (!t.cell_formulas.empty()) tj["cell_formulas"] = t.cell_formulas;
    tj["notes"] = t.notes;
    tables.push_back(tj);
  }
  j["tables"] = tables;
  nlohmann::ordered_json fj = nlohmann::ordered_json::array();
  for (const Formula* f : cited_formulas(doc, registry))
    fj.push_back({{"id", f->id}, {"tag", to_string(f->tag)}, {"source", f->source}, {"statement", f->statement},
                  {"proof", f->proof}});
  j["formulas"] = fj;
  return j.dump(2) + "\n";
}

std::string to_csv(const Document& doc) {
  std::string out;
  bool first = true;
  for (const auto& t : doc.tables) {
    if (!first) out += "\n";
    first = false;
    if (doc.tables.size() > 1) out += "# " + t.name + "\n";
    std::string head;
    for (std::size_t j = 0; j < t.columns.size(); ++j) head += (j ? "," : "") + csv_escape(header_name(t.columns[j]));
    out += head + "\n";
    for (const auto& r : t.rows) {
      std::string line;
      for (std::size_t j = 0; j < r.size(); ++j) line += (j ? "," : "") + csv_escape(cell_text(r[j]));
      out += line + "\n";
    }
  }
  return out;
}

std::string to_markdown(const Document& doc, std::span<const Formula> registry) {
  std::string out;
  for (const auto& t : doc.tables) {
    out += "**" + md_escape(t.caption) + "**\n\n|";
    for (const auto& c : t.columns) out += " " + md_escape(header_name(c)) + " |";
    out += "\n|";
    for (std::size_t j = 0; j < t.columns.size(); ++j) out += "---|";
    out += "\n";
    for (const auto& r : t.rows) {
      out += "|";
      for (const auto& c : r) out += " " + md_escape(cell_text(c)) + " |";
      out += "\n";
    }
    for (const auto& n : t.notes) out += "\n_Note:_ " + md_escape(n) + "\n";
    out += "\n";
  }
  bool any_reconstructed = false;
  for (const Formula* f : cited_formulas(doc, registry)) {
    const bool rec = f->tag == Tag::reconstructed;
    any_reconstructed = any_reconstructed || rec;
    out += "- " + md_escape(formula_line(*f)) + (rec ? " \u2020" : "") + "\n";
  }
  if (any_reconstructed)
    out += "\n\u2020 reconstructed: the standard form of the result; the paper's exact constants may differ.\n";
  return out;
}

void parse_latex_rationals(const std::string& text, LatexOptions& opt) {
  if (text == "frac") {
    opt.exact_as_decimal = false;
    return;
  }
  if (text.rfind("decimal:", 0) == 0) {
    const std::string n = text.substr(8);
    int d = 0;
    bool ok = !n.empty() && n.size() <= 4 && n.find_first_not_of("0123456789") == std::string::npos;
    if (ok) d = std::stoi(n);
    if (ok && d >= 1 && d <= 1000) {
      opt.exact_as_decimal = true;
      opt.decimal_digits = d;
      return;
    }
  }
  throw input_error("--latex-rationals: requires \"frac\" or \"decimal:N\" with 1 <= N <= 1000, got \"" + text + "\"");
}

namespace {

/** How a cell renders in LaTeX: a number siunitx can parse (S column), math, or text. */
struct LatexPiece {
  enum class Kind { number, math, text } kind;
  std::string text;
};

LatexPiece latex_piece(const Cell& c, const LatexOptions& opt) {
  using K = LatexPiece::Kind;
  if (const auto* s = std::get_if<std::string>(&c)) return {K::text, latex_escape(*s)};
  if (const auto* i = std::get_if<long long>(&c)) return {K::number, std::to_string(*i)};
  const Value& v = std::get<Value>(c);
  switch (v.kind()) {
    case Kind::exact:
      if (v.exact().is_integer()) return {K::number, v.exact().num().str()};
      if (opt.exact_as_decimal) return {K::number, decimal_rounded(v.exact(), opt.decimal_digits)};
      return {K::math, v.exact().latex()};
    case Kind::ball:
      if (const auto mr = ball_mid_rad(v.ball()))
        return {K::number, siunitx_uncertain(mr->first, mr->second, opt.uncertainty_digits, opt.ball_digits)};
      return {K::text, latex_escape(v.ball().str(10))};
    case Kind::floating: {
      const auto x = exact_double(v.floating());
      if (!x) return {K::text, latex_escape(v.str())};
      if (v.stderr_value())
        if (const auto e = exact_double(*v.stderr_value()); e && e->sign() >= 0)
          return {K::number, siunitx_uncertain(*x, *e, opt.uncertainty_digits, opt.ball_digits)};
      return {K::number, decimal_rounded(*x, 17)};
    }
  }
  return {K::text, ""};
}

/** Superscript letters for footnote markers: a, b, ..., z, aa, ab, ... */
std::string marker_name(std::size_t k) {
  std::string s;
  do {
    s.insert(s.begin(), static_cast<char>('a' + k % 26));
    k /= 26;
  } while (k-- > 0);
  return s;
}

}  // namespace

std::string latex_cell(const Cell& c, const LatexOptions& opt) {
  const LatexPiece p = latex_piece(c, opt);
  switch (p.kind) {
    case LatexPiece::Kind::number: return "\\num{" + p.text + "}";
    case LatexPiece::Kind::math: return "$" + p.text + "$";
    case LatexPiece::Kind::text: return p.text;
  }
  return p.text;
}

std::string to_latex(const Document& doc, std::span<const Formula> registry, const LatexOptions& opt) {
  std::string out = "% generated by gdcert " + gdcert_version() + " (" + source_revision() + "): " +
                    latex_escape(doc.command_line) + "\n% requires \\usepackage{booktabs,siunitx,amsmath,array}\n";
  for (const auto& t : doc.tables) {
    const std::size_t ncol = t.columns.size();
    // Render every cell first: a column is an siunitx S column when all its cells are numbers.
    std::vector<std::vector<LatexPiece>> pieces;
    std::vector<bool> numeric(ncol, !t.rows.empty());
    bool has_exact_decimal = false;
    for (const auto& r : t.rows) {
      std::vector<LatexPiece> line;
      for (std::size_t j = 0; j < r.size() && j < ncol; ++j) {
        line.push_back(latex_piece(r[j], opt));
        if (line.back().kind != LatexPiece::Kind::number) numeric[j] = false;
        if (const auto* v = std::get_if<Value>(&r[j]); v && v->kind() == Kind::exact && !v->exact().is_integer())
          has_exact_decimal = has_exact_decimal || opt.exact_as_decimal;
      }
      pieces.push_back(std::move(line));
    }
    // Provenance markers: one letter per formula id, on the column header or on the row's first text cell.
    const std::vector<std::string> ids = table_formula_ids(t);
    auto marker = [&](const std::string& id) {
      const auto it = std::find(ids.begin(), ids.end(), id);
      return "\\textsuperscript{" + marker_name(static_cast<std::size_t>(it - ids.begin())) + "}";
    };
    std::string spec;
    for (std::size_t j = 0; j < ncol; ++j) {
      if (!numeric[j]) {
        // Long text (sources, summaries, parameter lists) wraps in a ragged-right paragraph column.
        std::size_t longest = 0;
        for (const auto& line : pieces)
          if (j < line.size()) longest = std::max(longest, line[j].text.size());
        spec += longest > kLatexWrapChars ? ">{\\raggedright\\arraybackslash}p{" + std::to_string(kLatexWrapEm) + "em}" : "l";
        continue;
      }
      std::vector<std::string> numbers;
      for (const auto& line : pieces)
        if (j < line.size()) numbers.push_back(line[j].text);
      spec += "S[table-format=" + siunitx_table_format(numbers) + "]";
    }
    out += "\\begin{table}[ht]\n\\centering\n\\caption{" + latex_escape(t.caption) + "}\n\\label{" +
           (t.label.empty() ? "tab:" + t.name : t.label) + "}\n\\begin{tabular}{" + spec + "}\n\\toprule\n";
    for (std::size_t j = 0; j < ncol; ++j) {
      std::string h = latex_header_name(t.columns[j]);
      if (!t.columns[j].formula_id.empty()) h += marker(t.columns[j].formula_id);
      out += (j ? " & " : "") + (numeric[j] ? "{" + h + "}" : h);
    }
    out += " \\\\\n\\midrule\n";
    for (std::size_t i = 0; i < pieces.size(); ++i) {
      // per-cell formulas that differ from their column's: marked on the row's first text column
      std::string row_marks;
      for (std::size_t j = 0; j < ncol; ++j) {
        const std::string& id = formula_of(t, i, j);
        if (!id.empty() && id != t.columns[j].formula_id) row_marks += marker(id);
      }
      bool marked = row_marks.empty();
      for (std::size_t j = 0; j < pieces[i].size(); ++j) {
        const LatexPiece& p = pieces[i][j];
        std::string s;
        if (numeric[j]) s = p.text;
        else if (p.kind == LatexPiece::Kind::number) s = "\\num{" + p.text + "}";
        else if (p.kind == LatexPiece::Kind::math) s = "$" + p.text + "$";
        else s = p.text;
        if (!marked && !numeric[j]) {
          s += row_marks;
          marked = true;
        }
        out += (j ? " & " : "") + s;
      }
      out += " \\\\\n";
    }
    out += "\\bottomrule\n\\end{tabular}\n";
    // Footnotes: every formula with its tag and source; reconstructed ones flagged; notes; rounding of exact values.
    std::string foot;
    bool any_reconstructed = false;
    for (std::size_t k = 0; k < ids.size(); ++k) {
      const Formula& f = find_formula(registry, ids[k]);
      const bool rec = f.tag == Tag::reconstructed;
      any_reconstructed = any_reconstructed || rec;
      foot += "\\textsuperscript{" + marker_name(k) + "}\\,\\texttt{" + latex_escape(std::string(f.id)) + "} (" +
              std::string(to_string(f.tag)) + (rec ? "$^\\dagger$" : "") + "; " + latex_escape(std::string(f.source)) + ")\\\\\n";
    }
    if (any_reconstructed)
      foot += "$^\\dagger$\\,reconstructed: the standard form of the result; the paper's exact constants may differ.\\\\\n";
    for (const auto& n : t.notes) foot += latex_escape(n) + "\\\\\n";
    if (has_exact_decimal)
      foot += "Exact rationals rounded to " + std::to_string(opt.decimal_digits) + " significant digits.\\\\\n";
    if (!foot.empty()) out += "\\par\\smallskip\n{\\footnotesize\\raggedright\n" + foot + "}\n";
    out += "\\end{table}\n";
  }
  for (const Formula* f : cited_formulas(doc, registry)) out += "% " + formula_line(*f) + "\n";
  return out;
}

std::string to_jsonl(const Document& doc, std::span<const Formula> registry) {
  std::string out;
  for (const auto& t : doc.tables) {
    for (std::size_t i = 0; i < t.rows.size(); ++i) {
      nlohmann::ordered_json j;
      j["command"] = doc.verb;
      j["table"] = t.name;
      j["row"] = i;
      for (std::size_t k = 0; k < t.rows[i].size() && k < t.columns.size(); ++k) {
        nlohmann::ordered_json c = cell_json(t.rows[i][k]);
        const std::string& id = formula_of(t, i, k);
        if (!id.empty()) {
          if (!c.is_object()) c = nlohmann::ordered_json{{"value", c}};
          c["formula"] = id;
          c["tag"] = std::string(to_string(find_formula(registry, id).tag));
        }
        if (!t.columns[k].unit.empty() && c.is_object()) c["unit"] = t.columns[k].unit;
        j[t.columns[k].name] = c;
      }
      out += j.dump() + "\n";
    }
  }
  return out;
}

std::string render(const Document& doc, Format f, std::span<const Formula> registry, const LatexOptions& latex) {
  switch (f) {
    case Format::text: return to_text(doc, registry);
    case Format::json: return to_json(doc, registry);
    case Format::csv: return to_csv(doc);
    case Format::markdown: return to_markdown(doc, registry);
    case Format::latex: return to_latex(doc, registry, latex);
    case Format::jsonl: return to_jsonl(doc, registry);
  }
  return "";
}

}  // namespace gdcert::report
