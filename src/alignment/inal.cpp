#include "alignment/inal.hpp"

#include "exact/text.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>

#include "boolean/krawtchouk.hpp"
#include "exact/errors.hpp"
#include "exact/integer.hpp"

namespace gdcert::alignment {

namespace {

/** Finite atoms as integers over a common denominator: value = num / scale, prob = weight / prob_den. */
struct IntegerAtoms {
  std::vector<long long> values;
  std::vector<Integer> weights;
  Integer prob_den{1};
};

Integer lcm_of_dens(const std::vector<Atom>& atoms, Integer acc) {
  for (const auto& a : atoms) acc = lcm(acc, a.value.den());
  return acc;
}

IntegerAtoms integer_atoms(const std::vector<Atom>& atoms, const Integer& scale, const char* what) {
  IntegerAtoms r;
  for (const auto& a : atoms) r.prob_den = lcm(r.prob_den, a.prob.den());
  for (const auto& a : atoms) {
    const Rational v = a.value * Rational(scale);
    GDCERT_ASSERT(v.is_integer(), "integer_atoms: common denominator");
    const Integer z = v.num();
    if (!z.fits_si() || abs(z) > Integer(1LL << 40))
      throw overflow_error(std::string(what) + ": requires atoms times their common denominator below 2^40, got " + z.str());
    r.values.push_back(z.to_si());
    r.weights.push_back((a.prob * Rational(r.prob_den)).num());
  }
  return r;
}

std::vector<Atom> bias_atoms(const BiasLaw& b, const char* what) {
  if (b.kind == BiasLaw::Kind::gaussian)
    throw domain_error(std::string(what) + ": requires a finite bias law (none, const, rademacher, finite), got " + b.name() +
                       "; a Gaussian bias needs Gaussian weights (diagonal-gaussian route)");
  if (b.kind == BiasLaw::Kind::none) return {{Rational(0), Rational(1)}};
  return b.atoms;
}

void require_finite(const WeightLaw& w, const char* what) {
  if (w.kind != WeightLaw::Kind::finite)
    throw domain_error(std::string(what) + ": requires a finite weight law, got " + w.name() +
                       "; Gaussian weights use the diagonal-gaussian route");
}

int sign_of(long long t, int sign0) { return t > 0 ? 1 : t < 0 ? -1 : sign0; }

/** Exact law of the sum of j i.i.d. integer atoms, j = 0..n: maps value -> integer weight (denominator prob_den^j). */
std::vector<std::map<long long, Integer>> sum_laws(unsigned n, const IntegerAtoms& a) {
  std::vector<std::map<long long, Integer>> d(n + 1);
  d[0][0] = Integer(1);
  for (unsigned j = 0; j < n; ++j)
    for (const auto& [v, wt] : d[j])
      for (std::size_t i = 0; i < a.values.size(); ++i) d[j + 1][v + a.values[i]] += wt * a.weights[i];
  return d;
}

}  // namespace

std::vector<Rational> hamming_kernel_exact(unsigned n, ExactActivation act, const WeightLaw& w, const BiasLaw& b,
                                           int sign0) {
  constexpr const char* what = "hamming_kernel_exact";
  require_finite(w, what);
  if (n < 1 || n > 4096) throw domain_error(std::string(what) + ": requires 1 <= n <= 4096, got n = " + std::to_string(n));
  const std::vector<Atom> batoms = bias_atoms(b, what);
  const Integer scale = lcm_of_dens(batoms, lcm_of_dens(w.atoms, Integer(1)));
  const IntegerAtoms wa = integer_atoms(w.atoms, scale, what);
  const IntegerAtoms ba = integer_atoms(batoms, scale, what);
  long long max_atom = 0, max_bias = 0;
  for (long long v : wa.values) max_atom = std::max(max_atom, v < 0 ? -v : v);
  for (long long v : ba.values) max_bias = std::max(max_bias, v < 0 ? -v : v);
  if (static_cast<double>(max_atom) * n + static_cast<double>(max_bias) > 0x1p61)
    throw overflow_error(std::string(what) + ": requires n * max|atom| below 2^61");
  const auto laws = sum_laws(n, wa);
  // Sigma(h) = c^2 / scale^2 * E[relu(A+B+b) relu(A-B+b)] (ReLU), E[sgn sgn] (sign); c^2 = s2 / n.
  const Rational unit = act == ExactActivation::relu ? w.s2 / Rational(static_cast<long long>(n)) / Rational(scale * scale)
                                                     : Rational(1);
  const Rational den = Rational(pow(wa.prob_den, n) * ba.prob_den);
  std::vector<Rational> sigma(n + 1);
  for (unsigned h = 0; h <= n; ++h) {
    Integer acc(0);
    for (const auto& [a, wa_] : laws[n - h])
      for (const auto& [bb, wb] : laws[h]) {
        const Integer wab = wa_ * wb;
        for (std::size_t i = 0; i < ba.values.size(); ++i) {
          const long long t1 = a + bb + ba.values[i], t2 = a - bb + ba.values[i];
          long long prod = 0;
          if (act == ExactActivation::relu) {
            if (t1 <= 0 || t2 <= 0) continue;
            acc += wab * ba.weights[i] * Integer(t1) * Integer(t2);
            continue;
          }
          prod = sign_of(t1, sign0) * sign_of(t2, sign0);
          if (prod != 0) acc += wab * ba.weights[i] * Integer(prod);
        }
      }
    sigma[h] = unit * Rational(acc) / den;  // formula inal.hamming_kernel
  }
  return sigma;
}

std::vector<Rational> walsh_eigenvalues_exact(unsigned n, std::span<const Rational> sigma_h) {
  GDCERT_ASSERT(sigma_h.size() == n + 1, "walsh_eigenvalues_exact: n + 1 kernel values");
  const auto K = boolean::krawtchouk_table(n);
  std::vector<Rational> m(n + 1);
  const Integer two_n = Integer::pow2(n);
  for (unsigned k = 0; k <= n; ++k) {
    Rational acc(0);
    for (unsigned h = 0; h <= n; ++h) {
      if (K[k][h].is_zero() || sigma_h[h].is_zero()) continue;
      acc += Rational(Integer::binomial(n, h) * K[k][h]) * sigma_h[h];
    }
    m[k] = acc / Rational(Integer::binomial(n, k) * two_n);  // formula inal.walsh_diagonal
  }
  return m;
}

std::vector<Ball> walsh_eigenvalues_ball(unsigned n, std::span<const Ball> sigma_h, slong prec) {
  GDCERT_ASSERT(sigma_h.size() == n + 1, "walsh_eigenvalues_ball: n + 1 kernel values");
  const auto K = boolean::krawtchouk_table(n);
  std::vector<Ball> m(n + 1);
  std::vector<Integer> binom(n + 1);
  for (unsigned h = 0; h <= n; ++h) binom[h] = Integer::binomial(n, h);
  Ball t;
  for (unsigned k = 0; k <= n; ++k) {
    Ball acc;
    for (unsigned h = 0; h <= n; ++h) {
      const Integer c = binom[h] * K[k][h];
      arb_mul_fmpz(t.get(), sigma_h[h].get(), c.get(), prec);
      arb_add(acc.get(), acc.get(), t.get(), prec);
    }
    const Integer d = binom[k] * Integer::pow2(n);
    arb_div_fmpz(m[k].get(), acc.get(), d.get(), prec);  // formula inal.walsh_diagonal
  }
  return m;
}

namespace {

void fill_e(NeuronSpectrum& s, slong prec) {
  const unsigned n = s.n;
  bool exact = true;
  for (const auto& v : s.m) exact = exact && v.kind() == Kind::exact;
  s.e.clear();
  if (exact) {
    Rational total(0);
    for (unsigned k = 0; k <= n; ++k) {
      s.e.emplace_back(s.m[k].exact() * Rational(Integer::binomial(n, k)));
      total += s.e.back().exact();
    }
    s.second_moment = Value(total);
    return;
  }
  Ball total;
  for (unsigned k = 0; k <= n; ++k) {
    Ball e;
    if (s.m[k].kind() == Kind::exact) {
      e = to_ball(s.m[k].exact() * Rational(Integer::binomial(n, k)), prec);
    } else {
      const Integer c = Integer::binomial(n, k);
      arb_mul_fmpz(e.get(), s.m[k].ball().get(), c.get(), prec);
    }
    arb_add(total.get(), total.get(), e.get(), prec);
    s.e.emplace_back(e, prec);
  }
  s.second_moment = Value(total, prec);
}

}  // namespace

NeuronSpectrum neuron_spectrum_exact(unsigned n, ExactActivation act, const WeightLaw& w, const BiasLaw& b, int sign0) {
  require_finite(w, "neuron_spectrum_exact");
  if (!w.sign_symmetric())
    throw domain_error("inal diagonal route: requires a sign-symmetric weight law (w and -w equal in law), got " + w.name() +
                       "; the Walsh-diagonal identity fails without it (use --route enumerate)");
  NeuronSpectrum s;
  s.n = n;
  s.route = "diagonal-exact";
  const auto sigma = hamming_kernel_exact(n, act, w, b, sign0);
  for (auto& q : walsh_eigenvalues_exact(n, sigma)) {
    s.structural_zero.push_back(q.is_zero());
    s.m.emplace_back(q);
  }
  fill_e(s, 0);
  return s;
}

NeuronSpectrum neuron_spectrum_gaussian(unsigned n, const GaussianKernel& kernel, Parity parity, const WeightLaw& w,
                                        const BiasLaw& b, slong goal_bits) {
  constexpr const char* what = "neuron_spectrum_gaussian";
  if (w.kind != WeightLaw::Kind::gaussian)
    throw domain_error(std::string(what) + ": requires Gaussian weights, got " + w.name());
  if (b.kind == BiasLaw::Kind::finite)
    throw domain_error(std::string(what) + ": requires no bias or a Gaussian bias with Gaussian weights, got " + b.name());
  if (n < 1 || n > 2048) throw domain_error(std::string(what) + ": requires 1 <= n <= 2048, got n = " + std::to_string(n));
  if (goal_bits < 1 || goal_bits > 100000)
    throw domain_error(std::string(what) + ": requires 1 <= accuracy bits <= 100000, got " + std::to_string(goal_bits));
  const bool bias = b.kind == BiasLaw::Kind::gaussian;
  std::vector<bool> zero(n + 1, false);
  for (unsigned k = 0; k <= n; ++k) {
    if (bias) break;
    if (parity == Parity::odd && k % 2 == 0) zero[k] = true;            // formula inal.exact_zeros
    if (parity == Parity::affine_plus_even && k % 2 == 1 && k >= 3) zero[k] = true;
    if (parity == Parity::constant_plus_odd && k % 2 == 0 && k >= 2) zero[k] = true;
  }
  const Rational var = w.s2 + b.beta2;  // w.x ~ N(0, s2) for every x in {±1}^n
  std::vector<Ball> m;
  slong prec = goal_bits + 2 * static_cast<slong>(n) + 64;
  const slong max_prec = std::max<slong>(1 << 16, 8 * prec);
  for (;; prec *= 2) {
    std::vector<Ball> sigma;
    const Ball v = to_ball(var, prec);
    for (unsigned h = 0; h <= n; ++h) {
      // formula inal.gaussian_kernel: Cov = s2 (1 - 2h/n) + beta2
      const Rational cov = w.s2 * (Rational(1) - Rational(2LL * h, static_cast<long long>(n))) + b.beta2;
      sigma.push_back(kernel(v, to_ball(cov, prec), prec));
    }
    m = walsh_eigenvalues_ball(n, sigma, prec);
    bool ok = true;
    for (unsigned k = 0; k <= n && ok; ++k) {
      if (zero[k]) {
        if (!m[k].contains_zero())
          throw std::logic_error("neuron_spectrum_gaussian: structural zero m_" + std::to_string(k) + " not enclosed: " + m[k].str());
        continue;
      }
      ok = meets_accuracy(m[k], goal_bits);
    }
    if (ok) break;
    if (prec * 2 > max_prec) {
      std::string worst;
      for (unsigned k = 0; k <= n; ++k)
        if (!zero[k] && !meets_accuracy(m[k], goal_bits)) {
          worst = "m_" + std::to_string(k) + " = " + m[k].str(20);
          break;
        }
      throw precision_error(std::string(what) + ": requires " + std::to_string(goal_bits) + " bits of accuracy, got " + worst +
                            " at " + std::to_string(prec) + " bits of working precision");
    }
  }
  NeuronSpectrum s;
  s.n = n;
  s.route = "diagonal-gaussian";
  for (unsigned k = 0; k <= n; ++k) {
    s.structural_zero.push_back(zero[k]);
    if (zero[k]) s.m.emplace_back(Rational(0));
    else s.m.emplace_back(m[k], prec);
  }
  fill_e(s, prec);
  return s;
}

Value inal_from_spectrum(const NeuronSpectrum& s, std::span<const Rational> level_weights, slong prec) {
  GDCERT_ASSERT(level_weights.size() == s.n + 1, "inal_from_spectrum: n + 1 level weights");
  bool exact = true;
  for (const auto& v : s.m) exact = exact && v.kind() == Kind::exact;
  if (exact) {
    Rational acc(0);
    for (unsigned k = 0; k <= s.n; ++k) acc += s.m[k].exact() * level_weights[k];  // formula inal.walsh_diagonal
    return Value(acc);
  }
  slong p = prec;
  for (const auto& v : s.m) p = std::max(p, v.kind() == Kind::ball ? v.prec() : 0);
  Ball acc, t;
  for (unsigned k = 0; k <= s.n; ++k) {
    if (level_weights[k].is_zero() || (s.m[k].kind() == Kind::exact && s.m[k].exact().is_zero())) continue;
    const Ball mk = s.m[k].kind() == Kind::exact ? to_ball(s.m[k].exact(), p) : s.m[k].ball();
    arb_mul(t.get(), mk.get(), to_ball(level_weights[k], p).get(), p);
    arb_add(acc.get(), acc.get(), t.get(), p);
  }
  return Value(acc, p);
}

// ---------------------------------------------------------------------------------------------------------------
// Enumeration route.

namespace {

struct Param {
  const IntegerAtoms* atoms;
};

}  // namespace

EnumerationResult inal_enumerate(const boolean::CubeFunction& f, const Net& net, const WeightLaw& w, const BiasLaw& b,
                                 bool max_inside, int sign0) {
  constexpr const char* what = "inal enumeration route";
  require_finite(w, what);
  const unsigned n = f.n();
  const std::size_t depth = net.widths.size();
  if (depth == 0 || net.activations.size() != depth)
    throw input_error(std::string(what) + ": requires one activation per layer and at least one layer");
  for (unsigned wd : net.widths)
    if (wd == 0 || wd > 64) throw input_error(std::string(what) + ": requires layer widths in 1..64, got " + std::to_string(wd));
  const bool has_bias = b.kind != BiasLaw::Kind::none;
  const std::vector<Atom> batoms = bias_atoms(b, what);
  const Integer scale = lcm_of_dens(batoms, lcm_of_dens(w.atoms, Integer(1)));
  const IntegerAtoms wa = integer_atoms(w.atoms, scale, what);
  const IntegerAtoms ba = integer_atoms(batoms, scale, what);
  if (!scale.fits_si() || scale > Integer(1LL << 20))
    throw overflow_error(std::string(what) + ": requires a common denominator of the atoms below 2^20, got " + scale.str());
  const long long L = scale.to_si();

  // Parameters: for each layer, weights (width x fan_in) then biases (width).
  std::vector<const IntegerAtoms*> params;
  std::vector<unsigned> fan_in(depth);
  double configs = 1, work = 0;
  unsigned neurons = 0;
  for (std::size_t l = 0; l < depth; ++l) {
    fan_in[l] = l == 0 ? n : net.widths[l - 1];
    for (unsigned i = 0; i < net.widths[l] * fan_in[l]; ++i) params.push_back(&wa);
    if (has_bias)
      for (unsigned i = 0; i < net.widths[l]; ++i) params.push_back(&ba);
    neurons += net.widths[l];
  }
  for (const auto* p : params) configs *= static_cast<double>(p->values.size());
  for (std::size_t l = 0; l < depth; ++l) work += static_cast<double>(net.widths[l]) * fan_in[l];
  work *= configs * std::ldexp(1.0, static_cast<int>(n));
  if (configs > 0x1p40 || work > 0x1p32)
    throw resource_error(std::string(what) + ": requires at most 2^32 operations, got about " +
                         std::to_string(static_cast<long long>(std::min(work, 1e18))) + " (" +
                         std::to_string(static_cast<long long>(std::min(configs, 1e18))) +
                         " parameter configurations x 2^" + std::to_string(n) +
                         " inputs); use the diagonal route for first-layer neurons");

  const auto fi = f.integerised();
  if (!fi.max_abs.fits_si() || fi.max_abs > Integer(1LL << 40))
    throw overflow_error(std::string(what) + ": requires |f| numerators below 2^40");
  std::vector<long long> F(f.size());
  for (std::uint64_t x = 0; x < f.size(); ++x) F[x] = fi.numerators[x].to_si();

  // Per-layer denominators L^d, bounds and scales (scale^2 = prod s2/fan_in over the trailing ReLU chain).
  std::vector<unsigned> dexp(depth);
  std::vector<Rational> scale2(depth);
  {
    unsigned d_prev = 0;
    Rational sc_prev(1);
    double hmax_prev = 1;
    long long amax = 0, bmax = 0;
    for (long long v : wa.values) amax = std::max(amax, v < 0 ? -v : v);
    for (long long v : ba.values) bmax = std::max(bmax, v < 0 ? -v : v);
    for (std::size_t l = 0; l < depth; ++l) {
      const double tmax = static_cast<double>(amax) * fan_in[l] * hmax_prev +
                          static_cast<double>(bmax) * std::pow(static_cast<double>(L), d_prev);
      if (tmax * std::ldexp(1.0, static_cast<int>(n)) * (1 << 20) > 0x1p120 || tmax > 0x1p60)
        throw overflow_error(std::string(what) + ": requires pre-activations below 2^60 in integer form");
      if (net.activations[l] == ExactActivation::relu) {
        dexp[l] = d_prev + 1;
        scale2[l] = sc_prev * w.s2 / Rational(static_cast<long long>(fan_in[l]));
        hmax_prev = tmax;
      } else {
        dexp[l] = 0;
        scale2[l] = Rational(1);
        hmax_prev = 1;
      }
      d_prev = dexp[l];
      sc_prev = scale2[l];
    }
  }

  std::vector<Integer> acc_sq(depth), acc_norm(depth);
  Rational acc_max(0);
  const std::size_t P = params.size();
  std::vector<std::size_t> idx(P, 0);
  const std::uint64_t N = f.size();
  // Neuron outputs, layer by layer: out[l][j * N + x].
  std::vector<std::vector<long long>> out(depth);
  for (std::size_t l = 0; l < depth; ++l) out[l].resize(static_cast<std::size_t>(net.widths[l]) * N);
  std::uint64_t count = 0;
  std::vector<long long> Lpow(depth + 2, 1);
  for (std::size_t d = 1; d < Lpow.size(); ++d) Lpow[d] = Lpow[d - 1] * L;
  while (true) {
    ++count;
    Integer weight(1);
    for (std::size_t p = 0; p < P; ++p) weight *= params[p]->weights[idx[p]];
    std::size_t p = 0;
    for (std::size_t l = 0; l < depth; ++l) {
      const unsigned fin = fan_in[l];
      const std::size_t wbase = p;
      const std::size_t bbase = p + static_cast<std::size_t>(net.widths[l]) * fin;
      const unsigned d_prev = l == 0 ? 0 : dexp[l - 1];
      for (unsigned j = 0; j < net.widths[l]; ++j) {
        const long long bias = has_bias ? ba.values[idx[bbase + j]] * Lpow[d_prev] : 0;
        long long* o = out[l].data() + static_cast<std::size_t>(j) * N;
        for (std::uint64_t x = 0; x < N; ++x) {
          long long t = bias;
          for (unsigned i = 0; i < fin; ++i) {
            const long long a = wa.values[idx[wbase + static_cast<std::size_t>(j) * fin + i]];
            const long long in = l == 0 ? (((x >> i) & 1) ? -1 : 1) : out[l - 1][static_cast<std::size_t>(i) * N + x];
            t += a * in;
          }
          o[x] = net.activations[l] == ExactActivation::relu ? std::max(t, 0LL) : sign_of(t, sign0);
        }
      }
      p = bbase + (has_bias ? net.widths[l] : 0);
    }
    Rational best(0);
    for (std::size_t l = 0; l < depth; ++l) {
      for (unsigned j = 0; j < (max_inside ? net.widths[l] : 1u); ++j) {
        const long long* o = out[l].data() + static_cast<std::size_t>(j) * N;
        int128 s = 0, q = 0;
        for (std::uint64_t x = 0; x < N; ++x) {
          s += static_cast<int128>(F[x]) * o[x];
          q += static_cast<int128>(o[x]) * o[x];
        }
        const Integer S = Integer::from_int128(s);
        if (j == 0) {
          acc_sq[l] += weight * S * S;
          acc_norm[l] += weight * Integer::from_int128(q);
        }
        if (max_inside) {
          // <f, NN^(v)>^2 up to the common factor 1/(2^n D_f)^2.
          const Rational r = scale2[l] * Rational(S * S, pow(Integer(L), 2 * dexp[l]));
          if (r > best) best = r;
        }
      }
    }
    if (max_inside) acc_max += best * Rational(weight);
    std::size_t k = 0;
    while (k < P && ++idx[k] == params[k]->values.size()) idx[k++] = 0;
    if (k == P) break;
  }

  Integer prob_den(1);
  for (const auto* q : params) prob_den *= q->prob_den;
  const Integer corr_den = Integer::pow2(n) * fi.denominator;
  EnumerationResult r;
  r.configurations = count;
  for (std::size_t l = 0; l < depth; ++l) {
    const Integer Ld = pow(Integer(L), 2 * dexp[l]);
    // formula inal.definition: E <f, NN^(v)>^2 = scale^2 E[S^2] / (2^n D_f L^d)^2
    r.mean_square.push_back(scale2[l] * Rational(acc_sq[l], prob_den * corr_den * corr_den * Ld));
    r.mean_norm.push_back(scale2[l] * Rational(acc_norm[l], prob_den * Integer::pow2(n) * Ld));
  }
  if (max_inside) r.max_inside = acc_max / Rational(prob_den * corr_den * corr_den);
  return r;
}

Rational kernel_entry_exact(unsigned n, std::uint64_t x, std::uint64_t y, ExactActivation act, const WeightLaw& w,
                            const BiasLaw& b, int sign0) {
  constexpr const char* what = "kernel_entry_exact";
  require_finite(w, what);
  if (n < 1 || n > 24 || x >> n || y >> n)
    throw domain_error(std::string(what) + ": requires 1 <= n <= 24 and points below 2^n");
  const std::vector<Atom> batoms = bias_atoms(b, what);
  const Integer scale = lcm_of_dens(batoms, lcm_of_dens(w.atoms, Integer(1)));
  const IntegerAtoms wa = integer_atoms(w.atoms, scale, what);
  const IntegerAtoms ba = integer_atoms(batoms, scale, what);
  const double configs = std::pow(static_cast<double>(wa.values.size()), n);
  if (configs > 0x1p26) throw resource_error(std::string(what) + ": requires at most 2^26 weight vectors");
  std::vector<std::size_t> idx(n, 0);
  Integer acc(0);
  while (true) {
    Integer wt(1);
    long long tx = 0, ty = 0;
    for (unsigned i = 0; i < n; ++i) {
      wt *= wa.weights[idx[i]];
      tx += wa.values[idx[i]] * (((x >> i) & 1) ? -1 : 1);
      ty += wa.values[idx[i]] * (((y >> i) & 1) ? -1 : 1);
    }
    for (std::size_t j = 0; j < ba.values.size(); ++j) {
      const long long a = tx + ba.values[j], c = ty + ba.values[j];
      const long long prod = act == ExactActivation::relu ? std::max(a, 0LL) * std::max(c, 0LL)
                                                          : static_cast<long long>(sign_of(a, sign0) * sign_of(c, sign0));
      if (prod != 0) acc += wt * ba.weights[j] * Integer(prod);
    }
    std::size_t k = 0;
    while (k < n && ++idx[k] == wa.values.size()) idx[k++] = 0;
    if (k == n) break;
  }
  const Rational unit = act == ExactActivation::relu ? w.s2 / Rational(static_cast<long long>(n)) / Rational(scale * scale)
                                                     : Rational(1);
  return unit * Rational(acc, pow(wa.prob_den, n) * ba.prob_den);
}

std::vector<Rational> parse_level_weights(const std::string& text) {
  std::vector<Rational> w;
  for (const auto& tok : split_list(text)) {
    const std::size_t star = tok.find('*');
    const Rational v = Rational::parse(tok.substr(0, star));
    if (v.sign() < 0) throw input_error("--level-weights: requires W_k >= 0, got " + v.str());
    long long count = 1;
    if (star != std::string::npos) {
      const Integer c = Integer::parse(tok.substr(star + 1));
      if (c.sign() <= 0 || c > Integer(4096)) throw input_error("--level-weights: requires repeat counts in 1..4096, got " + c.str());
      count = c.to_si();
    }
    for (long long i = 0; i < count; ++i) w.push_back(v);
    if (w.size() > 4097) throw input_error("--level-weights: requires n <= 4096");
  }
  if (w.size() < 2) throw input_error("--level-weights: requires W_0..W_n with n >= 1");
  return w;
}

NeuronSpectrum first_layer_spectrum(unsigned n, const std::string& act, const WeightLaw& w,
                                               const BiasLaw& b, int sign0, long prec) {
  if (w.kind == WeightLaw::Kind::gaussian) {
    Parity parity = Parity::none;
    const auto kernel = gaussian_kernel_for(act, &parity);
    return neuron_spectrum_gaussian(n, kernel, parity, w, b, prec);
  }
  return neuron_spectrum_exact(n, parse_exact_activation(act), w, b, sign0);
}

}  // namespace gdcert::alignment
