// The report section of the landscape module (paper 004): exact certificates at generated instances of each kind,
// rank(X*X), Assumption 2.3 for the activations of Example 2.4, the Theorem 2.5 constants, and the Section-3
// experiments (reduced by default, the paper's sizes with --full). Numbers come from api/landscape.hpp.
#include <string>
#include <vector>

#include <fmt/format.h>

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
    const std::string file = std::string("landscape_") + kind + ".json";
    ctx.table(std::string("certify_") + kind,
              std::string("exact certificate at a generated ") + kind + " instance (n = 9, d = 3, k = 6, seed 1)",
              gdcert_command({"landscape", "generate", "--kind", kind, "--n", "9", "--d", "3", "--k", "6", "--seed", "1", "--out", file}) +
                  " && " + gdcert_command({"landscape", "certify", "--data", file}),
              landscape_document(api::landscape_certify_generated(g, 128)));
  }
  for (long d : {3L, 4L})
    ctx.table("rank_d" + std::to_string(d), "rank(X*X) against min(n, d(d+1)/2), d = " + std::to_string(d),
              gdcert_command({"landscape", "rank", "--d", std::to_string(d), "--n-min", "1", "--n-max",
                              std::to_string(d * (d + 1) / 2 + 3), "--seed", "7"}),
              landscape_document(api::landscape_rank(d, 1, d * (d + 1) / 2 + 3, 7)));
  const std::string sigma_grid = ctx.full() ? "0..4:1/8" : "0..4:1/2";
  for (const char* act : {"softplus", "sigmoid", "tanh", "erf", "quadratic"})
    ctx.table(std::string("assumption23_") + act, std::string("Assumption 2.3 for ") + act + " on sigma = " + sigma_grid,
              gdcert_command({"landscape", "assumption", "--act", act, "--sigma", sigma_grid}),
              landscape_document(api::landscape_assumption(act, sigma_grid, 128)));
  ctx.table("theorem25", "Theorem 2.5 constants at n = 100, d = 10, k = 20 (unspecified constants = 1)",
            gdcert_command({"landscape", "theorem25"}),
            landscape_document(api::landscape_theorem25(api::LandscapeTheorem25Request{}, 128), "theorem25"));

  api::LandscapeSimRequest req;
  req.full = ctx.full();
  req.seed = ctx.seed();
  req.threads = ctx.threads() ? ctx.threads() : 2;
  const api::LandscapeSimulation sim = api::landscape_simulate(req);
  // the figure's own run: `simulate landscape --figure F` (each figure draws from its own seeds)
  auto sim_command = [&](const std::string& figure) {
    std::vector<std::string> args = {"simulate", "landscape", "--figure", figure, "--seed", std::to_string(ctx.seed())};
    if (ctx.full()) args.push_back("--full");
    return gdcert_command(args);
  };
  for (const auto& e : sim.planted) {
    ctx.table("fig" + e.figure, "Fig. " + e.figure + ": fraction of draws with no spurious minimum, logistic fit",
              sim_command(e.figure), landscape_experiment_document(e));
    Plot p = landscape_experiment_plot(e);
    p.caption = "Fig. " + e.figure + " of Soltanolkotabi, Javanmard, Lee 2019: fraction of draws of the planted W* in which "
                "every GD run reaches a global minimum, against " + e.varied + " (n = " + std::to_string(e.n) + ", " +
                (e.varied == "k" ? "d" : "k") + " = " + std::to_string(e.fixed) + ", " + e.activation + " activation), with a "
                "logistic fit; " + std::to_string(e.draws) + " draws x " + std::to_string(e.runs) + " runs, GD on the square "
                "loss (step rule " + req.step + ", initial step " + fmt::format("{:g}", req.lr) + ")" + ", at most " + std::to_string(e.max_steps) +
                " steps, no gradient noise (sigma = 0).";
    ctx.plot("fig" + e.figure + "_plot", "Fig. " + e.figure + ": fraction global against " + e.varied, p);
  }
  for (const auto& r : sim.random_labels) {
    ctx.table("fig" + r.figure, "Fig. " + r.figure + ": random labels, final RMSE and the zero-RMSE ratio kd/n",
              sim_command(r.figure), landscape_random_labels_document(r));
    Plot p = landscape_random_labels_plot(r);
    p.caption = "Fig. " + r.figure + " of Soltanolkotabi, Javanmard, Lee 2019: training RMSE against the GD iteration on "
                "random N(0, 1) labels, one curve per hidden width k (" + r.activation + " activation, output layer " +
                r.output_layer + "); GD on the square loss (step rule " + req.step + ", initial step " + fmt::format("{:g}", req.lr) + ")" +
                ", no gradient noise (sigma = 0). The RMSE reaches 0 once kd/n is large enough.";
    ctx.plot("fig" + r.figure + "_plot", "Fig. " + r.figure + ": RMSE against iterations", p);
  }
}

}  // namespace gdcert::report
