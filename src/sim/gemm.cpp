#include "sim/gemm.hpp"

#define EIGEN_DONT_PARALLELIZE
#include <Eigen/Core>
#include <cstdlib>
#include <cstring>

namespace gdcert::sim {

namespace detail {
void gemm_f64_portable(bool ta, bool tb, int m, int n, int k, const double* A, int lda, const double* B, int ldb,
                       double beta, double* C, int ldc)
#include "sim/gemm_kernel.inc"
}  // namespace detail

namespace {
bool use_avx2() {
#if defined(GDCERT_SIM_AVX2) && (defined(__x86_64__) || defined(__i386__))
  static const bool ok = [] {
    const char* env = std::getenv("GDCERT_SIM_ISA");
    if (env && std::strcmp(env, "portable") == 0) return false;
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
  }();
  return ok;
#else
  return false;
#endif
}
}  // namespace

void gemm_f64(bool trans_a, bool trans_b, int m, int n, int k, const double* A, int lda, const double* B, int ldb,
              double beta, double* C, int ldc) {
  if (m <= 0 || n <= 0) return;
#if defined(GDCERT_SIM_AVX2)
  if (use_avx2()) return detail::gemm_f64_avx2(trans_a, trans_b, m, n, k, A, lda, B, ldb, beta, C, ldc);
#endif
  detail::gemm_f64_portable(trans_a, trans_b, m, n, k, A, lda, B, ldb, beta, C, ldc);
}

std::string gemm_f64_isa() { return use_avx2() ? "avx2+fma" : "portable"; }

}  // namespace gdcert::sim
