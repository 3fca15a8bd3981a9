// Noisy-GD lower bounds: the Abbe-Sandon cross-predictability form, the alignment bound with explicit constants,
// and the INAL => orbit-CP chain; each evaluated (advantage bound for a budget) and inverted (least T, largest
// noise for a target advantage). Theory: inal-and-cross-predictability §8, §10(c); equivariance-and-alignment §6.
//
// Noise convention (option noise=param|gradient; default param, the simulator's update):
//   param:    theta <- theta - gamma clip_A(grad) + Z, Z ~ N(0, sigma^2 I)   (gamma appears: gamma/sigma)
//   gradient: theta <- theta - gamma (clip_A(grad) + Z)                     (gamma cancels: 1/sigma)
#pragma once
#include <span>
#include <vector>

#include "bounds/registry.hpp"
#include "exact/formula.hpp"
#include "exact/rational.hpp"
#include "exact/value.hpp"

namespace gdcert::bounds {

/** Budget of a noisy-GD run: step size, steps, parameters, clip / gradient bound, noise. */
struct Budget {
  Rational gamma{1}, T{1}, P{1}, A{1}, sigma{1};
  bool noise_in_gradient = false;
};

/**
 * Abbe-Sandon form: P(success) - 1/2 <= (gamma T sqrt(P) A / sigma) CP^(1/4).
 * Guarantee: exact when sqrt(P) and CP^(1/4) are rational, else a ball at prec bits.   Formula: noisy_gd.abbe_sandon.
 */
Value abbe_sandon_advantage(const Budget& b, const Rational& cp, long prec);
/** Least integer T with (gamma T sqrt(P) A/sigma) CP^(1/4) >= eps (exact integer). */
Value abbe_sandon_least_T(const Budget& b, const Rational& cp, const Rational& eps, long prec);
/** Largest sigma with (gamma T sqrt(P) A/sigma) CP^(1/4) >= eps. */
Value abbe_sandon_largest_sigma(const Budget& b, const Rational& cp, const Rational& eps, long prec);

/**
 * Alignment bound: E<fhat, f> <= M sqrt(Al) (1 + (2/sqrt(2 pi)) ||f|| T B sqrt(P) gamma/sigma)  (gamma dropped with
 * noise=gradient); here b.A is the gradient bound B. Ball (pi). Formula: noisy_gd.alignment.
 */
Value alignment_correlation_bound(const Budget& b, const Rational& M, const Rational& align, const Rational& fnorm, long prec);
/** Least integer T with bound >= eps (0 when M sqrt(Al) >= eps already). */
Value alignment_least_T(const Budget& b, const Rational& M, const Rational& align, const Rational& fnorm, const Rational& eps,
                        long prec);

/**
 * Largest sigma with bound >= eps: sigma = c T / (eps/(M sqrt(Al)) - 1), c = (2/sqrt(2 pi)) ||f|| B sqrt(P) gamma.
 * Precondition: eps > M sqrt(Al) (else every sigma allows eps; domain_error). Ball.
 */
Value alignment_largest_sigma(const Budget& b, const Rational& M, const Rational& align, const Rational& fnorm,
                              const Rational& eps, long prec);

/** k-th root of q when it is rational. */
std::optional<Rational> exact_root(const Rational& q, unsigned k);

/** The bounds of this module, for `gdcert bound`. */
std::vector<BoundEntry> noisy_gd_bounds();
/** The formulas of this module (ids noisy_gd.*). */
std::span<const Formula> noisy_gd_formulas();

}  // namespace gdcert::bounds
