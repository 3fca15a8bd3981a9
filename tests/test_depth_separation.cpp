// Tests of src/bounds/depth_separation: exact identities against brute force, the logistic constant against the
// reference table and an independent quadrature, and the bound entries.
#include <doctest/doctest.h>

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "bounds/depth_separation.hpp"
#include "exact/errors.hpp"
#include "exact/rng.hpp"

using namespace gdcert;
using namespace gdcert::bounds;

namespace {

Rational random_rational(Rng& rng, long num_range, long den_max) {
  const long n = static_cast<long>(rng.below(static_cast<std::uint64_t>(2 * num_range + 1))) - num_range;
  const long q = 1 + static_cast<long>(rng.below(static_cast<std::uint64_t>(den_max)));
  return Rational(n, q);
}

}  // namespace

TEST_SUITE("depth_separation") {

// Reference: tests/data/radial.json "logistic_integral" (mpmath quad at 50 digits).
TEST_CASE("logistic_gap_ball: contains the reference at k = 1, 10, and a Simpson quadrature agrees") {
  std::ifstream in(std::string(GDCERT_TEST_DATA) + "/radial.json");
  REQUIRE(in.good());
  const auto ref = nlohmann::json::parse(in);
  for (const char* k : {"1", "10"}) {
    CAPTURE(k);
    const Ball g = logistic_gap_ball(Rational::parse(k), 128);
    const std::string v = ref["logistic_integral"][k]["quadrature"].get<std::string>();
    CHECK(Ball::parse("[" + v + " +/- 1e-38]", 256).contains(g));
    CHECK(g.rel_accuracy_bits() >= 110);
  }
  // independent: int_R (1{u>=0} - sigma(u))^2 du = 2 int_0^oo sigma(-u)^2 du (symmetry sigma(-u) = 1 - sigma(u));
  // composite Simpson on [0, 60] with h = 1/200 (error ~ 1e-12; the tail beyond 60 is < e^-120)
  double s = 0;
  const int n = 12000;
  const double h = 60.0 / n;
  auto f = [](double u) { const double e = 1.0 / (1.0 + std::exp(u)); return e * e; };
  for (int i = 0; i <= n; ++i) s += (i == 0 || i == n ? 1 : (i % 2 ? 4 : 2)) * f(i * h);
  s *= 2 * h / 3;
  CHECK(std::abs(s - logistic_gap_ball(Rational(1), 64).mid_double()) < 1e-10);
}

// Exhaustive-style check of a derived identity with exact rationals and an independent formulation.
TEST_CASE("truncated_square_inside_exact: agrees with ||x||^2 <= r^2 on 20000 random rational cases (C > r^2)") {
  Rng rng(derive_seed(20221, 1));
  long mismatches = 0, inside = 0;
  for (int it = 0; it < 20000; ++it) {
    const long d = 1 + static_cast<long>(rng.below(5));
    std::vector<Rational> x;
    for (long i = 0; i < d; ++i) x.push_back(random_rational(rng, 40, 20));
    const Rational r = Rational(1 + static_cast<long>(rng.below(40)), 1 + static_cast<long>(rng.below(20)));
    const Rational C = r * r + Rational(1 + static_cast<long>(rng.below(100)), 1 + static_cast<long>(rng.below(50)));
    const bool a = truncated_square_inside_exact(x, r, C), b = ball_inside_exact(x, r);
    // brute force written independently: any coordinate with x_i^2 >= C > r^2 is outside either way
    Rational s(0);
    bool big = false;
    for (const auto& xi : x) { s += xi * xi; big = big || xi * xi >= C; }
    const bool brute = !big && s <= r * r;
    mismatches += (a != b) || (b != brute);
    inside += b;
  }
  CHECK(mismatches == 0);
  CHECK(inside > 1000);  // both outcomes occur
}

TEST_CASE("amplification_exact: ||sum s_j v_j||^2 <= M sum ||v_j||^2 on random rational vectors, equality when aligned") {
  Rng rng(derive_seed(20221, 2));
  for (int it = 0; it < 300; ++it) {
    const std::size_t M = 1 + rng.below(6), n = 1 + rng.below(5);
    std::vector<std::vector<Rational>> h(M), F(M);
    std::vector<int> s(M);
    for (std::size_t j = 0; j < M; ++j) {
      s[j] = rng.below(2) ? 1 : -1;
      for (std::size_t i = 0; i < n; ++i) {
        h[j].push_back(random_rational(rng, 30, 7));
        F[j].push_back(random_rational(rng, 30, 7));
      }
    }
    const auto a = amplification_exact(h, F, s);
    CHECK(a.lhs <= a.rhs);
  }
  // equality: s_j (h_j - F_j) all equal
  std::vector<std::vector<Rational>> h{{Rational(1), Rational(2)}, {Rational(-1), Rational(-2)}}, F{{Rational(0), Rational(0)}, {Rational(0), Rational(0)}};
  const auto e = amplification_exact(h, F, {1, -1});
  CHECK(e.lhs == e.rhs);
  CHECK(e.lhs == Rational(20));
  CHECK_THROWS_AS(amplification_exact(h, F, {1, 2}), gdcert::input_error);
}

TEST_CASE("accuracy_floor_exact, widths, positive_mechanism_error_ball: values and errors") {
  CHECK(accuracy_floor_exact(Rational(1), Integer(2122)) == Rational(1, 18011536));
  CHECK(amplified_error_exact(Integer(4), Rational(1, 100)) == Rational(4, 25));
  CHECK(univariate_width_exact(Rational(1), Rational(2), Rational(3), Rational(1, 10)) == Rational(60));
  CHECK(truncated_square_width_exact(Rational(1), Rational(2), Rational(1, 10)) == Rational(40));
  // Q = 1, k = 10, w = 0 (p = 1): 0.2 (ln 2 - 1/2) + 1/4
  const Ball e = positive_mechanism_error_ball(Rational(1), Rational(10), Rational(0), Rational(1), 128);
  const Ball g = logistic_gap_ball(Rational(10), 128);
  Ball expect;
  arb_set_d(expect.get(), 0.25);
  arb_add(expect.get(), expect.get(), g.get(), 128);
  CHECK(e.overlaps(expect));
  CHECK_THROWS_AS(logistic_gap_ball(Rational(0), 64), gdcert::domain_error);
  CHECK_THROWS_AS(accuracy_floor_exact(Rational(1), Integer(0)), gdcert::domain_error);
}

TEST_CASE("depth_separation_bounds: every entry names a formula of the table and evaluates on its defaults") {
  const auto table = depth_separation_formulas();
  for (const auto& b : depth_separation_bounds()) {
    CAPTURE(std::string(b.formula_id));
    CHECK_NOTHROW(find_formula(table, b.formula_id));
    BoundArgs args;
    for (const auto& p : b.params) args[std::string(p.name)] = p.default_value.empty() ? "3" : std::string(p.default_value);
    if (b.formula_id == "ds.truncated_square") args["x"] = "1/2,1/3";
    const auto out = b.evaluate(args, 64);
    CHECK(!out.empty());
  }
  const auto floor = depth_separation_bounds()[0].evaluate({{"d", "4"}}, 64);
  CHECK(floor[1].second.value->str() == "2122");
}

}  // TEST_SUITE

#include "sim/depth_separation.hpp"

TEST_SUITE("depth_separation") {

// Fixed-seed experiment (statistical): N2 beats the best constant by more than 5 standard errors and improves
// with width; the same config gives identical numbers.
TEST_CASE("run_depth_separation: N2 learns the ball indicator on the radial law and is reproducible") {
  sim::DepthSeparationConfig cfg;
  cfg.d = 3;
  cfg.arch = "n2";
  cfg.iterations = 200;
  cfg.n_train = 1000;
  cfg.n_test = 2000;
  cfg.seed = 11;
  cfg.width = 8;
  const auto narrow = sim::run_depth_separation(cfg);
  cfg.width = 64;
  const auto wide = sim::run_depth_separation(cfg);
  CHECK(wide.test_mse < wide.constant_mse - 5 * wide.test_stderr);
  CHECK(wide.test_mse < narrow.test_mse);
  const auto again = sim::run_depth_separation(cfg);
  CHECK(again.test_mse == wide.test_mse);
  cfg.width = 0;
  CHECK_THROWS_AS(sim::run_depth_separation(cfg), gdcert::input_error);
  cfg.width = 8;
  cfg.r = -1.0;
  CHECK_THROWS_AS(sim::run_depth_separation(cfg), gdcert::domain_error);
}

}  // TEST_SUITE

#include <sstream>

#include "cli/app.hpp"

TEST_SUITE("depth_separation") {

TEST_CASE("gdcert radial: constants for one d, distinct exit codes for bad input") {
  auto run = [](std::vector<std::string> args, std::string& out_text, std::string& err_text) {
    std::vector<char*> argv;
    args.insert(args.begin(), "gdcert");
    for (auto& a : args) argv.push_back(a.data());
    std::ostringstream out, err;
    const int rc = cli::run(static_cast<int>(argv.size()), argv.data(), out, err);
    out_text = out.str();
    err_text = err.str();
    return rc;
  };
  std::string o, e;
  CHECK(run({"radial", "--d", "2", "--tail", "50", "--csv"}, o, e) == 0);
  CHECK(o.find("R_d,0.56418958354775628,,0.5641895835477562869480794515") != std::string::npos);  // R_2 = 1/sqrt(pi): decimal, exact mid
  CHECK(o.find("reconstructed") != std::string::npos);
  CHECK(run({"radial", "--d", "0"}, o, e) == 3);
  CHECK(e == "gdcert: error: radial --d: requires d >= 1, got d = 0\n");
  CHECK(run({"radial", "--d", "3", "--tail", "0"}, o, e) == 4);
  CHECK(run({"radial"}, o, e) == 2);
  CHECK(run({"radial", "--table", "--d-max", "5", "--json"}, o, e) == 0);
  CHECK(o.find("constants_by_d") != std::string::npos);
}

}  // TEST_SUITE
