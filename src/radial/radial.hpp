// The Eldan–Shamir heavy-tailed radial law on R^d: unit-volume ball radius, the Fourier transform of its
// indicator, the density and tail of ||x||, certified with Arb.
//
// Conventions (definition of the law, see proofs/depth-separation.md):
//   R_d = Gamma(d/2 + 1)^(1/d) / sqrt(pi)                       radius of the unit-volume ball
//   phi(xi) = (R_d/|xi|)^(d/2) J_{d/2}(2 pi R_d |xi|), phi(0) = 1  Fourier transform of its indicator
//   mu has density phi^2 (Parseval: integral of phi^2 = vol = 1)
//   p(r) = S_{d-1} R_d^d J_{d/2}(2 pi R_d r)^2 / r = d J_{d/2}(2 pi R_d r)^2 / r     density of ||x||
//   P(||x|| > rho) = d * int_T^oo J_{d/2}(t)^2 dt/t,  T = 2 pi R_d rho;  ~ C_d / rho, C_d = d/(2 pi^2 R_d)
//
// Errors: d < 1 is an input_error (exit 3); a radius rho < 0 (or r <= 0 where a positive radius is
// needed) is a domain_error (exit 4); an accuracy goal not met within max_prec is a precision_error
// (exit 5) naming the accuracy reached; a quadrature that does not converge is a resource_error (exit 7).
#pragma once
#include <span>
#include <string_view>

#include "exact/ball.hpp"
#include "exact/formula.hpp"
#include "exact/rational.hpp"

namespace gdcert::radial {

/** Throws input_error "<function>: requires d >= 1, got d = <d>" when d < 1 (and d > 100000: too large). */
void require_dimension(long d, std::string_view function);

/**
 * R_d = Gamma(d/2+1)^(1/d)/sqrt(pi), the radius of the unit-volume ball in R^d.
 * Guarantee: ball; contains R_d. Formula: radial.unit_ball_radius.
 * Example: unit_ball_radius_ball(2, 128)  // [0.5641895835477562869480794515607725858 +/- ...] = 1/sqrt(pi)
 */
Ball unit_ball_radius_ball(long d, slong prec);

/** S_{d-1} = 2 pi^(d/2)/Gamma(d/2), the area of the unit sphere in R^d. Formula: radial.sphere_area. */
Ball sphere_area_ball(long d, slong prec);

/**
 * J_{d/2}(t) for a real ball t >= 0 by Arb's arb_hypgeom_bessel_j (general algorithm).
 * Guarantee: ball; contains J_{d/2}(t).
 */
Ball bessel_j_half_order_ball(long d, const Ball& t, slong prec);

/**
 * J_{d/2}(t) for odd d by the elementary closed form: J_{1/2} = sqrt(2/(pi t)) sin t,
 * J_{-1/2} = sqrt(2/(pi t)) cos t and the three-term recurrence J_{n+1} = (2n/t) J_n - J_{n-1}.
 * Precondition: d odd (domain_error), t certainly > 0 (domain_error). Formula: radial.spherical_bessel.
 */
Ball bessel_j_half_integer_elementary_ball(long d, const Ball& t, slong prec);

/**
 * phi(rho) = (R_d/rho)^(d/2) J_{d/2}(2 pi R_d rho), the Fourier transform of the unit-volume ball indicator at
 * |xi| = rho; phi(0) = 1 exactly (the limit). Precondition: rho >= 0 (domain_error). Formula: radial.fourier_ball.
 */
Ball fourier_ball_ball(long d, const Rational& rho, slong prec);

/** p(r) = d J_{d/2}(2 pi R_d r)^2 / r, the density of ||x||. Precondition: r > 0. Formula: radial.density. */
Ball radial_density_ball(long d, const Rational& r, slong prec);

/** C_d = d/(2 pi^2 R_d). Formula: radial.tail_constant. */
Ball tail_constant_ball(long d, slong prec);
/** C_d by the sphere form S_{d-1} R_d^(d-1)/(2 pi^2) (an independent route). Formula: radial.tail_constant. */
Ball tail_constant_sphere_form_ball(long d, slong prec);
/** The limit sqrt(2 pi e)/(2 pi^2) of C_d/sqrt(d). Formula: radial.tail_constant_limit. */
Ball tail_constant_limit_ball(slong prec);

/** Options of the certified quadrature (acb_calc_integrate between consecutive approximate zeros). */
struct QuadratureOptions {
  slong eval_limit = 0;      // acb_calc_integrate's evaluation limit per segment; 0 = Arb's default
  slong depth_limit = 0;     // bisection depth limit per segment; 0 = Arb's default
};

/**
 * int_a^b J_{d/2}(t)^2 dt/t by acb_calc_integrate on pieces split at the McMahon zero positions
 * (k + d/4 - 1/4) pi (the split points need not be exact zeros; each piece is certified).
 * Guarantee: ball containing the integral. Preconditions: 0 <= a <= b (domain_error).
 * Errors: resource_error when a piece does not converge within the evaluation limit.
 * Formula: radial.bessel_square_integral.
 */
Ball bessel_square_integral_ball(long d, const Rational& a, const Rational& b, slong prec,
                                 const QuadratureOptions& opt = {});

/** The same integral between ball endpoints a, b (a exact or certainly > 0, else domain_error). */
Ball bessel_square_integral_ball(long d, const Ball& a, const Ball& b, slong prec, const QuadratureOptions& opt = {});

/**
 * Rigorous enclosure of int_X^oo J_nu(t)^2 dt/t (nu = d/2 >= 1/2) from the modulus-phase form
 * J = M cos(theta), Y = M sin(theta): with t M^2 non-increasing (nu >= 1/2, Watson §13.74) and
 * theta' = 2/(pi t M^2),
 *   int = A + B,  A in [1/(pi X), M(X)^2/2],  B in (pi M(X)^4/4) [(-1 - s)/2, (1 - s)/2],  s = sin 2 theta(X).
 * Precondition: X > 0 (domain_error). Formula: radial.bessel_tail_bound (derived, proofs/depth-separation.md).
 */
Ball bessel_square_tail_ball(long d, const Rational& X, slong prec);
/** The same enclosure for a ball X (certainly > 0, else domain_error): valid for every point of the ball. */
Ball bessel_square_tail_ball(long d, const Ball& X, slong prec);

/**
 * P(||x|| > rho) = 1 - d int_0^T J_{d/2}(t)^2 dt/t, T = 2 pi R_d rho (finite integral; uses the identity
 * int_0^oo J_nu^2 dt/t = 1/(2 nu)). Precondition: rho >= 0. Formula: radial.tail.
 */
Ball tail_probability_ball(long d, const Rational& rho, slong prec, const QuadratureOptions& opt = {});

/**
 * P(||x|| > rho) by the infinite route: d (int_T^X J^2 dt/t + enclosure of int_X^oo) with X = max(T, x_cut).
 * Independent of the normalisation identity; radius ~ d/(pi X^2). Formula: radial.tail, radial.bessel_tail_bound.
 */
Ball tail_probability_infinite_route_ball(long d, const Rational& rho, const Rational& x_cut, slong prec,
                                          const QuadratureOptions& opt = {});

/**
 * P(||x|| > rho) by the telescoping closed form (an independent check; no quadrature):
 *   even d = 2m: J_0(T)^2 + 2 sum_{k=1}^{m-1} J_k(T)^2 + J_m(T)^2
 *   odd d:       1 - (2/pi) Si(2T) + 2 sum_{k=1/2}^{d/2-1} J_k(T)^2 + J_{d/2}(T)^2.
 * Formula: radial.tail_closed_form.
 */
Ball tail_probability_closed_form_ball(long d, const Rational& rho, slong prec);

/**
 * int_0^oo p(r) dr = d (int_0^X J^2 dt/t + enclosure of the tail beyond X), X = x_cut (in t units).
 * Contains 1; radius ~ d/(pi X^2). Formula: radial.normalisation.
 */
Ball normalisation_ball(long d, const Rational& x_cut, slong prec, const QuadratureOptions& opt = {});

/** Ziv loop around tail_probability_ball: `bits` of accuracy or precision_error (max_prec bits). */
Ball tail_probability_to_accuracy(long d, const Rational& rho, slong bits, slong max_prec = 4096);

/** The formula table of the radial module (ids radial.*). */
std::span<const Formula> radial_formulas();

}  // namespace gdcert::radial
