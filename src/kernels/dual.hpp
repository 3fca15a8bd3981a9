// Dual activations (second-moment / NNGP kernels) E[σ(u)σ(v)] of centred jointly Gaussian pre-activations,
// and their power-series (squared Hermite) coefficients, as certified Arb balls or exact rational multiples
// of 1 and 1/π.
//
// Activations and normalisations (proofs/kernels.md has every formula with its id, source and tag):
//   relu        σ(u) = max(u, 0)                         (identical to arccos:1)
//   sign        σ(u) = +1 for u >= 0, −1 for u < 0       (= 2·arccos:0 − 1; sign(0) is irrelevant a.s.)
//   erf         σ(u) = erf(u)                            (not erf(u/√2))
//   arccos:p    σ_p(u) = u^p·1{u > 0}, σ_0(u) = 1{u >= 0} (the step; alias "step")
//   abrelu:a,b  σ(u) = a·min(u, 0) + b·max(u, 0) (neural-tangents' ABRelu); leaky:α = abrelu:α,1; abs = abrelu:-1,1
//   sin, cos    σ(u) = sin u, cos u
//   gelu        σ(u) = u·Φ(u), Φ the standard normal distribution function (exact GELU, not the tanh approximation)
// General 2×2 covariances (Var u ≠ Var v), the derivative kernels E[σ'(u)σ'(v)] and the GELU quadrature are in
// kernels/general.hpp; the deep NNGP/NTK recursions in kernels/deep.hpp.
// For unit variance the arc-cosine kernel is κ_p(ρ) = J_p(θ)/(2π), θ = arccos ρ, with Cho & Saul's J_p;
// their kernel k_p(x, y) = (1/π)‖x‖^p‖y‖^p J_p(θ) equals 2κ_p for unit inputs. For Var u = Var v = V the
// homogeneity σ_p(√V t) = V^{p/2} σ_p(t) gives E[σ_p(u)σ_p(v)] = V^p κ_p(Cov/V).
#pragma once
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "exact/ball.hpp"
#include "exact/formula.hpp"
#include "exact/integer.hpp"
#include "exact/rational.hpp"

namespace gdcert::kernels {

/** Largest arc-cosine order accepted by parse_activation (J_p has integer coefficients of size ~ (2p)!). */
inline constexpr unsigned kMaxArccosOrder = 64;

struct Activation {
  enum class Kind { relu, sign, erf, arccos, abrelu, sin, cos, gelu } kind = Kind::relu;
  /** Homogeneity degree: arc-cosine order p (relu, abrelu: 1; sign, erf: 0; sin, cos, gelu: 0, not homogeneous). */
  unsigned order = 0;
  /** abrelu only: σ(u) = a·min(u, 0) + b·max(u, 0). */
  Rational a{0}, b{1};
  /** Canonical text: "relu", "sign", "erf", "arccos:p", "leaky:α" (b = 1), "abs" (a = -1, b = 1), "abrelu:a,b",
   *  "sin", "cos", "gelu". */
  std::string name() const;
  friend bool operator==(const Activation&, const Activation&) = default;
};

/**
 * Parses "relu", "sign", "erf", "arccos:p" (p = 0..kMaxArccosOrder), the alias "step" (= arccos:0), "leaky:α",
 * "abrelu:a,b" (rationals), "abs", "sin", "cos", "gelu".
 * Precondition: a known name, else input_error listing the known names.
 */
Activation parse_activation(std::string_view text);

/** The accepted activation names, for help texts: "relu, sign, erf, step, arccos:p (p = 0..64)". */
std::string activation_names();

/**
 * E[σ(u)σ(v)] for (u, v) centred jointly Gaussian with Var u = Var v = var and Cov(u, v) = cov.
 * Guarantee:    ball; encloses the value for every admissible (var, cov) inside the given balls (where a ball
 *               straddles |cov| = var, the correlation is clipped to [-1, 1]); width grows near ρ = ±1 for
 *               inexact inputs. No accuracy promise (see second_moment_to_accuracy).
 * Precondition: var > 0 and |cov| <= var, else domain_error (raised when the balls certainly violate them or
 *               var is not certainly positive).
 * Formula:      kernel.relu, kernel.sign, kernel.erf, kernel.arccos (+ kernel.arccos.recurrence for p >= 3).
 * Example:
 *     Ball k = second_moment(parse_activation("sign"), to_ball(Rational(1), 128), to_ball(Rational(1, 2), 128), 128);
 *     // [0.333333333333333333333333333333333333 +/- ...] (= (2/π) arcsin(1/2) = 1/3)
 */
Ball second_moment(const Activation& a, const Ball& var, const Ball& cov, slong prec);

/** Whether second_moment_to_accuracy evaluates a's kernel at the exact argument t = p/q through kernel.arcsin.exact
 *  (relu, sign, erf, arccos:p); abrelu, sin, cos and gelu take the general route. */
bool uses_arcsin_exact(const Activation& a);

/**
 * second_moment at a requested accuracy: Ziv loop (evaluate_to_accuracy) from accuracy_bits + 16 bits of
 * working precision, doubling up to kMaxPrec.
 * Guarantee:    ball enclosing the value with relative accuracy >= accuracy_bits (absolute 2^-accuracy_bits
 *               where the ball contains 0).
 * Precondition: var > 0, |cov| <= var (domain_error); 1 <= accuracy_bits <= kMaxPrec - 16 (precision_error:
 *               unreachable within kMaxPrec).
 */
Ball second_moment_to_accuracy(const Activation& a, const Rational& var, const Rational& cov, slong accuracy_bits);

/** Largest working precision second_moment_to_accuracy will use. */
inline constexpr slong kMaxPrec = slong{1} << 16;

/** Unit-variance kernel κ(ρ) = second_moment(a, 1, ρ). Precondition: -1 <= ρ <= 1 (domain_error). */
Ball kappa(const Activation& a, const Rational& rho, slong prec);

/**
 * Effective correlation of a first-layer neuron σ(w·x + b), w ~ N(0, s2·I/n), b ~ N(0, beta2), for inputs
 * with ⟨x, y⟩/n = rho and ‖x‖²/n = ‖y‖²/n = 1: pre-activation variance V = s2 + beta2, covariance
 * C = s2·rho + beta2, rho' = C/V.
 * Guarantee:    exact.
 * Precondition: s2 >= 0, beta2 >= 0, s2 + beta2 > 0, -1 <= rho <= 1 (domain_error).
 * Formula:      kernel.effective_correlation.
 */
struct EffectiveCorrelation {
  Rational var, cov, rho;
};
EffectiveCorrelation effective_correlation(const Rational& s2, const Rational& beta2, const Rational& rho);

/**
 * Arc-cosine polynomials: J_p(θ) = A_p(cos θ)(π − θ) + B_p(cos θ) sin θ with integer polynomials
 * (coefficient vectors, constant term first), A_0 = 1, B_0 = 0,
 *   A_{p+1} = (2p+1) x A_p + (1 − x²) A_p',   B_{p+1} = 2p x B_p + A_p + (1 − x²) B_p'.
 * Formula: kernel.arccos.recurrence. Precondition: p <= kMaxArccosOrder (domain_error).
 */
std::pair<std::vector<Integer>, std::vector<Integer>> arccos_polynomials(unsigned p);

/** Exact value of an exact-or-π series coefficient: rational_part · constant, constant "1" or "1/pi". */
struct SeriesTerm {
  unsigned l;
  Rational rational_part;
  std::string constant;  // "1" or "1/pi"
  Ball value;            // rational_part · constant at the requested precision
  /** "p/q" or "p/q·(1/pi)" (zero as "0"). */
  std::string exact_str() const;
};

struct Series {
  std::vector<SeriesTerm> terms;  // l = 0 .. L
  /** Σ_{l > L} a_l = κ(1) − Σ_{l <= L} a_l (all a_l >= 0), certified; bounds |Σ_{l>L} a_l ρ^l| for |ρ| <= 1. */
  Ball tail_bound;
  /** κ(1) = E[σ(u)²], exact where rational (relu/arccos/sign), else nullopt (erf). */
  std::optional<Rational> kappa_one_exact;
  Ball kappa_one;
};

/**
 * Power-series coefficients a_0..a_L of κ(ρ) = E[σ(u)σ(v)] for unit variance, a_l = (E[σ(u)He_l(u)])²/l!
 * (probabilists' Hermite polynomials), each as an exact rational multiple of 1 or 1/π plus its ball, and the
 * certified tail Σ_{l>L} a_l.
 * Formula:      kernel.hermite, kernel.series.arccos (relu = p = 1), kernel.series.sign, kernel.series.erf,
 *               kernel.series.tail.
 * Precondition: L <= 100000 (resource_error).
 * Example:
 *     series(parse_activation("relu"), 4, 128).terms[4].exact_str() == "1/48·(1/pi)"
 */
Series series(const Activation& a, unsigned L, slong prec);

/**
 * The same for Var u = Var v = var, Cov = var·ρ: the series in ρ of E[σ(u)σ(v)]. relu/arccos scale by var^p;
 * sign is unchanged; erf uses q = 2var/(1 + 2var) in place of 2/3. Precondition: var > 0 (domain_error).
 */
Series series(const Activation& a, unsigned L, const Rational& var, slong prec);

/**
 * The normalised Hermite coefficient c_l = E[σ(u) He_l(u)] for unit variance, as r·γ with γ ∈ {1, 1/√(2π)}
 * (relu/arccos/sign; erf: nullopt). Returns {r, true} when γ = 1/√(2π), {r, false} when γ = 1.
 * Formula: kernel.series.arccos (integration by parts, proofs/kernels.md#series-arccos).
 */
std::optional<std::pair<Rational, bool>> hermite_coefficient(const Activation& a, unsigned l);

/** The formulas of this module (ids kernel.*). */
std::span<const Formula> kernel_formulas();

}  // namespace gdcert::kernels
