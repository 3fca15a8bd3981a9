// Quantities of the width module (width.*): H^inf entries, LDL^T certificates, lambda0, gamma_2^2, width formulas.
#include "api/quantities_width.hpp"

#include "api/precision.hpp"
#include "api/width.hpp"
#include "exact/errors.hpp"
#include "width/formulas.hpp"
#include "width/gram.hpp"

namespace gdcert::api {

namespace {

const std::string& need_param(const Params& p, const std::string& q, const char* key) {
  auto it = p.find(key);
  if (it == p.end()) throw input_error("quantity " + q + ": requires parameter \"" + key + "\"");
  return it->second;
}

std::string opt_param(const Params& p, const char* key, const char* dflt) {
  auto it = p.find(key);
  return it == p.end() ? std::string(dflt) : it->second;
}

WidthRequest request_of(const Params& p, const std::string& q, bool labels) {
  WidthRequest r;
  r.data = need_param(p, q, "data");
  if (labels) r.labels = need_param(p, q, "labels");
  r.both_layers = opt_param(p, "both_layers", "0") == "1";
  r.method = opt_param(p, "method", "auto");
  r.seed = seed_param(p);
  return r;
}

width::WidthInputs inputs_of(const Params& p, const std::string& q) {
  width::WidthInputs in;
  const Integer n = Integer::parse(opt_param(p, "n", "1"));
  if (n < Integer(1) || n > Integer(1000000000000LL)) throw input_error("quantity " + q + ": requires 1 <= n <= 10^12");
  in.n = static_cast<long>(n.to_si());
  in.lambda0 = Value(Rational::parse(opt_param(p, "lambda0", "1")));
  in.gamma = Value(Rational::parse(opt_param(p, "gamma", "1")));
  in.delta = Rational::parse(opt_param(p, "delta", "1/10"));
  in.eps = Rational::parse(opt_param(p, "eps", "1/10"));
  in.eta = Rational::parse(opt_param(p, "eta", "1"));
  in.p = static_cast<long>(Integer::parse(opt_param(p, "p", "4")).to_si());
  return in;
}

}  // namespace

const std::vector<QuantityInfo>& width_quantities() {
  static const std::vector<QuantityInfo> q = {
      {"width.h_inf_entry", "rho, [prec = 128]", "width.h_inf_entry", "H^inf entry for unit inputs at rho (exact at 0, ±1/2, ±1)"},
      {"width.h_inf", "data, [both_layers = 0], [prec = 128]", "width.h_inf_entry", "H^inf of a data spec, row by row"},
      {"width.ldlt_pivots", "data, [both_layers = 0]", "width.ldlt", "exact LDL^T pivots (exact H^inf only)"},
      {"width.min_pivot", "data, [both_layers = 0]", "width.ldlt", "smallest exact LDL^T pivot"},
      {"width.first_zero_pivot", "data, [both_layers = 0]", "width.ldlt", "0-based index of the first zero pivot, -1 if none"},
      {"width.rank", "data, [both_layers = 0]", "width.ldlt", "number of non-zero pivots"},
      {"width.positive_definite", "data, [both_layers = 0]", "width.ldlt", "1 if the exact LDL^T certifies PD, else 0"},
      {"width.lambda0", "data, [both_layers = 0], [prec = 128]", "width.lambda_min_exact",
       "lambda_min(H^inf): exact (characteristic polynomial) or the certified enclosure"},
      {"width.lambda0_enclosure", "data, [both_layers = 0], [method = auto], [prec = 128]", "width.lambda_min_enclosure",
       "certified enclosure of lambda_min(H^inf)"},
      {"width.gamma2_squared", "data, labels, [both_layers = 0], [prec = 128]", "width.gamma2_squared",
       "min over the simplex of q^T D_y H^inf D_y q"},
      {"width.q_star", "data, labels, [both_layers = 0], [prec = 128]", "width.gamma2_squared", "the optimal q*"},
      {"width.witness_margin", "data, labels, [both_layers = 0], [prec = 128]", "width.margin_chain", "min_j (D_y H D_y q*)_j"},
      {"width.lambda0_over_n", "data, labels, [both_layers = 0], [prec = 128]", "width.margin_chain", "lambda0/n"},
      {"width.linear_margin_squared", "data, labels", "width.linear_margin", "gamma_bar^2 = min_q |sum q_i y_i x_i|^2"},
      {"width.jt20_steps", "n, gamma, [delta = 1/10], [eps = 1/10], [eta = 1], [prec = 128]", "jt20.steps",
       "T = ceil(2 lambda^2/(eta eps))"},
  };
  static const std::vector<QuantityInfo> all = [] {
    std::vector<QuantityInfo> v = q;
    // one quantity per width formula, so that every value carries its own formula id
    for (const auto& id : width::width_formula_ids()) {
      v.push_back({"width." + id, "n, [lambda0 = 1], [gamma = 1], [delta = 1/10], [eps = 1/10], [eta = 1], [p = 4], [prec = 128]",
                   id, "the width formula " + id + " at the given inputs"});
      v.push_back({"width.invert." + id,
                   "for, m, [n = 1], [lambda0 = 1], [gamma = 1], [delta = 1/10], [eps = 1/10], [eta = 1], [p = 4], [prec = 128]",
                   id, "largest n (for = n), or smallest gamma / lambda0, with " + id + " <= m"});
    }
    return v;
  }();
  return all;
}

std::optional<std::vector<Value>> evaluate_width_quantity(const std::string& q, const Params& p) {
  if (q.rfind("width.", 0) != 0) return std::nullopt;
  const slong prec = prec_param(p);
  if (q == "width.h_inf_entry") {
    const Rational rho = Rational::parse(need_param(p, q, "rho"));
    if (auto e = width::h_inf_entry_exact(rho)) return std::vector<Value>{Value(*e)};
    return std::vector<Value>{Value(width::h_inf_entry_ball(rho, prec), prec)};
  }
  if (q == "width.h_inf") {
    const WidthGram g = width_gram(request_of(p, q, false), prec);
    std::vector<Value> v;
    for (const auto& row : g.entries)
      for (const auto& e : row) v.push_back(e.value);
    return v;
  }
  if (q == "width.ldlt_pivots" || q == "width.min_pivot" || q == "width.first_zero_pivot" || q == "width.rank" ||
      q == "width.positive_definite") {
    const WidthLambda l = width_lambda(request_of(p, q, false), prec);
    if (!l.exact) throw domain_error("quantity " + q + ": requires an exact H^inf (every rho in {0, ±1/2, ±1})");
    if (q == "width.ldlt_pivots") {
      std::vector<Value> v;
      for (const auto& r : l.pivots) v.push_back(r.value);
      return v;
    }
    if (q == "width.min_pivot") {
      if (!l.min_pivot) throw domain_error("quantity width.min_pivot: the matrix is not positive semidefinite");
      return std::vector<Value>{l.min_pivot->value};
    }
    if (q == "width.first_zero_pivot")
      return std::vector<Value>{Value(l.first_zero_pivot ? static_cast<long long>(*l.first_zero_pivot) : -1LL)};
    if (q == "width.rank") return std::vector<Value>{Value(static_cast<long long>(l.rank))};
    return std::vector<Value>{Value(l.verdict == "positive definite" ? 1 : 0)};
  }
  if (q == "width.lambda0") return std::vector<Value>{width_lambda(request_of(p, q, false), prec).lambda0.value};
  if (q == "width.lambda0_enclosure")
    return std::vector<Value>{width_lambda(request_of(p, q, false), prec).lambda0_enclosure.value};
  if (q == "width.gamma2_squared" || q == "width.q_star" || q == "width.witness_margin" || q == "width.lambda0_over_n" ||
      q == "width.linear_margin_squared") {
    const WidthMargin m = width_margin(request_of(p, q, true), prec);
    if (q == "width.gamma2_squared") return std::vector<Value>{m.gamma2_squared.value};
    if (q == "width.witness_margin") return std::vector<Value>{m.witness.value};
    if (q == "width.lambda0_over_n") return std::vector<Value>{m.lambda0_over_n.value};
    if (q == "width.linear_margin_squared") {
      if (!m.linear_margin_squared) throw resource_error("quantity width.linear_margin_squared: n > 400");
      return std::vector<Value>{m.linear_margin_squared->value};
    }
    std::vector<Value> v;
    for (const auto& r : m.q) v.push_back(r.value);
    return v;
  }
  for (const auto& id : width::width_formula_ids()) {
    if (q == "width." + id) return std::vector<Value>{width::evaluate_width_formula(id, inputs_of(p, q), prec).value};
    if (q == "width.invert." + id)
      return std::vector<Value>{width::invert_width_formula(id, inputs_of(p, q), width::parse_invert_for(need_param(p, q, "for")),
                                                            Rational::parse(need_param(p, q, "m")), prec)};
  }
  if (q == "width.jt20_steps") {
    Params pp = p;
    const auto t = width::jt20_steps(inputs_of(pp, q), prec);
    if (!t) throw precision_error("quantity width.jt20_steps: ceiling undecided at " + std::to_string(prec) + " bits");
    return std::vector<Value>{Value(*t)};
  }
  return std::nullopt;
}

}  // namespace gdcert::api
