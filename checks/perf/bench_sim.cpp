// Noisy-GD simulator benchmarks: steps/s on 30-512-1 and 30-512-512-1 ReLU (with biases) with a fresh batch of 4096
// per step (float64, one thread), the population gradient at n = 20 on 20-64-1 (one and two threads), a 1024^3 GEMM
// (the practical FP64 rate of our kernel), the core clock (a chain of dependent integer adds, one per cycle) and the
// FP64 peak of the core as measured (independent FMA chains in registers, at each vector width the CPU has): the ISA
// alone does not tell it (Zen 4 runs a 512-bit FMA as two 256-bit halves, 16 flop/cycle like AVX2; Zen 5: 32).
// The PyTorch and NumPy baselines run in interleaved rounds beside it (checks/perf/run_sim.sh, sim_baselines.py).
#include <benchmark/benchmark.h>

#include <cmath>
#include <vector>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

#include "exact/rng.hpp"
#include "sim/gemm.hpp"
#include "sim/noisy_gd.hpp"

using namespace gdcert;
using namespace gdcert::sim;

namespace {

RunConfig relu512(std::uint64_t steps, std::vector<unsigned> widths = {512}) {
  RunConfig c;
  c.net.n = 30;
  c.net.widths = widths;
  c.net.acts.assign(widths.size(), Activation::relu);
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

// One run of `steps` steps per iteration, its set-up (initial parameters, buffers, the evaluation sample) included.
void noisy_gd(benchmark::State& st, std::vector<unsigned> widths, std::uint64_t steps) {
  const RunConfig c = relu512(steps, widths);
  for (auto _ : st) benchmark::DoNotOptimize(run_noisy_gd<double>(c).final_params.data());
  st.counters["steps_per_s"] = benchmark::Counter(static_cast<double>(steps), benchmark::Counter::kIsIterationInvariantRate);
  // Matrix-product flops per step of the dense method: the first layer forward and its weight gradient (2 w n B
  // each); each further hidden layer forward, weight gradient and back-propagated signal (2 w w B each); the output
  // neuron (3 w B). On AVX-512 the last hidden layer's two backward products go by four Russians (a quarter of the
  // vector operations), so for 30-512-512-1 this counts dense-equivalent flops.
  double flops = 4.0 * widths[0] * 30 * 4096 + 3.0 * widths.back() * 4096;
  for (std::size_t l = 1; l < widths.size(); ++l) flops += 6.0 * widths[l - 1] * widths[l] * 4096;
  st.counters["gflops"] = benchmark::Counter(flops * steps / 1e9, benchmark::Counter::kIsIterationInvariantRate);
}

void BM_noisy_gd_relu512_b4096(benchmark::State& st) { noisy_gd(st, {512}, 20); }
void BM_noisy_gd_relu512x512_b4096(benchmark::State& st) { noisy_gd(st, {512, 512}, 24); }

void population_n20(benchmark::State& st, unsigned threads) {
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
  c.threads = threads;
  c.log_every = 10;
  c.max_eval_n = 10;
  c.eval_samples = 256;
  for (auto _ : st) benchmark::DoNotOptimize(run_noisy_gd<double>(c).final_params.data());
  st.counters["steps_per_s"] = benchmark::Counter(10.0, benchmark::Counter::kIsIterationInvariantRate);
}
void BM_population_n20_w64_2threads(benchmark::State& st) { population_n20(st, 2); }
void BM_population_n20_w64_1thread(benchmark::State& st) { population_n20(st, 1); }

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
  st.SetLabel(gemm_f64_isa());
}

// The core clock: 2^26 dependent integer adds (one cycle each on every x86-64 core), so ghz = adds / CPU time.
void BM_clock(benchmark::State& st) {
  const std::uint64_t adds = std::uint64_t{1} << 26;
  for (auto _ : st) {
    std::uint64_t x = 0;
    for (std::uint64_t i = 0; i < adds / 8; ++i) {
#if defined(__x86_64__)
      asm volatile("add $1, %0\n\tadd $1, %0\n\tadd $1, %0\n\tadd $1, %0\n\t"
                   "add $1, %0\n\tadd $1, %0\n\tadd $1, %0\n\tadd $1, %0" : "+r"(x));
#else
      x += 8;
      benchmark::DoNotOptimize(x);
#endif
    }
    benchmark::DoNotOptimize(x);
  }
  st.counters["ghz"] = benchmark::Counter(static_cast<double>(adds) / 1e9, benchmark::Counter::kIsIterationInvariantRate);
}

#if defined(__x86_64__)
// kChains independent FMA chains (more than latency x throughput on any x86-64 core: 4 cycles x 2 pipes), in
// registers; returns a value that depends on every chain and on `mul`, so that nothing is optimised away.
constexpr int kChains = 12;
constexpr std::uint64_t kFmaIters = std::uint64_t{1} << 22;

__attribute__((target("avx512f"))) double fma_chains_zmm(double mul) {
  __m512d a[kChains];
  for (int k = 0; k < kChains; ++k) a[k] = _mm512_set1_pd(k);
  const __m512d m = _mm512_set1_pd(mul), c = _mm512_set1_pd(1e-7);
  for (std::uint64_t i = 0; i < kFmaIters; ++i) {
#pragma GCC unroll 12
    for (int k = 0; k < kChains; ++k) a[k] = _mm512_fmadd_pd(a[k], m, c);
  }
  double s = 0;
  for (int k = 0; k < kChains; ++k) s += _mm512_reduce_add_pd(a[k]);
  return s;
}

__attribute__((target("avx2,fma"))) double fma_chains_ymm(double mul) {
  __m256d a[kChains];
  for (int k = 0; k < kChains; ++k) a[k] = _mm256_set1_pd(k);
  const __m256d m = _mm256_set1_pd(mul), c = _mm256_set1_pd(1e-7);
  for (std::uint64_t i = 0; i < kFmaIters; ++i) {
#pragma GCC unroll 12
    for (int k = 0; k < kChains; ++k) a[k] = _mm256_fmadd_pd(a[k], m, c);
  }
  alignas(32) double v[4];
  double s = 0;
  for (int k = 0; k < kChains; ++k) {
    _mm256_store_pd(v, a[k]);
    s += v[0] + v[1] + v[2] + v[3];
  }
  return s;
}

// The FP64 peak as measured: flop per second of kChains FMA chains at the vector width `bits` (512: AVX-512F,
// 256: AVX2+FMA); skipped on CPUs without that instruction set.
void BM_fma_peak(benchmark::State& st) {
  const int bits = static_cast<int>(st.range(0));
  __builtin_cpu_init();
  const bool ok = bits == 512 ? __builtin_cpu_supports("avx512f") != 0
                              : __builtin_cpu_supports("avx2") != 0 && __builtin_cpu_supports("fma") != 0;
  if (!ok) {
    st.SkipWithError("this CPU lacks the instruction set");
    return;
  }
  for (auto _ : st) {
    double mul = 0.999999;
    benchmark::DoNotOptimize(mul);  // an opaque argument: the call cannot be hoisted out of the loop
    benchmark::DoNotOptimize(bits == 512 ? fma_chains_zmm(mul) : fma_chains_ymm(mul));
  }
  const double flops = 2.0 * (bits / 64) * kChains * static_cast<double>(kFmaIters);
  st.counters["gflops"] = benchmark::Counter(flops / 1e9, benchmark::Counter::kIsIterationInvariantRate);
}
#endif

}  // namespace

BENCHMARK(BM_noisy_gd_relu512_b4096)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_noisy_gd_relu512x512_b4096)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_population_n20_w64_1thread)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_population_n20_w64_2threads)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_gemm_1024)->Unit(benchmark::kMillisecond)->MinTime(1.0)->UseRealTime();
BENCHMARK(BM_clock)->Unit(benchmark::kMillisecond)->MinTime(0.5);  // CPU time: descheduling does not count
#if defined(__x86_64__)
BENCHMARK(BM_fma_peak)->Arg(512)->Arg(256)->Unit(benchmark::kMillisecond)->MinTime(0.2);  // CPU time, as BM_clock
#endif
BENCHMARK_MAIN();
