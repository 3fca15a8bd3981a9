// Quantities of the simulator and the bounds for `gdcert check`: Monte-Carlo INAL (and its z-score against the
// exact INAL), noisy-GD advantages and correlations averaged over runs, the matching Abbe-Sandon orbit bound, and
// any output of a registered bound.
#include <cmath>
#include <string>

#include "api/bound.hpp"
#include "api/precision.hpp"
#include "api/quantities.hpp"
#include "api/simulate.hpp"
#include "exact/errors.hpp"
#include "exact/text.hpp"

namespace gdcert::api {

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

const std::string& need_spec(const Params& p, const std::string& q) {
  auto it = p.find("spec");
  if (it == p.end()) throw input_error("quantity " + q + ": requires parameter \"spec\"");
  return it->second;
}

InalMcRequest inal_mc_request(const std::string& q, const Params& p) {
  InalMcRequest r;
  r.spec = need_spec(p, q);
  r.net = opt(p, "net", "64");
  r.act = opt(p, "act", "relu");
  r.init = opt(p, "init", "gaussian");
  r.bias = opt(p, "bias", "none");
  r.sign0 = opt(p, "sign0", "1");
  r.inits = opt_u(p, "inits", 1000, 10000000);
  r.seed = seed_param(p, 1);
  r.threads = static_cast<unsigned>(opt_u(p, "threads", 1, 1024));
  return r;
}

NoisyGdRunsRequest runs_request(const std::string& q, const Params& p) {
  NoisyGdRunsRequest r;
  r.spec = need_spec(p, q);
  r.net = opt(p, "net", "16");
  r.act = opt(p, "act", "relu");
  r.init = opt(p, "init", "gaussian");
  r.bias = opt(p, "bias", "none");
  r.sign0 = opt(p, "sign0", "1");
  r.loss = opt(p, "loss", "square");
  r.grad = opt(p, "grad", "population");
  r.batch = opt_u(p, "batch", 1024, 1ULL << 30);
  r.steps = opt_u(p, "steps", 100, 1ULL << 30);
  r.lr = opt(p, "lr", "1/10");
  r.noise = opt(p, "noise", "0");
  r.clip = opt(p, "clip", "inf");
  r.runs = opt_u(p, "runs", 4, 100000);
  r.seed = seed_param(p, 1);
  r.threads = static_cast<unsigned>(opt_u(p, "threads", 1, 1024));
  return r;
}

}  // namespace

const std::vector<QuantityInfo>& sim_quantities() {
  static const std::vector<QuantityInfo> q = {
      {"sim.inal_mc", "spec, [net = 64], [act = relu], [init = gaussian], [bias = none], [sign0 = 1], [inits = 1000], [seed = 1], [layer = 1], [threads = 1]",
       "inal.definition", "Monte-Carlo E<f, NN^(v)>^2 of a layer's neurons at init (float, standard error, inits)"},
      {"sim.inal_mc_z", "as sim.inal_mc (layer 1)", "inal.walsh_diagonal",
       "|Monte-Carlo - exact INAL| / standard error for a first-layer neuron (float)"},
      {"sim.noisy_gd_advantage", "spec, [net = 16], [act = relu], [init = gaussian], [bias = none], [sign0 = 1], [steps], [lr], [noise], [clip], [loss = square], [grad = population], [batch], [runs = 4], [seed = 1], [threads = 1]",
       "noisy_gd.model", "mean over runs of the final sign accuracy - 1/2 (exact over the cube; float)"},
      {"sim.noisy_gd_correlation", "as sim.noisy_gd_advantage", "noisy_gd.model", "mean over runs of the final E[fhat f]"},
      {"sim.noisy_gd_advantage_upper", "as sim.noisy_gd_advantage, [z = 4]", "noisy_gd.model",
       "mean + z standard errors of the final advantage over runs: the upper confidence limit a bound must exceed (float)"},
      {"sim.noisy_gd_bound", "as sim.noisy_gd_advantage, [scale = 1]", "noisy_gd.orbit",
       "scale * (lr steps sqrt(P) clip/noise) CP_{B_n}(Orb f)^(1/4) for the same run (ball)"},
      {"bound", "bound (formula id), output, [prec = 128], the bound's parameters", "", "one output of a registered bound (gdcert bound)"},
  };
  return q;
}

std::optional<std::vector<Value>> evaluate_sim_quantity(const std::string& q, const Params& p) {
  if (q == "sim.inal_mc") {
    const InalMcRequest r = inal_mc_request(q, p);
    const auto layer = opt_u(p, "layer", 1, 17);
    if (layer < 1 || layer > split_list(r.net).size() + 1) throw input_error("quantity " + q + ": layer out of range");
    const InalMonteCarlo m = inal_monte_carlo(r);
    return std::vector<Value>{m.layers[layer - 1].mean.value};
  }
  if (q == "sim.inal_mc_z") {
    if (opt_u(p, "layer", 1, 17) != 1) throw input_error("quantity sim.inal_mc_z: compares first-layer neurons only (layer = 1)");
    return std::vector<Value>{inal_mc_check(inal_mc_request(q, p)).z.value};
  }
  if (q == "sim.noisy_gd_advantage" || q == "sim.noisy_gd_correlation") {
    const NoisyGdRunsRequest r = runs_request(q, p);
    if (r.runs < 2) throw input_error("quantity " + q + ": requires runs >= 2");
    const NoisyGdRuns runs = noisy_gd_runs(r);
    return std::vector<Value>{q == "sim.noisy_gd_advantage" ? runs.advantage.value : runs.correlation.value};
  }
  if (q == "sim.noisy_gd_advantage_upper") {
    const NoisyGdRunsRequest r = runs_request(q, p);
    if (r.runs < 2) throw input_error("quantity " + q + ": requires runs >= 2");
    const double z = parse_z(opt(p, "z", "4"), "quantity " + q);
    return std::vector<Value>{confidence_limits(noisy_gd_runs(r).advantage.value, z, "quantity " + q).upper};
  }
  if (q == "sim.noisy_gd_bound")
    return std::vector<Value>{noisy_gd_orbit_bound(runs_request(q, p), Rational::parse(opt(p, "scale", "1")), 128).advantage.value};
  if (q == "bound") {
    auto it = p.find("bound");
    if (it == p.end()) throw input_error("quantity bound: requires parameter \"bound\" (the bound's formula id)");
    auto ot = p.find("output");
    if (ot == p.end()) throw input_error("quantity bound: requires parameter \"output\"");
    Params args;
    for (const auto& [k, v] : p)
      if (k != "bound" && k != "output" && k != "prec") args[k] = v;
    for (const auto& o : evaluate_bound(it->second, args, prec_param(p)))
      if (o.name == ot->second) {
        if (!o.value) throw domain_error("quantity bound: " + it->second + " output \"" + o.name + "\" has no value here (" + o.absent + ")");
        return std::vector<Value>{o.value->value};
      }
    throw input_error("quantity bound: " + it->second + " has no output \"" + ot->second + "\"");
  }
  return std::nullopt;
}

}  // namespace gdcert::api
