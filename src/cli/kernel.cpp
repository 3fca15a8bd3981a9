// gdcert kernel ACT: dual activation E[σ(u)σ(v)] as certified balls, and its exact Hermite series.
#include <memory>

#include "api/kernel.hpp"
#include "cli/app.hpp"
#include "cli/common.hpp"
#include "exact/errors.hpp"
#include "exact/rational.hpp"

namespace gdcert::cli {

namespace {

/**
 * --rho values with every grid "lo..hi:step" (rationals; step > 0, lo <= hi, at most 10001 points) replaced by its
 * points lo, lo + step, ..., the last one <= hi; other values unchanged (api::kernel checks them).
 */
std::vector<std::string> expand_rho_grids(const std::vector<std::string>& values) {
  std::vector<std::string> out;
  for (const std::string& v : values) {
    const auto dots = v.find("..");
    if (dots == std::string::npos) {
      out.push_back(v);
      continue;
    }
    const auto colon = v.find(':', dots);
    if (colon == std::string::npos)
      throw input_error("kernel --rho: requires a rational or a grid \"lo..hi:step\", got \"" + v + "\"");
    const Rational lo = Rational::parse(v.substr(0, dots)), hi = Rational::parse(v.substr(dots + 2, colon - dots - 2)),
                   step = Rational::parse(v.substr(colon + 1));
    if (step.sign() <= 0 || hi < lo)
      throw input_error("kernel --rho: requires lo <= hi and step > 0 in \"lo..hi:step\", got \"" + v + "\"");
    if ((hi - lo) / step > Rational(10000))
      throw resource_error("kernel --rho: requires at most 10001 grid points, got \"" + v + "\"");
    for (Rational r = lo; r <= hi; r += step) out.push_back(r.str());
  }
  return out;
}

}  // namespace

void add_kernel(CLI::App& app, Context& ctx) {
  auto req = std::make_shared<KernelRequest>();
  auto opt = std::make_shared<CommonOptions>();
  auto series = std::make_shared<long>(-1);
  CLI::App* sub = app.add_subcommand("kernel", "dual activation E[sigma(u) sigma(v)] (NNGP kernel) and its Hermite series");
  sub->add_option("activation", req->activation, "activation: " + api::kernel_activation_names())->required();
  sub->add_option("--rho", req->rho,
                  "correlation rho in [-1, 1] (rational, repeatable), or a grid lo..hi:step (e.g. -1..1:1/10); cov = var * rho");
  sub->add_option("--var", req->var, "pre-activation variance V (default 1)");
  sub->add_option("--cov", req->cov, "covariance C with |C| <= V (instead of --rho)");
  sub->add_option("--weight-var", req->weight_var,
                  "first-layer form: weights N(0, s2/n) (default s2 = 1 when --bias-var is given); V = s2 + beta2");
  sub->add_option("--bias-var", req->bias_var, "first-layer form: bias N(0, beta2); cov = s2 rho + beta2");
  sub->add_option("--q1", req->q1, "general covariance [[q1, c], [c, q2]]: Var u = q1 (with --q2, --c)");
  sub->add_option("--q2", req->q2, "Var v = q2");
  sub->add_option("--c", req->c, "Cov(u, v) = c, c^2 <= q1 q2; prints E[sigma sigma] and E[sigma' sigma']");
  sub->add_option("--series", *series, "also print the power-series coefficients a_0..a_L and the certified tail")
      ->check(integer_range("--series", 0, 20000));
  // One --digits rule with the other verbs: D significant figures shown. The kernel also certifies every ball to the
  // D digits shown (a Ziv loop raising the precision; up to 19000), its meaning here before the rule was shared.
  // --show-digits (the common option) only sets the figures shown, at the working precision --prec.
  auto digits = std::make_shared<std::string>();
  CLI::Option* d =
      sub->add_option("--digits", *digits,
                      "significant figures shown (text, Markdown, LaTeX, CSV display columns) and certified: every ball is "
                      "computed to D correct digits (precision raised as needed; up to 19000), or \"full\" (every digit at "
                      "--prec); JSON always has full precision. --show-digits D shows D figures without raising the precision")
          ->each([](const std::string& v) {
            // A count of digits below 1 is malformed input (exit 3); above the Ziv loop's limit it stays a precision
            // error of api::kernel.
            const auto first = v.find_first_not_of(" \t");
            if (first != std::string::npos && (v[first] == '-' || v.substr(first).find_first_not_of('0') == std::string::npos))
              throw input_error("--digits: requires a positive integer, got " + v);
          });
  add_common_options(*sub, *opt);
  if (auto* show = sub->get_option_no_throw("--show-digits")) d->excludes(show);
  sub->callback([&ctx, req, opt, series, d, digits] {
    ctx.action = [&ctx, req, opt, series, d, digits] {
      if (d->count() > 0) {
        opt->digits = *digits;
        if (!digits->empty() && digits->find_first_not_of("0123456789") == std::string::npos) {
          const long n = digits->size() > 9 ? 1000000000L : std::stol(*digits);  // beyond 19000: a precision error
          req->digits = n;
          if (n > 1000) opt->digits = "full";  // the certified ball shows every digit it has
        }
      }
      req->rho = expand_rho_grids(req->rho);
      if (*series >= 0) req->series = static_cast<unsigned>(*series);
      report::Document doc = kernel_document(*req, opt->prec);
      doc.command_line = ctx.command_line;
      emit(doc, *opt, *ctx.out);
      return 0;
    };
  });
}

}  // namespace gdcert::cli
