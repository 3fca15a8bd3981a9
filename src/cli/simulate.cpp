// gdcert simulate noisy-gd: noisy gradient descent on a fully connected network (src/sim), trajectories as
// tables, an optional plot, and a Monte-Carlo INAL at initialisation.
#include <cmath>
#include <memory>

#include "alignment/cp.hpp"
#include "boolean/spec.hpp"
#include "boolean/walsh.hpp"
#include "bounds/noisy_gd.hpp"
#include "cli/app.hpp"
#include "cli/common.hpp"
#include "cli/simulate.hpp"
#include "exact/errors.hpp"
#include "sim/gemm.hpp"
#include "sim/noisy_gd.hpp"

namespace gdcert::cli {

using report::Column;
using report::Table;

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

SimTarget sim_target(const std::string& spec, std::uint64_t seed) {
  const boolean::ParsedSpec ps = boolean::parse_spec(spec, seed);
  const boolean::CubeFunction& f = ps.function;
  SimTarget t;
  t.canonical = ps.canonical;
  t.n = f.n();
  t.table.resize(f.size());
  for (std::uint64_t i = 0; i < f.size(); ++i) t.table[i] = f.is_boolean() ? f.sign(i) : f.value(i).to_double();
  return t;
}

sim::TargetFn target_fn(const SimTarget& t) {
  auto table = std::make_shared<std::vector<double>>(t.table);
  return [table](const double* x, unsigned n) { return (*table)[sim::cube_index(x, n)]; };
}

sim::NetSpec net_spec(unsigned n, const std::string& widths, const std::string& acts, const std::string& bias,
                      const std::string& sign0) {
  sim::NetSpec net;
  net.n = n;
  net.widths = sim::parse_widths(widths);
  std::vector<std::string> a = split_list(acts);
  if (a.size() == 1) a.assign(net.widths.size(), a[0]);
  if (a.size() != net.widths.size())
    throw input_error("--act: requires one activation or one per hidden layer (" + std::to_string(net.widths.size()) +
                      "), got " + std::to_string(a.size()));
  for (const auto& s : a) net.acts.push_back(sim::parse_activation(s));
  net.bias = bias != "none";
  net.sign0 = parse_sign0(sign0);
  return net;
}

report::Document noisy_gd_document(const NoisyGdRequest& req) {
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

  report::Document doc;
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
    report::Plot p;
    p.title = "noisy GD on " + target.canonical;
    p.xlabel = "step";
    p.ylabel = "metric";
    report::Series c{"correlation", {}, {}, {}}, a{"sign accuracy", {}, {}, {}}, l{"loss", {}, {}, {}};
    for (const auto& s : r.log) {
      c.x.push_back(static_cast<double>(s.step));
      c.y.push_back(s.correlation);
      a.x.push_back(static_cast<double>(s.step));
      a.y.push_back(s.accuracy);
      l.x.push_back(static_cast<double>(s.step));
      l.y.push_back(s.loss);
    }
    p.series = {c, a, l};
    std::vector<report::PlotFormat> fmts;
    for (const auto& f : split_list(req.plot_formats)) {
      if (f == "png") fmts.push_back(report::PlotFormat::png);
      else if (f == "svg") fmts.push_back(report::PlotFormat::svg);
      else if (f == "pdf") fmts.push_back(report::PlotFormat::pdf);
      else if (!f.empty() && f != "none") throw input_error("--plot-format: requires png, svg, pdf or none, got \"" + f + "\"");
    }
    const auto written = report::write_plot(p, req.plot, fmts);
    std::string files;
    for (const auto& w : written) files += (files.empty() ? "" : ", ") + w;
    doc.tables.back().notes.push_back("plot written: " + files);
  }
  return doc;
}

CLI::App* simulate_command(CLI::App& app) {
  const auto found = app.get_subcommands([](CLI::App* s) { return s->get_name() == "simulate"; });
  if (!found.empty()) return found.front();
  CLI::App* sim = app.add_subcommand("simulate", "simulators: noisy gradient descent on fully connected networks");
  sim->require_subcommand(1);
  return sim;
}

void add_simulate_noisy_gd(CLI::App& app, Context& ctx) {
  auto req = std::make_shared<NoisyGdRequest>();
  auto opt = std::make_shared<CommonOptions>();
  opt->threads = 1;
  CLI::App* sub = simulate_command(app)->add_subcommand(
      "noisy-gd", "noisy GD theta <- theta - lr clip_A(grad L) + N(0, noise^2 I) on a fully connected network");
  sub->add_option("--target", req->target, "target spec on {±1}^n, e.g. parity:n=8:S=1,2")->required();
  sub->add_option("--net", req->net, "hidden widths, first layer first (e.g. 64 or 64,32)")->capture_default_str();
  sub->add_option("--act", req->act, "activation (relu, sign, sigmoid, tanh, erf, softplus, quadratic), or one per layer")
      ->capture_default_str();
  sub->add_option("--init", req->init,
                  "weight law: gaussian[:s2=Q], rademacher[:s2=Q], finite:v@p,...[;s2=Q], rademacher+gaussian:tau2=Q[;s2=Q], "
                  "coupled[:s2=Q]")
      ->capture_default_str();
  sub->add_option("--bias", req->bias,
                  "bias law (none = no biases): gaussian:beta2=Q, const:v, rademacher:v, finite:v@p,... (as gdcert inal)")
      ->capture_default_str();
  sub->add_option("--sign0", req->sign0, "sign(0): 1, 0 or -1")->capture_default_str();
  sub->add_option("--steps", req->steps, "number of steps T")->capture_default_str();
  sub->add_option("--lr", req->lr, "step size gamma")->capture_default_str();
  sub->add_option("--noise", req->noise, "noise standard deviation sigma (0 = plain GD/SGD)")->capture_default_str();
  sub->add_option("--clip", req->clip, "coordinate clip A of the gradient (inf = none)")->capture_default_str();
  sub->add_option("--loss", req->loss, "square, correlation, hinge, logistic")->capture_default_str();
  sub->add_option("--grad", req->grad, "population (exact cube average), batch (fresh per step), fixed (one sample)")
      ->capture_default_str();
  sub->add_option("--batch", req->batch, "batch size (batch) or sample size (fixed)")->capture_default_str();
  sub->add_option("--data", req->data, "input law: cube, gaussian, sphere (targets read sign(x))")->capture_default_str();
  sub->add_option("--log-every", req->log_every, "log every k steps (0 = about 50 rows)")->capture_default_str();
  sub->add_option("--eval-samples", req->eval_samples, "metrics sample size when the cube is not enumerated")
      ->capture_default_str();
  sub->add_option("--max-population-n", req->max_population_n, "largest n for the population gradient")->capture_default_str();
  sub->add_option("--scalar", req->scalar, "double or mpfr (reference)")->capture_default_str();
  sub->add_option("--digits", req->digits, "mpfr decimal digits")->capture_default_str();
  sub->add_option("--inal-mc", req->inal_inits, "also estimate the INAL at initialisation over R inits (0 = no)")
      ->capture_default_str();
  sub->add_option("--plot", req->plot, "write a plot: STEM.csv and STEM.<format>");
  sub->add_option("--plot-format", req->plot_formats, "png, svg, pdf (comma list) or none")->capture_default_str();
  add_common_options(*sub, *opt);
  sub->callback([&ctx, req, opt] {
    ctx.action = [&ctx, req, opt] {
      req->seed = opt->seed;
      req->threads = opt->threads;
      report::Document doc = noisy_gd_document(*req);
      doc.command_line = ctx.command_line;
      emit(doc, *opt, *ctx.out);
      return 0;
    };
  });
}

}  // namespace gdcert::cli
