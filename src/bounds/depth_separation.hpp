// Depth separation for ball indicators (Safran–Lee 2022, after Eldan–Shamir 2016 and Safran–Shamir 2017):
// the d^{-4} amplification, the logistic-output identity, the truncated-square identity, approximation widths
// and the error bound of the positive mechanism. Exact where rational, balls where transcendental.
#pragma once
#include <span>
#include <vector>

#include "bounds/registry.hpp"
#include "exact/ball.hpp"
#include "exact/formula.hpp"
#include "exact/integer.hpp"
#include "exact/rational.hpp"

namespace gdcert::bounds {

/** Both sides of the amplification inequality ||sum_j s_j v_j||^2 <= M sum_j ||v_j||^2, v_j = h_j - F_j. */
struct Amplification {
  Rational lhs, rhs;
};
/**
 * Exact sides of the amplification step for vectors h_j, F_j in Q^n and signs s_j in {+1, -1}.
 * Precondition: M = h.size() = F.size() = s.size() >= 1, equal lengths, s_j = +-1 (input_error).
 * Formula: ds.amplification [derived] (Cauchy–Schwarz, proofs/depth-separation.md#amplification).
 */
Amplification amplification_exact(const std::vector<std::vector<Rational>>& h, const std::vector<std::vector<Rational>>& F,
                                  const std::vector<int>& s);

/** M^2 delta: the amplified error bound E(g - H)^2 <= M sum_j E(f_{r_j} - h(./r_j))^2 <= M^2 delta. Formula: ds.amplification. */
Rational amplified_error_exact(const Integer& M, const Rational& delta);

/** c/(4 N^2): the accuracy floor delta >= c/M^2, M = 2N. Precondition: N >= 1, c > 0. Formula: ds.accuracy_floor. */
Rational accuracy_floor_exact(const Rational& c, const Integer& N);

/** (2/k)(ln 2 - 1/2) = int_R (1{u >= 0} - sigma(k u))^2 du, logistic sigma. Precondition: k > 0. Formula: ds.logistic_gap. */
Ball logistic_gap_ball(const Rational& k, slong prec);

/** [sum_i min(x_i^2, C) <= r^2] (exact). Formula: ds.truncated_square. */
bool truncated_square_inside_exact(const std::vector<Rational>& x, const Rational& r, const Rational& C);
/** [||x||^2 <= r^2] (exact). */
bool ball_inside_exact(const std::vector<Rational>& x, const Rational& r);

/** c_sigma R L / delta: the width that approximates an L-Lipschitz function constant outside [-R, R]. Formula: ds.univariate_width. */
Rational univariate_width_exact(const Rational& c_sigma, const Rational& R, const Rational& L, const Rational& delta);

/** c_sigma 2C/delta per coordinate (t -> min(t^2, C): R = sqrt C, L = 2 sqrt C). Formula: ds.truncated_square_width. */
Rational truncated_square_width_exact(const Rational& c_sigma, const Rational& C, const Rational& delta);

/**
 * (2Q/k)(ln 2 - 1/2) + p sigma(-k w)^2: error of sigma(k(r^2 - ||x||^2)) for f_r when ||x||^2 has density <= Q on
 * the window |u| <= w and P(|u| > w) <= p. Preconditions: Q >= 0, k > 0, w >= 0, 0 <= p <= 1.
 * Formula: ds.positive_error [reconstructed mechanism; the inequality derived].
 */
Ball positive_mechanism_error_ball(const Rational& Q, const Rational& k, const Rational& w, const Rational& p, slong prec);

/** The formula table (ids ds.*). */
std::span<const Formula> depth_separation_formulas();

/** Registry entries for `gdcert bound` (the CLI is wired elsewhere). */
std::vector<BoundEntry> depth_separation_bounds();

}  // namespace gdcert::bounds
