// The width formulas of paper 003 and its baselines, evaluated and inverted with balls (exact where rational), and
// the formula table of the width module.
//
// Logarithms are natural. Omega/O statements are evaluated with unit constants: they are shapes, not thresholds.
//   du19.width            m = n^6/(lambda0^4 delta^3)                      [paper] Du et al. 2019 Thm 3.2 / 4.1
//   du19.width_both_layers m = n^6 ln(m/delta)/(lambda0^4 delta^3), the larger root in m   [paper] Thm 3.3
//   du19.step, du19.rate  eta = lambda0/n^2, rate 1 - eta lambda0/2       [paper] Thm 4.1
//   du19.drift            4 sqrt(n) |y - u(0)|/(sqrt(m) lambda0)          [paper] Cor 4.1
//   sy19.width            m = n^4 ln^3(n/delta)/lambda0^4                  [reconstructed] Song-Yang 2019
//   jt20.lambda           (sqrt(2 ln(4n/delta)) + ln(4/eps))/(gamma/4)    [reconstructed] JT20 Thm 2.2
//   jt20.width            M = 4096 lambda^2/gamma^6                        [reconstructed]
//   jt20.steps            T = ceil(2 lambda^2/(eta eps))                    [reconstructed]
//   mosw22.hoeffding_width  m = 16 ln(n/delta)/gamma^2 (coupled)           [reconstructed] paper 003 (sketch)
//   mosw22.hoeffding_width_uncoupled  m = 8 ln(n/delta)/gamma^2            [reconstructed]
//   mosw22.logistic_width m = ln(n/delta)/gamma^2 (shape gamma^-2)         [reconstructed] paper 003 abstract
//   mosw22.squared_width  m = n^2 ln(n/delta)/lambda0^p (shape n^2; p = 4 by default, an open point) [reconstructed]
//   os20.lambda_lower     lambda0 >= delta_sep/(100 n^2)                   [reconstructed] Oymak-Soltanolkotabi 2020
#pragma once
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "exact/ball.hpp"
#include "exact/formula.hpp"
#include "exact/value.hpp"

namespace gdcert::width {

/** The formula table of the width module (ids width.*, du19.*, sy19.*, jt20.*, mosw22.*, os20.*). */
std::span<const Formula> width_formulas();

/** The inputs of the width formulas. lambda0 and gamma are exact when known exactly, else balls. */
struct WidthInputs {
  long n = 0;
  Value lambda0;          // lambda_min(H^inf)
  Value gamma;            // NTK margin (a certified lower bound such as gamma_2^2 is the conservative choice)
  Rational delta{1, 10};  // failure probability
  Rational eps{1, 10};    // target loss (JT20)
  Rational eta{1};        // step size (JT20)
  long p = 4;             // lambda exponent of mosw22.squared_width (open point)
};

/** One evaluated width formula. */
struct WidthValue {
  std::string id;        // formula id
  std::string name;      // short label
  std::string depends;   // "lambda0" or "gamma": the data quantity it depends on
  Value value;           // required width (exact or ball)
};

/** Names of the width formulas evaluate_width_formula accepts (ids). */
const std::vector<std::string>& width_formula_ids();

/**
 * Evaluates one width formula. Preconditions: n >= 1, 0 < delta < 1, 0 < eps < 1, eta > 0, lambda0 > 0 / gamma > 0
 * where used (domain_error; a ball that is not certainly positive is a domain_error too).
 */
WidthValue evaluate_width_formula(const std::string& id, const WidthInputs& in, slong prec);

/** The side-by-side table: every width formula at the same inputs. */
std::vector<WidthValue> width_table(const WidthInputs& in, slong prec);

/** JT20's auxiliary quantities. */
Ball jt20_lambda_ball(const WidthInputs& in, slong prec);
/** T = ceil(2 lambda^2/(eta eps)); nullopt when the ball straddles an integer (undecided at prec). */
std::optional<Integer> jt20_steps(const WidthInputs& in, slong prec);
/** Du et al.: eta = lambda0/n^2 and the rate 1 - eta lambda0/2 (exact when lambda0 is). */
Value du19_step(const WidthInputs& in, slong prec);
Value du19_rate(const WidthInputs& in, slong prec);
/** 4 sqrt(n) |y - u(0)|/(sqrt(m) lambda0) with |y - u(0)|^2 = y_norm2. */
Ball du19_drift_ball(const WidthInputs& in, const Rational& m, const Rational& y_norm2, slong prec);

/** The variable an inversion solves for. */
enum class InvertFor { n, gamma, lambda0 };
InvertFor parse_invert_for(std::string_view text);

/**
 * Inverts a width formula at width m: the largest n (exact integer) with formula(n) <= m certainly, or the smallest
 * gamma / lambda0 enclosed in a ball [x_lo, x_hi] with formula(x_hi) <= m < formula(x_lo) certainly.
 * domain_error when the formula does not depend on the variable; nullopt-free: n = 0 when even n = 1 needs more.
 */
Value invert_width_formula(const std::string& id, const WidthInputs& in, InvertFor var, const Rational& m, slong prec);

}  // namespace gdcert::width
