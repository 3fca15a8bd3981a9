// gdcert simulate landscape: the Section-3 experiments of paper 004 through src/sim/landscape (floats, fixed seeds).
#include <chrono>
#include <cmath>

#include "api/landscape.hpp"
#include "exact/errors.hpp"
#include "exact/integer.hpp"
#include "exact/rng.hpp"
#include "sim/landscape.hpp"

namespace gdcert::api {

namespace {

struct PlantedPreset {
  const char* figure;
  sim::ShallowActivation act;
  bool vary_k;
  long fixed, lo, hi;
  std::vector<long> reduced;
};

struct RandomPreset {
  const char* figure;
  sim::ShallowActivation act;
  long d, n, k_lo, k_hi, full_iterations;
  std::vector<long> reduced;
};

const std::vector<PlantedPreset>& planted_presets() {
  static const std::vector<PlantedPreset> p = {
      {"2a", sim::ShallowActivation::softplus, true, 10, 4, 18, {4, 8, 12, 16}},
      {"2b", sim::ShallowActivation::softplus, false, 10, 4, 18, {4, 8, 12, 16}},
      {"3a", sim::ShallowActivation::quadratic, true, 20, 2, 12, {2, 5, 8, 11}},
      {"3b", sim::ShallowActivation::quadratic, false, 5, 20, 30, {20, 23, 26, 29}},
  };
  return p;
}

const std::vector<RandomPreset>& random_presets() {
  static const std::vector<RandomPreset> p = {
      {"4a", sim::ShallowActivation::softplus, 10, 100, 8, 13, 1000000, {8, 10, 12}},
      {"4b", sim::ShallowActivation::quadratic, 20, 100, 3, 8, 100000, {3, 5, 7}},
  };
  return p;
}

std::vector<long> parse_values(const std::string& s) {
  std::vector<long> out;
  auto to_long = [&](const std::string& t) {
    const Integer z = Integer::parse(t);
    if (z < Integer(1) || z > Integer(200))
      throw input_error("simulate landscape --values: requires integers in 1..200, got " + t);
    return static_cast<long>(z.to_si());
  };
  if (auto dots = s.find(".."); dots != std::string::npos) {
    const long lo = to_long(s.substr(0, dots)), hi = to_long(s.substr(dots + 2));
    if (hi < lo) throw input_error("simulate landscape --values: requires lo <= hi, got " + s);
    for (long x = lo; x <= hi; ++x) out.push_back(x);
    return out;
  }
  std::string cur;
  for (char c : s + ",") {
    if (c == ',') {
      out.push_back(to_long(cur));
      cur.clear();
    } else {
      cur += c;
    }
  }
  return out;
}

std::string fmt_double(double x) { return format_double(x); }

Result flt(double x, const char* formula, std::optional<double> se = std::nullopt, std::optional<std::uint64_t> samples = std::nullopt) {
  return {Value::from_double(x, se, samples), formula};
}

sim::ShallowGdOptions gd_options(const LandscapeSimRequest& r, sim::ShallowActivation act, long max_steps) {
  sim::ShallowGdOptions g;
  g.act = act;
  g.b = 10;
  g.lr = r.lr;
  g.adaptive = r.step == "adaptive";
  g.max_steps = max_steps;
  g.tol = r.tol;
  g.stall_window = r.stall_window;
  g.stall_rel = r.stall_rel;
  g.train_v = r.layers == "both";
  return g;
}

std::string act_name(sim::ShallowActivation a) { return a == sim::ShallowActivation::softplus ? "softplus:b=10" : "quadratic"; }

void validate(const LandscapeSimRequest& r) {
  if (r.step != "adaptive" && r.step != "fixed") throw input_error("simulate landscape --step: requires adaptive or fixed, got \"" + r.step + "\"");
  if (r.layers != "both" && r.layers != "W") throw input_error("simulate landscape --layers: requires both or W, got \"" + r.layers + "\"");
  if (r.output_layer != "trained" && r.output_layer != "ones" && r.output_layer != "rademacher")
    throw input_error("simulate landscape --output-layer: requires trained, ones or rademacher, got \"" + r.output_layer + "\"");
  if (!(r.tol > 0 && r.tol < 1)) throw input_error("simulate landscape --tol: requires 0 < tol < 1, got " + fmt_double(r.tol));
  if (!(r.rmse_tol > 0 && r.rmse_tol < 1)) throw input_error("simulate landscape --rmse-tol: requires 0 < rmse-tol < 1, got " + fmt_double(r.rmse_tol));
  if (!(r.lr > 0 && r.lr <= 100)) throw input_error("simulate landscape --lr: requires 0 < lr <= 100, got " + fmt_double(r.lr));
  if (!(r.stall_rel >= 0 && r.stall_rel < 1)) throw input_error("simulate landscape --stall-rel: requires 0 <= stall-rel < 1, got " + fmt_double(r.stall_rel));
  if (r.stall_window < 0) throw input_error("simulate landscape --stall-window: requires >= 0");
  if (!(r.level > 0 && r.level < 1)) throw input_error("simulate landscape --level: requires 0 < level < 1, got " + fmt_double(r.level));
  if (r.draws < 0 || r.draws > 1000 || r.runs < 0 || r.runs > 1000)
    throw input_error("simulate landscape: requires 0 <= draws, runs <= 1000 (0 = preset)");
  if (r.max_steps < 0 || r.max_steps > 100000000) throw input_error("simulate landscape --max-steps: requires 0 <= steps <= 1e8");
  if (r.bootstrap < 0 || r.bootstrap > 100000) throw input_error("simulate landscape --bootstrap: requires 0 <= replicates <= 100000");
}

LandscapeExperiment planted(const LandscapeSimRequest& r, const PlantedPreset& p) {
  const auto t0 = std::chrono::steady_clock::now();
  sim::PlantedExperiment e;
  e.figure = p.figure;
  e.vary_k = p.vary_k;
  e.fixed = p.fixed;
  e.n = 100;
  e.draws = r.draws ? r.draws : (r.full ? 10 : 3);
  e.runs = r.runs ? r.runs : (r.full ? 10 : 3);
  const long steps = r.max_steps ? r.max_steps : (r.full ? 10000 : 3000);
  e.gd = gd_options(r, p.act, steps);
  if (!r.values.empty()) e.values = parse_values(r.values);
  else if (r.full) for (long x = p.lo; x <= p.hi; ++x) e.values.push_back(x);
  else e.values = p.reduced;
  e.seed = r.seed;
  e.threads = r.threads;
  const auto out = sim::run_planted(e);
  LandscapeExperiment x;
  x.figure = p.figure;
  x.activation = act_name(p.act);
  x.varied = p.vary_k ? "k" : "d";
  x.fixed = p.fixed;
  x.n = e.n;
  x.draws = e.draws;
  x.runs = e.runs;
  x.max_steps = steps;
  x.parameters = {{"figure", p.figure}, {"act", x.activation}, {p.vary_k ? "d" : "k", std::to_string(p.fixed)},
                  {"n", "100"}, {"draws", std::to_string(e.draws)}, {"runs", std::to_string(e.runs)},
                  {"max_steps", std::to_string(steps)}, {"tol", fmt_double(r.tol)}, {"step", r.step},
                  {"lr", fmt_double(r.lr)}, {"layers", r.layers}, {"seed", std::to_string(r.seed)}};
  std::vector<double> fx;
  std::vector<int> fy;
  for (long v : e.values) {
    long g = 0, gr = 0, steps_sum = 0, cnt = 0, capped = 0;
    double worst = 0;
    for (const auto& o : out)
      if (o.x == v) {
        ++cnt;
        g += o.all_global ? 1 : 0;
        gr += o.global_runs;
        capped += o.capped_runs;
        steps_sum += o.total_steps;
        worst = std::max(worst, o.worst_final_loss);
        fx.push_back(static_cast<double>(v));
        fy.push_back(o.all_global ? 1 : 0);
      }
    const double frac = static_cast<double>(g) / static_cast<double>(cnt);
    LandscapeExperimentRow row;
    row.x = v;
    row.fraction = flt(frac, "landscape.sim_gd", std::sqrt(frac * (1 - frac) / static_cast<double>(cnt)), static_cast<std::uint64_t>(cnt));
    row.global_draws = {Value(static_cast<long long>(g)), ""};
    row.global_runs = {Value(static_cast<long long>(gr)), ""};
    row.capped_runs = {Value(static_cast<long long>(capped)), ""};
    row.mean_steps = flt(static_cast<double>(steps_sum) / static_cast<double>(cnt * e.runs), "landscape.sim_gd");
    row.worst_loss = flt(worst, "landscape.sim_gd");
    x.rows.push_back(std::move(row));
  }
  const sim::LogisticFit f = sim::fit_logistic(fx, fy);
  if (f.degenerate) {
    x.fit_status = "no crossing (every draw has the same outcome)";
  } else {
    x.fit_status = f.separated ? "separated (x0 = midpoint of the gap; the MLE scale is 0)" : "fitted";
    x.crossing = flt(f.x0, "landscape.logistic_fit");
    x.scale = flt(f.s, "landscape.logistic_fit");
    if (r.bootstrap > 0) {
      const auto bi = sim::bootstrap_crossing(out, r.bootstrap, r.level, derive_seed(r.seed, 777));
      if (std::isfinite(bi.lo)) {
        x.ci_lo = flt(bi.lo, "landscape.logistic_fit");
        x.ci_hi = flt(bi.hi, "landscape.logistic_fit");
      }
    }
  }
  x.always_global = sim::always_global_threshold(out);
  x.criterion = "a run is global when L_final <= " + fmt_double(r.tol) + " L(0) within " + std::to_string(steps) +
                " steps (L(0) = loss of the zero predictor; stall stop: L fell by < " + fmt_double(r.stall_rel) +
                " over " + std::to_string(r.stall_window) + " steps); a draw is global when all its runs are";
  x.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return x;
}

LandscapeRandomLabels random_labels(const LandscapeSimRequest& r, const RandomPreset& p) {
  const auto t0 = std::chrono::steady_clock::now();
  sim::RandomLabelsExperiment e;
  e.figure = p.figure;
  e.n = p.n;
  e.d = p.d;
  const long steps = r.max_steps ? r.max_steps : (r.full ? p.full_iterations : 5000);
  e.gd = gd_options(r, p.act, steps);
  e.gd.record_every = std::max(1L, steps / 50);
  e.output = r.output_layer == "trained" ? sim::OutputLayer::trained
             : r.output_layer == "ones" ? sim::OutputLayer::fixed_ones : sim::OutputLayer::fixed_rademacher;
  e.rmse_tol = r.rmse_tol;
  if (!r.values.empty()) e.ks = parse_values(r.values);
  else if (r.full) for (long k = p.k_lo; k <= p.k_hi; ++k) e.ks.push_back(k);
  else e.ks = p.reduced;
  e.seed = r.seed;
  e.threads = r.threads;
  const auto out = sim::run_random_labels(e);
  LandscapeRandomLabels x;
  x.figure = p.figure;
  x.activation = act_name(p.act);
  x.output_layer = r.output_layer;
  x.n = p.n;
  x.d = p.d;
  x.iterations = steps;
  x.parameters = {{"figure", p.figure}, {"act", x.activation}, {"d", std::to_string(p.d)}, {"n", std::to_string(p.n)},
                  {"iterations", std::to_string(steps)}, {"output_layer", r.output_layer},
                  {"rmse_tol", fmt_double(r.rmse_tol)}, {"step", r.step}, {"seed", std::to_string(r.seed)}};
  for (const auto& run : out) {
    LandscapeRandomLabelsRow row;
    row.k = run.k;
    row.final_rmse = flt(run.final_rmse, "landscape.sim_gd");
    row.ratio_kd_over_n = {Value(Rational(run.k * p.d, p.n)), "landscape.zero_rmse_ratio"};
    row.steps = {Value(static_cast<long long>(run.steps)), ""};
    row.zero = run.zero;
    row.curve = run.rmse;
    x.reference_rmse = run.reference_rmse;
    x.rows.push_back(std::move(row));
  }
  // The least k from which every larger k also reached zero RMSE.
  for (auto it = x.rows.rbegin(); it != x.rows.rend() && it->zero; ++it) x.zero_ratio = it->ratio_kd_over_n;
  x.criterion = "zero RMSE: final RMSE <= " + fmt_double(r.rmse_tol) + " RMSE(0) within " + std::to_string(steps) +
                " iterations (RMSE = sqrt((1/n) sum r_i^2); output layer " + r.output_layer + ")";
  x.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return x;
}

}  // namespace

LandscapeSimulation landscape_simulate(const LandscapeSimRequest& req) {
  validate(req);
  std::vector<std::string> figs = req.figures;
  if (figs.empty()) figs = {"2a", "2b", "3a", "3b", "4a", "4b"};
  for (const auto& f : figs)
    if (f != "2a" && f != "2b" && f != "3a" && f != "3b" && f != "4a" && f != "4b")
      throw input_error("simulate landscape --figure: requires 2a, 2b, 3a, 3b, 4a or 4b, got \"" + f + "\"");
  LandscapeSimulation s;
  for (const auto& f : figs) {
    bool found = false;
    for (const auto& p : planted_presets())
      if (f == p.figure) {
        s.planted.push_back(planted(req, p));
        found = true;
      }
    for (const auto& p : random_presets())
      if (f == p.figure) {
        s.random_labels.push_back(random_labels(req, p));
        found = true;
      }
    if (!found) throw input_error("simulate landscape --figure: requires 2a, 2b, 3a, 3b, 4a or 4b, got \"" + f + "\"");
  }
  return s;
}

}  // namespace gdcert::api
