// p-biased Fourier analysis on the cube, exact in Q (O'Donnell, Analysis of Boolean Functions, §8.4).
//
// Convention: under mu_p the coordinates are independent with p = Pr[x_i = -1] = Pr[b_i = 1] (b_i = (1 - x_i)/2),
// so mu = E[x_i] = 1 - 2p and sigma^2 = Var x_i = 4p(1 - p). The orthonormal basis is
// phi_S(x) = prod_{i in S} (x_i - mu)/sigma, and fhat_p(S) = E_p[f phi_S] = r_S sigma^-|S| with r_S rational:
// the coefficient is in Q sigma^-|S| (sigma is irrational in general), its square r_S^2 / (sigma^2)^|S| in Q.
// Level weights, influences and noise stability are sums of squares, hence exact rationals. p = 1/2 is the
// uniform analysis (walsh.*). Proofs: proofs/boolean-criteria.md#p-biased.
#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include "boolean/cube_function.hpp"
#include "exact/formula.hpp"
#include "exact/integer.hpp"
#include "exact/rational.hpp"

namespace gdcert::boolean {

/** Largest n for the p-biased transform (big integers: about 2^n n multiplications). */
inline constexpr unsigned max_n_pbiased = 20;

class PBiasedSpectrum {
 public:
  unsigned n() const { return n_; }
  const Rational& p() const { return p_; }
  Rational mu() const;      // 1 - 2p
  Rational sigma2() const;  // 4p(1 - p)
  /** r_S: fhat_p(S) = r_S sigma^-|S| (boolean.pbiased.coefficient). */
  Rational r(std::uint64_t mask) const;
  /** fhat_p(S)^2 = r_S^2 / sigma^(2|S|) (boolean.pbiased.coefficient). */
  Rational squared(std::uint64_t mask) const;
  bool is_zero(std::uint64_t mask) const { return I_[mask].is_zero(); }
  /** W_k^(p) = sum_{|S| = k} fhat_p(S)^2, k = 0..n (boolean.pbiased.level_weight). */
  const std::vector<Rational>& level_weights() const { return levels_; }
  /** Inf_i^(p) = sum_{S ni i} fhat_p(S)^2 = E_p[(f - E_{x_i} f)^2] (boolean.pbiased.influence). */
  const std::vector<Rational>& influences() const { return influences_; }
  /** sum_k k W_k^(p) = sum_i Inf_i^(p). */
  Rational total_influence() const;
  /** Stab_rho^(p) = sum_k rho^k W_k^(p) (boolean.pbiased.noise_stability); E[f(x) f(y)] for y rho-correlated, 0 <= rho <= 1. */
  Rational noise_stability(const Rational& rho) const;
  /** E_p[f] = fhat_p({}) and E_p[f^2] = sum_k W_k^(p) (Parseval). */
  Rational mean() const { return r(0); }
  Rational mean_square() const;

 private:
  friend PBiasedSpectrum pbiased_spectrum(const CubeFunction& f, const Rational& p);
  unsigned n_ = 0;
  Rational p_;
  Integer a_, b_, D_;          // p = a/b in lowest terms, D the common denominator of f's values
  std::vector<Integer> I_;     // r_S = I_S (2a(b-a))^|S| / (D b^(n+|S|))
  std::vector<Rational> levels_, influences_;
};

/**
 * The p-biased spectrum of f by an exact butterfly over Z (n 2^(n-1) steps).
 * Precondition: 0 < p < 1 (domain_error), n <= max_n_pbiased (resource_error, before any work).
 */
PBiasedSpectrum pbiased_spectrum(const CubeFunction& f, const Rational& p);

/** The formulas (boolean.pbiased.*). */
std::span<const Formula> pbiased_formulas();

}  // namespace gdcert::boolean
