// The report section of the depth-separation module: certified constants of the Eldan-Shamir radial law over d, the
// depth-separation bounds, and the N1 / N2 experiment on the ball indicator (table and plot, with the floor).
#include <string>
#include <vector>

#include <fmt/format.h>

#include "report/views.hpp"
#include "report/sections.hpp"

namespace gdcert::report {

void depth_separation_report_section(ReportContext& ctx) {
  {
    RadialRequest r;
    r.table = true;
    r.d_min = 2;
    r.d_max = 100;
    ctx.table("radial_constants_by_d", "radial --table: R_d, C_d, tails and the ES16 shell parameters for d = 2..100",
              radial_document(r, 128));
  }
  for (long d : ctx.full() ? std::vector<long>{2, 3, 4, 5, 10, 20, 50} : std::vector<long>{2, 3, 10}) {
    RadialRequest r;
    r.d = d;
    r.tails = {"50", "200"};
    ctx.table(fmt::format("radial_d{}", d), fmt::format("radial --d {} (tails at 50 and 200, both routes)", d),
              radial_document(r, 128));
  }
  for (const auto& [name, id, params] : std::vector<std::tuple<std::string, std::string, std::vector<std::string>>>{
           {"accuracy_floor", "ds.accuracy_floor", {"d=2,5,10,20,50,100"}},
           {"logistic_gap", "ds.logistic_gap", {"k=1,2,5,10,100"}},
           {"positive_error", "ds.positive_error", {"Q=1,10", "k=10,100,1000", "w=1", "p=1/100"}},
           {"truncated_square_width", "ds.truncated_square_width", {"C=2", "delta=1/10,1/100", "d=2,10,100"}}})
    ctx.table(name, "bound " + id, bound_document(false, id, params, 128));

  SimulateDepthRequest req;
  req.dims = ctx.full() ? std::vector<long>{2, 5, 10, 20, 50} : std::vector<long>{2, 4, 8};
  req.widths = ctx.full() ? std::vector<long>{4, 16, 64, 256} : std::vector<long>{8, 64, 256};
  if (ctx.full()) {
    req.iterations = {500, 2000};
    req.seeds = 3;
  }
  Plot plot;
  Document doc = simulate_depth_document(req, 1, &plot);
  ctx.table("experiment_n1_n2", "simulate depth-separation: N1 against N2 on the radial law, test MSE with the N1 floor",
            std::move(doc));
  ctx.plot("experiment_n1_n2_plot", "test MSE against width, N1 and N2, radial law", plot);
}

}  // namespace gdcert::report
