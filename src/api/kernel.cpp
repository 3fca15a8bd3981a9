#include "api/kernel.hpp"

#include "api/precision.hpp"
#include "exact/errors.hpp"
#include "exact/integer.hpp"
#include "kernels/dual.hpp"
#include "kernels/general.hpp"

namespace gdcert::api {

namespace {

std::string kernel_formula_id(const kernels::Activation& a) {
  switch (a.kind) {
    case kernels::Activation::Kind::relu: return "kernel.relu";
    case kernels::Activation::Kind::sign: return "kernel.sign";
    case kernels::Activation::Kind::erf: return "kernel.erf";
    case kernels::Activation::Kind::arccos: return "kernel.arccos";
    case kernels::Activation::Kind::abrelu: return "kernel.general.abrelu";
    case kernels::Activation::Kind::sin:
    case kernels::Activation::Kind::cos: return "kernel.general.trig";
    case kernels::Activation::Kind::gelu: return "kernel.gelu.quadrature";
  }
  return "";
}

std::string series_formula_id(const kernels::Activation& a) {
  switch (a.kind) {
    case kernels::Activation::Kind::relu: return "kernel.series.relu";
    case kernels::Activation::Kind::sign: return "kernel.series.sign";
    case kernels::Activation::Kind::erf: return "kernel.series.erf";
    case kernels::Activation::Kind::arccos: return "kernel.series.arccos";
    case kernels::Activation::Kind::abrelu: return "kernel.series.abrelu";
    case kernels::Activation::Kind::sin:
    case kernels::Activation::Kind::cos: return "kernel.series.trig";
    case kernels::Activation::Kind::gelu: return "kernel.series.gelu";
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
  out.kappa_one_text = s.kappa_one_exact ? s.kappa_one_exact->str()
                       : a.kind == kernels::Activation::Kind::sin ? "(1 - exp(-2 var))/2"
                       : a.kind == kernels::Activation::Kind::cos ? "(1 + exp(-2 var))/2"
                       : a.kind == kernels::Activation::Kind::gelu ? "1/3 + 1/(2 sqrt(3) pi)"
                                                                   : std::string("(2/pi) arcsin(q)");
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

Result kernel_general(const std::string& activation, const Rational& q1, const Rational& q2, const Rational& c,
                      bool derivative, long prec, std::optional<long> digits) {
  const kernels::Activation a = kernels::parse_activation(activation);
  const kernels::Moment m = derivative ? kernels::Moment::derivative : kernels::Moment::value;
  const std::string id = kernels::general_formula_id(a, m);
  if (auto e = kernels::general_moment_exact(a, q1, q2, c, m)) return {Value(*e), id};
  if (digits) {
    const long accuracy = digits_to_bits(*digits);
    return {Value(kernels::general_moment_to_accuracy(a, q1, q2, c, m, accuracy), accuracy), id};
  }
  check_prec(prec);
  return {Value(kernels::general_moment(a, to_ball(q1, prec + 32), to_ball(q2, prec + 32), to_ball(c, prec + 32), m,
                                        prec),
                prec),
          id};
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
  const bool general = !req.q1.empty() || !req.q2.empty() || !req.c.empty();
  if (general && (req.q1.empty() || req.q2.empty() || req.c.empty()))
    throw usage_error("kernel: --q1, --q2 and --c go together (the covariance [[q1, c], [c, q2]])");
  if (general && (bias_form || !req.var.empty() || !req.cov.empty() || !req.rho.empty()))
    throw usage_error("kernel: --q1/--q2/--c conflict with --rho, --var, --cov, --weight-var and --bias-var");
  if (req.rho.empty() && req.cov.empty() && !req.series && !general)
    throw usage_error("kernel: requires --rho R, --cov C, --q1 Q1 --q2 Q2 --c C or --series L");
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
    if (req.digits && (a.kind == kernels::Activation::Kind::erf || a.kind == kernels::Activation::Kind::sign))
      out.notes.push_back("to the digit goal, (2/pi) arcsin t is evaluated at the exact t = p/q as (2/pi) atan(p/sqrt(q^2 - p^2)) "
                          "(kernel.arcsin.exact)");
    else if (req.digits && kernels::uses_arcsin_exact(a))
      out.notes.push_back("to the digit goal, the angle of the exact t = p/q is evaluated as arcsin t = atan(p/sqrt(q^2 - p^2)) "
                          "with sin(arccos t) = sqrt(q^2 - p^2)/q (kernel.arcsin.exact)");
    if (a.kind == kernels::Activation::Kind::erf) out.notes.push_back("erf: (2/pi) arcsin(2 cov/(1 + 2 var)), sigma(u) = erf(u)");
    else if (a.kind == kernels::Activation::Kind::sin || a.kind == kernels::Activation::Kind::cos)
      out.notes.push_back("sin/cos: exp(-(q1 + q2)/2) sinh(cov) / cosh(cov) (kernel.general.trig)");
    else if (a.kind == kernels::Activation::Kind::gelu)
      out.notes.push_back("gelu = u Phi(u): certified quadrature (acb_calc_integrate plus a proved tail bound, "
                          "kernel.gelu.quadrature)");
    else if (a.kind != kernels::Activation::Kind::sign)
      out.notes.push_back("homogeneous of degree " + std::to_string(2 * a.order) + ": var^" + std::to_string(a.order) +
                          " kappa(rho'), kappa = J_p/(2 pi) (Cho & Saul's k_p = 2 kappa for unit inputs)");
  }
  if (general) {
    const Rational q1 = Rational::parse(req.q1), q2 = Rational::parse(req.q2), c = Rational::parse(req.c);
    if (q1.sign() <= 0 || q2.sign() <= 0)
      throw domain_error("kernel --q1/--q2: requires q1, q2 > 0, got q1 = " + q1.str() + ", q2 = " + q2.str());
    if (c * c > q1 * q2)
      throw domain_error("kernel --c: requires c^2 <= q1 q2, got c = " + c.str() + ", q1 q2 = " + (q1 * q2).str());
    out.parameters["q1"] = q1.str();
    out.parameters["q2"] = q2.str();
    out.parameters["c"] = c.str();
    KernelGeneralEntry g;
    g.q1 = {Value(q1), ""};
    g.q2 = {Value(q2), ""};
    g.c = {Value(c), ""};
    const Rational r2 = c * c / (q1 * q2);
    {
      const long rp = req.digits ? accuracy : prec;
      Ball rb = to_ball(c, rp + 32), g2 = to_ball(q1 * q2, rp + 32);
      arb_sqrt(g2.get(), g2.get(), rp + 32);
      arb_div(rb.get(), rb.get(), g2.get(), rp);
      g.rho = {Value(rb, rp), "kernel.general.arccos"};
      // rho exactly when r2 = c^2/(q1 q2) is the square of a rational
      if (fmpz_is_square(fmpq_numref(r2.get())) && fmpz_is_square(fmpq_denref(r2.get()))) {
        Integer num, den;
        fmpz_sqrt(num.get(), fmpq_numref(r2.get()));
        fmpz_sqrt(den.get(), fmpq_denref(r2.get()));
        const Rational root(num, den);
        g.rho = {Value(c.sign() < 0 ? -root : root), "kernel.general.arccos"};
      }
    }
    g.value = kernel_general(req.activation, q1, q2, c, false, prec, req.digits);
    if (req.digits && g.value.value.kind() == Kind::ball) g.value_digits = g.value.value.ball().str(static_cast<int>(*req.digits));
    if (kernels::has_derivative_kernel(a)) {
      g.derivative = kernel_general(req.activation, q1, q2, c, true, prec, req.digits);
      if (req.digits && g.derivative->value.kind() == Kind::ball)
        g.derivative_digits = g.derivative->value.ball().str(static_cast<int>(*req.digits));
    }
    out.notes.push_back("general covariance [[q1, c], [c, q2]]: values exact where rational, else balls (" +
                        kernels::general_formula_id(a, kernels::Moment::value) + ")");
    out.general = std::move(g);
  }
  if (req.series) out.series = series_of(a, *req.series, var, req.digits ? accuracy + 16 : prec);
  return out;
}

std::string kernel_activation_names() { return kernels::activation_names(); }

std::string kernel_formula(const std::string& activation) { return kernel_formula_id(kernels::parse_activation(activation)); }

}  // namespace gdcert::api
