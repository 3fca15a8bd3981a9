// Functions on the cube {±1}^n: ±1-valued as packed bits, real-valued with rational values.
//
// Conventions (README "Conventions"): truth-table index i <-> x with x_j = (-1)^(bit j-1 of i), so i = 0 is the
// all-(+1) point and coordinate 1 is bit 0. Subsets S of [n] are bitmasks (bit j-1 set iff j in S).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "exact/integer.hpp"
#include "exact/rational.hpp"

namespace gdcert::boolean {

/** Largest n any cube function may have (a hard bound; memory is checked separately). */
inline constexpr unsigned max_n = 40;

/**
 * A function f: {±1}^n -> Q. Boolean (±1-valued) functions are stored as packed bits (bit i set iff
 * f(x_i) = -1); other functions as one Rational per point.
 * Guarantee: exact. Constructors check the table length (domain_error) and memory (resource_error).
 * Example:
 *     auto f = CubeFunction::from_signs(2, {1, -1, -1, 1});  // x1*x2
 */
class CubeFunction {
 public:
  CubeFunction() = default;
  /** Precondition: bits.size() == max(1, 2^n / 64) words; bits beyond 2^n are ignored and cleared. */
  static CubeFunction from_bits(unsigned n, std::vector<std::uint64_t> bits);
  /** Precondition: every value is ±1 and the length is 2^n. */
  static CubeFunction from_signs(unsigned n, const std::vector<int>& signs);
  /** Real-valued; stored as bits when every value is ±1. Precondition: length 2^n. */
  static CubeFunction from_values(unsigned n, std::vector<Rational> values);

  unsigned n() const { return n_; }
  std::uint64_t size() const { return std::uint64_t{1} << n_; }
  bool is_boolean() const { return boolean_; }
  /** f at table index i (exact). */
  Rational value(std::uint64_t i) const;
  /** Boolean only: +1 or -1 at index i. */
  int sign(std::uint64_t i) const { return (bits_[i >> 6] >> (i & 63)) & 1 ? -1 : 1; }
  const std::vector<std::uint64_t>& bits() const { return bits_; }
  const std::vector<Rational>& values() const { return values_; }

  /**
   * Real-valued functions as integers: values()[i] = ints[i] / denominator, with denominator = lcm of the
   * value denominators. For Boolean functions: ±1 and denominator 1.
   */
  struct Integerised {
    std::vector<Integer> numerators;
    Integer denominator;
    Integer max_abs;
  };
  Integerised integerised() const;

  friend bool operator==(const CubeFunction& a, const CubeFunction& b);

 private:
  unsigned n_ = 0;
  bool boolean_ = true;
  std::vector<std::uint64_t> bits_{0};
  std::vector<Rational> values_;
};

/** Number of 64-bit words holding 2^n bits. */
inline std::size_t words_for(unsigned n) { return n >= 6 ? (std::size_t{1} << (n - 6)) : 1; }

/** Throws input_error unless n <= max_n, and resource_error when a table of 2^n entries of `bytes_per_entry` does not fit
 *  (or when n exceeds the innermost TableLimit of this thread). */
void require_table_size(unsigned n, double bytes_per_entry, const char* what);

/**
 * A caller's own limit on n for every table built on this thread while it lives (nested limits: the innermost
 * counts): require_table_size then throws resource_error(`why` + ", got n = N") before the table is built, so a
 * verb that can only use n <= 24 does not first build and transform a 2^30 table.
 * Example:
 *     boolean::TableLimit limit(24, "msp: requires n <= 24 to list the support");
 *     parse_spec("majority:n=30");   // resource_error, at once
 */
class TableLimit {
 public:
  TableLimit(unsigned max_table_n, std::string why);
  ~TableLimit();
  TableLimit(const TableLimit&) = delete;
  TableLimit& operator=(const TableLimit&) = delete;

 private:
  unsigned max_n_;
  std::string why_;
  const TableLimit* outer_;
  friend void require_table_size(unsigned, double, const char*);
};

}  // namespace gdcert::boolean
