// Tests of the simulator, bound and radial entry points of src/api (simulate.hpp, bound.hpp, radial.hpp): real values
// with fixed seeds, the verdicts of the simulator's cross-checks (and that they fail when they should), resolved
// parameters, and formula ids that exist in the registry.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "api/bound.hpp"
#include "api/formulas.hpp"
#include "api/inal.hpp"
#include "api/quantities.hpp"
#include "api/radial.hpp"
#include "api/simulate.hpp"
#include "exact/errors.hpp"

using namespace gdcert;
using namespace gdcert::api;

namespace {

/** Every non-empty formula id of these results is in the registry. */
void check_formulas(const std::vector<const Result*>& rs) {
  for (const Result* r : rs) {
    CAPTURE(r->formula);
    if (!r->formula.empty()) CHECK(find_formula(r->formula) != nullptr);
  }
}

bool same_value(const Value& a, const Value& b) { return a.kind() == b.kind() && a.str(40) == b.str(40); }

InalMcRequest parity_mc() {
  InalMcRequest r;
  r.spec = "parity:n=6:S=1,2";
  r.net = "8";
  r.act = "relu";
  r.init = "gaussian";
  r.bias = "gaussian:beta2=1";
  r.inits = 500;
  r.seed = 3;
  return r;
}

NoisyGdRunsRequest learning_runs() {
  NoisyGdRunsRequest r;  // the learning regime of tests/test_cli_sim.cpp: k = 1, small noise
  r.spec = "parity:n=5:S=1";
  r.net = "8";
  r.steps = 40;
  r.lr = "1/5";
  r.clip = "1";
  r.noise = "1/100";
  r.runs = 2;
  return r;
}

}  // namespace

TEST_SUITE("api_sim") {

TEST_CASE("inal_monte_carlo: per-layer means with standard errors, the 95% interval, resolved parameters") {
  const InalMonteCarlo m = inal_monte_carlo(parity_mc());
  CHECK(m.n == 6);
  CHECK(m.inits == 500);
  REQUIRE(m.layers.size() == 2);  // the hidden layer and the output neuron
  CHECK(m.layers[0].width == 8);
  CHECK(m.layers[1].width == 1);
  for (const auto& l : m.layers) {
    REQUIRE(l.mean.value.kind() == Kind::floating);
    CHECK(l.mean.value.samples() == 500u);
    CHECK(l.mean.value.stderr_value() == l.standard_error);
    CHECK(l.standard_error > 0);
    CHECK(l.ci_low == doctest::Approx(l.mean.value.floating() - 1.96 * l.standard_error));
    CHECK(l.ci_high == doctest::Approx(l.mean.value.floating() + 1.96 * l.standard_error));
    CHECK(l.mean.formula == "inal.definition");
  }
  CHECK(m.parameters.at("spec") == "parity:n=6:S=1,2");
  CHECK(m.parameters.at("inits") == "500");
  CHECK(m.parameters.at("seed") == "3");
  CHECK(m.parameters.count("net") == 1);
  // Same seed, same numbers, whatever the thread count.
  InalMcRequest r2 = parity_mc();
  r2.threads = 2;
  const InalMonteCarlo m2 = inal_monte_carlo(r2);
  CHECK(m2.layers[0].mean.value.floating() == m.layers[0].mean.value.floating());
  // The cube is enumerated: n > 20 is refused before any work.
  InalMcRequest big = parity_mc();
  big.spec = "parity:n=21:S=1";
  CHECK_THROWS_AS(inal_monte_carlo(big), resource_error);
}

TEST_CASE("inal_mc_check: passes against the exact INAL, fails against a perturbed value") {
  const InalMcCheck ok = inal_mc_check(parity_mc());
  // The exact value is api::inal's (first-layer neuron, Walsh-diagonal route).
  InalRequest ir;
  ir.spec = "parity:n=6:S=1,2";
  ir.act = "relu";
  ir.init = "gaussian";
  ir.bias = "gaussian:beta2=1";
  const InalResult exact = inal(ir);
  CHECK(same_value(ok.exact.value, exact.inal.value));
  REQUIRE(ok.z.value.kind() == Kind::floating);
  const double z = ok.z.value.floating();
  CHECK(z <= 4);
  CHECK(ok.verdict == Verdict::yes);
  CHECK(ok.max_z == 4);
  CHECK(ok.parameters.at("max_z") == "4");
  // z is |estimate - exact| / standard error.
  const double x = exact.inal.value.ball().mid_double();
  const double se = ok.estimate.value.stderr_value().value();
  CHECK(z == doctest::Approx(std::fabs(ok.estimate.value.floating() - x) / se));
  // The same estimate against the exact value times 3/2: far outside 4 standard errors.
  Ball perturbed = exact.inal.value.ball();
  arb_mul_ui(perturbed.get(), perturbed.get(), 3, 128);
  arb_mul_2exp_si(perturbed.get(), perturbed.get(), -1);
  const InalMcCheck fail = inal_mc_check(parity_mc(), Value(perturbed, 128));
  CHECK(fail.z.value.floating() > 4);
  CHECK(fail.verdict == Verdict::no);
  // A looser threshold accepts the perturbed value only when z is below it.
  const InalMcCheck loose = inal_mc_check(parity_mc(), Value(perturbed, 128), fail.z.value.floating() * 2);
  CHECK(loose.verdict == Verdict::yes);
  check_formulas({&ok.estimate, &ok.exact, &ok.z});
  // The quantity sim.inal_mc_z is this z.
  const auto q = evaluate_quantity("sim.inal_mc_z", {{"spec", "parity:n=6:S=1,2"}, {"net", "8"}, {"act", "relu"},
                                                     {"init", "gaussian"}, {"bias", "gaussian:beta2=1"}, {"inits", "500"},
                                                     {"seed", "3"}});
  CHECK(q.at(0).floating() == z);
}

TEST_CASE("inal_mc_check: an exact zero is met (sign activation, even-degree parity)") {
  InalMcRequest r;
  r.spec = "parity:n=5:S=1,2";  // odd n, Rademacher weights, no bias: <w,x> is never 0, sign is odd, m_2 = 0 exactly
  r.net = "4";
  r.act = "sign";
  r.init = "rademacher";
  r.inits = 50;
  r.seed = 1;
  const InalMcCheck c = inal_mc_check(r);
  REQUIRE(c.exact.value.kind() == Kind::exact);
  CHECK(c.exact.value.exact() == Rational(0));
  CHECK(c.z.value.floating() == 0);
  CHECK(c.verdict == Verdict::yes);
}

TEST_CASE("noisy_gd_runs: means and standard errors over the runs") {
  const NoisyGdRuns runs = noisy_gd_runs(learning_runs());
  REQUIRE(runs.final_advantage.size() == 2);
  REQUIRE(runs.final_correlation.size() == 2);
  const double m = (runs.final_advantage[0] + runs.final_advantage[1]) / 2;
  CHECK(runs.advantage.value.floating() == doctest::Approx(m));
  CHECK(runs.advantage.value.stderr_value().value() ==
        doctest::Approx(std::fabs(runs.final_advantage[0] - runs.final_advantage[1]) / 2));
  CHECK(runs.advantage.value.samples() == 2u);
  CHECK(runs.advantage.formula == "noisy_gd.model");
  CHECK(runs.parameter_count == 5 * 8 + 8);  // first-layer and output weights, no biases
  CHECK(runs.parameters.at("spec") == "parity:n=5:S=1");
  CHECK(runs.parameters.at("runs") == "2");
  // The quantities are these means.
  const Params p{{"spec", "parity:n=5:S=1"}, {"net", "8"}, {"steps", "40"}, {"lr", "1/5"}, {"clip", "1"},
                 {"noise", "1/100"}, {"runs", "2"}};
  CHECK(evaluate_quantity("sim.noisy_gd_advantage", p).at(0).floating() == runs.advantage.value.floating());
  CHECK(evaluate_quantity("sim.noisy_gd_correlation", p).at(0).floating() == runs.correlation.value.floating());
  NoisyGdRunsRequest one = learning_runs();
  one.runs = 1;
  CHECK_THROWS_AS(noisy_gd_runs(one), input_error);
}

TEST_CASE("noisy_gd_bound_check where the bound bites: confirmed at 4 standard errors, undecided when weakened") {
  NoisyGdRunsRequest r;
  r.spec = "parity:n=4:S=1,2";
  r.net = "2";
  r.steps = 2;
  r.lr = "1/2";
  r.clip = "1";
  r.noise = "8";
  r.runs = 2000;
  r.seed = 5;
  const NoisyGdBoundCheck c = noisy_gd_bound_check(r);
  REQUIRE(c.bound.advantage.value.kind() == Kind::ball);
  CHECK(c.bound.advantage.value.ball().mid_double() < 0.5);  // not vacuous
  CHECK(c.verdict == Verdict::yes);
  CHECK(c.upper.value.floating() ==
        doctest::Approx(c.measured.value.floating() + 4 * c.measured.value.stderr_value().value()));
  CHECK(c.parameters.at("z") == "4");
  const NoisyGdBoundCheck weak = noisy_gd_bound_check(r, Rational(1, 100));
  CHECK(weak.verdict == Verdict::undecided);  // the runs neither confirm nor contradict a bound below their noise
  CHECK_THROWS_AS(noisy_gd_bound_check(r, Rational(1), 128, 0.0), input_error);
}

TEST_CASE("noisy_gd_bound_check: the honest orbit bound holds, a weakened one fails") {
  const NoisyGdBoundCheck honest = noisy_gd_bound_check(learning_runs());
  CHECK(honest.verdict == Verdict::yes);
  CHECK(honest.measured.value.floating() > 0.25);  // it learns: the advantage is real
  CHECK(honest.bound.cp.value.kind() == Kind::exact);
  CHECK(same_value(honest.bound.cp.value, evaluate_quantity("cp.bn", {{"spec", "parity:n=5:S=1"}}).at(0)));
  CHECK(honest.bound.advantage.formula == "noisy_gd.orbit");
  CHECK(honest.parameters.at("scale") == "1");
  const NoisyGdBoundCheck weak = noisy_gd_bound_check(learning_runs(), Rational(1, 1000000));
  CHECK(weak.verdict == Verdict::no);
  CHECK(weak.parameters.at("scale") == "1/1000000");
  CHECK(weak.measured.value.floating() == honest.measured.value.floating());
  check_formulas({&honest.measured, &honest.bound.cp, &honest.bound.advantage});
  // The bound is the sim.noisy_gd_bound quantity (scale included).
  const Params p{{"spec", "parity:n=5:S=1"}, {"net", "8"}, {"steps", "40"}, {"lr", "1/5"}, {"clip", "1"},
                 {"noise", "1/100"}, {"runs", "2"}, {"scale", "1/1000000"}};
  CHECK(same_value(evaluate_quantity("sim.noisy_gd_bound", p).at(0), weak.bound.advantage.value));
  // No noise: the theorem does not apply.
  NoisyGdRunsRequest plain = learning_runs();
  plain.noise = "0";
  CHECK_THROWS_AS(noisy_gd_orbit_bound(plain), domain_error);
}

TEST_CASE("noisy_gd: trajectory as contiguous vectors, final values, the orbit bound, the Monte-Carlo INAL") {
  NoisyGdRequest req;
  req.target = "parity:n=5:S=1";
  req.net = "8";
  req.steps = 20;
  req.lr = "0.2";
  req.noise = "0.001";
  req.clip = "5";
  req.inal_inits = 50;
  req.seed = 3;
  const NoisyGdRun r = noisy_gd(req);
  const Trajectory& t = r.trajectory;
  REQUIRE(t.size() >= 2);
  CHECK(t.loss.size() == t.size());
  CHECK(t.correlation.size() == t.size());
  CHECK(t.accuracy.size() == t.size());
  CHECK(t.param_norm.size() == t.size());
  CHECK(t.step.front() == 0);
  CHECK(t.step.back() == 20);
  CHECK(r.final_correlation.value.floating() == t.correlation.back());
  CHECK(r.final_accuracy.value.floating() == t.accuracy.back());
  CHECK(r.advantage.value.floating() == t.accuracy.back() - 0.5);
  CHECK(r.parameter_count == 5 * 8 + 8);
  for (const char* k : {"target", "net", "init", "bias", "loss", "gradient", "data", "steps", "lr", "noise", "clip", "scalar"})
    CHECK(r.parameters.count(k) == 1);
  CHECK(r.parameters.count("batch") == 0);  // population gradient
  CHECK(r.parameters.at("target") == "parity:n=5:S=1");
  REQUIRE(r.orbit_bound);
  CHECK(same_value(r.orbit_bound->cp.value, evaluate_quantity("cp.bn", {{"spec", "parity:n=5:S=1"}}).at(0)));
  REQUIRE(r.inal_mc);
  CHECK(r.inal_mc->inits == 50);
  CHECK(r.inal_mc->layers.size() == 2);
  check_formulas({&r.final_correlation, &r.final_accuracy, &r.advantage, &r.orbit_bound->cp, &r.orbit_bound->advantage,
                  &r.inal_mc->layers[0].mean});
  // Bit-identical for every thread count.
  NoisyGdRequest r2 = req;
  r2.threads = 2;
  CHECK(noisy_gd(r2).trajectory.correlation == t.correlation);
  // The bound is absent outside the theorem's setting (no noise).
  NoisyGdRequest plain = req;
  plain.noise = "0";
  plain.inal_inits = 0;
  CHECK_FALSE(noisy_gd(plain).orbit_bound);
  // Validation before any run.
  NoisyGdRequest bad = req;
  bad.plot = "/nonexistent/stem";
  bad.plot_formats = "gif";
  CHECK_THROWS_AS(noisy_gd(bad), input_error);
  bad = req;
  bad.scalar = "float";
  CHECK_THROWS_AS(noisy_gd(bad), input_error);
}

TEST_CASE("simulate_depth_separation: rows, the N1 floor, series for the plot") {
  SimulateDepthRequest req;
  req.dims = {2};
  req.widths = {4, 8};
  req.iterations = {20};
  req.n_train = 200;
  req.n_test = 300;
  const DepthSeparationRun r = simulate_depth_separation(req, 1);
  REQUIRE(r.rows.size() == 4);  // 2 archs x 2 widths x 1 seed
  REQUIRE(r.series.size() == 2);
  for (const auto& row : r.rows) {
    CHECK(row.d == 2);
    CHECK(row.test_mse.value.samples() == 300u);
    CHECK(row.test_mse.value.stderr_value().has_value());
    CHECK(row.floor.has_value() == (row.arch == "n1"));
    if (row.floor) {
      CHECK(row.floor->formula == "ds.accuracy_floor");
      CHECK(find_formula(row.floor->formula) != nullptr);
    }
  }
  const DepthSeparationSeries& s = r.series[0];
  CHECK(s.arch == "n1");
  REQUIRE(s.width == std::vector<double>{4, 8});
  CHECK(s.mean[0] == r.rows[0].test_mse.value.floating());  // one seed: the mean is the run's
  CHECK(s.standard_error[0] == doctest::Approx(r.rows[0].test_mse.value.stderr_value().value()));
  CHECK(r.parameters.at("law") == "radial");
  CHECK(r.parameters.at("N1 activation") == "sigmoid");
  CHECK(r.parameters.at("d") == "2");
  SimulateDepthRequest bad = req;
  bad.seeds = 0;
  CHECK_THROWS_AS(simulate_depth_separation(bad, 1), input_error);
}

TEST_CASE("bound: listing, one point equal to the quantity registry, a grid with inversions") {
  const auto list = bound_list();
  bool orbit = false;
  for (const auto& b : list) {
    CAPTURE(b.id);
    CHECK(b.formula != nullptr);
    orbit = orbit || b.id == "noisy_gd.orbit";
  }
  CHECK(orbit);
  const Params args{{"T", "1"}, {"P", "16"}, {"gamma", "1/10"}, {"sigma", "1"}, {"cp", "1/16"}};
  const auto out = evaluate_bound("noisy_gd.abbe_sandon", args, 128);
  const BoundOutput* adv = nullptr;
  for (const auto& o : out)
    if (o.name == "advantage bound (P(success) - 1/2)") adv = &o;
  REQUIRE(adv != nullptr);
  REQUIRE(adv->value);
  REQUIRE(adv->value->value.kind() == Kind::exact);
  // c0 + 0.1 * 1 * sqrt(16) * (1/16)^(1/4) with the T-independent term c0 = (1/16)^(1/4)/2 of an unbalanced class
  CHECK(adv->value->value.exact() == Rational(9, 20));
  {
    Params balanced = args;
    balanced["balanced"] = "yes";
    for (const auto& o : evaluate_bound("noisy_gd.abbe_sandon", balanced, 128))
      if (o.name == adv->name) CHECK(o.value->value.exact() == Rational(1, 5));
  }
  for (const auto& o : out) {
    if (!o.value) {  // eps = 1/10 <= c0 = 1/4: every sigma allows it, and the output says so
      CHECK(o.name == "largest sigma that can reach advantage eps");
      CHECK(o.absent.find("every sigma") != std::string::npos);
      continue;
    }
    CHECK(o.value->formula == "noisy_gd.abbe_sandon");
    Params q = args;
    q["bound"] = "noisy_gd.abbe_sandon";
    q["output"] = o.name;
    CHECK(same_value(evaluate_quantity("bound", q).at(0), o.value->value));
  }
  // A grid: n and k are axes (the last varies fastest); every point equals the single evaluation.
  BoundRequest req;
  req.id = "noisy_gd.orbit";
  req.params = {"T=10", "P=100", "sigma=1", "n=8,16", "k=1,2"};
  const BoundTable t = bound(req, 128);
  CHECK(t.axes == std::vector<std::string>{"n", "k"});
  REQUIRE(t.points.size() == 4);
  CHECK(t.points[1].at == std::vector<std::string>{"8", "2"});
  CHECK(t.parameters.at("id") == "noisy_gd.orbit");
  CHECK(t.parameters.at("T") == "10");
  CHECK(t.fixed.count("n") == 0);
  bool has_least_T = false;
  for (const auto& o : t.outputs) has_least_T = has_least_T || o.find("least T") != std::string::npos;
  CHECK(has_least_T);
  for (const auto& p : t.points) {
    const auto single = evaluate_bound("noisy_gd.orbit", {{"T", "10"}, {"P", "100"}, {"sigma", "1"}, {"n", p.at[0]}, {"k", p.at[1]}}, 128);
    REQUIRE(single.size() == p.values.size());
    for (std::size_t i = 0; i < single.size(); ++i) {
      REQUIRE(single[i].value.has_value() == p.values[i].value.has_value());
      if (single[i].value) CHECK(same_value(single[i].value->value, p.values[i].value->value));
      CHECK(single[i].absent == p.values[i].absent);
    }
  }
  CHECK_THROWS_AS(evaluate_bound("noisy_gd.none", {}, 128), input_error);
  CHECK_THROWS_AS(evaluate_bound("noisy_gd.orbit", {{"T", "10"}}, 128), input_error);
  CHECK_THROWS_AS(evaluate_bound("noisy_gd.abbe_sandon", args, 8), input_error);  // the one precision range
}

TEST_CASE("radial_constants: R_2 = 1/sqrt(pi), both routes of C_d and of the tails agree, formula ids") {
  RadialRequest req;
  req.d = 2;
  req.tails = {"50"};
  const RadialConstants c = radial_constants(req, 128);
  Ball inv_sqrt_pi;
  arb_const_sqrt_pi(inv_sqrt_pi.get(), 256);
  arb_inv(inv_sqrt_pi.get(), inv_sqrt_pi.get(), 256);
  CHECK(c.R_d.value.ball().contains(inv_sqrt_pi));
  CHECK(c.R_d.formula == "radial.unit_ball_radius");
  CHECK(c.C_d.value.ball().overlaps(c.C_d_sphere.value.ball()));
  REQUIRE(c.tails.size() == 1);
  CHECK(c.tails[0].quadrature.value.ball().overlaps(c.tails[0].closed_form.value.ball()));
  CHECK(c.alpha.value.kind() == Kind::exact);
  CHECK(c.parameters.at("d") == "2");
  CHECK(c.parameters.at("rho") == "37/100");
  CHECK(c.parameters.at("prec") == "128");
  check_formulas({&c.R_d, &c.sphere_area, &c.phi, &c.C_d, &c.C_d_sphere, &c.tails[0].quadrature, &c.tails[0].closed_form,
                  &c.alpha, &c.N, &c.shell_mass});
  // The registry's radial.R_d is the same ball.
  CHECK(same_value(evaluate_quantity("radial.R_d", {{"d", "2"}}).at(0), c.R_d.value));
  // Errors: d < 1 (input), rho < 0 (domain), quadrature beyond its precision limit (resource), prec outside the range.
  RadialRequest bad = req;
  bad.d = 0;
  CHECK_THROWS_AS(radial_constants(bad, 128), input_error);
  bad = req;
  bad.rho = "-1";
  CHECK_THROWS_AS(radial_constants(bad, 128), domain_error);
  CHECK_THROWS_WITH_AS(radial_constants(req, 8192),
                       "radial --d: certified quadrature requires prec <= 4096 bits (its time grows steeply with the "
                       "precision), got prec = 8192",
                       resource_error);
  CHECK_THROWS_AS(radial_constants(req, 100000), input_error);
}

TEST_CASE("radial_table: closed forms over d at any precision of the one range") {
  RadialRequest req;
  req.table = true;
  req.d_min = 2;
  req.d_max = 4;
  req.tails = {"50"};
  const RadialTable t = radial_table(req, 8192);  // no quadrature: beyond the quadrature limit is fine
  REQUIRE(t.rows.size() == 3);
  CHECK(t.rows[0].d == 2);
  REQUIRE(t.rows[0].tails.size() == 1);
  CHECK(t.parameters.at("d") == "2..4");
  Ball inv_sqrt_pi;
  arb_const_sqrt_pi(inv_sqrt_pi.get(), 8300);
  arb_inv(inv_sqrt_pi.get(), inv_sqrt_pi.get(), 8300);
  CHECK(t.rows[0].R_d.value.ball().contains(inv_sqrt_pi));
  check_formulas({&t.rows[0].R_d, &t.rows[0].C_d, &t.rows[0].C_d_over_sqrt_d, &t.rows[0].alpha, &t.rows[0].N,
                  &t.rows[0].tails[0], &t.C_d_limit});
  RadialRequest bad = req;
  bad.d_max = 1;
  CHECK_THROWS_AS(radial_table(bad, 128), input_error);
}

TEST_CASE("bound: a vector parameter (a point x, a level set) is one value, not a grid axis") {
  BoundRequest req;
  req.id = "ds.truncated_square";
  req.params = {"x=1/2,1/2,1/2,1/2,1/100", "r=1"};  // ||x||^2 = 1 + 1/10^4 > r^2
  const BoundTable t = bound(req, 128);
  CHECK(t.axes.empty());
  REQUIRE(t.points.size() == 1);
  REQUIRE(t.points[0].values.size() == 2);
  CHECK(t.points[0].values[0].value->value.exact() == Rational(0));
  CHECK(t.points[0].values[1].value->value.exact() == Rational(0));
  req.params = {"x=1/2,1/2,1/2,1/2", "r=1"};  // ||x||^2 = 1 = r^2: inside
  CHECK(bound(req, 128).points.at(0).values.at(0).value->value.exact() == Rational(1));
}

}  // TEST_SUITE
