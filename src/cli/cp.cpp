// gdcert cp: cross-predictability of classes, orbit CP and alignment under B_n, S_n and O(n), and the
// INAL => orbit-CP certificate.
#include <algorithm>
#include <memory>
#include <optional>

#include "alignment/cp.hpp"
#include "alignment/inal.hpp"
#include "boolean/spec.hpp"
#include "boolean/walsh.hpp"
#include "cli/app.hpp"
#include "cli/common.hpp"
#include "exact/errors.hpp"

namespace gdcert::cli {

using report::Table;

namespace {

unsigned field_uint(const std::string& klass, const std::string& field, const std::string& key, unsigned max) {
  const std::string prefix = key + "=";
  if (field.rfind(prefix, 0) != 0) throw input_error("cp --class " + klass + ": expected " + key + "=N, got \"" + field + "\"");
  const Integer z = Integer::parse(field.substr(prefix.size()));
  if (z.sign() < 0 || z > Integer(static_cast<long long>(max)))
    throw input_error("cp --class " + klass + ": requires 0 <= " + key + " <= " + std::to_string(max) + ", got " + z.str());
  return static_cast<unsigned>(z.to_si());
}

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

report::Document cp_document(const CpRequest& req) {
  using namespace alignment;
  report::Document doc;
  doc.verb = "cp";
  doc.prec = req.prec;
  if (!req.klass.empty()) {
    const auto parts = split_list(req.klass, ':');
    const std::string& fam = parts[0];
    Table t{"class_cp", "Cross-predictability of the class " + req.klass, {{"quantity", "", ""}, {"value", "", ""}}, {}, {}};
    doc.parameters = {{"class", req.klass}};
    if (fam == "parities") {
      if (parts.size() < 2 || parts.size() > 3) throw input_error("cp --class: expected parities:n=N[:k=K]");
      const unsigned n = field_uint(req.klass, parts[1], "n", 1u << 20);
      if (parts.size() == 3) {
        const unsigned k = field_uint(req.klass, parts[2], "k", n);
        t.columns[1].formula_id = "cp.parities_degree";
        t.rows.push_back({std::string("CP (uniform degree-" + std::to_string(k) + " parities, n = " + std::to_string(n) + ")"),
                          Value(cp_parities_degree(n, k))});
        t.rows.push_back({std::string("class size C(n,k)"), Value(Integer::binomial(n, k))});
        // The [AS20] budget factor CP^{-1/4} = C(n,k)^{1/4}.
        Ball b = to_ball(Rational(Integer::binomial(n, k)), req.prec);
        arb_root_ui(b.get(), b.get(), 4, req.prec);
        t.rows.push_back({std::string("CP^(-1/4) = C(n,k)^(1/4)"), Value(b, req.prec)});
      } else {
        t.columns[1].formula_id = "cp.all_parities";
        t.rows.push_back({std::string("CP (all 2^n parities, n = " + std::to_string(n) + ")"), Value(cp_all_parities(n))});
      }
    } else if (fam == "random") {
      if (parts.size() != 2) throw input_error("cp --class: expected random:n=N");
      const unsigned n = field_uint(req.klass, parts[1], "n", 1u << 20);
      t.columns[1].formula_id = "cp.random";
      t.rows.push_back({std::string("CP (uniformly random Boolean functions, n = " + std::to_string(n) + ")"),
                        Value(cp_random_functions(n))});
    } else if (fam == "list") {
      const std::string rest = req.klass.substr(5);
      std::vector<boolean::CubeFunction> fs;
      for (const auto& spec : split_list(rest, ';')) fs.push_back(boolean::parse_spec(spec, req.seed).function);
      t.columns[1].formula_id = "cp.definition";
      t.rows.push_back({std::string("CP (uniform over " + std::to_string(fs.size()) + " listed functions)"), Value(cp_list(fs))});
    } else {
      throw input_error("cp --class: unknown class \"" + fam + "\" (known: parities:n=N[:k=K], random:n=N, list:SPEC;SPEC;...)");
    }
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

report::Document msp_document(const std::string& spec, const std::string& support_text, std::uint64_t seed);

void add_cp(CLI::App& app, Context& ctx) {
  auto req = std::make_shared<CpRequest>();
  auto opt = std::make_shared<CommonOptions>();
  CLI::App* sub = app.add_subcommand("cp", "cross-predictability and G-alignment, exact");
  sub->add_option("spec", req->spec, "function spec (orbit statistics)");
  sub->add_option("--group", req->group, "Bn, Sn, all (cube) or On (sphere, with --n and --weights)")->capture_default_str();
  sub->add_option("--level-weights", req->level_weights, "instead of a SPEC: W_0,...,W_n (\"Q*count\" repeats, e.g. 0*50,1)");
  sub->add_option("--class", req->klass, "a class: parities:n=N[:k=K], random:n=N, list:SPEC;SPEC;...");
  sub->add_option("--n", req->n, "dimension for --group On");
  sub->add_option("--weights", req->weights, "spherical-harmonic level weights W_0,W_1,... for --group On");
  sub->add_option("--certificate", req->certificate_init, "INAL => CP_Bn certificate under this init law (e.g. gaussian)");
  sub->add_option("--act", req->certificate_act, "activation of the certificate's neuron")->capture_default_str();
  sub->add_option("--bias", req->certificate_bias, "bias law of the certificate's neuron")->capture_default_str();
  sub->add_option("--levels", req->levels, "levels J of the certificate (default 0,1,2)");
  add_common_options(*sub, *opt);
  sub->callback([&ctx, req, opt] {
    ctx.action = [&ctx, req, opt] {
      req->seed = opt->seed;
      req->prec = opt->prec;
      report::Document doc = cp_document(*req);
      doc.command_line = ctx.command_line;
      emit(doc, *opt, *ctx.out);
      return 0;
    };
  });
}

}  // namespace gdcert::cli
