// Tests of src/kernels general covariances, the new activations, the deep NNGP/NTK recursions and their verbs:
// closed forms against an independent brute force of the defining 2-D Gaussian integral (composite Simpson per
// quadrant in double precision, the integrand smooth on each closed quadrant), against peer/reference vectors
// (tests/data/peer_kernels.json: mpmath 2-D quadrature of the definition and an independent mpmath deep recursion),
// series against closed forms, the two-layer NTK against the width module, the fixed point, and the CLI.
#include <doctest/doctest.h>

#include <cmath>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>

#include "api/kernel.hpp"
#include "api/kernel_deep.hpp"
#include "cli_support.hpp"
#include "exact/errors.hpp"
#include "kernels/deep.hpp"
#include "kernels/dual.hpp"
#include "kernels/general.hpp"
#include "width/data.hpp"
#include "width/gram.hpp"

using namespace gdcert;
using namespace gdcert::kernels;
using gdcert::testing::gdcert_run;

namespace {

nlohmann::json load(const char* name) {
  std::ifstream in(std::string(GDCERT_TEST_DATA) + "/" + name);
  REQUIRE(in.good());
  return nlohmann::json::parse(in);
}

Ball B(const Rational& q, slong prec = 192) { return to_ball(q, prec); }

double act_d(const std::string& name, double t, bool deriv) {
  const Activation a = parse_activation(name);
  switch (a.kind) {
    case Activation::Kind::relu: return deriv ? (t > 0 ? 1 : 0) : (t > 0 ? t : 0);
    case Activation::Kind::arccos:
      if (deriv) return t > 0 ? a.order * std::pow(t, a.order - 1) : 0;
      return t > 0 ? std::pow(t, a.order) : (a.order == 0 && t >= 0 ? 1 : 0);
    case Activation::Kind::sign: return t >= 0 ? 1 : -1;
    case Activation::Kind::erf: return deriv ? 2 / std::sqrt(M_PI) * std::exp(-t * t) : std::erf(t);
    case Activation::Kind::abrelu: {
      const double al = a.a.to_double(), be = a.b.to_double();
      return deriv ? (t > 0 ? be : al) : (t > 0 ? be * t : al * t);
    }
    case Activation::Kind::sin: return deriv ? std::cos(t) : std::sin(t);
    case Activation::Kind::cos: return deriv ? -std::sin(t) : std::cos(t);
    case Activation::Kind::gelu: {
      const double P = 0.5 * std::erfc(-t / std::sqrt(2.0)), p = std::exp(-t * t / 2) / std::sqrt(2 * M_PI);
      return deriv ? P + t * p : t * P;
    }
  }
  return 0;
}

/**
 * Brute force of the definition: ∫∫ σ(u)σ(v) N(u, v; 0, Σ) du dv by composite Simpson on each quadrant
 * [0, ±9√q1] × [0, ±9√q2] (the activations are smooth on each closed quadrant), N = 800 panels per side.
 */
double brute(const std::string& act, double q1, double q2, double c, bool deriv) {
  const double det = q1 * q2 - c * c, norm = 1 / (2 * M_PI * std::sqrt(det));
  const int N = 800;
  double total = 0;
  for (int su : {-1, 1})
    for (int sv : {-1, 1}) {
      const double hu = su * 9 * std::sqrt(q1) / N, hv = sv * 9 * std::sqrt(q2) / N;
      std::vector<double> fv(N + 1), wv(N + 1);
      for (int j = 0; j <= N; ++j) {
        fv[j] = act_d(act, j * hv + (j == 0 ? sv * 1e-300 : 0), deriv);
        wv[j] = (j == 0 || j == N) ? 1 : (j % 2 ? 4 : 2);
      }
      double s = 0;
      for (int i = 0; i <= N; ++i) {
        const double u = i * hu, fu = act_d(act, u + (i == 0 ? su * 1e-300 : 0), deriv);
        const double wu = (i == 0 || i == N) ? 1 : (i % 2 ? 4 : 2);
        if (fu == 0) continue;
        double row = 0;
        for (int j = 0; j <= N; ++j) {
          const double v = j * hv;
          const double Q = (q2 * u * u - 2 * c * u * v + q1 * v * v) / det;
          row += wv[j] * fv[j] * std::exp(-Q / 2);
        }
        s += wu * fu * row;
      }
      total += s * std::abs(hu * hv) / 9;
    }
  return total * norm;
}

bool near(const Ball& b, double x, double tol) {
  return std::abs(arf_get_d(arb_midref(b.get()), ARF_RND_NEAR) - x) <= tol * (1 + std::abs(x));
}

}  // namespace

TEST_SUITE("kernels_deep") {
  TEST_CASE("general: parse the new activations and their canonical names") {
    CHECK(parse_activation("leaky:1/5").name() == "leaky:1/5");
    CHECK(parse_activation("abrelu:-1/2,2").name() == "abrelu:-1/2,2");
    CHECK(parse_activation("abrelu:-1,1").name() == "abs");
    CHECK(parse_activation("abs").name() == "abs");
    CHECK(parse_activation("abrelu:1/5,1").name() == "leaky:1/5");
    for (const char* n : {"sin", "cos", "gelu"}) CHECK(parse_activation(n).name() == n);
    for (const char* bad : {"leaky:", "leaky:x", "abrelu:1", "abrelu:1,", "abrelu:,2", "gelu2", "leaky:1/0"}) {
      CAPTURE(bad);
      CHECK_THROWS_AS(parse_activation(bad), input_error);
    }
  }

  // The closed forms against the defining double integral, Var u != Var v, value and derivative kernels.
  TEST_CASE("general: closed forms equal the brute-force double integral (unequal variances)") {
    const char* acts[] = {"relu", "leaky:1/5", "abrelu:-1/2,2", "abs", "sin", "cos", "gelu", "erf", "arccos:2", "sign", "step"};
    const std::tuple<Rational, Rational, Rational> covs[] = {
        {Rational(2), Rational(1, 2), Rational(1, 3)}, {Rational(3, 2), Rational(2, 3), Rational(-1, 2)},
        {Rational(1, 4), Rational(4), Rational(9, 10)}};
    for (const char* act : acts)
      for (const auto& [q1, q2, c] : covs)
        for (bool deriv : {false, true}) {
          const Activation a = parse_activation(act);
          if (deriv && !has_derivative_kernel(a)) continue;
          CAPTURE(act);
          CAPTURE(q1.str());
          CAPTURE(c.str());
          CAPTURE(deriv);
          const Ball k = general_moment(a, B(q1), B(q2), B(c), deriv ? Moment::derivative : Moment::value, 128);
          const double bf = brute(act, q1.to_double(), q2.to_double(), c.to_double(), deriv);
          INFO("closed ", k.str(20), " brute ", bf);
          CHECK(k.is_finite());
          CHECK(meets_accuracy(k, 100));
          CHECK(near(k, bf, 2e-6));
        }
  }

  TEST_CASE("general: equal variances agree with second_moment and the unit kernel") {
    for (const char* act : {"relu", "sign", "erf", "arccos:3", "step"}) {
      const Activation a = parse_activation(act);
      for (const Rational& rho : {Rational(-9, 10), Rational(-1, 3), Rational(0), Rational(1, 2), Rational(7, 8)}) {
        CAPTURE(act);
        const Rational V(5, 2);
        const Ball g = general_moment(a, B(V), B(V), B(V * rho), Moment::value, 160);
        const Ball s = second_moment(a, B(V), B(V * rho), 160);
        CHECK(g.overlaps(s));
        CHECK(meets_accuracy(g, 120));
      }
    }
    // diagonal routes equal E[sigma(u)^2] exactly where rational
    CHECK(diagonal_moment(parse_activation("relu"), B(Rational(3)), Moment::value, 128).overlaps(B(Rational(3, 2))));
    CHECK(diagonal_moment(parse_activation("abrelu:-1/2,2"), B(Rational(2)), Moment::value, 128)
              .overlaps(B(Rational(17, 4))));
    CHECK(diagonal_moment(parse_activation("arccos:3"), B(Rational(2)), Moment::derivative, 128)
              .overlaps(B(Rational(9 * 4 * 3, 2))));  // 9 q^2 (3!!)/2
  }

  TEST_CASE("general: exact values where rational, and their balls contain them") {
    struct Case {
      const char* act;
      Rational q1, q2, c;
      bool deriv;
      std::optional<Rational> want;
    };
    const Case cases[] = {
        {"relu", Rational(2), Rational(8), Rational(2), true, Rational(1, 3)},         // rho = 1/2: kappa_0 = 1/3
        {"relu", Rational(2), Rational(8), Rational(-2), true, Rational(1, 6)},
        {"relu", Rational(2), Rational(8), Rational(0), true, Rational(1, 4)},
        {"relu", Rational(2), Rational(8), Rational(4), false, Rational(2)},           // rho = 1: sqrt(16)/2
        {"relu", Rational(2), Rational(8), Rational(-4), false, Rational(0)},
        {"relu", Rational(2), Rational(3), Rational(1), true, std::nullopt},
        {"sign", Rational(2), Rational(8), Rational(-2), false, Rational(-1, 3)},
        {"step", Rational(1, 3), Rational(3), Rational(1, 2), false, Rational(1, 3)},
        {"abs", Rational(2), Rational(8), Rational(0), true, Rational(0)},            // 2 k0(0) - 2 k0(0)
        {"abs", Rational(2), Rational(8), Rational(2), true, Rational(1, 3)},         // 2/3 - 2/6
        {"leaky:1/5", Rational(1), Rational(1), Rational(1), false, Rational(13, 25)},  // (1 + 1/25)/2
        {"abrelu:-1/2,2", Rational(4), Rational(9), Rational(-6), false, Rational(6)},  // rho = -1: 6 (17/4) 0 - 6 (-2)(1/2)
        {"erf", Rational(4), Rational(4), Rational(9, 4), false, Rational(1, 3)},      // 2c/(1+2q) = 1/2
        {"sin", Rational(2), Rational(3), Rational(0), false, Rational(0)},
        {"cos", Rational(2), Rational(3), Rational(0), true, Rational(0)},
        {"gelu", Rational(1), Rational(1), Rational(0), false, std::nullopt},
        {"arccos:2", Rational(2), Rational(8), Rational(4), false, Rational(16 * 3, 2)},  // (q1 q2) 3!!/2
        {"arccos:2", Rational(2), Rational(8), Rational(2), true, std::nullopt},  // 4 sqrt(16) kappa_1(1/2): 1/pi, sqrt 3
    };
    for (const auto& cs : cases) {
      CAPTURE(cs.act);
      CAPTURE(cs.c.str());
      CAPTURE(cs.deriv);
      const Activation a = parse_activation(cs.act);
      const Moment m = cs.deriv ? Moment::derivative : Moment::value;
      const auto e = general_moment_exact(a, cs.q1, cs.q2, cs.c, m);
      CHECK(e.has_value() == cs.want.has_value());
      if (e && cs.want) CHECK(*e == *cs.want);
      const Ball b = general_moment_to_accuracy(a, cs.q1, cs.q2, cs.c, m, 100);
      if (cs.want) CHECK(b.overlaps(B(*cs.want, 128)));
    }
  }

  TEST_CASE("general: preconditions are domain errors, accuracy out of range a precision error") {
    const Activation r = parse_activation("relu");
    CHECK_THROWS_AS(general_moment(r, B(Rational(0)), B(Rational(1)), B(Rational(0)), Moment::value, 64), domain_error);
    CHECK_THROWS_AS(general_moment(r, B(Rational(1)), B(Rational(1)), B(Rational(2)), Moment::value, 64), domain_error);
    CHECK_THROWS_AS(general_moment(parse_activation("sign"), B(Rational(1)), B(Rational(1)), B(Rational(0)),
                                   Moment::derivative, 64),
                    domain_error);
    CHECK_THROWS_AS(general_moment_exact(r, Rational(1), Rational(-1), Rational(0), Moment::value), domain_error);
    CHECK_THROWS_AS(general_moment_to_accuracy(r, Rational(1), Rational(1), Rational(0), Moment::value, 0), precision_error);
    CHECK_THROWS_AS(general_moment_to_accuracy(parse_activation("gelu"), Rational(1), Rational(1), Rational(0),
                                               Moment::value, 5000),
                    precision_error);
  }

  TEST_CASE("series: new activations, exact coefficients and the certified tail enclose the closed form") {
    // abs: a_l = 4 a_l(relu) for even l, 0 for odd; leaky: (1 - alpha (-1)^l)^2 a_l(relu)
    const Series relu = series(parse_activation("relu"), 12, 128);
    const Series absr = series(parse_activation("abs"), 12, 128);
    const Series leak = series(parse_activation("leaky:1/5"), 12, 128);
    for (unsigned l = 0; l <= 12; ++l) {
      CAPTURE(l);
      const Rational f = l % 2 == 0 ? Rational(4) : Rational(0);
      CHECK(absr.terms[l].rational_part == f * relu.terms[l].rational_part);
      const Rational g = Rational(1) - (l % 2 == 0 ? Rational(1, 5) : Rational(-1, 5));
      CHECK(leak.terms[l].rational_part == g * g * relu.terms[l].rational_part);
    }
    // gelu a_0..a_4 = 1/(4pi), 1/4, 9/(32 pi), 0, (e_5 + 4 e_3)^2/(4 pi 4!) = (3/4 - 2)^2/(96 pi) = 25/(1536 pi)
    const Series ge = series(parse_activation("gelu"), 4, 128);
    CHECK(ge.terms[0].exact_str() == "1/4·(1/pi)");
    CHECK(ge.terms[1].exact_str() == "1/4");
    CHECK(ge.terms[2].exact_str() == "9/32·(1/pi)");
    CHECK(ge.terms[3].exact_str() == "0");
    CHECK(ge.terms[4].exact_str() == "25/1536·(1/pi)");
    const Series si = series(parse_activation("sin"), 5, Rational(2), 128);
    CHECK(si.terms[3].exact_str() == "4/3·(exp(-2))");
    CHECK(series(parse_activation("cos"), 2, 128).terms[2].exact_str() == "1/2·(exp(-1))");
    CHECK_THROWS_AS(series(parse_activation("gelu"), 4, Rational(2), 128), domain_error);
    // Hermite coefficients c_l of abrelu: (b - a(-1)^l) c_l(relu)
    const auto c1 = hermite_coefficient(parse_activation("abrelu:-1/2,2"), 1);
    REQUIRE(c1.has_value());
    CHECK(c1->first == Rational(3, 4));  // (2 - 1/2)/2
    CHECK(!hermite_coefficient(parse_activation("gelu"), 2).has_value());
    // summed to L = 200 with the certified tail, the series encloses the closed form / quadrature
    for (const char* act : {"leaky:1/5", "abrelu:-1/2,2", "abs", "sin", "cos", "gelu"}) {
      const Activation a = parse_activation(act);
      const Series s = series(a, 200, 192);
      CHECK(!certainly_negative(s.tail_bound));
      for (const Rational& rho : {Rational(-9, 10), Rational(-1, 3), Rational(1, 2), Rational(1)}) {
        CAPTURE(act);
        CAPTURE(rho.str());
        Ball sum, pw, r = B(rho), term;
        arb_one(pw.get());
        for (const auto& t : s.terms) {
          arb_mul(term.get(), t.value.get(), pw.get(), 192);
          arb_add(sum.get(), sum.get(), term.get(), 192);
          arb_mul(pw.get(), pw.get(), r.get(), 192);
        }
        arb_add_error(sum.get(), s.tail_bound.get());
        const Ball closed = general_moment(a, B(Rational(1)), B(Rational(1)), B(rho), Moment::value, 128);
        CHECK(sum.overlaps(closed));
      }
      // kappa(1) from the series constant equals the diagonal route
      CHECK(s.kappa_one.overlaps(diagonal_moment(a, B(Rational(1)), Moment::value, 128)));
    }
  }

  TEST_CASE("peer vectors: tests/data/peer_kernels.json (mpmath 2-D quadrature of the definition)") {
    const auto j = load("peer_kernels.json");
    int count = 0;
    for (const auto& v : j.at("moments")) {
      const std::string act = v.at("act");
      CAPTURE(act);
      const Rational q1 = Rational::parse(v.at("q1").get<std::string>()), q2 = Rational::parse(v.at("q2").get<std::string>()),
                     c = Rational::parse(v.at("c").get<std::string>());
      const std::string digits_tol = "[" + v.at("nngp").get<std::string>() + " +/- 1e-15]";
      const Ball want = Ball::parse(digits_tol, 128);
      const Activation a = parse_activation(act);
      CHECK(general_moment(a, B(q1), B(q2), B(c), Moment::value, 128).overlaps(want));
      if (v.contains("deriv")) {
        const Ball wd = Ball::parse("[" + v.at("deriv").get<std::string>() + " +/- 1e-15]", 128);
        CHECK(general_moment(a, B(q1), B(q2), B(c), Moment::derivative, 128).overlaps(wd));
      }
      ++count;
    }
    for (const auto& v : j.at("deep")) {
      const std::string act = v.at("act");
      DeepArchitecture arch = DeepArchitecture::uniform(parse_activation(act), v.at("depth").get<unsigned>(),
                                                        Rational::parse(v.at("weight_var").get<std::string>()),
                                                        Rational::parse(v.at("bias_var").get<std::string>()));
      std::vector<std::vector<Rational>> pts;
      for (const auto& p : v.at("points")) {
        pts.emplace_back();
        for (const auto& x : p) pts.back().push_back(Rational::parse(x.get<std::string>()));
      }
      const DeepGram g = deep_gram(arch, pts, true, 128);
      for (std::size_t i = 0; i < pts.size(); ++i)
        for (std::size_t k = 0; k < pts.size(); ++k) {
          CAPTURE(i);
          CAPTURE(k);
          const Ball s = Ball::parse("[" + v.at("nngp")[i][k].get<std::string>() + " +/- 1e-38]", 192);
          const Ball t = Ball::parse("[" + v.at("ntk")[i][k].get<std::string>() + " +/- 1e-38]", 192);
          CHECK(g.nngp.back().at(static_cast<slong>(i), static_cast<slong>(k)).overlaps(s));
          CHECK(g.ntk.back().at(static_cast<slong>(i), static_cast<slong>(k)).overlaps(t));
          CHECK(meets_accuracy(g.ntk.back().at(static_cast<slong>(i), static_cast<slong>(k)), 100));
        }
      ++count;
    }
    CHECK(count >= 4);
  }

  TEST_CASE("deep: L = 1 NTK equals the width module's H^inf (+ arc-cosine term)") {
    for (const char* spec : {"24cell:reps", "sphere:n=8:d=3:seed=5", "droots:k=4:count=8"}) {
      CAPTURE(spec);
      const width::DataSet data = width::parse_data_spec(spec, 1);
      const Rational d(static_cast<long long>(data.dim()));
      DeepArchitecture arch;
      arch.activation = parse_activation("relu");
      arch.depth = 1;
      arch.weight_var = {d, Rational(1)};
      arch.bias_var = {Rational(0), Rational(0)};
      const DeepGram g = deep_gram(arch, data.points, true, 160);
      const width::GramMatrix both = width::h_inf_matrix(data.points, true, 160);
      const width::GramMatrix hinf = width::h_inf_matrix(data.points, false, 160);
      const slong n = static_cast<slong>(data.size());
      for (slong i = 0; i < n; ++i)
        for (slong j = 0; j < n; ++j) {
          const Ball theta = g.ntk.back().at(i, j), sigma = g.nngp.back().at(i, j);
          Ball diff;
          arb_sub(diff.get(), theta.get(), sigma.get(), 160);
          CHECK(theta.overlaps(both.ball_matrix.at(i, j)));
          CHECK(diff.overlaps(hinf.ball_matrix.at(i, j)));
          CHECK(meets_accuracy(theta, 100));
          if (hinf.exact) {  // exact rational entries lie in the deep balls
            CHECK(arb_contains_fmpq(diff.get(), hinf.exact_matrix.at(i, j).get()));
          }
        }
    }
  }

  TEST_CASE("deep: recursion by hand for one pair, and the data form agrees with the pair form") {
    const Activation a = parse_activation("erf");
    const auto arch = DeepArchitecture::uniform(a, 3, Rational(3, 2), Rational(1, 5));
    const std::vector<std::vector<Rational>> pts = {{Rational(1), Rational(2)}, {Rational(-1, 2), Rational(1)}};
    const DeepGram g = deep_gram(arch, pts, true, 128);
    // Sigma^1 = (3/2) <x,y>/2 + 1/5
    const DeepPair p = deep_pair(arch, Rational(3, 2) * Rational(5) / Rational(2) + Rational(1, 5),
                                 Rational(3, 2) * Rational(5, 4) / Rational(2) + Rational(1, 5),
                                 Rational(3, 2) * Rational(3, 2) / Rational(2) + Rational(1, 5), true, 128);
    CHECK(g.nngp.back().at(0, 1).overlaps(p.c.back()));
    CHECK(g.ntk.back().at(0, 1).overlaps(p.theta.back()));
    CHECK(g.ntk.back().at(0, 0).overlaps(p.theta_x.back()));
    // one step by hand
    const Ball s1 = p.c[0], q1 = p.q1[0], q2 = p.q2[0];
    Ball s2 = general_moment(a, q1, q2, s1, Moment::value, 128), t2 = general_moment(a, q1, q2, s1, Moment::derivative, 128);
    arb_mul(s2.get(), s2.get(), B(Rational(3, 2)).get(), 128);
    arb_add(s2.get(), s2.get(), B(Rational(1, 5)).get(), 128);
    arb_mul(t2.get(), t2.get(), B(Rational(3, 2)).get(), 128);
    arb_mul(t2.get(), t2.get(), s1.get(), 128);
    arb_add(t2.get(), t2.get(), s2.get(), 128);
    CHECK(p.c[1].overlaps(s2));
    CHECK(p.theta[1].overlaps(t2));
    // errors
    CHECK_THROWS_AS(deep_gram(DeepArchitecture::uniform(parse_activation("sign"), 2, Rational(1), Rational(0)), pts, true, 64),
                    domain_error);
    CHECK_NOTHROW(deep_gram(DeepArchitecture::uniform(parse_activation("sign"), 2, Rational(1), Rational(0)), pts, false, 64));
    CHECK_THROWS_AS(deep_gram(DeepArchitecture::uniform(a, 2, Rational(-1), Rational(0)), pts, true, 64), domain_error);
    CHECK_NOTHROW(deep_gram(arch, {{Rational(0), Rational(0)}}, true, 64));  // bias 1/5 > 0: Sigma^1(0,0) = 1/5
    CHECK_THROWS_AS(deep_gram(DeepArchitecture::uniform(a, 2, Rational(1), Rational(0)), {{Rational(0), Rational(0)}},
                              true, 64),
                    domain_error);
  }

  TEST_CASE("deep: fixed point q*, chi_1 and convergence of the certified iterates") {
    const auto f = deep_fixed_point(parse_activation("relu"), Rational(2), Rational(0));
    CHECK(f.variance == FixedPoint::Variance::every_q);
    CHECK(f.chi1 == Rational(1));
    const auto g = deep_fixed_point(parse_activation("relu"), Rational(1), Rational(1, 2));
    CHECK(g.variance == FixedPoint::Variance::fixed);
    CHECK(*g.q_star == Rational(1));
    CHECK(g.chi1 == Rational(1, 2));
    CHECK(deep_fixed_point(parse_activation("leaky:1/5"), Rational(3), Rational(0)).variance ==
          FixedPoint::Variance::diverges);
    CHECK(deep_fixed_point(parse_activation("leaky:1"), Rational(1), Rational(0)).linear);
    CHECK_THROWS_AS(deep_fixed_point(parse_activation("erf"), Rational(1), Rational(0)), domain_error);
    // iterates: increasing to 1, certified; relu sigma_w^2 = 2: 1 - rho_h ~ c/h^2
    const auto it = correlation_iterates(parse_activation("relu"), Rational(2), Rational(0), Rational(1), Rational(-1),
                                         200, 128);
    for (std::size_t h = 1; h < it.size(); ++h) CHECK(certainly_lt(it[h - 1], it[h]));
    CHECK(certainly_lt(to_ball(Rational(99, 100), 64), it.back()));
    // at q* the iterates of the relu map with sigma_b^2 = 1/2 converge geometrically-ish (chi_1 = 1/2)
    const auto it2 = correlation_iterates(parse_activation("relu"), Rational(1), Rational(1, 2), Rational(1),
                                          Rational(0), 60, 128);
    Ball gap;
    arb_sub_ui(gap.get(), it2.back().get(), 1, 128);
    arb_neg(gap.get(), gap.get());
    CHECK(certainly_lt(gap, to_ball(Rational(1, 1000000000), 64)));
    // the iterates equal the deep pair recursion's correlation Sigma^h(x,y)/Sigma^h(x,x) for equal norms
    const DeepPair p = deep_pair(DeepArchitecture::uniform(parse_activation("relu"), 5, Rational(1), Rational(1, 2)),
                                 Rational(1), Rational(1), Rational(0), false, 128);
    Ball r5;
    arb_div(r5.get(), p.c[5].get(), p.q1[5].get(), 128);
    CHECK(r5.overlaps(it2[5]));
  }

  TEST_CASE("cli: kernel --q1 --q2 --c prints both kernels, exact where rational, one-line errors") {
    auto r = gdcert_run({"kernel", "relu", "--q1", "2", "--q2", "8", "--c", "2", "--json"});
    CHECK(r.code == 0);
    const auto j = nlohmann::json::parse(r.out);
    CHECK(r.out.find("\"1/3\"") != std::string::npos);  // the derivative kernel at rho = 1/2
    CHECK(r.out.find("kernel.general.arccos.derivative") != std::string::npos);
    (void)j;
    r = gdcert_run({"kernel", "gelu", "--q1", "2", "--q2", "1/2", "--c", "1/3", "--digits", "20"});
    CHECK(r.code == 0);
    CHECK(r.out.find("kernel.gelu.quadrature") != std::string::npos);
    r = gdcert_run({"kernel", "relu", "--q1", "1", "--q2", "1", "--c", "2"});
    CHECK(r.code == 4);
    CHECK(r.err.find("c^2 <= q1 q2") != std::string::npos);
    r = gdcert_run({"kernel", "relu", "--q1", "1", "--q2", "1"});
    CHECK(r.code != 0);
    r = gdcert_run({"kernel", "sign", "--q1", "1", "--q2", "2", "--c", "1/2"});
    CHECK(r.code == 0);
    CHECK(r.out.find("undefined") != std::string::npos);
    r = gdcert_run({"kernel", "leaky:x", "--rho", "0"});
    CHECK(r.code == 3);
  }

  TEST_CASE("cli: deep-kernel on data and pairs, fixed point, errors") {
    auto r = gdcert_run({"deep-kernel", "relu", "--depth", "3", "--data", "24cell:reps", "--weight-var", "2",
                         "--bias-var", "1/10", "--json"});
    CHECK(r.code == 0);
    CHECK(r.out.find("kernel.deep.ntk") != std::string::npos);
    r = gdcert_run({"deep-kernel", "relu", "--depth", "2", "--q1", "1", "--q2", "2", "--c", "1/2", "--weight-var",
                    "2,1,3", "--bias-var", "0,1/2,0"});
    CHECK(r.code == 0);
    r = gdcert_run({"deep-kernel", "relu", "--depth", "2", "--q1", "1", "--q2", "2", "--c", "1/2", "--weight-var", "2,1"});
    CHECK(r.code == 2);
    r = gdcert_run({"deep-kernel", "relu", "--depth", "10", "--q1", "1", "--q2", "1", "--c", "0", "--fixed-point"});
    CHECK(r.code == 0);
    CHECK(r.out.find("every q") != std::string::npos);
    r = gdcert_run({"deep-kernel", "sign", "--depth", "2", "--q1", "1", "--q2", "1", "--c", "0"});
    CHECK(r.code == 4);
    r = gdcert_run({"deep-kernel", "sign", "--depth", "2", "--q1", "1", "--q2", "1", "--c", "0", "--nngp-only"});
    CHECK(r.code == 0);
    r = gdcert_run({"deep-kernel", "relu", "--depth", "2"});
    CHECK(r.code == 2);
    // gelu costs a quadrature per entry: refused before computing when too large
    r = gdcert_run({"deep-kernel", "gelu", "--depth", "6000", "--q1", "1", "--q2", "1", "--c", "0"});
    CHECK(r.code == 7);
    r = gdcert_run({"deep-kernel", "gelu", "--depth", "2", "--data", "sphere:n=200:d=3"});
    CHECK(r.code == 7);
    r = gdcert_run({"deep-kernel", "relu", "--depth", "2", "--q1", "1", "--q2", "1", "--c", "0", "--bias-var", "-1"});
    CHECK(r.code == 4);
  }
}
