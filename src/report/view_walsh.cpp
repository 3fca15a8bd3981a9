// gdcert walsh SPEC: exact Fourier–Walsh data of one function.
#include <bit>
#include <memory>

#include "boolean/spec.hpp"
#include "boolean/walsh.hpp"
#include "report/views.hpp"
#include "exact/text.hpp"
#include "exact/errors.hpp"

namespace gdcert::report {


namespace {
constexpr std::uint64_t kMaxCoefficientRows = std::uint64_t{1} << 20;
}

Document walsh_document(const WalshRequest& req) {
  const boolean::ParsedSpec ps = boolean::parse_spec(req.spec, req.seed);
  const boolean::CubeFunction& f = ps.function;
  const unsigned n = f.n();
  // Validate every request before the (possibly long) transform.
  std::vector<Rational> rhos;
  for (const auto& r : req.stability) {
    Rational rho = Rational::parse(r);
    if (rho < Rational(-1) || rho > Rational(1))
      throw domain_error("walsh --stability: requires -1 <= rho <= 1, got rho = " + rho.str());
    rhos.push_back(rho);
  }
  std::vector<std::uint64_t> sets;
  for (const auto& s : req.coeff_sets) sets.push_back(boolean::parse_subset(s, n, "walsh --coeff"));

  Document doc;
  doc.verb = "walsh";
  doc.parameters = {{"spec", ps.canonical}, {"n", std::to_string(n)}};
  doc.seed = req.seed;

  const bool only_single = !sets.empty() && !req.coeffs && !req.levels && !req.influences && !req.degree && rhos.empty();
  if (!sets.empty()) {
    Table t{"coefficient", "Single Walsh coefficients of " + ps.canonical + " (no full transform)",
            {{"S", "", ""}, {"fhat(S)", "", "walsh.coefficient"}}, {}, {}};
    for (std::uint64_t m : sets) t.rows.push_back({boolean::subset_str(m), Value(boolean::walsh_coefficient(f, m))});
    doc.tables.push_back(std::move(t));
  }
  if (only_single) return doc;

  const boolean::Spectrum s = boolean::walsh_spectrum(f, req.threads);
  const auto w = s.level_weights();
  Rational norm2(0);
  for (const auto& x : w) norm2 += x;

  Table summary{"summary", "Walsh summary of " + ps.canonical, {{"quantity", "", ""}, {"value", "", ""}}, {}, {}};
  summary.rows.push_back({std::string("n"), static_cast<long long>(n)});
  summary.rows.push_back({std::string("values"), std::string(f.is_boolean() ? "±1 (Boolean)" : "rational")});
  summary.rows.push_back({std::string("E[f] = fhat({})"), Value(s.coefficient(0))});
  summary.rows.push_back({std::string("E[f^2] = sum_k W_k"), Value(norm2)});
  summary.rows.push_back({std::string("degree"), static_cast<long long>(s.degree())});
  summary.rows.push_back({std::string("total influence"), Value(s.total_influence())});
  summary.rows.push_back({std::string("nonzero coefficients"), static_cast<long long>(s.support_size())});
  summary.notes.push_back("integer transform in " +
                          (s.transform_bits() ? "int" + std::to_string(s.transform_bits()) : std::string("big integers")) +
                          "; all values exact");
  doc.tables.push_back(std::move(summary));

  const bool any = req.coeffs || req.levels || req.influences || req.degree || !rhos.empty();
  if (req.levels || !any) {
    Table t{"level_weights", "Level weights W_k of " + ps.canonical, {{"k", "", ""}, {"W_k", "", "walsh.level_weight"}}, {}, {}};
    for (unsigned k = 0; k <= n; ++k) t.rows.push_back({static_cast<long long>(k), Value(w[k])});
    doc.tables.push_back(std::move(t));
  }
  if (req.coeffs) {
    const std::uint64_t support = s.support_size();
    if (support > kMaxCoefficientRows)
      throw resource_error("walsh --coeffs: requires at most 2^20 nonzero coefficients to list, got " +
                           std::to_string(support) + "; use --levels or --coeff S");
    Table t{"coefficients", "Nonzero Walsh coefficients of " + ps.canonical,
            {{"mask", "", ""}, {"S", "", ""}, {"|S|", "", ""}, {"fhat(S)", "", "walsh.coefficient"}}, {}, {}};
    for (std::uint64_t m = 0; m < f.size(); ++m) {
      Rational c = s.coefficient(m);
      if (c.is_zero()) continue;
      t.rows.push_back({static_cast<long long>(m), boolean::subset_str(m), static_cast<long long>(std::popcount(m)), Value(c)});
    }
    doc.tables.push_back(std::move(t));
  }
  if (req.influences) {
    Table t{"influences", "Influences of " + ps.canonical, {{"i", "", ""}, {"Inf_i", "", "walsh.influence"}}, {}, {}};
    const auto inf = s.influences();
    for (unsigned i = 0; i < n; ++i) t.rows.push_back({static_cast<long long>(i + 1), Value(inf[i])});
    t.rows.push_back({std::string("total"), Value(s.total_influence())});
    doc.tables.push_back(std::move(t));
  }
  if (!rhos.empty()) {
    Table t{"noise_stability", "Noise stability of " + ps.canonical,
            {{"rho", "", ""}, {"Stab_rho", "", "walsh.noise_stability"}}, {}, {}};
    for (const auto& rho : rhos) t.rows.push_back({rho.str(), Value(s.noise_stability(rho))});
    doc.tables.push_back(std::move(t));
  }
  if (req.degree) {
    Table t{"degree", "Degree of " + ps.canonical, {{"quantity", "", ""}, {"value", "", "walsh.degree"}}, {}, {}};
    t.rows.push_back({std::string("degree"), static_cast<long long>(s.degree())});
    doc.tables.push_back(std::move(t));
  }
  return doc;
}

}  // namespace gdcert::report
