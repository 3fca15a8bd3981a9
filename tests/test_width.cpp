// Tests of src/width: H^inf entries and matrices (exact and ball), the exact LDL^T and lambda_min of the 24-cell family,
// the certified lambda_min enclosure, the exact simplex QP (gamma_2^2) against tests/data/width.json and an exhaustive
// support enumeration, the margin chain, the width formulas and their inversion, the data generators.
// Reference: tests/data/width.json (exact rationals by Python fractions/sympy; decimals by mpmath at 60 digits).
#include <doctest/doctest.h>

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "exact/errors.hpp"
#include "width/data.hpp"
#include "width/eigen_enclosure.hpp"
#include "width/formulas.hpp"
#include "width/gram.hpp"
#include "width/ldlt.hpp"
#include "width/margin.hpp"

using namespace gdcert;
using namespace gdcert::width;

namespace {

nlohmann::json load(const char* name) {
  std::ifstream in(std::string(GDCERT_TEST_DATA) + "/" + name);
  REQUIRE(in.good());
  return nlohmann::json::parse(in);
}

std::vector<Point> points_of(const nlohmann::json& j) {
  std::vector<Point> v;
  for (const auto& row : j) {
    Point p;
    for (const auto& c : row) p.push_back(Rational::parse(c.get<std::string>()));
    v.push_back(p);
  }
  return v;
}

Ball ref_ball(const std::string& dec, const char* rad = "1e-30") { return Ball::parse("[" + dec + " +/- " + rad + "]", 256); }

/** Independent brute force: min over every support S of the KKT point (A_SS x = mu 1, sum x = 1, x > 0) that is optimal. */
Rational brute_force_qp(const RationalMatrix& a) {
  const slong n = a.rows();
  std::optional<Rational> best;
  for (long mask = 1; mask < (1L << n); ++mask) {
    std::vector<slong> S;
    for (slong i = 0; i < n; ++i)
      if (mask >> i & 1) S.push_back(i);
    const slong k = static_cast<slong>(S.size());
    RationalMatrix m(k + 1, k + 1), b(k + 1, 1);
    for (slong i = 0; i < k; ++i) {
      for (slong j = 0; j < k; ++j) m.set(i, j, a.at(S[i], S[j]));
      m.set(i, k, Rational(-1));
      m.set(k, i, Rational(1));
    }
    b.set(k, 0, Rational(1));
    if (m.det().is_zero()) continue;
    const RationalMatrix z = m.solve(b);
    std::vector<Rational> q(static_cast<std::size_t>(n));
    bool ok = true;
    for (slong i = 0; i < k; ++i) {
      q[static_cast<std::size_t>(S[i])] = z.at(i, 0);
      ok = ok && z.at(i, 0).sign() >= 0;
    }
    if (!ok) continue;
    Rational v;
    for (slong i = 0; i < n; ++i)
      for (slong j = 0; j < n; ++j) v += q[static_cast<std::size_t>(i)] * a.at(i, j) * q[static_cast<std::size_t>(j)];
    if (!best || v < *best) best = v;
  }
  REQUIRE(best);
  return *best;
}

}  // namespace

TEST_SUITE("width") {
  TEST_CASE("h_inf_entry: the five rational angles are exact, and enclosed by the ball at every precision") {
    const std::pair<Rational, Rational> ref[] = {{Rational(1), Rational(1, 2)}, {Rational(1, 2), Rational(1, 6)},
        {Rational(0), Rational(0)}, {Rational(-1, 2), Rational(-1, 12)}, {Rational(-1), Rational(0)}};
    for (const auto& [rho, h] : ref)
      for (slong prec : {32, 64, 128, 1024}) {
        CAPTURE(prec);
        INFO("rho = ", rho.str());
        REQUIRE(h_inf_entry_exact(rho));
        CHECK(*h_inf_entry_exact(rho) == h);
        CHECK(h_inf_entry_ball(rho, prec).contains(h));
      }
    CHECK_FALSE(h_inf_entry_exact(Rational(1, 3)));
    CHECK_THROWS_WITH_AS(h_inf_entry_exact(Rational(3, 2)), "h_inf_entry_exact: requires -1 <= rho <= 1, got rho = 3/2",
                         gdcert::domain_error);
  }

  TEST_CASE("h_inf_entry: general norms scale by |x||y| and antipodes differ by rho/2") {
    // x = (2, 0), y = (1, sqrt 3)-free: y = (3, 0) parallel: H = 6/2 = 3; orthogonal 0; D_k root pair at rho = 1/2: 1/3
    CHECK(*h_inf_entry_exact(Point{2, 0}, Point{3, 0}) == Rational(3));
    CHECK(*h_inf_entry_exact(Point{1, 1, 0}, Point{1, 0, 1}) == Rational(1, 3));
    CHECK(*h_inf_entry_exact(Point{1, 1, 0}, Point{-1, 0, 1}) == Rational(-1, 6));
    // H(-rho) = H(rho) - rho/2 for unit vectors: check on balls at rho = 1/3
    Ball a = h_inf_entry_ball(Rational(1, 3), 128), b = h_inf_entry_ball(Rational(-1, 3), 128), d;
    arb_sub(d.get(), a.get(), b.get(), 128);
    CHECK(d.contains(Rational(1, 6)));
  }

  TEST_CASE("h_inf_entry: the closed form against Monte Carlo (4e5 samples, error <= 4.4e-3)") {
    Rng rng(2026);
    const Point x{Rational(3, 5), Rational(4, 5), Rational(0)}, y{Rational(0), Rational(3, 5), Rational(4, 5)};
    const double xd[3] = {0.6, 0.8, 0}, yd[3] = {0, 0.6, 0.8};
    double sum = 0;
    const int N = 400000;
    for (int s = 0; s < N; ++s) {
      double w[3];
      for (double& c : w) {
        const double u1 = 1.0 - rng.uniform01(), u2 = rng.uniform01();
        c = std::sqrt(-2 * std::log(u1)) * std::cos(2 * M_PI * u2);
      }
      const double a = w[0] * xd[0] + w[1] * xd[1] + w[2] * xd[2], b = w[0] * yd[0] + w[1] * yd[1] + w[2] * yd[2];
      if (a >= 0 && b >= 0) sum += 0.48;  // x.y = 12/25
    }
    const double mc = sum / N, exact = h_inf_entry_ball(x, y, 64).mid_double();
    CHECK(std::fabs(mc - exact) < 4.4e-3);  // 0.48 * sqrt(p(1-p)/N) ~ 3.7e-4: 10 standard errors
  }

  TEST_CASE("h_inf_matrix: the 12 24-cell representatives are exact and match the reference matrix") {
    const auto ref = load("width.json")["a_24cell_12_representatives"];
    const auto pts = cell24_representatives();
    CHECK(pts == points_of(ref["points"]));
    const GramMatrix g = h_inf_matrix(pts, false, 128);
    REQUIRE(g.exact);
    for (slong i = 0; i < 12; ++i)
      for (slong j = 0; j < 12; ++j) CHECK(g.exact_matrix.at(i, j) == Rational::parse(ref["H_inf"][i][j].get<std::string>()));
  }

  TEST_CASE("ldlt_exact: 12 representatives are positive definite with the reference pivots, min pivot 25/96") {
    const auto ref = load("width.json")["a_24cell_12_representatives"];
    const GramMatrix g = h_inf_matrix(cell24_representatives(), false, 128);
    const Ldlt l = ldlt_exact(g.exact_matrix);
    CHECK(l.verdict == Definiteness::positive_definite);
    REQUIRE(l.pivots.size() == 12);
    for (std::size_t k = 0; k < 12; ++k) CHECK(l.pivots[k] == Rational::parse(ref["LDLT_pivots_D"][k].get<std::string>()));
    CHECK(*l.min_pivot == Rational(25, 96));
    CHECK(l.rank == 12);
    // L D L^T reproduces A exactly
    RationalMatrix D(12, 12);
    for (slong k = 0; k < 12; ++k) D.set(k, k, l.pivots[static_cast<std::size_t>(k)]);
    CHECK(l.L * D * l.L.transpose() == g.exact_matrix);
  }

  TEST_CASE("ldlt_exact: all 24 vertices are singular, first zero pivot at 16, rank 16") {
    const auto ref = load("width.json")["b_24cell_all_24"];
    const auto pts = cell24_vertices();
    CHECK(pts == points_of(ref["points"]));
    const GramMatrix g = h_inf_matrix(pts, false, 128);
    REQUIRE(g.exact);
    const Ldlt l = ldlt_exact(g.exact_matrix);
    CHECK(l.verdict == Definiteness::positive_semidefinite_singular);
    REQUIRE(l.first_zero_pivot);
    CHECK(*l.first_zero_pivot == 16);
    CHECK(l.rank == 16);
    CHECK(l.zero_pivots.size() == 8);
    for (std::size_t k = 0; k < 24; ++k) CHECK(l.pivots[k] == Rational::parse(ref["LDLT_pivots_D"][k].get<std::string>()));
    CHECK(g.exact_matrix.rank() == 16);
  }

  TEST_CASE("ldlt_exact: an indefinite matrix is refuted where it fails") {
    RationalMatrix a(2, 2);
    a.set(0, 1, Rational(1));
    a.set(1, 0, Rational(1));
    const Ldlt l = ldlt_exact(a);
    CHECK(l.verdict == Definiteness::not_positive_semidefinite);
    CHECK(*l.stop_index == 0);
    RationalMatrix b(1, 2);
    CHECK_THROWS_AS(ldlt_exact(b), gdcert::domain_error);
  }

  TEST_CASE("lambda_min_exact: 1/12 for the representatives, 0 for all 24 vertices, irrational minimal polynomials otherwise") {
    const GramMatrix a = h_inf_matrix(cell24_representatives(), false, 128);
    const MinEigenvalue m = lambda_min_exact(a.exact_matrix, 128);
    REQUIRE(m.exact);
    CHECK(*m.exact == Rational(1, 12));
    CHECK(m.multiplicity == 1);
    const GramMatrix b = h_inf_matrix(cell24_vertices(), false, 128);
    const MinEigenvalue z = lambda_min_exact(b.exact_matrix, 128);
    REQUIRE(z.exact);
    CHECK(z.exact->is_zero());
    CHECK(z.multiplicity == 8);
    // 2x2 [[2, 1], [1, 1]]: lambda_min = (3 - sqrt 5)/2
    RationalMatrix c(2, 2);
    c.set(0, 0, 2), c.set(0, 1, 1), c.set(1, 0, 1), c.set(1, 1, 1);
    const MinEigenvalue s = lambda_min_exact(c, 128);
    CHECK_FALSE(s.exact);
    CHECK(s.ball.overlaps(ref_ball("0.38196601125010515179541316563436188")));
    CHECK(s.minimal_polynomial == std::vector<std::string>{"1", "-3", "1"});
  }

  TEST_CASE("lambda_min_enclosure: both routes enclose the exact 1/12 and the reference ball values of the R^5 sets") {
    const GramMatrix a = h_inf_matrix(cell24_representatives(), false, 128);
    for (auto method : {EnclosureMethod::cholesky, EnclosureMethod::residual}) {
      CAPTURE(to_string(method));
      const EigenEnclosure e = lambda_min_enclosure(a.ball_matrix, 128, method);
      CHECK(e.lambda.contains(Rational(1, 12)));
      CHECK(e.width < (method == EnclosureMethod::cholesky ? 1e-25 : 1e-9));
    }
    const auto sets = load("width.json")["c_random_rational_unit_vectors_R5"]["sets"];
    for (const auto& s : sets) {
      const GramMatrix g = h_inf_matrix(points_of(s["points"]), false, 128);
      CHECK_FALSE(g.exact);
      for (slong i = 0; i < 6; ++i)
        for (slong j = 0; j < 6; ++j) CHECK(g.ball_matrix.at(i, j).overlaps(ref_ball(s["H_inf"][i][j].get<std::string>())));
      const EigenEnclosure e = lambda_min_enclosure(g.ball_matrix, 128);
      CHECK(e.lambda.overlaps(ref_ball(s["lambda_min"].get<std::string>())));
      CHECK(e.width < 1e-25);
      const EigenEnclosure r = lambda_min_enclosure(g.ball_matrix, 128, EnclosureMethod::residual);
      CHECK(r.lambda.overlaps(ref_ball(s["lambda_min"].get<std::string>())));
    }
  }

  TEST_CASE("lambda_min_enclosure: a singular ball matrix gets an enclosure of 0") {
    const GramMatrix b = h_inf_matrix(cell24_vertices(), false, 128);
    const EigenEnclosure e = lambda_min_enclosure(b.ball_matrix, 128);
    CHECK(e.lambda.contains(Rational(0)));
    CHECK(e.width < 1e-20);
  }

  TEST_CASE("simplex_qp_exact: gamma_2^2 = 113/5682 with the reference q* and support for the reference labelling") {
    const auto ref = load("width.json")["gamma2_squared_labelling_of_a"];
    std::vector<int> y;
    for (const auto& v : ref["labels_y"]) y.push_back(v.get<int>());
    const GramMatrix g = h_inf_matrix(cell24_representatives(), false, 128);
    const SimplexQp r = simplex_qp_exact(signed_matrix(g.exact_matrix, y));
    CHECK(r.value == Rational(113, 5682));
    CHECK(r.kkt_verified);
    for (std::size_t i = 0; i < 12; ++i) {
      CHECK(r.q[i] == Rational::parse(ref["q_star"][i].get<std::string>()));
      CHECK(r.Aq[i] == Rational::parse(ref["D_y_H_D_y_q_star"][i].get<std::string>()));
    }
    std::vector<std::size_t> supp;
    for (const auto& v : ref["support_0_based"]) supp.push_back(v.get<std::size_t>());
    CHECK(r.support == supp);
  }

  TEST_CASE("simplex_qp_exact: agrees with an exhaustive support enumeration on 24-cell subsets and random labellings") {
    const auto all = cell24_vertices();
    Rng rng(17);
    for (int trial = 0; trial < 12; ++trial) {
      CAPTURE(trial);
      std::vector<Point> pts;
      std::vector<int> y;
      const std::size_t n = 3 + rng.below(6);
      while (pts.size() < n) {
        const Point& p = all[rng.below(24)];
        if (std::find(pts.begin(), pts.end(), p) == pts.end()) pts.push_back(p);
      }
      for (std::size_t i = 0; i < n; ++i) y.push_back(rng.below(2) ? 1 : -1);
      const GramMatrix g = h_inf_matrix(pts, false, 64);
      const RationalMatrix A = signed_matrix(g.exact_matrix, y);
      const SimplexQp r = simplex_qp_exact(A);
      CHECK(r.kkt_verified);
      CHECK(r.value == brute_force_qp(A));
    }
  }

  TEST_CASE("simplex_qp_ball: certified enclosure contains the exact optimum, and KKT route on a ball matrix") {
    const auto ref = load("width.json")["gamma2_squared_labelling_of_a"];
    std::vector<int> y;
    for (const auto& v : ref["labels_y"]) y.push_back(v.get<int>());
    const GramMatrix g = h_inf_matrix(cell24_representatives(), false, 128);
    const SimplexQpBall b = simplex_qp_ball(signed_matrix(g.ball_matrix, y), 128);
    CHECK(b.value.contains(Rational(113, 5682)));
    CHECK(b.kkt_certified);
    const auto s = load("width.json")["c_random_rational_unit_vectors_R5"]["sets"][0];
    const GramMatrix h = h_inf_matrix(points_of(s["points"]), false, 128);
    const std::vector<int> yy{1, -1, 1, -1, 1, -1};
    const SimplexQpBall c = simplex_qp_ball(signed_matrix(h.ball_matrix, yy), 128);
    CHECK(c.value.is_finite());
    CHECK(c.value.rad_double() < 1e-20);
    // the exact QP on the midpoint matrix (a nearby rational PSD matrix) lies within 1e-30 of it
    RationalMatrix mid(6, 6);
    for (slong i = 0; i < 6; ++i)
      for (slong j = 0; j < 6; ++j) {
        fmpq_t t;
        fmpq_init(t);
        arf_get_fmpq(t, arb_midref(signed_matrix(h.ball_matrix, yy).entry(i, j)));
        mid.set(i, j, Rational(t));
        fmpq_clear(t);
      }
    const Rational e = simplex_qp_exact(mid).value;
    Ball w = c.value;
    arb_add_error_2exp_si(w.get(), -100);
    CHECK(w.contains(e));
  }

  TEST_CASE("data: generators give unit vectors, antipodes and D_k roots, and labels") {
    const DataSet s = parse_data_spec("sphere:n=6:d=5:seed=3", 0);
    CHECK(s.size() == 6);
    for (const auto& p : s.points) CHECK(dot(p, p) == Rational(1));
    const DataSet a = parse_data_spec("antipodal:n=4:d=3:seed=1", 0);
    CHECK(a.points[1][0] == -a.points[0][0]);
    const DataSet d = parse_data_spec("droots:k=4", 0);
    CHECK(d.size() == 12);
    const GramMatrix g = h_inf_matrix(d.points, false, 64);
    CHECK(g.exact);
    CHECK(parse_data_spec("24cell:idx=0,2,8", 0).size() == 3);
    DataSet l = parse_data_spec("24cell:reps", 0);
    apply_label_spec(l, "separable:u=1,1,0,0", 0);
    REQUIRE(l.separator);
    CHECK(l.labels[0] == 1);
    apply_label_spec(l, "list:+-+-+--++--+", 0);
    CHECK(l.labels[1] == -1);
    CHECK_THROWS_AS(parse_data_spec("sphere:n=3", 0), gdcert::input_error);
    // seeds use the whole 64-bit range (sweeps derive them)
    CHECK(parse_data_spec("sphere:n=2:d=3:seed=18446744073709551615", 0).size() == 2);
    CHECK(parse_data_spec("sphere:n=2:d=3", 11698716478429868906ULL).spec == "sphere:n=2:d=3:seed=11698716478429868906:h=4");
    CHECK_THROWS_AS(parse_data_spec("sphere:n=2:d=3:seed=18446744073709551616", 0), gdcert::input_error);
    CHECK_THROWS_AS(parse_data_spec("cube:n=3", 0), gdcert::input_error);
    CHECK_THROWS_AS(apply_label_spec(l, "list:+-", 0), gdcert::input_error);
  }

  TEST_CASE("width formulas: exact Du width, JT20 lambda/M/T, Hoeffding 16 vs 8, inversion round-trips") {
    WidthInputs in;
    in.n = 12;
    in.lambda0 = Value(Rational(1, 12));
    in.gamma = Value(Rational(113, 5682));
    in.delta = Rational(1, 10);
    const WidthValue du = evaluate_width_formula("du19.width", in, 128);
    REQUIRE(du.value.kind() == Kind::exact);
    CHECK(du.value.exact() == pow(Rational(12), 6) * pow(Rational(12), 4) * Rational(1000));
    const WidthValue h16 = evaluate_width_formula("mosw22.hoeffding_width", in, 128);
    const WidthValue h8 = evaluate_width_formula("mosw22.hoeffding_width_uncoupled", in, 128);
    Ball r;
    arb_div(r.get(), h16.value.ball().get(), h8.value.ball().get(), 128);
    CHECK(r.contains(Rational(2)));
    // JT20: lambda = (sqrt(2 ln(480)) + ln 40)/(gamma/4)
    const double lam = (std::sqrt(2 * std::log(480.0)) + std::log(40.0)) / (113.0 / 5682 / 4);
    CHECK(std::fabs(jt20_lambda_ball(in, 128).mid_double() / lam - 1) < 1e-12);
    const WidthValue jt = evaluate_width_formula("jt20.width", in, 128);
    CHECK(std::fabs(jt.value.ball().mid_double() / (4096 * lam * lam / std::pow(113.0 / 5682, 6)) - 1) < 1e-12);
    REQUIRE(jt20_steps(in, 128));
    // inversion: the smallest gamma for m = the coupled width at gamma contains gamma
    const Rational m16(static_cast<long long>(std::ceil(h16.value.ball().mid_double())));
    const Value g = invert_width_formula("mosw22.hoeffding_width", in, InvertFor::gamma, m16, 128);
    CHECK(g.ball().mid_double() == doctest::Approx(113.0 / 5682).epsilon(1e-6));  // m rounded up by < 2: relative 1e-6
    // n inversion of du19.width: largest n with n^6 12^4 1000 <= m
    const Value nn = invert_width_formula("du19.width", in, InvertFor::n, du.value.exact(), 128);
    CHECK(nn.exact() == Rational(12));
    CHECK_THROWS_AS(evaluate_width_formula("du19.width", WidthInputs{}, 128), gdcert::domain_error);
  }

  TEST_CASE("width formulas: every id is in the formula table with a source and a tag") {
    for (const auto& id : width_formula_ids()) {
      CAPTURE(id);
      CHECK_NOTHROW(find_formula(width_formulas(), id));
    }
    CHECK(find_formula(width_formulas(), "mosw22.hoeffding_width").tag == Tag::reconstructed);
    CHECK(find_formula(width_formulas(), "du19.width").tag == Tag::paper);
  }
}

#include "api/simulate_width.hpp"
#include "sim/two_layer.hpp"

TEST_SUITE("width") {
  TEST_CASE("coupled init: f(x, W0) = 0 bit-exactly at m = 2000, pair gradients opposite, independent init not zero") {
    const DataSet d = parse_data_spec("sphere:n=6:d=5:seed=3", 0);
    std::vector<double> X;
    for (const auto& p : d.points)
      for (const auto& c : p) X.push_back(c.to_double());
    const auto net = gdcert::sim::init_two_layer(2000, 5, true, 11);
    for (std::size_t i = 0; i < 6; ++i) CHECK(gdcert::sim::two_layer_output(net, &X[i * 5]) == 0.0);
    const auto g = gdcert::sim::two_layer_gradient(net, &X[0]);
    for (std::size_t r = 0; r < 2000; r += 2)
      for (std::size_t k = 0; k < 5; ++k) CHECK(g[r * 5 + k] == -g[(r + 1) * 5 + k]);
    const auto ind = gdcert::sim::init_two_layer(2000, 5, false, 11);
    CHECK(gdcert::sim::two_layer_output(ind, &X[0]) != 0.0);
    CHECK_THROWS_AS(gdcert::sim::init_two_layer(15, 5, true, 1), gdcert::input_error);
  }

  TEST_CASE("simulate width: H(0) approaches H^inf, the Hoeffding failure fraction is at most delta, pairs separate") {
    gdcert::api::SimulateWidthRequest req;
    req.widths = {16, 4096};
    req.seeds = 3;
    req.steps = 50;
    req.ns = {4, 8};
    req.hoeffding_draws = 100;
    req.seed = 5;
    const auto r = gdcert::api::simulate_width(req);
    REQUIRE(r.init.size() == 2);
    CHECK(r.init[0].f_coupled == 0.0);
    CHECK(r.init[1].dev_coupled < r.init[0].dev_coupled);
    CHECK(r.pairs_opposite);
    CHECK(r.pairs_separate);
    REQUIRE(r.hoeffding_m > 0);
    CHECK(static_cast<double>(r.hoeffding_failures) / r.hoeffding_draws <= r.hoeffding_delta);
    // the witness margins by Monte Carlo agree with the exact ones within 5 standard errors; |v(z)| <= 1
    REQUIRE(!r.witness.empty());
    for (const auto& w : r.witness) CHECK(std::fabs(w.mc - w.exact) <= 5 * w.mc_se + 1e-12);
    CHECK(r.witness_sup_norm <= 1.0 + 1e-12);
  }
}
