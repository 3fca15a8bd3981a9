// gdcert kernel ACT: dual activation E[σ(u)σ(v)] as certified balls, and its exact Hermite series.
#include <memory>

#include "api/kernel.hpp"
#include "cli/app.hpp"
#include "cli/common.hpp"
#include "exact/errors.hpp"

namespace gdcert::cli {

void add_kernel(CLI::App& app, Context& ctx) {
  auto req = std::make_shared<KernelRequest>();
  auto opt = std::make_shared<CommonOptions>();
  auto digits = std::make_shared<long>(0);
  auto series = std::make_shared<long>(-1);
  CLI::App* sub = app.add_subcommand("kernel", "dual activation E[sigma(u) sigma(v)] (NNGP kernel) and its Hermite series");
  sub->add_option("activation", req->activation, "activation: " + api::kernel_activation_names())->required();
  sub->add_option("--rho", req->rho, "correlation rho in [-1, 1] (rational, repeatable); cov = var * rho");
  sub->add_option("--var", req->var, "pre-activation variance V (default 1)");
  sub->add_option("--cov", req->cov, "covariance C with |C| <= V (instead of --rho)");
  sub->add_option("--weight-var", req->weight_var,
                  "first-layer form: weights N(0, s2/n) (default s2 = 1 when --bias-var is given); V = s2 + beta2");
  sub->add_option("--bias-var", req->bias_var, "first-layer form: bias N(0, beta2); cov = s2 rho + beta2");
  sub->add_option("--q1", req->q1, "general covariance [[q1, c], [c, q2]]: Var u = q1 (with --q2, --c)");
  sub->add_option("--q2", req->q2, "Var v = q2");
  sub->add_option("--c", req->c, "Cov(u, v) = c, c^2 <= q1 q2; prints E[sigma sigma] and E[sigma' sigma']");
  sub->add_option("--series", *series, "also print the power-series coefficients a_0..a_L and the certified tail")
      ->check(CLI::Range(0L, 20000L));
  auto* d = sub->add_option("--digits", *digits, "certify every value to D significant digits (Ziv loop)")
                ->each([](const std::string& v) {
                  // A count of digits below 1 is malformed input (exit 3); above the Ziv loop's limit it stays a
                  // precision error of api::kernel.
                  const auto first = v.find_first_not_of(" \t");
                  if (first != std::string::npos && (v[first] == '-' || v.substr(first).find_first_not_of('0') == std::string::npos))
                    throw input_error("--digits: requires a positive integer, got " + v);
                });
  add_common_options(*sub, *opt);
  if (auto* p = sub->get_option_no_throw("--prec")) d->excludes(p);
  sub->callback([&ctx, req, opt, digits, series] {
    ctx.action = [&ctx, req, opt, digits, series] {
      if (*digits != 0) req->digits = *digits;
      if (*series >= 0) req->series = static_cast<unsigned>(*series);
      report::Document doc = kernel_document(*req, opt->prec);
      doc.command_line = ctx.command_line;
      emit(doc, *opt, *ctx.out);
      return 0;
    };
  });
}

}  // namespace gdcert::cli
