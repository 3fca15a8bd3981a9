// gdcert cp: cross-predictability of classes, orbit CP and alignment under B_n, S_n and O(n), and the
// INAL => orbit-CP certificate.
#include <algorithm>
#include <memory>
#include <optional>

#include "cli/app.hpp"
#include "cli/common.hpp"
#include "exact/errors.hpp"

namespace gdcert::cli {

void add_cp(CLI::App& app, Context& ctx) {
  auto req = std::make_shared<CpRequest>();
  auto opt = std::make_shared<CommonOptions>();
  CLI::App* sub = app.add_subcommand("cp", "cross-predictability and G-alignment, exact");
  sub->add_option("spec", req->spec, "function spec (orbit statistics)");
  sub->add_option("--group", req->group, "Bn, Sn, all (cube) or On (sphere, with --n and --weights)")->capture_default_str();
  sub->add_option("--level-weights", req->level_weights, "instead of a SPEC: W_0,...,W_n (\"Q*count\" repeats, e.g. 0*50,1)");
  sub->add_option("--class", req->klass, "a class: parities:n=N[:k=K], random:n=N, list:SPEC;SPEC;...");
  sub->add_option("--n", req->n, "dimension for --group On");
  sub->add_option("--weights", req->weights, "spherical-harmonic level weights W_0,W_1,... for --group On");
  sub->add_option("--certificate", req->certificate_init, "INAL => CP_Bn certificate under this init law (e.g. gaussian)");
  sub->add_option("--act", req->certificate_act, "activation of the certificate's neuron")->capture_default_str();
  sub->add_option("--bias", req->certificate_bias, "bias law of the certificate's neuron")->capture_default_str();
  sub->add_option("--levels", req->levels, "levels J of the certificate (default 0,1,2)");
  add_common_options(*sub, *opt);
  sub->callback([&ctx, req, opt] {
    ctx.action = [&ctx, req, opt] {
      req->seed = opt->seed;
      req->prec = opt->prec;
      report::Document doc = cp_document(*req);
      doc.command_line = ctx.command_line;
      emit(doc, *opt, *ctx.out);
      return 0;
    };
  });
}

}  // namespace gdcert::cli
