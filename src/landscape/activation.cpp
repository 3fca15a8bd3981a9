#include "landscape/activation.hpp"

#include <cmath>

#include "exact/errors.hpp"

namespace gdcert::landscape {

std::string Activation::spec() const {
  switch (kind) {
    case ActivationKind::softplus: return "softplus:b=" + b.str();
    case ActivationKind::sigmoid: return "sigmoid:b=" + b.str();
    case ActivationKind::tanh: return "tanh";
    case ActivationKind::erf: return "erf";
    case ActivationKind::quadratic: return "quadratic";
  }
  return "?";
}

Activation parse_activation(const std::string& spec) {
  Activation a;
  std::string name = spec, rest;
  if (auto c = spec.find(':'); c != std::string::npos) {
    name = spec.substr(0, c);
    rest = spec.substr(c + 1);
  }
  if (name == "softplus") a.kind = ActivationKind::softplus, a.b = 10;
  else if (name == "sigmoid") a.kind = ActivationKind::sigmoid, a.b = 1;
  else if (name == "tanh") a.kind = ActivationKind::tanh;
  else if (name == "erf") a.kind = ActivationKind::erf;
  else if (name == "quadratic" || name == "square" || name == "z^2") a.kind = ActivationKind::quadratic;
  else
    throw input_error("activation: requires softplus[:b=B], sigmoid[:b=B], tanh, erf or quadratic, got \"" + spec + "\"");
  if (!rest.empty()) {
    if (rest.rfind("b=", 0) != 0 || (a.kind != ActivationKind::softplus && a.kind != ActivationKind::sigmoid))
      throw input_error("activation: requires the only parameter b=B on softplus or sigmoid, got \"" + spec + "\"");
    a.b = Rational::parse(rest.substr(2));
    if (a.b.sign() <= 0 || a.b > Rational(100))
      throw input_error("activation: requires 0 < b <= 100, got b = " + a.b.str());
  }
  return a;
}

namespace {

struct Integrand {
  ActivationKind kind;
  Moment m;
  arb_t b;      // steepness
  acb_t sigma;  // the scale (a point or an interval ball)
};

/** h(z) = phi'(z) or phi''(z) at complex z (non-finite output where a pole may lie in z: then not holomorphic). */
void derivative(acb_t out, const Integrand& p, const acb_t z, slong prec) {
  acb_t e, t, u;
  acb_init(e); acb_init(t); acb_init(u);
  switch (p.kind) {
    case ActivationKind::softplus:
    case ActivationKind::sigmoid: {
      // s(w) = 1/(1 + e^{-w}), w = b z; s' = e^{-w}/(1+e^{-w})^2; s'' = e^{-w}(e^{-w} - 1)/(1+e^{-w})^3.
      acb_mul_arb(t, z, p.b, prec);
      acb_neg(t, t);
      acb_exp(e, t, prec);                    // e^{-w}
      acb_add_ui(u, e, 1, prec);              // 1 + e^{-w}
      const int order = (p.kind == ActivationKind::softplus ? 1 : 2) + (p.m == Moment::gamma ? 1 : 0);
      if (order == 1) {
        acb_inv(out, u, prec);                // softplus' = s(w)
      } else if (order == 2) {
        // b s'(w) = b/(4 cosh^2(w/2)): one occurrence of w keeps interval evaluations tight.
        acb_mul_arb(t, z, p.b, prec);
        acb_mul_2exp_si(t, t, -1);
        acb_cosh(t, t, prec);
        acb_mul(t, t, t, prec);
        acb_mul_2exp_si(t, t, 2);
        acb_inv(out, t, prec);
        acb_mul_arb(out, out, p.b, prec);     // d/dz s(bz) = b s'(w)
      } else {
        acb_sub_ui(t, e, 1, prec);
        acb_mul(t, t, e, prec);
        acb_pow_ui(u, u, 3, prec);
        acb_div(out, t, u, prec);
        acb_mul_arb(out, out, p.b, prec);
        acb_mul_arb(out, out, p.b, prec);     // b^2 s''(w)
      }
      break;
    }
    case ActivationKind::tanh: {
      // sech^2 z = 4 e/(1 + e)^2, e = e^{2z}; d/dz sech^2 z = -2 tanh z sech^2 z = -8 e (e - 1)/(1 + e)^3.
      acb_mul_2exp_si(t, z, 1);
      acb_exp(e, t, prec);
      acb_add_ui(u, e, 1, prec);
      if (p.m == Moment::mu) {
        acb_cosh(t, z, prec);                 // sech^2 z = 1/cosh^2 z
        acb_mul(t, t, t, prec);
        acb_inv(out, t, prec);
      } else {
        acb_sub_ui(t, e, 1, prec);
        acb_mul(t, t, e, prec);
        acb_pow_ui(u, u, 3, prec);
        acb_div(out, t, u, prec);
        acb_mul_2exp_si(out, out, 3);
        acb_neg(out, out);
      }
      break;
    }
    case ActivationKind::erf: {
      // phi'(z) = (2/sqrt pi) e^{-z^2/2}; phi''(z) = -z phi'(z).
      acb_mul(t, z, z, prec);
      acb_mul_2exp_si(t, t, -1);
      acb_neg(t, t);
      acb_exp(e, t, prec);
      arb_const_sqrt_pi(acb_realref(u), prec);
      arb_zero(acb_imagref(u));
      acb_div(out, e, u, prec);
      acb_mul_2exp_si(out, out, 1);
      if (p.m == Moment::gamma) {
        acb_mul(out, out, z, prec);
        acb_neg(out, out);
      }
      break;
    }
    case ActivationKind::quadratic: {
      if (p.m == Moment::mu) acb_mul_2exp_si(out, z, 1);
      else acb_set_ui(out, 2);
      break;
    }
  }
  acb_clear(e); acb_clear(t); acb_clear(u);
}

int integrand(acb_ptr res, const acb_t t, void* param, slong order, slong prec) {
  const Integrand& p = *static_cast<const Integrand*>(param);
  (void)order;  // every piece is holomorphic where the output is finite (a division by a ball containing 0 is not)
  acb_t z, g;
  acb_init(z); acb_init(g);
  acb_mul(z, t, p.sigma, prec);
  derivative(res, p, z, prec);
  // Gaussian density e^{-t^2/2}/sqrt(2 pi) (entire).
  acb_mul(g, t, t, prec);
  acb_mul_2exp_si(g, g, -1);
  acb_neg(g, g);
  acb_exp(g, g, prec);
  acb_mul(res, res, g, prec);
  arb_t c;
  arb_init(c);
  arb_const_pi(c, prec);
  arb_mul_2exp_si(c, c, 1);
  arb_sqrt(c, c, prec);
  acb_div_arb(res, res, c, prec);
  arb_clear(c);
  acb_clear(z); acb_clear(g);
  return 0;
}

}  // namespace

std::optional<Rational> derivative_bound(const Activation& act, Moment m) {
  switch (act.kind) {
    case ActivationKind::softplus: return m == Moment::mu ? Rational(1) : act.b / Rational(4);  // s <= 1, s(1-s) <= 1/4
    case ActivationKind::sigmoid: return m == Moment::mu ? act.b / Rational(4) : act.b * act.b / Rational(4);  // |s(1-s)(1-2s)| <= 1/4
    case ActivationKind::tanh: return Rational(1);       // sech^2 <= 1; |2 tanh sech^2| <= 4/(3 sqrt 3) < 1
    case ActivationKind::erf: return Rational(2);        // 2/sqrt(pi) < 2; |z e^{-z^2/2}| 2/sqrt(pi) < 1
    case ActivationKind::quadratic: return m == Moment::gamma ? std::optional<Rational>(Rational(2)) : std::nullopt;
  }
  return std::nullopt;
}

std::optional<Rational> activation_moment_exact(const Activation& act, Moment m) {
  switch (act.kind) {
    case ActivationKind::softplus: if (m == Moment::mu) return Rational(1, 2); break;  // s(w) - 1/2 is odd
    case ActivationKind::sigmoid:
    case ActivationKind::tanh:
    case ActivationKind::erf: if (m == Moment::gamma) return Rational(0); break;       // phi'' is odd
    case ActivationKind::quadratic: return m == Moment::mu ? Rational(0) : Rational(2);  // E 2 sigma g = 0, phi'' = 2
  }
  return std::nullopt;  // landscape.assumption23_symmetry
}

Ball activation_moment_ball(const Activation& act, Moment m, const Ball& sigma, slong prec) {
  if (certainly_negative(sigma))
    throw domain_error("activation_moment_ball: requires sigma >= 0, got sigma = " + sigma.str(10));
  if (act.kind == ActivationKind::quadratic) return to_ball(*activation_moment_exact(act, m), prec);
  const slong wp = prec + 20;
  // T^2 = 2 (prec + 20) ln 2 makes e^{-T^2/2} = 2^{-(prec+20)}.
  const double T = std::ceil(std::sqrt(2.0 * static_cast<double>(prec + 20) * std::log(2.0))) + 1;
  Integrand p;
  p.kind = act.kind;
  p.m = m;
  arb_init(p.b);
  acb_init(p.sigma);
  {
    Ball bb = to_ball(act.b, wp);
    arb_set(p.b, bb.get());
  }
  arb_set(acb_realref(p.sigma), sigma.get());
  acb_t res, a, bnd;
  acb_init(res); acb_init(a); acb_init(bnd);
  acb_set_d(a, -T);
  acb_set_d(bnd, T);
  mag_t tol;
  mag_init(tol);
  mag_set_ui_2exp_si(tol, 1, -(prec + 8));
  acb_calc_integrate_opt_t opt;
  acb_calc_integrate_opt_init(opt);
  opt->eval_limit = 50000;  // bounded time per call; a harder integral gives a wide (still valid) ball
  acb_calc_integrate(res, integrand, &p, a, bnd, prec + 8, tol, opt, wp);
  Ball out(acb_realref(res));  // the imaginary part is 0 for the real integrand (its ball is discarded)
  // Tail: |int_{|t|>T} h(sigma t) phi(t) dt| <= sup|h| P(|g| > T) <= sup|h| e^{-T^2/2} (Chernoff), sup|h| from
  // derivative_bound (proofs/landscape.md#assumption-23).
  {
    const Rational B = *derivative_bound(act, m);
    mag_t tail, bm;
    mag_init(tail); mag_init(bm);
    Ball Bb = to_ball(B, 64);
    arb_get_mag(bm, Bb.get());
    mag_set_d(tail, T * T / 2);           // e^{-T^2/2}
    mag_expinv(tail, tail);
    mag_mul(tail, tail, bm);
    arb_add_error_mag(out.get(), tail);
    mag_clear(tail); mag_clear(bm);
  }
  mag_clear(tol);
  acb_clear(res); acb_clear(a); acb_clear(bnd);
  arb_clear(p.b);
  acb_clear(p.sigma);
  return out;  // landscape.mu / landscape.gamma
}

Ball activation_moment_ball(const Activation& act, Moment m, const Rational& sigma, slong prec) {
  if (sigma.sign() < 0) throw domain_error("activation_moment_ball: requires sigma >= 0, got sigma = " + sigma.str());
  return activation_moment_ball(act, m, to_ball(sigma, prec + 20), prec);
}

Ball erf_mu_closed_form_ball(const Rational& sigma, slong prec) {
  if (sigma.sign() < 0) throw domain_error("erf_mu_closed_form_ball: requires sigma >= 0, got sigma = " + sigma.str());
  const slong wp = prec + 16;
  Ball s = to_ball(Rational(1) + sigma * sigma, wp), r, pi;
  arb_sqrt(s.get(), s.get(), wp);
  arb_const_sqrt_pi(pi.get(), wp);
  arb_mul(s.get(), s.get(), pi.get(), wp);
  arb_ui_div(r.get(), 2, s.get(), prec);
  return r;  // landscape.mu_erf_closed_form: E (2/sqrt pi) e^{-sigma^2 g^2/2} = (2/sqrt pi)/sqrt(1 + sigma^2)
}

namespace {

/** sup |phi'''| over R (a rational upper bound), for the Lipschitz constant of gamma. */
Rational third_derivative_bound(const Activation& act) {
  switch (act.kind) {
    case ActivationKind::softplus: return act.b * act.b / Rational(10);  // b^2 |s(1-s)(1-2s)| <= b^2/(6 sqrt 3) < b^2/10
    case ActivationKind::sigmoid: return act.b * act.b * act.b / Rational(4);  // |s(1-s)(1-6s+6s^2)| <= 1/4
    case ActivationKind::tanh: return Rational(2);                         // |sech^2 (6 tanh^2 - 2)| <= 2
    case ActivationKind::erf: return Rational(2);                          // (2/sqrt pi)|z^2 - 1| e^{-z^2/2} <= 2/sqrt pi
    case ActivationKind::quadratic: return Rational(0);
  }
  return Rational(0);
}

/**
 * A ball enclosing the moment for every sigma in [lo, hi]: the value at the midpoint widened by Lip * (hi - lo)/2 with
 * Lip = sup|phi^(j+1)| E|g| <= sup|phi^(j+1)| 4/5 (|d/dsigma E phi^(j)(sigma g)| = |E phi^(j+1)(sigma g) g|, and
 * E|g| = sqrt(2/pi) < 4/5); the cell is bisected (up to 2^10 pieces) until each piece's ball excludes 0, and the union
 * of the pieces is returned (it contains 0 only when some piece stayed undecided). `budget` bounds the evaluations
 * over all cells (a steep activation on a long grid stays undecided instead of running for hours).
 */
Ball cell_enclosure(const Activation& act, Moment m, const Rational& lo, const Rational& hi, long& budget, int depth = 0) {
  const Rational mid = (lo + hi) / Rational(2);
  const Rational lip = (m == Moment::mu ? *derivative_bound(act, Moment::gamma) : third_derivative_bound(act)) * Rational(4, 5);
  --budget;
  Ball v = activation_moment_ball(act, m, mid, 48);
  {
    Ball w = to_ball(lip * (hi - lo) / Rational(2), 64);
    mag_t e;
    mag_init(e);
    arb_get_mag(e, w.get());
    arb_add_error_mag(v.get(), e);
    mag_clear(e);
  }
  if (certainly_nonzero(v) || depth >= 10 || budget < 2) return v;
  Ball l = cell_enclosure(act, m, lo, mid, budget, depth + 1), r = cell_enclosure(act, m, mid, hi, budget, depth + 1), u;
  arb_union(u.get(), l.get(), r.get(), 64);
  return u;
}

}  // namespace

AssumptionReport assumption23(const Activation& act, const std::vector<Rational>& grid, slong prec) {
  if (grid.empty() || grid.size() > 401) throw input_error("assumption23: requires 1 to 401 sigma values, got " + std::to_string(grid.size()));
  for (std::size_t j = 0; j < grid.size(); ++j) {
    if (grid[j].sign() < 0) throw domain_error("assumption23: requires sigma >= 0, got sigma = " + grid[j].str());
    if (j && !(grid[j - 1] < grid[j])) throw input_error("assumption23: requires an increasing sigma grid, got " + grid[j - 1].str() + " then " + grid[j].str());
  }
  AssumptionReport r;
  r.act = act;
  r.grid = grid;
  r.mu_exact = activation_moment_exact(act, Moment::mu);
  r.gamma_exact = activation_moment_exact(act, Moment::gamma);
  for (const auto& s : grid) {
    r.mu.push_back(r.mu_exact ? to_ball(*r.mu_exact, prec) : activation_moment_ball(act, Moment::mu, s, prec));
    r.gamma.push_back(r.gamma_exact ? to_ball(*r.gamma_exact, prec) : activation_moment_ball(act, Moment::gamma, s, prec));
  }
  // Cells: sigma ranges over [grid_j, grid_{j+1}] (bisected where needed; lower precision: the width dominates).
  bool mu_ok = true, gamma_ok = true;
  long budget = 2000;  // evaluations for all cell enclosures together (1 to 50 ms each)
  for (std::size_t j = 0; j + 1 < grid.size(); ++j) {
    Ball mu = r.mu_exact ? to_ball(*r.mu_exact, 64) : cell_enclosure(act, Moment::mu, grid[j], grid[j + 1], budget);
    Ball ga = r.gamma_exact ? to_ball(*r.gamma_exact, 64) : cell_enclosure(act, Moment::gamma, grid[j], grid[j + 1], budget);
    mu_ok = mu_ok && certainly_nonzero(mu);
    gamma_ok = gamma_ok && certainly_nonzero(ga);
    r.mu_cells.push_back(mu);
    r.gamma_cells.push_back(ga);
  }
  if (grid.size() == 1) {
    mu_ok = certainly_nonzero(r.mu[0]);
    gamma_ok = certainly_nonzero(r.gamma[0]);
  }
  r.mu_nonzero_on_cells = mu_ok;
  r.gamma_nonzero_on_cells = gamma_ok;
  const std::string range = "[" + grid.front().str() + ", " + grid.back().str() + "]";
  auto statement = [&](Moment m, const std::optional<Rational>& ex, bool ok) -> std::string {
    const char* name = m == Moment::mu ? "mu" : "gamma";
    if (ex) return std::string(name) + " = " + ex->str() + " for every sigma >= 0 (symmetry, exact)" +
                   (ex->is_zero() ? ": identically zero" : ": nowhere zero");
    // One-signed integrands: softplus phi'' = b s(1-s) > 0; sigmoid/tanh/erf phi' > 0 (proofs/landscape.md#assumption-23).
    std::string s = std::string(name) + " > 0 for every sigma >= 0 (the integrand is positive)";
    s += ok ? "; balls certify it on " + range + " (every cell excludes 0)" : "; balls undecided on some cell of " + range;
    return s;
  };
  r.mu_statement = statement(Moment::mu, r.mu_exact, mu_ok);
  r.gamma_statement = statement(Moment::gamma, r.gamma_exact, gamma_ok);
  if (r.gamma_exact && r.gamma_exact->is_zero()) r.case_23 = "(b): gamma identically 0";
  else r.case_23 = "(a): gamma nowhere 0";
  if (r.mu_exact && r.mu_exact->is_zero()) r.case_23 += "; mu identically 0";
  return r;
}

}  // namespace gdcert::landscape
