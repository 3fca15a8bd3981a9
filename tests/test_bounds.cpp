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

#include "bounds/all.hpp"
#include "bounds/depth_separation.hpp"
#include "bounds/noisy_gd.hpp"
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
    if (k == name) return v;
  FAIL("missing output " << name);
  return o.front().second;
}
}  // namespace

TEST_CASE("Abbe-Sandon form: exact when sqrt(P) and CP^(1/4) are rational") {
  Budget b;
  b.gamma = Rational(1, 10);
  b.T = Rational(10);
  b.P = Rational(16);
  b.A = Rational(1);
  b.sigma = Rational(1);
  const Value adv = abbe_sandon_advantage(b, Rational(1, 16), 128);
  REQUIRE(adv.kind() == Kind::exact);
  CHECK(adv.exact() == Rational(2));  // 0.1 * 10 * 4 * 1 * (1/2)
  CHECK(abbe_sandon_least_T(b, Rational(1, 16), Rational(1, 10), 128).exact() == Rational(1));
  CHECK(abbe_sandon_largest_sigma(b, Rational(1, 16), Rational(1, 10), 128).exact() == Rational(20));
  b.noise_in_gradient = true;  // gamma cancels
  CHECK(abbe_sandon_advantage(b, Rational(1, 16), 128).exact() == Rational(20));
}

TEST_CASE("Abbe-Sandon budget factor C(100,3)^(1/4) ~ 20.05 (theory check 21)") {
  // gamma = A = sigma = P = 1, eps = 1: least T = ceil(C(100,3)^(1/4)) = ceil(20.05...) = 21.
  const auto o = eval("noisy_gd.orbit", {{"T", "1"}, {"P", "1"}, {"sigma", "1"}, {"n", "100"}, {"k", "3"}, {"eps", "1"}});
  CHECK(out(o, "CP").exact() == Rational(1, 161700));
  CHECK(out(o, "least T for advantage eps").exact() == Rational(21));
  const Value& s = out(o, "largest sigma for advantage eps");  // = C(100,3)^(-1/4)
  REQUIRE(s.kind() == Kind::ball);
  CHECK(s.ball().mid_double() == doctest::Approx(1.0 / 20.0533).epsilon(1e-4));
}

TEST_CASE("inversions are consistent with the forward bound (least T, balls)") {
  for (int n : {8, 20, 50})
    for (int k : {1, 2, 3}) {
      const std::string ns = std::to_string(n), ks = std::to_string(k);
      auto o = eval("noisy_gd.abbe_sandon",
                    {{"T", "1"}, {"P", "161"}, {"sigma", "3"}, {"gamma", "1/10"}, {"n", ns}, {"k", ks}, {"eps", "1/4"}});
      const Rational T = out(o, "least T for advantage eps").exact();
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
  CHECK(out(o, "least T for correlation eps").exact() == Rational(3));
  // largest sigma: sqrt(1/28)(1 + 7.97885/sigma) = 1/2 <=> sigma = 7.97885/(0.5 sqrt(28) - 1) = 4.8506...
  const double sig = 2 / std::sqrt(2 * M_PI) * 10 / (0.5 * std::sqrt(28.0) - 1);
  CHECK(out(o, "largest sigma for correlation eps").ball().mid_double() == doctest::Approx(sig).epsilon(1e-14));
  // At that sigma the bound equals eps (the inversion is consistent with the forward bound).
  char sig_text[40];
  std::snprintf(sig_text, sizeof sig_text, "%.17f", sig);
  auto oo = eval("noisy_gd.alignment", {{"T", "10"}, {"P", "100"}, {"sigma", sig_text}, {"gamma", "1/10"},
                                        {"n", "8"}, {"k", "2"}});
  CHECK(out(oo, "correlation bound E<fhat, f>").ball().mid_double() == doctest::Approx(0.5).epsilon(1e-9));
  CHECK(eval("noisy_gd.alignment", {{"T", "1"}, {"P", "1"}, {"sigma", "1"}, {"align", "1"}, {"eps", "1/2"}})
            .at(3)
            .second.exact() == Rational(0));
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
  // 0.1 * T * sqrt(16) * 1 * (1/16)^(1/4) = T/5 = 2  <=>  T = 10 exactly
  auto o = eval("noisy_gd.abbe_sandon", {{"T", "1"}, {"P", "16"}, {"gamma", "1/10"}, {"sigma", "1"}, {"cp", "1/16"}, {"eps", "2"}});
  CHECK(out(o, "least T for advantage eps").exact() == Rational(10));
  // a hair above and below: 11 and 10
  o = eval("noisy_gd.abbe_sandon", {{"T", "1"}, {"P", "16"}, {"gamma", "1/10"}, {"sigma", "1"}, {"cp", "1/16"}, {"eps", "2000001/1000000"}});
  CHECK(out(o, "least T for advantage eps").exact() == Rational(11));
  o = eval("noisy_gd.abbe_sandon", {{"T", "1"}, {"P", "16"}, {"gamma", "1/10"}, {"sigma", "1"}, {"cp", "1/16"}, {"eps", "1999999/1000000"}});
  CHECK(out(o, "least T for advantage eps").exact() == Rational(10));
  // alignment: M sqrt(A_G) = sqrt(1/100) = eps = 1/10 exactly, so T = 0 already reaches eps
  o = eval("noisy_gd.alignment", {{"T", "1"}, {"P", "1000"}, {"sigma", "1"}, {"gamma", "1/10"}, {"n", "100"}, {"k", "1"}, {"eps", "1/10"}});
  CHECK(out(o, "least T for correlation eps").exact() == Rational(0));
  o = eval("noisy_gd.alignment", {{"T", "1"}, {"P", "1000"}, {"sigma", "1"}, {"gamma", "1/10"}, {"n", "100"}, {"k", "1"}, {"eps", "1000001/10000000"}});
  CHECK(out(o, "least T for correlation eps").exact() == Rational(1));
}
