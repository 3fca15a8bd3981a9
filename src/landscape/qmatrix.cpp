#include "landscape/qmatrix.hpp"

#include <algorithm>

#include "exact/errors.hpp"
#include "exact/rational_matrix.hpp"

namespace gdcert::landscape {

QMatrix QMatrix::identity(long n) {
  QMatrix m(n, n);
  for (long i = 0; i < n; ++i) m(i, i) = 1;
  return m;
}

QMatrix QMatrix::from_rows(const std::vector<QVector>& rows) {
  const long r = static_cast<long>(rows.size());
  const long c = r ? static_cast<long>(rows[0].size()) : 0;
  QMatrix m(r, c);
  for (long i = 0; i < r; ++i) {
    if (static_cast<long>(rows[i].size()) != c)
      throw domain_error("QMatrix::from_rows: requires rows of equal length, got row " + std::to_string(i + 1) +
                         " of length " + std::to_string(rows[i].size()) + " (first row: " + std::to_string(c) + ")");
    for (long j = 0; j < c; ++j) m(i, j) = rows[i][j];
  }
  return m;
}

QVector QMatrix::row(long i) const { return QVector(a_.begin() + i * cols_, a_.begin() + (i + 1) * cols_); }

QVector QMatrix::col(long j) const {
  QVector v(static_cast<std::size_t>(rows_));
  for (long i = 0; i < rows_; ++i) v[i] = (*this)(i, j);
  return v;
}

QMatrix QMatrix::transpose() const {
  QMatrix t(cols_, rows_);
  for (long i = 0; i < rows_; ++i)
    for (long j = 0; j < cols_; ++j) t(j, i) = (*this)(i, j);
  return t;
}

bool QMatrix::is_zero() const {
  return std::all_of(a_.begin(), a_.end(), [](const Rational& x) { return x.is_zero(); });
}

bool QMatrix::is_symmetric() const {
  if (rows_ != cols_) return false;
  for (long i = 0; i < rows_; ++i)
    for (long j = i + 1; j < cols_; ++j)
      if (!((*this)(i, j) == (*this)(j, i))) return false;
  return true;
}

std::vector<std::vector<std::string>> QMatrix::str_rows() const {
  std::vector<std::vector<std::string>> out(static_cast<std::size_t>(rows_));
  for (long i = 0; i < rows_; ++i)
    for (long j = 0; j < cols_; ++j) out[i].push_back((*this)(i, j).str());
  return out;
}

namespace {
void require_same_shape(const QMatrix& a, const QMatrix& b, const char* op) {
  if (a.rows() != b.rows() || a.cols() != b.cols())
    throw domain_error(std::string("QMatrix ") + op + ": requires equal shapes, got " + std::to_string(a.rows()) + "x" +
                       std::to_string(a.cols()) + " and " + std::to_string(b.rows()) + "x" + std::to_string(b.cols()));
}
}  // namespace

QMatrix operator*(const QMatrix& a, const QMatrix& b) {
  if (a.cols() != b.rows())
    throw domain_error("QMatrix *: requires a.cols = b.rows, got " + std::to_string(a.cols()) + " and " +
                       std::to_string(b.rows()));
  QMatrix c(a.rows(), b.cols());
  Rational t;
  for (long i = 0; i < a.rows(); ++i)
    for (long l = 0; l < a.cols(); ++l) {
      if (a(i, l).is_zero()) continue;
      for (long j = 0; j < b.cols(); ++j) {
        fmpq_mul(t.get(), a(i, l).get(), b(l, j).get());
        c(i, j) += t;
      }
    }
  return c;
}

QMatrix operator+(const QMatrix& a, const QMatrix& b) {
  require_same_shape(a, b, "+");
  QMatrix c = a;
  for (long i = 0; i < a.rows(); ++i)
    for (long j = 0; j < a.cols(); ++j) c(i, j) += b(i, j);
  return c;
}

QMatrix operator-(const QMatrix& a, const QMatrix& b) {
  require_same_shape(a, b, "-");
  QMatrix c = a;
  for (long i = 0; i < a.rows(); ++i)
    for (long j = 0; j < a.cols(); ++j) c(i, j) -= b(i, j);
  return c;
}

QMatrix operator*(const Rational& s, const QMatrix& a) {
  QMatrix c = a;
  for (long i = 0; i < a.rows(); ++i)
    for (long j = 0; j < a.cols(); ++j) c(i, j) *= s;
  return c;
}

QVector operator*(const QMatrix& a, const QVector& x) {
  if (a.cols() != static_cast<long>(x.size()))
    throw domain_error("QMatrix * vector: requires a.cols = x.size, got " + std::to_string(a.cols()) + " and " +
                       std::to_string(x.size()));
  QVector y(static_cast<std::size_t>(a.rows()));
  Rational t;
  for (long i = 0; i < a.rows(); ++i)
    for (long j = 0; j < a.cols(); ++j) {
      fmpq_mul(t.get(), a(i, j).get(), x[j].get());
      y[i] += t;
    }
  return y;
}

Rational dot(const QVector& a, const QVector& b) {
  if (a.size() != b.size())
    throw domain_error("dot: requires equal lengths, got " + std::to_string(a.size()) + " and " + std::to_string(b.size()));
  Rational s, t;
  for (std::size_t i = 0; i < a.size(); ++i) {
    fmpq_mul(t.get(), a[i].get(), b[i].get());
    s += t;
  }
  return s;
}

Rational bilinear(const QVector& x, const QMatrix& a, const QVector& y) { return dot(x, a * y); }

Rational frobenius_sq(const QMatrix& a) {
  Rational s;
  for (long i = 0; i < a.rows(); ++i)
    for (long j = 0; j < a.cols(); ++j) s += a(i, j) * a(i, j);
  return s;
}

std::vector<long> rref(QMatrix& a) {
  std::vector<long> pivots;
  long r = 0;
  for (long c = 0; c < a.cols() && r < a.rows(); ++c) {
    long p = r;
    while (p < a.rows() && a(p, c).is_zero()) ++p;
    if (p == a.rows()) continue;
    if (p != r)
      for (long j = 0; j < a.cols(); ++j) std::swap(a(p, j), a(r, j));
    const Rational inv = Rational(1) / a(r, c);
    for (long j = c; j < a.cols(); ++j) a(r, j) *= inv;
    for (long i = 0; i < a.rows(); ++i) {
      if (i == r || a(i, c).is_zero()) continue;
      const Rational f = a(i, c);
      for (long j = c; j < a.cols(); ++j) a(i, j) -= f * a(r, j);
    }
    pivots.push_back(c);
    ++r;
  }
  return pivots;
}

long rank(const QMatrix& a) {
  QMatrix b = a;
  return static_cast<long>(rref(b).size());
}

std::vector<QVector> null_space(const QMatrix& a) {
  QMatrix b = a;
  const std::vector<long> piv = rref(b);
  std::vector<bool> is_pivot(static_cast<std::size_t>(a.cols()), false);
  for (long c : piv) is_pivot[c] = true;
  std::vector<QVector> basis;
  for (long f = 0; f < a.cols(); ++f) {
    if (is_pivot[f]) continue;
    QVector x(static_cast<std::size_t>(a.cols()));
    x[f] = 1;
    for (std::size_t r = 0; r < piv.size(); ++r) x[piv[r]] = -b(static_cast<long>(r), f);
    basis.push_back(std::move(x));
  }
  return basis;
}

QMatrix inverse(const QMatrix& a) {
  if (a.rows() != a.cols())
    throw domain_error("inverse: requires a square matrix, got " + std::to_string(a.rows()) + "x" + std::to_string(a.cols()));
  const long n = a.rows();
  QMatrix aug(n, 2 * n);
  for (long i = 0; i < n; ++i) {
    for (long j = 0; j < n; ++j) aug(i, j) = a(i, j);
    aug(i, n + i) = 1;
  }
  const std::vector<long> piv = rref(aug);
  if (static_cast<long>(piv.size()) < n || (n > 0 && piv[n - 1] >= n))
    throw domain_error("inverse: requires an invertible matrix, got rank < " + std::to_string(n));
  QMatrix inv(n, n);
  for (long i = 0; i < n; ++i)
    for (long j = 0; j < n; ++j) inv(i, j) = aug(i, n + j);
  return inv;
}

Congruence congruence_diagonalise(const QMatrix& s) {
  if (!s.is_symmetric()) throw domain_error("congruence_diagonalise: requires a symmetric matrix");
  const long n = s.rows();
  QMatrix A = s, E = QMatrix::identity(n);
  // Row operation r_i += f r_j applied to A (rows and columns) and to E (rows): E S E^T stays A.
  auto add_row_col = [&](long i, long j, const Rational& f) {
    for (long c = 0; c < n; ++c) A(i, c) += f * A(j, c);
    for (long r = 0; r < n; ++r) A(r, i) += f * A(r, j);
    for (long c = 0; c < n; ++c) E(i, c) += f * E(j, c);
  };
  auto swap_row_col = [&](long i, long j) {
    for (long c = 0; c < n; ++c) std::swap(A(i, c), A(j, c));
    for (long r = 0; r < n; ++r) std::swap(A(r, i), A(r, j));
    for (long c = 0; c < n; ++c) std::swap(E(i, c), E(j, c));
  };
  for (long j = 0; j < n; ++j) {
    if (A(j, j).is_zero()) {
      long p = j + 1;
      while (p < n && A(p, p).is_zero()) ++p;
      if (p < n) {
        swap_row_col(j, p);
      } else {
        long q = j + 1;
        while (q < n && A(q, j).is_zero()) ++q;
        if (q == n) continue;         // row/column j already zero
        add_row_col(j, q, Rational(1));  // new A(j,j) = 2 A(q,j) + A(q,q) = 2 A(q,j) != 0
      }
    }
    for (long i = j + 1; i < n; ++i)
      if (!A(i, j).is_zero()) add_row_col(i, j, -(A(i, j) / A(j, j)));
  }
  Congruence c;
  c.D.resize(static_cast<std::size_t>(n));
  for (long i = 0; i < n; ++i) c.D[i] = A(i, i);
  c.E = E;
  c.Q = inverse(E);
  return c;
}

std::vector<Eigenvalue> symmetric_eigenvalues_ball(const QMatrix& s, slong prec) {
  if (!s.is_symmetric()) throw domain_error("symmetric_eigenvalues_ball: requires a symmetric matrix");
  const long n = s.rows();
  std::vector<Eigenvalue> out;
  if (n == 0) return out;
  RationalMatrix m(n, n);
  for (long i = 0; i < n; ++i)
    for (long j = 0; j < n; ++j) m.set(i, j, s(i, j));
  fmpq_poly_t cp;
  fmpq_poly_init(cp);
  fmpq_mat_charpoly(cp, m.get());
  fmpz_poly_t zp;
  fmpz_poly_init(zp);
  fmpq_poly_get_numerator(zp, cp);  // same roots (denominator cleared)
  fmpz_poly_factor_t fac;
  fmpz_poly_factor_init(fac);
  fmpz_poly_factor(fac, zp);
  for (slong f = 0; f < fac->num; ++f) {
    const slong deg = fmpz_poly_degree(fac->p + f);
    acb_ptr roots = _acb_vec_init(deg);
    arb_fmpz_poly_complex_roots(roots, fac->p + f, 0, prec);
    for (slong r = 0; r < deg; ++r) {
      // The matrix is symmetric, so every root is real: the real part's ball contains it.
      Eigenvalue ev{Ball(acb_realref(roots + r)), std::nullopt};
      if (deg == 1) {  // c1 x + c0: the root -c0/c1 is rational
        ev.exact = -Rational(Integer(fac->p[f].coeffs + 0), Integer(fac->p[f].coeffs + 1));
        ev.ball = to_ball(*ev.exact, prec);
      }
      for (slong e = 0; e < fac->exp[f]; ++e) out.push_back(ev);
    }
    _acb_vec_clear(roots, deg);
  }
  fmpz_poly_factor_clear(fac);
  fmpz_poly_clear(zp);
  fmpq_poly_clear(cp);
  std::sort(out.begin(), out.end(), [](const Eigenvalue& a, const Eigenvalue& b) {
    return arf_cmp(arb_midref(a.ball.get()), arb_midref(b.ball.get())) < 0;
  });
  return out;
}

}  // namespace gdcert::landscape
