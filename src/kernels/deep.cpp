#include "kernels/deep.hpp"

#include "exact/errors.hpp"
#include "exact/resources.hpp"
#include "kernels/general.hpp"

namespace gdcert::kernels {

namespace {

void check_arch(const DeepArchitecture& arch, bool ntk, const char* fn) {
  if (arch.depth < 1 || arch.depth > kMaxDepth)
    throw domain_error(std::string(fn) + ": requires 1 <= depth <= " + std::to_string(kMaxDepth) + ", got " +
                       std::to_string(arch.depth));
  if (arch.weight_var.size() != arch.depth + 1 || arch.bias_var.size() != arch.depth + 1)
    throw domain_error(std::string(fn) + ": requires L + 1 = " + std::to_string(arch.depth + 1) +
                       " weight and bias variances, got " + std::to_string(arch.weight_var.size()) + " and " +
                       std::to_string(arch.bias_var.size()));
  for (std::size_t h = 0; h < arch.weight_var.size(); ++h) {
    if (arch.weight_var[h].sign() < 0)
      throw domain_error(std::string(fn) + ": requires weight variances >= 0, got " + arch.weight_var[h].str() +
                         " at layer " + std::to_string(h + 1));
    if (arch.bias_var[h].sign() < 0)
      throw domain_error(std::string(fn) + ": requires bias variances >= 0, got " + arch.bias_var[h].str() +
                         " at layer " + std::to_string(h + 1));
  }
  if (arch.activation.kind == Activation::Kind::gelu && arch.depth > kMaxGeluPairLayers)
    throw resource_error(std::string(fn) + ": gelu entries cost a certified quadrature each; requires depth <= " +
                         std::to_string(kMaxGeluPairLayers) + ", got " + std::to_string(arch.depth));
  if (ntk && !has_derivative_kernel(arch.activation))
    throw domain_error(std::string(fn) + ": the NTK needs E[sigma'(u) sigma'(v)], undefined for " +
                       arch.activation.name() + " (sigma' is a point mass); use the NNGP only");
}

/** One layer step h >= 2 on a pair: (q1, q2, c, theta) -> next, in place. Diagonal when `diag`. */
struct Step {
  const Activation& a;
  Ball sw2, sb2;
  slong prec;
  bool ntk;
  void apply(const Ball& q1, const Ball& q2, const Ball& c, const Ball& theta, bool diag, Ball& c_out,
             Ball& theta_out) const {
    Ball k = diag ? diagonal_moment(a, q1, Moment::value, prec) : general_moment(a, q1, q2, c, Moment::value, prec);
    arb_mul(k.get(), k.get(), sw2.get(), prec);
    arb_add(k.get(), k.get(), sb2.get(), prec);  // kernel.deep.nngp
    if (ntk) {
      Ball kd = diag ? diagonal_moment(a, q1, Moment::derivative, prec)
                     : general_moment(a, q1, q2, c, Moment::derivative, prec);
      arb_mul(kd.get(), kd.get(), sw2.get(), prec);
      arb_mul(kd.get(), kd.get(), theta.get(), prec);
      arb_add(theta_out.get(), kd.get(), k.get(), prec);  // kernel.deep.ntk
    }
    arb_swap(c_out.get(), k.get());
  }
};

}  // namespace

DeepArchitecture DeepArchitecture::uniform(const Activation& a, unsigned L, const Rational& sw2, const Rational& sb2) {
  DeepArchitecture d;
  d.activation = a;
  d.depth = L;
  d.weight_var.assign(L + 1, sw2);
  d.bias_var.assign(L + 1, sb2);
  return d;
}

DeepGram deep_gram(const DeepArchitecture& arch, const std::vector<std::vector<Rational>>& points, bool ntk,
                   slong prec) {
  check_arch(arch, ntk, "deep_gram");
  if (points.empty()) throw domain_error("deep_gram: requires at least one point");
  const std::size_t d = points.front().size();
  if (d == 0) throw domain_error("deep_gram: requires points of dimension >= 1");
  for (const auto& p : points)
    if (p.size() != d) throw domain_error("deep_gram: requires points of one dimension");
  const slong n = static_cast<slong>(points.size());
  if (arch.activation.kind == Activation::Kind::gelu &&
      static_cast<long double>(n) * (n + 1) / 2 * arch.depth > kMaxGeluPairLayers)
    throw resource_error("deep_gram: gelu entries cost a certified quadrature each; requires n(n+1)/2 * L <= " +
                         std::to_string(kMaxGeluPairLayers) + ", got n = " + std::to_string(n) + ", L = " +
                         std::to_string(arch.depth));
  const long double layers = static_cast<long double>(arch.depth + 1) * (ntk ? 2 : 1);
  require_memory(layers * n * n * (sizeof(arb_struct) + 2 * ((prec + 63) / 64) * 8 + 32), "deep_gram");
  DeepGram g;
  g.prec = prec;
  // Layer 1: Σ^1 = σ_w,1² <x, y>/d + σ_b,1², exact, then rounded (kernel.deep.nngp).
  BallMatrix s1(n, n);
  const Rational dd(static_cast<long long>(d));
  for (slong i = 0; i < n; ++i)
    for (slong j = 0; j <= i; ++j) {
      Rational ip(0);
      const auto& x = points[static_cast<std::size_t>(i)];
      const auto& y = points[static_cast<std::size_t>(j)];
      for (std::size_t k = 0; k < d; ++k) ip += x[k] * y[k];
      const Rational v = arch.weight_var[0] * ip / dd + arch.bias_var[0];
      if (i == j && v.sign() <= 0)
        throw domain_error("deep_gram: requires Sigma^1(x, x) > 0 (point " + std::to_string(i) +
                           " is zero and the first bias variance is 0)");
      const Ball b = to_ball(v, prec);
      arb_set(s1.entry(i, j), b.get());
      arb_set(s1.entry(j, i), b.get());
    }
  g.nngp.push_back(s1);
  if (ntk) g.ntk.push_back(s1);
  for (unsigned h = 1; h <= arch.depth; ++h) {
    const BallMatrix& S = g.nngp.back();
    const BallMatrix* T = ntk ? &g.ntk.back() : nullptr;
    Step st{arch.activation, to_ball(arch.weight_var[h], prec), to_ball(arch.bias_var[h], prec), prec, ntk};
    BallMatrix S2(n, n), T2(ntk ? n : 0, ntk ? n : 0);
    for (slong i = 0; i < n; ++i)
      for (slong j = 0; j <= i; ++j) {
        Ball c_out, t_out;
        const Ball q1 = S.at(i, i), q2 = S.at(j, j), c = S.at(i, j);
        const Ball th = ntk ? T->at(i, j) : Ball();
        if (!certainly_positive(q1) || !certainly_positive(q2))
          throw domain_error("deep_gram: requires Sigma^" + std::to_string(h) +
                             "(x, x) > 0 (the variance vanished at a layer with zero weight and bias variance)");
        st.apply(q1, q2, c, th, i == j, c_out, t_out);
        arb_set(S2.entry(i, j), c_out.get());
        arb_set(S2.entry(j, i), c_out.get());
        if (ntk) {
          arb_set(T2.entry(i, j), t_out.get());
          arb_set(T2.entry(j, i), t_out.get());
        }
      }
    g.nngp.push_back(std::move(S2));
    if (ntk) g.ntk.push_back(std::move(T2));
  }
  return g;
}

DeepPair deep_pair(const DeepArchitecture& arch, const Rational& q1, const Rational& q2, const Rational& c, bool ntk,
                   slong prec) {
  check_arch(arch, ntk, "deep_pair");
  if (q1.sign() <= 0 || q2.sign() <= 0 || c * c > q1 * q2)
    throw domain_error("deep_pair: requires q1, q2 > 0 and c^2 <= q1 q2, got q1 = " + q1.str() + ", q2 = " + q2.str() +
                       ", c = " + c.str());
  DeepPair p;
  p.q1.push_back(to_ball(q1, prec));
  p.q2.push_back(to_ball(q2, prec));
  p.c.push_back(to_ball(c, prec));
  if (ntk) {
    p.theta.push_back(p.c.back());
    p.theta_x.push_back(p.q1.back());
    p.theta_y.push_back(p.q2.back());
  }
  for (unsigned h = 1; h <= arch.depth; ++h) {
    Step st{arch.activation, to_ball(arch.weight_var[h], prec), to_ball(arch.bias_var[h], prec), prec, ntk};
    const Ball a1 = p.q1.back(), a2 = p.q2.back(), ac = p.c.back();
    if (!certainly_positive(a1) || !certainly_positive(a2))
      throw domain_error("deep_pair: the variance vanished at layer " + std::to_string(h));
    Ball n1, n2, nc, t1, t2, tc;
    const Ball z;
    st.apply(a1, a1, a1, ntk ? p.theta_x.back() : z, true, n1, t1);
    st.apply(a2, a2, a2, ntk ? p.theta_y.back() : z, true, n2, t2);
    st.apply(a1, a2, ac, ntk ? p.theta.back() : z, false, nc, tc);
    p.q1.push_back(n1);
    p.q2.push_back(n2);
    p.c.push_back(nc);
    if (ntk) {
      p.theta_x.push_back(t1);
      p.theta_y.push_back(t2);
      p.theta.push_back(tc);
    }
  }
  return p;
}

FixedPoint deep_fixed_point(const Activation& a, const Rational& sw2, const Rational& sb2) {
  const bool family = a.kind == Activation::Kind::relu || a.kind == Activation::Kind::abrelu ||
                      (a.kind == Activation::Kind::arccos && a.order == 1);
  if (!family)
    throw domain_error("deep_fixed_point: requires a positively homogeneous activation of degree 1 (relu, leaky, "
                       "abrelu, abs), got " + a.name());
  if (sw2.sign() <= 0) throw domain_error("deep_fixed_point: requires weight variance > 0, got " + sw2.str());
  if (sb2.sign() < 0) throw domain_error("deep_fixed_point: requires bias variance >= 0, got " + sb2.str());
  FixedPoint f;
  const Rational A = a.kind == Activation::Kind::abrelu ? a.a : Rational(0);
  const Rational B = a.kind == Activation::Kind::abrelu ? a.b : Rational(1);
  f.m = (A * A + B * B) / Rational(2);  // E[σ(z)²] = E[σ'(z)²] = (a² + b²)/2
  f.chi1 = sw2 * f.m;
  f.linear = A == B;
  if (f.chi1 < Rational(1)) {
    f.variance = FixedPoint::Variance::fixed;
    f.q_star = sb2 / (Rational(1) - f.chi1);  // kernel.deep.fixed_point
  } else if (f.chi1 == Rational(1) && sb2.is_zero()) {
    f.variance = FixedPoint::Variance::every_q;
  } else {
    f.variance = FixedPoint::Variance::diverges;
  }
  return f;
}

std::vector<Ball> correlation_iterates(const Activation& a, const Rational& sw2, const Rational& sb2, const Rational& q,
                                       const Rational& rho0, unsigned steps, slong prec) {
  if (q.sign() <= 0) throw domain_error("correlation_iterates: requires q > 0, got q = " + q.str());
  if (rho0 < Rational(-1) || rho0 > Rational(1))
    throw domain_error("correlation_iterates: requires -1 <= rho0 <= 1, got rho0 = " + rho0.str());
  if (steps > kMaxDepth)
    throw domain_error("correlation_iterates: requires steps <= " + std::to_string(kMaxDepth) + ", got " +
                       std::to_string(steps));
  if (sw2.sign() < 0 || sb2.sign() < 0) throw domain_error("correlation_iterates: requires variances >= 0");
  // Equal-norm inputs: Σ^h(x, x) = Σ^h(y, y) = q_h, ρ_h = Σ^h(x, y)/q_h (kernel.deep.nngp).
  std::vector<Ball> out;
  Ball qb = to_ball(q, prec), rho = to_ball(rho0, prec);
  out.push_back(rho);
  const Ball w = to_ball(sw2, prec), b = to_ball(sb2, prec);
  for (unsigned s = 0; s < steps; ++s) {
    Ball c;
    arb_mul(c.get(), qb.get(), rho.get(), prec);
    Ball kv = general_moment(a, qb, qb, c, Moment::value, prec);
    Ball kq = diagonal_moment(a, qb, Moment::value, prec);
    arb_mul(kv.get(), kv.get(), w.get(), prec);
    arb_add(kv.get(), kv.get(), b.get(), prec);
    arb_mul(kq.get(), kq.get(), w.get(), prec);
    arb_add(kq.get(), kq.get(), b.get(), prec);
    if (!certainly_positive(kq)) throw domain_error("correlation_iterates: the variance vanished");
    arb_div(rho.get(), kv.get(), kq.get(), prec);
    // |ρ| <= 1 (Cauchy–Schwarz): intersect the ball with [-1, 1]
    Ball unit;
    arb_zero_pm_one(unit.get());
    if (!arb_intersection(rho.get(), rho.get(), unit.get(), prec)) arb_set(rho.get(), unit.get());
    arb_swap(qb.get(), kq.get());
    out.push_back(rho);
  }
  return out;
}

}  // namespace gdcert::kernels
