// Quantities of the simulator and the bounds for `gdcert check`: Monte-Carlo INAL (and its z-score against the
// exact INAL), noisy-GD advantages and correlations averaged over runs, the matching Abbe-Sandon orbit bound, and
// any output of a registered bound.
#include <cmath>

#include "alignment/cp.hpp"
#include "alignment/inal.hpp"
#include "alignment/law.hpp"
#include "boolean/spec.hpp"
#include "boolean/walsh.hpp"
#include "bounds/all.hpp"
#include "bounds/noisy_gd.hpp"
#include "api/precision.hpp"
#include "api/quantities.hpp"
#include "sim/targets.hpp"
#include "exact/errors.hpp"

namespace gdcert::api {

using alignment::first_layer_spectrum;
using sim::net_spec;
using sim::sim_target;
using sim::SimTarget;
using sim::target_fn;

namespace {

std::string opt(const Params& p, const char* k, const char* d) {
  auto it = p.find(k);
  return it == p.end() ? std::string(d) : it->second;
}

std::uint64_t opt_u(const Params& p, const char* k, std::uint64_t d, std::uint64_t max) {
  auto it = p.find(k);
  if (it == p.end()) return d;
  const Integer z = Integer::parse(it->second);
  if (z.sign() < 0 || z > Integer(static_cast<long long>(max)))
    throw input_error(std::string("quantity parameter ") + k + ": requires 0.." + std::to_string(max) + ", got " + it->second);
  return static_cast<std::uint64_t>(z.to_si());
}

double to_double(const Value& v) {
  switch (v.kind()) {
    case Kind::exact: return v.exact().to_double();
    case Kind::ball: return v.ball().mid_double();
    case Kind::floating: return v.floating();
  }
  return 0;
}

struct Mc {
  sim::InalEstimate est;
  unsigned layer = 0;
};

Mc inal_mc(const std::string& q, const Params& p) {
  auto it = p.find("spec");
  if (it == p.end()) throw input_error("quantity " + q + ": requires parameter \"spec\"");
  const SimTarget t = sim_target(it->second, seed_param(p, 1));
  const sim::NetSpec net = net_spec(t.n, opt(p, "net", "64"), opt(p, "act", "relu"), opt(p, "bias", "none"), opt(p, "sign0", "1"));
  Mc m;
  m.layer = static_cast<unsigned>(opt_u(p, "layer", 1, 17));
  if (m.layer < 1 || m.layer > net.widths.size() + 1) throw input_error("quantity " + q + ": layer out of range");
  m.est = sim::inal_monte_carlo(net, sim::parse_init_law(opt(p, "init", "gaussian")), sim::parse_bias_init(opt(p, "bias", "none")),
                                t.table, opt_u(p, "inits", 1000, 10000000), seed_param(p, 1),
                                static_cast<unsigned>(opt_u(p, "threads", 1, 1024)));
  return m;
}

sim::RunConfig run_config(const Params& p, SimTarget& t, const std::string& q) {
  auto it = p.find("spec");
  if (it == p.end()) throw input_error("quantity " + q + ": requires parameter \"spec\"");
  t = sim_target(it->second, 0);
  sim::RunConfig cfg;
  cfg.net = net_spec(t.n, opt(p, "net", "16"), opt(p, "act", "relu"), opt(p, "bias", "none"), opt(p, "sign0", "1"));
  cfg.init = sim::parse_init_law(opt(p, "init", "gaussian"));
  cfg.bias = sim::parse_bias_init(opt(p, "bias", "none"));
  cfg.target = target_fn(t);
  cfg.loss = sim::parse_loss(opt(p, "loss", "square"));
  cfg.grad = sim::parse_grad_mode(opt(p, "grad", "population"));
  cfg.batch = opt_u(p, "batch", 1024, 1ULL << 30);
  cfg.steps = opt_u(p, "steps", 100, 1ULL << 30);
  cfg.lr = Rational::parse(opt(p, "lr", "1/10")).to_double();
  cfg.noise = Rational::parse(opt(p, "noise", "0")).to_double();
  const std::string clip = opt(p, "clip", "inf");
  cfg.clip = clip == "inf" ? std::numeric_limits<double>::infinity() : Rational::parse(clip).to_double();
  cfg.threads = static_cast<unsigned>(opt_u(p, "threads", 1, 1024));
  cfg.log_every = cfg.steps == 0 ? 1 : cfg.steps;
  return cfg;
}

}  // namespace

const std::vector<QuantityInfo>& sim_quantities() {
  static const std::vector<QuantityInfo> q = {
      {"sim.inal_mc", "spec, [net = 64], [act = relu], [init = gaussian], [bias = none], [inits = 1000], [seed = 1], [layer = 1]",
       "inal.definition", "Monte-Carlo E<f, NN^(v)>^2 of a layer's neurons at init (float, standard error, inits)"},
      {"sim.inal_mc_z", "as sim.inal_mc (layer 1)", "inal.walsh_diagonal",
       "|Monte-Carlo - exact INAL| / standard error for a first-layer neuron (float)"},
      {"sim.noisy_gd_advantage", "spec, [net = 16], [act], [init], [bias], [steps], [lr], [noise], [clip], [loss], [runs = 4], [seed]",
       "noisy_gd.model", "mean over runs of the final sign accuracy - 1/2 (exact over the cube; float)"},
      {"sim.noisy_gd_correlation", "as sim.noisy_gd_advantage", "noisy_gd.model", "mean over runs of the final E[fhat f]"},
      {"sim.noisy_gd_bound", "as sim.noisy_gd_advantage, [scale = 1]", "noisy_gd.orbit",
       "scale * (lr steps sqrt(P) clip/noise) CP_{B_n}(Orb f)^(1/4) for the same run (ball)"},
      {"bound", "bound (formula id), output, [prec = 128], the bound's parameters", "", "one output of a registered bound (gdcert bound)"},
  };
  return q;
}

std::optional<std::vector<Value>> evaluate_sim_quantity(const std::string& q, const Params& p) {
  if (q == "sim.inal_mc") {
    const Mc m = inal_mc(q, p);
    const unsigned l = m.layer - 1;
    return std::vector<Value>{Value::from_double(m.est.mean[l], m.est.stderr_[l], m.est.inits)};
  }
  if (q == "sim.inal_mc_z") {
    const Mc m = inal_mc(q, p);
    if (m.layer != 1) throw input_error("quantity sim.inal_mc_z: compares first-layer neurons only (layer = 1)");
    const SimTarget t = sim_target(p.at("spec"), seed_param(p, 1));
    const boolean::ParsedSpec ps = boolean::parse_spec(p.at("spec"), seed_param(p, 1));
    const auto W = boolean::walsh_spectrum(ps.function).level_weights();
    const int sign0 = opt(p, "sign0", "1") == "0" ? 0 : opt(p, "sign0", "1") == "-1" ? -1 : 1;
    const alignment::NeuronSpectrum s =
        first_layer_spectrum(t.n, opt(p, "act", "relu"), alignment::parse_weight_law(opt(p, "init", "gaussian")),
                             alignment::parse_bias_law(opt(p, "bias", "none")), sign0, 128);
    const double exact = to_double(alignment::inal_from_spectrum(s, W, 128));
    // Rounding allowance: for parity targets and lattice inits every init gives the same value (standard error at
    // rounding level), so the spread is floored at 1e-12 relative to the exact value.
    const double se = std::max({m.est.stderr_[0], 1e-12 * std::fabs(exact), 1e-30});
    // An exact zero (activation parity, theory inal §6.1) is met by the estimate up to rounding of the cube sums.
    if (exact == 0 && std::fabs(m.est.mean[0]) < 1e-20) return std::vector<Value>{Value::from_double(0.0, std::nullopt, m.est.inits)};
    const double z = se > 0 ? std::fabs(m.est.mean[0] - exact) / se : (m.est.mean[0] == exact ? 0.0 : INFINITY);
    return std::vector<Value>{Value::from_double(z, std::nullopt, m.est.inits)};
  }
  if (q == "sim.noisy_gd_advantage" || q == "sim.noisy_gd_correlation") {
    SimTarget t;
    sim::RunConfig cfg = run_config(p, t, q);
    const std::uint64_t runs = opt_u(p, "runs", 4, 100000), seed = seed_param(p, 1);
    if (runs < 2) throw input_error("quantity " + q + ": requires runs >= 2");
    std::vector<double> v;
    for (std::uint64_t r = 0; r < runs; ++r) {
      cfg.seed = derive_seed(seed, r);
      const sim::RunResult res = sim::run_noisy_gd<double>(cfg);
      v.push_back(q == "sim.noisy_gd_advantage" ? res.log.back().accuracy - 0.5 : res.log.back().correlation);
    }
    double mean = 0, var = 0;
    for (double x : v) mean += x;
    mean /= static_cast<double>(runs);
    for (double x : v) var += (x - mean) * (x - mean);
    var /= static_cast<double>(runs - 1);
    return std::vector<Value>{Value::from_double(mean, std::sqrt(var / static_cast<double>(runs)), runs)};
  }
  if (q == "sim.noisy_gd_bound") {
    SimTarget t;
    const sim::RunConfig cfg = run_config(p, t, q);
    if (!(cfg.noise > 0) || std::isinf(cfg.clip))
      throw domain_error("quantity sim.noisy_gd_bound: requires noise > 0 and a finite clip");
    const boolean::ParsedSpec ps = boolean::parse_spec(p.at("spec"), 0);
    const Rational cp = alignment::cp_bn(boolean::walsh_spectrum(ps.function).level_weights());
    bounds::Budget b;
    b.gamma = Rational::parse(opt(p, "lr", "1/10"));
    b.T = Rational(Integer(static_cast<long long>(cfg.steps)));
    b.P = Rational(Integer(static_cast<long long>(cfg.net.parameters())));
    b.A = Rational::parse(opt(p, "clip", "1"));
    b.sigma = Rational::parse(opt(p, "noise", "1"));
    const Value adv = bounds::abbe_sandon_advantage(b, cp, 128);
    const Rational scale = Rational::parse(opt(p, "scale", "1"));
    if (adv.kind() == Kind::exact) return std::vector<Value>{Value(adv.exact() * scale)};
    Ball r = adv.ball();
    arb_mul(r.get(), r.get(), to_ball(scale, 128).get(), 128);
    return std::vector<Value>{Value(r, 128)};
  }
  if (q == "bound") {
    const auto all = bounds::all_bounds();
    auto it = p.find("bound");
    if (it == p.end()) throw input_error("quantity bound: requires parameter \"bound\" (the bound's formula id)");
    const bounds::BoundEntry& e = bounds::find_bound(all, it->second);
    auto ot = p.find("output");
    if (ot == p.end()) throw input_error("quantity bound: requires parameter \"output\"");
    bounds::BoundArgs args;
    for (const auto& [k, v] : p)
      if (k != "bound" && k != "output" && k != "prec") args[k] = v;
    const long bits = prec_param(p);
    for (auto& [name, v] : e.evaluate(bounds::complete_args(e, args), bits))
      if (name == ot->second) return std::vector<Value>{v};
    throw input_error("quantity bound: " + it->second + " has no output \"" + ot->second + "\"");
  }
  return std::nullopt;
}

}  // namespace gdcert::api
