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
#include <immintrin.h>
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
constexpr std::size_t kBlockBytes = std::size_t{512} << 10;
/** Preferred bytes of the contiguous strip buffer of pass 2 (L2-resident; wider strips give each of the
 *  strided rows a longer contiguous piece, which the hardware prefetcher and the DRAM pages reward). */
constexpr std::size_t kStripBytes = std::size_t{256} << 10;
/** Most bytes of one row taken by one strip of pass 2.  Re-tuned with the next-strip prefetch: at 2^24 int32
 *  (256 rows) strips of 256 KiB / 1 KiB per row took pass 2 from 11 ms to 6.5 ms against 32 KiB / 128 B; at
 *  2^26 from 77 ms to 37 ms; within noise at 2^20..2^22. */
constexpr std::size_t kMaxRowPieceBytes = 2048;
/** Most rows (log2) of one pass-2 strip: more rows would need a buffer beyond L2 at the minimal width. */
constexpr unsigned kMaxRowLog = 12;
/** Radix of the block levels above the sub-block (2^4 vectors in flight hide the L2 latency). */
constexpr int kBlockRadixLog = 3;
/** Arrays below this many bytes are transformed by one thread (starting threads for two passes costs more:
 *  2 threads were slower than 1 at 1 and 4 MiB, equal at 16 MiB, 1.4x faster at 64 MiB). */
constexpr std::size_t kMinParallelBytes = std::size_t{16} << 20;

template <class T>
constexpr unsigned kSubLog = static_cast<unsigned>(std::countr_zero(kSubBlockBytes / sizeof(T)));
template <class T>
constexpr unsigned kBlockLog = static_cast<unsigned>(std::countr_zero(kBlockBytes / sizeof(T)));

#define GDCERT_FWHT_INLINE [[gnu::always_inline]] inline

// ---------------------------------------------------------------------------------------------------------
// Helpers shared by all instruction sets (default target).
// ---------------------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------------------
// Per-ISA kernels and run-time dispatch.
// ---------------------------------------------------------------------------------------------------------

template <class T>
struct Kernels {
  void (*block)(T* a, unsigned m, T* buf, std::size_t ahead, bool lanes);
  void (*strip)(T* a, std::size_t stride, unsigned row_log, std::size_t w, T* buf, bool lanes);
  unsigned lanes;
};

// The kernels of each instruction set: fwht_kernels.inc compiled under its target, in its own namespace.
#if GDCERT_FWHT_X86
#pragma GCC push_options
#pragma GCC target("avx512f,avx512bw,avx512vl")
namespace isa_avx512 {
#define GDCERT_FWHT_ISA 2
constexpr int kLanes32 = 16;
constexpr int kLanes64 = 8;
constexpr int kRadixLog = 4;
#include "boolean/fwht_kernels.inc"
#undef GDCERT_FWHT_ISA
}  // namespace isa_avx512
#pragma GCC pop_options

#pragma GCC push_options
#pragma GCC target("avx2")
namespace isa_avx2 {
#define GDCERT_FWHT_ISA 1
constexpr int kLanes32 = 8;
constexpr int kLanes64 = 4;
constexpr int kRadixLog = 3;
#include "boolean/fwht_kernels.inc"
#undef GDCERT_FWHT_ISA
}  // namespace isa_avx2
#pragma GCC pop_options
#endif

namespace isa_portable {
#define GDCERT_FWHT_ISA 0
constexpr int kLanes32 = 4;
constexpr int kLanes64 = 2;
constexpr int kRadixLog = 3;
#include "boolean/fwht_kernels.inc"
#undef GDCERT_FWHT_ISA
}  // namespace isa_portable

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
      if constexpr (sizeof(T) == 4) return isa_avx512::kernels_i32; else return isa_avx512::kernels_i64;
    case FwhtKernel::avx2:
      if constexpr (sizeof(T) == 4) return isa_avx2::kernels_i32; else return isa_avx2::kernels_i64;
    default: break;
  }
#else
  (void)kernel;
#endif
  if constexpr (sizeof(T) == 4) return isa_portable::kernels_i32; else return isa_portable::kernels_i64;
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
 * Levels lo..n-1 of a[0..2^n), and with `lanes` also the in-vector levels 0..lw-1 that pass 1 left out: the high
 * levels across the rows of the (2^(n-lo) x 2^lo) matrix, rows already transformed in their levels lw..lo-1.
 * One pass over memory if 2^(n-lo) <= 2^kMaxRowLog rows, else a pass over chunks of 2^kMaxRowLog rows and a
 * recursive pass for the rest.  The column strips start at multiples of their width w in index space (the
 * in-vector levels need index-aligned vectors), so on an array that is not aligned to the vector size their
 * loads and stores split cache lines.
 */
template <class T>
void high_levels(const Kernels<T>& kern, T* a, unsigned n, unsigned lo, unsigned workers, bool lanes) {
  const unsigned row_log = std::min(n - lo, kMaxRowLog);
  const std::size_t row_len = std::size_t{1} << lo;
  const std::size_t rows = std::size_t{1} << row_log;
  // Strip width: a power of two and a multiple of the vector width, aiming at kStripBytes of buffer, at most
  // kMaxRowPieceBytes per row; it divides row_len (>= the vector width: lo = kBlockLog).
  std::size_t w = std::bit_floor(std::max<std::size_t>(kStripBytes / (rows * sizeof(T)), 1));
  w = std::clamp<std::size_t>(w, kern.lanes, std::max<std::size_t>(kern.lanes, kMaxRowPieceBytes / sizeof(T)));
  w = std::min(w, row_len);
  const std::size_t strips = row_len / w;
  const std::size_t chunks = std::size_t{1} << (n - lo - row_log);
  const std::size_t chunk_len = row_len << row_log;
  parallel_for(chunks * strips, workers, [&](std::size_t begin, std::size_t end) {
    Scratch<T> buf(w << row_log);
    for (std::size_t t = begin; t < end; ++t)
      kern.strip(a + (t / strips) * chunk_len + (t % strips) * w, row_len, row_log, w, buf.data, lanes);
  });
  if (lo + row_log < n) high_levels(kern, a, n, lo + row_log, workers, false);
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
    kern.block(data, n, misaligned ? block_scratch<T>() : nullptr, 0, true);
    return;
  }
  unsigned workers = threads == 0 ? std::max(1u, std::thread::hardware_concurrency()) : threads;
  if (size * sizeof(T) < kMinParallelBytes) workers = 1;
  // Pass 1: each block without its in-vector levels, prefetching the start of the next block of the same thread
  // during its first sweep.
  parallel_for(size >> kBlock, workers, [&](std::size_t begin, std::size_t end) {
    T* const buf = misaligned ? block_scratch<T>() : nullptr;
    for (std::size_t b = begin; b < end; ++b)
      kern.block(data + (b << kBlock), kBlock, buf, b + 1 < end ? (std::size_t{1} << kBlock) : 0, false);
  });
  // Pass 2 with the in-vector levels (and 3 beyond 2^(kBlockLog + kMaxRowLog) elements).
  high_levels(kern, data, n, kBlock, workers, true);
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
