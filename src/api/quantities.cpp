#include "api/quantities.hpp"

#include <algorithm>
#include <cctype>
#include <optional>

#include "alignment/cp.hpp"
#include "alignment/inal.hpp"
#include "alignment/msp.hpp"
#include "boolean/group.hpp"
#include "api/cp.hpp"
#include "api/inal.hpp"
#include "api/kernel.hpp"
#include "api/msp.hpp"
#include "api/precision.hpp"
#include "api/quantities_landscape.hpp"
#include "api/quantities_boolean.hpp"
#include "api/quantities_kernels_deep.hpp"
#include "api/quantities_radial.hpp"
#include "api/quantities_width.hpp"
#include "boolean/krawtchouk.hpp"
#include "boolean/spec.hpp"
#include "boolean/walsh.hpp"
#include "exact/errors.hpp"
#include "kernels/dual.hpp"

namespace gdcert::api {

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


boolean::ParsedSpec spec_of(const Params& p, const std::string& q) { return boolean::parse_spec(need(p, q, "spec"), seed_param(p)); }

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
      {"inal.m_k", "n, act, init[, bias, sign0, prec, k]", "inal.walsh_diagonal", "Walsh eigenvalues m_0..m_n of a first-layer neuron"},
      {"inal.e_k", "n, act, init[, bias, sign0, prec]", "inal.expressivity", "e_k = C(n,k) m_k, k = 0..n"},
      {"inal.hamming_kernel", "n, act, init[, bias, sign0]", "inal.hamming_kernel", "Sigma(h), h = 0..n (finite laws)"},
      {"inal.kernel_entry", "n, x, y, act, init[, bias]", "inal.kernel_form", "E_w sigma(w.x+b) sigma(w.y+b) at table indices x, y"},
      {"inal.value", "spec | level_weights, act, init[, bias, net, route, max, prec]", "inal.definition", "INAL(f, NN)"},
      {"cp.class", "class", "cp.definition", "CP of parities:n=N[:k=K], random:n=N, list:SPEC;..."},
      {"cp.bn", "spec | level_weights", "cp.bn_closed", "CP_{B_n} by the closed form"},
      {"align.bn", "spec | level_weights", "align.bn_closed", "A_{B_n} by the closed form"},
      {"cp.sn", "spec", "cp.group_average", "CP_{S_n} by the group average"},
      {"align.sn", "spec[, prec]", "align.group_average", "A_{S_n} = lambda_max (exact or ball)"},
      {"cp.on", "n, weights", "cp.on_closed", "CP_{O(n)} from spherical-harmonic level weights"},
      {"align.on", "n, weights", "cp.on_closed", "A_{O(n)} from spherical-harmonic level weights"},
      {"harmonic_dimension", "n, l", "cp.harmonic_dimension", "N(n, l)"},
      {"msp.leap", "spec | support", "msp.leap", "the leap of the Walsh support"},
      {"msp.is_msp", "spec | support", "msp.closure", "1 if the support has the MSP, else 0"},
      {"kernel.second_moment", "act, [var = 1], cov | rho, [prec = 200] | digits", "kernel.relu",
       "E[sigma(u) sigma(v)], Var = var, Cov = cov (or var rho): a ball at `prec` bits, or certified to `digits` digits "
       "(as gdcert kernel --prec / --digits; formula by act)"},
      {"kernel.series", "act, L, [var = 1], [prec = 200]", "kernel.hermite", "a_0 .. a_L as balls"},
      {"kernel.series_exact", "act, L, [var = 1]", "kernel.hermite",
       "rational parts of a_0 .. a_L (a_l = r_l or r_l/pi, see kernel.series_over_pi)"},
      {"kernel.series_over_pi", "act, L, [var = 1]", "kernel.hermite", "1 where a_l = r_l/pi, else 0"},
      {"kernel.series_tail", "act, L, [var = 1], [prec = 200]", "kernel.series.tail", "sum_{l > L} a_l, certified"},
  };
  static const std::vector<QuantityInfo> all = [] {
    std::vector<QuantityInfo> v = q;
    for (const auto& i : sim_quantities()) v.push_back(i);
    v.insert(v.end(), radial_quantities().begin(), radial_quantities().end());
    v.insert(v.end(), kernels_deep_quantities().begin(), kernels_deep_quantities().end());
    v.insert(v.end(), landscape_quantities().begin(), landscape_quantities().end());
    v.insert(v.end(), width_quantities().begin(), width_quantities().end());
    v.insert(v.end(), boolean_quantities().begin(), boolean_quantities().end());
    return v;
  }();
  return all;
}

namespace {

std::string get_or(const Params& p, const char* key, const char* dflt) {
  auto it = p.find(key);
  return it == p.end() ? std::string(dflt) : it->second;
}

std::vector<Value> evaluate_alignment_quantity(const std::string& q, const Params& p) {
  using namespace alignment;
  const long bits = prec_param(p);
  if (q == "inal.m_k" || q == "inal.e_k") {
    InalRequest r;
    r.profile = true;
    r.n = need_uint(p, q, "n", 4096);
    r.act = need(p, q, "act");
    r.init = need(p, q, "init");
    r.bias = get_or(p, "bias", "none");
    r.sign0 = get_or(p, "sign0", "1");
    r.prec = bits;
    const InalProfile prof = inal_profile(r);
    const auto& v = q == "inal.m_k" ? prof.m : prof.e;
    if (p.count("k")) return {v.at(need_uint(p, q, "k", r.n)).value};
    std::vector<Value> out;
    for (const auto& x : v) out.push_back(x.value);
    return out;
  }
  if (q == "inal.hamming_kernel")
    return values(hamming_kernel_exact(need_uint(p, q, "n", 4096), parse_exact_activation(need(p, q, "act")),
                                       parse_weight_law(need(p, q, "init")), parse_bias_law(get_or(p, "bias", "none")),
                                       static_cast<int>(Integer::parse(get_or(p, "sign0", "1")).to_si())));
  if (q == "inal.kernel_entry") {
    const unsigned n = need_uint(p, q, "n", 24);
    return {Value(kernel_entry_exact(n, need_uint(p, q, "x", 1u << 24), need_uint(p, q, "y", 1u << 24),
                                     parse_exact_activation(need(p, q, "act")), parse_weight_law(need(p, q, "init")),
                                     parse_bias_law(get_or(p, "bias", "none"))))};
  }
  if (q == "inal.value") {
    InalRequest r;
    r.spec = get_or(p, "spec", "");
    r.level_weights = get_or(p, "level_weights", "");
    r.act = need(p, q, "act");
    r.init = need(p, q, "init");
    r.bias = get_or(p, "bias", "none");
    r.net = get_or(p, "net", "");
    r.route = get_or(p, "route", "auto");
    r.max = get_or(p, "max", "outside");
    r.sign0 = get_or(p, "sign0", "1");
    r.prec = bits;
    r.seed = seed_param(p);
    const InalResult res = inal(r);
    // --max inside: the expectation of the max over neurons; otherwise the max of the expectations.
    if (r.max == "inside") return {res.max_inside->value};
    return {res.inal.value};
  }
  if (q == "cp.class") return {class_cp(need(p, q, "class"), 0, bits).cp.value};
  if (q == "cp.bn" || q == "align.bn" || q == "cp.sn" || q == "align.sn") {
    const bool sn = q == "cp.sn" || q == "align.sn";
    CpRequest r;
    r.spec = get_or(p, "spec", "");
    r.level_weights = sn ? "" : get_or(p, "level_weights", "");
    if (r.spec.empty() && r.level_weights.empty())
      throw input_error("quantity " + q + ": requires parameter \"spec\"" + (sn ? "" : " or \"level_weights\""));
    r.seed = seed_param(p);
    r.prec = bits;
    const OrbitStatistic s = q == "cp.bn"      ? OrbitStatistic::cp_bn
                             : q == "align.bn" ? OrbitStatistic::align_bn
                             : q == "cp.sn"    ? OrbitStatistic::cp_sn
                                               : OrbitStatistic::align_sn;
    return {orbit_statistic(s, r).value};
  }
  if (q == "cp.on" || q == "align.on") {
    const SphereStats s = sphere_stats(need_uint(p, q, "n", 1u << 20), need(p, q, "weights"));
    return {(q == "cp.on" ? s.cp : s.alignment).value};
  }
  if (q == "harmonic_dimension") return {Value(harmonic_dimension(need_uint(p, q, "n", 1u << 20), need_uint(p, q, "l", 1u << 20)))};
  if (q == "msp.leap" || q == "msp.is_msp") {
    MspRequest r;
    r.support = get_or(p, "support", "");
    if (r.support.empty()) r.spec = need(p, q, "spec");
    r.seed = seed_param(p);
    const Msp m = msp(r);
    return {(q == "msp.leap" ? m.leap : m.is_msp).value};
  }
  throw input_error("unknown quantity \"" + q + "\"");
}

}  // namespace

std::vector<Value> evaluate_quantity(const std::string& q, const Params& p) {
  if (auto v = evaluate_sim_quantity(q, p)) return *v;
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
  if (q.rfind("inal.", 0) == 0 || q.rfind("cp.", 0) == 0 || q.rfind("align.", 0) == 0 || q.rfind("msp.", 0) == 0 ||
      q == "harmonic_dimension")
    return evaluate_alignment_quantity(q, p);
  if (q == "kernel.second_moment") {
    const std::string& act = need(p, q, "act");
    const auto [var, cov] = var_cov_of(p, q);
    std::optional<long> digits;
    if (auto it = p.find("digits"); it != p.end()) digits = Integer::parse(it->second).to_si();
    return {kernel_second_moment(act, var, cov, prec_param(p, 200), digits).value};
  }
  if (q == "kernel.series" || q == "kernel.series_exact" || q == "kernel.series_over_pi" || q == "kernel.series_tail") {
    const std::string& act = need(p, q, "act");
    const unsigned L = need_uint(p, q, "L", 20000);
    const KernelSeries s = kernel_series(act, L, Rational::parse(param_or(p, "var", "1")), prec_param(p, 200));
    if (q == "kernel.series_tail") return {s.tail.value};
    std::vector<Value> v;
    for (std::size_t l = 0; l < s.coefficients.size(); ++l) {
      if (q == "kernel.series") v.push_back(s.coefficients[l].value);
      else if (q == "kernel.series_exact") v.push_back(s.rational_parts[l].value);
      else v.emplace_back(static_cast<long long>(s.constants[l] == "1/pi" ? 1 : 0));
    }
    return v;
  }
  if (auto v = evaluate_radial_quantity(q, p)) return *v;
  if (auto v = evaluate_kernels_deep_quantity(q, p)) return *v;
  if (auto v = evaluate_landscape_quantity(q, p)) return *v;
  if (auto v = evaluate_width_quantity(q, p)) return *v;
  if (auto v = evaluate_boolean_quantity(q, p)) return *v;
  std::string list;
  for (const auto& info : quantities()) list += (list.empty() ? "" : ", ") + info.name;
  throw input_error("unknown quantity \"" + q + "\" (known: " + list + ")");
}

}  // namespace gdcert::api

namespace gdcert::api {

const QuantityInfo* find_quantity(const std::string& name) {
  for (const auto& q : quantities())
    if (q.name == name) return &q;
  return nullptr;
}

namespace {

/**
 * The parameters an entry lists, in order, with the defaults written "[name = value]": the identifiers of its
 * `params` text ("spec | level_weights, act, [prec = 128]"); "as sim.inal_mc (layer 1), ..." starts with the named
 * entry's parameters ("(layer 1)" is a remark).
 */
std::vector<std::pair<std::string, std::optional<std::string>>> parameter_list(const QuantityInfo& info) {
  std::vector<std::pair<std::string, std::optional<std::string>>> out;
  std::string list = info.params;
  if (list.rfind("as ", 0) == 0) {
    std::size_t end = 3;
    while (end < list.size() && (std::isalnum(static_cast<unsigned char>(list[end])) || list[end] == '_' || list[end] == '.')) ++end;
    if (const QuantityInfo* base = find_quantity(list.substr(3, end - 3))) out = parameter_list(*base);
    list = list.substr(end);
    if (const std::size_t paren = list.find('('); paren != std::string::npos && paren < list.find(','))
      list.erase(paren, list.find(')', paren) - paren + 1);
  }
  auto ident = [&](std::size_t i) { return std::isalpha(static_cast<unsigned char>(list[i])) || list[i] == '_'; };
  for (std::size_t i = 0; i < list.size();) {
    if (!ident(i)) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < list.size() && (std::isalnum(static_cast<unsigned char>(list[j])) || list[j] == '_')) ++j;
    std::string name = list.substr(i, j - i);
    std::optional<std::string> dflt;
    if (list.compare(j, 3, " = ") == 0) {  // "[name = value]": the value runs to the closing bracket
      const std::size_t close = std::min(list.find(']', j), list.size());
      dflt = list.substr(j + 3, close - j - 3);
      j = close;
    }
    if (std::none_of(out.begin(), out.end(), [&](const auto& e) { return e.first == name; }))
      out.emplace_back(std::move(name), std::move(dflt));
    i = j;
  }
  return out;
}

}  // namespace

std::vector<std::string> parameter_names(const QuantityInfo& info) {
  std::vector<std::string> names;
  for (const auto& [name, dflt] : parameter_list(info)) names.push_back(name);
  if (std::find(names.begin(), names.end(), "seed") == names.end()) names.push_back("seed");
  return names;
}

Quantity evaluate(const std::string& name, const Params& params) {
  const QuantityInfo* info = find_quantity(name);
  const auto listed = info ? parameter_list(*info) : std::vector<std::pair<std::string, std::optional<std::string>>>{};
  if (info && name != "bound") {  // bound's parameters are those of the named bound (checked by the bound registry)
    for (const auto& [k, v] : params)
      if (k != "seed" && std::none_of(listed.begin(), listed.end(), [&](const auto& e) { return e.first == k; })) {
        const auto names = parameter_names(*info);
        std::string list;
        for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
        throw input_error("quantity " + name + ": unknown parameter \"" + k + "\" (parameters: " + list + ")");
      }
  }
  Quantity out;
  out.name = name;
  out.parameters = params;
  for (const auto& [k, dflt] : listed)
    if (dflt) out.parameters.emplace(k, *dflt);
  // The formula of the values: the entry's, except where it depends on the parameters (the named bound; the
  // activation's kernel).
  std::string formula = info ? info->formula_id : "";
  if (name == "bound") {
    if (auto it = params.find("bound"); it != params.end()) formula = it->second;
  } else if (name == "kernel.second_moment") {
    if (auto it = params.find("act"); it != params.end())
      formula = kernel_formula(it->second);
  }
  out.values = results(evaluate_quantity(name, params), formula);
  return out;
}

}  // namespace gdcert::api
