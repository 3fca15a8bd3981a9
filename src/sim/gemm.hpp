// Dense double-precision matrix products for the simulator (column-major, BLAS-like), with a runtime choice
// between a portable build and an AVX2+FMA build of the same Eigen kernel, and our own packed AVX-512 kernel.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace gdcert::sim {

/**
 * Packed copies of left operands op(A) that stay the same over a run of products: a layer's weight matrix times
 * each 256-point block of a batch is packed once per run instead of once per block. Owned by one thread.
 * Contract:  the owner calls clear() whenever an operand it passes with the cache may have changed (at the start of
 *            every gradient or evaluation over a fixed parameter vector); between two clear() calls a cached
 *            operand is identified by its address, leading dimension, transposition and shape only.
 * Guarantee: a product through the cache has the same bits as without it (the packed values and the order of the
 *            sums are the same); kernels that do not pack (AVX2, portable) ignore it.
 */
class GemmPackCache {
 public:
  /** Every cached operand is stale from now on (its buffer is kept for reuse). */
  void clear() { ++epoch_; }
  /** Products that found their packed operand in the cache since construction (for tests). */
  std::uint64_t hits() const { return hits_; }
  /** Operands packed into the cache since construction (for tests). */
  std::uint64_t packs() const { return packs_; }

  struct Entry {
    const double* a = nullptr;
    int lda = 0, m = 0, k = 0;
    bool ta = false;
    std::uint64_t epoch = 0;
    std::size_t cap = 0;  // doubles
    std::shared_ptr<double> buf;  // 64-byte aligned
  };
  /** The entry for op(A): `fresh` when it holds the packed values of this epoch; else it is to be packed into
   *  (buf with room for `doubles`). At most kEntries entries, the least recently used one reused. */
  Entry& lookup(const double* a, int lda, bool ta, int m, int k, std::size_t doubles, bool& fresh);

 private:
  static constexpr std::size_t kEntries = 8;
  std::uint64_t epoch_ = 1, hits_ = 0, packs_ = 0, tick_ = 0;
  std::vector<Entry> entries_;
  std::vector<std::uint64_t> used_;
};

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
              double beta, double* C, int ldc, GemmPackCache* cache = nullptr);

/**
 * The column work of a ReLU layer's forward pass, done by the product's last slice while each tile is in
 * registers: z = C + bias (stored in C; no bias when null), h = (z > 0 ? z : 0) into h (leading dimension ldh),
 * and with wo the output neuron's four chains partial[4 j + r] += wo_i h_ij (the product rounded, then the sum; no
 * FMA) over the rows i of column j in increasing order, r = i mod 4, the rows from 4 floor(m / 4) on into r = 0
 * (partial: 4 n doubles, set by the caller). The same operations in the same order as the separate passes over
 * the columns (src/sim/noisy_gd.cpp, also compiled without contraction).
 */
struct ReluEpilogue {
  const double* bias = nullptr;
  double* h = nullptr;
  int ldh = 0;
  const double* wo = nullptr;
  double* partial = nullptr;
};

/**
 * C = op(A) op(B) (beta = 0), then the ReluEpilogue on the finished tiles, on CPUs whose kernel fuses it (the
 * AVX-512 one); returns false without computing anything on the others, whose callers run their own passes.
 */
bool gemm_f64_relu(bool trans_a, bool trans_b, int m, int n, int k, const double* A, int lda, const double* B, int ldb,
                   double* C, int ldc, const ReluEpilogue& ep, GemmPackCache* cache = nullptr);

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
                     double beta, double* C, int ldc, GemmPackCache* cache = nullptr);
/** Tests: with false, gemm_f64 ignores every GemmPackCache (packs each product's operands itself). */
void set_pack_cache_enabled(bool on);
/** Tests: with false, gemm_f64_relu returns false (the callers' separate passes run instead). */
void set_relu_epilogue_enabled(bool on);
/** Defined only when the AVX-512 translation unit is built: gemm_f64_avx512 with beta = 0 and the epilogue. */
void gemm_f64_avx512_relu(bool ta, bool tb, int m, int n, int k, const double* A, int lda, const double* B, int ldb,
                          double* C, int ldc, const ReluEpilogue& ep, GemmPackCache* cache);
/** The register-tile width the AVX-512 kernel uses for n columns (8, 10, 12 or 14). */
int gemm_f64_avx512_nr(int n);
}  // namespace detail

}  // namespace gdcert::sim
