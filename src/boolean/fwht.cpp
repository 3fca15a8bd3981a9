// Cache-blocked, vectorised in-place integer fast Walsh–Hadamard transform.
//
// Layout of the algorithm for a = 2^n elements (levels 0..n-1, level l pairs i with i + 2^l):
//  * pass 1 — block_transform on each contiguous block of 2^kBlockLog elements (fits L2): all levels < kBlockLog.
//    Inside a block, each L1-sized sub-block first gets the in-vector levels (lane shuffles) fused with the next
//    K levels across 2^K consecutive vectors, then the remaining sub-block levels in groups of <= K levels
//    ("radix 2^K": 2^K vectors loaded at distance 2^l, K butterfly levels in registers, stored once); then the
//    block levels above the sub-block, again in groups of <= K over the L2-resident block.
//  * pass 2 — the high levels pair whole rows of the (rows x block) matrix.  strip_transform takes a strip of w
//    columns across all rows: the first group of <= K levels reads the strided rows and writes a contiguous
//    buffer (no power-of-two-stride cache-set aliasing afterwards), middle groups work in the buffer, the last
//    group writes the rows back.  Only if there are more than 2^kMaxRowLog rows, the high levels are split
//    into a pass over chunks and a further pass (recursion), i.e. 3 passes over memory.
// Integer addition is exact and the butterflies of different levels commute, so the result does not depend
// on how blocks / strips are split among threads or which kernel ran.
#include "boolean/fwht.hpp"

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>
#ifndef DEV_STRIP_BYTES
#define DEV_STRIP_BYTES 32768
#endif
#ifndef DEV_ROW_BYTES
#define DEV_ROW_BYTES 256
#endif
#ifdef GDCERT_FWHT_TIMING
#include <chrono>
#include <cstdio>
#endif

#if defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__))
#define GDCERT_FWHT_X86 1
#else
#define GDCERT_FWHT_X86 0
#endif

namespace gdcert::boolean {

namespace {

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
template <class T, int W, int D, std::size_t... I>
GDCERT_FWHT_INLINE void lane_level(vec_t<T, W>& v, std::index_sequence<I...>) {
  using V = vec_t<T, W>;
  const V p = __builtin_shufflevector(v, v, static_cast<int>(I ^ D)...);
  const V upper = {static_cast<T>((I & D) != 0 ? -1 : 0)...};
  v = (upper != 0) ? p - v : v + p;
}

/** All in-vector levels 0..log2(W)-1 of one vector. */
template <class T, int W>
GDCERT_FWHT_INLINE void lane_levels(vec_t<T, W>& v) {
  if constexpr (W >= 2) lane_level<T, W, 1>(v, std::make_index_sequence<W>{});
  if constexpr (W >= 4) lane_level<T, W, 2>(v, std::make_index_sequence<W>{});
  if constexpr (W >= 8) lane_level<T, W, 4>(v, std::make_index_sequence<W>{});
  if constexpr (W >= 16) lane_level<T, W, 8>(v, std::make_index_sequence<W>{});
  if constexpr (W >= 32) lane_level<T, W, 16>(v, std::make_index_sequence<W>{});
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
 * c < ncols: load, optionally do the in-vector levels first (Lanes), do K row levels, store.
 * Precondition: nrows is a multiple of 2^K rdist, ncols of W.
 */
template <class T, int W, int K, bool Lanes>
GDCERT_FWHT_INLINE void rows_pass(const T* src, std::size_t sstride, T* dst, std::size_t dstride,
                                  std::size_t nrows, std::size_t ncols, std::size_t rdist) {
  using V = vec_t<T, W>;
  constexpr int kRegs = 1 << K;
  const std::size_t span = rdist << K;
  const std::size_t sstep = rdist * sstride;
  const std::size_t dstep = rdist * dstride;
  for (std::size_t g = 0; g < nrows; g += span) {
    for (std::size_t r = g; r < g + rdist; ++r) {
      const T* s = src + r * sstride;
      T* d = dst + r * dstride;
      for (std::size_t c = 0; c < ncols; c += W) {
        V v[kRegs];
#pragma GCC unroll 32
        for (int t = 0; t < kRegs; ++t) load_vec(v[t], s + t * sstep + c);
        if constexpr (Lanes) {
#pragma GCC unroll 32
          for (int t = 0; t < kRegs; ++t) lane_levels<T, W>(v[t]);
        }
        register_butterflies<K>(v);
#pragma GCC unroll 32
        for (int t = 0; t < kRegs; ++t) store_vec(d + t * dstep + c, v[t]);
      }
    }
  }
}

/** rows_pass with a run-time number of levels k <= Kmax (k = 0 only with Lanes). */
template <class T, int W, int Kmax, bool Lanes>
GDCERT_FWHT_INLINE void rows_pass_k(unsigned k, const T* src, std::size_t sstride, T* dst, std::size_t dstride,
                                    std::size_t nrows, std::size_t ncols, std::size_t rdist) {
  static_assert(Kmax >= 1 && Kmax <= 5);
  switch (k) {
    case 0:
      if constexpr (Lanes) rows_pass<T, W, 0, true>(src, sstride, dst, dstride, nrows, ncols, rdist);
      break;
    case 1: rows_pass<T, W, 1, Lanes>(src, sstride, dst, dstride, nrows, ncols, rdist); break;
    case 2: rows_pass<T, W, 2, Lanes>(src, sstride, dst, dstride, nrows, ncols, rdist); break;
    case 3:
      if constexpr (Kmax >= 3) rows_pass<T, W, 3, Lanes>(src, sstride, dst, dstride, nrows, ncols, rdist);
      break;
    case 4:
      if constexpr (Kmax >= 4) rows_pass<T, W, 4, Lanes>(src, sstride, dst, dstride, nrows, ncols, rdist);
      break;
    case 5:
      if constexpr (Kmax >= 5) rows_pass<T, W, 5, Lanes>(src, sstride, dst, dstride, nrows, ncols, rdist);
      break;
    default: break;
  }
}

/** Split `levels` levels into the fewest groups of <= kmax, as even as possible; size of group g of count. */
constexpr unsigned group_count(unsigned levels, unsigned kmax) { return (levels + kmax - 1) / kmax; }
constexpr unsigned group_size(unsigned levels, unsigned groups, unsigned g) {
  return levels / groups + (g < levels % groups ? 1u : 0u);
}

/** The textbook radix-2 butterfly on a[0..2^m). */
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

/** Sizes (log2 of element counts) of the L1 sub-block, of the pass-1 block, and the most rows of a strip. */
template <class T>
struct tuning {
  static constexpr unsigned kSubLog = std::countr_zero(std::size_t{16384} / sizeof(T));   // 16 KiB
  static constexpr unsigned kBlockLog = std::countr_zero(std::size_t{262144} / sizeof(T));  // 256 KiB
  static constexpr unsigned kMaxRowLog = 12;
  static constexpr std::size_t kStripBytes = DEV_STRIP_BYTES;  // preferred strip buffer size
};

/**
 * All levels 0..m-1 of the contiguous block a[0..2^m), W lanes, K register levels per sweep.
 */
template <class T, int W, int K>
GDCERT_FWHT_INLINE void block_transform_impl(T* a, unsigned m) {
  constexpr unsigned lw = std::countr_zero(static_cast<unsigned>(W));
  if (m < lw) {
    plain_butterfly(a, std::size_t{1} << m);
    return;
  }
  const unsigned sub = std::min(m, tuning<T>::kSubLog);
  const std::size_t sub_size = std::size_t{1} << sub;
  const std::size_t size = std::size_t{1} << m;
  const unsigned k0 = std::min<unsigned>(K, sub - lw);
  for (std::size_t b = 0; b < size; b += sub_size) {
    T* s = a + b;
    // Lanes + the first k0 levels across consecutive vectors.
    rows_pass_k<T, W, K, true>(k0, s, W, s, W, sub_size / W, W, 1);
    // Remaining sub-block levels.
    const unsigned rest = sub - lw - k0;
    const unsigned groups = group_count(rest, K);
    unsigned l = lw + k0;
    for (unsigned g = 0; g < groups; ++g) {
      const unsigned k = group_size(rest, groups, g);
      rows_pass_k<T, W, K, false>(k, s, W, s, W, sub_size / W, W, std::size_t{1} << (l - lw));
      l += k;
    }
  }
  // Block levels above the sub-block.
  const unsigned rest = m - sub;
  const unsigned groups = group_count(rest, K);
  unsigned l = sub;
  for (unsigned g = 0; g < groups; ++g) {
    const unsigned k = group_size(rest, groups, g);
    rows_pass_k<T, W, K, false>(k, a, W, a, W, size / W, W, std::size_t{1} << (l - lw));
    l += k;
  }
}

/**
 * All row levels of the strip a[r * stride + c], r < 2^row_log, c < w (w a multiple of W), through buf
 * (w << row_log elements) when more than one group of K levels is needed.
 */
template <class T, int W, int K>
GDCERT_FWHT_INLINE void strip_transform_impl(T* a, std::size_t stride, unsigned row_log, std::size_t w, T* buf) {
  const std::size_t rows = std::size_t{1} << row_log;
  const unsigned groups = group_count(row_log, K);
  if (groups <= 1) {
    rows_pass_k<T, W, K, false>(row_log, a, stride, a, stride, rows, w, 1);
    return;
  }
  unsigned l = 0;
  for (unsigned g = 0; g < groups; ++g) {
    const unsigned k = group_size(row_log, groups, g);
    const T* src = g == 0 ? a : buf;
    const std::size_t sstride = g == 0 ? stride : w;
    T* dst = g + 1 == groups ? a : buf;
    const std::size_t dstride = g + 1 == groups ? stride : w;
    rows_pass_k<T, W, K, false>(k, src, sstride, dst, dstride, rows, w, std::size_t{1} << l);
    l += k;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Per-ISA entry points and run-time dispatch.
// ---------------------------------------------------------------------------------------------------------

template <class T>
struct kernels {
  void (*block)(T* a, unsigned m);
  void (*strip)(T* a, std::size_t stride, unsigned row_log, std::size_t w, T* buf);
  unsigned lanes;
};

#define GDCERT_FWHT_DEFINE_ISA(name, attr, w32, w64, k)                                                         \
  attr void block_i32_##name(std::int32_t* a, unsigned m) {                                \
    block_transform_impl<std::int32_t, w32, k>(a, m);                                                          \
  }                                                                                                            \
  attr void block_i64_##name(std::int64_t* a, unsigned m) {                                \
    block_transform_impl<std::int64_t, w64, k>(a, m);                                                          \
  }                                                                                                            \
  attr                                                                                      \
  void strip_i32_##name(std::int32_t* a, std::size_t stride, unsigned row_log, std::size_t w, std::int32_t* buf) { \
    strip_transform_impl<std::int32_t, w32, k>(a, stride, row_log, w, buf);                                    \
  }                                                                                                            \
  attr                                                                                      \
  void strip_i64_##name(std::int64_t* a, std::size_t stride, unsigned row_log, std::size_t w, std::int64_t* buf) { \
    strip_transform_impl<std::int64_t, w64, k>(a, stride, row_log, w, buf);                                    \
  }                                                                                                            \
  constexpr kernels<std::int32_t> kernels_i32_##name{block_i32_##name, strip_i32_##name, w32};                \
  constexpr kernels<std::int64_t> kernels_i64_##name{block_i64_##name, strip_i64_##name, w64};

#if GDCERT_FWHT_X86
GDCERT_FWHT_DEFINE_ISA(avx512, __attribute__((target("avx512f,avx512bw,avx512vl"))), 16, 8, 4)
GDCERT_FWHT_DEFINE_ISA(avx2, __attribute__((target("avx2"))), 8, 4, 3)
#endif
GDCERT_FWHT_DEFINE_ISA(sse2, , 4, 2, 3)

#undef GDCERT_FWHT_DEFINE_ISA

enum class isa_level { sse2 = 0, avx2 = 1, avx512 = 2 };

isa_level detect_isa() {
  isa_level best = isa_level::sse2;
#if GDCERT_FWHT_X86
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
      __builtin_cpu_supports("avx512vl"))
    best = isa_level::avx512;
  else if (__builtin_cpu_supports("avx2"))
    best = isa_level::avx2;
#endif
  if (const char* cap = std::getenv("GDCERT_FWHT_ISA")) {
    const std::string_view c(cap);
    const isa_level want = c == "sse2" || c == "default" ? isa_level::sse2
                           : c == "avx2"                 ? isa_level::avx2
                                                         : isa_level::avx512;
    best = std::min(best, want);
  }
  return best;
}

isa_level chosen_isa() {
  static const isa_level isa = detect_isa();
  return isa;
}

template <class T>
const kernels<T>& select_kernels() {
#if GDCERT_FWHT_X86
  switch (chosen_isa()) {
    case isa_level::avx512:
      if constexpr (sizeof(T) == 4) return kernels_i32_avx512; else return kernels_i64_avx512;
    case isa_level::avx2:
      if constexpr (sizeof(T) == 4) return kernels_i32_avx2; else return kernels_i64_avx2;
    default: break;
  }
#endif
  if constexpr (sizeof(T) == 4) return kernels_i32_sse2; else return kernels_i64_sse2;
}

// ---------------------------------------------------------------------------------------------------------
// Threads.
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

/** A 64-byte aligned scratch buffer. */
template <class T>
struct scratch {
  std::vector<T> storage;
  T* data;
  explicit scratch(std::size_t n) : storage(n + 64 / sizeof(T)) {
    auto p = reinterpret_cast<std::uintptr_t>(storage.data());
    data = storage.data() + ((64 - p % 64) % 64) / sizeof(T);
  }
};

/**
 * Levels lo..n-1 of a[0..2^n): the high levels across the rows of the (2^(n-lo) x 2^lo) matrix, rows already
 * transformed in their own levels.  One pass over memory if 2^(n-lo) <= 2^kMaxRowLog rows, else a pass over
 * chunks of 2^kMaxRowLog rows and a recursive pass for the rest.
 */
template <class T>
void high_levels(const kernels<T>& kern, T* a, unsigned n, unsigned lo, unsigned workers) {
  using tune = tuning<T>;
  const unsigned row_log = std::min(n - lo, tune::kMaxRowLog);
  const std::size_t row_len = std::size_t{1} << lo;
  const std::size_t rows = std::size_t{1} << row_log;
  // Strip width: a multiple of the vector width, aiming at kStripBytes of buffer, at most 4 cache lines per row.
  std::size_t w = std::bit_floor(std::max<std::size_t>(tune::kStripBytes / (rows * sizeof(T)), 1));
  w = std::clamp<std::size_t>(w, kern.lanes, std::max<std::size_t>(kern.lanes, DEV_ROW_BYTES / sizeof(T)));
  w = std::min(w, row_len);
  const std::size_t strips = row_len / w;
  const std::size_t chunks = std::size_t{1} << (n - lo - row_log);
  const std::size_t chunk_len = row_len << row_log;
  parallel_for(chunks * strips, workers, [&](std::size_t begin, std::size_t end) {
    scratch<T> buf(w << row_log);
    for (std::size_t t = begin; t < end; ++t) {
      const std::size_t chunk = t / strips;
      const std::size_t strip = t % strips;
      kern.strip(a + chunk * chunk_len + strip * w, row_len, row_log, w, buf.data);
    }
  });
  if (lo + row_log < n) high_levels(kern, a, n, lo + row_log, workers);
}

template <class T>
void transform(std::span<T> a, unsigned threads) {
  const std::size_t size = a.size();
  if (size <= 1) return;
  const unsigned n = static_cast<unsigned>(std::countr_zero(size));
  const kernels<T>& kern = select_kernels<T>();
  unsigned workers = threads == 0 ? std::max(1u, std::thread::hardware_concurrency()) : threads;
  constexpr unsigned kBlockLog = tuning<T>::kBlockLog;
  if (n <= kBlockLog) {
    kern.block(a.data(), n);
    return;
  }
  if (size * sizeof(T) < (std::size_t{1} << 20)) workers = 1;  // threads do not pay off below 1 MiB
  T* data = a.data();
#ifdef GDCERT_FWHT_TIMING
  auto t0 = std::chrono::steady_clock::now();
#endif
  parallel_for(size >> kBlockLog, workers, [&](std::size_t begin, std::size_t end) {
    for (std::size_t b = begin; b < end; ++b) kern.block(data + (b << kBlockLog), kBlockLog);
  });
#ifdef GDCERT_FWHT_TIMING
  auto t1 = std::chrono::steady_clock::now();
#endif
  high_levels(kern, data, n, kBlockLog, workers);
#ifdef GDCERT_FWHT_TIMING
  auto t2 = std::chrono::steady_clock::now();
  std::fprintf(stderr, "pass1 %.3f ms  high %.3f ms\n", std::chrono::duration<double, std::milli>(t1 - t0).count(),
               std::chrono::duration<double, std::milli>(t2 - t1).count());
#endif
}

}  // namespace

void fwht_inplace_unchecked(std::span<std::int32_t> a, unsigned threads) { transform(a, threads); }
void fwht_inplace_unchecked(std::span<std::int64_t> a, unsigned threads) { transform(a, threads); }
void fwht_plain_butterfly(std::span<std::int32_t> a) { plain_butterfly(a.data(), a.size()); }
void fwht_plain_butterfly(std::span<std::int64_t> a) { plain_butterfly(a.data(), a.size()); }

}  // namespace gdcert::boolean
