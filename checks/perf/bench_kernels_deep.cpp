// Benchmark of the deep kernels: the 100 x 100 NNGP + NTK Gram matrices of an L = 5 hidden-layer relu network
// (sigma_w^2 = 2, sigma_b^2 = 1/10, NTK parameterization) as 128-bit certified balls, on 100 random rational unit
// vectors in R^10 (sphere:n=100:d=10:seed=1). checks/perf/run_kernels_deep.sh runs it interleaved with the same
// recursion in NumPy double precision and prints the ratio.
#include <benchmark/benchmark.h>

#include "kernels/deep.hpp"
#include "width/data.hpp"

namespace {

using namespace gdcert;

void BM_deep_ntk_n100_L5(benchmark::State& state) {
  const auto pts = width::parse_data_spec("sphere:n=100:d=10:seed=1", 0).points;
  const auto arch = kernels::DeepArchitecture::uniform(kernels::parse_activation("relu"), 5, Rational(2), Rational(1, 10));
  double rad = 0;
  for (auto _ : state) {
    const kernels::DeepGram g = kernels::deep_gram(arch, pts, true, 128);
    rad = mag_get_d(arb_radref(g.ntk.back().entry(0, 1)));
    benchmark::DoNotOptimize(g);
  }
  state.counters["ntk01_radius"] = rad;
}
BENCHMARK(BM_deep_ntk_n100_L5)->Iterations(1)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
