// The deep-kernel entry point (`gdcert deep-kernel`): NNGP and NTK of an L-hidden-layer fully connected network in
// the NTK parameterization (neural-tangents' stax.Dense(W_std, b_std, parameterization='ntk')), as certified balls
// on a data set or a single pair, and the infinite-depth fixed point of the correlation map.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "api/result.hpp"
#include "exact/ball_matrix.hpp"
#include "exact/rational.hpp"

namespace gdcert::api {

/** What `gdcert deep-kernel` computes. */
struct KernelDeepRequest {
  std::string activation;
  unsigned depth = 1;                      // L hidden layers (L + 1 Dense layers)
  std::vector<std::string> weight_var{"2"};  // sigma_w^2: one value for every layer, or L + 1 values
  std::vector<std::string> bias_var{"0"};    // sigma_b^2: likewise
  std::string data;                        // a data spec of `gdcert width` (--data), or
  std::string q1, q2, c;                   // one pair by its first-layer covariance (Sigma^1 entries)
  std::uint64_t seed = 0;                  // master seed of random data specs (--seed)
  bool ntk = true;                         // false: NNGP only (--nngp-only; required for sign/step)
  bool all_layers = false;                 // print Sigma^h, Theta^h for every h (pairs: always)
  bool fixed_point = false;                // the infinite-depth fixed point (uniform variances)
  std::string rho0 = "0";                  // with fixed_point: iterate the correlation map from rho0 ...
  unsigned iterates = 0;                   // ... this many steps (0: depth)
};

struct KernelDeepEntry {
  long layer = 0;       // h = 1..L+1
  long i = 0, j = 0;    // point indices (pairs: 0 = x, 1 = y)
  Result nngp;          // Sigma^h(x_i, x_j) (kernel.deep.nngp)
  std::optional<Result> ntk;  // Theta^h(x_i, x_j) (kernel.deep.ntk)
};

struct KernelDeepFixedPoint {
  std::string variance;          // "fixed", "every q", "diverges"
  Result m, chi1;                // E[sigma^2] = E[sigma'^2] at unit variance; chi_1 = sigma_w^2 m
  std::optional<Result> q_star;  // sigma_b^2/(1 - chi_1)
  Result rho_star;               // 1
  bool linear = false;
  Rational q_used;               // the variance the iterates run at
  std::vector<Result> iterates;  // rho_0, rho_1, ..., certified balls
};

struct KernelDeepResult {
  Params parameters;
  std::string activation;
  unsigned depth = 1;
  std::vector<Rational> weight_var, bias_var;  // per layer, h = 1..L+1
  long prec = 0;
  std::size_t n = 0, d = 0;                    // points and dimension (data form)
  std::vector<KernelDeepEntry> entries;
  std::optional<BallMatrix> nngp, ntk;         // the readout layer's Gram matrices (data form)
  std::optional<KernelDeepFixedPoint> fixed_point;
  std::vector<std::string> notes;
};

/**
 * The verb. Errors: input_error (unknown activation, malformed rationals or data spec), usage_error (neither or both
 * of --data and --q1/--q2/--c; wrong number of variances), domain_error (negative variances, a vanishing variance,
 * the NTK of sign/step, a fixed point outside the degree-1 family), resource_error (too many points for memory).
 */
KernelDeepResult kernel_deep(const KernelDeepRequest& req, long prec);

/** Theta^{L+1}(x, y) (ntk) or Sigma^{L+1}(x, y) for one pair given by its first-layer covariance (quantities). */
Result kernel_deep_pair(const std::string& activation, unsigned depth, const Rational& sw2, const Rational& sb2,
                        const Rational& q1, const Rational& q2, const Rational& c, bool ntk, long prec);

}  // namespace gdcert::api
