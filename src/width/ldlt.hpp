// Exact certificates for a symmetric rational matrix: LDL^T over Q without pivoting (positive definiteness or the
// zero pivot), and the exact smallest eigenvalue from the factored characteristic polynomial.
#pragma once
#include <optional>
#include <vector>

#include "exact/ball.hpp"
#include "exact/rational_matrix.hpp"

namespace gdcert::width {

enum class Definiteness { positive_definite, positive_semidefinite_singular, not_positive_semidefinite };
std::string_view to_string(Definiteness d);

/**
 * A = L D L^T with L unit lower triangular, in the given row order, no pivoting. A zero pivot of a PSD matrix forces
 * a zero column below it; the factorisation then continues with that column of L equal to 0. A negative pivot, or a
 * zero pivot with a non-zero entry below it, proves A is not PSD and stops the factorisation there.
 */
struct Ldlt {
  std::vector<Rational> pivots;      // D (up to the stop, when not PSD)
  RationalMatrix L;
  Definiteness verdict = Definiteness::positive_definite;
  std::optional<std::size_t> first_zero_pivot;  // 0-based
  std::vector<std::size_t> zero_pivots;
  std::optional<std::size_t> stop_index;        // where non-PSD was proved
  std::size_t rank = 0;                          // number of non-zero pivots (the rank when PSD)
  std::optional<Rational> min_pivot;             // smallest pivot (PSD case)
  std::size_t max_pivot_numerator_bits = 0;      // size of the largest numerator among the pivots
};

/**
 * The exact LDL^T. Guarantee: exact; the verdict is a proof (Sylvester: A PD iff all pivots > 0 without pivoting).
 * Precondition: A square and symmetric (domain_error). Formula: width.ldlt.
 */
Ldlt ldlt_exact(const RationalMatrix& a);

/** The smallest eigenvalue of a symmetric rational matrix: exact when it is rational, else a ball and its minimal polynomial. */
struct MinEigenvalue {
  std::optional<Rational> exact;
  Ball ball;                       // contains it (exact value rounded when rational)
  std::vector<std::string> minimal_polynomial;  // integer coefficients, highest degree first
  std::size_t multiplicity = 0;
  slong prec = 0;
};

/** Largest n for lambda_min_exact (the characteristic polynomial has degree n). */
inline constexpr slong kMaxCharpolyN = 80;

/**
 * lambda_min from fmpq_mat_charpoly, fmpz_poly_factor and certified root isolation of each irreducible factor
 * (arb_fmpz_poly_complex_roots); precision raised until the smallest root is separated from the others.
 * Precondition: symmetric, n <= kMaxCharpolyN (resource_error). Formula: width.lambda_min_exact.
 */
MinEigenvalue lambda_min_exact(const RationalMatrix& a, slong prec);

}  // namespace gdcert::width
