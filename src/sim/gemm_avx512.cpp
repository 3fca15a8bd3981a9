// The AVX-512 build of the simulator GEMM: a packed, blocked product with a 16 x NR register tile (two zmm rows of
// eight doubles, NR in {8, 10, 12, 14} columns chosen from n so that narrow products such as n = 30 waste little,
// and a last tile of at most 8 columns in the 8-wide kernel). A left operand passed with a GemmPackCache is packed
// whole once per cache epoch and read from there by the later products (a weight matrix times every block).
// Compiled with -mavx512f -mavx512dq -mavx512vl -mfma (CMake) and called only on CPUs that have AVX-512F.
//
// Order of the sums (fixed, so the result is deterministic on a machine): C(i,j) = beta C(i,j) + S_0 + S_1 + ...,
// S_b the product over the b-th slice of kKC values of k, each S_b accumulated in p order in one FMA chain per entry.
// The order does not depend on the thread count or on the addresses of the operands.
#if defined(GDCERT_SIM_AVX512)
#include <immintrin.h>

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <new>

#include "sim/gemm.hpp"

namespace gdcert::sim::detail {

namespace {

constexpr int kMR = 16;    // rows of the register tile (two zmm)
constexpr int kKC = 256;   // depth of one slice (B micro-panel kKC x NR in L1)
constexpr int kMC = 128;   // rows of one packed A block (kMC x kKC, 256 KiB, in L2)
constexpr int kNCT = 72;   // register tiles per packed B panel (kKC x 72 NR, at most 2 MiB)

struct Free {
  void operator()(double* p) const { std::free(p); }
};

/** A 64-byte aligned per-thread scratch that only grows. */
double* scratch(std::unique_ptr<double[], Free>& buf, std::size_t& cap, std::size_t need) {
  if (need > cap) {
    void* p = std::aligned_alloc(64, ((need * sizeof(double) + 63) / 64) * 64);
    if (!p) throw std::bad_alloc();
    buf.reset(static_cast<double*>(p));
    cap = need;
  }
  return buf.get();
}

/** op(A)(i, p) of a column-major A. */
inline double at_a(bool ta, const double* A, int lda, int i, int p) {
  return ta ? A[p + static_cast<std::ptrdiff_t>(i) * lda] : A[i + static_cast<std::ptrdiff_t>(p) * lda];
}

/** r[0..8) -> c[0..8): c[k][l] = r[l][k] (an 8 x 8 transpose in registers: unpacks, then two rounds of permutes; the
 *  all-lanes masked unpacks, as the unmasked ones merge into _mm512_undefined_pd(), which GCC 12 reports as
 *  maybe-uninitialised). */
inline void transpose8(const __m512d (&r)[8], __m512d (&c)[8]) {
  const __m512d t0 = _mm512_maskz_unpacklo_pd(0xFF, r[0], r[1]), t1 = _mm512_maskz_unpackhi_pd(0xFF, r[0], r[1]);
  const __m512d t2 = _mm512_maskz_unpacklo_pd(0xFF, r[2], r[3]), t3 = _mm512_maskz_unpackhi_pd(0xFF, r[2], r[3]);
  const __m512d t4 = _mm512_maskz_unpacklo_pd(0xFF, r[4], r[5]), t5 = _mm512_maskz_unpackhi_pd(0xFF, r[4], r[5]);
  const __m512d t6 = _mm512_maskz_unpacklo_pd(0xFF, r[6], r[7]), t7 = _mm512_maskz_unpackhi_pd(0xFF, r[6], r[7]);
  const __m512i lo2 = _mm512_set_epi64(13, 12, 5, 4, 9, 8, 1, 0), hi2 = _mm512_set_epi64(15, 14, 7, 6, 11, 10, 3, 2);
  const __m512d u0 = _mm512_permutex2var_pd(t0, lo2, t2), u1 = _mm512_permutex2var_pd(t0, hi2, t2);  // k = 0,4 | 2,6
  const __m512d u2 = _mm512_permutex2var_pd(t1, lo2, t3), u3 = _mm512_permutex2var_pd(t1, hi2, t3);  // k = 1,5 | 3,7
  const __m512d v0 = _mm512_permutex2var_pd(t4, lo2, t6), v1 = _mm512_permutex2var_pd(t4, hi2, t6);
  const __m512d v2 = _mm512_permutex2var_pd(t5, lo2, t7), v3 = _mm512_permutex2var_pd(t5, hi2, t7);
  const __m512i lo4 = _mm512_set_epi64(11, 10, 9, 8, 3, 2, 1, 0), hi4 = _mm512_set_epi64(15, 14, 13, 12, 7, 6, 5, 4);
  c[0] = _mm512_permutex2var_pd(u0, lo4, v0);
  c[4] = _mm512_permutex2var_pd(u0, hi4, v0);
  c[2] = _mm512_permutex2var_pd(u1, lo4, v1);
  c[6] = _mm512_permutex2var_pd(u1, hi4, v1);
  c[1] = _mm512_permutex2var_pd(u2, lo4, v2);
  c[5] = _mm512_permutex2var_pd(u2, hi4, v2);
  c[3] = _mm512_permutex2var_pd(u3, lo4, v3);
  c[7] = _mm512_permutex2var_pd(u3, hi4, v3);
}

/**
 * Transposes eight p-contiguous lines (line l at src + l * ld, lines >= count read as zeros) in blocks of 8 values of
 * p: out[(p + k) * ostride + l] = src[l * ld + p + k] for p + k < kc8 (a multiple of 8), stored under mask `keep`
 * (the lanes l of the output row written).  Replaces one 8-lane gather per p (slow on every AVX-512 core).
 */
inline void transpose_lines(const double* src, std::ptrdiff_t ld, int count, int kc8, double* out, int ostride,
                            __mmask8 keep) {
  for (int p = 0; p < kc8; p += 8) {
    __m512d r[8], c[8];
#pragma GCC unroll 8
    for (int l = 0; l < 8; ++l) r[l] = l < count ? _mm512_loadu_pd(src + l * ld + p) : _mm512_setzero_pd();
    transpose8(r, c);
#pragma GCC unroll 8
    for (int k = 0; k < 8; ++k) _mm512_mask_storeu_pd(out + static_cast<std::ptrdiff_t>(p + k) * ostride, keep, c[k]);
  }
}

/** Packs rows [i0, i0+mc) x depth [p0, p0+kc) of op(A) as kMR-row tiles, each kc x kMR (p-major), zero-padded. */
void pack_a(bool ta, const double* A, int lda, int i0, int mc, int p0, int kc, double* out) {
  for (int t = 0; t < mc; t += kMR) {
    const int rows = std::min(kMR, mc - t);
    double* o = out + static_cast<std::ptrdiff_t>(t) * kc;
    if (!ta && rows == kMR) {
      for (int p = 0; p < kc; ++p) {
        const double* src = A + (i0 + t) + static_cast<std::ptrdiff_t>(p0 + p) * lda;
        _mm512_store_pd(o + p * kMR, _mm512_loadu_pd(src));
        _mm512_store_pd(o + p * kMR + 8, _mm512_loadu_pd(src + 8));
      }
    } else if (ta) {  // op(A)(i, p) = A[p + i lda]: the 16 rows are 16 columns of A, gathered eight at a time
      const __m512i idx = _mm512_mullo_epi64(_mm512_set_epi64(7, 6, 5, 4, 3, 2, 1, 0), _mm512_set1_epi64(lda));
      const __mmask8 g0 = static_cast<__mmask8>(rows >= 8 ? 0xFF : (1u << rows) - 1u);
      const __mmask8 g1 = static_cast<__mmask8>(rows >= 16 ? 0xFF : rows <= 8 ? 0u : (1u << (rows - 8)) - 1u);
      const double* src0 = A + p0 + static_cast<std::ptrdiff_t>(i0 + t) * lda;
      const double* src1 = src0 + static_cast<std::ptrdiff_t>(8) * lda;
      const __m512d zero = _mm512_setzero_pd();
      const int kc8 = kc & ~7;  // 8 x 8 transposes, then gathers for the last kc % 8 values of p
      transpose_lines(src0, lda, std::min(rows, 8), kc8, o, kMR, 0xFF);
      transpose_lines(src1, lda, std::max(rows - 8, 0), kc8, o + 8, kMR, 0xFF);
      for (int p = kc8; p < kc; ++p) {
        _mm512_store_pd(o + p * kMR, _mm512_mask_i64gather_pd(zero, g0, idx, src0 + p, 8));
        _mm512_store_pd(o + p * kMR + 8, g1 ? _mm512_mask_i64gather_pd(zero, g1, idx, src1 + p, 8) : zero);
      }
    } else {
      for (int p = 0; p < kc; ++p)
        for (int r = 0; r < kMR; ++r) o[p * kMR + r] = r < rows ? at_a(false, A, lda, i0 + t + r, p0 + p) : 0.0;
    }
  }
}

/** Packs columns [j0, j0+nc) x depth [p0, p0+kc) of op(B) as nr-column tiles, each kc x nr (p-major), zero-padded. */
void pack_b(bool tb, const double* B, int ldb, int j0, int nc, int p0, int kc, int nr, double* out) {
  for (int t = 0; t < nc; t += nr) {
    const int cols = std::min(nr, nc - t);
    double* o = out + static_cast<std::ptrdiff_t>(t) * kc;
    // the columns loaded (first and second eight) and the lanes of the second row part stored (nr in 8..14)
    const __mmask8 g0 = static_cast<__mmask8>(cols >= 8 ? 0xFF : (1u << cols) - 1u);
    const __mmask8 g1 = static_cast<__mmask8>(cols >= 16 ? 0xFF : cols <= 8 ? 0u : (1u << (cols - 8)) - 1u);
    const __mmask8 s1 = static_cast<__mmask8>((1u << (nr - 8)) - 1u);
    if (tb) {  // op(B)(p, j) = B[j + p ldb]: nr contiguous values per p, two masked copies (zeros past cols)
      for (int p = 0; p < kc; ++p) {
        const double* src = B + (j0 + t) + static_cast<std::ptrdiff_t>(p0 + p) * ldb;
        _mm512_storeu_pd(o + p * nr, _mm512_maskz_loadu_pd(g0, src));
        if (s1) _mm512_mask_storeu_pd(o + p * nr + 8, s1, _mm512_maskz_loadu_pd(g1, src + 8));
      }
    } else {  // op(B)(p, j) = B[p + j ldb]: the nr columns gathered eight at a time, stored as one row per p
      const __m512i idx = _mm512_mullo_epi64(_mm512_set_epi64(7, 6, 5, 4, 3, 2, 1, 0), _mm512_set1_epi64(ldb));
      const double* src0 = B + p0 + static_cast<std::ptrdiff_t>(j0 + t) * ldb;
      const double* src1 = src0 + static_cast<std::ptrdiff_t>(8) * ldb;
      const __m512d zero = _mm512_setzero_pd();
      const int kc8 = kc & ~7;  // 8 x 8 transposes, then gathers for the last kc % 8 values of p
      transpose_lines(src0, ldb, std::min(cols, 8), kc8, o, nr, 0xFF);
      if (s1) transpose_lines(src1, ldb, std::max(cols - 8, 0), kc8, o + 8, nr, s1);
      for (int p = kc8; p < kc; ++p) {
        _mm512_storeu_pd(o + p * nr, _mm512_mask_i64gather_pd(zero, g0, idx, src0 + p, 8));
        if (s1) _mm512_mask_storeu_pd(o + p * nr + 8, s1, g1 ? _mm512_mask_i64gather_pd(zero, g1, idx, src1 + p, 8) : zero);
      }
    }
  }
}

/** The ReLU epilogue of one tile: the tile's first row and column in the product, and the product's rows. */
struct EpiTile {
  const ReluEpilogue* ep;
  int row0, col0, m;
};

/** z = x + bias (stored as C), h = z > 0 ? z : 0 (stored), and the output neuron's chains (ReluEpilogue). */
__attribute__((always_inline)) inline void relu_epilogue(const EpiTile& e, int j, double* c, __m512d x0, __m512d x1,
                                                         __mmask8 m0, __mmask8 m1, int mv) {
  const ReluEpilogue& ep = *e.ep;
  if (ep.bias) {
    x0 = _mm512_add_pd(x0, _mm512_maskz_loadu_pd(m0, ep.bias + e.row0));
    x1 = _mm512_add_pd(x1, _mm512_maskz_loadu_pd(m1, ep.bias + e.row0 + 8));
  }
  _mm512_mask_storeu_pd(c, m0, x0);
  _mm512_mask_storeu_pd(c + 8, m1, x1);
  const __m512d zero = _mm512_setzero_pd();
  const __m512d h0 = _mm512_maskz_mov_pd(_mm512_cmp_pd_mask(x0, zero, _CMP_GT_OQ), x0);  // NaN -> 0, as z > 0 ? z : 0
  const __m512d h1 = _mm512_maskz_mov_pd(_mm512_cmp_pd_mask(x1, zero, _CMP_GT_OQ), x1);
  double* h = ep.h + static_cast<std::ptrdiff_t>(e.col0 + j) * ep.ldh + e.row0;
  _mm512_mask_storeu_pd(h, m0, h0);
  _mm512_mask_storeu_pd(h + 8, m1, h1);
  if (!ep.wo) return;
  double* P = ep.partial + 4 * static_cast<std::ptrdiff_t>(e.col0 + j);  // the column's four chains
  const int m4 = e.m & ~3;
  if (mv == 16 && e.row0 + 16 <= m4) {  // rows i, i+1, i+2, i+3 into chains 0..3, four rows at a time
    const double* w = ep.wo + e.row0;
    __m256d p = _mm256_loadu_pd(P);
    // a rounded product, then the sum (this file is compiled with -ffp-contract=off, as noisy_gd.cpp)
    p = _mm256_add_pd(p, _mm256_mul_pd(_mm256_loadu_pd(w), _mm512_maskz_extractf64x4_pd(0xF, h0, 0)));
    p = _mm256_add_pd(p, _mm256_mul_pd(_mm256_loadu_pd(w + 4), _mm512_maskz_extractf64x4_pd(0xF, h0, 1)));
    p = _mm256_add_pd(p, _mm256_mul_pd(_mm256_loadu_pd(w + 8), _mm512_maskz_extractf64x4_pd(0xF, h1, 0)));
    p = _mm256_add_pd(p, _mm256_mul_pd(_mm256_loadu_pd(w + 12), _mm512_maskz_extractf64x4_pd(0xF, h1, 1)));
    _mm256_storeu_pd(P, p);
    return;
  }
  alignas(64) double hv[16];
  _mm512_store_pd(hv, h0);
  _mm512_store_pd(hv + 8, h1);
  for (int r = 0; r < mv; ++r) {  // an edge tile; the rows from 4 floor(m / 4) on all go to chain 0
    const int i = e.row0 + r;
    double& acc = P[i < m4 ? (i & 3) : 0];
    acc += ep.wo[i] * hv[r];
  }
}

/**
 * The register tile: acc = sum_p a(:, p) b(p, :) over kc, then C = acc + (first ? beta C : C) on the valid
 * mv x nv corner (beta = 0: C is not read); with kEpi, the ReLU epilogue (relu_epilogue) instead of the store.
 */
template <int NR, bool kPackedA, bool kEpi = false>
__attribute__((always_inline)) inline void tile(int kc, const double* __restrict a, int lda,
                                                const double* __restrict b, double* C, int ldc, bool first,
                                                double beta, int mv, int nv, const EpiTile* epi = nullptr) {
  __m512d c0[NR], c1[NR];
  const __mmask8 m0 = static_cast<__mmask8>(mv >= 8 ? 0xFF : (1u << mv) - 1u);
  const __mmask8 m1 = static_cast<__mmask8>(mv >= 16 ? 0xFF : mv <= 8 ? 0u : (1u << (mv - 8)) - 1u);
#pragma GCC unroll 16
  for (int j = 0; j < NR; ++j) c0[j] = c1[j] = _mm512_setzero_pd();
  if (!first || beta != 0.0) {
#pragma GCC unroll 16
    for (int j = 0; j < NR; ++j) {
      if (j >= nv) break;
      _mm_prefetch(reinterpret_cast<const char*>(C + static_cast<std::ptrdiff_t>(j) * ldc), _MM_HINT_T0);
      _mm_prefetch(reinterpret_cast<const char*>(C + static_cast<std::ptrdiff_t>(j) * ldc + 8), _MM_HINT_T0);
    }
  }
  for (int p = 0; p < kc; ++p) {
    __m512d a0, a1;
    if constexpr (kPackedA) {
      a0 = _mm512_load_pd(a);
      a1 = _mm512_load_pd(a + 8);
      a += kMR;
    } else {  // op(A) = A read in place: 16 consecutive rows of column p (masked at the bottom edge)
      a0 = _mm512_maskz_loadu_pd(m0, a);
      a1 = _mm512_maskz_loadu_pd(m1, a + 8);
      a += lda;
    }
#pragma GCC unroll 16
    for (int j = 0; j < NR; ++j) {
      const __m512d bj = _mm512_set1_pd(b[j]);
      c0[j] = _mm512_fmadd_pd(a0, bj, c0[j]);
      c1[j] = _mm512_fmadd_pd(a1, bj, c1[j]);
    }
    b += NR;
  }
  const __m512d vb = _mm512_set1_pd(beta);
#pragma GCC unroll 16
  for (int j = 0; j < NR; ++j) {
    if (j >= nv) break;
    double* c = C + static_cast<std::ptrdiff_t>(j) * ldc;
    __m512d x0 = c0[j], x1 = c1[j];
    if (!first || beta != 0.0) {
      __m512d y0 = _mm512_maskz_loadu_pd(m0, c), y1 = _mm512_maskz_loadu_pd(m1, c + 8);
      if (first && beta != 1.0) {
        y0 = _mm512_mul_pd(vb, y0);
        y1 = _mm512_mul_pd(vb, y1);
      }
      x0 = _mm512_add_pd(y0, x0);
      x1 = _mm512_add_pd(y1, x1);
    }
    if constexpr (kEpi) {
      relu_epilogue(*epi, j, c, x0, x1, m0, m1, mv);
    } else {
      _mm512_mask_storeu_pd(c, m0, x0);
      _mm512_mask_storeu_pd(c + 8, m1, x1);
    }
  }
}

template <int NR>
void gemm_nr(bool ta, bool tb, int m, int n, int k, const double* A, int lda, const double* B, int ldb, double beta,
             double* C, int ldc, GemmPackCache* cache, const ReluEpilogue* ep = nullptr) {
  thread_local std::unique_ptr<double[], Free> abuf, bbuf;
  thread_local std::size_t acap = 0, bcap = 0;
  const int nc_max = kNCT * NR;
  const int kc_max = std::min(k, kKC);
  // A untransposed, in cache (at most 1 MiB) and few column tiles to share its packing (n <= 4 NR, e.g. the n = 30
  // weight gradient of a 256-point block): the tiles read A in place (the same products in the same order).
  const bool direct_a = !ta && n <= 4 * NR && static_cast<long>(m) * k <= 131072;
  // Several column panels (n > kNCT NR, e.g. a weight matrix times the 4096 columns of a batch) and a packed A of
  // at most 4 MiB: A is packed once, slice by slice, instead of once per panel (the same values in the same order).
  const long m_pad = (m + kMR - 1) / kMR * kMR;
  const std::size_t whole = static_cast<std::size_t>(m_pad) * ((k + kKC - 1) / kKC) * kc_max;
  // An operand the caller keeps over several products (a weight matrix, GemmPackCache) is packed whole into the
  // cache, at most 32 MiB of it, and the next products of the run read it from there (the same layout as pack_once).
  const bool cached = cache && !direct_a && whole <= (std::size_t{1} << 22);
  const bool pack_once = cached || (!direct_a && n > nc_max && m_pad * k <= (long{1} << 19));
  bool packed = false;
  double* Ap = nullptr;
  if (cached) {
    GemmPackCache::Entry& e = cache->lookup(A, lda, ta, m, k, whole, packed);
    Ap = e.buf.get();
  } else {
    Ap = scratch(abuf, acap, pack_once ? whole : static_cast<std::size_t>(kMC) * kc_max);
  }
  double* Bp = scratch(bbuf, bcap, static_cast<std::size_t>(std::min(n + NR, nc_max)) * kc_max);
  if (pack_once && !packed)
    for (int p0 = 0; p0 < k; p0 += kKC)
      for (int i0 = 0; i0 < m; i0 += kMC)
        pack_a(ta, A, lda, i0, std::min(kMC, m - i0), p0, std::min(kKC, k - p0),
               Ap + (p0 / kKC) * m_pad * kc_max + static_cast<std::ptrdiff_t>(i0) * std::min(kKC, k - p0));
  for (int j0 = 0; j0 < n; j0 += nc_max) {
    const int nc = std::min(nc_max, n - j0);
    // A last tile of at most 8 columns takes the 8-wide kernel: at n = 256 and NR = 14 the remainder of 4 columns
    // costs 8 FMA columns instead of 14 (each entry's sum is the same).
    const int rem = nc % NR;
    const int nc_main = NR > 8 && rem > 0 && rem <= 8 ? nc - rem : nc;
    for (int p0 = 0; p0 < k; p0 += kKC) {
      const int kc = std::min(kKC, k - p0);
      const bool first = p0 == 0;
      const bool last = p0 + kc >= k;
      pack_b(tb, B, ldb, j0, nc_main, p0, kc, NR, Bp);
      if (nc_main < nc) pack_b(tb, B, ldb, j0 + nc_main, nc - nc_main, p0, kc, 8, Bp + static_cast<std::ptrdiff_t>(nc_main) * kc);
      for (int i0 = 0; i0 < m; i0 += kMC) {
        const int mc = std::min(kMC, m - i0);
        double* const Ab = pack_once ? Ap + (p0 / kKC) * m_pad * kc_max + static_cast<std::ptrdiff_t>(i0) * kc : Ap;
        if (!direct_a && !pack_once) pack_a(ta, A, lda, i0, mc, p0, kc, Ap);
        for (int jt = 0; jt < nc; jt += NR) {
          const double* b = Bp + static_cast<std::ptrdiff_t>(jt) * kc;
          const int nv = std::min(NR, nc - jt);
          const bool narrow = jt >= nc_main;  // the last tile, packed 8 wide
          for (int it = 0; it < mc; it += kMR) {
            double* c = C + (i0 + it) + static_cast<std::ptrdiff_t>(j0 + jt) * ldc;
            const int mv = std::min(kMR, mc - it);
            const double* a = direct_a ? A + (i0 + it) + static_cast<std::ptrdiff_t>(p0) * lda
                                       : Ab + static_cast<std::ptrdiff_t>(it) * kc;
            // the 8-wide kernel for the narrow last tile; the ReLU epilogue on the product's last slice
            auto run = [&]<bool kEpi>(const EpiTile* et) {
              if constexpr (NR > 8) {
                if (narrow) {
                  if (direct_a) tile<8, false, kEpi>(kc, a, lda, b, c, ldc, first, beta, mv, nv, et);
                  else tile<8, true, kEpi>(kc, a, 0, b, c, ldc, first, beta, mv, nv, et);
                  return;
                }
              }
              if (direct_a) tile<NR, false, kEpi>(kc, a, lda, b, c, ldc, first, beta, mv, nv, et);
              else tile<NR, true, kEpi>(kc, a, 0, b, c, ldc, first, beta, mv, nv, et);
            };
            if (ep && last) {
              const EpiTile et{ep, i0 + it, j0 + jt, m};
              run.template operator()<true>(&et);
            } else {
              run.template operator()<false>(nullptr);
            }
          }
        }
      }
    }
  }
}

/** gemm_nr at the tile width gemm_f64_avx512_nr chooses for n. */
void gemm_dispatch(bool ta, bool tb, int m, int n, int k, const double* A, int lda, const double* B, int ldb,
                   double beta, double* C, int ldc, GemmPackCache* cache, const ReluEpilogue* ep) {
  switch (gemm_f64_avx512_nr(n)) {
    case 8: return gemm_nr<8>(ta, tb, m, n, k, A, lda, B, ldb, beta, C, ldc, cache, ep);
    case 10: return gemm_nr<10>(ta, tb, m, n, k, A, lda, B, ldb, beta, C, ldc, cache, ep);
    case 12: return gemm_nr<12>(ta, tb, m, n, k, A, lda, B, ldb, beta, C, ldc, cache, ep);
    default: return gemm_nr<14>(ta, tb, m, n, k, A, lda, B, ldb, beta, C, ldc, cache, ep);
  }
}

}  // namespace

void gemm_f64_avx512(bool ta, bool tb, int m, int n, int k, const double* A, int lda, const double* B, int ldb,
                     double beta, double* C, int ldc, GemmPackCache* cache) {
  if (m <= 0 || n <= 0) return;
  if (k <= 0) {  // C = beta C
    for (int j = 0; j < n; ++j)
      for (int i = 0; i < m; ++i) {
        double& c = C[i + static_cast<std::ptrdiff_t>(j) * ldc];
        c = beta == 0.0 ? 0.0 : beta * c;
      }
    return;
  }
  gemm_dispatch(ta, tb, m, n, k, A, lda, B, ldb, beta, C, ldc, cache, nullptr);
}

void gemm_f64_avx512_relu(bool ta, bool tb, int m, int n, int k, const double* A, int lda, const double* B, int ldb,
                          double* C, int ldc, const ReluEpilogue& ep, GemmPackCache* cache) {
  gemm_dispatch(ta, tb, m, n, k, A, lda, B, ldb, 0.0, C, ldc, cache, &ep);
}

}  // namespace gdcert::sim::detail
#endif
