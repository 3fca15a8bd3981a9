#include "boolean/criteria.hpp"

#include <bit>
#include <cstdlib>
#include <unordered_map>

#include "boolean/fwht.hpp"
#include "exact/errors.hpp"
#include "exact/resources.hpp"

namespace gdcert::boolean {

namespace {
constexpr Formula kCriteriaFormulas[] = {
    {"boolean.anf", "f = (-1)^g, g(b) = XOR_{m in ANF} prod_{j in m} b_j, b_j = (1 - x_j)/2; coefficients by the Möbius "
                    "transform a_m = XOR_{i subset m} g(i)",
     "standard (Carlet 2021, Boolean Functions for Cryptography and Coding Theory, §2.2); proofs/boolean-criteria.md#anf", Tag::derived,
     "proofs/boolean-criteria.md#anf"},
    {"boolean.algebraic_degree", "deg_2 f = max{|m| : m in ANF(g)} (GF(2) degree; the Fourier degree is walsh.degree, "
                                 "and deg_2 <= deg)",
     "standard (Carlet 2021, §2.2); proofs/boolean-criteria.md#degrees", Tag::derived, "proofs/boolean-criteria.md#degrees"},
    {"boolean.walsh_hadamard", "W_f(a) = sum_x f(x) chi_a(x) = 2^n fhat(a)", "standard (Carlet 2021, §2.3); proofs/boolean-criteria.md#walsh", Tag::derived,
     "proofs/boolean-criteria.md#walsh"},
    {"boolean.nonlinearity", "NL(f) = min over affine l of d(f, l) = 2^(n-1) - max_a |W_f(a)|/2", "standard (Carlet 2021, §3.1); proofs/boolean-criteria.md#nonlinearity",
     Tag::derived, "proofs/boolean-criteria.md#nonlinearity"},
    {"boolean.balanced", "f balanced <=> W_f(0) = 0", "definition; proofs/boolean-criteria.md#walsh", Tag::derived, "proofs/boolean-criteria.md#walsh"},
    {"boolean.correlation_immunity", "CI order = max m: W_f(a) = 0 for all 1 <= |a| <= m (Xiao-Massey); resiliency = CI "
                                     "order when balanced, else -1",
     "standard (Xiao, Massey 1988; Carlet 2021, §7.1); proofs/boolean-criteria.md#correlation-immunity", Tag::derived, "proofs/boolean-criteria.md#correlation-immunity"},
    {"boolean.bent", "bent: |W_f(a)| = 2^(n/2) for all a (n even); plateaued: |W_f| in {0, c}; near-bent (n odd) c = "
                     "2^((n+1)/2), semi-bent (n even) c = 2^((n+2)/2)",
     "standard (Rothaus 1976; Carlet 2021, §6); proofs/boolean-criteria.md#bent", Tag::derived, "proofs/boolean-criteria.md#bent"},
    {"boolean.autocorrelation", "Delta_f(u) = sum_x f(x) f(x chi_u) = 2^-n sum_a W_f(a)^2 chi_a(u) (Wiener-Khinchin); "
                                "absolute indicator max_{u != 0} |Delta_f(u)|, sum-of-squares sum_u Delta_f(u)^2, "
                                "linear structures |Delta_f(u)| = 2^n, PC(k): Delta_f(u) = 0 for 1 <= |u| <= k",
     "standard (Zhang, Zheng 1995; Carlet 2021, §3.2); proofs/boolean-criteria.md#autocorrelation", Tag::derived, "proofs/boolean-criteria.md#autocorrelation"},
};
}  // namespace

std::span<const Formula> criteria_formulas() { return kCriteriaFormulas; }

std::vector<std::uint64_t> anf_monomials(const CubeFunction& f) {
  if (!f.is_boolean()) throw domain_error("anf: requires a ±1-valued function");
  const unsigned n = f.n();
  std::vector<std::uint64_t> a = f.bits();  // bit i = g(i) (a set bit means f = -1, i.e. g = 1)
  const std::uint64_t size = std::uint64_t{1} << n;
  // Within a 64-bit word: the strides 1..32 by masks (bit i gets bit i ^ s XORed in when bit s of i is set).
  static constexpr std::uint64_t kLow[6] = {0x5555555555555555ull, 0x3333333333333333ull, 0x0f0f0f0f0f0f0f0full,
                                            0x00ff00ff00ff00ffull, 0x0000ffff0000ffffull, 0x00000000ffffffffull};
  const unsigned in_word = n < 6 ? n : 6;
  for (std::uint64_t& w : a)
    for (unsigned s = 0; s < in_word; ++s) w ^= (w & kLow[s]) << (1u << s);
  for (std::uint64_t stride = 1; stride < a.size(); stride <<= 1)  // across words
    for (std::uint64_t i = 0; i < a.size(); ++i)
      if (i & stride) a[i] ^= a[i ^ stride];
  if (size < 64) a[0] &= (std::uint64_t{1} << size) - 1;
  return a;
}

int algebraic_degree(const std::vector<std::uint64_t>& anf, unsigned n) {
  int d = -1;
  const std::uint64_t size = std::uint64_t{1} << n;
  for (std::uint64_t w = 0; w < anf.size(); ++w)
    for (std::uint64_t word = anf[w]; word; word &= word - 1) {
      const std::uint64_t m = w * 64 + static_cast<unsigned>(std::countr_zero(word));
      if (m < size) d = std::max(d, std::popcount(m));
    }
  return d;
}

WalshCriteria walsh_criteria(std::span<const std::int64_t> w, unsigned n) {
  if (w.size() != (std::uint64_t{1} << n)) throw std::logic_error("walsh_criteria: spectrum of the wrong length");
  WalshCriteria c;
  c.n = n;
  // The histogram through a hash map (a spectrum has few distinct values; 2^n ordered-map updates dominated at n = 26).
  std::unordered_map<std::int64_t, std::uint64_t> counts;
  for (std::int64_t v : w) {
    c.max_abs = std::max<std::int64_t>(c.max_abs, std::llabs(v));
    ++counts[v];
  }
  c.histogram.insert(counts.begin(), counts.end());
  // W_f(a) is even for n >= 1 (a sum of 2^n terms ±1); for n = 0 the only affine functions are the constants: NL = 0.
  c.nonlinearity = n == 0 ? Integer(0) : Integer::pow2(n - 1) - Integer(static_cast<long long>(c.max_abs / 2));
  c.balanced = w[0] == 0;
  c.correlation_immunity = static_cast<int>(n);
  for (std::uint64_t a = 1; a < w.size(); ++a)
    if (w[a] != 0) c.correlation_immunity = std::min(c.correlation_immunity, std::popcount(a) - 1);
  c.resiliency = c.balanced ? c.correlation_immunity : -1;
  std::int64_t common = 0;
  bool plateaued = true;
  for (std::int64_t v : w) {
    const std::int64_t a = std::llabs(v);
    if (a == 0) continue;
    if (common == 0) common = a;
    else if (a != common) plateaued = false;
  }
  c.plateau = plateaued ? common : -1;
  c.bent = n % 2 == 0 && plateaued && common == (std::int64_t{1} << (n / 2)) && c.histogram.count(0) == 0;
  c.near_bent = n % 2 == 1 && plateaued && common == (std::int64_t{1} << ((n + 1) / 2));
  c.semi_bent = n % 2 == 0 && n >= 2 && plateaued && common == (std::int64_t{1} << ((n + 2) / 2));
  return c;
}

Autocorrelation autocorrelation(std::span<const std::int64_t> w, unsigned n, unsigned threads) {
  if (n > 30) throw resource_error("autocorrelation: requires n <= 30 (W_f(a)^2 sums in int64), got n = " + std::to_string(n));
  if (w.size() != (std::uint64_t{1} << n)) throw std::logic_error("autocorrelation: spectrum of the wrong length");
  require_memory(static_cast<long double>(w.size()) * 8.0L, "autocorrelation: the second transform");
  Autocorrelation r;
  r.delta.resize(w.size());
  for (std::size_t a = 0; a < w.size(); ++a) r.delta[a] = w[a] * w[a];  // |W| <= 2^n: W^2 <= 2^60
  fwht_inplace_unchecked(std::span<std::int64_t>(r.delta), threads);  // sum_a W^2 chi_a(u), |.| <= 2^(2n) (Parseval)
  for (auto& d : r.delta) {
    GDCERT_ASSERT(d % (std::int64_t{1} << n) == 0, "autocorrelation: 2^n divides sum_a W_f(a)^2 chi_a(u)");
    d >>= n;  // exact (asserted), arithmetic shift of a multiple of 2^n
  }
  r.propagation_criterion = static_cast<int>(n);
  std::uint64_t ss_hi = 0, ss_lo = 0;  // sum of Delta^2 <= 2^(3n) in two words (each Delta^2 <= 2^60)
  const std::int64_t full = std::int64_t{1} << n;
  for (std::uint64_t u = 0; u < r.delta.size(); ++u) {
    const std::int64_t d = r.delta[u];
    const auto d2 = static_cast<std::uint64_t>(d) * static_cast<std::uint64_t>(d);  // |d| <= 2^30: exact
    ss_lo += d2;
    ss_hi += ss_lo < d2 ? 1 : 0;
    if (u == 0) continue;
    r.absolute_indicator = std::max<std::int64_t>(r.absolute_indicator, std::llabs(d));
    if (std::llabs(d) == full) r.linear_structures.push_back(u);
    if (d != 0) r.propagation_criterion = std::min(r.propagation_criterion, std::popcount(u) - 1);
  }
  r.sum_of_squares = Integer(static_cast<unsigned long long>(ss_hi)) * Integer::pow2(64) +
                     Integer(static_cast<unsigned long long>(ss_lo));
  return r;
}

}  // namespace gdcert::boolean
