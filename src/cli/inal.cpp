// gdcert inal: initial alignment of a target with a network's neurons at initialisation, and the expressivity
// profile e_k(n) of a first-layer neuron.
#include <algorithm>
#include <cmath>
#include <memory>

#include "alignment/inal.hpp"
#include "boolean/spec.hpp"
#include "boolean/walsh.hpp"
#include "cli/app.hpp"
#include "cli/common.hpp"
#include "exact/errors.hpp"

namespace gdcert::cli {

using report::Column;
using report::Table;

namespace {

std::vector<unsigned> parse_widths(const std::string& text) {
  std::vector<unsigned> w;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find(',', start), text.size());
    const std::string tok = text.substr(start, end - start);
    const Integer z = Integer::parse(tok);
    if (z.sign() <= 0 || z > Integer(64)) throw input_error("inal --net: requires widths in 1..64, got \"" + tok + "\"");
    w.push_back(static_cast<unsigned>(z.to_si()));
    start = end + 1;
  }
  return w;
}

}  // namespace

std::vector<Rational> parse_level_weights(const std::string& text) {
  std::vector<Rational> w;
  for (const auto& tok : split_list(text)) {
    const std::size_t star = tok.find('*');
    const Rational v = Rational::parse(tok.substr(0, star));
    if (v.sign() < 0) throw input_error("--level-weights: requires W_k >= 0, got " + v.str());
    long long count = 1;
    if (star != std::string::npos) {
      const Integer c = Integer::parse(tok.substr(star + 1));
      if (c.sign() <= 0 || c > Integer(4096)) throw input_error("--level-weights: requires repeat counts in 1..4096, got " + c.str());
      count = c.to_si();
    }
    for (long long i = 0; i < count; ++i) w.push_back(v);
    if (w.size() > 4097) throw input_error("--level-weights: requires n <= 4096");
  }
  if (w.size() < 2) throw input_error("--level-weights: requires W_0..W_n with n >= 1");
  return w;
}

alignment::NeuronSpectrum first_layer_spectrum(unsigned n, const std::string& act, const alignment::WeightLaw& w,
                                               const alignment::BiasLaw& b, int sign0, long prec) {
  if (w.kind == alignment::WeightLaw::Kind::gaussian) {
    alignment::Parity parity = alignment::Parity::none;
    const auto kernel = alignment::gaussian_kernel_for(act, &parity);
    return alignment::neuron_spectrum_gaussian(n, kernel, parity, w, b, prec);
  }
  return alignment::neuron_spectrum_exact(n, alignment::parse_exact_activation(act), w, b, sign0);
}

report::Document inal_document(const InalRequest& req) {
  using namespace alignment;
  const WeightLaw w = parse_weight_law(req.init);
  const BiasLaw b = parse_bias_law(req.bias);
  const int sign0 = parse_sign0(req.sign0);
  if (req.route != "auto" && req.route != "diagonal" && req.route != "enumerate")
    throw input_error("inal --route: requires auto, diagonal or enumerate, got \"" + req.route + "\"");
  if (req.max != "outside" && req.max != "inside")
    throw input_error("inal --max: requires outside or inside, got \"" + req.max + "\"");
  report::Document doc;
  doc.verb = "inal";
  doc.prec = req.prec;

  if (req.profile) {
    if (req.n < 1) throw input_error("inal --profile: requires --n N >= 1");
    const NeuronSpectrum s = first_layer_spectrum(req.n, req.act, w, b, sign0, req.prec);
    doc.parameters = {{"n", std::to_string(req.n)}, {"activation", req.act}, {"init", w.name()}, {"bias", b.name()},
                      {"route", s.route}};
    Table t{"expressivity", "Expressivity profile of a first-layer " + req.act + " neuron, n = " + std::to_string(req.n) +
                                ", init " + w.name() + ", bias " + b.name(),
            {{"k", "", ""}, {"m_k", "", "inal.walsh_diagonal"}, {"e_k = C(n,k) m_k", "", "inal.expressivity"}, {"structural zero", "", "inal.exact_zeros"}},
            {}, {}};
    for (unsigned k = 0; k <= req.n; ++k)
      t.rows.push_back({static_cast<long long>(k), s.m[k], s.e[k], std::string(s.structural_zero[k] ? "yes" : "")});
    t.rows.push_back({std::string("sum"), std::string(""), s.second_moment, std::string("")});
    t.notes.push_back("route " + s.route + (s.route == "diagonal-gaussian" ? ": balls enclose the exact values" : ": exact"));
    doc.tables.push_back(std::move(t));
    if (req.K > 0) {
      // K-expressive proxy (inal.k_expressive): min_{1<=k<=K} e_k >= n^-c, decided with balls.
      const unsigned K = std::min(req.K, req.n);
      const Rational c = Rational::parse(req.c);
      Table e{"k_expressive", "K-expressive check: min_{1<=k<=K} e_k >= n^-c",
              {{"quantity", "", ""}, {"value", "", "inal.k_expressive"}}, {}, {}};
      unsigned arg = 1;
      auto ball_of = [&](const Value& v) { return v.kind() == Kind::exact ? to_ball(v.exact(), req.prec) : v.ball(); };
      Ball mn = ball_of(s.e[1]);
      for (unsigned k = 2; k <= K; ++k) {
        const Ball bk = ball_of(s.e[k]);
        if (certainly_lt(bk, mn) || (bk.mid_double() < mn.mid_double())) {
          mn = bk;
          arg = k;
        }
      }
      Ball thr;  // n^-c
      arb_set_ui(thr.get(), req.n);
      arb_pow(thr.get(), thr.get(), to_ball(-c, req.prec).get(), req.prec);
      std::string verdict = certainly_le(thr, mn) ? "yes" : certainly_lt(mn, thr) ? "no" : "undecided at this precision";
      e.rows.push_back({std::string("K"), static_cast<long long>(K)});
      e.rows.push_back({std::string("c"), Value(c)});
      e.rows.push_back({std::string("min e_k (k = " + std::to_string(arg) + ")"), s.e[arg]});
      e.rows.push_back({std::string("n^-c"), Value(thr, req.prec)});
      e.rows.push_back({std::string("K-expressive"), verdict});
      doc.tables.push_back(std::move(e));
    }
    return doc;
  }

  if (!req.level_weights.empty()) {
    if (!req.spec.empty()) throw usage_error("inal: give a SPEC or --level-weights, not both");
    if (!req.net.empty() && req.net != "1") throw usage_error("inal --level-weights: covers a single first-layer neuron");
    const auto W = parse_level_weights(req.level_weights);
    const unsigned n = static_cast<unsigned>(W.size() - 1);
    const NeuronSpectrum s = first_layer_spectrum(n, req.act, w, b, sign0, req.prec);
    doc.parameters = {{"level_weights", req.level_weights}, {"n", std::to_string(n)}, {"activation", req.act},
                      {"init", w.name()}, {"bias", b.name()}};
    Table t{"inal", "INAL of a target with the given level weights (first-layer " + req.act + " neuron, init " + w.name() +
                        ", bias " + b.name() + ")",
            {{"quantity", "", ""}, {"value", "", "inal.walsh_diagonal"}}, {}, {}};
    t.rows.push_back({std::string("INAL = sum_k m_k W_k"), inal_from_spectrum(s, W, req.prec)});
    t.rows.push_back({std::string("route"), s.route});
    doc.tables.push_back(std::move(t));
    return doc;
  }
  if (req.spec.empty()) throw usage_error("inal: requires a target SPEC, --level-weights, or --profile --n N");
  const boolean::ParsedSpec ps = boolean::parse_spec(req.spec, req.seed);
  const boolean::CubeFunction& f = ps.function;
  const unsigned n = f.n();
  std::vector<unsigned> widths = req.net.empty() ? std::vector<unsigned>{1} : parse_widths(req.net);
  std::vector<std::string> acts = split_list(req.act);
  if (acts.size() == 1) acts.assign(widths.size(), acts[0]);
  if (acts.size() != widths.size())
    throw input_error("inal --act: requires one activation or one per layer (" + std::to_string(widths.size()) + "), got " +
                      std::to_string(acts.size()));
  doc.parameters = {{"spec", ps.canonical}, {"n", std::to_string(n)}, {"net", req.net.empty() ? "1" : req.net},
                    {"activation", req.act}, {"init", w.name()}, {"bias", b.name()}, {"max", req.max},
                    {"normalised", req.normalised ? "yes" : "no"}};
  doc.seed = req.seed;
  const auto W = boolean::walsh_spectrum(f).level_weights();

  const bool deep = widths.size() > 1;
  const bool symmetric = w.sign_symmetric();
  std::string route = req.route;
  if (route == "auto") route = (deep || req.max == "inside" || (!symmetric && w.kind == WeightLaw::Kind::finite)) ? "enumerate" : "diagonal";
  if (route == "diagonal" && (deep || req.max == "inside"))
    throw domain_error("inal --route diagonal: covers a single first-layer neuron with the max outside; use --route enumerate");

  Table summary{"inal", "INAL of " + ps.canonical + " (net " + (req.net.empty() ? std::string("1") : req.net) + ", " + req.act +
                            ", init " + w.name() + ", bias " + b.name() + ")",
                {{"quantity", "", ""}, {"value", "", "inal.definition"}}, {}, {}};
  if (route == "diagonal") {
    const NeuronSpectrum s = first_layer_spectrum(n, acts[0], w, b, sign0, req.prec);
    const Value inal = inal_from_spectrum(s, W, req.prec);
    summary.rows.push_back({std::string("INAL = max_v E<f, NN^(v)>^2"), inal});
    summary.rows.push_back({std::string("route"), s.route});
    summary.rows.push_back({std::string("E ||NN^(v)||^2 = sum_k e_k"), s.second_moment});
    if (req.normalised) {
      Value norm;
      if (inal.kind() == Kind::exact && s.second_moment.kind() == Kind::exact) norm = Value(inal.exact() / s.second_moment.exact());
      else {
        Ball r;
        const Ball a = inal.kind() == Kind::exact ? to_ball(inal.exact(), req.prec) : inal.ball();
        const Ball d = s.second_moment.kind() == Kind::exact ? to_ball(s.second_moment.exact(), req.prec) : s.second_moment.ball();
        arb_div(r.get(), a.get(), d.get(), req.prec);
        norm = Value(r, req.prec);
      }
      summary.rows.push_back({std::string("normalised INAL"), norm});
    }
    doc.tables.push_back(std::move(summary));
    Table t{"levels", "Level contributions m_k W_k(f)",
            {{"k", "", ""}, {"W_k(f)", "", "walsh.level_weight"}, {"m_k", "", "inal.walsh_diagonal"},
             {"e_k", "", "inal.expressivity"}},
            {}, {}};
    for (unsigned k = 0; k <= n; ++k) t.rows.push_back({static_cast<long long>(k), Value(W[k]), s.m[k], s.e[k]});
    doc.tables.push_back(std::move(t));
    return doc;
  }
  Net net{widths, {}};
  for (const auto& a : acts) net.activations.push_back(parse_exact_activation(a));
  const EnumerationResult r = inal_enumerate(f, net, w, b, req.max == "inside", sign0);
  std::size_t best = 0;
  for (std::size_t l = 1; l < r.mean_square.size(); ++l)
    if (r.mean_square[l] > r.mean_square[best]) best = l;
  summary.rows.push_back({std::string("INAL = max_v E<f, NN^(v)>^2"), Value(r.mean_square[best])});
  summary.rows.push_back({std::string("attained at layer"), static_cast<long long>(best + 1)});
  summary.rows.push_back({std::string("route"), std::string("enumeration")});
  summary.rows.push_back({std::string("parameter configurations"), static_cast<long long>(r.configurations)});
  if (r.max_inside) summary.rows.push_back({std::string("E max_v <f, NN^(v)>^2 (max inside)"), Value(*r.max_inside)});
  if (req.normalised)
    summary.rows.push_back({std::string("normalised INAL (layer " + std::to_string(best + 1) + ")"),
                            Value(r.mean_square[best] / r.mean_norm[best])});
  doc.tables.push_back(std::move(summary));
  Table t{"layers", "Per-layer neuron alignment (neurons of a layer are exchangeable)",
          {{"layer", "", ""}, {"activation", "", ""}, {"E<f, NN^(v)>^2", "", "inal.definition"}, {"E||NN^(v)||^2", "", ""}},
          {}, {}};
  for (std::size_t l = 0; l < r.mean_square.size(); ++l)
    t.rows.push_back({static_cast<long long>(l + 1), acts[l], Value(r.mean_square[l]), Value(r.mean_norm[l])});
  doc.tables.push_back(std::move(t));
  return doc;
}

void add_inal(CLI::App& app, Context& ctx) {
  auto req = std::make_shared<InalRequest>();
  auto opt = std::make_shared<CommonOptions>();
  CLI::App* sub = app.add_subcommand("inal", "initial alignment of a target with a network at initialisation");
  sub->add_option("spec", req->spec, "target spec, e.g. majority:n=9 (omit with --profile)");
  sub->add_option("--act", req->act, "activation (relu, sign; Gaussian init also erf, step, arccos:p), or one per layer")
      ->capture_default_str();
  sub->add_option("--init", req->init, "weight law: gaussian[:s2=Q], rademacher[:s2=Q], finite:v@p,...[;s2=Q]")
      ->capture_default_str();
  sub->add_option("--bias", req->bias,
                  "bias law: none, gaussian:beta2=Q, const:v, rademacher:v, finite:v@p,... (finite values in units of s/sqrt(fan_in))")
      ->capture_default_str();
  sub->add_option("--level-weights", req->level_weights, "instead of a SPEC: W_0,...,W_n (\"Q*count\" repeats, e.g. 0*50,1)");
  sub->add_option("--net", req->net, "hidden widths, first layer first (default 1: one first-layer neuron)");
  sub->add_option("--route", req->route, "auto, diagonal (Walsh-diagonal), enumerate (exact average over all weights)")
      ->capture_default_str();
  sub->add_option("--max", req->max, "max over neurons outside (default) or inside the expectation")->capture_default_str();
  sub->add_flag("--normalised", req->normalised, "also divide by E||NN^(v)||^2");
  sub->add_option("--sign0", req->sign0, "sign(0): 1, 0 or -1")->capture_default_str();
  sub->add_flag("--profile", req->profile, "expressivity profile e_k(n) of a first-layer neuron instead of a target");
  sub->add_option("--n", req->n, "input dimension for --profile");
  sub->add_option("--K", req->K, "with --profile: K-expressive check up to level K");
  sub->add_option("--c", req->c, "with --K: threshold exponent c in n^-c")->capture_default_str();
  add_common_options(*sub, *opt);
  sub->callback([&ctx, req, opt] {
    ctx.action = [&ctx, req, opt] {
      req->seed = opt->seed;
      req->prec = opt->prec;
      report::Document doc = inal_document(*req);
      doc.command_line = ctx.command_line;
      emit(doc, *opt, *ctx.out);
      return 0;
    };
  });
}

}  // namespace gdcert::cli
