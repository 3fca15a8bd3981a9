// The function spec language: one grammar for every verb that takes a function on the cube.
//
//   spec      := family ( ":" field )*
//   parity    : n=N : S=i,j,...         chi_S(x) = prod_{j in S} x_j          (S= empty -> constant 1)
//   majority  : n=N [: sign0=+1|-1]     sign(x_1 + ... + x_n), ties (even n) -> sign0 (default +1)
//   staircase : n=N [: k=K]             z_1 + z_1 z_2 + ... + z_1...z_K (real-valued; default K = n)
//   threshold : n=N : w=w_1,...,w_n [: t=T] [: sign0=+1|-1]   sign(sum w_i x_i - T), rationals (default T = 0)
//   random    : n=N [: seed=S]          uniform random ±1 table from gdcert's own generator (default: --seed)
//   anf       : n=N : EXPR              algebraic normal form over GF(2) in bits b_j = (1 - x_j)/2:
//                                       f = (-1)^{p(b)}, EXPR like "x1 + x1*x2 + 1" ('+' is XOR)
//   poly      : n=N : EXPR              real multilinear polynomial in the ±1 variables, rational
//                                       coefficients: "x1 + x1*x2 - 1/2*x1*x2*x3" (x_j^2 = 1)
//   table     : 0110... | +--+... | v0,v1,...   '0'/'+' -> +1, '1'/'-' -> -1; or a comma list of rationals
//   file      : PATH                    a text file holding a table as above (whitespace or commas
//                                       between values, '#' starts a comment)
// Numbers: n and indices are decimal integers; weights/thresholds/values are "p/q", integers or decimals.
// An EXPR may be wrapped in double quotes. Every error is an input_error with one line saying what is wrong.
//
// Operations (ops.hpp; proofs/boolean-criteria.md#ops). A spec that does not start with "file:" and holds one of
//   ^ & | ~ ( ) '   outside double quotes is an expression over family specs (the leaves above):
//   expr      := or ;  or := xor ("|" xor)* ;  xor := and ("^" and)* ;  and := unary ("&" unary)*
//   unary     := "~" unary | primary          precedence, tightest first: ~, &, ^, | (as in C); left-associative
//   primary   := "(" expr ")" | "'" family-spec "'" | family-spec | call
//   call      := "not(" expr ")"                         -f (the complement of a ±1 function)
//              | "concat(" expr "," expr ")"             f, g on n variables -> n+1; x_{n+1} = +1 selects f, -1 g
//              | "restrict(" expr ("," "x"J "=" ("+1"|"1"|"-1"))+ ")"   fix x_J to a ±1 VALUE (not a bit); the
//                                                        other variables keep their order and are renumbered 1..
//              | "deriv(" expr "," ["u="] "{" i,j,... "}" ")"   D_u f(x) = f(x) f(x chi_u), u 1-based
//              | "linear(" expr "," "A=" ROW ("/" ROW)* ["," "shift=" BITS] ")"   f(A b + s) over GF(2): one ROW of
//                                                        m bits per variable of f (ROW's j-th character is the
//                                                        coefficient of b_j), result on m variables
//   ^ is xor (the pointwise product of ±1 values); & and | act on the bits b = (1 - x)/2 of the values, so
//   (f & g)(x) = -1 iff f(x) = g(x) = -1 and (f | g)(x) = -1 iff f(x) = -1 or g(x) = -1. ^ & | need ±1 operands
//   on the same n (input_error otherwise); ~ restrict concat linear deriv also take rational-valued functions.
//   A family spec in an expression ends at an operator or a parenthesis; inside a call's argument list also at a
//   ',' followed by the next argument (a name and ':' '=' or '(', or one of ( ~ ' " {), so parity:n=3:S=1,2 needs no
//   quotes. A family spec holding ^ & | ~ ( ) ' (a file path) is written in single quotes: 'file:/tmp/a(1).txt';
//   a spec that starts with "file:" is always one file path. The canonical form parenthesises nested binary
//   operators, quotes file leaves, and writes not(f) as ~f.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "boolean/cube_function.hpp"

namespace gdcert::boolean {

/** A parsed spec: the function, its family and the canonical spec with every default filled in. */
struct ParsedSpec {
  CubeFunction function;
  std::string family;
  std::string canonical;
  std::vector<std::pair<std::string, std::string>> params;
};

/**
 * Parses and builds a function from a spec.
 * Guarantee:    exact tables; `random` is reproducible from (n, seed) on every platform.
 * Precondition: a well-formed spec, else input_error ("spec <family>: requires ..., got ...");
 *               sizes beyond memory, else resource_error. default_seed is used by `random` without seed=.
 * Example:
 *     auto p = parse_spec("majority:n=5");   // p.function.n() == 5, p.canonical == "majority:n=5:sign0=+1"
 */
ParsedSpec parse_spec(std::string_view spec, std::uint64_t default_seed = 0);

/**
 * The function of a truth-table file's text (what `file:PATH` reads): a bit string, possibly wrapped over lines, or
 * values separated by commas or whitespace; `#` starts a comment. input_error / resource_error as parse_spec.
 */
CubeFunction parse_table_file_text(std::string_view text);

/** The names of the families, for messages and --help. */
const std::vector<std::string>& spec_families();

/** Throws input_error "<what>: requires a ±1-valued function, got value v at index i" unless f is Boolean. */
void require_boolean(const CubeFunction& f, std::string_view what);

/** Parses "i,j,k" (1-based indices in [1, n], no repeats) into a bitmask; input_error otherwise. "" -> 0. */
std::uint64_t parse_subset(std::string_view text, unsigned n, std::string_view what);
/** "{1,3}" style text of a mask. */
std::string subset_str(std::uint64_t mask);
/** The same with variables numbered from `base` (0: "{0,2}", as Sage and the Rust crate boolean_function print them). */
std::string subset_str_from(std::uint64_t mask, unsigned base);

}  // namespace gdcert::boolean
