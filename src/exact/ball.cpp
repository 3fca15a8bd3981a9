#include "exact/ball.hpp"

#include <algorithm>
#include <memory>

#include "exact/errors.hpp"

namespace gdcert {

namespace {
std::string take(char* p) {
  std::unique_ptr<char, void (*)(void*)> g(p, flint_free);
  return std::string(g.get());
}
}  // namespace

Ball Ball::parse(std::string_view s, slong prec) {
  Ball b;
  const std::string t(s);
  // arb_set_str reads "[m +/- -r]" as radius |r|: a negative radius is malformed, not a ball
  if (const auto pm = t.find("+/-"); pm != std::string::npos) {
    const auto r = t.find_first_not_of(" \t", pm + 3);
    if (r != std::string::npos && t[r] == '-')
      throw input_error("Ball::parse: requires a radius >= 0 in \"[m +/- r]\", got \"" + t + "\"");
  }
  if (arb_set_str(b.v_, t.c_str(), prec) != 0)
    throw input_error("Ball::parse: requires a decimal number or \"[m +/- r]\", got \"" + t + "\"");
  return b;
}

Ball Ball::load(std::string_view dump) {
  Ball b;
  const std::string t(dump);
  if (arb_load_str(b.v_, t.c_str()) != 0)
    throw input_error("Ball::load: requires a string written by Ball::dump, got \"" + t + "\"");
  return b;
}

std::string Ball::str(int digits) const { return take(arb_get_str(v_, digits, 0)); }
std::string Ball::dump() const { return take(arb_dump_str(v_)); }
std::string Ball::mid_str(int digits) const { return take(arf_get_str(arb_midref(v_), digits)); }
std::string Ball::mid_exact_str() const {
  const arf_struct* m = arb_midref(v_);
  if (arf_is_nan(m)) return "nan";
  if (arf_is_pos_inf(m)) return "inf";
  if (arf_is_neg_inf(m)) return "-inf";
  if (arf_is_zero(m)) return "0";
  fmpz_t man, exp;
  fmpz_init(man);
  fmpz_init(exp);
  arf_get_fmpz_2exp(man, exp, m);  // m = man 2^exp, man odd
  std::string out;
  if (fmpz_sgn(exp) >= 0) {
    fmpz_mul_2exp(man, man, fmpz_get_ui(exp));
    out = take(fmpz_get_str(nullptr, 10, man));
  } else {
    // man 2^-k = man 5^k / 10^k: the digits of man 5^k with the point k places from the right.
    if (!fmpz_fits_si(exp)) throw resource_error("Ball::mid_exact_str: requires a midpoint exponent that fits a machine word");
    const ulong k = static_cast<ulong>(-fmpz_get_si(exp));
    fmpz_t five;
    fmpz_init_set_ui(five, 5);
    fmpz_pow_ui(five, five, k);
    fmpz_mul(man, man, five);
    fmpz_clear(five);
    const bool neg = fmpz_sgn(man) < 0;
    fmpz_abs(man, man);
    std::string digits = take(fmpz_get_str(nullptr, 10, man));
    if (digits.size() <= k) digits.insert(0, k - digits.size() + 1, '0');
    digits.insert(digits.size() - k, ".");
    out = (neg ? "-" : "") + digits;
  }
  fmpz_clear(man);
  fmpz_clear(exp);
  return out;
}

std::string Ball::rad_str() const {
  // Three significant digits rounded UP: the printed radius is never below the true one (a rounded-to-nearest
  // radius could understate the ball).  The magnitude has a 30-bit mantissa, so a 64-bit MPFR copy is exact.
  arf_t r;
  arf_init(r);
  arf_set_mag(r, arb_radref(v_));
  mpfr_t m;
  mpfr_init2(m, 64);
  arf_get_mpfr(m, r, MPFR_RNDU);
  char* text = nullptr;
  const int n = mpfr_asprintf(&text, "%.3RUg", m);
  std::string s = n >= 0 && text ? std::string(text) : std::string("inf");
  if (text) mpfr_free_str(text);
  mpfr_clear(m);
  arf_clear(r);
  return s;
}

bool certainly_positive(const Ball& b) { return arb_is_positive(b.get()); }
bool certainly_negative(const Ball& b) { return arb_is_negative(b.get()); }
bool certainly_nonzero(const Ball& b) { return arb_is_nonzero(b.get()); }
bool certainly_lt(const Ball& a, const Ball& b) { return arb_lt(a.get(), b.get()); }
bool certainly_le(const Ball& a, const Ball& b) { return arb_le(a.get(), b.get()); }

namespace {
/** ceil(lower bound of b), ceil(upper bound of b): bounds rounded outward, so lo <= ceil(x) <= hi for x in b. */
std::pair<Integer, Integer> ceil_bounds(const Ball& b) {
  Integer lo, hi;
  arf_t t;
  arf_init(t);
  arb_get_lbound_arf(t, b.get(), arb_bits(b.get()) + 64);
  arf_get_fmpz(lo.get(), t, ARF_RND_CEIL);
  arb_get_ubound_arf(t, b.get(), arb_bits(b.get()) + 64);
  arf_get_fmpz(hi.get(), t, ARF_RND_CEIL);
  arf_clear(t);
  return {std::move(lo), std::move(hi)};
}
}  // namespace

std::optional<Integer> certain_ceil(const Ball& b) {
  if (!b.is_finite()) return std::nullopt;
  auto [lo, hi] = ceil_bounds(b);
  if (fmpz_equal(lo.get(), hi.get())) return lo;
  return std::nullopt;
}

Integer ceil_to_certainty(const std::function<Ball(slong)>& x, slong prec, slong max_prec, std::string_view what,
                          const std::function<bool(const Integer&)>& equals) {
  for (slong p = std::max<slong>(prec, 2); p <= max_prec; p *= 2) {
    const Ball v = x(p);
    if (!v.is_finite()) continue;
    auto [lo, hi] = ceil_bounds(v);
    if (fmpz_equal(lo.get(), hi.get())) return lo;
    // [lower, upper] straddles exactly the integer lo: x == lo gives ceil(x) = lo, else refine.
    fmpz_t d;
    fmpz_init(d);
    fmpz_sub(d, hi.get(), lo.get());
    const bool straddles_one = fmpz_is_one(d);
    fmpz_clear(d);
    if (straddles_one && equals && equals(lo)) return lo;
  }
  throw precision_error(std::string(what) + ": the ceiling is undecided at " + std::to_string(max_prec) + " bits");
}

Ball to_ball(const Rational& q, slong prec) {
  Ball b;
  arb_set_fmpq(b.get(), q.get(), prec);
  return b;
}

Ball to_ball(const Integer& z, slong prec) {
  Ball b;
  arb_set_round_fmpz(b.get(), z.get(), prec);
  return b;
}

bool meets_accuracy(const Ball& b, slong bits) {
  if (!b.is_finite()) return false;
  if (b.contains_zero()) {
    // radius <= 2^-bits (absolute accuracy near a zero)
    mag_t lim;
    mag_init(lim);
    mag_one(lim);
    mag_mul_2exp_si(lim, lim, -bits);
    const bool ok = mag_cmp(arb_radref(b.get()), lim) <= 0;
    mag_clear(lim);
    return ok;
  }
  return b.rel_accuracy_bits() >= bits;
}

namespace {
std::string accuracy_text(const Ball& b) {
  if (!b.is_finite()) return "no finite enclosure";
  if (b.contains_zero()) return "absolute radius " + b.rad_str();
  return std::to_string(b.rel_accuracy_bits()) + " bits";
}
}  // namespace

void require_accuracy(const Ball& b, slong bits, std::string_view function) {
  if (!meets_accuracy(b, bits))
    throw precision_error(std::string(function) + ": requires " + std::to_string(bits) + " bits of accuracy, got " +
                          accuracy_text(b) + " in " + b.str(20));
}

Ball evaluate_to_accuracy(const std::function<Ball(slong)>& f, slong goal_bits, slong max_prec, std::string_view what) {
  if (goal_bits < 1) throw domain_error(std::string(what) + ": requires goal_bits >= 1, got goal_bits = " +
                                        std::to_string(goal_bits));
  slong prec = goal_bits + 16;
  Ball best;
  slong best_prec = prec;
  for (;;) {
    best = f(prec);
    best_prec = prec;
    if (meets_accuracy(best, goal_bits)) return best;
    if (prec >= max_prec) break;
    prec = std::min(2 * prec, max_prec);
  }
  throw precision_error(std::string(what) + ": requested " + std::to_string(goal_bits) + " bits, reached " +
                        accuracy_text(best) + " at prec " + std::to_string(best_prec) + " (max_prec " +
                        std::to_string(max_prec) + "): " + best.str(20));
}

std::string ComplexBall::str(int digits) const {
  return real().str(digits) + " + " + imag().str(digits) + "i";
}

}  // namespace gdcert
