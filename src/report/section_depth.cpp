// The report section of the depth-separation module: certified constants of the Eldan-Shamir radial law over d, the
// depth-separation bounds, and the N1 / N2 experiment on the ball indicator (table and plot, with the floor). The
// numbers come from the api entry points; this file only chooses what to tabulate and lays it out.
#include <string>
#include <tuple>
#include <vector>

#include <fmt/format.h>

#include "api/bound.hpp"
#include "api/radial.hpp"
#include "api/simulate.hpp"
#include "report/sections.hpp"
#include "report/views.hpp"

namespace gdcert::report {

void depth_separation_report_section(ReportContext& ctx) {
  {
    RadialRequest r;
    r.table = true;
    r.d_min = 2;
    r.d_max = 100;
    r.tails = {"50", "200"};  // the defaults of gdcert radial (the command below)
    ctx.table("radial_constants_by_d", "R_d, C_d, tails and the ES16 shell parameters of the radial law for d = 2..100",
              gdcert_command({"radial", "--table", "--d-min", "2", "--d-max", "100"}), radial_document(api::radial_table(r, 128)));
  }
  for (long d : ctx.full() ? std::vector<long>{2, 3, 4, 5, 10, 20, 50} : std::vector<long>{2, 3, 10}) {
    RadialRequest r;
    r.d = d;
    r.tails = {"50", "200"};
    ctx.table(fmt::format("radial_d{}", d), fmt::format("constants of the radial law at d = {} (tails at 50 and 200, both routes)", d),
              gdcert_command({"radial", "--d", std::to_string(d), "--tail", "50", "--tail", "200"}),
              radial_document(api::radial_constants(r, 128)));
  }
  for (const auto& [name, id, params] : std::vector<std::tuple<std::string, std::string, std::vector<std::string>>>{
           {"accuracy_floor", "ds.accuracy_floor", {"d=2,5,10,20,50,100"}},
           {"logistic_gap", "ds.logistic_gap", {"k=1,2,5,10,100"}},
           {"positive_error", "ds.positive_error", {"Q=1,10", "k=10,100,1000", "w=1", "p=1/100"}},
           {"truncated_square_width", "ds.truncated_square_width", {"C=2", "delta=1/10,1/100", "d=2,10,100"}}})
  {
    std::vector<std::string> args = {"bound", id};
    std::string what;
    for (const std::string& p : params) {
      args.insert(args.end(), {"-p", p});
      what += (what.empty() ? "" : "; ") + p;
    }
    ctx.table(name, id + " over " + what, gdcert_command(args), bound_document(api::bound(BoundRequest{false, id, params}, 128)));
  }

  SimulateDepthRequest req;
  req.dims = ctx.full() ? std::vector<long>{2, 5, 10, 20, 50} : std::vector<long>{2, 4, 8};
  req.widths = ctx.full() ? std::vector<long>{4, 16, 64, 256} : std::vector<long>{8, 64, 256};
  if (ctx.full()) {
    req.iterations = {500, 2000};
    req.seeds = 3;
  }
  const api::DepthSeparationRun run = api::simulate_depth_separation(req, 1);
  std::vector<std::string> args = {"simulate", "depth-separation"};
  for (long d : req.dims) args.insert(args.end(), {"--d", std::to_string(d)});
  std::string widths;
  for (long w : req.widths) widths += (widths.empty() ? "" : ",") + std::to_string(w);
  args.insert(args.end(), {"--widths", widths});
  for (long it : req.iterations) args.insert(args.end(), {"--iterations", std::to_string(it)});
  if (req.seeds != 1) args.insert(args.end(), {"--seeds", std::to_string(req.seeds)});
  args.insert(args.end(), {"--seed", "1"});
  ctx.table("experiment_n1_n2", "N1 against N2 on the radial law: test MSE with the N1 floor and the constant predictor's MSE",
            gdcert_command(args), simulate_depth_document(run, 1));
  ctx.plot("experiment_n1_n2_plot", "test MSE against width, N1 and N2, radial law", simulate_depth_plot(run));
}

}  // namespace gdcert::report
