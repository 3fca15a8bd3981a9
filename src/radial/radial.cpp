#include "radial/radial.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "exact/errors.hpp"

namespace gdcert::radial {

namespace {

const Formula kFormulas[] = {
    {"radial.unit_ball_radius", "R_d = Gamma(d/2+1)^(1/d)/sqrt(pi), radius of the unit-volume ball in R^d",
     "Eldan, Shamir 2016 (COLT, arXiv 1512.03965), base measure; proofs/depth-separation.md#unit-ball-radius", Tag::reconstructed,
     "proofs/depth-separation.md#unit-ball-radius"},
    {"radial.sphere_area", "S_{d-1} = 2 pi^(d/2)/Gamma(d/2)", "standard; proofs/depth-separation.md#unit-ball-radius", Tag::reconstructed,
     "proofs/depth-separation.md#unit-ball-radius"},
    {"radial.fourier_ball",
     "phi(xi) = (R_d/|xi|)^(d/2) J_{d/2}(2 pi R_d |xi|), phi(0) = 1: Fourier transform (e^{-2 pi i <x,xi>}) of "
     "1{|x| <= R_d}",
     "Eldan, Shamir 2016 (COLT, arXiv 1512.03965); proofs/depth-separation.md#fourier-ball", Tag::derived, "proofs/depth-separation.md#fourier-ball"},
    {"radial.spherical_bessel",
     "odd d: J_{1/2} = sqrt(2/(pi t)) sin t, J_{-1/2} = sqrt(2/(pi t)) cos t, J_{n+1} = (2n/t) J_n - J_{n-1}",
     "standard (DLMF 10.16.1, 10.6.1); proofs/depth-separation.md#spherical-bessel", Tag::derived, "proofs/depth-separation.md#spherical-bessel"},
    {"radial.density", "p(r) = S_{d-1} R_d^d J_{d/2}(2 pi R_d r)^2 / r = d J_{d/2}(2 pi R_d r)^2 / r",
     "derived (the base density of Eldan, Shamir 2016 (COLT, arXiv 1512.03965)); proofs/depth-separation.md#density", Tag::derived, "proofs/depth-separation.md#density"},
    {"radial.bessel_square_integral", "int_0^oo J_nu(t)^2 dt/t = 1/(2 nu), nu > 0",
     "standard (DLMF 10.22.57 with mu = nu, lambda = 1); proofs/depth-separation.md#normalisation", Tag::derived, "proofs/depth-separation.md#normalisation"},
    {"radial.normalisation", "int_0^oo p(r) dr = d int_0^oo J_{d/2}(t)^2 dt/t = 1",
     "derived; proofs/depth-separation.md#normalisation", Tag::derived, "proofs/depth-separation.md#normalisation"},
    {"radial.tail", "P(|x| > rho) = d int_T^oo J_{d/2}(t)^2 dt/t = 1 - d int_0^T J_{d/2}(t)^2 dt/t, T = 2 pi R_d rho",
     "derived; proofs/depth-separation.md#tail", Tag::derived, "proofs/depth-separation.md#tail"},
    {"radial.tail_closed_form",
     "P(|x| > rho) = J_0^2 + 2 sum_{k=1}^{m-1} J_k^2 + J_m^2 (d = 2m); 1 - (2/pi) Si(2T) + 2 sum_{k=1/2}^{d/2-1} J_k^2 "
     "+ J_{d/2}^2 (d odd), at T = 2 pi R_d rho",
     "derived (telescoping identity); proofs/depth-separation.md#tail-closed-form", Tag::derived,
     "proofs/depth-separation.md#tail-closed-form"},
    {"radial.bessel_tail_bound",
     "int_X^oo J_nu^2 dt/t in [1/(pi X) + g(-1-s)/2, M^2/2 + g(1-s)/2], M^2 = J_nu(X)^2 + Y_nu(X)^2, g = pi M^4/4, "
     "s = 2 J Y / M^2 (nu >= 1/2)",
     "ours, from Watson 1944 §13.74 (t M^2 non-increasing) and DLMF 10.18.8 (theta' = 2/(pi t M^2)); proofs/depth-separation.md#bessel-tail-bound", Tag::derived,
     "proofs/depth-separation.md#bessel-tail-bound"},
    {"radial.tail_constant", "C_d = d/(2 pi^2 R_d) = S_{d-1} R_d^(d-1)/(2 pi^2); P(|x| > rho) ~ C_d/rho",
     "derived; proofs/depth-separation.md#tail-constant", Tag::derived, "proofs/depth-separation.md#tail-constant"},
    {"radial.tail_constant_limit", "C_d/sqrt(d) -> sqrt(2 pi e)/(2 pi^2) = 0.2093666...", "derived (d -> oo); proofs/depth-separation.md#tail-constant",
     Tag::derived, "proofs/depth-separation.md#tail-constant"},
};

std::string rat_str(const Rational& q) { return q.str(); }

/** T = 2 pi R_d rho as a ball. */
Ball argument_ball(long d, const Rational& rho, slong prec) {
  Ball R = unit_ball_radius_ball(d, prec), pi, t;
  arb_const_pi(pi.get(), prec);
  arb_mul(t.get(), pi.get(), R.get(), prec);
  arb_mul_2exp_si(t.get(), t.get(), 1);
  Ball r = to_ball(rho, prec);
  arb_mul(t.get(), t.get(), r.get(), prec);
  return t;
}

/** nu = d/2 as an exact ball. */
Ball half_order(long d) {
  Ball nu;
  arb_set_si(nu.get(), d);
  arb_mul_2exp_si(nu.get(), nu.get(), -1);
  return nu;
}

struct IntegrandParam {
  long d;
  slong goal;          // accuracy goal in bits (the working precision is larger, see integrate_piece)
  double asymp_from;   // |z| beyond which the Hankel expansion is used
};

/**
 * f(z) = J_nu(z)^2 / z, nu = d/2, holomorphic in C (z^{2nu-1} times an entire function; 2 nu = d integer).
 * Where the ball may touch Re z <= 0 (the branch cut of the general J_nu), the entire form
 * z^(d-1)/2^d * (0F1~(nu+1; -z^2/4))^2 is used.
 */
int bessel_square_integrand(acb_ptr res, const acb_t z, void* param, slong order, slong prec) {  // NOLINT
  const auto* P = static_cast<const IntegrandParam*>(param);
  const long d = P->d;
  acb_t nu, w, m;
  acb_init(nu);
  acb_init(w);
  acb_init(m);
  acb_set_si(nu, d);
  acb_mul_2exp_si(nu, nu, -1);
  mag_t az;
  mag_init(az);
  acb_get_mag(az, z);
  const double zr = std::min(mag_get_d(az), 1e7);
  mag_clear(az);
  (void)order;  // every branch is holomorphic on the ball it is given (see the cases below)
  const bool right = arb_is_positive(acb_realref(z));
  // midpoint modulus decides the method: Hankel expansion for |z| > 0.69 goal + nu (Arb's remainder bound,
  // error ~ e^{-2|z|} < 2^-goal), else the convergent series
  const double zmid = std::hypot(arf_get_d(arb_midref(acb_realref(z)), ARF_RND_NEAR),
                                 arf_get_d(arb_midref(acb_imagref(z)), ARF_RND_NEAR));
  const bool asymp = right && zmid > P->asymp_from;
  if (!asymp && zr > P->asymp_from + 2.0 * static_cast<double>(P->goal) + 50.0) {
    // a huge ball (the integrator probes wide regions): the series would need ~ 1.45 |z| extra bits; report
    // "no bound" so that acb_calc_integrate subdivides instead
    acb_indeterminate(res);
    acb_clear(nu);
    acb_clear(w);
    acb_clear(m);
    return 0;
  }
  if (asymp) {
    // |z| > 0.69 prec: the Hankel expansion with Arb's rigorous remainder (error ~ e^{-2|z|} < 2^-prec); no
    // cancellation and no wrapping effect on wide balls (the 0F1 series on a ball of radius r overestimates
    // by ~ e^{|z|} r)
    acb_hypgeom_bessel_j_asymp(w, nu, z, prec + 10);
    acb_sqr(w, w, prec + 10);
    acb_div(res, w, z, prec);
  } else if (right) {
    // holomorphic in Re z > 0; the 0F1 series loses ~ |z| log2(e) bits to cancellation: compensate
    const slong wp = prec + static_cast<slong>(1.45 * zr) + 10;
    acb_hypgeom_bessel_j(w, nu, z, wp);
    acb_sqr(w, w, wp);
    acb_div(w, w, z, wp);
    acb_set_round(res, w, prec);
  } else {
    // entire form near 0: J_nu^2/z = (z/2)^(2 nu) F^2 / z = z^(d-1) F^2 / 2^d, F = 0F1(nu+1; -z^2/4)/Gamma(nu+1)
    const slong wp = prec + static_cast<slong>(1.5 * zr) + 10;
    acb_add_ui(nu, nu, 1, wp);
    acb_sqr(m, z, wp);
    acb_mul_2exp_si(m, m, -2);
    acb_neg(m, m);
    acb_hypgeom_0f1(w, nu, m, 1, wp);
    acb_sqr(w, w, wp);
    acb_pow_ui(m, z, static_cast<ulong>(d - 1), wp);
    acb_mul(w, w, m, wp);
    acb_mul_2exp_si(w, w, -d);
    acb_set_round(res, w, prec);
  }
  acb_clear(nu);
  acb_clear(w);
  acb_clear(m);
  return 0;
}

Ball integrate_piece(long d, const Ball& a, const Ball& b, slong prec, const QuadratureOptions& opt) {
  // The series for J_nu on a ball of radius r around z returns a radius ~ e^{|z|} r (wrapping): the quadrature
  // nodes carry radius ~ 2^-wp |z|, so the working precision wp exceeds the goal by 1.45 |z| on the series range.
  const double asymp_from = 0.69 * static_cast<double>(prec) + static_cast<double>(d) / 2.0;
  const double bmax = std::min(std::abs(b.mid_double()) + 1.0, asymp_from + 8.0);
  const slong wp = prec + static_cast<slong>(1.45 * bmax) + 20;
  IntegrandParam p{d, prec, asymp_from};
  acb_t ra, rb, res;
  acb_init(ra);
  acb_init(rb);
  acb_init(res);
  acb_set_arb(ra, a.get());
  acb_set_arb(rb, b.get());
  mag_t tol;
  mag_init(tol);
  mag_set_ui_2exp_si(tol, 1, -prec);
  acb_calc_integrate_opt_t o;
  acb_calc_integrate_opt_init(o);
  if (opt.eval_limit > 0) o->eval_limit = opt.eval_limit;
  if (opt.depth_limit > 0) o->depth_limit = opt.depth_limit;
  const int status = acb_calc_integrate(res, bessel_square_integrand, &p, ra, rb, prec, tol, o, wp);
  Ball out(acb_realref(res));
  const bool finite = acb_is_finite(res);
  mag_clear(tol);
  acb_clear(ra);
  acb_clear(rb);
  acb_clear(res);
  // converged: status success and an absolute radius <= 2^-(prec/2) (the pieces are O(1/t) <= 1 in size; a
  // wider ball means the evaluation or depth limit stopped the bisection)
  const bool accurate = finite && mag_cmp_2exp_si(arb_radref(out.get()), -prec / 2) <= 0;
  if (status != ARB_CALC_SUCCESS || !accurate)
    throw resource_error("bessel_square_integral_ball: acb_calc_integrate did not converge on [" + a.str(10) + ", " +
                         b.str(10) + "] for d = " + std::to_string(d) + " at prec " + std::to_string(prec) +
                         " (evaluation or depth limit reached): " + out.str(10));
  return out;
}

/**
 * int_a^b J^2/t over [a, b] given as balls, split at (k + d/4 - 1/4) pi (McMahon's approximation of the zeros of
 * J_{d/2}). Inexact endpoints: the quadrature runs between the exact midpoints and the ends are enclosed by
 * |int_a^{mid a} J^2/t| <= rad(a) / inf(a), since |J_nu(t)| <= 1 for real t and nu >= 0 (DLMF 10.14.1).
 * Precondition (checked by callers): a exact or certainly > 0.
 */
Ball integrate_split(long d, const Ball& a_in, const Ball& b_in, slong prec, const QuadratureOptions& opt) {
  Ball a, b, end_err;
  arb_set_arf(a.get(), arb_midref(a_in.get()));
  arb_set_arf(b.get(), arb_midref(b_in.get()));
  for (const Ball* e : {&a_in, &b_in}) {
    if (arb_is_exact(e->get())) continue;
    GDCERT_ASSERT(certainly_positive(*e), "integrate_split: an inexact endpoint must be positive");
    Ball lo, r;
    arb_get_lbound_arf(arb_midref(lo.get()), e->get(), prec);
    arf_set_mag(arb_midref(r.get()), arb_radref(e->get()));
    arb_div(r.get(), r.get(), lo.get(), prec);  // rad / inf (rounding covered by the ball arithmetic)
    arb_add_error(end_err.get(), r.get());
  }
  Ball sum, pi, s, lo = a;
  arb_const_pi(pi.get(), prec);
  const double a_d = a.mid_double(), b_d = b.mid_double();
  // about (b - a)/pi pieces, each costing O(prec) evaluations of J: refuse work that would not finish in minutes
  if (b_d - a_d > 20000.0 * M_PI || d > 4000)
    throw resource_error("bessel_square_integral_ball: requires b - a <= 20000 pi and d <= 4000 for the quadrature, got "
                         "b - a = " + std::to_string(b_d - a_d) + ", d = " + std::to_string(d) +
                         " (use the closed form for the tail)");
  const double shift = static_cast<double>(d) / 4.0 - 0.25;
  // first k with split point > a
  long k = std::max(1L, static_cast<long>(std::floor(a_d / M_PI - shift)) + 1);
  for (;; ++k) {
    const double sd = (static_cast<double>(k) + shift) * M_PI;
    if (sd >= b_d - 0.5) break;  // last piece: to b
    if (sd <= lo.mid_double() + 0.25) continue;
    // split point: exact dyadic near (k + d/4 - 1/4) pi (any point works; zeros only help convergence)
    arb_set_d(s.get(), sd);
    Ball piece = integrate_piece(d, lo, s, prec, opt);
    arb_add(sum.get(), sum.get(), piece.get(), prec);
    lo = s;
  }
  Ball piece = integrate_piece(d, lo, b, prec, opt);
  arb_add(sum.get(), sum.get(), piece.get(), prec);
  arb_add(sum.get(), sum.get(), end_err.get(), prec);
  return sum;
}

}  // namespace

void require_dimension(long d, std::string_view function) {
  if (d < 1) throw input_error(std::string(function) + ": requires d >= 1, got d = " + std::to_string(d));
  if (d > 100000) throw input_error(std::string(function) + ": requires d <= 100000, got d = " + std::to_string(d));
}

Ball unit_ball_radius_ball(long d, slong prec) {
  require_dimension(d, "unit_ball_radius_ball");
  const slong wp = prec + 16;
  Ball g, pi, out;
  fmpq_t q;
  fmpq_init(q);
  fmpq_set_si(q, d + 2, 2);
  arb_gamma_fmpq(g.get(), q, wp);  // Gamma(d/2 + 1)
  fmpq_clear(q);
  arb_root_ui(g.get(), g.get(), static_cast<ulong>(d), wp);
  arb_const_sqrt_pi(pi.get(), wp);
  arb_div(out.get(), g.get(), pi.get(), prec);  // radial.unit_ball_radius
  return out;
}

Ball sphere_area_ball(long d, slong prec) {
  require_dimension(d, "sphere_area_ball");
  const slong wp = prec + 16;
  Ball g, p, out;
  fmpq_t q;
  fmpq_init(q);
  fmpq_set_si(q, d, 2);
  arb_gamma_fmpq(g.get(), q, wp);
  arb_const_pi(p.get(), wp);
  Ball h = half_order(d);
  arb_pow(p.get(), p.get(), h.get(), wp);
  fmpq_clear(q);
  arb_div(out.get(), p.get(), g.get(), prec);
  arb_mul_2exp_si(out.get(), out.get(), 1);  // radial.sphere_area
  return out;
}

Ball bessel_j_half_order_ball(long d, const Ball& t, slong prec) {
  require_dimension(d, "bessel_j_half_order_ball");
  Ball nu = half_order(d), out;
  arb_hypgeom_bessel_j(out.get(), nu.get(), t.get(), prec);
  return out;
}

Ball bessel_j_half_integer_elementary_ball(long d, const Ball& t, slong prec) {
  require_dimension(d, "bessel_j_half_integer_elementary_ball");
  if (d % 2 == 0)
    throw domain_error("bessel_j_half_integer_elementary_ball: requires d odd, got d = " + std::to_string(d));
  if (!certainly_positive(t))
    throw domain_error("bessel_j_half_integer_elementary_ball: requires t > 0, got t = " + t.str(10));
  // the forward recurrence amplifies errors by prod (2n/t) over the steps with 2n > t and the result is as
  // small as ~ 1/prod (t < nu): compensate twice that loss with extra precision
  double loss = 0;
  const double tm = std::max(t.mid_double(), 1e-300);
  for (long twice_n = 1; twice_n < d; twice_n += 2) loss += std::max(0.0, std::log2(static_cast<double>(twice_n) / tm));
  const slong wp = prec + 32 + 2 * static_cast<slong>(std::min(loss, 1e6));
  // the recurrence would also amplify the radius of t: run it at the exact midpoint m and enclose
  // |J_nu(t) - J_nu(m)| <= rad(t) sup|J_nu'| <= rad(t) for nu >= 1 (J' = (J_{nu-1} - J_{nu+1})/2, |J_mu| <= 1 for
  // real arguments and mu >= 0, DLMF 10.6.1, 10.14.1); d = 1 needs no recurrence and keeps the ball.
  Ball tm_ball, rad_t;
  if (d >= 3) {
    arb_set_arf(tm_ball.get(), arb_midref(t.get()));
    arf_set_mag(arb_midref(rad_t.get()), arb_radref(t.get()));
  } else {
    tm_ball = t;
  }
  Ball pi, c, s, jm, j0, j1, tmp;
  arb_const_pi(pi.get(), wp);
  arb_mul(c.get(), pi.get(), tm_ball.get(), wp);
  arb_ui_div(c.get(), 2, c.get(), wp);
  arb_sqrt(c.get(), c.get(), wp);  // sqrt(2/(pi t))
  arb_sin_cos(s.get(), tmp.get(), tm_ball.get(), wp);
  arb_mul(j0.get(), c.get(), s.get(), wp);    // J_{1/2}
  arb_mul(jm.get(), c.get(), tmp.get(), wp);  // J_{-1/2}
  // J_{n+1} = (2n/t) J_n - J_{n-1}, n = 1/2, 3/2, ...: 2n = 1, 3, ...
  for (long twice_n = 1; twice_n < d; twice_n += 2) {
    arb_mul_si(tmp.get(), j0.get(), twice_n, wp);
    arb_div(tmp.get(), tmp.get(), tm_ball.get(), wp);
    arb_sub(j1.get(), tmp.get(), jm.get(), wp);  // radial.spherical_bessel
    jm = j0;
    j0 = j1;
  }
  arb_add_error(j0.get(), rad_t.get());  // zero when d = 1 or t is exact
  arb_set_round(j0.get(), j0.get(), prec);
  return j0;
}

Ball fourier_ball_ball(long d, const Rational& rho, slong prec) {
  require_dimension(d, "fourier_ball_ball");
  if (rho.sign() < 0) throw domain_error("fourier_ball_ball: requires rho >= 0, got rho = " + rat_str(rho));
  if (rho.is_zero()) {
    Ball one;
    arb_one(one.get());  // the limit phi(0) = vol(ball) = 1
    return one;
  }
  const slong wp = prec + 32;
  Ball R = unit_ball_radius_ball(d, wp), r = to_ball(rho, wp), ratio, t = argument_ball(d, rho, wp);
  Ball j = bessel_j_half_order_ball(d, t, wp), out;
  arb_div(ratio.get(), R.get(), r.get(), wp);
  arb_pow_ui(ratio.get(), ratio.get(), static_cast<ulong>(d), wp);
  arb_sqrt(ratio.get(), ratio.get(), wp);  // (R/rho)^(d/2)
  arb_mul(out.get(), ratio.get(), j.get(), prec);  // radial.fourier_ball
  return out;
}

Ball radial_density_ball(long d, const Rational& r, slong prec) {
  require_dimension(d, "radial_density_ball");
  if (r.sign() <= 0) throw domain_error("radial_density_ball: requires r > 0, got r = " + rat_str(r));
  const slong wp = prec + 16;
  Ball t = argument_ball(d, r, wp), j = bessel_j_half_order_ball(d, t, wp), rb = to_ball(r, wp), out;
  arb_sqr(out.get(), j.get(), wp);
  arb_mul_si(out.get(), out.get(), d, wp);
  arb_div(out.get(), out.get(), rb.get(), prec);  // radial.density (S_{d-1} R_d^d = d)
  return out;
}

Ball tail_constant_ball(long d, slong prec) {
  require_dimension(d, "tail_constant_ball");
  const slong wp = prec + 16;
  Ball R = unit_ball_radius_ball(d, wp), pi, out;
  arb_const_pi(pi.get(), wp);
  arb_sqr(pi.get(), pi.get(), wp);
  arb_mul(pi.get(), pi.get(), R.get(), wp);
  arb_mul_2exp_si(pi.get(), pi.get(), 1);
  arb_set_si(out.get(), d);
    arb_div(out.get(), out.get(), pi.get(), prec);  // radial.tail_constant
  return out;
}

Ball tail_constant_sphere_form_ball(long d, slong prec) {
  require_dimension(d, "tail_constant_sphere_form_ball");
  const slong wp = prec + 16;
  Ball S = sphere_area_ball(d, wp), R = unit_ball_radius_ball(d, wp), pi, out;
  arb_pow_ui(R.get(), R.get(), static_cast<ulong>(d - 1), wp);
  arb_mul(out.get(), S.get(), R.get(), wp);
  arb_const_pi(pi.get(), wp);
  arb_sqr(pi.get(), pi.get(), wp);
  arb_mul_2exp_si(pi.get(), pi.get(), 1);
  arb_div(out.get(), out.get(), pi.get(), prec);
  return out;
}

Ball tail_constant_limit_ball(slong prec) {
  const slong wp = prec + 16;
  Ball pi, e, out;
  arb_const_pi(pi.get(), wp);
  arb_const_e(e.get(), wp);
  arb_mul(out.get(), pi.get(), e.get(), wp);
  arb_mul_2exp_si(out.get(), out.get(), 1);
  arb_sqrt(out.get(), out.get(), wp);  // sqrt(2 pi e)
  arb_sqr(pi.get(), pi.get(), wp);
  arb_mul_2exp_si(pi.get(), pi.get(), 1);
  arb_div(out.get(), out.get(), pi.get(), prec);  // radial.tail_constant_limit
  return out;
}

Ball bessel_square_integral_ball(long d, const Rational& a, const Rational& b, slong prec,
                                 const QuadratureOptions& opt) {
  require_dimension(d, "bessel_square_integral_ball");
  if (a.sign() < 0) throw domain_error("bessel_square_integral_ball: requires a >= 0, got a = " + rat_str(a));
  if (b < a) throw domain_error("bessel_square_integral_ball: requires a <= b, got b = " + rat_str(b));
  const slong wp = prec + 16;
  Ball out = integrate_split(d, to_ball(a, wp), to_ball(b, wp), wp, opt);
  arb_set_round(out.get(), out.get(), prec);
  return out;
}

Ball bessel_square_integral_ball(long d, const Ball& a, const Ball& b, slong prec, const QuadratureOptions& opt) {
  require_dimension(d, "bessel_square_integral_ball");
  if (!(arb_is_zero(a.get()) || certainly_positive(a)))
    throw domain_error("bessel_square_integral_ball: requires a >= 0 exact or a > 0, got a = " + a.str(10));
  if (!certainly_le(a, b)) throw domain_error("bessel_square_integral_ball: requires a <= b, got b = " + b.str(10));
  const slong wp = prec + 16;
  Ball out = integrate_split(d, a, b, wp, opt);
  arb_set_round(out.get(), out.get(), prec);
  return out;
}

namespace {

Ball bessel_tail_at(long d, const Ball& X, slong prec) {
  const slong wp = prec + 16;
  Ball nu = half_order(d), J, Y, M2, g, s, pi, lo, hi, t;
  arb_hypgeom_bessel_j(J.get(), nu.get(), X.get(), wp);
  arb_hypgeom_bessel_y(Y.get(), nu.get(), X.get(), wp);
  arb_sqr(M2.get(), J.get(), wp);
  arb_sqr(t.get(), Y.get(), wp);
  arb_add(M2.get(), M2.get(), t.get(), wp);  // M^2 = J^2 + Y^2
  arb_mul(s.get(), J.get(), Y.get(), wp);
  arb_mul_2exp_si(s.get(), s.get(), 1);
  arb_div(s.get(), s.get(), M2.get(), wp);  // s = sin 2 theta = 2 J Y / M^2
  arb_const_pi(pi.get(), wp);
  arb_sqr(g.get(), M2.get(), wp);
  arb_mul(g.get(), g.get(), pi.get(), wp);
  arb_mul_2exp_si(g.get(), g.get(), -2);  // g = pi M^4 / 4
  // lower: 1/(pi X) + g (-1 - s)/2
  arb_mul(lo.get(), pi.get(), X.get(), wp);
  arb_inv(lo.get(), lo.get(), wp);
  arb_add_si(t.get(), s.get(), 1, wp);
  arb_neg(t.get(), t.get());
  arb_mul(t.get(), t.get(), g.get(), wp);
  arb_mul_2exp_si(t.get(), t.get(), -1);
  arb_add(lo.get(), lo.get(), t.get(), wp);
  // upper: M^2/2 + g (1 - s)/2
  arb_mul_2exp_si(hi.get(), M2.get(), -1);
  arb_sub_si(t.get(), s.get(), 1, wp);
  arb_neg(t.get(), t.get());
  arb_mul(t.get(), t.get(), g.get(), wp);
  arb_mul_2exp_si(t.get(), t.get(), -1);
  arb_add(hi.get(), hi.get(), t.get(), wp);
  Ball out;
  arb_union(out.get(), lo.get(), hi.get(), prec);  // radial.bessel_tail_bound
  return out;
}

}  // namespace

Ball bessel_square_tail_ball(long d, const Rational& X, slong prec) {
  require_dimension(d, "bessel_square_tail_ball");
  if (X.sign() <= 0) throw domain_error("bessel_square_tail_ball: requires X > 0, got X = " + rat_str(X));
  return bessel_tail_at(d, to_ball(X, prec + 16), prec);
}

Ball bessel_square_tail_ball(long d, const Ball& X, slong prec) {
  require_dimension(d, "bessel_square_tail_ball");
  if (!certainly_positive(X)) throw domain_error("bessel_square_tail_ball: requires X > 0, got X = " + X.str(10));
  return bessel_tail_at(d, X, prec);
}

Ball tail_probability_ball(long d, const Rational& rho, slong prec, const QuadratureOptions& opt) {
  require_dimension(d, "tail_probability_ball");
  if (rho.sign() < 0) throw domain_error("tail_probability_ball: requires rho >= 0, got rho = " + rat_str(rho));
  Ball one;
  arb_one(one.get());
  if (rho.is_zero()) return one;
  const slong wp = prec + 16;
  Ball T = argument_ball(d, rho, wp), zero;
  Ball I = integrate_split(d, zero, T, wp, opt), out;
  arb_mul_si(I.get(), I.get(), d, wp);
  arb_sub(out.get(), one.get(), I.get(), prec);  // radial.tail with radial.bessel_square_integral
  return out;
}

Ball tail_probability_infinite_route_ball(long d, const Rational& rho, const Rational& x_cut, slong prec,
                                          const QuadratureOptions& opt) {
  require_dimension(d, "tail_probability_infinite_route_ball");
  if (rho.sign() <= 0)
    throw domain_error("tail_probability_infinite_route_ball: requires rho > 0, got rho = " + rat_str(rho));
  if (x_cut.sign() <= 0)
    throw domain_error("tail_probability_infinite_route_ball: requires x_cut > 0, got x_cut = " + rat_str(x_cut));
  const slong wp = prec + 16;
  Ball T = argument_ball(d, rho, wp), X = to_ball(x_cut, wp), out;
  if (!certainly_lt(T, X)) X = T;
  if (arb_equal(X.get(), T.get())) {
    out = bessel_tail_at(d, T, wp);
  } else {
    Ball I = integrate_split(d, T, X, wp, opt), tail = bessel_tail_at(d, X, wp);
    arb_add(out.get(), I.get(), tail.get(), wp);
  }
  arb_mul_si(out.get(), out.get(), d, prec);
  return out;
}

Ball tail_probability_closed_form_ball(long d, const Rational& rho, slong prec) {
  require_dimension(d, "tail_probability_closed_form_ball");
  if (rho.sign() <= 0)
    throw domain_error("tail_probability_closed_form_ball: requires rho > 0, got rho = " + rat_str(rho));
  const slong wp = prec + 32;
  Ball T = argument_ball(d, rho, wp), sum, nu, j, t;
  auto jsq = [&](long twice_k) {
    arb_set_si(nu.get(), twice_k);
    arb_mul_2exp_si(nu.get(), nu.get(), -1);
    arb_hypgeom_bessel_j(j.get(), nu.get(), T.get(), wp);
    arb_sqr(j.get(), j.get(), wp);
    return j;
  };
  if (d % 2 == 0) {
    sum = jsq(0);
    for (long k = 1; 2 * k < d; ++k) {
      Ball v = jsq(2 * k);
      arb_mul_2exp_si(v.get(), v.get(), 1);
      arb_add(sum.get(), sum.get(), v.get(), wp);
    }
  } else {
    Ball two_t, si, pi;
    arb_mul_2exp_si(two_t.get(), T.get(), 1);
    arb_hypgeom_si(si.get(), two_t.get(), wp);
    arb_const_pi(pi.get(), wp);
    arb_div(si.get(), si.get(), pi.get(), wp);
    arb_mul_2exp_si(si.get(), si.get(), 1);
    arb_one(sum.get());
    arb_sub(sum.get(), sum.get(), si.get(), wp);  // 1 - (2/pi) Si(2T)
    for (long twice_k = 1; twice_k < d; twice_k += 2) {
      Ball v = jsq(twice_k);
      arb_mul_2exp_si(v.get(), v.get(), 1);
      arb_add(sum.get(), sum.get(), v.get(), wp);
    }
  }
  Ball last = jsq(d);
  arb_add(sum.get(), sum.get(), last.get(), prec);  // radial.tail_closed_form
  return sum;
}

Ball normalisation_ball(long d, const Rational& x_cut, slong prec, const QuadratureOptions& opt) {
  require_dimension(d, "normalisation_ball");
  if (x_cut.sign() <= 0) throw domain_error("normalisation_ball: requires x_cut > 0, got x_cut = " + rat_str(x_cut));
  const slong wp = prec + 16;
  Ball zero, X = to_ball(x_cut, wp);
  Ball I = integrate_split(d, zero, X, wp, opt), tail = bessel_tail_at(d, X, wp), out;
  arb_add(out.get(), I.get(), tail.get(), wp);
  arb_mul_si(out.get(), out.get(), d, prec);  // radial.normalisation
  return out;
}

Ball tail_probability_to_accuracy(long d, const Rational& rho, slong bits, slong max_prec) {
  require_dimension(d, "tail_probability_to_accuracy");
  if (rho.sign() < 0) throw domain_error("tail_probability_to_accuracy: requires rho >= 0, got rho = " + rat_str(rho));
  if (bits + 8 > max_prec)
    throw precision_error("tail_probability_to_accuracy: requested " + std::to_string(bits) +
                          " bits, cannot be reached with max_prec " + std::to_string(max_prec) + " bits");
  return evaluate_to_accuracy([&](slong p) { return tail_probability_ball(d, rho, p); }, bits, max_prec,
                              "tail_probability (d = " + std::to_string(d) + ", rho = " + rho.str() + ")");
}

std::span<const Formula> radial_formulas() { return kFormulas; }

}  // namespace gdcert::radial
