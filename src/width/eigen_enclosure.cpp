#include "width/eigen_enclosure.hpp"

#include <chrono>
#include <cmath>

#include <Eigen/Dense>

#include "exact/errors.hpp"

namespace gdcert::width {

EnclosureMethod parse_enclosure_method(std::string_view t) {
  if (t == "auto") return EnclosureMethod::automatic;
  if (t == "cholesky") return EnclosureMethod::cholesky;
  if (t == "residual") return EnclosureMethod::residual;
  throw input_error("enclosure method: requires auto, cholesky or residual, got \"" + std::string(t) + "\"");
}

std::string_view to_string(EnclosureMethod m) {
  switch (m) {
    case EnclosureMethod::automatic: return "auto";
    case EnclosureMethod::cholesky: return "cholesky";
    case EnclosureMethod::residual: return "residual";
  }
  return "?";
}

namespace {

using Clock = std::chrono::steady_clock;
double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

Eigen::MatrixXd midpoint_matrix(const BallMatrix& h) {
  const slong n = h.rows();
  Eigen::MatrixXd m(n, n);
  for (slong i = 0; i < n; ++i)
    for (slong j = 0; j < n; ++j) m(i, j) = arf_get_d(arb_midref(h.entry(i, j)), ARF_RND_NEAR);
  return 0.5 * (m + m.transpose());
}

/** v^T H v / v^T v in balls for an exact vector v (arb entries with zero radius). */
Ball rayleigh_quotient(const BallMatrix& h, const BallMatrix& v, slong prec) {
  const slong n = h.rows();
  BallMatrix hv(n, 1);
  arb_mat_mul(hv.get(), h.get(), v.get(), prec);
  Ball num, den;
  arb_zero(num.get());
  arb_zero(den.get());
  for (slong i = 0; i < n; ++i) {
    arb_addmul(num.get(), v.entry(i, 0), hv.entry(i, 0), prec);
    arb_addmul(den.get(), v.entry(i, 0), v.entry(i, 0), prec);
  }
  arb_div(num.get(), num.get(), den.get(), prec);
  return num;
}

Ball upper_end(const Ball& b, slong prec) {
  Ball u;
  arb_get_ubound_arf(arb_midref(u.get()), b.get(), prec);
  mag_zero(arb_radref(u.get()));
  return u;
}

Ball hull(const Ball& lo, const Ball& hi, slong prec) {
  Ball r;
  arb_union(r.get(), lo.get(), hi.get(), prec);
  return r;
}

/** Lower bound by ball Cholesky of H - mu I; mu starts just below sigma, widened by 2^4 per failure. */
Ball cholesky_lower(const BallMatrix& h, const arf_t sigma, double scale, slong prec) {
  const slong n = h.rows();
  BallMatrix s(n, n), l(n, n);
  arf_t gap, mu;
  arf_init(gap);
  arf_init(mu);
  arf_set_d(gap, std::max(1.0, scale));
  arf_mul_2exp_si(gap, gap, -(prec - 24));
  Ball result;
  bool ok = false;
  for (int attempt = 0; attempt < 40 && !ok; ++attempt) {
    arf_sub(mu, sigma, gap, prec, ARF_RND_DOWN);
    arb_mat_set(s.get(), h.get());
    for (slong i = 0; i < n; ++i) arb_sub_arf(s.entry(i, i), s.entry(i, i), mu, prec);
    if (arb_mat_cho(l.get(), s.get(), prec)) {
      arb_set_arf(result.get(), mu);  // H - mu I is positive definite: lambda_min > mu
      ok = true;
    }
    arf_mul_2exp_si(gap, gap, 4);
  }
  arf_clear(gap);
  arf_clear(mu);
  if (!ok) throw precision_error("lambda_min_enclosure: no certified Cholesky of H - mu I within 40 shifts at " +
                                 std::to_string(prec) + " bits (raise --prec)");
  return result;
}

/** Lower bound mu - ||E||_F by the double Cholesky residual. */
Ball residual_lower(const BallMatrix& h, const Eigen::MatrixXd& mid, double approx, double norm2, slong prec) {
  const slong n = h.rows();
  const double unit = std::ldexp(1.0, -53);
  // the double eigenvalue is accurate to about n u |H|_2; start the shift there and widen x4 per failed Cholesky
  double delta = std::max(1e-300, 2.0 * static_cast<double>(n) * unit * norm2);
  for (int attempt = 0; attempt < 40; ++attempt, delta *= 4) {
    const double mu = approx - delta;
    Eigen::MatrixXd shifted = mid;
    shifted.diagonal().array() -= mu;
    Eigen::LLT<Eigen::MatrixXd> llt(shifted);
    if (llt.info() != Eigen::Success) continue;
    const Eigen::MatrixXd L = llt.matrixL();
    if (!L.allFinite()) continue;
    const Eigen::MatrixXd G = L * L.transpose();
    const Eigen::MatrixXd A = L.cwiseAbs() * L.cwiseAbs().transpose();
    // |fl(L L^T) - L L^T| <= gamma_n |L||L|^T and the computed |L||L|^T is within a factor (1 + gamma_n) of the true one;
    // c = 2 (n + 2) u covers gamma_n (1 + gamma_n) for n u < 1/100, plus an absolute term for underflow.
    if (static_cast<double>(n) * unit > 0.01) throw resource_error("lambda_min_enclosure: n too large for the residual bound");
    const double c = 2.0 * static_cast<double>(n + 2) * unit;
    Ball e, t;
    mag_t sum, me;
    mag_init(sum);
    mag_init(me);
    const slong wp = 64;
    for (slong i = 0; i < n; ++i)
      for (slong j = 0; j < n; ++j) {
        arb_set(e.get(), h.entry(i, j));
        if (i == j) {
          arb_set_d(t.get(), mu);
          arb_sub(e.get(), e.get(), t.get(), wp);
        }
        arb_set_d(t.get(), G(i, j));
        arb_sub(e.get(), e.get(), t.get(), wp);
        arb_set_d(t.get(), c * A(i, j) * (1 + 4 * unit) + 1e-300);  // (1 + 4u) covers the rounding of this product
        arb_add_error(e.get(), t.get());
        arb_get_mag(me, e.get());  // upper bound of |E_ij|
        mag_addmul(sum, me, me);
      }
    mag_sqrt(sum, sum);  // upper bound of ||E||_F
    Ball lower, nrm;
    arf_set_mag(arb_midref(nrm.get()), sum);
    arb_set_d(lower.get(), mu);
    arb_sub(lower.get(), lower.get(), nrm.get(), prec);
    mag_clear(sum);
    mag_clear(me);
    Ball lo;
    arb_get_lbound_arf(arb_midref(lo.get()), lower.get(), prec);
    return lo;
  }
  throw precision_error("lambda_min_enclosure: the double Cholesky of H - mu I failed for every shift (is H symmetric?)");
}

}  // namespace

double lambda_min_double(const BallMatrix& h) {
  const Eigen::MatrixXd m = midpoint_matrix(h);
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(m, Eigen::EigenvaluesOnly);
  return es.eigenvalues()(0);
}

EigenEnclosure lambda_min_enclosure(const BallMatrix& h, slong prec, EnclosureMethod method) {
  const slong n = h.rows();
  if (n < 1 || h.cols() != n) throw domain_error("lambda_min_enclosure: requires a non-empty square matrix");
  if (!arb_mat_is_finite(h.get())) throw precision_error("lambda_min_enclosure: the matrix has non-finite entries");
  if (method == EnclosureMethod::automatic) method = n <= kCholeskyRouteMaxN ? EnclosureMethod::cholesky : EnclosureMethod::residual;
  EigenEnclosure r;
  r.method = method;
  r.prec = prec;
  auto t0 = Clock::now();
  const Eigen::MatrixXd mid = midpoint_matrix(h);
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(mid);
  r.approx = es.eigenvalues()(0);
  Eigen::VectorXd v0 = es.eigenvectors().col(0);
  r.eigensolver_seconds = seconds_since(t0);
  t0 = Clock::now();
  const double scale = mid.cwiseAbs().rowwise().sum().maxCoeff() * static_cast<double>(n);
  BallMatrix v(n, 1);
  for (slong i = 0; i < n; ++i) arb_set_d(v.entry(i, 0), v0(i));
  if (method == EnclosureMethod::cholesky) {
    // Rayleigh-quotient iteration at prec bits on the midpoint matrix (approximate arithmetic) to refine v.
    const slong wp = prec + 32;
    BallMatrix hm(n, n), w(n, 1);
    arb_mat_get_mid(hm.get(), h.get());
    arf_t sigma;
    arf_init(sigma);
    arf_set_d(sigma, r.approx);
    for (int it = 0; it < 8; ++it) {
      BallMatrix b = hm;
      for (slong i = 0; i < n; ++i) arb_sub_arf(b.entry(i, i), b.entry(i, i), sigma, wp);
      if (!arb_mat_approx_solve(w.get(), b.get(), v.get(), wp)) break;  // sigma hit an eigenvalue: v is converged
      // normalise by the largest entry (approximately) and drop radii: v stays an exact vector
      double mx = 0;
      for (slong i = 0; i < n; ++i) mx = std::max(mx, std::fabs(arf_get_d(arb_midref(w.entry(i, 0)), ARF_RND_NEAR)));
      if (!(mx > 0) || !std::isfinite(mx)) break;
      arf_t inv;
      arf_init(inv);
      arf_set_d(inv, 1.0 / mx);
      for (slong i = 0; i < n; ++i) {
        arf_mul(arb_midref(v.entry(i, 0)), arb_midref(w.entry(i, 0)), inv, wp, ARF_RND_NEAR);
        mag_zero(arb_radref(v.entry(i, 0)));
      }
      arf_clear(inv);
      const Ball rq = rayleigh_quotient(hm, v, wp);
      arf_set(sigma, arb_midref(rq.get()));
    }
    arf_clear(sigma);
    r.upper = upper_end(rayleigh_quotient(h, v, prec), prec);
    Ball up_mid = r.upper;
    r.lower = cholesky_lower(h, arb_midref(up_mid.get()), scale, prec);
  } else {
    r.upper = upper_end(rayleigh_quotient(h, v, prec), prec);
    r.lower = residual_lower(h, mid, r.approx, es.eigenvalues().cwiseAbs().maxCoeff(), prec);
  }
  r.lambda = hull(r.lower, r.upper, prec);
  Ball w;
  arb_sub(w.get(), r.upper.get(), r.lower.get(), prec);
  r.width = arf_get_d(arb_midref(w.get()), ARF_RND_UP) + mag_get_d(arb_radref(w.get()));
  r.certify_seconds = seconds_since(t0);
  return r;  // width.lambda_min_enclosure
}

}  // namespace gdcert::width
