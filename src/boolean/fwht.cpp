// Cache-blocked, vectorised in-place integer fast Walsh–Hadamard transform.
//
// Level l of the transform pairs a[i] with a[i + 2^l] (bit l of i clear) into (a[i] + a[i + 2^l],
// a[i] - a[i + 2^l]); the transform is levels 0..n-1 in any order (the butterflies of different levels commute).
// For a = 2^n elements (lw = log2 of the lanes of a vector):
//  * an array of at most 2^kBlockLog elements (512 KiB) is one block: block_transform does all its levels.
//    Each L1-sized sub-block (16 KiB) first gets the in-vector levels (lane shuffles) fused with the next K
//    levels across 2^K consecutive vectors, then the remaining sub-block levels in groups of <= K levels
//    ("radix 2^K": 2^K vectors loaded at distance 2^l, K butterfly levels in registers, stored once); then the
//    block levels above the sub-block, in groups of <= kBlockRadixLog over the L2-resident block.
//  * larger arrays, pass 1 — the same on each contiguous block of 2^kBlockLog elements but without the
//    in-vector levels: levels lw..kBlockLog-1.  Pass 1 is compute-bound, pass 2 memory-bound; the in-vector
//    levels (three instructions per level and vector; on AVX-512 int32, where one sweep does them all, two, together
//    with the level across a pair of vectors: pair_lane_levels) cost pass 2 nothing measurable.
//  * pass 2 — the levels 0..lw-1 and the high levels kBlockLog..n-1, which pair whole rows of the
//    (rows x block) matrix.  strip_transform takes a strip of w columns across all rows: the first group of
//    <= K row levels reads the strided rows, does the low in-vector levels (all of them if it is the only group)
//    of every vector on loading, and writes a contiguous buffer (no power-of-two-stride cache-set aliasing
//    afterwards), middle groups work in the buffer, the last group does the high in-vector levels and writes the
//    rows back.  Only if there are more than 2^max_row_log rows, the high levels are split into a pass over chunks
//    and a further pass (recursion), i.e. 3 passes over memory.
//  * the schedule by size (default_schedule; detail::FwhtSchedule forces one): with many rows pass 2 reads short
//    pieces of many rows a multiple of the L2 way size apart, which neither the caches nor the DRAM pages
//    reward; so pass 1 does up to 3 more levels across 8 consecutive blocks (a "super-block", still in the
//    last-level cache after its blocks; the whole transform when the super-block is the array), leaving pass 2
//    8 times fewer rows, up to 2^8 rows; at 2^9 and 2^10 rows none, with the wide strips below; at 2^11 rows 2
//    levels across 4 blocks, beyond that passes of at most 2^9 rows (2^10 from 2^13 rows on); from 2^9 rows on
//    the strips are wider than L2 (2-4 MiB, 4-8 KiB per row) and write back with non-temporal stores.  A strip of
//    more than 2^K rows goes through its buffer in groups of at most 3 levels (kStripRadixLog).
//  A block whose start is not vector-aligned is realigned into a per-thread buffer by its first sweep (two
//  aligned loads + one shuffle per vector); its other sweeps work in the buffer, the last one writing back to
//  the array with stores that split cache lines.  The strips of pass 2 use such loads and stores throughout
//  (their vectors must hold index-aligned elements for the in-vector levels).
// Kernels: fwht_kernels.inc, compiled once per instruction set under #pragma GCC target (AVX-512, AVX2, and
// the baseline SSE2 / portable vectors), chosen once at run time from the CPU: GCC vector extensions, with
// x86 intrinsics for the in-vector levels.  Arrays shorter than a vector use scalar code.
// Threads (from min_parallel_bytes() on): one team per call runs every pass, each member a contiguous slice of the
// pass's blocks / strips, taking units from the back of the others' slices when done with its own (Team).
// Integer addition is exact and the butterflies of different levels commute, so the result does not depend
// on how blocks / strips are split among threads or which kernel ran.
// Thread safety: no mutable global state; the only shared object is the kernel choice (a function-local
// static, initialised once); scratch buffers are per call or thread_local.
#include "boolean/fwht.hpp"

#include <algorithm>
#include <atomic>
#include <barrier>
#include <bit>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "exact/errors.hpp"

#if defined(__linux__)
#include <sys/mman.h>
#endif

#if defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__))
#define GDCERT_FWHT_X86 1
#include <immintrin.h>
#else
#define GDCERT_FWHT_X86 0
#endif

namespace gdcert::boolean {

namespace {

// ---------------------------------------------------------------------------------------------------------
// Tuning.  Measured at 2^24 int32 on a 2-core AMD EPYC (AVX-512; 48 KiB 12-way L1d / 1 MiB 8-way L2 per core):
// these sizes were the fastest of the grid tried (sub-block 8..32 KiB, block 128 KiB..1 MiB, strip buffer
// 16..512 KiB, row piece 128..4096 bytes, radix 2^3..2^5, prefetch distances and hints, non-temporal stores,
// a padded strip buffer, a row-sequential write-back through the buffer), and they keep every working set
// inside the caches of any x86-64 CPU of the last decade.  This machine's timings drift by up to 30% with the
// load of its host; every comparison above was made within one run.
// ---------------------------------------------------------------------------------------------------------

/** Bytes of the L1-resident sub-block of pass 1 (half of a 32 KiB L1d, leaving room for the other stream). */
constexpr std::size_t kSubBlockBytes = std::size_t{16} << 10;
/** Bytes of the L2-resident block of pass 1 (half of a 1 MiB L2).  Against 256 KiB it halves the rows of pass 2
 *  (2^24 int32: 128 rows of 2 KiB instead of 256 of 1 KiB, 7 row levels in groups of 4 + 3, so the write-back
 *  interleaves 8 rows instead of 16): pass 2 went from 5.4-6.4 ms to 4.2-4.6 ms, pass 1 gained 0.3 ms. */
constexpr std::size_t kBlockBytes = std::size_t{512} << 10;
/** Distance of the optional software prefetch of pass 1 (schedule prefetch bit 3; issued by the first sweep of every
 *  sub-block): 64 KiB ahead — four sub-blocks, running into the next block — beat one whole block ahead (512 KiB,
 *  which no longer fits in L2 beside the current block) by 0.35 ms at 2^24 int32 on a Zen 5 VM; 16..1024 KiB and
 *  the T1 hint were tried.  Off by default since a 2-core AMD EPYC Zen 4 measured the transform faster without it
 *  at every size, the hardware prefetcher alone streaming the blocks in (floor ratios, one thread, interleaved
 *  rounds: 2^22 int32 1.29 -> 1.15, 2^24 1.24 -> 1.05..1.10, 2^26 1.42 -> 1.25, 2^28 1.50 -> 1.33, 2^30 1.90 -> 1.74,
 *  2^25 int64 1.37 -> 1.22; 2^24 with the T2 hint 1.13, 256 KiB ahead 1.15); not re-measured on Zen 5. */
constexpr std::size_t kPrefetchBytes = std::size_t{64} << 10;
/** Preferred bytes of the contiguous strip buffer of pass 2 (L2-resident; wider strips give each of the
 *  strided rows a longer contiguous piece, which the hardware prefetcher and the DRAM pages reward). */
constexpr std::size_t kStripBytes = std::size_t{256} << 10;
/** Most bytes of one row taken by one strip of pass 2.  At 2^24 int32 (128 rows) 2 KiB per row beat 1 KiB
 *  (4.2 vs 4.5 ms) and 4 KiB (4.8 ms: a 512 KiB buffer).  A prefetch of the next strip (useful with 256 rows)
 *  no longer paid: the rows of a strip lie a multiple of the L2 way size apart, so at most 8 of them stay in
 *  L2 and the prefetched lines were evicted before use. */
constexpr std::size_t kMaxRowPieceBytes = 2048;
/** Most rows (log2) of one pass-2 strip: more rows would need a buffer beyond L2 at the minimal width. */
constexpr unsigned kMaxRowLog = 14;
/** Most levels that pass 1 does across consecutive blocks (a super-block of 2^kMaxExtraLog blocks). */
constexpr unsigned kMaxExtraLog = 3;
/** Bytes of one row that one sweep over the blocks of a super-block takes. */
constexpr std::size_t kExtraPieceBytes = 1024;
/** Radix of the block levels above the sub-block: their vectors lie a multiple of 4 KiB apart, in one set of
 *  the 12-way L1, so 2^3 of them (not 2^4) fit there between load and store. */
constexpr int kBlockRadixLog = 3;
/** Radix of the row levels of a pass-2 strip that has more than one group of K register levels (so the AVX-512
 *  kernels' 2^4 rows a sweep are kept only for strips of at most 16 rows, done in one sweep).  The strip's rows
 *  lie a multiple of 128 KiB (the way size of a 1 MiB 8-way L2) apart: 16 rows read or written at a time map
 *  their lines, and the hardware prefetcher's, to the same sets, twice as many as the 8 ways, and the prefetched
 *  lines were evicted before use.  Measured on a 2-core AMD EPYC Zen 4, floor ratios in interleaved rounds, one
 *  thread: 2^30 int32 (2^10 rows: groups 3, 3, 2, 2 instead of 4, 3, 3) 2.33 -> 1.93, two threads 1.33 -> 1.17;
 *  2^27 int32 with the wide strips of 2^10 rows 1.67 -> 1.46 (schedule below); 2^24 (16 rows) unchanged. */
constexpr unsigned kStripRadixLog = 3;
/** Arrays below this many bytes are transformed by one thread (starting threads costs more), by whether the CPUs
 *  are SMT siblings (min_parallel_bytes):
 *  - on cores of their own (a 2-core AMD EPYC Zen 4, no SMT; floor ratios in interleaved rounds, one team of
 *    threads per call with slices taken back from a late member, see Team): 2^21 int32 (8 MiB) 1.25-1.37x the floor
 *    on 2 threads against 1.77-1.83x on one, 2^22 0.77-1.06x against 1.19-1.49x; 2^20 (4 MiB, one super-block, so
 *    its blocks and then the levels across them are shared out) 2.7x against 2.2x, and 2^19 3.1x against 2.3x: from
 *    8 MiB on.  (With a pool started for each pass, 2^21 on 2 threads was 1.57-1.69x against 1.37-1.46x.)
 *  - on SMT siblings of one core (a 2-vCPU VM on Zen 5): 2^22 int32 took 1.4-4.3x the floor on 2 threads against
 *    1.1-1.3x on one, and from 32 MiB on 2 threads were level with 1 on a quiet machine: from 32 MiB on. */
constexpr std::size_t kMinParallelBytesCores = std::size_t{8} << 20;
constexpr std::size_t kMinParallelBytesSmt = std::size_t{32} << 20;

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
  void (*strip)(T* a, std::size_t stride, unsigned row_log, std::size_t w, T* buf, bool lanes, unsigned prefetch);
  unsigned lanes;
};

// The kernels of each instruction set: fwht_kernels.inc compiled under its target, in its own namespace
// (GDCERT_FWHT_ISA: 2 AVX-512, 1 AVX2, 0 portable).
#if GDCERT_FWHT_X86
#pragma GCC push_options
#pragma GCC target("avx512f,avx512bw,avx512vl")
namespace isa_avx512 {
#define GDCERT_FWHT_ISA 2
#include "boolean/fwht_kernels.inc"
#undef GDCERT_FWHT_ISA
}  // namespace isa_avx512
#pragma GCC pop_options

#pragma GCC push_options
#pragma GCC target("avx2")
namespace isa_avx2 {
#define GDCERT_FWHT_ISA 1
#include "boolean/fwht_kernels.inc"
#undef GDCERT_FWHT_ISA
}  // namespace isa_avx2
#pragma GCC pop_options
#endif

namespace isa_portable {
#define GDCERT_FWHT_ISA 0
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

/** kMinParallelBytesSmt if CPU 0 has SMT siblings (Linux sysfs: its thread_siblings_list names more than one CPU) or
 *  that is unknown, else kMinParallelBytesCores; read once. */
std::size_t min_parallel_bytes() {
  static const std::size_t bytes = [] {
    std::FILE* f = std::fopen("/sys/devices/system/cpu/cpu0/topology/thread_siblings_list", "r");
    if (f == nullptr) return kMinParallelBytesSmt;
    char line[256] = {};
    const bool ok = std::fgets(line, sizeof line, f) != nullptr;
    std::fclose(f);
    const std::string_view v(line);
    const bool single = ok && v.find_first_of("0123456789") != std::string_view::npos &&
                        v.find_first_of(",-") == std::string_view::npos;
    return single ? kMinParallelBytesCores : kMinParallelBytesSmt;
  }();
  return bytes;
}

/** Per member of a team, how many units of its slice of the current phase were taken from the front (by the
 *  member, low 32 bits) and from the back (by members that finished their own slices, high 32 bits). */
using Claims = std::atomic<std::uint64_t>;

/** The barrier's completion step: the next phase's slices are all untaken. */
struct ResetClaims {
  Claims* claims;
  unsigned size;
  void operator()() const noexcept {
    for (unsigned j = 0; j < size; ++j) claims[j].store(0, std::memory_order_relaxed);
  }
};

/**
 * One member of a team of threads that all run the same control flow (the transform's passes).  Each phase's loop
 * over units [0, count) gives every member a contiguous slice, which it takes from the front, one unit at a time
 * (contiguous streams suit the prefetchers: handing out units one by one from a shared counter lost 10-30% at
 * 2^22..2^26 on a 2-core VM); a member done with its slice takes units from the back of the others' slices; the
 * members meet at a barrier after each phase.  One team serves all passes of a transform, so threads are started
 * once per call, not per pass; and a member that starts late (waking an idle CPU took 30-100 us on that VM,
 * against 0.2-0.5 ms for a transform of 2^20) holds the others up by less than its lateness.  The units are
 * independent and integer addition is exact, so the result does not depend on who did which.
 */
struct Team {
  unsigned id = 0;
  unsigned size = 1;
  Claims* claims = nullptr;
  std::barrier<ResetClaims>* meet = nullptr;

  /** Unit lo + (units taken from the front) of the slice [lo, hi) whose claims are c, or hi if none is left. */
  static std::size_t take(Claims& c, std::size_t lo, std::size_t hi, bool front) {
    std::uint64_t v = c.load(std::memory_order_relaxed);
    for (;;) {
      const std::uint64_t f = v & 0xffffffffu, b = v >> 32;
      if (lo + f + b >= hi) return hi;
      const std::uint64_t w = front ? v + 1 : v + (std::uint64_t{1} << 32);
      if (c.compare_exchange_weak(v, w, std::memory_order_relaxed)) return front ? lo + f : hi - 1 - b;
    }
  }
  /** The first unit of member j's slice of [0, count) (member `size`: count). */
  std::size_t first(std::size_t count, unsigned j) const { return count * j / size; }
  /** f(i) for every unit i < count that this member takes, then the barrier. */
  template <class F>
  void loop(std::size_t count, const F& f) const {
    if (size == 1) {
      for (std::size_t i = 0; i < count; ++i) f(i);
      return;
    }
    for (std::size_t i, end = first(count, id + 1); (i = take(claims[id], first(count, id), end, true)) < end;) f(i);
    for (unsigned k = 1; k < size; ++k) {
      const unsigned j = (id + k) % size;
      for (std::size_t i, end = first(count, j + 1); (i = take(claims[j], first(count, j), end, false)) < end;) f(i);
    }
    meet->arrive_and_wait();
  }
};

/** Runs body(team) on `workers` threads, the calling thread as member 0.  A thread that cannot be started shrinks
 *  the team (the members learn its size only after every start was tried).  A member whose body throws leaves the
 *  team (arrive_and_drop: the others' barriers do not wait for it, and they take its units from the back of its
 *  slices); the first exception is rethrown here once every member is done, the array then only partly transformed.
 *  body must throw only outside a unit (the transform's bodies can throw only when allocating their scratch, before
 *  a phase's first unit).  Phases have fewer than 2^32 units. */
template <class F>
void run_team(unsigned workers, const F& body) {
  if (workers <= 1) {
    body(Team{});
    return;
  }
  std::atomic<unsigned> size{0};  // 0 until every start was tried
  const std::unique_ptr<Claims[]> claims(new Claims[workers]);
  for (unsigned j = 0; j < workers; ++j) claims[j].store(0);
  std::optional<std::barrier<ResetClaims>> meet;
  std::mutex error_mutex;
  std::exception_ptr error;
  const auto member = [&](unsigned id) {
    const Team team{id, size.load(), claims.get(), &*meet};
    try {
      body(team);
    } catch (...) {
      {
        const std::lock_guard<std::mutex> lock(error_mutex);
        if (!error) error = std::current_exception();
      }
      meet->arrive_and_drop();
    }
  };
  std::vector<std::thread> pool;
  pool.reserve(workers - 1);
  for (unsigned w = 1; w < workers; ++w) {
    try {
      pool.emplace_back([&, w] {
        size.wait(0);
        member(w);
      });
    } catch (...) {
      break;
    }
  }
  const unsigned team = 1 + static_cast<unsigned>(pool.size());
  meet.emplace(static_cast<std::ptrdiff_t>(team), ResetClaims{claims.get(), team});
  size.store(team);
  size.notify_all();
  member(0);
  for (auto& t : pool) t.join();
  if (error) std::rethrow_exception(error);
}

/** A 64-byte aligned scratch buffer (not initialised), from CacheLineAllocator. */
template <class T>
struct Scratch {
  std::size_t size;
  T* data;
  explicit Scratch(std::size_t n) : size(n), data(n == 0 ? nullptr : CacheLineAllocator<T>().allocate(n)) {}
  ~Scratch() {
    if (data != nullptr) CacheLineAllocator<T>().deallocate(data, size);
  }
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;
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

/** A schedule with every field resolved (see detail::FwhtSchedule). */
struct Plan {
  unsigned extra_log;
  unsigned max_row_log;
  std::size_t piece_bytes;
  std::size_t strip_bytes;
  unsigned prefetch;
};

/**
 * Levels lo..n-1 of a[0..2^n), and with `lanes` also the in-vector levels 0..lw-1 that pass 1 left out: the high
 * levels across the rows of the (2^(n-lo) x 2^lo) matrix, rows already transformed in their levels lw..lo-1.
 * One pass over memory if 2^(n-lo) <= 2^max_row_log rows, else a pass over chunks of 2^max_row_log rows and a
 * recursive pass for the rest.  The column strips start at multiples of their width w in index space (the
 * in-vector levels need index-aligned vectors), so on an array that is not aligned to the vector size their
 * loads and stores split cache lines.
 */
template <class T>
void high_levels(const Kernels<T>& kern, T* a, unsigned n, unsigned lo, const Team& team, bool lanes,
                 const Plan& plan) {
  const unsigned row_log = std::min(n - lo, plan.max_row_log);
  const std::size_t row_len = std::size_t{1} << lo;
  const std::size_t rows = std::size_t{1} << row_log;
  // Strip width: a power of two and a multiple of the vector width, aiming at strip_bytes of buffer, at most
  // piece_bytes per row; it divides row_len (>= the vector width: lo = kBlockLog).
  std::size_t w = std::bit_floor(std::max<std::size_t>(plan.strip_bytes / (rows * sizeof(T)), 1));
  w = std::clamp<std::size_t>(w, kern.lanes, std::max<std::size_t>(kern.lanes, plan.piece_bytes / sizeof(T)));
  w = std::min(w, row_len);
  const std::size_t strips = row_len / w;
  const std::size_t chunks = std::size_t{1} << (n - lo - row_log);
  const std::size_t chunk_len = row_len << row_log;
  Scratch<T> buf(w << row_log);  // this member's
  team.loop(chunks * strips, [&](std::size_t t) {
    kern.strip(a + (t / strips) * chunk_len + (t % strips) * w, row_len, row_log, w, buf.data, lanes, plan.prefetch);
  });
  if (lo + row_log < n) high_levels(kern, a, n, lo + row_log, team, false, plan);
}

/**
 * The library's schedule for 2^n elements of `bytes` bytes (more than one pass-1 block), by the number of row
 * levels r = n - log2(block) that pass 2 would have.  Measured on a 2-core AMD EPYC (Zen, AVX-512, 1 MiB L2; the
 * arrays in transparent huge pages) shared with other jobs, as ratios to the two-pass floor (2 x memcpy of the
 * array) in interleaved rounds, one thread, medians of 5..21 rounds (these vary by +-0.1 between runs with the
 * load of the machine); the grid was super-block levels e = 0..3 x rows per pass 2^12 / 2^9 x prefetch on / off:
 *  - r <= 10 (int32 2^20..2^27, int64 2^19..2^26; since the last re-measurement below, r <= 8): super-blocks
 *    of 2^min(3, r) blocks (pass 1 does up to 3 more levels while the super-block is in the last-level cache;
 *    pass 2 has 8 times fewer rows), no software prefetch.  Against the plain two passes (prefetching from
 *    r = 9): 2^25 int32 1.48 -> 1.23, 2^27 int32 1.75 -> 1.30, 2^24 int64 1.40 -> 1.26, 2^26 int64 1.67 -> 1.29;
 *    2^22..2^24 int32 1.0..1.1 either way.
 *    When the super-block is the whole array (r <= 3) pass 1 also does the in-vector levels and there is no
 *    pass 2.
 *  - r = 11 (2^28 int32, 2^27 int64): super-blocks of 4 blocks (then with prefetch, 1.38; 8 blocks: 1.45..1.51).
 *  - r >= 12 (2^29, 2^30 int32; 2^28, 2^29 int64): super-blocks of 8 blocks and the rest in passes of at most
 *    2^9 rows: 2^29 int32 1.55 (plain three passes 1.63), 2^28 int64 1.54 (1.68); 2^30 int32 1.9..2.0 whatever
 *    the schedule.
 * Re-measured on a 2-core AMD EPYC Zen 4 (no SMT; 512-bit operations in two 256-bit halves, so the transform's
 * compute per pass is about its memory time there), same method, with strip widths and non-temporal stores added
 * to the grid: from r = 11 on, strips far wider than L2 (2 MiB, 4 MiB from r = 13; the buffer then lives in the
 * last-level cache) with pieces of 4 KiB (8 KiB) per row and non-temporal stores in the write-back gave
 *    2^28 int32 1.95..2.02 -> 1.49..1.53 (2 threads 1.18 -> 0.95), 2^29 int32 2.5..2.7 -> 1.6..1.7 (2 threads
 *    1.45 -> 0.90), 2^30 int32 3.65..3.84 -> 2.25..2.75 (at most 2^10 rows per pass: two passes after pass 1
 *    instead of three), 2^27 int64 1.99 -> 1.45, 2^28 int64 2.58 -> 1.54, 2^29 int64 3.56..3.75 -> 2.1..2.3;
 *    at r <= 10 (2^27 int32 1.68..1.71 either way) and with non-temporal stores there (2^26 int32 1.43 -> 2.02)
 *    nothing gained, so those sizes kept the schedule above.
 *  - Then, with pass 2 reading and writing at most 8 rows at a time (kStripRadixLog), at r = 9 and 10 the wide strips
 *    with non-temporal stores and no super-blocks (pass 2 has 2^9, 2^10 rows, 8 KiB / 4 KiB of each in a 4 MiB
 *    strip) beat the super-blocks: 2^26 int32 1.43 -> 1.38, 2^27 int32 1.67 -> 1.46, 2^25 int64 1.47 -> 1.40,
 *    2^26 int64 1.57 -> 1.39 (2 threads: 2^26 int32 1.00 -> 0.93, 2^27 1.03 -> 0.93); with super-blocks there
 *    (2^8, 2^7 rows; 4, 2 strided rows a group) the wide strips still lost, and at r = 11, 12 the two were level.
 *    Not re-measured on Zen 5.
 */
detail::FwhtSchedule default_schedule(unsigned n, std::size_t bytes) {
  const unsigned block_log = bytes == 4 ? kBlockLog<std::int32_t> : kBlockLog<std::int64_t>;
  const unsigned r = n > block_log ? n - block_log : 0;
  detail::FwhtSchedule s{static_cast<int>(std::min(r, kMaxExtraLog)), 12, kMaxRowPieceBytes, kStripBytes, 0};
  // From 2^9 rows on: strips far wider than L2 (their buffer in the last-level cache), so that each strided row
  // gives a long contiguous piece, and non-temporal stores in the last pass; at 2^9 and 2^10 rows no super-blocks.
  if (r == 9 || r == 10) {
    s.pass1_extra_log = 0;
    s.piece_bytes = 8192;
    s.strip_bytes = std::size_t{4} << 20;
    s.prefetch = 4;
  }
  if (r >= 11) {
    s.piece_bytes = r >= 13 ? 8192 : 4096;
    s.strip_bytes = (r >= 13 ? std::size_t{4} : std::size_t{2}) << 20;
    s.prefetch = 4;
    if (r == 11) s.pass1_extra_log = 2;  // super-blocks of 4 blocks, 2^9 rows left
    else s.max_row_log = r == 12 ? 9 : 10;
  }
  return s;
}

Plan resolve_plan(const detail::FwhtSchedule& s, unsigned n, std::size_t bytes, unsigned block_log) {
  const detail::FwhtSchedule d = default_schedule(n, bytes);
  Plan p{};
  p.extra_log = std::min(static_cast<unsigned>(s.pass1_extra_log >= 0 ? s.pass1_extra_log : d.pass1_extra_log),
                         std::min(kMaxExtraLog, n - block_log));
  p.max_row_log = std::clamp(s.max_row_log != 0 ? s.max_row_log : d.max_row_log, 1u, kMaxRowLog);
  p.piece_bytes = s.piece_bytes != 0 ? s.piece_bytes : d.piece_bytes;
  p.strip_bytes = s.strip_bytes != 0 ? s.strip_bytes : d.strip_bytes;
  p.prefetch = s.prefetch >= 0 ? static_cast<unsigned>(s.prefetch) & 15u : static_cast<unsigned>(d.prefetch);
  return p;
}

template <class T>
using FillFn = std::function<void(T*, std::size_t, std::size_t)>;

template <class T>
void transform(std::span<T> a, unsigned threads, FwhtKernel kernel, const detail::FwhtSchedule& schedule = {},
               const FillFn<T>* fill = nullptr) {
  const Kernels<T>& kern = select_kernels<T>(resolve(kernel));
  const std::size_t size = a.size();
  if (size <= 1) {
    if (fill != nullptr && size == 1) (*fill)(a.data(), 0, 1);
    return;
  }
  const unsigned n = static_cast<unsigned>(std::countr_zero(size));
  T* const data = a.data();
  const bool misaligned = reinterpret_cast<std::uintptr_t>(data) % (kern.lanes * sizeof(T)) != 0;
  constexpr unsigned kBlock = kBlockLog<T>;
  if (n <= kBlock) {
    if (fill != nullptr) (*fill)(data, 0, size);
    kern.block(data, n, misaligned ? block_scratch<T>() : nullptr, 0, true);
    return;
  }
  const Plan plan = resolve_plan(schedule, n, sizeof(T), kBlockLog<T>);
  unsigned workers = threads == 0 ? std::max(1u, std::thread::hardware_concurrency()) : threads;
  if (size * sizeof(T) < min_parallel_bytes()) workers = 1;
  // Pass 1: each block without its in-vector levels (with prefetch bit 3, prefetching kPrefetchBytes ahead during
  // the first sweep of each sub-block, not in the array's last block: the distance would run past its end); with
  // extra_log > 0, 2^extra_log consecutive blocks (a super-block, L3-resident after its blocks) then get the
  // extra_log levels across them, so that pass 2 has 2^extra_log times fewer rows.
  const std::size_t blocks = size >> kBlock;
  workers = static_cast<unsigned>(std::min<std::size_t>(workers, blocks));  // at least a block each
  const unsigned e = plan.extra_log;
  const std::size_t block_len = std::size_t{1} << kBlock;
  const std::size_t piece = std::min<std::size_t>(block_len, std::max<std::size_t>(kern.lanes, kExtraPieceBytes / sizeof(T)));
  // When the super-block is the whole array, pass 1 also does the in-vector levels (on the blocks' first sweep) and
  // there is no pass 2.
  const bool single = kBlock + e == n;
  const std::size_t superblocks = blocks >> e;
  const std::size_t pieces = block_len / piece;  // per super-block
  const std::size_t pass1_ahead = (plan.prefetch & 8u) != 0 ? kPrefetchBytes / sizeof(T) : 0;
  const auto pass1_block = [&](std::size_t b, T* buf) {
    if (fill != nullptr) (*fill)(data + (b << kBlock), b << kBlock, block_len);
    // (no prefetch ahead when filling: the next block is written just before it is transformed)
    kern.block(data + (b << kBlock), kBlock, buf, b + 1 < blocks && fill == nullptr ? pass1_ahead : 0, single);
  };
  const auto pass1_piece = [&](std::size_t sb, std::size_t c, T* sbuf) {
    kern.strip(data + ((sb << e) << kBlock) + c, block_len, e, piece, sbuf, false, 0);
  };
  run_team(workers, [&](const Team& team) {
    T* const buf = misaligned ? block_scratch<T>() : nullptr;
    Scratch<T> sbuf(e > 0 ? piece << e : 0);  // for more super-block levels than one group of register levels
    if (superblocks >= team.size) {
      // A member's unit is a super-block: the levels across its blocks follow its blocks at once.
      team.loop(superblocks, [&](std::size_t sb) {
        for (std::size_t b = sb << e; b < (sb + 1) << e; ++b) pass1_block(b, buf);
        for (std::size_t c = 0; e > 0 && c < block_len; c += piece) pass1_piece(sb, c, sbuf.data);
      });
    } else {
      // Fewer super-blocks than members (the whole array one super-block): the blocks are shared out, and then
      // the pieces of the levels across them.
      team.loop(blocks, [&](std::size_t b) { pass1_block(b, buf); });
      team.loop(superblocks * pieces, [&](std::size_t p) { pass1_piece(p / pieces, (p % pieces) * piece, sbuf.data); });
    }
    // Pass 2 with the in-vector levels (and further passes beyond 2^max_row_log rows).
    if (!single) high_levels(kern, data, n, kBlock + e, team, true, plan);
  });
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

void fwht_fill_inplace_unchecked(std::span<std::int32_t> a, const FillFn<std::int32_t>& fill, unsigned threads) {
  transform(a, threads, FwhtKernel::automatic, {}, &fill);
}
void fwht_fill_inplace_unchecked(std::span<std::int64_t> a, const FillFn<std::int64_t>& fill, unsigned threads) {
  transform(a, threads, FwhtKernel::automatic, {}, &fill);
}

void advise_huge_pages(void* p, std::size_t bytes) noexcept {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  constexpr std::uintptr_t kHuge = std::uintptr_t{2} << 20;
  const std::uintptr_t begin = (reinterpret_cast<std::uintptr_t>(p) + kHuge - 1) & ~(kHuge - 1);
  const std::uintptr_t end = (reinterpret_cast<std::uintptr_t>(p) + bytes) & ~(kHuge - 1);
  if (end > begin) (void)madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);  // advice only
#else
  (void)p;
  (void)bytes;
#endif
}

namespace detail {
void fwht_inplace_row_limit(std::span<std::int32_t> a, unsigned threads, FwhtKernel kernel, unsigned max_row_log) {
  transform(a, threads, kernel, FwhtSchedule{0, std::clamp(max_row_log, 1u, kMaxRowLog), 0, 0, -1});
}
void fwht_inplace_row_limit(std::span<std::int64_t> a, unsigned threads, FwhtKernel kernel, unsigned max_row_log) {
  transform(a, threads, kernel, FwhtSchedule{0, std::clamp(max_row_log, 1u, kMaxRowLog), 0, 0, -1});
}
void fwht_inplace_schedule(std::span<std::int32_t> a, unsigned threads, FwhtKernel kernel,
                           const FwhtSchedule& schedule) {
  transform(a, threads, kernel, schedule);
}
void fwht_inplace_schedule(std::span<std::int64_t> a, unsigned threads, FwhtKernel kernel,
                           const FwhtSchedule& schedule) {
  transform(a, threads, kernel, schedule);
}
FwhtSchedule fwht_schedule(unsigned n, std::size_t element_bytes) { return default_schedule(n, element_bytes); }
FwhtTeamCheck fwht_team_check(std::size_t count, unsigned workers, unsigned phases, int throw_member) {
  std::vector<std::atomic<unsigned>> visits(count);
  std::atomic<std::size_t> foreign{0};
  std::atomic<unsigned> members{1};
  run_team(workers, [&](const Team& team) {
    if (team.id == 0 && team.size > 1) {
      members.store(team.size);
      // Hold member 0 back until another member has taken a unit from the back of its slice (at most 10 s).
      const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
      while ((team.claims[0].load() >> 32) == 0 && std::chrono::steady_clock::now() < until) std::this_thread::yield();
    }
    for (unsigned ph = 0; ph < phases; ++ph) {
      if (ph == 1 && static_cast<int>(team.id) == throw_member) throw std::runtime_error("fwht_team_check: member failed");
      team.loop(count, [&](std::size_t i) {
        visits[i].fetch_add(1);
        if (i < team.first(count, team.id) || i >= team.first(count, team.id + 1)) foreign.fetch_add(1);
      });
    }
  });
  FwhtTeamCheck r;
  r.visits.reserve(count);
  for (auto& v : visits) r.visits.push_back(v.load());
  r.foreign = foreign.load();
  r.members = members.load();
  return r;
}
unsigned fwht_block_log(std::size_t element_bytes) {
  return element_bytes == 4 ? kBlockLog<std::int32_t> : kBlockLog<std::int64_t>;
}
}  // namespace detail
void fwht_plain_butterfly(std::span<std::int64_t> a) { plain_butterfly(a.data(), a.size()); }

}  // namespace gdcert::boolean
