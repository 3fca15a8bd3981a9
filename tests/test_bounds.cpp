// Tests of src/bounds: exact and ball evaluations of the noisy-GD bounds against hand values and the theory's
// reference values, the inversions against the forward evaluation, the INAL chain on parities, the registry, and
// every formula id documented in proofs/noisy-gd.md.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>
#include <string_view>
#include <vector>

#include "bounds/all.hpp"
#include "bounds/depth_separation.hpp"
#include "bounds/noisy_gd.hpp"
#include "api/bound.hpp"
#include "api/requests.hpp"
#include "exact/errors.hpp"

using namespace gdcert;
using namespace gdcert::bounds;

namespace {
BoundOutputs eval(const std::string& id, const BoundArgs& a) {
  const auto all = all_bounds();
  const BoundEntry& e = find_bound(all, id);
  return e.evaluate(complete_args(e, a), 128);
}
const Value& out(const BoundOutputs& o, const std::string& name) {
  for (const auto& [k, v] : o)
    if (k == name) {
      REQUIRE_MESSAGE(v.value, name << " has no value: " << v.absent);
      return *v.value;
    }
  FAIL("missing output " << name);
  return *o.front().second.value;
}
const std::string& absent(const BoundOutputs& o, const std::string& name) {
  for (const auto& [k, v] : o)
    if (k == name) return v.absent;
  FAIL("missing output " << name);
  return o.front().second.absent;
}
}  // namespace

TEST_CASE("Abbe-Sandon form: exact when sqrt(P) and CP^(1/4) are rational") {
  Budget b;
  b.gamma = Rational(1, 10);
  b.T = Rational(10);
  b.P = Rational(16);
  b.A = Rational(1);
  b.sigma = Rational(1);
  const std::optional<Rational> balanced = Rational(0);
  const Value adv = abbe_sandon_advantage(b, Rational(1, 16), balanced, 128);
  REQUIRE(adv.kind() == Kind::exact);
  CHECK(adv.exact() == Rational(2));  // 0.1 * 10 * 4 * 1 * (1/2)
  CHECK(capped_advantage(adv, 128).exact() == Rational(1, 2));  // P(success) <= 1
  CHECK(abbe_sandon_least_T(b, Rational(1, 16), balanced, Rational(1, 10), 128).exact() == Rational(1));
  CHECK(abbe_sandon_largest_sigma(b, Rational(1, 16), balanced, Rational(1, 10), 128).value->exact() == Rational(20));
  // An unknown class: the T-independent term CP^(1/4)/2 = 1/4 joins the bound.
  CHECK(abbe_sandon_junk_term(Rational(1, 16), std::nullopt, 128).exact() == Rational(1, 4));
  CHECK(abbe_sandon_advantage(b, Rational(1, 16), std::nullopt, 128).exact() == Rational(9, 4));
  // least T: 1/4 + T/5 >= 3/10 <=> T >= 1/4 -> 1; exactly 9/20 at T = 1 (the exact-integer branch)
  CHECK(abbe_sandon_least_T(b, Rational(1, 16), std::nullopt, Rational(3, 10), 128).exact() == Rational(1));
  CHECK(abbe_sandon_least_T(b, Rational(1, 16), std::nullopt, Rational(9, 20), 128).exact() == Rational(1));
  CHECK(abbe_sandon_least_T(b, Rational(1, 16), std::nullopt, Rational(1, 4), 128).exact() == Rational(0));
  // largest sigma: 1/4 + 2/sigma >= 3/10 <=> sigma <= 40; eps <= 1/4: every sigma allows it, said in words.
  CHECK(abbe_sandon_largest_sigma(b, Rational(1, 16), std::nullopt, Rational(3, 10), 128).value->exact() == Rational(40));
  const BoundValue every = abbe_sandon_largest_sigma(b, Rational(1, 16), std::nullopt, Rational(1, 4), 128);
  CHECK_FALSE(every.value);
  CHECK(every.absent.find("every sigma") != std::string::npos);
  b.noise_in_gradient = true;  // gamma cancels
  CHECK(abbe_sandon_advantage(b, Rational(1, 16), balanced, 128).exact() == Rational(20));
}

TEST_CASE("Abbe-Sandon budget factor C(100,3)^(1/4) ~ 20.05 (theory check 21)") {
  // gamma = A = sigma = P = 1, eps = 1/2 (balanced orbit, k = 3): least T = ceil(C(100,3)^(1/4)/2) = ceil(10.03) = 11.
  const auto o = eval("noisy_gd.orbit", {{"T", "1"}, {"P", "1"}, {"sigma", "1"}, {"n", "100"}, {"k", "3"}, {"eps", "1/2"}});
  CHECK(out(o, "CP").exact() == Rational(1, 161700));
  CHECK(out(o, "T-independent term (junk-label run)").exact() == Rational(0));
  CHECK(out(o, "least T that can reach advantage eps").exact() == Rational(11));
  const Value& s = out(o, "largest sigma that can reach advantage eps");  // = 2 C(100,3)^(-1/4)
  REQUIRE(s.kind() == Kind::ball);
  CHECK(s.ball().mid_double() == doctest::Approx(2.0 / 20.0533).epsilon(1e-4));
  CHECK_THROWS_AS(eval("noisy_gd.orbit", {{"T", "1"}, {"P", "1"}, {"sigma", "1"}, {"n", "100"}, {"k", "3"}, {"eps", "1"}}),
                  domain_error);  // an advantage is at most 1/2
}

TEST_CASE("orbit bound with k = 0 (f = 1, learnable with probability 1) is vacuous, never 1/2") {
  // The B_n orbit of the constant function is {1}: CP = 1 and E_F F = 1, so the junk-label run already has advantage
  // 1/2 and the bound must allow success 1 at T = 0.
  const auto o = eval("noisy_gd.orbit", {{"T", "0"}, {"P", "100"}, {"sigma", "1"}, {"n", "10"}, {"k", "0"}});
  CHECK(out(o, "CP").exact() == Rational(1));
  CHECK(out(o, "T-independent term (junk-label run)").exact() == Rational(1, 2));
  CHECK(out(o, "success probability bound").exact() == Rational(1));
  CHECK(out(o, "least T that can reach advantage eps").exact() == Rational(0));
  CHECK(absent(o, "largest sigma that can reach advantage eps").find("every sigma") != std::string::npos);
  // A balanced orbit (k >= 1) at T = 0: advantage 0, and no sigma allows eps.
  const auto z = eval("noisy_gd.orbit", {{"T", "0"}, {"P", "100"}, {"sigma", "1"}, {"n", "10"}, {"k", "2"}});
  CHECK(out(z, "advantage bound (P(success) - 1/2)").exact() == Rational(0));
  CHECK(out(z, "success probability bound").exact() == Rational(1, 2));
  CHECK(absent(z, "largest sigma that can reach advantage eps").find("T = 0") != std::string::npos);
  // The inal chain on a degree-0 target says the same.
  const auto c = eval("noisy_gd.inal_chain", {{"T", "0"}, {"P", "100"}, {"sigma", "1"}, {"n", "6"}, {"k", "0"},
                                              {"init", "rademacher"}});
  CHECK(out(c, "success probability bound").exact() == Rational(1));
}

TEST_CASE("junk-label term, exhaustive at n = 2: <h, E_F F> <= ||E_F F|| <= CP^(1/4) for every class and every h") {
  // Every nonempty class (a set of the 16 functions {+-1}^2 -> {+-1}, F uniform on it) and every +-1 output h:
  // (S_h / (4m))^4 <= CP = Q / (16 m^2) with S_h = sum_x h(x) sum_F F(x), Q = sum_{F,F'} (sum_x F(x) F'(x))^2, in
  // integers: S_h^4 <= 16 m^2 Q (S_h >= 0). This is the T-independent term's inequality (proofs/noisy-gd.md#abbe-sandon).
  auto val = [](int f, int x) { return (f >> x) & 1 ? -1 : 1; };
  long long worst_slack = -1;
  for (int cls = 1; cls < (1 << 16); ++cls) {
    std::vector<int> F;
    for (int f = 0; f < 16; ++f)
      if ((cls >> f) & 1) F.push_back(f);
    const long long m = static_cast<long long>(F.size());
    long long Q = 0;
    for (int a : F)
      for (int b : F) {
        long long ip = 0;
        for (int x = 0; x < 4; ++x) ip += val(a, x) * val(b, x);
        Q += ip * ip;
      }
    int col[4] = {0, 0, 0, 0};
    for (int a : F)
      for (int x = 0; x < 4; ++x) col[x] += val(a, x);
    for (int h = 0; h < 16; ++h) {
      long long S = 0;
      for (int x = 0; x < 4; ++x) S += val(h, x) * col[x];
      if (S <= 0) continue;
      const long long slack = 16 * m * m * Q - S * S * S * S;
      REQUIRE(slack >= 0);
      if (worst_slack < 0 || slack < worst_slack) worst_slack = slack;
    }
  }
  CHECK(worst_slack == 0);  // tight: the class {1} with h = 1
}

TEST_CASE("inversions are consistent with the forward bound (least T, balls)") {
  for (int n : {8, 20, 50})
    for (int k : {1, 2, 3}) {
      const std::string ns = std::to_string(n), ks = std::to_string(k);
      auto o = eval("noisy_gd.abbe_sandon",
                    {{"T", "1"}, {"P", "161"}, {"sigma", "3"}, {"gamma", "1/10"}, {"n", ns}, {"k", ks}, {"eps", "1/4"}});
      const Rational T = out(o, "least T that can reach advantage eps").exact();
      auto at = [&](const Rational& t) {
        auto oo = eval("noisy_gd.abbe_sandon",
                       {{"T", t.str()}, {"P", "161"}, {"sigma", "3"}, {"gamma", "1/10"}, {"n", ns}, {"k", ks}});
        return out(oo, "advantage bound (P(success) - 1/2)").ball();
      };
      CHECK(certainly_le(to_ball(Rational(1, 4), 128), at(T)));
      if (T > Rational(1)) CHECK(certainly_lt(at(T - Rational(1)), to_ball(Rational(1, 4), 128)));
    }
}

TEST_CASE("alignment bound: value and least T") {
  // M = 1, A = 1/C(8,2) = 1/28, ||f|| = 1, T = 10, B = 1, P = 100, gamma = 1/10, sigma = 1:
  // sqrt(1/28) (1 + (2/sqrt(2 pi)) * 10 * 1 * 10 * 1/10) = 0.188982... * (1 + 7.97885...) = 1.69686...
  auto o = eval("noisy_gd.alignment", {{"T", "10"}, {"P", "100"}, {"sigma", "1"}, {"gamma", "1/10"}, {"n", "8"}, {"k", "2"},
                                       {"eps", "1/2"}});
  const double expect = std::sqrt(1.0 / 28) * (1 + 2 / std::sqrt(2 * M_PI) * 10);
  CHECK(out(o, "correlation bound E<fhat, f>").ball().mid_double() == doctest::Approx(expect).epsilon(1e-14));
  // least T: sqrt(1/28)(1 + 0.797885 T) >= 1/2 <=> T >= (0.5 sqrt(28) - 1)/0.797885 = 2.0625... -> 3
  CHECK(out(o, "least T that can reach correlation eps").exact() == Rational(3));
  // largest sigma: sqrt(1/28)(1 + 7.97885/sigma) = 1/2 <=> sigma = 7.97885/(0.5 sqrt(28) - 1) = 4.8506...
  const double sig = 2 / std::sqrt(2 * M_PI) * 10 / (0.5 * std::sqrt(28.0) - 1);
  CHECK(out(o, "largest sigma that can reach correlation eps").ball().mid_double() == doctest::Approx(sig).epsilon(1e-14));
  // At that sigma the bound equals eps (the inversion is consistent with the forward bound).
  char sig_text[40];
  std::snprintf(sig_text, sizeof sig_text, "%.17f", sig);
  auto oo = eval("noisy_gd.alignment", {{"T", "10"}, {"P", "100"}, {"sigma", sig_text}, {"gamma", "1/10"},
                                        {"n", "8"}, {"k", "2"}});
  CHECK(out(oo, "correlation bound E<fhat, f>").ball().mid_double() == doctest::Approx(0.5).epsilon(1e-9));
  CHECK(eval("noisy_gd.alignment", {{"T", "1"}, {"P", "1"}, {"sigma", "1"}, {"align", "1"}, {"eps", "1/2"}})
            .at(3)
            .second.value->exact() == Rational(0));
}

TEST_CASE("INAL chain on parities: with J = {k} the CP bound is exactly 1/C(n,k)") {
  auto o = eval("noisy_gd.inal_chain",
                {{"T", "10"}, {"P", "100"}, {"sigma", "1"}, {"n", "6"}, {"k", "2"}, {"init", "rademacher"}, {"act", "relu"}});
  CHECK(out(o, "CP_{B_n} bound").exact() == Rational(1, 15));
  CHECK(out(o, "INAL (first-layer neuron, exact route)").exact() == Rational(9, 256) / Rational(6));  // n m_2 = 9/256 (theory inal §7)
  // Gaussian init: the CP bound is a ball around 1/C(8,2) = 1/28; the rational used is its upper end rounded up.
  auto g = eval("noisy_gd.inal_chain", {{"T", "10"}, {"P", "100"}, {"sigma", "1"}, {"n", "8"}, {"k", "2"}, {"init", "gaussian"},
                                        {"bias", "gaussian:beta2=1"}});
  CHECK(out(g, "CP_{B_n} bound").ball().contains(Rational(1, 28)));
  const Rational used = out(g, "CP bound used (upper end of the ball, rounded up)").exact();
  CHECK(used >= Rational(1, 28));
  CHECK(used - Rational(1, 28) <= Rational(1, 1000000000) * Rational(1, 1000000000));
}

TEST_CASE("registry: ids, defaults, errors") {
  const auto all = all_bounds();
  CHECK(all.size() == 4 + depth_separation_bounds().size());
  std::set<std::string_view> ids;
  for (const auto& e : all) {
    CAPTURE(e.formula_id);
    CHECK(ids.insert(e.formula_id).second);  // one entry per id
    bool found = false;
    for (const auto& f : noisy_gd_formulas()) found = found || f.id == e.formula_id;
    for (const auto& f : depth_separation_formulas()) found = found || f.id == e.formula_id;
    CHECK(found);
  }
  for (std::string_view id : {"noisy_gd.abbe_sandon", "noisy_gd.orbit", "noisy_gd.alignment", "noisy_gd.inal_chain",
                              "ds.accuracy_floor", "ds.logistic_gap", "ds.positive_error"})
    CHECK(ids.count(id) == 1);
  CHECK_THROWS_AS(find_bound(all, "noisy_gd.nope"), input_error);
  CHECK_THROWS_AS(eval("noisy_gd.abbe_sandon", {{"T", "1"}, {"P", "1"}}), input_error);               // sigma missing
  CHECK_THROWS_AS(eval("noisy_gd.abbe_sandon", {{"T", "1"}, {"P", "1"}, {"sigma", "1"}, {"x", "1"}}), input_error);
  CHECK_THROWS_AS(eval("noisy_gd.abbe_sandon", {{"T", "1"}, {"P", "1"}, {"sigma", "0"}, {"n", "4"}, {"k", "1"}}), domain_error);
  CHECK_THROWS_AS(eval("noisy_gd.abbe_sandon", {{"T", "1/2"}, {"P", "1"}, {"sigma", "1"}, {"n", "4"}, {"k", "1"}}), domain_error);
  CHECK_THROWS_AS(eval("noisy_gd.abbe_sandon", {{"T", "1"}, {"P", "1"}, {"sigma", "1"}, {"noise", "inside"}, {"n", "4"}, {"k", "1"}}),
                  input_error);
}

TEST_CASE("proofs/noisy-gd.md states every noisy_gd formula id, with the derived ones' proofs and test names") {
  std::ifstream in(std::string(GDCERT_TEST_DATA) + "/../../proofs/noisy-gd.md");
  REQUIRE(in.good());
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string text = ss.str();
  for (const auto& f : noisy_gd_formulas()) {
    CAPTURE(f.id);
    CHECK(text.find(std::string(f.id)) != std::string::npos);
    if (f.tag == Tag::derived) CHECK(text.find("alignment bound, exhaustive at n = 3") != std::string::npos);
  }
}

// A least budget that is exactly an integer: the ball around it never separates from the integer, so the exact
// equality test decides it (it used to fail with a precision error at 16384 bits).
TEST_CASE("inversions: least T exactly an integer is decided exactly") {
  // balanced: 0.01 * T * sqrt(16) * 1 * (1/16)^(1/4) = T/50 = 1/5  <=>  T = 10 exactly
  const BoundArgs base{{"T", "1"}, {"P", "16"}, {"gamma", "1/100"}, {"sigma", "1"}, {"cp", "1/16"}, {"balanced", "yes"}};
  auto at_eps = [&](const std::string& eps, const std::string& balanced) {
    BoundArgs a = base;
    a["eps"] = eps;
    a["balanced"] = balanced;
    return out(eval("noisy_gd.abbe_sandon", a), "least T that can reach advantage eps").exact();
  };
  CHECK(at_eps("1/5", "yes") == Rational(10));
  CHECK(at_eps("200001/1000000", "yes") == Rational(11));  // a hair above and below: 11 and 10
  CHECK(at_eps("199999/1000000", "yes") == Rational(10));
  // unbalanced: c0 = (1/16)^(1/4)/2 = 1/4, 1/4 + T/50 = 9/20  <=>  T = 10 exactly
  CHECK(at_eps("9/20", "no") == Rational(10));
  CHECK(at_eps("450001/1000000", "no") == Rational(11));
  CHECK(at_eps("449999/1000000", "no") == Rational(10));
  // CP^(1/4) irrational, sqrt(P) rational: CP = 1/20 with c0 = CP^(1/4)/2 never meets an integer T exactly; decided
  BoundArgs irr = base;
  irr["cp"] = "1/20";
  irr["balanced"] = "no";
  irr["eps"] = "1/2";
  CHECK(out(eval("noisy_gd.abbe_sandon", irr), "least T that can reach advantage eps").exact() >= Rational(1));
  // alignment: M sqrt(A_G) = sqrt(1/100) = eps = 1/10 exactly, so T = 0 already reaches eps
  auto o = eval("noisy_gd.alignment", {{"T", "1"}, {"P", "1000"}, {"sigma", "1"}, {"gamma", "1/10"}, {"n", "100"}, {"k", "1"}, {"eps", "1/10"}});
  CHECK(out(o, "least T that can reach correlation eps").exact() == Rational(0));
  o = eval("noisy_gd.alignment", {{"T", "1"}, {"P", "1000"}, {"sigma", "1"}, {"gamma", "1/10"}, {"n", "100"}, {"k", "1"}, {"eps", "1000001/10000000"}});
  CHECK(out(o, "least T that can reach correlation eps").exact() == Rational(1));
}

TEST_CASE("vacuity: the advantage bound is VACUOUS from T_vac on and bites below it, at every point of a grid") {
  // "vacuous from T" is the least T with bound >= 1/2; the status of api::evaluate_bound agrees with the value.
  for (int n : {10, 100, 1000})
    for (int k : {1, 2, 4})
      for (const char* sigma : {"10", "1000"}) {
        const std::string ns = std::to_string(n), ks = std::to_string(k);
        const BoundArgs base{{"gamma", "1/10"}, {"P", "1000"}, {"sigma", sigma}, {"n", ns}, {"k", ks}};
        BoundArgs a = base;
        a["T"] = "1";
        const Rational tv = out(eval("noisy_gd.orbit", a), "vacuous from T (bound >= 1/2)").exact();
        auto status_at = [&](const Rational& t) {
          api::Params p(base.begin(), base.end());
          p["T"] = t.str();
          for (const auto& o : api::evaluate_bound("noisy_gd.orbit", p, 128))
            if (o.name == "advantage bound (P(success) - 1/2)") {
              // the status is the value's: bites <=> certainly < 1/2 (the bound is capped at 1/2)
              const bool below = o.value->value.kind() == Kind::exact ? o.value->value.exact() < Rational(1, 2)
                                                                      : certainly_lt(o.value->value.ball(), to_ball(Rational(1, 2), 128));
              CHECK((o.status == "bites") == below);
              return o.status;
            }
          FAIL("no advantage output");
          return std::string();
        };
        CHECK(status_at(tv) == "VACUOUS");
        if (tv > Rational(1)) CHECK(status_at(tv - Rational(1)) == "bites");
        CHECK(status_at(tv * Rational(3)) == "VACUOUS");
      }
}

TEST_CASE("vacuity: api::vacuity decides exact values exactly and says undecided on a straddling ball") {
  CHECK(api::vacuity(Value(Rational(1, 2)), Rational(1, 2), 64) == "VACUOUS");
  CHECK(api::vacuity(Value(Rational(49, 100)), Rational(1, 2), 64) == "bites");
  Ball b;
  arb_set_d(b.get(), 0.5);
  mag_set_d(arb_radref(b.get()), 1e-6);
  CHECK(api::vacuity(Value(b, 64), Rational(1, 2), 64) == "undecided");
  arb_set_d(b.get(), 0.4);
  CHECK(api::vacuity(Value(b, 64), Rational(1, 2), 64) == "bites");
  // the correlation bound of noisy_gd.alignment is compared with M ||f||
  for (const auto& o : api::evaluate_bound("noisy_gd.alignment", {{"T", "100"}, {"P", "1000"}, {"sigma", "1"}, {"n", "20"},
                                                                  {"k", "2"}, {"M", "2"}, {"fnorm", "1"}}, 128))
    if (o.name == "correlation bound E<fhat, f>") {
      CHECK(o.trivial.value() == Rational(2));
      CHECK(o.status == "VACUOUS");
    }
}

TEST_CASE("P=net: counts the parameters of the simulator's fully connected network") {
  // n = 4, hidden 2, output 1: 4*2 + 2*1 = 10 weights; with biases + 2 + 1 = 13; n = 20, 64,32: 1280 + 2048 + 32 = 3360
  // sigma* (the largest sigma at which the bound is vacuous) is proportional to sqrt(P): compare its balls
  auto sigma_star = [](const std::string& p, const std::string& n) {
    const BoundArgs a{{"T", "10"}, {"P", p}, {"sigma", "1000"}, {"n", n}, {"k", "1"}};
    return out(eval("noisy_gd.orbit", a), "vacuous up to sigma (bound >= 1/2)").ball();
  };
  auto same = [](const Ball& x, const Ball& y) { return arb_overlaps(x.get(), y.get()) != 0; };
  CHECK(same(sigma_star("net:2", "4"), sigma_star("10", "4")));
  CHECK(same(sigma_star("net:2:bias", "4"), sigma_star("13", "4")));
  CHECK(same(sigma_star("net:64,32", "20"), sigma_star("3360", "20")));
  CHECK_FALSE(same(sigma_star("net:64,32", "20"), sigma_star("3361", "20")));
  CHECK_THROWS_AS(eval("noisy_gd.orbit", {{"T", "1"}, {"P", "net:0"}, {"sigma", "1"}, {"n", "4"}, {"k", "1"}}), input_error);
  CHECK_THROWS_AS(eval("noisy_gd.orbit", {{"T", "1"}, {"P", "net:2:relu"}, {"sigma", "1"}, {"n", "4"}, {"k", "1"}}), input_error);
  CHECK_THROWS_AS(eval("noisy_gd.abbe_sandon", {{"T", "1"}, {"P", "net:2"}, {"sigma", "1"}, {"cp", "1/4"}}), domain_error);
  // a network is one value on a grid, not an axis
  const api::BoundTable t = api::bound(api::BoundRequest{false, "noisy_gd.orbit", {"T=1", "P=net:8,4", "sigma=1", "n=4,8", "k=1"}}, 64);
  CHECK(t.axes == std::vector<std::string>{"n"});
}
