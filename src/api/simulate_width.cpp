#include "api/simulate_width.hpp"

#include <algorithm>
#include <cmath>

#include <Eigen/Dense>
#include <fmt/format.h>

#include "api/width.hpp"
#include "exact/errors.hpp"
#include "exact/rng.hpp"
#include "sim/noisy_gd.hpp"
#include "sim/two_layer.hpp"
#include "width/data.hpp"

namespace gdcert::api {

namespace {

struct Data {
  std::vector<double> X, y;
  std::size_t n = 0, d = 0;
};

Data to_double(const width::DataSet& s) {
  Data r;
  r.n = s.size();
  r.d = s.dim();
  for (const auto& p : s.points)
    for (const auto& c : p) r.X.push_back(c.to_double());
  for (int v : s.labels) r.y.push_back(v);
  return r;
}

double mean(const std::vector<double>& v) {
  double s = 0;
  for (double x : v) s += x;
  return s / static_cast<double>(v.size());
}

double stderr_of(const std::vector<double>& v) {
  if (v.size() < 2) return 0;
  const double m = mean(v);
  double s = 0;
  for (double x : v) s += (x - m) * (x - m);
  return std::sqrt(s / static_cast<double>(v.size() - 1) / static_cast<double>(v.size()));
}

double double_of(const Value& v) { return v.kind() == Kind::exact ? v.exact().to_double() : v.ball().mid_double(); }

/** Does width m reach the target (majority of seeds)? */
bool reaches(const Data& D, unsigned m, bool coupled, const SimulateWidthRequest& req, std::uint64_t base) {
  unsigned ok = 0;
  for (unsigned s = 0; s < req.seeds; ++s) {
    sim::TwoLayerNet net = sim::init_two_layer(m, D.d, coupled, derive_seed(base, 1000 * m + s));
    const auto r = sim::train_two_layer(net, D.X, D.y, sim::TwoLayerLoss::logistic, req.lr_logistic, req.steps,
                                        req.target > 0 ? req.target : -1);
    ok += req.target > 0 ? r.steps_to_target >= 0 : r.train_error == 0;
  }
  return 2 * ok > req.seeds;
}

double least_width(const Data& D, bool coupled, const SimulateWidthRequest& req, std::uint64_t base) {
  unsigned hi = 2;
  while (hi <= req.max_width && !reaches(D, hi, coupled, req, base)) hi *= 2;
  if (hi > req.max_width) return std::nan("");
  unsigned lo = hi / 2;  // not reached (or 1)
  while (hi - lo > 2) {  // bisection over even widths
    unsigned mid = (lo + hi) / 2;
    mid += mid % 2;
    if (mid >= hi) break;
    (reaches(D, mid, coupled, req, base) ? hi : lo) = mid;
  }
  return hi;
}

SimWidthSlope fit_slope(const std::vector<double>& x, const std::vector<double>& y, const std::string& against,
                        const std::string& init) {
  SimWidthSlope s{against, init, std::nan(""), std::nan(""), std::nan(""), 0};
  std::vector<double> lx, ly;
  for (std::size_t i = 0; i < x.size(); ++i)
    if (std::isfinite(y[i]) && y[i] > 0) lx.push_back(std::log(x[i])), ly.push_back(std::log(y[i]));
  s.points = static_cast<unsigned>(lx.size());
  if (lx.size() < 2) return s;
  const double mx = mean(lx), my = mean(ly);
  double sxx = 0, sxy = 0;
  for (std::size_t i = 0; i < lx.size(); ++i) sxx += (lx[i] - mx) * (lx[i] - mx), sxy += (lx[i] - mx) * (ly[i] - my);
  s.slope = sxy / sxx;
  if (lx.size() > 2) {
    double rss = 0;
    for (std::size_t i = 0; i < lx.size(); ++i) {
      const double e = ly[i] - my - s.slope * (lx[i] - mx);
      rss += e * e;
    }
    s.stderr_ = std::sqrt(rss / static_cast<double>(lx.size() - 2) / sxx);
    // two-sided 95% Student t quantiles for 1..10 degrees of freedom, then 2
    const double t[] = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228};
    const std::size_t dof = lx.size() - 2;
    s.ci_half = (dof <= 10 ? t[dof - 1] : 2.0) * s.stderr_;
  }
  return s;
}

}  // namespace

SimulateWidthRun simulate_width(const SimulateWidthRequest& req0) {
  SimulateWidthRequest req = req0;
  if (req.full) {
    req.widths = {16, 32, 64, 128, 256, 512, 1024, 2048, 4096};
    req.ns = {4, 6, 8, 12, 16, 24, 32};
    req.seeds = std::max(req.seeds, 5u);
    req.hoeffding_draws = std::max(req.hoeffding_draws, 1000u);
    req.gamma_seeds = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
  }
  if (req.seeds < 1 || req.seeds > 1000) throw input_error("simulate width --seeds: requires 1..1000");
  if (req.steps < 0 || req.steps > 1000000) throw input_error("simulate width --steps: requires 0..10^6");
  for (unsigned m : req.widths)
    if (m < 2 || m % 2 != 0 || m > 1000000) throw input_error("simulate width --widths: requires even widths in 2..10^6, got " + std::to_string(m));
  // step sizes and the loss target: finite, the step sizes positive (a NaN or negative step printed garbage tables)
  auto positive_finite = [](double v, const char* what) {
    if (!std::isfinite(v) || v <= 0)
      throw input_error(std::string("simulate width ") + what + ": requires a finite number > 0, got " + fmt::format("{}", v));
  };
  positive_finite(req.lr_logistic, "--lr-logistic");
  positive_finite(req.lr_square, "--lr-square");
  if (!std::isfinite(req.target) || req.target < 0)
    throw input_error("simulate width --target: requires a finite number >= 0, got " + fmt::format("{}", req.target));
  if (req.ns.empty() || req.ns.size() > 64) throw input_error("simulate width --ns: requires 1..64 values");
  if (req.gamma_seeds.size() > 64) throw input_error("simulate width --gamma-seeds: requires at most 64 seeds");
  for (unsigned n : req.ns)
    if (n < 2 || n > 500) throw input_error("simulate width --ns: requires 2 <= n <= 500, got " + std::to_string(n));
  SimulateWidthRun run;
  WidthRequest wr;
  wr.data = req.data;
  wr.labels = req.labels;
  wr.seed = req.seed;
  const width::DataSet ds = width_data(wr);
  const Data D = to_double(ds);
  run.parameters = {{"data", ds.spec}, {"labels", ds.label_spec}, {"seeds", std::to_string(req.seeds)},
                    {"steps", std::to_string(req.steps)}, {"seed", std::to_string(req.seed)}, {"full", req.full ? "yes" : "no"},
                    {"lr_logistic", fmt::format("{}", req.lr_logistic)}, {"lr_square", fmt::format("{}", req.lr_square)},
                    {"target", fmt::format("{}", req.target)}};
  const WidthLambda lam = width_lambda(wr, 128);
  run.lambda0 = double_of(lam.lambda0.value);
  const WidthMargin mg = width_margin(wr, 128);
  run.gamma2_squared = double_of(mg.gamma2_squared.value);
  const WidthGram hg = width_gram(wr, 64);
  Eigen::MatrixXd Hinf(D.n, D.n);
  for (std::size_t i = 0; i < D.n; ++i)
    for (std::size_t j = 0; j < D.n; ++j) Hinf(i, j) = double_of(hg.entries[i][j].value);
  // 1. f(x; W0) and |H(0) - H^inf|_2 against m
  for (unsigned m : req.widths) {
    SimWidthInitRow row{m, 0, 0, 0, 0, 0, 0};
    std::vector<double> dc, di;
    for (unsigned s = 0; s < req.seeds; ++s)
      for (int coupled = 0; coupled < 2; ++coupled) {
        const auto net = sim::init_two_layer(m, D.d, coupled, derive_seed(req.seed, 7919ULL * m + 2 * s + coupled));
        double fmax = 0;
        for (std::size_t i = 0; i < D.n; ++i) fmax = std::max(fmax, std::fabs(sim::two_layer_output(net, &D.X[i * D.d])));
        (coupled ? row.f_coupled : row.f_independent) = std::max(coupled ? row.f_coupled : row.f_independent, fmax);
        const auto H0 = sim::finite_gram(net, D.X, D.n);
        Eigen::MatrixXd diff = Eigen::Map<const Eigen::MatrixXd>(H0.data(), D.n, D.n) - Hinf;
        Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(diff, Eigen::EigenvaluesOnly);
        (coupled ? dc : di).push_back(es.eigenvalues().cwiseAbs().maxCoeff());
      }
    row.dev_coupled = mean(dc), row.dev_coupled_se = stderr_of(dc), row.dev_indep = mean(di), row.dev_indep_se = stderr_of(di);
    run.init.push_back(row);
  }
  // per-pair gradients at t = 0 exactly opposite; after one step the pair members differ
  {
    auto net = sim::init_two_layer(16, D.d, true, derive_seed(req.seed, 4242));
    const auto g = sim::two_layer_gradient(net, &D.X[0]);
    bool opp = true;
    for (std::size_t r = 0; r < 16; r += 2)
      for (std::size_t k = 0; k < D.d; ++k) opp = opp && g[r * D.d + k] == -g[(r + 1) * D.d + k];
    run.pairs_opposite = opp;
    sim::train_two_layer(net, D.X, D.y, sim::TwoLayerLoss::logistic, req.lr_logistic, 1, -1);
    bool differ = false;
    for (std::size_t r = 0; r < 16; r += 2)
      for (std::size_t k = 0; k < D.d; ++k) differ = differ || net.W[r * D.d + k] != net.W[(r + 1) * D.d + k];
    run.pairs_separate = differ;
  }
  // 2. GD on logistic and square loss at the largest width
  const unsigned mgd = req.widths.back();
  for (const char* loss : {"logistic", "square"})
    for (int coupled = 1; coupled >= 0; --coupled) {
      std::vector<double> fl, te;
      double reached = 0;
      for (unsigned s = 0; s < req.seeds; ++s) {
        auto net = sim::init_two_layer(mgd, D.d, coupled, derive_seed(req.seed, 31337ULL + 2 * s + coupled));
        const auto r = sim::train_two_layer(net, D.X, D.y, sim::parse_two_layer_loss(loss),
                                            std::string(loss) == "logistic" ? req.lr_logistic : req.lr_square, req.steps, -1);
        fl.push_back(r.final_loss);
        te.push_back(r.train_error);
        reached += r.train_error == 0;
      }
      run.gd.push_back({loss, coupled ? "coupled" : "independent", mgd, mean(fl), stderr_of(fl), mean(te), reached / req.seeds});
    }
  // 3. least width reaching zero training error (or the target), against n; slopes
  std::vector<double> xs, yc, yi;
  for (unsigned n : req.ns) {
    WidthRequest r2 = wr;
    r2.data = "sphere:n=" + std::to_string(n) + ":d=" + std::to_string(req.d) + ":seed=" + std::to_string(req.seed + n);
    r2.labels = "random:seed=" + std::to_string(req.seed + n);  // random labels: the width has to grow with n
    const width::DataSet s2 = width_data(r2);
    const Data D2 = to_double(s2);
    const double lc = least_width(D2, true, req, derive_seed(req.seed, 99991ULL * n));
    const double li = least_width(D2, false, req, derive_seed(req.seed, 99991ULL * n + 1));
    run.least.push_back({n, lc, li});
    xs.push_back(n);
    yc.push_back(lc);
    yi.push_back(li);
  }
  run.slopes.push_back(fit_slope(xs, yc, "n", "coupled"));
  run.slopes.push_back(fit_slope(xs, yi, "n", "independent"));
  // least width against the margin: sphere data sets (n = 8) of several seeds, gamma = gamma_2^2 of each
  {
    std::vector<double> gs, gc, gi;
    for (unsigned s : req.gamma_seeds) {
      WidthRequest r3 = wr;
      r3.data = "sphere:n=8:d=" + std::to_string(req.d) + ":seed=" + std::to_string(s);
      r3.labels = "random:seed=" + std::to_string(s);
      const width::DataSet s3 = width_data(r3);
      const Data D3 = to_double(s3);
      const double g = double_of(width_margin(r3, 64).gamma2_squared.value);
      const double lc = least_width(D3, true, req, derive_seed(req.seed, 77777ULL * s));
      const double li = least_width(D3, false, req, derive_seed(req.seed, 77777ULL * s + 1));
      run.least_gamma.push_back({s, g, lc, li});
      gs.push_back(g);
      gc.push_back(lc);
      gi.push_back(li);
    }
    run.slopes.push_back(fit_slope(gs, gc, "gamma_2^2", "coupled"));
    run.slopes.push_back(fit_slope(gs, gi, "gamma_2^2", "independent"));
  }
  // 3b. the witness v(z) = sum_i q*_i y_i x_i 1[z.x_i > 0]: its margins by Monte Carlo against the exact (A q*)_j
  {
    if (req.witness_samples > 10000000) throw input_error("simulate width --witness-samples: requires at most 10^7");
    std::vector<double> q;
    for (const auto& v : mg.q) q.push_back(double_of(v.value));
    std::vector<double> sum(D.n, 0.0), sum2(D.n, 0.0), z(D.d), v(D.d);
    Rng rng(derive_seed(req.seed, 424242));
    for (unsigned t = 0; t < req.witness_samples; ++t) {
      for (auto& c : z) c = sim::standard_normal(rng);
      std::fill(v.begin(), v.end(), 0.0);
      for (std::size_t k = 0; k < D.n; ++k) {
        double zx = 0;
        for (std::size_t c = 0; c < D.d; ++c) zx += z[c] * D.X[k * D.d + c];
        if (zx > 0 && q[k] != 0)
          for (std::size_t c = 0; c < D.d; ++c) v[c] += q[k] * D.y[k] * D.X[k * D.d + c];
      }
      double nv = 0;
      for (double c : v) nv += c * c;
      run.witness_sup_norm = std::max(run.witness_sup_norm, std::sqrt(nv));
      for (std::size_t j = 0; j < D.n; ++j) {
        double zx = 0, vx = 0;
        for (std::size_t c = 0; c < D.d; ++c) zx += z[c] * D.X[j * D.d + c], vx += v[c] * D.X[j * D.d + c];
        const double term = zx > 0 ? D.y[j] * vx : 0.0;
        sum[j] += term;
        sum2[j] += term * term;
      }
    }
    const double N = req.witness_samples;
    for (std::size_t j = 0; j < D.n && N > 1; ++j) {
      const double mean_j = sum[j] / N, var = std::max(0.0, (sum2[j] / N - mean_j * mean_j) * N / (N - 1));
      run.witness.push_back({j, double_of(mg.Aq[j].value), mean_j, std::sqrt(var / N)});
    }
  }
  // 4. Hoeffding property test at m = ceil(16 ln(n/delta)/gamma^2), gamma = gamma_2^2 (the witness margin)
  {
    const double delta = Rational::parse(req.delta).to_double();
    if (!(delta > 0 && delta < 1)) throw domain_error("simulate width --delta: requires 0 < delta < 1");
    const double gam = run.gamma2_squared;
    if (!(gam > 0)) throw domain_error("simulate width: gamma_2^2 = 0 (the labelling has no NTK margin)");
    double mreq = std::ceil(16 * std::log(static_cast<double>(D.n) / delta) / (gam * gam));
    run.hoeffding_delta = delta;
    if (mreq > 200000) return run;  // skipped: hoeffding_m stays 0 (the document says so)
    unsigned m = static_cast<unsigned>(mreq);
    m += m % 2;
    run.hoeffding_m = m;
    run.hoeffding_delta = delta;
    run.hoeffding_draws = req.hoeffding_draws;
    std::vector<double> q;
    for (const auto& v : mg.q) q.push_back(double_of(v.value));
    for (unsigned t = 0; t < req.hoeffding_draws; ++t) {
      const auto net = sim::init_two_layer(m, D.d, true, derive_seed(req.seed, 555555ULL + t));
      double worst = 1e300;
      for (std::size_t i = 0; i < D.n; ++i) {
        double sum = 0;
        for (std::size_t r = 0; r < m; ++r) {
          const double* w = &net.W[r * D.d];
          double wi = 0;
          for (std::size_t k = 0; k < D.d; ++k) wi += w[k] * D.X[i * D.d + k];
          if (!(wi > 0)) continue;
          double vx = 0;  // <v(w_r), x_i>, v(z) = sum_k q_k y_k x_k 1[z.x_k > 0]
          for (std::size_t kk = 0; kk < D.n; ++kk) {
            if (q[kk] == 0) continue;
            double wk = 0, xx = 0;
            for (std::size_t c = 0; c < D.d; ++c) wk += w[c] * D.X[kk * D.d + c], xx += D.X[kk * D.d + c] * D.X[i * D.d + c];
            if (wk > 0) vx += q[kk] * D.y[kk] * xx;
          }
          sum += D.y[i] * vx;
        }
        worst = std::min(worst, sum / m);
      }
      run.hoeffding_failures += worst < gam / 2;
    }
  }
  return run;
}

}  // namespace gdcert::api
