#include "boolean/walsh.hpp"

#include <algorithm>
#include <bit>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <string_view>
#include <utility>

#include "boolean/fwht.hpp"
#include "exact/errors.hpp"

#if defined(__GNUC__) && defined(__x86_64__)
#include <immintrin.h>
#endif

namespace gdcert::boolean {

namespace {

constexpr Formula kWalshFormulas[] = {
    {"walsh.coefficient", "fhat(S) = E_x[f(x) chi_S(x)], chi_S(x) = prod_{i in S} x_i, x uniform on {±1}^n",
     "definition (O'Donnell 2014, Analysis of Boolean Functions, Def. 1.2/Thm 1.1); proofs/walsh.md#coefficient", Tag::paper, "proofs/walsh.md#coefficient"},
    {"walsh.fwht", "c = H_n v with H_n = [[1,1],[1,-1]]^{⊗n}; fhat(S) = c_S / (2^n L)", "standard (Sylvester-Hadamard); proofs/walsh.md#fwht",
     Tag::derived, "proofs/walsh.md#fwht"},
    {"walsh.level_weight", "W_k(f) = sum_{|S|=k} fhat(S)^2", "definition (Fourier weight at degree k, O'Donnell 2014, Analysis of Boolean Functions, Ch. 1); proofs/walsh.md#level-weight", Tag::paper,
     "proofs/walsh.md#level-weight"},
    {"walsh.parseval", "sum_k W_k(f) = E_x[f(x)^2]", "standard (Parseval, O'Donnell 2014, Analysis of Boolean Functions, Ch. 1); proofs/walsh.md#parseval", Tag::derived, "proofs/walsh.md#parseval"},
    {"walsh.influence", "Inf_i(f) = E_x[((f(x) - f(x^(i)))/2)^2] = sum_{S containing i} fhat(S)^2",
     "standard (O'Donnell 2014, Thm 2.20); proofs/walsh.md#influence", Tag::derived, "proofs/walsh.md#influence"},
    {"walsh.total_influence", "I(f) = sum_i Inf_i(f) = sum_k k W_k(f)", "standard (O'Donnell 2014, Thm 2.38); proofs/walsh.md#total-influence", Tag::derived,
     "proofs/walsh.md#total-influence"},
    {"walsh.noise_stability", "Stab_rho(f) = E[f(x) f(y)], y rho-correlated = sum_k rho^k W_k(f)",
     "standard (O'Donnell 2014, Thm 2.49); proofs/walsh.md#noise-stability", Tag::derived, "proofs/walsh.md#noise-stability"},
    {"walsh.degree", "deg f = max{|S| : fhat(S) != 0}", "definition (O'Donnell 2014, Analysis of Boolean Functions, Ch. 1); proofs/walsh.md#degree", Tag::paper, "proofs/walsh.md#degree"},
    {"walsh.majority_coefficient",
     "Maj_n^(S) = (-1)^((k-1)/2) C((n-1)/2,(k-1)/2) C(n-1,(n-1)/2) / (C(n-1,k-1) 2^(n-1)), |S| = k odd",
     "derived (closed form for odd n, checked exactly at n = 5, 7, 9); proofs/walsh.md#majority", Tag::derived, "proofs/walsh.md#majority"},
    {"walsh.krawtchouk", "K_k(h) = sum_i (-1)^i C(h,i) C(n-h,k-i) = sum_{|T|=k} chi_T(x) chi_T(y), h = dist(x,y)",
     "derived (characters summed over a level); proofs/walsh.md#krawtchouk", Tag::derived, "proofs/walsh.md#krawtchouk"},
    {"walsh.bn_action", "(g x)_i = s_i x_{sigma^-1(i)}; (f∘g)^(U) = (prod_{i in sigma(U)} s_i) fhat(sigma(U))",
     "derived (the B_n action of Abbe, Boix-Adsera 2022 (NeurIPS, arXiv 2208.03113), convention fixed here); proofs/walsh.md#bn-action", Tag::derived, "proofs/walsh.md#bn-action"},
    {"walsh.orbit_size", "|Orb_G(f)| = |G| / |Stab_G(f)|, |B_n| = 2^n n!, |S_n| = n!", "standard (orbit-stabiliser); proofs/walsh.md#orbit-size",
     Tag::derived, "proofs/walsh.md#orbit-size"},
};

/** The ±1 values (1 - 2 b) of the 8 bits of every byte, as 8 values of T each. */
template <class T>
struct SignTable {
  T v[256][8];
  constexpr SignTable() : v{} {
    for (int b = 0; b < 256; ++b)
      for (int t = 0; t < 8; ++t) v[b][t] = static_cast<T>(((b >> t) & 1) != 0 ? -1 : 1);
  }
};
template <class T>
constexpr SignTable<T> kSigns{};

/** a[0..count) = 1 - 2 bit(begin + i) of the table `bits`, eight values per byte by one table copy. */
template <class T>
void fill_signs(const std::vector<std::uint64_t>& bits, T* a, std::size_t begin, std::size_t count) {
  std::size_t i = 0;
  for (; i < count && ((begin + i) & 7) != 0; ++i)
    a[i] = 1 - 2 * static_cast<T>((bits[(begin + i) >> 6] >> ((begin + i) & 63)) & 1);
  const auto* bytes = reinterpret_cast<const unsigned char*>(bits.data());  // little-endian words on x86; see below
  for (; i + 8 <= count; i += 8) {
    const std::size_t j = begin + i;
    const unsigned byte = std::endian::native == std::endian::little
                              ? bytes[j >> 3]
                              : static_cast<unsigned>((bits[j >> 6] >> (j & 63)) & 0xFF);
    std::memcpy(a + i, kSigns<T>.v[byte], sizeof(kSigns<T>.v[byte]));
  }
  for (; i < count; ++i) a[i] = 1 - 2 * static_cast<T>((bits[(begin + i) >> 6] >> ((begin + i) & 63)) & 1);
}

// Level sums of an int32 spectrum: sum_{|S| = k} c_S^2.  Masks m = 16 h + j: |m| = popcount(h) + popcount(j), so
// acc[popcount(h)][j] += c_m^2 (16 vertical adds per group, which vectorise; one popcount per 16 masks), folded
// into the levels at the end.  No overflow in uint64: every accumulator is a partial sum of sum_S c_S^2 =
// 2^n sum_x v_x^2 <= (2^n max|v|)^2 < 2^62 (an int32 transform has 2^n max|v| < 2^31).  Compiled for AVX-512,
// AVX2 (both with POPCNT; intrinsics) and the baseline, chosen at run time (the baseline has no POPCNT
// instruction: its std::popcount is a library call, here once per 16 masks).  The spectrum is 64-byte aligned
// (AlignedVector) and has at least 16 entries here, so every group of 16 is an aligned load.
#if defined(__GNUC__) && defined(__x86_64__)
// |c| < 2^31 and the product of two |c| < 2^62: the unsigned 32 x 32 -> 64-bit multiply (vpmuludq) of |c| with
// itself is exact.
//
// AVX-512: the vector index is h = 16 q + j; popcount(h) = popcount(q) + popcount(j), so the 16 vectors of one q
// are summed in registers per popcount(j) (0..4, two halves of 8 lanes each) and added to the memory accumulators
// once per q, instead of a load-add-store of an accumulator (a store-to-load chain) for every vector.
__attribute__((target("avx512f,avx512bw,avx512vl,popcnt"), always_inline)) inline void level_sums_avx512_one(
    const std::int32_t* p, __m512i (&sum)[2], std::uint64_t& nz) {
  const __m512i x = _mm512_maskz_abs_epi32(0xFFFF, _mm512_load_si512(reinterpret_cast<const void*>(p)));
  nz += static_cast<unsigned>(__builtin_popcount(_mm512_test_epi32_mask(x, x)));
  const __m512i lo = _mm512_maskz_cvtepu32_epi64(0xFF, _mm512_maskz_extracti64x4_epi64(0xF, x, 0));
  const __m512i hi = _mm512_maskz_cvtepu32_epi64(0xFF, _mm512_maskz_extracti64x4_epi64(0xF, x, 1));
  sum[0] = _mm512_add_epi64(sum[0], _mm512_maskz_mul_epu32(0xFF, lo, lo));
  sum[1] = _mm512_add_epi64(sum[1], _mm512_maskz_mul_epu32(0xFF, hi, hi));
}
template <std::size_t... J>
__attribute__((target("avx512f,avx512bw,avx512vl,popcnt"), always_inline)) inline void level_sums_avx512_16(
    const std::int32_t* c, __m512i (&sum)[5][2], std::uint64_t& nz, std::index_sequence<J...>) {
  (level_sums_avx512_one(c + 16 * J, sum[std::popcount(J)], nz), ...);
}
__attribute__((target("avx512f,avx512bw,avx512vl,popcnt"))) void level_sums_i32_avx512(
    const std::int32_t* c, std::size_t size, std::uint64_t* acc, std::uint64_t* nonzero) {
  std::uint64_t nz = 0;
  const std::size_t groups = size / 256;  // of 16 vectors
  for (std::size_t q = 0; q < groups; ++q) {
    __m512i sum[5][2];
    for (auto& s : sum) s[0] = s[1] = _mm512_setzero_si512();
    level_sums_avx512_16(c + 256 * q, sum, nz, std::make_index_sequence<16>());
    std::uint64_t* a = acc + 16 * static_cast<unsigned>(__builtin_popcountll(q));
    for (int k = 0; k < 5; ++k) {
      _mm512_storeu_si512(a + 16 * k, _mm512_add_epi64(_mm512_loadu_si512(a + 16 * k), sum[k][0]));
      _mm512_storeu_si512(a + 16 * k + 8, _mm512_add_epi64(_mm512_loadu_si512(a + 16 * k + 8), sum[k][1]));
    }
  }
  for (std::size_t h = 16 * groups; h < size / 16; ++h) {  // fewer than 16 vectors (size < 256)
    std::uint64_t* a = acc + 16 * static_cast<unsigned>(__builtin_popcountll(h));
    // (the all-lanes masked forms: the unmasked ones merge into _mm512_undefined_*(), which GCC 12 reports as
    // maybe-uninitialised, as in the FWHT kernels)
    const __m512i x = _mm512_maskz_abs_epi32(0xFFFF, _mm512_load_si512(reinterpret_cast<const void*>(c + 16 * h)));
    nz += static_cast<unsigned>(__builtin_popcount(_mm512_test_epi32_mask(x, x)));
    const __m512i lo = _mm512_maskz_cvtepu32_epi64(0xFF, _mm512_maskz_extracti64x4_epi64(0xF, x, 0));
    const __m512i hi = _mm512_maskz_cvtepu32_epi64(0xFF, _mm512_maskz_extracti64x4_epi64(0xF, x, 1));
    _mm512_storeu_si512(a, _mm512_add_epi64(_mm512_loadu_si512(a), _mm512_maskz_mul_epu32(0xFF, lo, lo)));
    _mm512_storeu_si512(a + 8, _mm512_add_epi64(_mm512_loadu_si512(a + 8), _mm512_maskz_mul_epu32(0xFF, hi, hi)));
  }
  *nonzero = nz;
}
__attribute__((target("avx2,popcnt"))) void level_sums_i32_avx2(const std::int32_t* c, std::size_t size,
                                                                std::uint64_t* acc, std::uint64_t* nonzero) {
  std::uint64_t nz = 0;
  const __m256i zero = _mm256_setzero_si256();
  for (std::size_t h = 0; h < size / 16; ++h) {
    std::uint64_t* a = acc + 16 * static_cast<unsigned>(__builtin_popcountll(h));
    for (int q = 0; q < 2; ++q) {
      const __m256i x = _mm256_abs_epi32(_mm256_load_si256(reinterpret_cast<const __m256i*>(c + 16 * h + 8 * q)));
      nz += 8 - static_cast<unsigned>(__builtin_popcount(static_cast<unsigned>(
                    _mm256_movemask_ps(_mm256_castsi256_ps(_mm256_cmpeq_epi32(x, zero))))));
      const __m256i lo = _mm256_cvtepu32_epi64(_mm256_castsi256_si128(x));
      const __m256i hi = _mm256_cvtepu32_epi64(_mm256_extracti128_si256(x, 1));
      auto* p = reinterpret_cast<__m256i*>(a + 8 * q);
      _mm256_storeu_si256(p, _mm256_add_epi64(_mm256_loadu_si256(p), _mm256_mul_epu32(lo, lo)));
      _mm256_storeu_si256(p + 1, _mm256_add_epi64(_mm256_loadu_si256(p + 1), _mm256_mul_epu32(hi, hi)));
    }
  }
  *nonzero = nz;
}
#endif
void level_sums_i32_portable(const std::int32_t* c, std::size_t size, std::uint64_t* acc, std::uint64_t* nonzero) {
  std::uint64_t nz = 0;
  for (std::size_t h = 0; h < size / 16; ++h) {
    std::uint64_t* a = acc + 16 * static_cast<unsigned>(std::popcount(h));
    const std::int32_t* p = c + 16 * h;
    for (int j = 0; j < 16; ++j) {
      const std::uint64_t x = static_cast<std::uint32_t>(p[j] < 0 ? -p[j] : p[j]);
      a[j] += x * x;
      nz += x != 0 ? 1 : 0;
    }
  }
  *nonzero = nz;
}

using LevelSumsFn = void (*)(const std::int32_t*, std::size_t, std::uint64_t*, std::uint64_t*);
LevelSumsFn select_level_sums() {
#if defined(__GNUC__) && defined(__x86_64__)
  __builtin_cpu_init();
  const char* cap = std::getenv("GDCERT_FWHT_ISA");  // the same cap as the transform's kernels
  const std::string_view c = cap != nullptr ? cap : "";
  const bool popcnt = __builtin_cpu_supports("popcnt") != 0;
  if (c != "sse2" && c != "portable" && c != "avx2" && popcnt && __builtin_cpu_supports("avx512f") &&
      __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vl"))
    return level_sums_i32_avx512;
  if (c != "sse2" && c != "portable" && popcnt && __builtin_cpu_supports("avx2")) return level_sums_i32_avx2;
#endif
  return level_sums_i32_portable;
}

/** sums[k] = sum_{popcount(m) = k} c_m^2 for an int32 spectrum of 2^n entries; returns the number of c_m != 0
 *  (counted in the same pass: the support size then needs no pass of its own). */
std::uint64_t level_sums_i32(std::span<const std::int32_t> c, unsigned n, std::vector<Integer>& sums) {
  if (n < 4) {
    std::uint64_t nz = 0;
    for (std::uint64_t m = 0; m < c.size(); ++m) {
      const auto x = static_cast<std::int64_t>(c[m]);
      sums[std::popcount(m)] += Integer(static_cast<long long>(x * x));
      nz += x != 0 ? 1 : 0;
    }
    return nz;
  }
  static const LevelSumsFn fn = select_level_sums();
  std::vector<std::uint64_t> acc(16 * (n - 4 + 1), 0);
  std::uint64_t nz = 0;
  fn(c.data(), c.size(), acc.data(), &nz);
  std::vector<std::uint64_t> level(n + 1, 0);  // each < 2^62 (a partial sum of sum_S c_S^2)
  for (unsigned b = 0; b <= n - 4; ++b)
    for (unsigned j = 0; j < 16; ++j) level[b + static_cast<unsigned>(std::popcount(j))] += acc[16 * b + j];
  for (unsigned k = 0; k <= n; ++k) sums[k] = Integer::from_uint128(level[k]);
  return nz;
}

void fwht_big(std::vector<Integer>& a) {
  for (std::size_t h = 1; h < a.size(); h <<= 1)
    for (std::size_t i = 0; i < a.size(); i += 2 * h)
      for (std::size_t j = i; j < i + h; ++j) {
        Integer x = a[j];
        a[j] += a[j + h];
        fmpz_sub(a[j + h].get(), x.get(), a[j + h].get());
      }
}

Integer square(const Integer& z) { return z * z; }

}  // namespace

std::span<const Formula> walsh_formulas() { return kWalshFormulas; }

Spectrum walsh_spectrum(const CubeFunction& f, unsigned threads) {
  Spectrum s;
  const unsigned n = f.n();
  s.n_ = n;
  const std::uint64_t size = f.size();
  if (f.is_boolean()) {
    s.den_ = Integer::pow2(n);
    const auto& bits = f.bits();
    // The table is allocated uninitialised (AlignedVector) and written block by block just before the
    // transform's first pass reads each block (fwht_fill_inplace_unchecked).
    if (n <= 30) {  // |c_S| <= 2^n <= 2^30 < 2^31
      require_table_size(n, 4, "walsh_spectrum (int32 transform)");
      AlignedVector<std::int32_t> a(size);
      fwht_fill_inplace_unchecked(
          std::span<std::int32_t>(a),
          [&bits](std::int32_t* p, std::size_t begin, std::size_t count) { fill_signs(bits, p, begin, count); },
          threads);
      s.c_ = std::move(a);
    } else {  // |c_S| <= 2^n <= 2^40 < 2^63
      require_table_size(n, 8, "walsh_spectrum (int64 transform)");
      AlignedVector<std::int64_t> a(size);
      fwht_fill_inplace_unchecked(
          std::span<std::int64_t>(a),
          [&bits](std::int64_t* p, std::size_t begin, std::size_t count) { fill_signs(bits, p, begin, count); },
          threads);
      s.c_ = std::move(a);
    }
    return s;
  }
  CubeFunction::Integerised iv = f.integerised();
  s.den_ = iv.denominator * Integer::pow2(n);
  // Overflow check before transforming: every partial sum is bounded by max|v| * 2^n.
  const Integer bound = iv.max_abs * Integer::pow2(n);
  if (bound < Integer(std::numeric_limits<std::int32_t>::max())) {
    require_table_size(n, 4, "walsh_spectrum (int32 transform)");
    AlignedVector<std::int32_t> a(size);
    fwht_fill_inplace_unchecked(
        std::span<std::int32_t>(a),
        [&iv](std::int32_t* p, std::size_t begin, std::size_t count) {
          for (std::size_t i = 0; i < count; ++i) p[i] = static_cast<std::int32_t>(iv.numerators[begin + i].to_si());
        },
        threads);
    s.c_ = std::move(a);
  } else if (bound < Integer(std::numeric_limits<std::int64_t>::max())) {
    require_table_size(n, 8, "walsh_spectrum (int64 transform)");
    AlignedVector<std::int64_t> a(size);
    fwht_fill_inplace_unchecked(
        std::span<std::int64_t>(a),
        [&iv](std::int64_t* p, std::size_t begin, std::size_t count) {
          for (std::size_t i = 0; i < count; ++i) p[i] = iv.numerators[begin + i].to_si();
        },
        threads);
    s.c_ = std::move(a);
  } else {
    fwht_big(iv.numerators);
    s.c_ = std::move(iv.numerators);
  }
  return s;
}

Integer Spectrum::numerator(std::uint64_t mask) const {
  if (mask >> n_)
    throw domain_error("Spectrum::coefficient: requires S inside [1, n] = [1, " + std::to_string(n_) + "], got mask " +
                       std::to_string(mask));
  return std::visit([&](const auto& v) { return Integer(v[mask]); }, c_);
}

std::span<const std::int32_t> Spectrum::numerators_int32() const {
  if (const auto* v = std::get_if<AlignedVector<std::int32_t>>(&c_)) return {v->data(), v->size()};
  return {};
}

std::span<const std::int64_t> Spectrum::numerators_int64() const {
  if (const auto* v = std::get_if<AlignedVector<std::int64_t>>(&c_)) return {v->data(), v->size()};
  return {};
}

Rational Spectrum::coefficient(std::uint64_t mask) const { return Rational(numerator(mask), den_); }

const std::vector<Integer>& Spectrum::level_sums() const {
  if (!level_sums_.empty()) return level_sums_;
  std::vector<Integer> sums(n_ + 1);
  if (const auto* v32 = std::get_if<AlignedVector<std::int32_t>>(&c_)) {
    support_ = level_sums_i32(std::span<const std::int32_t>(v32->data(), v32->size()), n_, sums);
    level_sums_ = std::move(sums);
    return level_sums_;
  }
  std::visit(
      [&](const auto& v) {
        using T = typename std::decay_t<decltype(v)>::value_type;
        if constexpr (std::is_same_v<T, Integer>) {
          for (std::uint64_t m = 0; m < v.size(); ++m) sums[std::popcount(m)] += square(v[m]);
        } else {
          // c^2 < 2^126 always; accumulate in unsigned 128-bit and flush to a big integer before it could wrap.
          std::vector<uint128> acc(n_ + 1, 0);
          const uint128 limit = ~static_cast<uint128>(0) >> 1;
          for (std::uint64_t m = 0; m < v.size(); ++m) {
            const auto c = static_cast<int128>(v[m]);
            const auto sq = static_cast<uint128>(c * c);
            auto& a = acc[std::popcount(m)];
            if (a > limit) {  // a + sq < 2^127 + 2^126: no wrap; flush now
              sums[std::popcount(m)] += Integer::from_uint128(a);
              a = 0;
            }
            a += sq;
          }
          for (unsigned k = 0; k <= n_; ++k) sums[k] += Integer::from_uint128(acc[k]);
        }
      },
      c_);
  level_sums_ = std::move(sums);
  return level_sums_;
}

std::vector<Rational> Spectrum::level_weights() const {
  const Integer d2 = den_ * den_;
  std::vector<Rational> w;
  for (const Integer& s : level_sums()) w.emplace_back(s, d2);  // walsh.level_weight
  return w;
}

std::vector<Rational> Spectrum::influences() const {
  std::vector<Integer> sums(n_);
  std::visit(
      [&](const auto& v) {
        using T = typename std::decay_t<decltype(v)>::value_type;
        for (unsigned i = 0; i < n_; ++i) {
          const std::uint64_t half = std::uint64_t{1} << i;
          if constexpr (std::is_same_v<T, Integer>) {
            for (std::uint64_t m = 0; m < v.size(); ++m)
              if (m & half) sums[i] += square(v[m]);
          } else {
            uint128 acc = 0;
            const uint128 limit = ~static_cast<uint128>(0) >> 1;
            for (std::uint64_t base = half; base < v.size(); base += 2 * half)  // masks with bit i set
              for (std::uint64_t m = base; m < base + half; ++m) {
                const auto c = static_cast<int128>(v[m]);
                if (acc > limit) {
                  sums[i] += Integer::from_uint128(acc);
                  acc = 0;
                }
                acc += static_cast<uint128>(c * c);
              }
            sums[i] += Integer::from_uint128(acc);
          }
        }
      },
      c_);
  const Integer d2 = den_ * den_;
  std::vector<Rational> inf;
  for (const Integer& s : sums) inf.emplace_back(s, d2);  // walsh.influence
  return inf;
}

Rational Spectrum::total_influence() const {
  const auto w = level_weights();
  Rational t(0);
  for (unsigned k = 0; k <= n_; ++k) t += Rational(static_cast<long long>(k)) * w[k];  // walsh.total_influence
  return t;
}

Rational Spectrum::noise_stability(const Rational& rho) const {
  if (rho < Rational(-1) || rho > Rational(1))
    throw domain_error("noise_stability: requires -1 <= rho <= 1, got rho = " + rho.str());
  const auto w = level_weights();
  Rational s(0), p(1);
  for (unsigned k = 0; k <= n_; ++k) {  // walsh.noise_stability: sum_k rho^k W_k
    s += p * w[k];
    p *= rho;
  }
  return s;
}

int Spectrum::degree() const {
  const auto& sums = level_sums();
  for (int k = static_cast<int>(n_); k >= 0; --k)
    if (!sums[static_cast<std::size_t>(k)].is_zero()) return k;  // walsh.degree
  return -1;
}

std::uint64_t Spectrum::support_size() const {
  if (support_) return *support_;
  if (std::holds_alternative<AlignedVector<std::int32_t>>(c_)) {
    (void)level_sums();  // counts the support in the same pass
    return *support_;
  }
  return std::visit(
      [](const auto& v) {
        std::uint64_t c = 0;
        for (const auto& x : v) c += !(x == 0);
        return c;
      },
      c_);
}

Rational walsh_coefficient(const CubeFunction& f, std::uint64_t mask) {
  const unsigned n = f.n();
  if (mask >> n)
    throw domain_error("walsh_coefficient: requires S inside [1, n] = [1, " + std::to_string(n) + "], got mask " +
                       std::to_string(mask));
  const std::uint64_t size = f.size();
  if (f.is_boolean()) {
    // Count the points where f(x) chi_S(x) = -1, 64 at a time: chi_S at index 64w + t is
    // parity(t & mask_lo) xor parity(64w & mask).
    std::uint64_t pattern = 0;
    for (unsigned t = 0; t < 64; ++t)
      if (std::popcount(t & mask & 63u) & 1) pattern |= std::uint64_t{1} << t;
    const auto& bits = f.bits();
    std::uint64_t minus = 0;
    if (n < 6) {
      const std::uint64_t valid = (std::uint64_t{1} << size) - 1;
      minus = static_cast<std::uint64_t>(std::popcount((bits[0] ^ pattern) & valid));
    } else {
      for (std::uint64_t w = 0; w < bits.size(); ++w) {
        const std::uint64_t flip = (std::popcount((w << 6) & mask) & 1) ? ~std::uint64_t{0} : 0;
        minus += static_cast<std::uint64_t>(std::popcount(bits[w] ^ pattern ^ flip));
      }
    }
    const Integer sum = Integer(static_cast<unsigned long long>(size)) - Integer(2ULL * minus);
    return Rational(sum, Integer::pow2(n));  // walsh.coefficient
  }
  Rational sum(0);
  for (std::uint64_t i = 0; i < size; ++i) {
    if (std::popcount(i & mask) & 1) sum -= f.values()[i];
    else sum += f.values()[i];
  }
  return sum / Rational(Integer::pow2(n));  // walsh.coefficient
}

}  // namespace gdcert::boolean
