#include "kernels/dual.hpp"

#include <algorithm>
#include <array>
#include <charconv>

#include "exact/errors.hpp"
#include "kernels/general.hpp"

namespace gdcert::kernels {

namespace {

constexpr unsigned kMaxSeriesL = 20000;

const Formula kFormulas[] = {
    {"kernel.effective_correlation",
     "w ~ N(0, s2 I/n), b ~ N(0, beta2): V = s2 + beta2, C = s2 rho + beta2, rho' = C/V; Sigma(x,y) = kappa_V(rho')",
     "derived (the kernel form of the INAL of Abbe, Cornacchia, Hazla, Marquis 2022 (ICML, arXiv 2202.12846)); proofs/kernels.md#effective-correlation", Tag::derived, "proofs/kernels.md#effective-correlation"},
    {"kernel.relu", "E[relu(u) relu(v)] = V (sqrt(1 - r^2) + (pi - arccos r) r) / (2 pi), r = C/V",
     "derived (= arc-cosine kernel of order 1, Cho, Saul 2009); proofs/kernels.md#relu", Tag::derived, "proofs/kernels.md#relu"},
    {"kernel.sign", "E[sign(u) sign(v)] = (2/pi) arcsin r, r = C/V (Sheppard)", "derived (Sheppard's formula); proofs/kernels.md#sign", Tag::derived,
     "proofs/kernels.md#sign"},
    {"kernel.erf", "E[erf(u) erf(v)] = (2/pi) arcsin(2C / (1 + 2V))",
     "Williams, Computing with infinite networks, NIPS 1996 (standard); proofs/kernels.md#erf", Tag::reconstructed, "proofs/kernels.md#erf"},
    {"kernel.arcsin.exact", "arcsin(p/q) = atan(p / sqrt(q^2 - p^2)) for integers |p| < q, sin(arccos(p/q)) = sqrt(q^2 - p^2)/q (kernel.sign, .erf, .relu, .arccos at an exact argument)",
     "derived (tan of arcsin t is t / sqrt(1 - t^2), and arcsin and atan share the range (-pi/2, pi/2)); proofs/kernels.md#arcsin-exact",
     Tag::derived, "proofs/kernels.md#arcsin-exact"},
    {"kernel.arccos",
     "sigma_p(u) = u^p 1{u>0}: E[sigma_p(u) sigma_p(v)] = V^p J_p(theta)/(2 pi), theta = arccos r, "
     "J_p = (-1)^p sin^{2p+1}(theta) ((1/sin theta) d/dtheta)^p ((pi - theta)/sin theta)",
     "Cho & Saul, Kernel methods for deep learning, NIPS 2009, eqs. (2)-(4); kappa_p = k_p/2 for unit inputs; proofs/kernels.md#arccos",
     Tag::reconstructed, "proofs/kernels.md#arccos"},
    {"kernel.arccos.recurrence",
     "J_{p+1} = (2p+1) cos(theta) J_p - sin(theta) J_p'; J_p = A_p(rho)(pi - theta) + B_p(rho) sin(theta), "
     "A_{p+1} = (2p+1) x A_p + (1-x^2) A_p', B_{p+1} = 2p x B_p + A_p + (1-x^2) B_p', A_0 = 1, B_0 = 0",
     "derived from the J_p of Cho, Saul 2009; proofs/kernels.md#arccos-recurrence", Tag::derived, "proofs/kernels.md#arccos-recurrence"},
    {"kernel.monotone", "kappa'(rho) = E[sigma'(u) sigma'(v)] >= 0 for nondecreasing sigma (used for clipped balls)",
     "standard (Price's theorem / Hermite series with a_l >= 0); proofs/kernels.md#monotone", Tag::derived, "proofs/kernels.md#monotone"},
    {"kernel.hermite",
     "kappa(rho) = sum_l a_l rho^l, a_l = (E[sigma(u) He_l(u)])^2 / l! >= 0 (probabilists' Hermite, unit variance)",
     "derived (Taylor route; Mehler's formula); proofs/kernels.md#hermite", Tag::derived, "proofs/kernels.md#hermite"},
    {"kernel.series.relu",
     "relu: a_0 = 1/(2 pi), a_1 = 1/4, a_{2j} = ((2j-3)!!)^2 / (2 pi (2j)!) (j >= 1), a_l = 0 for odd l >= 3",
     "derived; proofs/kernels.md#series-relu", Tag::derived, "proofs/kernels.md#series-relu"},
    {"kernel.series.arccos",
     "sigma_p: c_l = E[sigma_p He_l] = p!/(p-l)! M_{p-l} (l <= p), p! He_{l-p-1}(0)/sqrt(2 pi) (l > p); "
     "M_m = E[u^m 1{u>0}]; a_l = c_l^2/l!",
     "derived (integration by parts); proofs/kernels.md#series-arccos", Tag::derived, "proofs/kernels.md#series-arccos"},
    {"kernel.series.sign", "sign: a_l = 2 ((l-2)!!)^2 / (pi l!) for odd l, 0 for even l", "derived (sign = 2 step - 1); proofs/kernels.md#series-sign",
     Tag::derived, "proofs/kernels.md#series-sign"},
    {"kernel.series.erf",
     "erf, variance V: a_l = (2/pi) q^l ((l-2)!!)^2 / l! for odd l, q = 2V/(1+2V) (q = 2/3 at V = 1), 0 for even l",
     "derived (arcsin series); proofs/kernels.md#series-erf", Tag::derived, "proofs/kernels.md#series-erf"},
    {"kernel.series.tail",
     "sum_{l>L} a_l = kappa(1) - sum_{l<=L} a_l >= |sum_{l>L} a_l rho^l| for |rho| <= 1; kappa_p(1) = V^p (2p-1)!!/2",
     "derived; proofs/kernels.md#series-tail", Tag::derived, "proofs/kernels.md#series-tail"},
    {"kernel.general.arccos",
     "sigma_p, (u,v) ~ N(0, [[q1,c],[c,q2]]): E[sigma_p(u) sigma_p(v)] = (q1 q2)^{p/2} kappa_p(rho), rho = c/sqrt(q1 q2)",
     "derived (homogeneity; Cho, Saul 2009); proofs/kernels.md#general-arccos", Tag::derived, "proofs/kernels.md#general-arccos"},
    {"kernel.general.arccos.derivative",
     "E[sigma_p'(u) sigma_p'(v)] = p^2 (q1 q2)^{(p-1)/2} kappa_{p-1}(rho) (p >= 1; relu: kappa_0(rho) = (pi - arccos rho)/(2 pi))",
     "derived (sigma_p' = p sigma_{p-1}); proofs/kernels.md#general-arccos", Tag::derived, "proofs/kernels.md#general-arccos"},
    {"kernel.general.sign", "E[sign(u) sign(v)] = (2/pi) arcsin(c/sqrt(q1 q2))", "derived (Sheppard); proofs/kernels.md#general-arccos", Tag::derived,
     "proofs/kernels.md#general-arccos"},
    {"kernel.general.erf", "E[erf(u) erf(v)] = (2/pi) arcsin(2c/sqrt((1 + 2 q1)(1 + 2 q2)))",
     "Williams 1996 (general covariance form); proofs/kernels.md#general-erf", Tag::derived, "proofs/kernels.md#general-erf"},
    {"kernel.general.erf.derivative", "E[erf'(u) erf'(v)] = (4/pi)/sqrt((1 + 2 q1)(1 + 2 q2) - 4 c^2)",
     "derived (Gaussian integral); proofs/kernels.md#general-erf", Tag::derived, "proofs/kernels.md#general-erf"},
    {"kernel.general.abrelu",
     "sigma = a min(u,0) + b max(u,0): E = sqrt(q1 q2) ((a^2 + b^2) kappa_1(rho) - 2ab kappa_1(-rho))",
     "derived (sigma = b relu(u) - a relu(-u)); neural-tangents' ABRelu; proofs/kernels.md#general-abrelu", Tag::derived,
     "proofs/kernels.md#general-abrelu"},
    {"kernel.general.abrelu.derivative", "E[sigma'(u) sigma'(v)] = (a^2 + b^2) kappa_0(rho) + 2ab kappa_0(-rho)",
     "derived; proofs/kernels.md#general-abrelu", Tag::derived, "proofs/kernels.md#general-abrelu"},
    {"kernel.general.trig",
     "E[sin u sin v] = e^{-(q1+q2)/2} sinh c, E[cos u cos v] = e^{-(q1+q2)/2} cosh c; sin' = cos, cos' = -sin",
     "derived (characteristic function); proofs/kernels.md#general-trig", Tag::derived, "proofs/kernels.md#general-trig"},
    {"kernel.gelu.quadrature",
     "sigma(u) = u Phi(u): E[sigma(u) sigma(v)] = E_z[sigma(sqrt(q1) z) (m Phi(m/D) + (s^2/D) phi(m/D))], "
     "m = c z/sqrt(q1), s^2 = q2 - c^2/q1, D = sqrt(1 + s^2); derivative: (Phi + u phi)(u) (Phi(m/D) + m phi(m/D)/D^3); "
     "acb_calc_integrate on |z| <= T plus a proved tail bound",
     "derived (conditional Gaussian expectations); proofs/kernels.md#gelu", Tag::derived, "proofs/kernels.md#gelu"},
    {"kernel.series.abrelu", "abrelu: c_l = (b - a(-1)^l) c_l(relu), a_l = (b - a(-1)^l)^2 a_l(relu); kappa(1) = V (a^2+b^2)/2",
     "derived; proofs/kernels.md#series-abrelu", Tag::derived, "proofs/kernels.md#series-abrelu"},
    {"kernel.series.trig", "sin: a_l = e^{-V} V^l/l! (odd l); cos: a_l = e^{-V} V^l/l! (even l)", "derived; proofs/kernels.md#general-trig", Tag::derived,
     "proofs/kernels.md#general-trig"},
    {"kernel.series.gelu",
     "gelu (V = 1): a_0 = 1/(4 pi), a_1 = 1/4, a_l = (e_{l+1} + l e_{l-1})^2/(4 pi l!) for even l >= 2, 0 for odd l >= 3, "
     "e_k = (-1/2)^{(k-1)/2} (k-2)!!; kappa(1) = 1/3 + 1/(2 sqrt(3) pi)",
     "derived (Stein's lemma); proofs/kernels.md#series-gelu", Tag::derived, "proofs/kernels.md#series-gelu"},
    {"kernel.deep.nngp",
     "Sigma^1 = s_w1^2 <x,y>/d + s_b1^2; Sigma^h = s_wh^2 E[sigma(u) sigma(v)] + s_bh^2, (u,v) ~ N(0, Sigma^{h-1} on {x,y})",
     "Lee et al. 2018 / neural-tangents stax.Dense (NTK parameterization); proofs/kernels.md#deep", Tag::reconstructed,
     "proofs/kernels.md#deep"},
    {"kernel.deep.ntk", "Theta^1 = Sigma^1; Theta^h = Sigma^h + s_wh^2 E[sigma'(u) sigma'(v)] Theta^{h-1}",
     "Jacot, Gabriel & Hongler 2018, Thm 1 (with biases); neural-tangents; proofs/kernels.md#deep", Tag::reconstructed, "proofs/kernels.md#deep"},
    {"kernel.deep.two_layer",
     "L = 1, s_w1^2 = d, s_b = 0, s_w2^2 = 1, relu: Theta^2 = H^inf + arc-cosine term, Theta^2 - Sigma^2 = H^inf",
     "derived (width.h_inf_entry, width.arccos_term); proofs/kernels.md#deep-two-layer", Tag::derived, "proofs/kernels.md#deep-two-layer"},
    {"kernel.deep.fixed_point",
     "degree-1 homogeneous sigma, m = (a^2+b^2)/2: q* = s_b^2/(1 - s_w^2 m) if s_w^2 m < 1; rho* = 1 the only fixed "
     "point of the correlation map, attracting, slope chi_1 = s_w^2 m",
     "derived (Poole et al. 2016, Schoenholz et al. 2017 for the setting); proofs/kernels.md#deep-fixed-point", Tag::derived,
     "proofs/kernels.md#deep-fixed-point"},
};

std::string kind_name(Activation::Kind k) {
  switch (k) {
    case Activation::Kind::relu: return "relu";
    case Activation::Kind::sign: return "sign";
    case Activation::Kind::erf: return "erf";
    case Activation::Kind::arccos: return "arccos";
    case Activation::Kind::abrelu: return "abrelu";
    case Activation::Kind::sin: return "sin";
    case Activation::Kind::cos: return "cos";
    case Activation::Kind::gelu: return "gelu";
  }
  return "?";
}

/** n!! for n >= -1 ((-1)!! = 0!! = 1). */
Integer double_factorial(long n) {
  Integer r(1);
  for (long k = n; k > 1; k -= 2) fmpz_mul_ui(r.get(), r.get(), static_cast<ulong>(k));
  return r;
}

/** p!/(p-l)! (falling factorial), l <= p. */
Integer falling(unsigned p, unsigned l) {
  Integer r(1);
  for (unsigned k = p - l + 1; k <= p; ++k) fmpz_mul_ui(r.get(), r.get(), k);
  return r;
}

using Poly = std::vector<Integer>;

Poly derivative(const Poly& a) {
  Poly d;
  for (std::size_t i = 1; i < a.size(); ++i) {
    Integer c = a[i];
    fmpz_mul_ui(c.get(), c.get(), static_cast<ulong>(i));
    d.push_back(c);
  }
  return d;
}

void add_to(Poly& r, std::size_t shift, const Poly& a, long factor) {
  if (r.size() < a.size() + shift) r.resize(a.size() + shift, Integer(0));
  for (std::size_t i = 0; i < a.size(); ++i) fmpz_addmul_si(r[i + shift].get(), a[i].get(), factor);
}

void trim(Poly& r) {
  while (r.size() > 1 && fmpz_is_zero(r.back().get())) r.pop_back();
}

/** All (A_p, B_p), p = 0..kMaxArccosOrder, computed once (thread-safe static initialisation). */
const std::vector<std::pair<Poly, Poly>>& arccos_table() {
  static const std::vector<std::pair<Poly, Poly>> table = [] {
    std::vector<std::pair<Poly, Poly>> t;
    t.push_back({Poly{Integer(1)}, Poly{Integer(0)}});
    for (unsigned p = 0; p < kMaxArccosOrder; ++p) {
      const Poly& A = t[p].first;
      const Poly& B = t[p].second;
      const Poly dA = derivative(A), dB = derivative(B);
      // kernel.arccos.recurrence: A' = (2p+1) x A + (1 - x^2) A',  B' = 2p x B + A + (1 - x^2) B'
      Poly nA, nB;
      add_to(nA, 1, A, 2 * static_cast<long>(p) + 1);
      add_to(nA, 0, dA, 1);
      add_to(nA, 2, dA, -1);
      add_to(nB, 1, B, 2 * static_cast<long>(p));
      add_to(nB, 0, A, 1);
      add_to(nB, 0, dB, 1);
      add_to(nB, 2, dB, -1);
      trim(nA);
      trim(nB);
      t.push_back({std::move(nA), std::move(nB)});
    }
    return t;
  }();
  return table;
}

void horner(arb_t res, const Poly& c, const arb_t x, slong prec) {
  arb_zero(res);
  for (std::size_t i = c.size(); i-- > 0;) {
    arb_mul(res, res, x, prec);
    arb_add_fmpz(res, res, c[i].get(), prec);
  }
}

bool inside_unit(const Ball& t) {
  // -1 <= t <= 1 for every point of the ball
  arf_t lo, hi;
  arf_init(lo);
  arf_init(hi);
  arb_get_lbound_arf(lo, t.get(), 64);
  arb_get_ubound_arf(hi, t.get(), 64);
  const bool ok = arf_is_finite(lo) && arf_is_finite(hi) && arf_cmp_si(lo, -1) >= 0 && arf_cmp_si(hi, 1) <= 0;
  arf_clear(lo);
  arf_clear(hi);
  return ok;
}

/** 2/pi at precision prec, kept per thread (recomputed when prec changes: a wider cached value would make every
 *  later product cost more than the division it saves). */
const arb_struct* two_over_pi(slong prec) {
  thread_local Ball value;
  thread_local slong at = 0;
  if (at != prec) {
    arb_const_pi(value.get(), prec + 8);
    arb_ui_div(value.get(), 2, value.get(), prec + 8);
    at = prec;
  }
  return value.get();
}

/** kernel.sign / kernel.erf: (2/pi) arcsin t, by direct ball evaluation. */
void arcsin_kernel(arb_t res, const arb_t t, slong prec) {
  arb_asin(res, t, prec);
  arb_mul(res, res, two_over_pi(prec), prec);
}

/**
 * The angle data of an exact argument t = p/q in [-1, 1] (q > 0): asin_t = arcsin t and, when sin_theta is given,
 * sin_theta = sin(arccos t) = sqrt(1 - t^2), through arcsin t = atan(p / sqrt(q^2 - p^2)) for |t| < 1
 * (kernel.arcsin.exact) and +-pi/2 at t = +-1.  The argument of the arctangent is one square root of an integer and
 * one division away from exact, and atan' <= 1, so the balls stay as tight as the working precision allows at every
 * t, also next to +-1 where arcsin (or atan2) of a ball widens its radius by 1/sqrt(1 - t^2); and it costs one
 * square root instead of 1 - t^2 and a reciprocal square root of a ball.
 */
void exact_angle(arb_t asin_t, arb_t sin_theta, const Rational& t, slong prec) {
  const fmpz* p = fmpq_numref(t.get());
  const fmpz* q = fmpq_denref(t.get());
  if (fmpz_cmpabs(p, q) >= 0) {  // t = +-1 (|t| <= 1 is the caller's precondition)
    arb_const_pi(asin_t, prec);
    arb_mul_2exp_si(asin_t, asin_t, -1);
    if (fmpz_sgn(p) < 0) arb_neg(asin_t, asin_t);
    if (sin_theta != nullptr) arb_zero(sin_theta);
    return;
  }
  fmpz_t d;
  fmpz_init(d);
  fmpz_mul(d, q, q);
  fmpz_submul(d, p, p);  // q^2 - p^2 > 0
  // p / sqrt(d) = p sqrt(d) / d: a product and a quotient by integers (one limb each on every grid a user would
  // type) instead of a full-precision division
  Ball r, x;
  arb_sqrt_fmpz(r.get(), d, prec + 4);
  arb_mul_fmpz(x.get(), r.get(), p, prec + 4);
  arb_div_fmpz(x.get(), x.get(), d, prec + 4);
  arb_atan(asin_t, x.get(), prec);
  if (sin_theta != nullptr) arb_div_fmpz(sin_theta, r.get(), q, prec);  // sqrt(q^2 - p^2) / q
  fmpz_clear(d);
}

/** kernel.sign / kernel.erf at an exact argument t in [-1, 1]: (2/pi) arcsin t by exact_angle (+-1 exactly at +-1). */
void arcsin_kernel_exact(arb_t res, const Rational& t, slong prec) {
  if (fmpz_cmpabs(fmpq_numref(t.get()), fmpq_denref(t.get())) >= 0) {
    arb_set_si(res, fmpz_sgn(fmpq_numref(t.get())));
    return;
  }
  exact_angle(res, nullptr, t, prec + 4);
  arb_mul(res, res, two_over_pi(prec + 4), prec);
}

/**
 * kernel.arccos from the angle data of t: J_p = A_p(t)(pi - theta) + B_p(t) sin theta (relu: J_1 = sin theta +
 * (pi - theta) t), divided by 2 pi.  asin_t = arcsin t (pi - theta = pi/2 + arcsin t), sin_theta = sin(arccos t).
 */
void arccos_combine(arb_t res, const Activation& a, const arb_t t, const arb_t sin_theta, const arb_t asin_t, slong prec) {
  Ball th, u, pi;
  arb_const_pi(pi.get(), prec);
  arb_mul_2exp_si(u.get(), pi.get(), -1);
  arb_add(th.get(), asin_t, u.get(), prec);  // pi - arccos t
  if (a.kind == Activation::Kind::relu || a.order == 1) {
    arb_mul(th.get(), th.get(), t, prec);  // kernel.relu: (sqrt(1 - t^2) + (pi - arccos t) t) / (2 pi)
    arb_add(res, th.get(), sin_theta, prec);
  } else if (a.order == 0) {
    arb_set(res, th.get());  // J_0 = pi - theta
  } else {
    const auto& [A, B] = arccos_table()[a.order];
    horner(u.get(), A, t, prec);
    arb_mul(th.get(), th.get(), u.get(), prec);
    horner(u.get(), B, t, prec);
    arb_mul(u.get(), u.get(), sin_theta, prec);
    arb_add(res, th.get(), u.get(), prec);
  }
  arb_div(res, res, pi.get(), prec);
  arb_mul_2exp_si(res, res, -1);
}

/**
 * Unit kernel at t in [-1, 1] (t = rho for relu/arccos/sign, t = 2C/(1+2V) for erf). Balls reaching outside
 * [-1, 1] are clipped and evaluated at their endpoints (kernel.monotone).
 */
void unit_kernel(arb_t res, const Activation& a, const arb_t t, slong prec) {
  {
    Ball tb(t);
    // Every unit kernel here is nondecreasing on [-1, 1] (kernel.monotone), so an inexact ball is enclosed best by
    // the values at its two (exact) endpoints, clipped to [-1, 1]; this avoids the 1/sqrt(1 - t^2) growth of the
    // radius that direct interval evaluation suffers near t = ±1 (and its compounding in deep recursions).
    if (!inside_unit(tb) || !arb_is_exact(t)) {
      arf_t lo, hi;
      arf_init(lo);
      arf_init(hi);
      arb_get_lbound_arf(lo, t, prec);
      arb_get_ubound_arf(hi, t, prec);
      if (!arf_is_finite(lo) || arf_cmp_si(lo, -1) < 0) arf_set_si(lo, -1);
      if (!arf_is_finite(hi) || arf_cmp_si(hi, 1) > 0) arf_set_si(hi, 1);
      if (arf_cmp(lo, hi) > 0) arf_set(lo, hi);  // empty admissible set: any enclosure will do
      Ball l, h, kl, kh;
      arb_set_arf(l.get(), lo);
      arb_set_arf(h.get(), hi);
      unit_kernel(kl.get(), a, l.get(), prec);
      unit_kernel(kh.get(), a, h.get(), prec);
      arb_union(res, kl.get(), kh.get(), prec);  // kernel.monotone: kappa nondecreasing on [lo, hi]
      arf_clear(lo);
      arf_clear(hi);
      return;
    }
  }
  if (a.kind == Activation::Kind::sign || a.kind == Activation::Kind::erf) {
    arcsin_kernel(res, t, prec);
    return;
  }
  // kernel.arccos: pi - theta = pi/2 + atan2(t, sin theta), sin theta = sqrt((1 - t)(1 + t))
  Ball s, th, u;
  arb_sub_ui(u.get(), t, 1, prec);
  arb_neg(u.get(), u.get());  // 1 - t
  arb_add_ui(s.get(), t, 1, prec);
  arb_mul(s.get(), s.get(), u.get(), prec);
  arb_sqrtpos(s.get(), s.get(), prec);
  arb_atan2(th.get(), t, s.get(), prec);
  arccos_combine(res, a, t, s.get(), th.get(), prec);
}

/** The unit kernel of relu / arccos:p at an exact t in [-1, 1] through exact_angle (kernel.arcsin.exact). */
void arccos_kernel_exact(arb_t res, const Activation& a, const Rational& t, slong prec) {
  Ball s, asin_t, tb = to_ball(t, prec);
  exact_angle(asin_t.get(), s.get(), t, prec);
  arccos_combine(res, a, tb.get(), s.get(), asin_t.get(), prec);
}

std::string show(const Ball& b) { return b.str(15); }

void check_accuracy_goal(slong bits, const char* fn) {
  if (bits < 1 || bits > kMaxPrec - 16)
    throw precision_error(std::string(fn) + ": requires 1 <= accuracy_bits <= " + std::to_string(kMaxPrec - 16) +
                          " (maximum working precision " + std::to_string(kMaxPrec) + " bits), got accuracy_bits = " +
                          std::to_string(bits));
}

void check_var_cov(const Rational& var, const Rational& cov, const char* fn) {
  if (var.sign() <= 0) throw domain_error(std::string(fn) + ": requires var > 0, got var = " + var.str());
  if (abs(cov) > var)
    throw domain_error(std::string(fn) + ": requires |cov| <= var, got cov = " + cov.str() + ", var = " + var.str());
}

}  // namespace

std::string Activation::name() const {
  if (kind == Kind::arccos) return "arccos:" + std::to_string(order);
  if (kind == Kind::abrelu) {
    if (a == Rational(-1) && b == Rational(1)) return "abs";
    if (b == Rational(1)) return "leaky:" + a.str();
    return "abrelu:" + a.str() + "," + b.str();
  }
  return kind_name(kind);
}

std::string activation_names() {
  return "relu, sign, erf, step (= arccos:0), arccos:p (p = 0.." + std::to_string(kMaxArccosOrder) +
         "), leaky:alpha, abrelu:a,b (a min(u,0) + b max(u,0)), abs, sin, cos, gelu";
}

Activation parse_activation(std::string_view text) {
  if (text == "relu") return {Activation::Kind::relu, 1};
  if (text == "sign") return {Activation::Kind::sign, 0};
  if (text == "erf") return {Activation::Kind::erf, 0};
  if (text == "step") return {Activation::Kind::arccos, 0};
  if (text == "sin") return {Activation::Kind::sin, 0};
  if (text == "cos") return {Activation::Kind::cos, 0};
  if (text == "gelu") return {Activation::Kind::gelu, 0};
  if (text == "abs") return {Activation::Kind::abrelu, 1, Rational(-1), Rational(1)};
  auto slope = [&](std::string_view num) {
    try {
      if (num.empty() || num.size() > 200) throw input_error("");
      return Rational::parse(num);
    } catch (const input_error&) {
      throw input_error("parse_activation: requires leaky:alpha or abrelu:a,b with rational slopes, got \"" +
                        std::string(text) + "\"");
    }
  };
  if (text.starts_with("leaky:")) return {Activation::Kind::abrelu, 1, slope(text.substr(6)), Rational(1)};
  if (text.starts_with("abrelu:")) {
    const std::string_view rest = text.substr(7);
    const auto comma = rest.find(',');
    if (comma == std::string_view::npos)
      throw input_error("parse_activation: requires abrelu:a,b (two rationals), got \"" + std::string(text) + "\"");
    return {Activation::Kind::abrelu, 1, slope(rest.substr(0, comma)), slope(rest.substr(comma + 1))};
  }
  if (text.starts_with("arccos:")) {
    const std::string_view num = text.substr(7);
    unsigned p = 0;
    const auto [ptr, ec] = std::from_chars(num.data(), num.data() + num.size(), p);
    if (!num.empty() && ec == std::errc() && ptr == num.data() + num.size() && p <= kMaxArccosOrder)
      return {Activation::Kind::arccos, p};
    throw input_error("parse_activation: requires arccos:p with 0 <= p <= " + std::to_string(kMaxArccosOrder) +
                      ", got \"" + std::string(text) + "\"");
  }
  throw input_error("parse_activation: requires a known activation (" + activation_names() + "), got \"" +
                    std::string(text) + "\"");
}

Ball second_moment(const Activation& a, const Ball& var, const Ball& cov, slong prec) {
  if (a.kind == Activation::Kind::abrelu || a.kind == Activation::Kind::sin || a.kind == Activation::Kind::cos ||
      a.kind == Activation::Kind::gelu) {
    if (!certainly_positive(var)) throw domain_error("second_moment: requires var > 0, got var = " + show(var));
    return general_moment(a, var, var, cov, Moment::value, prec);  // kernel.general.*
  }
  if (!certainly_positive(var)) throw domain_error("second_moment: requires var > 0, got var = " + show(var));
  Ball acov;
  arb_abs(acov.get(), cov.get());
  if (!acov.is_finite() || certainly_lt(var, acov))
    throw domain_error("second_moment: requires |cov| <= var, got cov = " + show(cov) + ", var = " + show(var));
  const slong wp = prec + 16;  // guard bits: the J_p sum cancels near rho = -1
  Ball t, r;
  if (a.kind == Activation::Kind::erf) {
    // kernel.erf: t = 2 cov / (1 + 2 var)
    Ball d;
    arb_mul_2exp_si(d.get(), var.get(), 1);
    arb_add_ui(d.get(), d.get(), 1, wp);
    arb_mul_2exp_si(t.get(), cov.get(), 1);
    arb_div(t.get(), t.get(), d.get(), wp);
  } else {
    arb_div(t.get(), cov.get(), var.get(), wp);  // kernel.effective_correlation: rho' = C/V
  }
  unit_kernel(r.get(), a, t.get(), wp);
  if (a.order > 0) {
    Ball vp;
    arb_pow_ui(vp.get(), var.get(), a.order, wp);  // homogeneity: V^p
    arb_mul(r.get(), r.get(), vp.get(), prec);
  } else {
    arb_set_round(r.get(), r.get(), prec);
  }
  return r;
}

bool uses_arcsin_exact(const Activation& a) {
  return a.kind == Activation::Kind::relu || a.kind == Activation::Kind::sign || a.kind == Activation::Kind::erf ||
         a.kind == Activation::Kind::arccos;
}

Ball second_moment_to_accuracy(const Activation& a, const Rational& var, const Rational& cov, slong accuracy_bits) {
  check_var_cov(var, cov, "second_moment_to_accuracy");
  check_accuracy_goal(accuracy_bits, "second_moment_to_accuracy");
  if (!uses_arcsin_exact(a))
    return general_moment_to_accuracy(a, var, var, cov, Moment::value, accuracy_bits);
  // Exact reductions first: the effective argument and V^p are rationals, so their balls are as tight as the
  // working precision allows at every step of the Ziv loop.
  Rational t = cov;
  if (a.kind == Activation::Kind::erf) {
    Rational d = var;  // t = 2C/(1 + 2V)
    fmpq_mul_2exp(d.get(), d.get(), 1);
    fmpz_add(fmpq_numref(d.get()), fmpq_numref(d.get()), fmpq_denref(d.get()));  // stays canonical
    fmpq_mul_2exp(t.get(), t.get(), 1);
    t /= d;
  } else {
    t /= var;
  }
  // sign and erf (order 0, scale 1): (2/pi) arcsin of the exact t (arcsin_kernel_exact), one evaluation at every
  // t; erf's t = 2C/(1 + 2V) is seldom dyadic, and as a ball unit_kernel would evaluate it at both endpoints.
  if (a.kind == Activation::Kind::erf || a.kind == Activation::Kind::sign)
    return evaluate_to_accuracy(
        [&](slong prec) {
          Ball r;
          arcsin_kernel_exact(r.get(), t, prec);
          return r;
        },
        accuracy_bits, kMaxPrec, "second_moment_to_accuracy(" + a.name() + ")");
  // relu and arccos:p: the angle of the exact t likewise (arccos_kernel_exact), times the exact V^p
  const Rational scale = pow(var, static_cast<long>(a.order));
  const bool unit_scale = scale == Rational(1);
  return evaluate_to_accuracy(
      [&](slong prec) {
        const slong wp = prec + 8;
        Ball r;
        arccos_kernel_exact(r.get(), a, t, wp);
        if (unit_scale) {
          arb_set_round(r.get(), r.get(), prec);
        } else {
          Ball sb = to_ball(scale, wp);
          arb_mul(r.get(), r.get(), sb.get(), prec);
        }
        return r;
      },
      accuracy_bits, kMaxPrec, "second_moment_to_accuracy(" + a.name() + ")");
}

Ball kappa(const Activation& a, const Rational& rho, slong prec) {
  if (rho < Rational(-1) || rho > Rational(1))
    throw domain_error("kappa: requires -1 <= rho <= 1, got rho = " + rho.str());
  return second_moment(a, to_ball(Rational(1), prec), to_ball(rho, prec + 8), prec);
}

EffectiveCorrelation effective_correlation(const Rational& s2, const Rational& beta2, const Rational& rho) {
  if (s2.sign() < 0) throw domain_error("effective_correlation: requires s2 >= 0, got s2 = " + s2.str());
  if (beta2.sign() < 0) throw domain_error("effective_correlation: requires beta2 >= 0, got beta2 = " + beta2.str());
  if ((s2 + beta2).sign() <= 0)
    throw domain_error("effective_correlation: requires s2 + beta2 > 0, got s2 = " + s2.str() + ", beta2 = " + beta2.str());
  if (rho < Rational(-1) || rho > Rational(1))
    throw domain_error("effective_correlation: requires -1 <= rho <= 1, got rho = " + rho.str());
  EffectiveCorrelation e;
  e.var = s2 + beta2;         // kernel.effective_correlation
  e.cov = s2 * rho + beta2;
  e.rho = e.cov / e.var;
  return e;
}

std::pair<std::vector<Integer>, std::vector<Integer>> arccos_polynomials(unsigned p) {
  if (p > kMaxArccosOrder)
    throw domain_error("arccos_polynomials: requires p <= " + std::to_string(kMaxArccosOrder) + ", got p = " +
                       std::to_string(p));
  return arccos_table()[p];
}

std::string SeriesTerm::exact_str() const {
  if (rational_part.is_zero()) return "0";
  if (constant == "1") return rational_part.str();
  return rational_part.str() + "·(" + constant + ")";
}

namespace {

/** M_m = E[u^m 1{u>0}] = r·γ: {(m-1)!!/2, false} for even m, {2^{(m-1)/2} ((m-1)/2)!, true} (γ = 1/sqrt(2 pi)) for odd m. */
std::pair<Rational, bool> half_moment(unsigned m) {
  if (m % 2 == 0) return {Rational(double_factorial(static_cast<long>(m) - 1), Integer(2)), false};
  const unsigned k = (m - 1) / 2;
  return {Rational(Integer::pow2(k) * Integer::factorial(k)), true};
}

/** a_l of sigma_p (unit variance) as (rational, over_pi). */
std::pair<Rational, bool> arccos_coefficient(unsigned p, unsigned l) {
  // kernel.series.arccos
  if (l <= p) {
    const auto [m, g] = half_moment(p - l);
    Rational c = Rational(falling(p, l)) * m;
    Rational a = c * c / Rational(Integer::factorial(l));
    if (g) a /= Rational(2);  // gamma^2 = 1/(2 pi)
    return {a, g};
  }
  if ((l - p) % 2 == 0) return {Rational(0), false};
  const Integer pf = Integer::factorial(p);
  const Integer he = double_factorial(static_cast<long>(l - p) - 2);  // |He_{l-p-1}(0)| = (l-p-2)!!
  const Integer num = pf * pf * he * he;
  return {Rational(num, Integer(2) * Integer::factorial(l)), true};
}

}  // namespace

std::optional<std::pair<Rational, bool>> hermite_coefficient(const Activation& a, unsigned l) {
  if (a.kind == Activation::Kind::erf || a.kind == Activation::Kind::sin || a.kind == Activation::Kind::cos ||
      a.kind == Activation::Kind::gelu)
    return std::nullopt;
  if (a.kind == Activation::Kind::abrelu) {
    auto c = *hermite_coefficient(Activation{Activation::Kind::relu, 1}, l);
    c.first *= a.b - (l % 2 == 0 ? a.a : -a.a);  // kernel.series.abrelu: c_l = (b - a(-1)^l) c_l(relu)
    return c;
  }
  if (a.kind == Activation::Kind::sign) {
    if (l == 0) return std::pair<Rational, bool>{Rational(0), false};
    auto c = *hermite_coefficient(Activation{Activation::Kind::arccos, 0}, l);
    c.first *= Rational(2);  // sign = 2 step - 1
    return c;
  }
  const unsigned p = a.order;
  if (l <= p) {
    const auto [m, g] = half_moment(p - l);
    return std::pair<Rational, bool>{Rational(falling(p, l)) * m, g};
  }
  if ((l - p) % 2 == 0) return std::pair<Rational, bool>{Rational(0), false};
  // He_{l-p-1}(0) = (-1)^{(l-p-1)/2} (l-p-2)!!
  Integer v = Integer::factorial(p) * double_factorial(static_cast<long>(l - p) - 2);
  if (((l - p - 1) / 2) % 2 == 1) v = -v;
  return std::pair<Rational, bool>{Rational(v), true};
}

Series series(const Activation& a, unsigned L, slong prec) { return series(a, L, Rational(1), prec); }

Series series(const Activation& a, unsigned L, const Rational& var, slong prec) {
  if (var.sign() <= 0) throw domain_error("series: requires var > 0, got var = " + var.str());
  if (L > kMaxSeriesL)
    throw resource_error("series: requires L <= " + std::to_string(kMaxSeriesL) + ", got L = " + std::to_string(L));
  if (a.kind == Activation::Kind::gelu && var != Rational(1))
    throw domain_error("series: gelu's coefficients are rational multiples of 1/pi only at var = 1, got var = " +
                       var.str());
  const slong wp = prec + 16;
  Ball inv_pi, exp_mv;
  arb_const_pi(inv_pi.get(), wp);
  arb_inv(inv_pi.get(), inv_pi.get(), wp);
  {
    Ball v = to_ball(var, wp);
    arb_neg(v.get(), v.get());
    arb_exp(exp_mv.get(), v.get(), wp);  // e^{-V}
  }
  const std::string exp_name = "exp(-" + var.str() + ")";
  Series s;
  Rational sum1(0), sum_pi(0), sum_exp(0);
  const Rational scale = pow(var, static_cast<long>(a.order));
  const Rational q = Rational(2) * var / (Rational(1) + Rational(2) * var);
  // gelu: e_k = (-1/2)^{(k-1)/2} (k-2)!! for odd k (kernel.series.gelu)
  auto gelu_e = [](unsigned k) {
    Rational e = Rational(double_factorial(static_cast<long>(k) - 2)) * pow(Rational(1, 2), static_cast<long>((k - 1) / 2));
    return ((k - 1) / 2) % 2 == 1 ? -e : e;
  };
  for (unsigned l = 0; l <= L; ++l) {
    Rational r(0);
    enum { one, over_pi, over_exp } constant = one;
    switch (a.kind) {
      case Activation::Kind::relu:
      case Activation::Kind::arccos: {
        auto c = arccos_coefficient(a.order, l);  // kernel.series.arccos (relu: kernel.series.relu)
        r = c.first * scale;
        constant = c.second ? over_pi : one;
        break;
      }
      case Activation::Kind::abrelu: {
        auto c = arccos_coefficient(1, l);  // kernel.series.abrelu: (b - a(-1)^l)^2 a_l(relu)
        const Rational f = a.b - (l % 2 == 0 ? a.a : -a.a);
        r = f * f * c.first * scale;
        constant = c.second ? over_pi : one;
        break;
      }
      case Activation::Kind::sign:
        if (l % 2 == 1) {
          r = Rational(4) * arccos_coefficient(0, l).first;  // kernel.series.sign: 4 a_l(step), l >= 1
          constant = over_pi;
        }
        break;
      case Activation::Kind::erf:
        if (l % 2 == 1) {
          const Integer d = double_factorial(static_cast<long>(l) - 2);
          r = Rational(2) * pow(q, static_cast<long>(l)) * Rational(d * d, Integer::factorial(l));  // kernel.series.erf
          constant = over_pi;
        }
        break;
      case Activation::Kind::sin:
      case Activation::Kind::cos:
        // kernel.series.trig: e^{-V} V^l / l! for odd l (sin), even l (cos)
        if ((l % 2 == 1) == (a.kind == Activation::Kind::sin)) {
          r = pow(var, static_cast<long>(l)) / Rational(Integer::factorial(l));
          constant = over_exp;
        }
        break;
      case Activation::Kind::gelu:
        // kernel.series.gelu: a_0 = 1/(4 pi), a_1 = 1/4, a_l = (e_{l+1} + l e_{l-1})^2 / (4 pi l!) for even l >= 2
        if (l == 1) {
          r = Rational(1, 4);
        } else if (l == 0) {
          r = Rational(1, 4);
          constant = over_pi;
        } else if (l % 2 == 0) {
          const Rational c = gelu_e(l + 1) + Rational(static_cast<long long>(l)) * gelu_e(l - 1);
          r = c * c / (Rational(4) * Rational(Integer::factorial(l)));
          constant = over_pi;
        }
        break;
    }
    SeriesTerm t{l, r, constant == over_pi ? "1/pi" : constant == over_exp ? exp_name : "1", Ball()};
    arb_set_fmpq(t.value.get(), r.get(), wp);
    if (constant == over_pi) {
      arb_mul(t.value.get(), t.value.get(), inv_pi.get(), prec);
      sum_pi += r;
    } else if (constant == over_exp) {
      arb_mul(t.value.get(), t.value.get(), exp_mv.get(), prec);
      sum_exp += r;
    } else {
      arb_set_round(t.value.get(), t.value.get(), prec);
      sum1 += r;
    }
    s.terms.push_back(std::move(t));
  }
  // kappa(1) = E[sigma(u)^2]
  Ball k1;
  switch (a.kind) {
    case Activation::Kind::relu:
    case Activation::Kind::arccos:
      s.kappa_one_exact = scale * Rational(double_factorial(2 * static_cast<long>(a.order) - 1), Integer(2));
      break;
    case Activation::Kind::abrelu: s.kappa_one_exact = var * (a.a * a.a + a.b * a.b) / Rational(2); break;
    case Activation::Kind::sign: s.kappa_one_exact = Rational(1); break;
    case Activation::Kind::erf: {
      Ball qb = to_ball(q, wp);
      arb_asin(k1.get(), qb.get(), wp);
      arb_mul(k1.get(), k1.get(), inv_pi.get(), wp);
      arb_mul_2exp_si(k1.get(), k1.get(), 1);  // (2/pi) arcsin q
      break;
    }
    case Activation::Kind::sin:
    case Activation::Kind::cos: {
      // e^{-V} sinh V = (1 - e^{-2V})/2, e^{-V} cosh V = (1 + e^{-2V})/2
      arb_mul(k1.get(), exp_mv.get(), exp_mv.get(), wp);
      if (a.kind == Activation::Kind::sin) arb_neg(k1.get(), k1.get());
      arb_add_ui(k1.get(), k1.get(), 1, wp);
      arb_mul_2exp_si(k1.get(), k1.get(), -1);
      break;
    }
    case Activation::Kind::gelu: {
      // E[u^2 Phi(u)^2] = 1/3 + 1/(2 pi sqrt 3) (kernel.series.gelu)
      Ball t;
      arb_sqrt_ui(t.get(), 3, wp);
      arb_mul(t.get(), t.get(), inv_pi.get(), wp);
      arb_div_ui(t.get(), t.get(), 6, wp);  // sqrt(3)/(6 pi) = 1/(2 pi sqrt 3)
      k1 = to_ball(Rational(1, 3), wp);
      arb_add(k1.get(), k1.get(), t.get(), wp);
      break;
    }
  }
  // kernel.series.tail: kappa(1) - sum a_l, with the rational parts summed exactly
  Ball tail, t2;
  if (s.kappa_one_exact) {
    k1 = to_ball(*s.kappa_one_exact, wp);
    const Rational rest = *s.kappa_one_exact - sum1;
    arb_set_fmpq(tail.get(), rest.get(), wp);
  } else {
    arb_set_fmpq(t2.get(), sum1.get(), wp);
    arb_sub(tail.get(), k1.get(), t2.get(), wp);
  }
  arb_set_fmpq(t2.get(), sum_pi.get(), wp);
  arb_mul(t2.get(), t2.get(), inv_pi.get(), wp);
  arb_sub(tail.get(), tail.get(), t2.get(), wp);
  arb_set_fmpq(t2.get(), sum_exp.get(), wp);
  arb_mul(t2.get(), t2.get(), exp_mv.get(), wp);
  arb_sub(tail.get(), tail.get(), t2.get(), wp);
  arb_nonnegative_part(tail.get(), tail.get());  // every a_l >= 0 (kernel.hermite)
  arb_set_round(tail.get(), tail.get(), prec);
  s.tail_bound = tail;
  arb_set_round(k1.get(), k1.get(), prec);
  s.kappa_one = k1;
  return s;
}

std::span<const Formula> kernel_formulas() { return kFormulas; }

}  // namespace gdcert::kernels
