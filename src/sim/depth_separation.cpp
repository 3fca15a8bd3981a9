#include "sim/depth_separation.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <string>

#include <Eigen/Dense>

#include "exact/errors.hpp"
#include "exact/resources.hpp"
#include "radial/mixture.hpp"
#include "radial/radial.hpp"

namespace gdcert::sim {

namespace {

using Mat = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using Vec = Eigen::VectorXd;

double sigmoid(double z) { return z >= 0 ? 1.0 / (1.0 + std::exp(-z)) : std::exp(z) / (1.0 + std::exp(z)); }

struct Data {
  Mat X;
  Vec y;
};

Data make_data(const DepthSeparationConfig& cfg, std::size_t n, std::uint64_t stream, const radial::RadialNormSampler* norm,
               const std::vector<double>& radii) {
  Rng rng(derive_seed(cfg.seed, stream));
  const auto pts = radial::sample_points_d(cfg.law, cfg.d, n, rng, norm, radii);
  Data D;
  D.X = Eigen::Map<const Mat>(pts.data(), static_cast<Eigen::Index>(n), cfg.d);
  D.y = Vec::Zero(static_cast<Eigen::Index>(n));
  return D;
}

void label(Data& D, double r) {
  for (Eigen::Index i = 0; i < D.X.rows(); ++i) D.y[i] = D.X.row(i).squaredNorm() <= r * r ? 1.0 : 0.0;
}

double median_norm(const Mat& X) {
  std::vector<double> n(static_cast<std::size_t>(X.rows()));
  for (Eigen::Index i = 0; i < X.rows(); ++i) n[static_cast<std::size_t>(i)] = X.row(i).norm();
  std::sort(n.begin(), n.end());
  return n[n.size() / 2];
}

/** N1: sum_i v_i act(<w_i, x> + b_i) + c. */
struct N1 {
  Mat W;  // width x d
  Vec b, v;
  double c = 0;
  bool relu = false;
  Mat hidden(const Mat& X, Mat* pre = nullptr) const {
    Mat Z = X * W.transpose();
    Z.rowwise() += b.transpose();
    if (pre) *pre = Z;
    return relu ? Mat(Z.cwiseMax(0.0)) : Mat(Z.unaryExpr([](double z) { return sigmoid(z); }));
  }
  Vec predict(const Mat& X) const { return (hidden(X) * v).array() + c; }
};

/** N2: sigma(sum_i u_i sigma(<w_i, x> + b_i) + c), hidden fixed. */
struct N2 {
  Mat W;
  Vec b, u;
  double c = 0;
  Mat features(const Mat& X) const {
    Mat Z = X * W.transpose();
    Z.rowwise() += b.transpose();
    return Z.unaryExpr([](double z) { return sigmoid(z); });
  }
  static Vec output(const Mat& H, const Vec& u, double c) {
    Vec z = (H * u).array() + c;
    return z.unaryExpr([](double t) { return sigmoid(t); });
  }
};

std::pair<double, double> mse_and_stderr(const Vec& pred, const Vec& y) {
  const Eigen::ArrayXd e = (pred - y).array().square();
  const double n = static_cast<double>(e.size());
  const double m = e.mean();
  const double var = e.size() > 1 ? (e - m).square().sum() / (n - 1) : 0.0;
  return {m, std::sqrt(var / n)};
}

}  // namespace

DepthSeparationResult run_depth_separation(const DepthSeparationConfig& cfg) {
  radial::require_dimension(cfg.d, "run_depth_separation");
  if (cfg.r && !(*cfg.r > 0))
    throw domain_error("run_depth_separation: requires r > 0, got r = " + std::to_string(*cfg.r));
  if (cfg.width < 1 || cfg.iterations < 0 || cfg.n_train < 2 || cfg.n_test < 2)
    throw input_error("run_depth_separation: requires width >= 1, iterations >= 0, n_train >= 2, n_test >= 2");
  if (!(cfg.step > 0)) throw domain_error("run_depth_separation: requires step > 0, got step = " + std::to_string(cfg.step));
  if (cfg.arch != "n1" && cfg.arch != "n2")
    throw input_error("run_depth_separation: requires arch = n1 or n2, got \"" + cfg.arch + "\"");
  if (cfg.activation != "sigmoid" && cfg.activation != "relu")
    throw input_error("run_depth_separation: requires activation = sigmoid or relu, got \"" + cfg.activation + "\"");
  if (cfg.n2_init != "coordinate" && cfg.n2_init != "gaussian")
    throw input_error("run_depth_separation: requires n2 init = coordinate or gaussian, got \"" + cfg.n2_init + "\"");
  const double bytes = 8.0 * static_cast<double>(cfg.n_train + cfg.n_test) *
                       static_cast<double>(cfg.d + 2 * cfg.width);
  require_memory(static_cast<long double>(bytes), "depth-separation experiment");

  std::unique_ptr<radial::RadialNormSampler> norm;
  std::vector<double> radii;
  if (cfg.law == radial::DataLaw::radial || cfg.law == radial::DataLaw::mixture)
    norm = std::make_unique<radial::RadialNormSampler>(cfg.d);
  if (cfg.law == radial::DataLaw::mixture)
    radii = radial::mixture_radii_d(cfg.d, radial::es16_alpha(cfg.d), cfg.mixture_k);

  Data train = make_data(cfg, cfg.n_train, 1, norm.get(), radii);
  Data test = make_data(cfg, cfg.n_test, 2, norm.get(), radii);
  DepthSeparationResult res;
  res.r = cfg.r ? *cfg.r : median_norm(train.X);
  label(train, res.r);
  label(test, res.r);
  res.inside_rate = test.y.mean();
  res.constant_mse = res.inside_rate * (1 - res.inside_rate);

  Rng init(derive_seed(cfg.seed, 3));
  const Eigen::Index m = cfg.width, d = cfg.d;
  const double n = static_cast<double>(cfg.n_train);
  const double r = res.r;
  const auto start = std::chrono::steady_clock::now();

  if (cfg.arch == "n1") {
    N1 net;
    net.relu = cfg.activation == "relu";
    net.W = Mat(m, d);
    net.b = Vec(m);
    net.v = Vec(m);
    // w ~ N(0, I/(d r^2)) (pre-activations O(1) on the sphere of radius r), b ~ N(0, 1), v ~ N(0, 1/m)
    const double ws = 1.0 / (std::sqrt(static_cast<double>(d)) * r), vs = 1.0 / std::sqrt(static_cast<double>(m));
    for (Eigen::Index i = 0; i < m; ++i) {
      for (Eigen::Index j = 0; j < d; ++j) net.W(i, j) = ws * radial::standard_normal_d(init);
      net.b[i] = radial::standard_normal_d(init);
      net.v[i] = vs * radial::standard_normal_d(init);
    }
    Mat Z;
    for (long it = 0; it < cfg.iterations; ++it) {
      const Mat H = net.hidden(train.X, &Z);
      const Vec e = ((H * net.v).array() + net.c).matrix() - train.y;  // residual
      const Vec ge = (2.0 / n) * e;
      // gradients
      const Vec gv = H.transpose() * ge;
      const double gc = ge.sum();
      Mat dZ = net.relu ? Mat((Z.array() > 0).cast<double>()) : Mat(H.array() * (1.0 - H.array()));
      dZ.array().colwise() *= ge.array();
      dZ.array().rowwise() *= net.v.transpose().array();
      const Mat gW = dZ.transpose() * train.X;
      const Vec gb = dZ.colwise().sum().transpose();
      double scale = 1.0;
      if (cfg.clip > 0) {
        const double g2 = std::sqrt(gv.squaredNorm() + gc * gc + gW.squaredNorm() + gb.squaredNorm());
        if (g2 > cfg.clip) scale = cfg.clip / g2;  // heavy tails: clip the full gradient norm
      }
      const double s = cfg.step * scale;
      net.v -= s * gv;
      net.c -= s * gc;
      net.W -= s * gW;
      net.b -= s * gb;
    }
    std::tie(res.train_mse, std::ignore) = mse_and_stderr(net.predict(train.X), train.y);
    std::tie(res.test_mse, res.test_stderr) = mse_and_stderr(net.predict(test.X), test.y);
  } else {
    N2 net;
    net.W = Mat::Zero(m, d);
    net.b = Vec(m);
    const double a = cfg.n2_slope / r;
    const double C = 2.0 * r * r;  // truncation level C > r^2 (ds.truncated_square)
    for (Eigen::Index i = 0; i < m; ++i) {
      if (cfg.n2_init == "coordinate") {
        // sigma(s a (x_c - t)): coordinate c uniform, sign s, threshold t uniform in [-sqrt C, sqrt C]
        const auto c = static_cast<Eigen::Index>(init.below(static_cast<std::uint64_t>(d)));
        const double sgn = init.below(2) ? 1.0 : -1.0;
        const double t = (2.0 * init.uniform01() - 1.0) * std::sqrt(C);
        net.W(i, c) = sgn * a;
        net.b[i] = -sgn * a * t;
      } else {
        for (Eigen::Index j = 0; j < d; ++j) net.W(i, j) = a / std::sqrt(static_cast<double>(d)) * radial::standard_normal_d(init);
        net.b[i] = cfg.n2_slope * radial::standard_normal_d(init);
      }
    }
    const Mat H = net.features(train.X);
    Vec u = Vec::Zero(m);
    double c = 0;
    for (long it = 0; it < cfg.iterations; ++it) {
      const Vec o = N2::output(H, u, c);
      // d/dz (sigma(z) - y)^2 = 2 (sigma - y) sigma (1 - sigma)
      const Vec g = (2.0 / n) * ((o - train.y).array() * o.array() * (1.0 - o.array())).matrix();
      u -= cfg.step * (H.transpose() * g);
      c -= cfg.step * g.sum();
    }
    net.u = u;
    net.c = c;
    std::tie(res.train_mse, std::ignore) = mse_and_stderr(N2::output(H, u, c), train.y);
    std::tie(res.test_mse, res.test_stderr) = mse_and_stderr(N2::output(net.features(test.X), u, c), test.y);
  }
  res.train_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return res;
}

}  // namespace gdcert::sim
