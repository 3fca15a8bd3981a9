// Value: one number of one of the three kinds (exact | ball | float), never mixed silently.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "exact/ball.hpp"
#include "exact/rational.hpp"

namespace gdcert {

enum class Kind { exact, ball, floating };
std::string_view to_string(Kind k);

/**
 * A number with its kind. Exact values are Rationals; balls carry the working precision in bits; floats
 * (simulator / Monte Carlo only) carry an optional standard error and sample count.
 * Formatting: exact "p/q"; ball "[m +/- r]" (Arb, reparses to a superset); float 17 significant digits.
 */
class Value {
 public:
  Value() : Value(Rational(0)) {}
  Value(const Rational& q) : kind_(Kind::exact), exact_(q) {}  // NOLINT implicit
  Value(const Integer& z) : Value(Rational(z)) {}              // NOLINT implicit
  Value(long long z) : Value(Rational(z)) {}                   // NOLINT implicit
  Value(int z) : Value(Rational(z)) {}                         // NOLINT implicit
  Value(const Ball& b, slong prec) : kind_(Kind::ball), ball_(b), prec_(prec) {}
  static Value from_double(double x, std::optional<double> stderr_ = std::nullopt,
                           std::optional<std::uint64_t> samples = std::nullopt);

  Kind kind() const { return kind_; }
  /** Precondition: kind() == exact (std::logic_error otherwise: a bug). */
  const Rational& exact() const;
  const Ball& ball() const;
  slong prec() const { return prec_; }
  double floating() const;
  std::optional<double> stderr_value() const { return stderr_; }
  std::optional<std::uint64_t> samples() const { return samples_; }

  /**
   * The canonical text: "p/q", "[m +/- r]" (Arb's decimal form, which encloses the ball), or %.17g (+/- stderr).
   * digits = 0 (the default): as many significant digits as the ball's precision carries, ceil(prec log10 2),
   * and never more than its radius supports (Arb drops the digits the radius makes meaningless).
   */
  std::string str(int digits = 0) const;

 private:
  Kind kind_;
  Rational exact_;
  Ball ball_;
  slong prec_ = 0;
  double float_ = 0;
  std::optional<double> stderr_;
  std::optional<std::uint64_t> samples_;
};

/** Decimal digits carried by a binary precision: ceil(prec log10 2), at least 1. */
int digits_for_prec(slong prec);

/** A double with 17 significant digits (round-trips exactly). */
std::string format_double(double x);

}  // namespace gdcert
