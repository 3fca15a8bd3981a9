// gdcert bound: lays out the registered bounds (id, tag, source) and the formula registry (api::bound_list), or one
// bound evaluated over the product of its comma-list parameters (api::bound).
#include <algorithm>

#include "api/bound.hpp"
#include "api/formulas.hpp"
#include "report/views.hpp"

namespace gdcert::report {

Document bound_document(const std::vector<api::BoundListing>& list) {
  Document doc;
  doc.verb = "bound";
  Table t{"bounds", "Registered bounds", {{"id", "", ""}, {"tag", "", ""}, {"source", "", ""}, {"summary", "", ""},
                                          {"parameters", "", ""}}, {}, {}};
  for (const auto& e : list) {
    std::string ps;
    for (const auto& p : e.params)
      ps += (ps.empty() ? "" : " ") + p.name + (p.default_value.empty() ? "" : "=" + p.default_value);
    t.rows.push_back({e.id, std::string(e.formula ? to_string(e.formula->tag) : "?"),
                      std::string(e.formula ? e.formula->source : "?"), e.summary, ps});
  }
  doc.tables.push_back(std::move(t));
  Table ft{"formulas", "Every formula (id, tag, source); the bounds above can be evaluated",
           {{"id", "", ""}, {"tag", "", ""}, {"source", "", ""}, {"proof", "", ""}}, {}, {}};
  for (const auto& f : api::all_formulas())
    ft.rows.push_back({std::string(f.id), std::string(to_string(f.tag)), std::string(f.source), std::string(f.proof)});
  doc.tables.push_back(std::move(ft));
  return doc;
}

Document bound_document(const api::BoundTable& b) {
  Document doc;
  doc.verb = "bound";
  doc.prec = b.prec;
  doc.parameters.push_back({"id", b.id});
  for (const auto& [k, v] : b.fixed) doc.parameters.push_back({k, v});
  Table t{"bound", b.summary, {}, {}, {}};
  for (const auto& a : b.axes) t.columns.push_back({a, "", ""});
  for (const auto& o : b.outputs) t.columns.push_back({o, "", b.id});
  std::vector<std::string> reasons;  // each distinct reason an output has no value, once
  for (const auto& p : b.points) {
    std::vector<Cell> row(p.at.begin(), p.at.end());
    for (const auto& v : p.values) {
      if (v.value) {
        row.push_back(v.value->value);
        continue;
      }
      row.push_back(std::string("none"));
      const std::string why = v.name + ": " + v.absent;
      if (std::find(reasons.begin(), reasons.end(), why) == reasons.end()) reasons.push_back(why);
    }
    t.rows.push_back(std::move(row));
  }
  for (const auto& r : reasons) t.notes.push_back(r);
  if (const Formula* f = b.formula)
    t.notes.push_back(std::string("[") + std::string(to_string(f->tag)) + "] " + std::string(f->statement) + " (" +
                      std::string(f->source) + ")");
  doc.tables.push_back(std::move(t));
  return doc;
}

Document bound_document(bool list, const std::string& id, const std::vector<std::string>& params, long prec) {
  if (list || id.empty()) return bound_document(api::bound_list());
  return bound_document(api::bound(BoundRequest{false, id, params}, prec));
}

}  // namespace gdcert::report
