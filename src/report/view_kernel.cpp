// gdcert kernel ACT: dual activation E[σ(u)σ(v)] as certified balls, and its exact Hermite series.
#include <cmath>
#include <memory>

#include "report/views.hpp"
#include "exact/text.hpp"
#include "exact/errors.hpp"
#include "kernels/dual.hpp"

namespace gdcert::report {


namespace {

std::string kernel_formula_id(const kernels::Activation& a) {
  switch (a.kind) {
    case kernels::Activation::Kind::relu: return "kernel.relu";
    case kernels::Activation::Kind::sign: return "kernel.sign";
    case kernels::Activation::Kind::erf: return "kernel.erf";
    case kernels::Activation::Kind::arccos: return "kernel.arccos";
  }
  return "";
}

std::string series_formula_id(const kernels::Activation& a) {
  switch (a.kind) {
    case kernels::Activation::Kind::relu: return "kernel.series.relu";
    case kernels::Activation::Kind::sign: return "kernel.series.sign";
    case kernels::Activation::Kind::erf: return "kernel.series.erf";
    case kernels::Activation::Kind::arccos: return "kernel.series.arccos";
  }
  return "";
}

}  // namespace

Document kernel_document(const KernelRequest& req, long prec) {
  const kernels::Activation a = kernels::parse_activation(req.activation);
  const bool bias_form = !req.weight_var.empty() || !req.bias_var.empty();
  if (bias_form && (!req.var.empty() || !req.cov.empty()))
    throw usage_error("kernel: --weight-var/--bias-var conflict with --var/--cov");
  if (!req.cov.empty() && !req.rho.empty()) throw usage_error("kernel: --cov conflicts with --rho");
  if (req.rho.empty() && req.cov.empty() && !req.series)
    throw usage_error("kernel: requires --rho R, --cov C or --series L");
  if (req.digits && (*req.digits < 1 || *req.digits > 19000))
    throw precision_error("kernel --digits: requires 1 <= digits <= 19000, got digits = " + std::to_string(*req.digits));
  const slong accuracy = req.digits ? static_cast<slong>(std::ceil(*req.digits * 3.3219280948873623)) + 4 : 0;
  const slong shown_prec = req.digits ? accuracy : prec;

  // Resolve (label, var, cov) entries, validating everything before evaluating.
  struct Entry {
    std::string label;
    Rational var, cov, rho;
  };
  std::vector<Entry> entries;
  Rational var(1);
  Rational s2(1), b2(0);
  if (bias_form) {
    if (!req.weight_var.empty()) s2 = Rational::parse(req.weight_var);
    if (!req.bias_var.empty()) b2 = Rational::parse(req.bias_var);
    var = kernels::effective_correlation(s2, b2, Rational(0)).var;  // validates s2, b2
  } else if (!req.var.empty()) {
    var = Rational::parse(req.var);
    if (var.sign() <= 0) throw domain_error("kernel --var: requires var > 0, got var = " + var.str());
  }
  for (const auto& r : req.rho) {
    const Rational rho = Rational::parse(r);
    if (rho < Rational(-1) || rho > Rational(1))
      throw domain_error("kernel --rho: requires -1 <= rho <= 1, got rho = " + rho.str());
    if (bias_form) {
      const auto e = kernels::effective_correlation(s2, b2, rho);  // kernel.effective_correlation
      entries.push_back({rho.str(), e.var, e.cov, e.rho});
    } else {
      entries.push_back({rho.str(), var, var * rho, rho});
    }
  }
  if (!req.cov.empty()) {
    const Rational cov = Rational::parse(req.cov);
    if (abs(cov) > var)
      throw domain_error("kernel --cov: requires |cov| <= var, got cov = " + cov.str() + ", var = " + var.str());
    entries.push_back({"cov/var", var, cov, cov / var});
  }

  Document doc;
  doc.verb = "kernel";
  doc.parameters = {{"activation", a.name()}};
  if (bias_form) {
    doc.parameters.push_back({"weight_var", s2.str()});
    doc.parameters.push_back({"bias_var", b2.str()});
  }
  doc.parameters.push_back({"var", var.str()});
  if (req.digits) doc.parameters.push_back({"digits", std::to_string(*req.digits)});

  if (!entries.empty()) {
    Table t{"second_moment",
            "E[sigma(u) sigma(v)] for " + a.name() + ", Var u = Var v = var, Cov(u, v) = cov",
            {{"rho", "", ""},
             {"var", "", bias_form ? "kernel.effective_correlation" : ""},
             {"cov", "", bias_form ? "kernel.effective_correlation" : ""},
             {"rho' = cov/var", "", "kernel.effective_correlation"},
             {"E[sigma(u) sigma(v)]", "", kernel_formula_id(a)},
             {"prec (bits)", "", ""}},
            {},
            {}};
    if (req.digits) t.columns.push_back({"value (" + std::to_string(*req.digits) + " digits)", "", kernel_formula_id(a)});
    for (const auto& e : entries) {
      Ball b = req.digits ? kernels::second_moment_to_accuracy(a, e.var, e.cov, accuracy)
                          : kernels::second_moment(a, to_ball(e.var, prec + 32), to_ball(e.cov, prec + 32), prec);
      std::vector<Cell> row{e.label, Value(e.var), Value(e.cov), Value(e.rho), Value(b, shown_prec),
                                    static_cast<long long>(shown_prec)};
      if (req.digits) row.emplace_back(b.str(*req.digits));
      t.rows.push_back(std::move(row));
    }
    t.notes.push_back(req.digits ? "balls certified to " + std::to_string(accuracy) + " bits of relative accuracy (" +
                                       std::to_string(*req.digits) + " digits; absolute near 0)"
                                 : "balls at " + std::to_string(prec) + " bits working precision (no accuracy goal; use --digits)");
    if (a.kind == kernels::Activation::Kind::erf) t.notes.push_back("erf: (2/pi) arcsin(2 cov/(1 + 2 var)), sigma(u) = erf(u)");
    else if (a.kind != kernels::Activation::Kind::sign)
      t.notes.push_back("homogeneous of degree " + std::to_string(2 * a.order) + ": var^" + std::to_string(a.order) +
                        " kappa(rho'), kappa = J_p/(2 pi) (Cho & Saul's k_p = 2 kappa for unit inputs)");
    doc.tables.push_back(std::move(t));
  }

  if (req.series) {
    const unsigned L = *req.series;
    const slong sp = req.digits ? accuracy + 16 : prec;
    const kernels::Series s = kernels::series(a, L, var, sp);
    Table t{"series",
            "Power series E[sigma(u) sigma(v)] = sum_l a_l rho^l (Var = " + var.str() + ", Cov = var rho), a_l = c_l^2/l!",
            {{"l", "", ""}, {"a_l (exact)", "", series_formula_id(a)}, {"a_l", "", series_formula_id(a)}},
            {},
            {}};
    for (const auto& term : s.terms)
      t.rows.push_back({static_cast<long long>(term.l), term.exact_str(), Value(term.value, sp)});
    t.rows.push_back({std::string("kappa(1)"),
                      s.kappa_one_exact ? s.kappa_one_exact->str() : std::string("(2/pi) arcsin(q)"),
                      s.kappa_one_exact ? Value(*s.kappa_one_exact) : Value(s.kappa_one, sp)});
    t.rows.push_back({std::string("tail l > " + std::to_string(L)), std::string("kappa(1) - sum"), Value(s.tail_bound, sp)});
    t.notes.push_back("tail = sum_{l > L} a_l = kappa(1) - sum_{l <= L} a_l (kernel.series.tail), certified; it bounds "
                      "|sum_{l > L} a_l rho^l| for |rho| <= 1");
    doc.tables.push_back(std::move(t));
  }
  return doc;
}

}  // namespace gdcert::report
