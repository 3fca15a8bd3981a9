// The dual-kernel entry point (`gdcert kernel`): E[sigma(u) sigma(v)] for centred Gaussian pairs as certified balls
// (at a working precision, or to a number of digits by a Ziv loop) and the power-series coefficients a_l exactly,
// as balls, with the certified tail.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "api/requests.hpp"
#include "api/result.hpp"
#include "exact/rational.hpp"

namespace gdcert::api {

/** Largest --digits: the Ziv loop stops at 65536 bits of working precision. */
inline constexpr long kMaxKernelDigits = 19000;

/** Bits of relative accuracy that certify D significant digits: ceil(D log2 10) + 4 (exact integer arithmetic). */
long digits_to_bits(long digits);

/** One (var, cov) pair evaluated. */
struct KernelEntry {
  std::string label;   // the correlation as given (canonical rational), or "cov/var" for --cov
  Result var, cov;     // pre-activation variance and covariance (kernel.effective_correlation in the first-layer form)
  Result rho;          // rho' = cov/var (kernel.effective_correlation)
  Result value;        // E[sigma(u) sigma(v)], a ball (kernel.relu | kernel.sign | kernel.erf | kernel.arccos)
  /** With --digits: the ball to that many significant digits. */
  std::optional<std::string> digits_text;
};

/** The power series E[sigma(u) sigma(v)] = sum_l a_l rho^l for Var u = Var v = var, Cov = var rho. */
struct KernelSeries {
  unsigned L = 0;
  long prec = 0;                            // working precision of the balls
  std::vector<Result> coefficients;         // a_0..a_L as balls (kernel.series.<activation>)
  std::vector<Result> rational_parts;       // a_l = r_l * constant_l, r_l exact
  std::vector<std::string> constants;       // "1" or "1/pi"
  std::vector<std::string> exact_text;      // "p/q" or "p/q·(1/pi)"
  Result kappa_one;                         // kappa(1) = E[sigma(u)^2]: exact where rational, else a ball
  std::string kappa_one_text;               // its exact form, or "(2/pi) arcsin(q)" (erf)
  Result tail;                              // sum_{l > L} a_l = kappa(1) - sum_{l <= L} a_l, certified (kernel.series.tail)
  std::vector<std::string> notes;
};

/** A general covariance [[q1, c], [c, q2]]: E[sigma(u) sigma(v)] and E[sigma'(u) sigma'(v)] (kernel.general.*). */
struct KernelGeneralEntry {
  Result q1, q2, c;
  Result rho;                        // c/sqrt(q1 q2): exact when rational, else a ball
  Result value;                      // exact where rational (general_moment_exact), else a certified ball
  std::optional<Result> derivative;  // E[sigma'(u) sigma'(v)] where finite (not sign/step)
  std::optional<std::string> value_digits, derivative_digits;  // with --digits
};

/** Everything `gdcert kernel` computes. */
struct KernelResult {
  Params parameters;          // activation, weight_var and bias_var (first-layer form), var, digits, prec
  std::string activation;     // canonical name
  std::string formula;        // kernel.relu | kernel.sign | kernel.erf | kernel.arccos
  std::string series_formula; // kernel.series.relu | ...
  bool first_layer_form = false;  // --weight-var / --bias-var: var and cov from kernel.effective_correlation
  Rational var;               // the pre-activation variance V
  std::optional<long> digits;
  /** Bits the values are certified to: digits_to_bits(digits) with --digits, else the working precision. */
  long prec = 0;
  std::vector<KernelEntry> second_moments;  // one per --rho, then --cov
  std::vector<std::string> notes;           // what the second-moment balls guarantee, the activation's normalisation
  std::optional<KernelSeries> series;       // with --series L
  std::optional<KernelGeneralEntry> general;  // with --q1 --q2 --c
};

/**
 * The verb; prec is the working precision when req.digits is unset. Errors: input_error (unknown activation,
 * malformed rationals, prec outside 16..65536), usage_error (conflicting or missing options), domain_error (rho
 * outside [-1, 1], var <= 0, |cov| > var), precision_error (--digits outside 1..19000 or unreachable).
 */
KernelResult kernel(const KernelRequest& req, long prec);

/**
 * One second moment, with the meanings of `gdcert kernel`: evaluated once at `prec` bits of working precision, or,
 * with `digits`, certified to that many digits by a Ziv loop (the ball's prec is then the accuracy in bits).
 * The quantity kernel.second_moment.
 */
Result kernel_second_moment(const std::string& activation, const Rational& var, const Rational& cov, long prec,
                            std::optional<long> digits = std::nullopt);

/** The series a_0..a_L at var with balls at prec bits (the quantities kernel.series*). Precondition: L <= 100000. */
KernelSeries kernel_series(const std::string& activation, unsigned L, const Rational& var, long prec);

/**
 * The general-covariance kernels at (q1, q2, c): E[sigma(u) sigma(v)] (derivative = false) or E[sigma'(u) sigma'(v)]
 * (derivative = true), exact where rational, else a ball at prec bits or certified to `digits` digits.
 * Errors: domain_error (q1, q2 <= 0, c^2 > q1 q2, a derivative of sign/step), precision_error.
 */
Result kernel_general(const std::string& activation, const Rational& q1, const Rational& q2, const Rational& c,
                      bool derivative, long prec, std::optional<long> digits = std::nullopt);

/** The activations the dual kernels know, for help texts ("relu, sign, erf, step, arccos:p, ..."). */
std::string kernel_activation_names();

/** The formula id of an activation's second moment (kernel.relu, kernel.sign, kernel.erf, kernel.arccos). */
std::string kernel_formula(const std::string& activation);

}  // namespace gdcert::api
