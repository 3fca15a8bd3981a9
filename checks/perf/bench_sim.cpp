// Noisy-GD simulator benchmarks: steps/s on 30-512-1 ReLU with a fresh batch of 4096 per step (float64, one thread),
// the population gradient at n = 20 on 20-64-1 (two threads), and a large GEMM as the machine's practical FP64 rate.
// The PyTorch baseline runs beside (checks/perf/torch_noisy_gd.py); checks/perf/run_sim.sh prints the ratios.
#include <benchmark/benchmark.h>

#include <cmath>
#include <vector>

#include "exact/rng.hpp"
#include "sim/gemm.hpp"
#include "sim/noisy_gd.hpp"

using namespace gdcert;
using namespace gdcert::sim;

namespace {

RunConfig relu512(std::uint64_t steps) {
  RunConfig c;
  c.net.n = 30;
  c.net.widths = {512};
  c.net.acts = {Activation::relu};
  c.net.bias = true;
  c.init = parse_init_law("gaussian");
  c.bias = parse_bias_init("gaussian:beta2=1/30");
  c.target = [](const double* x, unsigned) { return x[0] * x[1]; };
  c.grad = GradMode::batch;
  c.batch = 4096;
  c.steps = steps;
  c.lr = 0.01;
  c.noise = 1e-4;
  c.clip = 1;
  c.threads = 1;
  c.log_every = steps;
  c.eval_samples = 256;
  return c;
}

void BM_noisy_gd_relu512_b4096(benchmark::State& st) {
  const std::uint64_t steps = 20;
  const RunConfig c = relu512(steps);
  for (auto _ : st) benchmark::DoNotOptimize(run_noisy_gd<double>(c).final_params.data());
  st.counters["steps_per_s"] = benchmark::Counter(static_cast<double>(steps), benchmark::Counter::kIsIterationInvariantRate);
  // GEMM flops per step: forward W1 X and gradient dZ X^T (2 w n B each), output layer and its backward (3 w B).
  const double flops = 4.0 * 512 * 30 * 4096 + 3.0 * 512 * 4096;
  st.counters["gflops"] = benchmark::Counter(flops * steps / 1e9, benchmark::Counter::kIsIterationInvariantRate);
}

void BM_population_n20_w64_2threads(benchmark::State& st) {
  RunConfig c;
  c.net.n = 20;
  c.net.widths = {64};
  c.net.acts = {Activation::relu};
  c.net.bias = true;
  c.init = parse_init_law("gaussian");
  c.bias = parse_bias_init("gaussian:beta2=1/20");
  c.target = [](const double* x, unsigned) { return x[0] * x[1] * x[2]; };
  c.grad = GradMode::population;
  c.steps = 10;  // the run's set-up (the 2^20 target values, buffers) is included, amortised over 10 steps
  c.lr = 0.1;
  c.noise = 1e-3;
  c.clip = 1;
  c.threads = 2;
  c.log_every = 10;
  c.max_eval_n = 10;
  c.eval_samples = 256;
  for (auto _ : st) benchmark::DoNotOptimize(run_noisy_gd<double>(c).final_params.data());
  st.counters["steps_per_s"] = benchmark::Counter(10.0, benchmark::Counter::kIsIterationInvariantRate);
}

void BM_gemm_1024(benchmark::State& st) {
  const int n = 1024;
  std::vector<double> A(std::size_t(n) * n), B(std::size_t(n) * n), C(std::size_t(n) * n);
  Rng r(1);
  for (auto& v : A) v = r.uniform01();
  for (auto& v : B) v = r.uniform01();
  for (auto _ : st) {
    gemm_f64(false, false, n, n, n, A.data(), n, B.data(), n, 0.0, C.data(), n);
    benchmark::DoNotOptimize(C.data());
  }
  st.counters["gflops"] = benchmark::Counter(2.0 * n * n * n / 1e9, benchmark::Counter::kIsIterationInvariantRate);
}

}  // namespace

BENCHMARK(BM_noisy_gd_relu512_b4096)->Unit(benchmark::kMillisecond)->MinTime(2.0)->UseRealTime();
BENCHMARK(BM_population_n20_w64_2threads)->Unit(benchmark::kMillisecond)->MinTime(2.0)->UseRealTime();
BENCHMARK(BM_gemm_1024)->Unit(benchmark::kMillisecond)->MinTime(1.0)->UseRealTime();
BENCHMARK_MAIN();
