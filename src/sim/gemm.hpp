// Dense double-precision matrix products for the simulator (column-major, BLAS-like), with a runtime choice
// between a portable build and an AVX2+FMA build of the same Eigen kernel, and our own packed AVX-512 kernel.
#pragma once
#include <string>

namespace gdcert::sim {

/**
 * C = op(A) op(B) + beta C, op(X) = X or X^T; op(A) is m x k, op(B) is k x n, C is m x n; column-major with
 * leading dimensions lda, ldb, ldc.
 * Guarantee: deterministic (single-threaded Eigen, fixed blocking): the same inputs give the same bits on
 *            the same machine and instruction set.
 * Method:    on x86-64 CPUs with AVX-512F, a packed blocked product with a 16 x NR register tile
 *            (src/sim/gemm_avx512.cpp) when m >= 16 and n >= 8; otherwise Eigen 3 GEMM through Map, on CPUs with
 *            AVX2 and FMA a copy compiled with -mavx2 -mfma (src/sim/gemm_avx2.cpp, its own Eigen namespace).
 *            GDCERT_SIM_ISA=portable | avx2 in the environment caps the instruction set (for comparisons).
 */
void gemm_f64(bool trans_a, bool trans_b, int m, int n, int k, const double* A, int lda, const double* B, int ldb,
              double beta, double* C, int ldc);

/** "avx512", "avx2+fma" or "portable": the best kernel gemm_f64 uses on this machine. */
std::string gemm_f64_isa();

namespace detail {
void gemm_f64_portable(bool ta, bool tb, int m, int n, int k, const double* A, int lda, const double* B, int ldb,
                       double beta, double* C, int ldc);
/** Defined only when the AVX2 translation unit is built (GDCERT_SIM_AVX2). */
void gemm_f64_avx2(bool ta, bool tb, int m, int n, int k, const double* A, int lda, const double* B, int ldb,
                   double beta, double* C, int ldc);
/** Defined only when the AVX-512 translation unit is built (GDCERT_SIM_AVX512); requires AVX-512F at run time. */
void gemm_f64_avx512(bool ta, bool tb, int m, int n, int k, const double* A, int lda, const double* B, int ldb,
                     double beta, double* C, int ldc);
/** The register-tile width the AVX-512 kernel uses for n columns (8, 10, 12 or 14). */
int gemm_f64_avx512_nr(int n);
}  // namespace detail

}  // namespace gdcert::sim
