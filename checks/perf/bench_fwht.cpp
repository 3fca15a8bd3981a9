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
// Run: checks/perf/run_fwht.sh <build-dir> [--benchmark_filter=...]
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
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

}  // namespace

int main(int argc, char** argv) {
  self_check<std::int32_t>("int32");
  self_check<std::int64_t>("int64");
  std::fprintf(stderr, "bench_fwht self-check passed: blocked == plain for 2^0..2^20 (int32, int64; 1, 2 threads)\n");
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
