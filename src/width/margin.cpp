#include "width/margin.hpp"

#include <algorithm>
#include <cmath>

#include <Eigen/Dense>

#include "exact/errors.hpp"

namespace gdcert::width {

namespace {

void require_square(slong r, slong c, const char* fn) {
  if (r != c || r < 1)
    throw domain_error(std::string(fn) + ": requires a non-empty square matrix, got " + std::to_string(r) + " x " +
                       std::to_string(c));
}

void require_labels(slong n, const std::vector<int>& y) {
  if (static_cast<slong>(y.size()) != n)
    throw domain_error("signed_matrix: requires " + std::to_string(n) + " labels, got " + std::to_string(y.size()));
  for (int v : y)
    if (v != 1 && v != -1) throw domain_error("signed_matrix: requires labels ±1, got " + std::to_string(v));
}

std::vector<Rational> mat_vec(const RationalMatrix& a, const std::vector<Rational>& q) {
  const slong n = a.rows();
  std::vector<Rational> r(static_cast<std::size_t>(n));
  fmpq_t t;
  fmpq_init(t);
  for (slong i = 0; i < n; ++i)
    for (slong j = 0; j < n; ++j) {
      if (q[static_cast<std::size_t>(j)].is_zero()) continue;
      fmpq_mul(t, fmpq_mat_entry(a.get(), i, j), q[static_cast<std::size_t>(j)].get());
      fmpq_add(r[static_cast<std::size_t>(i)].get(), r[static_cast<std::size_t>(i)].get(), t);
    }
  fmpq_clear(t);
  return r;
}

/** A nonzero d on F with A_FF d = 0 and sum d = 0, or nullopt when the KKT matrix on F is nonsingular. */
std::optional<std::vector<Rational>> zero_curvature_direction(const RationalMatrix& a, const std::vector<slong>& F) {
  const slong k = static_cast<slong>(F.size());
  RationalMatrix m(k + 1, k);
  for (slong i = 0; i < k; ++i)
    for (slong j = 0; j < k; ++j) m.set(i, j, Rational(fmpq_mat_entry(a.get(), F[static_cast<std::size_t>(i)], F[static_cast<std::size_t>(j)])));
  for (slong j = 0; j < k; ++j) m.set(k, j, Rational(1));
  fmpz_mat_t num, ns;
  fmpz_mat_init(num, k + 1, k);
  fmpz_mat_init(ns, k, k);
  fmpq_mat_get_fmpz_mat_rowwise(num, nullptr, m.get());
  const slong nullity = fmpz_mat_nullspace(ns, num);
  std::optional<std::vector<Rational>> d;
  if (nullity > 0) {
    std::vector<Rational> v(static_cast<std::size_t>(k));
    for (slong i = 0; i < k; ++i) v[static_cast<std::size_t>(i)] = Rational(Integer(fmpz_mat_entry(ns, i, 0)));
    d = std::move(v);
  }
  fmpz_mat_clear(num);
  fmpz_mat_clear(ns);
  return d;
}

/** The KKT solve on F: A_FF x = mu 1, 1^T x = 1. */
std::pair<std::vector<Rational>, Rational> kkt_solve(const RationalMatrix& a, const std::vector<slong>& F) {
  const slong k = static_cast<slong>(F.size());
  RationalMatrix m(k + 1, k + 1), b(k + 1, 1);
  for (slong i = 0; i < k; ++i) {
    for (slong j = 0; j < k; ++j) m.set(i, j, Rational(fmpq_mat_entry(a.get(), F[static_cast<std::size_t>(i)], F[static_cast<std::size_t>(j)])));
    m.set(i, k, Rational(-1));
    m.set(k, i, Rational(1));
  }
  b.set(k, 0, Rational(1));
  const RationalMatrix z = m.solve(b);
  std::vector<Rational> x(static_cast<std::size_t>(k));
  for (slong i = 0; i < k; ++i) x[static_cast<std::size_t>(i)] = z.at(i, 0);
  return {x, z.at(k, 0)};
}

}  // namespace

RationalMatrix signed_matrix(const RationalMatrix& a, const std::vector<int>& labels) {
  require_labels(a.rows(), labels);
  RationalMatrix r = a;
  for (slong i = 0; i < a.rows(); ++i)
    for (slong j = 0; j < a.cols(); ++j)
      if (labels[static_cast<std::size_t>(i)] * labels[static_cast<std::size_t>(j)] < 0)
        fmpq_neg(fmpq_mat_entry(r.get(), i, j), fmpq_mat_entry(r.get(), i, j));
  return r;
}

BallMatrix signed_matrix(const BallMatrix& a, const std::vector<int>& labels) {
  require_labels(a.rows(), labels);
  BallMatrix r = a;
  for (slong i = 0; i < a.rows(); ++i)
    for (slong j = 0; j < a.cols(); ++j)
      if (labels[static_cast<std::size_t>(i)] * labels[static_cast<std::size_t>(j)] < 0) arb_neg(r.entry(i, j), r.entry(i, j));
  return r;
}

bool verify_simplex_kkt(const RationalMatrix& a, const std::vector<Rational>& q) {
  const std::size_t n = static_cast<std::size_t>(a.rows());
  if (q.size() != n) return false;
  Rational sum;
  for (const auto& v : q) {
    if (v.sign() < 0) return false;
    sum += v;
  }
  if (sum != Rational(1)) return false;
  const auto aq = mat_vec(a, q);
  Rational value;
  for (std::size_t i = 0; i < n; ++i) value += q[i] * aq[i];
  for (std::size_t j = 0; j < n; ++j) {
    if (aq[j] < value) return false;
    if (q[j].sign() > 0 && aq[j] != value) return false;
  }
  return true;
}

SimplexQp simplex_qp_exact(const RationalMatrix& a) {
  require_square(a.rows(), a.cols(), "simplex_qp_exact");
  const slong n = a.rows();
  for (slong i = 0; i < n; ++i)
    for (slong j = 0; j < i; ++j)
      if (!fmpq_equal(fmpq_mat_entry(a.get(), i, j), fmpq_mat_entry(a.get(), j, i)))
        throw domain_error("simplex_qp_exact: requires a symmetric matrix");
  // Start at the best vertex.
  slong k0 = 0;
  for (slong i = 1; i < n; ++i)
    if (fmpq_cmp(fmpq_mat_entry(a.get(), i, i), fmpq_mat_entry(a.get(), k0, k0)) < 0) k0 = i;
  std::vector<Rational> q(static_cast<std::size_t>(n));
  q[static_cast<std::size_t>(k0)] = Rational(1);
  std::vector<slong> F{k0};
  SimplexQp r;
  const std::size_t cap = 50 * static_cast<std::size_t>(n) + 200;
  bool done = false;
  while (!done) {
    if (++r.iterations > cap)
      throw resource_error("simplex_qp_exact: no optimum within " + std::to_string(cap) + " active-set iterations");
    // 1. A singular KKT matrix on F: follow a zero-curvature direction (objective constant) until a bound drops an index.
    if (auto d = zero_curvature_direction(a, F)) {
      auto& dv = *d;
      bool any_neg = false;
      for (const auto& v : dv) any_neg = any_neg || v.sign() < 0;
      if (!any_neg)
        for (auto& v : dv) v = -v;
      std::optional<Rational> tmin;
      std::size_t drop = 0;
      for (std::size_t i = 0; i < F.size(); ++i)
        if (dv[i].sign() < 0) {
          const Rational t = q[static_cast<std::size_t>(F[i])] / (-dv[i]);
          if (!tmin || t < *tmin) tmin = t, drop = i;
        }
      for (std::size_t i = 0; i < F.size(); ++i) q[static_cast<std::size_t>(F[i])] += *tmin * dv[i];
      q[static_cast<std::size_t>(F[drop])] = Rational(0);
      F.erase(F.begin() + static_cast<std::ptrdiff_t>(drop));
      continue;
    }
    // 2. The minimiser on the affine hull of the face F.
    auto [x, mu] = kkt_solve(a, F);
    bool feasible = true;
    for (const auto& v : x) feasible = feasible && v.sign() >= 0;
    if (feasible) {
      for (std::size_t i = 0; i < F.size(); ++i) q[static_cast<std::size_t>(F[i])] = x[i];
      const auto aq = mat_vec(a, q);
      slong add = -1;
      Rational most;
      for (slong j = 0; j < n; ++j) {
        if (std::find(F.begin(), F.end(), j) != F.end()) continue;
        const Rational m = aq[static_cast<std::size_t>(j)] - mu;  // the multiplier of q_j >= 0
        if (m.sign() < 0 && (add < 0 || m < most)) add = j, most = m;
      }
      if (add < 0) {
        done = true;
      } else {
        F.push_back(add);
        std::sort(F.begin(), F.end());
      }
      continue;
    }
    // 3. Step towards x until a bound blocks; drop the blocking index.
    Rational alpha(1);
    std::size_t drop = F.size();
    for (std::size_t i = 0; i < F.size(); ++i) {
      const Rational qi = q[static_cast<std::size_t>(F[i])];
      const Rational p = x[i] - qi;
      if (p.sign() < 0) {
        const Rational t = qi / (-p);
        if (t < alpha || drop == F.size()) {
          if (drop == F.size() || t < alpha) alpha = t, drop = i;
        }
      }
    }
    for (std::size_t i = 0; i < F.size(); ++i) {
      Rational& qi = q[static_cast<std::size_t>(F[i])];
      qi += alpha * (x[i] - qi);
    }
    q[static_cast<std::size_t>(F[drop])] = Rational(0);
    F.erase(F.begin() + static_cast<std::ptrdiff_t>(drop));
  }
  r.q = q;
  r.Aq = mat_vec(a, q);
  for (slong i = 0; i < n; ++i) r.value += q[static_cast<std::size_t>(i)] * r.Aq[static_cast<std::size_t>(i)];
  for (slong i = 0; i < n; ++i)
    if (q[static_cast<std::size_t>(i)].sign() > 0) r.support.push_back(static_cast<std::size_t>(i));
  r.kkt_verified = verify_simplex_kkt(a, q);
  GDCERT_ASSERT(r.kkt_verified, "simplex_qp_exact: the active-set optimum fails the KKT check");
  return r;  // width.gamma2_squared
}

namespace {

/** Double active set (same algorithm, tolerances) for the support of the ball route. */
std::vector<double> simplex_qp_double(const Eigen::MatrixXd& A) {
  const Eigen::Index n = A.rows();
  const double tol = 1e-12 * std::max(1.0, A.cwiseAbs().maxCoeff());
  Eigen::Index k0 = 0;
  A.diagonal().minCoeff(&k0);
  std::vector<double> q(static_cast<std::size_t>(n), 0.0);
  q[static_cast<std::size_t>(k0)] = 1;
  std::vector<Eigen::Index> F{k0};
  for (int it = 0; it < 50 * n + 200; ++it) {
    const Eigen::Index k = static_cast<Eigen::Index>(F.size());
    Eigen::MatrixXd m = Eigen::MatrixXd::Zero(k + 1, k + 1);
    for (Eigen::Index i = 0; i < k; ++i) {
      for (Eigen::Index j = 0; j < k; ++j) m(i, j) = A(F[static_cast<std::size_t>(i)], F[static_cast<std::size_t>(j)]);
      m(i, k) = -1;
      m(k, i) = 1;
    }
    Eigen::VectorXd b = Eigen::VectorXd::Zero(k + 1);
    b(k) = 1;
    Eigen::FullPivLU<Eigen::MatrixXd> lu(m);
    lu.setThreshold(1e-13);
    if (!lu.isInvertible()) {
      // zero-curvature direction: drop the index with the smallest weight
      std::size_t drop = 0;
      for (std::size_t i = 1; i < F.size(); ++i)
        if (q[static_cast<std::size_t>(F[i])] < q[static_cast<std::size_t>(F[drop])]) drop = i;
      const double w = q[static_cast<std::size_t>(F[drop])];
      q[static_cast<std::size_t>(F[drop])] = 0;
      F.erase(F.begin() + static_cast<std::ptrdiff_t>(drop));
      for (auto f : F) q[static_cast<std::size_t>(f)] += w / static_cast<double>(F.size());
      continue;
    }
    const Eigen::VectorXd z = lu.solve(b);
    bool feasible = true;
    for (Eigen::Index i = 0; i < k; ++i) feasible = feasible && z(i) >= -tol;
    if (feasible) {
      for (Eigen::Index i = 0; i < k; ++i) q[static_cast<std::size_t>(F[static_cast<std::size_t>(i)])] = std::max(0.0, z(i));
      const double mu = z(k);
      Eigen::VectorXd qv = Eigen::Map<const Eigen::VectorXd>(q.data(), n);
      const Eigen::VectorXd aq = A * qv;
      Eigen::Index add = -1;
      double most = -tol;
      for (Eigen::Index j = 0; j < n; ++j) {
        if (std::find(F.begin(), F.end(), j) != F.end()) continue;
        if (aq(j) - mu < most) most = aq(j) - mu, add = j;
      }
      if (add < 0) return q;
      F.push_back(add);
      std::sort(F.begin(), F.end());
      continue;
    }
    double alpha = 1;
    std::size_t drop = F.size();
    for (std::size_t i = 0; i < F.size(); ++i) {
      const double qi = q[static_cast<std::size_t>(F[i])], p = z(static_cast<Eigen::Index>(i)) - qi;
      if (p < 0 && qi / (-p) < alpha) alpha = qi / (-p), drop = i;
    }
    if (drop == F.size()) {
      for (std::size_t i = 0; i < F.size(); ++i)
        if (z(static_cast<Eigen::Index>(i)) < 0) { drop = i; alpha = 0; break; }
    }
    for (std::size_t i = 0; i < F.size(); ++i) {
      double& qi = q[static_cast<std::size_t>(F[i])];
      qi += alpha * (z(static_cast<Eigen::Index>(i)) - qi);
    }
    q[static_cast<std::size_t>(F[drop])] = 0;
    F.erase(F.begin() + static_cast<std::ptrdiff_t>(drop));
  }
  return q;  // best effort; the ball route certifies whatever it gets
}

}  // namespace

SimplexQpBall simplex_qp_ball(const BallMatrix& a, slong prec) {
  require_square(a.rows(), a.cols(), "simplex_qp_ball");
  const slong n = a.rows();
  Eigen::MatrixXd mid(n, n);
  for (slong i = 0; i < n; ++i)
    for (slong j = 0; j < n; ++j) mid(i, j) = arf_get_d(arb_midref(a.entry(i, j)), ARF_RND_NEAR);
  mid = 0.5 * (mid + mid.transpose());
  const std::vector<double> qd = simplex_qp_double(mid);
  SimplexQpBall r;
  for (slong i = 0; i < n; ++i)
    if (qd[static_cast<std::size_t>(i)] > 0) r.support.push_back(static_cast<std::size_t>(i));
  // KKT route: solve [A_SS -1; 1^T 0] [x; mu] = [0; 1] in balls.
  {
    const slong k = static_cast<slong>(r.support.size());
    BallMatrix m(k + 1, k + 1), b(k + 1, 1), z(k + 1, 1);
    for (slong i = 0; i < k; ++i) {
      for (slong j = 0; j < k; ++j)
        arb_set(m.entry(i, j), a.entry(static_cast<slong>(r.support[static_cast<std::size_t>(i)]), static_cast<slong>(r.support[static_cast<std::size_t>(j)])));
      arb_set_si(m.entry(i, k), -1);
      arb_set_si(m.entry(k, i), 1);
    }
    arb_set_si(b.entry(k, 0), 1);
    if (arb_mat_solve(z.get(), m.get(), b.get(), prec)) {
      bool ok = true;
      std::vector<Ball> q(static_cast<std::size_t>(n));
      for (auto& v : q) arb_zero(v.get());
      for (slong i = 0; i < k; ++i) {
        q[r.support[static_cast<std::size_t>(i)]] = Ball(z.entry(i, 0));
        ok = ok && certainly_positive(Ball(z.entry(i, 0)));
      }
      Ball mu(z.entry(k, 0)), wmin;
      bool first = true;
      for (slong j = 0; j < n && ok; ++j) {
        Ball s;
        for (slong i = 0; i < n; ++i) arb_addmul(s.get(), a.entry(j, i), q[static_cast<std::size_t>(i)].get(), prec);
        if (first) wmin = s, first = false;
        else arb_min(wmin.get(), wmin.get(), s.get(), prec);
        if (std::find(r.support.begin(), r.support.end(), static_cast<std::size_t>(j)) == r.support.end()) {
          Ball diff;
          arb_sub(diff.get(), s.get(), mu.get(), prec);
          ok = certainly_positive(diff);
        }
      }
      if (ok) {
        r.value = mu;
        r.q = std::move(q);
        r.witness = wmin;
        r.kkt_certified = true;
        r.method = "ball KKT solve on the support";
        return r;
      }
    }
  }
  // Gap route at the exact point z (the double optimum, normalised exactly onto the simplex).
  std::vector<Rational> zq(static_cast<std::size_t>(n));
  Rational sum;
  for (slong i = 0; i < n; ++i) {
    arf_t t;
    arf_init(t);
    arf_set_d(t, std::max(0.0, qd[static_cast<std::size_t>(i)]));
    arf_get_fmpq(zq[static_cast<std::size_t>(i)].get(), t);  // exact: a double is a dyadic rational
    arf_clear(t);
    sum += zq[static_cast<std::size_t>(i)];
  }
  if (sum.is_zero()) zq[0] = Rational(1), sum = Rational(1);
  for (auto& v : zq) v /= sum;
  std::vector<Ball> az(static_cast<std::size_t>(n));
  Ball zaz, amin;
  for (slong j = 0; j < n; ++j) {
    Ball s;
    for (slong i = 0; i < n; ++i) {
      if (zq[static_cast<std::size_t>(i)].is_zero()) continue;
      Ball zi = to_ball(zq[static_cast<std::size_t>(i)], prec);
      arb_addmul(s.get(), a.entry(j, i), zi.get(), prec);
    }
    Ball zj = to_ball(zq[static_cast<std::size_t>(j)], prec);
    arb_addmul(zaz.get(), zj.get(), s.get(), prec);
    if (j == 0) amin = s;
    else arb_min(amin.get(), amin.get(), s.get(), prec);
    az[static_cast<std::size_t>(j)] = s;
  }
  // convexity: q^T A q >= z^T A z + 2 z^T A (q - z) >= 2 min_j (A z)_j - z^T A z for every q in the simplex
  Ball lower;
  arb_mul_2exp_si(lower.get(), amin.get(), 1);
  arb_sub(lower.get(), lower.get(), zaz.get(), prec);
  arb_union(r.value.get(), lower.get(), zaz.get(), prec);
  for (const auto& v : zq) r.q.push_back(to_ball(v, prec));
  r.witness = amin;
  r.kkt_certified = false;
  r.method = "convexity gap at the double optimum";
  return r;
}

}  // namespace gdcert::width
