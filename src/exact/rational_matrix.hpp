// RationalMatrix and RationalPoly: RAII value types over FLINT fmpq_mat and fmpq_poly.
#pragma once
#include <string>
#include <vector>

#include "exact/rational.hpp"

namespace gdcert {

/**
 * Dense exact rational matrix with value semantics.
 * Guarantee:    exact. Shape mismatches throw domain_error; indices are checked (domain_error).
 * Example:
 *     RationalMatrix a(2, 2); a.set(0, 0, Rational(1, 2)); a.set(1, 1, 3);  // det(a) == 3/2
 */
class RationalMatrix {
 public:
  RationalMatrix(slong rows = 0, slong cols = 0);
  static RationalMatrix identity(slong n);
  RationalMatrix(const RationalMatrix& o);
  RationalMatrix(RationalMatrix&& o) noexcept;
  RationalMatrix& operator=(const RationalMatrix& o);
  RationalMatrix& operator=(RationalMatrix&& o) noexcept;
  ~RationalMatrix() { fmpq_mat_clear(v_); }

  slong rows() const { return fmpq_mat_nrows(v_); }
  slong cols() const { return fmpq_mat_ncols(v_); }
  Rational at(slong i, slong j) const;
  void set(slong i, slong j, const Rational& x);
  fmpq_mat_struct* get() { return v_; }
  const fmpq_mat_struct* get() const { return v_; }

  RationalMatrix transpose() const;
  /** Precondition: square, else domain_error. */
  Rational det() const;
  slong rank() const;
  /** Solves A X = B. Precondition: A square and invertible, shapes agree; else domain_error. */
  RationalMatrix solve(const RationalMatrix& b) const;
  std::string str() const;

  friend RationalMatrix operator*(const RationalMatrix& a, const RationalMatrix& b);
  friend RationalMatrix operator+(const RationalMatrix& a, const RationalMatrix& b);
  friend RationalMatrix operator-(const RationalMatrix& a, const RationalMatrix& b);
  friend bool operator==(const RationalMatrix& a, const RationalMatrix& b);

 private:
  void check_index(slong i, slong j, const char* fn) const;
  fmpq_mat_t v_;
};

/**
 * Exact univariate polynomial over Q with value semantics.
 * Example:
 *     RationalPoly p({1, 0, -3});   // 1 - 3x^2; p(Rational(1,3)) == 2/3
 */
class RationalPoly {
 public:
  RationalPoly() { fmpq_poly_init(v_); }
  /** Coefficients in increasing degree. */
  explicit RationalPoly(const std::vector<Rational>& coeffs);
  RationalPoly(const RationalPoly& o) { fmpq_poly_init(v_); fmpq_poly_set(v_, o.v_); }
  RationalPoly(RationalPoly&& o) noexcept { fmpq_poly_init(v_); fmpq_poly_swap(v_, o.v_); }
  RationalPoly& operator=(const RationalPoly& o) { fmpq_poly_set(v_, o.v_); return *this; }
  RationalPoly& operator=(RationalPoly&& o) noexcept { fmpq_poly_swap(v_, o.v_); return *this; }
  ~RationalPoly() { fmpq_poly_clear(v_); }

  /** -1 for the zero polynomial. */
  slong degree() const { return fmpq_poly_degree(v_); }
  Rational coeff(slong i) const;
  void set_coeff(slong i, const Rational& c);
  Rational operator()(const Rational& x) const;
  /** Human-readable, e.g. "1-3*x^2" (FLINT's pretty form). */
  std::string str() const;
  fmpq_poly_struct* get() { return v_; }
  const fmpq_poly_struct* get() const { return v_; }

  friend RationalPoly operator+(const RationalPoly& a, const RationalPoly& b);
  friend RationalPoly operator-(const RationalPoly& a, const RationalPoly& b);
  friend RationalPoly operator*(const RationalPoly& a, const RationalPoly& b);
  friend bool operator==(const RationalPoly& a, const RationalPoly& b) { return fmpq_poly_equal(a.v_, b.v_); }

 private:
  fmpq_poly_t v_;
};

}  // namespace gdcert
