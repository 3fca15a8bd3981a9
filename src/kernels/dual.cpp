#include "kernels/dual.hpp"

#include <algorithm>
#include <array>
#include <charconv>

#include "exact/errors.hpp"

namespace gdcert::kernels {

namespace {

constexpr unsigned kMaxSeriesL = 20000;

const Formula kFormulas[] = {
    {"kernel.effective_correlation",
     "w ~ N(0, s2 I/n), b ~ N(0, beta2): V = s2 + beta2, C = s2 rho + beta2, rho' = C/V; Sigma(x,y) = kappa_V(rho')",
     "theory: inal §4", Tag::derived, "proofs/kernels.md#effective-correlation"},
    {"kernel.relu", "E[relu(u) relu(v)] = V (sqrt(1 - r^2) + (pi - arccos r) r) / (2 pi), r = C/V",
     "theory: inal §4 (= arc-cosine order 1, Cho & Saul 2009)", Tag::derived, "proofs/kernels.md#relu"},
    {"kernel.sign", "E[sign(u) sign(v)] = (2/pi) arcsin r, r = C/V (Sheppard)", "theory: inal §4", Tag::derived,
     "proofs/kernels.md#sign"},
    {"kernel.erf", "E[erf(u) erf(v)] = (2/pi) arcsin(2C / (1 + 2V))",
     "Williams, Computing with infinite networks, NIPS 1996 (standard)", Tag::reconstructed, "proofs/kernels.md#erf"},
    {"kernel.arccos",
     "sigma_p(u) = u^p 1{u>0}: E[sigma_p(u) sigma_p(v)] = V^p J_p(theta)/(2 pi), theta = arccos r, "
     "J_p = (-1)^p sin^{2p+1}(theta) ((1/sin theta) d/dtheta)^p ((pi - theta)/sin theta)",
     "Cho & Saul, Kernel methods for deep learning, NIPS 2009, eqs. (2)-(4); kappa_p = k_p/2 for unit inputs",
     Tag::reconstructed, "proofs/kernels.md#arccos"},
    {"kernel.arccos.recurrence",
     "J_{p+1} = (2p+1) cos(theta) J_p - sin(theta) J_p'; J_p = A_p(rho)(pi - theta) + B_p(rho) sin(theta), "
     "A_{p+1} = (2p+1) x A_p + (1-x^2) A_p', B_{p+1} = 2p x B_p + A_p + (1-x^2) B_p', A_0 = 1, B_0 = 0",
     "derived from Cho & Saul's J_p", Tag::derived, "proofs/kernels.md#arccos-recurrence"},
    {"kernel.monotone", "kappa'(rho) = E[sigma'(u) sigma'(v)] >= 0 for nondecreasing sigma (used for clipped balls)",
     "standard (Price's theorem / Hermite series with a_l >= 0)", Tag::derived, "proofs/kernels.md#monotone"},
    {"kernel.hermite",
     "kappa(rho) = sum_l a_l rho^l, a_l = (E[sigma(u) He_l(u)])^2 / l! >= 0 (probabilists' Hermite, unit variance)",
     "theory: inal §5 (Taylor route); Mehler's formula", Tag::derived, "proofs/kernels.md#hermite"},
    {"kernel.series.relu",
     "relu: a_0 = 1/(2 pi), a_1 = 1/4, a_{2j} = ((2j-3)!!)^2 / (2 pi (2j)!) (j >= 1), a_l = 0 for odd l >= 3",
     "theory: inal §5", Tag::derived, "proofs/kernels.md#series-relu"},
    {"kernel.series.arccos",
     "sigma_p: c_l = E[sigma_p He_l] = p!/(p-l)! M_{p-l} (l <= p), p! He_{l-p-1}(0)/sqrt(2 pi) (l > p); "
     "M_m = E[u^m 1{u>0}]; a_l = c_l^2/l!",
     "derived (integration by parts)", Tag::derived, "proofs/kernels.md#series-arccos"},
    {"kernel.series.sign", "sign: a_l = 2 ((l-2)!!)^2 / (pi l!) for odd l, 0 for even l", "derived (sign = 2 step - 1)",
     Tag::derived, "proofs/kernels.md#series-sign"},
    {"kernel.series.erf",
     "erf, variance V: a_l = (2/pi) q^l ((l-2)!!)^2 / l! for odd l, q = 2V/(1+2V) (q = 2/3 at V = 1), 0 for even l",
     "derived (arcsin series)", Tag::derived, "proofs/kernels.md#series-erf"},
    {"kernel.series.tail",
     "sum_{l>L} a_l = kappa(1) - sum_{l<=L} a_l >= |sum_{l>L} a_l rho^l| for |rho| <= 1; kappa_p(1) = V^p (2p-1)!!/2",
     "derived", Tag::derived, "proofs/kernels.md#series-tail"},
};

std::string kind_name(Activation::Kind k) {
  switch (k) {
    case Activation::Kind::relu: return "relu";
    case Activation::Kind::sign: return "sign";
    case Activation::Kind::erf: return "erf";
    case Activation::Kind::arccos: return "arccos";
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

/**
 * Unit kernel at t in [-1, 1] (t = rho for relu/arccos/sign, t = 2C/(1+2V) for erf). Balls reaching outside
 * [-1, 1] are clipped and evaluated at their endpoints (kernel.monotone).
 */
void unit_kernel(arb_t res, const Activation& a, const arb_t t, slong prec) {
  {
    Ball tb(t);
    if (!inside_unit(tb)) {
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
  arb_t s, th, pi;
  arb_init(s);
  arb_init(th);
  arb_init(pi);
  arb_const_pi(pi, prec);
  if (a.kind == Activation::Kind::sign || a.kind == Activation::Kind::erf) {
    // kernel.sign / kernel.erf: (2/pi) arcsin t
    arb_asin(th, t, prec);
    arb_div(res, th, pi, prec);
    arb_mul_2exp_si(res, res, 1);
  } else {
    // kernel.arccos: J_p = A_p(t)(pi - theta) + B_p(t) sin theta, pi - theta = pi/2 + atan2(t, sin theta)
    arb_t u;
    arb_init(u);
    arb_sub_ui(u, t, 1, prec);
    arb_neg(u, u);  // 1 - t
    arb_add_ui(s, t, 1, prec);
    arb_mul(s, s, u, prec);
    arb_sqrtpos(s, s, prec);  // sin theta = sqrt((1 - t)(1 + t))
    arb_atan2(th, t, s, prec);
    arb_mul_2exp_si(u, pi, -1);
    arb_add(th, th, u, prec);  // pi - arccos t
    if (a.kind == Activation::Kind::relu || a.order == 1) {
      arb_mul(th, th, t, prec);  // kernel.relu: (sqrt(1 - t^2) + (pi - arccos t) t) / (2 pi)
      arb_add(res, th, s, prec);
    } else if (a.order == 0) {
      arb_set(res, th);  // J_0 = pi - theta
    } else {
      const auto& [A, B] = arccos_table()[a.order];
      horner(u, A, t, prec);
      arb_mul(th, th, u, prec);
      horner(u, B, t, prec);
      arb_mul(u, u, s, prec);
      arb_add(res, th, u, prec);
    }
    arb_div(res, res, pi, prec);
    arb_mul_2exp_si(res, res, -1);
    arb_clear(u);
  }
  arb_clear(s);
  arb_clear(th);
  arb_clear(pi);
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
  return kind_name(kind);
}

std::string activation_names() {
  return "relu, sign, erf, step (= arccos:0), arccos:p (p = 0.." + std::to_string(kMaxArccosOrder) + ")";
}

Activation parse_activation(std::string_view text) {
  if (text == "relu") return {Activation::Kind::relu, 1};
  if (text == "sign") return {Activation::Kind::sign, 0};
  if (text == "erf") return {Activation::Kind::erf, 0};
  if (text == "step") return {Activation::Kind::arccos, 0};
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

Ball second_moment_to_accuracy(const Activation& a, const Rational& var, const Rational& cov, slong accuracy_bits) {
  check_var_cov(var, cov, "second_moment_to_accuracy");
  check_accuracy_goal(accuracy_bits, "second_moment_to_accuracy");
  // Exact reductions first: the effective argument and V^p are rationals, so their balls are as tight as the
  // working precision allows at every step of the Ziv loop.
  const Rational t = a.kind == Activation::Kind::erf ? Rational(2) * cov / (Rational(1) + Rational(2) * var) : cov / var;
  const Rational scale = pow(var, static_cast<long>(a.order));
  return evaluate_to_accuracy(
      [&](slong prec) {
        const slong wp = prec + 8;
        Ball tb = to_ball(t, wp), r;
        unit_kernel(r.get(), a, tb.get(), wp);
        Ball sb = to_ball(scale, wp);
        arb_mul(r.get(), r.get(), sb.get(), prec);
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
  if (a.kind == Activation::Kind::erf) return std::nullopt;
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
  const slong wp = prec + 16;
  Ball inv_pi;
  arb_const_pi(inv_pi.get(), wp);
  arb_inv(inv_pi.get(), inv_pi.get(), wp);
  Series s;
  Rational sum1(0), sum_pi(0);
  const Rational scale = pow(var, static_cast<long>(a.order));
  const Rational q = Rational(2) * var / (Rational(1) + Rational(2) * var);
  for (unsigned l = 0; l <= L; ++l) {
    Rational r(0);
    bool over_pi = false;
    switch (a.kind) {
      case Activation::Kind::relu:
      case Activation::Kind::arccos: {
        auto c = arccos_coefficient(a.order, l);  // kernel.series.arccos (relu: kernel.series.relu)
        r = c.first * scale;
        over_pi = c.second;
        break;
      }
      case Activation::Kind::sign:
        if (l % 2 == 1) {
          r = Rational(4) * arccos_coefficient(0, l).first;  // kernel.series.sign: 4 a_l(step), l >= 1
          over_pi = true;
        }
        break;
      case Activation::Kind::erf:
        if (l % 2 == 1) {
          const Integer d = double_factorial(static_cast<long>(l) - 2);
          r = Rational(2) * pow(q, static_cast<long>(l)) * Rational(d * d, Integer::factorial(l));  // kernel.series.erf
          over_pi = true;
        }
        break;
    }
    SeriesTerm t{l, r, over_pi ? "1/pi" : "1", Ball()};
    arb_set_fmpq(t.value.get(), r.get(), wp);
    if (over_pi) {
      arb_mul(t.value.get(), t.value.get(), inv_pi.get(), prec);
      sum_pi += r;
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
    case Activation::Kind::sign: s.kappa_one_exact = Rational(1); break;
    case Activation::Kind::erf: {
      Ball qb = to_ball(q, wp);
      arb_asin(k1.get(), qb.get(), wp);
      arb_mul(k1.get(), k1.get(), inv_pi.get(), wp);
      arb_mul_2exp_si(k1.get(), k1.get(), 1);  // (2/pi) arcsin q
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
  arb_nonnegative_part(tail.get(), tail.get());  // every a_l >= 0 (kernel.hermite)
  arb_set_round(tail.get(), tail.get(), prec);
  s.tail_bound = tail;
  arb_set_round(k1.get(), k1.get(), prec);
  s.kappa_one = k1;
  return s;
}

std::span<const Formula> kernel_formulas() { return kFormulas; }

}  // namespace gdcert::kernels
