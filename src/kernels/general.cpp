#include "kernels/general.hpp"

#include <cmath>

#include "exact/errors.hpp"
#include "exact/integer.hpp"

namespace gdcert::kernels {

namespace {

using K = Activation::Kind;

std::string show(const Ball& b) { return b.str(15); }

/** κ_p(ρ) = J_p(arccos ρ)/(2π) through second_moment at unit variance (clips balls reaching outside [-1, 1]). */
Ball kappa_ball(unsigned p, const Ball& rho, slong prec) {
  Ball one;
  arb_one(one.get());
  return second_moment(Activation{K::arccos, p}, one, rho, prec);
}

/** (2/π) arcsin t through the sign kernel at unit variance (clipped likewise). */
Ball arcsin_kernel(const Ball& t, slong prec) {
  Ball one;
  arb_one(one.get());
  return second_moment(Activation{K::sign, 0}, one, t, prec);
}

/** sqrt(q1 q2)^k. */
Ball geometric_power(const Ball& q1, const Ball& q2, unsigned k, slong prec) {
  Ball g;
  arb_mul(g.get(), q1.get(), q2.get(), prec);
  if (k % 2 == 0) {
    arb_pow_ui(g.get(), g.get(), k / 2, prec);
  } else {
    arb_sqrtpos(g.get(), g.get(), prec);
    arb_pow_ui(g.get(), g.get(), k, prec);
  }
  return g;
}

// ---- GELU: E[σ(u) E[σ(v) | u]] by acb_calc_integrate (kernel.gelu.quadrature) ----------------------------------
//   u = sqrt(q1) z, v | u ~ N(m, s²), m = (c/sqrt(q1)) z, s² = q2 − c²/q1, D = sqrt(1 + s²):
//   E[vΦ(v)]            = m Φ(m/D) + (s²/D) φ(m/D)
//   E[Φ(v) + vφ(v)]     = Φ(m/D) + (m/D³) φ(m/D)
// The integrand in z is entire (Φ(w) = erfc(−w/√2)/2). Tails |z| > T are bounded in proofs/kernels.md#gelu.

struct GeluParam {
  acb_t r1, al, s2, D, D3;
  bool derivative;
};

void Phi_acb(acb_t r, const acb_t w, slong prec) {
  acb_t t;
  acb_init(t);
  arb_t h;
  arb_init(h);
  arb_sqrt_ui(h, 2, prec);
  arb_inv(h, h, prec);
  acb_mul_arb(t, w, h, prec);
  acb_neg(t, t);
  acb_hypgeom_erfc(r, t, prec);
  acb_mul_2exp_si(r, r, -1);
  arb_clear(h);
  acb_clear(t);
}

void phi_acb(acb_t r, const acb_t w, slong prec) {
  arb_t k;
  arb_init(k);
  acb_mul(r, w, w, prec);
  acb_mul_2exp_si(r, r, -1);
  acb_neg(r, r);
  acb_exp(r, r, prec);
  arb_const_pi(k, prec);
  arb_mul_2exp_si(k, k, 1);
  arb_rsqrt(k, k, prec);
  acb_mul_arb(r, r, k, prec);
  arb_clear(k);
}

int gelu_integrand(acb_ptr res, const acb_t z, void* param, slong order, slong prec) {
  (void)order;  // entire in z
  const GeluParam& g = *static_cast<const GeluParam*>(param);
  acb_t u, m, w, Pu, pu, Pw, pw, sig, cond, t;
  for (acb_ptr x : {u, m, w, Pu, pu, Pw, pw, sig, cond, t}) acb_init(x);
  acb_mul(u, g.r1, z, prec);
  acb_mul(m, g.al, z, prec);
  acb_div(w, m, g.D, prec);
  Phi_acb(Pu, u, prec);
  phi_acb(pu, u, prec);
  Phi_acb(Pw, w, prec);
  phi_acb(pw, w, prec);
  if (!g.derivative) {
    acb_mul(sig, u, Pu, prec);       // uΦ(u)
    acb_mul(cond, m, Pw, prec);      // m Φ(m/D)
    acb_mul(t, g.s2, pw, prec);
    acb_div(t, t, g.D, prec);        // (s²/D) φ(m/D)
    acb_add(cond, cond, t, prec);
  } else {
    acb_mul(sig, u, pu, prec);
    acb_add(sig, sig, Pu, prec);     // Φ(u) + uφ(u)
    acb_mul(t, m, pw, prec);
    acb_div(t, t, g.D3, prec);       // (m/D³) φ(m/D)
    acb_add(cond, Pw, t, prec);
  }
  phi_acb(t, z, prec);
  acb_mul(sig, sig, cond, prec);
  acb_mul(res, sig, t, prec);
  for (acb_ptr x : {u, m, w, Pu, pu, Pw, pw, sig, cond, t}) acb_clear(x);
  return 0;
}

Ball gelu_moment(const Ball& q1, const Ball& q2, const Ball& c, Moment mo, slong prec) {
  const slong wp = prec + 24;
  GeluParam g;
  g.derivative = mo == Moment::derivative;
  for (acb_ptr x : {g.r1, g.al, g.s2, g.D, g.D3}) acb_init(x);
  Ball r1, al, s2, s, D, t;
  arb_sqrt(r1.get(), q1.get(), wp);
  arb_div(al.get(), c.get(), r1.get(), wp);
  arb_mul(t.get(), al.get(), al.get(), wp);
  arb_sub(s2.get(), q2.get(), t.get(), wp);
  arb_nonnegative_part(s2.get(), s2.get());  // s² = q2 − c²/q1 >= 0 (Cauchy–Schwarz)
  arb_sqrtpos(s.get(), s2.get(), wp);
  arb_add_ui(D.get(), s2.get(), 1, wp);
  arb_sqrt(D.get(), D.get(), wp);
  acb_set_arb(g.r1, r1.get());
  acb_set_arb(g.al, al.get());
  acb_set_arb(g.s2, s2.get());
  acb_set_arb(g.D, D.get());
  arb_pow_ui(t.get(), D.get(), 3, wp);
  acb_set_arb(g.D3, t.get());
  // T with φ(T) <= 2^{-prec-10}: T² >= 2 (prec + 10) ln 2.
  const long T = static_cast<long>(std::ceil(std::sqrt(2.0 * static_cast<double>(prec + 10) * 0.6931471805599453))) + 2;
  acb_t a, b, res;
  acb_init(a);
  acb_init(b);
  acb_init(res);
  acb_set_si(a, -T);
  acb_set_si(b, T);
  mag_t tol;
  mag_init(tol);
  mag_set_ui_2exp_si(tol, 1, -prec - 4);
  acb_calc_integrate(res, gelu_integrand, &g, a, b, prec + 4, tol, nullptr, wp);
  Ball out(acb_realref(res));
  // Tail over |z| > T (proofs/kernels.md#gelu): value: 2|c|(T + 1/T)φ(T) + 2 sqrt(q1) s φ(T);
  // derivative: 3.125 φ(T)/T.
  Ball phiT, tail, x;
  arb_set_si(phiT.get(), T * T);
  arb_mul_2exp_si(phiT.get(), phiT.get(), -1);
  arb_neg(phiT.get(), phiT.get());
  arb_exp(phiT.get(), phiT.get(), wp);
  arb_const_pi(x.get(), wp);
  arb_mul_2exp_si(x.get(), x.get(), 1);
  arb_rsqrt(x.get(), x.get(), wp);
  arb_mul(phiT.get(), phiT.get(), x.get(), wp);
  if (!g.derivative) {
    arb_abs(tail.get(), c.get());
    arb_set_si(x.get(), T);
    arb_ui_div(t.get(), 1, x.get(), wp);
    arb_add(x.get(), x.get(), t.get(), wp);
    arb_mul(tail.get(), tail.get(), x.get(), wp);
    arb_mul(x.get(), r1.get(), s.get(), wp);
    arb_add(tail.get(), tail.get(), x.get(), wp);
    arb_mul(tail.get(), tail.get(), phiT.get(), wp);
    arb_mul_2exp_si(tail.get(), tail.get(), 1);
  } else {
    arb_set_ui(tail.get(), 25);
    arb_div_ui(tail.get(), tail.get(), 8 * static_cast<ulong>(T), wp);  // 3.125/T
    arb_mul(tail.get(), tail.get(), phiT.get(), wp);
  }
  mag_t e;
  mag_init(e);
  arb_get_mag(e, tail.get());
  arb_add_error_mag(out.get(), e);
  arb_set_round(out.get(), out.get(), prec);
  mag_clear(e);
  mag_clear(tol);
  acb_clear(a);
  acb_clear(b);
  acb_clear(res);
  for (acb_ptr x2 : {g.r1, g.al, g.s2, g.D, g.D3}) acb_clear(x2);
  return out;
}

void check_balls(const Ball& q1, const Ball& q2, const Ball& c, const char* fn) {
  if (!certainly_positive(q1)) throw domain_error(std::string(fn) + ": requires q1 > 0, got q1 = " + show(q1));
  if (!certainly_positive(q2)) throw domain_error(std::string(fn) + ": requires q2 > 0, got q2 = " + show(q2));
  Ball c2, p;
  arb_mul(c2.get(), c.get(), c.get(), 64);
  arb_mul(p.get(), q1.get(), q2.get(), 64);
  if (!c.is_finite() || certainly_lt(p, c2))
    throw domain_error(std::string(fn) + ": requires c^2 <= q1 q2, got q1 = " + show(q1) + ", q2 = " + show(q2) +
                       ", c = " + show(c));
}

void check_derivative(const Activation& a, Moment m, const char* fn) {
  if (m == Moment::derivative && !has_derivative_kernel(a))
    throw domain_error(std::string(fn) + ": E[sigma'(u) sigma'(v)] is undefined for " + a.name() +
                       " (sigma' is a point mass at 0)");
}

/** The general kernel with ρ supplied (a ball containing c/sqrt(q1 q2)). */
Ball moment_core(const Activation& a, const Ball& q1, const Ball& q2, const Ball& c, const Ball& rho, Moment m,
                 slong prec) {
  const slong wp = prec + 16;
  Ball r, t, u;
  switch (a.kind) {
    case K::relu:
    case K::arccos: {
      const unsigned p = a.kind == K::relu ? 1 : a.order;
      if (m == Moment::value) {
        r = kappa_ball(p, rho, wp);  // kernel.general.arccos: (q1 q2)^{p/2} κ_p(ρ)
        t = geometric_power(q1, q2, p, wp);
      } else {
        r = kappa_ball(p - 1, rho, wp);  // p² (q1 q2)^{(p-1)/2} κ_{p-1}(ρ)
        t = geometric_power(q1, q2, p - 1, wp);
        arb_mul_ui(t.get(), t.get(), static_cast<ulong>(p) * p, wp);
      }
      arb_mul(r.get(), r.get(), t.get(), prec);
      return r;
    }
    case K::sign:
      r = arcsin_kernel(rho, wp);  // kernel.general.sign
      arb_set_round(r.get(), r.get(), prec);
      return r;
    case K::erf: {
      Ball d1, d2;
      arb_mul_2exp_si(d1.get(), q1.get(), 1);
      arb_add_ui(d1.get(), d1.get(), 1, wp);
      arb_mul_2exp_si(d2.get(), q2.get(), 1);
      arb_add_ui(d2.get(), d2.get(), 1, wp);
      arb_mul(d1.get(), d1.get(), d2.get(), wp);  // (1 + 2q1)(1 + 2q2)
      if (m == Moment::value) {
        arb_sqrt(d2.get(), d1.get(), wp);
        arb_mul_2exp_si(t.get(), c.get(), 1);
        arb_div(t.get(), t.get(), d2.get(), wp);
        r = arcsin_kernel(t, wp);  // kernel.general.erf
      } else {
        arb_mul(t.get(), c.get(), c.get(), wp);
        arb_mul_2exp_si(t.get(), t.get(), 2);
        arb_sub(d1.get(), d1.get(), t.get(), wp);  // (1+2q1)(1+2q2) − 4c² >= 1 + 2q1 + 2q2
        arb_rsqrt(r.get(), d1.get(), wp);
        arb_const_pi(t.get(), wp);
        arb_div(r.get(), r.get(), t.get(), wp);
        arb_mul_2exp_si(r.get(), r.get(), 2);  // (4/π)/sqrt(...)
      }
      arb_set_round(r.get(), r.get(), prec);
      return r;
    }
    case K::abrelu: {
      // kernel.general.abrelu: σ = b relu(u) − a relu(−u)
      Ball nrho, A, B;
      arb_neg(nrho.get(), rho.get());
      const Rational s = a.a * a.a + a.b * a.b, p2 = Rational(2) * a.a * a.b;
      A = to_ball(s, wp);
      B = to_ball(p2, wp);
      const unsigned p = m == Moment::value ? 1 : 0;
      r = kappa_ball(p, rho, wp);
      t = kappa_ball(p, nrho, wp);
      arb_mul(r.get(), r.get(), A.get(), wp);
      arb_mul(t.get(), t.get(), B.get(), wp);
      if (m == Moment::value) {
        arb_sub(r.get(), r.get(), t.get(), wp);
        u = geometric_power(q1, q2, 1, wp);
        arb_mul(r.get(), r.get(), u.get(), prec);
      } else {
        arb_add(r.get(), r.get(), t.get(), prec);
      }
      return r;
    }
    case K::sin:
    case K::cos: {
      // kernel.general.trig: e^{−(q1+q2)/2} sinh c / cosh c
      Ball e, sh, ch;
      arb_add(e.get(), q1.get(), q2.get(), wp);
      arb_mul_2exp_si(e.get(), e.get(), -1);
      arb_neg(e.get(), e.get());
      arb_exp(e.get(), e.get(), wp);
      arb_sinh_cosh(sh.get(), ch.get(), c.get(), wp);
      const bool use_sinh = (a.kind == K::sin) == (m == Moment::value);
      arb_mul(r.get(), e.get(), use_sinh ? sh.get() : ch.get(), prec);
      return r;
    }
    case K::gelu: return gelu_moment(q1, q2, c, m, prec);
  }
  throw domain_error("general_moment: unknown activation");
}

Ball rho_of(const Ball& q1, const Ball& q2, const Ball& c, slong wp) {
  Ball g, rho;
  arb_mul(g.get(), q1.get(), q2.get(), wp);
  arb_sqrtpos(g.get(), g.get(), wp);
  arb_div(rho.get(), c.get(), g.get(), wp);
  return rho;
}

/** Is q the square of a rational? Then its non-negative root. */
std::optional<Rational> rational_sqrt(const Rational& q) {
  if (q.sign() < 0) return std::nullopt;
  fmpz_t n, d;
  fmpz_init(n);
  fmpz_init(d);
  std::optional<Rational> out;
  if (fmpz_is_square(fmpq_numref(q.get())) && fmpz_is_square(fmpq_denref(q.get()))) {
    fmpz_sqrt(n, fmpq_numref(q.get()));
    fmpz_sqrt(d, fmpq_denref(q.get()));
    fmpq_t r;
    fmpq_init(r);
    fmpq_set_fmpz_frac(r, n, d);
    out = Rational(r);
    fmpq_clear(r);
  }
  fmpz_clear(n);
  fmpz_clear(d);
  return out;
}

void check_rationals(const Rational& q1, const Rational& q2, const Rational& c, const char* fn) {
  if (q1.sign() <= 0) throw domain_error(std::string(fn) + ": requires q1 > 0, got q1 = " + q1.str());
  if (q2.sign() <= 0) throw domain_error(std::string(fn) + ": requires q2 > 0, got q2 = " + q2.str());
  if (c * c > q1 * q2)
    throw domain_error(std::string(fn) + ": requires c^2 <= q1 q2, got q1 = " + q1.str() + ", q2 = " + q2.str() +
                       ", c = " + c.str());
}

/** Unit arc-cosine κ_p at ρ² ∈ {0, 1/4, 1} for p = 0 (exact), ρ = ±1 for every p. */
std::optional<Rational> kappa_exact(unsigned p, const Rational& rho) {
  if (rho == Rational(1)) {
    Integer df(1);
    for (long k = 2 * static_cast<long>(p) - 1; k > 1; k -= 2) df *= Integer(k);
    return Rational(df) / Rational(2);  // κ_p(1) = (2p−1)!!/2
  }
  if (rho == Rational(-1)) return Rational(0);
  if (p != 0) return std::nullopt;
  // κ_0(ρ) = (π − arccos ρ)/(2π)
  if (rho.is_zero()) return Rational(1, 4);
  if (rho == Rational(1, 2)) return Rational(1, 3);
  if (rho == Rational(-1, 2)) return Rational(1, 6);
  return std::nullopt;
}

std::optional<Rational> arcsin_exact(const Rational& t) {
  // (2/π) arcsin t
  if (t.is_zero()) return Rational(0);
  if (t == Rational(1)) return Rational(1);
  if (t == Rational(-1)) return Rational(-1);
  if (t == Rational(1, 2)) return Rational(1, 3);
  if (t == Rational(-1, 2)) return Rational(-1, 3);
  return std::nullopt;
}

/** ρ = c/sqrt(q1 q2) when it is rational. */
std::optional<Rational> rational_rho(const Rational& q1, const Rational& q2, const Rational& c) {
  auto g = rational_sqrt(q1 * q2);
  if (!g) {
    if (c.is_zero()) return Rational(0);
    return std::nullopt;
  }
  return c / *g;
}

}  // namespace

bool has_derivative_kernel(const Activation& a) {
  if (a.kind == K::sign) return false;
  if (a.kind == K::arccos && a.order == 0) return false;
  return true;
}

std::string general_formula_id(const Activation& a, Moment m) {
  const std::string d = m == Moment::derivative ? ".derivative" : "";
  switch (a.kind) {
    case K::relu:
    case K::arccos: return "kernel.general.arccos" + d;
    case K::sign: return "kernel.general.sign";
    case K::erf: return "kernel.general.erf" + d;
    case K::abrelu: return "kernel.general.abrelu" + d;
    case K::sin:
    case K::cos: return "kernel.general.trig";
    case K::gelu: return "kernel.gelu.quadrature";
  }
  return "";
}

Ball general_moment(const Activation& a, const Ball& q1, const Ball& q2, const Ball& c, Moment m, slong prec) {
  check_derivative(a, m, "general_moment");
  check_balls(q1, q2, c, "general_moment");
  return moment_core(a, q1, q2, c, rho_of(q1, q2, c, prec + 16), m, prec);
}

Ball diagonal_moment(const Activation& a, const Ball& q, Moment m, slong prec) {
  check_derivative(a, m, "diagonal_moment");
  if (!certainly_positive(q)) throw domain_error("diagonal_moment: requires q > 0, got q = " + show(q));
  Ball one;
  arb_one(one.get());
  return moment_core(a, q, q, q, one, m, prec);  // ρ = 1 exactly (kernel.general.*)
}

std::optional<Rational> general_moment_exact(const Activation& a, const Rational& q1, const Rational& q2,
                                             const Rational& c, Moment m) {
  check_derivative(a, m, "general_moment_exact");
  check_rationals(q1, q2, c, "general_moment_exact");
  const auto rho = rational_rho(q1, q2, c);
  switch (a.kind) {
    case K::relu:
    case K::arccos: {
      const unsigned p = a.kind == K::relu ? 1 : a.order;
      const unsigned k = m == Moment::value ? p : p - 1;
      if (!rho) return std::nullopt;
      auto kap = kappa_exact(k, *rho);
      if (!kap) return std::nullopt;
      if (kap->is_zero()) return Rational(0);
      std::optional<Rational> g = k % 2 == 0 ? std::optional<Rational>(pow(q1 * q2, static_cast<long>(k / 2)))
                                             : rational_sqrt(q1 * q2);
      if (!g) return std::nullopt;
      if (k % 2 == 1) *g = pow(*g, static_cast<long>(k));
      Rational v = *kap * *g;
      if (m == Moment::derivative) v *= Rational(static_cast<long long>(p) * p);
      return v;
    }
    case K::sign:
      if (!rho) return std::nullopt;
      return arcsin_exact(*rho);
    case K::erf: {
      if (m == Moment::derivative) return std::nullopt;  // (4/π)/sqrt(...) is never rational
      const Rational d = (Rational(1) + Rational(2) * q1) * (Rational(1) + Rational(2) * q2);
      auto sd = rational_sqrt(d);
      if (c.is_zero()) return Rational(0);
      if (!sd) return std::nullopt;
      return arcsin_exact(Rational(2) * c / *sd);
    }
    case K::abrelu: {
      if (!rho) return std::nullopt;
      const unsigned k = m == Moment::value ? 1 : 0;
      auto k1 = kappa_exact(k, *rho), k2 = kappa_exact(k, -*rho);
      if (!k1 || !k2) return std::nullopt;
      const Rational s = a.a * a.a + a.b * a.b, p2 = Rational(2) * a.a * a.b;
      if (m == Moment::derivative) return s * *k1 + p2 * *k2;
      auto g = rational_sqrt(q1 * q2);
      if (!g) return std::nullopt;
      return *g * (s * *k1 - p2 * *k2);
    }
    case K::sin:
    case K::cos: {
      const bool use_sinh = (a.kind == K::sin) == (m == Moment::value);
      if (use_sinh && c.is_zero()) return Rational(0);
      return std::nullopt;
    }
    case K::gelu: return std::nullopt;
  }
  return std::nullopt;
}

Ball general_moment_to_accuracy(const Activation& a, const Rational& q1, const Rational& q2, const Rational& c,
                                Moment m, slong accuracy_bits) {
  check_derivative(a, m, "general_moment_to_accuracy");
  check_rationals(q1, q2, c, "general_moment_to_accuracy");
  if (accuracy_bits < 1 || accuracy_bits > kMaxPrec - 16)
    throw precision_error("general_moment_to_accuracy: requires 1 <= accuracy_bits <= " +
                          std::to_string(kMaxPrec - 16) + ", got accuracy_bits = " + std::to_string(accuracy_bits));
  if (a.kind == K::gelu && accuracy_bits > 2048)
    throw precision_error("general_moment_to_accuracy: gelu quadrature requires accuracy_bits <= 2048, got " +
                          std::to_string(accuracy_bits));
  const auto rho = rational_rho(q1, q2, c);
  const slong max_prec = a.kind == K::gelu ? 4096 : kMaxPrec;
  return evaluate_to_accuracy(
      [&](slong prec) {
        const slong wp = prec + 8;
        const Ball b1 = to_ball(q1, wp), b2 = to_ball(q2, wp), bc = to_ball(c, wp);
        const Ball r = rho ? to_ball(*rho, wp) : rho_of(b1, b2, bc, wp);
        return moment_core(a, b1, b2, bc, r, m, prec);
      },
      accuracy_bits, max_prec, "general_moment_to_accuracy(" + a.name() + ")");
}

}  // namespace gdcert::kernels
