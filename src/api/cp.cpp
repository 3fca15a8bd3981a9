#include "api/cp.hpp"

#include <vector>

#include "alignment/cp.hpp"
#include "alignment/inal.hpp"
#include "api/precision.hpp"
#include "boolean/spec.hpp"
#include "boolean/walsh.hpp"
#include "exact/errors.hpp"
#include "exact/text.hpp"

namespace gdcert::api {

namespace {

using namespace alignment;

unsigned field_uint(const std::string& klass, const std::string& field, const std::string& key, unsigned max) {
  const std::string prefix = key + "=";
  if (field.rfind(prefix, 0) != 0) throw input_error("cp --class " + klass + ": expected " + key + "=N, got \"" + field + "\"");
  const Integer z = Integer::parse(field.substr(prefix.size()));
  if (z.sign() < 0 || z > Integer(static_cast<long long>(max)))
    throw input_error("cp --class " + klass + ": requires 0 <= " + key + " <= " + std::to_string(max) + ", got " + z.str());
  return static_cast<unsigned>(z.to_si());
}

/** An integer polynomial, highest degree first, as "3*x^2 - x + 1". */
std::string poly_str(const std::vector<Integer>& c) {
  std::string s;
  const std::size_t d = c.size() - 1;
  for (std::size_t i = 0; i < c.size(); ++i) {
    if (c[i].is_zero()) continue;
    const std::size_t p = d - i;
    std::string coef = c[i].str();
    if (!s.empty()) s += c[i].sign() < 0 ? " - " : " + ";
    else if (c[i].sign() < 0) s += "-";
    if (coef[0] == '-') coef = coef.substr(1);
    if (coef != "1" || p == 0) s += coef + (p ? "*" : "");
    if (p) s += p == 1 ? "x" : "x^" + std::to_string(p);
  }
  return s;
}

/** A cube target resolved: its level weights, and its function when given as a spec. */
struct Target {
  std::optional<boolean::ParsedSpec> spec;
  std::vector<Rational> W;
  unsigned n = 0;
  Rational norm2;
};

Target resolve_target(const CpRequest& req) {
  if (req.spec.empty() && req.level_weights.empty()) throw usage_error("cp: requires a SPEC, --level-weights, --class or --group On");
  if (!req.spec.empty() && !req.level_weights.empty()) throw usage_error("cp: give a SPEC or --level-weights, not both");
  Target t;
  if (!req.level_weights.empty()) {
    t.W = parse_level_weights(req.level_weights);
  } else {
    t.spec = boolean::parse_spec(req.spec, req.seed);
    t.W = boolean::walsh_spectrum(t.spec->function).level_weights();
  }
  t.n = static_cast<unsigned>(t.W.size() - 1);
  t.norm2 = Rational(0);
  for (const auto& x : t.W) t.norm2 += x;
  return t;
}

void check_group(const std::string& group) {
  if (group != "Bn" && group != "Sn" && group != "all")
    throw input_error("cp --group: requires Bn, Sn, all or On, got \"" + group + "\"");
}

void check_sn_target(const CpRequest& req, const Target& t) {
  if (req.group == "Sn" && !t.spec) throw domain_error("cp --group Sn: CP_Sn has no closed form in the level weights; give a SPEC");
}

Result align_sn_result(const AlgebraicBall& a, std::vector<Integer>* minimal_polynomial) {
  if (minimal_polynomial) *minimal_polynomial = a.minimal_polynomial;
  return {a.exact ? Value(*a.exact) : Value(a.ball, a.prec), "align.group_average"};
}

OrbitStats orbit_of(const Target& t, const CpRequest& req) {
  OrbitStats o;
  const bool from_w = !t.spec;
  o.from_level_weights = from_w;
  o.n = t.n;
  o.target = from_w ? "level weights " + req.level_weights : t.spec->canonical;
  o.parameters = {{from_w ? "level_weights" : "spec", from_w ? req.level_weights : t.spec->canonical},
                  {"n", std::to_string(t.n)}, {"group", req.group}, {"prec", std::to_string(req.prec)}};
  if (!from_w) o.parameters["seed"] = std::to_string(req.seed);
  for (const auto& w : t.W) o.level_weights.push_back({Value(w), "walsh.level_weight"});
  o.norm2 = {Value(t.norm2), "walsh.parseval"};
  o.cp_single = {Value(t.norm2 * t.norm2), "cp.single"};
  if (req.group != "Sn") {
    o.cp_bn = Result{Value(cp_bn(t.W)), "cp.bn_closed"};
    o.align_bn = Result{Value(alignment_bn(t.W)), "align.bn_closed"};
  }
  if (req.group == "Bn" || from_w) return o;
  const boolean::CubeFunction& f = t.spec->function;
  // CP_Sn: asked for explicitly (--group Sn) beyond its cost limit it is an error; implicitly (all) it is skipped.
  if (t.n <= kMaxCpSnN || req.group == "Sn") {
    o.cp_sn = Result{Value(cp_sn(f)), "cp.group_average"};  // resource_error beyond the limit
  } else {
    o.skipped.push_back({OrbitStatistic::cp_sn, "the exact group average needs n <= 9 (cost n! 2^n)"});
    o.notes.push_back("CP_Sn skipped: " + o.skipped.back().reason);
  }
  if (t.n <= kMaxAlignSnN) {
    const AlgebraicBall a = alignment_sn(f, req.prec);
    o.align_sn = align_sn_result(a, &o.align_sn_minimal_polynomial);
    if (!a.exact) o.notes.push_back("A_Sn is the largest root of " + poly_str(a.minimal_polynomial) + " (irreducible over Q)");
  } else {
    o.skipped.push_back({OrbitStatistic::align_sn,
                         "the exact kernel spectrum needs n <= 7 (a 2^n x 2^n characteristic polynomial)"});
    o.notes.push_back("A_Sn skipped: " + o.skipped.back().reason);
  }
  return o;
}

OrbitCertificate certificate_of(const Target& t, const CpRequest& req) {
  if (req.certificate_init.empty()) throw usage_error("cp: the certificate requires --certificate LAW (the neuron's init law)");
  const WeightLaw w = parse_weight_law(req.certificate_init);
  const BiasLaw b = parse_bias_law(req.certificate_bias);
  const NeuronSpectrum s = first_layer_spectrum(t.n, req.certificate_act, w, b, 1, req.prec);
  const Value inal = inal_from_spectrum(s, t.W, req.prec);
  OrbitCertificate c;
  c.levels_text = req.levels.empty() ? "0,1,2" : req.levels;
  for (const auto& x : split_list(c.levels_text, ',')) {
    const Integer z = Integer::parse(x);
    if (z.sign() < 0 || z > Integer(static_cast<long long>(t.n))) throw input_error("cp --levels: requires levels in 0..n, got " + x);
    c.levels.push_back(static_cast<unsigned>(z.to_si()));
  }
  const Certificate k = inal_cp_certificate(t.W, inal, s.e, c.levels, certificate_vacuous_threshold(), req.prec);
  c.activation = req.certificate_act;
  c.init = w.name();
  c.bias = b.name();
  c.parameters = {{"certificate", c.init}, {"activation", c.activation}, {"bias", c.bias}, {"levels", c.levels_text},
                  {"prec", std::to_string(req.prec)}};
  c.inal = {inal, "inal.walsh_diagonal"};
  c.first_term = {k.first_term, "cp.inal_certificate"};
  c.second_term = {Value(k.second_term), "cp.inal_certificate"};
  c.bound = {k.bound, "cp.inal_certificate"};
  c.cp_bn = {Value(cp_bn(t.W)), "cp.bn_closed"};
  c.worst_level = k.worst_level;
  c.vacuous = k.vacuous;
  c.note = k.note;
  return c;
}

std::vector<Rational> parse_sphere_weights(const std::string& text) {
  std::vector<Rational> w;
  for (const auto& tok : split_list(text, ',')) {
    const std::size_t star = tok.find('*');
    const std::string v = tok.substr(0, star);
    const Rational q = Rational::parse(v);
    if (q.sign() < 0) throw input_error("cp --weights: requires W_l >= 0, got " + v);
    long long count = 1;
    if (star != std::string::npos) {
      const Integer z = Integer::parse(tok.substr(star + 1));
      if (z.sign() <= 0 || z > Integer(4096)) throw input_error("cp --weights: requires repeat counts in 1..4096, got " + z.str());
      count = z.to_si();
    }
    for (long long i = 0; i < count; ++i) w.push_back(q);
    if (w.size() > 4097) throw input_error("cp --weights: requires at most 4097 weights (l <= 4096)");
  }
  return w;
}

}  // namespace

Rational certificate_vacuous_threshold() { return Rational(1, 2); }

ClassCp class_cp(const std::string& klass, std::uint64_t seed, long prec) {
  check_prec(prec);
  const auto parts = split_list(klass, ':');
  const std::string& fam = parts[0];
  ClassCp c;
  c.parameters = {{"class", klass}};
  if (fam == "parities") {
    if (parts.size() < 2 || parts.size() > 3) throw input_error("cp --class: expected parities:n=N[:k=K]");
    const unsigned n = field_uint(klass, parts[1], "n", 1u << 20);
    if (parts.size() == 3) {
      const unsigned k = field_uint(klass, parts[2], "k", n);
      c.description = "CP (uniform degree-" + std::to_string(k) + " parities, n = " + std::to_string(n) + ")";
      c.cp = {Value(cp_parities_degree(n, k)), "cp.parities_degree"};
      c.class_size = Result{Value(Integer::binomial(n, k)), ""};
      // The [AS20] budget factor CP^{-1/4} = C(n,k)^{1/4}.
      Ball b = to_ball(Rational(Integer::binomial(n, k)), prec);
      arb_root_ui(b.get(), b.get(), 4, prec);
      c.budget_factor = Result{Value(b, prec), "cp.parities_degree"};
    } else {
      c.description = "CP (all 2^n parities, n = " + std::to_string(n) + ")";
      c.cp = {Value(cp_all_parities(n)), "cp.all_parities"};
    }
  } else if (fam == "random") {
    if (parts.size() != 2) throw input_error("cp --class: expected random:n=N");
    const unsigned n = field_uint(klass, parts[1], "n", 1u << 20);
    c.description = "CP (uniformly random Boolean functions, n = " + std::to_string(n) + ")";
    c.cp = {Value(cp_random_functions(n)), "cp.random"};
  } else if (fam == "list") {
    std::vector<boolean::CubeFunction> fs;
    for (const auto& spec : split_list(klass.substr(5), ';')) fs.push_back(boolean::parse_spec(spec, seed).function);
    c.description = "CP (uniform over " + std::to_string(fs.size()) + " listed functions)";
    c.cp = {Value(cp_list(fs)), "cp.definition"};
  } else {
    throw input_error("cp --class: unknown class \"" + fam + "\" (known: parities:n=N[:k=K], random:n=N, list:SPEC;SPEC;...)");
  }
  return c;
}

OrbitStats orbit_stats(const CpRequest& req) {
  if (req.group == "On") throw usage_error("cp --group On: the sphere's statistics come from sphere_stats (--n, --weights)");
  check_group(req.group);
  check_prec(req.prec);
  const Target t = resolve_target(req);
  check_sn_target(req, t);
  return orbit_of(t, req);
}

Result orbit_statistic(OrbitStatistic s, const CpRequest& req) {
  check_prec(req.prec);
  const Target t = resolve_target(req);
  if ((s == OrbitStatistic::cp_sn || s == OrbitStatistic::align_sn) && !t.spec)
    throw domain_error(std::string(s == OrbitStatistic::cp_sn ? "cp_sn" : "alignment_sn") +
                       ": requires a SPEC (the S_n statistics have no closed form in the level weights)");
  switch (s) {
    case OrbitStatistic::cp_bn: return {Value(cp_bn(t.W)), "cp.bn_closed"};
    case OrbitStatistic::align_bn: return {Value(alignment_bn(t.W)), "align.bn_closed"};
    case OrbitStatistic::cp_sn: return {Value(cp_sn(t.spec->function)), "cp.group_average"};  // resource_error for n > 9
    case OrbitStatistic::align_sn: return align_sn_result(alignment_sn(t.spec->function, req.prec), nullptr);
  }
  throw std::logic_error("internal: orbit_statistic: unknown statistic");
}

SphereStats sphere_stats(unsigned n, const std::string& weights) {
  if (n < 2 || weights.empty()) throw input_error("cp --group On: requires --n N >= 2 and --weights W0,W1,...");
  const std::vector<Rational> w = parse_sphere_weights(weights);
  SphereStats o;
  o.n = n;
  o.parameters = {{"group", "On"}, {"n", std::to_string(n)}, {"weights", weights}};
  for (const auto& x : w) o.weights.push_back({Value(x), ""});
  o.cp = {Value(cp_on(n, w)), "cp.on_closed"};
  o.alignment = {Value(alignment_on(n, w)), "cp.on_closed"};
  for (unsigned l = 0; l < w.size(); ++l) o.harmonic_dimensions.push_back({Value(harmonic_dimension(n, l)), "cp.harmonic_dimension"});
  return o;
}

OrbitCertificate orbit_certificate(const CpRequest& req) {
  check_prec(req.prec);
  return certificate_of(resolve_target(req), req);
}

CpResult cp(const CpRequest& req) {
  CpResult r;
  if (!req.klass.empty()) {
    r.klass = class_cp(req.klass, req.seed, req.prec);
    return r;
  }
  if (req.group == "On") {
    r.sphere = sphere_stats(req.n, req.weights);
    return r;
  }
  check_group(req.group);
  check_prec(req.prec);
  const Target t = resolve_target(req);
  check_sn_target(req, t);
  r.orbit = orbit_of(t, req);
  if (!req.certificate_init.empty()) r.certificate = certificate_of(t, req);
  return r;
}

}  // namespace gdcert::api
