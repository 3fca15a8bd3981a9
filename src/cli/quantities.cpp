#include "cli/quantities.hpp"

#include "boolean/group.hpp"
#include "boolean/krawtchouk.hpp"
#include "boolean/spec.hpp"
#include "boolean/walsh.hpp"
#include "exact/errors.hpp"
#include "kernels/dual.hpp"

namespace gdcert::cli {

namespace {

const std::string& need(const Params& p, const std::string& quantity, const char* key) {
  auto it = p.find(key);
  if (it == p.end()) throw input_error("quantity " + quantity + ": requires parameter \"" + key + "\"");
  return it->second;
}

unsigned need_uint(const Params& p, const std::string& quantity, const char* key, unsigned max = 100000) {
  const std::string& s = need(p, quantity, key);
  const Integer z = Integer::parse(s);
  if (z.sign() < 0 || z > Integer(static_cast<long long>(max)))
    throw input_error("quantity " + quantity + ": requires 0 <= " + key + " <= " + std::to_string(max) + ", got " + s);
  return static_cast<unsigned>(z.to_si());
}

boolean::ParsedSpec spec_of(const Params& p, const std::string& q) {
  std::uint64_t seed = 0;
  if (auto it = p.find("seed"); it != p.end()) seed = static_cast<std::uint64_t>(Integer::parse(it->second).to_si());
  return boolean::parse_spec(need(p, q, "spec"), seed);
}

std::vector<Value> values(const std::vector<Rational>& v) { return {v.begin(), v.end()}; }

boolean::Group group_of(const Params& p, const std::string& q) {
  const std::string& g = need(p, q, "group");
  if (g == "Bn" || g == "B_n") return boolean::Group::Bn;
  if (g == "Sn" || g == "S_n") return boolean::Group::Sn;
  throw input_error("quantity " + q + ": requires group = Bn or Sn, got \"" + g + "\"");
}

std::string param_or(const Params& p, const char* key, const char* dflt) {
  auto it = p.find(key);
  return it == p.end() ? std::string(dflt) : it->second;
}

/** var and cov from (var = 1 default) and cov or rho (cov = var rho). */
std::pair<Rational, Rational> var_cov_of(const Params& p, const std::string& q) {
  const Rational var = Rational::parse(param_or(p, "var", "1"));
  const bool has_cov = p.count("cov") != 0, has_rho = p.count("rho") != 0;
  if (has_cov == has_rho) throw input_error("quantity " + q + ": requires exactly one of \"cov\" and \"rho\"");
  if (has_cov) return {var, Rational::parse(p.find("cov")->second)};
  const Rational rho = Rational::parse(p.find("rho")->second);
  if (rho < Rational(-1) || rho > Rational(1))
    throw domain_error("quantity " + q + ": requires -1 <= rho <= 1, got rho = " + rho.str());
  return {var, var * rho};
}

}  // namespace

const std::vector<QuantityInfo>& quantities() {
  static const std::vector<QuantityInfo> q = {
      {"walsh.coefficient", "spec, S", "walsh.coefficient", "fhat(S) without a full transform"},
      {"walsh.coefficient_fwht", "spec, S", "walsh.fwht", "fhat(S) read from the full fast transform"},
      {"walsh.coefficients", "spec", "walsh.fwht", "all 2^n coefficients by mask"},
      {"walsh.level_weights", "spec", "walsh.level_weight", "W_0 .. W_n"},
      {"walsh.influences", "spec", "walsh.influence", "Inf_1 .. Inf_n"},
      {"walsh.total_influence", "spec", "walsh.total_influence", "sum_k k W_k"},
      {"walsh.noise_stability", "spec, rho", "walsh.noise_stability", "sum_k rho^k W_k"},
      {"walsh.degree", "spec", "walsh.degree", "max |S| with fhat(S) != 0"},
      {"walsh.mean_square", "spec", "walsh.parseval", "E_x[f(x)^2] from the truth table"},
      {"walsh.table", "spec", "", "the truth table values f(x_i), i = 0 .. 2^n - 1"},
      {"krawtchouk", "n, k, h", "walsh.krawtchouk", "K_k(h) by the sum formula"},
      {"krawtchouk.table", "n", "walsh.krawtchouk", "K_k(h) for k, h = 0..n (row-major) by the recurrence"},
      {"orbit_size", "spec, group", "walsh.orbit_size", "|Orb_G(f)|, G = Bn or Sn"},
      {"binomial", "n, k", "", "C(n, k)"},
      {"kernel.second_moment", "act, [var = 1], cov | rho, [bits = 200]", "kernel.relu",
       "E[sigma(u) sigma(v)], Var = var, Cov = cov (or var rho), certified to `bits` bits (formula by act)"},
      {"kernel.series", "act, L, [var = 1], [bits = 200]", "kernel.hermite", "a_0 .. a_L as balls"},
      {"kernel.series_exact", "act, L, [var = 1]", "kernel.hermite",
       "rational parts of a_0 .. a_L (a_l = r_l or r_l/pi, see kernel.series_over_pi)"},
      {"kernel.series_over_pi", "act, L, [var = 1]", "kernel.hermite", "1 where a_l = r_l/pi, else 0"},
      {"kernel.series_tail", "act, L, [var = 1], [bits = 200]", "kernel.series.tail", "sum_{l > L} a_l, certified"},
  };
  return q;
}

std::vector<Value> evaluate_quantity(const std::string& q, const Params& p) {
  if (q == "walsh.coefficient" || q == "walsh.coefficient_fwht") {
    const auto ps = spec_of(p, q);
    const std::uint64_t mask = boolean::parse_subset(need(p, q, "S"), ps.function.n(), "quantity " + q);
    if (q == "walsh.coefficient") return {Value(boolean::walsh_coefficient(ps.function, mask))};
    return {Value(boolean::walsh_spectrum(ps.function).coefficient(mask))};
  }
  if (q == "walsh.coefficients") {
    const auto ps = spec_of(p, q);
    const auto s = boolean::walsh_spectrum(ps.function);
    std::vector<Value> v;
    for (std::uint64_t m = 0; m < ps.function.size(); ++m) v.emplace_back(s.coefficient(m));
    return v;
  }
  if (q == "walsh.level_weights") return values(boolean::walsh_spectrum(spec_of(p, q).function).level_weights());
  if (q == "walsh.influences") return values(boolean::walsh_spectrum(spec_of(p, q).function).influences());
  if (q == "walsh.total_influence") return {Value(boolean::walsh_spectrum(spec_of(p, q).function).total_influence())};
  if (q == "walsh.noise_stability") {
    const auto s = boolean::walsh_spectrum(spec_of(p, q).function);
    return {Value(s.noise_stability(Rational::parse(need(p, q, "rho"))))};
  }
  if (q == "walsh.degree") return {Value(static_cast<long long>(boolean::walsh_spectrum(spec_of(p, q).function).degree()))};
  if (q == "walsh.mean_square" || q == "walsh.table") {
    const auto ps = spec_of(p, q);
    std::vector<Value> v;
    Rational sum(0);
    for (std::uint64_t i = 0; i < ps.function.size(); ++i) {
      const Rational x = ps.function.value(i);
      if (q == "walsh.table") v.emplace_back(x);
      else sum += x * x;
    }
    if (q == "walsh.table") return v;
    return {Value(sum / Rational(Integer::pow2(ps.function.n())))};
  }
  if (q == "krawtchouk") {
    const unsigned n = need_uint(p, q, "n");
    return {Value(boolean::krawtchouk(n, need_uint(p, q, "k", n), need_uint(p, q, "h", n)))};
  }
  if (q == "krawtchouk.table") {
    const auto K = boolean::krawtchouk_table(need_uint(p, q, "n", 4096));
    std::vector<Value> v;
    for (const auto& row : K)
      for (const auto& x : row) v.emplace_back(x);
    return v;
  }
  if (q == "orbit_size") return {Value(boolean::orbit_size(spec_of(p, q).function, group_of(p, q)))};
  if (q == "binomial") {
    const unsigned n = need_uint(p, q, "n");
    return {Value(Integer::binomial(n, need_uint(p, q, "k")))};
  }
  if (q == "kernel.second_moment") {
    const auto a = kernels::parse_activation(need(p, q, "act"));
    const auto [var, cov] = var_cov_of(p, q);
    const slong bits = Integer::parse(param_or(p, "bits", "200")).to_si();
    return {Value(kernels::second_moment_to_accuracy(a, var, cov, bits), bits)};
  }
  if (q == "kernel.series" || q == "kernel.series_exact" || q == "kernel.series_over_pi" || q == "kernel.series_tail") {
    const auto a = kernels::parse_activation(need(p, q, "act"));
    const unsigned L = need_uint(p, q, "L", 20000);
    const slong bits = Integer::parse(param_or(p, "bits", "200")).to_si();
    if (bits < 16 || bits > (1 << 20)) throw input_error("quantity " + q + ": requires 16 <= bits <= 2^20");
    const auto s = kernels::series(a, L, Rational::parse(param_or(p, "var", "1")), bits);
    if (q == "kernel.series_tail") return {Value(s.tail_bound, bits)};
    std::vector<Value> v;
    for (const auto& t : s.terms) {
      if (q == "kernel.series") v.emplace_back(t.value, bits);
      else if (q == "kernel.series_exact") v.emplace_back(t.rational_part);
      else v.emplace_back(static_cast<long long>(t.constant == "1/pi" ? 1 : 0));
    }
    return v;
  }
  std::string list;
  for (const auto& info : quantities()) list += (list.empty() ? "" : ", ") + info.name;
  throw input_error("unknown quantity \"" + q + "\" (known: " + list + ")");
}

}  // namespace gdcert::cli
