// gdcert msp: the merged-staircase property and the leap of a Fourier–Walsh support (exact zeros only).
#include <bit>
#include <memory>

#include "cli/app.hpp"
#include "cli/common.hpp"
#include "exact/errors.hpp"

namespace gdcert::cli {

void add_msp(CLI::App& app, Context& ctx) {
  auto spec = std::make_shared<std::string>();
  auto support = std::make_shared<std::string>();
  auto opt = std::make_shared<CommonOptions>();
  CLI::App* sub = app.add_subcommand("msp", "merged-staircase property and leap of a function's Walsh support");
  sub->add_option("spec", *spec, "function spec, e.g. staircase:n=4");
  sub->add_option("--support", *support, "explicit support instead: sets separated by ';', e.g. \"1;1,2;1,2,3\"");
  add_common_options(*sub, *opt);
  sub->callback([&ctx, spec, support, opt] {
    ctx.action = [&ctx, spec, support, opt] {
      report::Document doc = msp_document(*spec, *support, opt->seed);
      doc.command_line = ctx.command_line;
      emit(doc, *opt, *ctx.out);
      return 0;
    };
  });
}

}  // namespace gdcert::cli
