// Benchmarks of the width module (paper 003), one iteration each (the sizes of the issue):
//   BM_hinf_build_n1000      H^inf of 1000 random rational unit vectors in R^10 as 128-bit balls
//   BM_enclosure_n1000       the certified lambda_min enclosure of that matrix (residual route)
//   BM_eigen_double_n1000    the same-run baseline: Eigen's double symmetric eigensolver on the midpoints
//   BM_ldlt_exact_n200       exact LDL^T of a 200-point rational H^inf (D_21 roots; rho in {0, ±1/2, ±1})
// Counters: the enclosure's width, the largest pivot numerator in bits. checks/perf/run_width.sh prints the ratios.
#include <benchmark/benchmark.h>

#include "width/data.hpp"
#include "width/eigen_enclosure.hpp"
#include "width/gram.hpp"
#include "width/ldlt.hpp"

namespace {

using namespace gdcert;

const width::GramMatrix& matrix_n1000() {
  static const width::GramMatrix g = width::h_inf_matrix(width::parse_data_spec("sphere:n=1000:d=10:seed=1", 0).points, false, 128);
  return g;
}

void BM_hinf_build_n1000(benchmark::State& state) {
  const auto pts = width::parse_data_spec("sphere:n=1000:d=10:seed=1", 0).points;
  for (auto _ : state) benchmark::DoNotOptimize(width::h_inf_matrix(pts, false, 128));
}
BENCHMARK(BM_hinf_build_n1000)->Iterations(1)->Unit(benchmark::kMillisecond);

void BM_enclosure_n1000(benchmark::State& state) {
  const auto& g = matrix_n1000();
  double w = 0;
  for (auto _ : state) w = width::lambda_min_enclosure(g.ball_matrix, 128).width;
  state.counters["width"] = w;
}
BENCHMARK(BM_enclosure_n1000)->Iterations(1)->Unit(benchmark::kMillisecond);

void BM_eigen_double_n1000(benchmark::State& state) {
  const auto& g = matrix_n1000();
  for (auto _ : state) benchmark::DoNotOptimize(width::lambda_min_double(g.ball_matrix));
}
BENCHMARK(BM_eigen_double_n1000)->Iterations(1)->Unit(benchmark::kMillisecond);

void BM_ldlt_exact_n200(benchmark::State& state) {
  const auto g = width::h_inf_matrix(width::parse_data_spec("droots:k=21:count=200", 0).points, false, 64);
  std::size_t bits = 0;
  for (auto _ : state) bits = width::ldlt_exact(g.exact_matrix).max_pivot_numerator_bits;
  state.counters["pivot_numerator_bits"] = static_cast<double>(bits);
}
BENCHMARK(BM_ldlt_exact_n200)->Iterations(1)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
