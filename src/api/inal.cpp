#include "api/inal.hpp"

#include <algorithm>

#include "alignment/inal.hpp"
#include "api/precision.hpp"
#include "boolean/spec.hpp"
#include "boolean/walsh.hpp"
#include "exact/errors.hpp"
#include "exact/text.hpp"

namespace gdcert::api {

namespace {

using namespace alignment;

std::vector<unsigned> parse_widths(const std::string& text) {
  std::vector<unsigned> w;
  for (const auto& tok : split_list(text)) {
    const Integer z = Integer::parse(tok);
    if (z.sign() <= 0 || z > Integer(64)) throw input_error("inal --net: requires widths in 1..64, got \"" + tok + "\"");
    w.push_back(static_cast<unsigned>(z.to_si()));
  }
  return w;
}

void check_options(const InalRequest& req) {
  check_prec(req.prec);
  if (req.route != "auto" && req.route != "diagonal" && req.route != "enumerate")
    throw input_error("inal --route: requires auto, diagonal or enumerate, got \"" + req.route + "\"");
  if (req.max != "outside" && req.max != "inside")
    throw input_error("inal --max: requires outside or inside, got \"" + req.max + "\"");
}

Ball ball_of(const Value& v, long prec) { return v.kind() == Kind::exact ? to_ball(v.exact(), prec) : v.ball(); }

Value quotient(const Value& a, const Value& b, long prec) {
  if (a.kind() == Kind::exact && b.kind() == Kind::exact) return Value(a.exact() / b.exact());
  Ball r;
  arb_div(r.get(), ball_of(a, prec).get(), ball_of(b, prec).get(), prec);
  return Value(r, prec);
}

void fill_spectrum(InalResult& out, const NeuronSpectrum& s, const std::vector<Rational>& W) {
  for (unsigned k = 0; k < W.size(); ++k) {
    out.level_weights.push_back({Value(W[k]), "walsh.level_weight"});
    out.m.push_back({s.m[k], "inal.walsh_diagonal"});
    out.e.push_back({s.e[k], "inal.expressivity"});
  }
}

}  // namespace

InalProfile inal_profile(const InalRequest& req) {
  check_options(req);
  const WeightLaw w = parse_weight_law(req.init);
  const BiasLaw b = parse_bias_law(req.bias);
  const int sign0 = parse_sign0(req.sign0);
  if (req.n < 1) throw input_error("inal --profile: requires --n N >= 1");
  const NeuronSpectrum s = first_layer_spectrum(req.n, req.act, w, b, sign0, req.prec);
  InalProfile p;
  p.n = req.n;
  p.route = s.route;
  p.parameters = {{"n", std::to_string(req.n)}, {"activation", req.act}, {"init", w.name()}, {"bias", b.name()},
                  {"route", s.route}, {"prec", std::to_string(req.prec)}};
  p.m = results(s.m, "inal.walsh_diagonal");
  p.e = results(s.e, "inal.expressivity");
  p.structural_zero = s.structural_zero;
  p.second_moment = {s.second_moment, "inal.expressivity"};
  if (req.K > 0) {
    // inal.k_expressive: min_{1<=k<=K} e_k >= n^-c. Yes when every e_k is certainly >= n^-c, no when one is certainly
    // below, undecided otherwise. No midpoint enters the decision.
    InalProfile::KExpressive ke;
    ke.K = std::min(req.K, req.n);
    ke.c = Rational::parse(req.c);
    p.parameters["K"] = std::to_string(ke.K);
    p.parameters["c"] = ke.c.str();
    Ball thr;
    arb_set_ui(thr.get(), req.n);
    arb_pow(thr.get(), thr.get(), to_ball(-ke.c, req.prec).get(), req.prec);
    ke.threshold = {Value(thr, req.prec), "inal.k_expressive"};
    bool all_above = true;
    std::optional<unsigned> below;
    unsigned least = 1;
    arf_t least_lo, lo;
    arf_init(least_lo);
    arf_init(lo);
    for (unsigned k = 1; k <= ke.K; ++k) {
      const Ball bk = ball_of(s.e[k], req.prec);
      if (!certainly_le(thr, bk)) all_above = false;
      if (!below && certainly_lt(bk, thr)) below = k;
      arb_get_lbound_arf(lo, bk.get(), req.prec);
      if (k == 1 || arf_cmp(lo, least_lo) < 0) {
        arf_set(least_lo, lo);
        least = k;
      }
    }
    arf_clear(least_lo);
    arf_clear(lo);
    ke.verdict = below ? Verdict::no : all_above ? Verdict::yes : Verdict::undecided;
    ke.witness = below ? *below : least;
    ke.witness_e = {s.e[ke.witness], "inal.expressivity"};
    p.k_expressive = ke;
  }
  return p;
}

InalResult inal(const InalRequest& req) {
  check_options(req);
  const WeightLaw w = parse_weight_law(req.init);
  const BiasLaw b = parse_bias_law(req.bias);
  const int sign0 = parse_sign0(req.sign0);
  InalResult out;
  if (!req.level_weights.empty()) {
    if (!req.spec.empty()) throw usage_error("inal: give a SPEC or --level-weights, not both");
    if (!req.net.empty() && req.net != "1") throw usage_error("inal --level-weights: covers a single first-layer neuron");
    if (req.max == "inside") throw domain_error("inal --level-weights: the max inside needs a SPEC and --route enumerate");
    const auto W = parse_level_weights(req.level_weights);
    const unsigned n = static_cast<unsigned>(W.size() - 1);
    const NeuronSpectrum s = first_layer_spectrum(n, req.act, w, b, sign0, req.prec);
    out.parameters = {{"level_weights", req.level_weights}, {"n", std::to_string(n)}, {"activation", req.act},
                      {"init", w.name()}, {"bias", b.name()}, {"prec", std::to_string(req.prec)}};
    out.route = s.route;
    out.inal = {inal_from_spectrum(s, W, req.prec), "inal.walsh_diagonal"};
    out.second_moment = Result{s.second_moment, "inal.expressivity"};
    if (req.normalised) out.normalised = Result{quotient(out.inal.value, s.second_moment, req.prec), "inal.definition"};
    fill_spectrum(out, s, W);
    return out;
  }
  if (req.spec.empty()) throw usage_error("inal: requires a target SPEC, --level-weights, or --profile --n N");
  const boolean::ParsedSpec ps = boolean::parse_spec(req.spec, req.seed);
  const boolean::CubeFunction& f = ps.function;
  const unsigned n = f.n();
  const std::vector<unsigned> widths = req.net.empty() ? std::vector<unsigned>{1} : parse_widths(req.net);
  std::vector<std::string> acts = split_list(req.act);
  if (acts.size() == 1) acts.assign(widths.size(), acts[0]);
  if (acts.size() != widths.size())
    throw input_error("inal --act: requires one activation or one per layer (" + std::to_string(widths.size()) + "), got " +
                      std::to_string(acts.size()));
  out.canonical = ps.canonical;
  out.parameters = {{"spec", ps.canonical}, {"n", std::to_string(n)}, {"net", req.net.empty() ? "1" : req.net},
                    {"activation", req.act}, {"init", w.name()}, {"bias", b.name()}, {"max", req.max},
                    {"normalised", req.normalised ? "yes" : "no"}, {"prec", std::to_string(req.prec)}};
  const bool deep = widths.size() > 1;
  std::string route = req.route;
  if (route == "auto")
    route = (deep || req.max == "inside" || (!w.sign_symmetric() && w.kind == WeightLaw::Kind::finite)) ? "enumerate"
                                                                                                          : "diagonal";
  if (route == "diagonal" && (deep || req.max == "inside"))
    throw domain_error("inal --route diagonal: covers a single first-layer neuron with the max outside; use --route enumerate");
  out.parameters["route"] = route;
  if (route == "diagonal") {
    const auto W = boolean::walsh_spectrum(f).level_weights();
    const NeuronSpectrum s = first_layer_spectrum(n, acts[0], w, b, sign0, req.prec);
    out.route = s.route;
    out.inal = {inal_from_spectrum(s, W, req.prec), "inal.definition"};
    out.second_moment = Result{s.second_moment, "inal.expressivity"};
    if (req.normalised) out.normalised = Result{quotient(out.inal.value, s.second_moment, req.prec), "inal.definition"};
    fill_spectrum(out, s, W);
    return out;
  }
  Net net{widths, {}};
  for (const auto& a : acts) net.activations.push_back(parse_exact_activation(a));
  const EnumerationResult r = inal_enumerate(f, net, w, b, req.max == "inside", sign0);
  std::size_t best = 0;
  for (std::size_t l = 1; l < r.mean_square.size(); ++l)
    if (r.mean_square[l] > r.mean_square[best]) best = l;
  out.route = "enumeration";
  out.inal = {Value(r.mean_square[best]), "inal.definition"};
  out.best_layer = static_cast<unsigned>(best + 1);
  out.configurations = r.configurations;
  if (r.max_inside) out.max_inside = Result{Value(*r.max_inside), "inal.definition"};
  if (req.normalised) out.normalised = Result{Value(r.mean_square[best] / r.mean_norm[best]), "inal.definition"};
  out.layer_activations = acts;
  for (std::size_t l = 0; l < r.mean_square.size(); ++l) {
    out.layer_mean_square.push_back({Value(r.mean_square[l]), "inal.definition"});
    out.layer_mean_norm.push_back({Value(r.mean_norm[l]), ""});
  }
  return out;
}

}  // namespace gdcert::api
