// Decimal renderings of exact rationals, balls and floats for tables: correctly rounded decimals and the
// compact uncertainty notation "1.234(5)" of siunitx, derived exactly from midpoint and radius.
#pragma once
#include <optional>
#include <string>

#include "exact/ball.hpp"
#include "exact/rational.hpp"

namespace gdcert::report {

/**
 * x rounded to `sig_digits` significant digits (nearest, ties away from zero), as a plain decimal when the
 * decimal exponent is in [-4, 6], else as "d.ddde-7". Exact values with fewer digits print in full.
 * Precondition: sig_digits >= 1 (input_error).
 * Example:
 *     decimal_rounded(Rational(1, 3), 4) == "0.3333";  decimal_rounded(Rational(1, 8), 10) == "0.125"
 */
std::string decimal_rounded(const Rational& x, int sig_digits);

/**
 * The compact uncertainty notation for the interval [mid - rad, mid + rad], as siunitx reads it in S columns:
 * "m(u)" or "m(u)e<E>", meaning m ± u units of m's last digit.
 * Guarantee:    the printed interval contains [mid - rad, mid + rad]: the midpoint is rounded to the nearest at
 *               the chosen last digit and the uncertainty is rounded UP after adding that rounding error. The
 *               uncertainty has at most `unc_digits` digits; the midpoint at most `max_digits` significant
 *               digits (so a tiny radius shows as "(1)" at max_digits). A zero radius with a midpoint exact at
 *               that many digits prints without parentheses.
 * Precondition: rad >= 0, unc_digits >= 1, max_digits >= 1 (input_error).
 * Example:
 *     siunitx_uncertain(Rational::parse("1.23456"), Rational::parse("0.0051"), 2, 10) == "1.2346(52)"
 */
std::string siunitx_uncertain(const Rational& mid, const Rational& rad, int unc_digits, int max_digits);

/** The exact midpoint and radius of a finite ball, or nullopt when it is not finite or its exponents are huge. */
std::optional<std::pair<Rational, Rational>> ball_mid_rad(const Ball& b);

/** The exact value of a finite double (nullopt for inf / nan). */
std::optional<Rational> exact_double(double x);

}  // namespace gdcert::report
