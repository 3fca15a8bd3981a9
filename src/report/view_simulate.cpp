// gdcert simulate noisy-gd: noisy gradient descent on a fully connected network (src/sim), trajectories as
// tables, an optional plot, and a Monte-Carlo INAL at initialisation.
#include <cmath>
#include <memory>

#include "alignment/cp.hpp"
#include "boolean/spec.hpp"
#include "boolean/walsh.hpp"
#include "bounds/noisy_gd.hpp"
#include "report/views.hpp"
#include "exact/text.hpp"
#include "sim/targets.hpp"
#include "exact/errors.hpp"
#include "sim/gemm.hpp"
#include "sim/noisy_gd.hpp"

namespace gdcert::report {

using sim::SimTarget;
using sim::net_spec;
using sim::sim_target;
using sim::target_fn;


namespace {

double parse_positive_or_inf(const std::string& s, const char* what) {
  if (s == "inf") return std::numeric_limits<double>::infinity();
  const Rational q = Rational::parse(s);
  if (q.sign() <= 0) throw input_error(std::string(what) + ": requires a value > 0 or inf, got " + s);
  return q.to_double();
}

double parse_nonneg(const std::string& s, const char* what) {
  const Rational q = Rational::parse(s);
  if (q.sign() < 0) throw input_error(std::string(what) + ": requires a value >= 0, got " + s);
  return q.to_double();
}

Value flt(double x) { return Value::from_double(x); }

}  // namespace

Document noisy_gd_document(const NoisyGdRequest& req) {
  const SimTarget target = sim_target(req.target, req.seed);
  sim::RunConfig cfg;
  cfg.net = net_spec(target.n, req.net, req.act, req.bias, req.sign0);
  cfg.init = sim::parse_init_law(req.init);
  cfg.bias = sim::parse_bias_init(req.bias);
  cfg.target = target_fn(target);
  cfg.data = sim::parse_data(req.data);
  cfg.loss = sim::parse_loss(req.loss);
  cfg.grad = sim::parse_grad_mode(req.grad);
  cfg.batch = req.batch;
  cfg.steps = req.steps;
  cfg.lr = parse_nonneg(req.lr, "--lr");
  cfg.noise = parse_nonneg(req.noise, "--noise");
  cfg.clip = parse_positive_or_inf(req.clip, "--clip");
  cfg.seed = req.seed;
  cfg.threads = req.threads;
  cfg.log_every = req.log_every;
  cfg.eval_samples = req.eval_samples;
  cfg.max_population_n = req.max_population_n;
  if (req.scalar != "double" && req.scalar != "mpfr")
    throw input_error("--scalar: requires double or mpfr, got \"" + req.scalar + "\"");

  Document doc;
  doc.verb = "simulate noisy-gd";
  doc.seed = req.seed;
  doc.parameters = {{"target", target.canonical}, {"net", cfg.net.str()},     {"init", cfg.init.name},
                    {"bias", cfg.bias.name},     {"loss", req.loss},          {"gradient", req.grad},
                    {"data", req.data},          {"steps", std::to_string(req.steps)}, {"lr", req.lr},
                    {"noise", req.noise},        {"clip", req.clip},          {"scalar", req.scalar}};
  if (req.grad != "population") doc.parameters.push_back({"batch", std::to_string(req.batch)});

  if (req.inal_inits > 0) {
    if (target.n > 20) throw resource_error("--inal-mc: enumerates the cube; requires n <= 20");
    const sim::InalEstimate e =
        sim::inal_monte_carlo(cfg.net, cfg.init, cfg.bias, target.table, req.inal_inits, req.seed, req.threads);
    Table t{"inal_monte_carlo",
            "Monte-Carlo INAL at initialisation: E<f, NN^(v)>^2 per layer, mean +/- standard error over " +
                std::to_string(e.inits) + " inits",
            {{"layer", "", ""}, {"width", "", ""}, {"E<f, NN^(v)>^2", "", "inal.definition"}, {"standard error", "", ""},
             {"95% interval low", "", ""}, {"95% interval high", "", ""}},
            {}, {}};
    for (std::size_t l = 0; l < e.mean.size(); ++l) {
      const long long width = l < cfg.net.widths.size() ? cfg.net.widths[l] : 1;
      t.rows.push_back({static_cast<long long>(l + 1), width, Value::from_double(e.mean[l], e.stderr_[l], e.inits),
                        flt(e.stderr_[l]), flt(e.mean[l] - 1.96 * e.stderr_[l]), flt(e.mean[l] + 1.96 * e.stderr_[l])});
    }
    t.notes.push_back("95% interval: mean +/- 1.96 standard errors (normal approximation over the inits)");
    t.notes.push_back("float (Monte Carlo): " + std::to_string(e.inits) + " independent inits; <.,.> exact over the 2^" +
                      std::to_string(target.n) + " cube points; the last layer is the output neuron");
    t.notes.push_back("INAL estimate (max over layers of the mean): layer " + std::to_string(e.best_layer + 1));
    doc.tables.push_back(std::move(t));
  }

  sim::RunResult r;
  if (req.scalar == "double") {
    r = sim::run_noisy_gd<double>(cfg);
  } else {
    sim::set_reference_digits10(req.digits);
    r = sim::run_noisy_gd<sim::Mp>(cfg);
  }
  Table traj{"trajectory", "Noisy GD trajectory (" + r.metrics_on + ")",
             {{"step", "", "noisy_gd.model"},
              {"loss", "", ""},
              {"correlation E[fhat f]", "", ""},
              {"sign accuracy", "", ""},
              {"||theta||_2", "", ""}},
             {}, {}};
  for (const auto& s : r.log)
    traj.rows.push_back({static_cast<long long>(s.step), flt(s.loss), flt(s.correlation), flt(s.accuracy), flt(s.param_norm)});
  traj.notes.push_back("float (simulator, " + req.scalar + (req.scalar == "mpfr" ? " " + std::to_string(req.digits) + " digits" : "") +
                       "); one run, seed " + std::to_string(req.seed) + "; metrics on the " + r.metrics_on);
  Table sum{"summary", "Run summary", {{"quantity", "", ""}, {"value", "", ""}}, {}, {}};
  sum.rows.push_back({std::string("parameters P"), static_cast<long long>(r.parameters)});
  sum.rows.push_back({std::string("final correlation"), flt(r.log.back().correlation)});
  sum.rows.push_back({std::string("final sign accuracy"), flt(r.log.back().accuracy)});
  sum.rows.push_back({std::string("advantage (accuracy - 1/2)"), flt(r.log.back().accuracy - 0.5)});
  sum.rows.push_back({std::string("GEMM kernel"), sim::gemm_f64_isa()});
  // The Abbe-Sandon orbit bound for this budget (noisy_gd.orbit), when the run is a noisy-GD run on the cube with
  // a Boolean target and the simulator is B_n-equivariant (sign-symmetric i.i.d. weight law).
  const auto fspec = boolean::parse_spec(req.target, req.seed).function;
  const bool symmetric_init = cfg.init.kind != sim::InitLaw::Kind::finite && cfg.init.kind != sim::InitLaw::Kind::coupled;
  if (cfg.noise > 0 && std::isfinite(cfg.clip) && cfg.data == sim::DataKind::cube && fspec.is_boolean() && symmetric_init) {
    bounds::Budget b;
    b.gamma = Rational::parse(req.lr);
    b.T = Rational(Integer(static_cast<long long>(req.steps)));
    b.P = Rational(Integer(static_cast<long long>(r.parameters)));
    b.A = Rational::parse(req.clip);
    b.sigma = Rational::parse(req.noise);
    const Rational cp = alignment::cp_bn(boolean::walsh_spectrum(fspec).level_weights());
    sum.rows.push_back({std::string("CP_{B_n}(Orb f)"), Value(cp)});
    sum.rows.push_back({std::string("Abbe-Sandon orbit bound on the advantage (noisy_gd.orbit)"),
                        bounds::abbe_sandon_advantage(b, cp, 64)});
  }
  doc.tables.push_back(std::move(sum));
  doc.tables.push_back(std::move(traj));

  if (!req.plot.empty()) {
    Plot p;
    p.title = "noisy GD on " + target.canonical;
    p.xlabel = "step";
    p.ylabel = "metric";
    Series c{"correlation", {}, {}, {}}, a{"sign accuracy", {}, {}, {}}, l{"loss", {}, {}, {}};
    for (const auto& s : r.log) {
      c.x.push_back(static_cast<double>(s.step));
      c.y.push_back(s.correlation);
      a.x.push_back(static_cast<double>(s.step));
      a.y.push_back(s.accuracy);
      l.x.push_back(static_cast<double>(s.step));
      l.y.push_back(s.loss);
    }
    p.series = {c, a, l};
    std::vector<PlotFormat> fmts;
    for (const auto& f : split_list(req.plot_formats)) {
      if (f == "png") fmts.push_back(PlotFormat::png);
      else if (f == "svg") fmts.push_back(PlotFormat::svg);
      else if (f == "pdf") fmts.push_back(PlotFormat::pdf);
      else if (!f.empty() && f != "none") throw input_error("--plot-format: requires png, svg, pdf or none, got \"" + f + "\"");
    }
    const auto written = write_plot(p, req.plot, fmts);
    std::string files;
    for (const auto& w : written) files += (files.empty() ? "" : ", ") + w;
    doc.tables.back().notes.push_back("plot written: " + files);
  }
  return doc;
}

}  // namespace gdcert::report
