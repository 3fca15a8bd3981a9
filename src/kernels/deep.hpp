// Deep kernels: the NNGP and NTK recursions of an L-hidden-layer fully connected network in the NTK
// parameterization (neural-tangents' stax.serial(Dense(W_std, b_std, parameterization='ntk'), act, ...,
// Dense(W_std, b_std)), Jacot et al. 2018), as certified Arb balls, and the infinite-depth fixed point.
//
// Network: z^1 = (σ_w,1/√d) W^1 x + σ_b,1 b^1, z^{h} = (σ_w,h/√n_{h-1}) W^h σ(z^{h-1}) + σ_b,h b^h (h = 2..L+1),
// every W, b entry N(0, 1), output z^{L+1}. Widths → ∞:
//   Σ^1(x, y) = σ_w,1² ⟨x, y⟩/d + σ_b,1²,                          Θ^1 = Σ^1
//   Σ^h       = σ_w,h² k(Σ^{h-1}) + σ_b,h²,                         Θ^h = Σ^h + σ_w,h² k'(Σ^{h-1}) Θ^{h-1}
// with k(Σ) = E[σ(u)σ(v)], k'(Σ) = E[σ'(u)σ'(v)] over (u, v) ~ N(0, [[Σ(x,x), Σ(x,y)], [Σ(x,y), Σ(y,y)]])
// (kernels/general.hpp). The NNGP of the network is Σ^{L+1}, its NTK Θ^{L+1} (formulas kernel.deep.nngp,
// kernel.deep.ntk). With L = 1, σ_w,1² = d, σ_b = 0, σ_w,2² = 1 and relu, Θ^2 is the width module's two-layer Gram
// matrix with both layers trained (H^inf + arc-cosine term) and Θ^2 − Σ^2 is H^inf (kernel.deep.two_layer).
#pragma once
#include <optional>
#include <vector>

#include "exact/ball.hpp"
#include "exact/ball_matrix.hpp"
#include "exact/rational.hpp"
#include "kernels/dual.hpp"

namespace gdcert::kernels {

/** Largest depth accepted. */
inline constexpr unsigned kMaxDepth = 100000;
/** gelu (certified quadrature per entry): at most this many (pair, layer) evaluations (resource_error beyond). */
inline constexpr unsigned kMaxGeluPairLayers = 5000;

/** The per-layer variances, layers 1..L+1 (L hidden layers; layer L+1 is the linear readout). */
struct DeepArchitecture {
  Activation activation;
  unsigned depth = 1;                  // L >= 1 hidden layers
  std::vector<Rational> weight_var;    // σ_w,h², h = 1..L+1 (size L+1)
  std::vector<Rational> bias_var;      // σ_b,h², h = 1..L+1 (size L+1)
  /** The same (σ_w², σ_b²) in every layer. */
  static DeepArchitecture uniform(const Activation& a, unsigned L, const Rational& sw2, const Rational& sb2);
};

struct DeepGram {
  std::vector<BallMatrix> nngp;  // Σ^h, h = 1..L+1 (index h - 1)
  std::vector<BallMatrix> ntk;   // Θ^h, h = 1..L+1 (empty when not requested)
  slong prec = 0;
};

/**
 * Σ^h and (when `ntk`) Θ^h for h = 1..L+1 on the points (rows of equal dimension d >= 1).
 * Guarantee:    every ball encloses the exact infinite-width kernel (diagonals through diagonal_moment, so no
 *               accuracy loss at ρ = 1; off-diagonal ρ balls are clipped to [-1, 1]).
 * Precondition: a non-empty point set of one dimension; weight/bias variances >= 0 with sizes L+1; Σ^h(x, x) > 0
 *               at every layer (a zero point with σ_b,1 = 0 is a domain_error); ntk with sign/step is a domain_error
 *               (σ' is a point mass); depth 1..kMaxDepth; n² (L+1) balls must fit in memory, and for gelu
 *               n(n+1)/2 · L <= kMaxGeluPairLayers (resource_error).
 * Formula:      kernel.deep.nngp, kernel.deep.ntk.
 */
DeepGram deep_gram(const DeepArchitecture& arch, const std::vector<std::vector<Rational>>& points, bool ntk,
                   slong prec);

/** One pair (x, y) given by its first-layer covariance entries: Σ^1(x,x) = q1, Σ^1(y,y) = q2, Σ^1(x,y) = c. */
struct DeepPair {
  std::vector<Ball> q1, q2, c;  // Σ^h, h = 1..L+1
  std::vector<Ball> theta;      // Θ^h(x, y), h = 1..L+1 (when ntk)
  std::vector<Ball> theta_x, theta_y;  // Θ^h(x, x), Θ^h(y, y)
};
DeepPair deep_pair(const DeepArchitecture& arch, const Rational& q1, const Rational& q2, const Rational& c, bool ntk,
                   slong prec);

/**
 * Infinite-depth fixed point of a uniform architecture (σ_w², σ_b² in every layer) for the positively homogeneous
 * degree-1 family (relu, leaky, abrelu, abs): with m = E[σ(z)²] = (a² + b²)/2 = E[σ'(z)²] (z ~ N(0, 1)),
 *   q ↦ σ_w² m q + σ_b²           has the fixed point q* = σ_b²/(1 − σ_w² m) when σ_w² m < 1 (every q when
 *                                  σ_w² m = 1 and σ_b² = 0; none otherwise: the variance diverges or drifts),
 *   ρ ↦ (σ_w² q* κ(ρ) + σ_b²)/q*   has ρ* = 1 as its only fixed point in [-1, 1] and every correlation converges to it
 *                                  (unless σ is linear, a = b), with slope χ_1 = σ_w² m at ρ* (kernel.deep.fixed_point).
 * Exact. Precondition: an activation of that family (domain_error otherwise), σ_w² > 0, σ_b² >= 0.
 */
struct FixedPoint {
  enum class Variance { fixed, every_q, diverges } variance = Variance::fixed;
  Rational m;          // E[σ(z)²] = E[σ'(z)²]
  Rational chi1;       // σ_w² m: the slope of the correlation map at ρ* = 1
  std::optional<Rational> q_star;  // when Variance::fixed
  Rational rho_star{1};
  bool linear = false;  // a = b: the correlation map is the identity (every ρ is fixed)
};
FixedPoint deep_fixed_point(const Activation& a, const Rational& sw2, const Rational& sb2);

/**
 * The correlation map c(ρ) = (σ_w² k(q, q, qρ) + σ_b²)/(σ_w² k(q, q, q) + σ_b²) at variance q iterated `steps`
 * times from ρ0, as balls (any activation with a value kernel; the iterates of kernel.deep.nngp at one pair of
 * inputs of equal norm). Precondition: q > 0, -1 <= ρ0 <= 1, steps <= kMaxDepth.
 */
std::vector<Ball> correlation_iterates(const Activation& a, const Rational& sw2, const Rational& sb2, const Rational& q,
                                       const Rational& rho0, unsigned steps, slong prec);

}  // namespace gdcert::kernels
