// Exact Fourier–Walsh spectra: f = sum_S fhat(S) chi_S, fhat(S) = E_x[f(x) chi_S(x)] (O'Donnell convention).
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <variant>
#include <vector>

#include "boolean/cube_function.hpp"
#include "boolean/fwht.hpp"
#include "exact/formula.hpp"

namespace gdcert::boolean {

/**
 * The exact spectrum of f: fhat(S) = c_S / D with integer c_S and D = 2^n * (lcm of f's value denominators).
 * The integers c_S come from the in-place integer fast Walsh–Hadamard transform in int32 (when
 * max|v| * 2^n < 2^31), int64 (< 2^63) or big integers otherwise; the bound is checked before transforming.
 * Guarantee:    exact.
 * Formula:      walsh.coefficient, walsh.level_weight, walsh.influence, walsh.total_influence,
 *               walsh.noise_stability, walsh.degree (proofs/walsh.md).
 * Example:
 *     Spectrum s = walsh_spectrum(parse_spec("majority:n=3").function);
 *     s.level_weights();   // {0, 3/4, 0, 1/4}
 */
class Spectrum {
 public:
  unsigned n() const { return n_; }
  /** Which integer width the transform ran in: 32, 64, or 0 for big integers. */
  int transform_bits() const { return static_cast<int>(c_.index() == 0 ? 32 : c_.index() == 1 ? 64 : 0); }
  const Integer& denominator() const { return den_; }
  /** fhat(S) for S given as a bitmask. Precondition: mask < 2^n, else domain_error. */
  Rational coefficient(std::uint64_t mask) const;
  /** The integer numerator c_S (fhat(S) = c_S / denominator()). */
  Integer numerator(std::uint64_t mask) const;
  /** All c_S in mask order, contiguous and 64-byte aligned, when transform_bits() == 32 (resp. 64); else empty. */
  std::span<const std::int32_t> numerators_int32() const;
  std::span<const std::int64_t> numerators_int64() const;
  /** W_k = sum_{|S|=k} fhat(S)^2 for k = 0..n.  Formula: walsh.level_weight. */
  std::vector<Rational> level_weights() const;
  /** Inf_i = sum_{S containing i} fhat(S)^2 for i = 1..n (index 0 is coordinate 1). Formula: walsh.influence. */
  std::vector<Rational> influences() const;
  /** I(f) = sum_k k W_k.  Formula: walsh.total_influence. */
  Rational total_influence() const;
  /** Stab_rho = sum_k rho^k W_k. Precondition: -1 <= rho <= 1, else domain_error. Formula: walsh.noise_stability. */
  Rational noise_stability(const Rational& rho) const;
  /** max |S| with fhat(S) != 0; -1 for the zero function. Formula: walsh.degree. */
  int degree() const;
  /** Number of nonzero coefficients. */
  std::uint64_t support_size() const;

  friend Spectrum walsh_spectrum(const CubeFunction& f, unsigned threads);

 private:
  unsigned n_ = 0;
  Integer den_{1};
  std::variant<AlignedVector<std::int32_t>, AlignedVector<std::int64_t>, std::vector<Integer>> c_;
  mutable std::vector<Integer> level_sums_;  // sum_{|S|=k} c_S^2, computed once
  mutable std::optional<std::uint64_t> support_;  // nonzero c_S (int32: counted with level_sums_)
  const std::vector<Integer>& level_sums() const;
};

/**
 * The spectrum of f by one fast transform (threads = 0: all cores; results identical for any thread count).
 * Precondition: memory for 2^n coefficients, else resource_error naming the memory needed.
 */
Spectrum walsh_spectrum(const CubeFunction& f, unsigned threads = 1);

/**
 * fhat(S) of one set S without a full transform: O(2^n) work, O(1) extra memory (64 points per word step
 * for Boolean f). Precondition: mask < 2^n, else domain_error. Formula: walsh.coefficient.
 */
Rational walsh_coefficient(const CubeFunction& f, std::uint64_t mask);

/** The formulas of the Walsh module, for provenance and `gdcert bound --list`. */
std::span<const Formula> walsh_formulas();

}  // namespace gdcert::boolean
