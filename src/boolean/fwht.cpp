// Cache-blocked, vectorised in-place integer fast Walsh–Hadamard transform.
//
// Level l of the transform pairs a[i] with a[i + 2^l] (bit l of i clear) into (a[i] + a[i + 2^l],
// a[i] - a[i + 2^l]); the transform is levels 0..n-1 in any order (the butterflies of different levels commute).
// For a = 2^n elements:
//  * pass 1 — block_transform on each contiguous block of 2^kBlockLog elements (256 KiB, fits L2): all levels
//    < kBlockLog.  Inside a block, each L1-sized sub-block (16 KiB) first gets the in-vector levels (lane
//    shuffles) fused with the next K levels across 2^K consecutive vectors, then the remaining sub-block levels
//    in groups of <= K levels ("radix 2^K": 2^K vectors loaded at distance 2^l, K butterfly levels in
//    registers, stored once); then the block levels above the sub-block, again in groups of <= K over the
//    L2-resident block.  A block whose start is not vector-aligned is realigned into a per-thread buffer by
//    the first sweep (two aligned loads + one shuffle per vector) and copied back at the end, so that no
//    sweep uses loads that split cache lines.
//  * pass 2 — the high levels pair whole rows of the (rows x block) matrix.  strip_transform takes a strip of
//    w columns across all rows: the first group of <= K levels reads the strided rows and writes a contiguous
//    buffer (no power-of-two-stride cache-set aliasing afterwards), middle groups work in the buffer, the last
//    group writes the rows back.  Only if there are more than 2^kMaxRowLog rows, the high levels are split
//    into a pass over chunks and a further pass (recursion), i.e. 3 passes over memory.
// Kernels: GCC vector extensions instantiated per ISA (AVX-512, AVX2 with target attributes, and the
// baseline SSE2 / portable vectors), chosen once at run time from the CPU.  Column heads / tails that do not
// fill a vector and arrays shorter than a vector use scalar code.
// Integer addition is exact and the butterflies of different levels commute, so the result does not depend
// on how blocks / strips are split among threads or which kernel ran.
// Thread safety: no mutable global state; the only shared object is the kernel choice (a function-local
// static, initialised once); scratch buffers are per call or thread_local.
#include "boolean/fwht.hpp"

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "exact/errors.hpp"

#if defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__))
#define GDCERT_FWHT_X86 1
#else
#define GDCERT_FWHT_X86 0
#endif

namespace gdcert::boolean {

namespace {

// ---------------------------------------------------------------------------------------------------------
// Tuning.  Measured at 2^24 int32 on a 2-core AMD EPYC (AVX-512; 48 KiB L1d / 1 MiB L2 per core): these
// sizes were the fastest of the grid tried (sub-block 8..32 KiB, block 128 KiB..1 MiB, strip buffer
// 16..512 KiB, row piece 128..2048 bytes, radix 2^3..2^5, prefetch distances, non-temporal stores), and
// they keep every working set inside the caches of any x86-64 CPU of the last decade.
// ---------------------------------------------------------------------------------------------------------

/** Bytes of the L1-resident sub-block of pass 1 (half of a 32 KiB L1d, leaving room for the other stream). */
constexpr std::size_t kSubBlockBytes = std::size_t{16} << 10;
/** Bytes of the L2-resident block of pass 1 (a quarter of a 1 MiB L2, half of a 512 KiB one). */
constexpr std::size_t kBlockBytes = std::size_t{256} << 10;
/** Preferred bytes of the contiguous strip buffer of pass 2 (L2-resident; wider strips give each of the
 *  strided rows a longer contiguous piece, which the hardware prefetcher and the DRAM pages reward). */
constexpr std::size_t kStripBytes = std::size_t{256} << 10;
/** Most bytes of one row taken by one strip of pass 2.  Re-tuned with the next-strip prefetch: at 2^24 int32
 *  (256 rows) strips of 256 KiB / 1 KiB per row took pass 2 from 11 ms to 6.5 ms against 32 KiB / 128 B; at
 *  2^26 from 77 ms to 37 ms; within noise at 2^20..2^22. */
constexpr std::size_t kMaxRowPieceBytes = 1024;
/** Most rows (log2) of one pass-2 strip: more rows would need a buffer beyond L2 at the minimal width. */
constexpr unsigned kMaxRowLog = 12;
/** Radix of the block levels above the sub-block (2^4 vectors in flight hide the L2 latency). */
constexpr int kBlockRadixLog = 4;
/** Arrays below this many bytes are transformed by one thread (starting threads for two passes costs more:
 *  2 threads were slower than 1 at 1 and 4 MiB, equal at 16 MiB, 1.4x faster at 64 MiB). */
constexpr std::size_t kMinParallelBytes = std::size_t{16} << 20;

template <class T>
constexpr unsigned kSubLog = static_cast<unsigned>(std::countr_zero(kSubBlockBytes / sizeof(T)));
template <class T>
constexpr unsigned kBlockLog = static_cast<unsigned>(std::countr_zero(kBlockBytes / sizeof(T)));

// ---------------------------------------------------------------------------------------------------------
// Portable SIMD via GCC vector extensions.  The kernels below are always_inline templates; they are only
// instantiated inside the per-ISA entry functions (target attributes), so the generic vector code is
// compiled with that ISA's instructions and registers.
// ---------------------------------------------------------------------------------------------------------

template <class T, int W>
struct simd_vec {
  typedef T type __attribute__((vector_size(W * sizeof(T))));
};
template <class T, int W>
using vec_t = typename simd_vec<T, W>::type;

#define GDCERT_FWHT_INLINE [[gnu::always_inline]] inline

template <class V, class T>
GDCERT_FWHT_INLINE void load_vec(V& v, const T* p) {
  std::memcpy(&v, p, sizeof(V));
}

template <class V, class T>
GDCERT_FWHT_INLINE void store_vec(T* p, const V& v) {
  std::memcpy(p, &v, sizeof(V));
}

/** One in-vector level at lane distance D: v[i] <- v[i] + v[i^D] (bit D of i clear), v[i^D] - v[i] (set). */
template <class T, int W, std::size_t D, std::size_t... I>
GDCERT_FWHT_INLINE void lane_level(vec_t<T, W>& v, std::index_sequence<I...>) {
  using V = vec_t<T, W>;
  const V p = __builtin_shufflevector(v, v, static_cast<int>(I ^ D)...);
  const V upper = {static_cast<T>((I & D) != 0 ? -1 : 0)...};
  v = (upper != 0) ? p - v : v + p;
}

/** All in-vector levels 0..log2(W)-1 of one vector. */
template <class T, int W>
GDCERT_FWHT_INLINE void lane_levels(vec_t<T, W>& v) {
  if constexpr (W >= 2) lane_level<T, W, 1>(v, std::make_index_sequence<std::size_t{W}>{});
  if constexpr (W >= 4) lane_level<T, W, 2>(v, std::make_index_sequence<std::size_t{W}>{});
  if constexpr (W >= 8) lane_level<T, W, 4>(v, std::make_index_sequence<std::size_t{W}>{});
  if constexpr (W >= 16) lane_level<T, W, 8>(v, std::make_index_sequence<std::size_t{W}>{});
}

/** K radix-2 levels across the 2^K vectors v[0..2^K) held in registers. */
template <int K, class V>
GDCERT_FWHT_INLINE void register_butterflies(V* v) {
#pragma GCC unroll 8
  for (int s = 0; s < K; ++s) {
#pragma GCC unroll 32
    for (int i = 0; i < (1 << K); ++i) {
      if ((i >> s) & 1) continue;
      const V x = v[i];
      const V y = v[i + (1 << s)];
      v[i] = x + y;
      v[i + (1 << s)] = x - y;
    }
  }
}

/**
 * Levels across rows of a row-major matrix, K at a time: element (r, c) of the source is src[r * sstride + c],
 * of the destination dst[r * dstride + c] (src == dst with equal strides is in place).  For every group of
 * 2^K rows r, r + rdist, ..., r + (2^K - 1) rdist (r mod (2^K rdist) < rdist) and every W-column vector
 * c < ncols: load, with Lanes do the in-vector levels first, do K row levels, store.  ahead != 0 prefetches
 * src + ahead for every vector loaded (the next block of pass 1, while this one is computed).
 * Precondition: nrows is a multiple of 2^K rdist, ncols of W.
 */
template <class T, int W, int K, bool Lanes>
GDCERT_FWHT_INLINE void rows_pass(const T* src, std::size_t sstride, T* dst, std::size_t dstride,
                                  std::size_t nrows, std::size_t ncols, std::size_t rdist, std::size_t ahead) {
  using V = vec_t<T, W>;
  constexpr std::size_t kRegs = std::size_t{1} << K;
  const std::size_t span = rdist << K;
  const std::size_t sstep = rdist * sstride;
  const std::size_t dstep = rdist * dstride;
  for (std::size_t g = 0; g < nrows; g += span) {
    for (std::size_t r = g; r < g + rdist; ++r) {
      const T* s = src + r * sstride;
      T* d = dst + r * dstride;
      for (std::size_t c = 0; c < ncols; c += static_cast<std::size_t>(W)) {
        V v[kRegs];
#pragma GCC unroll 32
        for (std::size_t t = 0; t < kRegs; ++t) load_vec(v[t], s + t * sstep + c);
        if (ahead != 0) {
#pragma GCC unroll 32
          for (std::size_t t = 0; t < kRegs; ++t) __builtin_prefetch(s + ahead + t * sstep + c, 0, 3);
        }
        if constexpr (Lanes) {
#pragma GCC unroll 32
          for (std::size_t t = 0; t < kRegs; ++t) lane_levels<T, W>(v[t]);
        }
        register_butterflies<K>(v);
#pragma GCC unroll 32
        for (std::size_t t = 0; t < kRegs; ++t) store_vec(d + t * dstep + c, v[t]);
      }
    }
  }
}

/** rows_pass with a run-time number of levels k <= Kmax (k = 0 only with Lanes). */
template <class T, int W, int Kmax, bool Lanes>
GDCERT_FWHT_INLINE void rows_pass_k(unsigned k, const T* src, std::size_t sstride, T* dst, std::size_t dstride,
                                    std::size_t nrows, std::size_t ncols, std::size_t rdist, std::size_t ahead) {
  static_assert(Kmax >= 1 && Kmax <= 4);
  switch (k) {
    case 0:
      if constexpr (Lanes) rows_pass<T, W, 0, Lanes>(src, sstride, dst, dstride, nrows, ncols, rdist, ahead);
      break;
    case 1: rows_pass<T, W, 1, Lanes>(src, sstride, dst, dstride, nrows, ncols, rdist, ahead); break;
    case 2:
      if constexpr (Kmax >= 2) rows_pass<T, W, 2, Lanes>(src, sstride, dst, dstride, nrows, ncols, rdist, ahead);
      break;
    case 3:
      if constexpr (Kmax >= 3) rows_pass<T, W, 3, Lanes>(src, sstride, dst, dstride, nrows, ncols, rdist, ahead);
      break;
    case 4:
      if constexpr (Kmax >= 4) rows_pass<T, W, 4, Lanes>(src, sstride, dst, dstride, nrows, ncols, rdist, ahead);
      break;
    default: break;
  }
}

/** Split `levels` levels into the fewest groups of <= kmax, as even as possible; size of group g of count. */
constexpr unsigned group_count(unsigned levels, unsigned kmax) { return (levels + kmax - 1) / kmax; }
constexpr unsigned group_size(unsigned levels, unsigned groups, unsigned g) {
  return levels / groups + (g < levels % groups ? 1u : 0u);
}

/** The textbook radix-2 butterfly on a[0..size). */
template <class T>
void plain_butterfly(T* a, std::size_t size) {
  for (std::size_t h = 1; h < size; h <<= 1)
    for (std::size_t i = 0; i < size; i += 2 * h)
      for (std::size_t j = i; j < i + h; ++j) {
        const T x = a[j];
        const T y = a[j + h];
        a[j] = x + y;
        a[j + h] = x - y;
      }
}

/**
 * The first sweep of a sub-block whose start is misaligned by `mis` lanes (0 < mis < W): the in-vector levels
 * and K levels across 2^K consecutive vectors, like rows_pass<..., Lanes = true>, but every vector is assembled
 * from two aligned loads by one two-source shuffle instead of a load that splits cache lines; the results are
 * stored to the aligned dst.  nvec (vectors in the sub-block) is a multiple of 2^K and at least 2^(K+1).
 */
template <class T, int W, int K>
GDCERT_FWHT_INLINE void lanes_pass_realign(const T* src, std::size_t mis, T* dst, std::size_t nvec,
                                           std::size_t ahead) {
  using V = vec_t<T, W>;
  constexpr std::size_t kRegs = std::size_t{1} << K;
  constexpr std::size_t kW = W;
  V idx{};
  for (int l = 0; l < W; ++l) idx[l] = static_cast<T>(mis + static_cast<std::size_t>(l));
  // Aligned line j holds elements [j W - mis, j W - mis + W) of src; lines 1..nvec-1 lie inside the sub-block.
  const auto line = [src, mis](std::size_t j) {
    return reinterpret_cast<const T*>(reinterpret_cast<std::uintptr_t>(src) + (j * kW - mis) * sizeof(T));
  };
  for (std::size_t j0 = 0; j0 < nvec; j0 += kRegs) {
    V v[kRegs];
    if (j0 > 0 && j0 + kRegs < nvec) {
      V prev;
      load_vec(prev, line(j0));
#pragma GCC unroll 32
      for (std::size_t t = 0; t < kRegs; ++t) {
        V next;
        load_vec(next, line(j0 + t + 1));
        v[t] = __builtin_shuffle(prev, next, idx);
        prev = next;
      }
    } else {
#pragma GCC unroll 32
      for (std::size_t t = 0; t < kRegs; ++t) load_vec(v[t], src + (j0 + t) * W);
    }
    if (ahead != 0) {
#pragma GCC unroll 32
      for (std::size_t t = 0; t < kRegs; ++t) __builtin_prefetch(src + ahead + (j0 + t) * W, 0, 3);
    }
#pragma GCC unroll 32
    for (std::size_t t = 0; t < kRegs; ++t) lane_levels<T, W>(v[t]);
    register_butterflies<K>(v);
#pragma GCC unroll 32
    for (std::size_t t = 0; t < kRegs; ++t) store_vec(dst + (j0 + t) * W, v[t]);
  }
}

template <class T, int W, int Kmax>
GDCERT_FWHT_INLINE void lanes_pass_realign_k(unsigned k, const T* src, std::size_t mis, T* dst, std::size_t nvec,
                                             std::size_t ahead) {
  switch (k) {
    case 0: lanes_pass_realign<T, W, 0>(src, mis, dst, nvec, ahead); break;
    case 1: lanes_pass_realign<T, W, 1>(src, mis, dst, nvec, ahead); break;
    case 2:
      if constexpr (Kmax >= 2) lanes_pass_realign<T, W, 2>(src, mis, dst, nvec, ahead);
      break;
    case 3:
      if constexpr (Kmax >= 3) lanes_pass_realign<T, W, 3>(src, mis, dst, nvec, ahead);
      break;
    case 4:
      if constexpr (Kmax >= 4) lanes_pass_realign<T, W, 4>(src, mis, dst, nvec, ahead);
      break;
    default: break;
  }
}

/**
 * Copies the aligned buf[0..nvec W) to dst, which is misaligned by `mis` lanes (0 < mis < W): every aligned
 * vector of dst inside the range is assembled from two aligned loads by one shuffle; the two partial vectors
 * at the ends are copied element-wise.
 */
template <class T, int W>
GDCERT_FWHT_INLINE void copy_out_realign(const T* buf, T* dst, std::size_t mis, std::size_t nvec) {
  using V = vec_t<T, W>;
  constexpr std::size_t kW = W;
  V idx{};
  for (int l = 0; l < W; ++l) idx[l] = static_cast<T>(W - mis + static_cast<std::size_t>(l));
  const auto line = [dst, mis](std::size_t j) {
    return reinterpret_cast<T*>(reinterpret_cast<std::uintptr_t>(dst) + (j * kW - mis) * sizeof(T));
  };
  V prev;
  load_vec(prev, buf);
  for (std::size_t j = 1; j < nvec; ++j) {
    V cur;
    load_vec(cur, buf + j * W);
    store_vec(line(j), __builtin_shuffle(prev, cur, idx));
    prev = cur;
  }
  for (std::size_t i = 0; i < W - mis; ++i) dst[i] = buf[i];
  for (std::size_t i = nvec * W - mis; i < nvec * W; ++i) dst[i] = buf[i];
}

/**
 * All levels 0..m-1 of the contiguous block a[0..2^m), W lanes, K register levels per sweep, in place; except
 * when a is not aligned to the vector size and buf (2^m elements, aligned) is given: then the first sweep
 * realigns a into buf, the other sweeps work in buf, and a last sequential sweep copies buf back (so that no
 * sweep uses loads or stores that split cache lines).  `ahead` != 0: prefetch a + ahead during the first sweep.
 */
template <class T, int W, int K>
GDCERT_FWHT_INLINE void block_transform_impl(T* a, unsigned m, T* buf, std::size_t ahead) {
  constexpr unsigned lw = static_cast<unsigned>(std::countr_zero(static_cast<unsigned>(W)));
  if (m < lw) {
    plain_butterfly(a, std::size_t{1} << m);
    return;
  }
  const unsigned sub = std::min(m, kSubLog<T>);
  const std::size_t sub_size = std::size_t{1} << sub;
  const std::size_t size = std::size_t{1} << m;
  const unsigned k0 = std::min<unsigned>(K, sub - lw);
  const std::size_t mis = (reinterpret_cast<std::uintptr_t>(a) % sizeof(vec_t<T, W>)) / sizeof(T);
  const bool realign = mis != 0 && buf != nullptr && (sub_size / W) >= (std::size_t{2} << k0);
  T* const work = realign ? buf : a;
  const unsigned sub_rest = sub - lw - k0;
  const unsigned sub_groups = group_count(sub_rest, K);
  const unsigned block_rest = m - sub;
  const unsigned block_groups = group_count(block_rest, kBlockRadixLog);
  for (std::size_t b = 0; b < size; b += sub_size) {
    T* const w = work + b;
    // Lanes + the first k0 levels across consecutive vectors.
    if (realign)
      lanes_pass_realign_k<T, W, K>(k0, a + b, mis, w, sub_size / W, ahead);
    else
      rows_pass_k<T, W, K, true>(k0, w, W, w, W, sub_size / W, W, 1, ahead);
    // Remaining sub-block levels.
    unsigned l = lw + k0;
    for (unsigned g = 0; g < sub_groups; ++g) {
      const unsigned k = group_size(sub_rest, sub_groups, g);
      rows_pass_k<T, W, K, false>(k, w, W, w, W, sub_size / W, W, std::size_t{1} << (l - lw), 0);
      l += k;
    }
  }
  // Block levels above the sub-block.
  unsigned l = sub;
  for (unsigned g = 0; g < block_groups; ++g) {
    const unsigned k = group_size(block_rest, block_groups, g);
    rows_pass_k<T, W, kBlockRadixLog, false>(k, work, W, work, W, size / W, W, std::size_t{1} << (l - lw), 0);
    l += k;
  }
  if (realign) copy_out_realign<T, W>(buf, a, mis, size / W);
}

/**
 * All row levels of the strip a[r * stride + c], r < 2^row_log, c < w (w a multiple of W), through buf
 * (w << row_log elements) when more than one group of K levels is needed.
 */
template <class T, int W, int K>
GDCERT_FWHT_INLINE void strip_transform_impl(T* a, std::size_t stride, unsigned row_log, std::size_t w, T* buf,
                                             std::size_t ahead) {
  const std::size_t rows = std::size_t{1} << row_log;
  const unsigned groups = group_count(row_log, K);
  if (groups <= 1) {
    rows_pass_k<T, W, K, false>(row_log, a, stride, a, stride, rows, w, 1, ahead);
    return;
  }
  unsigned l = 0;
  for (unsigned g = 0; g < groups; ++g) {
    const unsigned k = group_size(row_log, groups, g);
    const std::size_t rdist = std::size_t{1} << l;
    if (g == 0)
      rows_pass_k<T, W, K, false>(k, a, stride, buf, w, rows, w, rdist, ahead);
    else if (g + 1 < groups)
      rows_pass_k<T, W, K, false>(k, buf, w, buf, w, rows, w, rdist, 0);
    else
      rows_pass_k<T, W, K, false>(k, buf, w, a, stride, rows, w, rdist, 0);
    l += k;
  }
}

/** All row levels of the strip a[r * stride + c], r < 2^row_log, c < ncols (any ncols), scalar. */
template <class T>
void strip_transform_scalar(T* a, std::size_t stride, unsigned row_log, std::size_t ncols) {
  const std::size_t rows = std::size_t{1} << row_log;
  for (std::size_t h = 1; h < rows; h <<= 1)
    for (std::size_t i = 0; i < rows; i += 2 * h)
      for (std::size_t j = i; j < i + h; ++j) {
        T* x = a + j * stride;
        T* y = a + (j + h) * stride;
        for (std::size_t c = 0; c < ncols; ++c) {
          const T u = x[c];
          const T v = y[c];
          x[c] = u + v;
          y[c] = u - v;
        }
      }
}

// ---------------------------------------------------------------------------------------------------------
// Per-ISA entry points and run-time dispatch.
// ---------------------------------------------------------------------------------------------------------

template <class T>
struct Kernels {
  void (*block)(T* a, unsigned m, T* buf, std::size_t ahead);
  void (*strip)(T* a, std::size_t stride, unsigned row_log, std::size_t w, T* buf, std::size_t ahead);
  unsigned lanes;
};

// name, target attribute, lanes of int32 / int64 vectors, register levels K (2^K vectors: 16 of the 32
// AVX-512 registers, 8 of the 16 AVX2 / SSE2 ones).
#define GDCERT_FWHT_DEFINE_ISA(name, attr, w32, w64, k)                                                        \
  attr void block_i32_##name(std::int32_t* a, unsigned m, std::int32_t* buf, std::size_t ahead) {              \
    block_transform_impl<std::int32_t, w32, k>(a, m, buf, ahead);                                               \
  }                                                                                                            \
  attr void block_i64_##name(std::int64_t* a, unsigned m, std::int64_t* buf, std::size_t ahead) {              \
    block_transform_impl<std::int64_t, w64, k>(a, m, buf, ahead);                                               \
  }                                                                                                            \
  attr void strip_i32_##name(std::int32_t* a, std::size_t stride, unsigned row_log, std::size_t w,             \
                             std::int32_t* buf, std::size_t ahead) {                                           \
    strip_transform_impl<std::int32_t, w32, k>(a, stride, row_log, w, buf, ahead);                              \
  }                                                                                                            \
  attr void strip_i64_##name(std::int64_t* a, std::size_t stride, unsigned row_log, std::size_t w,             \
                             std::int64_t* buf, std::size_t ahead) {                                           \
    strip_transform_impl<std::int64_t, w64, k>(a, stride, row_log, w, buf, ahead);                              \
  }                                                                                                            \
  constexpr Kernels<std::int32_t> kernels_i32_##name{block_i32_##name, strip_i32_##name, w32};                 \
  constexpr Kernels<std::int64_t> kernels_i64_##name{block_i64_##name, strip_i64_##name, w64};

#if GDCERT_FWHT_X86
GDCERT_FWHT_DEFINE_ISA(avx512, __attribute__((target("avx512f,avx512bw,avx512vl"))), 16, 8, 4)
GDCERT_FWHT_DEFINE_ISA(avx2, __attribute__((target("avx2"))), 8, 4, 3)
#endif
GDCERT_FWHT_DEFINE_ISA(portable, , 4, 2, 3)

#undef GDCERT_FWHT_DEFINE_ISA

bool cpu_supports(FwhtKernel kernel) {
  switch (kernel) {
    case FwhtKernel::automatic:
    case FwhtKernel::portable: return true;
#if GDCERT_FWHT_X86
    case FwhtKernel::avx2: __builtin_cpu_init(); return __builtin_cpu_supports("avx2") != 0;
    case FwhtKernel::avx512:
      __builtin_cpu_init();
      return __builtin_cpu_supports("avx512f") != 0 && __builtin_cpu_supports("avx512bw") != 0 &&
             __builtin_cpu_supports("avx512vl") != 0;
#else
    case FwhtKernel::avx2:
    case FwhtKernel::avx512: return false;
#endif
  }
  return false;
}

/** The best kernel family of this CPU, capped by GDCERT_FWHT_ISA=avx512|avx2|sse2 if set. */
FwhtKernel detect_kernel() {
  FwhtKernel cap = FwhtKernel::avx512;
  if (const char* env = std::getenv("GDCERT_FWHT_ISA")) {
    const std::string_view c(env);
    cap = c == "sse2" || c == "portable" ? FwhtKernel::portable : c == "avx2" ? FwhtKernel::avx2 : FwhtKernel::avx512;
  }
  if (cap == FwhtKernel::avx512 && cpu_supports(FwhtKernel::avx512)) return FwhtKernel::avx512;
  if (cap != FwhtKernel::portable && cpu_supports(FwhtKernel::avx2)) return FwhtKernel::avx2;
  return FwhtKernel::portable;
}

FwhtKernel resolve(FwhtKernel kernel) {
  if (kernel == FwhtKernel::automatic) {
    static const FwhtKernel best = detect_kernel();  // thread-safe one-time initialisation
    return best;
  }
  if (!cpu_supports(kernel))
    throw domain_error("fwht_inplace_unchecked: this CPU cannot run the requested kernel family (" +
                       std::string(fwht_kernel_name(kernel)) + ")");
  return kernel;
}

template <class T>
const Kernels<T>& select_kernels(FwhtKernel kernel) {
#if GDCERT_FWHT_X86
  switch (kernel) {
    case FwhtKernel::avx512:
      if constexpr (sizeof(T) == 4) return kernels_i32_avx512; else return kernels_i64_avx512;
    case FwhtKernel::avx2:
      if constexpr (sizeof(T) == 4) return kernels_i32_avx2; else return kernels_i64_avx2;
    default: break;
  }
#else
  (void)kernel;
#endif
  if constexpr (sizeof(T) == 4) return kernels_i32_portable; else return kernels_i64_portable;
}

// ---------------------------------------------------------------------------------------------------------
// Threads and scratch.
// ---------------------------------------------------------------------------------------------------------

/** Runs f(begin, end) on `workers` contiguous slices of [0, count); the calling thread takes slice 0. */
template <class F>
void parallel_for(std::size_t count, unsigned workers, const F& f) {
  workers = static_cast<unsigned>(std::min<std::size_t>(workers, count));
  if (workers <= 1) {
    f(std::size_t{0}, count);
    return;
  }
  std::vector<std::thread> pool;
  pool.reserve(workers - 1);
  std::size_t started = workers;  // slices [started, workers) could not get a thread: run them here
  for (unsigned w = 1; w < workers; ++w) {
    try {
      pool.emplace_back([&f, w, workers, count] { f(count * w / workers, count * (w + 1) / workers); });
    } catch (...) {
      started = w;
      break;
    }
  }
  f(0, count / workers);
  for (std::size_t w = started; w < workers; ++w) f(count * w / workers, count * (w + 1) / workers);
  for (auto& t : pool) t.join();
}

/** A 64-byte aligned scratch buffer (not initialised). */
template <class T>
struct Scratch {
  std::unique_ptr<T[]> storage;
  T* data = nullptr;
  explicit Scratch(std::size_t n) {
    if (n == 0) return;
    storage = std::make_unique_for_overwrite<T[]>(n + 64 / sizeof(T));
    const auto p = reinterpret_cast<std::uintptr_t>(storage.get());
    data = storage.get() + ((64 - p % 64) % 64) / sizeof(T);
  }
};

/** This thread's block buffer (2^kBlockLog elements, aligned), allocated on first use and kept. */
template <class T>
T* block_scratch() {
  thread_local Scratch<T> buf(std::size_t{1} << kBlockLog<T>);
  return buf.data;
}

// ---------------------------------------------------------------------------------------------------------
// The two passes.
// ---------------------------------------------------------------------------------------------------------

/**
 * Levels lo..n-1 of a[0..2^n): the high levels across the rows of the (2^(n-lo) x 2^lo) matrix, rows already
 * transformed in their own levels.  One pass over memory if 2^(n-lo) <= 2^kMaxRowLog rows, else a pass over
 * chunks of 2^kMaxRowLog rows and a recursive pass for the rest.
 */
template <class T>
void high_levels(const Kernels<T>& kern, T* a, unsigned n, unsigned lo, unsigned workers) {
  const unsigned row_log = std::min(n - lo, kMaxRowLog);
  const std::size_t row_len = std::size_t{1} << lo;
  const std::size_t rows = std::size_t{1} << row_log;
  // Strip width: a power of two and a multiple of the vector width, aiming at kStripBytes of buffer, at most
  // kMaxRowPieceBytes per row.
  std::size_t w = std::bit_floor(std::max<std::size_t>(kStripBytes / (rows * sizeof(T)), 1));
  w = std::clamp<std::size_t>(w, kern.lanes, std::max<std::size_t>(kern.lanes, kMaxRowPieceBytes / sizeof(T)));
  w = std::min(w, row_len);
  // Column strips, the full-width ones starting on a cache line: a scalar head up to the first line boundary,
  // full strips, a vector strip narrower than w, a scalar tail.  Every row (and chunk) has the same alignment.
  struct Strip {
    std::size_t col, width;
    bool vector;
  };
  std::vector<Strip> strips;
  constexpr std::size_t kLine = 64 / sizeof(T);
  const std::size_t misalign = (reinterpret_cast<std::uintptr_t>(a) % 64) / sizeof(T);
  const std::size_t head = std::min(row_len, (kLine - misalign) % kLine);
  if (head > 0) strips.push_back({0, head, false});
  std::size_t col = head;
  for (; col + w <= row_len; col += w) strips.push_back({col, w, true});
  const std::size_t rest_vec = (row_len - col) / kern.lanes * kern.lanes;
  if (rest_vec > 0) strips.push_back({col, rest_vec, true});
  col += rest_vec;
  if (col < row_len) strips.push_back({col, row_len - col, false});
  const std::size_t chunks = std::size_t{1} << (n - lo - row_log);
  const std::size_t chunk_len = row_len << row_log;
  parallel_for(chunks * strips.size(), workers, [&](std::size_t begin, std::size_t end) {
    Scratch<T> buf(w << row_log);
    for (std::size_t t = begin; t < end; ++t) {
      const Strip& st = strips[t % strips.size()];
      T* base = a + (t / strips.size()) * chunk_len + st.col;
      if (st.vector) {
        // Prefetch the next strip of this thread (same rows, same width) while the first group reads this one.
        std::size_t ahead = 0;
        if (t + 1 < end) {
          const Strip& nx = strips[(t + 1) % strips.size()];
          if (nx.vector && nx.width == st.width)
            ahead = static_cast<std::size_t>(a + ((t + 1) / strips.size()) * chunk_len + nx.col - base);
        }
        kern.strip(base, row_len, row_log, st.width, buf.data, ahead);
      }
      else
        strip_transform_scalar(base, row_len, row_log, st.width);
    }
  });
  if (lo + row_log < n) high_levels(kern, a, n, lo + row_log, workers);
}

template <class T>
void transform(std::span<T> a, unsigned threads, FwhtKernel kernel) {
  const Kernels<T>& kern = select_kernels<T>(resolve(kernel));
  const std::size_t size = a.size();
  if (size <= 1) return;
  const unsigned n = static_cast<unsigned>(std::countr_zero(size));
  T* const data = a.data();
  const bool misaligned = reinterpret_cast<std::uintptr_t>(data) % (kern.lanes * sizeof(T)) != 0;
  constexpr unsigned kBlock = kBlockLog<T>;
  if (n <= kBlock) {
    kern.block(data, n, misaligned ? block_scratch<T>() : nullptr, 0);
    return;
  }
  unsigned workers = threads == 0 ? std::max(1u, std::thread::hardware_concurrency()) : threads;
  if (size * sizeof(T) < kMinParallelBytes) workers = 1;
  // Pass 1: each block, prefetching the start of the next block of the same thread during its first sweep.
  parallel_for(size >> kBlock, workers, [&](std::size_t begin, std::size_t end) {
    T* const buf = misaligned ? block_scratch<T>() : nullptr;
    for (std::size_t b = begin; b < end; ++b)
      kern.block(data + (b << kBlock), kBlock, buf, b + 1 < end ? (std::size_t{1} << kBlock) : 0);
  });
  // Pass 2 (and 3 beyond 2^(kBlockLog + kMaxRowLog) elements).
  high_levels(kern, data, n, kBlock, workers);
}

}  // namespace

std::string_view fwht_kernel_name(FwhtKernel kernel) {
  switch (kernel) {
    case FwhtKernel::automatic: return "automatic";
    case FwhtKernel::portable: return "portable";
    case FwhtKernel::avx2: return "avx2";
    case FwhtKernel::avx512: return "avx512";
  }
  return "unknown";
}

bool fwht_kernel_available(FwhtKernel kernel) { return cpu_supports(kernel); }

FwhtKernel fwht_default_kernel() { return resolve(FwhtKernel::automatic); }

void fwht_inplace_unchecked(std::span<std::int32_t> a, unsigned threads, FwhtKernel kernel) {
  transform(a, threads, kernel);
}
void fwht_inplace_unchecked(std::span<std::int64_t> a, unsigned threads, FwhtKernel kernel) {
  transform(a, threads, kernel);
}
void fwht_plain_butterfly(std::span<std::int32_t> a) { plain_butterfly(a.data(), a.size()); }
void fwht_plain_butterfly(std::span<std::int64_t> a) { plain_butterfly(a.data(), a.size()); }

}  // namespace gdcert::boolean
