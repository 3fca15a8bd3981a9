// Ball and ComplexBall: RAII value types over Arb arb_t / acb_t.
//
// Inclusion principle (stated once, assumed by every *_ball function in gdcert): a Ball returned for a
// quantity x is a midpoint-radius interval [m +/- r] that is guaranteed to contain x. Balls never lie;
// when accuracy is insufficient they are wide, never wrong. Predicates on balls are three-valued: a
// `certainly_*` predicate returning false means "not certain", not "the opposite holds".
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "exact/flint.hpp"
#include "exact/rational.hpp"

namespace gdcert {

class Ball {
 public:
  Ball() { arb_init(v_); }
  explicit Ball(const arb_t x) { arb_init(v_); arb_set(v_, x); }
  Ball(const Ball& o) { arb_init(v_); arb_set(v_, o.v_); }
  Ball(Ball&& o) noexcept { arb_init(v_); arb_swap(v_, o.v_); }
  Ball& operator=(const Ball& o) { arb_set(v_, o.v_); return *this; }
  Ball& operator=(Ball&& o) noexcept { arb_swap(v_, o.v_); return *this; }
  ~Ball() { arb_clear(v_); }

  arb_ptr get() { return v_; }
  arb_srcptr get() const { return v_; }

  /** Parses a decimal or "[m +/- r]" string into a ball containing it (arb_set_str). input_error if malformed. */
  static Ball parse(std::string_view s, slong prec);
  /** Reloads the exact bits written by dump(). input_error if malformed. */
  static Ball load(std::string_view dump);

  /** Arb's "[m +/- r]" with `digits` significant digits (arb_get_str(x, digits, 0)); reparses to a superset. */
  std::string str(int digits = 30) const;
  /** Bit-exact serialisation (arb_dump_str). */
  std::string dump() const;
  /** Midpoint as a decimal string with `digits` digits (arf_get_str). */
  std::string mid_str(int digits = 30) const;
  /**
   * The midpoint's exact decimal expansion (a dyadic m 2^e has one: m 5^-e / 10^-e), so that [mid - rad, mid + rad]
   * with rad_str() always encloses the ball. "nan" / "inf" / "-inf" for non-finite midpoints.
   */
  std::string mid_exact_str() const;
  /** Radius as a decimal string (upper bound, 3 digits). */
  std::string rad_str() const;
  double mid_double() const { return arf_get_d(arb_midref(v_), ARF_RND_NEAR); }
  double rad_double() const { return mag_get_d(arb_radref(v_)); }

  bool is_finite() const { return arb_is_finite(v_); }
  bool is_exact() const { return arb_is_exact(v_); }
  slong rel_accuracy_bits() const { return arb_rel_accuracy_bits(v_); }
  bool contains(const Rational& q) const { return arb_contains_fmpq(v_, q.get()); }
  bool contains(const Ball& b) const { return arb_contains(v_, b.v_); }
  bool contains_zero() const { return arb_contains_zero(v_); }
  bool overlaps(const Ball& b) const { return arb_overlaps(v_, b.v_); }

 private:
  arb_t v_;
};

bool certainly_positive(const Ball& b);
bool certainly_negative(const Ball& b);
bool certainly_nonzero(const Ball& b);
bool certainly_lt(const Ball& a, const Ball& b);
bool certainly_le(const Ball& a, const Ball& b);

/** ceil(x) for every point x of `b` when they all have the same ceiling (ceil of b's lower and upper bounds agree);
 *  nullopt when b straddles an integer or is not finite: refine and retry. */
std::optional<Integer> certain_ceil(const Ball& b);

/**
 * ceil(x), x given as a ball function of the precision, exactly: evaluates x(p) for p = prec, 2 prec, ... up to
 * max_prec until certain_ceil decides. A ball around an integer never separates from it, so when [lower, upper]
 * straddles exactly one integer m, `equals(m)` (if given) decides exactly whether x == m (then ceil(x) = m).
 * Else precision_error "<what>: the ceiling is undecided at <max_prec> bits".
 */
Integer ceil_to_certainty(const std::function<Ball(slong)>& x, slong prec, slong max_prec, std::string_view what,
                          const std::function<bool(const Integer&)>& equals = {});

/** The ball containing q, rounded to prec bits (exact when q is a dyadic number that fits). */
Ball to_ball(const Rational& q, slong prec);
Ball to_ball(const Integer& z, slong prec);

/**
 * Does `b` meet the accuracy goal of `bits`? The rule: relative accuracy >= bits when the ball excludes 0;
 * radius <= 2^-bits when it contains 0 (near a zero relative accuracy is meaningless).
 */
bool meets_accuracy(const Ball& b, slong bits);

/** Throws precision_error naming the function and the ball obtained unless meets_accuracy(b, bits). */
void require_accuracy(const Ball& b, slong bits, std::string_view function);

/**
 * Ziv loop: evaluates f(prec) at prec = goal_bits + 16, doubling up to max_prec, until the ball meets the
 * accuracy goal (meets_accuracy).
 * Guarantee:    the returned ball encloses the value (f's own guarantee) and meets the goal;
 *               else precision_error: "<what>: requested <goal> bits, reached <a> bits at prec <p>: <ball>".
 * Example:
 *     Ball pi = evaluate_to_accuracy([](slong p) { Ball b; arb_const_pi(b.get(), p); return b; }, 200);
 */
Ball evaluate_to_accuracy(const std::function<Ball(slong)>& f, slong goal_bits, slong max_prec = 1 << 16,
                          std::string_view what = "evaluate_to_accuracy");

class ComplexBall {
 public:
  ComplexBall() { acb_init(v_); }
  ComplexBall(const Ball& re, const Ball& im) { acb_init(v_); acb_set_arb_arb(v_, re.get(), im.get()); }
  ComplexBall(const ComplexBall& o) { acb_init(v_); acb_set(v_, o.v_); }
  ComplexBall(ComplexBall&& o) noexcept { acb_init(v_); acb_swap(v_, o.v_); }
  ComplexBall& operator=(const ComplexBall& o) { acb_set(v_, o.v_); return *this; }
  ComplexBall& operator=(ComplexBall&& o) noexcept { acb_swap(v_, o.v_); return *this; }
  ~ComplexBall() { acb_clear(v_); }

  acb_ptr get() { return v_; }
  acb_srcptr get() const { return v_; }
  Ball real() const { return Ball(acb_realref(v_)); }
  Ball imag() const { return Ball(acb_imagref(v_)); }
  bool contains(const ComplexBall& o) const { return acb_contains(v_, o.v_); }
  bool is_finite() const { return acb_is_finite(v_); }
  /** "[a +/- r] + [b +/- s]i". */
  std::string str(int digits = 30) const;

 private:
  acb_t v_;
};

}  // namespace gdcert
