// Certified enclosure of lambda_min of a symmetric ball matrix (every symmetric matrix inside the balls).
//
// Upper bound: the Rayleigh quotient v^T H v / v^T v of an approximate eigenvector v (exact binary numbers), in ball
// arithmetic (lambda_min <= R(v) for every symmetric H). Lower bound, two routes:
//   cholesky: a shift mu just below the estimate and a verified ball Cholesky of H - mu I (arb_mat_cho succeeds only
//             if every pivot is certainly positive, so H - mu I is positive definite and lambda_min > mu);
//   residual: a double Cholesky H_mid - mu I ~ L L^T and a rigorous bound on the residual E = H - mu I - L L^T
//             (entrywise: the ball of H - mu I - fl(L L^T) plus gamma_{n+2} (|L||L|^T), Higham Thm 3.5); L L^T is PSD,
//             so lambda_min(H) >= mu - ||E||_2 >= mu - ||E||_F (Weyl).
// The cholesky route reaches the working precision (small n); the residual route costs one double factorisation and
// one product (large n) and gives a width of order n u ||H||.
#pragma once
#include <string>

#include "exact/ball.hpp"
#include "exact/ball_matrix.hpp"

namespace gdcert::width {

enum class EnclosureMethod { automatic, cholesky, residual };
EnclosureMethod parse_enclosure_method(std::string_view text);
std::string_view to_string(EnclosureMethod m);

struct EigenEnclosure {
  Ball lambda;          // contains lambda_min: the interval [lower, upper]
  Ball lower, upper;    // certified bounds (lower from the shift, upper from the Rayleigh quotient)
  double approx = 0;    // the double eigensolver's estimate (not certified)
  double width = 0;     // upper bound of (upper - lower), rounded up
  EnclosureMethod method = EnclosureMethod::cholesky;
  slong prec = 0;
  double eigensolver_seconds = 0, certify_seconds = 0;  // informative only
};

/** Largest n for the cholesky route under `automatic` (beyond it: residual). */
inline constexpr slong kCholeskyRouteMaxN = 300;

/**
 * Certified enclosure of lambda_min(H). Precondition: H square (domain_error), finite (precision_error).
 * Errors: precision_error when no certified lower bound is found within 40 widenings of the shift.
 * Formula: width.lambda_min_enclosure.
 */
EigenEnclosure lambda_min_enclosure(const BallMatrix& h, slong prec, EnclosureMethod method = EnclosureMethod::automatic);

/** lambda_min of the midpoint matrix by Eigen's double eigensolver (the comparison of the benchmark). */
double lambda_min_double(const BallMatrix& h);

}  // namespace gdcert::width
