// Rational: RAII value type over FLINT fmpq, always canonical.
#pragma once
#include <compare>
#include <string>
#include <string_view>

#include "exact/integer.hpp"

namespace gdcert {

/**
 * Exact rational number p/q in canonical form (gcd(p, q) = 1, q > 0), value semantics.
 * Guarantee:    exact. Division by zero throws domain_error (checked before FLINT, which would abort).
 * Example:
 *     Rational r = Rational::parse("6/8");   // 3/4; r.str() == "3/4"
 */
class Rational {
 public:
  Rational() { fmpq_init(v_); }
  Rational(long long p) { fmpq_init(v_); fmpq_set_si(v_, static_cast<slong>(p), 1); }  // NOLINT implicit
  Rational(int p) : Rational(static_cast<long long>(p)) {}                            // NOLINT
  Rational(long p) : Rational(static_cast<long long>(p)) {}                           // NOLINT
  /** Precondition: q != 0, else domain_error. */
  Rational(long long p, long long q);
  Rational(const Integer& p);  // NOLINT implicit: Z -> Q
  /** Precondition: q != 0, else domain_error. */
  Rational(const Integer& p, const Integer& q);
  explicit Rational(const fmpq_t x) { fmpq_init(v_); fmpq_set(v_, x); }
  /**
   * Parses "p/q", "p", or a finite decimal "-0.125" (exactly 1/8). Whitespace around is ignored.
   * Precondition: well-formed with q != 0, else input_error naming the text.
   */
  static Rational parse(std::string_view s);

  Rational(const Rational& o) { fmpq_init(v_); fmpq_set(v_, o.v_); }
  Rational(Rational&& o) noexcept { fmpq_init(v_); fmpq_swap(v_, o.v_); }
  Rational& operator=(const Rational& o) { fmpq_set(v_, o.v_); return *this; }
  Rational& operator=(Rational&& o) noexcept { fmpq_swap(v_, o.v_); return *this; }
  ~Rational() { fmpq_clear(v_); }

  fmpq* get() { return v_; }
  const fmpq* get() const { return v_; }

  /** "p/q", or "p" when q = 1. */
  std::string str() const;
  /** LaTeX: "\frac{p}{q}" (sign outside), or "p". */
  std::string latex() const;
  /** Decimal rounded to `digits` significant digits (via a ball at sufficient precision). */
  std::string decimal(int digits) const;
  Integer num() const { return Integer(fmpq_numref(v_)); }
  Integer den() const { return Integer(fmpq_denref(v_)); }
  bool is_zero() const { return fmpq_is_zero(v_); }
  bool is_integer() const { return fmpz_is_one(fmpq_denref(v_)); }
  int sign() const { return fmpq_sgn(v_); }
  /** Nearest double (correctly rounded is not promised; within 1 ulp). For display only. */
  double to_double() const;

  Rational& operator+=(const Rational& o) { fmpq_add(v_, v_, o.v_); return *this; }
  Rational& operator-=(const Rational& o) { fmpq_sub(v_, v_, o.v_); return *this; }
  Rational& operator*=(const Rational& o) { fmpq_mul(v_, v_, o.v_); return *this; }
  /** Precondition: o != 0, else domain_error. */
  Rational& operator/=(const Rational& o);
  friend Rational operator+(Rational a, const Rational& b) { return a += b; }
  friend Rational operator-(Rational a, const Rational& b) { return a -= b; }
  friend Rational operator*(Rational a, const Rational& b) { return a *= b; }
  friend Rational operator/(Rational a, const Rational& b) { return a /= b; }
  friend Rational operator-(Rational a) { fmpq_neg(a.v_, a.v_); return a; }
  friend bool operator==(const Rational& a, const Rational& b) { return fmpq_equal(a.v_, b.v_); }
  friend std::strong_ordering operator<=>(const Rational& a, const Rational& b) {
    const int c = fmpq_cmp(a.v_, b.v_);
    return c < 0 ? std::strong_ordering::less : c > 0 ? std::strong_ordering::greater : std::strong_ordering::equal;
  }

 private:
  fmpq_t v_;
};

/** a^e for integer e (negative e requires a != 0, else domain_error). */
Rational pow(const Rational& a, long e);
Rational abs(const Rational& a);

}  // namespace gdcert
