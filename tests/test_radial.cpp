// Tests of src/radial: the Eldan–Shamir radial law (R_d, phi, density, tail, C_d), its independent routes
// (slice integral, elementary half-integer Bessel, telescoping closed form, asymptotic tail enclosure), errors.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "exact/errors.hpp"
#include "radial/radial.hpp"

using namespace gdcert;
using namespace gdcert::radial;

namespace {

nlohmann::json load(const char* name) {
  std::ifstream in(std::string(GDCERT_TEST_DATA) + "/" + name);
  REQUIRE(in.good());
  return nlohmann::json::parse(in);
}

/** A reference decimal (>= 30 significant digits, magnitude <= 2) as a ball of radius 1e-30. */
Ball ref_ball(const std::string& dec, const char* rad = "1e-30") { return Ball::parse("[" + dec + " +/- " + rad + "]", 256); }

struct SliceParam {
  long d;
  arb_struct R, rho;  // shallow copies of balls owned by the caller
};

// Independent route for phi (theory §5): phi(rho) = 2 omega_{d-1} int_0^R (R^2 - t^2)^((d-1)/2) cos(2 pi t rho) dt,
// with t = R sin(u): 2 omega_{d-1} R^d int_0^{pi/2} cos^d(u) cos(2 pi rho R sin u) du (entire integrand).
int slice_integrand(acb_ptr res, const acb_t u, void* param, slong, slong prec) {
  auto* p = static_cast<SliceParam*>(param);
  acb_t s, c, w;
  acb_init(s);
  acb_init(c);
  acb_init(w);
  acb_sin_cos(s, c, u, prec);
  acb_pow_ui(c, c, static_cast<ulong>(p->d), prec);
  arb_t k;
  arb_init(k);
  arb_const_pi(k, prec);
  arb_mul(k, k, &p->rho, prec);
  arb_mul(k, k, &p->R, prec);
  arb_mul_2exp_si(k, k, 1);
  acb_mul_arb(w, s, k, prec);
  acb_cos(w, w, prec);
  acb_mul(res, c, w, prec);
  arb_clear(k);
  acb_clear(s);
  acb_clear(c);
  acb_clear(w);
  return 0;
}

Ball phi_slice(long d, const Rational& rho, slong prec) {
  Ball R = unit_ball_radius_ball(d, prec), r = to_ball(rho, prec);
  SliceParam p{d, *R.get(), *r.get()};
  acb_t a, b, res;
  acb_init(a);
  acb_init(b);
  acb_init(res);
  arb_const_pi(acb_realref(b), prec);
  arb_mul_2exp_si(acb_realref(b), acb_realref(b), -1);
  mag_t tol;
  mag_init(tol);
  mag_set_ui_2exp_si(tol, 1, -prec);
  acb_calc_integrate(res, slice_integrand, &p, a, b, prec, tol, nullptr, prec);
  Ball out(acb_realref(res)), om, pi;
  // omega_{d-1} = pi^((d-1)/2)/Gamma((d-1)/2 + 1)
  fmpq_t q;
  fmpq_init(q);
  fmpq_set_si(q, d + 1, 2);
  arb_gamma_fmpq(om.get(), q, prec);
  fmpq_clear(q);
  arb_const_pi(pi.get(), prec);
  Ball e;
  arb_set_si(e.get(), d - 1);
  arb_mul_2exp_si(e.get(), e.get(), -1);
  arb_pow(pi.get(), pi.get(), e.get(), prec);
  arb_div(om.get(), pi.get(), om.get(), prec);
  arb_pow_ui(R.get(), R.get(), static_cast<ulong>(d), prec);
  arb_mul(out.get(), out.get(), om.get(), prec);
  arb_mul(out.get(), out.get(), R.get(), prec);
  arb_mul_2exp_si(out.get(), out.get(), 1);
  mag_clear(tol);
  acb_clear(a);
  acb_clear(b);
  acb_clear(res);
  return out;
}

}  // namespace

TEST_SUITE("radial") {

// Reference: tests/data/radial.json (mpmath 50 digits; R_d checked against m!^(1/d)/sqrt(pi)).
TEST_CASE("unit_ball_radius_ball: contains the reference R_d, d = 2..20") {
  const auto ref = load("radial.json");
  for (const auto& [key, v] : ref["by_dimension"].items()) {
    const long d = std::stol(key);
    CAPTURE(d);
    const Ball R = unit_ball_radius_ball(d, 128);
    CHECK(ref_ball(v["R_d"].get<std::string>()).contains(R));
    CHECK(R.rel_accuracy_bits() >= 120);
  }
}

TEST_CASE("fourier_ball_ball: phi(0.37) contains the reference, the slice integral overlaps it") {
  const auto ref = load("radial.json");
  for (const auto& [key, v] : ref["by_dimension"].items()) {
    const long d = std::stol(key);
    CAPTURE(d);
    const Ball phi = fourier_ball_ball(d, Rational(37, 100), 128);
    CHECK(ref_ball(v["phi_0.37"].get<std::string>()).contains(phi));
    const Ball slice = phi_slice(d, Rational(37, 100), 128);
    CHECK(slice.overlaps(phi));
    CHECK(slice.rad_double() < 1e-30);
  }
}

TEST_CASE("fourier_ball_ball: phi(0) = 1 exactly and phi(rho) -> 1 as rho -> 0 (d = 2, 3, 4, 7, 10)") {
  for (long d : {2L, 3L, 4L, 7L, 10L}) {
    CAPTURE(d);
    CHECK(fourier_ball_ball(d, Rational(0), 64).contains(Rational(1)));
    CHECK(fourier_ball_ball(d, Rational(0), 64).is_exact());
    // phi(rho) = 1 - (pi R rho)^2/(nu+1) + ..., so |phi - 1| <= 10 rho^2 for rho <= 1e-10
    Ball phi = fourier_ball_ball(d, Rational(1, 10000000000LL), 128), one;
    arb_one(one.get());
    arb_sub(phi.get(), phi.get(), one.get(), 128);
    arb_abs(phi.get(), phi.get());
    CHECK(certainly_lt(phi, to_ball(Rational(1, 1000000000000000000LL), 128)));
  }
}

TEST_CASE("normalisation_ball: int_0^oo p = 1 (d = 2, 3, 4, 10) and int_0^oo J_nu^2 dt/t = 1/(2 nu)") {
  for (long d : {2L, 3L, 4L, 10L}) {
    CAPTURE(d);
    const Ball one = normalisation_ball(d, Rational(300), 96);
    CHECK(one.contains(Rational(1)));
    CHECK(one.rad_double() < 1e-4 * static_cast<double>(d));  // tail enclosure radius ~ d/(2 pi X^2)
  }
  // nu = 1, 3/2, 2, 5 (d = 2 nu): d * integral = 1 <=> integral = 1/(2 nu)
  for (long d : {2L, 3L, 4L, 10L}) {
    CAPTURE(d);
    Ball I = bessel_square_integral_ball(d, Rational(0), Rational(300), 96);
    Ball tail = bessel_square_tail_ball(d, Rational(300), 96);
    arb_add(I.get(), I.get(), tail.get(), 96);
    CHECK(I.contains(Rational(1, d)));
  }
}

TEST_CASE("tail_constant_ball: C_d contains the reference, the sphere form agrees, C_d/sqrt(d) limit") {
  const auto ref = load("radial.json");
  for (const auto& [key, v] : ref["by_dimension"].items()) {
    const long d = std::stol(key);
    CAPTURE(d);
    CHECK(ref_ball(v["C_d"].get<std::string>()).contains(tail_constant_ball(d, 128)));
    CHECK(ref_ball(v["C_d"].get<std::string>()).contains(tail_constant_sphere_form_ball(d, 128)));
  }
  CHECK(ref_ball(ref["limit_C_d_over_sqrt_d"].get<std::string>()).contains(tail_constant_limit_ball(128)));
  // C_d/sqrt(d) approaches the limit: at d = 10^4 within 1e-3 relative (R_d ~ sqrt(d/(2 pi e)) (1 + O(log d/d)))
  Ball c = tail_constant_ball(10000, 64), lim = tail_constant_limit_ball(64);
  arb_div_ui(c.get(), c.get(), 100, 64);
  arb_div(c.get(), c.get(), lim.get(), 64);
  CHECK(std::abs(c.mid_double() - 1) < 1e-3);
}

// Reference: tests/data/radial.json tails (telescoping identity, checked by quadrature between zeros).
TEST_CASE("tail_probability_ball: P(|x| > 50), P(|x| > 200) contain the reference for d = 2..20") {
  const auto ref = load("radial.json");
  for (const auto& [key, v] : ref["by_dimension"].items()) {
    const long d = std::stol(key);
    for (const char* rho : {"50", "200"}) {
      CAPTURE(d);
      CAPTURE(rho);
      const Ball P = tail_probability_ball(d, Rational::parse(rho), 128);
      CHECK(ref_ball(v["tail"][rho]["P"].get<std::string>(), "1e-31").contains(P));
      CHECK(P.rad_double() < 1e-32);
    }
  }
}

TEST_CASE("tail_probability_closed_form_ball: the telescoping identity agrees with the quadrature, d = 1..9") {
  for (long d = 1; d <= 9; ++d)
    for (const Rational& rho : {Rational(1, 3), Rational(1), Rational(7, 2), Rational(50)}) {
      CAPTURE(d);
      INFO("rho = ", rho.str());
      const Ball q = tail_probability_ball(d, rho, 128), c = tail_probability_closed_form_ball(d, rho, 128);
      CHECK(q.overlaps(c));
      CHECK(c.rad_double() < 1e-30);
      CHECK(q.rad_double() < 1e-30);
    }
}

TEST_CASE("tail_probability_infinite_route_ball: the asymptotic tail enclosure contains the finite route") {
  for (long d : {1L, 2L, 3L, 4L, 9L}) {
    for (const Rational& rho : {Rational(50), Rational(200)}) {
      CAPTURE(d);
      const Ball fin = tail_probability_ball(d, rho, 128);
      const Ball inf = tail_probability_infinite_route_ball(d, rho, Rational(400), 128);
      CHECK(inf.contains(fin));
      CHECK(inf.rad_double() < 1e-5 * static_cast<double>(d));
      // the enclosure alone (X = T): rho P(rho) is within a ball around C_d
      const Ball bound = tail_probability_infinite_route_ball(d, rho, Rational(1, 1000), 128);
      CHECK(bound.contains(fin));
    }
  }
}

TEST_CASE("bessel_square_tail_ball: the enclosure beyond X1 minus beyond X2 contains the integral over [X1, X2]") {
  for (long d : {1L, 2L, 5L, 8L}) {
    CAPTURE(d);
    Ball a = bessel_square_tail_ball(d, Rational(40), 128), b = bessel_square_tail_ball(d, Rational(90), 128), diff;
    arb_sub(diff.get(), a.get(), b.get(), 128);
    const Ball I = bessel_square_integral_ball(d, Rational(40), Rational(90), 128);
    CHECK(diff.overlaps(I));
  }
}

TEST_CASE("bessel_j_half_integer_elementary_ball: odd d closed form agrees with arb_hypgeom_bessel_j") {
  for (long d = 1; d <= 41; d += 2)
    for (const char* t : {"1/10", "1", "37/10", "12", "250"}) {
      CAPTURE(d);
      CAPTURE(t);
      const Ball tb = to_ball(Rational::parse(t), 128);
      const Ball e = bessel_j_half_integer_elementary_ball(d, tb, 128), g = bessel_j_half_order_ball(d, tb, 128);
      CHECK(e.overlaps(g));
      CHECK((meets_accuracy(e, 100) || e.rad_double() < 1e-30));
    }
  CHECK_THROWS_AS(bessel_j_half_integer_elementary_ball(4, to_ball(Rational(1), 64), 64), gdcert::domain_error);
}

TEST_CASE("radial_density_ball: p(r) = S_{d-1} R_d^d J^2/r and S_{d-1} R_d^d = d") {
  for (long d : {1L, 2L, 3L, 6L, 11L}) {
    CAPTURE(d);
    Ball S = sphere_area_ball(d, 128), R = unit_ball_radius_ball(d, 128);
    arb_pow_ui(R.get(), R.get(), static_cast<ulong>(d), 128);
    arb_mul(S.get(), S.get(), R.get(), 128);
    CHECK(S.contains(Rational(d)));
    CHECK(certainly_positive(radial_density_ball(d, Rational(1, 2), 128)));
  }
}

TEST_CASE("radial: bad input has distinct errors and exact messages") {
  CHECK_THROWS_WITH_AS(unit_ball_radius_ball(0, 64), "unit_ball_radius_ball: requires d >= 1, got d = 0",
                       gdcert::input_error);
  CHECK_THROWS_WITH_AS(tail_probability_ball(2, Rational(-1), 64), "tail_probability_ball: requires rho >= 0, got rho = -1",
                       gdcert::domain_error);
  CHECK_THROWS_WITH_AS(radial_density_ball(2, Rational(0), 64), "radial_density_ball: requires r > 0, got r = 0",
                       gdcert::domain_error);
  CHECK_THROWS_WITH_AS(tail_probability_to_accuracy(2, Rational(50), 300, 64),
                       "tail_probability_to_accuracy: requested 300 bits, cannot be reached with max_prec 64 bits",
                       gdcert::precision_error);
  QuadratureOptions few;
  few.eval_limit = 1;
  CHECK_THROWS_AS(tail_probability_ball(3, Rational(10), 128, few), gdcert::resource_error);
  CHECK(meets_accuracy(tail_probability_to_accuracy(2, Rational(50), 100), 100));
}

}  // TEST_SUITE

#include "radial/mixture.hpp"

TEST_SUITE("radial") {

// Reference: theory table of the public ES16 rebuild (alpha = ceil(635/(2 pi d)), N = ceil(alpha^1.5 d^2)).
TEST_CASE("es16_alpha, es16_shell_count: (26, 2122), (11, 3649), (3, 12991), (1, 40000) at d = 4, 10, 50, 200") {
  const long table[][3] = {{4, 26, 2122}, {10, 11, 3649}, {50, 3, 12991}, {200, 1, 40000}};
  for (const auto& row : table) {
    CAPTURE(row[0]);
    const Integer a = es16_alpha(row[0]);
    CHECK(a == Integer(row[1]));
    CHECK(es16_shell_count(row[0], a) == Integer(row[2]));
  }
  // brute force: the ceiling of a double evaluation agrees wherever it is not within 1e-9 of an integer
  for (long d = 1; d <= 300; ++d) {
    CAPTURE(d);
    const double x = 635.0 / (2 * M_PI * static_cast<double>(d));
    if (std::abs(x - std::round(x)) > 1e-9) CHECK(es16_alpha(d) == Integer(static_cast<long>(std::ceil(x))));
    const long a = es16_alpha(d).to_si();
    const double n = std::pow(static_cast<double>(a), 1.5) * static_cast<double>(d) * static_cast<double>(d);
    if (std::abs(n - std::round(n)) > 1e-6) CHECK(es16_shell_count(d, Integer(a)) == Integer(static_cast<long>(std::ceil(n))));
  }
  CHECK(es16_shell_count_kappa(10, Rational(1, 3)) == Integer(34));
}

TEST_CASE("es16_good_intervals: the criterion is cos^2(phase) > pi/80 asymptotically: good fraction ~ 0.92") {
  // fraction of phases with cos^2 > pi/80 is 1 - (2/pi) arcsin(sqrt(pi/80))... = 1 - 2 acos(...)... ~ 0.873
  const Integer a = es16_alpha(10), N(400);
  const auto c = es16_good_intervals(10, a, N);
  CHECK(c.good + c.bad == 400);
  const double frac = static_cast<double>(c.good) / 400.0;
  const double expect = 1.0 - 2.0 * std::asin(std::sqrt(M_PI / 80.0)) / M_PI;
  CHECK(std::abs(frac - expect) < 0.05);  // equidistributed phases: 400 samples of a smooth phase
}

TEST_CASE("shell_mass_ball, mixture_tail_ball: the mass is C_d/(2 alpha sqrt d) to first order, the mixture tail") {
  for (long d : {4L, 10L}) {
    CAPTURE(d);
    const Integer a = es16_alpha(d);
    const Ball m = shell_mass_ball(d, a, 128);
    const double approx = tail_constant_ball(d, 64).mid_double() / (2 * static_cast<double>(a.to_si()) * std::sqrt(d));
    CHECK(std::abs(m.mid_double() / approx - 1) < 0.01);
    CHECK(m.rad_double() < 1e-3 * approx);
  }
  // one radius: the mixture is the rescaled law
  const Ball one = mixture_tail_ball(3, {Rational(2)}, Rational(5), 128), direct = tail_probability_ball(3, Rational(10), 128);
  CHECK(one.overlaps(direct));
  const Ball two = mixture_tail_ball(3, {Rational(1), Rational(3)}, Rational(5), 128);
  Ball avg = tail_probability_ball(3, Rational(5), 128), t15 = tail_probability_ball(3, Rational(15), 128);
  arb_add(avg.get(), avg.get(), t15.get(), 128);
  arb_mul_2exp_si(avg.get(), avg.get(), -1);
  CHECK(two.overlaps(avg));
}

}  // TEST_SUITE

#include "radial/sampler.hpp"

TEST_SUITE("radial") {

// Sampler vs certified tail: fixed seed, binomial 4-sigma bands (a correct sampler fails one comparison with
// probability < 1e-4).
TEST_CASE("RadialNormSampler: empirical P(|x| > rho) within 4 binomial sigma of the certified tail (d = 2, 3, 8)") {
  for (long d : {2L, 3L, 8L}) {
    CAPTURE(d);
    const RadialNormSampler s(d);
    Rng rng(derive_seed(7, static_cast<std::uint64_t>(d)));
    const std::size_t n = 100000;
    std::vector<double> r(n);
    for (auto& v : r) v = s.sample(rng);
    for (const Rational& rho : {Rational(1, 2), Rational(1), Rational(3), Rational(20)}) {
      INFO("rho = ", rho.str());
      const double p = tail_probability_ball(d, rho, 64).mid_double();
      const double rd = to_ball(rho, 64).mid_double();
      const double phat = static_cast<double>(std::count_if(r.begin(), r.end(), [&](double v) { return v > rd; })) / n;
      CHECK(std::abs(phat - p) <= 4 * std::sqrt(p * (1 - p) / n));
      CHECK(std::abs(s.tail(rd) - p) < 1e-4);  // the tabulated CDF itself (linear interpolation on the grid)
    }
  }
}

TEST_CASE("sample_points_d: norms of radial, mixture, gaussian and uniform-ball points follow their laws") {
  const long d = 4;
  const std::size_t n = 40000;
  const RadialNormSampler s(d);
  Rng rng(derive_seed(7, 100));
  auto frac_above = [&](const std::vector<double>& x, double rho) {
    std::size_t c = 0;
    for (std::size_t i = 0; i < n; ++i) {
      double q = 0;
      for (long j = 0; j < d; ++j) q += x[i * d + static_cast<std::size_t>(j)] * x[i * d + static_cast<std::size_t>(j)];
      c += std::sqrt(q) > rho;
    }
    return static_cast<double>(c) / static_cast<double>(n);
  };
  auto band = [&](double p) { return 4 * std::sqrt(p * (1 - p) / static_cast<double>(n)); };
  const auto xr = sample_points_d(DataLaw::radial, d, n, rng, &s);
  const double p1 = tail_probability_ball(d, Rational(1), 64).mid_double();
  CHECK(std::abs(frac_above(xr, 1.0) - p1) <= band(p1));
  // mixture over radii {1, 2}: P(|y| > 1/2) = (P(|x| > 1/2) + P(|x| > 1))/2
  const auto xm = sample_points_d(DataLaw::mixture, d, n, rng, &s, {1.0, 2.0});
  const double pm = (tail_probability_ball(d, Rational(1, 2), 64).mid_double() + p1) / 2;
  CHECK(std::abs(frac_above(xm, 0.5) - pm) <= band(pm));
  // uniform ball: P(|x| > 1/2) = 1 - 2^-d
  const auto xu = sample_points_d(DataLaw::uniform_ball, d, n, rng, nullptr);
  CHECK(std::abs(frac_above(xu, 0.5) - (1 - 1.0 / 16)) <= band(1 - 1.0 / 16));
  CHECK(frac_above(xu, 1.0) == 0);
  // gaussian N(0, I/d), d = 4: |x|^2 = chi2_4/4, P(chi2_4 > 4) = e^-2 (1 + 2)
  const auto xg = sample_points_d(DataLaw::gaussian, d, n, rng, nullptr);
  const double pg = 3 * std::exp(-2.0);
  CHECK(std::abs(frac_above(xg, 1.0) - pg) <= band(pg));
  CHECK_THROWS_AS(sample_points_d(DataLaw::mixture, d, 10, rng, &s, {}), gdcert::input_error);
}

}  // TEST_SUITE
