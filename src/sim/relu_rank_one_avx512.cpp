// The AVX-512 build of relu_rank_one_backward (sim/gemm.hpp): the two backward products of a ReLU layer under a
// single output neuron by the method of four Russians. Compiled with the AVX-512 GEMM's flags (CMake) and called
// only on CPUs that have AVX-512F.
//
// Both products are sums of rows of a dense factor selected by the 0/1 mask M[k,j] = (z[k,j] > 0):
//   dprev[:,j]   = dout[j] sum_k M[k,j] u[k,:]          u[k,:]   = wout[k] w[k,:]   (o rows of length a)
//   pending[:,k] += sum_j M[k,j] r[j,:]                  r[j,:]   = dout[j] h[:,j]   (m rows of length a)
// (pending by tiles: the 16 values i0..i0+15 of row k at i0 o + 16 k, each tile's o x 16 sums contiguous).
// For each tile of 16 columns i (two zmm) the rows are taken 4 at a time and their 16 subset sums tabulated
// (T[g][s] = T[g][s without its lowest bit] + row[4g + lowest bit], 15 adds); an output tile is then the sum over
// groups g of T[g][4 mask bits], one load and one add per group. Against the dense products (o a m multiply-adds
// each) that is a quarter of the vector operations; the tables of a tile (for o = 512, 256 KiB and 128 KiB) live in
// the second-level cache. Measured on a Zen 4 core, 512 x 512 and 16 blocks of 256 samples (one step of 4096): both
// products 42-48 ms against 93-97 ms for gemm_f64's two (best of 12), of which about a quarter is the tables, the
// masks and u; the selection loops run at about half a 512-bit load per cycle.
// Order of the sums (fixed, so the result is deterministic on a machine): the groups in increasing g, two groups'
// entries added to each other first, then to the running sum; a subset sum adds its rows in increasing index.
#if defined(GDCERT_SIM_AVX512)
#include <immintrin.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>

#include "sim/gemm.hpp"

namespace gdcert::sim::detail {

namespace {

constexpr int kTile = 16;               // columns i of one tile (two zmm)
constexpr int kEntry = kTile;           // doubles per table entry
constexpr int kGroup = 16 * kEntry;     // doubles per group (16 subset sums)

/** The 8 x 8 bit transpose of x (byte t, bit r) -> (byte r, bit t). */
inline std::uint64_t transpose8(std::uint64_t x) {
  std::uint64_t t = (x ^ (x >> 7)) & 0x00AA00AA00AA00AAull;
  x = x ^ t ^ (t << 7);
  t = (x ^ (x >> 14)) & 0x0000CCCC0000CCCCull;
  x = x ^ t ^ (t << 14);
  t = (x ^ (x >> 28)) & 0x00000000F0F0F0F0ull;
  return x ^ t ^ (t << 28);
}

/** The 16 subset sums of rows r[0..3] (16 doubles each, two zmm) into t (16 entries of 16 doubles, 64-byte aligned). */
inline void subset_sums(double* t, const __m512d r[4][2]) {
  _mm512_store_pd(t, _mm512_setzero_pd());
  _mm512_store_pd(t + 8, _mm512_setzero_pd());
  for (int s = 1; s < 16; ++s) {
    const int low = __builtin_ctz(static_cast<unsigned>(s));
    const double* b = t + (s & (s - 1)) * kEntry;
    _mm512_store_pd(t + s * kEntry, _mm512_add_pd(_mm512_load_pd(b), r[low][0]));
    _mm512_store_pd(t + s * kEntry + 8, _mm512_add_pd(_mm512_load_pd(b + 8), r[low][1]));
  }
}

/**
 * out[x] (x < count) = sum over the groups of the entries the mask bytes select: bytes[x * stride + q] gives the
 * entries of groups 2q (low 4 bits) and 2q + 1 (high 4 bits), q < nbytes. Four outputs at a time (eight independent
 * add chains; against two at a time, 30-512-512-1 steps 4% faster in interleaved rounds, the same bits); emit(x, lo,
 * hi) receives the finished 16 doubles of output x.
 * (Tried on Zen 4 and not kept: runs of 64 outputs through 8 groups at a time, so that their tables stay in the
 * first-level cache, 42-52 ms against 43-51 ms per step of 512 x 512 x 4096; entry offsets precomputed per block
 * instead of the nibbles, 3% slower.)
 */
template <class Emit>
inline void select_sums(const double* tab, const std::uint8_t* bytes, int stride, int nbytes, int count, Emit&& emit) {
  const auto entry = [tab](unsigned u, int q, int half) {  // the sum of the entries byte u selects in groups 2q, 2q+1
    const double* g0 = tab + std::size_t(2 * q) * kGroup + 8 * half;
    return _mm512_add_pd(_mm512_load_pd(g0 + (u & 15u) * kEntry), _mm512_load_pd(g0 + kGroup + (u >> 4) * kEntry));
  };
  int x = 0;
  for (; x + 4 <= count; x += 4) {
    const std::uint8_t* m0 = bytes + std::size_t(x) * stride;
    const std::uint8_t* m1 = m0 + stride;
    const std::uint8_t* m2 = m1 + stride;
    const std::uint8_t* m3 = m2 + stride;
    __m512d a0 = _mm512_setzero_pd(), a1 = a0, b0 = a0, b1 = a0, c0 = a0, c1 = a0, d0 = a0, d1 = a0;
    for (int q = 0; q < nbytes; ++q) {
      const unsigned u0 = m0[q], u1 = m1[q], u2 = m2[q], u3 = m3[q];
      a0 = _mm512_add_pd(a0, entry(u0, q, 0));
      a1 = _mm512_add_pd(a1, entry(u0, q, 1));
      b0 = _mm512_add_pd(b0, entry(u1, q, 0));
      b1 = _mm512_add_pd(b1, entry(u1, q, 1));
      c0 = _mm512_add_pd(c0, entry(u2, q, 0));
      c1 = _mm512_add_pd(c1, entry(u2, q, 1));
      d0 = _mm512_add_pd(d0, entry(u3, q, 0));
      d1 = _mm512_add_pd(d1, entry(u3, q, 1));
    }
    emit(x, a0, a1);
    emit(x + 1, b0, b1);
    emit(x + 2, c0, c1);
    emit(x + 3, d0, d1);
  }
  for (; x < count; ++x) {
    const std::uint8_t* ma = bytes + std::size_t(x) * stride;
    __m512d a0 = _mm512_setzero_pd(), a1 = _mm512_setzero_pd();
    for (int q = 0; q < nbytes; ++q) {
      a0 = _mm512_add_pd(a0, entry(ma[q], q, 0));
      a1 = _mm512_add_pd(a1, entry(ma[q], q, 1));
    }
    emit(x, a0, a1);
  }
}

}  // namespace

void relu_rank_one_avx512(const RankOneBackward& p, double* dprev, RankOneScratch& s, bool reuse_u) {
  const int o = p.o, a = p.a, m = p.m;
  const int kb = o / 8;            // mask bytes per sample (8 rows k each)
  const int jb = (m + 7) / 8;      // mask bytes per row (8 samples j each)
  // The mask bits by sample (for dprev) and, transposed 8 x 8 at a time, by row (for the weight gradient).
  s.by_sample.assign(std::size_t(jb) * 8 * kb, 0);
  for (int j = 0; j < m; ++j)
    for (int q = 0; q < kb; ++q) {
      const __m512d v = _mm512_loadu_pd(p.z + std::size_t(j) * o + 8 * q);
      s.by_sample[std::size_t(j) * kb + q] = static_cast<std::uint8_t>(_mm512_cmp_pd_mask(v, _mm512_setzero_pd(), _CMP_GT_OQ));
    }
  s.by_row.resize(std::size_t(o) * jb);
  for (int c = 0; c < jb; ++c)
    for (int q = 0; q < kb; ++q) {
      std::uint64_t x = 0;
      for (int t = 0; t < 8; ++t) x |= std::uint64_t{s.by_sample[std::size_t(8 * c + t) * kb + q]} << (8 * t);
      x = transpose8(x);
      for (int r = 0; r < 8; ++r) s.by_row[std::size_t(8 * q + r) * jb + c] = static_cast<std::uint8_t>(x >> (8 * r));
    }
  // u = wout[k] w[k, :] by tiles (u(k, i) at (i - i % 16) o + 16 k + i % 16: a tile's rows contiguous), once per
  // parameter vector when the caller keeps it.
  if (!(reuse_u && s.u_ready)) {
    s.u.resize(std::size_t(o) * a);
    for (int i = 0; i < a; ++i) {
      const double* wc = p.w + std::size_t(i) * o;
      double* ut = s.u.data() + std::size_t(i - i % kTile) * o + i % kTile;
      for (int k = 0; k < o; ++k) ut[std::size_t(k) * kTile] = p.wout[k] * wc[k];
    }
    s.u_ready = true;
  }
  if (!s.pending_set) {
    s.pending.assign(std::size_t(o) * a, 0.0);
    s.pending_set = true;
  }
  const int groups = std::max(o / 4, 2 * jb);  // the larger table of the two products
  s.table.resize(std::size_t(groups) * kGroup + 8);
  double* tab = s.table.data();
  tab += (8 - (reinterpret_cast<std::uintptr_t>(tab) / sizeof(double)) % 8) % 8;  // 64-byte aligned
  const __m512d zero = _mm512_setzero_pd();
  for (int i0 = 0; i0 < a; i0 += kTile) {
    // dprev: groups of 4 rows of u.
    for (int g = 0; g < o / 4; ++g) {
      __m512d r[4][2];
      for (int t = 0; t < 4; ++t) {
        const double* row = s.u.data() + std::size_t(i0) * o + std::size_t(4 * g + t) * kTile;
        r[t][0] = _mm512_loadu_pd(row);
        r[t][1] = _mm512_loadu_pd(row + 8);
      }
      subset_sums(tab + std::size_t(g) * kGroup, r);
    }
    select_sums(tab, s.by_sample.data(), kb, kb, m, [&](int j, __m512d lo, __m512d hi) {
      const __m512d d = _mm512_set1_pd(p.dout[j]);
      double* out = dprev + std::size_t(j) * a + i0;
      _mm512_storeu_pd(out, _mm512_mul_pd(d, lo));
      _mm512_storeu_pd(out + 8, _mm512_mul_pd(d, hi));
    });
    // The weight gradient: groups of 4 samples of r = dout[j] h[:, j] (zero rows past m).
    for (int g = 0; g < 2 * jb; ++g) {
      __m512d r[4][2];
      for (int t = 0; t < 4; ++t) {
        const int j = 4 * g + t;
        if (j < m) {
          const __m512d d = _mm512_set1_pd(p.dout[j]);
          const double* col = p.h + std::size_t(j) * a + i0;
          r[t][0] = _mm512_mul_pd(d, _mm512_loadu_pd(col));
          r[t][1] = _mm512_mul_pd(d, _mm512_loadu_pd(col + 8));
        } else {
          r[t][0] = zero;
          r[t][1] = zero;
        }
      }
      subset_sums(tab + std::size_t(g) * kGroup, r);
    }
    double* pend = s.pending.data() + std::size_t(i0) * o;  // this tile's o x 16 sums, contiguous
    select_sums(tab, s.by_row.data(), jb, jb, o, [&](int k, __m512d lo, __m512d hi) {
      double* acc = pend + std::size_t(k) * kTile;
      _mm512_storeu_pd(acc, _mm512_add_pd(_mm512_loadu_pd(acc), lo));
      _mm512_storeu_pd(acc + 8, _mm512_add_pd(_mm512_loadu_pd(acc + 8), hi));
    });
  }
}

}  // namespace gdcert::sim::detail
#endif
