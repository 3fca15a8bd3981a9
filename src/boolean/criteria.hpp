// Cryptographic and structural criteria of a Boolean function f: {±1}^n -> {±1} (what Sage's BooleanFunction and
// BooFun compute), exact in integers: the algebraic normal form over GF(2) by the Möbius transform and its algebraic
// degree, the Walsh-Hadamard spectrum W_f(a) = sum_x f(x) chi_a(x) = 2^n fhat(a) and what it decides (nonlinearity,
// balancedness, correlation immunity and resiliency, bent / near-bent / semi-bent / plateaued, the value histogram),
// and the autocorrelation spectrum Delta_f(u) = sum_x f(x) f(x * chi_u) (through a second transform) with its
// indicators, linear structures and propagation criterion. Proofs and conventions: proofs/boolean-criteria.md.
//
// Conventions (Carlet, "Boolean Functions for Cryptography and Coding Theory"; Sage's sign convention): the bits
// b_j = (1 - x_j)/2 of the point with table index i are the bits of i (bit j-1 is coordinate j), and f = (-1)^{g(b)}
// with g the GF(2) function whose ANF is returned; "u" in the autocorrelation flips the coordinates in u.
#pragma once
#include <cstdint>
#include <map>
#include <span>
#include <vector>

#include "boolean/cube_function.hpp"
#include "exact/formula.hpp"
#include "exact/integer.hpp"

namespace gdcert::boolean {

/**
 * The ANF of g (f = (-1)^g) as the set of monomials: bit m of the result's word m/64 is set when prod_{j in m} b_j
 * appears. Möbius transform over GF(2), n 2^n bit operations. Precondition: f Boolean, else domain_error.
 * Formula: boolean.anf.
 */
std::vector<std::uint64_t> anf_monomials(const CubeFunction& f);
/** max |m| over the ANF's monomials; -1 for g = 0 (f = +1). Formula: boolean.algebraic_degree. */
int algebraic_degree(const std::vector<std::uint64_t>& anf, unsigned n);

/** What the Walsh-Hadamard spectrum W_f decides. */
struct WalshCriteria {
  unsigned n = 0;
  std::int64_t max_abs = 0;          // max_a |W_f(a)|
  Integer nonlinearity;              // 2^(n-1) - max_a |W_f(a)| / 2        (boolean.nonlinearity)
  bool balanced = false;             // W_f(0) = 0                           (boolean.balanced)
  int correlation_immunity = 0;      // max m <= n: W_f(a) = 0 for 1 <= |a| <= m (boolean.correlation_immunity)
  int resiliency = -1;               // correlation_immunity when balanced, else -1 (boolean.resiliency)
  bool bent = false;                 // |W_f(a)| = 2^(n/2) for all a (n even) (boolean.bent)
  std::int64_t plateau = -1;         // the common nonzero |W_f| when every nonzero |W_f(a)| is equal, else -1
  bool near_bent = false;            // n odd and |W_f| in {0, 2^((n+1)/2)}
  bool semi_bent = false;            // n even and |W_f| in {0, 2^((n+2)/2)}
  std::map<std::int64_t, std::uint64_t> histogram;  // W_f value -> count
};
/**
 * From the integer spectrum of a Boolean function (c_S = W_f(S), over the denominator 2^n). Precondition: w has 2^n
 * entries.
 */
WalshCriteria walsh_criteria(std::span<const std::int64_t> w, unsigned n);

/** The autocorrelation spectrum and what it decides. */
struct Autocorrelation {
  std::vector<std::int64_t> delta;   // Delta_f(u), u in mask order (boolean.autocorrelation)
  std::int64_t absolute_indicator = 0;  // max_{u != 0} |Delta_f(u)|
  Integer sum_of_squares;            // sum_u Delta_f(u)^2
  std::vector<std::uint64_t> linear_structures;  // u != 0 with |Delta_f(u)| = 2^n
  int propagation_criterion = 0;     // max k <= n: Delta_f(u) = 0 for 1 <= |u| <= k
};
/**
 * Delta_f(u) = 2^-n sum_a W_f(a)^2 chi_a(u): squares, a second int64 transform, an exact division by 2^n.
 * Precondition: w = W_f (2^n entries), n <= 30. Formula: boolean.autocorrelation.
 */
Autocorrelation autocorrelation(std::span<const std::int64_t> w, unsigned n, unsigned threads = 1);

/** The formulas of this module (ids boolean.*). */
std::span<const Formula> criteria_formulas();

}  // namespace gdcert::boolean
