#include "api/walsh.hpp"

#include "boolean/spec.hpp"
#include "exact/errors.hpp"

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
  for (const auto& s : req.coeff_sets) sets.push_back(boolean::parse_subset(s, n, "walsh --coeff"));

  WalshResult out;
  out.canonical = ps.canonical;
  out.n = n;
  out.is_boolean = f.is_boolean();
  out.parameters = {{"spec", ps.canonical}, {"n", std::to_string(n)}};
  for (std::uint64_t m : sets) out.coefficients.emplace_back(m, Result{Value(boolean::walsh_coefficient(f, m)), "walsh.coefficient"});

  const bool only_single = !sets.empty() && !req.coeffs && !req.levels && !req.influences && !req.degree && rhos.empty();
  if (only_single) return out;
  out.spectrum = walsh_spectrum(f, ps.canonical, req.threads);
  for (auto& rho : rhos) {
    Result r = out.spectrum->noise_stability(rho);
    out.stability.emplace_back(std::move(rho), std::move(r));
  }
  return out;
}

}  // namespace gdcert::api
