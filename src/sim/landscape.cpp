#include "sim/landscape.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <thread>

#include "sim/noisy_gd.hpp"

namespace gdcert::sim {

namespace {

inline double act_value(double z, const ShallowGdOptions& o) {
  if (o.act == ShallowActivation::quadratic) return z * z;
  const double t = o.b * z;  // (1/b) log(1 + e^t), stable for large |t|
  return (t > 0 ? t + std::log1p(std::exp(-t)) : std::log1p(std::exp(t))) / o.b;
}

inline double act_derivative(double z, const ShallowGdOptions& o) {
  if (o.act == ShallowActivation::quadratic) return 2 * z;
  const double t = o.b * z;
  return t >= 0 ? 1 / (1 + std::exp(-t)) : std::exp(t) / (1 + std::exp(t));
}

/** phi(z) and phi'(z) with one exp and one log1p. */
inline void act_both(double z, const ShallowGdOptions& o, double& f, double& df) {
  if (o.act == ShallowActivation::quadratic) {
    f = z * z;
    df = 2 * z;
    return;
  }
  const double t = o.b * z, e = std::exp(-std::abs(t)), inv = 1 / (1 + e);
  f = ((t > 0 ? t : 0.0) + std::log1p(e)) / o.b;
  df = t >= 0 ? inv : e * inv;
}

/** Loss and, when asked, the gradients (gv: k, gW: k x d). */
double evaluate(const std::vector<double>& X, const std::vector<double>& y, long n, long d, const std::vector<double>& v,
                const std::vector<double>& W, long k, const ShallowGdOptions& o, std::vector<double>& scratch,
                std::vector<double>* gv, std::vector<double>* gW) {
  scratch.resize(static_cast<std::size_t>(3 * k));
  double* z = scratch.data();
  double* phi = z + k;
  double* dphi = phi + k;
  double loss = 0;
  if (gv) std::fill(gv->begin(), gv->end(), 0.0);
  if (gW) std::fill(gW->begin(), gW->end(), 0.0);
  for (long i = 0; i < n; ++i) {
    const double* x = &X[static_cast<std::size_t>(i * d)];
    double f = 0;
    for (long l = 0; l < k; ++l) {
      const double* w = &W[static_cast<std::size_t>(l * d)];
      double s = 0;
      for (long j = 0; j < d; ++j) s += w[j] * x[j];
      z[l] = s;
    }
    if (gW) {
      for (long l = 0; l < k; ++l) {
        act_both(z[l], o, phi[l], dphi[l]);
        f += v[l] * phi[l];
      }
    } else {
      for (long l = 0; l < k; ++l) f += v[l] * act_value(z[l], o);
    }
    const double r = f - y[i];
    loss += r * r;
    if (gW) {
      for (long l = 0; l < k; ++l) {
        if (gv) (*gv)[l] += r * phi[l];
        const double c = r * v[l] * dphi[l];
        double* g = &(*gW)[static_cast<std::size_t>(l * d)];
        for (long j = 0; j < d; ++j) g[j] += c * x[j];
      }
    }
  }
  const double inv = 1.0 / static_cast<double>(n);
  if (gW)
    for (auto& g : *gW) g *= inv;
  if (gv)
    for (auto& g : *gv) g *= inv;
  return loss * inv / 2;
}

}  // namespace

double shallow_loss(const std::vector<double>& X, const std::vector<double>& y, long n, long d,
                    const std::vector<double>& v, const std::vector<double>& W, long k, const ShallowGdOptions& opt) {
  std::vector<double> Z;
  return evaluate(X, y, n, d, v, W, k, opt, Z, nullptr, nullptr);
}

ShallowGdResult shallow_gd(const std::vector<double>& X, const std::vector<double>& y, long n, long d,
                           std::vector<double>& v, std::vector<double>& W, long k, const ShallowGdOptions& opt) {
  ShallowGdResult res;
  double ref = 0;
  for (double t : y) ref += t * t;
  res.reference_loss = ref / (2.0 * static_cast<double>(n));
  std::vector<double> Z, gv(static_cast<std::size_t>(k)), gW(static_cast<std::size_t>(k * d));
  std::vector<double> gv1 = gv, gW1 = gW;
  std::vector<double> v1 = v, W1 = W;
  double L = evaluate(X, y, n, d, v, W, k, opt, Z, opt.train_v ? &gv : nullptr, &gW);
  res.initial_loss = L;
  double lr = opt.lr;
  const double target = opt.tol * res.reference_loss;
  double window_start = L;
  long step = 0;
  if (opt.record_every > 0) res.trajectory.emplace_back(0, L);
  while (step < opt.max_steps && L > target) {
    for (std::size_t i = 0; i < W.size(); ++i) W1[i] = W[i] - lr * gW[i];
    if (opt.train_v)
      for (std::size_t i = 0; i < v.size(); ++i) v1[i] = v[i] - lr * gv[i];
    // The trial point's loss and gradient in one pass (used when the step is accepted, as it almost always is).
    const double L1 = evaluate(X, y, n, d, opt.train_v ? v1 : v, W1, k, opt, Z, opt.train_v ? &gv1 : nullptr, &gW1);
    ++step;
    const bool accept = !opt.adaptive || (std::isfinite(L1) && L1 <= L);
    if (!opt.adaptive && !std::isfinite(L1)) {
      res.diverged = true;
      L = L1;
      break;
    }
    if (accept) {
      W.swap(W1);
      gW.swap(gW1);
      if (opt.train_v) {
        v.swap(v1);
        gv.swap(gv1);
      }
      L = L1;
      if (opt.adaptive) lr = std::min(lr * opt.grow, opt.lr_max);
    } else {
      lr /= 2;
      if (lr < 1e-14) {
        res.stalled = true;
        break;
      }
    }
    if (opt.record_every > 0 && step % opt.record_every == 0) res.trajectory.emplace_back(step, L);
    if (opt.stall_window > 0 && step % opt.stall_window == 0) {
      if (L > (1 - opt.stall_rel) * window_start) {
        res.stalled = L > target;
        break;
      }
      window_start = L;
    }
  }
  if (opt.record_every > 0 && (res.trajectory.empty() || res.trajectory.back().first != step))
    res.trajectory.emplace_back(step, L);
  res.steps = step;
  res.final_loss = L;
  res.global = std::isfinite(L) && L <= target;
  return res;
}

PlantedDraw planted_draw(long n, long d, long k, const ShallowGdOptions& opt, std::uint64_t seed) {
  Rng rng(seed);
  PlantedDraw p;
  p.X.resize(static_cast<std::size_t>(n * d));
  for (auto& x : p.X) x = standard_normal(rng);
  p.W_star.resize(static_cast<std::size_t>(k * d));
  const double s = 1 / std::sqrt(static_cast<double>(d));
  for (auto& w : p.W_star) w = s * standard_normal(rng);
  const std::vector<double> ones(static_cast<std::size_t>(k), 1.0);
  p.y.assign(static_cast<std::size_t>(n), 0.0);
  std::vector<double> Z;
  // y_i = <1, phi(W* x_i)>: the loss machinery with zero labels gives f(x_i) through the residuals; compute directly.
  for (long i = 0; i < n; ++i) {
    double f = 0;
    for (long l = 0; l < k; ++l) {
      double z = 0;
      for (long j = 0; j < d; ++j) z += p.W_star[static_cast<std::size_t>(l * d + j)] * p.X[static_cast<std::size_t>(i * d + j)];
      f += act_value(z, opt);
    }
    p.y[static_cast<std::size_t>(i)] = f;
  }
  return p;
}

namespace {

/** Runs f(i) for i in [0, count) on `threads` threads (work stealing by an atomic index). */
template <class F>
void parallel_for(long count, unsigned threads, F f) {
  threads = std::max(1u, std::min<unsigned>(threads, static_cast<unsigned>(std::max<long>(count, 1))));
  std::atomic<long> next{0};
  auto worker = [&] {
    for (long i; (i = next.fetch_add(1)) < count;) f(i);
  };
  if (threads == 1) {
    worker();
    return;
  }
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t) pool.emplace_back(worker);
  for (auto& t : pool) t.join();
}

}  // namespace

std::vector<DrawOutcome> run_planted(const PlantedExperiment& e) {
  const long nv = static_cast<long>(e.values.size());
  std::vector<DrawOutcome> out(static_cast<std::size_t>(nv * e.draws));
  parallel_for(nv * e.draws, e.threads, [&](long idx) {
    const long vi = idx / e.draws, draw = idx % e.draws;
    const long x = e.values[static_cast<std::size_t>(vi)];
    const long k = e.vary_k ? x : e.fixed, d = e.vary_k ? e.fixed : x;
    const std::uint64_t draw_seed = derive_seed(e.seed, static_cast<std::uint64_t>(x) * 100000 + static_cast<std::uint64_t>(draw));
    const PlantedDraw p = planted_draw(e.n, d, k, e.gd, draw_seed);
    DrawOutcome o;
    o.x = x;
    o.draw = draw;
    o.runs = e.runs;
    for (long r = 0; r < e.runs; ++r) {
      Rng rng(derive_seed(draw_seed, static_cast<std::uint64_t>(r + 1)));
      std::vector<double> v(static_cast<std::size_t>(k)), W(static_cast<std::size_t>(k * d));
      for (auto& t : v) t = (rng.next() >> 63) ? -1.0 : 1.0;  // v_0 Rademacher
      const double s = 1 / std::sqrt(static_cast<double>(d));
      for (auto& t : W) t = s * standard_normal(rng);          // W_0 ~ N(0, 1/d)
      const ShallowGdResult g = shallow_gd(p.X, p.y, e.n, d, v, W, k, e.gd);
      if (g.global) ++o.global_runs;
      else if (!g.stalled && !g.diverged) ++o.capped_runs;
      o.worst_final_loss = std::max(o.worst_final_loss, g.final_loss / std::max(g.reference_loss, 1e-300));
      o.total_steps += g.steps;
    }
    o.all_global = o.global_runs == o.runs;
    out[static_cast<std::size_t>(idx)] = o;
  });
  return out;
}

LogisticFit fit_logistic(const std::vector<double>& x, const std::vector<int>& y) {
  LogisticFit f;
  const std::size_t m = x.size();
  long ones = 0;
  for (int t : y) ones += t;
  if (ones == 0 || ones == static_cast<long>(m)) {
    f.degenerate = true;
    return f;
  }
  // Separation: every 0 below every 1 (or the reverse).
  double max0 = -std::numeric_limits<double>::infinity(), min1 = std::numeric_limits<double>::infinity();
  for (std::size_t i = 0; i < m; ++i) {
    if (y[i]) min1 = std::min(min1, x[i]);
    else max0 = std::max(max0, x[i]);
  }
  if (max0 < min1) {
    f.separated = true;
    f.x0 = (max0 + min1) / 2;
    f.s = 0;
    return f;
  }
  // Newton-Raphson on (a, b) for p = sigmoid(a + b x), centred x for conditioning.
  double xm = 0;
  for (double t : x) xm += t;
  xm /= static_cast<double>(m);
  double a = 0, b = 0;
  for (long it = 0; it < 100; ++it) {
    double g0 = 0, g1 = 0, h00 = 0, h01 = 0, h11 = 0;
    for (std::size_t i = 0; i < m; ++i) {
      const double u = x[i] - xm, p = 1 / (1 + std::exp(-(a + b * u))), w = p * (1 - p);
      g0 += y[i] - p;
      g1 += (y[i] - p) * u;
      h00 += w;
      h01 += w * u;
      h11 += w * u * u;
    }
    const double det = h00 * h11 - h01 * h01;
    if (!(det > 0)) break;
    const double da = (h11 * g0 - h01 * g1) / det, db = (h00 * g1 - h01 * g0) / det;
    a += da;
    b += db;
    f.iterations = it + 1;
    if (std::abs(da) + std::abs(db) < 1e-12) break;
  }
  f.s = b != 0 ? 1 / b : 0;
  f.x0 = b != 0 ? xm - a / b : 0;
  return f;
}

BootstrapInterval bootstrap_crossing(const std::vector<DrawOutcome>& outcomes, long replicates, double level,
                                     std::uint64_t seed) {
  BootstrapInterval bi;
  std::vector<long> xs;
  for (const auto& o : outcomes)
    if (std::find(xs.begin(), xs.end(), o.x) == xs.end()) xs.push_back(o.x);
  std::vector<std::vector<int>> by_x(xs.size());
  for (const auto& o : outcomes) {
    const auto i = static_cast<std::size_t>(std::find(xs.begin(), xs.end(), o.x) - xs.begin());
    by_x[i].push_back(o.all_global ? 1 : 0);
  }
  Rng rng(seed);
  std::vector<double> crossings;
  for (long r = 0; r < replicates; ++r) {
    std::vector<double> x;
    std::vector<int> y;
    for (std::size_t i = 0; i < xs.size(); ++i)
      for (std::size_t j = 0; j < by_x[i].size(); ++j) {
        x.push_back(static_cast<double>(xs[i]));
        y.push_back(by_x[i][rng.below(by_x[i].size())]);
      }
    const LogisticFit f = fit_logistic(x, y);
    if (f.degenerate) {
      ++bi.degenerate;
      continue;
    }
    crossings.push_back(f.x0);
  }
  bi.replicates = replicates;
  if (crossings.empty()) {
    bi.lo = bi.hi = std::numeric_limits<double>::quiet_NaN();
    return bi;
  }
  std::sort(crossings.begin(), crossings.end());
  const double alpha = (1 - level) / 2;
  auto q = [&](double p) {
    const double pos = p * static_cast<double>(crossings.size() - 1);
    const auto i = static_cast<std::size_t>(std::floor(pos));
    const double t = pos - static_cast<double>(i);
    return i + 1 < crossings.size() ? crossings[i] * (1 - t) + crossings[i + 1] * t : crossings[i];
  };
  bi.lo = q(alpha);
  bi.hi = q(1 - alpha);
  return bi;
}

std::optional<long> always_global_threshold(const std::vector<DrawOutcome>& outcomes) {
  std::vector<long> xs;
  for (const auto& o : outcomes) xs.push_back(o.x);
  std::sort(xs.begin(), xs.end());
  xs.erase(std::unique(xs.begin(), xs.end()), xs.end());
  std::optional<long> best;
  for (auto it = xs.rbegin(); it != xs.rend(); ++it) {
    bool all = true;
    for (const auto& o : outcomes)
      if (o.x == *it && !o.all_global) all = false;
    if (!all) break;
    best = *it;
  }
  return best;
}

std::vector<RandomLabelsRun> run_random_labels(const RandomLabelsExperiment& e) {
  std::vector<RandomLabelsRun> out(e.ks.size());
  // One data set for all k (as in Fig. 4, where the curves share the data).
  Rng data_rng(derive_seed(e.seed, 0));
  std::vector<double> X(static_cast<std::size_t>(e.n * e.d)), y(static_cast<std::size_t>(e.n));
  for (auto& x : X) x = standard_normal(data_rng);
  for (auto& t : y) t = standard_normal(data_rng);
  double ref = 0;
  for (double t : y) ref += t * t;
  const double ref_rmse = std::sqrt(ref / static_cast<double>(e.n));
  parallel_for(static_cast<long>(e.ks.size()), e.threads, [&](long i) {
    const long k = e.ks[static_cast<std::size_t>(i)], d = e.d;
    Rng rng(derive_seed(e.seed, static_cast<std::uint64_t>(k)));
    std::vector<double> v(static_cast<std::size_t>(k)), W(static_cast<std::size_t>(k * d));
    const double s = 1 / std::sqrt(static_cast<double>(d));
    for (auto& w : W) w = s * standard_normal(rng);
    for (auto& t : v) t = e.output == OutputLayer::fixed_ones ? 1.0 : ((rng.next() >> 63) ? -1.0 : 1.0);
    ShallowGdOptions g = e.gd;
    g.train_v = e.output == OutputLayer::trained;
    g.tol = (e.rmse_tol * e.rmse_tol);  // RMSE <= tol * RMSE_0  <=>  L <= tol^2 L_ref
    const ShallowGdResult r = shallow_gd(X, y, e.n, d, v, W, k, g);
    RandomLabelsRun run;
    run.k = k;
    run.reference_rmse = ref_rmse;
    run.final_rmse = std::sqrt(2 * r.final_loss);
    run.zero = run.final_rmse <= e.rmse_tol * ref_rmse;
    run.steps = r.steps;
    for (const auto& [st, L] : r.trajectory) run.rmse.emplace_back(st, std::sqrt(2 * L));
    out[static_cast<std::size_t>(i)] = run;
  });
  return out;
}

}  // namespace gdcert::sim
