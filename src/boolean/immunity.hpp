// Algebraic immunity of a Boolean function with an annihilator as witness, by exact linear algebra over GF(2).
//
// Convention (criteria.hpp): f = (-1)^{g(b)}, b_j = (1 - x_j)/2; "f" below is the GF(2) function g. An annihilator of g
// is a nonzero h with h g = 0 (h vanishes wherever g = 1); AI(g) = min{deg_2 h : h != 0, h g = 0 or h (g + 1) = 0}.
// Proof and method: proofs/boolean-criteria.md#algebraic-immunity.
#pragma once
#include <cstdint>
#include <optional>
#include <vector>

#include <span>

#include "boolean/cube_function.hpp"
#include "exact/formula.hpp"

namespace gdcert::boolean {

/** Largest n for algebraic_immunity (the elimination works on up to 2^(n-1) columns of 2^n bits). */
inline constexpr unsigned max_n_algebraic_immunity = 12;

struct AlgebraicImmunity {
  int ai = 0;  // boolean.algebraic_immunity
  /** Annihilators of degree ai (ANF monomial masks, ascending), of g and of g + 1; at least one is present. */
  std::optional<std::vector<std::uint64_t>> annihilator_of_f, annihilator_of_complement;
};

/**
 * AI(g) and witnesses, each verified by evaluation (h != 0 and h g = 0, resp. h (g + 1) = 0) before it is returned.
 * Method: the monomials in order of degree are inserted as columns (their values on the support of g, resp. of
 * g + 1) into an incremental echelon basis over GF(2); the first column that reduces to zero gives a dependency,
 * i.e. an annihilator of the degree of that column, and none of smaller degree exists.
 * Precondition: f Boolean (domain_error), n <= max_n_algebraic_immunity (resource_error, before any work).
 */
AlgebraicImmunity algebraic_immunity(const CubeFunction& f);

/** The formulas (boolean.algebraic_immunity). */
std::span<const Formula> immunity_formulas();

/** The truth table (packed bits, bit i = h(i)) of the GF(2) polynomial with these monomials on n variables. */
std::vector<std::uint64_t> anf_to_table(const std::vector<std::uint64_t>& monomials, unsigned n);

}  // namespace gdcert::boolean
