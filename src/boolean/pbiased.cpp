#include "boolean/pbiased.hpp"

#include <bit>
#include <string>

#include "exact/errors.hpp"
#include "exact/resources.hpp"

namespace gdcert::boolean {

namespace {
constexpr Formula kPBiasedFormulas[] = {
    {"boolean.pbiased.coefficient",
     "p = Pr[x_i = -1], mu = 1 - 2p, sigma^2 = 4p(1-p), phi_S = prod_{i in S} (x_i - mu)/sigma; fhat_p(S) = E_p[f phi_S] = "
     "r_S sigma^-|S| with r_S = I_S (2a(b-a))^|S| / (D b^(n+|S|)) for p = a/b, f = N/D, I = the butterfly "
     "(v0, v1) -> ((b-a) v0 + a v1, v0 - v1) of N",
     "O'Donnell 2014, Analysis of Boolean Functions, §8.4 (basis); the integer butterfly is ours; proofs/boolean-criteria.md#p-biased", Tag::derived,
     "proofs/boolean-criteria.md#p-biased"},
    {"boolean.pbiased.level_weight", "W_k^(p) = sum_{|S|=k} fhat_p(S)^2 = (a(b-a))^k / (D^2 b^(2n)) sum_{|S|=k} I_S^2; "
                                     "sum_k W_k^(p) = E_p[f^2] (Parseval)",
     "O'Donnell 2014, §8.4; proofs/boolean-criteria.md#p-biased", Tag::derived, "proofs/boolean-criteria.md#p-biased"},
    {"boolean.pbiased.influence", "Inf_i^(p) = E_p[(f - E_{x_i} f)^2] = sum_{S ni i} fhat_p(S)^2; I^(p) = sum_i Inf_i^(p) = "
                                  "sum_k k W_k^(p)",
     "O'Donnell 2014, §8.4 (Definition 8.22, Proposition 8.23); proofs/boolean-criteria.md#p-biased", Tag::derived, "proofs/boolean-criteria.md#p-biased"},
    {"boolean.pbiased.noise_stability", "Stab_rho^(p) = sum_k rho^k W_k^(p) = E[f(x) f(y)], x ~ mu_p and y_i = x_i with "
                                        "probability rho, else a fresh mu_p draw (0 <= rho <= 1)",
     "O'Donnell 2014, §8.4 (Definition 8.26); proofs/boolean-criteria.md#p-biased", Tag::derived, "proofs/boolean-criteria.md#p-biased"},
};
}  // namespace

std::span<const Formula> pbiased_formulas() { return kPBiasedFormulas; }

Rational PBiasedSpectrum::mu() const { return Rational(1) - Rational(2) * p_; }
Rational PBiasedSpectrum::sigma2() const { return Rational(4) * p_ * (Rational(1) - p_); }

Rational PBiasedSpectrum::r(std::uint64_t mask) const {
  if (mask >= I_.size()) throw domain_error("pbiased: requires S inside [1, n]");
  const unsigned k = static_cast<unsigned>(std::popcount(mask));
  return Rational(I_[mask] * pow(Integer(2) * a_ * (b_ - a_), k), D_ * pow(b_, n_ + k));
}

Rational PBiasedSpectrum::squared(std::uint64_t mask) const {
  if (mask >= I_.size()) throw domain_error("pbiased: requires S inside [1, n]");
  const unsigned k = static_cast<unsigned>(std::popcount(mask));
  return Rational(I_[mask] * I_[mask] * pow(a_ * (b_ - a_), k), D_ * D_ * pow(b_, 2 * n_));
}

Rational PBiasedSpectrum::total_influence() const {
  Rational t(0);
  for (std::size_t k = 0; k < levels_.size(); ++k) t += Rational(static_cast<long long>(k)) * levels_[k];
  return t;
}

Rational PBiasedSpectrum::noise_stability(const Rational& rho) const {
  if (rho < Rational(-1) || rho > Rational(1))
    throw domain_error("pbiased noise stability: requires -1 <= rho <= 1, got rho = " + rho.str());
  Rational s(0), q(1);
  for (const auto& w : levels_) {
    s += q * w;
    q *= rho;
  }
  return s;
}

Rational PBiasedSpectrum::mean_square() const {
  Rational s(0);
  for (const auto& w : levels_) s += w;
  return s;
}

PBiasedSpectrum pbiased_spectrum(const CubeFunction& f, const Rational& p) {
  if (!(p > Rational(0) && p < Rational(1)))
    throw domain_error("pbiased: requires 0 < p < 1 (p = Pr[x_i = -1]), got p = " + p.str());
  const unsigned n = f.n();
  if (n > max_n_pbiased)
    throw resource_error("pbiased: requires n <= " + std::to_string(max_n_pbiased) +
                         " (an exact big-integer transform of 2^n entries), got n = " + std::to_string(n));
  require_memory(static_cast<long double>(f.size()) * 64.0L, "pbiased: the integer transform");
  PBiasedSpectrum s;
  s.n_ = n;
  s.p_ = p;
  s.a_ = p.num();
  s.b_ = p.den();
  CubeFunction::Integerised z = f.integerised();
  s.D_ = z.denominator;
  s.I_ = std::move(z.numerators);
  const Integer c = s.b_ - s.a_;
  auto& v = s.I_;
  for (std::uint64_t h = 1; h < f.size(); h <<= 1)
    for (std::uint64_t i = 0; i < f.size(); i += 2 * h)
      for (std::uint64_t j = i; j < i + h; ++j) {
        Integer v0 = c * v[j];
        v0 += s.a_ * v[j + h];
        v[j + h] = v[j] - v[j + h];
        v[j] = std::move(v0);
      }
  // Sums of I_S^2 by level and by (coordinate, level).
  std::vector<Integer> by_level(n + 1, Integer(0));
  std::vector<std::vector<Integer>> by_coord(n, std::vector<Integer>(n + 1, Integer(0)));
  for (std::uint64_t S = 0; S < f.size(); ++S) {
    if (v[S].is_zero()) continue;
    const Integer sq = v[S] * v[S];
    const unsigned k = static_cast<unsigned>(std::popcount(S));
    by_level[k] += sq;
    for (std::uint64_t m = S; m; m &= m - 1) by_coord[static_cast<std::size_t>(std::countr_zero(m))][k] += sq;
  }
  const Integer den = s.D_ * s.D_ * pow(s.b_, 2 * n);
  const Integer ab = s.a_ * c;
  for (unsigned k = 0; k <= n; ++k) s.levels_.emplace_back(by_level[k] * pow(ab, k), den);
  for (unsigned i = 0; i < n; ++i) {
    Rational t(0);
    for (unsigned k = 1; k <= n; ++k)
      if (!by_coord[i][k].is_zero()) t += Rational(by_coord[i][k] * pow(ab, k), den);
    s.influences_.push_back(std::move(t));
  }
  return s;
}

}  // namespace gdcert::boolean
