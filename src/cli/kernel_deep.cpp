// gdcert deep-kernel ACT: NNGP and NTK of a deep fully connected network as certified balls, and the fixed point.
#include <memory>

#include "api/kernel.hpp"
#include "api/kernel_deep.hpp"
#include "cli/app.hpp"
#include "cli/common.hpp"
#include "exact/errors.hpp"
#include "report/views.hpp"

namespace gdcert::cli {

void add_kernel_deep(CLI::App& app, Context& ctx) {
  auto req = std::make_shared<api::KernelDeepRequest>();
  auto opt = std::make_shared<CommonOptions>();
  auto nngp_only = std::make_shared<bool>(false);
  CLI::App* sub = app.add_subcommand(
      "deep-kernel", "NNGP and NTK of an L-hidden-layer fully connected network (NTK parameterization), certified");
  sub->add_option("activation", req->activation, "activation: " + api::kernel_activation_names())->required();
  sub->add_option("--depth", req->depth, "number of hidden layers L (1..100000)")->capture_default_str();
  sub->add_option("--weight-var", req->weight_var,
                  "sigma_w^2 per Dense layer: one value for all, or L + 1 comma-separated values (default 2)")
      ->delimiter(',');
  sub->add_option("--bias-var", req->bias_var, "sigma_b^2 per Dense layer: one value or L + 1 values (default 0)")
      ->delimiter(',');
  sub->add_option("--data", req->data,
                  "data spec (as gdcert width): 24cell[...], sphere:n=N:d=D[:seed=S], droots:k=K, points:..;.., file:PATH");
  sub->add_option("--q1", req->q1, "one pair instead of --data: Sigma^1(x, x)");
  sub->add_option("--q2", req->q2, "Sigma^1(y, y)");
  sub->add_option("--c", req->c, "Sigma^1(x, y)");
  sub->add_flag("--nngp-only", *nngp_only, "only the NNGP (the NTK needs sigma', undefined for sign and step)");
  sub->add_flag("--all-layers", req->all_layers, "print every layer h = 1..L+1 (data form; pairs always do)");
  sub->add_flag("--fixed-point", req->fixed_point,
                "the infinite-depth fixed point (relu, leaky, abrelu, abs; same variances in every layer)");
  sub->add_option("--rho0", req->rho0, "with --fixed-point: starting correlation of the certified iterates (default 0)");
  sub->add_option("--iterates", req->iterates, "with --fixed-point: number of correlation-map steps (default L)");
  add_common_options(*sub, *opt);
  sub->callback([&ctx, req, opt, nngp_only] {
    ctx.action = [&ctx, req, opt, nngp_only] {
      req->seed = opt->seed;  // the master seed (--seed) draws random data specs, as gdcert width
      req->ntk = !*nngp_only;
      report::Document doc = report::kernel_deep_document(*req, opt->prec);
      doc.command_line = ctx.command_line;
      emit(doc, *opt, *ctx.out);
      return 0;
    };
  });
}

}  // namespace gdcert::cli
