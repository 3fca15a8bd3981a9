// gdcert bound: list the registered bounds (id, tag, source) and evaluate one; a parameter given as a comma list
// tabulates the bound over the Cartesian product (e.g. --param n=8,16,32 --param k=1,2,3 for parities).
#include <memory>

#include "api/formulas.hpp"
#include "bounds/all.hpp"
#include "report/views.hpp"
#include "exact/text.hpp"
#include "exact/errors.hpp"

namespace gdcert::report {


namespace {

const Formula* formula_of(std::string_view id) {
  for (const auto& f : api::all_formulas())
    if (f.id == id) return &f;
  return nullptr;
}

}  // namespace

Document bound_document(bool list, const std::string& id, const std::vector<std::string>& params, long prec) {
  const auto all = bounds::all_bounds();
  Document doc;
  doc.verb = "bound";
  if (list || id.empty()) {
    Table t{"bounds", "Registered bounds", {{"id", "", ""}, {"tag", "", ""}, {"source", "", ""}, {"summary", "", ""},
                                            {"parameters", "", ""}}, {}, {}};
    for (const auto& e : all) {
      const Formula* f = formula_of(e.formula_id);
      std::string ps;
      for (const auto& p : e.params)
        ps += (ps.empty() ? "" : " ") + std::string(p.name) + (p.default_value.empty() ? "" : "=" + std::string(p.default_value));
      t.rows.push_back({std::string(e.formula_id), std::string(f ? to_string(f->tag) : "?"),
                        std::string(f ? f->source : "?"), std::string(e.summary), ps});
    }
    doc.tables.push_back(std::move(t));
    Table ft{"formulas", "Every formula (id, tag, source); the bounds above can be evaluated",
             {{"id", "", ""}, {"tag", "", ""}, {"source", "", ""}, {"proof", "", ""}}, {}, {}};
    for (const auto& f : api::all_formulas())
      ft.rows.push_back({std::string(f.id), std::string(to_string(f.tag)), std::string(f.source), std::string(f.proof)});
    doc.tables.push_back(std::move(ft));
    return doc;
  }
  doc.prec = prec;
  const bounds::BoundEntry& e = bounds::find_bound(all, id);
  // Parameters; comma lists become grid axes (in the order given).
  std::vector<std::pair<std::string, std::vector<std::string>>> axes;
  bounds::BoundArgs fixed;
  for (const auto& p : params) {
    const std::size_t eq = p.find('=');
    if (eq == std::string::npos || eq == 0) throw usage_error("bound --param: requires k=v, got \"" + p + "\"");
    const std::string k = p.substr(0, eq), v = p.substr(eq + 1);
    const bool list_valued = v.find(',') != std::string::npos && k != "levels";
    if (list_valued) axes.push_back({k, split_list(v)});
    else fixed[k] = v;
  }
  doc.parameters.push_back({"id", id});
  for (const auto& [k, v] : fixed) doc.parameters.push_back({k, v});
  std::vector<std::size_t> idx(axes.size(), 0);
  std::size_t total = 1;
  for (const auto& a : axes) total *= a.second.size();
  if (total > 100000) throw resource_error("bound: grid of " + std::to_string(total) + " points exceeds 100000");
  Table t{"bound", std::string(e.summary), {}, {}, {}};
  for (const auto& a : axes) t.columns.push_back({a.first, "", ""});
  bool first = true;
  for (std::size_t g = 0; g < total; ++g) {
    bounds::BoundArgs args = fixed;
    std::size_t r = g;
    std::vector<Cell> row;
    for (std::size_t i = axes.size(); i-- > 0;) {
      idx[i] = r % axes[i].second.size();
      r /= axes[i].second.size();
    }
    for (std::size_t i = 0; i < axes.size(); ++i) {
      args[axes[i].first] = axes[i].second[idx[i]];
      row.push_back(axes[i].second[idx[i]]);
    }
    const bounds::BoundOutputs out = e.evaluate(bounds::complete_args(e, args), prec);
    if (first) {
      for (const auto& o : out) t.columns.push_back({o.first, "", std::string(e.formula_id)});
      first = false;
    }
    for (const auto& o : out) row.push_back(o.second);
    t.rows.push_back(std::move(row));
  }
  if (const Formula* f = formula_of(e.formula_id))
    t.notes.push_back(std::string("[") + std::string(to_string(f->tag)) + "] " + std::string(f->statement) + " (" +
                      std::string(f->source) + ")");
  doc.tables.push_back(std::move(t));
  return doc;
}

}  // namespace gdcert::report
