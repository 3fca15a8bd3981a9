// The report section of the landscape module (paper 004): exact certificates at generated instances of each kind,
// rank(X*X), Assumption 2.3 for the activations of Example 2.4, the Theorem 2.5 constants, and the Section-3
// experiments (reduced by default, the paper's sizes with --full). Numbers come from api/landscape.hpp.
#include <string>
#include <vector>

#include "api/landscape.hpp"
#include "report/sections.hpp"
#include "report/views.hpp"

namespace gdcert::report {

void landscape_report_section(ReportContext& ctx) {
  // Exact certificates at one generated instance of each kind (`gdcert landscape generate` writes the same instance).
  for (const char* kind : {"optimal-zero", "optimal", "saddle", "nonstationary"}) {
    api::LandscapeGenerateRequest g;
    g.kind = kind;
    g.n = 9;
    g.d = 3;
    g.k = 6;
    g.seed = 1;
    ctx.table(std::string("certify_") + kind,
              std::string("landscape certify on `landscape generate --kind ") + kind + " --n 9 --d 3 --k 6 --seed 1`",
              landscape_document(api::landscape_certify_generated(g, 128)));
  }
  for (long d : {3L, 4L})
    ctx.table("rank_d" + std::to_string(d), "rank(X*X) against min(n, d(d+1)/2), d = " + std::to_string(d),
              landscape_document(api::landscape_rank(d, 1, d * (d + 1) / 2 + 3, 7)));
  for (const char* act : {"softplus", "sigmoid", "tanh", "erf", "quadratic"})
    ctx.table(std::string("assumption23_") + act, std::string("Assumption 2.3 for ") + act + " on sigma = 0..4",
              landscape_document(api::landscape_assumption(act, ctx.full() ? "0..4:1/8" : "0..4:1/2", 128)));
  ctx.table("theorem25", "Theorem 2.5 constants at n = 100, d = 10, k = 20 (unspecified constants = 1)",
            landscape_document(api::landscape_theorem25(api::LandscapeTheorem25Request{}, 128), "theorem25"));

  api::LandscapeSimRequest req;
  req.full = ctx.full();
  req.seed = ctx.seed();
  req.threads = ctx.threads() ? ctx.threads() : 2;
  const api::LandscapeSimulation sim = api::landscape_simulate(req);
  for (const auto& e : sim.planted) {
    ctx.table("fig" + e.figure, "Fig. " + e.figure + ": fraction of draws with no spurious minimum, logistic fit",
              landscape_experiment_document(e));
    ctx.plot("fig" + e.figure + "_plot", "Fig. " + e.figure + ": fraction global against " + e.varied,
             landscape_experiment_plot(e));
  }
  for (const auto& r : sim.random_labels) {
    ctx.table("fig" + r.figure, "Fig. " + r.figure + ": random labels, final RMSE and the zero-RMSE ratio kd/n",
              landscape_random_labels_document(r));
    ctx.plot("fig" + r.figure + "_plot", "Fig. " + r.figure + ": RMSE against iterations", landscape_random_labels_plot(r));
  }
}

}  // namespace gdcert::report
