// Eldan–Shamir shell parameters (alpha, N, good intervals) and the Safran–Shamir radial mixture
// gamma = (1/M) sum_j Law(x/r_j), x ~ mu. Most rules here are reconstructions: each carries its tag.
#pragma once
#include <span>
#include <string>
#include <vector>

#include "exact/ball.hpp"
#include "exact/formula.hpp"
#include "exact/integer.hpp"
#include "exact/rational.hpp"

namespace gdcert::radial {

/**
 * alpha = ceil(635/(2 pi d)) ("127 * 5/(2 pi d)", the rule of a public rebuild of the ES16 data set).
 * Guarantee: exact (the ball of 635/(2 pi d) is refined until its ceiling is decided; it is never an integer).
 * Formula: radial.es16_alpha [reconstructed].
 */
Integer es16_alpha(long d);

/** N = ceil(alpha^(3/2) d^2) (same rebuild), exact by integer square root. Formula: radial.es16_shell_count. */
Integer es16_shell_count(long d, const Integer& alpha);

/** N = ceil(kappa d^2) for a rational kappa > 0 (the N = Theta(d^2) of ES16 with an open constant). */
Integer es16_shell_count_kappa(long d, const Rational& kappa);

/** Counts of the N equal intervals of [alpha sqrt d, 2 alpha sqrt d] by the good-interval criterion. */
struct ShellCount {
  long good = 0, bad = 0;
};
/**
 * Classifies each interval by J_{d/2}(2 pi R_d r)^2 r > 1/(80 pi R_d) at its midpoint r (certified at each
 * midpoint; precision raised until decided). Formula: radial.es16_good_interval [reconstructed].
 * Precondition: N <= 10^6 (resource_error).
 */
ShellCount es16_good_intervals(long d, const Integer& alpha, const Integer& N, slong prec = 64);

/** rho as a ball: alpha sqrt(d) (inner radius of the shell region). */
Ball es16_inner_radius_ball(long d, const Integer& alpha, slong prec);

/**
 * P(||x|| > rho) for a ball rho, enclosed by the asymptotic tail bound alone (no quadrature):
 * d * int_T^oo J^2 dt/t, T = 2 pi R_d rho. Radius ~ d/(pi T^2): for large rho. Formula: radial.bessel_tail_bound.
 */
Ball tail_probability_enclosure_ball(long d, const Ball& rho, slong prec);

/** mu-mass of the shell region [alpha sqrt d, 2 alpha sqrt d] by certified quadrature. Formula: radial.shell_mass. */
Ball shell_mass_ball(long d, const Integer& alpha, slong prec);

/**
 * Radii r_j of the mixture: the K + 1 endpoints alpha sqrt(d) (1 + i/K), i = 0..K, of K equal intervals (the
 * ball indicators f_{r_j} whose signed sums are the ES16 annuli). Doubles (for the sampler).
 * Formula: radial.mixture [reconstructed].
 */
std::vector<double> mixture_radii_d(long d, const Integer& alpha, long K);

/**
 * P_gamma(||y|| > rho) = (1/M) sum_j P_mu(||x|| > rho r_j) for rational radii (certified, quadrature per radius).
 * Formula: radial.mixture.
 */
Ball mixture_tail_ball(long d, const std::vector<Rational>& radii, const Rational& rho, slong prec);

/** The formula table of the shell/mixture part (ids radial.es16_*, radial.mixture, radial.shell_mass). */
std::span<const Formula> mixture_formulas();

}  // namespace gdcert::radial
