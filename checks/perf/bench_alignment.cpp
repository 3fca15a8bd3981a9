// Benchmarks of the alignment module, each beside the baseline that bounds it from below, in the same run:
//  * BM_inal_gaussian_n24: Gaussian-init first-layer ReLU INAL (bias N(0,1)) of a random ±1 target at n = 24,
//    certified to 60 bits: one exact Walsh transform + O(n^2) Krawtchouk-sum ball work. Target < 1 s.
//    Baseline BM_walsh_levels_n24: the exact level weights alone (the transform), so the ratio is the cost
//    of everything else.
//  * BM_cp_sn_n8: the exact S_n group average CP_{S_n} at n = 8 (n! 2^n products). Target < 10 s.
//    Baseline BM_pass_n8: one pass of n! 2^n integer multiply-adds over the same table without the
//    permutation indexing.
//  * BM_rademacher_top_n160: exact n^2 m_n of the Rademacher ReLU neuron at n = 160 (big rationals).
// Run: checks/perf/run_alignment.sh <build-dir>
#include <benchmark/benchmark.h>

#include <numeric>

#include "alignment/cp.hpp"
#include "alignment/inal.hpp"
#include "boolean/spec.hpp"
#include "boolean/walsh.hpp"

namespace {

using namespace gdcert;

alignment::GaussianKernel relu_kernel(alignment::Parity* parity) { return alignment::gaussian_kernel_for("relu", parity); }

void BM_walsh_levels_n24(benchmark::State& state) {
  const auto f = boolean::parse_spec("random:n=24:seed=1", 0).function;
  for (auto _ : state) benchmark::DoNotOptimize(boolean::walsh_spectrum(f, 1).level_weights());
}

void BM_inal_gaussian_n24(benchmark::State& state) {
  const auto f = boolean::parse_spec("random:n=24:seed=1", 0).function;
  alignment::Parity parity;
  const auto kernel = relu_kernel(&parity);
  const auto w = alignment::parse_weight_law("gaussian");
  const auto b = alignment::parse_bias_law("gaussian:beta2=1");
  for (auto _ : state) {
    const auto W = boolean::walsh_spectrum(f, 1).level_weights();
    const auto s = alignment::neuron_spectrum_gaussian(24, kernel, parity, w, b, 60);
    benchmark::DoNotOptimize(alignment::inal_from_spectrum(s, W, 60));
  }
}

void BM_cp_sn_n8(benchmark::State& state) {
  const auto f = boolean::parse_spec("random:n=8:seed=1", 0).function;
  for (auto _ : state) benchmark::DoNotOptimize(alignment::cp_sn(f));
}

void BM_pass_n8(benchmark::State& state) {
  std::vector<long long> F(256);
  for (std::size_t i = 0; i < F.size(); ++i) F[i] = (i * 2654435761u) % 3 == 0 ? -1 : 1;
  const long long perms = 40320;
  for (auto _ : state) {
    long long acc = 0;
    for (long long p = 0; p < perms; ++p) {
      long long s = 0;
      for (std::size_t x = 0; x < F.size(); ++x) s += F[x] * F[(x + static_cast<std::size_t>(p)) & 255];
      acc += s * s;
    }
    benchmark::DoNotOptimize(acc);
  }
}

void BM_rademacher_top_n160(benchmark::State& state) {
  const auto w = alignment::rademacher_law();
  for (auto _ : state) {
    const auto sigma = alignment::hamming_kernel_exact(160, alignment::ExactActivation::relu, w, alignment::BiasLaw{});
    benchmark::DoNotOptimize(alignment::walsh_eigenvalues_exact(160, sigma));
  }
}

}  // namespace

BENCHMARK(BM_walsh_levels_n24)->Unit(benchmark::kMillisecond)->MinTime(0.5);
BENCHMARK(BM_inal_gaussian_n24)->Unit(benchmark::kMillisecond)->MinTime(0.5);
BENCHMARK(BM_cp_sn_n8)->Unit(benchmark::kMillisecond)->MinTime(0.5);
BENCHMARK(BM_pass_n8)->Unit(benchmark::kMillisecond)->MinTime(0.5);
BENCHMARK(BM_rademacher_top_n160)->Unit(benchmark::kMillisecond)->MinTime(0.5);
BENCHMARK_MAIN();
