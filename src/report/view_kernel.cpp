// gdcert kernel ACT: lays out what api::kernel returns (the second moments E[sigma(u) sigma(v)] as certified balls,
// and the power series with its exact coefficients and certified tail) as tables.
#include "api/kernel.hpp"
#include "kernels/dual.hpp"
#include "report/views.hpp"

namespace gdcert::report {

Document kernel_document(const KernelRequest& req, long prec) {
  const api::KernelResult r = api::kernel(req, prec);
  Document doc;
  doc.verb = "kernel";
  doc.prec = r.prec;
  doc.parameters = {{"activation", r.parameters.at("activation")}};
  if (r.first_layer_form) {
    doc.parameters.push_back({"weight_var", r.parameters.at("weight_var")});
    doc.parameters.push_back({"bias_var", r.parameters.at("bias_var")});
  }
  doc.parameters.push_back({"var", r.parameters.at("var")});
  if (r.digits) doc.parameters.push_back({"digits", r.parameters.at("digits")});
  for (const char* k : {"q1", "q2", "c"})
    if (auto it = r.parameters.find(k); it != r.parameters.end()) doc.parameters.push_back({k, it->second});

  if (!r.second_moments.empty()) {
    const std::string vc = r.first_layer_form ? "kernel.effective_correlation" : "";
    Table t{"second_moment",
            "E[sigma(u) sigma(v)] for " + r.activation + ", Var u = Var v = var, Cov(u, v) = cov",
            {{"rho", "", ""},
             {"var", "", vc},
             {"cov", "", vc},
             {"rho' = cov/var", "", "kernel.effective_correlation"},
             {"E[sigma(u) sigma(v)]", "", r.formula},
             {"prec (bits)", "", ""}},
            {},
            {}};
    // to a digit goal, relu, sign, erf and arccos:p evaluate the closed form at the exact argument through
    // kernel.arcsin.exact
    const bool arcsin_exact = kernels::uses_arcsin_exact(kernels::parse_activation(r.activation));
    if (r.digits)
      t.columns.push_back({"value (" + std::to_string(*r.digits) + " digits)", "",
                           arcsin_exact ? "kernel.arcsin.exact" : r.formula});
    for (const auto& e : r.second_moments) {
      std::vector<Cell> row{e.label, e.var.value, e.cov.value, e.rho.value, e.value.value, static_cast<long long>(r.prec)};
      if (e.digits_text) row.emplace_back(*e.digits_text);
      t.rows.push_back(std::move(row));
    }
    t.notes = r.notes;
    doc.tables.push_back(std::move(t));
  }

  if (r.general) {
    const api::KernelGeneralEntry& g = *r.general;
    const std::string fid = g.value.formula, did = g.derivative ? g.derivative->formula : std::string();
    Table t{"general",
            "(u, v) ~ N(0, [[q1, c], [c, q2]]) for " + r.activation + ": E[sigma(u) sigma(v)] and E[sigma'(u) sigma'(v)]",
            {{"q1", "", ""}, {"q2", "", ""}, {"c", "", ""}, {"rho = c/sqrt(q1 q2)", "", "kernel.general.arccos"},
             {"E[sigma(u) sigma(v)]", "", fid}, {"E[sigma'(u) sigma'(v)]", "", did}},
            {},
            {}};
    if (r.digits) {
      t.columns.push_back({"E[sigma sigma] (" + std::to_string(*r.digits) + " digits)", "", fid});
      t.columns.push_back({"E[sigma' sigma'] (" + std::to_string(*r.digits) + " digits)", "", did});
    }
    std::vector<Cell> row{g.q1.value, g.q2.value, g.c.value, g.rho.value, g.value.value};
    if (g.derivative) row.emplace_back(g.derivative->value);
    else row.emplace_back(std::string("undefined (sigma' is a point mass)"));
    if (r.digits) {
      row.emplace_back(g.value_digits ? *g.value_digits : g.value.value.str());
      row.emplace_back(g.derivative_digits ? *g.derivative_digits
                                           : g.derivative ? g.derivative->value.str() : std::string("undefined"));
    }
    t.rows.push_back(std::move(row));
    t.notes = {"exact rationals where the value is rational (e.g. the relu derivative kernel at rho^2 in {0, 1/4, 1}), "
               "else certified balls",
               "rho is exact when rational, else a ball"};
    doc.tables.push_back(std::move(t));
  }

  if (r.series) {
    const api::KernelSeries& s = *r.series;
    Table t{"series",
            "Power series E[sigma(u) sigma(v)] = sum_l a_l rho^l (Var = " + r.var.str() + ", Cov = var rho), a_l = c_l^2/l!",
            {{"l", "", ""}, {"a_l (exact)", "", r.series_formula}, {"a_l", "", r.series_formula}},
            {},
            {}};
    for (std::size_t l = 0; l < s.coefficients.size(); ++l)
      t.rows.push_back({static_cast<long long>(l), s.exact_text[l], s.coefficients[l].value});
    t.rows.push_back({std::string("kappa(1)"), s.kappa_one_text, s.kappa_one.value});
    t.rows.push_back({std::string("tail l > " + std::to_string(s.L)), std::string("kappa(1) - sum"), s.tail.value});
    t.notes = s.notes;
    doc.tables.push_back(std::move(t));
  }
  return doc;
}

}  // namespace gdcert::report
