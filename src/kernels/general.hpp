// Dual kernels for a general 2×2 covariance Σ = [[q1, c], [c, q2]] (Var u ≠ Var v), as the NNGP recursion needs:
//   k(Σ)  = E[σ(u)σ(v)]      (NNGP / second-moment kernel)
//   k'(Σ) = E[σ'(u)σ'(v)]    (derivative kernel, the NTK's Σ-dot)
// for (u, v) ~ N(0, Σ), every activation of kernels/dual.hpp. With ρ = c/sqrt(q1 q2) and κ_p the unit arc-cosine
// kernel J_p(arccos ρ)/(2π) (proofs/kernels.md has every formula):
//   arccos:p (relu = 1)  k = (q1 q2)^{p/2} κ_p(ρ)                   k' = p² (q1 q2)^{(p-1)/2} κ_{p-1}(ρ)  (p >= 1)
//   sign                 k = (2/π) arcsin ρ                         k' undefined (σ' is a point mass)
//   erf                  k = (2/π) arcsin(2c/sqrt((1+2q1)(1+2q2)))  k' = (4/π)/sqrt((1+2q1)(1+2q2) − 4c²)
//   abrelu:a,b           k = sqrt(q1 q2)((a²+b²) κ_1(ρ) − 2ab κ_1(−ρ))   k' = (a²+b²) κ_0(ρ) + 2ab κ_0(−ρ)
//   sin                  k = e^{−(q1+q2)/2} sinh c                  k' = e^{−(q1+q2)/2} cosh c
//   cos                  k = e^{−(q1+q2)/2} cosh c                  k' = e^{−(q1+q2)/2} sinh c
//   gelu                 certified one-dimensional quadrature (acb_calc_integrate) of the conditional closed form
//                        E[σ(u) E[σ(v) | u]] with a proved tail bound (kernel.gelu.quadrature).
#pragma once
#include <optional>
#include <string>

#include "exact/ball.hpp"
#include "exact/rational.hpp"
#include "kernels/dual.hpp"

namespace gdcert::kernels {

/** Which kernel: the second moment E[σσ] (NNGP) or the derivative kernel E[σ'σ'] (NTK). */
enum class Moment { value, derivative };

/** True when E[σ'(u)σ'(v)] is a finite kernel (every activation but sign and step = arccos:0). */
bool has_derivative_kernel(const Activation& a);

/**
 * E[σ(u)σ(v)] (Moment::value) or E[σ'(u)σ'(v)] (Moment::derivative) for (u, v) ~ N(0, [[q1, c], [c, q2]]).
 * Guarantee:    ball enclosing the value for every admissible (q1, q2, c) inside the balls (ρ clipped to [-1, 1]).
 * Precondition: q1, q2 > 0 certainly and c² <= q1 q2 not certainly violated (domain_error); Moment::derivative
 *               with sign/step is a domain_error.
 * Formula:      kernel.general.<family> (kernel.general.arccos, .sign, .erf, .abrelu, .trig, kernel.gelu.quadrature).
 * Example:
 *     general_moment(parse_activation("sin"), to_ball(Rational(2), 128), to_ball(Rational(1, 2), 128),
 *                    to_ball(Rational(1, 3), 128), Moment::value, 128);  // e^{-5/4} sinh(1/3)
 */
Ball general_moment(const Activation& a, const Ball& q1, const Ball& q2, const Ball& c, Moment m, slong prec);

/** The diagonal E[σ(u)²] / E[σ'(u)²] for u ~ N(0, q): no ρ, so no loss of accuracy at ρ = 1. Precondition: q > 0. */
Ball diagonal_moment(const Activation& a, const Ball& q, Moment m, slong prec);

/**
 * The exact value where it is rational: the relu family's derivative kernel at ρ² ∈ {0, 1/4, 1}, step/sign/erf
 * at (effective) correlations ρ² ∈ {0, 1/4, 1}, arc-cosine kernels at ρ = ±1 when (q1 q2)^{p/2} is rational,
 * sin at c = 0 (value 0), cos' at c = 0. nullopt otherwise. Preconditions as general_moment (exact checks).
 */
std::optional<Rational> general_moment_exact(const Activation& a, const Rational& q1, const Rational& q2,
                                             const Rational& c, Moment m);

/**
 * general_moment certified to accuracy_bits of relative accuracy (absolute near 0) by a Ziv loop; ρ is taken
 * exactly when ρ² is the square of a rational.
 * Precondition: q1, q2 > 0, c² <= q1 q2 (domain_error); 1 <= accuracy_bits <= kMaxPrec - 16 (precision_error).
 */
Ball general_moment_to_accuracy(const Activation& a, const Rational& q1, const Rational& q2, const Rational& c,
                                Moment m, slong accuracy_bits);

/** The formula id of an activation's general-covariance kernel (value or derivative). */
std::string general_formula_id(const Activation& a, Moment m);

}  // namespace gdcert::kernels
