#include "bounds/noisy_gd.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "alignment/cp.hpp"
#include "alignment/inal.hpp"
#include "alignment/law.hpp"
#include "exact/errors.hpp"
#include "exact/flint.hpp"
#include "exact/integer.hpp"
#include "exact/text.hpp"

namespace gdcert::bounds {

namespace {

constexpr std::array kFormulas = {
    Formula{"noisy_gd.model",
            "theta_{t+1} = theta_t - gamma clip_A(grad L(theta_t)) + Z_t, Z_t ~ N(0, sigma^2 I_P), t < T; output sign NN_{theta_T}",
            "Abbe, Sandon 2020 (NeurIPS, arXiv 2001.02992): noisy-GD model (where gamma and sigma enter reconstructed); proofs/noisy-gd.md#model", Tag::reconstructed, "proofs/noisy-gd.md#model"},
    Formula{"noisy_gd.abbe_sandon",
            "P(sign NN_{theta_T}(X) = F(X)) <= min(1, 1/2 + c0 + (gamma T sqrt(P) A / sigma) CP(P_X, P_F)^(1/4)), "
            "c0 = ||E_F F||_2/2 <= CP^(1/4)/2 (0 for a sign-balanced class); hypothesis |d f_NN(x; theta)/d theta_i| <= A "
            "for all x, theta, i",
            "Abbe, Sandon 2020 (NeurIPS, arXiv 2001.02992): the CP^(1/4) bound (theorem number and constant reconstructed); proofs/noisy-gd.md#abbe-sandon", Tag::reconstructed,
            "proofs/noisy-gd.md#abbe-sandon"},
    Formula{"noisy_gd.orbit",
            "G-equivariant training on a G-invariant input law: P(success on f) <= min(1, 1/2 + |fhat(0)|/2 + "
            "(gamma T sqrt(P) A/sigma) CP_G(Orb f)^(1/4)) (B_n: E_g f o g = fhat(0)); degree-k parity: CP_{B_n} = "
            "1/C(n,k), c0 = 0 for k >= 1, 1/2 for k = 0",
            "orbit reduction of the Abbe, Sandon 2020 (NeurIPS, arXiv 2001.02992) bound under G-equivariant training (Abbe, Boix-Adsera 2022 (NeurIPS, arXiv 2208.03113)); proofs/noisy-gd.md#orbit", Tag::reconstructed, "proofs/noisy-gd.md#orbit"},
    Formula{"noisy_gd.alignment",
            "E<fhat, f> <= M sqrt(A_G(f)) (1 + (2/sqrt(2 pi)) ||f|| T B sqrt(P) gamma/sigma), |fhat| <= M, "
            "|d_i f_NN| <= B, square or correlation loss",
            "derived (the noisy-GD bound of Abbe, Boix-Adsera 2022 (NeurIPS, arXiv 2208.03113) with explicit constants); proofs/noisy-gd.md#alignment", Tag::derived, "proofs/noisy-gd.md#alignment"},
    Formula{"noisy_gd.inal_chain",
            "CP_{B_n}(Orb f) <= max(INAL/min_{j in J} e_j, max_{j not in J, W_j > 0} 1/C(n,j)) ||f||^2, then "
            "noisy_gd.orbit with this CP",
            "the 'low INAL => no learning' chain of Abbe, Cornacchia, Hazla, Marquis 2022 (ICML, arXiv 2202.12846), reconstructed: proofs/inal.md#certificate in the orbit bound; proofs/noisy-gd.md#inal-chain", Tag::reconstructed, "proofs/noisy-gd.md#inal-chain"},
};

Rational arg_q(const BoundArgs& a, const std::string& k) {
  try {
    return Rational::parse(a.at(k));
  } catch (const gdcert::error& e) {
    throw input_error("bound: parameter " + k + " requires a rational, got \"" + a.at(k) + "\"");
  }
}

Rational positive(const BoundArgs& a, const std::string& k) {
  const Rational q = arg_q(a, k);
  if (q.sign() <= 0) throw domain_error("bound: requires " + k + " > 0, got " + q.str());
  return q;
}

bool noise_gradient(const BoundArgs& a) {
  const std::string& v = a.at("noise");
  if (v == "param") return false;
  if (v == "gradient") return true;
  throw input_error("bound: noise requires param or gradient, got \"" + v + "\"");
}

/**
 * P: a positive number, or "net:W1,W2,...[:bias]", the parameter count of the fully connected network the simulator
 * builds (n inputs from the bound's `n`, hidden widths W1, W2, ..., one linear output; biases on every layer with
 * ":bias"): sum over layers of in*out (+ out with biases).
 */
Rational parameter_count(const BoundArgs& a) {
  const std::string text = a.at("P");
  if (text.rfind("net:", 0) != 0) return positive(a, "P");
  std::string spec = text.substr(4);
  bool bias = false;
  if (const std::size_t c = spec.find(':'); c != std::string::npos) {
    if (spec.substr(c + 1) != "bias") throw input_error("bound: P=net:W1,W2,...[:bias], got \"" + text + "\"");
    bias = true;
    spec.resize(c);
  }
  const auto n_it = a.find("n");
  const Integer n = n_it == a.end() ? Integer(0) : Integer::parse(n_it->second);
  if (n.sign() <= 0 || n > Integer(1000000))
    throw domain_error("bound: P=net:... counts the parameters of a network on n inputs: requires 1 <= n <= 10^6");
  Integer p(0), in = n;
  std::vector<Integer> dims;
  for (const std::string& w : split_list(spec)) {
    const Integer width = Integer::parse(w);
    if (width.sign() <= 0 || width > Integer(1000000))
      throw input_error("bound: P=net: widths are integers in [1, 10^6], got \"" + w + "\"");
    dims.push_back(width);
  }
  if (dims.empty() || dims.size() > 64) throw input_error("bound: P=net: requires 1 to 64 hidden widths");
  dims.push_back(Integer(1));
  for (const Integer& o : dims) {
    p = p + in * o + (bias ? o : Integer(0));
    in = o;
  }
  return Rational(p);
}

Budget budget_of(const BoundArgs& a, const char* clip_name) {
  Budget b;
  b.gamma = positive(a, "gamma");
  b.T = arg_q(a, "T");
  if (b.T.sign() < 0 || !b.T.is_integer()) throw domain_error("bound: requires an integer T >= 0, got " + b.T.str());
  b.P = parameter_count(a);
  b.A = positive(a, clip_name);
  b.sigma = positive(a, "sigma");
  b.noise_in_gradient = noise_gradient(a);
  return b;
}

Ball ball(const Rational& q, long prec) { return to_ball(q, prec); }

Ball root_ball(const Rational& q, unsigned k, long prec) {
  Ball r = ball(q, prec);
  arb_root_ui(r.get(), r.get(), k, prec);
  return r;
}

/** gamma T A / sigma (gamma dropped with noise in gradient units). */
Rational rate(const Budget& b) { return (b.noise_in_gradient ? Rational(1) : b.gamma) * b.A / b.sigma; }

/** The least integer >= x (>= 0: a budget is never negative), x given as a function of the precision; exact. */
Value ceil_value(const std::function<Ball(long)>& x, long prec, const std::function<bool(const Integer&)>& equals) {
  const Integer r = ceil_to_certainty([&](slong p) { return x(p); }, prec, slong{1} << 14, "bound: the least integer budget",
                                      equals);
  return Value(r.sign() < 0 ? Integer(0) : r);
}

std::optional<Rational> cp_from(const BoundArgs& a, const char* name) {
  if (a.at(name) != "auto") {
    const Rational q = arg_q(a, name);
    if (q.sign() <= 0) throw domain_error(std::string("bound: requires ") + name + " > 0");
    return q;
  }
  return std::nullopt;
}

Rational parity_cp(const BoundArgs& a, const char* name) {
  if (auto q = cp_from(a, name)) return *q;
  const Integer n = Integer::parse(a.at("n")), k = Integer::parse(a.at("k"));
  if (n.sign() <= 0 || k.sign() < 0 || k > n || n > Integer(100000))
    throw domain_error("bound: " + std::string(name) + "=auto requires the parity degree 0 <= k <= n (n >= 1), got n = " +
                       n.str() + ", k = " + k.str());
  return Rational(1) / Rational(Integer::binomial(static_cast<unsigned long>(n.to_si()), static_cast<unsigned long>(k.to_si())));
}

BoundOutputs abbe_sandon_outputs(const Budget& b, const Rational& cp, const std::optional<Rational>& class_mean,
                                 const Rational& eps, long prec) {
  if (eps.sign() <= 0 || eps > Rational(1, 2))
    throw domain_error("bound: requires 0 < eps <= 1/2 (an advantage P(success) - 1/2), got eps = " + eps.str());
  BoundOutputs out;
  out.push_back({"CP", Value(cp)});
  out.push_back({"T-independent term (junk-label run)", abbe_sandon_junk_term(cp, class_mean, prec)});
  const Value adv = capped_advantage(abbe_sandon_advantage(b, cp, class_mean, prec), prec);
  const Rational half(1, 2);
  out.push_back({"advantage bound (P(success) - 1/2)", BoundValue(adv, half)});
  if (adv.kind() == Kind::exact) out.push_back({"success probability bound", Value(half + adv.exact())});
  else {
    Ball s = adv.ball();
    arb_add(s.get(), s.get(), ball(half, prec).get(), prec);
    out.push_back({"success probability bound", Value(s, prec)});
  }
  // Where the bound starts to say something: below this T (above this sigma) it is below 1/2.
  out.push_back({"vacuous from T (bound >= 1/2)", abbe_sandon_least_T(b, cp, class_mean, half, prec)});
  BoundValue s_half = abbe_sandon_largest_sigma(b, cp, class_mean, half, prec);
  if (!s_half.value)  // the two reasons abbe_sandon_largest_sigma has for none, reworded for the threshold 1/2
    s_half.absent = abbe_sandon_junk_term_reaches(cp, class_mean, half, prec)
                        ? "none: the T-independent term alone is >= 1/2, so the bound is vacuous at every sigma"
                        : "none: with T = 0 the bound is its T-independent term, below 1/2 at every sigma";
  out.push_back({"vacuous up to sigma (bound >= 1/2)", s_half});
  out.push_back({"eps", Value(eps)});
  out.push_back({"least T that can reach advantage eps", abbe_sandon_least_T(b, cp, class_mean, eps, prec)});
  out.push_back({"largest sigma that can reach advantage eps", abbe_sandon_largest_sigma(b, cp, class_mean, eps, prec)});
  return out;
}

/** The class mean of the B_n orbit of a degree-k parity: E_F F = 0 for k >= 1 (sign flips), F = 1 for k = 0. */
Rational parity_orbit_mean(const BoundArgs& a) { return Integer::parse(a.at("k")).sign() == 0 ? Rational(1) : Rational(0); }

/** abbe_sandon's class: balanced=yes gives E_F F = 0; no (the default) the general CP^(1/4)/2. */
std::optional<Rational> class_mean_of(const BoundArgs& a) {
  const std::string& v = a.at("balanced");
  if (v == "yes") return Rational(0);
  if (v == "no") return std::nullopt;
  throw input_error("bound: balanced requires yes or no, got \"" + v + "\"");
}

std::vector<BoundParam> budget_params(const char* clip_meaning) {
  return {{"gamma", "step size", "1"},
          {"T", "number of steps", ""},
          {"P", "number of parameters, or net:W1,W2,...[:bias] (counted for a fully connected net on n inputs)", ""},
          {"A", clip_meaning, "1"},
          {"sigma", "noise standard deviation", ""},
          {"noise", "param (Z added to theta, gamma in the bound) or gradient (gamma cancels)", "param"},
          {"eps", "target advantage for the inversions", "1/10"}};
}

}  // namespace

std::optional<Rational> exact_root(const Rational& q, unsigned k) {
  if (q.sign() < 0) return std::nullopt;
  Integer rn, rd;
  const Integer n = q.num(), d = q.den();
  fmpz_root(rn.get(), n.get(), static_cast<slong>(k));
  fmpz_root(rd.get(), d.get(), static_cast<slong>(k));
  if (pow(rn, k) == n && pow(rd, k) == d) return Rational(rn) / Rational(rd);
  return std::nullopt;
}

/** min(1/2, adv): the advantage of a success probability is at most 1/2. */
Value capped_advantage(const Value& adv, long prec) {
  const Rational half(1, 2);
  if (adv.kind() == Kind::exact) return Value(adv.exact() < half ? adv.exact() : half);
  const Ball h = ball(half, prec);
  if (certainly_le(h, adv.ball())) return Value(half);
  Ball r;
  arb_min(r.get(), adv.ball().get(), h.get(), prec);
  return Value(r, prec);
}

namespace {
/** CP^(1/4) / 2 as a ball. */
Ball quarter_root_half(const Rational& cp, long prec) {
  Ball r = root_ball(cp, 4, prec);
  arb_mul_2exp_si(r.get(), r.get(), -1);
  return r;
}
}  // namespace

Value abbe_sandon_junk_term(const Rational& cp, const std::optional<Rational>& class_mean, long prec) {
  if (class_mean) return Value(*class_mean / Rational(2));
  if (const auto c4 = exact_root(cp, 4)) return Value(*c4 / Rational(2));
  return Value(quarter_root_half(cp, prec), prec);
}

Value abbe_sandon_advantage(const Budget& b, const Rational& cp, const std::optional<Rational>& class_mean, long prec) {
  const Rational f = rate(b) * b.T;
  // sqrt(P) CP^(1/4) = (P^2 CP)^(1/4): rational also when neither factor is (P = 1000, CP = 1/100 gives 10)
  const auto spc = exact_root(b.P * b.P * cp, 4);
  const Value c0 = abbe_sandon_junk_term(cp, class_mean, prec);
  if (f.sign() == 0) return c0;  // T = 0: the T-dependent part is exactly 0
  if (spc && c0.kind() == Kind::exact) return Value(c0.exact() + f * *spc);
  Ball r = root_ball(b.P, 2, prec);
  arb_mul(r.get(), r.get(), root_ball(cp, 4, prec).get(), prec);
  arb_mul(r.get(), r.get(), ball(f, prec).get(), prec);
  arb_add(r.get(), r.get(), c0.kind() == Kind::exact ? ball(c0.exact(), prec).get() : c0.ball().get(), prec);
  return Value(r, prec);
}

Value abbe_sandon_least_T(const Budget& b, const Rational& cp, const std::optional<Rational>& class_mean,
                          const Rational& eps, long prec) {
  if (eps.sign() <= 0) return Value(Integer(0));
  const Rational per_step = rate(b);
  return ceil_value(
      [&](long p) {  // x = (eps - c0) / (rate sqrt(P) CP^(1/4))
        Ball d = root_ball(b.P, 2, p);
        arb_mul(d.get(), d.get(), root_ball(cp, 4, p).get(), p);
        arb_mul(d.get(), d.get(), ball(per_step, p).get(), p);
        Ball r = ball(eps, p);
        if (class_mean) arb_sub(r.get(), r.get(), ball(*class_mean / Rational(2), p).get(), p);
        else arb_sub(r.get(), r.get(), quarter_root_half(cp, p).get(), p);
        arb_div(r.get(), r.get(), d.get(), p);
        return r;
      },
      prec,
      // Is x exactly the integer m?  With c0 = c rational: eps - c = m rate sqrt(P) CP^(1/4), i.e. m = 0 and eps = c,
      // or m > 0, eps > c and ((eps - c)/(m rate))^4 = P^2 CP.  With c0 = CP^(1/4)/2: eps = CP^(1/4) (1/2 + m rate
      // sqrt(P)); for m = 0 that is CP = (2 eps)^4; for m > 0 it needs sqrt(P) rational (else (1/2 + m rate sqrt(P))^4
      // is irrational while eps^4/CP is rational), and then CP = (eps/(1/2 + m rate sqrt(P)))^4.
      [&](const Integer& m) {
        if (m.sign() < 0) return false;
        if (class_mean) {
          const Rational d = eps - *class_mean / Rational(2);
          if (m.sign() == 0) return d.sign() == 0;
          if (d.sign() <= 0) return false;
          const Rational q = d / (Rational(m) * per_step);
          return q * q * q * q == b.P * b.P * cp;
        }
        if (m.sign() == 0) {
          const Rational e2 = eps * Rational(2);
          return e2 * e2 * e2 * e2 == cp;
        }
        const auto sp = exact_root(b.P, 2);
        if (!sp) return false;
        const Rational q = eps / (Rational(1, 2) + Rational(m) * per_step * *sp);
        return q * q * q * q == cp;
      });
}

bool abbe_sandon_junk_term_reaches(const Rational& cp, const std::optional<Rational>& class_mean, const Rational& eps,
                                   long prec) {
  const Value c0 = abbe_sandon_junk_term(cp, class_mean, prec);
  if (c0.kind() == Kind::exact) return c0.exact() >= eps;
  const Rational e2 = eps * Rational(2);  // CP^(1/4)/2 >= eps  <=>  CP >= (2 eps)^4, decided exactly
  return cp >= e2 * e2 * e2 * e2;
}

BoundValue abbe_sandon_largest_sigma(const Budget& b, const Rational& cp, const std::optional<Rational>& class_mean,
                                     const Rational& eps, long prec) {
  if (eps.sign() <= 0) throw domain_error("bound: requires eps > 0");
  // The bound is c0 + K/sigma with K = rate(sigma = 1) T sqrt(P) CP^(1/4) >= 0: it allows advantage eps exactly when
  // c0 + K/sigma >= eps.
  const Value c0 = abbe_sandon_junk_term(cp, class_mean, prec);
  if (abbe_sandon_junk_term_reaches(cp, class_mean, eps, prec))
    return BoundValue::none("none: the T-independent term alone reaches eps, so every sigma > 0 allows advantage eps");
  if (b.T.sign() == 0) return BoundValue::none("none: with T = 0 no sigma > 0 allows advantage eps");
  Budget unit = b;
  unit.sigma = Rational(1);
  const Value k = abbe_sandon_advantage(unit, cp, Rational(0), prec);  // K: the T-dependent part at sigma = 1
  if (k.kind() == Kind::exact && c0.kind() == Kind::exact) return Value(k.exact() / (eps - c0.exact()));
  Ball r = k.kind() == Kind::exact ? ball(k.exact(), prec) : k.ball();
  Ball d = ball(eps, prec);
  arb_sub(d.get(), d.get(), c0.kind() == Kind::exact ? ball(c0.exact(), prec).get() : c0.ball().get(), prec);
  arb_div(r.get(), r.get(), d.get(), prec);
  return Value(r, prec);
}

namespace {
/** 2/sqrt(2 pi) ||f|| B sqrt(P) (gamma)/sigma: the per-step factor c of the alignment bound. */
Ball alignment_step_factor(const Budget& b, const Rational& fnorm, long prec) {
  Ball c;
  arb_const_pi(c.get(), prec);
  arb_mul_2exp_si(c.get(), c.get(), 1);
  arb_rsqrt(c.get(), c.get(), prec);
  arb_mul_2exp_si(c.get(), c.get(), 1);  // 2/sqrt(2 pi)
  arb_mul(c.get(), c.get(), root_ball(b.P, 2, prec).get(), prec);
  arb_mul(c.get(), c.get(), ball(fnorm * rate(b), prec).get(), prec);  // rate includes A = B
  return c;
}
Ball m_sqrt_align(const Rational& M, const Rational& align, long prec) {
  Ball r = root_ball(align, 2, prec);
  arb_mul(r.get(), r.get(), ball(M, prec).get(), prec);
  return r;
}
}  // namespace

Value alignment_correlation_bound(const Budget& b, const Rational& M, const Rational& align, const Rational& fnorm, long prec) {
  Ball c = alignment_step_factor(b, fnorm, prec);
  arb_mul(c.get(), c.get(), ball(b.T, prec).get(), prec);
  arb_add_ui(c.get(), c.get(), 1, prec);
  arb_mul(c.get(), c.get(), m_sqrt_align(M, align, prec).get(), prec);
  return Value(c, prec);
}

Value alignment_least_T(const Budget& b, const Rational& M, const Rational& align, const Rational& fnorm, const Rational& eps,
                        long prec) {
  return ceil_value(
      [&](long p) {
        Ball r = ball(eps, p);
        arb_div(r.get(), r.get(), m_sqrt_align(M, align, p).get(), p);
        arb_sub_ui(r.get(), r.get(), 1, p);
        arb_div(r.get(), r.get(), alignment_step_factor(b, fnorm, p).get(), p);
        return r;
      },
      prec,
      // x = (eps/(M sqrt(A_G)) - 1)/c with c a positive rational multiple of sqrt(P/pi), irrational for every
      // rational P > 0 (pi is transcendental): x is an integer m only for m = 0, i.e. eps^2 = M^2 A_G (eps, M >= 0).
      [&](const Integer& m) { return m.sign() == 0 && eps.sign() >= 0 && M.sign() > 0 && eps * eps == M * M * align; });
}

Value alignment_largest_sigma(const Budget& b, const Rational& M, const Rational& align, const Rational& fnorm,
                              const Rational& eps, long prec) {
  const Ball base = m_sqrt_align(M, align, prec);
  Ball r = ball(eps, prec);
  arb_div(r.get(), r.get(), base.get(), prec);
  arb_sub_ui(r.get(), r.get(), 1, prec);  // eps/(M sqrt(Al)) - 1
  if (!arb_is_positive(r.get()))
    throw domain_error("bound noisy_gd.alignment: the largest sigma requires eps > M sqrt(A_G(f)) (certainly), got eps = " +
                       eps.str());
  Budget unit = b;
  unit.sigma = Rational(1);
  Ball c = alignment_step_factor(unit, fnorm, prec);
  arb_mul(c.get(), c.get(), ball(b.T, prec).get(), prec);
  arb_div(c.get(), c.get(), r.get(), prec);
  return Value(c, prec);
}

std::span<const Formula> noisy_gd_formulas() { return kFormulas; }

std::vector<BoundEntry> noisy_gd_bounds() {
  std::vector<BoundEntry> v;
  {
    auto params = budget_params("coordinate clip A of the gradient");
    params.push_back({"cp", "cross-predictability of the class (auto = 1/C(n,k), degree-k parities)", "auto"});
    params.push_back({"n", "input dimension (cp=auto)", "0"});
    params.push_back({"k", "parity degree (cp=auto)", "0"});
    params.push_back({"balanced", "yes: the class is sign-balanced, E_F F = 0 (no T-independent term); no: CP^(1/4)/2", "no"});
    v.push_back({"noisy_gd.abbe_sandon",
                 "Abbe-Sandon: advantage <= c0 + (gamma T sqrt(P) A/sigma) CP^(1/4), c0 = CP^(1/4)/2 (0 if balanced); least T, largest sigma",
                 params, [](const BoundArgs& a, long prec) {
                   return abbe_sandon_outputs(budget_of(a, "A"), parity_cp(a, "cp"), class_mean_of(a), arg_q(a, "eps"), prec);
                 }});
  }
  {
    auto params = budget_params("coordinate clip A of the gradient");
    params.push_back({"n", "input dimension", ""});
    params.push_back({"k", "degree of the parity target", ""});
    v.push_back({"noisy_gd.orbit",
                 "single parity target via the B_n orbit: CP_{B_n}(Orb chi_S) = 1/C(n,|S|); balanced for k >= 1 (k = 0: f = 1, "
                 "success 1 possible)",
                 params, [](const BoundArgs& a, long prec) {
                   BoundArgs b = a;
                   b["cp"] = "auto";
                   return abbe_sandon_outputs(budget_of(a, "A"), parity_cp(b, "cp"), parity_orbit_mean(a), arg_q(a, "eps"),
                                              prec);
                 }});
  }
  {
    auto params = budget_params("bound B on |d f_NN / d theta_i|");
    params.push_back({"M", "bound on |fhat|", "1"});
    params.push_back({"fnorm", "||f||_2", "1"});
    params.push_back({"align", "alignment A_G(f) (auto = 1/C(n,k), degree-k parity)", "auto"});
    params.push_back({"n", "input dimension (align=auto)", "0"});
    params.push_back({"k", "parity degree (align=auto)", "0"});
    v.push_back({"noisy_gd.alignment",
                 "E<fhat,f> <= M sqrt(A_G(f)) (1 + (2/sqrt(2 pi)) ||f|| T B sqrt(P) gamma/sigma); least T for eps", params,
                 [](const BoundArgs& a, long prec) {
                   const Budget b = budget_of(a, "A");
                   const Rational M = positive(a, "M"), fnorm = positive(a, "fnorm"), eps = arg_q(a, "eps");
                   const Rational al = parity_cp(a, "align");
                   BoundOutputs out;
                   out.push_back({"alignment A_G(f)", Value(al)});
                   out.push_back({"correlation bound E<fhat, f>", BoundValue(alignment_correlation_bound(b, M, al, fnorm, prec), M * fnorm)});
                   out.push_back({"eps", Value(eps)});
                   out.push_back({"least T that can reach correlation eps", alignment_least_T(b, M, al, fnorm, eps, prec)});
                   const Ball base = m_sqrt_align(M, al, prec);
                   if (arb_lt(base.get(), ball(eps, prec).get()))
                     out.push_back({"largest sigma that can reach correlation eps", alignment_largest_sigma(b, M, al, fnorm, eps, prec)});
                   else if (arb_ge(base.get(), ball(eps, prec).get()))
                     out.push_back({"largest sigma that can reach correlation eps",
                                    BoundValue::none("none: M sqrt(A_G(f)) >= eps, so every sigma > 0 allows correlation eps")});
                   else  // M sqrt(A_G) = eps exactly can stay undecided on balls: decide it exactly
                     out.push_back({"largest sigma that can reach correlation eps",
                                    eps.sign() >= 0 && eps * eps <= M * M * al
                                        ? BoundValue::none("none: M sqrt(A_G(f)) >= eps, so every sigma > 0 allows correlation eps")
                                        : BoundValue(alignment_largest_sigma(b, M, al, fnorm, eps, prec))});
                   return out;
                 }});
  }
  {
    auto params = budget_params("coordinate clip A of the gradient");
    params.push_back({"n", "input dimension of the parity target", ""});
    params.push_back({"k", "degree of the parity target", ""});
    params.push_back({"act", "first-layer activation (relu, sign)", "relu"});
    params.push_back({"init", "weight law (as gdcert inal --init)", "gaussian"});
    params.push_back({"bias", "bias law (as gdcert inal --bias)", "none"});
    params.push_back({"levels", "the level set J (comma list; k = the parity degree)", "k", true});
    v.push_back({"noisy_gd.inal_chain",
                 "degree-k parity: exact first-layer INAL and e_j => CP_{B_n} bound => Abbe-Sandon advantage bound", params,
                 [](const BoundArgs& a, long prec) {
                   using namespace alignment;
                   const Integer nz = Integer::parse(a.at("n")), kz = Integer::parse(a.at("k"));
                   if (nz.sign() <= 0 || nz > Integer(4096) || kz.sign() < 0 || kz > nz)
                     throw domain_error("bound noisy_gd.inal_chain: requires 1 <= n <= 4096 and 0 <= k <= n");
                   const unsigned n = static_cast<unsigned>(nz.to_si()), k = static_cast<unsigned>(kz.to_si());
                   const WeightLaw w = parse_weight_law(a.at("init"));
                   const BiasLaw bl = parse_bias_law(a.at("bias"));
                   NeuronSpectrum s;
                   if (w.kind == WeightLaw::Kind::gaussian) {
                     Parity parity = Parity::none;
                     const auto kernel = gaussian_kernel_for(a.at("act"), &parity);
                     s = neuron_spectrum_gaussian(n, kernel, parity, w, bl, prec);
                   } else {
                     s = neuron_spectrum_exact(n, parse_exact_activation(a.at("act")), w, bl, 1);
                   }
                   std::vector<unsigned> J;
                   std::string lv = a.at("levels");
                   std::size_t st = 0;
                   while (st <= lv.size()) {
                     const std::size_t e = std::min(lv.find(',', st), lv.size());
                     const std::string tok = lv.substr(st, e - st);
                     const unsigned j = tok == "k" ? k : static_cast<unsigned>(Integer::parse(tok).to_si());
                     if (j > n) throw domain_error("bound noisy_gd.inal_chain: level " + tok + " > n");
                     J.push_back(j);
                     st = e + 1;
                   }
                   std::vector<Rational> W(n + 1, Rational(0));
                   W[k] = Rational(1);
                   const Value inal = s.m[k];
                   const Certificate c = inal_cp_certificate(W, inal, s.e, J, Rational(1), prec);
                   BoundOutputs out;
                   out.push_back({"INAL (first-layer neuron, exact route)", inal});
                   out.push_back({"INAL/min_J e_j", c.first_term});
                   out.push_back({"tail max_{j not in J} 1/C(n,j)", Value(c.second_term)});
                   out.push_back({"CP_{B_n} bound", c.bound});
                   const Budget b = budget_of(a, "A");
                   const Rational eps = arg_q(a, "eps");
                   const Rational mean = k == 0 ? Rational(1) : Rational(0);  // E_F F over the B_n orbit
                   if (c.bound.kind() == Kind::exact) {
                     for (auto& o : abbe_sandon_outputs(b, c.bound.exact(), mean, eps, prec))
                       if (o.first != "CP") out.push_back(o);
                   } else {
                     // ball CP bound: use its upper end (a rational >= CP bound) for a valid bound
                     arf_t u;
                     arf_init(u);
                     arb_get_ubound_arf(u, c.bound.ball().get(), prec);
                     Rational up;
                     arf_get_fmpq(up.get(), u);
                     arf_clear(u);
                     {  // rounded up to 20 decimals: ceil(up 10^20) / 10^20 >= up, a readable rational
                       const Integer scale = pow(Integer(10), 20);
                       Integer q;
                       const Integer num = up.num() * scale, den = up.den();
                       fmpz_cdiv_q(q.get(), num.get(), den.get());
                       up = Rational(q) / Rational(scale);
                     }
                     out.push_back({"CP bound used (upper end of the ball, rounded up)", Value(up)});
                     for (auto& o : abbe_sandon_outputs(b, up, mean, eps, prec))
                       if (o.first != "CP") out.push_back(o);
                   }
                   return out;
                 }});
  }
  return v;
}

}  // namespace gdcert::bounds
