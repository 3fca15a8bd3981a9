#include "api/kernel.hpp"

#include "api/precision.hpp"
#include "exact/errors.hpp"
#include "exact/integer.hpp"
#include "kernels/dual.hpp"

namespace gdcert::api {

namespace {

std::string kernel_formula_id(const kernels::Activation& a) {
  switch (a.kind) {
    case kernels::Activation::Kind::relu: return "kernel.relu";
    case kernels::Activation::Kind::sign: return "kernel.sign";
    case kernels::Activation::Kind::erf: return "kernel.erf";
    case kernels::Activation::Kind::arccos: return "kernel.arccos";
  }
  return "";
}

std::string series_formula_id(const kernels::Activation& a) {
  switch (a.kind) {
    case kernels::Activation::Kind::relu: return "kernel.series.relu";
    case kernels::Activation::Kind::sign: return "kernel.series.sign";
    case kernels::Activation::Kind::erf: return "kernel.series.erf";
    case kernels::Activation::Kind::arccos: return "kernel.series.arccos";
  }
  return "";
}

KernelSeries series_of(const kernels::Activation& a, unsigned L, const Rational& var, long prec) {
  check_prec(prec);
  const kernels::Series s = kernels::series(a, L, var, prec);
  const std::string id = series_formula_id(a);
  KernelSeries out;
  out.L = L;
  out.prec = prec;
  for (const auto& t : s.terms) {
    out.coefficients.push_back({Value(t.value, prec), id});
    out.rational_parts.push_back({Value(t.rational_part), id});
    out.constants.push_back(t.constant);
    out.exact_text.push_back(t.exact_str());
  }
  out.kappa_one = s.kappa_one_exact ? Result{Value(*s.kappa_one_exact), id} : Result{Value(s.kappa_one, prec), id};
  out.kappa_one_text = s.kappa_one_exact ? s.kappa_one_exact->str() : std::string("(2/pi) arcsin(q)");
  out.tail = {Value(s.tail_bound, prec), "kernel.series.tail"};
  out.notes.push_back("tail = sum_{l > L} a_l = kappa(1) - sum_{l <= L} a_l (kernel.series.tail), certified; it bounds "
                      "|sum_{l > L} a_l rho^l| for |rho| <= 1");
  return out;
}

}  // namespace

long digits_to_bits(long digits) {
  if (digits < 1 || digits > kMaxKernelDigits)
    throw precision_error("kernel --digits: requires 1 <= digits <= " + std::to_string(kMaxKernelDigits) +
                          ", got digits = " + std::to_string(digits));
  // ceil(D log2 10) from log2 10 truncated to 27 decimals: the truncation error, below D 10^-27, cannot cross an
  // integer because D log2 10 stays farther than that from every integer for D <= 19000 (tests/test_api.cpp checks
  // every D against the enclosure of log2 10 from below and above).
  const int128 num = static_cast<int128>(3321928094887362347LL) * 1000000000 + 870319429;  // 10^27 log2 10, truncated
  int128 den = 1;
  for (int i = 0; i < 27; ++i) den *= 10;
  const int128 x = num * digits;
  return static_cast<long>((x + den - 1) / den) + 4;
}

Result kernel_second_moment(const std::string& activation, const Rational& var, const Rational& cov, long prec,
                            std::optional<long> digits) {
  const kernels::Activation a = kernels::parse_activation(activation);
  if (digits) {
    const long accuracy = digits_to_bits(*digits);
    return {Value(kernels::second_moment_to_accuracy(a, var, cov, accuracy), accuracy), kernel_formula_id(a)};
  }
  check_prec(prec);
  return {Value(kernels::second_moment(a, to_ball(var, prec + 32), to_ball(cov, prec + 32), prec), prec),
          kernel_formula_id(a)};
}

KernelSeries kernel_series(const std::string& activation, unsigned L, const Rational& var, long prec) {
  return series_of(kernels::parse_activation(activation), L, var, prec);
}

KernelResult kernel(const KernelRequest& req, long prec) {
  const kernels::Activation a = kernels::parse_activation(req.activation);
  const bool bias_form = !req.weight_var.empty() || !req.bias_var.empty();
  if (bias_form && (!req.var.empty() || !req.cov.empty()))
    throw usage_error("kernel: --weight-var/--bias-var conflict with --var/--cov");
  if (!req.cov.empty() && !req.rho.empty()) throw usage_error("kernel: --cov conflicts with --rho");
  if (req.rho.empty() && req.cov.empty() && !req.series)
    throw usage_error("kernel: requires --rho R, --cov C or --series L");
  const long accuracy = req.digits ? digits_to_bits(*req.digits) : 0;  // precision_error outside 1..19000
  if (!req.digits) check_prec(prec);

  KernelResult out;
  out.activation = a.name();
  out.formula = kernel_formula_id(a);
  out.series_formula = series_formula_id(a);
  out.first_layer_form = bias_form;
  out.digits = req.digits;
  out.prec = req.digits ? accuracy : prec;

  // Resolve every (label, var, cov) before evaluating anything.
  Rational var(1), s2(1), b2(0);
  if (bias_form) {
    if (!req.weight_var.empty()) s2 = Rational::parse(req.weight_var);
    if (!req.bias_var.empty()) b2 = Rational::parse(req.bias_var);
    var = kernels::effective_correlation(s2, b2, Rational(0)).var;  // validates s2, b2
  } else if (!req.var.empty()) {
    var = Rational::parse(req.var);
    if (var.sign() <= 0) throw domain_error("kernel --var: requires var > 0, got var = " + var.str());
  }
  out.var = var;
  const std::string vc_formula = bias_form ? "kernel.effective_correlation" : "";
  auto entry = [&](const std::string& label, const Rational& v, const Rational& c, const Rational& r) {
    KernelEntry e;
    e.label = label;
    e.var = {Value(v), vc_formula};
    e.cov = {Value(c), vc_formula};
    e.rho = {Value(r), "kernel.effective_correlation"};
    out.second_moments.push_back(std::move(e));
  };
  for (const auto& text : req.rho) {
    const Rational rho = Rational::parse(text);
    if (rho < Rational(-1) || rho > Rational(1))
      throw domain_error("kernel --rho: requires -1 <= rho <= 1, got rho = " + rho.str());
    if (bias_form) {
      const auto e = kernels::effective_correlation(s2, b2, rho);  // kernel.effective_correlation
      entry(rho.str(), e.var, e.cov, e.rho);
    } else {
      entry(rho.str(), var, var * rho, rho);
    }
  }
  if (!req.cov.empty()) {
    const Rational cov = Rational::parse(req.cov);
    if (abs(cov) > var) throw domain_error("kernel --cov: requires |cov| <= var, got cov = " + cov.str() + ", var = " + var.str());
    entry("cov/var", var, cov, cov / var);
  }

  out.parameters = {{"activation", a.name()}, {"var", var.str()}};
  if (bias_form) {
    out.parameters["weight_var"] = s2.str();
    out.parameters["bias_var"] = b2.str();
  }
  if (req.digits) out.parameters["digits"] = std::to_string(*req.digits);
  else out.parameters["prec"] = std::to_string(prec);

  for (auto& e : out.second_moments) {
    const Rational& v = e.var.value.exact();
    const Rational& c = e.cov.value.exact();
    const Ball b = req.digits ? kernels::second_moment_to_accuracy(a, v, c, accuracy)
                              : kernels::second_moment(a, to_ball(v, prec + 32), to_ball(c, prec + 32), prec);
    e.value = {Value(b, out.prec), out.formula};
    if (req.digits) e.digits_text = b.str(static_cast<int>(*req.digits));
  }
  if (!out.second_moments.empty()) {
    out.notes.push_back(req.digits ? "balls certified to " + std::to_string(accuracy) + " bits of relative accuracy (" +
                                         std::to_string(*req.digits) + " digits; absolute near 0)"
                                   : "balls at " + std::to_string(prec) + " bits working precision (no accuracy goal; use --digits)");
    if (a.kind == kernels::Activation::Kind::erf) out.notes.push_back("erf: (2/pi) arcsin(2 cov/(1 + 2 var)), sigma(u) = erf(u)");
    else if (a.kind != kernels::Activation::Kind::sign)
      out.notes.push_back("homogeneous of degree " + std::to_string(2 * a.order) + ": var^" + std::to_string(a.order) +
                          " kappa(rho'), kappa = J_p/(2 pi) (Cho & Saul's k_p = 2 kappa for unit inputs)");
  }
  if (req.series) out.series = series_of(a, *req.series, var, req.digits ? accuracy + 16 : prec);
  return out;
}

std::string kernel_activation_names() { return kernels::activation_names(); }

std::string kernel_formula(const std::string& activation) { return kernel_formula_id(kernels::parse_activation(activation)); }

}  // namespace gdcert::api
