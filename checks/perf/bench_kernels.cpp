// Benchmarks of the dual kernels (kernels/dual.hpp) at 100 decimal digits (333 bits of certified relative
// accuracy): one kernel entry κ(ρ) per iteration over a fixed grid of 64 rational correlations, through
// second_moment_to_accuracy (the Ziv loop that certifies the accuracy). The same-run baseline is one raw
// arb_acos (resp. arb_asin, arb_sqrt) call at the working precision: the transcendental floor of an entry.
// checks/perf/run_kernels.sh times mpmath on the same formulas and grid and prints the per-entry ratios.
#include <benchmark/benchmark.h>

#include <vector>

#include "exact/ball.hpp"
#include "exact/flint.hpp"
#include "kernels/dual.hpp"

namespace {

using namespace gdcert;

constexpr slong kAccuracyBits = 333;  // 100 decimal digits

/** ρ_i = (2i - 63)/64, i = 0..63: 64 correlations in (-1, 1), none of them special. */
const std::vector<Rational>& grid() {
  static const std::vector<Rational> g = [] {
    std::vector<Rational> v;
    for (long i = 0; i < 64; ++i) v.emplace_back(2 * i - 63, 64);
    return v;
  }();
  return g;
}

void run_kernel(benchmark::State& state, const char* activation) {
  const kernels::Activation a = kernels::parse_activation(activation);
  const Rational one(1);
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(kernels::second_moment_to_accuracy(a, one, grid()[i], kAccuracyBits));
    i = (i + 1) & 63;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

void BM_kernel_relu(benchmark::State& s) { run_kernel(s, "relu"); }
void BM_kernel_sign(benchmark::State& s) { run_kernel(s, "sign"); }
void BM_kernel_erf(benchmark::State& s) { run_kernel(s, "erf"); }
void BM_kernel_arccos3(benchmark::State& s) { run_kernel(s, "arccos:3"); }

void BM_arb_acos(benchmark::State& state) {
  std::vector<Ball> x;
  for (const Rational& r : grid()) x.push_back(to_ball(r, kAccuracyBits + 16));
  Ball y;
  std::size_t i = 0;
  for (auto _ : state) {
    arb_acos(y.get(), x[i].get(), kAccuracyBits + 16);
    benchmark::DoNotOptimize(y.get());
    i = (i + 1) & 63;
  }
}

BENCHMARK(BM_kernel_relu)->Unit(benchmark::kMicrosecond)->MinTime(0.5);
BENCHMARK(BM_kernel_sign)->Unit(benchmark::kMicrosecond)->MinTime(0.5);
BENCHMARK(BM_kernel_erf)->Unit(benchmark::kMicrosecond)->MinTime(0.5);
BENCHMARK(BM_kernel_arccos3)->Unit(benchmark::kMicrosecond)->MinTime(0.5);
BENCHMARK(BM_arb_acos)->Unit(benchmark::kMicrosecond)->MinTime(0.5);

}  // namespace

BENCHMARK_MAIN();
