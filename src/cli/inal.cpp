// gdcert inal: initial alignment of a target with a network's neurons at initialisation, and the expressivity
// profile e_k(n) of a first-layer neuron.
#include <algorithm>
#include <cmath>
#include <memory>

#include "cli/app.hpp"
#include "cli/common.hpp"
#include "exact/errors.hpp"

namespace gdcert::cli {

void add_inal(CLI::App& app, Context& ctx) {
  auto req = std::make_shared<InalRequest>();
  auto opt = std::make_shared<CommonOptions>();
  CLI::App* sub = app.add_subcommand("inal", "initial alignment of a target with a network at initialisation");
  sub->add_option("spec", req->spec, "target spec, e.g. majority:n=9 (omit with --profile)");
  sub->add_option("--act", req->act, "activation (relu, sign; Gaussian init also erf, step, arccos:p), or one per layer")
      ->capture_default_str();
  sub->add_option("--init", req->init, "weight law: gaussian[:s2=Q], rademacher[:s2=Q], finite:v@p,...[;s2=Q]")
      ->capture_default_str();
  sub->add_option("--bias", req->bias,
                  "bias law: none, gaussian:beta2=Q, const:v, rademacher:v, finite:v@p,... (finite values in units of s/sqrt(fan_in))")
      ->capture_default_str();
  sub->add_option("--level-weights", req->level_weights, "instead of a SPEC: W_0,...,W_n (\"Q*count\" repeats, e.g. 0*50,1)");
  sub->add_option("--net", req->net, "hidden widths, first layer first (default 1: one first-layer neuron)");
  sub->add_option("--route", req->route, "auto, diagonal (Walsh-diagonal), enumerate (exact average over all weights)")
      ->capture_default_str();
  sub->add_option("--max", req->max, "max over neurons outside (default) or inside the expectation")->capture_default_str();
  sub->add_flag("--normalised", req->normalised, "also divide by E||NN^(v)||^2");
  sub->add_option("--sign0", req->sign0, "sign(0): 1, 0 or -1")->capture_default_str();
  sub->add_flag("--profile", req->profile, "expressivity profile e_k(n) of a first-layer neuron instead of a target");
  sub->add_option("--n", req->n, "input dimension for --profile");
  sub->add_option("--K", req->K, "with --profile: K-expressive check up to level K");
  sub->add_option("--c", req->c, "with --K: threshold exponent c in n^-c")->capture_default_str();
  add_common_options(*sub, *opt);
  sub->callback([&ctx, req, opt] {
    ctx.action = [&ctx, req, opt] {
      req->seed = opt->seed;
      req->prec = opt->prec;
      report::Document doc = inal_document(*req);
      doc.command_line = ctx.command_line;
      emit(doc, *opt, *ctx.out);
      return 0;
    };
  });
}

}  // namespace gdcert::cli
