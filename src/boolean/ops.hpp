// Operations on functions of the cube, as the spec grammar's operators (spec.hpp) and for library callers: negation,
// xor / and / or, composition with an affine map over GF(2), concatenation, restriction and the derivative D_u f.
//
// Conventions (cube_function.hpp): the point with table index i has bits b_j = (1 - x_j)/2 = bit j-1 of i, and a
// ±1 function is f = (-1)^{g(b)} with g: GF(2)^n -> GF(2) ("f = -1" is "g = 1", the set bit of the packed table).
// In that bit convention `and` and `or` are the GF(2) operations on g: (f & g) = -1 iff f = -1 and g = -1; xor is
// the pointwise product of ±1 values; negation is -f. Every result is exact; sizes are checked before allocating
// (resource_error) and arity mismatches are input_errors with one line. Proofs: proofs/boolean-criteria.md#ops.
#pragma once
#include <cstdint>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

#include "boolean/cube_function.hpp"
#include "exact/formula.hpp"

namespace gdcert::boolean {

/** -f (for a ±1 function: the complement, g -> g + 1). Real-valued f allowed. */
CubeFunction op_not(const CubeFunction& f);
/** Pointwise on ±1 functions of the same n: xor f*g, and (-1 iff both -1), or (-1 iff either -1). input_error otherwise. */
CubeFunction op_xor(const CubeFunction& f, const CubeFunction& g);
CubeFunction op_and(const CubeFunction& f, const CubeFunction& g);
CubeFunction op_or(const CubeFunction& f, const CubeFunction& g);
/**
 * h(b) = f(A b + s) over GF(2): A has m = f.n() rows of `cols` bits each (row r as a mask over the new variables,
 * bit j-1 for b_j), s an m-bit mask. In ±1 terms x'_r = (-1)^{s_r} prod_{j in row r} x_j. Result on `cols` variables.
 */
CubeFunction op_linear(const CubeFunction& f, const std::vector<std::uint64_t>& rows, unsigned cols, std::uint64_t shift);
/** f, g on n variables -> h on n+1 variables: h = f where x_{n+1} = +1 (b_{n+1} = 0), g where x_{n+1} = -1 (tables concatenated). */
CubeFunction op_concat(const CubeFunction& f, const CubeFunction& g);
/** Fix x_j = value (±1) for each (j, value), j 1-based and distinct; the other variables keep their order. */
CubeFunction op_restrict(const CubeFunction& f, const std::vector<std::pair<unsigned, int>>& fixed);
/** D_u f(x) = f(x) f(x chi_u) (x chi_u flips the coordinates in u; in bits g(b) + g(b + u)). Real-valued f allowed. */
CubeFunction op_derivative(const CubeFunction& f, std::uint64_t u);

/** The formulas of the operations (boolean.op.*). */
std::span<const Formula> ops_formulas();

}  // namespace gdcert::boolean
