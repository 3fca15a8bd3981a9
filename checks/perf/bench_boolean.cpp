// Benchmarks of the Boolean-function criteria (boolean/criteria.hpp), each interleaved with a baseline in the same
// benchmark so that the ratio comes from one run under the same machine state:
//   BM_autocorrelation/24  boolean::autocorrelation (squares + second int64 transform + exact division) on W_f
//                          against the same computation written directly on the FWHT (fwht_inplace_unchecked on a
//                          fresh int64 copy of W_f squared, then the shift)
//   BM_nonlinearity/26     api::walsh --criteria route (spectrum, int64 copy, walsh_criteria) against the direct FWHT
//                          route (int32 ±1 array, one transform, max |W|)
//   BM_anf/24              boolean::anf_monomials (64 bits per word) against a plain Möbius butterfly written here
//                          (one byte per point, a[i] ^= a[i ^ s] for every stride s)
// Each iteration times both sides (manual timing; the reported time is the library side) and the counters
// lib_ms, base_ms and ratio = base / lib are the medians over iterations. Every pair checks that both sides agree.
// Run: checks/perf/run_boolean.sh [build-dir]
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <span>
#include <vector>

#include "api/walsh.hpp"
#include "boolean/criteria.hpp"
#include "boolean/fwht.hpp"
#include "boolean/spec.hpp"
#include "boolean/walsh.hpp"

namespace {

using Clock = std::chrono::steady_clock;
double ms_since(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }
double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}
void report(benchmark::State& state, const std::vector<double>& lib, const std::vector<double>& base) {
  const double l = median(lib), b = median(base);
  state.counters["lib_ms"] = l;
  state.counters["base_ms"] = b;
  state.counters["ratio"] = b / l;
}
[[noreturn]] void mismatch(const char* what) {
  std::fprintf(stderr, "bench_boolean: %s: library and baseline disagree\n", what);
  std::abort();
}

std::vector<std::int64_t> walsh_of(const gdcert::boolean::CubeFunction& f) {
  std::vector<std::int64_t> w(f.size());
  for (std::uint64_t i = 0; i < f.size(); ++i) w[i] = f.sign(i);
  gdcert::boolean::fwht_inplace_unchecked(std::span<std::int64_t>(w), 1);
  return w;
}

void BM_autocorrelation(benchmark::State& state) {
  const unsigned n = static_cast<unsigned>(state.range(0));
  const auto f = gdcert::boolean::parse_spec("random:n=" + std::to_string(n) + ":seed=1").function;
  const std::vector<std::int64_t> w = walsh_of(f);
  std::vector<double> lib, base;
  for (auto _ : state) {
    auto t0 = Clock::now();
    const gdcert::boolean::Autocorrelation a = gdcert::boolean::autocorrelation(w, n, 1);
    const double tl = ms_since(t0);
    t0 = Clock::now();
    std::vector<std::int64_t> d(w.size());
    for (std::size_t i = 0; i < w.size(); ++i) d[i] = w[i] * w[i];
    gdcert::boolean::fwht_inplace_unchecked(std::span<std::int64_t>(d), 1);
    for (auto& x : d) x >>= n;
    const double tb = ms_since(t0);
    if (d != a.delta) mismatch("autocorrelation");
    lib.push_back(tl);
    base.push_back(tb);
    state.SetIterationTime(tl / 1e3);
  }
  report(state, lib, base);
}

void BM_nonlinearity(benchmark::State& state) {
  const unsigned n = static_cast<unsigned>(state.range(0));
  const std::string spec = "random:n=" + std::to_string(n) + ":seed=2";
  const auto f = gdcert::boolean::parse_spec(spec).function;
  std::vector<double> lib, base;
  for (auto _ : state) {
    auto t0 = Clock::now();
    const gdcert::api::WalshSpectrum s = gdcert::api::walsh_spectrum(f, spec, 1);
    std::vector<std::int64_t> w;
    if (s.transform_bits() == 32) w.assign(s.numerators_int32().begin(), s.numerators_int32().end());
    else w.assign(s.numerators_int64().begin(), s.numerators_int64().end());
    const gdcert::boolean::WalshCriteria c = gdcert::boolean::walsh_criteria(w, n);
    const double tl = ms_since(t0);
    t0 = Clock::now();
    std::vector<std::int32_t> v(f.size());
    for (std::uint64_t i = 0; i < f.size(); ++i) v[i] = f.sign(i);
    gdcert::boolean::fwht_inplace_unchecked(std::span<std::int32_t>(v), 1);
    std::int64_t mx = 0;
    for (std::int32_t x : v) mx = std::max<std::int64_t>(mx, x < 0 ? -static_cast<std::int64_t>(x) : x);
    const std::int64_t nl = (std::int64_t{1} << (n - 1)) - mx / 2;
    const double tb = ms_since(t0);
    if (c.nonlinearity.to_si() != nl) mismatch("nonlinearity");
    lib.push_back(tl);
    base.push_back(tb);
    state.SetIterationTime(tl / 1e3);
  }
  report(state, lib, base);
}

void BM_anf(benchmark::State& state) {
  const unsigned n = static_cast<unsigned>(state.range(0));
  const auto f = gdcert::boolean::parse_spec("random:n=" + std::to_string(n) + ":seed=3").function;
  std::vector<double> lib, base;
  for (auto _ : state) {
    auto t0 = Clock::now();
    const std::vector<std::uint64_t> anf = gdcert::boolean::anf_monomials(f);
    const double tl = ms_since(t0);
    t0 = Clock::now();
    std::vector<std::uint8_t> a(f.size());
    for (std::uint64_t i = 0; i < f.size(); ++i) a[i] = f.sign(i) < 0;
    for (std::uint64_t s = 1; s < a.size(); s <<= 1)
      for (std::uint64_t i = 0; i < a.size(); ++i)
        if (i & s) a[i] ^= a[i ^ s];
    const double tb = ms_since(t0);
    for (std::uint64_t i = 0; i < a.size(); i += 4099)  // a sample of the coefficients
      if (((anf[i >> 6] >> (i & 63)) & 1) != a[i]) mismatch("anf");
    lib.push_back(tl);
    base.push_back(tb);
    state.SetIterationTime(tl / 1e3);
  }
  report(state, lib, base);
}

}  // namespace

BENCHMARK(BM_autocorrelation)->Arg(24)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(5);
BENCHMARK(BM_nonlinearity)->Arg(26)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_anf)->Arg(24)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(5);
BENCHMARK_MAIN();
