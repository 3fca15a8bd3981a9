// Exact landscape quantities of a shallow network with quadratic activation (Soltanolkotabi, Javanmard, Lee 2019,
// paper 004, Theorem 2.1 and its proof, proofs/landscape.md):
//
//   f(x) = v^T (W x)^2 = sum_l v_l (w_l . x)^2,   W in Q^{k x d} (rows w_l), v in Q^k fixed
//   L(W) = (1/(2n)) sum_i (y_i - f(x_i))^2,       r_i = f(x_i) - y_i
//   S    = sum_i r_i x_i x_i^T                    (the residual matrix; gradient = 2 D_v W S / n)
//
// Everything is polynomial in the data, so every value here is an exact rational (Guarantee: exact). Shapes are
// checked (input_error names the mismatch).
#pragma once
#include <array>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "exact/ball.hpp"
#include "exact/formula.hpp"
#include "landscape/qmatrix.hpp"

namespace gdcert::landscape {

/** The formulas of this module (landscape.*), for the registry. */
std::span<const Formula> landscape_formulas();

/** A data set: rows x_i of X (n x d) and labels y (n). */
struct Data {
  QMatrix X;  // n x d, row i = x_i
  QVector y;  // n
  long n() const { return X.rows(); }
  long d() const { return X.cols(); }
};

/** A point of the landscape: fixed output weights v (k) and hidden weights W (k x d). */
struct Point {
  QVector v;
  QMatrix W;
};

/** input_error unless y has n entries, v has k = W.rows() entries, W has d columns, n >= 1, d >= 1, k >= 1. */
void require_shapes(const Data& data, const Point& p, const char* function);

/** f(x_i) = x_i^T W^T D_v W x_i for every i. Formula: landscape.model. */
QVector predictions_exact(const Data& data, const Point& p);
/** r_i = f(x_i) - y_i. */
QVector residuals_exact(const Data& data, const Point& p);
/** L(W) = (1/(2n)) sum r_i^2. Formula: landscape.loss. */
Rational loss_exact(const Data& data, const Point& p);
/** M = W^T D_v W (d x d, symmetric): f(x) = x^T M x. Formula: landscape.convex_reparametrisation. */
QMatrix gram_exact(const Point& p);
/** S / n = (1/n) sum_i r_i x_i x_i^T. Formula: landscape.residual_matrix. */
QMatrix residual_matrix_exact(const Data& data, const Point& p);
/** grad_W L = 2 D_v W (S/n) (k x d). Formula: landscape.gradient. */
QMatrix gradient_exact(const Data& data, const Point& p);
/**
 * grad_W L by the general-activation formula D_v ((1/n) sum_i r_i phi'(W x_i) x_i^T) with phi'(z) = 2z, an
 * independent route. Formula: landscape.gradient_general.
 */
QMatrix gradient_general_exact(const Data& data, const Point& p);
/**
 * vec(U)^T grad^2 L vec(U) = (2/n) sum_i r_i x_i^T U^T D_v U x_i + (4/n) sum_i (x_i^T W^T D_v U x_i)^2.
 * Formula: landscape.hessian_form [derived].
 */
Rational hessian_form_exact(const Data& data, const Point& p, const QMatrix& U);
/**
 * The general form (5.8) with phi = z^2: (1/n) sum r_i sum_p v_p phi''(w_p.x_i)(u_p.x_i)^2 +
 * (1/n) sum_i (sum_p v_p phi'(w_p.x_i)(u_p.x_i))^2. Formula: landscape.hessian_form_general.
 */
Rational hessian_form_general_exact(const Data& data, const Point& p, const QMatrix& U);
/** (6.4) as recorded: the same with 2/n in the second term. Formula: landscape.hessian_form_recorded. */
Rational hessian_form_recorded_exact(const Data& data, const Point& p, const QMatrix& U);
/**
 * The coefficients c_0..c_4 of the quartic t -> L(W + tU), expanded exactly from the definition of L (no derivative
 * formula is used): c_0 = L(W), c_1 = <grad, U>, 2 c_2 = the Hessian form. Formula: landscape.loss.
 */
std::array<Rational, 5> loss_along_line_exact(const Data& data, const Point& p, const QMatrix& U);

/** The loss of the convex problem f(M) = (1/(2n)) sum (x_i^T M x_i - y_i)^2 at symmetric M. Formula: landscape.convex_loss. */
Rational convex_loss_exact(const Data& data, const QMatrix& M);

/** The least-squares problem over Sym(d). */
struct SymLeastSquares {
  Rational optimum;       // min_M f(M) (exact)
  QMatrix M_star;         // a minimiser; the minimum-Frobenius-norm one when not unique
  long feature_rank = 0;  // rank of the n x d(d+1)/2 feature matrix (x_p x_q, off-diagonal counted twice)
  bool unique = false;    // feature_rank == d(d+1)/2
};
/** Exact normal equations over Sym(d). Formula: landscape.sym_least_squares [derived]. */
SymLeastSquares sym_least_squares_exact(const Data& data);

/** The d^2 x n Khatri-Rao matrix X*X with columns x_i (x) x_i. */
QMatrix khatri_rao_exact(const QMatrix& X);
/** rank(X*X) (exact). Formula: landscape.khatri_rao_rank. */
long khatri_rao_rank(const QMatrix& X);
/** min(n, d(d+1)/2), the generic rank. */
long generic_khatri_rao_rank(long n, long d);

/**
 * The inertia construction: W with W^T D_v W = M for symmetric M, when v has at least d positive and d negative
 * entries. M = sum_j D_j q_j q_j^T (congruence); the j-th pivot goes to an unused v_l of its sign with
 * w_l = sqrt(D_j / v_l) q_j. Rows are stored as (scale_sq, direction): w_l = sqrt(scale_sq) direction, exactly.
 * Formula: landscape.inertia_factor [derived].
 */
struct InertiaFactor {
  std::vector<Rational> scale_sq;     // k entries, >= 0
  std::vector<QVector> direction;     // k rational vectors (zero for unused rows)
  bool rational = false;              // every scale_sq is the square of a rational: W is exact
  std::optional<QMatrix> W;           // when rational
  QMatrix check;                      // sum_l v_l scale_sq_l direction_l direction_l^T, equals M exactly
};
/** Precondition: M symmetric d x d, v has >= d positive and >= d negative entries (domain_error otherwise). */
InertiaFactor inertia_factor_exact(const QMatrix& M, const QVector& v);

/** sqrt(q) when q >= 0 is the square of a rational, else nullopt. */
std::optional<Rational> rational_sqrt(const Rational& q);

/** The verdict at a point. */
enum class PointKind { global_minimum, strict_saddle, not_stationary, undetermined };
std::string_view to_string(PointKind k);

/** The Case-II negative-curvature direction U = a b^T (proof of Theorem 2.1). */
struct SaddleDirection {
  QVector a;                  // in null(W^T D_v), supported on S+ or S-
  Rational a_Dv_a;            // a^T D_v a (> 0 on S+, < 0 on S-)
  QVector b;                  // rational: a row of the congruence E with b^T S b of the needed sign
  Rational b_S_b;             // b^T (S/n) b
  Rational value;             // 2 (a^T D_v a) b^T (S/n) b < 0, exact; equals hessian_form_exact(a b^T)
  QMatrix U;                  // a b^T
  Ball eigenvalue;            // the extreme eigenvalue lambda of S/n used with a unit eigenvector b (ball)
  Ball eigen_value;           // 2 (a^T D_v a) lambda: the Hessian value along a b_unit^T (ball; b irrational in general)
  std::optional<Rational> eigenvalue_rational;   // lambda when rational (then eigen_value is exact too)
  std::optional<Rational> eigen_value_rational;  // 2 (a^T D_v a) lambda when lambda is rational
  bool uses_positive_support = false;  // a supported on S+ (then S has a negative eigenvalue)
};

/** The certificate and verdict at one point. */
struct Certificate {
  Rational loss;
  QMatrix residual_matrix;        // S / n
  QMatrix gradient;               // k x d
  Rational gradient_norm_sq;      // ||grad||_F^2
  Ball gradient_norm;             // ||grad||_F
  bool stationary = false;
  bool certificate_holds = false; // S = 0: W is a global minimiser (Lemma 6.1)
  long positive = 0, negative = 0;  // counts of v's signs
  bool theorem_assumption = false;  // >= d positive and >= d negative entries of v
  long rank_plus = 0, rank_minus = 0;  // ranks of (D_v W)_{S+}, (D_v W)_{S-}
  std::optional<SymLeastSquares> least_squares;  // when asked
  std::optional<SaddleDirection> saddle;
  PointKind kind = PointKind::undetermined;
  std::string reason;             // one line: why this verdict
};

/**
 * The verdict at (data, point): not stationary (grad != 0, with its norm), global minimum (S = 0, Lemma 6.1), strict
 * saddle (stationary, S != 0, with the Case-II direction and its exact negative Hessian value), or undetermined (a
 * stationary point with S != 0 where v violates Theorem 2.1's sign condition and no Case-II direction exists).
 * with_least_squares also solves the convex problem (optimum compared with L in the caller).
 * Formula: landscape.optimality_certificate, landscape.case2_direction.
 */
Certificate certify_exact(const Data& data, const Point& p, bool with_least_squares, slong prec);

}  // namespace gdcert::landscape
