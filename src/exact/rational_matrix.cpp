#include "exact/rational_matrix.hpp"

#include <memory>

#include "exact/errors.hpp"

namespace gdcert {

RationalMatrix::RationalMatrix(slong rows, slong cols) {
  if (rows < 0 || cols < 0)
    throw domain_error("RationalMatrix: requires rows, cols >= 0, got " + std::to_string(rows) + "x" +
                       std::to_string(cols));
  fmpq_mat_init(v_, rows, cols);
}
RationalMatrix RationalMatrix::identity(slong n) {
  RationalMatrix m(n, n);
  fmpq_mat_one(m.v_);
  return m;
}
RationalMatrix::RationalMatrix(const RationalMatrix& o) {
  fmpq_mat_init(v_, o.rows(), o.cols());
  fmpq_mat_set(v_, o.v_);
}
RationalMatrix::RationalMatrix(RationalMatrix&& o) noexcept {
  fmpq_mat_init(v_, 0, 0);
  fmpq_mat_swap(v_, o.v_);
}
RationalMatrix& RationalMatrix::operator=(const RationalMatrix& o) {
  if (this != &o) {
    RationalMatrix t(o);
    fmpq_mat_swap(v_, t.v_);
  }
  return *this;
}
RationalMatrix& RationalMatrix::operator=(RationalMatrix&& o) noexcept {
  fmpq_mat_swap(v_, o.v_);
  return *this;
}

void RationalMatrix::check_index(slong i, slong j, const char* fn) const {
  if (i < 0 || j < 0 || i >= rows() || j >= cols())
    throw domain_error(std::string(fn) + ": requires an index inside " + std::to_string(rows()) + "x" +
                       std::to_string(cols()) + ", got (" + std::to_string(i) + ", " + std::to_string(j) + ")");
}
Rational RationalMatrix::at(slong i, slong j) const {
  check_index(i, j, "RationalMatrix::at");
  return Rational(fmpq_mat_entry(v_, i, j));
}
void RationalMatrix::set(slong i, slong j, const Rational& x) {
  check_index(i, j, "RationalMatrix::set");
  fmpq_set(fmpq_mat_entry(v_, i, j), x.get());
}
RationalMatrix RationalMatrix::transpose() const {
  RationalMatrix t(cols(), rows());
  fmpq_mat_transpose(t.v_, v_);
  return t;
}
Rational RationalMatrix::det() const {
  if (rows() != cols())
    throw domain_error("RationalMatrix::det: requires a square matrix, got " + std::to_string(rows()) + "x" +
                       std::to_string(cols()));
  Rational d;
  fmpq_mat_det(d.get(), v_);
  return d;
}
slong RationalMatrix::rank() const {
  RationalMatrix r(rows(), cols());
  return fmpq_mat_rref(r.v_, v_);  // rank = number of pivots of the reduced row echelon form
}
RationalMatrix RationalMatrix::solve(const RationalMatrix& b) const {
  if (rows() != cols() || b.rows() != rows())
    throw domain_error("RationalMatrix::solve: requires a square A and B with as many rows, got A " +
                       std::to_string(rows()) + "x" + std::to_string(cols()) + ", B " + std::to_string(b.rows()) +
                       "x" + std::to_string(b.cols()));
  RationalMatrix x(b.rows(), b.cols());
  if (!fmpq_mat_solve_fraction_free(x.v_, v_, b.v_))
    throw domain_error("RationalMatrix::solve: requires an invertible A, got a singular matrix");
  return x;
}
std::string RationalMatrix::str() const {
  std::string s = "[";
  for (slong i = 0; i < rows(); ++i) {
    s += i ? ", [" : "[";
    for (slong j = 0; j < cols(); ++j) s += (j ? ", " : "") + at(i, j).str();
    s += "]";
  }
  return s + "]";
}

namespace {
void require_same_shape(const RationalMatrix& a, const RationalMatrix& b, const char* fn) {
  if (a.rows() != b.rows() || a.cols() != b.cols())
    throw domain_error(std::string(fn) + ": requires equal shapes, got " + std::to_string(a.rows()) + "x" +
                       std::to_string(a.cols()) + " and " + std::to_string(b.rows()) + "x" + std::to_string(b.cols()));
}
}  // namespace

RationalMatrix operator*(const RationalMatrix& a, const RationalMatrix& b) {
  if (a.cols() != b.rows())
    throw domain_error("RationalMatrix::operator*: requires a.cols == b.rows, got " + std::to_string(a.cols()) +
                       " and " + std::to_string(b.rows()));
  RationalMatrix c(a.rows(), b.cols());
  fmpq_mat_mul(c.v_, a.v_, b.v_);
  return c;
}
RationalMatrix operator+(const RationalMatrix& a, const RationalMatrix& b) {
  require_same_shape(a, b, "RationalMatrix::operator+");
  RationalMatrix c(a.rows(), a.cols());
  fmpq_mat_add(c.v_, a.v_, b.v_);
  return c;
}
RationalMatrix operator-(const RationalMatrix& a, const RationalMatrix& b) {
  require_same_shape(a, b, "RationalMatrix::operator-");
  RationalMatrix c(a.rows(), a.cols());
  fmpq_mat_sub(c.v_, a.v_, b.v_);
  return c;
}
bool operator==(const RationalMatrix& a, const RationalMatrix& b) {
  return a.rows() == b.rows() && a.cols() == b.cols() && fmpq_mat_equal(a.v_, b.v_);
}

RationalPoly::RationalPoly(const std::vector<Rational>& coeffs) {
  fmpq_poly_init(v_);
  for (std::size_t i = 0; i < coeffs.size(); ++i) fmpq_poly_set_coeff_fmpq(v_, static_cast<slong>(i), coeffs[i].get());
}
Rational RationalPoly::coeff(slong i) const {
  if (i < 0) throw domain_error("RationalPoly::coeff: requires i >= 0, got i = " + std::to_string(i));
  Rational c;
  fmpq_poly_get_coeff_fmpq(c.get(), v_, i);
  return c;
}
void RationalPoly::set_coeff(slong i, const Rational& c) {
  if (i < 0) throw domain_error("RationalPoly::set_coeff: requires i >= 0, got i = " + std::to_string(i));
  fmpq_poly_set_coeff_fmpq(v_, i, c.get());
}
Rational RationalPoly::operator()(const Rational& x) const {
  Rational y;
  fmpq_poly_evaluate_fmpq(y.get(), v_, x.get());
  return y;
}
std::string RationalPoly::str() const {
  std::unique_ptr<char, void (*)(void*)> p(fmpq_poly_get_str_pretty(v_, "x"), flint_free);
  return std::string(p.get());
}
RationalPoly operator+(const RationalPoly& a, const RationalPoly& b) {
  RationalPoly c;
  fmpq_poly_add(c.v_, a.v_, b.v_);
  return c;
}
RationalPoly operator-(const RationalPoly& a, const RationalPoly& b) {
  RationalPoly c;
  fmpq_poly_sub(c.v_, a.v_, b.v_);
  return c;
}
RationalPoly operator*(const RationalPoly& a, const RationalPoly& b) {
  RationalPoly c;
  fmpq_poly_mul(c.v_, a.v_, b.v_);
  return c;
}

}  // namespace gdcert
