// Tests of src/kernels: dual activations, their Hermite series, exact coefficients, tails, errors, the CLI verb.
#include <doctest/doctest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/app.hpp"
#include "exact/errors.hpp"
#include "kernels/dual.hpp"

using namespace gdcert;
using namespace gdcert::kernels;

namespace {

nlohmann::json load(const char* name) {
  std::ifstream in(std::string(GDCERT_TEST_DATA) + "/" + name);
  REQUIRE(in.good());
  return nlohmann::json::parse(in);
}

/** A 42-digit reference decimal as a ball of radius one unit in the last printed digit (safe rounding margin). */
Ball ref_ball(const std::string& dec) {
  // every reference value has magnitude <= 2 and 42 significant digits; 1e-41 absolute covers rounding of values up to 10
  return Ball::parse("[" + dec + " +/- 1e-41]", 256);
}

Ball eval_series(const Series& s, const Rational& rho, slong prec) {
  // sum_{l<=L} a_l rho^l  +/-  |rho|^{L+1} tail   (kernel.series.tail)
  Ball sum, pw, r = to_ball(rho, prec), term;
  arb_one(pw.get());
  for (const auto& t : s.terms) {
    arb_mul(term.get(), t.value.get(), pw.get(), prec);
    arb_add(sum.get(), sum.get(), term.get(), prec);
    arb_mul(pw.get(), pw.get(), r.get(), prec);
  }
  arb_abs(pw.get(), pw.get());
  arb_mul(term.get(), pw.get(), s.tail_bound.get(), prec);
  arb_add_error(sum.get(), term.get());
  return sum;
}

// ---- an independent Hermite route: c_l = sum_k h_{l,k} E[u^{p+k} 1{u>0}] from the explicit He_l -----------------

/** Probabilists' Hermite polynomial coefficients (He_{l+1} = x He_l - l He_{l-1}). */
std::vector<Integer> hermite_poly(unsigned l) {
  std::vector<Integer> a{Integer(1)}, b{Integer(0), Integer(1)};
  if (l == 0) return a;
  for (unsigned k = 1; k < l; ++k) {
    std::vector<Integer> c(k + 2, Integer(0));
    for (unsigned i = 0; i < b.size(); ++i) c[i + 1] += b[i];
    for (unsigned i = 0; i < a.size(); ++i) c[i] -= Integer(static_cast<long long>(k)) * a[i];
    a = b;
    b = c;
  }
  return b;
}

/**
 * E[u^m 1{u>0}] for u ~ N(0,1) as (r, over_sqrt_2pi): int_0^inf u^m e^{-u^2/2} du = 2^{(m-1)/2} Gamma((m+1)/2),
 * computed here through Gamma's recurrence from Gamma(1/2) = sqrt(pi) and Gamma(1) = 1.
 */
std::pair<Rational, bool> half_moment_ref(unsigned m) {
  // Gamma((m+1)/2) / sqrt(2 pi) * 2^{(m-1)/2}
  if (m % 2 == 1) {
    Rational g(1);  // Gamma(k+1) = k!
    for (unsigned k = 1; k <= (m - 1) / 2; ++k) g *= Rational(static_cast<long long>(k));
    return {g * pow(Rational(2), static_cast<long>((m - 1) / 2)), true};
  }
  // Gamma(j + 1/2) = sqrt(pi) prod_{i<j} (i + 1/2); times 2^{(m-1)/2} / sqrt(2 pi) = 2^{m/2 - 1} prod
  Rational g(1);
  for (unsigned i = 0; i < m / 2; ++i) g *= Rational(2 * static_cast<long long>(i) + 1, 2);
  return {g * pow(Rational(2), static_cast<long>(m / 2)) / Rational(2), false};
}

// ---- an independent numerical oracle: the Gaussian double integral by nested acb_calc_integrate ----------------
//   E[σ(u)σ(v)] = ∫∫ σ(u)σ(v) exp(-(u² - 2ρuv + v²)/(2(1-ρ²))) / (2π sqrt(1-ρ²)) du dv,
// over [0, T]² for u^p 1{u>0} (and 4 P(u>0, v>0) - 1 for sign), over [-T, T]² for erf; T = 14 leaves out mass
// below 1e-35 for the orders used. The integrand is entire in each variable, as acb_calc_integrate requires.

struct QuadParam {
  unsigned p;
  bool erf;
  acb_t rho, c, norm, a, b;  // c = 1/(2(1-ρ²)), norm = 1/(2π sqrt(1-ρ²)), limits [a, b]
  slong goal;
};
struct InnerParam {
  const QuadParam* q;
  acb_srcptr u;
};

void activation_acb(acb_t r, const acb_t t, const QuadParam& q, slong prec) {
  if (q.erf) acb_hypgeom_erf(r, t, prec);
  else acb_pow_ui(r, t, q.p, prec);
}

int inner_integrand(acb_ptr res, const acb_t v, void* param, slong order, slong prec) {
  (void)order;  // entire in v
  const InnerParam& ip = *static_cast<const InnerParam*>(param);
  const QuadParam& q = *ip.q;
  acb_t e, t, sv;
  acb_init(e);
  acb_init(t);
  acb_init(sv);
  acb_mul(e, ip.u, ip.u, prec);
  acb_mul(t, v, v, prec);
  acb_add(e, e, t, prec);
  acb_mul(t, ip.u, v, prec);
  acb_mul(t, t, q.rho, prec);
  acb_mul_2exp_si(t, t, 1);
  acb_sub(e, e, t, prec);
  acb_mul(e, e, q.c, prec);
  acb_neg(e, e);
  acb_exp(e, e, prec);
  activation_acb(t, ip.u, q, prec);
  activation_acb(sv, v, q, prec);
  acb_mul(t, t, sv, prec);
  acb_mul(e, e, t, prec);
  acb_mul(res, e, q.norm, prec);
  acb_clear(e);
  acb_clear(t);
  acb_clear(sv);
  return 0;
}

int outer_integrand(acb_ptr res, const acb_t u, void* param, slong order, slong prec) {
  (void)order;  // the inner integral is entire in u
  const QuadParam& q = *static_cast<const QuadParam*>(param);
  InnerParam ip{&q, u};
  mag_t tol;
  mag_init(tol);
  mag_set_ui_2exp_si(tol, 1, -q.goal);
  acb_calc_integrate(res, inner_integrand, &ip, q.a, q.b, q.goal, tol, nullptr, prec);
  mag_clear(tol);
  return 0;
}

/** E[σ(u)σ(v)] at unit variance by the double integral (|ρ| < 1). */
Ball quadrature_kernel(const Activation& a, const Rational& rho, slong prec) {
  QuadParam q;
  q.erf = a.kind == Activation::Kind::erf;
  q.p = a.kind == Activation::Kind::sign ? 0 : a.order;
  q.goal = prec - 16;
  for (acb_ptr x : {q.rho, q.c, q.norm, q.a, q.b}) acb_init(x);
  Ball r = to_ball(rho, prec), w, pi;
  acb_set_arb(q.rho, r.get());
  arb_mul(w.get(), r.get(), r.get(), prec);
  arb_sub_ui(w.get(), w.get(), 1, prec);
  arb_neg(w.get(), w.get());  // 1 - ρ²
  acb_set_arb(q.c, w.get());
  acb_mul_2exp_si(q.c, q.c, 1);
  acb_inv(q.c, q.c, prec);
  arb_sqrt(w.get(), w.get(), prec);
  arb_const_pi(pi.get(), prec);
  arb_mul(w.get(), w.get(), pi.get(), prec);
  arb_mul_2exp_si(w.get(), w.get(), 1);
  arb_inv(w.get(), w.get(), prec);
  acb_set_arb(q.norm, w.get());
  acb_set_si(q.a, q.erf ? -14 : 0);
  acb_set_si(q.b, 14);
  acb_t res;
  acb_init(res);
  mag_t tol;
  mag_init(tol);
  mag_set_ui_2exp_si(tol, 1, -q.goal);
  acb_calc_integrate(res, outer_integrand, &q, q.a, q.b, q.goal, tol, nullptr, prec);
  Ball out(acb_realref(res));
  if (a.kind == Activation::Kind::sign) {  // E[sign sign] = 4 P(u > 0, v > 0) - 1
    arb_mul_2exp_si(out.get(), out.get(), 2);
    arb_sub_ui(out.get(), out.get(), 1, prec);
  }
  mag_clear(tol);
  acb_clear(res);
  for (acb_ptr x : {q.rho, q.c, q.norm, q.a, q.b}) acb_clear(x);
  return out;
}

}  // namespace

TEST_SUITE("kernels") {
  TEST_CASE("parse_activation: names, aliases and canonical text") {
    CHECK(parse_activation("relu").name() == "relu");
    CHECK(parse_activation("relu").order == 1);
    CHECK(parse_activation("sign").name() == "sign");
    CHECK(parse_activation("erf").name() == "erf");
    CHECK(parse_activation("step").name() == "arccos:0");
    CHECK(parse_activation("arccos:3").name() == "arccos:3");
    CHECK(parse_activation("arccos:3").order == 3);
    CHECK(parse_activation("arccos:64").order == 64);
  }

  TEST_CASE("parse_activation: unknown names are input_errors listing the known ones") {
    CHECK_THROWS_WITH_AS(parse_activation("tanh"),
                         "parse_activation: requires a known activation (relu, sign, erf, step (= arccos:0), arccos:p "
                         "(p = 0..64), leaky:alpha, abrelu:a,b (a min(u,0) + b max(u,0)), abs, sin, cos, gelu), got \"tanh\"",
                         input_error);
    for (const char* bad : {"arccos:", "arccos:x", "arccos:-1", "arccos:65", "arccos:1.5", "RELU", ""}) {
      CAPTURE(bad);
      CHECK_THROWS_AS(parse_activation(bad), input_error);
    }
    try {
      parse_activation("tanh");
    } catch (const error& e) {
      CHECK(e.exit_code() == 3);
    }
  }

  // Reference: tests/data/kernels.json (mpmath closed forms at 60 digits, checked by numerical integration).
  TEST_CASE("second_moment: reference values of kernels.json lie in the balls at every precision") {
    const auto ref = load("kernels.json");
    for (const auto& [name, k] : ref["kernels"].items()) {
      const Activation a = parse_activation(k["activation"].get<std::string>());
      for (const auto& [rho_s, val] : k["values"].items()) {
        const Rational rho = Rational::parse(rho_s);
        const Ball want = ref_ball(val.get<std::string>());
        for (slong prec : {64, 128, 256, 512}) {
          CAPTURE(name);
          CAPTURE(rho_s);
          CAPTURE(prec);
          const Ball got = second_moment(a, to_ball(Rational(1), prec), to_ball(rho, prec + 32), prec);  // rho ball tighter than prec: the J_2 sum cancels ~13 bits at -9/10
          CHECK(got.overlaps(want));
          CHECK(meets_accuracy(got, prec - 12));
        }
        const Ball acc = second_moment_to_accuracy(a, Rational(1), rho, 150);
        CHECK(acc.overlaps(want));
        CHECK(meets_accuracy(acc, 150));
        // the 150-bit ball is much narrower than 1e-42, so it must lie inside the reference interval
        CHECK(want.contains(acc));
      }
    }
  }

  // Independent oracle: the defining Gaussian double integral (no closed form, no series).
  TEST_CASE("second_moment: agrees with the Gaussian double integral (nested acb_calc_integrate)") {
    const std::pair<const char*, Rational> cases[] = {
        // One case per family at modest correlation: the nested quadrature costs seconds per case.
        {"relu", Rational(1, 3)}, {"sign", Rational(-1, 2)}, {"erf", Rational(1, 2)}, {"arccos:2", Rational(-1, 3)}};
    for (const auto& [act, rho] : cases) {
      CAPTURE(act);
      CAPTURE(rho.str());
      const Activation a = parse_activation(act);
      const Ball quad = quadrature_kernel(a, rho, 40);
      const Ball closed = kappa(a, rho, 128);
      Ball diff;
      arb_sub(diff.get(), quad.get(), closed.get(), 128);
      arb_abs(diff.get(), diff.get());
      INFO("quadrature ", quad.str(20), ", closed form ", closed.str(20));
      CHECK(quad.is_finite());
      // Both sides are rigorous enclosures, so they must overlap; the quadrature's own radius (goal
      // 24 bits, reached to within a few bits depending on the integrand's kink) keeps |difference| < 1e-5.
      CHECK(quad.overlaps(closed));
      CHECK(certainly_lt(diff, to_ball(Rational(1, 100000), 64)));
    }
  }

  TEST_CASE("second_moment: exact values are enclosed (rho = -1, 0, 1/2, 1, variance scaling)") {
    const slong p = 128;
    auto sm = [&](const char* act, Rational v, Rational c) {
      return second_moment_to_accuracy(parse_activation(act), v, c, p);
    };
    CHECK(sm("sign", 1, Rational(1, 2)).contains(Rational(1, 3)));
    CHECK(sm("sign", 7, Rational(7, 2)).contains(Rational(1, 3)));  // scale invariant
    CHECK(sm("sign", 1, -1).contains(Rational(-1)));
    CHECK(sm("step", 1, 0).contains(Rational(1, 4)));
    CHECK(sm("step", 1, Rational(-1, 2)).contains(Rational(1, 6)));
    CHECK(sm("relu", 1, 1).contains(Rational(1, 2)));
    CHECK(sm("relu", 3, 3).contains(Rational(3, 2)));  // V/2
    CHECK(sm("relu", 1, -1).contains(Rational(0)));
    CHECK(sm("arccos:2", 1, 1).contains(Rational(3, 2)));
    CHECK(sm("arccos:2", 2, 2).contains(Rational(6)));  // V^2 * 3/2
    CHECK(sm("arccos:3", 1, 1).contains(Rational(15, 2)));  // E[u^6; u > 0] = 15/2
    CHECK(sm("arccos:5", 1, 1).contains(Rational(945, 2)));
    CHECK(sm("arccos:4", 1, -1).contains(Rational(0)));
    CHECK(sm("erf", 1, 0).contains(Rational(0)));
    // relu with variance V at correlation r equals V kappa(r)
    const Ball a = sm("relu", 5, Rational(5, 3));
    Ball b = kappa(parse_activation("relu"), Rational(1, 3), 200);
    arb_mul_ui(b.get(), b.get(), 5, 200);
    CHECK(a.overlaps(b));
    // erf depends on V beyond rho: (2/pi) arcsin(2C/(1+2V)); V = 2, C = 1 gives (2/pi) arcsin(2/5)
    Ball e = sm("erf", 2, 1), w = to_ball(Rational(2, 5), 200), pi;
    arb_asin(w.get(), w.get(), 200);
    arb_const_pi(pi.get(), 200);
    arb_div(w.get(), w.get(), pi.get(), 200);
    arb_mul_2exp_si(w.get(), w.get(), 1);
    CHECK(e.overlaps(w));
  }

  TEST_CASE("second_moment: inexact balls touching |cov| = var are clipped, never NaN") {
    const slong p = 128;
    const Ball third = to_ball(Rational(1, 3), p);  // inexact: 1/3 / 1/3 is a ball straddling 1
    for (const char* act : {"relu", "sign", "erf", "step", "arccos:2", "arccos:7"}) {
      CAPTURE(act);
      const Activation a = parse_activation(act);
      Ball r = second_moment(a, third, third, p);
      CHECK(r.is_finite());
      Ball neg;
      arb_neg(neg.get(), third.get());
      Ball s = second_moment(a, third, neg, p);
      CHECK(s.is_finite());
      const Series ser = series(a, 0, Rational(1, 3), p);
      CHECK(r.overlaps(ser.kappa_one));
    }
  }

  TEST_CASE("second_moment: domain errors for var <= 0 and |cov| > var, with exit code 4") {
    const Activation relu = parse_activation("relu");
    CHECK_THROWS_WITH_AS(second_moment_to_accuracy(relu, Rational(0), Rational(0), 64),
                         "second_moment_to_accuracy: requires var > 0, got var = 0", domain_error);
    CHECK_THROWS_WITH_AS(second_moment_to_accuracy(relu, Rational(-1), Rational(0), 64),
                         "second_moment_to_accuracy: requires var > 0, got var = -1", domain_error);
    CHECK_THROWS_WITH_AS(second_moment_to_accuracy(relu, Rational(1), Rational(3, 2), 64),
                         "second_moment_to_accuracy: requires |cov| <= var, got cov = 3/2, var = 1", domain_error);
    CHECK_THROWS_AS(second_moment(relu, to_ball(Rational(1), 64), to_ball(Rational(-2), 64), 64), domain_error);
    CHECK_THROWS_AS(second_moment(relu, to_ball(Rational(0), 64), to_ball(Rational(0), 64), 64), domain_error);
    CHECK_THROWS_AS(second_moment(relu, Ball::parse("[0 +/- 0.5]", 64), to_ball(Rational(0), 64), 64), domain_error);
    CHECK_THROWS_WITH_AS(kappa(relu, Rational(-3, 2), 64), "kappa: requires -1 <= rho <= 1, got rho = -3/2", domain_error);
    try {
      (void)kappa(relu, Rational(2), 64);
    } catch (const error& e) {
      CHECK(e.exit_code() == 4);
    }
  }

  TEST_CASE("second_moment_to_accuracy: erf on both sides of the direct-evaluation bound |t| <= 15/16") {
    // t = 2C/(1 + 2V): V = C = 15/2 gives t = 15/16 (direct arcsin of the ball), V = C = 8 gives 16/17 and
    // V = 10, C = -10 gives -20/21 (endpoint evaluation); each ball meets its accuracy and encloses (2/pi) asin t
    // evaluated from the exact t at 2000 bits.
    const Activation a = parse_activation("erf");
    const std::pair<Rational, Rational> cases[] = {{Rational(15, 2), Rational(15, 2)}, {Rational(8), Rational(8)},
                                                   {Rational(10), Rational(-10)}, {Rational(1), Rational(1, 3)},
                                                   {Rational(3), Rational(-1, 7)}};
    for (const auto& [v, c] : cases) {
      CAPTURE(v.str());
      CAPTURE(c.str());
      const Rational t = Rational(2) * c / (Rational(1) + Rational(2) * v);
      Ball want = to_ball(t, 2000), pi;
      arb_asin(want.get(), want.get(), 2000);
      arb_const_pi(pi.get(), 2000);
      arb_div(want.get(), want.get(), pi.get(), 2000);
      arb_mul_2exp_si(want.get(), want.get(), 1);
      for (slong bits : {53, 150, 333}) {
        const Ball got = second_moment_to_accuracy(a, v, c, bits);
        CHECK(meets_accuracy(got, bits));
        CHECK(got.contains(want));
      }
    }
  }

  TEST_CASE("second_moment_to_accuracy: sign and erf through kernel.arcsin.exact agree with arb_asin") {
    // Every t = p/q with 1 <= q <= 40 and |p| <= q: sign at (V, C) = (q, p) has t = p/q directly; erf reaches the
    // same t through 2C/(1 + 2V) with V = q, C = p(1 + 2q)/(2q) wherever |C| <= V (all but t = +-1).  The oracle is (2/pi) arb_asin of the exact t
    // at 1000 bits (a different route: arcsin of a ball, divided by pi).
    const Activation sign = parse_activation("sign"), erf = parse_activation("erf");
    Ball pi;
    arb_const_pi(pi.get(), 1000);
    int cases = 0, erf_cases = 0;
    for (long q = 1; q <= 40; ++q) {
      for (long p = -q; p <= q; ++p) {
        const Rational t(p, q);
        Ball want = to_ball(t, 1000);
        arb_asin(want.get(), want.get(), 1000);
        arb_div(want.get(), want.get(), pi.get(), 1000);
        arb_mul_2exp_si(want.get(), want.get(), 1);
        const Rational v(q), c_erf = t * (Rational(1) + Rational(2) * v) / Rational(2);
        for (slong bits : {53, 200, 333}) {
          CAPTURE(t.str());
          CAPTURE(bits);
          const Ball s = second_moment_to_accuracy(sign, v, Rational(p), bits);
          CHECK(meets_accuracy(s, bits));
          if (q == std::abs(p)) CHECK(s.contains(t));  // exactly +-1
          else CHECK(s.contains(want));
          ++cases;
          if (abs(c_erf) > v) continue;  // |t| > 2V/(1 + 2V): no erf pair (V, C) reaches t at V = q
          const Ball e = second_moment_to_accuracy(erf, v, c_erf, bits);
          CHECK(meets_accuracy(e, bits));
          CHECK(e.contains(want));
          ++erf_cases;
        }
      }
    }
    CHECK(cases == 3 * 1680);
    CHECK(erf_cases == 3 * (1680 - 2 * 40));  // all but t = +-1
    // t = +-1 and 0 are exact
    CHECK(second_moment_to_accuracy(sign, Rational(3), Rational(-3), 64).contains(Rational(-1)));
    CHECK(second_moment_to_accuracy(sign, Rational(3), Rational(3), 64).contains(Rational(1)));
    CHECK(second_moment_to_accuracy(sign, Rational(3), Rational(0), 64).contains(Rational(0)));
  }

  TEST_CASE("second_moment_to_accuracy: relu, step and arccos:2 through kernel.arcsin.exact agree with the ball route") {
    // Every t = p/q with 1 <= q <= 24, |p| <= q, at V = q, C = p (so t = C/V): the exact-angle route (one square root
    // of an integer, one arctangent) against second_moment on balls (sqrt of (1 - t)(1 + t) and atan2) at 1000 bits,
    // with V^p scaling for arccos:2.
    int cases = 0;
    for (const char* act : {"relu", "step", "arccos:2"}) {
      const Activation a = parse_activation(act);
      for (long q = 1; q <= 24; ++q) {
        for (long p = -q; p <= q; ++p) {
          const Rational v(q), c(p);
          const Ball want = second_moment(a, to_ball(v, 1100), to_ball(c, 1100), 1000);
          for (slong bits : {53, 333}) {
            CAPTURE(act);
            CAPTURE(Rational(p, q).str());
            CAPTURE(bits);
            const Ball got = second_moment_to_accuracy(a, v, c, bits);
            CHECK(meets_accuracy(got, bits));
            CHECK(got.overlaps(want));
            if (!arb_is_exact(got.get())) CHECK(got.contains(want));
            ++cases;
          }
        }
      }
    }
    CHECK(cases == 3 * 2 * 624);
  }

  TEST_CASE("second_moment_to_accuracy: unreachable accuracy is a precision_error (exit 5)") {
    const Activation a = parse_activation("erf");
    CHECK_THROWS_WITH_AS(second_moment_to_accuracy(a, Rational(1), Rational(1, 2), 1000000),
                         "second_moment_to_accuracy: requires 1 <= accuracy_bits <= 65520 (maximum working precision "
                         "65536 bits), got accuracy_bits = 1000000",
                         precision_error);
    CHECK_THROWS_AS(second_moment_to_accuracy(a, Rational(1), Rational(1, 2), 0), precision_error);
    // large but reachable: 2000 bits
    CHECK(meets_accuracy(second_moment_to_accuracy(a, Rational(1), Rational(1, 2), 2000), 2000));
  }

  TEST_CASE("effective_correlation: V = s2 + beta2, C = s2 rho + beta2, rho' = C/V, errors") {
    const auto e = effective_correlation(Rational(1), Rational(1), Rational(1, 3));
    CHECK(e.var == Rational(2));
    CHECK(e.cov == Rational(4, 3));
    CHECK(e.rho == Rational(2, 3));
    const auto f = effective_correlation(Rational(2), Rational(0), Rational(-1));
    CHECK(f.rho == Rational(-1));
    CHECK_THROWS_AS(effective_correlation(Rational(-1), Rational(1), Rational(0)), domain_error);
    CHECK_THROWS_AS(effective_correlation(Rational(0), Rational(0), Rational(0)), domain_error);
    CHECK_THROWS_AS(effective_correlation(Rational(1), Rational(1), Rational(2)), domain_error);
  }

  // Reference: tests/data/kernels.json series (sympy Taylor expansion of the closed forms, checked by quadrature).
  TEST_CASE("series: exact coefficients a_0..a_12 equal the reference closed forms") {
    const auto ref = load("kernels.json");
    for (const auto& [name, k] : ref["kernels"].items()) {
      const Activation a = parse_activation(k["activation"].get<std::string>());
      const Series s = series(a, 12, 200);
      REQUIRE(s.terms.size() == 13);
      for (const auto& t : k["series"]) {
        const unsigned l = t["l"].get<unsigned>();
        CAPTURE(name);
        CAPTURE(l);
        const SeriesTerm& got = s.terms[l];
        CHECK(got.l == l);
        CHECK(got.rational_part == Rational::parse(t["rational"].get<std::string>()));
        if (!got.rational_part.is_zero()) CHECK(got.constant == t["constant"].get<std::string>());
        CHECK(got.value.overlaps(ref_ball(t["value"].get<std::string>())));
      }
    }
    CHECK(series(parse_activation("relu"), 4, 128).terms[4].exact_str() == "1/48·(1/pi)");
    CHECK(series(parse_activation("relu"), 4, 128).terms[1].exact_str() == "1/4");
    CHECK(series(parse_activation("relu"), 4, 128).terms[3].exact_str() == "0");
  }

  // kernel.series.relu as stated in the theory: a_{2j} = ((2j-3)!!)^2 / (2 pi (2j)!).
  TEST_CASE("series: relu a_{2j} = ((2j-3)!!)^2/(2 pi (2j)!) and zero odd terms, up to l = 200") {
    const Series s = series(parse_activation("relu"), 200, 64);
    for (unsigned l = 2; l <= 200; ++l) {
      CAPTURE(l);
      if (l % 2 == 1) {
        CHECK(s.terms[l].rational_part.is_zero());
        continue;
      }
      Integer df(1), f(1);
      for (long k = static_cast<long>(l) - 3; k > 1; k -= 2) df *= Integer(k);
      for (unsigned k = 2; k <= l; ++k) f *= Integer(k);
      CHECK(s.terms[l].rational_part == Rational(df * df, Integer(2) * f));
      CHECK(s.terms[l].constant == "1/pi");
    }
  }

  // Independent oracle for kernel.series.arccos / sign: the Hermite coefficients from the explicit He_l and
  // the Gaussian half-moments (no integration by parts).
  TEST_CASE("hermite_coefficient: integration-by-parts formula equals the explicit Hermite sum (p <= 6, l <= 40)") {
    for (unsigned p = 0; p <= 6; ++p) {
      for (unsigned l = 0; l <= 40; ++l) {
        CAPTURE(p);
        CAPTURE(l);
        const auto he = hermite_poly(l);
        Rational sum(0);
        bool g_seen = false, g = false;
        for (unsigned k = 0; k < he.size(); ++k) {
          if (he[k].sign() == 0) continue;
          const auto [m, gm] = half_moment_ref(p + k);
          if (g_seen) REQUIRE(gm == g);
          g_seen = true;
          g = gm;
          sum += Rational(he[k]) * m;
        }
        const auto got = hermite_coefficient(Activation{Activation::Kind::arccos, p}, l);
        REQUIRE(got.has_value());
        CHECK(got->first == sum);
        if (!sum.is_zero()) CHECK(got->second == g);
        // a_l = c_l^2 / l! (kernel.hermite), gamma^2 = 1/(2 pi)
        const Series s = series(Activation{Activation::Kind::arccos, p}, l, 64);
        Rational a = sum * sum / Rational(Integer::factorial(l));
        if (g) a /= Rational(2);
        CHECK(s.terms[l].rational_part == a);
        if (p == 0 && l >= 1) {
          const Series sg = series(parse_activation("sign"), l, 64);
          CHECK(sg.terms[l].rational_part == Rational(4) * a);
        }
        if (p == 1) {
          const Series sr = series(parse_activation("relu"), l, 64);
          CHECK(sr.terms[l].rational_part == a);
        }
      }
    }
  }

  // kappa_p' = p^2 kappa_{p-1} (sigma_p' = p sigma_{p-1}): (l+1) a^{(p)}_{l+1} = p^2 a^{(p-1)}_l.
  TEST_CASE("series: derivative identity (l+1) a_{l+1}(p) = p^2 a_l(p-1) for p = 1..8, l <= 60") {
    for (unsigned p = 1; p <= 8; ++p) {
      const Series hi = series(Activation{Activation::Kind::arccos, p}, 61, 64);
      const Series lo = series(Activation{Activation::Kind::arccos, p - 1}, 60, 64);
      for (unsigned l = 0; l <= 60; ++l) {
        CAPTURE(p);
        CAPTURE(l);
        CHECK(Rational(static_cast<long long>(l + 1)) * hi.terms[l + 1].rational_part ==
              Rational(static_cast<long long>(p * p)) * lo.terms[l].rational_part);
        if (!lo.terms[l].rational_part.is_zero()) CHECK(hi.terms[l + 1].constant == lo.terms[l].constant);
      }
    }
  }

  // The closed forms (J_p recurrence, arcsin) against the independently derived series summed to high order.
  TEST_CASE("series: summed to L = 300 with the certified tail, the series encloses the closed form") {
    const char* acts[] = {"relu", "sign", "erf", "step", "arccos:2", "arccos:3", "arccos:4", "arccos:6", "arccos:9"};
    const Rational rhos[] = {Rational(-9, 10), Rational(-1, 2), Rational(-1, 3), Rational(0), Rational(1, 3),
                             Rational(1, 2), Rational(9, 10), Rational(1)};
    for (const char* act : acts) {
      const Activation a = parse_activation(act);
      const Series s = series(a, 300, 256);
      CHECK(s.tail_bound.is_finite());
      CHECK(!certainly_negative(s.tail_bound));
      for (const Rational& rho : rhos) {
        CAPTURE(act);
        CAPTURE(rho.str());
        const Ball closed = kappa(a, rho, 256);
        const Ball sum = eval_series(s, rho, 256);
        CHECK(sum.overlaps(closed));
        if (abs(rho) <= Rational(1, 2)) CHECK(meets_accuracy(sum, 200));  // the tail term is tiny there
      }
    }
    // with variance: relu at V = 3 scales by 3, erf uses q = 6/7
    for (const char* act : {"relu", "erf", "arccos:2", "sign"}) {
      CAPTURE(act);
      const Activation a = parse_activation(act);
      const Series s = series(a, 300, Rational(3), 256);
      const Ball closed = second_moment_to_accuracy(a, Rational(3), Rational(3, 2), 200);
      CHECK(eval_series(s, Rational(1, 2), 256).overlaps(closed));
      CHECK(s.kappa_one.overlaps(second_moment_to_accuracy(a, Rational(3), Rational(3), 200)));
    }
  }

  TEST_CASE("series: tail is kappa(1) minus the partial sum, decreasing in L, kappa(1) exact where rational") {
    const Series s4 = series(parse_activation("relu"), 4, 128);
    REQUIRE(s4.kappa_one_exact.has_value());
    CHECK(*s4.kappa_one_exact == Rational(1, 2));
    // 1/2 - (1/(2pi) + 1/4 + 1/(4pi) + 1/(48pi)) = 1/4 - 37/(48 pi)
    Ball want, pi;
    arb_const_pi(pi.get(), 200);
    arb_set_ui(want.get(), 37);
    arb_div_ui(want.get(), want.get(), 48, 200);
    arb_div(want.get(), want.get(), pi.get(), 200);
    arb_neg(want.get(), want.get());
    arb_add(want.get(), want.get(), to_ball(Rational(1, 4), 200).get(), 200);
    CHECK(s4.tail_bound.overlaps(want));
    CHECK(certainly_positive(s4.tail_bound));
    Ball prev = s4.tail_bound;
    for (unsigned L : {10u, 50u, 200u, 1000u}) {
      CAPTURE(L);
      const Series s = series(parse_activation("sign"), L, 128);
      if (L > 10) CHECK(certainly_lt(s.tail_bound, prev));
      prev = s.tail_bound;
      CHECK(certainly_positive(s.tail_bound));
    }
    CHECK(*series(parse_activation("sign"), 3, 64).kappa_one_exact == Rational(1));
    CHECK(*series(parse_activation("arccos:3"), 3, 64).kappa_one_exact == Rational(15, 2));
    CHECK(!series(parse_activation("erf"), 3, 64).kappa_one_exact.has_value());
    CHECK_THROWS_AS(series(parse_activation("relu"), 1000000, 64), resource_error);
    CHECK_THROWS_AS(series(parse_activation("relu"), 3, Rational(0), 64), domain_error);
  }

  TEST_CASE("arccos_polynomials: J_0, J_1, J_2 of Cho & Saul, A_p(1) = (2p-1)!!, B_p(-1)... parity") {
    auto [A0, B0] = arccos_polynomials(0);
    CHECK(A0.size() == 1);
    CHECK(A0[0] == Integer(1));
    auto [A1, B1] = arccos_polynomials(1);
    CHECK(A1 == std::vector<Integer>{Integer(0), Integer(1)});
    CHECK(B1 == std::vector<Integer>{Integer(1)});
    auto [A2, B2] = arccos_polynomials(2);
    CHECK(A2 == std::vector<Integer>{Integer(1), Integer(0), Integer(2)});
    CHECK(B2 == std::vector<Integer>{Integer(0), Integer(3)});
    Integer df(1);
    for (unsigned p = 1; p <= 20; ++p) {
      df *= Integer(2 * p - 1);
      const auto [A, B] = arccos_polynomials(p);
      Integer s(0);
      for (const auto& c : A) s += c;
      CAPTURE(p);
      CHECK(s == df);  // kappa_p(1) = A_p(1)/2 = (2p-1)!!/2
      CHECK(A.size() == p + 1);
      CHECK(B.size() == p);
    }
    CHECK_THROWS_AS(arccos_polynomials(65), domain_error);
  }

  TEST_CASE("kernel_formulas: ids present, derived ones have a proof anchor") {
    const auto f = kernel_formulas();
    for (const char* id : {"kernel.relu", "kernel.sign", "kernel.erf", "kernel.arccos", "kernel.effective_correlation",
                           "kernel.series.relu", "kernel.series.sign", "kernel.series.erf", "kernel.series.arccos",
                           "kernel.series.tail", "kernel.hermite", "kernel.arccos.recurrence", "kernel.monotone"}) {
      CAPTURE(id);
      const Formula& x = find_formula(f, id);
      CHECK(!x.source.empty());
      if (x.tag == Tag::derived) CHECK(x.proof.starts_with("proofs/kernels.md#"));
    }
  }
}
