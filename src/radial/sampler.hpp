// Double-precision samplers for the experiments: the Eldan–Shamir radial law, its mixture of rescalings,
// Gaussian and uniform-ball data. Randomness only from gdcert::Rng (same seed => same bits).
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "exact/rng.hpp"

namespace gdcert::radial {

/** A standard normal variate by Box–Muller from two uniforms of `rng` (one variate per call, the sine half dropped). */
double standard_normal_d(Rng& rng);

/** A uniform point on the unit sphere S^{d-1} written into x[0..d-1] (normalised Gaussian vector). */
void unit_direction_d(Rng& rng, double* x, long d);

/**
 * Sampler of ||x|| for the Eldan–Shamir law mu on R^d (density d J_{d/2}(t)^2/t in t = 2 pi R_d ||x||).
 * Method: the CDF in t is tabulated on [0, T_max] by composite Simpson (step h) with Boost's cyl_bessel_j and
 * inverted by bisection plus linear interpolation; beyond T_max (mass P(T > T_max) = 1 - table total, by the
 * normalisation identity) t = T_max/V, V uniform: the 1/t tail of the asymptotics (relative error O(1/T_max)).
 * Guarantee: statistical; the tabulated tail is within 1e-4 of the certified one for the default grid (tested at
 * d = 2, 3, 8; linear interpolation between grid points dominates).
 */
class RadialNormSampler {
 public:
  explicit RadialNormSampler(long d, double t_max = 4000.0, double h = 0.05);
  long d() const { return d_; }
  /** One draw of ||x||. */
  double sample(Rng& rng) const;
  /** The tabulated P(||x|| > rho) (for tests and medians). */
  double tail(double rho) const;
  /** The q-quantile of ||x|| (0 < q < 1) from the table. */
  double quantile(double q) const;
  double unit_ball_radius() const { return R_; }

 private:
  double t_of_u(double u) const;
  long d_;
  double R_, t_max_, h_, tail_mass_;
  std::vector<double> cdf_;  // cdf_[i] = P(T <= i h)
};

/** Data laws of the experiments. */
enum class DataLaw { radial, mixture, gaussian, uniform_ball };
DataLaw parse_data_law(const std::string& s);
std::string to_string(DataLaw law);

/**
 * Draws n points of R^d (row-major, n x d) from `law`:
 *   radial       x ~ mu (Eldan–Shamir)
 *   mixture      x/r_j, x ~ mu, j uniform over `radii` (the gamma of Safran–Shamir)
 *   gaussian     N(0, I_d / d) (so ||x|| ~ 1)
 *   uniform_ball uniform on the ball of radius 1
 * Precondition: radii non-empty and positive for the mixture (input_error).
 */
std::vector<double> sample_points_d(DataLaw law, long d, std::size_t n, Rng& rng, const RadialNormSampler* norm,
                                    const std::vector<double>& radii = {});

}  // namespace gdcert::radial
