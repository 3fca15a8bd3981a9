// Cross-predictability (CP) of function classes and orbit statistics (CP_G, alignment A_G) under G = B_n, S_n
// (cube) and O(n) (sphere), exact; the INAL => orbit-CP certificate.
#pragma once
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "boolean/cube_function.hpp"
#include "exact/ball.hpp"
#include "exact/integer.hpp"
#include "exact/rational.hpp"
#include "exact/value.hpp"

namespace gdcert::alignment {

/** CP of the uniform law on the C(n,k) degree-k parities: 1/C(n,k). Formula cp.parities_degree. */
Rational cp_parities_degree(unsigned n, unsigned k);
/** CP of all 2^n parities, and of a uniformly random Boolean function: 2^-n. Formulas cp.all_parities, cp.random. */
Rational cp_all_parities(unsigned n);
Rational cp_random_functions(unsigned n);
/** CP of a single function: ||f||^4 = (E f^2)^2. Formula cp.single. */
Rational cp_single(const boolean::CubeFunction& f);
/**
 * CP of the uniform law on an explicit list: (1/|C|^2) sum_{F,F'} <F,F'>^2, by brute force over the list.
 * Precondition: all functions on the same n; |C|^2 2^n <= 2^34 operations (resource_error). Formula cp.definition.
 */
Rational cp_list(std::span<const boolean::CubeFunction> fs);

/** B_n closed forms from level weights: CP = sum_j W_j^2/C(n,j), A = max_j W_j/C(n,j). Formulas cp.bn_closed, align.bn_closed. */
Rational cp_bn(std::span<const Rational> level_weights);
Rational alignment_bn(std::span<const Rational> level_weights);

/** dim H_l of degree-l spherical harmonics on S^{n-1}: C(n+l-1,l) - C(n+l-3,l-2). Formula cp.harmonic_dimension. */
Integer harmonic_dimension(unsigned n, unsigned l);
/** O(n) on the sphere from spherical-harmonic level weights W_0..W_L: CP = sum W_l^2/N(n,l), A = max W_l/N(n,l). */
Rational cp_on(unsigned n, std::span<const Rational> weights);
Rational alignment_on(unsigned n, std::span<const Rational> weights);

/** A real algebraic number: its minimal polynomial over Q (integer coefficients, high to low) and a ball. */
struct AlgebraicBall {
  std::optional<Rational> exact;        // when rational
  std::vector<Integer> minimal_polynomial;  // high degree first
  Ball ball;
  slong prec = 0;
};

/**
 * S_n orbit statistics by an exact group average over all n! permutations:
 * CP_{S_n}(f) = (1/n!) sum_g <f, f∘g>^2 (exact); A_{S_n}(f) = lambda_max of the orbit kernel K_f / 2^n as an
 * algebraic number (characteristic polynomial over Q, factored; the largest real root isolated by Arb and chosen by
 * certain ball comparisons, the roots isolated again at doubled precision while two candidates overlap;
 * precision_error past 64 prec + 1024 bits).
 * Precondition: n <= 9 for CP (cost n! 2^n), n <= 7 for A (2^n x 2^n kernel); resource_error stating the cost.
 * Formulas: cp.group_average, align.group_average.
 * (The brute-force B_n group average, the oracle of the closed forms, lives in tests/test_alignment.cpp.)
 */
Rational cp_sn(const boolean::CubeFunction& f);
AlgebraicBall alignment_sn(const boolean::CubeFunction& f, slong prec);

/**
 * INAL => orbit-CP certificate (proofs/inal.md#certificate): for levels J,
 *   CP_{B_n}(Orb f) <= max( INAL/min_{j in J} e_j , max_{j not in J, W_j > 0} 1/C(n,j) ) * ||f||^2.
 * `vacuous` is set when the second term is >= the threshold (weight at levels outside J that the INAL does not
 * control, e.g. the full parity: 1/C(n,n) = 1).
 */
struct Certificate {
  Value bound;            // upper bound on CP_{B_n}
  Value first_term;       // INAL / min_J e_j (times ||f||^2)
  Rational second_term;   // max_{j not in J, W_j > 0} 1/C(n,j) (times ||f||^2)
  unsigned worst_level = 0;  // the j attaining the second term
  bool vacuous = false;
  std::string note;
};
Certificate inal_cp_certificate(std::span<const Rational> level_weights, const Value& inal, std::span<const Value> e,
                                std::span<const unsigned> J, const Rational& vacuous_threshold, slong prec);

}  // namespace gdcert::alignment
