#include "report/table.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
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

int parse_digits(const std::string& text) {
  if (text == "full") return 0;
  const bool ok = !text.empty() && text.size() <= 4 && text.find_first_not_of("0123456789") == std::string::npos;
  const int d = ok ? std::stoi(text) : 0;
  if (!ok || d < 1 || d > 1000)
    throw input_error("--digits: requires a number of significant figures 1..1000 or \"full\", got \"" + text + "\"");
  return d;
}

DisplayedCell display_cell(const Cell& c, const NumberFormat& f) {
  using K = DisplayedCell::Kind;
  DisplayedCell d;
  if (const auto* s = std::get_if<std::string>(&c)) {
    d.text = *s;
    return d;
  }
  if (const auto* i = std::get_if<long long>(&c)) {
    d.kind = K::number;
    d.text = std::to_string(*i);
    return d;
  }
  const Value& v = std::get<Value>(c);
  switch (v.kind()) {
    case Kind::exact: {
      const Rational& x = v.exact();
      d.kind = K::number;
      if (x.is_integer()) {
        const std::string s = x.num().str();
        const std::size_t len = s.size() - (s[0] == '-' ? 1 : 0);
        if (f.digits == 0 || len <= 15) {
          d.text = s;
        } else {
          d.text = decimal_rounded(x, f.digits);
          d.rounded_exact = !decimal_is_exact(x, f.digits);
        }
        return d;
      }
      const std::string p = x.num().str(), q = x.den().str();
      const bool short_fraction = p.size() - (p[0] == '-' ? 1 : 0) <= static_cast<std::size_t>(f.fraction_digits) &&
                                  q.size() <= static_cast<std::size_t>(f.fraction_digits);
      const bool terminating_short = f.digits > 0 && decimal_is_exact(x, f.digits);
      if (f.digits == 0 || (f.fractions && short_fraction)) {
        d.kind = K::fraction;
        d.text = x.str();
        return d;
      }
      d.text = decimal_rounded(x, f.digits);
      d.rounded_exact = !terminating_short;
      return d;
    }
    case Kind::ball: {
      const auto mr = ball_mid_rad(v.ball());
      if (!mr) {
        d.text = v.str();
        return d;
      }
      d.kind = K::number;
      bool within = false;
      d.text = display_uncertain(mr->first, mr->second, f.digits, f.unc_digits, &within);
      d.ball_within_unit = within;
      d.ball_uncertain = !mr->second.is_zero();
      return d;
    }
    case Kind::floating: {
      const auto x = exact_double(v.floating());
      if (!x) {
        d.text = format_double(v.floating());
        return d;
      }
      d.kind = K::number;
      if (v.stderr_value())
        if (const auto e = exact_double(*v.stderr_value()); e && e->sign() > 0) {
          d.float_stderr = true;
          d.text = display_uncertain(*x, *e, f.digits, f.unc_digits, nullptr);
          return d;
        }
      if (f.digits == 0) {
        // the shortest decimal that reads back to the same double
        d.text = fmt::format("{}", v.floating());
        if (d.text.find_first_of("e") != std::string::npos) {
          const auto epos = d.text.find('e');
          std::string ex = d.text.substr(epos + 1);
          if (!ex.empty() && ex[0] == '+') ex = ex.substr(1);
          d.text = d.text.substr(0, epos) + "e" + ex;
        }
      } else {
        d.text = decimal_rounded(*x, f.digits);
      }
      return d;
    }
  }
  return d;
}

std::vector<std::string> number_notes(const Table& t, const NumberFormat& f) {
  bool rounded = false, ball = false, within = false, stderr_ = false;
  for (const auto& r : t.rows)
    for (const auto& c : r) {
      if (!std::holds_alternative<Value>(c)) continue;
      const DisplayedCell d = display_cell(c, f);
      rounded = rounded || d.rounded_exact;
      ball = ball || d.ball_uncertain;
      within = within || d.ball_within_unit;
      stderr_ = stderr_ || d.float_stderr;
    }
  std::vector<std::string> notes;
  if (rounded)
    notes.push_back("Exact values rounded to " + std::to_string(f.digits) +
                    " significant figures; JSON has them exactly (\"p/q\").");
  if (ball)
    notes.push_back(std::string("Certified balls: m(u) is m +/- u units of its last digit and contains the true value") +
                    (within ? "; a ball printed without (u) is within one unit of its last digit." : "."));
  if (stderr_) notes.push_back("Simulation estimates: m(u) is the mean +/- one standard error, u in units of the last digit.");
  return notes;
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
  // a source that names its proofs/ anchor already is not followed by it again
  const bool named = !f.proof.empty() && f.source.find(f.proof) != std::string_view::npos;
  return fmt::format("[{}] {}  ({}; {}{}{})", f.id, f.statement, to_string(f.tag), f.source,
                     f.proof.empty() || named ? "" : "; ", named ? std::string_view() : f.proof);
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

/** Escaped LaTeX text with a break allowed after every '/' and '#' (proofs/file.md#anchor paths in narrow notes). */
std::string latex_breakable_path(const std::string& escaped) {
  std::string o;
  for (std::size_t i = 0; i < escaped.size(); ++i) {
    o += escaped[i];
    if (escaped[i] == '/' || (escaped[i] == '#' && i > 0 && escaped[i - 1] == '\\')) o += "\\allowbreak{}";
  }
  return o;
}

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

}  // namespace
std::string latex_text(const std::string& s);
namespace {

std::string latex_header_name(const Column& c) {
  const std::string n = c.latex.empty() ? latex_text(c.name) : c.latex;
  return c.unit.empty() ? n : n + " [" + latex_unit(c.unit) + "]";
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

namespace {

bool is_alpha(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }
bool is_alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

const std::set<std::string>& greek_names() {
  static const std::set<std::string> g = {"alpha", "beta",  "gamma", "delta", "epsilon", "eps",   "zeta",  "eta",
                                          "theta", "iota",  "kappa", "lambda", "mu",     "nu",    "xi",    "pi",
                                          "rho",   "sigma", "tau",   "phi",   "chi",     "psi",   "omega", "Gamma",
                                          "Delta", "Theta", "Lambda", "Xi",   "Pi",      "Sigma", "Phi",   "Psi",
                                          "Omega"};
  return g;
}

const std::set<std::string>& math_operators() {
  static const std::set<std::string> ops = {"max", "min", "sup", "inf", "log", "exp", "ln", "sin", "cos", "tanh", "det", "arg"};
  return ops;
}

/** The index just past the group opened at s[i] ('(' , '[' or '{'), or npos when it does not close. */
std::size_t group_end(const std::string& s, std::size_t i) {
  const char open = s[i], close = open == '(' ? ')' : open == '[' ? ']' : '}';
  int depth = 0;
  for (std::size_t k = i; k < s.size(); ++k) {
    if (s[k] == open) ++depth;
    else if (s[k] == close && --depth == 0) return k + 1;
  }
  return std::string::npos;
}

std::string math_of(const std::string& s);

/** A letter word in math: Greek, an operator, hat-suffixed (fhat), one letter italic, else upright. */
std::string math_word(const std::string& w) {
  if (w == "eps" || w == "epsilon") return "\\varepsilon ";
  if (greek_names().count(w)) return "\\" + w + " ";
  if (math_operators().count(w)) return "\\" + w + " ";
  if (w == "sum" || w == "prod") return "\\" + w + "\\nolimits ";  // sum_l a_l: a summation sign, not "sum"
  if (w.size() > 3 && w.ends_with("hat")) {
    const std::string base = w.substr(0, w.size() - 3);
    if (base.size() == 1 || greek_names().count(base)) return "\\hat{" + math_word(base) + "}";
  }
  if (w.size() == 1) return w;
  return "\\mathrm{" + w + "}";
}

/** A sub- or superscript argument starting at s[i] (after '_' or '^'): its math and the index past it. */
std::pair<std::string, std::size_t> script_arg(const std::string& s, std::size_t i) {
  if (i >= s.size()) return {"{}", i};
  if (s[i] == '{' || s[i] == '(') {
    const std::size_t e = group_end(s, i);
    if (e != std::string::npos) {
      const std::string inner = s.substr(i + 1, e - i - 2);
      return {s[i] == '{' ? "{" + math_of(inner) + "}" : "{(" + math_of(inner) + ")}", e};
    }
  }
  std::size_t e = i;
  if (e < s.size() && s[e] == '-') ++e;
  if (e < s.size() && std::isdigit(static_cast<unsigned char>(s[e]))) {
    while (e < s.size() && std::isdigit(static_cast<unsigned char>(s[e]))) ++e;
  } else {
    while (e < s.size() && is_alnum(s[e])) ++e;
  }
  if (e == i) return {"{}", i};
  return {"{" + math_of(s.substr(i, e - i)) + "}", e};
}

/** ASCII math to LaTeX math (without the dollars). */
std::string math_of(const std::string& s) {
  std::string o;
  int angle = 0;
  char last_script = 0;  // '_' or '^' when the output ends with that script (a second one needs a {} base)
  for (std::size_t i = 0; i < s.size();) {
    const char c = s[i];
    if (c != '_' && c != '^') last_script = 0;
    if (is_alpha(c)) {
      std::size_t e = i;
      while (e < s.size() && is_alpha(s[e])) ++e;
      const std::string w = s.substr(i, e - i);
      if (w == "sqrt" && e < s.size() && s[e] == '(') {
        const std::size_t g = group_end(s, e);
        if (g != std::string::npos) {
          o += "\\sqrt{" + math_of(s.substr(e + 1, g - e - 2)) + "}";
          i = g;
          continue;
        }
      }
      if (w == "E" && e < s.size() && (s[e] == '[' || s[e] == '<' || s[e] == '|')) {
        o += "\\mathrm{E}";
        if (s[e] == '<') {
          o += "\\langle ";
          ++angle;
          ++e;
        }
        i = e;
        continue;
      }
      o += math_word(w);
      i = e;
      continue;
    }
    if (c == '_' || c == '^') {
      const auto [arg, e] = script_arg(s, i + 1);
      if (last_script == c || (o.empty())) o += "{}";
      last_script = c;
      o += c;
      o += arg;
      i = e;
      continue;
    }
    if (c == '<' && i + 1 < s.size() && s[i + 1] == '=') {
      o += "\\le ";
      i += 2;
      continue;
    }
    if (c == '>' && i + 1 < s.size() && s[i + 1] == '=') {
      o += "\\ge ";
      i += 2;
      continue;
    }
    if (c == '>' && angle > 0) {
      o += "\\rangle ";
      --angle;
      ++i;
      continue;
    }
    if (c == '|' && i + 1 < s.size() && s[i + 1] == '|') {
      o += "\\|";
      i += 2;
      continue;
    }
    if (c == '*') {
      const bool postfix = i > 0 && (is_alnum(s[i - 1]) || s[i - 1] == ')') && (i + 1 >= s.size() || !is_alnum(s[i + 1]));
      o += postfix ? "^{*}" : "\\cdot ";
      ++i;
      continue;
    }
    if (c == ' ') {
      // a visible space between two operands; none around operators and punctuation
      const std::string ops = "=<>+-*/,|:;";
      const bool before = i > 0 && ops.find(s[i - 1]) == std::string::npos && s[i - 1] != ' ';
      const bool after = i + 1 < s.size() && ops.find(s[i + 1]) == std::string::npos && s[i + 1] != ' ';
      if (before && after) o += "\\ ";
      else if (i > 0 && s[i - 1] == ',') o += "\\ ";
      else o += ' ';
      ++i;
      continue;
    }
    if (c == '%' || c == '#' || c == '&' || c == '$') {
      o += '\\';
      o += c;
      ++i;
      continue;
    }
    if (c == '{' || c == '}') {
      o += '\\';
      o += c;
      ++i;
      continue;
    }
    if (c == '~') {
      o += "\\sim ";
      ++i;
      continue;
    }
    if (c == '\\') {
      o += "\\backslash ";
      ++i;
      continue;
    }
    const auto b = static_cast<unsigned char>(c);
    if (b >= 0x80) {  // one UTF-8 character: its LaTeX without the math dollars
      std::size_t e = i + 1;
      while (e < s.size() && (static_cast<unsigned char>(s[e]) & 0xc0) == 0x80) ++e;
      std::string t = latex_escape(s.substr(i, e - i));
      if (t.size() >= 2 && t.front() == '$' && t.back() == '$') t = t.substr(1, t.size() - 2);
      else t = "\\text{" + t + "}";
      o += t;
      i = e;
      continue;
    }
    o += c;
    ++i;
  }
  // never leave an unmatched \langle (an ASCII "<" without its ">")
  for (; angle > 0; --angle) o += "\\rangle ";
  return o;
}

/** Whether a whitespace-separated token of a header or caption is math (W_k, fhat(S), E[f^2], sigma, <=, d, ...). */
bool math_token(const std::string& t) {
  // identifiers, file names and paths stay text: noisy_gd.orbit, tests/test_cli_sim.cpp, level_weights, --digits
  for (std::size_t k = 0; k + 1 < t.size(); ++k)
    if (t[k] == '.' && is_alpha(t[k + 1])) return false;
  if (t.rfind("--", 0) == 0) return false;
  if (t.find('"') != std::string::npos) return false;
  // function specs (majority:n=5:sign0=+1) are names, not math
  if (const auto colon = t.find(':'); colon != std::string::npos && colon + 1 < t.size() && t.find('{') == std::string::npos)
    return false;
  if (std::count(t.begin(), t.end(), '_') >= 2 && t.find('{') == std::string::npos) return false;
  for (std::size_t k = 0; k < t.size(); ++k) {
    if (t[k] != '_') continue;
    std::size_t a = k, b = k + 1;
    while (a > 0 && std::islower(static_cast<unsigned char>(t[a - 1]))) --a;
    while (b < t.size() && std::islower(static_cast<unsigned char>(t[b]))) ++b;
    const std::string left = t.substr(a, k - a), right = t.substr(k + 1, b - k - 1);
    if (left.size() >= 3 && right.size() >= 3 && !greek_names().count(left) && !math_operators().count(left) &&
        !greek_names().count(right))
      return false;
  }
  if (t.find_first_of("_^=<>|*") != std::string::npos) return true;
  if (t.find('[') != std::string::npos && t.find(']') != std::string::npos) return true;
  std::size_t e = 0;
  while (e < t.size() && is_alpha(t[e])) ++e;
  const std::string w = t.substr(0, e);
  const std::string rest = t.substr(e);
  if (w.empty()) return false;
  const bool symbol = w.size() == 1 || greek_names().count(w) || (w.size() > 3 && w.ends_with("hat"));
  const bool opens = !rest.empty() && (rest[0] == '(' || rest[0] == '[' || rest[0] == '<' || rest[0] == '|');
  if (opens && symbol && w != "a" && w != "A" && w != "I") return true;
  // a short capitalised operator applied: Cov(u, v), Var(X), Inf(f), Orb(S)
  if (!rest.empty() && rest[0] == '(' && w.size() <= 4 && std::isupper(static_cast<unsigned char>(w[0]))) return true;
  const bool tail_ok = rest.empty() || rest[0] == '(' || rest == "," || rest == ":" || rest == ")" || rest == ")," ||
                       rest == "'" || rest == "',";
  if (!tail_ok) return false;
  if (greek_names().count(w) && w != "eta" && w != "pi" && w != "mu" && w != "nu" && w != "xi") return true;
  if (w.size() > 3 && w.ends_with("hat") && w.size() <= 4 + 3) return true;
  if (w == "sqrt" && !rest.empty() && rest[0] == '(') return true;
  // a single letter, alone or applied: f(x), N(n,l), C(n,k)
  if (w.size() == 1 && w != "a" && w != "A" && w != "I") return true;
  if (w.size() == 1 && !rest.empty() && rest[0] == '(') return true;
  return false;
}

}  // namespace

std::string latex_text(const std::string& s) {
  // Tokens at spaces; a math token keeps its group open while its brackets are open ("E[sigma(u) sigma(v)]").
  struct Piece {
    bool math;
    std::string text;
    bool space_before;
  };
  std::vector<Piece> ps;
  int depth = 0, angle = 0;
  bool in_math = false;
  std::size_t i = 0;
  for (bool first = true; i <= s.size(); first = false) {
    std::size_t e = s.find(' ', i);
    if (e == std::string::npos) e = s.size();
    const std::string tok = s.substr(i, e - i);
    const bool space = !first;
    // a number right after a math operator belongs to the math: "n = 10"
    const bool number_after_op = !ps.empty() && ps.back().math && !ps.back().text.empty() &&
                                 std::string("=<>+-*/").find(ps.back().text.back()) != std::string::npos &&
                                 !tok.empty() && tok.find_first_not_of("0123456789./-") == std::string::npos;
    const bool math = depth > 0 ? in_math : (math_token(tok) || number_after_op);
    std::string body = tok, trail;
    if (math) {
      int unmatched = 0;  // closing brackets of a group opened before the math ("(Var = 1, Cov = var rho)")
      for (std::size_t k = 0; k < body.size(); ++k) {
        const char c = body[k];
        if (c == '(' || c == '[' || c == '{') ++depth;
        else if ((c == ')' || c == ']' || c == '}') && depth > 0) --depth;
        else if (c == ')' || c == ']' || c == '}') ++unmatched;
        else if (c == '<' && k > 0 && body[k - 1] == 'E') ++depth, ++angle;
        else if (c == '>' && angle > 0 && depth > 0) --depth, --angle;
      }
      // trailing punctuation, and closers of a group the text opened, after a closed math group stay text
      // ("W_k," -> "$W_k$,", "rho)," -> "$\rho$),")
      while (depth == 0 && !body.empty() &&
             (std::string(",;:.").find(body.back()) != std::string::npos ||
              (unmatched > 0 && std::string(")]}").find(body.back()) != std::string::npos))) {
        if (std::string(")]}").find(body.back()) != std::string::npos) --unmatched;
        trail.insert(trail.begin(), body.back());
        body.pop_back();
      }
      if (!ps.empty() && ps.back().math && space) ps.back().text += " " + body;
      else ps.push_back({true, body, space});
      if (!trail.empty()) ps.push_back({false, trail, false});
    } else {
      if (!ps.empty() && !ps.back().math) ps.back().text += (space ? " " : "") + tok;
      else ps.push_back({false, tok, space});
    }
    in_math = math;
    i = e + 1;
  }
  std::string o;
  for (const Piece& p : ps) {
    if (p.space_before && !o.empty()) o += ' ';
    if (p.math) {
      o += "$" + math_of(p.text) + "$";
      continue;
    }
    // long names (function specs, lists) may break after : , = so that narrow tables never overflow
    std::string t = latex_escape(p.text), b;
    for (std::size_t k = 0; k < t.size(); ++k) {
      b += t[k];
      if ((t[k] == ':' || t[k] == ',' || t[k] == '=' || t[k] == '/') && k + 1 < t.size() && t[k + 1] != ' ') b += "\\allowbreak{}";
    }
    o += b;
  }
  return o;
}

std::string to_text(const Document& doc, std::span<const Formula> registry, const NumberFormat& f) {
  std::string out;
  for (const auto& t : doc.tables) {
    out += t.caption + "\n";
    std::vector<std::size_t> width(t.columns.size(), 0);
    std::vector<std::vector<std::string>> cells;
    for (std::size_t j = 0; j < t.columns.size(); ++j) width[j] = header_name(t.columns[j]).size();
    for (const auto& r : t.rows) {
      std::vector<std::string> line;
      for (std::size_t j = 0; j < r.size(); ++j) {
        line.push_back(display_cell(r[j], f).text);
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
    for (const auto& n : number_notes(t, f)) out += "  note: " + n + "\n";
    out += "\n";
  }
  for (const Formula* fo : cited_formulas(doc, registry)) out += formula_line(*fo) + "\n";
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

std::string machine_key(const std::string& name) {
  std::string head = name;
  if (const auto eq = head.find(" = "); eq != std::string::npos && eq > 0) head = head.substr(0, eq);
  std::string k;
  bool sep = false;
  for (const char ch : head) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c)) {
      if (sep && !k.empty()) k += '_';
      sep = false;
      k += static_cast<char>(std::tolower(c));
    } else {
      sep = true;
    }
  }
  if (k.empty()) k = "column";
  if (std::isdigit(static_cast<unsigned char>(k[0]))) k = "c" + k;
  return k;
}

std::vector<std::string> column_keys(const Table& t) {
  std::vector<std::string> keys;
  std::set<std::string> used;
  for (const auto& c : t.columns) {
    const std::string base = c.key.empty() ? machine_key(c.name) : c.key;
    std::string k = base;
    for (int n = 2; !used.insert(k).second; ++n) k = base + "_" + std::to_string(n);
    keys.push_back(k);
  }
  return keys;
}

namespace {
/** A double with 17 significant digits (reads back exactly), "" when not finite. */
std::string csv_double(double x) { return std::isfinite(x) ? fmt::format("{:.17g}", x) : ""; }
}  // namespace

std::string to_csv_table(const Table& t, const NumberFormat& f) {
  const std::vector<std::string> keys = column_keys(t);
  const std::size_t ncol = t.columns.size();
  // Which sub-columns each column needs, from the kinds of its cells.
  struct Need { bool value = false, exact = false, ball = false, stderr_ = false; };
  std::vector<Need> need(ncol);
  for (const auto& r : t.rows)
    for (std::size_t j = 0; j < r.size() && j < ncol; ++j)
      if (const auto* v = std::get_if<Value>(&r[j])) {
        need[j].value = true;
        if (v->kind() == Kind::exact) need[j].exact = true;
        if (v->kind() == Kind::ball) need[j].ball = true;
        if (v->kind() == Kind::floating && v->stderr_value()) need[j].stderr_ = true;
      }
  std::vector<std::string> head;
  for (std::size_t j = 0; j < ncol; ++j) {
    head.push_back(keys[j]);
    if (!need[j].value) continue;
    if (need[j].exact) head.push_back(keys[j] + "_exact");
    if (need[j].ball) {
      head.push_back(keys[j] + "_mid");
      head.push_back(keys[j] + "_rad");
    }
    if (need[j].stderr_) head.push_back(keys[j] + "_stderr");
    head.push_back(keys[j] + "_display");
  }
  std::string out;
  for (std::size_t j = 0; j < head.size(); ++j) out += (j ? "," : "") + csv_escape(head[j]);
  out += "\n";
  for (const auto& r : t.rows) {
    std::vector<std::string> f_;
    for (std::size_t j = 0; j < ncol; ++j) {
      const Cell* c = j < r.size() ? &r[j] : nullptr;
      const Value* v = c ? std::get_if<Value>(c) : nullptr;
      if (!need[j].value) {
        f_.push_back(c ? cell_text(*c) : "");
        continue;
      }
      std::string dec, ex, mid, rad, se, disp;
      if (v) {
        disp = display_cell(*c, f).text;
        switch (v->kind()) {
          case Kind::exact:
            dec = csv_double(v->exact().to_double());
            ex = v->exact().str();
            break;
          case Kind::ball:
            dec = csv_double(v->ball().mid_double());
            if (const auto mr = ball_mid_rad(v->ball())) {
              mid = v->ball().mid_exact_str();
              rad = v->ball().rad_str();
            }
            break;
          case Kind::floating:
            dec = csv_double(v->floating());
            if (v->stderr_value()) se = csv_double(*v->stderr_value());
            break;
        }
      } else if (c) {
        // a text or integer cell in a value column: integers are numbers, text is not
        if (const auto* i = std::get_if<long long>(c)) dec = std::to_string(*i), disp = dec;
        else disp = cell_text(*c);
      }
      f_.push_back(dec);
      if (need[j].exact) f_.push_back(ex);
      if (need[j].ball) {
        f_.push_back(mid);
        f_.push_back(rad);
      }
      if (need[j].stderr_) f_.push_back(se);
      f_.push_back(disp);
    }
    for (std::size_t j = 0; j < f_.size(); ++j) out += (j ? "," : "") + csv_escape(f_[j]);
    out += "\n";
  }
  return out;
}

std::string to_csv(const Document& doc, const NumberFormat& f) {
  std::string out;
  bool first = true;
  for (const auto& t : doc.tables) {
    if (!first) out += "\n";
    first = false;
    if (doc.tables.size() > 1) out += "# " + t.name + "\n";
    out += to_csv_table(t, f);
  }
  return out;
}

std::string to_markdown(const Document& doc, std::span<const Formula> registry, const NumberFormat& nf) {
  std::string out;
  for (const auto& t : doc.tables) {
    out += "**" + md_escape(t.caption) + "**\n\n|";
    for (const auto& c : t.columns) out += " " + md_escape(header_name(c)) + " |";
    out += "\n|";
    for (std::size_t j = 0; j < t.columns.size(); ++j) out += "---|";
    out += "\n";
    for (const auto& r : t.rows) {
      out += "|";
      for (const auto& c : r) out += " " + md_escape(display_cell(c, nf).text) + " |";
      out += "\n";
    }
    for (const auto& n : t.notes) out += "\n_Note:_ " + md_escape(n) + "\n";
    for (const auto& n : number_notes(t, nf)) out += "\n_Note:_ " + md_escape(n) + "\n";
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

std::string html_escape(const std::string& s) {
  std::string o;
  for (char c : s) {
    switch (c) {
      case '&': o += "&amp;"; break;
      case '<': o += "&lt;"; break;
      case '>': o += "&gt;"; break;
      case '"': o += "&quot;"; break;
      default: o += c;
    }
  }
  return o;
}

std::string to_html(const Document& doc, std::span<const Formula> registry, const NumberFormat& nf,
                    const std::string& proofs_href) {
  std::string out;
  if (!doc.parameters.empty() || doc.seed || doc.prec) {
    out += "<p class=\"params\">";
    std::string sep;
    for (const auto& [k, v] : doc.parameters) {
      out += sep + html_escape(k) + " = <code>" + html_escape(v) + "</code>";
      sep = ", ";
    }
    if (doc.seed) out += sep + "seed = " + std::to_string(*doc.seed), sep = ", ";
    if (doc.prec) out += sep + "prec = " + std::to_string(*doc.prec) + " bits";
    out += "</p>\n";
  }
  for (const auto& t : doc.tables) {
    out += "<table>\n<caption>" + html_escape(t.caption) + "</caption>\n<tr>";
    for (const auto& c : t.columns) out += "<th>" + html_escape(header_name(c)) + "</th>";
    out += "</tr>\n";
    for (const auto& r : t.rows) {
      out += "<tr>";
      for (const auto& c : r) {
        const std::string text = display_cell(c, nf).text;
        const bool vacuous = text == "VACUOUS";
        out += vacuous ? "<td class=\"vacuous\">" : "<td>";
        out += html_escape(text) + "</td>";
      }
      out += "</tr>\n";
    }
    out += "</table>\n";
    for (const auto& n : t.notes) out += "<p class=\"note\">" + html_escape(n) + "</p>\n";
    for (const auto& n : number_notes(t, nf)) out += "<p class=\"note\">" + html_escape(n) + "</p>\n";
  }
  const auto cited = cited_formulas(doc, registry);
  if (!cited.empty()) {
    out += "<ul class=\"formulas\">\n";
    for (const Formula* f : cited) {
      out += "<li><code>" + html_escape(std::string(f->id)) + "</code> [" + html_escape(std::string(to_string(f->tag))) + "] " +
             html_escape(std::string(f->statement)) + " (";
      const std::string source(f->source), proof(f->proof);
      const std::string link = proofs_href.empty() || proof.empty()
                                   ? html_escape(proof)
                                   : "<a href=\"" + html_escape(proofs_href + proof) + "\">" + html_escape(proof) + "</a>";
      // the proof anchor linked where the source names it, else after the source
      if (const auto at = proof.empty() ? std::string::npos : source.find(proof); at != std::string::npos)
        out += html_escape(source.substr(0, at)) + link + html_escape(source.substr(at + proof.size()));
      else
        out += html_escape(source) + (proof.empty() ? "" : "; " + link);
      out += ")</li>\n";
    }
    out += "</ul>\n";
  }
  return out;
}

void parse_latex_rationals(const std::string& text, LatexOptions& opt) {
  if (text == "frac") {
    opt.fractions = true;
    return;
  }
  if (text.rfind("decimal:", 0) == 0) {
    const std::string n = text.substr(8);
    int d = 0;
    bool ok = !n.empty() && n.size() <= 4 && n.find_first_not_of("0123456789") == std::string::npos;
    if (ok) d = std::stoi(n);
    if (ok && d >= 1 && d <= 1000) {
      opt.fractions = false;
      opt.digits = d;
      return;
    }
  }
  throw input_error("--latex-rationals: requires \"frac\" or \"decimal:N\" with 1 <= N <= 1000, got \"" + text + "\"");
}

namespace {

/** How a cell renders in LaTeX: a number siunitx can parse (S column), a fraction (math), or text. */
struct LatexPiece {
  enum class Kind { number, math, text } kind;
  std::string text;
};

/** "-p/q" as \tfrac (text-size, so rows keep their height): "-\tfrac{p}{q}" in math mode. */
std::string latex_fraction(const std::string& pq) {
  const bool neg = !pq.empty() && pq[0] == '-';
  const std::string body = neg ? pq.substr(1) : pq;
  const auto slash = body.find('/');
  return std::string(neg ? "-" : "") + "\\tfrac{" + body.substr(0, slash) + "}{" + body.substr(slash + 1) + "}";
}

/** Text cells longer than this stay text (prose with a formula in it, such as a source or a summary). */
constexpr std::size_t kLatexMathCellChars = 60;

/** True when a math group of latex_text's output holds words (\mathrm{word} of 4+ lower-case letters): prose. */
bool prose_in_math(const std::string& latex) {
  bool in_math = false;
  for (std::size_t k = 0; k < latex.size(); ++k) {
    if (latex[k] == '$' && (k == 0 || latex[k - 1] != '\\')) in_math = !in_math;
    if (!in_math || latex.compare(k, 8, "\\mathrm{") != 0) continue;
    std::size_t e = k + 8, letters = 0;
    while (e < latex.size() && std::islower(static_cast<unsigned char>(latex[e]))) ++e, ++letters;
    if (letters >= 4 && e < latex.size() && latex[e] == '}') return true;
  }
  return false;
}

LatexPiece latex_piece(const Cell& c, const LatexOptions& opt) {
  using K = LatexPiece::Kind;
  const DisplayedCell d = display_cell(c, opt);
  switch (d.kind) {
    case DisplayedCell::Kind::number: return {K::number, d.text};
    case DisplayedCell::Kind::fraction: return {K::math, latex_fraction(d.text)};
    case DisplayedCell::Kind::text: break;
  }
  // text with ASCII math (E[f^2], W_k, CP_{B_n}(...), sigma <= 1/2) typeset as the headers are: math in $...$, words as
  // text; names, specs, paths and identifiers stay text (latex_text leaves them alone)
  if (d.text.find('$') == std::string::npos && d.text.size() <= kLatexMathCellChars) {
    const std::string m = latex_text(d.text);
    if (m.find('$') != std::string::npos && !prose_in_math(m)) return {K::text, m};
  }
  // text: long names, paths and digit strings may break (after / . _ # : , = and every 10 digits) so that a
  // paragraph column never overflows
  std::string t;
  int run = 0;
  const std::string& x = d.text;
  for (std::size_t k = 0; k < x.size(); ++k) {
    std::size_t len = 1;
    const auto b = static_cast<unsigned char>(x[k]);
    if (b >= 0x80) len = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
    t += latex_escape(x.substr(k, len));
    const char ch = x[k];
    k += len - 1;
    run = std::isdigit(static_cast<unsigned char>(ch)) ? run + 1 : 0;
    const bool next_visible = k + 1 < x.size() && x[k + 1] != ' ';
    if (next_visible && (std::string("/._#:,=").find(ch) != std::string::npos || run == 10)) {
      t += "\\allowbreak{}";
      run = 0;
    }
  }
  return {K::text, t};
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

/** A formula id in \texttt that may break after its dots and underscores (narrow tables never overflow). */
std::string latex_id(const std::string& id) {
  std::string o;
  for (const char c : id) {
    o += latex_escape(std::string(1, c));
    if (c == '.' || c == '_') o += "\\allowbreak{}";
  }
  return o;
}

/** The LaTeX of table `k` of `doc` (a table float with threeparttable, or a longtable). */
std::string latex_table(const Table& t, std::span<const Formula> registry, const LatexOptions& opt) {
  std::string out;
  const std::size_t ncol = t.columns.size();
  std::vector<std::vector<LatexPiece>> pieces;
  std::vector<bool> numeric(ncol, !t.rows.empty()), any_number(ncol, false);
  for (const auto& r : t.rows) {
    std::vector<LatexPiece> line;
    for (std::size_t j = 0; j < r.size() && j < ncol; ++j) {
      line.push_back(latex_piece(r[j], opt));
      if (line.back().kind == LatexPiece::Kind::number) any_number[j] = true;
      if (line.back().kind == LatexPiece::Kind::text) numeric[j] = false;
    }
    pieces.push_back(std::move(line));
  }
  for (std::size_t j = 0; j < ncol; ++j) numeric[j] = numeric[j] && any_number[j];
  const std::vector<std::string> ids = table_formula_ids(t);
  auto marker = [&](const std::string& id) {
    const auto it = std::find(ids.begin(), ids.end(), id);
    return "\\textsuperscript{" + marker_name(static_cast<std::size_t>(it - ids.begin())) + "}";
  };
  // Visible widths (characters, commands not counted) of each column's longest cell and header.
  auto visible = [](const std::string& x) {
    std::size_t n = 0;
    for (std::size_t k = 0; k < x.size(); ++k) {
      if (x[k] == '\\') {
        while (k + 1 < x.size() && std::isalpha(static_cast<unsigned char>(x[k + 1]))) ++k;
        continue;
      }
      if (x[k] != '{' && x[k] != '}' && x[k] != '$') ++n;
    }
    return n;
  };
  std::vector<std::size_t> longest(ncol, 0);
  std::size_t total = 0, text_total = 0;
  for (std::size_t j = 0; j < ncol; ++j) {
    longest[j] = std::max<std::size_t>(visible(latex_header_name(t.columns[j])), 1);
    for (const auto& line : pieces)
      if (j < line.size()) longest[j] = std::max(longest[j], visible(line[j].text));
    total += longest[j] + 2;
    if (!numeric[j] && longest[j] > 16) text_total += longest[j];
  }
  // A longtable cannot be scaled: when its columns would not fit the line (about 90 characters at 10pt), its text
  // columns become ragged-right paragraphs sharing the width the number columns leave, in proportion to their text.
  const bool squeeze = t.rows.size() > kLongtableRows && total > 90 && text_total > 0;
  std::size_t others = 0;  // columns that keep their natural width, with their padding
  for (std::size_t j = 0; j < ncol; ++j) others += (!numeric[j] && longest[j] > 16) ? 2 : longest[j] + 2;
  const double text_share = squeeze ? std::max(0.3, 0.85 - static_cast<double>(others) / 90.0) : 0;
  // the paragraph columns' widths: in proportion to their text, at least kFloor of the line each (an identifier
  // must fit); when the floors push the sum past text_share, the wider columns give up the excess in proportion to
  // what they have above the floor, so the table never runs past the line
  constexpr double kFloor = 0.17;
  std::vector<double> widths(ncol, 0);
  if (squeeze) {
    double sum = 0, above = 0;
    for (std::size_t j = 0; j < ncol; ++j)
      if (!numeric[j] && longest[j] > 16) {
        widths[j] = std::max(kFloor, text_share * static_cast<double>(longest[j]) / static_cast<double>(text_total));
        sum += widths[j];
        above += widths[j] - kFloor;
      }
    if (sum > text_share)
      for (std::size_t j = 0; j < ncol; ++j)
        if (widths[j] > 0)
          widths[j] = above > sum - text_share ? widths[j] - (sum - text_share) * (widths[j] - kFloor) / above
                                               : widths[j] * text_share / sum;
  }
  std::string spec;
  for (std::size_t j = 0; j < ncol; ++j) {
    if (!numeric[j]) {
      if (squeeze && longest[j] > 16) {
        spec += fmt::format(">{{\\raggedright\\arraybackslash}}p{{{:.3f}\\linewidth}}", widths[j]);
        continue;
      }
      spec += longest[j] > kLatexWrapChars ? ">{\\raggedright\\arraybackslash}p{" + std::to_string(kLatexWrapEm) + "em}" : "l";
      continue;
    }
    std::vector<std::string> numbers;
    for (const auto& line : pieces)
      if (j < line.size() && line[j].kind == LatexPiece::Kind::number) numbers.push_back(line[j].text);
    spec += "S[table-format=" + siunitx_table_format(numbers) + "]";
  }
  std::string head;
  for (std::size_t j = 0; j < ncol; ++j) {
    std::string h = latex_header_name(t.columns[j]);
    if (!t.columns[j].formula_id.empty()) h += marker(t.columns[j].formula_id);
    head += (j ? " & " : "") + (numeric[j] ? "{" + h + "}" : h);
  }
  head += " \\\\\n";
  std::string body;
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    std::string row_marks;
    for (std::size_t j = 0; j < ncol; ++j) {
      const std::string& id = formula_of(t, i, j);
      if (!id.empty() && id != t.columns[j].formula_id) row_marks += marker(id);
    }
    bool marked = row_marks.empty();
    for (std::size_t j = 0; j < pieces[i].size(); ++j) {
      const LatexPiece& p = pieces[i][j];
      std::string s;
      if (p.kind == LatexPiece::Kind::number) s = numeric[j] ? p.text : "\\num{" + p.text + "}";
      else if (p.kind == LatexPiece::Kind::math) s = numeric[j] ? "{$" + p.text + "$}" : "$" + p.text + "$";
      else s = p.text;
      if (!marked && !numeric[j]) {
        s += row_marks;
        marked = true;
      }
      body += (j ? " & " : "") + s;
    }
    body += " \\\\\n";
  }
  // Notes: every formula with its tag and source; reconstructed ones flagged; the table's notes; the number rule.
  std::vector<std::string> notes;
  bool any_reconstructed = false;
  for (std::size_t k = 0; k < ids.size(); ++k) {
    const Formula& f = find_formula(registry, ids[k]);
    const bool rec = f.tag == Tag::reconstructed;
    any_reconstructed = any_reconstructed || rec;
    notes.push_back("\\textsuperscript{" + marker_name(k) + "}\\,\\texttt{" + latex_id(std::string(f.id)) + "} (" +
                    std::string(to_string(f.tag)) + (rec ? "$^\\dagger$" : "") + "; " + latex_breakable_path(latex_escape(std::string(f.source))) + ")");
  }
  if (any_reconstructed)
    notes.push_back("$^\\dagger$\\,reconstructed: the standard form of the result; the paper's exact constants may differ.");
  for (const auto& n : t.notes) notes.push_back(latex_text(n));
  for (const auto& n : number_notes(t, opt)) notes.push_back(latex_escape(n));
  const std::string caption = t.caption_latex.empty() ? latex_text(t.caption) : t.caption_latex;
  const std::string label = t.label.empty() ? "tab:" + t.name : t.label;
  if (t.rows.size() > kLongtableRows) {
    // A long table breaks across pages with its header repeated; its notes follow it at the line's width.
    out += "\\begingroup\n\\setlength{\\LTcapwidth}{\\linewidth}\n\\begin{longtable}{" + spec + "}\n\\caption{" + caption +
           "}\\label{" + label + "}\\\\\n\\toprule\n" + head + "\\midrule\n\\endfirsthead\n\\multicolumn{" +
           std::to_string(ncol) + "}{l}{\\tablename~\\thetable{} (continued)}\\\\\n\\toprule\n" + head +
           "\\midrule\n\\endhead\n\\midrule\n\\multicolumn{" + std::to_string(ncol) +
           "}{r}{(continued on the next page)}\\\\\n\\endfoot\n\\bottomrule\n\\endlastfoot\n" + body + "\\end{longtable}\n";
    if (!notes.empty()) {
      out += "{\\footnotesize\\raggedright\n";
      for (const auto& n : notes) out += n + "\\par\n";
      out += "}\n";
    }
    out += "\\endgroup\n";
    return out;
  }
  // A float: caption above at the line's width with its skip below (the article class skips only above a caption),
  // the tabular scaled down to the line only when wider (adjustbox max width, a last resort), notes at the table's
  // width (threeparttable), ragged right.
  out += "\\begin{table}[htbp]\n\\centering\n\\setlength{\\abovecaptionskip}{0pt}\\setlength{\\belowcaptionskip}{6pt}\n"
         "\\caption{" + caption + "}\n\\label{" + label +
         "}\n\\begin{adjustbox}{max width=\\linewidth}\n\\begin{threeparttable}\n\\begin{tabular}{" + spec + "}\n\\toprule\n" + head + "\\midrule\n" + body + "\\bottomrule\n\\end{tabular}\n";
  if (!notes.empty()) {
    out += "\\begin{tablenotes}[flushleft]\\footnotesize\\raggedright\n";
    for (const auto& n : notes) out += "\\item[] " + n + "\n";
    out += "\\end{tablenotes}\n";
  }
  out += "\\end{threeparttable}\n\\end{adjustbox}\n\\end{table}\n";
  return out;
}

std::string latex_head_comment(const Document& doc) {
  return "% generated by gdcert " + gdcert_version() + " (" + source_revision() + "): " + latex_escape(doc.command_line) +
         "\n% requires \\usepackage{" + kLatexPackages + "}\n";
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
  std::string out = latex_head_comment(doc);
  for (const auto& t : doc.tables) out += latex_table(t, registry, opt);
  for (const Formula* f : cited_formulas(doc, registry)) out += "% " + formula_line(*f) + "\n";
  return out;
}

std::string to_latex_table(const Document& doc, std::size_t table, std::span<const Formula> registry, const LatexOptions& opt) {
  GDCERT_ASSERT(table < doc.tables.size(), "to_latex_table: no such table");
  std::string out = latex_head_comment(doc) + latex_table(doc.tables[table], registry, opt);
  Document one;
  one.tables.push_back(doc.tables[table]);
  for (const Formula* f : cited_formulas(one, registry)) out += "% " + formula_line(*f) + "\n";
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

std::string render(const Document& doc, Format f, std::span<const Formula> registry, const NumberFormat& numbers) {
  switch (f) {
    case Format::text: return to_text(doc, registry, numbers);
    case Format::json: return to_json(doc, registry);
    case Format::csv: return to_csv(doc, numbers);
    case Format::markdown: return to_markdown(doc, registry, numbers);
    case Format::latex: return to_latex(doc, registry, numbers);
    case Format::jsonl: return to_jsonl(doc, registry);
  }
  return "";
}

}  // namespace gdcert::report
