#include "sim/noisy_gd.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <memory>
#include <atomic>
#include <cmath>
#include <numbers>
#include <thread>
#include <type_traits>

#include <boost/math/constants/constants.hpp>

#include "alignment/law.hpp"
#include "exact/errors.hpp"
#include "exact/integer.hpp"
#include "exact/rational.hpp"
#include "exact/resources.hpp"
#include "sim/gemm.hpp"

namespace gdcert::sim {

// ---------------------------------------------------------------------------------------------------------------
// Small pieces

void set_reference_digits10(unsigned digits10) { Mp::default_precision(digits10); }

double standard_normal(Rng& rng) {
  const double u1 = 1.0 - rng.uniform01();  // (0, 1]
  const double u2 = rng.uniform01();
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

namespace {

/**
 * The ziggurat of the standard normal density with 128 layers (Marsaglia and Tsang, J. Stat. Softw. 5(8), 2000,
 * in Doornik's ZIGNOR form, 2005: the layer index and the uniform come from disjoint bits): x[i] the layer edges
 * (x[1] = R the tail start, x[0] = V / phi(R) the base strip's width with the tail's area, x[128] = 0), r[i] =
 * x[i+1] / x[i] the share of layer i inside the layer above.
 */
struct Ziggurat {
  static constexpr double kR = 3.442619855899;
  static constexpr double kV = 9.91256303526217e-3;
  double x[129];
  double r[128];
  Ziggurat() {
    double f = std::exp(-0.5 * kR * kR);
    x[0] = kV / f;
    x[1] = kR;
    x[128] = 0;
    for (int i = 2; i < 128; ++i) {
      x[i] = std::sqrt(-2.0 * std::log(kV / x[i - 1] + f));
      f = std::exp(-0.5 * x[i] * x[i]);
    }
    for (int i = 0; i < 128; ++i) r[i] = x[i + 1] / x[i];
  }
};

/** One N(0, 1) draw from the ziggurat: one generator call in about 99% of draws (the rectangle test). */
inline double ziggurat_normal(Rng& rng, const Ziggurat& z) {
  for (;;) {
    const std::uint64_t bits = rng.next();
    const unsigned i = static_cast<unsigned>(bits & 127u);                       // layer: bits 0..6
    const double u = 2.0 * (static_cast<double>(bits >> 11) * 0x1.0p-53) - 1.0;  // [-1, 1): bits 11..63
    if (std::fabs(u) < z.r[i]) return u * z.x[i];
    if (i == 0) {  // the tail beyond R (Marsaglia 1964)
      double t, y;
      do {
        t = std::log(1.0 - rng.uniform01()) / Ziggurat::kR;  // (1 - U) in (0, 1]
        y = std::log(1.0 - rng.uniform01());
      } while (-2.0 * y < t * t);
      return u < 0 ? t - Ziggurat::kR : Ziggurat::kR - t;
    }
    // the wedge between layers i and i + 1: accept under the density
    const double v = u * z.x[i];
    const double f0 = std::exp(-0.5 * (z.x[i] * z.x[i] - v * v));
    const double f1 = std::exp(-0.5 * (z.x[i + 1] * z.x[i + 1] - v * v));
    if (f1 + rng.uniform01() * (f0 - f1) < 1.0) return v;
  }
}

}  // namespace

void fill_standard_normal(Rng& rng, double* out, std::size_t count) {
  static const Ziggurat z;
  for (std::size_t i = 0; i < count; ++i) out[i] = ziggurat_normal(rng, z);
}

Activation parse_activation(std::string_view t) {
  if (t == "relu") return Activation::relu;
  if (t == "sign") return Activation::sign;
  if (t == "sigmoid") return Activation::sigmoid;
  if (t == "tanh") return Activation::tanh;
  if (t == "erf") return Activation::erf;
  if (t == "softplus") return Activation::softplus;
  if (t == "quadratic") return Activation::quadratic;
  throw input_error("unknown activation \"" + std::string(t) +
                    "\" (known: relu, sign, sigmoid, tanh, erf, softplus, quadratic)");
}

std::string_view to_string(Activation a) {
  switch (a) {
    case Activation::relu: return "relu";
    case Activation::sign: return "sign";
    case Activation::sigmoid: return "sigmoid";
    case Activation::tanh: return "tanh";
    case Activation::erf: return "erf";
    case Activation::softplus: return "softplus";
    case Activation::quadratic: return "quadratic";
  }
  return "?";
}

Loss parse_loss(std::string_view t) {
  if (t == "square") return Loss::square;
  if (t == "correlation") return Loss::correlation;
  if (t == "hinge") return Loss::hinge;
  if (t == "logistic") return Loss::logistic;
  throw input_error("unknown loss \"" + std::string(t) + "\" (known: square, correlation, hinge, logistic)");
}

std::string_view to_string(Loss l) {
  switch (l) {
    case Loss::square: return "square";
    case Loss::correlation: return "correlation";
    case Loss::hinge: return "hinge";
    case Loss::logistic: return "logistic";
  }
  return "?";
}

DataKind parse_data(std::string_view t) {
  if (t == "cube") return DataKind::cube;
  if (t == "gaussian") return DataKind::gaussian;
  if (t == "sphere") return DataKind::sphere;
  throw input_error("unknown data law \"" + std::string(t) + "\" (known: cube, gaussian, sphere)");
}

GradMode parse_grad_mode(std::string_view t) {
  if (t == "population") return GradMode::population;
  if (t == "batch") return GradMode::batch;
  if (t == "fixed") return GradMode::fixed;
  throw input_error("unknown gradient mode \"" + std::string(t) + "\" (known: population, batch, fixed)");
}

namespace {

double to_d(const Rational& q) { return q.to_double(); }

void finite_law(const std::vector<alignment::Atom>& atoms, std::vector<double>& values, std::vector<double>& cum) {
  double c = 0;
  for (const auto& a : atoms) {
    values.push_back(to_d(a.value));
    c += to_d(a.prob);
    cum.push_back(c);
  }
  cum.back() = 1.0;
}

double draw_finite(Rng& rng, const std::vector<double>& values, const std::vector<double>& cum) {
  const double u = rng.uniform01();
  for (std::size_t i = 0; i < cum.size(); ++i)
    if (u < cum[i]) return values[i];
  return values.back();
}

std::string after(std::string_view text, std::string_view prefix) { return std::string(text.substr(prefix.size())); }

}  // namespace

double InitLaw::draw(Rng& rng) const {
  switch (kind) {
    case Kind::gaussian:
    case Kind::coupled: return standard_normal(rng);
    case Kind::rademacher: return (rng.next() >> 63) ? -1.0 : 1.0;
    case Kind::finite: return draw_finite(rng, values, cumulative);
    case Kind::rademacher_gaussian: {
      const double r = (rng.next() >> 63) ? -1.0 : 1.0;
      const double g = standard_normal(rng);
      return (r + std::sqrt(tau2) * g) / std::sqrt(1.0 + tau2);
    }
  }
  return 0;
}

InitLaw parse_init_law(std::string_view text) {
  InitLaw law;
  law.name = std::string(text);
  auto s2_of = [&](std::string_view rest) {
    if (rest.empty()) return;
    if (rest.substr(0, 3) != "s2=") throw input_error("--init: expected s2=Q, got \"" + std::string(rest) + "\"");
    const Rational q = Rational::parse(rest.substr(3));
    if (q.sign() <= 0) throw input_error("--init: requires s2 > 0");
    law.s2 = to_d(q);
  };
  if (text.starts_with("rademacher+gaussian:")) {
    law.kind = InitLaw::Kind::rademacher_gaussian;
    std::string rest = after(text, "rademacher+gaussian:");
    const std::size_t semi = rest.find(';');
    const std::string t = rest.substr(0, semi);
    if (!t.starts_with("tau2=")) throw input_error("--init rademacher+gaussian: requires tau2=Q, got \"" + t + "\"");
    const Rational q = Rational::parse(t.substr(5));
    if (q.sign() < 0) throw input_error("--init rademacher+gaussian: requires tau2 >= 0");
    law.tau2 = to_d(q);
    if (semi != std::string::npos) s2_of(std::string_view(rest).substr(semi + 1));
    return law;
  }
  if (text == "coupled" || text.starts_with("coupled:")) {
    law.kind = InitLaw::Kind::coupled;
    if (text.size() > 8) s2_of(text.substr(8));
    return law;
  }
  if (!(text.starts_with("gaussian") || text.starts_with("rademacher") || text.starts_with("finite:")))
    throw input_error("unknown init law \"" + std::string(text) +
                      "\" (known: gaussian[:s2=Q], rademacher[:s2=Q], finite:v@p,...[;s2=Q], "
                      "rademacher+gaussian:tau2=Q[;s2=Q], coupled[:s2=Q])");
  const alignment::WeightLaw w = alignment::parse_weight_law(text);
  law.s2 = to_d(w.s2);
  if (w.kind == alignment::WeightLaw::Kind::gaussian) {
    law.kind = InitLaw::Kind::gaussian;
  } else if (text.starts_with("rademacher")) {
    law.kind = InitLaw::Kind::rademacher;
  } else {
    law.kind = InitLaw::Kind::finite;
    finite_law(w.atoms, law.values, law.cumulative);
  }
  return law;
}

double BiasInit::draw(Rng& rng, double scale) const {
  switch (kind) {
    case Kind::none: return 0;
    case Kind::gaussian: return std::sqrt(beta2) * standard_normal(rng);
    case Kind::finite: return scale * draw_finite(rng, values, cumulative);
  }
  return 0;
}

BiasInit parse_bias_init(std::string_view text) {
  const alignment::BiasLaw b = alignment::parse_bias_law(text);
  BiasInit out;
  out.name = b.name();
  switch (b.kind) {
    case alignment::BiasLaw::Kind::none: out.kind = BiasInit::Kind::none; break;
    case alignment::BiasLaw::Kind::gaussian:
      out.kind = BiasInit::Kind::gaussian;
      out.beta2 = to_d(b.beta2);
      break;
    case alignment::BiasLaw::Kind::finite:
      out.kind = BiasInit::Kind::finite;
      finite_law(b.atoms, out.values, out.cumulative);
      break;
  }
  return out;
}

std::uint64_t NetSpec::parameters() const {
  std::uint64_t p = 0, in = n;
  std::vector<unsigned> dims(widths);
  dims.push_back(1);
  for (unsigned o : dims) {
    p += in * o + (bias ? o : 0);
    in = o;
  }
  return p;
}

std::string NetSpec::str() const {
  std::string s = std::to_string(n);
  for (unsigned w : widths) s += "-" + std::to_string(w);
  s += "-1";
  for (std::size_t l = 0; l < acts.size(); ++l) s += (l ? "," : " ") + std::string(to_string(acts[l]));
  if (bias) s += " with biases";
  return s;
}

std::vector<unsigned> parse_widths(std::string_view text) {
  std::vector<unsigned> w;
  std::size_t start = 0;
  const std::string t(text);
  while (start <= t.size()) {
    const std::size_t end = std::min(t.find(',', start), t.size());
    const std::string tok = t.substr(start, end - start);
    Integer z;
    try {
      z = Integer::parse(tok);
    } catch (const gdcert::error&) {
      throw input_error("--net: requires comma-separated widths, got \"" + t + "\"");
    }
    if (z.sign() <= 0 || z > Integer(65536)) throw input_error("--net: requires widths in 1..65536, got \"" + tok + "\"");
    w.push_back(static_cast<unsigned>(z.to_si()));
    start = end + 1;
  }
  if (w.size() > 16) throw input_error("--net: at most 16 hidden layers");
  return w;
}

void cube_point(std::uint64_t i, unsigned n, double* x) {
  for (unsigned j = 0; j < n; ++j) x[j] = ((i >> j) & 1) ? -1.0 : 1.0;
}

std::uint64_t cube_index(const double* x, unsigned n) {
  std::uint64_t i = 0;
  for (unsigned j = 0; j < n; ++j)
    if (x[j] < 0) i |= std::uint64_t{1} << j;
  return i;
}

Sampler standard_sampler(DataKind kind) {
  switch (kind) {
    case DataKind::cube:
      return [](Rng& rng, double* x, unsigned n) {
        std::uint64_t bits = 0;
        for (unsigned j = 0; j < n; ++j) {
          if (j % 64 == 0) bits = rng.next();
          x[j] = (bits & 1) ? -1.0 : 1.0;
          bits >>= 1;
        }
      };
    case DataKind::gaussian:
      return [](Rng& rng, double* x, unsigned n) {
        for (unsigned j = 0; j < n; ++j) x[j] = standard_normal(rng);
      };
    case DataKind::sphere:
      return [](Rng& rng, double* x, unsigned n) {
        double s = 0;
        do {
          s = 0;
          for (unsigned j = 0; j < n; ++j) {
            x[j] = standard_normal(rng);
            s += x[j] * x[j];
          }
        } while (s == 0);
        const double r = std::sqrt(static_cast<double>(n) / s);
        for (unsigned j = 0; j < n; ++j) x[j] *= r;
      };
  }
  return {};
}

// ---------------------------------------------------------------------------------------------------------------
// Scalar helpers

namespace {

inline double to_double(double x) { return x; }
inline double to_double(const Mp& x) { return x.convert_to<double>(); }
inline bool is_finite(double x) { return std::isfinite(x); }
inline bool is_finite(const Mp& x) { return boost::multiprecision::isfinite(x); }

template <class S>
void mm(bool ta, bool tb, int m, int n, int k, const S* A, int lda, const S* B, int ldb, const S& beta, S* C, int ldc,
        GemmPackCache* = nullptr) {
  for (int j = 0; j < n; ++j)
    for (int i = 0; i < m; ++i) {
      S acc = 0;
      for (int p = 0; p < k; ++p) acc += (ta ? A[p + i * lda] : A[i + p * lda]) * (tb ? B[j + p * ldb] : B[p + j * ldb]);
      S& c = C[i + j * ldc];
      c = beta == 0 ? acc : S(beta * c + acc);
    }
}
inline void mm(bool ta, bool tb, int m, int n, int k, const double* A, int lda, const double* B, int ldb,
               const double& beta, double* C, int ldc, GemmPackCache* cache = nullptr) {
  gemm_f64(ta, tb, m, n, k, A, lda, B, ldb, beta, C, ldc, cache);
}

template <class S>
[[gnu::always_inline]] inline void activate(Activation a, int sign0, double tie, const S* z, S* h, std::size_t len) {
  using std::erf;
  using std::exp;
  using std::log1p;
  using std::tanh;
  switch (a) {
    case Activation::relu:
      for (std::size_t i = 0; i < len; ++i) h[i] = z[i] > 0 ? z[i] : S(0);
      break;
    case Activation::sign:
      for (std::size_t i = 0; i < len; ++i) h[i] = z[i] > tie ? S(1) : z[i] < -tie ? S(-1) : S(sign0);
      break;
    case Activation::sigmoid:
      for (std::size_t i = 0; i < len; ++i) h[i] = S(1) / (S(1) + exp(-z[i]));
      break;
    case Activation::tanh:
      for (std::size_t i = 0; i < len; ++i) h[i] = tanh(z[i]);
      break;
    case Activation::erf:
      for (std::size_t i = 0; i < len; ++i) h[i] = erf(z[i]);
      break;
    case Activation::softplus:
      for (std::size_t i = 0; i < len; ++i) h[i] = z[i] > 0 ? S(z[i] + log1p(exp(-z[i]))) : S(log1p(exp(z[i])));
      break;
    case Activation::quadratic:
      for (std::size_t i = 0; i < len; ++i) h[i] = z[i] * z[i];
      break;
  }
}

/** d[i] *= sigma'(z[i]) (h = sigma(z) given). */
template <class S>
[[gnu::always_inline]] inline void times_derivative(Activation a, const S* z, const S* h, S* d, std::size_t len) {
  using std::exp;
  switch (a) {
    case Activation::relu:
      for (std::size_t i = 0; i < len; ++i) d[i] = z[i] > 0 ? d[i] : S(0);
      break;
    case Activation::sign:
      for (std::size_t i = 0; i < len; ++i) d[i] = 0;
      break;
    case Activation::sigmoid:
      for (std::size_t i = 0; i < len; ++i) d[i] *= h[i] * (S(1) - h[i]);
      break;
    case Activation::tanh:
      for (std::size_t i = 0; i < len; ++i) d[i] *= S(1) - h[i] * h[i];
      break;
    case Activation::erf: {
      const S c = S(2) / boost::math::constants::root_pi<S>();
      for (std::size_t i = 0; i < len; ++i) d[i] *= c * exp(-z[i] * z[i]);
      break;
    }
    case Activation::softplus:
      for (std::size_t i = 0; i < len; ++i) d[i] *= S(1) / (S(1) + exp(-z[i]));
      break;
    case Activation::quadratic:
      for (std::size_t i = 0; i < len; ++i) d[i] *= S(2) * z[i];
      break;
  }
}

template <class S>
S loss_value(Loss l, const S& yhat, const S& y) {
  using std::exp;
  using std::log1p;
  switch (l) {
    case Loss::square: return (yhat - y) * (yhat - y) / 2;
    case Loss::correlation: return -y * yhat;
    case Loss::hinge: return S(1) - y * yhat > 0 ? S(S(1) - y * yhat) : S(0);
    case Loss::logistic: {
      const S m = y * yhat;
      return m > 0 ? S(log1p(exp(-m))) : S(-m + log1p(exp(m)));
    }
  }
  return 0;
}

template <class S>
[[gnu::always_inline]] inline S loss_derivative(Loss l, const S& yhat, const S& y) {
  using std::exp;
  switch (l) {
    case Loss::square: return yhat - y;
    case Loss::correlation: return -y;
    case Loss::hinge: return S(1) - y * yhat > 0 ? S(-y) : S(0);
    case Loss::logistic: return -y / (S(1) + exp(y * yhat));
  }
  return 0;
}

// ---------------------------------------------------------------------------------------------------------------
// Column passes of the forward and backward sweeps (elementwise work done while a column is in cache). The double
// versions are cloned for AVX-512F and AVX2 (wider adds and multiplies) and chosen at load time by the CPU. This file
// is compiled with -ffp-contract=off: no clone contracts a multiply and an add into an FMA, so the clones round
// alike, and the ReLU epilogue of the AVX-512 GEMM (gemm_f64_relu) can reproduce hidden_columns exactly. The GEMM
// kernels differ in their last bits between instruction sets; a machine always takes the same one, so a seed gives
// one trajectory per machine (and per GDCERT_SIM_ISA setting of the GEMM).

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define GDCERT_SIM_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define GDCERT_SIM_CLONES
#endif

/** The output neuron's value from its four chains (hidden_columns, and the ReLU epilogue's partial sums). */
template <class S>
[[gnu::always_inline]] inline S output_of_chains(const S& bo, const S& p0, const S& p1, const S& p2, const S& p3) {
  return bo + ((p0 + p1) + (p2 + p3));
}

/** A hidden layer's columns: z += bias, h = sigma(z), and for the last hidden layer zout_j = bo + wo . h_j. */
template <class S>
struct HiddenColumns {
  Activation act;
  int sign0;
  double tie;
  int o, m;
  S* z;
  S* h;
  const S* bias;  // null: no bias to add
  const S* wo;    // null: not the last hidden layer
  S bo;
  S* zout;
};

template <class S>
[[gnu::always_inline]] inline void hidden_columns_impl(const HiddenColumns<S>& c) {
  const int o = c.o;
  for (int j = 0; j < c.m; ++j) {
    S* zc = c.z + std::size_t(j) * o;
    S* hc = c.h + std::size_t(j) * o;
    if (c.bias && c.act == Activation::relu) {
      // One pass: the activation from the register, not reloaded. (A masked reload of a value just stored is not
      // forwarded from the store on some cores and waits for it to reach the cache; this loop was 3.5% of a step.)
      for (int i = 0; i < o; ++i) {
        const S v = zc[i] + c.bias[i];
        zc[i] = v;
        hc[i] = v > 0 ? v : S(0);
      }
    } else {
      if (c.bias)
        for (int i = 0; i < o; ++i) zc[i] += c.bias[i];
      activate(c.act, c.sign0, c.tie, zc, hc, std::size_t(o));
    }
    if (c.wo) {
      // Four partial sums in a fixed order (independent add chains; deterministic).
      S p0(0), p1(0), p2(0), p3(0);
      int i = 0;
      for (; i + 4 <= o; i += 4) {
        p0 += c.wo[i] * hc[i];
        p1 += c.wo[i + 1] * hc[i + 1];
        p2 += c.wo[i + 2] * hc[i + 2];
        p3 += c.wo[i + 3] * hc[i + 3];
      }
      for (; i < o; ++i) p0 += c.wo[i] * hc[i];
      c.zout[j] = output_of_chains(c.bo, p0, p1, p2, p3);
    }
  }
}

template <class S>
void hidden_columns(const HiddenColumns<S>& c) {
  hidden_columns_impl(c);
}
GDCERT_SIM_CLONES void hidden_columns_d(const HiddenColumns<double>& c) { hidden_columns_impl(c); }
template <>
void hidden_columns<double>(const HiddenColumns<double>& c) {
  hidden_columns_d(c);
}

/** The output neuron's backward columns: gw += d_j h_j, dprev_j = wl d_j * sigma'(z_j). */
template <class S>
struct OutputColumns {
  Activation act;
  int a, m;
  const S* d;
  const S* wl;
  S* gw;
  const S* zp;
  const S* hp;
  S* dprev;
};

template <class S>
[[gnu::always_inline]] inline void output_columns_impl(const OutputColumns<S>& c) {
  const int a = c.a;
  for (int j = 0; j < c.m; ++j) {
    const S dj = c.d[j];
    const S* hc = c.hp + std::size_t(j) * a;
    S* dc = c.dprev + std::size_t(j) * a;
    if (c.act == Activation::relu) {  // sigma' applied in the register (see hidden_columns_impl)
      const S* zc = c.zp + std::size_t(j) * a;
      for (int i = 0; i < a; ++i) {
        c.gw[i] += dj * hc[i];
        const S x = c.wl[i] * dj;
        dc[i] = zc[i] > 0 ? x : S(0);
      }
      continue;
    }
    for (int i = 0; i < a; ++i) {
      c.gw[i] += dj * hc[i];
      dc[i] = c.wl[i] * dj;
    }
    times_derivative(c.act, c.zp + std::size_t(j) * a, hc, dc, std::size_t(a));
  }
}

template <class S>
void output_columns(const OutputColumns<S>& c) {
  output_columns_impl(c);
}
GDCERT_SIM_CLONES void output_columns_d(const OutputColumns<double>& c) { output_columns_impl(c); }
template <>
void output_columns<double>(const OutputColumns<double>& c) {
  output_columns_d(c);
}

/** gb += sum of the m columns of d (o x m), column by column. */
template <class S>
[[gnu::always_inline]] inline void bias_gradient_impl(S* gb, const S* d, int o, int m) {
  for (int j = 0; j < m; ++j)
    for (int i = 0; i < o; ++i) gb[i] += d[i + std::size_t(j) * o];
}
template <class S>
void bias_gradient(S* gb, const S* d, int o, int m) {
  bias_gradient_impl(gb, d, o, m);
}
GDCERT_SIM_CLONES void bias_gradient_d(double* gb, const double* d, int o, int m) { bias_gradient_impl(gb, d, o, m); }
template <>
void bias_gradient<double>(double* gb, const double* d, int o, int m) {
  bias_gradient_d(gb, d, o, m);
}

/** d *= sigma'(z) over a whole o x m block. */
template <class S>
void times_derivative_block(Activation act, const S* z, const S* h, S* d, std::size_t len) {
  times_derivative(act, z, h, d, len);
}
GDCERT_SIM_CLONES void times_derivative_block_d(Activation act, const double* z, const double* h, double* d,
                                                std::size_t len) {
  times_derivative(act, z, h, d, len);
}
template <>
void times_derivative_block<double>(Activation act, const double* z, const double* h, double* d, std::size_t len) {
  times_derivative_block_d(act, z, h, d, len);
}

// ---------------------------------------------------------------------------------------------------------------
// The network: parameter layout, blocked forward and backward passes

constexpr int kBlock = 256;  // samples per block (fixed: part of the reduction order)
constexpr std::size_t kChunkBytes = std::size_t{1} << 18;  // column chunk of a block's elementwise passes (in L2)

template <class S>
struct Workspace {
  std::vector<std::vector<S>> z, h;  // per layer: pre-activations and activations, dims[l+1] x kBlock
  std::vector<S> d, d2;              // backward buffers
  std::vector<S> x, y, out, dout;
  std::vector<S> dacc, zhi, rsum;    // cube path of the population gradient (Runner::chunk_gradient_cube)
  std::vector<S> partial;            // the output neuron's four chains per column (ReluEpilogue), 4 x kBlock
  GemmPackCache pack_cache;          // the weight matrices packed once per FixedTheta scope
  GemmPackCache* packs = nullptr;    // &pack_cache inside a FixedTheta scope, else null (no reuse)
  RankOneScratch rank_one;           // the last hidden layer's four-Russians backward (Layout::backward)
};

/**
 * A scope over which the parameter vector passed to Layout::forward / backward does not change (one chunk of a
 * gradient, one evaluation): the weight matrices' packed copies are made at their first product and reused by the
 * later blocks (GemmPackCache; the same bits as packing every block).
 */
template <class S>
class FixedTheta {
 public:
  explicit FixedTheta(Workspace<S>& ws) : ws_(ws) {
    ws_.pack_cache.clear();
    ws_.packs = &ws_.pack_cache;
    ws_.rank_one.u_ready = false;
    ws_.rank_one.pending_set = false;  // a gradient starts with nothing pending (none left by an interrupted one)
  }
  ~FixedTheta() {
    ws_.packs = nullptr;
    ws_.rank_one.u_ready = false;
  }
  FixedTheta(const FixedTheta&) = delete;
  FixedTheta& operator=(const FixedTheta&) = delete;

 private:
  Workspace<S>& ws_;
};

class Layout {
 public:
  explicit Layout(const NetSpec& net) : net_(net) {
    dims_.push_back(net.n);
    for (unsigned w : net.widths) dims_.push_back(w);
    dims_.push_back(1);
    std::uint64_t off = 0;
    for (std::size_t l = 0; l + 1 < dims_.size(); ++l) {
      w_off_.push_back(off);
      off += std::uint64_t{dims_[l]} * dims_[l + 1];
      b_off_.push_back(off);
      if (net.bias) off += dims_[l + 1];
    }
    p_ = off;
  }
  std::size_t layers() const { return dims_.size() - 1; }  // hidden layers + output
  unsigned in(std::size_t l) const { return dims_[l]; }
  unsigned out(std::size_t l) const { return dims_[l + 1]; }
  /** The layer whose backward products (in double) go by four Russians, relu_rank_one_backward: the last hidden
   *  layer, with a layer below it and ReLU, where relu_rank_one_applies to its shape; 0 (never that layer) if none.
   *  One predicate for backward's dispatch and the run's memory estimate. */
  std::size_t rank_one_layer() const {
    if (layers() < 3) return 0;
    const std::size_t l = layers() - 2;
    return net_.acts[l] == Activation::relu && relu_rank_one_applies(static_cast<int>(out(l)), static_cast<int>(in(l)))
               ? l
               : 0;
  }
  std::uint64_t w(std::size_t l) const { return w_off_[l]; }
  std::uint64_t b(std::size_t l) const { return b_off_[l]; }
  std::uint64_t parameters() const { return p_; }
  const NetSpec& net() const { return net_; }
  unsigned max_width() const { return *std::max_element(dims_.begin(), dims_.end()); }

  template <class S>
  void prepare(Workspace<S>& ws) const {
    ws.z.assign(layers(), {});
    ws.h.assign(layers(), {});
    for (std::size_t l = 0; l < layers(); ++l) {
      ws.z[l].assign(std::size_t{out(l)} * kBlock, S(0));
      if (l + 1 < layers()) ws.h[l].assign(std::size_t{out(l)} * kBlock, S(0));
    }
    ws.d.assign(std::size_t{max_width()} * kBlock, S(0));
    ws.d2.assign(std::size_t{max_width()} * kBlock, S(0));
    ws.x.assign(std::size_t{net_.n} * kBlock, S(0));
    ws.y.assign(kBlock, S(0));
    ws.out.assign(kBlock, S(0));
    ws.dout.assign(kBlock, S(0));
    ws.partial.assign(4 * std::size_t{kBlock}, S(0));
  }

  /**
   * Forward pass on ws.x (n x m): ws.z, ws.h filled; ws.out = output (also in ws.z.back()).
   * With z0_ready, ws.z[0] already holds the first layer's pre-activations (biases included).
   * Fused: bias, activation and, for the last hidden layer, the output neuron's dot product run column by column
   * while the column is in the first-level cache (out_j = b + sum_i w_i h_ij in four interleaved partial sums).
   */
  template <class S>
  void forward(const S* theta, int m, Workspace<S>& ws, bool z0_ready = false) const {
    const S zero(0);
    const std::size_t L = layers();
    S* zout = ws.z[L - 1].data();
    if (L == 1) {  // no hidden layer: the output neuron on the inputs
      const int a = static_cast<int>(in(0));
      mm(false, false, 1, m, a, theta + w(0), 1, ws.x.data(), a, zero, zout, 1);
      if (net_.bias)
        for (int j = 0; j < m; ++j) zout[j] += theta[b(0)];
      for (int j = 0; j < m; ++j) ws.out[j] = zout[j];
      return;
    }
    for (std::size_t l = 0; l + 1 < L; ++l) {
      const int a = static_cast<int>(in(l)), o = static_cast<int>(out(l));
      const S* input = l == 0 ? ws.x.data() : ws.h[l - 1].data();
      S* z = ws.z[l].data();
      S* h = ws.h[l].data();
      const bool have_z = l == 0 && z0_ready;
      const bool last = l + 2 == L;
      if constexpr (std::is_same_v<S, double>) {
        // ReLU: bias, activation and the output neuron's chains in the product's epilogue, while each tile is in
        // registers (gemm_f64_relu: the same operations in the same order as hidden_columns; false where the
        // kernel cannot fuse them, and the column passes below run instead).
        if (net_.acts[l] == Activation::relu && !have_z) {
          double* partial = last ? ws.partial.data() : nullptr;
          if (partial) std::fill(partial, partial + 4 * std::size_t(m), 0.0);
          const ReluEpilogue ep{net_.bias ? theta + b(l) : nullptr, h, o, last ? theta + w(L - 1) : nullptr, partial};
          if (gemm_f64_relu(false, false, o, m, a, theta + w(l), o, input, a, z, o, ep, ws.packs)) {
            if (last) {
              const double bo = net_.bias ? theta[b(L - 1)] : 0.0;
              for (int j = 0; j < m; ++j) {
                const double* q = partial + 4 * std::size_t(j);
                zout[j] = output_of_chains(bo, q[0], q[1], q[2], q[3]);
              }
            }
            continue;
          }
        }
      }
      // In column chunks of at most kChunkBytes of z, each passed to hidden_columns while it is in the second-level
      // cache (the weight matrix is packed once per block, or once per FixedTheta scope; the same sums either way).
      const int step = std::max(8, std::min(m, static_cast<int>(kChunkBytes / (sizeof(S) * std::size_t(o)))));
      for (int j0 = 0; j0 < m; j0 += step) {
        const int mc = std::min(step, m - j0);
        S* zc = z + std::size_t(j0) * o;
        if (!have_z) mm(false, false, o, mc, a, theta + w(l), o, input + std::size_t(j0) * a, a, zero, zc, o, ws.packs);
        hidden_columns(HiddenColumns<S>{net_.acts[l], net_.sign0, net_.sign_tie, o, mc, zc, h + std::size_t(j0) * o,
                                        net_.bias && !have_z ? theta + b(l) : nullptr,
                                        last ? theta + w(L - 1) : nullptr, net_.bias ? S(theta[b(L - 1)]) : zero,
                                        zout + j0});
      }
    }
    for (int j = 0; j < m; ++j) ws.out[j] = zout[j];
  }

  /**
   * Backward pass after forward: grad += d(sum_j dout_j * out_j)/dtheta. With skip_w0 the first layer's weight and
   * bias gradients are left to the caller, which gets dZ of the first layer (out(0) x m) as the return value.
   * The output neuron's weight gradient, its back-propagated signal and sigma' are formed column by column in
   * cache (dW += d_j h_j, dprev_j = w d_j * sigma'(z_j)); the other layers are matrix products.
   */
  template <class S>
  const S* backward(const S* theta, int m, Workspace<S>& ws, S* grad, bool skip_w0 = false) const {
    const S zero(0), one(1);
    S* d = ws.d.data();  // dZ of the current layer, out(l) x m
    for (int j = 0; j < m; ++j) d[j] = ws.dout[j];
    for (std::size_t l = layers(); l-- > 0;) {
      const int a = static_cast<int>(in(l)), o = static_cast<int>(out(l));
      if (l == 0 && skip_w0) break;
      const S* input = l == 0 ? ws.x.data() : ws.h[l - 1].data();
      if (net_.bias) bias_gradient(grad + b(l), d, o, m);
      if (l == 0) {
        mm(false, true, o, a, m, d, o, input, a, one, grad + w(l), o);
        break;
      }
      S* dprev = d == ws.d.data() ? ws.d2.data() : ws.d.data();
      if (o == 1) {
        output_columns(OutputColumns<S>{net_.acts[l - 1], a, m, d, theta + w(l), grad + w(l), ws.z[l - 1].data(),
                                        ws.h[l - 1].data(), dprev});
      } else {
        bool rank_one = false;
        if constexpr (std::is_same_v<S, double>) {
          // The last hidden layer under the output neuron: with ReLU, d = M o (wout dout^T) (output_columns), and
          // both products go by four Russians (relu_rank_one_backward; its weight gradient waits in ws.rank_one for
          // finish_backward).
          if (l == rank_one_layer()) {
            const RankOneBackward p{o, a, m, ws.z[l].data(), theta + w(l + 1), ws.dout.data(), input, theta + w(l)};
            rank_one = relu_rank_one_backward(p, dprev, ws.rank_one, ws.packs != nullptr);
          }
        }
        if (!rank_one) {
          mm(false, true, o, a, m, d, o, input, a, one, grad + w(l), o);
          mm(true, false, a, m, o, theta + w(l), o, d, o, zero, dprev, a, ws.packs);
        }
        times_derivative_block(net_.acts[l - 1], ws.z[l - 1].data(), ws.h[l - 1].data(), dprev, std::size_t(a) * m);
      }
      d = dprev;
    }
    return d;
  }

  /** After the last backward of a gradient into `grad`: the weight gradient backward left pending is added in. */
  template <class S>
  void finish_backward(const S* theta, Workspace<S>& ws, S* grad) const {
    if constexpr (std::is_same_v<S, double>) {
      if (ws.rank_one.pending_set) {
        const std::size_t l = layers() - 2;
        relu_rank_one_flush(static_cast<int>(out(l)), static_cast<int>(in(l)), theta + w(l + 1), grad + w(l),
                            ws.rank_one);
      }
    } else {
      (void)theta, (void)ws, (void)grad;
    }
  }

 private:
  NetSpec net_;
  std::vector<unsigned> dims_;
  std::vector<std::uint64_t> w_off_, b_off_;
  std::uint64_t p_ = 0;
};

/** Inputs and buffers of one block of the fused one-hidden-layer population pass (Runner::chunk_gradient_cube). */
template <class S>
struct FusedBlock {
  Activation act;
  int sign0;
  double tie;
  Loss loss;
  int o;
  const S* W2;
  S b2, w;
  const S* alo;
  const S* zhi;
  const double* y;  // 256 targets of the block
  S *zc, *hc, *dc, *dacc, *rsum, *gW2;
};

/** Returns the output bias gradient of the block; accumulates dacc, rsum, gW2. */
template <class S>
[[gnu::always_inline]] inline S fused_block_impl(const FusedBlock<S>& b) {
  const int o = b.o;
  S gb2(0);
  for (int j = 0; j < kBlock; ++j) {
    const S* ac = b.alo + std::size_t(j) * o;
    for (int i = 0; i < o; ++i) b.zc[i] = ac[i] + b.zhi[i];
    activate(b.act, b.sign0, b.tie, b.zc, b.hc, std::size_t(o));
    // Four partial sums in a fixed order (independent add chains; deterministic).
    S p0(0), p1(0), p2(0), p3(0);
    int i4 = 0;
    for (; i4 + 4 <= o; i4 += 4) {
      p0 += b.W2[i4] * b.hc[i4];
      p1 += b.W2[i4 + 1] * b.hc[i4 + 1];
      p2 += b.W2[i4 + 2] * b.hc[i4 + 2];
      p3 += b.W2[i4 + 3] * b.hc[i4 + 3];
    }
    for (; i4 < o; ++i4) p0 += b.W2[i4] * b.hc[i4];
    const S out = b.b2 + ((p0 + p1) + (p2 + p3));
    const S dout = b.w * loss_derivative(b.loss, out, S(b.y[j]));
    gb2 += dout;
    for (int i = 0; i < o; ++i) {
      b.gW2[i] += dout * b.hc[i];
      b.dc[i] = b.W2[i] * dout;
    }
    times_derivative(b.act, b.zc, b.hc, b.dc, std::size_t(o));
    S* acc = b.dacc + std::size_t(j) * o;
    for (int i = 0; i < o; ++i) {
      acc[i] += b.dc[i];
      b.rsum[i] += b.dc[i];
    }
  }
  return gb2;
}

template <class S>
S fused_block(const FusedBlock<S>& b) {
  return fused_block_impl(b);
}

/**
 * The double version is cloned for AVX-512F and AVX2 and chosen at load time by the CPU (as the column passes above:
 * the AVX-512F clone contracts multiply-adds into FMA, the AVX2 one gives the bits of the default clone).
 */
GDCERT_SIM_CLONES double fused_block_d(const FusedBlock<double>& b) {
  return fused_block_impl(b);
}

template <>
double fused_block<double>(const FusedBlock<double>& b) {
  return fused_block_d(b);
}

/** Runs fn(chunk, worker) for every chunk on `threads` workers; chunks are claimed in any order. */
template <class Fn>
void for_chunks(std::uint64_t chunks, unsigned threads, Fn&& fn) {
  if (threads <= 1 || chunks <= 1) {
    for (std::uint64_t c = 0; c < chunks; ++c) fn(c, 0u);
    return;
  }
  const unsigned t = static_cast<unsigned>(std::min<std::uint64_t>(threads, chunks));
  std::atomic<std::uint64_t> next{0};
  std::vector<std::thread> pool;
  std::exception_ptr err;
  std::atomic<bool> failed{false};
  for (unsigned k = 0; k < t; ++k)
    pool.emplace_back([&, k] {
      try {
        for (std::uint64_t c; !failed && (c = next++) < chunks;) fn(c, k);
      } catch (...) {
        if (!failed.exchange(true)) err = std::current_exception();
      }
    });
  for (auto& th : pool) th.join();
  if (err) std::rethrow_exception(err);
}

unsigned resolve_threads(unsigned t) {
  if (t == 0) t = std::max(1u, std::thread::hardware_concurrency());
  return t;
}

/** Points per chunk: a multiple of the block, depending only on the total (never on the thread count). */
std::uint64_t chunk_size(std::uint64_t total) {
  std::uint64_t c = 16 * kBlock;
  while ((total + c - 1) / c > 256) c *= 2;
  return c;
}

}  // namespace

std::vector<double> initial_parameters(const NetSpec& net, const InitLaw& init, const BiasInit& bias, std::uint64_t seed) {
  const Layout lay(net);
  std::vector<double> theta(lay.parameters(), 0.0);
  Rng rng(derive_seed(seed, 0));
  for (std::size_t l = 0; l < lay.layers(); ++l) {
    const double scale = std::sqrt(init.s2 / lay.in(l));
    const std::uint64_t cnt = std::uint64_t{lay.in(l)} * lay.out(l);
    for (std::uint64_t i = 0; i < cnt; ++i) theta[lay.w(l) + i] = scale * init.draw(rng);
    if (net.bias)
      for (unsigned i = 0; i < lay.out(l); ++i) theta[lay.b(l) + i] = bias.draw(rng, scale);
  }
  if (init.kind == InitLaw::Kind::coupled) {
    const std::size_t L = lay.layers() - 1;  // output layer; the last hidden layer is L-1
    if (L == 0) throw input_error("--init coupled: requires at least one hidden layer");
    const unsigned width = lay.out(L - 1), a = lay.in(L - 1);
    if (width % 2 != 0) throw input_error("--init coupled: requires an even last hidden width, got " + std::to_string(width));
    for (unsigned i = 0; i < width; i += 2) {
      for (unsigned j = 0; j < a; ++j)  // row i+1 = row i (column-major: element (r, j) at r + j*width)
        theta[lay.w(L - 1) + (i + 1) + std::uint64_t{j} * width] = theta[lay.w(L - 1) + i + std::uint64_t{j} * width];
      if (net.bias) theta[lay.b(L - 1) + i + 1] = theta[lay.b(L - 1) + i];
      theta[lay.w(L) + i + 1] = -theta[lay.w(L) + i];
    }
    if (net.bias) theta[lay.b(L)] = 0;
  }
  return theta;
}

// ---------------------------------------------------------------------------------------------------------------
// The run

namespace {

template <class S>
class Runner {
 public:
  explicit Runner(const RunConfig& cfg) : cfg_(cfg), lay_(cfg.net), threads_(resolve_threads(cfg.threads)) {
    const unsigned n = cfg.net.n;
    if (n == 0) throw input_error("simulate: requires n >= 1");
    if (cfg.net.acts.size() != cfg.net.widths.size())
      throw input_error("simulate --act: requires one activation or one per hidden layer (" +
                        std::to_string(cfg.net.widths.size()) + ")");
    if (!cfg.target) throw input_error("simulate: requires a target");
    if (!(cfg.lr >= 0) || !std::isfinite(cfg.lr)) throw input_error("simulate --lr: requires a finite lr >= 0");
    if (!(cfg.noise >= 0) || !std::isfinite(cfg.noise)) throw input_error("simulate --noise: requires a finite sigma >= 0");
    if (!(cfg.clip > 0)) throw input_error("simulate --clip: requires A > 0 (inf = no clipping)");
    sampler_ = cfg.sampler ? cfg.sampler : standard_sampler(cfg.data);
    const std::uint64_t P = lay_.parameters();
    if (cfg.grad == GradMode::population) {
      if (cfg.data != DataKind::cube) throw input_error("simulate --grad population: requires cube data");
      if (n > cfg.max_population_n) {
        const double pts = std::ldexp(1.0, static_cast<int>(n));
        const double gflop = pts * 4.0 * static_cast<double>(P) / 1e9;
        throw resource_error("simulate --grad population: n = " + std::to_string(n) + " needs 2^" + std::to_string(n) +
                             " = " + fmt_g(pts) + " inputs and about " + fmt_g(gflop) + " GFLOP per step (" +
                             fmt_g(gflop / 10.0) + " s per step at 10 GFLOP/s, " + fmt_g(pts * 8.0 * (n + 1) / 1e9) +
                             " GB if the inputs were stored); the limit is n <= " + std::to_string(cfg.max_population_n) +
                             " (--max-population-n); use --grad batch");
      }
      total_ = std::uint64_t{1} << n;
      require_memory(total_ * sizeof(double), "population targets");
    } else {
      if (cfg.batch == 0) throw input_error("simulate --batch: requires a batch size >= 1");
      total_ = cfg.batch;
      require_memory(total_ * (n + 1) * sizeof(double), "simulate batch");
    }
    chunk_ = chunk_size(total_);
    chunks_ = (total_ + chunk_ - 1) / chunk_;
    // The packed weight matrices of each thread's GemmPackCache (AVX-512 kernel, double): each weight matrix at most
    // twice (W and its transpose), each copy at most twice its size (rows padded to 16), at most 8 x 32 MiB.
    const std::uint64_t packs = std::is_same_v<S, double> && gemm_f64_isa() == "avx512"
                                    ? threads_ * std::min<std::uint64_t>(4 * P * sizeof(double), std::uint64_t{1} << 28)
                                    : 0;
    // The four-Russians backward of a ReLU last hidden layer (relu_rank_one_backward, AVX-512, double): per thread
    // u and the pending weight gradient (each the size of that layer's weight), one tile's tables (2 KiB per group of
    // 4 rows or 4 samples of a block) and the block's mask bits (twice o x 256 bits).
    std::uint64_t rank_one = 0;
    if (const std::size_t l = lay_.rank_one_layer(); std::is_same_v<S, double> && l != 0) {
      const std::uint64_t o = lay_.out(l), a = lay_.in(l);
      rank_one = threads_ * (2 * o * a * sizeof(double) + std::max<std::uint64_t>(o / 4, kBlock / 4) * 2048 +
                             o * kBlock / 4);
    }
    require_memory(chunks_ * P * sizeof(S) * (threads_ > 1 ? 1 : 0) + P * sizeof(S) * 3 + P * sizeof(double) + packs +
                       rank_one,
                   "simulate gradient buffers");
    ws_.resize(threads_);
    for (auto& w : ws_) lay_.prepare(w);
    data_rng_ = std::make_unique<Rng>(derive_seed(cfg.seed, 2));
    std::vector<double> x(n);
    if (cfg.grad == GradMode::population) {
      ypop_.resize(total_);
      for (std::uint64_t i = 0; i < total_; ++i) {
        cube_point(i, n, x.data());
        ypop_[i] = cfg.target(x.data(), n);
      }
    } else {
      xs_.resize(total_ * n);
      ys_.resize(total_);
      if (cfg.grad == GradMode::fixed) draw(xs_, ys_, *data_rng_);
    }
    // Evaluation set.
    if (cfg.data == DataKind::cube && n <= cfg.max_eval_n) {
      eval_cube_ = true;
      eval_total_ = std::uint64_t{1} << n;
      yeval_.resize(eval_total_);
      for (std::uint64_t i = 0; i < eval_total_; ++i) {
        cube_point(i, n, x.data());
        yeval_[i] = cfg.target(x.data(), n);
      }
      metrics_on_ = "cube (exact average over all 2^" + std::to_string(n) + " points)";
    } else {
      if (cfg.eval_samples == 0) throw input_error("simulate --eval-samples: requires >= 1");
      eval_total_ = cfg.eval_samples;
      xeval_.resize(eval_total_ * n);
      yeval_.resize(eval_total_);
      Rng er(derive_seed(cfg.seed, 3));
      draw(xeval_, yeval_, er);
      metrics_on_ = "fixed sample of " + std::to_string(eval_total_) + " points";
    }
    if (threads_ > 1) chunk_grads_.assign(chunks_, std::vector<S>(P, S(0)));
    scratch_.assign(P, S(0));
    static_assert(kBlock == (1 << kLoBits));
    cube_path_ = cfg.grad == GradMode::population && n >= kLoBits && !cfg.net.widths.empty() && cfg.cube_first_layer;
    if (cube_path_) {
      const unsigned o = lay_.out(0);
      xlo_.assign(std::size_t{kLoBits} * kBlock, S(0));
      for (int j = 0; j < kBlock; ++j)
        for (unsigned q = 0; q < kLoBits; ++q) xlo_[q + std::size_t(j) * kLoBits] = S(((j >> q) & 1) ? -1.0 : 1.0);
      alo_.assign(std::size_t{o} * kBlock, S(0));
      for (auto& w : ws_) {
        w.dacc.assign(std::size_t{o} * kBlock, S(0));
        w.zhi.assign(o, S(0));
        w.rsum.assign(o, S(0));
      }
    }
  }

  RunResult run() {
    const std::uint64_t P = lay_.parameters();
    const std::vector<double> init = initial_parameters(cfg_.net, cfg_.init, cfg_.bias, cfg_.seed);
    std::vector<S> theta(init.begin(), init.end()), grad(P);
    Rng noise_rng(derive_seed(cfg_.seed, 1));
    const std::uint64_t every = cfg_.log_every ? cfg_.log_every : std::max<std::uint64_t>(1, cfg_.steps / 50);
    RunResult res;
    res.parameters = P;
    res.metrics_on = metrics_on_;
    res.log.push_back(metrics(theta, 0));
    const S lr(cfg_.lr), sigma(cfg_.noise), A(std::isinf(cfg_.clip) ? 0.0 : cfg_.clip);
    const bool clip = !std::isinf(cfg_.clip);
    std::vector<double> noise(cfg_.noise > 0 ? P : 0);  // this step's N(0, 1) draws, in parameter order
    for (std::uint64_t t = 0; t < cfg_.steps; ++t) {
      if (cfg_.grad == GradMode::batch) draw(xs_, ys_, *data_rng_);
      gradient(theta, grad);
      if (cfg_.noise > 0) fill_standard_normal(noise_rng, noise.data(), P);
      for (std::uint64_t i = 0; i < P; ++i) {
        S g = grad[i];
        if (clip) g = g > A ? A : (g < -A ? S(-A) : g);
        theta[i] -= lr * g;
        if (cfg_.noise > 0) theta[i] += sigma * S(noise[i]);
      }
      for (std::uint64_t i = 0; i < P; ++i)
        if (!is_finite(theta[i]))
          throw domain_error("simulate: noisy GD diverged at step " + std::to_string(t + 1) + ": parameter " +
                             std::to_string(i) + " is not finite (lower --lr or set --clip)");
      if ((t + 1) % every == 0 || t + 1 == cfg_.steps) {
        StepLog s = metrics(theta, t + 1);
        if (!std::isfinite(s.loss))
          throw domain_error("simulate: noisy GD diverged at step " + std::to_string(t + 1) +
                             ": the loss is not finite (lower --lr or set --clip)");
        res.log.push_back(s);
      }
    }
    res.final_params.reserve(P);
    for (const S& v : theta) res.final_params.push_back(to_double(v));
    return res;
  }

 private:
  static std::string fmt_g(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3g", v);
    return buf;
  }

  void draw(std::vector<double>& xs, std::vector<double>& ys, Rng& rng) const {
    const unsigned n = cfg_.net.n;
    for (std::size_t j = 0; j < ys.size(); ++j) {
      sampler_(rng, &xs[j * n], n);
      ys[j] = cfg_.target(&xs[j * n], n);
    }
  }

  /** Fills ws.x, ws.y with points [start, start+m) of the training set. */
  void fill(std::uint64_t start, int m, Workspace<S>& ws) const {
    const unsigned n = cfg_.net.n;
    if (cfg_.grad == GradMode::population) {
      for (int j = 0; j < m; ++j) {
        const std::uint64_t i = start + static_cast<std::uint64_t>(j);
        for (unsigned c = 0; c < n; ++c) ws.x[c + std::size_t(j) * n] = S(((i >> c) & 1) ? -1.0 : 1.0);
        ws.y[j] = S(ypop_[i]);
      }
    } else {
      for (int j = 0; j < m; ++j) {
        for (unsigned c = 0; c < n; ++c) ws.x[c + std::size_t(j) * n] = S(xs_[(start + j) * n + c]);
        ws.y[j] = S(ys_[start + j]);
      }
    }
  }

  /**
   * The population gradient's first layer on the cube, exactly the same sums regrouped: a block holds the 256
   * points that share their high bits (coordinates 8..n-1) and run through all low bits (coordinates 0..7), so
   *   z = W_lo x_lo + (W_hi x_hi + b):  the first term is one 256-column matrix per step (alo_), the second one
   *                                     vector per block;
   *   dW_lo = sum_blocks dZ X_lo^T = (sum_blocks dZ) X_lo^T,  dW_hi = sum_blocks (dZ 1) x_hi^T,  db = sum dZ 1.
   * This replaces two n-deep matrix products per block by additions (about 20x fewer flops at n = 20).
   */
  void chunk_gradient_cube(const std::vector<S>& theta, std::uint64_t c, Workspace<S>& ws, std::vector<S>& g) const {
    std::fill(g.begin(), g.end(), S(0));
    const std::uint64_t lo = c * chunk_, hi = std::min(total_, lo + chunk_);
    const S w = S(1) / S(static_cast<double>(total_));
    const unsigned n = cfg_.net.n;
    const int o = static_cast<int>(lay_.out(0));
    const S* W0 = theta.data() + lay_.w(0);
    S* g0 = g.data() + lay_.w(0);
    std::fill(ws.dacc.begin(), ws.dacc.end(), S(0));
    const FixedTheta<S> fixed(ws);
    for (std::uint64_t s = lo; s < hi; s += kBlock) {
      for (int i = 0; i < o; ++i) ws.zhi[i] = cfg_.net.bias ? theta[lay_.b(0) + i] : S(0);
      for (unsigned q = kLoBits; q < n; ++q) {
        const S* col = W0 + std::size_t(q) * o;
        if ((s >> q) & 1)
          for (int i = 0; i < o; ++i) ws.zhi[i] -= col[i];
        else
          for (int i = 0; i < o; ++i) ws.zhi[i] += col[i];
      }
      S* z0 = ws.z[0].data();
      std::fill(ws.rsum.begin(), ws.rsum.end(), S(0));
      if (lay_.layers() == 2) {
        // One hidden layer: the whole forward and backward pass one point (one column of o values) at a time, in
        // the first-level cache.
        FusedBlock<S> fb{cfg_.net.acts[0], cfg_.net.sign0,  cfg_.net.sign_tie, cfg_.loss,    o,
                         theta.data() + lay_.w(1), cfg_.net.bias ? theta[lay_.b(1)] : S(0), w, alo_.data(),
                         ws.zhi.data(), ypop_.data() + s, z0, ws.h[0].data(), ws.d.data(), ws.dacc.data(),
                         ws.rsum.data(), g.data() + lay_.w(1)};
        const S gb2 = fused_block(fb);
        if (cfg_.net.bias) g[lay_.b(1)] += gb2;
      } else {
        for (int j = 0; j < kBlock; ++j)
          for (int i = 0; i < o; ++i) z0[i + j * o] = alo_[i + j * o] + ws.zhi[i];
        for (int j = 0; j < kBlock; ++j) ws.y[j] = S(ypop_[s + static_cast<std::uint64_t>(j)]);
        lay_.forward(theta.data(), kBlock, ws, true);
        for (int j = 0; j < kBlock; ++j) ws.dout[j] = w * loss_derivative(cfg_.loss, ws.out[j], ws.y[j]);
        const S* d0 = lay_.backward(theta.data(), kBlock, ws, g.data(), true);
        for (int j = 0; j < kBlock; ++j)
          for (int i = 0; i < o; ++i) {
            ws.dacc[i + j * o] += d0[i + j * o];
            ws.rsum[i] += d0[i + j * o];
          }
      }
      for (unsigned q = kLoBits; q < n; ++q) {
        S* col = g0 + std::size_t(q) * o;
        if ((s >> q) & 1)
          for (int i = 0; i < o; ++i) col[i] -= ws.rsum[i];
        else
          for (int i = 0; i < o; ++i) col[i] += ws.rsum[i];
      }
      if (cfg_.net.bias)
        for (int i = 0; i < o; ++i) g[lay_.b(0) + i] += ws.rsum[i];
    }
    lay_.finish_backward(theta.data(), ws, g.data());
    mm(false, true, o, static_cast<int>(kLoBits), kBlock, ws.dacc.data(), o, xlo_.data(), static_cast<int>(kLoBits), S(1),
       g0, o);
  }

  /** Gradient of chunk c into g (overwritten). */
  void chunk_gradient(const std::vector<S>& theta, std::uint64_t c, Workspace<S>& ws, std::vector<S>& g) const {
    if (cube_path_) return chunk_gradient_cube(theta, c, ws, g);
    std::fill(g.begin(), g.end(), S(0));
    const std::uint64_t lo = c * chunk_, hi = std::min(total_, lo + chunk_);
    const S w = S(1) / S(static_cast<double>(total_));
    const FixedTheta<S> fixed(ws);
    for (std::uint64_t s = lo; s < hi; s += kBlock) {
      const int m = static_cast<int>(std::min<std::uint64_t>(kBlock, hi - s));
      fill(s, m, ws);
      lay_.forward(theta.data(), m, ws);
      for (int j = 0; j < m; ++j) ws.dout[j] = w * loss_derivative(cfg_.loss, ws.out[j], ws.y[j]);
      lay_.backward(theta.data(), m, ws, g.data());
    }
    lay_.finish_backward(theta.data(), ws, g.data());
  }

  void gradient(const std::vector<S>& theta, std::vector<S>& grad) {
    if (cube_path_) {  // alo_ = W_lo X_lo, shared by every block of this step
      const int o = static_cast<int>(lay_.out(0));
      mm(false, false, o, kBlock, static_cast<int>(kLoBits), theta.data() + lay_.w(0), o, xlo_.data(),
         static_cast<int>(kLoBits), S(0), alo_.data(), o);
    }
    const std::uint64_t P = grad.size();
    if (chunks_ == 1) {  // one chunk: its gradient is the gradient (0 + g = g; only the sign of a zero may differ)
      chunk_gradient(theta, 0, ws_[0], grad);
      return;
    }
    std::fill(grad.begin(), grad.end(), S(0));
    if (threads_ <= 1) {
      for (std::uint64_t c = 0; c < chunks_; ++c) {
        chunk_gradient(theta, c, ws_[0], scratch_);
        for (std::uint64_t i = 0; i < P; ++i) grad[i] += scratch_[i];
      }
      return;
    }
    for_chunks(chunks_, threads_, [&](std::uint64_t c, unsigned k) { chunk_gradient(theta, c, ws_[k], chunk_grads_[c]); });
    for (std::uint64_t c = 0; c < chunks_; ++c)
      for (std::uint64_t i = 0; i < P; ++i) grad[i] += chunk_grads_[c][i];
  }

  StepLog metrics(const std::vector<S>& theta, std::uint64_t step) {
    const unsigned n = cfg_.net.n;
    const std::uint64_t ch = chunk_size(eval_total_), nch = (eval_total_ + ch - 1) / ch;
    std::vector<std::array<double, 3>> sums(nch, {0, 0, 0});
    for_chunks(nch, threads_, [&](std::uint64_t c, unsigned k) {
      Workspace<S>& ws = ws_[k];
      const FixedTheta<S> fixed(ws);
      const std::uint64_t lo = c * ch, hi = std::min(eval_total_, lo + ch);
      S loss(0), corr(0);
      double acc = 0;
      for (std::uint64_t s = lo; s < hi; s += kBlock) {
        const int m = static_cast<int>(std::min<std::uint64_t>(kBlock, hi - s));
        for (int j = 0; j < m; ++j) {
          const std::uint64_t i = s + static_cast<std::uint64_t>(j);
          for (unsigned q = 0; q < n; ++q)
            ws.x[q + std::size_t(j) * n] = eval_cube_ ? S(((i >> q) & 1) ? -1.0 : 1.0) : S(xeval_[i * n + q]);
          ws.y[j] = S(yeval_[i]);
        }
        lay_.forward(theta.data(), m, ws);
        for (int j = 0; j < m; ++j) {
          loss += loss_value(cfg_.loss, ws.out[j], ws.y[j]);
          corr += ws.out[j] * ws.y[j];
          const double o = to_double(ws.out[j]);
          const double sg = o > 0 ? 1.0 : o < 0 ? -1.0 : cfg_.net.sign0;
          acc += sg == to_double(ws.y[j]) ? 1.0 : 0.0;
        }
      }
      sums[c] = {to_double(loss), to_double(corr), acc};
    });
    StepLog s;
    s.step = step;
    for (const auto& v : sums) {
      s.loss += v[0];
      s.correlation += v[1];
      s.accuracy += v[2];
    }
    const double N = static_cast<double>(eval_total_);
    s.loss /= N;
    s.correlation /= N;
    s.accuracy /= N;
    S norm(0);
    for (const S& v : theta) norm += v * v;
    using std::sqrt;
    s.param_norm = to_double(S(sqrt(norm)));
    return s;
  }

  const RunConfig& cfg_;
  Layout lay_;
  unsigned threads_;
  Sampler sampler_;
  std::uint64_t total_ = 0, chunk_ = 0, chunks_ = 0;
  std::vector<Workspace<S>> ws_;
  std::unique_ptr<Rng> data_rng_;
  std::vector<double> ypop_, xs_, ys_;
  bool eval_cube_ = false;
  std::uint64_t eval_total_ = 0;
  std::vector<double> xeval_, yeval_;
  std::string metrics_on_;
  std::vector<std::vector<S>> chunk_grads_;
  std::vector<S> scratch_;
  static constexpr unsigned kLoBits = 8;  // kBlock = 2^kLoBits
  bool cube_path_ = false;
  std::vector<S> xlo_, alo_;  // X_lo (kLoBits x kBlock, ±1) and W_lo X_lo (out(0) x kBlock)
};

}  // namespace

template <class S>
RunResult run_noisy_gd(const RunConfig& cfg) {
  Runner<S> r(cfg);
  return r.run();
}

template RunResult run_noisy_gd<double>(const RunConfig&);
template RunResult run_noisy_gd<Mp>(const RunConfig&);

template <class S>
double population_loss(const NetSpec& net, const std::vector<double>& theta_d, const std::vector<double>& f_table, Loss loss,
                       std::vector<double>* grad) {
  const unsigned n = net.n;
  if (n > 20) throw resource_error("population loss: requires n <= 20");
  const Layout lay(net);
  if (theta_d.size() != lay.parameters()) throw input_error("population loss: wrong parameter count");
  if (f_table.size() != (std::uint64_t{1} << n)) throw input_error("population loss: target table size != 2^n");
  Workspace<S> ws;
  lay.prepare(ws);
  const std::vector<S> theta(theta_d.begin(), theta_d.end());
  std::vector<S> g(lay.parameters(), S(0));
  const std::uint64_t N = f_table.size();
  const S w = S(1) / S(static_cast<double>(N));
  S total(0);
  const FixedTheta<S> fixed(ws);
  for (std::uint64_t s = 0; s < N; s += kBlock) {
    const int m = static_cast<int>(std::min<std::uint64_t>(kBlock, N - s));
    for (int j = 0; j < m; ++j) {
      const std::uint64_t i = s + static_cast<std::uint64_t>(j);
      for (unsigned q = 0; q < n; ++q) ws.x[q + std::size_t(j) * n] = S(((i >> q) & 1) ? -1.0 : 1.0);
      ws.y[j] = S(f_table[i]);
    }
    lay.forward(theta.data(), m, ws);
    for (int j = 0; j < m; ++j) {
      total += loss_value(loss, ws.out[j], ws.y[j]);
      ws.dout[j] = w * loss_derivative(loss, ws.out[j], ws.y[j]);
    }
    if (grad) lay.backward(theta.data(), m, ws, g.data());
  }
  if (grad) lay.finish_backward(theta.data(), ws, g.data());
  if (grad) {
    grad->clear();
    for (const S& v : g) grad->push_back(to_double(v));
  }
  return to_double(S(total * w));
}

template double population_loss<double>(const NetSpec&, const std::vector<double>&, const std::vector<double>&, Loss,
                                        std::vector<double>*);
template double population_loss<Mp>(const NetSpec&, const std::vector<double>&, const std::vector<double>&, Loss,
                                    std::vector<double>*);

// ---------------------------------------------------------------------------------------------------------------
// Monte-Carlo INAL

InalEstimate inal_monte_carlo(const NetSpec& net, const InitLaw& init, const BiasInit& bias,
                              const std::vector<double>& f_table, std::uint64_t inits, std::uint64_t seed,
                              unsigned threads) {
  const unsigned n = net.n;
  if (n > 20) throw resource_error("inal Monte Carlo: enumerates the cube; requires n <= 20, got " + std::to_string(n));
  if (f_table.size() != (std::uint64_t{1} << n)) throw input_error("inal Monte Carlo: target table size != 2^n");
  if (inits < 2) throw input_error("inal Monte Carlo: requires at least 2 inits");
  const Layout lay(net);
  const std::size_t L = lay.layers();
  const std::uint64_t N = std::uint64_t{1} << n;
  threads = resolve_threads(threads);
  // One small vector per init (its header, the allocation's overhead and L doubles): counted before allocating.
  require_memory(static_cast<long double>(inits) * (sizeof(std::vector<double>) + 32.0L + 8.0L * static_cast<long double>(L)),
                 "inal Monte Carlo: " + std::to_string(inits) + " inits");
  std::vector<std::vector<double>> per(inits, std::vector<double>(L, 0.0));
  std::vector<Workspace<double>> wss(threads);
  for (auto& w : wss) lay.prepare(w);
  for_chunks(inits, threads, [&](std::uint64_t r, unsigned k) {
    Workspace<double>& ws = wss[k];
    const std::vector<double> theta = initial_parameters(net, init, bias, derive_seed(seed, 1000 + r));
    const FixedTheta<double> fixed(ws);  // a new theta (maybe at the address of the last): the cache starts empty
    std::vector<std::vector<double>> corr(L);
    for (std::size_t l = 0; l < L; ++l) corr[l].assign(lay.out(l), 0.0);
    for (std::uint64_t s = 0; s < N; s += kBlock) {
      const int m = static_cast<int>(std::min<std::uint64_t>(kBlock, N - s));
      for (int j = 0; j < m; ++j) cube_point(s + static_cast<std::uint64_t>(j), n, &ws.x[std::size_t(j) * n]);
      lay.forward(theta.data(), m, ws);
      for (std::size_t l = 0; l < L; ++l) {
        const unsigned o = lay.out(l);
        const double* h = l + 1 < L ? ws.h[l].data() : ws.z[l].data();
        for (int j = 0; j < m; ++j) {
          const double fy = f_table[s + static_cast<std::uint64_t>(j)];
          for (unsigned i = 0; i < o; ++i) corr[l][i] += fy * h[i + std::size_t(j) * o];
        }
      }
    }
    for (std::size_t l = 0; l < L; ++l) {
      double acc = 0;
      for (double c : corr[l]) acc += (c / static_cast<double>(N)) * (c / static_cast<double>(N));
      per[r][l] = acc / lay.out(l);
    }
  });
  InalEstimate est;
  est.inits = inits;
  est.mean.assign(L, 0.0);
  est.stderr_.assign(L, 0.0);
  for (std::size_t l = 0; l < L; ++l) {
    double s = 0;
    for (std::uint64_t r = 0; r < inits; ++r) s += per[r][l];
    const double mean = s / static_cast<double>(inits);
    double v = 0;
    for (std::uint64_t r = 0; r < inits; ++r) v += (per[r][l] - mean) * (per[r][l] - mean);
    v /= static_cast<double>(inits - 1);
    est.mean[l] = mean;
    est.stderr_[l] = std::sqrt(v / static_cast<double>(inits));
    if (mean > est.mean[est.best_layer]) est.best_layer = static_cast<unsigned>(l);
  }
  return est;
}

}  // namespace gdcert::sim
