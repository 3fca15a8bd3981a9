#include "landscape/quadratic.hpp"

#include <algorithm>

#include "exact/errors.hpp"
#include "exact/rational_matrix.hpp"

namespace gdcert::landscape {

void require_shapes(const Data& data, const Point& p, const char* function) {
  const std::string fn(function);
  if (data.n() < 1 || data.d() < 1)
    throw input_error(fn + ": requires n >= 1 and d >= 1, got n = " + std::to_string(data.n()) + ", d = " +
                      std::to_string(data.d()));
  if (static_cast<long>(data.y.size()) != data.n())
    throw input_error(fn + ": requires one label per input, got n = " + std::to_string(data.n()) + " inputs and " +
                      std::to_string(data.y.size()) + " labels");
  if (p.W.rows() < 1)
    throw input_error(fn + ": requires k >= 1 rows of W, got k = " + std::to_string(p.W.rows()));
  if (p.W.cols() != data.d())
    throw input_error(fn + ": requires W with d = " + std::to_string(data.d()) + " columns, got " +
                      std::to_string(p.W.cols()));
  if (static_cast<long>(p.v.size()) != p.W.rows())
    throw input_error(fn + ": requires v with k = " + std::to_string(p.W.rows()) + " entries (the rows of W), got " +
                      std::to_string(p.v.size()));
}

namespace {

/** W x_i for every i: n vectors of length k. */
std::vector<QVector> hidden(const Data& data, const QMatrix& W) {
  std::vector<QVector> h(static_cast<std::size_t>(data.n()));
  for (long i = 0; i < data.n(); ++i) h[i] = W * data.X.row(i);
  return h;
}

Rational over_n(const Data& data) { return Rational(1, data.n()); }

}  // namespace

QVector predictions_exact(const Data& data, const Point& p) {
  require_shapes(data, p, "predictions_exact");
  QVector f(static_cast<std::size_t>(data.n()));
  const auto h = hidden(data, p.W);
  for (long i = 0; i < data.n(); ++i)
    for (long l = 0; l < p.W.rows(); ++l) f[i] += p.v[l] * h[i][l] * h[i][l];  // landscape.model
  return f;
}

QVector residuals_exact(const Data& data, const Point& p) {
  QVector r = predictions_exact(data, p);
  for (long i = 0; i < data.n(); ++i) r[i] -= data.y[i];
  return r;
}

Rational loss_exact(const Data& data, const Point& p) {
  const QVector r = residuals_exact(data, p);
  return dot(r, r) / Rational(2 * data.n());  // landscape.loss
}

QMatrix gram_exact(const Point& p) {
  QMatrix DvW = p.W;
  for (long l = 0; l < p.W.rows(); ++l)
    for (long j = 0; j < p.W.cols(); ++j) DvW(l, j) *= p.v[l];
  return p.W.transpose() * DvW;  // landscape.convex_reparametrisation
}

namespace {
QMatrix residual_matrix_from(const Data& data, const QVector& r) {
  const long d = data.d();
  QMatrix S(d, d);
  for (long i = 0; i < data.n(); ++i) {
    if (r[i].is_zero()) continue;
    for (long a = 0; a < d; ++a) {
      const Rational ra = r[i] * data.X(i, a);
      for (long b = a; b < d; ++b) S(a, b) += ra * data.X(i, b);
    }
  }
  const Rational inv = over_n(data);
  for (long a = 0; a < d; ++a)
    for (long b = a; b < d; ++b) {
      S(a, b) *= inv;
      S(b, a) = S(a, b);
    }
  return S;  // landscape.residual_matrix
}
}  // namespace

QMatrix residual_matrix_exact(const Data& data, const Point& p) {
  return residual_matrix_from(data, residuals_exact(data, p));
}

QMatrix gradient_exact(const Data& data, const Point& p) {
  const QMatrix S = residual_matrix_exact(data, p);
  QMatrix G = p.W * S;
  for (long l = 0; l < G.rows(); ++l)
    for (long j = 0; j < G.cols(); ++j) G(l, j) *= Rational(2) * p.v[l];  // landscape.gradient: 2 D_v W S/n
  return G;
}

QMatrix gradient_general_exact(const Data& data, const Point& p) {
  const QVector r = residuals_exact(data, p);
  const auto h = hidden(data, p.W);
  QMatrix G(p.W.rows(), data.d());
  for (long i = 0; i < data.n(); ++i)
    for (long l = 0; l < p.W.rows(); ++l) {
      const Rational c = r[i] * Rational(2) * h[i][l];  // r_i phi'(w_l . x_i), phi'(z) = 2z
      if (c.is_zero()) continue;
      for (long j = 0; j < data.d(); ++j) G(l, j) += c * data.X(i, j);
    }
  const Rational inv = over_n(data);
  for (long l = 0; l < G.rows(); ++l)
    for (long j = 0; j < G.cols(); ++j) G(l, j) *= p.v[l] * inv;  // landscape.gradient_general: D_v (1/n) sum ...
  return G;
}

namespace {
void require_direction(const Point& p, const QMatrix& U, const char* fn) {
  if (U.rows() != p.W.rows() || U.cols() != p.W.cols())
    throw input_error(std::string(fn) + ": requires U of the shape of W (" + std::to_string(p.W.rows()) + "x" +
                      std::to_string(p.W.cols()) + "), got " + std::to_string(U.rows()) + "x" + std::to_string(U.cols()));
}

/** (1/n) sum r_i sum_l v_l (u_l.x_i)^2 and (1/n) sum_i (sum_l v_l (w_l.x_i)(u_l.x_i))^2. */
std::pair<Rational, Rational> hessian_parts(const Data& data, const Point& p, const QMatrix& U) {
  const QVector r = residuals_exact(data, p);
  const auto h = hidden(data, p.W), g = hidden(data, U);
  Rational first, second;
  for (long i = 0; i < data.n(); ++i) {
    Rational q, c;
    for (long l = 0; l < p.W.rows(); ++l) {
      q += p.v[l] * g[i][l] * g[i][l];
      c += p.v[l] * h[i][l] * g[i][l];
    }
    first += r[i] * q;
    second += c * c;
  }
  return {first * over_n(data), second * over_n(data)};
}
}  // namespace

Rational hessian_form_exact(const Data& data, const Point& p, const QMatrix& U) {
  require_shapes(data, p, "hessian_form_exact");
  require_direction(p, U, "hessian_form_exact");
  const auto [first, second] = hessian_parts(data, p, U);
  return Rational(2) * first + Rational(4) * second;  // landscape.hessian_form: 2/n and 4/n
}

Rational hessian_form_recorded_exact(const Data& data, const Point& p, const QMatrix& U) {
  require_shapes(data, p, "hessian_form_recorded_exact");
  require_direction(p, U, "hessian_form_recorded_exact");
  const auto [first, second] = hessian_parts(data, p, U);
  return Rational(2) * first + Rational(2) * second;  // landscape.hessian_form_recorded: (6.4) with 2/n
}

Rational hessian_form_general_exact(const Data& data, const Point& p, const QMatrix& U) {
  require_shapes(data, p, "hessian_form_general_exact");
  require_direction(p, U, "hessian_form_general_exact");
  // (5.8) with phi(z) = z^2: phi'(z) = 2z, phi''(z) = 2; written out separately from hessian_parts.
  const QVector r = residuals_exact(data, p);
  Rational first, second;
  for (long i = 0; i < data.n(); ++i) {
    const QVector x = data.X.row(i);
    Rational inner;
    for (long l = 0; l < p.W.rows(); ++l) {
      const Rational wx = dot(p.W.row(l), x), ux = dot(U.row(l), x);
      first += r[i] * p.v[l] * Rational(2) * ux * ux;  // r_i v_p phi''(w_p.x_i) (u_p.x_i)^2
      inner += p.v[l] * Rational(2) * wx * ux;         // v_p phi'(w_p.x_i) (u_p.x_i)
    }
    second += inner * inner;
  }
  return (first + second) * over_n(data);  // landscape.hessian_form_general
}

std::array<Rational, 5> loss_along_line_exact(const Data& data, const Point& p, const QMatrix& U) {
  require_shapes(data, p, "loss_along_line_exact");
  require_direction(p, U, "loss_along_line_exact");
  // L(W + tU) = (1/(2n)) sum_i (sum_l v_l ((w_l + t u_l).x_i)^2 - y_i)^2, expanded as polynomials in t.
  RationalPoly total;
  for (long i = 0; i < data.n(); ++i) {
    const QVector x = data.X.row(i);
    RationalPoly f({-data.y[i]});
    for (long l = 0; l < p.W.rows(); ++l) {
      const RationalPoly lin({dot(p.W.row(l), x), dot(U.row(l), x)});
      f = f + RationalPoly({p.v[l]}) * lin * lin;
    }
    total = total + f * f;
  }
  std::array<Rational, 5> c;
  const Rational scale(1, 2 * data.n());
  for (int j = 0; j < 5; ++j) c[j] = total.coeff(j) * scale;
  return c;
}

Rational convex_loss_exact(const Data& data, const QMatrix& M) {
  if (M.rows() != data.d() || M.cols() != data.d() || !M.is_symmetric())
    throw input_error("convex_loss_exact: requires a symmetric " + std::to_string(data.d()) + "x" +
                      std::to_string(data.d()) + " matrix M");
  Rational s;
  for (long i = 0; i < data.n(); ++i) {
    const QVector x = data.X.row(i);
    const Rational e = bilinear(x, M, x) - data.y[i];
    s += e * e;
  }
  return s / Rational(2 * data.n());  // landscape.convex_loss
}

namespace {
/** Parameter order of Sym(d): (0,0), (1,1), ..., then (p,q), p < q, lexicographic (as M11, M22, M33, M12, M13, M23). */
std::vector<std::pair<long, long>> sym_index(long d) {
  std::vector<std::pair<long, long>> idx;
  for (long p = 0; p < d; ++p) idx.emplace_back(p, p);
  for (long p = 0; p < d; ++p)
    for (long q = p + 1; q < d; ++q) idx.emplace_back(p, q);
  return idx;
}
}  // namespace

SymLeastSquares sym_least_squares_exact(const Data& data) {
  const long n = data.n(), d = data.d();
  if (static_cast<long>(data.y.size()) != n) throw input_error("sym_least_squares_exact: requires one label per input");
  const auto idx = sym_index(d);
  const long m = static_cast<long>(idx.size());
  QMatrix F(n, m);
  for (long i = 0; i < n; ++i)
    for (long c = 0; c < m; ++c) {
      const auto [p, q] = idx[c];
      F(i, c) = data.X(i, p) * data.X(i, q) * Rational(p == q ? 1 : 2);  // x^T M x = sum M_pp x_p^2 + 2 sum M_pq x_p x_q
    }
  // Minimum-Frobenius-norm minimiser: theta = G^{-1} F^T lambda with G = diag(1 (diagonal), 2 (off-diagonal)), the
  // Gram matrix of the Frobenius norm in these parameters (proofs/landscape.md#sym-least-squares).
  QMatrix Ft = F.transpose();
  QMatrix Ftr = Ft;
  const std::vector<long> rows = rref(Ftr);  // pivot columns of F^T = independent rows of F
  const long r = static_cast<long>(rows.size());
  QMatrix B(m, r);
  for (long c = 0; c < r; ++c)
    for (long j = 0; j < m; ++j) B(j, c) = F(rows[c], j) / Rational(j < d ? 1 : 2);
  const QMatrix A = F * B;  // n x r, full column rank r
  const QMatrix At = A.transpose();
  const QMatrix AtA = At * A;
  const QVector c = inverse(AtA) * (At * data.y);
  const QVector theta = B * c;
  SymLeastSquares ls;
  ls.feature_rank = r;
  ls.unique = r == m;
  ls.M_star = QMatrix(d, d);
  for (long j = 0; j < m; ++j) {
    const auto [p, q] = idx[j];
    ls.M_star(p, q) = theta[j];
    ls.M_star(q, p) = theta[j];
  }
  ls.optimum = convex_loss_exact(data, ls.M_star);  // landscape.sym_least_squares
  return ls;
}

QMatrix khatri_rao_exact(const QMatrix& X) {
  const long n = X.rows(), d = X.cols();
  QMatrix K(d * d, n);
  for (long i = 0; i < n; ++i)
    for (long a = 0; a < d; ++a)
      for (long b = 0; b < d; ++b) K(a * d + b, i) = X(i, a) * X(i, b);
  return K;
}

long khatri_rao_rank(const QMatrix& X) { return rank(khatri_rao_exact(X)); }  // landscape.khatri_rao_rank

long generic_khatri_rao_rank(long n, long d) { return std::min(n, d * (d + 1) / 2); }

std::optional<Rational> rational_sqrt(const Rational& q) {
  if (q.sign() < 0) return std::nullopt;
  const Integer a = q.num(), b = q.den();
  if (!fmpz_is_square(a.get()) || !fmpz_is_square(b.get())) return std::nullopt;
  Integer sa, sb;
  fmpz_sqrt(sa.get(), a.get());
  fmpz_sqrt(sb.get(), b.get());
  return Rational(sa, sb);
}

InertiaFactor inertia_factor_exact(const QMatrix& M, const QVector& v) {
  const long d = M.rows();
  if (!M.is_symmetric()) throw domain_error("inertia_factor_exact: requires a symmetric matrix M");
  std::vector<long> pos, neg;
  for (long l = 0; l < static_cast<long>(v.size()); ++l) {
    if (v[l].sign() > 0) pos.push_back(l);
    if (v[l].sign() < 0) neg.push_back(l);
  }
  if (static_cast<long>(pos.size()) < d || static_cast<long>(neg.size()) < d)
    throw domain_error("inertia_factor_exact: requires v with >= d positive and >= d negative entries (d = " +
                       std::to_string(d) + "), got " + std::to_string(pos.size()) + " positive and " +
                       std::to_string(neg.size()) + " negative");
  const Congruence c = congruence_diagonalise(M);
  const long k = static_cast<long>(v.size());
  InertiaFactor f;
  f.scale_sq.assign(static_cast<std::size_t>(k), Rational(0));
  f.direction.assign(static_cast<std::size_t>(k), QVector(static_cast<std::size_t>(d)));
  std::size_t ip = 0, in = 0;
  for (long j = 0; j < d; ++j) {
    if (c.D[j].is_zero()) continue;
    const long l = c.D[j].sign() > 0 ? pos[ip++] : neg[in++];
    f.scale_sq[l] = c.D[j] / v[l];  // > 0: D_j and v_l share the sign
    f.direction[l] = c.Q.col(j);
  }
  f.check = QMatrix(d, d);
  for (long l = 0; l < k; ++l) {
    if (f.scale_sq[l].is_zero()) continue;
    const Rational w = v[l] * f.scale_sq[l];
    for (long a = 0; a < d; ++a)
      for (long b = 0; b < d; ++b) f.check(a, b) += w * f.direction[l][a] * f.direction[l][b];
  }
  GDCERT_ASSERT(f.check == M, "inertia factor reproduces M");  // landscape.inertia_factor
  f.rational = std::all_of(f.scale_sq.begin(), f.scale_sq.end(), [](const Rational& s) { return rational_sqrt(s).has_value(); });
  if (f.rational) {
    QMatrix W(k, d);
    for (long l = 0; l < k; ++l) {
      const Rational s = *rational_sqrt(f.scale_sq[l]);
      for (long j = 0; j < d; ++j) W(l, j) = s * f.direction[l][j];
    }
    f.W = W;
  }
  return f;
}

std::string_view to_string(PointKind k) {
  switch (k) {
    case PointKind::global_minimum: return "global minimum";
    case PointKind::strict_saddle: return "strict saddle";
    case PointKind::not_stationary: return "not stationary";
    case PointKind::undetermined: return "undetermined";
  }
  return "?";
}

namespace {

/** A nonzero a with W^T D_v a = 0 supported on `support` (rows of W), or nullopt. */
std::optional<QVector> null_direction(const Point& p, const std::vector<long>& support) {
  const long d = p.W.cols(), k = p.W.rows();
  if (support.empty()) return std::nullopt;
  QMatrix A(d, static_cast<long>(support.size()));  // columns v_l w_l, l in support
  for (std::size_t c = 0; c < support.size(); ++c)
    for (long j = 0; j < d; ++j) A(j, static_cast<long>(c)) = p.v[support[c]] * p.W(support[c], j);
  const auto basis = null_space(A);
  if (basis.empty()) return std::nullopt;
  QVector a(static_cast<std::size_t>(k));
  for (std::size_t c = 0; c < support.size(); ++c) a[support[c]] = basis[0][c];
  return a;
}

long block_rank(const Point& p, const std::vector<long>& support) {
  QMatrix B(static_cast<long>(support.size()), p.W.cols());
  for (std::size_t r = 0; r < support.size(); ++r)
    for (long j = 0; j < p.W.cols(); ++j) B(static_cast<long>(r), j) = p.v[support[r]] * p.W(support[r], j);
  return rank(B);
}

}  // namespace

Certificate certify_exact(const Data& data, const Point& p, bool with_least_squares, slong prec) {
  require_shapes(data, p, "certify_exact");
  Certificate c;
  c.loss = loss_exact(data, p);
  c.residual_matrix = residual_matrix_exact(data, p);
  c.gradient = gradient_exact(data, p);
  c.gradient_norm_sq = frobenius_sq(c.gradient);
  {
    Ball b = to_ball(c.gradient_norm_sq, prec + 16);
    arb_sqrt(c.gradient_norm.get(), b.get(), prec);
  }
  c.stationary = c.gradient.is_zero();
  c.certificate_holds = c.residual_matrix.is_zero();
  std::vector<long> pos, neg;
  for (long l = 0; l < static_cast<long>(p.v.size()); ++l) {
    if (p.v[l].sign() > 0) pos.push_back(l);
    if (p.v[l].sign() < 0) neg.push_back(l);
  }
  c.positive = static_cast<long>(pos.size());
  c.negative = static_cast<long>(neg.size());
  c.theorem_assumption = c.positive >= data.d() && c.negative >= data.d();
  c.rank_plus = block_rank(p, pos);
  c.rank_minus = block_rank(p, neg);
  if (with_least_squares) c.least_squares = sym_least_squares_exact(data);

  if (c.certificate_holds) {
    c.kind = PointKind::global_minimum;
    c.reason = "sum_i r_i x_i x_i^T = 0: W minimises L globally (Lemma 6.1: L(W) = f(W^T D_v W) and f is convex)";
    return c;
  }
  if (!c.stationary) {
    c.kind = PointKind::not_stationary;
    c.reason = "grad L != 0 (||grad L||_F^2 = " + c.gradient_norm_sq.str() + ")";
    return c;
  }
  // Stationary with S != 0: look for the Case-II direction U = a b^T.
  const Congruence cg = congruence_diagonalise(c.residual_matrix);
  std::optional<long> neg_pivot, pos_pivot;
  for (long j = 0; j < data.d(); ++j) {
    if (cg.D[j].sign() < 0 && !neg_pivot) neg_pivot = j;
    if (cg.D[j].sign() > 0 && !pos_pivot) pos_pivot = j;
  }
  const auto a_plus = null_direction(p, pos), a_minus = null_direction(p, neg);
  const auto eig = symmetric_eigenvalues_ball(c.residual_matrix, prec);
  SaddleDirection s;
  if (neg_pivot && a_plus) {
    s.a = *a_plus;
    s.b = cg.E.row(*neg_pivot);
    s.uses_positive_support = true;
    s.eigenvalue = eig.front().ball;
    s.eigenvalue_rational = eig.front().exact;
  } else if (pos_pivot && a_minus) {
    s.a = *a_minus;
    s.b = cg.E.row(*pos_pivot);
    s.eigenvalue = eig.back().ball;
    s.eigenvalue_rational = eig.back().exact;
  } else {
    c.kind = PointKind::undetermined;
    c.reason = "stationary with sum r_i x_i x_i^T != 0, but no Case-II direction: v has " + std::to_string(c.positive) +
               " positive and " + std::to_string(c.negative) + " negative entries (Theorem 2.1 needs >= d = " +
               std::to_string(data.d()) + " of each)";
    return c;
  }
  s.a_Dv_a = Rational(0);
  for (std::size_t l = 0; l < s.a.size(); ++l) s.a_Dv_a += p.v[l] * s.a[l] * s.a[l];
  s.b_S_b = bilinear(s.b, c.residual_matrix, s.b);
  s.value = Rational(2) * s.a_Dv_a * s.b_S_b;  // landscape.case2_direction
  s.U = QMatrix(p.W.rows(), data.d());
  for (long l = 0; l < p.W.rows(); ++l)
    for (long j = 0; j < data.d(); ++j) s.U(l, j) = s.a[l] * s.b[j];
  GDCERT_ASSERT(s.value == hessian_form_exact(data, p, s.U), "Case-II value equals the Hessian form along a b^T");
  GDCERT_ASSERT(s.value.sign() < 0, "Case-II value is negative");
  const Ball adva = to_ball(s.a_Dv_a, prec + 16);
  arb_mul(s.eigen_value.get(), s.eigenvalue.get(), adva.get(), prec);
  arb_mul_2exp_si(s.eigen_value.get(), s.eigen_value.get(), 1);  // landscape.case2_eigen: 2 (a^T D_v a) lambda
  if (s.eigenvalue_rational) s.eigen_value_rational = Rational(2) * s.a_Dv_a * *s.eigenvalue_rational;
  c.saddle = s;
  c.kind = PointKind::strict_saddle;
  c.reason = std::string("stationary, sum r_i x_i x_i^T != 0 and both (D_v W)_{S+}, (D_v W)_{S-} rank-deficient (ranks ") +
             std::to_string(c.rank_plus) + ", " + std::to_string(c.rank_minus) +
             "): U = a b^T has negative curvature (Case II)";
  return c;
}

}  // namespace gdcert::landscape
