#include "report/decimal.hpp"

#include <algorithm>
#include <cmath>

#include "exact/errors.hpp"

namespace gdcert::report {

namespace {

Integer pow10_int(long k) {
  Integer z;
  fmpz_ui_pow_ui(z.get(), 10, static_cast<ulong>(k));
  return z;
}

/** 10^k as an exact rational (k of either sign). */
Rational pow10(long k) { return k >= 0 ? Rational(pow10_int(k)) : Rational(Integer(1), pow10_int(-k)); }

/** E with 10^E <= x < 10^(E+1), for x > 0. */
long floor_log10(const Rational& x) {
  const double approx = (static_cast<double>(x.num().bits()) - static_cast<double>(x.den().bits())) * 0.30102999566398120;
  long e = static_cast<long>(std::floor(approx));
  while (pow10(e) > x) --e;
  while (pow10(e + 1) <= x) ++e;
  return e;
}

/** floor(x) or ceil(x) as an Integer. */
Integer floor_q(const Rational& x) {
  Integer z;
  fmpz_fdiv_q(z.get(), fmpq_numref(x.get()), fmpq_denref(x.get()));
  return z;
}
Integer ceil_q(const Rational& x) {
  Integer z;
  fmpz_cdiv_q(z.get(), fmpq_numref(x.get()), fmpq_denref(x.get()));
  return z;
}

/** Nearest integer to x >= 0, ties up. */
Integer round_q(const Rational& x) { return floor_q(x + Rational(1, 2)); }

Rational abs_q(const Rational& x) { return x.sign() < 0 ? -x : x; }

/**
 * |M| * 10^e written out, M >= 0, with `sign` prepended; plain when the leading digit's exponent is in [-4, 6],
 * else scientific. `unc` (when non-empty: the decimal digits of U) is the uncertainty U * 10^e: in plain form with
 * e > 0 it gets the same trailing zeros as the midpoint, so "(u)" always counts units of the last printed digit.
 */
std::string place(const Integer& m, long e, const std::string& sign, const std::string& unc) {
  const std::string zeros = e > 0 ? std::string(static_cast<std::size_t>(e), '0') : "";
  const std::string u = unc.empty() ? "" : "(" + unc + ")";
  const std::string u_plain = unc.empty() ? "" : "(" + unc + zeros + ")";
  std::string d = m.str();
  if (m.is_zero()) {
    // zero midpoint: show 0 at the last digit position
    if (e >= 0) return "0" + u_plain;
    if (e < -6) return "0" + u + "e" + std::to_string(e);
    return "0." + std::string(static_cast<std::size_t>(-e), '0') + u;
  }
  const long E = e + static_cast<long>(d.size()) - 1;  // exponent of the leading digit
  // Plain only when every printed digit is significant: a last digit above the units ("1200" for 1.2e3) would
  // hide where the rounding happened, so that prints in scientific form.
  if (E >= -4 && E <= 6 && e <= 0) {
    if (e >= 0) return sign + d + zeros + u_plain;
    const std::size_t frac = static_cast<std::size_t>(-e);
    if (d.size() <= frac) d = std::string(frac - d.size() + 1, '0') + d;
    return sign + d.substr(0, d.size() - frac) + "." + d.substr(d.size() - frac) + u;
  }
  std::string mant = d.substr(0, 1);
  if (d.size() > 1) mant += "." + d.substr(1);
  return sign + mant + u + "e" + std::to_string(E);
}

}  // namespace

std::string decimal_rounded(const Rational& x, int sig_digits) {
  if (sig_digits < 1) throw input_error("decimal_rounded: requires digits >= 1, got digits = " + std::to_string(sig_digits));
  if (x.is_zero()) return "0";
  const Rational a = abs_q(x);
  long e = floor_log10(a) - (sig_digits - 1);
  Integer m = round_q(a / pow10(e));
  if (m.str().size() > static_cast<std::size_t>(sig_digits)) {  // rounding carried into a new digit: 9.99 -> 10.0
    ++e;
    m = round_q(a / pow10(e));
  }
  // drop trailing zeros below the units digit (exact short values print in full, no padding)
  std::string ms = m.str();
  while (e < 0 && ms.size() > 1 && ms.back() == '0') {
    ms.pop_back();
    ++e;
  }
  return place(Integer::parse(ms), e, x.sign() < 0 ? "-" : "", "");
}

std::string siunitx_uncertain(const Rational& mid, const Rational& rad, int unc_digits, int max_digits) {
  if (unc_digits < 1 || max_digits < 1)
    throw input_error("siunitx_uncertain: requires digits >= 1, got unc_digits = " + std::to_string(unc_digits) +
                      ", max_digits = " + std::to_string(max_digits));
  if (rad.sign() < 0) throw input_error("siunitx_uncertain: requires rad >= 0, got rad = " + rad.str());
  if (rad.is_zero() && mid.is_zero()) return "0";
  const Rational a = abs_q(mid);
  long e = rad.is_zero() ? floor_log10(a) - (max_digits - 1) : floor_log10(rad) - (unc_digits - 1);
  if (!mid.is_zero()) e = std::max(e, floor_log10(a) - (max_digits - 1));
  const Integer limit = pow10_int(unc_digits);
  for (;;) {
    const Rational unit = pow10(e);
    const Integer m = round_q(a / unit);
    const Rational err = rad + abs_q(a - Rational(m) * unit);  // the printed interval must cover [mid -+ rad]
    const Integer u = ceil_q(err / unit);
    if (u >= limit) {
      ++e;
      continue;
    }
    const std::string sign = (mid.sign() < 0 && !m.is_zero()) ? "-" : "";
    if (u.is_zero()) return decimal_rounded(mid, max_digits);  // exact at this many digits
    return place(m, e, sign, u.str());
  }
}

bool decimal_is_exact(const Rational& x, int sig_digits) {
  if (sig_digits < 1) throw input_error("decimal_is_exact: requires digits >= 1, got digits = " + std::to_string(sig_digits));
  if (x.is_zero()) return true;
  const Rational a = abs_q(x);
  const Rational scaled = a / pow10(floor_log10(a) - (sig_digits - 1));
  return scaled.is_integer();
}

std::string decimal_fixed(const Rational& x, int sig_digits) {
  if (sig_digits < 1) throw input_error("decimal_fixed: requires digits >= 1, got digits = " + std::to_string(sig_digits));
  if (x.is_zero()) return "0";
  const Rational a = abs_q(x);
  long e = floor_log10(a) - (sig_digits - 1);
  Integer m = round_q(a / pow10(e));
  if (m.str().size() > static_cast<std::size_t>(sig_digits)) {
    ++e;
    m = round_q(a / pow10(e));
  }
  return place(m, e, x.sign() < 0 ? "-" : "", "");
}

std::string display_uncertain(const Rational& mid, const Rational& rad, int digits, int unc_digits, bool* within_unit) {
  if (within_unit) *within_unit = false;
  if (rad.sign() < 0) throw input_error("display_uncertain: requires rad >= 0, got rad = " + rad.str());
  if (digits < 0 || unc_digits < 1)
    throw input_error("display_uncertain: requires digits >= 0 and unc_digits >= 1, got " + std::to_string(digits) + ", " +
                      std::to_string(unc_digits));
  if (digits == 0) {  // full precision: every digit down to the radius
    if (rad.is_zero()) return decimal_rounded(mid, 100000);
    return siunitx_uncertain(mid, rad, unc_digits, 100000);
  }
  if (rad.is_zero()) return decimal_rounded(mid, digits);
  if (!mid.is_zero()) {
    const Rational a = abs_q(mid);
    long e = floor_log10(a) - (digits - 1);
    Integer m = round_q(a / pow10(e));
    if (m.str().size() > static_cast<std::size_t>(digits)) {
      ++e;
      m = round_q(a / pow10(e));
    }
    const Rational unit = pow10(e);
    if (rad + abs_q(a - Rational(m) * unit) <= unit) {
      if (within_unit) *within_unit = true;
      return place(m, e, mid.sign() < 0 ? "-" : "", "");
    }
  }
  return siunitx_uncertain(mid, rad, unc_digits, digits);
}

std::optional<std::pair<Rational, Rational>> ball_mid_rad(const Ball& b) {
  if (!b.is_finite()) return std::nullopt;
  const arf_struct* m = arb_midref(b.get());
  const mag_struct* r = arb_radref(b.get());
  // Refuse absurd exponents (the exact rational would be enormous); such balls print as Arb text instead.
  if (!arf_is_zero(m) && (fmpz_cmp_si(ARF_EXPREF(m), 1 << 20) > 0 || fmpz_cmp_si(ARF_EXPREF(m), -(1 << 20)) < 0))
    return std::nullopt;
  if (!mag_is_zero(r) && (fmpz_cmp_si(MAG_EXPREF(r), 1 << 20) > 0 || fmpz_cmp_si(MAG_EXPREF(r), -(1 << 20)) < 0))
    return std::nullopt;
  Rational mid, rad;
  arf_get_fmpq(mid.get(), m);
  arf_t t;
  arf_init(t);
  arf_set_mag(t, r);
  arf_get_fmpq(rad.get(), t);
  arf_clear(t);
  return std::make_pair(mid, rad);
}

std::optional<Rational> exact_double(double x) {
  if (!std::isfinite(x)) return std::nullopt;
  arf_t t;
  arf_init(t);
  arf_set_d(t, x);
  Rational q;
  arf_get_fmpq(q.get(), t);
  arf_clear(t);
  return q;
}

}  // namespace gdcert::report
