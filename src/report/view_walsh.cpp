// gdcert walsh SPEC: the tables of what api::walsh returns for a request.
#include <bit>

#include "api/walsh.hpp"
#include "boolean/spec.hpp"
#include "exact/errors.hpp"
#include "exact/resources.hpp"
#include "report/views.hpp"

namespace gdcert::report {

namespace {
/**
 * Refuses (resource_error naming `what`) before rendering `rows` table rows beyond the memory budget: about 2.5 KiB
 * per row across the table model and the writers, measured on `walsh --coeffs` at n = 20.
 */
void charge_rendering(std::size_t rows, const std::string& what) {
  constexpr long double bytes_per_row = 2560.0L;
  require_memory(static_cast<long double>(rows) * bytes_per_row, what);
}
}  // namespace

namespace {
constexpr std::uint64_t kMaxCoefficientRows = std::uint64_t{1} << 20;

long long count(const api::Result& r) { return static_cast<long long>(r.value.exact().num().to_si()); }
}  // namespace

Document walsh_document(const WalshRequest& req) {
  const api::WalshResult res = api::walsh(req);
  const std::string& spec = res.canonical;
  const unsigned n = res.n;
  const unsigned base = req.zero_based ? 0 : 1;  // --zero-based: x0..x_{n-1} in every printed set and monomial
  auto set_str = [base](std::uint64_t mask) { return boolean::subset_str_from(mask, base); };
  auto anf_str = [base, n](std::uint64_t m) {
    std::string mono;
    for (unsigned j = 0; j < n; ++j)
      if ((m >> j) & 1) mono += (mono.empty() ? "" : "*") + std::string("b") + std::to_string(j + base);
    return mono.empty() ? std::string("1") : mono;
  };

  Document doc;
  doc.verb = "walsh";
  doc.parameters = {{"spec", spec}, {"n", std::to_string(n)}};  // the order the outputs have always had
  doc.seed = req.seed;

  if (!res.coefficients.empty()) {
    Table t{"coefficient", "Single Walsh coefficients of " + spec + " (no full transform)",
            {{"S", "", ""}, {"fhat(S)", "", "walsh.coefficient"}}, {}, {}};
    for (const auto& [mask, c] : res.coefficients) t.rows.push_back({set_str(mask), c.value});
    doc.tables.push_back(std::move(t));
  }
  if (!res.values.empty()) {
    Table t{"values", "Values of " + spec + " (x_j = (-1)^(b_j); table index = sum_j b_j 2^(j-1))",
            {{"index", "", ""}, {"x", "", ""}, {"b", "", ""}, {"f(x)", "", ""}}, {}, {}};
    charge_rendering(res.values.size(),
                   "walsh --table: rendering " + std::to_string(res.values.size()) + " points");
    for (const auto& [i, v] : res.values) {
      std::string x, bits;
      for (unsigned j = 0; j < n; ++j) {
        const bool minus = (i >> j) & 1;
        x += (j ? "," : "") + std::string(minus ? "-1" : "1");
        bits += minus ? '1' : '0';
      }
      t.rows.push_back({static_cast<long long>(i), x, bits, v.value});
    }
    doc.tables.push_back(std::move(t));
  }
  if (res.anf) {
    const auto& a = *res.anf;
    Table d{"anf_degrees", "Degrees of " + spec + ": GF(2) algebraic degree of the ANF beside the Fourier degree",
            {{"quantity", "", ""}, {"value", "", ""}}, {}, {}};
    d.rows.push_back({std::string("algebraic degree (GF(2), of the ANF)"), a.algebraic_degree.value});
    if (res.spectrum) d.rows.push_back({std::string("Fourier degree (max |S| with fhat(S) != 0)"), a.fourier_degree.value});
    d.rows.push_back({std::string("ANF monomials"), static_cast<long long>(a.monomials.size())});
    d.notes.push_back("f = (-1)^g with g(b) = XOR of the monomials prod_{j in m} b_j, b_j = (1 - x_j)/2 (boolean.anf); the "
                      "algebraic degree is at most the Fourier degree");
    doc.tables.push_back(std::move(d));
    if (a.monomials.size() > kMaxCoefficientRows)
      throw resource_error("walsh --anf: lists at most 2^20 monomials, got " + std::to_string(a.monomials.size()));
    charge_rendering(a.monomials.size(), "walsh --anf: rendering the monomials");
    Table t{"anf", "Algebraic normal form of " + spec + " over GF(2) in b_j = (1 - x_j)/2",
            {{"mask", "", ""}, {"monomial", "", "boolean.anf"}, {"degree", "", ""}}, {}, {}};
    for (std::uint64_t m : a.monomials)
      t.rows.push_back({static_cast<long long>(m), anf_str(m), static_cast<long long>(std::popcount(m))});
    doc.tables.push_back(std::move(t));
  }
  const std::string var_note = req.zero_based ? "variables numbered from 0 (--zero-based): b0..b" + std::to_string(n ? n - 1 : 0)
                                              : "variables numbered from 1: b1..b" + std::to_string(n);
  if (res.algebraic_immunity) {
    const auto& a = *res.algebraic_immunity;
    Table t{"algebraic_immunity", "Algebraic immunity of " + spec + " (f = (-1)^g over GF(2))",
            {{"quantity", "", ""}, {"value", "", "boolean.algebraic_immunity"}}, {}, {}};
    t.rows.push_back({std::string("algebraic immunity AI"), a.ai.value});
    auto ann = [&](const std::optional<std::vector<std::uint64_t>>& w) {
      if (!w) return std::string("none of degree AI");
      std::string s;
      for (std::uint64_t m : *w) s += (s.empty() ? "" : " + ") + anf_str(m);
      return s;
    };
    t.rows.push_back({std::string("annihilator h of g (h g = 0), degree AI"), ann(a.annihilator_of_f)});
    t.rows.push_back({std::string("annihilator h of g + 1 (h (g + 1) = 0), degree AI"), ann(a.annihilator_of_complement)});
    t.notes.push_back("AI = min deg h over nonzero h with h g = 0 or h (g + 1) = 0; each annihilator shown (ANF in b_j = (1 - x_j)/2) "
                      "was verified by evaluation at all 2^n points; " + var_note);
    doc.tables.push_back(std::move(t));
  }
  if (!res.derivatives.empty()) {
    Table t{"derivatives", "Derivatives D_u f(x) = f(x) f(x chi_u) of " + spec,
            {{"u", "", ""}, {"spec", "", ""}, {"E[D_u f] = Delta_f(u)/2^n", "", "boolean.derivative"},
             {"weight #{D_u f = -1}", "", "boolean.derivative"}, {"algebraic degree", "", "boolean.derivative"},
             {"table bits (n <= 6)", "", ""}},
            {}, {}};
    for (const auto& d : res.derivatives)
      t.rows.push_back({set_str(d.u), d.canonical, d.mean.value, d.weight.formula.empty() ? Cell(std::string("-")) : Cell(d.weight.value),
                        d.algebraic_degree.formula.empty() ? Cell(std::string("-")) : Cell(d.algebraic_degree.value),
                        d.bits.empty() ? std::string("-") : d.bits});
    t.notes.push_back("the spec column names D_u f anywhere a spec is accepted (the spec grammar is 1-based); " + var_note);
    doc.tables.push_back(std::move(t));
  }
  if (res.pbiased) {
    const boolean::PBiasedSpectrum& pb = *res.pbiased;
    const std::string pstr = pb.p().str();
    Table t{"pbiased_summary", "p-biased analysis of " + spec + " under mu_p, p = Pr[x_i = -1] = " + pstr,
            {{"quantity", "", ""}, {"value", "", ""}, {"formula", "", ""}}, {}, {}};
    t.rows.push_back({std::string("p = Pr[x_i = -1] = Pr[b_i = 1]"), Value(pb.p()), std::string("")});
    t.rows.push_back({std::string("mu = E[x_i] = 1 - 2p"), Value(pb.mu()), std::string("")});
    t.rows.push_back({std::string("sigma^2 = Var x_i = 4p(1-p)"), Value(pb.sigma2()), std::string("")});
    t.rows.push_back({std::string("E_p[f] = fhat_p({})"), Value(pb.mean()), std::string("boolean.pbiased.coefficient")});
    t.rows.push_back({std::string("E_p[f^2] = sum_k W_k^(p)"), Value(pb.mean_square()), std::string("boolean.pbiased.level_weight")});
    t.rows.push_back({std::string("total influence I^(p)"), Value(pb.total_influence()), std::string("boolean.pbiased.influence")});
    t.notes.push_back("basis phi_S = prod_{i in S} (x_i - mu)/sigma; fhat_p(S) = r_S sigma^-|S| with r_S rational; all values exact");
    doc.tables.push_back(std::move(t));
    Table lw{"pbiased_level_weights", "p-biased level weights of " + spec + " (p = " + pstr + ")",
             {{"k", "", ""}, {"W_k^(p)", "", "boolean.pbiased.level_weight"}}, {}, {}};
    for (unsigned k = 0; k <= n; ++k) lw.rows.push_back({static_cast<long long>(k), Value(pb.level_weights()[k])});
    doc.tables.push_back(std::move(lw));
    Table inf{"pbiased_influences", "p-biased influences of " + spec + " (p = " + pstr + ")",
              {{"i", "", ""}, {"Inf_i^(p)", "", "boolean.pbiased.influence"}}, {}, {}};
    for (unsigned i = 0; i < n; ++i) inf.rows.push_back({static_cast<long long>(i + base), Value(pb.influences()[i])});
    inf.rows.push_back({std::string("total"), Value(pb.total_influence())});
    doc.tables.push_back(std::move(inf));
    if (!res.pbiased_stability.empty()) {
      Table st{"pbiased_noise_stability", "p-biased noise stability of " + spec + " (p = " + pstr + ")",
               {{"rho", "", ""}, {"Stab_rho^(p)", "", "boolean.pbiased.noise_stability"}}, {}, {}};
      for (const auto& [rho, v] : res.pbiased_stability) st.rows.push_back({rho.str(), v.value});
      doc.tables.push_back(std::move(st));
    }
    if (req.coeffs) {
      std::uint64_t support = 0;
      for (std::uint64_t m = 0; m < (std::uint64_t{1} << n); ++m) support += !pb.is_zero(m);
      if (support > kMaxCoefficientRows)
        throw resource_error("walsh --bias --coeffs: requires at most 2^20 nonzero coefficients to list, got " + std::to_string(support));
      charge_rendering(support, "walsh --bias --coeffs: rendering the coefficients");
      Table c{"pbiased_coefficients", "Nonzero p-biased coefficients of " + spec + " (p = " + pstr + ", sigma^2 = " + pb.sigma2().str() + ")",
              {{"S", "", ""}, {"|S|", "", ""}, {"r_S", "", "boolean.pbiased.coefficient"}, {"fhat_p(S)", "", ""},
               {"fhat_p(S)^2", "", "boolean.pbiased.coefficient"}},
              {}, {}};
      for (std::uint64_t m = 0; m < (std::uint64_t{1} << n); ++m) {
        if (pb.is_zero(m)) continue;
        const int k = std::popcount(m);
        const Rational r = pb.r(m);
        c.rows.push_back({set_str(m), static_cast<long long>(k), Value(r),
                          k == 0 ? r.str() : r.str() + "*sigma^-" + std::to_string(k), Value(pb.squared(m))});
      }
      c.notes.push_back("fhat_p(S) = r_S * sigma^-|S| with sigma^2 = 4p(1-p) = " + pb.sigma2().str() + " (sigma > 0)");
      doc.tables.push_back(std::move(c));
    }
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

  const bool any = req.coeffs || req.levels || req.influences || req.degree || !req.stability.empty() || req.anf ||
                   req.criteria || req.autocorrelation;
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
    charge_rendering(support,
                   "walsh --coeffs: rendering " + std::to_string(support) + " coefficients");
    Table t{"coefficients", "Nonzero Walsh coefficients of " + spec,
            {{"mask", "", ""}, {"S", "", ""}, {"|S|", "", ""}, {"fhat(S)", "", "walsh.coefficient"}}, {}, {}};
    for (std::uint64_t m = 0; m < s.size(); ++m) {
      if (s.numerator(m).is_zero()) continue;
      t.rows.push_back({static_cast<long long>(m), set_str(m), static_cast<long long>(std::popcount(m)),
                        s.coefficient(m).value});
    }
    doc.tables.push_back(std::move(t));
  }
  if (req.influences) {
    Table t{"influences", "Influences of " + spec, {{"i", "", ""}, {"Inf_i", "", "walsh.influence"}}, {}, {}};
    const auto inf = s.influences();
    for (unsigned i = 0; i < n; ++i) t.rows.push_back({static_cast<long long>(i + base), inf[i].value});
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
  auto yes_no = [](bool b) { return std::string(b ? "yes" : "no"); };
  if (res.criteria) {
    const auto& c = *res.criteria;
    Table t{"criteria", "Walsh-Hadamard criteria of " + spec + " (W_f(a) = 2^n fhat(a))",
            {{"quantity", "", ""}, {"value", "", ""}, {"formula", "", ""}}, {}, {}};
    t.rows.push_back({std::string("max_a |W_f(a)|"), c.max_abs_walsh.value, c.max_abs_walsh.formula});
    t.rows.push_back({std::string("nonlinearity"), c.nonlinearity.value, c.nonlinearity.formula});
    t.rows.push_back({std::string("balanced"), yes_no(c.balanced), std::string("boolean.balanced")});
    t.rows.push_back({std::string("correlation-immunity order"), c.correlation_immunity.value, c.correlation_immunity.formula});
    t.rows.push_back({std::string("resiliency order (-1: not balanced)"), c.resiliency.value, c.resiliency.formula});
    t.rows.push_back({std::string("plateaued: amplitude"), c.plateau ? Cell(c.plateau->value) : Cell(std::string("no")),
                      std::string("boolean.bent")});
    t.rows.push_back({std::string("bent"), yes_no(c.bent), std::string("boolean.bent")});
    t.rows.push_back({std::string("near-bent (n odd)"), yes_no(c.near_bent), std::string("boolean.bent")});
    t.rows.push_back({std::string("semi-bent (n even)"), yes_no(c.semi_bent), std::string("boolean.bent")});
    doc.tables.push_back(std::move(t));
    Table h{"walsh_histogram", "Walsh-Hadamard value histogram of " + spec,
            {{"W_f(a)", "", "boolean.walsh_hadamard"}, {"count", "", ""}}, {}, {}};
    for (const auto& [v, k] : c.histogram) h.rows.push_back({static_cast<long long>(v), static_cast<long long>(k)});
    doc.tables.push_back(std::move(h));
  }
  if (res.autocorrelation) {
    const auto& a = *res.autocorrelation;
    Table t{"autocorrelation_indicators", "Autocorrelation of " + spec + ": Delta_f(u) = sum_x f(x) f(x chi_u)",
            {{"quantity", "", ""}, {"value", "", "boolean.autocorrelation"}}, {}, {}};
    t.rows.push_back({std::string("absolute indicator max_{u != 0} |Delta_f(u)|"), a.absolute_indicator.value});
    t.rows.push_back({std::string("sum-of-squares indicator sum_u Delta_f(u)^2"), a.sum_of_squares.value});
    t.rows.push_back({std::string("propagation criterion PC(k): largest k"), a.propagation_criterion.value});
    t.rows.push_back({std::string("linear structures"), static_cast<long long>(a.linear_structures.size())});
    for (std::uint64_t u : a.linear_structures)
      t.notes.push_back("linear structure " + set_str(u) + ": Delta_f(u) = " + std::to_string(a.delta[u]));
    doc.tables.push_back(std::move(t));
    if (a.delta.size() > kMaxCoefficientRows)
      throw resource_error("walsh --autocorrelation: lists at most 2^20 values of Delta_f, got 2^" + std::to_string(n));
    charge_rendering(a.delta.size(), "walsh --autocorrelation: rendering Delta_f");
    Table d{"autocorrelation", "Autocorrelation spectrum of " + spec,
            {{"mask", "", ""}, {"u", "", ""}, {"Delta_f(u)", "", "boolean.autocorrelation"}}, {}, {}};
    for (std::uint64_t u = 0; u < a.delta.size(); ++u)
      d.rows.push_back({static_cast<long long>(u), set_str(u), static_cast<long long>(a.delta[u])});
    doc.tables.push_back(std::move(d));
  }
  return doc;
}

}  // namespace gdcert::report
