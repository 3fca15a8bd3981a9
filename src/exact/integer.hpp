// Integer: RAII value type over FLINT fmpz.
#pragma once
#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "exact/flint.hpp"

namespace gdcert {

/** 128-bit integers (a GCC/Clang extension) for exact accumulation in fast paths. */
__extension__ typedef __int128 int128;
__extension__ typedef unsigned __int128 uint128;

/**
 * Arbitrary-precision integer with value semantics (copy, move, total order).
 * Guarantee:    exact; no operation loses information. Division by zero throws domain_error.
 * Example:
 *     Integer a = Integer::binomial(100, 3);  // 161700
 */
class Integer {
 public:
  Integer() { fmpz_init(v_); }
  Integer(long long x) { fmpz_init(v_); fmpz_set_si(v_, static_cast<slong>(x)); }  // NOLINT implicit
  Integer(unsigned long long x) { fmpz_init(v_); fmpz_set_ui(v_, static_cast<ulong>(x)); }  // NOLINT
  Integer(int x) : Integer(static_cast<long long>(x)) {}                                   // NOLINT
  Integer(long x) : Integer(static_cast<long long>(x)) {}                                  // NOLINT
  Integer(unsigned long x) : Integer(static_cast<unsigned long long>(x)) {}                // NOLINT
  Integer(unsigned x) : Integer(static_cast<unsigned long long>(x)) {}                     // NOLINT
  explicit Integer(const fmpz_t x) { fmpz_init_set(v_, x); }
  /** Parses a decimal integer (optional sign). Precondition: well-formed, else input_error. */
  static Integer parse(std::string_view s);
  static Integer binomial(unsigned long n, unsigned long k);
  static Integer factorial(unsigned long n);
  static Integer pow2(unsigned long e);
  static Integer from_int128(int128 x);
  static Integer from_uint128(uint128 x);

  Integer(const Integer& o) { fmpz_init_set(v_, o.v_); }
  Integer(Integer&& o) noexcept { fmpz_init(v_); fmpz_swap(v_, o.v_); }
  Integer& operator=(const Integer& o) { fmpz_set(v_, o.v_); return *this; }
  Integer& operator=(Integer&& o) noexcept { fmpz_swap(v_, o.v_); return *this; }
  ~Integer() { fmpz_clear(v_); }

  fmpz* get() { return v_; }
  const fmpz* get() const { return v_; }

  std::string str() const;
  bool is_zero() const { return fmpz_is_zero(v_); }
  int sign() const { return fmpz_sgn(v_); }
  bool fits_si() const { return fmpz_fits_si(v_); }
  /** Precondition: fits_si(), else overflow_error. */
  long long to_si() const;
  double to_double() const { return fmpz_get_d(v_); }
  unsigned long bits() const { return fmpz_bits(v_); }

  Integer& operator+=(const Integer& o) { fmpz_add(v_, v_, o.v_); return *this; }
  Integer& operator-=(const Integer& o) { fmpz_sub(v_, v_, o.v_); return *this; }
  Integer& operator*=(const Integer& o) { fmpz_mul(v_, v_, o.v_); return *this; }
  friend Integer operator+(Integer a, const Integer& b) { return a += b; }
  friend Integer operator-(Integer a, const Integer& b) { return a -= b; }
  friend Integer operator*(Integer a, const Integer& b) { return a *= b; }
  friend Integer operator-(Integer a) { fmpz_neg(a.v_, a.v_); return a; }
  friend bool operator==(const Integer& a, const Integer& b) { return fmpz_equal(a.v_, b.v_); }
  friend std::strong_ordering operator<=>(const Integer& a, const Integer& b) {
    const int c = fmpz_cmp(a.v_, b.v_);
    return c < 0 ? std::strong_ordering::less : c > 0 ? std::strong_ordering::greater : std::strong_ordering::equal;
  }

 private:
  fmpz_t v_;
};

Integer gcd(const Integer& a, const Integer& b);
Integer lcm(const Integer& a, const Integer& b);
Integer abs(const Integer& a);
Integer pow(const Integer& a, unsigned long e);

}  // namespace gdcert
