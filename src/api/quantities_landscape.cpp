// Quantities of the landscape module for `gdcert check` and sweeps (landscape.*); registered in quantities.cpp.
#include "api/quantities_landscape.hpp"

#include "api/precision.hpp"
#include "exact/errors.hpp"
#include "landscape/activation.hpp"
#include "landscape/instance.hpp"
#include "landscape/quadratic.hpp"
#include "landscape/theorems.hpp"

namespace gdcert::api {

namespace {

using namespace gdcert::landscape;

const std::string& need(const Params& p, const std::string& q, const char* key) {
  auto it = p.find(key);
  if (it == p.end()) throw input_error("quantity " + q + ": requires parameter \"" + key + "\"");
  return it->second;
}

std::string get_or(const Params& p, const char* key, const char* dflt) {
  auto it = p.find(key);
  return it == p.end() ? std::string(dflt) : it->second;
}

long need_long(const Params& p, const std::string& q, const char* key, long lo, long hi) {
  const Integer z = Integer::parse(need(p, q, key));
  if (z < Integer(lo) || z > Integer(hi))
    throw input_error("quantity " + q + ": requires " + std::to_string(lo) + " <= " + key + " <= " + std::to_string(hi) +
                      ", got " + z.str());
  return static_cast<long>(z.to_si());
}

Data data_of(const Params& p, const std::string& q) {
  Data d;
  d.X = parse_matrix(need(p, q, "X"), "quantity " + q + " X");
  d.y = parse_vector(need(p, q, "y"), "quantity " + q + " y");
  if (static_cast<long>(d.y.size()) != d.n())
    throw input_error("quantity " + q + ": requires one label per row of X, got " + std::to_string(d.n()) + " rows and " +
                      std::to_string(d.y.size()) + " labels");
  return d;
}

Point point_of(const Params& p, const std::string& q) {
  return Point{parse_vector(need(p, q, "v"), "quantity " + q + " v"), parse_matrix(need(p, q, "W"), "quantity " + q + " W")};
}

std::vector<Value> flat(const QMatrix& m) {
  std::vector<Value> v;
  for (long i = 0; i < m.rows(); ++i)
    for (long j = 0; j < m.cols(); ++j) v.emplace_back(m(i, j));
  return v;
}

}  // namespace

const std::vector<QuantityInfo>& landscape_quantities() {
  static const std::vector<QuantityInfo> q = {
      {"landscape.loss", "X, y, v, W", "landscape.loss", "L(W) for f(x) = v^T (W x)^2 (X rows 'a,b;c,d')"},
      {"landscape.gradient", "X, y, v, W", "landscape.gradient", "grad_W L, row-major"},
      {"landscape.gradient_general", "X, y, v, W", "landscape.gradient_general", "grad_W L by the general formula, row-major"},
      {"landscape.residual_matrix", "X, y, v, W", "landscape.residual_matrix", "(1/n) sum r_i x_i x_i^T, row-major"},
      {"landscape.hessian_form", "X, y, v, W, U", "landscape.hessian_form", "vec(U)^T grad^2 L vec(U) (4/n second term)"},
      {"landscape.hessian_form_recorded", "X, y, v, W, U", "landscape.hessian_form_recorded", "(6.4) as recorded (2/n)"},
      {"landscape.line_coefficients", "X, y, v, W, U", "landscape.loss", "c_0..c_4 of t -> L(W + tU), expanded exactly"},
      {"landscape.sym_ls_optimum", "X, y", "landscape.sym_least_squares", "min over symmetric M of (1/(2n)) sum (x^T M x - y)^2"},
      {"landscape.khatri_rao_rank", "X", "landscape.khatri_rao_rank", "rank of X*X (columns x_i (x) x_i)"},
      {"landscape.verdict", "kind, n, d, k, [seed = 0]", "landscape.optimality_certificate",
       "verdict code at a generated instance: 0 global minimum, 1 strict saddle, 2 not stationary, 3 undetermined"},
      {"landscape.case2_value", "n, d, k, [seed = 0]", "landscape.case2_direction",
       "2 (a^T D_v a) b^T (S/n) b at a generated saddle (exact, < 0)"},
      {"landscape.certificate_gap", "n, d, k, [seed = 0]", "landscape.sym_least_squares",
       "L(W) - LS optimum at a generated optimal instance (0 when the certificate holds)"},
      {"landscape.mu", "act, sigma, [prec = 128]", "landscape.mu", "E phi'(sigma g) (ball)"},
      {"landscape.gamma", "act, sigma, [prec = 128]", "landscape.gamma", "E phi''(sigma g) (ball)"},
      {"landscape.mu_erf_closed_form", "sigma, [prec = 128]", "landscape.mu_erf_closed_form", "(2/sqrt pi)/sqrt(1 + sigma^2)"},
      {"landscape.thm22_bound", "eps_g, eps_H, nu, nuclear, d, gamma, [prec = 128]", "landscape.thm22_bound",
       "Theorem 2.2 loss bound and probability"},
      {"landscape.thm25_constants", "n, d, k, sigma_min, sigma_max, [c = 1], [C = 1], [Cprime = 1]", "landscape.thm25_pl",
       "beta, m_L, m_U, rate (stated), rate (Lemma 7.12) at alpha = 1/beta (exact)"},
  };
  return q;
}

std::optional<std::vector<Value>> evaluate_landscape_quantity(const std::string& q, const Params& p) {
  if (q.rfind("landscape.", 0) != 0) return std::nullopt;
  if (q == "landscape.loss" || q == "landscape.gradient" || q == "landscape.gradient_general" ||
      q == "landscape.residual_matrix" || q == "landscape.hessian_form" || q == "landscape.hessian_form_recorded" ||
      q == "landscape.line_coefficients") {
    const Data d = data_of(p, q);
    const Point pt = point_of(p, q);
    require_shapes(d, pt, ("quantity " + q).c_str());
    require_sizes(d.n(), d.d(), pt.W.rows(), false, "quantity " + q);
    if (q == "landscape.loss") return std::vector<Value>{Value(loss_exact(d, pt))};
    if (q == "landscape.gradient") return flat(gradient_exact(d, pt));
    if (q == "landscape.gradient_general") return flat(gradient_general_exact(d, pt));
    if (q == "landscape.residual_matrix") return flat(residual_matrix_exact(d, pt));
    const QMatrix U = parse_matrix(need(p, q, "U"), "quantity " + q + " U");
    if (q == "landscape.hessian_form") return std::vector<Value>{Value(hessian_form_exact(d, pt, U))};
    if (q == "landscape.hessian_form_recorded") return std::vector<Value>{Value(hessian_form_recorded_exact(d, pt, U))};
    std::vector<Value> v;
    for (const auto& c : loss_along_line_exact(d, pt, U)) v.emplace_back(c);
    return v;
  }
  if (q == "landscape.sym_ls_optimum") {
    const Data d = data_of(p, q);
    require_sizes(d.n(), d.d(), 1, true, "quantity " + q);
    return std::vector<Value>{Value(sym_least_squares_exact(d).optimum)};
  }
  if (q == "landscape.khatri_rao_rank") {
    const QMatrix X = parse_matrix(need(p, q, "X"), "quantity " + q + " X");
    require_sizes(X.rows(), X.cols(), 1, true, "quantity " + q);
    return std::vector<Value>{Value(static_cast<long long>(khatri_rao_rank(X)))};
  }
  if (q == "landscape.verdict" || q == "landscape.case2_value" || q == "landscape.certificate_gap") {
    const std::string kind = q == "landscape.verdict" ? need(p, q, "kind") : q == "landscape.case2_value" ? "saddle" : "optimal";
    const auto g = generate_instance(parse_instance_kind(kind), need_long(p, q, "n", 1, kMaxLeastSquaresSamples),
                                     need_long(p, q, "d", 1, kMaxLeastSquaresDimension), need_long(p, q, "k", 1, kMaxWidth),
                                     seed_param(p));
    const Certificate c = certify_exact(g.data, g.point, q == "landscape.certificate_gap", 64);
    if (q == "landscape.verdict") return std::vector<Value>{Value(static_cast<long long>(c.kind))};
    if (q == "landscape.certificate_gap") return std::vector<Value>{Value(c.loss - c.least_squares->optimum)};
    if (!c.saddle) throw domain_error("quantity " + q + ": the generated instance is not a strict saddle");
    return std::vector<Value>{Value(c.saddle->value)};
  }
  const long prec = prec_param(p);
  if (q == "landscape.mu" || q == "landscape.gamma") {
    const Activation a = parse_activation(need(p, q, "act"));
    const Rational s = Rational::parse(need(p, q, "sigma"));
    return std::vector<Value>{Value(activation_moment_ball(a, q == "landscape.mu" ? Moment::mu : Moment::gamma, s, prec), prec)};
  }
  if (q == "landscape.mu_erf_closed_form")
    return std::vector<Value>{Value(erf_mu_closed_form_ball(Rational::parse(need(p, q, "sigma")), prec), prec)};
  if (q == "landscape.thm22_bound") {
    Theorem22Input in{Rational::parse(need(p, q, "eps_g")), Rational::parse(need(p, q, "eps_H")),
                      Rational::parse(need(p, q, "nu")), Rational::parse(need(p, q, "nuclear")),
                      need_long(p, q, "d", 1, 1000000000), Rational::parse(need(p, q, "gamma"))};
    const auto o = theorem22_bound(in, prec);
    return std::vector<Value>{Value(o.loss_bound, prec), Value(o.probability, prec)};
  }
  if (q == "landscape.thm25_constants") {
    Theorem25Input in;
    in.n = need_long(p, q, "n", 1, 1000000000);
    in.d = need_long(p, q, "d", 1, 1000000000);
    in.k = need_long(p, q, "k", 1, 1000000000);
    in.sigma_min = Rational::parse(need(p, q, "sigma_min"));
    in.sigma_max = Rational::parse(need(p, q, "sigma_max"));
    in.c = Rational::parse(get_or(p, "c", "1"));
    in.C = Rational::parse(get_or(p, "C", "1"));
    in.Cprime = Rational::parse(get_or(p, "Cprime", "1"));
    const auto o = theorem25_constants(in, prec);
    return std::vector<Value>{Value(o.beta), Value(o.m_L), Value(o.m_U), Value(o.rate_stated), Value(o.rate_lemma)};
  }
  return std::nullopt;
}

}  // namespace gdcert::api
