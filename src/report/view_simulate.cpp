// gdcert simulate noisy-gd: lays out what api::noisy_gd returns (run summary with the orbit bound, the trajectory,
// the Monte-Carlo INAL at initialisation) and writes the plot.
#include <string>
#include <vector>

#include "api/simulate.hpp"
#include "report/views.hpp"

namespace gdcert::report {

namespace {

Value flt(double x) { return Value::from_double(x); }

/** The run's parameters in display order. */
void put_parameters(Document& doc, const api::Params& p) {
  for (const char* k : {"target", "net", "init", "bias", "loss", "gradient", "data", "steps", "lr", "noise", "clip", "scalar",
                        "batch"})
    if (auto it = p.find(k); it != p.end()) doc.parameters.push_back({it->first, it->second});
}

}  // namespace

Table inal_monte_carlo_table(const api::InalMonteCarlo& e) {
  Table t{"inal_monte_carlo",
          "Monte-Carlo INAL at initialisation: E<f, NN^(v)>^2 per layer, mean +/- standard error over " +
              std::to_string(e.inits) + " inits",
          {{"layer", "", ""}, {"width", "", ""}, {"E<f, NN^(v)>^2", "", "inal.definition"}, {"standard error", "", ""},
           {"95% interval low", "", ""}, {"95% interval high", "", ""}},
          {}, {}};
  for (const auto& l : e.layers)
    t.rows.push_back({static_cast<long long>(l.layer), static_cast<long long>(l.width), l.mean.value, flt(l.standard_error),
                      flt(l.ci_low), flt(l.ci_high)});
  t.notes.push_back("95% interval: mean +/- 1.96 standard errors (normal approximation over the inits)");
  t.notes.push_back("float (Monte Carlo): " + std::to_string(e.inits) + " independent inits; <.,.> exact over the 2^" +
                    std::to_string(e.n) + " cube points; the last layer is the output neuron");
  t.notes.push_back("INAL estimate (max over layers of the mean): layer " + std::to_string(e.best_layer));
  return t;
}

Document noisy_gd_document(const api::NoisyGdRun& r) {
  Document doc;
  doc.verb = "simulate noisy-gd";
  doc.seed = r.seed;
  put_parameters(doc, r.parameters);
  if (r.inal_mc) doc.tables.push_back(inal_monte_carlo_table(*r.inal_mc));

  Table traj{"trajectory", "Noisy GD trajectory (" + r.metrics_on + ")",
             {{"step", "", "noisy_gd.model"},
              {"loss", "", ""},
              {"correlation E[fhat f]", "", ""},
              {"sign accuracy", "", ""},
              {"||theta||_2", "", ""}},
             {}, {}};
  const api::Trajectory& t = r.trajectory;
  for (std::size_t i = 0; i < t.size(); ++i)
    traj.rows.push_back({static_cast<long long>(t.step[i]), flt(t.loss[i]), flt(t.correlation[i]), flt(t.accuracy[i]),
                         flt(t.param_norm[i])});
  traj.notes.push_back("float (simulator, " + r.scalar + (r.scalar == "mpfr" ? " " + std::to_string(r.digits) + " digits" : "") +
                       "); one run, seed " + std::to_string(r.seed) + "; metrics on the " + r.metrics_on);
  Table sum{"summary", "Run summary", {{"quantity", "", ""}, {"value", "", ""}}, {}, {}};
  sum.rows.push_back({std::string("parameters P"), static_cast<long long>(r.parameter_count)});
  sum.rows.push_back({std::string("final correlation"), r.final_correlation.value});
  sum.rows.push_back({std::string("final sign accuracy"), r.final_accuracy.value});
  sum.rows.push_back({std::string("advantage (accuracy - 1/2)"), r.advantage.value});
  sum.rows.push_back({std::string("GEMM kernel"), r.gemm_kernel});
  if (r.orbit_bound) {
    sum.rows.push_back({std::string("CP_{B_n}(Orb f)"), r.orbit_bound->cp.value});
    sum.rows.push_back({std::string("Abbe-Sandon orbit bound on the advantage (noisy_gd.orbit)"), r.orbit_bound->advantage.value});
  }
  doc.tables.push_back(std::move(sum));
  doc.tables.push_back(std::move(traj));
  return doc;
}

Plot noisy_gd_plot(const api::NoisyGdRun& r) {
  Plot p;
  p.title = "noisy GD on " + r.canonical;
  p.xlabel = "step";
  p.ylabel = "metric";
  const api::Trajectory& t = r.trajectory;
  p.series = {{"correlation", t.step, t.correlation, {}}, {"sign accuracy", t.step, t.accuracy, {}}, {"loss", t.step, t.loss, {}}};
  return p;
}

Document noisy_gd_document(const NoisyGdRequest& req) {
  const api::NoisyGdRun r = api::noisy_gd(req);
  Document doc = noisy_gd_document(r);
  if (!req.plot.empty()) {
    std::vector<PlotFormat> fmts;
    for (const auto& f : r.plot_formats) fmts.push_back(parse_plot_format(f));
    const auto written = write_plot(noisy_gd_plot(r), req.plot, fmts);
    std::string files;
    for (const auto& w : written) files += (files.empty() ? "" : ", ") + w;
    doc.tables.back().notes.push_back("plot written: " + files);
  }
  return doc;
}

}  // namespace gdcert::report
