#include "api/walsh.hpp"

#include <bit>

#include "boolean/criteria.hpp"
#include "boolean/immunity.hpp"
#include "boolean/ops.hpp"
#include "boolean/spec.hpp"
#include "exact/errors.hpp"
#include "exact/resources.hpp"
#include "exact/text.hpp"

namespace gdcert::api {

WalshSpectrum walsh_spectrum(const boolean::CubeFunction& f, const std::string& canonical, unsigned threads) {
  WalshSpectrum s;
  s.canonical_ = canonical;
  s.parameters_ = {{"spec", canonical}, {"n", std::to_string(f.n())}};
  s.boolean_ = f.is_boolean();
  s.spectrum_ = boolean::walsh_spectrum(f, threads);
  // Also fills the spectrum's cache of level sums (read by degree()): after this, nothing mutates.
  s.level_weights_ = s.spectrum_.level_weights();
  return s;
}

WalshSpectrum walsh_spectrum(const std::string& spec, std::uint64_t seed, unsigned threads) {
  const boolean::ParsedSpec ps = boolean::parse_spec(spec, seed);
  return walsh_spectrum(ps.function, ps.canonical, threads);
}

Result WalshSpectrum::coefficient(std::uint64_t mask) const { return {Value(spectrum_.coefficient(mask)), "walsh.fwht"}; }

std::vector<Result> WalshSpectrum::level_weights() const {
  std::vector<Result> out;
  out.reserve(level_weights_.size());
  for (const auto& w : level_weights_) out.push_back({Value(w), "walsh.level_weight"});
  return out;
}

Result WalshSpectrum::mean() const { return {Value(spectrum_.coefficient(0)), "walsh.coefficient"}; }

Result WalshSpectrum::mean_square() const {
  Rational sum(0);
  for (const auto& w : level_weights_) sum += w;
  return {Value(sum), "walsh.parseval"};
}

std::vector<Result> WalshSpectrum::influences() const {
  std::vector<Result> out;
  for (const auto& x : spectrum_.influences()) out.push_back({Value(x), "walsh.influence"});
  return out;
}

Result WalshSpectrum::total_influence() const {
  Rational t(0);
  for (std::size_t k = 0; k < level_weights_.size(); ++k) t += Rational(static_cast<long long>(k)) * level_weights_[k];
  return {Value(t), "walsh.total_influence"};
}

Result WalshSpectrum::noise_stability(const Rational& rho) const {
  if (rho < Rational(-1) || rho > Rational(1))
    throw domain_error("noise_stability: requires -1 <= rho <= 1, got rho = " + rho.str());
  Rational s(0), p(1);
  for (const auto& w : level_weights_) {  // sum_k rho^k W_k
    s += p * w;
    p *= rho;
  }
  return {Value(s), "walsh.noise_stability"};
}

Result WalshSpectrum::degree() const { return {Value(static_cast<long long>(spectrum_.degree())), "walsh.degree"}; }

namespace {
/** A set of variables "i,j,k" (1-based, or 0-based with --zero-based) as a mask. */
std::uint64_t parse_set(const std::string& text, unsigned n, bool zero_based, const std::string& what) {
  if (!zero_based) return boolean::parse_subset(text, n, what);
  std::string shifted;
  std::string tok;
  auto flush = [&] {
    if (tok.empty()) return;
    if (tok.size() > 18 || tok.find_first_not_of("0123456789") != std::string::npos)
      throw input_error(what + ": requires set indices as integers in [0, n-1] (--zero-based), got \"" + tok + "\"");
    shifted += (shifted.empty() ? "" : ",") + std::to_string(std::stoull(tok) + 1);
    tok.clear();
  };
  for (char c : text) {
    if (c == ',' ) flush();
    else if (c != '{' && c != '}' && c != ' ') tok += c;
  }
  flush();
  try {
    return boolean::parse_subset(shifted, n, what);
  } catch (const input_error&) {
    throw input_error(what + ": requires distinct set indices in [0, n-1] = [0, " + std::to_string(n) + "-1] (--zero-based), got \"" + text + "\"");
  }
}

/** A point x of {±1}^n as its table index: "1,-1,1" (x_1..x_n) or "010" (bits b_j = (1 - x_j)/2, b_1 first). */
std::uint64_t parse_point(const std::string& x, unsigned n) {
  const std::string what = "walsh --eval: requires x_1..x_n as ±1 values (1,-1,...) or n bits b_j = (1 - x_j)/2 (0110...)";
  std::uint64_t i = 0;
  // A comma or a sign makes it a list of ±1 values (for n = 1 write "+1" or "-1"); otherwise it is a bit string.
  if (x.find_first_of(",+-") != std::string::npos) {
    const std::vector<std::string> v = split_list(x);
    if (v.size() != n) throw input_error(what + "; got " + std::to_string(v.size()) + " values for n = " + std::to_string(n));
    for (unsigned j = 0; j < n; ++j) {
      if (v[j] == "-1") i |= std::uint64_t{1} << j;
      else if (v[j] != "1" && v[j] != "+1") throw input_error(what + "; got \"" + v[j] + "\" at coordinate " + std::to_string(j + 1));
    }
    return i;
  }
  if (x.size() != n) throw input_error(what + "; got \"" + x + "\" (" + std::to_string(x.size()) + " characters) for n = " + std::to_string(n));
  for (unsigned j = 0; j < n; ++j) {
    if (x[j] == '1') i |= std::uint64_t{1} << j;
    else if (x[j] != '0') throw input_error(what + "; got \"" + x + "\"");
  }
  return i;
}
}  // namespace

WalshResult walsh(const WalshRequest& req) {
  const boolean::ParsedSpec ps = boolean::parse_spec(req.spec, req.seed);
  const boolean::CubeFunction& f = ps.function;
  const unsigned n = f.n();
  // Validate every request before the (possibly long) transform.
  std::vector<Rational> rhos;
  for (const auto& r : req.stability) {
    Rational rho = Rational::parse(r);
    if (rho < Rational(-1) || rho > Rational(1))
      throw domain_error("walsh --stability: requires -1 <= rho <= 1, got rho = " + rho.str());
    rhos.push_back(std::move(rho));
  }
  std::vector<std::uint64_t> sets;
  for (const auto& s : req.coeff_sets) sets.push_back(parse_set(s, n, req.zero_based, "walsh --coeff"));
  std::vector<std::uint64_t> dirs;
  for (const auto& s : req.derivatives) dirs.push_back(parse_set(s, n, req.zero_based, "walsh --derivative"));
  std::optional<Rational> bias;
  if (!req.bias.empty()) {
    bias = Rational::parse(req.bias);
    if (!(*bias > Rational(0) && *bias < Rational(1)))
      throw domain_error("walsh --bias: requires 0 < p < 1 (p = Pr[x_i = -1] = Pr[b_i = 1]), got p = " + bias->str());
    if (n > boolean::max_n_pbiased)
      throw resource_error("walsh --bias: requires n <= " + std::to_string(boolean::max_n_pbiased) +
                           " (exact big-integer transform), got n = " + std::to_string(n));
  }
  if (req.algebraic_immunity && n > boolean::max_n_algebraic_immunity)
    throw resource_error("walsh --algebraic-immunity: requires n <= " + std::to_string(boolean::max_n_algebraic_immunity) +
                         " (exact GF(2) elimination), got n = " + std::to_string(n));

  WalshResult out;
  out.canonical = ps.canonical;
  out.n = n;
  out.is_boolean = f.is_boolean();
  out.parameters = {{"spec", ps.canonical}, {"n", std::to_string(n)}};
  for (std::uint64_t m : sets) out.coefficients.emplace_back(m, Result{Value(boolean::walsh_coefficient(f, m)), "walsh.coefficient"});

  // Points: --table lists every point, --eval the given ones.
  if (req.table) {
    if (n > 20) throw resource_error("walsh --table: lists at most 2^20 points, got n = " + std::to_string(n) + "; use --eval x");
    for (std::uint64_t i = 0; i < f.size(); ++i) out.values.emplace_back(i, Result{Value(f.value(i)), ""});
  }
  for (const auto& x : req.eval_points) {
    const std::uint64_t i = parse_point(x, n);
    out.values.emplace_back(i, Result{Value(f.value(i)), ""});
  }
  const bool boolean_analysis = req.anf || req.criteria || req.autocorrelation || req.algebraic_immunity;
  if (boolean_analysis && !f.is_boolean())
    throw domain_error("walsh --anf/--criteria/--autocorrelation/--algebraic-immunity: require a ±1-valued function; " +
                       ps.canonical + " is real-valued");
  if (req.algebraic_immunity) {
    boolean::AlgebraicImmunity a = boolean::algebraic_immunity(f);
    out.algebraic_immunity = WalshResult::AlgebraicImmunity{{Value(a.ai), "boolean.algebraic_immunity"},
                                                           std::move(a.annihilator_of_f),
                                                           std::move(a.annihilator_of_complement)};
  }
  for (std::uint64_t u : dirs) {
    const boolean::CubeFunction d = boolean::op_derivative(f, u);
    WalshResult::Derivative r;
    r.u = u;
    const bool binary = ps.family == "xor" || ps.family == "and" || ps.family == "or";
    r.canonical = "deriv(" + (binary ? "(" + ps.canonical + ")" : ps.family == "file" ? "'" + ps.canonical + "'" : ps.canonical) +
                  ", " + boolean::subset_str(u) + ")";
    if (d.is_boolean() && f.is_boolean()) {
      std::int64_t minus = 0;
      for (std::uint64_t w : d.bits()) minus += std::popcount(w);
      r.weight = {Value(Integer(static_cast<long long>(minus))), "boolean.derivative"};
      r.mean = {Value(Rational(static_cast<long long>(d.size()) - 2 * minus, static_cast<long long>(d.size()))),
                "boolean.derivative"};
      r.algebraic_degree = {Value(boolean::algebraic_degree(boolean::anf_monomials(d), n)), "boolean.derivative"};
      if (n <= 6)
        for (std::uint64_t i = 0; i < d.size(); ++i) r.bits += d.sign(i) < 0 ? '1' : '0';
    } else {
      Rational m(0);
      for (std::uint64_t i = 0; i < d.size(); ++i) m += d.value(i);
      r.mean = {Value(m / Rational(Integer::pow2(n))), "boolean.derivative"};
    }
    out.derivatives.push_back(std::move(r));
  }
  if (bias) {
    out.pbiased = boolean::pbiased_spectrum(f, *bias);
    for (const auto& rho : rhos) out.pbiased_stability.emplace_back(rho, Result{Value(out.pbiased->noise_stability(rho)), "boolean.pbiased.noise_stability"});
  }
  if (req.anf) {
    const std::vector<std::uint64_t> words = boolean::anf_monomials(f);
    WalshResult::Anf a;
    for (std::uint64_t w = 0; w < words.size(); ++w)
      for (std::uint64_t word = words[w]; word; word &= word - 1)
        a.monomials.push_back(w * 64 + static_cast<unsigned>(std::countr_zero(word)));
    a.algebraic_degree = {Value(boolean::algebraic_degree(words, n)), "boolean.algebraic_degree"};
    out.anf = std::move(a);
  }

  const bool only_single = !sets.empty() && !req.coeffs && !req.levels && !req.influences && !req.degree && rhos.empty() &&
                           !req.anf && !req.criteria && !req.autocorrelation;
  const bool only_points = (req.table || !req.eval_points.empty()) && sets.empty() && !req.coeffs && !req.levels &&
                           !req.influences && !req.degree && rhos.empty() && !boolean_analysis;
  // --algebraic-immunity, --derivative and --bias need no uniform spectrum of their own.
  const bool only_extra = (req.algebraic_immunity || !dirs.empty() || bias) && !req.anf && !req.criteria &&
                          !req.autocorrelation && sets.empty() && !req.coeffs && !req.levels && !req.influences &&
                          !req.degree && (rhos.empty() || bias);
  if (only_single || only_points || only_extra) return out;
  out.spectrum = walsh_spectrum(f, ps.canonical, req.threads);
  for (auto& rho : rhos) {
    Result r = out.spectrum->noise_stability(rho);
    out.stability.emplace_back(std::move(rho), std::move(r));
  }
  if (out.anf) out.anf->fourier_degree = out.spectrum->degree();
  if (req.criteria || req.autocorrelation) {
    // W_f(a) = 2^n fhat(a): the transform's numerators over the denominator 2^n of a ±1 function.
    std::vector<std::int64_t> w;
    const WalshSpectrum& s = *out.spectrum;
    require_memory(static_cast<long double>(s.size()) * 8.0L, "walsh --criteria/--autocorrelation: W_f in int64");
    if (s.transform_bits() == 32) w.assign(s.numerators_int32().begin(), s.numerators_int32().end());
    else if (s.transform_bits() == 64) w.assign(s.numerators_int64().begin(), s.numerators_int64().end());
    else throw resource_error("walsh --criteria/--autocorrelation: requires a machine-integer transform (n <= 30)");
    GDCERT_ASSERT(s.denominator() == Integer::pow2(n), "a ±1 function's spectrum has the denominator 2^n");
    if (req.criteria) {
      const boolean::WalshCriteria c = boolean::walsh_criteria(w, n);
      WalshResult::Criteria r;
      r.max_abs_walsh = {Value(Integer(static_cast<long long>(c.max_abs))), "boolean.walsh_hadamard"};
      r.nonlinearity = {Value(c.nonlinearity), "boolean.nonlinearity"};
      r.balanced = c.balanced;
      r.correlation_immunity = {Value(c.correlation_immunity), "boolean.correlation_immunity"};
      r.resiliency = {Value(c.resiliency), "boolean.correlation_immunity"};
      r.bent = c.bent;
      r.near_bent = c.near_bent;
      r.semi_bent = c.semi_bent;
      if (c.plateau >= 0) r.plateau = Result{Value(Integer(static_cast<long long>(c.plateau))), "boolean.bent"};
      r.histogram.assign(c.histogram.begin(), c.histogram.end());
      out.criteria = std::move(r);
    }
    if (req.autocorrelation) {
      boolean::Autocorrelation a = boolean::autocorrelation(w, n, req.threads);
      WalshResult::Autocorrelation r;
      r.absolute_indicator = {Value(Integer(static_cast<long long>(a.absolute_indicator))), "boolean.autocorrelation"};
      r.sum_of_squares = {Value(a.sum_of_squares), "boolean.autocorrelation"};
      r.propagation_criterion = {Value(a.propagation_criterion), "boolean.autocorrelation"};
      r.linear_structures = std::move(a.linear_structures);
      r.delta = std::move(a.delta);
      out.autocorrelation = std::move(r);
    }
  }
  return out;
}

}  // namespace gdcert::api
