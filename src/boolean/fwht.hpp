// In-place integer fast Walsh–Hadamard transform (unnormalised, Sylvester / natural order).
#pragma once
#include <cstddef>
#include <cstdint>
#include <new>
#include <span>
#include <string_view>
#include <type_traits>
#include <utility>
#include <functional>
#include <vector>

namespace gdcert::boolean {

/** madvise(p, bytes, MADV_HUGEPAGE) on the whole 2 MiB pages inside [p, p + bytes) (Linux; elsewhere nothing). */
void advise_huge_pages(void* p, std::size_t bytes) noexcept;

/**
 * A std::allocator-like allocator of storage aligned to 64 bytes (a cache line, the widest vector register).
 * Arrays whose start is aligned to the vector size take the fast path of fwht_inplace_unchecked; std::vector's
 * default storage is only 16-byte aligned (a 2^24 int32 transform took 12.4 ms there against 8.4 ms aligned).
 * Allocations of at least kHugeBytes (4 MiB) are aligned to 2 MiB and advised to the kernel as huge-page
 * candidates (madvise(MADV_HUGEPAGE), Linux; a no-op elsewhere or when refused): their first touch then faults
 * 2 MiB pages instead of 4 KiB ones (a 256 MiB table: 128 faults instead of 65536).
 * construct(p) without arguments default-initialises: `AlignedVector<std::int32_t> v(n)` leaves the elements
 * uninitialised (as `new std::int32_t[n]` does) instead of writing zeros that the caller overwrites at once;
 * v(n, value) and every other constructor initialise as std::vector does.
 * Example:
 *     AlignedVector<std::int32_t> v(1 << 20);   // v.data() % 64 == 0; elements indeterminate until written
 *     AlignedVector<std::int32_t> z(1 << 20, 0);   // zeros
 */
template <class T>
struct CacheLineAllocator {
  using value_type = T;
  static constexpr std::align_val_t kAlignment{64};
  static constexpr std::size_t kHugeBytes = std::size_t{4} << 20;
  static constexpr std::align_val_t kHugeAlignment{std::size_t{2} << 20};
  CacheLineAllocator() noexcept = default;
  template <class U>
  CacheLineAllocator(const CacheLineAllocator<U>&) noexcept {}  // NOLINT(google-explicit-constructor)
  T* allocate(std::size_t n) {
    const std::size_t bytes = n * sizeof(T);
    if (bytes < kHugeBytes) return static_cast<T*>(::operator new(bytes, kAlignment));
    void* p = ::operator new(bytes, kHugeAlignment);
    advise_huge_pages(p, bytes);
    return static_cast<T*>(p);
  }
  void deallocate(T* p, std::size_t n) noexcept {
    if (n * sizeof(T) < kHugeBytes) ::operator delete(p, kAlignment);
    else ::operator delete(p, kHugeAlignment);
  }
  template <class U>
  void construct(U* p) noexcept(std::is_nothrow_default_constructible_v<U>) {
    ::new (static_cast<void*>(p)) U;  // default-initialisation: no zeroing of trivial types
  }
  template <class U, class... Args>
  void construct(U* p, Args&&... args) {
    ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }
  template <class U>
  bool operator==(const CacheLineAllocator<U>&) const noexcept {
    return true;
  }
};

/** A std::vector in 64-byte-aligned storage (see CacheLineAllocator). */
template <class T>
using AlignedVector = std::vector<T, CacheLineAllocator<T>>;

/** Kernel families of fwht_inplace_unchecked; `automatic` (the default) is the best one this CPU runs. */
enum class FwhtKernel { automatic, portable, avx2, avx512 };

/**
 * In-place unnormalised Walsh–Hadamard transform: a[s] <- sum_i (-1)^popcount(i & s) a[i] (natural order,
 * H_n = [[1,1],[1,-1]]^{⊗n}), by a cache-blocked, vectorised algorithm: one pass over memory transforms
 * contiguous L2-sized blocks (all low levels, several levels per sweep in registers), a second pass transforms
 * the high levels on column strips copied to a contiguous buffer (a third pass from 2^31 (int32) / 2^30
 * (int64) elements on; the schedule by size: detail::fwht_schedule).  The in-vector levels are done in the second pass, on loading.
 * Fastest on arrays aligned to 64 bytes (AlignedVector); others are realigned block by block in pass 1, and
 * pass 2 uses loads and stores that split cache lines. With kernel = automatic, AVX-512 / AVX2 / portable (SSE2 on
 * x86-64) kernels are chosen at run time from the CPU; the environment variable GDCERT_FWHT_ISA=avx512|avx2|sse2,
 * read once, caps that choice.  Another `kernel` forces a family (tests, benchmarks).
 * Thread safety: may be called from several threads at once (on different arrays); no mutable global state.
 * Guarantee:    exact (integer arithmetic); bit-identical for every thread count and every kernel choice,
 *               and identical to fwht_plain_butterfly.  Throws domain_error if the CPU cannot run a forced
 *               kernel family (see fwht_kernel_available).
 * Precondition: a.size() is a power of two (size 0 is a no-op); max|a_i| * a.size() fits the type —
 *               unchecked, the caller guarantees it (intermediates never exceed the final bound).
 *               threads = 0 means std::thread::hardware_concurrency(); 1 means single-threaded.  Arrays below
 *               8 MiB (32 MiB where the CPUs are SMT siblings) run on one thread whatever `threads` says, and
 *               at most one thread per 512 KiB block is started; the threads are started once per call.
 *               Throws std::bad_alloc if a thread's scratch cannot be allocated (the array is then only partly
 *               transformed).
 * Example:
 *     std::vector<std::int32_t> v{1, 0, 0, 0};
 *     fwht_inplace_unchecked(std::span<std::int32_t>(v));   // v == {1, 1, 1, 1}
 *     fwht_inplace_unchecked(std::span<std::int32_t>(v));   // v == {4, 0, 0, 0}  (H^2 = size * I)
 */
void fwht_inplace_unchecked(std::span<std::int32_t> a, unsigned threads = 1,
                            FwhtKernel kernel = FwhtKernel::automatic);

/**
 * The int64 version of fwht_inplace_unchecked(std::span<std::int32_t>, unsigned), same algorithm.
 * Guarantee:    exact; bit-identical for every thread count and kernel choice.
 * Precondition: a.size() is a power of two; max|a_i| * a.size() < 2^63 (unchecked).
 * Example:
 *     std::vector<std::int64_t> v{3, 1};
 *     fwht_inplace_unchecked(std::span<std::int64_t>(v), 0);   // v == {4, 2}
 */
void fwht_inplace_unchecked(std::span<std::int64_t> a, unsigned threads = 1,
                            FwhtKernel kernel = FwhtKernel::automatic);

/**
 * fill(p, begin, count) writes a[begin .. begin + count) at p = a.data() + begin; then a is transformed as by
 * fwht_inplace_unchecked.  Large arrays are filled block by block, each block just before the first pass of the
 * transform reads it (still in the cache), on the thread that transforms it: one pass over memory less than
 * filling first; the first touch of fresh pages is spread over the threads too.
 * Guarantee:    the same result as filling a, then fwht_inplace_unchecked(a, threads).
 * Precondition: as fwht_inplace_unchecked for the values written; fill writes every element of its range and
 *               may be called from several threads at once on disjoint ranges.
 * Example:
 *     AlignedVector<std::int32_t> v(1 << 20);
 *     fwht_fill_inplace_unchecked(std::span<std::int32_t>(v),
 *                                 [](std::int32_t* p, std::size_t, std::size_t k) { std::fill_n(p, k, 1); });
 *     // v == {2^20, 0, ..., 0}
 */
void fwht_fill_inplace_unchecked(std::span<std::int32_t> a,
                                 const std::function<void(std::int32_t*, std::size_t, std::size_t)>& fill,
                                 unsigned threads = 1);
/** The int64 version of fwht_fill_inplace_unchecked. */
void fwht_fill_inplace_unchecked(std::span<std::int64_t> a,
                                 const std::function<void(std::int64_t*, std::size_t, std::size_t)>& fill,
                                 unsigned threads = 1);

/**
 * Whether this CPU can run the kernel family (automatic and portable: always).
 * Example:
 *     if (fwht_kernel_available(FwhtKernel::avx2)) fwht_inplace_unchecked(span, 1, FwhtKernel::avx2);
 */
bool fwht_kernel_available(FwhtKernel kernel);

/** The family that `automatic` resolves to on this CPU (after GDCERT_FWHT_ISA), e.g. FwhtKernel::avx2. */
FwhtKernel fwht_default_kernel();

/** "automatic", "portable", "avx2" or "avx512". */
std::string_view fwht_kernel_name(FwhtKernel kernel);

/**
 * Baseline for benchmarks and tests: the textbook radix-2 butterfly (three nested loops, level by level over
 * the whole array, no blocking, no explicit vectorisation).
 * Guarantee:    exact; the same result as fwht_inplace_unchecked.
 * Precondition: a.size() is a power of two; max|a_i| * a.size() fits the type (unchecked).
 * Example:
 *     std::vector<std::int32_t> v{1, 2};
 *     fwht_plain_butterfly(std::span<std::int32_t>(v));   // v == {3, -1}
 */
void fwht_plain_butterfly(std::span<std::int32_t> a);

/**
 * The int64 version of fwht_plain_butterfly(std::span<std::int32_t>).
 * Guarantee:    exact.
 * Precondition: a.size() is a power of two; max|a_i| * a.size() < 2^63 (unchecked).
 * Example:
 *     std::vector<std::int64_t> v{1, 2};
 *     fwht_plain_butterfly(std::span<std::int64_t>(v));   // v == {3, -1}
 */
void fwht_plain_butterfly(std::span<std::int64_t> a);

namespace detail {
/**
 * For tests: fwht_inplace_unchecked with at most 2^max_row_log rows per pass over the high levels (clamped to
 * 1..14) and no super-blocks, so that the passes beyond the second — which the library's schedule reserves
 * for arrays of 2^31 int32 / 2^30 int64 elements and more — run on small arrays.
 * Guarantee:    the same result as fwht_inplace_unchecked.
 * Example:
 *     detail::fwht_inplace_row_limit(std::span<std::int32_t>(v), 1, FwhtKernel::automatic, 2);
 */
void fwht_inplace_row_limit(std::span<std::int32_t> a, unsigned threads, FwhtKernel kernel, unsigned max_row_log);
/** The int64 version of fwht_inplace_row_limit. */
void fwht_inplace_row_limit(std::span<std::int64_t> a, unsigned threads, FwhtKernel kernel, unsigned max_row_log);
/**
 * The schedule of the passes over memory of a transform of more than one block (see fwht.cpp); a field left 0
 * (pass1_extra_log, prefetch: -1) takes the library's value for the size.
 *   pass1_extra_log: levels (0..3) that pass 1 does across 2^pass1_extra_log consecutive blocks after transforming
 *                them (their super-block is then in the last-level cache), leaving pass 2 that many fewer.
 *   max_row_log: most rows (log2) of the pass over the high levels (1..12); more rows make further passes.
 *   piece_bytes: most bytes of one row that one strip of that pass takes.
 *   strip_bytes: the bytes of the strip buffer aimed at (the piece is the largest power of two within both).
 *   prefetch:    software prefetch in the strips: bit 0 reads the next group of rows while one is transformed,
 *                bit 1 prefetches the rows being written back (write intent), bit 2 writes them with
 *                non-temporal stores (aligned arrays only); bit 3: pass 1 prefetches 64 KiB ahead of the block
 *                being transformed (off in the library's schedules); 0 none.
 */
struct FwhtSchedule {
  int pass1_extra_log = -1;
  unsigned max_row_log = 0;
  std::size_t piece_bytes = 0;
  std::size_t strip_bytes = 0;
  int prefetch = -1;
};
/**
 * For tests and benchmarks: fwht_inplace_unchecked under a forced schedule.
 * Guarantee:    the same result as fwht_inplace_unchecked for every schedule.
 * Example:
 *     detail::fwht_inplace_schedule(std::span<std::int32_t>(v), 1, FwhtKernel::automatic, {0, 9, 4096, 0, 1});
 */
void fwht_inplace_schedule(std::span<std::int32_t> a, unsigned threads, FwhtKernel kernel,
                           const FwhtSchedule& schedule);
/** The int64 version of fwht_inplace_schedule. */
void fwht_inplace_schedule(std::span<std::int64_t> a, unsigned threads, FwhtKernel kernel,
                           const FwhtSchedule& schedule);
/** The schedule the library chooses for 2^n elements of element_bytes (4 or 8) bytes. */
FwhtSchedule fwht_schedule(unsigned n, std::size_t element_bytes);
/** What fwht_team_check saw: visits[i] = how often unit i was done, foreign = units done by a member outside its own
 *  slice, members = the team's size. */
struct FwhtTeamCheck {
  std::vector<unsigned> visits;
  std::size_t foreign = 0;
  unsigned members = 1;
};
/**
 * For tests: the transform's thread team on `workers` threads runs `phases` loops over `count` units, member 0
 * held back until another member has taken a unit of its slice; the member with id throw_member (-1: none) throws
 * std::runtime_error before its second phase.
 * Guarantee:    every unit is done once per phase (visits all equal phases); with more than one member, foreign > 0;
 *               a member's exception leaves the others running (no hang) and is rethrown here after they finish.
 */
FwhtTeamCheck fwht_team_check(std::size_t count, unsigned workers, unsigned phases, int throw_member = -1);
/** log2 of the elements of one pass-1 block for elements of element_bytes (4 or 8) bytes: 17 / 16. */
unsigned fwht_block_log(std::size_t element_bytes);
}  // namespace detail

}  // namespace gdcert::boolean
