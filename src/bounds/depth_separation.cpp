#include "bounds/depth_separation.hpp"

#include <string>

#include "exact/errors.hpp"
#include "radial/mixture.hpp"
#include "radial/radial.hpp"

namespace gdcert::bounds {

namespace {

const Formula kFormulas[] = {
    {"ds.amplification", "||sum_{j=1}^M s_j (h_j - F_j)||^2 <= M sum_j ||h_j - F_j||^2; hence E(g - H)^2 <= M^2 delta",
     "derived (the d^-4 amplification of Safran, Shamir 2017 (ICML, arXiv 1610.09887)); proofs/depth-separation.md#amplification", Tag::derived,
     "proofs/depth-separation.md#amplification"},
    {"ds.scaling", "E_mu (f_r - g)^2 = E_{mu_{1/r}} (f_1 - g(r .))^2, mu_{1/r} = law of x/r",
     "derived (ball indicators under rescaling); proofs/depth-separation.md#scaling", Tag::derived, "proofs/depth-separation.md#scaling"},
    {"ds.accuracy_floor",
     "E_gamma (f_1 - h)^2 >= c/(4 N^2) = Omega(d^-4) for 2-layer h of width <= e^{cd}/M, M = 2N, N = Theta(d^2)",
     "Safran, Shamir 2017 (ICML, arXiv 1610.09887) / Safran, Lee 2022 (COLT, arXiv 2112.02393): the Omega(d^-4) floor; c and N open; proofs/depth-separation.md#accuracy-floor", Tag::reconstructed,
     "proofs/depth-separation.md#accuracy-floor"},
    {"ds.logistic_gap", "int_R (1{u >= 0} - sigma(k u))^2 du = (2/k)(ln 2 - 1/2), sigma logistic",
     "derived (mechanism (b) of the positive result of Safran, Lee 2022 (COLT, arXiv 2112.02393), reconstructed); proofs/depth-separation.md#logistic-gap", Tag::derived, "proofs/depth-separation.md#logistic-gap"},
    {"ds.truncated_square", "C > r^2: sum_i min(x_i^2, C) <= r^2 <=> ||x||^2 <= r^2",
     "derived (mechanism (a) of the positive result of Safran, Lee 2022 (COLT, arXiv 2112.02393), reconstructed); proofs/depth-separation.md#truncated-square", Tag::derived, "proofs/depth-separation.md#truncated-square"},
    {"ds.univariate_width",
     "an L-Lipschitz f constant outside [-R, R] is delta-approximated by a + sum_{i<=w} alpha_i sigma(beta_i t - gamma_i), "
     "w <= c_sigma R L/delta",
     "Eldan, Shamir 2016 (COLT, arXiv 1512.03965), assumption A2 on the activation; proofs/depth-separation.md#univariate-width", Tag::reconstructed,
     "proofs/depth-separation.md#univariate-width"},
    {"ds.truncated_square_width", "t -> min(t^2, C) (R = sqrt C, L = 2 sqrt C): w <= c_sigma 2C/delta per coordinate",
     "Eldan, Shamir 2016 (COLT, arXiv 1512.03965) assumption A2 applied to mechanism (a) of Safran, Lee 2022 (COLT, arXiv 2112.02393) (reconstructed); proofs/depth-separation.md#univariate-width", Tag::reconstructed, "proofs/depth-separation.md#univariate-width"},
    {"ds.positive_error",
     "density of ||x||^2 <= Q on |u| <= w, u = r^2 - ||x||^2: E(f_r - sigma(k u))^2 <= (2Q/k)(ln 2 - 1/2) + "
     "P(|u| > w) sigma(-k w)^2",
     "Safran, Lee 2022 (COLT, arXiv 2112.02393): mechanism (b) of the positive result reconstructed; inequality derived; proofs/depth-separation.md#positive-error", Tag::reconstructed,
     "proofs/depth-separation.md#positive-error"},
};

Rational sq_norm(const std::vector<Rational>& v) {
  Rational s(0);
  for (const auto& x : v) s += x * x;
  return s;
}

Rational arg_rational(const BoundArgs& a, const std::string& key, std::string_view dflt) {
  auto it = a.find(key);
  if (it != a.end()) return Rational::parse(it->second);
  if (dflt.empty()) throw input_error("bound: requires parameter " + key);
  return Rational::parse(dflt);
}

long arg_dimension(const BoundArgs& a) {
  const Rational d = arg_rational(a, "d", "");
  if (!d.is_integer()) throw input_error("bound: requires an integer d, got d = " + d.str());
  if (d < Rational(1)) throw input_error("bound: requires d >= 1, got d = " + d.str());
  if (d > Rational(100000)) throw input_error("bound: requires d <= 100000, got d = " + d.str());
  return static_cast<long>(d.num().to_si());
}

}  // namespace

Amplification amplification_exact(const std::vector<std::vector<Rational>>& h, const std::vector<std::vector<Rational>>& F,
                                  const std::vector<int>& s) {
  const std::size_t M = h.size();
  if (M == 0 || F.size() != M || s.size() != M)
    throw input_error("amplification_exact: requires M = |h| = |F| = |s| >= 1, got |h| = " + std::to_string(h.size()) +
                      ", |F| = " + std::to_string(F.size()) + ", |s| = " + std::to_string(s.size()));
  const std::size_t n = h[0].size();
  std::vector<Rational> sum(n, Rational(0));
  Rational total(0);
  for (std::size_t j = 0; j < M; ++j) {
    if (h[j].size() != n || F[j].size() != n)
      throw input_error("amplification_exact: requires vectors of one length, got " + std::to_string(h[j].size()) +
                        " and " + std::to_string(F[j].size()) + " at j = " + std::to_string(j));
    if (s[j] != 1 && s[j] != -1)
      throw input_error("amplification_exact: requires s_j = +-1, got s_" + std::to_string(j) + " = " + std::to_string(s[j]));
    std::vector<Rational> v(n);
    for (std::size_t i = 0; i < n; ++i) {
      v[i] = h[j][i] - F[j][i];
      sum[i] += s[j] > 0 ? v[i] : -v[i];
    }
    total += sq_norm(v);
  }
  return {sq_norm(sum), Rational(Integer(static_cast<long long>(M))) * total};  // ds.amplification
}

Rational amplified_error_exact(const Integer& M, const Rational& delta) {
  if (M.sign() <= 0) throw domain_error("amplified_error_exact: requires M >= 1, got M = " + M.str());
  if (delta.sign() < 0) throw domain_error("amplified_error_exact: requires delta >= 0, got delta = " + delta.str());
  return Rational(M * M) * delta;  // ds.amplification
}

Rational accuracy_floor_exact(const Rational& c, const Integer& N) {
  if (N.sign() <= 0) throw domain_error("accuracy_floor_exact: requires N >= 1, got N = " + N.str());
  if (c.sign() <= 0) throw domain_error("accuracy_floor_exact: requires c > 0, got c = " + c.str());
  return c / Rational(Integer(4) * N * N);  // ds.accuracy_floor
}

Ball logistic_gap_ball(const Rational& k, slong prec) {
  if (k.sign() <= 0) throw domain_error("logistic_gap_ball: requires k > 0, got k = " + k.str());
  const slong wp = prec + 16;
  Ball l, h, kb = to_ball(k, wp), out;
  arb_const_log2(l.get(), wp);
  arb_set_d(h.get(), 0.5);
  arb_sub(l.get(), l.get(), h.get(), wp);
  arb_mul_2exp_si(l.get(), l.get(), 1);
  arb_div(out.get(), l.get(), kb.get(), prec);  // ds.logistic_gap
  return out;
}

bool truncated_square_inside_exact(const std::vector<Rational>& x, const Rational& r, const Rational& C) {
  if (r.sign() <= 0) throw domain_error("truncated_square_inside_exact: requires r > 0, got r = " + r.str());
  if (!(C > r * r))
    throw domain_error("truncated_square_inside_exact: requires C > r^2, got C = " + C.str() + ", r^2 = " + (r * r).str());
  Rational s(0);
  for (const auto& xi : x) {
    const Rational q = xi * xi;
    s += q < C ? q : C;
  }
  return s <= r * r;  // ds.truncated_square
}

bool ball_inside_exact(const std::vector<Rational>& x, const Rational& r) {
  if (r.sign() <= 0) throw domain_error("ball_inside_exact: requires r > 0, got r = " + r.str());
  return sq_norm(x) <= r * r;
}

Rational univariate_width_exact(const Rational& c_sigma, const Rational& R, const Rational& L, const Rational& delta) {
  if (c_sigma.sign() <= 0) throw domain_error("univariate_width_exact: requires c_sigma > 0, got c_sigma = " + c_sigma.str());
  if (R.sign() <= 0) throw domain_error("univariate_width_exact: requires R > 0, got R = " + R.str());
  if (L.sign() < 0) throw domain_error("univariate_width_exact: requires L >= 0, got L = " + L.str());
  if (delta.sign() <= 0) throw domain_error("univariate_width_exact: requires delta > 0, got delta = " + delta.str());
  return c_sigma * R * L / delta;  // ds.univariate_width
}

Rational truncated_square_width_exact(const Rational& c_sigma, const Rational& C, const Rational& delta) {
  if (C.sign() <= 0) throw domain_error("truncated_square_width_exact: requires C > 0, got C = " + C.str());
  if (c_sigma.sign() <= 0 || delta.sign() <= 0)
    throw domain_error("truncated_square_width_exact: requires c_sigma > 0 and delta > 0, got c_sigma = " + c_sigma.str() +
                       ", delta = " + delta.str());
  return c_sigma * Rational(2) * C / delta;  // ds.truncated_square_width (R L = sqrt C * 2 sqrt C = 2C)
}

Ball positive_mechanism_error_ball(const Rational& Q, const Rational& k, const Rational& w, const Rational& p, slong prec) {
  if (Q.sign() < 0) throw domain_error("positive_mechanism_error_ball: requires Q >= 0, got Q = " + Q.str());
  if (k.sign() <= 0) throw domain_error("positive_mechanism_error_ball: requires k > 0, got k = " + k.str());
  if (w.sign() < 0) throw domain_error("positive_mechanism_error_ball: requires w >= 0, got w = " + w.str());
  if (p.sign() < 0 || p > Rational(1))
    throw domain_error("positive_mechanism_error_ball: requires 0 <= p <= 1, got p = " + p.str());
  const slong wp = prec + 16;
  Ball g = logistic_gap_ball(k, wp), qb = to_ball(Q, wp), out, s, t;
  arb_mul(out.get(), g.get(), qb.get(), wp);  // (2Q/k)(ln 2 - 1/2)
  // sigma(-k w) = 1/(1 + e^{k w})
  Ball kw = to_ball(k * w, wp);
  arb_exp(t.get(), kw.get(), wp);
  arb_add_ui(t.get(), t.get(), 1, wp);
  arb_inv(s.get(), t.get(), wp);
  arb_sqr(s.get(), s.get(), wp);
  Ball pb = to_ball(p, wp);
  arb_mul(s.get(), s.get(), pb.get(), wp);
  arb_add(out.get(), out.get(), s.get(), prec);  // ds.positive_error
  return out;
}

std::span<const Formula> depth_separation_formulas() { return kFormulas; }

std::vector<BoundEntry> depth_separation_bounds() {
  std::vector<BoundEntry> v;
  v.push_back({"ds.accuracy_floor",
               "Omega(d^-4) accuracy floor c/(4N^2) of depth-2 nets on the radial mixture (N shells, M = 2N balls)",
               {{"d", "dimension (integer >= 1)", ""},
                {"c", "the ES16 constant (unknown; the floor scales linearly in c)", "1"},
                {"rule", "N rule: script (N = ceil(alpha^1.5 d^2), alpha = ceil(635/(2 pi d))) or kappa (N = ceil(kappa d^2))",
                 "script"},
                {"kappa", "constant of N = ceil(kappa d^2) under rule = kappa", "1"}},
               [](const BoundArgs& a, long) {
                 const long d = arg_dimension(a);
                 const Rational c = arg_rational(a, "c", "1");
                 const std::string rule = a.count("rule") ? a.at("rule") : "script";
                 Integer N;
                 BoundOutputs out;
                 if (rule == "script") {
                   const Integer alpha = radial::es16_alpha(d);
                   N = radial::es16_shell_count(d, alpha);
                   out.push_back({"alpha", Value(alpha)});
                 } else if (rule == "kappa") {
                   N = radial::es16_shell_count_kappa(d, arg_rational(a, "kappa", "1"));
                 } else {
                   throw input_error("bound ds.accuracy_floor: requires rule = script or kappa, got rule = " + rule);
                 }
                 const Rational floor = accuracy_floor_exact(c, N);
                 const Rational d4 = Rational(Integer(d) * Integer(d) * Integer(d) * Integer(d));
                 out.push_back({"N", Value(N)});
                 out.push_back({"M = 2N", Value(Integer(2) * N)});
                 out.push_back({"floor c/(4N^2)", Value(floor)});
                 out.push_back({"d^4 floor", Value(floor * d4)});
                 return out;
               }});
  v.push_back({"ds.amplification", "E(g - H)^2 <= M^2 delta when every rescaled ball indicator is delta-approximated",
               {{"M", "number of ball indicators (2N)", ""}, {"delta", "E_gamma (f_1 - h)^2", ""}},
               [](const BoundArgs& a, long) {
                 const Rational M = arg_rational(a, "M", "");
                 if (!M.is_integer()) throw input_error("bound ds.amplification: requires an integer M, got M = " + M.str());
                 return BoundOutputs{{"M^2 delta", Value(amplified_error_exact(M.num(), arg_rational(a, "delta", "")))}};
               }});
  v.push_back({"ds.logistic_gap", "int (1{u >= 0} - sigma(k u))^2 du = (2/k)(ln 2 - 1/2)",
               {{"k", "slope of the output sigmoid", "1"}},
               [](const BoundArgs& a, long prec) {
                 return BoundOutputs{{"(2/k)(ln 2 - 1/2)", Value(logistic_gap_ball(arg_rational(a, "k", "1"), prec), prec)}};
               }});
  v.push_back({"ds.truncated_square", "sum_i min(x_i^2, C) <= r^2 <=> ||x||^2 <= r^2 for C > r^2 (both sides, exact)",
               {{"x", "point, comma-separated rationals", "", true}, {"r", "radius", "1"}, {"C", "truncation level > r^2", "2"}},
               [](const BoundArgs& a, long) {
                 std::vector<Rational> x;
                 const std::string s = a.count("x") ? a.at("x") : throw input_error("bound: requires parameter x");
                 std::size_t pos = 0;
                 while (pos <= s.size()) {
                   const std::size_t q = s.find(',', pos);
                   x.push_back(Rational::parse(s.substr(pos, q == std::string::npos ? std::string::npos : q - pos)));
                   if (q == std::string::npos) break;
                   pos = q + 1;
                 }
                 const Rational r = arg_rational(a, "r", "1"), C = arg_rational(a, "C", "2");
                 return BoundOutputs{{"[sum min(x_i^2, C) <= r^2]", Value(truncated_square_inside_exact(x, r, C) ? 1 : 0)},
                                     {"[||x||^2 <= r^2]", Value(ball_inside_exact(x, r) ? 1 : 0)}};
               }});
  v.push_back({"ds.univariate_width", "width c_sigma R L/delta of a sup-norm delta-approximation by one sigmoid layer",
               {{"c_sigma", "activation constant (unknown; default 1)", "1"}, {"R", "support half-width", ""},
                {"L", "Lipschitz constant", ""}, {"delta", "sup-norm accuracy", ""}},
               [](const BoundArgs& a, long) {
                 return BoundOutputs{{"width bound", Value(univariate_width_exact(arg_rational(a, "c_sigma", "1"),
                                                                                   arg_rational(a, "R", ""),
                                                                                   arg_rational(a, "L", ""),
                                                                                   arg_rational(a, "delta", "")))}};
               }});
  v.push_back({"ds.truncated_square_width", "width c_sigma 2C/delta per coordinate for min(t^2, C); d times that in all",
               {{"c_sigma", "activation constant (unknown; default 1)", "1"}, {"C", "truncation level", ""},
                {"delta", "sup-norm accuracy per coordinate", ""}, {"d", "dimension", "1"}},
               [](const BoundArgs& a, long) {
                 const Rational w = truncated_square_width_exact(arg_rational(a, "c_sigma", "1"), arg_rational(a, "C", ""),
                                                                 arg_rational(a, "delta", ""));
                 const long d = a.count("d") ? arg_dimension(a) : 1;
                 return BoundOutputs{{"width per coordinate", Value(w)}, {"total width", Value(w * Rational(d))}};
               }});
  v.push_back({"ds.positive_error", "(2Q/k)(ln 2 - 1/2) + p sigma(-k w)^2: error of the sigmoid-output classifier",
               {{"Q", "density bound of ||x||^2 on the window", ""}, {"k", "output slope", ""},
                {"w", "window half-width in u = r^2 - ||x||^2", ""}, {"p", "P(|u| > w) (1 = worst case)", "1"}},
               [](const BoundArgs& a, long prec) {
                 return BoundOutputs{{"error bound", Value(positive_mechanism_error_ball(arg_rational(a, "Q", ""),
                                                                                         arg_rational(a, "k", ""),
                                                                                         arg_rational(a, "w", ""),
                                                                                         arg_rational(a, "p", "1"), prec),
                                                          prec)}};
               }});
  return v;
}

}  // namespace gdcert::bounds
