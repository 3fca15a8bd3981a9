// QMatrix: a small dense rational matrix with direct element access, and the exact linear algebra the landscape
// certificates need (reduced row echelon form, rank, null space, least squares, congruence diagonalisation of a
// symmetric matrix, certified eigenvalues of a symmetric matrix).
//
// Guarantee: exact over Q (Rational). Shapes are checked (domain_error); sizes are bounded by the callers.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "exact/ball.hpp"
#include "exact/rational.hpp"

namespace gdcert::landscape {

using QVector = std::vector<Rational>;

/** Row-major dense matrix over Q. */
class QMatrix {
 public:
  QMatrix() = default;
  QMatrix(long rows, long cols) : rows_(rows), cols_(cols), a_(static_cast<std::size_t>(rows * cols)) {}
  static QMatrix identity(long n);
  /** Precondition: all rows have the same length (domain_error otherwise). */
  static QMatrix from_rows(const std::vector<QVector>& rows);

  long rows() const { return rows_; }
  long cols() const { return cols_; }
  Rational& operator()(long i, long j) { return a_[static_cast<std::size_t>(i * cols_ + j)]; }
  const Rational& operator()(long i, long j) const { return a_[static_cast<std::size_t>(i * cols_ + j)]; }
  QVector row(long i) const;
  QVector col(long j) const;
  QMatrix transpose() const;
  bool is_zero() const;
  bool is_symmetric() const;
  /** Rows as "p/q" strings. */
  std::vector<std::vector<std::string>> str_rows() const;

  friend QMatrix operator*(const QMatrix& a, const QMatrix& b);
  friend QMatrix operator+(const QMatrix& a, const QMatrix& b);
  friend QMatrix operator-(const QMatrix& a, const QMatrix& b);
  friend QMatrix operator*(const Rational& s, const QMatrix& a);
  friend bool operator==(const QMatrix& a, const QMatrix& b) { return a.rows_ == b.rows_ && a.cols_ == b.cols_ && a.a_ == b.a_; }

 private:
  long rows_ = 0, cols_ = 0;
  std::vector<Rational> a_;
};

QVector operator*(const QMatrix& a, const QVector& x);
Rational dot(const QVector& a, const QVector& b);
/** x^T A y. */
Rational bilinear(const QVector& x, const QMatrix& a, const QVector& y);
/** Sum of squares of the entries (the squared Frobenius norm). */
Rational frobenius_sq(const QMatrix& a);

/** Reduced row echelon form in place; returns the pivot columns (their number is the rank). */
std::vector<long> rref(QMatrix& a);
long rank(const QMatrix& a);
/** A basis of {x : A x = 0} (one vector per free column, the free entry 1). */
std::vector<QVector> null_space(const QMatrix& a);
/** The inverse. Precondition: square and invertible (domain_error otherwise). */
QMatrix inverse(const QMatrix& a);

/**
 * Congruence diagonalisation of a symmetric matrix over Q: E S E^T = D diagonal with E invertible
 * (symmetric Gaussian elimination; a zero pivot with a nonzero off-diagonal entry is repaired by adding a row and
 * column). Then S = Q D Q^T with Q = E^{-1}, and each row e_j of E has e_j S e_j^T = D_j.
 * Precondition: S symmetric (domain_error).
 */
struct Congruence {
  QMatrix E;        // rows e_j
  QVector D;        // diagonal
  QMatrix Q;        // E^{-1}: S = sum_j D_j q_j q_j^T, q_j = column j of Q
};
Congruence congruence_diagonalise(const QMatrix& s);

/**
 * The eigenvalues of a symmetric rational matrix in increasing order with multiplicity, as balls at prec bits:
 * the characteristic polynomial (exact, integer after clearing denominators) is factored and each factor's roots are
 * isolated by arb_fmpz_poly_complex_roots. A rational eigenvalue is an exact ball.
 * Guarantee: each ball contains the eigenvalue; the order is certified where the balls are disjoint.
 */
struct Eigenvalue {
  Ball ball;
  std::optional<Rational> exact;  // when the eigenvalue is rational (a linear factor of the characteristic polynomial)
};
std::vector<Eigenvalue> symmetric_eigenvalues_ball(const QMatrix& s, slong prec);

}  // namespace gdcert::landscape
