#include "landscape/theorems.hpp"

#include "exact/errors.hpp"

namespace gdcert::landscape {

namespace {

void require_nonneg(const Rational& x, const char* fn, const char* name) {
  if (x.sign() < 0) throw domain_error(std::string(fn) + ": requires " + name + " >= 0, got " + name + " = " + x.str());
}
void require_pos(const Rational& x, const char* fn, const char* name) {
  if (x.sign() <= 0) throw domain_error(std::string(fn) + ": requires " + name + " > 0, got " + name + " = " + x.str());
}

Ball sqrt_ball(const Rational& q, slong prec) {
  Ball b = to_ball(q, prec + 16);
  arb_sqrt(b.get(), b.get(), prec);
  return b;
}

Ball pow_ball(const Rational& q, long e, slong prec) {
  Ball b = to_ball(q, prec + 16);
  arb_pow_ui(b.get(), b.get(), static_cast<ulong>(e), prec);
  return b;
}

}  // namespace

Theorem22Output theorem22_bound(const Theorem22Input& in, slong prec) {
  const char* fn = "theorem22_bound";
  require_nonneg(in.eps_g, fn, "eps_g");
  require_nonneg(in.eps_H, fn, "eps_H");
  require_nonneg(in.nuclear, fn, "nuclear");
  require_pos(in.nu, fn, "nu");
  require_pos(in.gamma, fn, "gamma");
  if (in.d < 1) throw domain_error(std::string(fn) + ": requires d >= 1, got d = " + std::to_string(in.d));
  const slong wp = prec + 16;
  Theorem22Output o;
  Ball sn = sqrt_ball(in.nu, wp);
  Ball a = to_ball(in.eps_g, wp), first = sqrt_ball(Rational(1) + Rational(14) * in.nuclear, wp), second, m, t;
  arb_div(a.get(), a.get(), sn.get(), wp);      // eps_g/sqrt(nu)
  arb_mul_2exp_si(second.get(), a.get(), 2);    // 4 eps_g/sqrt(nu)
  arb_max(m.get(), first.get(), second.get(), wp);
  arb_mul(o.loss_bound.get(), a.get(), m.get(), wp);
  t = to_ball(in.eps_H * in.nuclear / (Rational(2) * in.nu), wp);
  arb_add(o.loss_bound.get(), o.loss_bound.get(), t.get(), prec);  // landscape.thm22_bound
  Ball e = to_ball(-in.gamma * Rational(in.d), wp);
  arb_exp(e.get(), e.get(), wp);
  arb_mul_si(e.get(), e.get(), 12 * in.d, wp);
  Ball p = to_ball(Rational(1) - Rational(8, in.d), wp);
  arb_sub(o.probability.get(), p.get(), e.get(), prec);
  return o;
}

Theorem25Output theorem25_constants(const Theorem25Input& in, slong prec) {
  const char* fn = "theorem25_constants";
  if (in.d < 1 || in.n < in.d)
    throw domain_error(std::string(fn) + ": requires 1 <= d <= n, got d = " + std::to_string(in.d) + ", n = " + std::to_string(in.n));
  if (in.k < in.d) throw domain_error(std::string(fn) + ": requires k >= d, got k = " + std::to_string(in.k));
  if (in.tau < 0 || in.tau > 100000000) throw domain_error(std::string(fn) + ": requires 0 <= tau <= 1e8, got tau = " + std::to_string(in.tau));
  require_pos(in.sigma_min, fn, "sigma_min");
  if (in.sigma_max < in.sigma_min)
    throw domain_error(std::string(fn) + ": requires sigma_min <= sigma_max, got sigma_max = " + in.sigma_max.str());
  for (auto [x, name] : {std::pair{&in.c, "c"}, {&in.C, "C"}, {&in.C0, "C0"}, {&in.c0, "c0"}, {&in.Cprime, "Cprime"},
                         {&in.B, "B"}, {&in.Lphi, "L"}, {&in.v_max, "v_max"}, {&in.w_max, "w_max"}})
    require_pos(*x, fn, name);
  require_nonneg(in.L0, fn, "L0");
  require_nonneg(in.alpha, fn, "alpha");
  const slong wp = prec + 16;
  Theorem25Output o;
  const Rational n(in.n), d(in.d), k(in.k);
  const Rational smin = in.case_b ? Rational(1) : in.sigma_min;  // Remark 2.6
  const Rational& smax = in.sigma_max;
  // (2.3) n <= c_0 sigma_min^4/sigma_max^8 d^2
  o.n_max = in.c0 * pow(smin, 4) / pow(smax, 8) * d * d;
  // (2.4)/(2.5) initial radii: C_0 (sigma_min^3/sigma_max) d^{5/2}/(n^{3/2} k) and /(n^{3/2} k^{3/2})
  {
    Ball f = to_ball(in.C0 * pow(smin, 3) / smax * d * d / (n * k), wp), s = sqrt_ball(d / n, wp), sk = sqrt_ball(k, wp);
    arb_mul(f.get(), f.get(), s.get(), wp);       // * sqrt(d/n): d^2.5/n^1.5
    o.init_radius_W = f;
    arb_div(o.init_radius_v.get(), f.get(), sk.get(), prec);
  }
  o.beta = in.C * (smax * smax + Rational(1)) * k;  // landscape.thm25_beta
  o.beta_714 = (Rational(3) * in.C * in.C * smax * smax + Rational(8) * in.v_max * in.v_max * in.B * in.Lphi +
                Rational(4) * in.B * in.B * in.w_max * in.w_max + Rational(2) * in.phi0 * in.phi0) * k;
  o.alpha = in.alpha.is_zero() ? Rational(1) / o.beta : in.alpha;
  {
    Ball s = sqrt_ball(d / n, wp), f = to_ball(in.c / (Rational(4) * in.Cprime) * smin, wp);
    arb_mul(o.R.get(), f.get(), s.get(), prec);   // landscape.thm25_radius
  }
  o.m_L = in.c * in.c * smin * smin * d * d / (Rational(2) * n);
  o.m_U = Rational(9, 2) * in.C * in.C * smax * smax * k;
  o.m_tilde_U = Rational(4) * in.phi0 * in.phi0 + Rational(128) * in.B * in.B + Rational(128) * in.B * in.B * in.w_max * in.w_max;
  {
    Ball s = sqrt_ball(o.m_U * in.L0, wp), f = to_ball(Rational(4) / o.m_L, wp);
    arb_mul(o.path_bound.get(), f.get(), s.get(), prec);
  }
  o.rate_stated = Rational(1) - in.c * o.alpha * d / n;
  o.rate_lemma = Rational(1) - o.alpha * o.m_L / Rational(2);
  o.factor_stated = pow_ball(o.rate_stated, in.tau, prec);
  o.factor_lemma = pow_ball(o.rate_lemma, in.tau, prec);
  o.notes.push_back("rate: Theorem 2.5 states (1 - c alpha d/n)^tau, Lemma 7.12's m_L = c^2 sigma_min^2 d^2/(2n) gives "
                    "(1 - alpha m_L/2)^tau (d^2/n); the stated rate is the weaker one");
  o.notes.push_back("(7.59) replaces sigma_min(W*) by w_max 'since sigma_min < w_max', an inequality that points the wrong "
                    "way: the constant c of the rate depends on sigma_min(W*)");
  if (in.case_b) o.notes.push_back("Assumption 2.3(b): sigma_min(W*) replaced by 1 in (2.3)-(2.5), R and m_L (Remark 2.6)");
  if (o.rate_stated.sign() < 0 || o.rate_lemma.sign() < 0)
    o.notes.push_back("a rate below 0: the step exceeds what the constants allow (alpha > 1/beta or large constants)");
  return o;
}

}  // namespace gdcert::landscape
