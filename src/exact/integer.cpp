#include "exact/integer.hpp"

#include <memory>

#include "exact/errors.hpp"

namespace gdcert {

namespace {
bool is_decimal_integer(std::string_view s) {
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
  if (i == s.size()) return false;
  for (; i < s.size(); ++i)
    if (s[i] < '0' || s[i] > '9') return false;
  return true;
}
}  // namespace

Integer Integer::parse(std::string_view s) {
  if (!is_decimal_integer(s))
    throw input_error("Integer::parse: requires a decimal integer, got \"" + std::string(s) + "\"");
  std::string t(s[0] == '+' ? s.substr(1) : s);
  Integer r;
  fmpz_set_str(r.v_, t.c_str(), 10);  // validated above: cannot fail
  return r;
}

Integer Integer::binomial(unsigned long n, unsigned long k) {
  Integer r;
  if (k <= n) fmpz_bin_uiui(r.v_, n, k);
  return r;
}

Integer Integer::factorial(unsigned long n) {
  Integer r;
  fmpz_fac_ui(r.v_, n);
  return r;
}

Integer Integer::pow2(unsigned long e) {
  Integer r(1);
  fmpz_mul_2exp(r.v_, r.v_, e);
  return r;
}

Integer Integer::from_uint128(uint128 x) {
  Integer hi(static_cast<unsigned long long>(x >> 64));
  Integer lo(static_cast<unsigned long long>(x));
  fmpz_mul_2exp(hi.v_, hi.v_, 64);
  return hi + lo;
}

Integer Integer::from_int128(int128 x) {
  if (x >= 0) return from_uint128(static_cast<uint128>(x));
  return -from_uint128(static_cast<uint128>(-(x + 1)) + 1);
}

std::string Integer::str() const {
  std::unique_ptr<char, void (*)(void*)> p(fmpz_get_str(nullptr, 10, v_), flint_free);
  return std::string(p.get());
}

long long Integer::to_si() const {
  if (!fits_si()) throw overflow_error("Integer::to_si: requires a value that fits 64 bits, got " + str());
  return fmpz_get_si(v_);
}

Integer gcd(const Integer& a, const Integer& b) {
  Integer r;
  fmpz_gcd(r.get(), a.get(), b.get());
  return r;
}
Integer lcm(const Integer& a, const Integer& b) {
  Integer r;
  fmpz_lcm(r.get(), a.get(), b.get());
  return r;
}
Integer abs(const Integer& a) {
  Integer r;
  fmpz_abs(r.get(), a.get());
  return r;
}
Integer pow(const Integer& a, unsigned long e) {
  Integer r;
  fmpz_pow_ui(r.get(), a.get(), e);
  return r;
}

}  // namespace gdcert
