// Benchmarks of the in-place integer fast Walsh–Hadamard transform (boolean/fwht.hpp) against the textbook
// butterfly and against memory-bandwidth baselines (sum / memcpy of an array of the same size).
//
// Every family runs for log2(size) = 10, 12, ..., 26.  The transform benchmarks time each transform with
// manual timing and refill the array from a pristine random ±1 copy outside the timed region (the WHT scales
// by the size when applied twice, so repeated transforms would overflow).  bytes_per_second is the array size
// per iteration (one "array pass" of data).  The arrays are 64-byte aligned (AlignedVector, as gdcert's own
// callers allocate them); the _misaligned family starts 16 bytes past a cache line, as std::vector's storage
// does.  Two baselines: the library's plain butterfly (compiled like the library, -O3, so GCC auto-vectorises
// its inner loop) and the same loops with auto-vectorisation switched off (plain_scalar).
//
// Before benchmarking, the program checks blocked == plain butterfly on random ±1 input for every size
// 2^0..2^20 (int32 and int64, 1 and 2 threads) and aborts with a message if not.
//
// Two more modes, outside Google Benchmark (run_fwht.sh uses both):
//   bench_fwht --floor [min_log max_log]  for every size 2^min_log..2^max_log (default 16..30): in interleaved
//       rounds, the floor (2 x memcpy of the array: b -> a, a -> b, which also refills a with the input) then the
//       transform of a, int32 on 1 and 2 threads and int64 on 1 thread (each transform after its own refill);
//       prints one line per size and kind: "FLOOR <type> <log> <threads> <gdcert ms> <floor ms> <ratio>" with
//       medians of the times and the median of the per-round ratios gdcert / floor.  A size whose two arrays do
//       not fit in MemAvailable (less 1 GiB) is skipped with a "SKIP" line saying so.  First, for int32 and int64,
//       "ADDPEAK <type> <best> <512-bit> <256-bit>": this core's element additions per second (in 1e9) at each vector
//       width it has (twelve independent chains of vpaddd / vpaddq in registers, best of 7 runs, CPU time), and
//       the faster; run_fwht.sh divides the transform's n 2^n additions by it (the add bound).
//   bench_fwht --bare <log>  one int32 transform (1 thread) of a filled, already touched random ±1 array of 2^log
//       elements: prints "BARE <log> <ms>" (the reference of the end-to-end walsh comparison).
// Run: checks/perf/run_fwht.sh <build-dir> [--benchmark_filter=...]
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <fstream>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "boolean/fwht.hpp"
#include "boolean/spec.hpp"
#include "boolean/walsh.hpp"

namespace {

using gdcert::boolean::fwht_inplace_unchecked;
using gdcert::boolean::fwht_plain_butterfly;

constexpr int kMinLog = 10;
constexpr int kMaxLog = 26;

std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

/** Random ±1 values, 64 per generator call. */
template <class T>
std::vector<T> random_signs(std::size_t size, std::uint64_t seed) {
  std::vector<T> v(size);
  std::uint64_t bits = 0;
  for (std::size_t i = 0; i < size; ++i) {
    if (i % 64 == 0) bits = splitmix64(seed);
    v[i] = static_cast<T>(((bits >> (i % 64)) & 1) != 0 ? 1 : -1);
  }
  return v;
}

/** The pristine input of each size, generated once (the largest int64 one is 512 MiB). */
template <class T>
const std::vector<T>& pristine(int log2n) {
  static std::map<int, std::vector<T>> cache;
  auto it = cache.find(log2n);
  if (it == cache.end())
    it = cache.emplace(log2n, random_signs<T>(std::size_t{1} << log2n, 0x5eed0000u + log2n)).first;
  return it->second;
}

/** Times fn(span) per iteration (manual time) on an array starting `offset` elements past a 64-byte boundary,
 *  refilling it from the pristine copy untimed. */
template <class T, class F>
void run_transform(benchmark::State& state, F fn, std::size_t offset = 0) {
  const int log2n = static_cast<int>(state.range(0));
  const std::vector<T>& input = pristine<T>(log2n);
  gdcert::boolean::AlignedVector<T> storage(input.size() + offset);
  const std::span<T> a(storage.data() + offset, input.size());
  for (auto _ : state) {
    std::memcpy(a.data(), input.data(), a.size() * sizeof(T));
    const auto t0 = std::chrono::steady_clock::now();
    fn(a);
    benchmark::ClobberMemory();
    const auto t1 = std::chrono::steady_clock::now();
    state.SetIterationTime(std::chrono::duration<double>(t1 - t0).count());
  }
  benchmark::DoNotOptimize(a.data());
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(a.size() * sizeof(T)));
}

/** The textbook radix-2 butterfly with GCC's auto-vectorisation off: scalar code, one butterfly at a time. */
__attribute__((optimize("no-tree-vectorize"))) void plain_scalar_butterfly(std::span<std::int32_t> a) {
  const std::size_t size = a.size();
  for (std::size_t h = 1; h < size; h <<= 1)
    for (std::size_t i = 0; i < size; i += 2 * h)
      for (std::size_t j = i; j < i + h; ++j) {
        const std::int32_t x = a[j];
        const std::int32_t y = a[j + h];
        a[j] = x + y;
        a[j + h] = x - y;
      }
}

void BM_fwht_blocked_i32(benchmark::State& state) {
  run_transform<std::int32_t>(state, [](std::span<std::int32_t> a) { fwht_inplace_unchecked(a, 1); });
}
void BM_fwht_blocked_i32_threads(benchmark::State& state) {
  run_transform<std::int32_t>(state, [](std::span<std::int32_t> a) { fwht_inplace_unchecked(a, 2); });
}
void BM_fwht_blocked_i32_misaligned(benchmark::State& state) {
  run_transform<std::int32_t>(state, [](std::span<std::int32_t> a) { fwht_inplace_unchecked(a, 1); }, 4);
}
void BM_fwht_plain_i32(benchmark::State& state) {
  run_transform<std::int32_t>(state, [](std::span<std::int32_t> a) { fwht_plain_butterfly(a); });
}
void BM_fwht_plain_scalar_i32(benchmark::State& state) {
  run_transform<std::int32_t>(state, [](std::span<std::int32_t> a) { plain_scalar_butterfly(a); });
}
void BM_fwht_blocked_i64(benchmark::State& state) {
  run_transform<std::int64_t>(state, [](std::span<std::int64_t> a) { fwht_inplace_unchecked(a, 1); });
}

void BM_stream_sum_i32(benchmark::State& state) {
  const std::vector<std::int32_t>& a = pristine<std::int32_t>(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    std::uint32_t sum = 0;  // wrapping sum: a pure streaming read
    for (const std::int32_t x : a) sum += static_cast<std::uint32_t>(x);
    benchmark::DoNotOptimize(sum);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(a.size() * sizeof(std::int32_t)));
}

void BM_stream_copy_i32(benchmark::State& state) {
  const std::vector<std::int32_t>& a = pristine<std::int32_t>(static_cast<int>(state.range(0)));
  std::vector<std::int32_t> b(a.size(), 0);
  for (auto _ : state) {
    std::memcpy(b.data(), a.data(), a.size() * sizeof(std::int32_t));
    benchmark::ClobberMemory();
  }
  benchmark::DoNotOptimize(b.data());
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(a.size() * sizeof(std::int32_t)));
}

BENCHMARK(BM_fwht_blocked_i32)->DenseRange(kMinLog, kMaxLog, 2)->UseManualTime()->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_fwht_blocked_i32_threads)
    ->DenseRange(kMinLog, kMaxLog, 2)
    ->UseManualTime()
    ->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_fwht_blocked_i32_misaligned)
    ->DenseRange(kMinLog, kMaxLog, 2)
    ->UseManualTime()
    ->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_fwht_plain_i32)->DenseRange(kMinLog, kMaxLog, 2)->UseManualTime()->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_fwht_plain_scalar_i32)
    ->DenseRange(kMinLog, kMaxLog, 2)
    ->UseManualTime()
    ->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_fwht_blocked_i64)->DenseRange(kMinLog, kMaxLog, 2)->UseManualTime()->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_stream_sum_i32)->DenseRange(kMinLog, kMaxLog, 2)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_stream_copy_i32)->DenseRange(kMinLog, kMaxLog, 2)->Unit(benchmark::kMicrosecond);

/** Exact level weights W_0..W_n of a random ±1 function (spec random:n=N:seed=1): spec evaluation is outside
 *  the timed region; the transform, the squares and the exact rational level sums are inside. Single thread. */
void BM_level_weights(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  const auto f = gdcert::boolean::parse_spec("random:n=" + std::to_string(n) + ":seed=1", 0).function;
  for (auto _ : state) benchmark::DoNotOptimize(gdcert::boolean::walsh_spectrum(f, 1).level_weights());
}
BENCHMARK(BM_level_weights)->Arg(20)->Arg(26)->Unit(benchmark::kMillisecond)->MinTime(1.0);

/** blocked (1 and 2 threads) == plain butterfly (== the scalar one, int32) on random ±1 input for 2^0..2^20; aborts
 *  otherwise. */
template <class T>
void self_check(const char* type_name) {
  for (int n = 0; n <= 20; ++n) {
    const std::vector<T> input = random_signs<T>(std::size_t{1} << n, 0xc0ffee00u + static_cast<unsigned>(n));
    std::vector<T> expect(input);
    fwht_plain_butterfly(std::span<T>(expect));
    if constexpr (sizeof(T) == 4) {
      std::vector<T> scalar(input);
      plain_scalar_butterfly(std::span<T>(scalar));
      if (scalar != expect) {
        std::fprintf(stderr, "bench_fwht self-check FAILED: n=%d: scalar butterfly != plain butterfly\n", n);
        std::abort();
      }
    }
    for (unsigned threads : {1u, 2u}) {
      std::vector<T> got(input);
      fwht_inplace_unchecked(std::span<T>(got), threads);
      if (got != expect) {
        std::fprintf(stderr, "bench_fwht self-check FAILED: %s n=%d threads=%u: blocked != plain butterfly\n",
                     type_name, n, threads);
        std::abort();
      }
    }
  }
}

double ms_between(std::chrono::steady_clock::time_point t0, std::chrono::steady_clock::time_point t1) {
  return std::chrono::duration<double, std::milli>(t1 - t0).count();
}
double median_of(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t k = v.size();
  return k % 2 == 1 ? v[k / 2] : 0.5 * (v[k / 2 - 1] + v[k / 2]);
}

/** MemAvailable from /proc/meminfo in bytes; 0 if unknown. */
std::uint64_t mem_available() {
  std::ifstream in("/proc/meminfo");
  std::string key;
  std::uint64_t kib = 0;
  std::string unit;
  while (in >> key >> kib >> unit)
    if (key == "MemAvailable:") return kib * 1024;
  return 0;
}

/** Random ±1 values into a (64 per generator call). */
template <class T>
void fill_signs(T* a, std::size_t size, std::uint64_t seed) {
  std::uint64_t bits = 0;
  for (std::size_t i = 0; i < size; ++i) {
    if (i % 64 == 0) bits = splitmix64(seed);
    a[i] = static_cast<T>(((bits >> (i % 64)) & 1) != 0 ? 1 : -1);
  }
}

#if defined(__x86_64__)
// One round of the twelve chains: "op %reg12, %regK, %regK" for K = 0..11 (op vpaddd / vpaddq, reg zmm / ymm).
#define GDCERT_ADD_CHAIN(op, reg, k) op " %%" reg "12,%%" reg #k ",%%" reg #k "\n"
#define GDCERT_ADD_CHAINS(op, reg)                                                                               \
  GDCERT_ADD_CHAIN(op, reg, 0) GDCERT_ADD_CHAIN(op, reg, 1) GDCERT_ADD_CHAIN(op, reg, 2) GDCERT_ADD_CHAIN(op, reg, 3) \
  GDCERT_ADD_CHAIN(op, reg, 4) GDCERT_ADD_CHAIN(op, reg, 5) GDCERT_ADD_CHAIN(op, reg, 6) GDCERT_ADD_CHAIN(op, reg, 7) \
  GDCERT_ADD_CHAIN(op, reg, 8) GDCERT_ADD_CHAIN(op, reg, 9) GDCERT_ADD_CHAIN(op, reg, 10) GDCERT_ADD_CHAIN(op, reg, 11)
#define GDCERT_ADD_CHAIN_CLOBBERS \
  "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7", "xmm8", "xmm9", "xmm10", "xmm11"

/** CPU seconds of `iters` rounds of twelve independent vector adds (vpaddd / vpaddq, one chain per register, each
 *  round adding to every chain): inline assembly, so that nothing is folded or hoisted; the instruction set is
 *  the caller's to check. */
double add_chains_seconds(int bits, bool wide_lanes, std::uint64_t iters) {
  timespec t0{}, t1{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t0);
  for (std::uint64_t i = 0; i < iters; ++i) {
    if (bits == 512 && !wide_lanes)
      asm volatile(GDCERT_ADD_CHAINS("vpaddd", "zmm") ::: GDCERT_ADD_CHAIN_CLOBBERS);
    else if (bits == 512)
      asm volatile(GDCERT_ADD_CHAINS("vpaddq", "zmm") ::: GDCERT_ADD_CHAIN_CLOBBERS);
    else if (!wide_lanes)
      asm volatile(GDCERT_ADD_CHAINS("vpaddd", "ymm") ::: GDCERT_ADD_CHAIN_CLOBBERS);
    else
      asm volatile(GDCERT_ADD_CHAINS("vpaddq", "ymm") ::: GDCERT_ADD_CHAIN_CLOBBERS);
  }
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t1);
  return static_cast<double>(t1.tv_sec - t0.tv_sec) + 1e-9 * static_cast<double>(t1.tv_nsec - t0.tv_nsec);
}
#endif

/** This core's peak of element additions per second for elements of `bytes` bytes (4: int32, 8: int64), at the
 *  faster of 512- and 256-bit vectors where the CPU has them: the best of 7 runs of add_chains_seconds (about
 *  20 ms each, per CPU second of this thread); 0 where it cannot be measured (no AVX2, not x86-64).  Also the
 *  per-width rates, for the report. */
struct AddPeak {
  double best = 0, zmm = 0, ymm = 0;
};
AddPeak add_peak(std::size_t bytes) {
  AddPeak p;
#if defined(__x86_64__)
  __builtin_cpu_init();
  constexpr std::uint64_t kIters = std::uint64_t{1} << 21;
  for (int bits : {512, 256}) {
    const bool ok = bits == 512 ? __builtin_cpu_supports("avx512f") != 0 : __builtin_cpu_supports("avx2") != 0;
    if (!ok) continue;
    double best_s = 1e30;
    for (int run = 0; run < 7; ++run) best_s = std::min(best_s, add_chains_seconds(bits, bytes == 8, kIters));
    const double rate = 12.0 * static_cast<double>(kIters) * static_cast<double>(bits / 8 / bytes) / best_s;
    (bits == 512 ? p.zmm : p.ymm) = rate;
    p.best = std::max(p.best, rate);
  }
#else
  (void)bytes;
#endif
  return p;
}

/** The floor study of one size and element type: rounds of [floor, transform on each thread count]. */
template <class T>
void floor_study(int log2n, std::initializer_list<unsigned> thread_counts, const char* type_name) {
  const std::size_t size = std::size_t{1} << log2n;
  const std::uint64_t bytes = static_cast<std::uint64_t>(size) * sizeof(T);
  const std::uint64_t avail = mem_available();
  const std::uint64_t margin = std::uint64_t{1} << 30;
  if (avail != 0 && 2 * bytes + margin > avail) {
    std::printf("SKIP %s %d needs %.1f GiB (two arrays) + 1 GiB, MemAvailable %.1f GiB\n", type_name, log2n,
                2.0 * static_cast<double>(bytes) / (1 << 30), static_cast<double>(avail) / (1 << 30));
    std::fflush(stdout);
    return;
  }
  gdcert::boolean::AlignedVector<T> a(size), b(size);
  fill_signs(b.data(), size, 0x5eed0000u + static_cast<unsigned>(log2n));  // b: the input, kept
  std::memcpy(a.data(), b.data(), bytes);
  // About 2 s of the floor per size at ~10 GB/s, between 5 and 41 rounds.
  const int rounds = static_cast<int>(std::clamp<std::uint64_t>((std::uint64_t{8} << 30) / (4 * bytes) * 2 + 1, 5, 41));
  std::vector<double> floor_ms;
  std::map<unsigned, std::vector<double>> gd_ms, ratio;
  for (int r = 0; r < rounds + 1; ++r) {  // round 0 warms up (pages, caches, thread start) and is not counted
    const auto t0 = std::chrono::steady_clock::now();
    std::memcpy(a.data(), b.data(), bytes);
    std::memcpy(b.data(), a.data(), bytes);
    const auto t1 = std::chrono::steady_clock::now();
    benchmark::DoNotOptimize(a.data());
    benchmark::DoNotOptimize(b.data());
    const double fl = ms_between(t0, t1);
    if (r > 0) floor_ms.push_back(fl);
    bool first = true;
    for (unsigned threads : thread_counts) {
      if (!first) std::memcpy(a.data(), b.data(), bytes);  // refill (untimed)
      first = false;
      const auto s0 = std::chrono::steady_clock::now();
      fwht_inplace_unchecked(std::span<T>(a.data(), size), threads);
      benchmark::ClobberMemory();
      const auto s1 = std::chrono::steady_clock::now();
      if (r > 0) {
        gd_ms[threads].push_back(ms_between(s0, s1));
        ratio[threads].push_back(ms_between(s0, s1) / fl);
      }
    }
    if (r == 0) {  // check the result once against the plain butterfly (sizes up to 2^22)
      if (log2n <= 22) {
        std::vector<T> expect(b.begin(), b.end());
        fwht_plain_butterfly(std::span<T>(expect));
        if (!std::equal(expect.begin(), expect.end(), a.begin())) {
          std::fprintf(stderr, "bench_fwht --floor: %s 2^%d: transform != plain butterfly\n", type_name, log2n);
          std::abort();
        }
      }
    }
  }
  for (unsigned threads : thread_counts)
    std::printf("FLOOR %s %d %u %.4f %.4f %.4f %d\n", type_name, log2n, threads, median_of(gd_ms[threads]),
                median_of(floor_ms), median_of(ratio[threads]), rounds);
  std::fflush(stdout);
}

int floor_main(int min_log, int max_log) {
  for (std::size_t bytes : {std::size_t{4}, std::size_t{8}}) {
    const AddPeak p = add_peak(bytes);
    std::printf("ADDPEAK %s %.4g %.4g %.4g\n", bytes == 4 ? "int32" : "int64", p.best / 1e9, p.zmm / 1e9,
                p.ymm / 1e9);
  }
  for (int k = min_log; k <= max_log; ++k) {
    floor_study<std::int32_t>(k, {1u, 2u}, "int32");
    if (k <= 29) floor_study<std::int64_t>(k, {1u}, "int64");
  }
  return 0;
}

int bare_main(int log2n) {
  const std::size_t size = std::size_t{1} << log2n;
  gdcert::boolean::AlignedVector<std::int32_t> a(size);
  fill_signs(a.data(), size, 1);
  const auto t0 = std::chrono::steady_clock::now();
  fwht_inplace_unchecked(std::span<std::int32_t>(a.data(), size), 1);
  benchmark::ClobberMemory();
  const auto t1 = std::chrono::steady_clock::now();
  benchmark::DoNotOptimize(a.data());
  std::printf("BARE %d %.4f\n", log2n, ms_between(t0, t1));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc >= 2 && std::string(argv[1]) == "--floor")
    return floor_main(argc >= 3 ? std::atoi(argv[2]) : 16, argc >= 4 ? std::atoi(argv[3]) : 30);
  if (argc >= 3 && std::string(argv[1]) == "--bare") return bare_main(std::atoi(argv[2]));
  self_check<std::int32_t>("int32");
  self_check<std::int64_t>("int64");
  std::fprintf(stderr, "bench_fwht self-check passed: blocked == plain for 2^0..2^20 (int32, int64; 1, 2 threads)\n");
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
