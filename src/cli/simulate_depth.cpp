// gdcert simulate depth-separation: learning the ball indicator 1{|x| <= r} with N1 (depth 2, one non-linear layer, all
// layers trained) and N2 (fixed random sigmoid features + sigmoid output neuron), with the certified floor.
#include <memory>
#include <string>
#include <vector>

#include "cli/app.hpp"
#include "cli/common.hpp"

namespace gdcert::cli {

void add_simulate_depth_separation(CLI::App& simulate, Context& ctx) {
  auto req = std::make_shared<SimulateDepthRequest>();
  auto opt = std::make_shared<CommonOptions>();
  CLI::App* sub = &simulate;
  sub->add_option("--d", req->dims, "dimensions (repeatable; default 4)");
  sub->add_option("--widths,--width", req->widths, "hidden widths (comma list or repeatable; default 8,64)")->delimiter(',');
  sub->add_option("--arch", req->archs, "architectures n1, n2 (default both)");
  sub->add_option("--law", req->law, "data law: radial | mixture | gaussian | uniform_ball (default radial)");
  sub->add_option("--act,--activation", req->activation, "N1 hidden activation: sigmoid | relu (default sigmoid)");
  sub->add_option("--iterations", req->iterations, "GD iterations (repeatable; default 300)");
  sub->add_option("--seeds", req->seeds, "independent seeds per configuration (default 1)");
  sub->add_option("--n-train", req->n_train, "training points (default 2000)");
  sub->add_option("--n-test", req->n_test, "test points (default 4000)");
  sub->add_option("--r", req->r, "target radius r > 0 (default: median of |x|)");
  sub->add_flag("--full", req->full, "the full sweep: d = 2 5 10 20 50, widths 4..256, 500 and 2000 iterations, 3 seeds (long)");
  sub->add_option("--plot", req->plot, "write the test MSE against width to STEM.csv (+ pictures with --plot-format)");
  sub->add_option("--plot-format", req->formats, "png, svg, pdf (comma list or repeatable; needs gnuplot)")->delimiter(',');
  add_common_options(*sub, *opt);
  sub->callback([&ctx, req, opt] {
    ctx.action = [&ctx, req, opt] {
      report::Document doc = simulate_depth_document(*req, opt->seed);
      doc.command_line = ctx.command_line;
      emit(doc, *opt, *ctx.out);
      return 0;
    };
  });
}

void add_simulate_depth(CLI::App& app, Context& ctx) {
  add_simulate_depth_separation(
      *simulate_command(app)->add_subcommand("depth-separation", "learning ball indicators: N1 (depth 2) vs N2 (random "
                                                                 "features + sigmoid output)"),
      ctx);
}

}  // namespace gdcert::cli
