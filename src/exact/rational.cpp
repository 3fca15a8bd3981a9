#include "exact/rational.hpp"

#include <cmath>
#include <memory>

#include "exact/ball.hpp"
#include "exact/errors.hpp"

namespace gdcert {

Rational::Rational(long long p, long long q) {
  fmpq_init(v_);
  if (q == 0) {
    fmpq_clear(v_);
    throw domain_error("Rational: requires q != 0, got q = 0");
  }
  fmpq_set_si(v_, static_cast<slong>(p), 1);
  fmpz_set_si(fmpq_denref(v_), static_cast<slong>(q));
  fmpq_canonicalise(v_);
}

Rational::Rational(const Integer& p) {
  fmpq_init(v_);
  fmpz_set(fmpq_numref(v_), p.get());
}

Rational::Rational(const Integer& p, const Integer& q) {
  if (q.is_zero()) throw domain_error("Rational: requires q != 0, got q = 0");
  fmpq_init(v_);
  fmpz_set(fmpq_numref(v_), p.get());
  fmpz_set(fmpq_denref(v_), q.get());
  fmpq_canonicalise(v_);
}

namespace {
std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}
}  // namespace

Rational Rational::parse(std::string_view text) {
  const std::string_view s = trim(text);
  auto fail = [&]() -> Rational {
    throw input_error("Rational::parse: requires \"p/q\", an integer or a finite decimal, got \"" + std::string(text) +
                      "\"");
  };
  try {
    if (auto slash = s.find('/'); slash != std::string_view::npos) {
      Integer p = Integer::parse(trim(s.substr(0, slash)));
      Integer q = Integer::parse(trim(s.substr(slash + 1)));
      if (q.is_zero()) throw domain_error("");
      return Rational(p, q);
    }
    if (auto dot = s.find('.'); dot != std::string_view::npos) {
      std::string_view ip = s.substr(0, dot), fp = s.substr(dot + 1);
      bool neg = !ip.empty() && ip[0] == '-';
      if (!ip.empty() && (ip[0] == '-' || ip[0] == '+')) ip.remove_prefix(1);
      if (ip.empty() && fp.empty()) return fail();
      for (char c : fp)
        if (c < '0' || c > '9') return fail();
      std::string digits = std::string(ip.empty() ? "0" : ip) + std::string(fp);
      Rational r(Integer::parse(digits), pow(Integer(10), static_cast<unsigned long>(fp.size())));
      return neg ? -r : r;
    }
    return Rational(Integer::parse(s));
  } catch (const error&) {
    return fail();
  }
}

std::string Rational::str() const {
  std::unique_ptr<char, void (*)(void*)> p(fmpq_get_str(nullptr, 10, v_), flint_free);
  return std::string(p.get());
}

std::string Rational::latex() const {
  if (is_integer()) return num().str();
  const Integer n = num();
  return std::string(n.sign() < 0 ? "-" : "") + "\\frac{" + abs(n).str() + "}{" + den().str() + "}";
}

std::string Rational::decimal(int digits) const {
  const slong prec = static_cast<slong>(digits * 3.33) + 64 + static_cast<slong>(num().bits() + den().bits());
  return to_ball(*this, prec).str(digits);
}

double Rational::to_double() const {
  // fmpz_get_d truncates; use a ball at 80 bits and take the midpoint: within 1 ulp.
  return to_ball(*this, 80).mid_double();
}

Rational& Rational::operator/=(const Rational& o) {
  if (o.is_zero()) throw domain_error("Rational::operator/: requires a nonzero divisor, got 0");
  fmpq_div(v_, v_, o.v_);
  return *this;
}

Rational pow(const Rational& a, long e) {
  if (e < 0 && a.is_zero()) throw domain_error("pow: requires a != 0 for a negative exponent, got a = 0");
  Rational r;
  fmpq_pow_si(r.get(), a.get(), e);
  return r;
}

Rational abs(const Rational& a) {
  Rational r;
  fmpq_abs(r.get(), a.get());
  return r;
}

}  // namespace gdcert
