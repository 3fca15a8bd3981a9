#include "radial/sampler.hpp"

#include <algorithm>
#include <cmath>

#include <boost/math/special_functions/bessel.hpp>

#include "exact/errors.hpp"
#include "radial/radial.hpp"

namespace gdcert::radial {

double standard_normal_d(Rng& rng) {
  const double u1 = 1.0 - rng.uniform01();  // in (0, 1]
  const double u2 = rng.uniform01();
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * M_PI * u2);
}

void unit_direction_d(Rng& rng, double* x, long d) {
  for (;;) {
    double s = 0;
    for (long i = 0; i < d; ++i) {
      x[i] = standard_normal_d(rng);
      s += x[i] * x[i];
    }
    if (s > 1e-300) {
      const double inv = 1.0 / std::sqrt(s);
      for (long i = 0; i < d; ++i) x[i] *= inv;
      return;
    }
  }
}

RadialNormSampler::RadialNormSampler(long d, double t_max, double h) : d_(d), t_max_(t_max), h_(h) {
  require_dimension(d, "RadialNormSampler");
  if (!(h > 0) || !(t_max > 100 * h)) throw input_error("RadialNormSampler: requires h > 0 and t_max > 100 h");
  R_ = unit_ball_radius_ball(d, 64).mid_double();
  const double nu = 0.5 * static_cast<double>(d);
  auto q = [&](double t) {
    if (t <= 0) return d == 1 ? 2.0 / M_PI : 0.0;  // limit of d J_nu(t)^2/t at 0
    const double j = boost::math::cyl_bessel_j(nu, t);
    return static_cast<double>(d) * j * j / t;
  };
  const auto cells = static_cast<std::size_t>(std::ceil(t_max / h));
  h_ = t_max / static_cast<double>(cells);
  cdf_.assign(cells + 1, 0.0);
  double acc = 0, left = q(0);
  for (std::size_t i = 0; i < cells; ++i) {
    const double a = static_cast<double>(i) * h_;
    const double mid = q(a + 0.5 * h_), right = q(a + h_);
    acc += h_ / 6.0 * (left + 4.0 * mid + right);  // Simpson on [a, a + h]
    cdf_[i + 1] = acc;
    left = right;
  }
  tail_mass_ = std::max(0.0, 1.0 - acc);  // radial.normalisation: the total is 1
}

double RadialNormSampler::t_of_u(double u) const {
  const double inside = cdf_.back();
  if (u >= inside) {
    // conditional tail: P(T > t | T > T_max) = T_max/t
    const double v = (1.0 - u) / std::max(tail_mass_, 1e-300);
    return t_max_ / std::max(v, 1e-300);
  }
  const auto it = std::upper_bound(cdf_.begin(), cdf_.end(), u);
  const std::size_t i = static_cast<std::size_t>(it - cdf_.begin()) - 1;
  const double lo = cdf_[i], hi = cdf_[i + 1];
  const double frac = hi > lo ? (u - lo) / (hi - lo) : 0.0;
  return (static_cast<double>(i) + frac) * h_;
}

double RadialNormSampler::sample(Rng& rng) const { return t_of_u(rng.uniform01()) / (2.0 * M_PI * R_); }

double RadialNormSampler::tail(double rho) const {
  const double t = 2.0 * M_PI * R_ * rho;
  if (t >= t_max_) return tail_mass_ * t_max_ / t;
  const double x = t / h_;
  const auto i = static_cast<std::size_t>(x);
  const double frac = x - static_cast<double>(i);
  return 1.0 - (cdf_[i] + frac * (cdf_[i + 1] - cdf_[i]));
}

double RadialNormSampler::quantile(double q) const { return t_of_u(q) / (2.0 * M_PI * R_); }

DataLaw parse_data_law(const std::string& s) {
  if (s == "radial") return DataLaw::radial;
  if (s == "mixture") return DataLaw::mixture;
  if (s == "gaussian") return DataLaw::gaussian;
  if (s == "uniform_ball" || s == "ball") return DataLaw::uniform_ball;
  throw input_error("data law: requires radial, mixture, gaussian or uniform_ball, got \"" + s + "\"");
}

std::string to_string(DataLaw law) {
  switch (law) {
    case DataLaw::radial: return "radial";
    case DataLaw::mixture: return "mixture";
    case DataLaw::gaussian: return "gaussian";
    case DataLaw::uniform_ball: return "uniform_ball";
  }
  return "";
}

std::vector<double> sample_points_d(DataLaw law, long d, std::size_t n, Rng& rng, const RadialNormSampler* norm,
                                    const std::vector<double>& radii) {
  require_dimension(d, "sample_points_d");
  const auto du = static_cast<std::size_t>(d);
  std::vector<double> x(n * du);
  if ((law == DataLaw::radial || law == DataLaw::mixture) && (norm == nullptr || norm->d() != d))
    throw input_error("sample_points_d: requires a RadialNormSampler of dimension d");
  if (law == DataLaw::mixture && (radii.empty() || *std::min_element(radii.begin(), radii.end()) <= 0))
    throw input_error("sample_points_d: requires positive mixture radii");
  for (std::size_t k = 0; k < n; ++k) {
    double* p = x.data() + k * du;
    switch (law) {
      case DataLaw::radial:
      case DataLaw::mixture: {
        double r = norm->sample(rng);
        if (law == DataLaw::mixture) r /= radii[rng.below(radii.size())];
        unit_direction_d(rng, p, d);
        for (std::size_t i = 0; i < du; ++i) p[i] *= r;
        break;
      }
      case DataLaw::gaussian: {
        const double s = 1.0 / std::sqrt(static_cast<double>(d));
        for (std::size_t i = 0; i < du; ++i) p[i] = s * standard_normal_d(rng);
        break;
      }
      case DataLaw::uniform_ball: {
        unit_direction_d(rng, p, d);
        const double r = std::pow(rng.uniform01(), 1.0 / static_cast<double>(d));
        for (std::size_t i = 0; i < du; ++i) p[i] *= r;
        break;
      }
    }
  }
  return x;
}

}  // namespace gdcert::radial
