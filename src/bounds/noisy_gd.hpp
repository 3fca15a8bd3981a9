// Noisy-GD lower bounds: the Abbe-Sandon cross-predictability form, the alignment bound with explicit constants,
// and the INAL => orbit-CP chain; each evaluated (advantage bound for a budget) and inverted (least T, largest
// noise for a target advantage). Theory: inal-and-cross-predictability §8, §10(c); equivariance-and-alignment §6.
//
// Noise convention (option noise=param|gradient; default param, the simulator's update):
//   param:    theta <- theta - gamma clip_A(grad) + Z, Z ~ N(0, sigma^2 I)   (gamma appears: gamma/sigma)
//   gradient: theta <- theta - gamma (clip_A(grad) + Z)                     (gamma cancels: 1/sigma)
#pragma once
#include <optional>
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
 * The T-independent term c0 of the Abbe-Sandon bound: the advantage of the junk-label run, at most ||E_F F||_2 / 2.
 * class_mean = |E_F F| when the class mean is a known constant (0 for a sign-balanced class, |fhat(0)| for a B_n
 * orbit), exact c0 = class_mean/2; nullopt for an unknown class, c0 = CP^(1/4)/2 (exact when CP^(1/4) is rational).
 */
Value abbe_sandon_junk_term(const Rational& cp, const std::optional<Rational>& class_mean, long prec);

/**
 * Abbe-Sandon form, uncapped: P(success) - 1/2 <= c0 + (gamma T sqrt(P) A / sigma) CP^(1/4), under the hypothesis
 * |d f_NN(x; theta)/d theta_i| <= A (proofs/noisy-gd.md#abbe-sandon).
 * Guarantee: exact when sqrt(P), CP^(1/4) and c0 are rational, else a ball at prec bits.  Formula: noisy_gd.abbe_sandon.
 */
Value abbe_sandon_advantage(const Budget& b, const Rational& cp, const std::optional<Rational>& class_mean, long prec);
/** min(1/2, adv): an advantage P(success) - 1/2 is at most 1/2 (exact 1/2 when the ball is certainly >= 1/2). */
Value capped_advantage(const Value& adv, long prec);

/** Least integer T >= 0 with c0 + (gamma T sqrt(P) A/sigma) CP^(1/4) >= eps (exact integer; 0 when c0 >= eps). */
Value abbe_sandon_least_T(const Budget& b, const Rational& cp, const std::optional<Rational>& class_mean,
                          const Rational& eps, long prec);
/** Whether the T-independent term c0 (abbe_sandon_junk_term) alone is >= eps, decided exactly. */
bool abbe_sandon_junk_term_reaches(const Rational& cp, const std::optional<Rational>& class_mean, const Rational& eps,
                                   long prec);
/**
 * Largest sigma with c0 + (gamma T sqrt(P) A/sigma) CP^(1/4) >= eps; none (with the reason) when c0 >= eps (every
 * sigma allows it) or T = 0 (no sigma does).
 */
BoundValue abbe_sandon_largest_sigma(const Budget& b, const Rational& cp, const std::optional<Rational>& class_mean,
                                     const Rational& eps, long prec);

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
