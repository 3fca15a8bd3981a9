#include "api/width.hpp"

#include <Eigen/Dense>

#include "api/precision.hpp"
#include "sim/two_layer.hpp"
#include "exact/errors.hpp"
#include "width/eigen_enclosure.hpp"
#include "width/formulas.hpp"
#include "width/gram.hpp"
#include "width/ldlt.hpp"
#include "width/margin.hpp"

namespace gdcert::api {

namespace {

Ball ball_of(const Value& v, slong prec) { return v.kind() == Kind::exact ? to_ball(v.exact(), prec) : v.ball(); }

/** a <= b: exact when both are exact, else certified on balls (undecided when the balls overlap). */
Verdict le(const Value& a, const Value& b, slong prec) {
  if (a.kind() == Kind::exact && b.kind() == Kind::exact) return a.exact() <= b.exact() ? Verdict::yes : Verdict::no;
  const Ball x = ball_of(a, prec), y = ball_of(b, prec);
  if (certainly_le(x, y)) return Verdict::yes;
  if (certainly_lt(y, x)) return Verdict::no;
  return Verdict::undecided;
}

Rational parse_positive(const std::string& text, const char* what) {
  const Rational r = Rational::parse(text);
  if (r.sign() <= 0) throw domain_error(std::string("width ") + what + ": requires > 0, got " + r.str());
  return r;
}

width::WidthInputs inputs_of(const WidthRequest& req) {
  width::WidthInputs in;
  in.delta = Rational::parse(req.delta);
  in.eps = Rational::parse(req.eps);
  in.eta = Rational::parse(req.eta);
  in.p = req.p;
  return in;
}

void common_params(Params& p, const WidthRequest& req, const width::DataSet& d, long prec) {
  p["data"] = d.spec;
  p["labels"] = d.label_spec.empty() ? "none" : d.label_spec;
  p["n"] = std::to_string(d.size());
  p["d"] = std::to_string(d.dim());
  p["both_layers"] = req.both_layers ? "yes" : "no";
  p["prec"] = std::to_string(prec);
}

Value sqrt_value(const Value& v, slong prec) {
  Ball b = ball_of(v, prec + 16);
  arb_sqrt(b.get(), b.get(), prec);
  return Value(b, prec);
}

}  // namespace

width::DataSet width_data(const WidthRequest& req) {
  width::DataSet d = width::parse_data_spec(req.data, req.seed);
  if (!req.labels.empty()) width::apply_label_spec(d, req.labels, req.seed);
  return d;
}

WidthGram width_gram(const WidthRequest& req, long prec) {
  check_prec(prec);
  const width::DataSet d = width_data(req);
  const width::GramMatrix g = width::h_inf_matrix(d.points, req.both_layers, prec);
  WidthGram r;
  common_params(r.parameters, req, d, prec);
  r.n = d.size();
  r.d = d.dim();
  r.exact = g.exact;
  const char* id = "width.h_inf_entry";
  for (slong i = 0; i < static_cast<slong>(r.n); ++i) {
    std::vector<Result> row;
    for (slong j = 0; j < static_cast<slong>(r.n); ++j)
      row.push_back({g.exact ? Value(g.exact_matrix.at(i, j)) : Value(g.ball_matrix.at(i, j), prec), id});
    r.entries.push_back(std::move(row));
  }
  if (req.finite_width > 0) {
    if (req.both_layers) throw usage_error("width gram --finite-width: H(0) is the hidden-layer Gram matrix (drop --both-layers)");
    std::vector<double> X;
    for (const auto& p : d.points)
      for (const auto& c : p) X.push_back(c.to_double());
    const auto net = sim::init_two_layer(req.finite_width, d.dim(), req.coupled, req.seed);
    const auto H0 = sim::finite_gram(net, X, d.size());
    Eigen::MatrixXd diff(static_cast<Eigen::Index>(r.n), static_cast<Eigen::Index>(r.n));
    for (std::size_t i = 0; i < r.n; ++i) {
      std::vector<Result> row;
      for (std::size_t j = 0; j < r.n; ++j) {
        row.push_back({Value::from_double(H0[i * r.n + j]), "width.finite_gram"});
        const Value& h = r.entries[i][j].value;
        diff(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) =
            H0[i * r.n + j] - (h.kind() == Kind::exact ? h.exact().to_double() : h.ball().mid_double());
      }
      r.finite.push_back(std::move(row));
    }
    Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(diff, Eigen::EigenvaluesOnly);
    r.finite_deviation = Result{Value::from_double(es.eigenvalues().cwiseAbs().maxCoeff()), "width.finite_gram"};
    r.parameters["finite_width"] = std::to_string(req.finite_width);
    r.parameters["init"] = req.coupled ? "coupled" : "independent";
    r.parameters["seed"] = std::to_string(req.seed);
  }
  return r;
}

WidthLambda width_lambda(const WidthRequest& req, long prec) {
  check_prec(prec);
  const width::DataSet d = width_data(req);
  const width::GramMatrix g = width::h_inf_matrix(d.points, req.both_layers, prec);
  WidthLambda r;
  common_params(r.parameters, req, d, prec);
  r.parameters["method"] = req.method;
  r.n = d.size();
  r.exact = g.exact && d.size() <= kMaxExactLdltN;
  if (r.exact) {
    const width::Ldlt l = width::ldlt_exact(g.exact_matrix);
    for (const auto& p : l.pivots) r.pivots.push_back({Value(p), "width.ldlt"});
    r.verdict = std::string(width::to_string(l.verdict));
    r.first_zero_pivot = l.first_zero_pivot;
    r.rank = l.rank;
    if (l.min_pivot) r.min_pivot = Result{Value(*l.min_pivot), "width.ldlt"};
    r.max_pivot_numerator_bits = l.max_pivot_numerator_bits;
    if (static_cast<slong>(r.n) <= width::kMaxCharpolyN) {
      const width::MinEigenvalue m = width::lambda_min_exact(g.exact_matrix, prec);
      r.lambda0_exact = Result{m.exact ? Value(*m.exact) : Value(m.ball, prec), "width.lambda_min_exact"};
      r.minimal_polynomial = m.minimal_polynomial;
    }
  }
  const width::EigenEnclosure e =
      width::lambda_min_enclosure(g.ball_matrix, prec, width::parse_enclosure_method(req.method));
  r.lower = {Value(e.lower, prec), "width.lambda_min_enclosure"};
  r.upper = {Value(e.upper, prec), "width.lambda_min_enclosure"};
  r.lambda0_enclosure = {Value(e.lambda, prec), "width.lambda_min_enclosure"};
  r.enclosure_width = e.width;
  r.approx = e.approx;
  r.method = std::string(width::to_string(e.method));
  r.lambda0 = r.lambda0_exact ? *r.lambda0_exact : r.lambda0_enclosure;
  // Oymak-Soltanolkotabi: delta_sep^2 = min_{i != j} (2 - 2|rho_ij|) for unit data
  bool unit = true;
  for (const auto& x : d.points) unit = unit && width::dot(x, x) == Rational(1);
  if (unit && d.size() >= 2) {
    std::optional<Rational> sep2;
    for (std::size_t i = 0; i < d.size(); ++i)
      for (std::size_t j = 0; j < i; ++j) {
        const Rational s = Rational(2) - Rational(2) * abs(width::dot(d.points[i], d.points[j]));
        if (!sep2 || s < *sep2) sep2 = s;
      }
    Ball b = to_ball(*sep2, prec + 16);
    arb_sqrt(b.get(), b.get(), prec + 16);
    const Rational den(static_cast<long long>(100) * static_cast<long long>(d.size()) * static_cast<long long>(d.size()));
    Ball dn = to_ball(den, prec + 16);
    arb_div(b.get(), b.get(), dn.get(), prec);
    r.os20_lower = Result{Value(b, prec), "os20.lambda_lower"};
  }
  return r;
}

WidthMargin width_margin(const WidthRequest& req, long prec) {
  check_prec(prec);
  const width::DataSet d = width_data(req);
  if (d.labels.empty()) throw usage_error("width margin: requires labels (--labels alt|random|separable:u=...|list:...|file)");
  if (d.size() > kMaxMarginN)
    throw resource_error("width margin: requires n <= " + std::to_string(kMaxMarginN) + " (the simplex QP), got n = " +
                         std::to_string(d.size()));
  const width::GramMatrix g = width::h_inf_matrix(d.points, req.both_layers, prec);
  WidthMargin r;
  common_params(r.parameters, req, d, prec);
  r.n = d.size();
  r.labels = d.labels;
  r.exact = g.exact;
  const Value n_val(Rational(static_cast<long long>(r.n)));
  // lambda0: exact when possible, else the certified enclosure
  WidthRequest lr = req;
  const WidthLambda lam = width_lambda(lr, prec);
  if (lam.lambda0.value.kind() == Kind::exact)
    r.lambda0_over_n = {Value(lam.lambda0.value.exact() / n_val.exact()), "width.margin_chain"};
  else {
    Ball b = ball_of(lam.lambda0.value, prec);
    arb_div_ui(b.get(), b.get(), static_cast<ulong>(r.n), prec);
    r.lambda0_over_n = {Value(b, prec), "width.margin_chain"};
  }
  if (g.exact) {
    const width::SimplexQp q = width::simplex_qp_exact(width::signed_matrix(g.exact_matrix, d.labels));
    r.gamma2_squared = {Value(q.value), "width.gamma2_squared"};
    for (const auto& v : q.q) r.q.push_back({Value(v), "width.gamma2_squared"});
    for (const auto& v : q.Aq) r.Aq.push_back({Value(v), "width.margin_chain"});
    r.support = q.support;
    Rational w = q.Aq.front();
    for (const auto& v : q.Aq) w = v < w ? v : w;
    r.witness = {Value(w), "width.margin_chain"};
    r.kkt_verified = q.kkt_verified;
    r.method = "exact active set, KKT verified over Q";
  } else {
    const width::SimplexQpBall q = width::simplex_qp_ball(width::signed_matrix(g.ball_matrix, d.labels), prec);
    r.gamma2_squared = {Value(q.value, prec), "width.gamma2_squared"};
    for (const auto& v : q.q) r.q.push_back({Value(v, prec), "width.gamma2_squared"});
    r.support = q.support;
    r.witness = {Value(q.witness, prec), "width.margin_chain"};
    r.kkt_verified = q.kkt_certified;
    r.method = q.method;
    const BallMatrix A = width::signed_matrix(g.ball_matrix, d.labels);
    for (slong j = 0; j < static_cast<slong>(r.n); ++j) {
      Ball s;
      for (slong i = 0; i < static_cast<slong>(r.n); ++i)
        arb_addmul(s.get(), A.entry(j, i), q.q[static_cast<std::size_t>(i)].get(), prec);
      r.Aq.push_back({Value(s, prec), "width.margin_chain"});
    }
  }
  r.gamma2 = {sqrt_value(r.gamma2_squared.value, prec), "width.gamma2_squared"};
  Rational qsum;
  bool q_exact = true;
  for (const auto& v : r.q) {
    if (v.value.kind() == Kind::exact) qsum += v.value.exact();
    else q_exact = false;
  }
  r.witness_norm_bound = {q_exact ? Value(qsum) : Value(Rational(1)), "width.margin_chain"};
  r.chain.push_back({"lambda0/n <= gamma_2^2", r.lambda0_over_n, r.gamma2_squared,
                     le(r.lambda0_over_n.value, r.gamma2_squared.value, prec)});
  r.chain.push_back({"gamma_2^2 <= min_j (D_y H D_y q*)_j (witness margin <= gamma)", r.gamma2_squared, r.witness,
                     le(r.gamma2_squared.value, r.witness.value, prec)});
  r.chain.push_back({"sup_z |v(z)| <= sum q* = 1 (witness feasible)", r.witness_norm_bound, {Value(Rational(1)), ""},
                     le(r.witness_norm_bound.value, Value(Rational(1)), prec)});
  r.chain.push_back({"witness margin <= gamma_2 (gamma <= gamma_2)", r.witness, r.gamma2, le(r.witness.value, r.gamma2.value, prec)});
  // Linear margin: gamma_bar^2 = min_q |sum q_i y_i x_i|^2 (exact, the same QP on the inner products).
  if (d.size() <= 400) {
    bool unit = true;
    for (const auto& x : d.points) unit = unit && width::dot(x, x) <= Rational(1);
    const width::SimplexQp lin = width::simplex_qp_exact(width::signed_matrix(width::inner_product_matrix(d.points), d.labels));
    r.linear_margin_squared = Result{Value(lin.value), "width.linear_margin"};
    if (unit && lin.value.sign() > 0) {
      Value half = sqrt_value(Value(lin.value / Rational(4)), prec);
      r.linear_gamma_lower = Result{half, "width.linear_margin"};
      r.chain.push_back({"gamma_bar/2 <= gamma_2 (linear separability, |x| <= 1)", *r.linear_gamma_lower, r.gamma2,
                         le(Value(lin.value / Rational(4)), r.gamma2_squared.value, prec)});
    }
  }
  return r;
}

WidthFormulas width_formulas(const WidthRequest& req, long prec) {
  check_prec(prec);
  WidthFormulas r;
  width::WidthInputs in = inputs_of(req);
  r.parameters["delta"] = in.delta.str();
  r.parameters["eps"] = in.eps.str();
  r.parameters["eta"] = in.eta.str();
  r.parameters["p"] = std::to_string(in.p);
  r.parameters["prec"] = std::to_string(prec);
  const bool need_data = !req.n || req.lambda0.empty() || req.gamma.empty();
  std::optional<width::DataSet> d;
  if (need_data) {
    d = width_data(req);
    common_params(r.parameters, req, *d, prec);
  }
  in.n = req.n ? *req.n : static_cast<long>(d->size());
  r.n = in.n;
  r.parameters["n"] = std::to_string(in.n);
  if (!req.lambda0.empty()) {
    in.lambda0 = Value(parse_positive(req.lambda0, "--lambda0"));
    r.lambda0_source = "given";
  } else {
    const WidthLambda lam = width_lambda(req, prec);
    // a certified lower bound is the conservative input (the widths decrease in lambda0)
    in.lambda0 = lam.lambda0.value.kind() == Kind::exact ? lam.lambda0.value : lam.lower.value;
    r.lambda0_source = lam.lambda0.value.kind() == Kind::exact ? "lambda_min(H^inf), exact" : "certified lower bound of lambda_min(H^inf)";
  }
  if (!req.gamma.empty()) {
    in.gamma = Value(parse_positive(req.gamma, "--gamma"));
    r.gamma_source = "given";
  } else {
    if (d->labels.empty()) throw usage_error("width formulas: requires --gamma or labels (--labels) to compute gamma_2^2");
    const WidthMargin mg = width_margin(req, prec);
    in.gamma = mg.gamma2_squared.value;
    r.gamma_source = "gamma_2^2 (a certified lower bound on gamma)";
  }
  r.lambda0 = {in.lambda0, "width.h_inf"};
  r.gamma = {in.gamma, "width.gamma2_squared"};
  r.parameters["lambda0"] = in.lambda0.str(20);
  r.parameters["gamma"] = in.gamma.str(20);
  const width::WidthValue coupled = width::evaluate_width_formula("mosw22.hoeffding_width", in, prec);
  const Ball cb = ball_of(coupled.value, prec);
  for (const auto& id : width::width_formula_ids()) {
    const width::WidthValue w = width::evaluate_width_formula(id, in, prec);
    Ball ratio = ball_of(w.value, prec);
    arb_div(ratio.get(), ratio.get(), cb.get(), prec);
    r.rows.push_back({{w.value, id}, w.name, w.depends, {Value(ratio, prec), id}});
  }
  r.du19_step = {width::du19_step(in, prec), "du19.step"};
  r.du19_rate = {width::du19_rate(in, prec), "du19.rate"};
  r.jt20_lambda = Result{Value(width::jt20_lambda_ball(in, prec), prec), "jt20.lambda"};
  if (auto t = width::jt20_steps(in, prec)) r.jt20_steps = Result{Value(*t), "jt20.steps"};
  return r;
}

WidthInversion width_invert(const WidthRequest& req, long prec) {
  check_prec(prec);
  if (req.m.empty()) throw usage_error("width invert: requires --m WIDTH");
  WidthRequest fr = req;
  const WidthFormulas f = width_formulas(fr, prec);
  width::WidthInputs in = inputs_of(req);
  in.n = f.n;
  in.lambda0 = f.lambda0.value;
  in.gamma = f.gamma.value;
  WidthInversion r;
  r.parameters = f.parameters;
  r.formula = req.formula;
  r.variable = req.invert_for;
  r.m = parse_positive(req.m, "--m");
  r.parameters["formula"] = req.formula;
  r.parameters["for"] = req.invert_for;
  r.parameters["m"] = r.m.str();
  r.value = {width::invert_width_formula(req.formula, in, width::parse_invert_for(req.invert_for), r.m, prec), req.formula};
  return r;
}

}  // namespace gdcert::api
