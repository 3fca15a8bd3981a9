// gdcert bound: list the registered bounds (id, tag, source) and evaluate one; a parameter given as a comma list
// tabulates the bound over the Cartesian product (e.g. --param n=8,16,32 --param k=1,2,3 for parities).
#include <memory>

#include "cli/app.hpp"
#include "cli/common.hpp"

namespace gdcert::cli {

void add_bound(CLI::App& app, Context& ctx) {
  auto req = std::make_shared<BoundRequest>();
  auto opt = std::make_shared<CommonOptions>();
  CLI::App* sub = app.add_subcommand("bound", "list the registered bounds, or evaluate one (advantage bound and inversions)");
  sub->add_option("id", req->id, "formula id of the bound (see --list)");
  sub->add_flag("--list", req->list, "list every bound (id, tag, source, parameters), then every formula (id, tag, source)");
  sub->add_option("--param,-p", req->params, "k=v (repeatable); a comma list v1,v2,... tabulates over it");
  add_common_options(*sub, *opt);
  sub->callback([&ctx, req, opt] {
    ctx.action = [&ctx, req, opt] {
      report::Document doc = bound_document(req->list, req->id, req->params, opt->prec);
      doc.command_line = ctx.command_line;
      emit(doc, *opt, *ctx.out);
      return 0;
    };
  });
}

}  // namespace gdcert::cli
