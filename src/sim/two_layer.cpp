#include "sim/two_layer.hpp"

#include <cmath>

#include "exact/errors.hpp"
#include "exact/rng.hpp"
#include "sim/noisy_gd.hpp"

namespace gdcert::sim {

TwoLayerNet init_two_layer(std::size_t m, std::size_t d, bool coupled, std::uint64_t seed) {
  if (m == 0 || d == 0) throw input_error("two-layer net: requires m >= 1 and d >= 1");
  if (coupled && m % 2 != 0) throw input_error("two-layer net: coupled initialization requires an even width, got m = " + std::to_string(m));
  if (static_cast<double>(m) * static_cast<double>(d) > 2e8) throw resource_error("two-layer net: m d > 2e8");
  TwoLayerNet net;
  net.m = m;
  net.d = d;
  net.W.resize(m * d);
  net.a.resize(m);
  Rng rng(seed);
  for (std::size_t r = 0; r < m; ++r) {
    if (coupled && r % 2 == 1) {  // width.coupled_init: the twin of row r - 1 with the opposite output weight
      for (std::size_t k = 0; k < d; ++k) net.W[r * d + k] = net.W[(r - 1) * d + k];
      net.a[r] = -net.a[r - 1];
      continue;
    }
    for (std::size_t k = 0; k < d; ++k) net.W[r * d + k] = standard_normal(rng);
    net.a[r] = rng.below(2) ? 1.0 : -1.0;
  }
  return net;
}

namespace {
double pre(const TwoLayerNet& net, std::size_t r, const double* x) {
  double s = 0;
  for (std::size_t k = 0; k < net.d; ++k) s += net.W[r * net.d + k] * x[k];
  return s;
}
}  // namespace

double two_layer_output(const TwoLayerNet& net, const double* x) {
  double total = 0;
  for (std::size_t r = 0; r < net.m; r += 2) {
    double pair = net.a[r] * std::max(0.0, pre(net, r, x));
    if (r + 1 < net.m) pair += net.a[r + 1] * std::max(0.0, pre(net, r + 1, x));  // exactly 0 for a coupled pair
    total += pair;
  }
  return total / std::sqrt(static_cast<double>(net.m));
}

std::vector<double> finite_gram(const TwoLayerNet& net, const std::vector<double>& X, std::size_t n) {
  std::vector<unsigned char> act(net.m * n);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t r = 0; r < net.m; ++r) act[i * net.m + r] = pre(net, r, &X[i * net.d]) >= 0;
  std::vector<double> H(n * n);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j <= i; ++j) {
      double dot = 0;
      for (std::size_t k = 0; k < net.d; ++k) dot += X[i * net.d + k] * X[j * net.d + k];
      std::size_t c = 0;
      for (std::size_t r = 0; r < net.m; ++r) c += act[i * net.m + r] & act[j * net.m + r];
      H[i * n + j] = H[j * n + i] = dot * static_cast<double>(c) / static_cast<double>(net.m);  // width.finite_gram
    }
  return H;
}

TwoLayerLoss parse_two_layer_loss(const std::string& t) {
  if (t == "square") return TwoLayerLoss::square;
  if (t == "logistic") return TwoLayerLoss::logistic;
  throw input_error("--loss: requires square or logistic, got \"" + t + "\"");
}

std::vector<double> two_layer_gradient(const TwoLayerNet& net, const double* x) {
  std::vector<double> g(net.m * net.d, 0.0);
  const double s = 1 / std::sqrt(static_cast<double>(net.m));
  for (std::size_t r = 0; r < net.m; ++r)
    if (pre(net, r, x) >= 0)
      for (std::size_t k = 0; k < net.d; ++k) g[r * net.d + k] = s * net.a[r] * x[k];
  return g;
}

TwoLayerGd train_two_layer(TwoLayerNet& net, const std::vector<double>& X, const std::vector<double>& y, TwoLayerLoss loss,
                           double lr, long steps, double target) {
  const std::size_t n = y.size(), d = net.d, m = net.m;
  const double s = 1 / std::sqrt(static_cast<double>(m));
  TwoLayerGd res;
  std::vector<double> f(n), dl(n), grad(m * d);
  for (long t = 0;; ++t) {
    double L = 0;
    for (std::size_t i = 0; i < n; ++i) {
      f[i] = two_layer_output(net, &X[i * d]);
      if (loss == TwoLayerLoss::square) {
        L += 0.5 * (f[i] - y[i]) * (f[i] - y[i]);
        dl[i] = f[i] - y[i];
      } else {
        const double z = y[i] * f[i];
        L += (z > 0 ? std::log1p(std::exp(-z)) : -z + std::log1p(std::exp(z))) / static_cast<double>(n);
        dl[i] = -y[i] / (1 + std::exp(z)) / static_cast<double>(n);
      }
    }
    if (!std::isfinite(L)) throw domain_error("train_two_layer: the loss diverged at step " + std::to_string(t) + " (lower --lr)");
    res.loss.push_back(L);
    if (res.steps_to_target < 0 && L <= target) res.steps_to_target = t;
    if (t == steps) break;
    std::fill(grad.begin(), grad.end(), 0.0);
    for (std::size_t r = 0; r < m; ++r)
      for (std::size_t i = 0; i < n; ++i)
        if (pre(net, r, &X[i * d]) >= 0) {
          const double c = s * net.a[r] * dl[i];
          for (std::size_t k = 0; k < d; ++k) grad[r * d + k] += c * X[i * d + k];
        }
    for (std::size_t q = 0; q < m * d; ++q) net.W[q] -= lr * grad[q];
  }
  res.final_loss = res.loss.back();
  std::size_t wrong = 0;
  for (std::size_t i = 0; i < n; ++i) wrong += y[i] * two_layer_output(net, &X[i * d]) <= 0;
  res.train_error = static_cast<double>(wrong) / static_cast<double>(n);
  return res;
}

}  // namespace gdcert::sim
