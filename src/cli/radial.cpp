// gdcert radial: the Eldan–Shamir radial law's certified constants for one d, or a table over d.
#include <memory>
#include <string>

#include "cli/app.hpp"
#include "cli/common.hpp"
#include "exact/errors.hpp"

namespace gdcert::cli {

void add_radial(CLI::App& app, Context& ctx) {
  auto req = std::make_shared<RadialRequest>();
  auto opt = std::make_shared<CommonOptions>();
  CLI::App* sub = app.add_subcommand("radial", "certified constants of the Eldan-Shamir heavy-tailed radial law");
  sub->add_option("--d", req->d, "dimension d >= 1");
  sub->add_flag("--table", req->table, "a table over d = --d-min .. --d-max (default 2..100) for the report");
  sub->add_option("--d-min", req->d_min, "first d of --table");
  sub->add_option("--d-max", req->d_max, "last d of --table");
  sub->add_option("--rho", req->rho, "|xi| at which phi is printed (rational, default 37/100)");
  sub->add_option("--tail", req->tails, "radii rho of the tails P(|x| > rho) (default 50 200)");
  sub->add_flag("--normalisation", req->normalisation, "also certify int_0^oo p = 1 (quadrature + asymptotic tail)");
  add_common_options(*sub, *opt);
  sub->callback([&ctx, req, opt, sub] {
    ctx.action = [&ctx, req, opt, sub] {
      if (!req->table && sub->count("--d") == 0) throw usage_error("radial: requires --d D or --table");
      if (req->tails.empty()) req->tails = {"50", "200"};
      report::Document doc = radial_document(*req, opt->prec);
      doc.command_line = ctx.command_line;
      doc.prec = opt->prec;
      emit(doc, *opt, *ctx.out);
      return 0;
    };
  });
}

}  // namespace gdcert::cli
