// NTK margins (paper 003, JT20 Assumption 2.1): the kernel hard-margin value
//   gamma_2^2 = min_{q in simplex} q^T A q,   A = D_y H^inf D_y,
// as an exact convex QP over Q (primal active set, exact KKT solves, the optimum verified by the simplex KKT
// conditions) or as a certified ball enclosure, and the same QP on the inner-product Gram matrix for the best linear
// margin (gamma_bar^2 = min_q |sum q_i y_i x_i|^2).
#pragma once
#include <optional>
#include <vector>

#include "exact/ball.hpp"
#include "exact/ball_matrix.hpp"
#include "exact/rational_matrix.hpp"

namespace gdcert::width {

/** D_y A D_y. Precondition: labels of length n with values ±1 (domain_error). */
RationalMatrix signed_matrix(const RationalMatrix& a, const std::vector<int>& labels);
BallMatrix signed_matrix(const BallMatrix& a, const std::vector<int>& labels);

struct SimplexQp {
  Rational value;                    // min q^T A q (= mu)
  std::vector<Rational> q;           // the optimal q
  std::vector<std::size_t> support;  // { i : q_i > 0 }
  std::vector<Rational> Aq;          // (A q)_j: = value on the support, >= value off it
  bool kkt_verified = false;
  std::size_t iterations = 0;
};

/**
 * The exact minimum of q^T A q over the probability simplex. A must be symmetric positive semidefinite (then the
 * verified KKT conditions prove optimality; H^inf and Gram matrices are). Primal active-set method (Nocedal-Wright
 * Alg. 16.3) in exact arithmetic: zero-curvature directions of a singular KKT system are followed (the objective is
 * constant along them) until a bound drops an index.
 * Precondition: square symmetric, n >= 1 (domain_error). Formula: width.gamma2_squared.
 */
SimplexQp simplex_qp_exact(const RationalMatrix& a);

/** Checks q >= 0, sum q = 1, (A q)_j >= q^T A q for all j with equality where q_j > 0. */
bool verify_simplex_kkt(const RationalMatrix& a, const std::vector<Rational>& q);

struct SimplexQpBall {
  Ball value;                        // contains the minimum for every PSD matrix in the balls
  std::vector<Ball> q;               // enclosure of the optimal q (kkt route), or the exact point z (gap route)
  std::vector<std::size_t> support;
  Ball witness;                      // min_j (A q)_j, the margin of the witness built from q
  bool kkt_certified = false;        // true: ball KKT solve on the support certified; false: duality-gap enclosure
  std::string method;
};

/**
 * Certified enclosure of min q^T A q over the simplex for a ball matrix: the support from a double active-set
 * solve, then either a certified ball KKT solve on it (q certainly > 0 on the support, (A q)_j - mu certainly > 0
 * off it) or, failing that, the convexity gap [2 min_j (A z)_j - z^T A z, z^T A z] at the rational point z.
 * Formula: width.gamma2_squared.
 */
SimplexQpBall simplex_qp_ball(const BallMatrix& a, slong prec);

}  // namespace gdcert::width
