// The merged-staircase property (MSP) and the leap of a Fourier–Walsh support (Abbe, Boix-Adsera, Misiakiewicz 2022; proofs/equivariance.md#msp).
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "boolean/walsh.hpp"
#include "exact/rational.hpp"

namespace gdcert::alignment {

/**
 * Greedy closure over a support (sets as bitmasks; the empty set is ignored):
 *   U = {}; repeatedly absorb a remaining set S minimising |S \ U| (ties: smallest |S \ U|, then smallest
 *   mask, for a deterministic order); leap = the largest such minimum; MSP iff leap <= 1.
 * The greedy is optimal and order independent (U only grows; admissibility is monotone), so `leap` equals the
 * minimum over all orderings of max_i |S_i \ (S_1 ∪ ... ∪ S_{i-1})|.
 * Guarantee: exact.  Cost O(m^2) word operations.  Formulas: msp.closure, msp.leap (proofs/equivariance.md#msp).
 * Precondition: m <= 2^16 sets (resource_error), masks below 2^64.
 */
struct MspResult {
  bool msp = true;
  unsigned leap = 0;
  std::vector<std::uint64_t> order;        // absorbing order
  std::vector<unsigned> new_coordinates;   // |S_i \ U_{i-1}| along the order
  std::uint64_t absorbed_mmsp = 0;         // U after absorbing every set with |S \ U| <= 1 (the MSP closure)
  std::vector<std::uint64_t> residual;     // sets not absorbed by the MSP closure
};
MspResult msp_closure(std::span<const std::uint64_t> support);

/** The leap by brute force over all orderings (m <= 8): the oracle for msp_closure in tests. */
unsigned leap_brute_force(std::span<const std::uint64_t> support);

/** The support {S : fhat(S) != 0} of a spectrum (exact zeros only; the empty set dropped). */
std::vector<std::uint64_t> support_of(const boolean::Spectrum& s);

/** The largest n for which support_of lists a support (2^n masks are scanned). */
inline constexpr unsigned kMaxSupportN = 24;

/**
 * Residual alignment bound (Abbe, Boix-Adsera 2022, reconstructed; proofs/equivariance.md#residual): for the sets not absorbed by the MSP
 * closure U (each with |S \ U| >= 2), m_S ||h||^2 max_S 1/C(d', |S \ U|), d' = d - |U|.  Formula msp.residual_bound.
 */
Rational msp_residual_bound(const MspResult& r, unsigned d, const Rational& norm2);

/** Parses "1,2;1,2,3;4" (sets separated by ';', coordinates 1-based, "{}" the empty set). input_error if malformed. */
std::vector<std::uint64_t> parse_support(std::string_view text);

}  // namespace gdcert::alignment
