// gdcert msp: lays out what api::msp returns (the merged-staircase property, the leap and the absorbing order).
#include <algorithm>

#include "api/msp.hpp"
#include "boolean/spec.hpp"
#include "report/views.hpp"

namespace gdcert::report {

namespace {

/** Rows of the absorbing order shown; longer orders are cut with a note. */
constexpr std::size_t kMaxOrderRows = 4096;

/** A count as an integer cell (a count is an exact integer). */
Cell count_cell(const api::Result& r) { return static_cast<long long>(r.value.exact().num().to_si()); }

}  // namespace

Document msp_document(const std::string& spec, const std::string& support, std::uint64_t seed) {
  const api::Msp r = api::msp(api::MspRequest{spec, support, seed});
  Document doc;
  doc.verb = "msp";
  if (r.from_spec) {
    doc.parameters = {{"spec", r.parameters.at("spec")}, {"n", r.parameters.at("n")}};
    doc.seed = seed;
  } else {
    doc.parameters = {{"support", r.parameters.at("support")}};
  }
  Table t{"msp", "Merged-staircase property and leap of " + r.target, {{"quantity", "", ""}, {"value", "", r.leap.formula}}, {}, {}};
  t.rows.push_back({std::string("support size (nonempty sets)"), count_cell(r.support_size)});
  t.rows.push_back({std::string("MSP"), std::string(r.msp ? "yes" : "no")});
  t.rows.push_back({std::string("leap"), count_cell(r.leap)});
  t.rows.push_back({std::string("MSP closure U"), boolean::subset_str(r.closure)});
  if (r.residual_bound) t.rows.push_back({std::string("residual alignment bound (reconstructed)"), r.residual_bound->value});
  t.notes = r.notes;
  doc.tables.push_back(std::move(t));
  Table o{"order", "Absorbing order (greedy: fewest new coordinates first)",
          {{"step", "", ""}, {"S", "", ""}, {"new coordinates |S \\ U|", "", "msp.closure"}}, {}, {}};
  const std::size_t shown = std::min(r.order.size(), kMaxOrderRows);
  for (std::size_t i = 0; i < shown; ++i)
    o.rows.push_back({static_cast<long long>(i + 1), boolean::subset_str(r.order[i]), static_cast<long long>(r.new_coordinates[i])});
  if (shown < r.order.size()) o.notes.push_back("first " + std::to_string(kMaxOrderRows) + " of " + std::to_string(r.order.size()) + " steps shown");
  doc.tables.push_back(std::move(o));
  return doc;
}

}  // namespace gdcert::report
