// Tests of src/sim: the normal transform, laws and parsers, gradients against central differences in MPFR,
// bit-identical trajectories across runs and thread counts, double vs MPFR agreement, Monte-Carlo INAL against the
// exact INAL, learning of low-degree parities, divergence and resource errors, coupled initialisation, and the
// exhaustive small-n check of the steps of the alignment bound (noisy_gd.alignment).
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <numeric>

#include "alignment/cp.hpp"
#include "alignment/inal.hpp"
#include "boolean/group.hpp"
#include "boolean/spec.hpp"
#include "boolean/walsh.hpp"
#include "exact/errors.hpp"
#include "sim/gemm.hpp"
#include "sim/noisy_gd.hpp"

using namespace gdcert;
using namespace gdcert::sim;

namespace {

std::vector<double> table_of(const std::string& spec) {
  const auto f = boolean::parse_spec(spec).function;
  std::vector<double> t(f.size());
  for (std::uint64_t i = 0; i < f.size(); ++i) t[i] = f.is_boolean() ? f.sign(i) : f.value(i).to_double();
  return t;
}

TargetFn fn_of(const std::vector<double>& t) {
  return [t](const double* x, unsigned n) { return t[cube_index(x, n)]; };
}

NetSpec net(unsigned n, std::vector<unsigned> w, Activation a, bool bias = false) {
  NetSpec s;
  s.n = n;
  s.widths = std::move(w);
  s.acts.assign(s.widths.size(), a);
  s.bias = bias;
  return s;
}

RunConfig config(const std::string& spec, unsigned n, std::vector<unsigned> w, Activation a) {
  RunConfig c;
  c.net = net(n, std::move(w), a, true);
  c.init = parse_init_law("gaussian");
  c.bias = parse_bias_init("gaussian:beta2=1/4");
  c.target = fn_of(table_of(spec));
  c.steps = 6;
  c.lr = 0.05;
  c.noise = 0.01;
  c.clip = 0.5;
  c.seed = 11;
  c.log_every = 2;
  return c;
}

}  // namespace

TEST_CASE("standard normal: moments of 200000 draws, determinism") {
  Rng a(5), b(5);
  double s = 0, s2 = 0, s4 = 0;
  const int N = 200000;
  for (int i = 0; i < N; ++i) {
    const double z = standard_normal(a);
    CHECK(z == standard_normal(b));
    s += z;
    s2 += z * z;
    s4 += z * z * z * z;
  }
  CHECK(std::fabs(s / N) < 4.0 / std::sqrt(N));
  CHECK(std::fabs(s2 / N - 1) < 4.0 * std::sqrt(2.0 / N));
  CHECK(std::fabs(s4 / N - 3) < 4.0 * std::sqrt(96.0 / N));
}

TEST_CASE("fill_standard_normal (ziggurat): moments, CDF, tails, serial correlation, determinism") {
  // 2^21 draws with a fixed seed; every statistic within 4.5 standard errors of its N(0, 1) value. The CDF points
  // cover the rectangles, the wedges and the tail beyond R = 3.4426 (P(|Z| > 3.5) = 4.65e-4, about 980 draws).
  const std::size_t N = std::size_t{1} << 21;
  std::vector<double> z(N), w(N);
  Rng a(6), b(6);
  fill_standard_normal(a, z.data(), N);
  fill_standard_normal(b, w.data(), N);
  CHECK(z == w);
  const double n = static_cast<double>(N);
  double s = 0, s2 = 0, s4 = 0, lag = 0;
  for (std::size_t i = 0; i < N; ++i) {
    s += z[i];
    s2 += z[i] * z[i];
    s4 += z[i] * z[i] * z[i] * z[i];
    if (i + 1 < N) lag += z[i] * z[i + 1];
  }
  CHECK(std::fabs(s / n) < 4.5 / std::sqrt(n));
  CHECK(std::fabs(s2 / n - 1) < 4.5 * std::sqrt(2.0 / n));
  CHECK(std::fabs(s4 / n - 3) < 4.5 * std::sqrt(96.0 / n));
  CHECK(std::fabs(lag / n) < 4.5 / std::sqrt(n));
  const auto Phi = [](double t) { return 0.5 * std::erfc(-t / std::sqrt(2.0)); };
  for (double t : {-3.5, -2.5, -1.0, -0.2, 0.0, 0.3, 1.5, 2.9, 3.3, 3.5, 4.0}) {
    CAPTURE(t);
    double below = 0;
    for (double x : z) below += x <= t ? 1 : 0;
    const double p = Phi(t);
    CHECK(std::fabs(below / n - p) < 4.5 * std::sqrt(p * (1 - p) / n) + 1e-12);
  }
  std::size_t tail = 0;
  for (double x : z) tail += std::fabs(x) > 3.5 ? 1 : 0;
  const double pt = 2 * Phi(-3.5);
  CHECK(std::fabs(static_cast<double>(tail) / n - pt) < 4.5 * std::sqrt(pt / n));
  // odd and tiny counts
  std::vector<double> one(1);
  fill_standard_normal(a, one.data(), 1);
  CHECK(std::isfinite(one[0]));
}

TEST_CASE("parsers: activations, laws, widths, errors") {
  for (const char* a : {"relu", "sign", "sigmoid", "tanh", "erf", "softplus", "quadratic"})
    CHECK(to_string(parse_activation(a)) == a);
  CHECK_THROWS_AS(parse_activation("gelu"), input_error);
  CHECK_THROWS_AS(parse_init_law("laplace"), input_error);
  CHECK_THROWS_AS(parse_init_law("rademacher+gaussian:t=1"), input_error);
  CHECK(parse_init_law("rademacher+gaussian:tau2=1/4;s2=2").s2 == 2.0);
  CHECK(parse_init_law("rademacher+gaussian:tau2=1/4").tau2 == 0.25);
  CHECK(parse_init_law("finite:-1@1/4,0@1/2,1@1/4").kind == InitLaw::Kind::finite);
  CHECK_THROWS_AS(parse_widths("8,x"), input_error);
  CHECK_THROWS_AS(parse_widths("0"), input_error);
  CHECK(parse_widths("64,32") == std::vector<unsigned>{64, 32});
  CHECK_THROWS_AS(parse_loss("l1"), input_error);
  CHECK_THROWS_AS(parse_data("ball"), input_error);
  CHECK(net(30, {512}, Activation::relu, true).parameters() == 30 * 512 + 512 + 512 + 1);
}

TEST_CASE("init laws: Rademacher weights are exactly ±s/sqrt(fan_in) - coupled pairs cancel") {
  NetSpec s = net(4, {6}, Activation::relu);
  const auto th = initial_parameters(s, parse_init_law("rademacher:s2=4"), parse_bias_init("none"), 3);
  for (int i = 0; i < 24; ++i) CHECK(std::fabs(th[i]) == 1.0);  // 2/sqrt(4)
  for (int i = 24; i < 30; ++i) CHECK(std::fabs(th[i]) == doctest::Approx(2.0 / std::sqrt(6.0)));
  const auto c = initial_parameters(s, parse_init_law("coupled"), parse_bias_init("none"), 3);
  for (int i = 0; i < 6; i += 2) {
    for (int j = 0; j < 4; ++j) CHECK(c[i + j * 6] == c[i + 1 + j * 6]);
    CHECK(c[24 + i] == -c[24 + i + 1]);
  }
  // The network output is 0 at init, up to rounding: a*h + (-a)*h is exactly 0, but where the compiler contracts
  // it into fma(-a, h, round(a*h)) (builds with other flags, e.g. the sanitizer build) it is the rounding error of
  // a*h, about 1e-18 here.
  RunConfig cfg = config("parity:n=4:S=1,2", 4, {6}, Activation::tanh);
  cfg.init = parse_init_law("coupled");
  cfg.steps = 0;
  const RunResult r = run_noisy_gd<double>(cfg);
  CHECK(std::fabs(r.log.front().correlation) < 1e-15);
  s.widths = {5};
  CHECK_THROWS_AS(initial_parameters(s, parse_init_law("coupled"), parse_bias_init("none"), 3), input_error);
}

TEST_CASE("population gradient equals central differences of the population loss (MPFR, every activation and loss)") {
  const auto f = table_of("majority:n=5");
  for (Activation a : {Activation::relu, Activation::sigmoid, Activation::tanh, Activation::erf, Activation::softplus,
                       Activation::quadratic}) {
    for (Loss l : {Loss::square, Loss::correlation, Loss::logistic}) {
      CAPTURE(to_string(a));
      CAPTURE(to_string(l));
      const NetSpec s = net(5, {4, 3}, a, true);
      auto th = initial_parameters(s, parse_init_law("gaussian"), parse_bias_init("gaussian:beta2=1/2"), 7);
      std::vector<double> g;
      population_loss<double>(s, th, f, l, &g);
      set_reference_digits10(40);
      for (std::size_t i = 0; i < th.size(); i += 3) {
        const double h = 1e-6;
        auto tp = th, tm = th;
        tp[i] += h;
        tm[i] -= h;
        const double fd = (population_loss<Mp>(s, tp, f, l, nullptr) - population_loss<Mp>(s, tm, f, l, nullptr)) / (2 * h);
        CHECK(g[i] == doctest::Approx(fd).epsilon(1e-6).scale(1e-7));
      }
    }
  }
}

TEST_CASE("same seed: bit-identical trajectories across runs and thread counts (population and batch)") {
  for (GradMode mode : {GradMode::population, GradMode::batch, GradMode::fixed}) {
    RunConfig c = config("parity:n=14:S=1,2", 14, {8}, Activation::relu);
    c.grad = mode;
    c.batch = 9000;  // 3 chunks
    c.steps = 3;
    c.log_every = 1;
    c.max_eval_n = 10;
    c.eval_samples = 5000;
    c.threads = 1;
    const RunResult a = run_noisy_gd<double>(c);
    const RunResult b = run_noisy_gd<double>(c);
    c.threads = 2;
    const RunResult d = run_noisy_gd<double>(c);
    c.threads = 3;
    const RunResult e = run_noisy_gd<double>(c);
    CHECK(a.final_params == b.final_params);
    CHECK(a.final_params == d.final_params);
    CHECK(a.final_params == e.final_params);
    for (std::size_t i = 0; i < a.log.size(); ++i) {
      CHECK(a.log[i].loss == e.log[i].loss);
      CHECK(a.log[i].correlation == d.log[i].correlation);
    }
    c.seed = 12;
    CHECK(run_noisy_gd<double>(c).final_params != a.final_params);
  }
}

TEST_CASE("double and MPFR (50 digits) runs agree to 1e-10 on a short run") {
  // Documented tolerance: 6 steps of a 6-8-1 tanh net; the double run's rounding errors (about 1e-16 per
  // operation) grow by at most the Lipschitz factor of the steps, far below 1e-10.
  for (Activation a : {Activation::tanh, Activation::relu, Activation::erf}) {
    RunConfig c = config("majority:n=5", 5, {8}, a);
    set_reference_digits10(50);
    const RunResult d = run_noisy_gd<double>(c);
    const RunResult m = run_noisy_gd<Mp>(c);
    REQUIRE(d.final_params.size() == m.final_params.size());
    double worst = 0;
    for (std::size_t i = 0; i < d.final_params.size(); ++i) worst = std::max(worst, std::fabs(d.final_params[i] - m.final_params[i]));
    CHECK(worst < 1e-10);
    CHECK(d.log.back().loss == doctest::Approx(m.log.back().loss).epsilon(1e-10));
  }
}

TEST_CASE("GEMM: portable and dispatched kernels agree with a naive product") {
  const int m = 37, n = 29, k = 13;
  std::vector<double> A(m * k), B(k * n), C1(m * n, 1.0), C2(m * n, 1.0);
  Rng r(1);
  for (auto& v : A) v = standard_normal(r);
  for (auto& v : B) v = standard_normal(r);
  gemm_f64(false, false, m, n, k, A.data(), m, B.data(), k, 0.5, C1.data(), m);
  detail::gemm_f64_portable(false, false, m, n, k, A.data(), m, B.data(), k, 0.5, C2.data(), m);
  for (int j = 0; j < n; ++j)
    for (int i = 0; i < m; ++i) {
      double s = 0.5;
      for (int p = 0; p < k; ++p) s += A[i + p * m] * B[p + j * k];
      CHECK(C1[i + j * m] == doctest::Approx(s).epsilon(1e-12));
      CHECK(C2[i + j * m] == doctest::Approx(s).epsilon(1e-12));
    }
  CHECK((gemm_f64_isa() == "avx512" || gemm_f64_isa() == "avx2+fma" || gemm_f64_isa() == "portable"));
}

/** One gemm_f64 call on random operands (lda, ldb, ldc larger than needed; C NaN when beta = 0) against a naive
 *  long-double product: checks the entries against (k + 2) u sum |terms| and that C outside its m x n corner is
 *  untouched. */
void check_gemm(Rng& r, bool ta, bool tb, int m, int n, int k, double beta) {
  CAPTURE(ta);
  CAPTURE(tb);
  CAPTURE(m);
  CAPTURE(n);
  CAPTURE(k);
  CAPTURE(beta);
  const int lda = (ta ? k : m) + 3, ldb = (tb ? n : k) + 1, ldc = m + 2;
  std::vector<double> A(std::size_t(lda) * (ta ? m : k)), B(std::size_t(ldb) * (tb ? k : n));
  std::vector<double> C(std::size_t(ldc) * n);
  for (auto& v : A) v = standard_normal(r);
  for (auto& v : B) v = standard_normal(r);
  for (auto& v : C) v = standard_normal(r);
  if (beta == 0.0)  // C is not read when beta = 0 (a NaN there must not leak)
    for (auto& v : C) v = std::numeric_limits<double>::quiet_NaN();
  std::vector<double> R = C;
  gemm_f64(ta, tb, m, n, k, A.data(), lda, B.data(), ldb, beta, C.data(), ldc);
  double worst = 0;
  for (int j = 0; j < n; ++j)
    for (int i = 0; i < m; ++i) {
      long double s = 0, mag = 0;
      for (int p = 0; p < k; ++p) {
        const long double x = ta ? A[p + std::size_t(i) * lda] : A[i + std::size_t(p) * lda];
        const long double y = tb ? B[j + std::size_t(p) * ldb] : B[p + std::size_t(j) * ldb];
        s += x * y;
        mag += std::fabs(x * y);
      }
      const double c0 = R[i + std::size_t(j) * ldc];
      if (beta != 0.0) {
        s += beta * c0;
        mag += std::fabs(beta * c0);
      }
      // |error| <= (k + 2) u sum |terms| for any summation order (u = 2^-53)
      const double bound = (k + 2) * 0x1p-53 * static_cast<double>(mag) + 1e-300;
      worst = std::max(worst, std::fabs(C[i + std::size_t(j) * ldc] - static_cast<double>(s)) / bound);
    }
  CHECK(worst <= 1.0);
  // entries outside the m x n corner of C are untouched
  for (int j = 0; j < n; ++j)
    for (int i = m; i < ldc; ++i) CHECK_EQ(std::isnan(C[i + std::size_t(j) * ldc]), std::isnan(R[i + std::size_t(j) * ldc]));
}

TEST_CASE("GEMM: every transpose, edge tile, beta and slice depth against a naive long-double product") {
  // Shapes around the 16-row tile, the NR = 8..14 column tiles, the 256-deep slices and the 128-row A blocks;
  // leading dimensions larger than the rows. The dispatched kernel is the AVX-512 one where the CPU has it.
  Rng r(7);
  int cases = 0;
  for (int ta = 0; ta < 2; ++ta)
    for (int tb = 0; tb < 2; ++tb)
      for (int m : {1, 16, 17, 131})
        for (int n : {1, 8, 30, 43})
          for (int k : {1, 7, 257, 520})
            for (double beta : {0.0, 1.0, -0.5}) {
              check_gemm(r, ta, tb, m, n, k, beta);
              ++cases;
            }
  CHECK(cases == 2 * 2 * 4 * 4 * 4 * 3);
}

TEST_CASE("GEMM: several column panels (A packed once for all of them), depths around the 8-value transposes") {
  // n beyond one packed B panel (72 tiles of NR = 14: 1008 columns), k with and without a remainder mod 8 and
  // across a 256-deep slice, rows around the 16-row tile and the 128-row A block.
  Rng r(11);
  for (int ta = 0; ta < 2; ++ta)
    for (int tb = 0; tb < 2; ++tb)
      for (const auto& [m, k] : {std::pair{33, 20}, std::pair{131, 263}, std::pair{9, 8}})
        for (double beta : {0.0, 1.0}) check_gemm(r, ta, tb, m, 1030, k, beta);
}

TEST_CASE("GEMM: remainder tiles of at most 8 columns (the 8-wide kernel after NR-wide tiles)") {
  // NR = 14 with a remainder of 8 (n = 22), NR = 12 with 7 (n = 43); 39 (two tiles of 14 and 11 left, no narrow
  // tile); from 64 columns on the 8-wide tile (256, 260); m, k around the tile and slice edges.
  Rng r(13);
  CHECK(detail::gemm_f64_avx512_nr(22) == 14);
  CHECK(detail::gemm_f64_avx512_nr(43) == 12);
  CHECK(detail::gemm_f64_avx512_nr(30) == 10);
  CHECK(detail::gemm_f64_avx512_nr(256) == 8);
  for (int ta = 0; ta < 2; ++ta)
    for (int tb = 0; tb < 2; ++tb)
      for (int n : {256, 260, 39, 22, 43})
        for (const auto& [m, k] : {std::pair{512, 30}, std::pair{17, 263}})
          check_gemm(r, ta, tb, m, n, k, n == 256 ? 0.0 : 1.0);
}

TEST_CASE("GemmPackCache: the same bits as without it, one packing per operand and epoch, clear() repacks") {
  Rng r(17);
  const int m = 512, k = 300, n = 256;
  for (int ta = 0; ta < 2; ++ta) {
    std::vector<double> A(std::size_t(m) * k), B(std::size_t(k) * n), C0(std::size_t(m) * n), C1(C0.size());
    for (auto& v : A) v = standard_normal(r);
    for (auto& v : B) v = standard_normal(r);
    const int lda = ta ? k : m;
    GemmPackCache cache;
    for (int rep = 0; rep < 3; ++rep) {  // a run of products with one left operand: packed at the first only
      gemm_f64(ta, false, m, n, k, A.data(), lda, B.data(), k, 0.0, C0.data(), m);
      gemm_f64(ta, false, m, n, k, A.data(), lda, B.data(), k, 0.0, C1.data(), m, &cache);
      CHECK(std::memcmp(C0.data(), C1.data(), C0.size() * sizeof(double)) == 0);
    }
    if (gemm_f64_isa() == "avx512") {
      CHECK(cache.packs() == 1);
      CHECK(cache.hits() == 2);
    } else {
      CHECK(cache.packs() == 0);  // the AVX2 and portable kernels do not pack
    }
    // the operand changes in place: after clear() the product sees the new values
    for (auto& v : A) v = -v;
    cache.clear();
    gemm_f64(ta, false, m, n, k, A.data(), lda, B.data(), k, 0.0, C0.data(), m);
    gemm_f64(ta, false, m, n, k, A.data(), lda, B.data(), k, 0.0, C1.data(), m, &cache);
    CHECK(std::memcmp(C0.data(), C1.data(), C0.size() * sizeof(double)) == 0);
    if (gemm_f64_isa() == "avx512") CHECK(cache.packs() == 2);
    // another shape or transposition of the same address is another entry, not a stale hit
    std::vector<double> C2(std::size_t(m / 2) * n), C3(C2.size());
    gemm_f64(ta, false, m / 2, n, k, A.data(), lda, B.data(), k, 0.0, C2.data(), m / 2);
    gemm_f64(ta, false, m / 2, n, k, A.data(), lda, B.data(), k, 0.0, C3.data(), m / 2, &cache);
    CHECK(std::memcmp(C2.data(), C3.data(), C2.size() * sizeof(double)) == 0);
  }
}

TEST_CASE("noisy GD: packing weights once per chunk, and the ReLU epilogue in the product, give the same bits") {
  // 20-64-48-1, 20-512-512-1 and 20-70-37-1 (edge tiles, widths not multiples of 4 or 16) ReLU and sigmoid, batch
  // 9000 (3 chunks, a short last block), metrics every step: the whole trajectory with the pack cache and with the
  // fused ReLU epilogue equals the one with neither, on one thread and two.
  for (const std::vector<unsigned>& widths :
       {std::vector<unsigned>{64, 48}, std::vector<unsigned>{512, 512}, std::vector<unsigned>{70, 37}})
    for (Activation act : {Activation::relu, Activation::sigmoid}) {
      CAPTURE(widths[0]);
      RunConfig c = config("parity:n=20:S=1,2", 20, widths, act);
      c.grad = GradMode::batch;
      c.batch = 9000;
      c.steps = widths[0] == 512 ? 2 : 4;
      c.log_every = 1;
      c.max_eval_n = 10;
      for (unsigned threads : {1u, 2u}) {
        c.threads = threads;
        detail::set_pack_cache_enabled(false);
        detail::set_relu_epilogue_enabled(false);
        const RunResult plain = run_noisy_gd<double>(c);
        detail::set_pack_cache_enabled(true);
        const RunResult cached = run_noisy_gd<double>(c);
        detail::set_relu_epilogue_enabled(true);
        const RunResult fused = run_noisy_gd<double>(c);
        CHECK(plain.final_params == cached.final_params);
        CHECK(plain.final_params == fused.final_params);
        REQUIRE(plain.log.size() == cached.log.size());
        REQUIRE(plain.log.size() == fused.log.size());
        for (std::size_t i = 0; i < plain.log.size(); ++i) {
          CHECK(plain.log[i].loss == cached.log[i].loss);
          CHECK(plain.log[i].loss == fused.log[i].loss);
        }
      }
    }
}

TEST_CASE("four Russians: relu_rank_one_backward and its flush equal long-double sums (odd batches, several blocks)") {
  // Random o x a weights, output weights and, per block, pre-activations (an eighth exact zeros, some -0, which the
  // mask must drop as z > 0 does), signals and activations; the products against sums in long double, with a bound
  // of 4 n eps times the sum of the terms' magnitudes (n terms). A wrong table entry or mask bit is off by O(1).
  struct Shape {
    int o, a, m, blocks;
  };
  Rng rng(20261207);
  const auto normal = [&rng] {
    double v = 0;
    fill_standard_normal(rng, &v, 1);
    return v;
  };
  const bool avx512 = gemm_f64_isa() == "avx512";
  for (const Shape sh : {Shape{64, 64, 256, 1}, Shape{96, 80, 37, 3}, Shape{512, 128, 5, 2}, Shape{64, 64, 1, 2},
                         Shape{72, 64, 11, 1}, Shape{64, 64, 6, 1}}) {
    CAPTURE(sh.o);
    CAPTURE(sh.a);
    CAPTURE(sh.m);
    const int o = sh.o, a = sh.a, m = sh.m;
    std::vector<double> w(std::size_t(o) * a), wout(o), dW(std::size_t(o) * a);
    for (double& v : w) v = normal();
    for (double& v : wout) v = normal();
    for (double& v : dW) v = normal();
    std::vector<long double> ref(dW.begin(), dW.end()), mag(dW.size(), 0.0L);
    RankOneScratch s;
    for (int b = 0; b < sh.blocks; ++b) {
      std::vector<double> z(std::size_t(o) * m), dout(m), h(std::size_t(a) * m), dprev(std::size_t(a) * m, 0.0);
      for (std::size_t q = 0; q < z.size(); ++q) z[q] = q % 8 == 3 ? 0.0 : q % 16 == 7 ? -0.0 : normal();
      for (double& v : dout) v = normal();
      for (double& v : h) v = std::abs(normal());
      const RankOneBackward p{o, a, m, z.data(), wout.data(), dout.data(), h.data(), w.data()};
      const bool done = relu_rank_one_backward(p, dprev.data(), s, b > 0);
      CHECK(done == avx512);
      if (!done) return;
      for (int j = 0; j < m; ++j)
        for (int i = 0; i < a; ++i) {
          long double sum = 0, abs_sum = 0;
          for (int k = 0; k < o; ++k)
            if (z[k + std::size_t(j) * o] > 0) {
              const long double t = (long double)wout[k] * w[k + std::size_t(i) * o] * dout[j];
              sum += t;
              abs_sum += std::abs(t);
            }
          CHECK(std::abs(dprev[i + std::size_t(j) * a] - sum) <= 4 * o * 1.12e-16L * abs_sum + 1e-300L);
        }
      for (int i = 0; i < a; ++i)
        for (int k = 0; k < o; ++k)
          for (int j = 0; j < m; ++j)
            if (z[k + std::size_t(j) * o] > 0) {
              const long double t = (long double)wout[k] * dout[j] * h[i + std::size_t(j) * a];
              ref[k + std::size_t(i) * o] += t;
              mag[k + std::size_t(i) * o] += std::abs(t);
            }
    }
    CHECK(s.pending_set);
    relu_rank_one_flush(o, a, wout.data(), dW.data(), s);
    CHECK_FALSE(s.pending_set);
    int bad = 0;
    for (std::size_t q = 0; q < dW.size(); ++q)
      if (!(std::abs(dW[q] - ref[q]) <= 4 * (sh.blocks * m + 2) * 1.12e-16L * (mag[q] + std::abs(ref[q])) + 1e-300L))
        ++bad;
    CHECK(bad == 0);
    const std::vector<double> once = dW;
    relu_rank_one_flush(o, a, wout.data(), dW.data(), s);  // nothing pending: no change
    CHECK(dW == once);
  }
  // Shapes it declines (the dense products run): a not a multiple of 16, a < 64, o not a multiple of 8, o < 64.
  for (const Shape sh : {Shape{64, 72, 8, 1}, Shape{64, 48, 8, 1}, Shape{68, 64, 8, 1}, Shape{56, 64, 8, 1}}) {
    std::vector<double> z(std::size_t(sh.o) * sh.m, 1.0), wout(sh.o, 1.0), dout(sh.m, 1.0), h(std::size_t(sh.a) * sh.m, 1.0),
        w(std::size_t(sh.o) * sh.a, 1.0), dprev(std::size_t(sh.a) * sh.m, 7.0);
    RankOneScratch s;
    CHECK_FALSE(relu_rank_one_backward(RankOneBackward{sh.o, sh.a, sh.m, z.data(), wout.data(), dout.data(), h.data(),
                                                       w.data()},
                                       dprev.data(), s, false));
    CHECK(std::all_of(dprev.begin(), dprev.end(), [](double v) { return v == 7.0; }));
  }
}

TEST_CASE("four Russians in the network: the population gradient of a ReLU 9-64-80-1 net equals the MPFR one") {
  // n = 9: two blocks of 256 points, so the last hidden layer's weight gradient is pending over both before it is
  // flushed. The double gradient, with the four-Russians products (AVX-512) and with the dense ones, against the
  // same gradient in 30-digit MPFR: every entry within 1e-12 of the largest; and a 3-chunk batch trajectory is the
  // same on 1 and 2 threads and within 1e-12 of the dense products' one.
  const auto f = table_of("majority:n=9");
  const NetSpec s = net(9, {64, 80}, Activation::relu, true);
  const auto th = initial_parameters(s, parse_init_law("gaussian"), parse_bias_init("gaussian:beta2=1/4"), 5);
  set_reference_digits10(30);
  std::vector<double> g_ref, g_fr, g_dense;
  const double loss_ref = population_loss<Mp>(s, th, f, Loss::square, &g_ref);
  const double loss_fr = population_loss<double>(s, th, f, Loss::square, &g_fr);
  detail::set_rank_one_enabled(false);
  const double loss_dense = population_loss<double>(s, th, f, Loss::square, &g_dense);
  detail::set_rank_one_enabled(true);
  CHECK(loss_fr == doctest::Approx(loss_ref).epsilon(1e-13));
  CHECK(loss_dense == loss_fr);
  REQUIRE(g_fr.size() == g_ref.size());
  double scale = 0;
  for (double v : g_ref) scale = std::max(scale, std::abs(v));
  REQUIRE(scale > 0);
  int far_fr = 0, far_dense = 0, differ = 0;
  for (std::size_t i = 0; i < g_ref.size(); ++i) {
    far_fr += std::abs(g_fr[i] - g_ref[i]) > 1e-12 * scale;
    far_dense += std::abs(g_dense[i] - g_ref[i]) > 1e-12 * scale;
    differ += g_fr[i] != g_dense[i];
  }
  CHECK(far_fr == 0);
  CHECK(far_dense == 0);
  if (gemm_f64_isa() == "avx512") CHECK(differ > 0);  // the four-Russians path ran (other rounding)
  else CHECK(differ == 0);

  RunConfig c = config("parity:n=12:S=1,2", 12, {64, 64}, Activation::relu);
  c.grad = GradMode::batch;
  c.batch = 9000;
  c.steps = 3;
  c.log_every = 1;
  c.max_eval_n = 10;
  c.threads = 1;
  const RunResult one = run_noisy_gd<double>(c);
  c.threads = 2;
  const RunResult two = run_noisy_gd<double>(c);
  detail::set_rank_one_enabled(false);
  const RunResult dense = run_noisy_gd<double>(c);
  detail::set_rank_one_enabled(true);
  CHECK(one.final_params == two.final_params);
  REQUIRE(one.final_params.size() == dense.final_params.size());
  for (std::size_t i = 0; i < one.final_params.size(); ++i)
    CHECK(one.final_params[i] == doctest::Approx(dense.final_params[i]).epsilon(1e-12).scale(1e-12));
}

TEST_CASE("noisy GD: the memory estimate counts the packed weight matrices (AVX-512 kernel)") {
  // 4-1024-1024-1: P = 1.06M parameters; the gradient buffers need about 34 MiB, the packed copies of W and W^T
  // per thread about 34 MiB more, the four-Russians backward's scratch about 17 MiB more. Under a 40 MiB cap the run
  // is refused where the kernel packs (AVX-512) and runs elsewhere.
  RunConfig c = config("parity:n=4:S=1", 4, {1024, 1024}, Activation::relu);
  c.grad = GradMode::batch;
  c.batch = 256;
  c.steps = 1;
  c.threads = 1;
  c.max_eval_n = 4;
  ::setenv("GDCERT_MAX_MEMORY", "40M", 1);
  if (gemm_f64_isa() == "avx512") {
    CHECK_THROWS_AS(run_noisy_gd<double>(c), resource_error);
  } else {
    CHECK_NOTHROW(run_noisy_gd<double>(c));
  }
  ::setenv("GDCERT_MAX_MEMORY", "100M", 1);
  CHECK_NOTHROW(run_noisy_gd<double>(c));
  ::unsetenv("GDCERT_MAX_MEMORY");
}

TEST_CASE("noisy GD learns degree-1 and degree-2 parities at n = 6 with the population gradient") {
  for (const char* spec : {"parity:n=6:S=2", "parity:n=6:S=1,3"}) {
    CAPTURE(spec);
    RunConfig c;
    c.net = net(6, {32}, Activation::relu, true);
    c.init = parse_init_law("gaussian");
    c.bias = parse_bias_init("gaussian:beta2=1");
    c.target = fn_of(table_of(spec));
    c.steps = 300;
    c.lr = 0.2;
    c.noise = 1e-3;
    c.clip = 10;
    c.seed = 4;
    const RunResult r = run_noisy_gd<double>(c);
    CHECK(r.log.back().correlation > 0.9);
    CHECK(r.log.back().accuracy == 1.0);
  }
}

TEST_CASE("errors: divergence names the step - population gradient beyond the limit states the cost") {
  const auto check_diverges = [](RunConfig c, double lr) {
    c.lr = lr;
    c.clip = std::numeric_limits<double>::infinity();
    c.steps = 50;
    try {
      run_noisy_gd<double>(c);
      FAIL("expected divergence");
    } catch (const domain_error& e) {
      CHECK(std::string(e.what()).find("diverged at step") != std::string::npos);
    }
  };
  check_diverges(config("parity:n=4:S=1,2", 4, {8}, Activation::quadratic), 1e6);
  // The same through the four-Russians backward (ReLU, 64-64: its last hidden layer qualifies on AVX-512).
  check_diverges(config("parity:n=6:S=1,2", 6, {64, 64}, Activation::relu), 1e12);
  RunConfig big = config("parity:n=4:S=1,2", 4, {8}, Activation::relu);
  big.net.n = 30;
  try {
    run_noisy_gd<double>(big);
    FAIL("expected resource_error");
  } catch (const resource_error& e) {
    CHECK(std::string(e.what()).find("GFLOP per step") != std::string::npos);
  }
  RunConfig g = config("parity:n=4:S=1,2", 4, {8}, Activation::relu);
  g.data = DataKind::gaussian;
  CHECK_THROWS_AS(run_noisy_gd<double>(g), input_error);
  g.grad = GradMode::batch;
  g.batch = 0;
  CHECK_THROWS_AS(run_noisy_gd<double>(g), input_error);
}

TEST_CASE("Gaussian and sphere data with batches run and stay finite") {
  for (DataKind d : {DataKind::gaussian, DataKind::sphere}) {
    RunConfig c = config("parity:n=5:S=1", 5, {8}, Activation::relu);
    c.data = d;
    c.grad = GradMode::batch;
    c.batch = 256;
    c.steps = 20;
    c.lr = 0.1;
    c.eval_samples = 2000;
    const RunResult r = run_noisy_gd<double>(c);
    CHECK(std::isfinite(r.log.back().loss));
    CHECK(r.metrics_on.find("fixed sample") != std::string::npos);
  }
}

TEST_CASE("Monte-Carlo INAL within 4 standard errors of the exact INAL (n = 6 - ReLU, sign - Rademacher, Gaussian)") {
  for (const char* init : {"rademacher", "gaussian"})
    for (const char* act : {"relu", "sign"})
      for (const char* spec : {"parity:n=6:S=1", "parity:n=6:S=1,2", "majority:n=5"}) {
        const std::string init_s(init), act_s(act), spec_s(spec);
        CAPTURE(init_s);
        CAPTURE(act_s);
        CAPTURE(spec_s);
        const auto ps = boolean::parse_spec(spec);
        const unsigned n = ps.function.n();
        const auto W = boolean::walsh_spectrum(ps.function).level_weights();
        const alignment::WeightLaw wl = alignment::parse_weight_law(init);
        const alignment::BiasLaw bl = alignment::parse_bias_law("none");
        alignment::NeuronSpectrum s;
        if (wl.kind == alignment::WeightLaw::Kind::gaussian) {
          alignment::Parity par = alignment::Parity::none;
          s = alignment::neuron_spectrum_gaussian(n, alignment::gaussian_kernel_for(act, &par), par, wl, bl, 64);
        } else {
          s = alignment::neuron_spectrum_exact(n, alignment::parse_exact_activation(act), wl, bl, 1);
        }
        const Value ex = alignment::inal_from_spectrum(s, W, 64);
        const double exact = ex.kind() == Kind::exact ? ex.exact().to_double() : ex.ball().mid_double();
        const NetSpec nn = net(n, {16}, parse_activation(act));
        const InalEstimate e = inal_monte_carlo(nn, parse_init_law(init), parse_bias_init("none"), table_of(spec), 400, 9, 2);
        CHECK(e.inits == 400);
        if (exact == 0) CHECK(e.mean[0] < 1e-12);
        // Rounding floor: parity targets with lattice inits give the same value for every init (spread ~ 1e-17).
        else CHECK(std::fabs(e.mean[0] - exact) <= 4 * std::max({e.stderr_[0], 1e-12 * std::fabs(exact), 1e-30}));
        // Determinism across thread counts.
        const InalEstimate e1 = inal_monte_carlo(nn, parse_init_law(init), parse_bias_init("none"), table_of(spec), 400, 9, 1);
        CHECK(e1.mean == e.mean);
      }
}

TEST_CASE("alignment bound, exhaustive at n = 3: E_g <phi, f o g>^2 <= A_{B_3}(f) ||phi||^2 for every phi in {±1}^8") {
  // Steps 3 and 4 of proofs/noisy-gd.md#alignment: for every g in B_3 (48 elements) and every ±1-valued phi
  // (256 functions), exactly in rationals, with A = max_j W_j/C(n,j); f a random integer-valued function.
  Rng rng(17);
  for (int trial = 0; trial < 4; ++trial) {
    std::vector<Rational> fv(8);
    for (auto& v : fv) v = Rational(static_cast<long long>(rng.below(7)) - 3);
    const auto f = boolean::CubeFunction::from_values(3, fv);
    const Rational A = alignment::alignment_bn(boolean::walsh_spectrum(f).level_weights());
    std::vector<std::vector<Rational>> orbit;
    std::vector<int> perm = {0, 1, 2};
    do {
      for (unsigned s = 0; s < 8; ++s) {
        std::vector<Rational> fg(8);
        for (std::uint64_t x = 0; x < 8; ++x) {
          std::uint64_t y = 0;  // (g x)_i = s_i x_{perm(i)}
          for (int i = 0; i < 3; ++i) {
            const unsigned bit = ((x >> perm[i]) & 1) ^ ((s >> i) & 1);
            y |= std::uint64_t{bit} << i;
          }
          fg[x] = fv[y];
        }
        orbit.push_back(fg);
      }
    } while (std::next_permutation(perm.begin(), perm.end()));
    REQUIRE(orbit.size() == 48);
    Rational worst(0);
    for (unsigned phi = 0; phi < 256; ++phi) {
      Rational acc(0);
      for (const auto& fg : orbit) {
        Rational ip(0);
        for (unsigned x = 0; x < 8; ++x) ip += ((phi >> x) & 1) ? -fg[x] : fg[x];
        ip = ip / Rational(8);
        acc += ip * ip;
      }
      acc = acc / Rational(48);
      CHECK(acc <= A);  // ||phi||^2 = 1
      worst = std::max(worst, acc);
    }
    CHECK(worst <= A);
  }
  // Step 2: TV(N(0, s^2 I), N(d, s^2 I)) = 2 Phi(|d|/2s) - 1 <= |d|/(s sqrt(2 pi)), on a grid.
  for (double d = 0; d <= 10; d += 0.01) CHECK(std::erf(d / (2 * std::sqrt(2.0))) <= d / std::sqrt(2 * M_PI) + 1e-15);
}

TEST_CASE("population gradient: the cube-structured first layer equals the generic blocked path") {
  // Same sums regrouped: the trajectories agree to rounding (1e-12) for every activation, with and without
  // biases, one and two hidden layers; and in MPFR (50 digits) the two paths agree to 1e-40.
  for (Activation a : {Activation::relu, Activation::tanh, Activation::sign, Activation::quadratic})
    for (bool bias : {false, true})
      for (std::vector<unsigned> w : {std::vector<unsigned>{6}, std::vector<unsigned>{5, 3}}) {
        RunConfig c = config("parity:n=10:S=1,3", 10, w, a);
        c.net.bias = bias;
        c.steps = 4;
        c.cube_first_layer = true;
        const RunResult fast = run_noisy_gd<double>(c);
        c.cube_first_layer = false;
        const RunResult slow = run_noisy_gd<double>(c);
        REQUIRE(fast.final_params.size() == slow.final_params.size());
        double worst = 0;
        for (std::size_t i = 0; i < fast.final_params.size(); ++i)
          worst = std::max(worst, std::fabs(fast.final_params[i] - slow.final_params[i]));
        CHECK(worst < 1e-12);
      }
  RunConfig c = config("majority:n=9", 9, {4}, Activation::tanh);
  c.steps = 2;
  set_reference_digits10(50);
  c.cube_first_layer = true;
  const RunResult fast = run_noisy_gd<Mp>(c);
  c.cube_first_layer = false;
  const RunResult slow = run_noisy_gd<Mp>(c);
  const RunResult dbl = run_noisy_gd<double>(c);
  for (std::size_t i = 0; i < fast.final_params.size(); ++i) {
    CHECK(std::fabs(fast.final_params[i] - slow.final_params[i]) < 1e-15);  // both round the same 50-digit values
    CHECK(std::fabs(fast.final_params[i] - dbl.final_params[i]) < 1e-10);
  }
}
