#include "width/gram.hpp"

#include "exact/errors.hpp"
#include "exact/resources.hpp"

namespace gdcert::width {

namespace {

// P(w.x >= 0, w.y >= 0) = (pi - theta)/(2 pi) at the five rational angles (proofs/coupled-init-width.md#h-inf-entry).
std::optional<Rational> orthant_probability_exact(const Rational& s, const Rational& nx, const Rational& ny) {
  if (s.is_zero()) return Rational(1, 4);                     // theta = pi/2
  const Rational r2 = s * s / (nx * ny);                      // rho^2
  if (r2 == Rational(1)) return s.sign() > 0 ? Rational(1, 2) : Rational(0);        // theta = 0 or pi
  if (r2 == Rational(1, 4)) return s.sign() > 0 ? Rational(1, 3) : Rational(1, 6);  // theta = pi/3 or 2 pi/3
  return std::nullopt;
}

/** theta = arccos(s/sqrt(nx ny)) as a ball; precision raised until the ball for rho lies inside [-1, 1]. */
Ball theta_ball(const Rational& s, const Rational& nx, const Rational& ny, slong prec) {
  for (slong wp = prec + 16; wp <= 64 * (prec + 16); wp *= 2) {
    Ball rho, t, den;
    const Rational prod = nx * ny;
    arb_set_fmpq(den.get(), prod.get(), wp);
    arb_sqrt(den.get(), den.get(), wp);
    arb_set_fmpq(rho.get(), s.get(), wp);
    arb_div(rho.get(), rho.get(), den.get(), wp);
    arb_acos(t.get(), rho.get(), wp);
    if (t.is_finite()) return t;
  }
  throw precision_error("h_inf_entry_ball: could not separate rho from ±1 within " + std::to_string(64 * (prec + 16)) +
                        " bits");
}

Ball entry_ball(const Rational& s, const Rational& nx, const Rational& ny, slong prec);

}  // namespace

std::optional<Rational> h_inf_entry_exact(const Rational& rho) {
  if (rho < Rational(-1) || rho > Rational(1))
    throw domain_error("h_inf_entry_exact: requires -1 <= rho <= 1, got rho = " + rho.str());
  auto p = orthant_probability_exact(rho, Rational(1), Rational(1));
  if (!p) return std::nullopt;
  return rho * *p;  // width.h_inf_entry
}

Ball h_inf_entry_ball(const Rational& rho, slong prec) {
  if (rho < Rational(-1) || rho > Rational(1))
    throw domain_error("h_inf_entry_ball: requires -1 <= rho <= 1, got rho = " + rho.str());
  return entry_ball(rho, Rational(1), Rational(1), prec);
}

std::optional<Rational> h_inf_entry_exact(const Point& x, const Point& y) {
  const Rational s = dot(x, y), nx = dot(x, x), ny = dot(y, y);
  if (nx.is_zero() || ny.is_zero()) throw domain_error("h_inf_entry_exact: requires non-zero points");
  auto p = orthant_probability_exact(s, nx, ny);
  if (!p) return std::nullopt;
  return s * *p;  // width.h_inf_entry
}

Ball h_inf_entry_ball(const Point& x, const Point& y, slong prec) {
  const Rational s = dot(x, y), nx = dot(x, x), ny = dot(y, y);
  if (nx.is_zero() || ny.is_zero()) throw domain_error("h_inf_entry_ball: requires non-zero points");
  return entry_ball(s, nx, ny, prec);
}

namespace {

Ball entry_ball(const Rational& s, const Rational& nx, const Rational& ny, slong prec) {
  if (auto p = orthant_probability_exact(s, nx, ny)) return to_ball(s * *p, prec);
  const slong wp = prec + 16;
  Ball t = theta_ball(s, nx, ny, prec), pi, r;
  arb_const_pi(pi.get(), wp);
  arb_sub(r.get(), pi.get(), t.get(), wp);  // pi - theta
  arb_div(r.get(), r.get(), pi.get(), wp);
  arb_mul_2exp_si(r.get(), r.get(), -1);    // exact: / 2
  Ball sb = to_ball(s, wp);
  arb_mul(r.get(), r.get(), sb.get(), prec);  // width.h_inf_entry
  return r;
}

}  // namespace

std::optional<Rational> arccos_term_exact(const Point& x, const Point& y) {
  const Rational s = dot(x, y), nx = dot(x, x), ny = dot(y, y);
  if (nx.is_zero() || ny.is_zero()) throw domain_error("arccos_term_exact: requires non-zero points");
  if (s * s != nx * ny) return std::nullopt;  // sin theta != 0: the value has a 1/pi part
  return s.sign() > 0 ? s / Rational(2) : Rational(0);  // theta = 0: s/2; theta = pi: 0 (width.arccos_term)
}

Ball arccos_term_ball(const Point& x, const Point& y, slong prec) {
  if (auto e = arccos_term_exact(x, y)) return to_ball(*e, prec);
  const Rational s = dot(x, y), nx = dot(x, x), ny = dot(y, y);
  const slong wp = prec + 16;
  Ball t = theta_ball(s, nx, ny, prec), pi, r, q;
  arb_const_pi(pi.get(), wp);
  arb_sub(r.get(), pi.get(), t.get(), wp);  // pi - theta
  Ball sb = to_ball(s, wp);
  arb_mul(r.get(), r.get(), sb.get(), wp);  // (pi - theta) x.y
  const Rational d = nx * ny - s * s;       // (|x||y| sin theta)^2 >= 0 by Cauchy-Schwarz
  arb_set_fmpq(q.get(), d.get(), wp);
  arb_sqrt(q.get(), q.get(), wp);
  arb_add(r.get(), r.get(), q.get(), wp);
  arb_div(r.get(), r.get(), pi.get(), wp);
  arb_mul_2exp_si(r.get(), r.get(), -1);
  arb_set_round(r.get(), r.get(), prec);  // width.arccos_term
  return r;
}

RationalMatrix inner_product_matrix(const std::vector<Point>& points) {
  const slong n = static_cast<slong>(points.size());
  RationalMatrix g(n, n);
  for (slong i = 0; i < n; ++i)
    for (slong j = 0; j <= i; ++j) {
      const Rational v = dot(points[static_cast<std::size_t>(i)], points[static_cast<std::size_t>(j)]);
      g.set(i, j, v);
      g.set(j, i, v);
    }
  return g;
}

GramMatrix h_inf_matrix(const std::vector<Point>& points, bool both_layers, slong prec) {
  const slong n = static_cast<slong>(points.size());
  require_memory(static_cast<long double>(n) * n * (2 * sizeof(arb_struct) + 2 * ((prec + 63) / 64) * 8 + 64),
                 "h_inf_matrix");
  GramMatrix g;
  g.prec = prec;
  g.both_layers = both_layers;
  g.ball_matrix = BallMatrix(n, n);
  RationalMatrix ex(n, n);
  bool exact = true;
  for (slong i = 0; i < n; ++i)
    for (slong j = 0; j <= i; ++j) {
      const Point& x = points[static_cast<std::size_t>(i)];
      const Point& y = points[static_cast<std::size_t>(j)];
      std::optional<Rational> e = exact ? h_inf_entry_exact(x, y) : std::nullopt;
      if (e && both_layers) {
        auto k = arccos_term_exact(x, y);
        e = k ? std::optional<Rational>(*e + *k) : std::nullopt;
      }
      Ball b;
      if (e) {
        ex.set(i, j, *e);
        ex.set(j, i, *e);
        b = to_ball(*e, prec);
      } else {
        exact = false;
        b = h_inf_entry_ball(x, y, prec);
        if (both_layers) {
          Ball k = arccos_term_ball(x, y, prec);
          arb_add(b.get(), b.get(), k.get(), prec);
        }
      }
      arb_set(g.ball_matrix.entry(i, j), b.get());
      arb_set(g.ball_matrix.entry(j, i), b.get());
    }
  g.exact = exact;
  if (exact) g.exact_matrix = std::move(ex);
  return g;
}

}  // namespace gdcert::width
