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

/**
 * The two backward products of a ReLU layer under a single output neuron, whose signal is rank one times a 0/1 mask:
 * with M[k,j] = (z[k + j*o] > 0), dZ[k,j] = M[k,j] wout[k] dout[j] (what the output neuron's backward columns form),
 *   dprev[i + j*a]  = dout[j] sum_k M[k,j] (wout[k] w[k + i*o])          (= (w^T dZ)[i,j], before sigma' below)
 *   pending(k, i) += sum_j M[k,j] dout[j] h[i + j*a]                    (dW[k,i] = wout[k] pending(k, i))
 * by the method of four Russians: the 16 subset sums of every 4 rows of the dense factor are tabulated once per
 * 16-column tile, and each output vector is the sum of one table entry per group of 4 mask bits (a load and an add
 * where the dense product has 4 multiply-adds). The weight gradient waits in the scratch until relu_rank_one_flush
 * adds wout[k] pending(k, i) into dW[k + i*o] (once per gradient chunk, not per block); pending is stored by tiles
 * of 16 columns i, pending(k, i) at (i - i % 16) o + 16 k + i % 16, so that a tile's sums are contiguous.
 * Rounding: the same sums in another order than gemm_f64's (and wout[k] w[k,i], dout[j] h[i,j] rounded first), so
 * a trajectory differs in its last bits from the dense products'; deterministic on a machine.
 */
struct RankOneBackward {
  int o = 0, a = 0, m = 0;         // rows of w (this layer's width), columns of w (the layer below), samples
  const double* z = nullptr;       // o x m pre-activations of this layer (the mask)
  const double* wout = nullptr;    // o weights of the output neuron
  const double* dout = nullptr;    // m output signals
  const double* h = nullptr;       // a x m activations of the layer below
  const double* w = nullptr;       // o x a weight of this layer
};

/** Buffers of relu_rank_one_backward, owned by one thread and kept between blocks. */
struct RankOneScratch {
  std::vector<double> u;           // u(k, i) = wout[k] w[k + i*o] by tiles (as pending), made once while `u_ready`
  std::vector<double> pending;     // o x a weight gradient not yet flushed, by tiles of 16 columns (above)
  std::vector<double> table;       // the subset sums of one tile (over-allocated for 64-byte alignment)
  std::vector<std::uint8_t> by_sample, by_row;  // mask bits: 8 rows k per byte by sample j; 8 samples per byte by row
  bool u_ready = false;            // u holds this parameter vector's values (the owner resets it when they change)
  bool pending_set = false;        // pending holds sums not yet flushed
};

/** Whether relu_rank_one_backward computes an o x a layer here: the CPU has AVX-512F, a % 16 == 0, o % 8 == 0,
 *  a >= 64 and o >= 64 (and tests have not switched it off). */
bool relu_rank_one_applies(int o, int a);

/**
 * The products where relu_rank_one_applies(p.o, p.a) and p.m > 0 (else false, nothing done, and the caller runs the
 * dense products). With reuse_u, s.u is taken as made for these wout and w when s.u_ready.
 */
bool relu_rank_one_backward(const RankOneBackward& p, double* dprev, RankOneScratch& s, bool reuse_u);

/** dW[k + i*o] += wout[k] pending(k, i) for the pending sums (dW o x a, column-major), then none pending. */
void relu_rank_one_flush(int o, int a, const double* wout, double* dW, RankOneScratch& s);

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
/** Tests: with false, relu_rank_one_backward returns false (the dense products run instead). */
void set_rank_one_enabled(bool on);
/** Defined only when the AVX-512 translation unit is built: relu_rank_one_backward's products. */
void relu_rank_one_avx512(const RankOneBackward& p, double* dprev, RankOneScratch& s, bool reuse_u);
/** The register-tile width the AVX-512 kernel uses for n columns (8, 10, 12 or 14). */
int gemm_f64_avx512_nr(int n);
}  // namespace detail

}  // namespace gdcert::sim
