// gdcert walsh SPEC: the tables of what api::walsh returns for a request.
#include <bit>

#include "api/walsh.hpp"
#include "boolean/spec.hpp"
#include "exact/errors.hpp"
#include "exact/resources.hpp"
#include "report/views.hpp"

namespace gdcert::report {

namespace {
constexpr std::uint64_t kMaxCoefficientRows = std::uint64_t{1} << 20;

long long count(const api::Result& r) { return static_cast<long long>(r.value.exact().num().to_si()); }
}  // namespace

Document walsh_document(const WalshRequest& req) {
  const api::WalshResult res = api::walsh(req);
  const std::string& spec = res.canonical;
  const unsigned n = res.n;

  Document doc;
  doc.verb = "walsh";
  doc.parameters = {{"spec", spec}, {"n", std::to_string(n)}};  // the order the outputs have always had
  doc.seed = req.seed;

  if (!res.coefficients.empty()) {
    Table t{"coefficient", "Single Walsh coefficients of " + spec + " (no full transform)",
            {{"S", "", ""}, {"fhat(S)", "", "walsh.coefficient"}}, {}, {}};
    for (const auto& [mask, c] : res.coefficients) t.rows.push_back({boolean::subset_str(mask), c.value});
    doc.tables.push_back(std::move(t));
  }
  if (!res.spectrum) return doc;
  const api::WalshSpectrum& s = *res.spectrum;

  Table summary{"summary", "Walsh summary of " + spec, {{"quantity", "", ""}, {"value", "", ""}}, {}, {}};
  summary.rows.push_back({std::string("n"), static_cast<long long>(n)});
  summary.rows.push_back({std::string("values"), std::string(res.is_boolean ? "±1 (Boolean)" : "rational")});
  summary.rows.push_back({std::string("E[f] = fhat({})"), s.mean().value});
  summary.rows.push_back({std::string("E[f^2] = sum_k W_k"), s.mean_square().value});
  summary.rows.push_back({std::string("degree"), count(s.degree())});
  summary.rows.push_back({std::string("total influence"), s.total_influence().value});
  summary.rows.push_back({std::string("nonzero coefficients"), static_cast<long long>(s.support_size())});
  summary.notes.push_back("integer transform in " +
                          (s.transform_bits() ? "int" + std::to_string(s.transform_bits()) : std::string("big integers")) +
                          "; all values exact");
  doc.tables.push_back(std::move(summary));

  const bool any = req.coeffs || req.levels || req.influences || req.degree || !req.stability.empty();
  if (req.levels || !any) {
    Table t{"level_weights", "Level weights W_k of " + spec, {{"k", "", ""}, {"W_k", "", "walsh.level_weight"}}, {}, {}};
    const auto w = s.level_weights();
    for (unsigned k = 0; k <= n; ++k) t.rows.push_back({static_cast<long long>(k), w[k].value});
    doc.tables.push_back(std::move(t));
  }
  if (req.coeffs) {
    const std::uint64_t support = s.support_size();
    if (support > kMaxCoefficientRows)
      throw resource_error("walsh --coeffs: requires at most 2^20 nonzero coefficients to list, got " +
                           std::to_string(support) + "; use --levels or --coeff S");
    // The table and its formatted output are held in memory: about 2.1 KiB per row measured for --json (2^18 rows of
    // random:n=18 peak at 539 MiB); 2.5 KiB per row is charged before building it.
    require_memory(static_cast<long double>(support) * 2560.0L,
                   "walsh --coeffs: rendering " + std::to_string(support) + " coefficients");
    Table t{"coefficients", "Nonzero Walsh coefficients of " + spec,
            {{"mask", "", ""}, {"S", "", ""}, {"|S|", "", ""}, {"fhat(S)", "", "walsh.coefficient"}}, {}, {}};
    for (std::uint64_t m = 0; m < s.size(); ++m) {
      if (s.numerator(m).is_zero()) continue;
      t.rows.push_back({static_cast<long long>(m), boolean::subset_str(m), static_cast<long long>(std::popcount(m)),
                        s.coefficient(m).value});
    }
    doc.tables.push_back(std::move(t));
  }
  if (req.influences) {
    Table t{"influences", "Influences of " + spec, {{"i", "", ""}, {"Inf_i", "", "walsh.influence"}}, {}, {}};
    const auto inf = s.influences();
    for (unsigned i = 0; i < n; ++i) t.rows.push_back({static_cast<long long>(i + 1), inf[i].value});
    t.rows.push_back({std::string("total"), s.total_influence().value});
    doc.tables.push_back(std::move(t));
  }
  if (!res.stability.empty()) {
    Table t{"noise_stability", "Noise stability of " + spec,
            {{"rho", "", ""}, {"Stab_rho", "", "walsh.noise_stability"}}, {}, {}};
    for (const auto& [rho, stab] : res.stability) t.rows.push_back({rho.str(), stab.value});
    doc.tables.push_back(std::move(t));
  }
  if (req.degree) {
    Table t{"degree", "Degree of " + spec, {{"quantity", "", ""}, {"value", "", "walsh.degree"}}, {}, {}};
    t.rows.push_back({std::string("degree"), count(s.degree())});
    doc.tables.push_back(std::move(t));
  }
  return doc;
}

}  // namespace gdcert::report
