// The AVX2+FMA build of the simulator GEMM. Compiled with -mavx2 -mfma (CMake); Eigen lives in its own namespace
// here so that none of its template instances can be merged with the portable ones of gemm.cpp.
#if defined(GDCERT_SIM_AVX2)
#define Eigen gdcert_eigen_avx2
#define EIGEN_DONT_PARALLELIZE
#include <Eigen/Core>

#include "sim/gemm.hpp"

namespace gdcert::sim::detail {
void gemm_f64_avx2(bool ta, bool tb, int m, int n, int k, const double* A, int lda, const double* B, int ldb,
                   double beta, double* C, int ldc)
#include "sim/gemm_kernel.inc"
}  // namespace gdcert::sim::detail
#endif
