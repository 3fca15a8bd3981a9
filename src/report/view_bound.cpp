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
  // An output that bounds a bounded quantity gets a status column right after it (VACUOUS / bites / undecided).
  std::vector<bool> has_status(b.outputs.size(), false);
  std::vector<std::string> trivial(b.outputs.size());
  for (const auto& p : b.points)
    for (std::size_t i = 0; i < p.values.size() && i < has_status.size(); ++i)
      if (p.values[i].trivial) {
        has_status[i] = true;
        trivial[i] = p.values[i].trivial->str();
      }
  for (std::size_t i = 0; i < b.outputs.size(); ++i) {
    t.columns.push_back({b.outputs[i], "", b.id});
    if (has_status[i]) t.columns.push_back({"status (vs " + trivial[i] + ")", "", ""});
  }
  std::vector<std::string> reasons;  // each distinct reason an output has no value, once
  std::size_t vacuous = 0, bounded = 0;
  for (const auto& p : b.points) {
    std::vector<Cell> row(p.at.begin(), p.at.end());
    for (std::size_t i = 0; i < p.values.size(); ++i) {
      const auto& v = p.values[i];
      if (v.value) {
        row.push_back(v.value->value);
      } else {
        row.push_back(std::string("none"));
        const std::string why = v.name + ": " + v.absent;
        if (std::find(reasons.begin(), reasons.end(), why) == reasons.end()) reasons.push_back(why);
      }
      if (i < has_status.size() && has_status[i]) {
        row.push_back(v.status.empty() ? std::string("-") : v.status);
        ++bounded;
        if (v.status == "VACUOUS") ++vacuous;
      }
    }
    t.rows.push_back(std::move(row));
  }
  if (bounded > 0)
    t.notes.push_back("status: VACUOUS = the bound is at or above the value the quantity has without any theorem (1/2 for "
                      "an advantage P(success) - 1/2, M ||f|| for a correlation), so it says nothing; bites = certainly below; "
                      "undecided = its ball straddles that value. " +
                      std::to_string(vacuous) + " of " + std::to_string(bounded) + " here are VACUOUS.");
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
