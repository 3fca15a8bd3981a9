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

/** True when x equals the decimal decimal_rounded(x, sig_digits) prints (x has at most that many significant digits). */
bool decimal_is_exact(const Rational& x, int sig_digits);

/**
 * x rounded to exactly `sig_digits` significant digits, trailing zeros kept ("0.500000"), plain or scientific as
 * decimal_rounded. Precondition: sig_digits >= 1 (input_error).
 */
std::string decimal_fixed(const Rational& x, int sig_digits);

/**
 * How a table shows the interval [mid - rad, mid + rad] (a ball, or a mean with its standard error) at `digits`
 * significant figures (0 = full precision) with at most `unc_digits` digits of uncertainty.
 *   rad == 0:  the midpoint as decimal_rounded (full precision: every digit of the terminating binary midpoint);
 *   otherwise: "m(u)" (siunitx_uncertain: the printed interval contains the given one), except when the radius plus
 *              the midpoint's rounding error is at most one unit of the last of `digits` significant digits: then the
 *              midpoint with exactly `digits` significant digits and no "(u)"; every point of the interval lies within
 *              one unit of its last digit (the rule the table notes state) and `*within_unit` is set.
 * Example:
 *     display_uncertain(1/3 (to 128 bits), 2^-128, 6, 2, &w) == "0.333333" (w = true)
 *     display_uncertain(1.23456, 0.0051, 6, 2, &w) == "1.2346(52)"
 */
std::string display_uncertain(const Rational& mid, const Rational& rad, int digits, int unc_digits, bool* within_unit);

/** The exact midpoint and radius of a finite ball, or nullopt when it is not finite or its exponents are huge. */
std::optional<std::pair<Rational, Rational>> ball_mid_rad(const Ball& b);

/** The exact value of a finite double (nullopt for inf / nan). */
std::optional<Rational> exact_double(double x);

}  // namespace gdcert::report
