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
  ctx.table("lambda0_24cell_reps", "lambda0 of the 24-cell representatives: exact LDL^T (min pivot 25/96), lambda0 = 1/12",
            gdcert_command({"width", "lambda", "--data", reps.data}), width_document("lambda", reps, 128));
  api::WidthRequest all;
  all.data = "24cell:all";
  ctx.table("lambda0_24cell_all", "lambda0 of all 24 vertices of the 24-cell: zero pivot at 16, lambda0 = 0",
            gdcert_command({"width", "lambda", "--data", all.data}), width_document("lambda", all, 128));
  api::WidthRequest lab = reps;
  lab.labels = "list:+-+-++--+--+";
  ctx.table("margin_24cell_reps", "NTK margin of the labelled 24-cell representatives: gamma_2^2 = 113/5682, q* and the chain "
                                  "lambda0/n <= gamma_2^2 <= gamma <= gamma_2",
            gdcert_command({"width", "margin", "--data", lab.data, "--labels", lab.labels}), width_document("margin", lab, 128));
  ctx.table("widths_24cell_reps", "width formulas for the labelled 24-cell representatives (paper-003 constants reconstructed)",
            gdcert_command({"width", "formulas", "--data", lab.data, "--labels", lab.labels}), width_document("formulas", lab, 128));
  api::WidthRequest sph;
  sph.data = ctx.full() ? "sphere:n=40:d=10:seed=1" : "sphere:n=12:d=5:seed=1";
  sph.labels = ctx.full() ? "separable:u=1,0,0,0,0,0,0,0,0,0" : "separable:u=1,0,0,0,0";
  ctx.table("margin_sphere", "NTK margin on random rational sphere data " + sph.data + " (ball route, certified)",
            gdcert_command({"width", "margin", "--data", sph.data, "--labels", sph.labels}), width_document("margin", sph, 128));
  ctx.table("widths_sphere", "width formulas on random rational sphere data " + sph.data,
            gdcert_command({"width", "formulas", "--data", sph.data, "--labels", sph.labels}), width_document("formulas", sph, 128));
  api::SimulateWidthRequest req;
  req.full = ctx.full();
  req.seed = ctx.seed();
  const api::SimulateWidthRun run = api::simulate_width(req);
  std::vector<std::string> args = {"simulate", "width", "--seed", std::to_string(ctx.seed())};
  if (ctx.full()) args.push_back("--full");
  ctx.table("simulate_width", "coupled vs independent init (f(W0), |H(0) - H^inf|, GD, least widths, Hoeffding test)",
            gdcert_command(args), simulate_width_document(req, run));
  Plot h0 = simulate_width_plot(run);
  h0.caption = "Spectral-norm distance |H(0) - H^inf|_2 between the finite-width Gram matrix at initialisation and its "
               "infinite-width limit, against the width m (log-log), for coupled pairs (neurons in pairs with the same w and opposite a) and independent Gaussian "
               "initialisation; two-layer ReLU net (1/sqrt m) sum_r a_r relu(w_r . x) on " + req.data + " (labels " + req.labels +
               "), mean +/- standard error over " + std::to_string(req.seeds) + " seeds. At initialisation: no training, so "
               "no learning rate or noise enters.";
  ctx.plot("h0_deviation_plot", "|H(0) - H^inf|_2 against the width m, coupled and independent", h0);
}

}  // namespace gdcert::report
