#include "api/simulate.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <type_traits>

#include "alignment/cp.hpp"
#include "api/inal.hpp"
#include "api/precision.hpp"
#include "boolean/spec.hpp"
#include "boolean/walsh.hpp"
#include "bounds/depth_separation.hpp"
#include "bounds/noisy_gd.hpp"
#include "exact/errors.hpp"
#include "exact/resources.hpp"
#include "exact/rng.hpp"
#include "exact/text.hpp"
#include "radial/mixture.hpp"
#include "sim/depth_separation.hpp"
#include "sim/gemm.hpp"
#include "sim/noisy_gd.hpp"
#include "sim/targets.hpp"

namespace gdcert::api {

namespace {

double parse_positive_or_inf(const std::string& s, const std::string& what) {
  if (s == "inf") return std::numeric_limits<double>::infinity();
  const Rational q = Rational::parse(s);
  if (q.sign() <= 0) throw input_error(what + ": requires a value > 0 or inf, got " + s);
  return q.to_double();
}

double parse_nonneg(const std::string& s, const std::string& what) {
  const Rational q = Rational::parse(s);
  if (q.sign() < 0) throw input_error(what + ": requires a value >= 0, got " + s);
  return q.to_double();
}

Value flt(double x) { return Value::from_double(x); }

/** The best double of a value: exact rounded, a ball's midpoint, a float as it is. */
double to_double(const Value& v) {
  switch (v.kind()) {
    case Kind::exact: return v.exact().to_double();
    case Kind::ball: return v.ball().mid_double();
    case Kind::floating: return v.floating();
  }
  return 0;
}

/** A value as a ball that contains it (exact values enclosed at prec bits; floats as their double, exactly). */
Ball enclosure(const Value& v, long prec) {
  switch (v.kind()) {
    case Kind::exact: return to_ball(v.exact(), prec);
    case Kind::ball: return v.ball();
    case Kind::floating: break;
  }
  Ball b;
  arb_set_d(b.get(), v.floating());
  return b;
}

/** A row count as an integer text ("1000000"). */
std::string fmt_rows(long double rows) {
  return rows < 1e18L ? std::to_string(static_cast<unsigned long long>(rows)) : std::string("more than 10^18");
}

/** Mean and standard error (sample standard deviation / sqrt(count)) of at least two numbers. */
Value mean_with_stderr(const std::vector<double>& v) {
  const auto k = static_cast<double>(v.size());
  double mean = 0, var = 0;
  for (double x : v) mean += x;
  mean /= k;
  for (double x : v) var += (x - mean) * (x - mean);
  var /= k - 1;
  return Value::from_double(mean, std::sqrt(var / k), v.size());
}

// --- Monte-Carlo INAL --------------------------------------------------------------------------------------------------

InalMonteCarlo monte_carlo(const sim::SimTarget& t, const sim::NetSpec& net, const sim::InitLaw& init,
                           const sim::BiasInit& bias, std::uint64_t inits, std::uint64_t seed, unsigned threads,
                           const std::string& what) {
  if (t.n > 20) throw resource_error(what + ": enumerates the cube; requires n <= 20");
  const sim::InalEstimate e = sim::inal_monte_carlo(net, init, bias, t.table, inits, seed, threads);
  InalMonteCarlo m;
  m.canonical = t.canonical;
  m.n = t.n;
  m.inits = e.inits;
  m.best_layer = e.best_layer + 1;
  for (std::size_t l = 0; l < e.mean.size(); ++l) {
    InalMcLayer layer;
    layer.layer = static_cast<unsigned>(l + 1);
    layer.width = l < net.widths.size() ? net.widths[l] : 1;
    layer.mean = {Value::from_double(e.mean[l], e.stderr_[l], e.inits), "inal.definition"};
    layer.standard_error = e.stderr_[l];
    layer.ci_low = e.mean[l] - 1.96 * e.stderr_[l];
    layer.ci_high = e.mean[l] + 1.96 * e.stderr_[l];
    m.layers.push_back(std::move(layer));
  }
  return m;
}

// --- the orbit bound ---------------------------------------------------------------------------------------------------

/** The bound for budget b; with a scale, the advantage multiplied by it (in ball arithmetic for a ball). */
OrbitBound orbit_bound(const boolean::CubeFunction& f, const bounds::Budget& b, const std::optional<Rational>& scale,
                       long prec) {
  const auto w = boolean::walsh_spectrum(f).level_weights();
  const Rational cp = alignment::cp_bn(w);
  // E_{g in B_n} f o g = fhat(0) (sign flips average every chi_S, S nonempty, to 0): the class mean is |fhat(0)|.
  const std::optional<Rational> mean = bounds::exact_root(w.at(0), 2);
  if (!mean) throw std::logic_error("orbit bound: W_0 = fhat(0)^2 of a rational fhat(0) must be a rational square");
  const Value adv = bounds::capped_advantage(bounds::abbe_sandon_advantage(b, cp, mean, prec), prec);
  OrbitBound o;
  o.cp = {Value(cp), "cp.bn_closed"};
  if (!scale) {
    o.advantage = {adv, "noisy_gd.orbit"};
  } else if (adv.kind() == Kind::exact) {
    o.advantage = {Value(adv.exact() * *scale), "noisy_gd.orbit"};
  } else {
    Ball r = adv.ball();
    arb_mul(r.get(), r.get(), to_ball(*scale, prec).get(), prec);
    o.advantage = {Value(r, prec), "noisy_gd.orbit"};
  }
  return o;
}

// --- repeated runs -----------------------------------------------------------------------------------------------------

struct RunsSetup {
  sim::SimTarget target;
  sim::RunConfig cfg;
};

RunsSetup runs_setup(const NoisyGdRunsRequest& req) {
  if (req.spec.empty()) throw input_error("noisy_gd_runs: requires a target spec");
  RunsSetup s;
  s.target = sim::sim_target(req.spec, 0);
  sim::RunConfig& cfg = s.cfg;
  cfg.net = sim::net_spec(s.target.n, req.net, req.act, req.bias, req.sign0);
  cfg.init = sim::parse_init_law(req.init);
  cfg.bias = sim::parse_bias_init(req.bias);
  cfg.target = sim::target_fn(s.target);
  cfg.loss = sim::parse_loss(req.loss);
  cfg.grad = sim::parse_grad_mode(req.grad);
  cfg.batch = req.batch;
  cfg.steps = req.steps;
  cfg.lr = parse_nonneg(req.lr, "lr");
  cfg.noise = parse_nonneg(req.noise, "noise");
  cfg.clip = parse_positive_or_inf(req.clip, "clip");
  cfg.threads = req.threads;
  cfg.log_every = cfg.steps == 0 ? 1 : cfg.steps;
  return s;
}

Params runs_parameters(const NoisyGdRunsRequest& req, const RunsSetup& s) {
  return {{"spec", s.target.canonical}, {"net", s.cfg.net.str()}, {"act", req.act},       {"init", s.cfg.init.name},
          {"bias", s.cfg.bias.name},    {"loss", req.loss},         {"gradient", req.grad}, {"steps", std::to_string(req.steps)},
          {"lr", req.lr},               {"noise", req.noise},       {"clip", req.clip},     {"runs", std::to_string(req.runs)},
          {"seed", std::to_string(req.seed)}};
}

}  // namespace

// ---------------------------------------------------------------------------------------------------------------------

InalMonteCarlo inal_monte_carlo(const InalMcRequest& req) {
  if (req.spec.empty()) throw input_error("inal_monte_carlo: requires a target spec");
  const sim::SimTarget t = sim::sim_target(req.spec, req.seed);
  const sim::NetSpec net = sim::net_spec(t.n, req.net, req.act, req.bias, req.sign0);
  const sim::InitLaw init = sim::parse_init_law(req.init);
  const sim::BiasInit bias = sim::parse_bias_init(req.bias);
  InalMonteCarlo m = monte_carlo(t, net, init, bias, req.inits, req.seed, req.threads, "Monte-Carlo INAL");
  m.parameters = {{"spec", t.canonical}, {"n", std::to_string(t.n)},         {"net", net.str()},
                  {"act", req.act},      {"init", init.name},                {"bias", bias.name},
                  {"inits", std::to_string(req.inits)}, {"seed", std::to_string(req.seed)}};
  return m;
}

InalMcCheck inal_mc_check(const InalMcRequest& req, const std::optional<Value>& exact, double max_z) {
  const InalMonteCarlo m = inal_monte_carlo(req);
  InalMcCheck c;
  c.parameters = m.parameters;
  c.parameters["max_z"] = format_double(max_z);
  c.max_z = max_z;
  c.estimate = m.layers.at(0).mean;
  if (exact) {
    c.exact = {*exact, "inal.definition"};
  } else {
    InalRequest r;
    r.spec = req.spec;
    r.act = split_list(req.act).at(0);  // the first layer's activation
    r.init = req.init;
    r.bias = req.bias;
    r.sign0 = req.sign0;
    r.seed = req.seed;
    r.prec = 128;
    c.exact = api::inal(r).inal;
  }
  const double mean = c.estimate.value.floating();
  const double x = to_double(c.exact.value);
  const std::uint64_t samples = m.inits;
  // An exact zero (activation parity, proofs/inal.md#exact-zeros) is met by the estimate up to rounding of the cube sums.
  if (x == 0 && std::fabs(mean) < 1e-20) {
    c.z = {Value::from_double(0.0, std::nullopt, samples), ""};
    c.verdict = Verdict::yes;
    return c;
  }
  // Rounding allowance: for parity targets and lattice inits every init gives the same value (standard error at
  // rounding level), so the spread is floored at 1e-12 relative to the exact value.
  const double se = std::max({m.layers[0].standard_error, 1e-12 * std::fabs(x), 1e-30});
  const double z = se > 0 ? std::fabs(mean - x) / se : (mean == x ? 0.0 : INFINITY);
  c.z = {Value::from_double(z, std::nullopt, samples), ""};
  // The verdict at every point of the exact value's enclosure: the nearest and the farthest end decide it.
  const Ball b = enclosure(c.exact.value, 128);
  arf_t lo_f, hi_f;
  arf_init(lo_f);
  arf_init(hi_f);
  arb_get_lbound_arf(lo_f, b.get(), 128);
  arb_get_ubound_arf(hi_f, b.get(), 128);
  const double lo = arf_get_d(lo_f, ARF_RND_DOWN), hi = arf_get_d(hi_f, ARF_RND_UP);
  arf_clear(lo_f);
  arf_clear(hi_f);
  const double far = std::max(std::fabs(mean - lo), std::fabs(mean - hi));
  const double near = mean < lo ? lo - mean : mean > hi ? mean - hi : 0.0;
  c.verdict = far / se <= max_z ? Verdict::yes : near / se > max_z ? Verdict::no : Verdict::undecided;
  return c;
}

// ---------------------------------------------------------------------------------------------------------------------

NoisyGdRun noisy_gd(const NoisyGdRequest& req) {
  const sim::SimTarget target = sim::sim_target(req.target, req.seed);
  sim::RunConfig cfg;
  cfg.net = sim::net_spec(target.n, req.net, req.act, req.bias, req.sign0);
  cfg.init = sim::parse_init_law(req.init);
  cfg.bias = sim::parse_bias_init(req.bias);
  cfg.target = sim::target_fn(target);
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
  {
    // The trajectory is kept and rendered in memory: about 3.4 KiB per logged step measured for --json (80000 rows
    // peak at 274 MiB); 4 KiB per row is charged before the run starts.
    const long double rows =
        (req.log_every ? static_cast<long double>(req.steps) / static_cast<long double>(req.log_every) : 50.0L) + 2;
    require_memory(rows * 4096.0L, "simulate: a trajectory of " + fmt_rows(rows) + " logged steps (raise --log-every)");
  }
  cfg.eval_samples = req.eval_samples;
  cfg.max_population_n = req.max_population_n;
  if (req.scalar != "double" && req.scalar != "mpfr")
    throw input_error("--scalar: requires double or mpfr, got \"" + req.scalar + "\"");

  NoisyGdRun out;
  for (const auto& f : split_list(req.plot_formats)) {  // checked with or without --plot (a typo is never ignored)
    if (f == "png" || f == "svg" || f == "pdf") {
      if (!req.plot.empty()) out.plot_formats.push_back(f);
    } else if (!f.empty() && f != "none") {
      throw input_error("--plot-format: requires png, svg, pdf or none, got \"" + f + "\"");
    }
  }
  out.canonical = target.canonical;
  out.n = target.n;
  out.seed = req.seed;
  out.scalar = req.scalar;
  out.digits = req.scalar == "mpfr" ? req.digits : 0;
  out.parameters = {{"target", target.canonical}, {"net", cfg.net.str()},  {"init", cfg.init.name},
                    {"bias", cfg.bias.name},      {"loss", req.loss},      {"gradient", req.grad},
                    {"data", req.data},           {"steps", std::to_string(req.steps)}, {"lr", req.lr},
                    {"noise", req.noise},         {"clip", req.clip},      {"scalar", req.scalar},
                    {"seed", std::to_string(req.seed)}};
  if (req.grad != "population") out.parameters["batch"] = std::to_string(req.batch);
  if (req.inal_inits > 0) out.parameters["inal_mc"] = std::to_string(req.inal_inits);

  if (req.inal_inits > 0) {
    out.inal_mc = monte_carlo(target, cfg.net, cfg.init, cfg.bias, req.inal_inits, req.seed, req.threads, "--inal-mc");
    out.inal_mc->parameters = {{"spec", target.canonical}, {"n", std::to_string(target.n)}, {"net", cfg.net.str()},
                               {"act", req.act},           {"init", cfg.init.name},          {"bias", cfg.bias.name},
                               {"inits", std::to_string(req.inal_inits)}, {"seed", std::to_string(req.seed)}};
  }

  sim::RunResult r;
  if (req.scalar == "double") {
    r = sim::run_noisy_gd<double>(cfg);
  } else {
    // The MPFR reference scalar: 1..10000 decimal digits (beyond that a single step exceeds any sensible budget, and
    // GMP would abort on allocation failure instead of reporting it).
    if (req.digits < 1 || req.digits > 10000)
      throw input_error("simulate --digits: requires 1 <= digits <= 10000 (the MPFR scalar's decimal digits), got " +
                        std::to_string(req.digits));
    sim::set_reference_digits10(req.digits);
    r = sim::run_noisy_gd<sim::Mp>(cfg);
  }
  out.parameter_count = r.parameters;
  out.metrics_on = r.metrics_on;
  out.gemm_kernel = sim::gemm_f64_isa();
  Trajectory& t = out.trajectory;
  for (const auto& s : r.log) {
    t.step.push_back(static_cast<double>(s.step));
    t.loss.push_back(s.loss);
    t.correlation.push_back(s.correlation);
    t.accuracy.push_back(s.accuracy);
    t.param_norm.push_back(s.param_norm);
  }
  out.final_correlation = {flt(r.log.back().correlation), "noisy_gd.model"};
  out.final_accuracy = {flt(r.log.back().accuracy), "noisy_gd.model"};
  out.advantage = {flt(r.log.back().accuracy - 0.5), "noisy_gd.model"};

  // The Abbe-Sandon orbit bound for this budget (noisy_gd.orbit), when the run is a noisy-GD run on the cube with
  // a Boolean target and the simulator is B_n-equivariant (sign-symmetric i.i.d. weight law).
  const boolean::CubeFunction f = boolean::parse_spec(req.target, req.seed).function;
  const bool symmetric_init = cfg.init.kind != sim::InitLaw::Kind::finite && cfg.init.kind != sim::InitLaw::Kind::coupled;
  if (cfg.noise > 0 && std::isfinite(cfg.clip) && cfg.data == sim::DataKind::cube && f.is_boolean() && symmetric_init) {
    bounds::Budget b;
    b.gamma = Rational::parse(req.lr);
    b.T = Rational(Integer(static_cast<long long>(req.steps)));
    b.P = Rational(Integer(static_cast<long long>(r.parameters)));
    b.A = Rational::parse(req.clip);
    b.sigma = Rational::parse(req.noise);
    out.orbit_bound = orbit_bound(f, b, std::nullopt, 64);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------------

NoisyGdRuns noisy_gd_runs(const NoisyGdRunsRequest& req) {
  if (req.runs < 2) throw input_error("noisy_gd_runs: requires runs >= 2, got " + std::to_string(req.runs));
  require_memory(static_cast<long double>(req.runs) * 2 * sizeof(double), "noisy_gd_runs: " + std::to_string(req.runs) + " runs");
  RunsSetup s = runs_setup(req);
  NoisyGdRuns out;
  out.parameters = runs_parameters(req, s);
  out.parameter_count = s.cfg.net.parameters();
  for (std::uint64_t r = 0; r < req.runs; ++r) {
    s.cfg.seed = derive_seed(req.seed, r);
    const sim::RunResult res = sim::run_noisy_gd<double>(s.cfg);
    out.final_advantage.push_back(res.log.back().accuracy - 0.5);
    out.final_correlation.push_back(res.log.back().correlation);
  }
  out.advantage = {mean_with_stderr(out.final_advantage), "noisy_gd.model"};
  out.correlation = {mean_with_stderr(out.final_correlation), "noisy_gd.model"};
  return out;
}

OrbitBound noisy_gd_orbit_bound(const NoisyGdRunsRequest& req, const Rational& scale, long prec) {
  check_prec(prec);
  const RunsSetup s = runs_setup(req);
  if (!(s.cfg.noise > 0) || std::isinf(s.cfg.clip))
    throw domain_error("noisy-GD orbit bound: requires noise > 0 and a finite clip, got noise = " + req.noise +
                       ", clip = " + req.clip);
  bounds::Budget b;
  b.gamma = Rational::parse(req.lr);
  b.T = Rational(Integer(static_cast<long long>(req.steps)));
  b.P = Rational(Integer(static_cast<long long>(s.cfg.net.parameters())));
  b.A = Rational::parse(req.clip);
  b.sigma = Rational::parse(req.noise);
  return orbit_bound(boolean::parse_spec(req.spec, 0).function, b, scale, prec);
}

ConfidenceLimits confidence_limits(const Value& estimate, double z, std::string_view what) {
  if (!(z > 0) || !std::isfinite(z) || z > 100)
    throw input_error(std::string(what) + ": requires 0 < z <= 100, got z = " + Value::from_double(z).str());
  const double mean = estimate.floating(), se = estimate.stderr_value().value_or(0);
  return {Value::from_double(mean - z * se), Value::from_double(mean + z * se)};
}

double parse_z(const std::string& text, std::string_view what) {
  double z = 0;
  try {
    std::size_t used = 0;
    z = std::stod(text, &used);
    if (used != text.size()) z = 0;
  } catch (const std::exception&) {
    z = 0;
  }
  if (!(z > 0) || !std::isfinite(z) || z > 100)
    throw input_error(std::string(what) + ": requires 0 < z <= 100, got \"" + text + "\"");
  return z;
}

NoisyGdBoundCheck noisy_gd_bound_check(const NoisyGdRunsRequest& req, const Rational& scale, long prec, double z) {
  (void)confidence_limits(Value::from_double(0), z, "noisy-GD bound check");  // z checked before any work
  NoisyGdBoundCheck c;
  c.bound = noisy_gd_orbit_bound(req, scale, prec);  // first: a domain error before any run
  const NoisyGdRuns runs = noisy_gd_runs(req);
  c.parameters = runs.parameters;
  c.parameters["scale"] = scale.str();
  c.parameters["z"] = Value::from_double(z).str();
  c.measured = runs.advantage;
  const ConfidenceLimits cl = confidence_limits(runs.advantage.value, z, "noisy-GD bound check");
  c.upper = {cl.upper, "noisy_gd.model"};
  c.lower = {cl.lower, "noisy_gd.model"};
  // Decided against the bound's enclosure; each limit is one double, taken exactly.
  Ball u, l;
  arb_set_d(u.get(), c.upper.value.floating());
  arb_set_d(l.get(), c.lower.value.floating());
  const Ball b = enclosure(c.bound.advantage.value, prec);
  c.verdict = certainly_le(u, b) ? Verdict::yes : certainly_lt(b, l) ? Verdict::no : Verdict::undecided;
  return c;
}

// ---------------------------------------------------------------------------------------------------------------------

DepthSeparationRun simulate_depth_separation(const SimulateDepthRequest& req, std::uint64_t seed) {
  DepthSeparationRun out;
  out.dims = req.dims;
  out.widths = req.widths;
  out.iterations = req.iterations;
  out.seeds = req.seeds;
  if (req.full) {
    out.dims = {2, 5, 10, 20, 50};
    out.widths = {4, 16, 64, 256};
    out.iterations = {500, 2000};
    out.seeds = 3;
  }
  if (out.seeds < 1 || out.seeds > 1000) throw input_error("simulate depth-separation --seeds: requires 1 <= seeds <= 1000");
  out.archs = req.archs;
  out.law = req.law;
  out.activation = req.activation;
  const radial::DataLaw law = radial::parse_data_law(req.law);
  auto join = [](const auto& v) {
    std::string s;
    for (const auto& x : v) {
      if (!s.empty()) s += ",";
      if constexpr (std::is_same_v<std::decay_t<decltype(x)>, std::string>) s += x;
      else s += std::to_string(x);
    }
    return s;
  };
  out.parameters = {{"law", req.law},
                    {"N1 activation", req.activation},
                    {"n_train", std::to_string(req.n_train)},
                    {"n_test", std::to_string(req.n_test)},
                    {"r", req.r > 0 ? std::to_string(req.r) : "median of |x| (train set)"},
                    {"d", join(out.dims)},
                    {"width", join(out.widths)},
                    {"arch", join(out.archs)},
                    {"iterations", join(out.iterations)},
                    {"seeds", std::to_string(out.seeds)},
                    {"seed", std::to_string(seed)}};
  const auto seeds = static_cast<std::uint64_t>(out.seeds);
  for (long d : out.dims) {
    const Rational floor = bounds::accuracy_floor_exact(Rational(1), radial::es16_shell_count(d, radial::es16_alpha(d)));
    for (const auto& arch : out.archs)
      for (long iters : out.iterations) {
        DepthSeparationSeries series;
        series.arch = arch;
        series.d = d;
        series.iterations = iters;
        for (long w : out.widths) {
          double mean = 0, var = 0;
          for (std::uint64_t s = 0; s < seeds; ++s) {
            sim::DepthSeparationConfig cfg;
            cfg.d = d;
            cfg.law = law;
            cfg.arch = arch;
            cfg.activation = req.activation;
            if (req.r != 0) cfg.r = req.r;
            cfg.width = w;
            cfg.iterations = iters;
            cfg.n_train = req.n_train;
            cfg.n_test = req.n_test;
            cfg.seed = derive_seed(seed, s);
            const sim::DepthSeparationResult res = sim::run_depth_separation(cfg);
            mean += res.test_mse / static_cast<double>(seeds);
            var += res.test_stderr * res.test_stderr / static_cast<double>(seeds * seeds);
            DepthSeparationRow row;
            row.d = d;
            row.arch = arch;
            row.width = w;
            row.iterations = iters;
            row.seed_index = static_cast<long>(s);
            row.r = {flt(res.r), ""};
            row.inside_rate = {flt(res.inside_rate), ""};
            row.train_mse = {flt(res.train_mse), ""};
            row.test_mse = {Value::from_double(res.test_mse, res.test_stderr, req.n_test), ""};
            row.constant_mse = {flt(res.constant_mse), ""};
            if (arch == "n1") row.floor = Result{Value(floor), "ds.accuracy_floor"};
            out.rows.push_back(std::move(row));
          }
          series.width.push_back(static_cast<double>(w));
          series.mean.push_back(mean);
          series.standard_error.push_back(std::sqrt(var));
        }
        out.series.push_back(std::move(series));
      }
  }
  return out;
}

}  // namespace gdcert::api
