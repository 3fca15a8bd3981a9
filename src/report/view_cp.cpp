// gdcert cp: cross-predictability of classes, orbit CP and alignment under B_n, S_n and O(n), and the
// INAL => orbit-CP certificate.
#include <algorithm>
#include <memory>
#include <optional>

#include "alignment/cp.hpp"
#include "api/cp.hpp"
#include "alignment/inal.hpp"
#include "boolean/spec.hpp"
#include "boolean/walsh.hpp"
#include "report/views.hpp"
#include "exact/text.hpp"
#include "exact/errors.hpp"

namespace gdcert::report {


namespace {

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

}  // namespace

Document cp_document(const CpRequest& req) {
  using namespace alignment;
  Document doc;
  doc.verb = "cp";
  doc.prec = req.prec;
  if (!req.klass.empty()) {
    const api::ClassCp c = api::class_cp(req.klass, req.seed, req.prec);
    doc.parameters.assign(c.parameters.begin(), c.parameters.end());
    Table t{"class_cp", "Cross-predictability of the class " + req.klass, {{"quantity", "", ""}, {"value", "", c.cp.formula}}, {}, {}};
    t.rows.push_back({c.description, c.cp.value});
    if (c.class_size) t.rows.push_back({std::string("class size C(n,k)"), c.class_size->value});
    if (c.budget_factor) t.rows.push_back({std::string("CP^(-1/4) = C(n,k)^(1/4)"), c.budget_factor->value});
    doc.tables.push_back(std::move(t));
    return doc;
  }

  if (req.group == "On") {
    if (req.n < 2 || req.weights.empty()) throw input_error("cp --group On: requires --n N >= 2 and --weights W0,W1,...");
    std::vector<Rational> w;
    for (const auto& s : split_list(req.weights, ',')) {
      w.push_back(Rational::parse(s));
      if (w.back().sign() < 0) throw input_error("cp --weights: requires W_l >= 0, got " + s);
    }
    doc.parameters = {{"group", "On"}, {"n", std::to_string(req.n)}, {"weights", req.weights}};
    Table t{"orbit_on", "Orbit CP and alignment under O(" + std::to_string(req.n) + ") on the sphere",
            {{"quantity", "", ""}, {"value", "", "cp.on_closed"}}, {}, {}};
    t.rows.push_back({std::string("CP_O(n)"), Value(cp_on(req.n, w))});
    t.rows.push_back({std::string("A_O(n)"), Value(alignment_on(req.n, w))});
    doc.tables.push_back(std::move(t));
    Table d{"harmonic_dimensions", "Dimensions N(n,l) of spherical harmonics", {{"l", "", ""}, {"N(n,l)", "", "cp.harmonic_dimension"}}, {}, {}};
    for (unsigned l = 0; l < w.size(); ++l) d.rows.push_back({static_cast<long long>(l), Value(harmonic_dimension(req.n, l))});
    doc.tables.push_back(std::move(d));
    return doc;
  }
  if (req.group != "Bn" && req.group != "Sn" && req.group != "all")
    throw input_error("cp --group: requires Bn, Sn, all or On, got \"" + req.group + "\"");
  if (req.spec.empty() && req.level_weights.empty()) throw usage_error("cp: requires a SPEC, --level-weights, --class or --group On");
  if (!req.spec.empty() && !req.level_weights.empty()) throw usage_error("cp: give a SPEC or --level-weights, not both");
  const bool from_w = !req.level_weights.empty();
  std::optional<boolean::ParsedSpec> ps;
  std::vector<Rational> W;
  if (from_w) {
    W = parse_level_weights(req.level_weights);
    if (req.group == "Sn") throw domain_error("cp --group Sn: CP_Sn has no closed form in the level weights; give a SPEC");
  } else {
    ps = boolean::parse_spec(req.spec, req.seed);
    W = boolean::walsh_spectrum(ps->function).level_weights();
  }
  const unsigned n = static_cast<unsigned>(W.size() - 1);
  Rational norm2(0);
  for (const auto& x : W) norm2 += x;
  const std::string what = from_w ? "level weights " + req.level_weights : ps->canonical;
  doc.parameters = {{from_w ? "level_weights" : "spec", from_w ? req.level_weights : ps->canonical}, {"n", std::to_string(n)},
                    {"group", req.group}};
  if (!from_w) doc.seed = req.seed;
  Table t{"orbit", "Orbit cross-predictability and alignment of " + what,
          {{"quantity", "", ""}, {"value", "", ""}, {"formula", "", ""}}, {}, {}};
  t.rows.push_back({std::string("||f||^2"), Value(norm2), std::string("walsh.parseval")});
  t.rows.push_back({std::string("CP single function = ||f||^4"), Value(norm2 * norm2), std::string("cp.single")});
  if (req.group != "Sn") {
    t.rows.push_back({std::string("CP_Bn = sum_j W_j^2/C(n,j)"), Value(cp_bn(W)), std::string("cp.bn_closed")});
    t.rows.push_back({std::string("A_Bn = max_j W_j/C(n,j)"), Value(alignment_bn(W)), std::string("align.bn_closed")});
  }
  if (req.group != "Bn" && !from_w) {
    const auto& f = ps->function;
    if (n <= 9) t.rows.push_back({std::string("CP_Sn (group average)"), Value(cp_sn(f)), std::string("cp.group_average")});
    else if (req.group == "Sn") cp_sn(f);  // throws the cost message
    else t.notes.push_back("CP_Sn skipped: the exact group average needs n <= 9 (cost n! 2^n)");
    if (n <= 7) {
      const AlgebraicBall a = alignment_sn(f, req.prec);
      t.rows.push_back({std::string("A_Sn = lambda_max(K_f)"), a.exact ? Value(*a.exact) : Value(a.ball, a.prec),
                        std::string("align.group_average")});
      if (!a.exact) t.notes.push_back("A_Sn is the largest root of " + poly_str(a.minimal_polynomial) + " (irreducible over Q)");
    } else {
      t.notes.push_back("A_Sn skipped: the exact kernel spectrum needs n <= 7 (a 2^n x 2^n characteristic polynomial)");
    }
  }
  doc.tables.push_back(std::move(t));

  if (!req.certificate_init.empty()) {
    const WeightLaw w = parse_weight_law(req.certificate_init);
    const BiasLaw b = parse_bias_law(req.certificate_bias);
    const NeuronSpectrum s = first_layer_spectrum(n, req.certificate_act, w, b, 1, req.prec);
    const Value inal = inal_from_spectrum(s, W, req.prec);
    std::vector<unsigned> J;
    for (const auto& x : split_list(req.levels.empty() ? "0,1,2" : req.levels, ',')) {
      const Integer z = Integer::parse(x);
      if (z.sign() < 0 || z > Integer(static_cast<long long>(n))) throw input_error("cp --levels: requires levels in 0..n, got " + x);
      J.push_back(static_cast<unsigned>(z.to_si()));
    }
    const Rational threshold(1, 2);
    const Certificate c = inal_cp_certificate(W, inal, s.e, J, threshold, req.prec);
    Table ct{"certificate", "INAL => orbit-CP certificate (first-layer " + req.certificate_act + ", init " + w.name() + ", bias " + b.name() + ")",
             {{"quantity", "", ""}, {"value", "", "cp.inal_certificate"}}, {}, {}};
    ct.rows.push_back({std::string("INAL"), inal});
    ct.rows.push_back({std::string("J"), req.levels.empty() ? std::string("0,1,2") : req.levels});
    ct.rows.push_back({std::string("INAL / min_J e_j"), c.first_term});
    ct.rows.push_back({std::string("||f||^2 max_{j not in J, W_j > 0} 1/C(n,j)"), Value(c.second_term)});
    ct.rows.push_back({std::string("bound on CP_Bn"), c.bound});
    ct.rows.push_back({std::string("CP_Bn (exact)"), Value(cp_bn(W))});
    ct.rows.push_back({std::string("status"), std::string(c.vacuous ? "VACUOUS" : "valid")});
    if (c.vacuous) ct.notes.push_back("warning: " + c.note);
    doc.tables.push_back(std::move(ct));
  }
  return doc;
}

Document msp_document(const std::string& spec, const std::string& support_text, std::uint64_t seed);

}  // namespace gdcert::report
