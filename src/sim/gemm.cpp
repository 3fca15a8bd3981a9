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
/** 0 portable, 1 avx2+fma, 2 avx512: the best the CPU has, capped by GDCERT_SIM_ISA (portable | avx2). */
int isa_level() {
#if (defined(GDCERT_SIM_AVX2) || defined(GDCERT_SIM_AVX512)) && (defined(__x86_64__) || defined(__i386__))
  static const int level = [] {
    const char* env = std::getenv("GDCERT_SIM_ISA");
    int cap = 2;
    if (env && std::strcmp(env, "portable") == 0) cap = 0;
    if (env && std::strcmp(env, "avx2") == 0) cap = 1;
    __builtin_cpu_init();
    int have = 0;
#if defined(GDCERT_SIM_AVX2)
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) have = 1;
#endif
#if defined(GDCERT_SIM_AVX512)
    if (have == 1 && __builtin_cpu_supports("avx512f")) have = 2;
#endif
    return have < cap ? have : cap;
  }();
  return level;
#else
  return 0;
#endif
}
}  // namespace

void gemm_f64(bool trans_a, bool trans_b, int m, int n, int k, const double* A, int lda, const double* B, int ldb,
              double beta, double* C, int ldc) {
  if (m <= 0 || n <= 0) return;
  const int level = isa_level();
#if defined(GDCERT_SIM_AVX512)
  // The packed kernel pays for its packing only when the tile is mostly filled.
  if (level >= 2 && m >= 16 && n >= 8)
    return detail::gemm_f64_avx512(trans_a, trans_b, m, n, k, A, lda, B, ldb, beta, C, ldc);
#endif
#if defined(GDCERT_SIM_AVX2)
  if (level >= 1) return detail::gemm_f64_avx2(trans_a, trans_b, m, n, k, A, lda, B, ldb, beta, C, ldc);
#endif
  (void)level;
  detail::gemm_f64_portable(trans_a, trans_b, m, n, k, A, lda, B, ldb, beta, C, ldc);
}

std::string gemm_f64_isa() {
  switch (isa_level()) {
    case 2: return "avx512";
    case 1: return "avx2+fma";
    default: return "portable";
  }
}

}  // namespace gdcert::sim
