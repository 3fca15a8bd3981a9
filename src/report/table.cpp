#include "report/table.hpp"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "alignment/inal.hpp"
#include "bounds/noisy_gd.hpp"
#include "boolean/walsh.hpp"
#include "bounds/depth_separation.hpp"
#include "exact/versions.hpp"
#include "kernels/dual.hpp"
#include "radial/mixture.hpp"
#include "radial/radial.hpp"

namespace gdcert::report {

std::span<const Formula> all_formulas() {
  static const std::vector<Formula> all = [] {
    std::vector<Formula> v;
    for (const auto& f : boolean::walsh_formulas()) v.push_back(f);
    for (const auto& f : alignment::alignment_formulas()) v.push_back(f);
    for (const auto& f : kernels::kernel_formulas()) v.push_back(f);
    for (const auto& f : bounds::noisy_gd_formulas()) v.push_back(f);
    for (auto t : {radial::radial_formulas(), radial::mixture_formulas(), bounds::depth_separation_formulas()}) v.insert(v.end(), t.begin(), t.end());
    return v;
  }();
  return all;
}

std::vector<const Formula*> cited_formulas(const Document& doc, std::span<const Formula> registry) {
  std::vector<const Formula*> out;
  std::set<std::string> seen;
  for (const auto& t : doc.tables)
    for (const auto& c : t.columns)
      if (!c.formula_id.empty() && seen.insert(c.formula_id).second) out.push_back(&find_formula(registry, c.formula_id));
  return out;
}

std::string cell_text(const Cell& c) {
  if (const auto* s = std::get_if<std::string>(&c)) return *s;
  if (const auto* i = std::get_if<long long>(&c)) return std::to_string(*i);
  return std::get<Value>(c).str();
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

nlohmann::ordered_json value_json(const Value& v) {
  nlohmann::ordered_json j;
  j["kind"] = std::string(to_string(v.kind()));
  switch (v.kind()) {
    case Kind::exact: j["value"] = v.exact().str(); break;
    case Kind::ball:
      j["value"] = v.ball().str(30);
      j["mid"] = v.ball().mid_str(30);
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

std::string latex_escape(const std::string& in) {
  // The only non-ASCII text gdcert writes is "±"; map it before escaping so pdflatex needs no inputenc.
  std::string s;
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in.compare(i, 2, "\u00b1") == 0) {
      s += '\x01';
      ++i;
    } else {
      s += in[i];
    }
  }
  std::string o;
  for (char c : s) {
    switch (c) {
      case '&': case '%': case '$': case '#': case '_': case '{': case '}': o += '\\'; o += c; break;
      case '~': o += "\\textasciitilde{}"; break;
      case '\x01': o += "$\\pm$"; break;
      case '^': o += "\\textasciicircum{}"; break;
      case '\\': o += "\\textbackslash{}"; break;
      default: o += c;
    }
  }
  return o;
}

std::string header_name(const Column& c) { return c.unit.empty() ? c.name : c.name + " [" + c.unit + "]"; }

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
      cols.push_back({{"name", c.name}, {"unit", c.unit}, {"formula", c.formula_id.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(c.formula_id)}});
    tj["columns"] = cols;
    nlohmann::ordered_json rows = nlohmann::ordered_json::array();
    for (const auto& r : t.rows) {
      nlohmann::ordered_json rj = nlohmann::ordered_json::array();
      for (const auto& c : r) rj.push_back(cell_json(c));
      rows.push_back(rj);
    }
    tj["rows"] = rows;
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
  for (const Formula* f : cited_formulas(doc, registry)) out += "- " + md_escape(formula_line(*f)) + "\n";
  return out;
}

std::string to_latex(const Document& doc, std::span<const Formula> registry, const LatexOptions& opt) {
  std::string out = "% generated by gdcert " + gdcert_version() + " (" + source_revision() + "): " +
                    latex_escape(doc.command_line) + "\n% requires \\usepackage{booktabs}\n";
  for (const auto& t : doc.tables) {
    out += "\\begin{table}[ht]\n\\centering\n\\caption{" + latex_escape(t.caption) + "}\n\\label{tab:" + t.name +
           "}\n\\begin{tabular}{" + std::string(t.columns.size(), 'l') + "}\n\\toprule\n";
    for (std::size_t j = 0; j < t.columns.size(); ++j)
      out += (j ? " & " : "") + latex_escape(header_name(t.columns[j]));
    out += " \\\\\n\\midrule\n";
    for (const auto& r : t.rows) {
      for (std::size_t j = 0; j < r.size(); ++j) {
        std::string s;
        if (const auto* v = std::get_if<Value>(&r[j]); v && v->kind() == Kind::exact)
          s = "$" + (opt.exact_as_decimal ? v->exact().decimal(opt.decimal_digits) : v->exact().latex()) + "$";
        else
          s = latex_escape(cell_text(r[j]));
        out += (j ? " & " : "") + s;
      }
      out += " \\\\\n";
    }
    out += "\\bottomrule\n\\end{tabular}\n\\end{table}\n";
  }
  for (const Formula* f : cited_formulas(doc, registry)) out += "% " + formula_line(*f) + "\n";
  return out;
}

std::string render(const Document& doc, Format f, std::span<const Formula> registry) {
  switch (f) {
    case Format::text: return to_text(doc, registry);
    case Format::json: return to_json(doc, registry);
    case Format::csv: return to_csv(doc);
    case Format::markdown: return to_markdown(doc, registry);
    case Format::latex: return to_latex(doc, registry);
  }
  return "";
}

}  // namespace gdcert::report
