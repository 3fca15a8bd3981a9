// The report section of the width module (paper 003): the 24-cell certificates, gamma_2^2 of the reference
// labelling with the margin chain, lambda0 of random sphere data, the width formulas side by side, and the
// coupled-versus-independent experiment (tables and the |H(0) - H^inf| plot). The numbers come from api/.
#include <string>

#include "api/simulate_width.hpp"
#include "api/width.hpp"
#include "report/sections.hpp"
#include "report/views.hpp"

namespace gdcert::report {

void width_report_section(ReportContext& ctx) {
  api::WidthRequest reps;
  reps.data = "24cell:reps";
  ctx.table("lambda0_24cell_reps", "width lambda --data 24cell:reps: exact LDL^T (min pivot 25/96), lambda0 = 1/12",
            width_document("lambda", reps, 128));
  api::WidthRequest all;
  all.data = "24cell:all";
  ctx.table("lambda0_24cell_all", "width lambda --data 24cell:all: zero pivot at 16, lambda0 = 0",
            width_document("lambda", all, 128));
  api::WidthRequest lab = reps;
  lab.labels = "list:+-+-++--+--+";
  ctx.table("margin_24cell_reps", "width margin: gamma_2^2 = 113/5682, q* and the chain lambda0/n <= gamma_2^2 <= gamma <= gamma_2",
            width_document("margin", lab, 128));
  ctx.table("widths_24cell_reps", "width formulas for the labelled 24-cell representatives (paper-003 constants reconstructed)",
            width_document("formulas", lab, 128));
  api::WidthRequest sph;
  sph.data = ctx.full() ? "sphere:n=40:d=10:seed=1" : "sphere:n=12:d=5:seed=1";
  sph.labels = ctx.full() ? "separable:u=1,0,0,0,0,0,0,0,0,0" : "separable:u=1,0,0,0,0";
  ctx.table("margin_sphere", "width margin on random rational sphere data (ball route, certified)", width_document("margin", sph, 128));
  ctx.table("widths_sphere", "width formulas on random rational sphere data", width_document("formulas", sph, 128));
  api::SimulateWidthRequest req;
  req.full = ctx.full();
  req.seed = ctx.seed();
  const api::SimulateWidthRun run = api::simulate_width(req);
  ctx.table("simulate_width", "simulate width: coupled vs independent init (f(W0), |H(0) - H^inf|, GD, least widths, Hoeffding test)",
            simulate_width_document(req, run));
  ctx.plot("h0_deviation_plot", "|H(0) - H^inf|_2 against the width m, coupled and independent", simulate_width_plot(run));
}

}  // namespace gdcert::report
