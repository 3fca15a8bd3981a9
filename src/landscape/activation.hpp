// Assumption 2.3 of Soltanolkotabi-Javanmard-Lee (paper 004) for an activation phi:
//   mu(sigma) = E phi'(sigma g),  gamma(sigma) = E phi''(sigma g),  g ~ N(0, 1),
// as certified balls (Arb quadrature over [-T, T] plus a Gaussian tail bound), with the exact symmetry facts that
// decide where they vanish. Activations (Example 2.4): softplus (1/b) log(1 + e^{bz}), sigmoid 1/(1 + e^{-bz}),
// tanh, erf ((2/sqrt pi) int_0^z e^{-t^2/2} dt, the paper's normalisation) and z^2.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "exact/ball.hpp"
#include "exact/rational.hpp"

namespace gdcert::landscape {

enum class ActivationKind { softplus, sigmoid, tanh, erf, quadratic };

struct Activation {
  ActivationKind kind = ActivationKind::softplus;
  Rational b = Rational(10);  // steepness of softplus / sigmoid (ignored otherwise)
  /** "softplus:b=10", "sigmoid:b=1", "tanh", "erf", "quadratic" (canonical spec). */
  std::string spec() const;
};

/** Parses "softplus[:b=B]" (default b = 10, as in the paper's experiments), "sigmoid[:b=B]" (default 1), "tanh", "erf",
 * "quadratic" (or "square", "z^2"). Precondition: b > 0 rational, b <= 100 (input_error otherwise). */
Activation parse_activation(const std::string& spec);

/** Which expectation. */
enum class Moment { mu, gamma };

/**
 * E phi'(sigma g) (Moment::mu) or E phi''(sigma g) (Moment::gamma), g ~ N(0,1), for sigma in the ball `sigma`
 * (a point or an interval: the result then encloses every value on it).
 * Guarantee: ball containing the expectation: acb_calc_integrate on [-T, T] with T^2 = 2 (prec + 20) ln 2, plus the
 * tail |E[h(sigma g); |g| > T]| <= sup|h| erfc(T/sqrt 2) <= sup|h| e^{-T^2/2} added to the radius
 * (proofs/landscape.md#assumption-23). Precondition: sigma >= 0 (domain_error).
 * Formula: landscape.mu / landscape.gamma.
 */
Ball activation_moment_ball(const Activation& act, Moment m, const Ball& sigma, slong prec);
Ball activation_moment_ball(const Activation& act, Moment m, const Rational& sigma, slong prec);

/**
 * The exact value where symmetry decides it for every sigma: softplus mu = 1/2 (phi' - 1/2 is odd); sigmoid, tanh, erf
 * gamma = 0 (phi'' is odd); quadratic mu = 0, gamma = 2. nullopt otherwise. Formula: landscape.assumption23_symmetry.
 */
std::optional<Rational> activation_moment_exact(const Activation& act, Moment m);

/** mu(sigma) = (2/sqrt pi)/sqrt(1 + sigma^2) for the paper's erf (closed form, an independent route). */
Ball erf_mu_closed_form_ball(const Rational& sigma, slong prec);

/** sup |phi'| (Moment::mu) or sup |phi''| (Moment::gamma) over R, a rational upper bound (infinite for z^2: nullopt). */
std::optional<Rational> derivative_bound(const Activation& act, Moment m);

/** The certified statement of Assumption 2.3 for one activation over a sigma-range. */
struct AssumptionReport {
  Activation act;
  std::vector<Rational> grid;                 // sigma_j
  std::vector<Ball> mu, gamma;                // at the grid points
  std::optional<Rational> mu_exact, gamma_exact;  // when symmetry decides it for every sigma
  // Cover of [grid.front(), grid.back()] by the cells [sigma_j, sigma_{j+1}]: balls enclosing all values on each cell.
  std::vector<Ball> mu_cells, gamma_cells;
  // For every sigma >= 0 (a sign argument: the integrand has one sign), or on the cells (certified by balls):
  std::string mu_statement, gamma_statement;
  bool mu_nonzero_on_cells = false, gamma_nonzero_on_cells = false;
  std::string case_23;                        // "(a)" (gamma nowhere zero), "(b)" (gamma = 0), or "neither/undecided"
};

/** Evaluates mu and gamma on the grid and its cells. Precondition: grid increasing, >= 0, <= 401 points (input_error). */
AssumptionReport assumption23(const Activation& act, const std::vector<Rational>& grid, slong prec);

}  // namespace gdcert::landscape
