#include "sim/gemm.hpp"

#define EIGEN_DONT_PARALLELIZE
#include <Eigen/Core>
#include <cstdlib>
#include <algorithm>
#include <atomic>
#include <cstring>
#include <new>

namespace gdcert::sim {

namespace detail {
// The register-tile width of the AVX-512 kernel (plain logic, defined in every build).
int gemm_f64_avx512_nr(int n) {
  // From 64 columns on, the 8-wide tile: its B micro-panel (kKC x 8, 16 KiB) leaves more of the first-level cache
  // to the A stream. Against NR = 14 on a Zen 5 core (in-process interleaved rounds): 1024^3 +3..4%, the
  // 512 x 256 x 30 first-layer product +5..10%, the 512 x 256 x 512 products of a 512-512 step within +-2% (the
  // noise there); the 30-512-512-1 step about +2% (interleaved process rounds, both orders).
  if (n >= 64) return 8;
  // Below, cost model: a tile of w columns costs about w + 3 units per p (the two row loads and loop overhead); n / NR
  // full tiles, then a remainder of at most 8 columns in an 8-wide tile, a larger one in an NR-wide tile.
  int best = 14;
  long best_cost = -1;
  for (int nr : {14, 12, 10, 8}) {
    const int rem = n % nr;
    const long cost = static_cast<long>(n / nr) * (nr + 3) + (rem == 0 ? 0 : rem <= 8 ? 11 : nr + 3);
    if (best_cost < 0 || cost < best_cost) best = nr, best_cost = cost;
  }
  return best;
}

void gemm_f64_portable(bool ta, bool tb, int m, int n, int k, const double* A, int lda, const double* B, int ldb,
                       double beta, double* C, int ldc)
#include "sim/gemm_kernel.inc"
}  // namespace detail

namespace {
std::atomic<bool> pack_cache_enabled{true};
std::atomic<bool> relu_epilogue_enabled{true};
std::atomic<bool> rank_one_enabled{true};
}  // namespace

void detail::set_pack_cache_enabled(bool on) { pack_cache_enabled.store(on, std::memory_order_relaxed); }
void detail::set_relu_epilogue_enabled(bool on) { relu_epilogue_enabled.store(on, std::memory_order_relaxed); }
void detail::set_rank_one_enabled(bool on) { rank_one_enabled.store(on, std::memory_order_relaxed); }

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

/** The packed AVX-512 kernel pays for its packing only when the 16-row tile is mostly filled. */
[[maybe_unused]] bool avx512_shape(int m, int n) { return m >= 16 && n >= 8; }
}  // namespace

GemmPackCache::Entry& GemmPackCache::lookup(const double* a, int lda, bool ta, int m, int k, std::size_t doubles,
                                            bool& fresh) {
  ++tick_;
  std::size_t slot = entries_.size();  // the entry of this operand, else a new one, else the least recently used
  for (std::size_t i = 0; i < entries_.size() && slot == entries_.size(); ++i) {
    const Entry& e = entries_[i];
    if (e.a == a && e.lda == lda && e.ta == ta && e.m == m && e.k == k) slot = i;
  }
  const bool found = slot < entries_.size();
  if (!found) {
    if (entries_.size() < kEntries) {
      entries_.emplace_back();
      used_.push_back(0);
    } else {
      slot = static_cast<std::size_t>(std::min_element(used_.begin(), used_.end()) - used_.begin());
    }
  }
  Entry& e = entries_[slot];
  used_[slot] = tick_;
  fresh = found && e.epoch == epoch_ && e.cap >= doubles;
  if (fresh) {
    ++hits_;
    return e;
  }
  if (e.cap < doubles) {
    void* p = std::aligned_alloc(64, ((doubles * sizeof(double) + 63) / 64) * 64);
    if (!p) throw std::bad_alloc();
    e.buf = std::shared_ptr<double>(static_cast<double*>(p), [](double* q) { std::free(q); });
    e.cap = doubles;
  }
  e.a = a, e.lda = lda, e.ta = ta, e.m = m, e.k = k, e.epoch = epoch_;
  ++packs_;
  return e;
}

void gemm_f64(bool trans_a, bool trans_b, int m, int n, int k, const double* A, int lda, const double* B, int ldb,
              double beta, double* C, int ldc, GemmPackCache* cache) {
  if (m <= 0 || n <= 0) return;
  const int level = isa_level();
  if (cache && !pack_cache_enabled.load(std::memory_order_relaxed)) cache = nullptr;
#if defined(GDCERT_SIM_AVX512)
  if (level >= 2 && avx512_shape(m, n))
    return detail::gemm_f64_avx512(trans_a, trans_b, m, n, k, A, lda, B, ldb, beta, C, ldc, cache);
#endif
#if defined(GDCERT_SIM_AVX2)
  if (level >= 1) return detail::gemm_f64_avx2(trans_a, trans_b, m, n, k, A, lda, B, ldb, beta, C, ldc);
#endif
  (void)level;
  (void)cache;
  detail::gemm_f64_portable(trans_a, trans_b, m, n, k, A, lda, B, ldb, beta, C, ldc);
}

bool gemm_f64_relu(bool trans_a, bool trans_b, int m, int n, int k, const double* A, int lda, const double* B, int ldb,
                   double* C, int ldc, const ReluEpilogue& ep, GemmPackCache* cache) {
#if defined(GDCERT_SIM_AVX512)
  if (isa_level() >= 2 && avx512_shape(m, n) && k > 0 && relu_epilogue_enabled.load(std::memory_order_relaxed)) {
    if (cache && !pack_cache_enabled.load(std::memory_order_relaxed)) cache = nullptr;
    detail::gemm_f64_avx512_relu(trans_a, trans_b, m, n, k, A, lda, B, ldb, C, ldc, ep, cache);
    return true;
  }
#endif
  (void)trans_a, (void)trans_b, (void)m, (void)n, (void)k, (void)A, (void)lda, (void)B, (void)ldb, (void)C, (void)ldc,
      (void)ep, (void)cache;
  return false;
}

bool relu_rank_one_applies(int o, int a) {
#if defined(GDCERT_SIM_AVX512)
  return isa_level() >= 2 && rank_one_enabled.load(std::memory_order_relaxed) && a % 16 == 0 && o % 8 == 0 &&
         a >= 64 && o >= 64;
#else
  (void)o, (void)a;
  return false;
#endif
}

bool relu_rank_one_backward(const RankOneBackward& p, double* dprev, RankOneScratch& s, bool reuse_u) {
  if (p.m <= 0 || !relu_rank_one_applies(p.o, p.a)) return false;
#if defined(GDCERT_SIM_AVX512)
  detail::relu_rank_one_avx512(p, dprev, s, reuse_u);
  return true;
#else
  (void)dprev, (void)s, (void)reuse_u;
  return false;
#endif
}

void relu_rank_one_flush(int o, int a, const double* wout, double* dW, RankOneScratch& s) {
  if (!s.pending_set) return;
  // Tile by tile (16 columns i, o x 16 contiguous sums), in runs of 64 rows k: the run's sums and the 16 columns'
  // pieces of dW stay in the first-level cache.
  constexpr int kTile = 16, kRun = 64;
  for (int i0 = 0; i0 < a; i0 += kTile) {
    const double* pend = s.pending.data() + std::size_t(i0) * o;
    for (int k0 = 0; k0 < o; k0 += kRun) {
      const int k1 = std::min(o, k0 + kRun);
      for (int t = 0; t < kTile; ++t) {
        double* col = dW + std::size_t(i0 + t) * o;
        for (int k = k0; k < k1; ++k) col[k] += wout[k] * pend[std::size_t(k) * kTile + t];
      }
    }
  }
  std::fill(s.pending.begin(), s.pending.end(), 0.0);
  s.pending_set = false;
}

std::string gemm_f64_isa() {
  switch (isa_level()) {
    case 2: return "avx512";
    case 1: return "avx2+fma";
    default: return "portable";
  }
}

}  // namespace gdcert::sim
