// Quantities of the general-covariance and deep kernels for `gdcert check` (kernel.general*, kernel.deep.*).
#include "api/quantities_kernels_deep.hpp"

#include "api/kernel.hpp"
#include "api/kernel_deep.hpp"
#include "api/precision.hpp"
#include "exact/errors.hpp"
#include "kernels/deep.hpp"
#include "kernels/dual.hpp"

namespace gdcert::api {

namespace {

const std::string& need(const Params& p, const std::string& q, const char* key) {
  auto it = p.find(key);
  if (it == p.end()) throw input_error("quantity " + q + ": requires parameter \"" + key + "\"");
  return it->second;
}

std::string get_or(const Params& p, const char* key, const char* dflt) {
  auto it = p.find(key);
  return it == p.end() ? std::string(dflt) : it->second;
}

unsigned need_count(const Params& p, const std::string& q, const char* key, long max) {
  const Integer v = Integer::parse(need(p, q, key));
  if (v < Integer(0) || v > Integer(max))
    throw input_error("quantity " + q + ": requires 0 <= " + key + " <= " + std::to_string(max) + ", got " + v.str());
  return static_cast<unsigned>(v.to_si());
}

}  // namespace

const std::vector<QuantityInfo>& kernels_deep_quantities() {
  static const std::vector<QuantityInfo> q = {
      {"kernel.general", "act, q1, q2, c, [prec = 200] | digits", "kernel.general.arccos",
       "E[sigma(u) sigma(v)], (u, v) ~ N(0, [[q1, c], [c, q2]]): exact where rational, else a ball (formula by act)"},
      {"kernel.general_derivative", "act, q1, q2, c, [prec = 200] | digits", "kernel.general.arccos.derivative",
       "E[sigma'(u) sigma'(v)] likewise (not for sign/step)"},
      {"kernel.deep.nngp", "act, depth, weight_var, bias_var, q1, q2, c, [prec = 200]", "kernel.deep.nngp",
       "Sigma^{L+1}(x, y) for first-layer entries Sigma^1 = [[q1, c], [c, q2]], the same variances in every layer"},
      {"kernel.deep.ntk", "act, depth, weight_var, bias_var, q1, q2, c, [prec = 200]", "kernel.deep.ntk",
       "Theta^{L+1}(x, y) likewise"},
      {"kernel.deep.q_star", "act, weight_var, bias_var", "kernel.deep.fixed_point",
       "sigma_b^2/(1 - chi_1) (degree-1 homogeneous act; an error when the variance has no fixed point)"},
      {"kernel.deep.chi1", "act, weight_var", "kernel.deep.fixed_point", "chi_1 = sigma_w^2 (a^2 + b^2)/2"},
      {"kernel.deep.rho", "act, weight_var, bias_var, q, rho0, steps, [prec = 200]", "kernel.deep.nngp",
       "the correlation after `steps` layers from rho0 at variance q (equal-norm inputs)"},
  };
  return q;
}

std::optional<std::vector<Value>> evaluate_kernels_deep_quantity(const std::string& q, const Params& p) {
  if (q == "kernel.general" || q == "kernel.general_derivative") {
    std::optional<long> digits;
    if (auto it = p.find("digits"); it != p.end()) digits = Integer::parse(it->second).to_si();
    return std::vector<Value>{kernel_general(need(p, q, "act"), Rational::parse(need(p, q, "q1")),
                                             Rational::parse(need(p, q, "q2")), Rational::parse(need(p, q, "c")),
                                             q == "kernel.general_derivative", prec_param(p, 200), digits)
                                  .value};
  }
  if (q == "kernel.deep.nngp" || q == "kernel.deep.ntk") {
    const unsigned L = need_count(p, q, "depth", kernels::kMaxDepth);
    return std::vector<Value>{kernel_deep_pair(need(p, q, "act"), L, Rational::parse(need(p, q, "weight_var")),
                                               Rational::parse(need(p, q, "bias_var")), Rational::parse(need(p, q, "q1")),
                                               Rational::parse(need(p, q, "q2")), Rational::parse(need(p, q, "c")),
                                               q == "kernel.deep.ntk", prec_param(p, 200))
                                  .value};
  }
  if (q == "kernel.deep.q_star" || q == "kernel.deep.chi1") {
    const auto f = kernels::deep_fixed_point(kernels::parse_activation(need(p, q, "act")),
                                             Rational::parse(need(p, q, "weight_var")),
                                             Rational::parse(get_or(p, "bias_var", "0")));
    if (q == "kernel.deep.chi1") return std::vector<Value>{Value(f.chi1)};
    if (!f.q_star)
      throw domain_error("quantity kernel.deep.q_star: the variance map has no unique fixed point (chi_1 = " +
                         f.chi1.str() + ")");
    return std::vector<Value>{Value(*f.q_star)};
  }
  if (q == "kernel.deep.rho") {
    const long prec = prec_param(p, 200);
    const auto it = kernels::correlation_iterates(
        kernels::parse_activation(need(p, q, "act")), Rational::parse(need(p, q, "weight_var")),
        Rational::parse(need(p, q, "bias_var")), Rational::parse(need(p, q, "q")), Rational::parse(need(p, q, "rho0")),
        need_count(p, q, "steps", 100000), prec);
    return std::vector<Value>{Value(it.back(), prec)};
  }
  return std::nullopt;
}

}  // namespace gdcert::api
