#include "width/formulas.hpp"

#include <cmath>

#include "exact/errors.hpp"

namespace gdcert::width {

namespace {

constexpr const char* kProof = "proofs/coupled-init-width.md";

const Formula kFormulas[] = {
    {"width.h_inf", "H^inf_ij = E_{w~N(0,I)}[x_i.x_j 1{w.x_i >= 0, w.x_j >= 0}], lambda0 = lambda_min(H^inf)",
     "Du, Zhai, Poczos, Singh, ICLR 2019, Assumption 3.1", Tag::paper, "proofs/coupled-init-width.md#h-inf"},
    {"width.h_inf_entry", "H^inf_ij = x_i.x_j (pi - arccos rho_ij)/(2 pi), rho = x_i.x_j/(|x_i||x_j|); rational at rho in {0, ±1/2, ±1}",
     "derived (closed form of the H^inf of Du, Zhai, Poczos, Singh 2019 (ICLR, arXiv 1810.02054), Assumption 3.1); proofs/coupled-init-width.md#h-inf-entry", Tag::derived, "proofs/coupled-init-width.md#h-inf-entry"},
    {"width.arccos_term", "E[relu(w.x_i) relu(w.x_j)] = (|x_i||x_j| sin theta + (pi - theta) x_i.x_j)/(2 pi) (trained output layer)",
     "standard (arc-cosine kernel of order 1, Cho, Saul 2009): the output-layer NTK term; proofs/coupled-init-width.md#arccos-term", Tag::reconstructed, "proofs/coupled-init-width.md#arccos-term"},
    {"width.finite_gram", "H(0)_ij = x_i.x_j (1/m) sum_r 1{w_r.x_i >= 0} 1{w_r.x_j >= 0}, E H(0) = H^inf",
     "Du, Zhai, Poczos, Singh 2019 (ICLR, arXiv 1810.02054), §3; coupled pairs as in Munteanu, Omlor, Song, Woodruff 2022 (ICML, arXiv 2206.12802); proofs/coupled-init-width.md#finite-gram", Tag::paper, "proofs/coupled-init-width.md#finite-gram"},
    {"width.ldlt", "A = L D L^T over Q without pivoting: A PD iff every pivot > 0; a zero pivot of a PSD matrix has a zero column below",
     "Sylvester's criterion (standard); proofs/coupled-init-width.md#ldlt", Tag::derived, "proofs/coupled-init-width.md#ldlt"},
    {"width.lambda_min_exact", "lambda_min = smallest root of the factored characteristic polynomial (exact when rational)",
     "standard; proofs/coupled-init-width.md#lambda-min-exact", Tag::derived, "proofs/coupled-init-width.md#lambda-min-exact"},
    {"width.lambda_min_enclosure", "mu <= lambda_min(H) <= v^T H v/v^T v: mu certified by a ball Cholesky of H - mu I or by mu - ||H - mu I - L L^T||_F",
     "Weyl; Higham, Accuracy and Stability, Thm 3.5 (standard); proofs/coupled-init-width.md#enclosure", Tag::derived, "proofs/coupled-init-width.md#enclosure"},
    {"width.gamma2_squared", "gamma_2^2 = min_{q in simplex} q^T D_y H^inf D_y q; optimal iff (A q)_j >= q^T A q with equality on supp q",
     "derived (L2 relaxation of the NTK margin of Ji, Telgarsky 2020 (ICLR), Assumption 2.1); proofs/coupled-init-width.md#gamma2", Tag::derived, "proofs/coupled-init-width.md#gamma2"},
    {"width.margin_chain", "lambda0/n <= gamma_2^2 = min_j (A q*)_j <= gamma <= gamma_2 (witness v(z) = sum q*_i y_i x_i 1[z.x_i > 0], |v| <= 1)",
     "derived; proofs/coupled-init-width.md#margin-chain", Tag::derived, "proofs/coupled-init-width.md#margin-chain"},
    {"width.linear_margin", "linearly separable with margin gamma_bar: gamma >= gamma_bar/2; gamma_bar^2 = min_{q in simplex} |sum q_i y_i x_i|^2",
     "derived (linearly separable data); proofs/coupled-init-width.md#linear-margin", Tag::derived, "proofs/coupled-init-width.md#linear-margin"},
    {"width.coupled_init", "w_{2r-1}(0) = w_{2r}(0) ~ N(0, I), a_{2r-1} = -a_{2r} ~ unif{±1}: f(x; W(0)) = 0 for every x",
     "Munteanu, Omlor, Song, Woodruff 2022 (ICML, arXiv 2206.12802): pairing convention reconstructed; proofs/coupled-init-width.md#coupled-init", Tag::reconstructed,
     "proofs/coupled-init-width.md#coupled-init"},
    {"du19.width", "m = n^6/(lambda0^4 delta^3) (Omega, unit constant): gradient flow and GD converge linearly",
     "Du et al. 2019, Thm 3.2 (flow) and Thm 4.1 (GD)", Tag::paper, ""},
    {"du19.width_both_layers", "m = n^6 ln(m/delta)/(lambda0^4 delta^3) (Omega, unit constant), the larger root in m",
     "Du et al. 2019, Thm 3.3", Tag::paper, ""},
    {"du19.step", "eta = lambda0/n^2 (O, unit constant)", "Du et al. 2019, Thm 4.1", Tag::paper, ""},
    {"du19.rate", "|u(k) - y|^2 <= (1 - eta lambda0/2)^k |u(0) - y|^2", "Du et al. 2019, Thm 4.1", Tag::paper, ""},
    {"du19.drift", "|w_r(k) - w_r(0)| <= 4 sqrt(n) |y - u(0)|/(sqrt(m) lambda0)", "Du et al. 2019, Cor 4.1", Tag::paper, ""},
    {"sy19.width", "m = n^4 ln^3(n/delta)/lambda0^4 (Omega, unit constant)", "Song, Yang 2019 (matrix Chernoff; exponents of the standard statement, reconstructed)",
     Tag::reconstructed, ""},
    {"jt20.lambda", "lambda = (sqrt(2 ln(4n/delta)) + ln(4/eps))/(gamma/4)", "Ji, Telgarsky 2020 (ICLR), Thm 2.2",
     Tag::reconstructed, ""},
    {"jt20.width", "M = 4096 lambda^2/gamma^6", "Ji, Telgarsky 2020 (ICLR), Thm 2.2", Tag::reconstructed, ""},
    {"jt20.steps", "T = ceil(2 lambda^2/(eta eps))", "Ji, Telgarsky 2020 (ICLR), Thm 2.2", Tag::reconstructed, ""},
    {"mosw22.hoeffding_width", "m = 16 ln(n/delta)/gamma^2: coupled init keeps every finite-width margin >= gamma/2 w.p. >= 1 - delta",
     "Munteanu, Omlor, Song, Woodruff 2022 (ICML, arXiv 2206.12802): reconstructed sketch (Hoeffding over m/2 pairs + union bound); proofs/coupled-init-width.md#hoeffding-width", Tag::reconstructed,
     "proofs/coupled-init-width.md#hoeffding-width"},
    {"mosw22.hoeffding_width_uncoupled", "m = 8 ln(n/delta)/gamma^2 (the same argument over m independent neurons)",
     "Munteanu, Omlor, Song, Woodruff 2022 (ICML, arXiv 2206.12802): reconstructed sketch (independent neurons); proofs/coupled-init-width.md#hoeffding-width", Tag::reconstructed, "proofs/coupled-init-width.md#hoeffding-width"},
    {"mosw22.logistic_width", "m = ln(n/delta)/gamma^2 (O, unit constant: the gamma^-2 shape, logistic loss)",
     "Munteanu, Omlor, Song, Woodruff 2022 (ICML, arXiv 2206.12802), abstract (gamma^-2 shape); constants reconstructed", Tag::reconstructed, ""},
    {"mosw22.squared_width", "m = n^2 ln(n/delta)/lambda0^p (O, unit constant: the n^2 shape, squared loss; p an open point, default 4)",
     "Munteanu, Omlor, Song, Woodruff 2022 (ICML, arXiv 2206.12802), abstract (n^2 shape); exponent p and constants reconstructed", Tag::reconstructed, ""},
    {"os20.lambda_lower", "lambda0 >= delta_sep/(100 n^2), delta_sep = min_{i != j} min(|x_i - x_j|, |x_i + x_j|)",
     "Oymak, Soltanolkotabi 2020 (delta-separation bound on lambda_min(H^inf))", Tag::reconstructed, ""},
};

Ball as_ball(const Value& v, slong prec) {
  if (v.kind() == Kind::exact) return to_ball(v.exact(), prec);
  if (v.kind() == Kind::ball) return v.ball();
  Ball b;
  arb_set_d(b.get(), v.floating());
  return b;
}

void require_positive(const Value& v, const char* name, const std::string& fn) {
  const bool ok = v.kind() == Kind::exact ? v.exact().sign() > 0 : certainly_positive(as_ball(v, 64));
  if (!ok) throw domain_error(fn + ": requires " + name + " > 0, got " + name + " = " + v.str(10));
}

void check_common(const WidthInputs& in, const std::string& fn) {
  if (in.n < 1) throw domain_error(fn + ": requires n >= 1, got n = " + std::to_string(in.n));
  if (in.delta.sign() <= 0 || in.delta >= Rational(1))
    throw domain_error(fn + ": requires 0 < delta < 1, got delta = " + in.delta.str());
  if (in.eps.sign() <= 0 || in.eps >= Rational(1)) throw domain_error(fn + ": requires 0 < eps < 1, got eps = " + in.eps.str());
  if (in.eta.sign() <= 0) throw domain_error(fn + ": requires eta > 0, got eta = " + in.eta.str());
  if (in.p < 1 || in.p > 16) throw domain_error(fn + ": requires 1 <= p <= 16, got p = " + std::to_string(in.p));
}

Ball log_ratio(const Rational& num, const Rational& den, slong prec) {
  Ball b = to_ball(num / den, prec);
  arb_log(b.get(), b.get(), prec);
  return b;
}

Ball pow_si(const Ball& x, long e, slong prec) {
  Ball r;
  arb_pow_ui(r.get(), x.get(), static_cast<ulong>(e), prec);
  return r;
}

Ball div(const Ball& a, const Ball& b, slong prec) {
  Ball r;
  arb_div(r.get(), a.get(), b.get(), prec);
  return r;
}

Ball mul(const Ball& a, const Ball& b, slong prec) {
  Ball r;
  arb_mul(r.get(), a.get(), b.get(), prec);
  return r;
}

const std::vector<std::string> kWidthIds = {"du19.width",          "du19.width_both_layers", "sy19.width",
                                            "mosw22.squared_width", "jt20.width",             "mosw22.hoeffding_width",
                                            "mosw22.hoeffding_width_uncoupled", "mosw22.logistic_width"};

}  // namespace

std::span<const Formula> width_formulas() { return kFormulas; }

const std::vector<std::string>& width_formula_ids() { return kWidthIds; }

Ball jt20_lambda_ball(const WidthInputs& in, slong prec) {
  check_common(in, "jt20.lambda");
  require_positive(in.gamma, "gamma", "jt20.lambda");
  const slong wp = prec + 16;
  Ball a = log_ratio(Rational(4 * in.n), in.delta, wp), b = log_ratio(Rational(4), in.eps, wp);
  arb_mul_2exp_si(a.get(), a.get(), 1);
  arb_sqrt(a.get(), a.get(), wp);
  arb_add(a.get(), a.get(), b.get(), wp);
  Ball g = as_ball(in.gamma, wp);
  arb_mul_2exp_si(g.get(), g.get(), -2);
  return div(a, g, prec);  // jt20.lambda
}

std::optional<Integer> jt20_steps(const WidthInputs& in, slong prec) {
  Ball l = jt20_lambda_ball(in, prec + 16), t;
  arb_mul(t.get(), l.get(), l.get(), prec + 16);
  arb_mul_2exp_si(t.get(), t.get(), 1);
  Ball d = to_ball(in.eta * in.eps, prec + 16);
  arb_div(t.get(), t.get(), d.get(), prec);
  return certain_ceil(t);  // jt20.steps (nullopt: undecided at this precision)
}

Value du19_step(const WidthInputs& in, slong prec) {
  check_common(in, "du19.step");
  require_positive(in.lambda0, "lambda0", "du19.step");
  const Rational n2(static_cast<long long>(in.n) * in.n);
  if (in.lambda0.kind() == Kind::exact) return Value(in.lambda0.exact() / n2);  // du19.step
  return Value(div(as_ball(in.lambda0, prec), to_ball(n2, prec), prec), prec);
}

Value du19_rate(const WidthInputs& in, slong prec) {
  const Value eta = du19_step(in, prec);
  if (eta.kind() == Kind::exact) return Value(Rational(1) - eta.exact() * in.lambda0.exact() / Rational(2));  // du19.rate
  Ball r = mul(eta.ball(), as_ball(in.lambda0, prec), prec);
  arb_mul_2exp_si(r.get(), r.get(), -1);
  arb_sub_si(r.get(), r.get(), 1, prec);
  arb_neg(r.get(), r.get());
  return Value(r, prec);
}

Ball du19_drift_ball(const WidthInputs& in, const Rational& m, const Rational& y_norm2, slong prec) {
  check_common(in, "du19.drift");
  require_positive(in.lambda0, "lambda0", "du19.drift");
  if (m.sign() <= 0) throw domain_error("du19.drift: requires m > 0, got m = " + m.str());
  if (y_norm2.sign() < 0) throw domain_error("du19.drift: requires |y - u(0)|^2 >= 0");
  Ball r = to_ball(Rational(16 * in.n) * y_norm2 / m, prec + 16);  // (4 sqrt(n) |y - u0| / sqrt(m))^2
  arb_sqrt(r.get(), r.get(), prec + 16);
  return div(r, as_ball(in.lambda0, prec + 16), prec);  // du19.drift
}

WidthValue evaluate_width_formula(const std::string& id, const WidthInputs& in, slong prec) {
  check_common(in, id);
  const slong wp = prec + 16;
  const Rational n(static_cast<long long>(in.n));
  WidthValue w;
  w.id = id;
  auto ball_value = [&](const Ball& b) { return Value(b, prec); };
  if (id == "du19.width" || id == "du19.width_both_layers" || id == "sy19.width" || id == "mosw22.squared_width") {
    require_positive(in.lambda0, "lambda0", id);
    w.depends = "lambda0";
    if (id == "du19.width") {
      w.name = "Du et al. (GF/GD)";
      if (in.lambda0.kind() == Kind::exact) {
        w.value = Value(pow(n, 6) / (pow(in.lambda0.exact(), 4) * pow(in.delta, 3)));  // du19.width
      } else {
        w.value = ball_value(div(to_ball(pow(n, 6) / pow(in.delta, 3), wp), pow_si(as_ball(in.lambda0, wp), 4, wp), prec));
      }
      return w;
    }
    if (id == "du19.width_both_layers") {
      w.name = "Du et al. (both layers)";
      // m = C ln(m/delta), C = n^6/(lambda0^4 delta^3): g(m) = m - C ln(m/delta) is increasing for m > C; its larger
      // root lies in [C, ...]. Bracket it by doubling, then bisect on rationals with certified signs.
      const Ball C = div(to_ball(pow(n, 6) / pow(in.delta, 3), wp), pow_si(as_ball(in.lambda0, wp), 4, wp), wp);
      auto g_sign = [&](const Rational& m) {  // +1 certainly positive, -1 certainly negative, 0 undecided
        Ball l = log_ratio(m, in.delta, wp), g;
        arb_mul(l.get(), l.get(), C.get(), wp);
        arb_sub(g.get(), to_ball(m, wp).get(), l.get(), wp);
        return certainly_positive(g) ? 1 : certainly_negative(g) ? -1 : 0;
      };
      arf_t c;
      arf_init(c);
      arb_get_ubound_arf(c, C.get(), wp);
      Rational lo;
      fmpz_t z;
      fmpz_init(z);
      arf_get_fmpz(z, c, ARF_RND_CEIL);
      lo = Rational(Integer(z));
      fmpz_clear(z);
      arf_clear(c);
      if (lo < Rational(1)) lo = Rational(1);
      if (g_sign(lo) > 0) {  // C ln(C/delta) < C would need C/delta < e: then m = C already satisfies it
        w.value = Value(to_ball(lo, prec), prec);
        return w;
      }
      Rational hi = lo * Rational(2);
      for (int i = 0; i < 4096 && g_sign(hi) <= 0; ++i) hi *= Rational(2);
      for (int i = 0; i < 2 * prec; ++i) {
        const Rational mid = (lo + hi) / Rational(2);
        const int s = g_sign(mid);
        if (s > 0) hi = mid;
        else if (s < 0) lo = mid;
        else break;
      }
      Ball r;
      arb_union(r.get(), to_ball(lo, wp).get(), to_ball(hi, wp).get(), prec);
      w.value = Value(r, prec);  // du19.width_both_layers
      return w;
    }
    Ball l = log_ratio(n, in.delta, wp);
    if (id == "sy19.width") {
      w.name = "Song-Yang";
      Ball t = mul(to_ball(pow(n, 4), wp), pow_si(l, 3, wp), wp);
      w.value = ball_value(div(t, pow_si(as_ball(in.lambda0, wp), 4, wp), prec));  // sy19.width
      return w;
    }
    w.name = "paper 003, squared loss (n^2 shape)";
    Ball t = mul(to_ball(pow(n, 2), wp), l, wp);
    w.value = ball_value(div(t, pow_si(as_ball(in.lambda0, wp), in.p, wp), prec));  // mosw22.squared_width
    return w;
  }
  if (id == "jt20.width" || id == "mosw22.hoeffding_width" || id == "mosw22.hoeffding_width_uncoupled" ||
      id == "mosw22.logistic_width") {
    require_positive(in.gamma, "gamma", id);
    w.depends = "gamma";
    const Ball g = as_ball(in.gamma, wp);
    if (id == "jt20.width") {
      w.name = "Ji-Telgarsky M = 4096 lambda^2/gamma^6";
      Ball l = jt20_lambda_ball(in, wp);
      Ball t = mul(l, l, wp);
      arb_mul_ui(t.get(), t.get(), 4096, wp);
      w.value = ball_value(div(t, pow_si(g, 6, wp), prec));  // jt20.width
      return w;
    }
    Ball t = log_ratio(n, in.delta, wp);
    const unsigned c = id == "mosw22.hoeffding_width" ? 16 : id == "mosw22.hoeffding_width_uncoupled" ? 8 : 1;
    w.name = c == 16 ? "coupled Hoeffding 16 ln(n/delta)/gamma^2" : c == 8 ? "uncoupled Hoeffding 8 ln(n/delta)/gamma^2"
                                                                            : "paper 003, logistic (gamma^-2 shape)";
    arb_mul_ui(t.get(), t.get(), c, wp);
    w.value = ball_value(div(t, pow_si(g, 2, wp), prec));
    return w;
  }
  std::string known;
  for (const auto& k : kWidthIds) known += (known.empty() ? "" : ", ") + k;
  throw input_error("width formula: unknown id \"" + id + "\" (known: " + known + ")");
}

std::vector<WidthValue> width_table(const WidthInputs& in, slong prec) {
  std::vector<WidthValue> v;
  for (const auto& id : kWidthIds) v.push_back(evaluate_width_formula(id, in, prec));
  return v;
}

InvertFor parse_invert_for(std::string_view t) {
  if (t == "n") return InvertFor::n;
  if (t == "gamma") return InvertFor::gamma;
  if (t == "lambda0") return InvertFor::lambda0;
  throw input_error("--for: requires n, gamma or lambda0, got \"" + std::string(t) + "\"");
}

Value invert_width_formula(const std::string& id, const WidthInputs& in, InvertFor var, const Rational& m, slong prec) {
  if (m.sign() <= 0) throw domain_error("invert: requires m > 0, got m = " + m.str());
  auto value_at = [&](const WidthInputs& x) { return evaluate_width_formula(id, x, prec + 16).value; };
  auto le_m = [&](const Value& v) {  // certainly <= m
    if (v.kind() == Kind::exact) return v.exact() <= m;
    return certainly_le(v.ball(), to_ball(m, prec + 16));
  };
  auto gt_m = [&](const Value& v) {
    if (v.kind() == Kind::exact) return v.exact() > m;
    return certainly_lt(to_ball(m, prec + 16), v.ball());
  };
  const WidthValue probe = evaluate_width_formula(id, in, prec);
  if (var == InvertFor::n) {
    WidthInputs x = in;
    x.n = 1;
    if (!le_m(value_at(x))) return Value(Rational(0));
    long lo = 1, hi = 2;
    const long cap = 1L << 40;
    for (;;) {
      x.n = hi;
      if (!le_m(value_at(x))) break;
      lo = hi;
      if (hi >= cap) return Value(Rational(static_cast<long long>(cap)));
      hi *= 2;
    }
    while (hi - lo > 1) {  // invariant: f(lo) <= m certainly, f(hi) not
      const long mid = lo + (hi - lo) / 2;
      x.n = mid;
      (le_m(value_at(x)) ? lo : hi) = mid;
    }
    return Value(Rational(static_cast<long long>(lo)));
  }
  const std::string need = var == InvertFor::gamma ? "gamma" : "lambda0";
  if (probe.depends != need) throw domain_error("invert: " + id + " does not depend on " + need);
  // decreasing in the variable: find lo (f > m) and hi (f <= m), then bisect
  auto with = [&](const Rational& v) {
    WidthInputs x = in;
    (var == InvertFor::gamma ? x.gamma : x.lambda0) = Value(v);
    return x;
  };
  Rational hi(1), lo(1);
  for (int i = 0; i < 200 && !le_m(value_at(with(hi))); ++i) hi *= Rational(2);
  for (int i = 0; i < 400 && !gt_m(value_at(with(lo))); ++i) lo /= Rational(2);
  if (!le_m(value_at(with(hi))) || !gt_m(value_at(with(lo))))
    throw precision_error("invert: could not bracket the crossing of " + id + " at m = " + m.str());
  for (int i = 0; i < prec; ++i) {
    const Rational mid = (lo + hi) / Rational(2);
    const Value v = value_at(with(mid));
    if (le_m(v)) hi = mid;
    else if (gt_m(v)) lo = mid;
    else break;
  }
  Ball r;
  arb_union(r.get(), to_ball(lo, prec + 16).get(), to_ball(hi, prec + 16).get(), prec);
  return Value(r, prec);
}

}  // namespace gdcert::width
