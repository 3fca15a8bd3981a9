// Dense double-precision matrix products for the simulator (column-major, BLAS-like), with a runtime choice
// between a portable build and an AVX2+FMA build of the same Eigen kernel.
#pragma once
#include <string>

namespace gdcert::sim {

/**
 * C = op(A) op(B) + beta C, op(X) = X or X^T; op(A) is m x k, op(B) is k x n, C is m x n; column-major with
 * leading dimensions lda, ldb, ldc.
 * Guarantee: deterministic (single-threaded Eigen, fixed blocking): the same inputs give the same bits on
 *            the same machine and instruction set.
 * Method:    Eigen 3 GEMM through Map; on x86-64 CPUs with AVX2 and FMA a copy of the same code compiled with
 *            -mavx2 -mfma (src/sim/gemm_avx2.cpp, its own Eigen namespace) is used unless
 *            GDCERT_SIM_ISA=portable is set in the environment.
 */
void gemm_f64(bool trans_a, bool trans_b, int m, int n, int k, const double* A, int lda, const double* B, int ldb,
              double beta, double* C, int ldc);

/** "avx2+fma" or "portable": the kernel gemm_f64 uses on this machine. */
std::string gemm_f64_isa();

namespace detail {
void gemm_f64_portable(bool ta, bool tb, int m, int n, int k, const double* A, int lda, const double* B, int ldb,
                       double beta, double* C, int ldc);
/** Defined only when the AVX2 translation unit is built (GDCERT_SIM_AVX2). */
void gemm_f64_avx2(bool ta, bool tb, int m, int n, int k, const double* A, int lda, const double* B, int ldb,
                   double beta, double* C, int ldc);
}  // namespace detail

}  // namespace gdcert::sim
