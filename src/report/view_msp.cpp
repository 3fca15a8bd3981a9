// gdcert msp: the merged-staircase property and the leap of a Fourier–Walsh support (exact zeros only).
#include <bit>
#include <memory>

#include "alignment/msp.hpp"
#include "boolean/spec.hpp"
#include "boolean/walsh.hpp"
#include "report/views.hpp"
#include "exact/text.hpp"
#include "exact/errors.hpp"

namespace gdcert::report {


Document msp_document(const std::string& spec, const std::string& support_text, std::uint64_t seed) {
  using namespace alignment;
  Document doc;
  doc.verb = "msp";
  std::vector<std::uint64_t> support;
  std::string what;
  unsigned d = 0;
  Rational norm2(0);
  if (!support_text.empty()) {
    if (!spec.empty()) throw usage_error("msp: give a SPEC or --support, not both");
    support = parse_support(support_text);
    what = "support " + support_text;
    for (std::uint64_t s : support) d = std::max(d, 64u - static_cast<unsigned>(std::countl_zero(s)));
    doc.parameters = {{"support", support_text}};
  } else {
    if (spec.empty()) throw usage_error("msp: requires a SPEC or --support");
    const boolean::ParsedSpec ps = boolean::parse_spec(spec, seed);
    const auto s = boolean::walsh_spectrum(ps.function);
    support = support_of(s);
    d = ps.function.n();
    for (const auto& w : s.level_weights()) norm2 += w;
    what = ps.canonical;
    doc.parameters = {{"spec", ps.canonical}, {"n", std::to_string(d)}};
    doc.seed = seed;
  }
  const MspResult r = msp_closure(support);
  Table t{"msp", "Merged-staircase property and leap of " + what, {{"quantity", "", ""}, {"value", "", "msp.leap"}}, {}, {}};
  t.rows.push_back({std::string("support size (nonempty sets)"), static_cast<long long>(r.order.size())});
  t.rows.push_back({std::string("MSP"), std::string(r.msp ? "yes" : "no")});
  t.rows.push_back({std::string("leap"), static_cast<long long>(r.leap)});
  t.rows.push_back({std::string("MSP closure U"), boolean::subset_str(r.absorbed_mmsp)});
  if (!r.residual.empty() && d >= 2 && !norm2.is_zero())
    t.rows.push_back({std::string("residual alignment bound (reconstructed)"), Value(msp_residual_bound(r, d, norm2))});
  t.notes.push_back("support from exact coefficients: an exact zero removes a set, a tiny nonzero rational does not");
  doc.tables.push_back(std::move(t));
  Table o{"order", "Absorbing order (greedy: fewest new coordinates first)",
          {{"step", "", ""}, {"S", "", ""}, {"new coordinates |S \\ U|", "", "msp.closure"}}, {}, {}};
  const std::size_t shown = std::min<std::size_t>(r.order.size(), 4096);
  for (std::size_t i = 0; i < shown; ++i)
    o.rows.push_back({static_cast<long long>(i + 1), boolean::subset_str(r.order[i]), static_cast<long long>(r.new_coordinates[i])});
  if (shown < r.order.size()) o.notes.push_back("first 4096 of " + std::to_string(r.order.size()) + " steps shown");
  doc.tables.push_back(std::move(o));
  return doc;
}

}  // namespace gdcert::report
