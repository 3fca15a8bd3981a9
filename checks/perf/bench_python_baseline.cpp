// The C++ side of checks/perf/run_python.sh: the api calls the Python module wraps, timed without Python, so that
// the script can print the per-call overhead of `import gdcert` (bench_python.py times the same calls through
// Python in interleaved rounds). Each benchmark builds its arguments inside the loop, as a call from Python does.
#include <benchmark/benchmark.h>

#include "api/quantities.hpp"
#include "api/walsh.hpp"

namespace {

using namespace gdcert;

// gdcert.quantity("binomial", n=10, k=3): the registry lookup, parameter parsing, C(10, 3), one Result.
void BM_api_quantity_binomial(benchmark::State& state) {
  for (auto _ : state) {
    const api::Params p{{"n", "10"}, {"k", "3"}};
    benchmark::DoNotOptimize(api::evaluate("binomial", p));
  }
}

// gdcert.walsh("majority:n=9").level_weights: parse, transform of 2^9 points, W_0..W_9 as Results.
void BM_api_walsh_small(benchmark::State& state) {
  for (auto _ : state) {
    const api::WalshSpectrum s = api::walsh_spectrum("majority:n=9", 0, 1);
    benchmark::DoNotOptimize(s.level_weights());
  }
}

// gdcert.walsh("random:n=24:seed=1", threads=1): the table of 2^24 points drawn, the int32 transform, the level
// weights (computed at construction). Python then views the 64 MB coefficient array without copying it.
void BM_api_walsh_n24(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(api::walsh_spectrum("random:n=24:seed=1", 0, 1));
}

}  // namespace

// Best of 5 repetitions, as bench_python.py takes the best of 5 batches of the same calls.
BENCHMARK(BM_api_quantity_binomial)->Unit(benchmark::kMicrosecond)->Repetitions(5);
BENCHMARK(BM_api_walsh_small)->Unit(benchmark::kMicrosecond)->Repetitions(5);
BENCHMARK(BM_api_walsh_n24)->Unit(benchmark::kMillisecond)->Iterations(1)->Repetitions(5);

BENCHMARK_MAIN();
