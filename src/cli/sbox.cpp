// gdcert sbox SPEC: linear approximation and difference distribution tables of an S-box.
#include <memory>

#include "api/sbox.hpp"
#include "cli/app.hpp"
#include "cli/common.hpp"

namespace gdcert::cli {

void add_sbox(CLI::App& app, Context& ctx) {
  auto req = std::make_shared<api::SBoxRequest>();
  auto opt = std::make_shared<CommonOptions>();
  CLI::App* sub = app.add_subcommand("sbox", "LAT, linearity, nonlinearity, DDT and differential uniformity of an S-box");
  sub->add_option("spec", req->spec,
                  "S-box spec: sbox:[n=N:][m=M:]V0,V1,... (decimal, or hex when a value has a-f or 0x), sbox:present, "
                  "sbox:aes, sbox:file=PATH")
      ->required();
  sub->add_flag("--lat", req->lat, "list the linear approximation table (Walsh convention), n + m <= 16");
  sub->add_flag("--ddt", req->ddt, "list the difference distribution table, n + m <= 16");
  sub->add_flag("--zero-based", req->zero_based, "name bits x0..x_{n-1} in the notes");
  add_common_options(*sub, *opt);
  sub->callback([&ctx, req, opt] {
    ctx.action = [&ctx, req, opt] {
      report::Document doc = report::sbox_document(*req);
      doc.command_line = ctx.command_line;
      doc.prec = opt->prec;
      emit(doc, *opt, *ctx.out);
      return 0;
    };
  });
}

}  // namespace gdcert::cli
