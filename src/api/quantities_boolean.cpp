// Quantities of the Boolean-function criteria for `gdcert check` (boolean.*): Walsh criteria, autocorrelation,
// algebraic immunity, p-biased analysis and S-boxes, each through api::walsh / api::sbox.
#include "api/quantities_boolean.hpp"

#include "api/sbox.hpp"
#include "api/walsh.hpp"
#include "exact/errors.hpp"
#include "exact/text.hpp"

namespace gdcert::api {

namespace {
const std::string& need_param(const Params& p, const std::string& q, const char* key) {
  auto it = p.find(key);
  if (it == p.end()) throw input_error("quantity " + q + ": requires parameter \"" + key + "\"");
  return it->second;
}
std::uint64_t seed_of(const Params& p) {
  auto it = p.find("seed");
  return it == p.end() ? 0 : static_cast<std::uint64_t>(Integer::parse(it->second).to_si());
}
Value int_value(long long v) { return Value(Integer(v)); }
}  // namespace

const std::vector<QuantityInfo>& boolean_quantities() {
  static const std::vector<QuantityInfo> q = {
      {"boolean.nonlinearity", "spec", "boolean.nonlinearity", "2^(n-1) - max |W_f|/2"},
      {"boolean.max_abs_walsh", "spec", "boolean.walsh_hadamard", "max_a |W_f(a)|"},
      {"boolean.correlation_immunity", "spec", "boolean.correlation_immunity", "CI order (Xiao-Massey)"},
      {"boolean.resiliency", "spec", "boolean.correlation_immunity", "resiliency order, -1 when not balanced"},
      {"boolean.is_bent", "spec", "boolean.bent", "1 if bent, else 0"},
      {"boolean.is_balanced", "spec", "boolean.balanced", "1 if balanced, else 0"},
      {"boolean.walsh", "spec", "boolean.walsh_hadamard", "W_f(a) for a = 0..2^n-1 (mask order)"},
      {"boolean.algebraic_degree", "spec", "boolean.algebraic_degree", "GF(2) degree of the ANF"},
      {"boolean.anf", "spec", "boolean.anf",
       "the ANF's monomials of g (f = (-1)^g) as masks, ascending (bit j-1 for b_j); an empty list for g = 0"},
      {"boolean.autocorrelation", "spec", "boolean.autocorrelation", "Delta_f(u) for u = 0..2^n-1"},
      {"boolean.absolute_indicator", "spec", "boolean.autocorrelation", "max_{u != 0} |Delta_f(u)|"},
      {"boolean.sum_of_squares_indicator", "spec", "boolean.autocorrelation", "sum_u Delta_f(u)^2"},
      {"boolean.propagation_criterion", "spec", "boolean.autocorrelation", "largest k with PC(k)"},
      {"boolean.algebraic_immunity", "spec", "boolean.algebraic_immunity", "AI (n <= 12), witness verified"},
      {"boolean.pbiased.level_weights", "spec, p", "boolean.pbiased.level_weight", "W_k^(p), k = 0..n"},
      {"boolean.pbiased.influences", "spec, p", "boolean.pbiased.influence", "Inf_i^(p), i = 1..n"},
      {"boolean.pbiased.total_influence", "spec, p", "boolean.pbiased.influence", "sum_i Inf_i^(p)"},
      {"boolean.pbiased.noise_stability", "spec, p, rho", "boolean.pbiased.noise_stability", "sum_k rho^k W_k^(p)"},
      {"boolean.pbiased.r", "spec, p, S", "boolean.pbiased.coefficient", "r_S with fhat_p(S) = r_S sigma^-|S|"},
      {"boolean.sbox.linearity", "spec", "boolean.sbox.linearity", "max_{a, b != 0} |LAT(a, b)| (Walsh convention)"},
      {"boolean.sbox.nonlinearity", "spec", "boolean.sbox.linearity", "2^(n-1) - linearity/2"},
      {"boolean.sbox.differential_uniformity", "spec", "boolean.sbox.ddt", "max_{a != 0, b} DDT(a, b)"},
      {"boolean.sbox.lat", "spec, a", "boolean.sbox.lat", "LAT(a, b) for b = 0..2^m-1"},
      {"boolean.sbox.ddt", "spec, a", "boolean.sbox.ddt", "DDT(a, b) for b = 0..2^m-1"},
  };
  return q;
}

std::optional<std::vector<Value>> evaluate_boolean_quantity(const std::string& q, const Params& p) {
  if (q.rfind("boolean.", 0) != 0) return std::nullopt;
  if (q.rfind("boolean.sbox.", 0) == 0) {
    SBoxRequest req;
    req.spec = need_param(p, q, "spec");
    const SBoxResult r = sbox(req);
    if (q == "boolean.sbox.linearity") return std::vector<Value>{r.linearity.value};
    if (q == "boolean.sbox.nonlinearity") return std::vector<Value>{r.nonlinearity.value};
    if (q == "boolean.sbox.differential_uniformity") return std::vector<Value>{r.differential_uniformity.value};
    const Integer a = Integer::parse(need_param(p, q, "a"));
    if (a < Integer(0) || a >= Integer::pow2(r.n)) throw input_error("quantity " + q + ": requires 0 <= a < 2^n");
    const std::uint64_t M = std::uint64_t{1} << r.m, row = static_cast<std::uint64_t>(a.to_si());
    std::vector<Value> v;
    for (std::uint64_t b = 0; b < M; ++b)
      v.push_back(int_value(q == "boolean.sbox.lat" ? static_cast<long long>(r.lat[row * M + b])
                                                    : static_cast<long long>(r.ddt[row * M + b])));
    return v;
  }
  WalshRequest req;
  req.spec = need_param(p, q, "spec");
  req.seed = seed_of(p);
  req.threads = 1;
  if (q.rfind("boolean.pbiased.", 0) == 0) {
    req.bias = need_param(p, q, "p");
    if (q == "boolean.pbiased.noise_stability") req.stability = {need_param(p, q, "rho")};
    const WalshResult r = walsh(req);
    const auto& s = *r.pbiased;
    if (q == "boolean.pbiased.level_weights") return std::vector<Value>(s.level_weights().begin(), s.level_weights().end());
    if (q == "boolean.pbiased.influences") return std::vector<Value>(s.influences().begin(), s.influences().end());
    if (q == "boolean.pbiased.total_influence") return std::vector<Value>{Value(s.total_influence())};
    if (q == "boolean.pbiased.noise_stability") return std::vector<Value>{r.pbiased_stability.at(0).second.value};
    if (q == "boolean.pbiased.r") {
      const std::uint64_t mask = [&] {
        std::uint64_t m = 0;
        for (const auto& t : split_list(need_param(p, q, "S"))) {
          if (t.empty()) continue;  // S = "" is the empty set
          const long j = Integer::parse(t).to_si();
          if (j < 1 || j > static_cast<long>(r.n)) throw input_error("quantity " + q + ": requires S inside [1, n]");
          m |= std::uint64_t{1} << (j - 1);
        }
        return m;
      }();
      return std::vector<Value>{Value(s.r(mask))};
    }
    throw input_error("unknown quantity \"" + q + "\"");
  }
  if (q == "boolean.algebraic_immunity") {
    req.algebraic_immunity = true;
    return std::vector<Value>{walsh(req).algebraic_immunity->ai.value};
  }
  if (q == "boolean.anf") {
    req.anf = true;
    const WalshResult r = walsh(req);  // kept alive: a range-for over walsh(req).anf->... would dangle
    std::vector<Value> v;
    for (const std::uint64_t m : r.anf->monomials) v.push_back(Value(Integer(static_cast<unsigned long long>(m))));
    return v;
  }
  if (q == "boolean.algebraic_degree") {
    req.anf = true;
    return std::vector<Value>{walsh(req).anf->algebraic_degree.value};
  }
  if (q == "boolean.autocorrelation" || q == "boolean.absolute_indicator" || q == "boolean.sum_of_squares_indicator" ||
      q == "boolean.propagation_criterion") {
    req.autocorrelation = true;
    const WalshResult r = walsh(req);
    const auto& a = *r.autocorrelation;
    if (q == "boolean.absolute_indicator") return std::vector<Value>{a.absolute_indicator.value};
    if (q == "boolean.sum_of_squares_indicator") return std::vector<Value>{a.sum_of_squares.value};
    if (q == "boolean.propagation_criterion") return std::vector<Value>{a.propagation_criterion.value};
    std::vector<Value> v;
    for (std::int64_t d : a.delta) v.push_back(int_value(d));
    return v;
  }
  req.criteria = true;
  const WalshResult r = walsh(req);
  const auto& c = *r.criteria;
  if (q == "boolean.nonlinearity") return std::vector<Value>{c.nonlinearity.value};
  if (q == "boolean.max_abs_walsh") return std::vector<Value>{c.max_abs_walsh.value};
  if (q == "boolean.correlation_immunity") return std::vector<Value>{c.correlation_immunity.value};
  if (q == "boolean.resiliency") return std::vector<Value>{c.resiliency.value};
  if (q == "boolean.is_bent") return std::vector<Value>{int_value(c.bent ? 1 : 0)};
  if (q == "boolean.is_balanced") return std::vector<Value>{int_value(c.balanced ? 1 : 0)};
  if (q == "boolean.walsh") {
    std::vector<Value> v;
    const auto& s = *r.spectrum;
    for (std::uint64_t a = 0; a < s.size(); ++a) v.push_back(Value(s.numerator(a)));
    return v;
  }
  return std::nullopt;
}

}  // namespace gdcert::api
