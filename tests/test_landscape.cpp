// Tests of src/landscape: exact loss, gradient, Hessian form (4/n, not the recorded 2/n) against the reference instances
// of tests/data/landscape.json (Python fractions / sympy) and against an independent brute force (exact interpolation
// of t -> L(W + tU) from five loss values); least squares over Sym(d); rank(X*X); the inertia construction; the verdict
// at generated optimal / saddle / non-stationary points; Assumption 2.3 balls; the Theorem 2.2 / 2.5 evaluators.
#include <doctest/doctest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "exact/errors.hpp"
#include "landscape/activation.hpp"
#include "landscape/instance.hpp"
#include "landscape/quadratic.hpp"
#include "landscape/theorems.hpp"

using namespace gdcert;
using namespace gdcert::landscape;

namespace {

nlohmann::json load(const char* name) {
  std::ifstream in(std::string(GDCERT_TEST_DATA) + "/" + name);
  REQUIRE(in.good());
  return nlohmann::json::parse(in);
}

QVector vec(const nlohmann::json& j) {
  QVector v;
  for (const auto& e : j) v.push_back(Rational::parse(e.is_string() ? e.get<std::string>() : e.dump()));
  return v;
}

QMatrix mat(const nlohmann::json& j) {
  std::vector<QVector> rows;
  for (const auto& r : j) rows.push_back(vec(r));
  return QMatrix::from_rows(rows);
}

struct RefInstance {
  Data data;
  Point p;
  QMatrix U;
  nlohmann::json j;
};

std::vector<RefInstance> reference_instances() {
  std::vector<RefInstance> out;
  for (const auto& j : load("landscape.json")["instances"]) {
    RefInstance r;
    r.data.X = mat(j["X_rows_x_i"]);
    r.data.y = vec(j["y"]);
    r.p.v = vec(j["v"]);
    r.p.W = mat(j["W"]);
    r.U = mat(j["U"]);
    r.j = j;
    out.push_back(std::move(r));
  }
  return out;
}

/** c_2 of the quartic t -> L(W + tU) by exact Lagrange interpolation through t = -2..2 (only loss_exact is used). */
Rational second_coefficient_by_interpolation(const Data& data, const Point& p, const QMatrix& U) {
  Rational c2;
  for (int a = -2; a <= 2; ++a) {
    Point q = p;
    q.W = p.W + Rational(a) * U;
    const Rational La = loss_exact(data, q);
    // Lagrange basis l_a(t) = prod_{b != a} (t - b)/(a - b); its t^2 coefficient is e_2 of the other nodes' negatives.
    Rational denom(1), e2;
    std::vector<int> others;
    for (int b = -2; b <= 2; ++b)
      if (b != a) {
        others.push_back(b);
        denom *= Rational(a - b);
      }
    for (std::size_t i = 0; i < others.size(); ++i)
      for (std::size_t j = i + 1; j < others.size(); ++j) e2 += Rational(others[i] * others[j]);
    c2 += La * e2 / denom;
  }
  return c2;
}

}  // namespace

TEST_SUITE("landscape") {

// Reference: tests/data/landscape.json (exact, Python fractions and sympy), instances 1-3.
TEST_CASE("loss_exact: predictions, residuals, loss, gradient and residual matrix equal the reference") {
  for (const auto& r : reference_instances()) {
    INFO("n = ", r.data.n());
    CHECK(predictions_exact(r.data, r.p) == vec(r.j["predictions"]));
    CHECK(residuals_exact(r.data, r.p) == vec(r.j["residuals_r_i"]));
    CHECK(loss_exact(r.data, r.p) == Rational::parse(r.j["loss"].get<std::string>()));
    CHECK(gradient_exact(r.data, r.p) == mat(r.j["gradient_W"]));
    CHECK(gradient_general_exact(r.data, r.p) == mat(r.j["gradient_W"]));
    CHECK(residual_matrix_exact(r.data, r.p) == mat(r.j["Sigma_r_over_n"]));
    CHECK(gram_exact(r.p) == mat(r.j["M_equals_WT_Dv_W"]));
    CHECK(convex_loss_exact(r.data, gram_exact(r.p)) == loss_exact(r.data, r.p));
  }
}

TEST_CASE("hessian_form_exact: the 4/n form equals the reference, (5.8) and twice the quartic's t^2 coefficient") {
  for (const auto& r : reference_instances()) {
    INFO("n = ", r.data.n());
    const Rational h = hessian_form_exact(r.data, r.p, r.U);
    CHECK(h == Rational::parse(r.j["hessian_quadratic_form_along_U"].get<std::string>()));
    CHECK(hessian_form_general_exact(r.data, r.p, r.U) == h);
    const auto c = loss_along_line_exact(r.data, r.p, r.U);
    const auto ref = vec(r.j["loss_along_line_coeffs_t0_to_t4"]);
    for (int i = 0; i < 5; ++i) CHECK(c[i] == ref[i]);
    CHECK(Rational(2) * c[2] == h);
    CHECK(second_coefficient_by_interpolation(r.data, r.p, r.U) == c[2]);
    // c_1 = <grad, U>.
    const QMatrix G = gradient_exact(r.data, r.p);
    Rational ip;
    for (long l = 0; l < G.rows(); ++l) ip += dot(G.row(l), r.U.row(l));
    CHECK(c[1] == ip);
  }
}

TEST_CASE("hessian_form_recorded_exact: the recorded (6.4) with 2/n differs from the true second derivative") {
  for (const auto& r : reference_instances()) {
    const Rational rec = hessian_form_recorded_exact(r.data, r.p, r.U);
    CHECK(rec == Rational::parse(r.j["hessian_form_with_2_over_n_second_term_as_recorded_in_6.4"].get<std::string>()));
    CHECK_FALSE(rec == hessian_form_exact(r.data, r.p, r.U));
  }
}

TEST_CASE("hessian_form_exact: brute-force interpolation agrees on random generated instances") {
  for (std::uint64_t seed = 1; seed <= 6; ++seed) {
    CAPTURE(seed);
    const auto g = generate_instance(InstanceKind::nonstationary, 7, 3, 6, seed);
    const auto u = generate_instance(InstanceKind::nonstationary, 7, 3, 6, seed + 100);
    const Rational h = hessian_form_exact(g.data, g.point, u.point.W);
    CHECK(Rational(2) * second_coefficient_by_interpolation(g.data, g.point, u.point.W) == h);
    CHECK(hessian_form_general_exact(g.data, g.point, u.point.W) == h);
  }
}

TEST_CASE("sym_least_squares_exact: optimum, minimiser and feature rank equal the reference") {
  for (const auto& r : reference_instances()) {
    INFO("n = ", r.data.n());
    const auto ls = sym_least_squares_exact(r.data);
    const auto& ref = r.j["least_squares_over_Sym3"];
    CHECK(ls.optimum == Rational::parse(ref["optimum_value"].get<std::string>()));
    CHECK(ls.M_star == mat(ref["M_star"]));
    CHECK(ls.feature_rank == ref["feature_rank"].get<long>());
    CHECK(loss_exact(r.data, r.p) >= ls.optimum);
  }
}

TEST_CASE("khatri_rao_rank: equals the reference and min(n, d(d+1)/2)") {
  for (const auto& e : load("landscape.json")["rank_XkrX_d3"]) {
    const QMatrix X = mat(e["X_rows_x_i"]);
    CAPTURE(X.rows());
    CHECK(khatri_rao_rank(X) == e["rank_XkrX"].get<long>());
    CHECK(khatri_rao_rank(X) == generic_khatri_rao_rank(X.rows(), 3));
  }
  // Theory check 1: random integer X, d = 3 at n = 6, 7 and d = 4 at n = 10, 11.
  for (auto [d, n] : {std::pair{3L, 6L}, {3L, 7L}, {4L, 10L}, {4L, 11L}}) {
    CAPTURE(d);
    CAPTURE(n);
    const auto g = generate_instance(InstanceKind::nonstationary, n, d, 2 * d, 2026 + static_cast<std::uint64_t>(n));
    CHECK(khatri_rao_rank(g.data.X) == std::min(n, d * (d + 1) / 2));
  }
  // Singular cases: repeated inputs, or all inputs on a line.
  QMatrix X = QMatrix::from_rows({{1, 2, 3}, {1, 2, 3}, {0, 1, 1}, {2, -1, 0}});
  CHECK(khatri_rao_rank(X) == 3);
  QMatrix L = QMatrix::from_rows({{1, 1, 0}, {2, 2, 0}, {-3, -3, 0}, {5, 5, 0}});
  CHECK(khatri_rao_rank(L) == 1);
}

TEST_CASE("inertia_factor_exact: W^T D_v W = M exactly, rational W when the pivot ratios are squares") {
  const QVector v = {1, 1, 1, -1, -1, -1};
  const QMatrix M = QMatrix::from_rows({{4, 2, 0}, {2, -3, 1}, {0, 1, 0}});
  const auto f = inertia_factor_exact(M, v);
  CHECK(f.check == M);
  const QMatrix M2 = QMatrix::from_rows({{1, 0, 0}, {0, -4, 0}, {0, 0, 9}});
  const auto f2 = inertia_factor_exact(M2, v);
  REQUIRE(f2.rational);
  CHECK(gram_exact(Point{v, *f2.W}) == M2);
  // Every reference least-squares minimiser is W^T D_v W for v = (+1^3, -1^3) (check 5).
  for (const auto& r : reference_instances()) {
    const auto ls = sym_least_squares_exact(r.data);
    CHECK(inertia_factor_exact(ls.M_star, v).check == ls.M_star);
  }
  CHECK_THROWS_AS(inertia_factor_exact(M, QVector{1, 1, 1, -1, -1}), gdcert::domain_error);
}

TEST_CASE("certify_exact: generated optimal, saddle and non-stationary instances get their verdicts") {
  for (std::uint64_t seed = 1; seed <= 4; ++seed) {
    CAPTURE(seed);
    auto z = generate_instance(InstanceKind::optimal_zero, 5, 3, 6, seed);
    auto cz = certify_exact(z.data, z.point, true, 128);
    CHECK(cz.kind == PointKind::global_minimum);
    CHECK(cz.loss == 0);
    CHECK(cz.least_squares->optimum == 0);

    auto o = generate_instance(InstanceKind::optimal, 9, 3, 6, seed);
    auto co = certify_exact(o.data, o.point, true, 128);
    CHECK(co.kind == PointKind::global_minimum);
    CHECK(co.loss > Rational(0));
    CHECK(co.loss == co.least_squares->optimum);  // check 3: certificate => L = LS optimum

    auto s = generate_instance(InstanceKind::saddle, 8, 3, 6, seed);
    auto cs = certify_exact(s.data, s.point, false, 128);
    CHECK(cs.kind == PointKind::strict_saddle);
    REQUIRE(cs.saddle);
    CHECK(cs.saddle->value < Rational(0));
    CHECK(cs.saddle->value == hessian_form_exact(s.data, s.point, cs.saddle->U));
    CHECK(certainly_negative(cs.saddle->eigen_value));
    CHECK(cs.rank_plus < 3);
    CHECK(cs.rank_minus < 3);

    auto n = generate_instance(InstanceKind::nonstationary, 6, 3, 6, seed);
    auto cn = certify_exact(n.data, n.point, false, 128);
    CHECK(cn.kind == PointKind::not_stationary);
    CHECK(cn.gradient_norm_sq > Rational(0));
    CHECK(cn.gradient_norm.contains_zero() == false);
  }
}

TEST_CASE("certify_exact: W = 0 with nonzero labels is a strict saddle whose eigen ball encloses the exact value") {
  // d = 2, v = (1, 1, -1, -1), W = 0: gradient 0, S = -sum y_i x_i x_i^T.
  Data data{QMatrix::from_rows({{1, 0}, {0, 1}, {1, 1}}), {1, -2, 3}};
  Point p{{1, 1, -1, -1}, QMatrix(4, 2)};
  const auto c = certify_exact(data, p, false, 128);
  REQUIRE(c.kind == PointKind::strict_saddle);
  // r = -y, S/n = (1/3)[[-4, -3], [-3, -1]]; eigenvalues (-5 -/+ 3 sqrt 5)/6 (irrational): lambda_min with a on S+.
  Ball lam;
  {
    Ball s = to_ball(Rational(45), 200);
    arb_sqrt(s.get(), s.get(), 200);
    Ball five = to_ball(Rational(-5), 200);
    if (c.saddle->uses_positive_support) arb_sub(lam.get(), five.get(), s.get(), 200);
    else arb_add(lam.get(), five.get(), s.get(), 200);
    arb_div_ui(lam.get(), lam.get(), 6, 200);
  }
  CHECK(c.saddle->eigenvalue.rad_double() < 1e-30);
  CHECK(c.saddle->eigenvalue.overlaps(lam));
  CHECK(c.saddle->value < Rational(0));
}

TEST_CASE("certify_exact: too few negative entries of v and no Case-II direction is undetermined, not a guess") {
  // v all positive, W = 0, labels negative: S = -sum y x x^T is positive definite, a on S+ needs b^T S b < 0.
  Data data{QMatrix::from_rows({{1, 0}, {0, 1}}), {-1, -1}};
  Point p{{1, 1}, QMatrix(2, 2)};
  const auto c = certify_exact(data, p, false, 64);
  CHECK(c.kind == PointKind::undetermined);
  CHECK_FALSE(c.theorem_assumption);
}

TEST_CASE("require_shapes: mismatched shapes are input_errors naming the sizes") {
  Data data{QMatrix::from_rows({{1, 0}}), {1}};
  CHECK_THROWS_WITH_AS(loss_exact(data, Point{{1}, QMatrix(1, 3)}),
                       "predictions_exact: requires W with d = 2 columns, got 3", gdcert::input_error);
  CHECK_THROWS_WITH_AS(loss_exact(data, Point{{1, 2}, QMatrix(1, 2)}),
                       "predictions_exact: requires v with k = 1 entries (the rows of W), got 2", gdcert::input_error);
}

TEST_CASE("parse_instance_json: reads the reference format and refuses binary floats") {
  const auto f = parse_instance_json(R"({"X_rows_x_i": [["1","2"],[3,"1/2"]], "y": ["1", 2]})", "t");
  CHECK(f.data.n() == 2);
  CHECK(f.data.X(1, 1) == Rational(1, 2));
  CHECK_THROWS_AS(parse_instance_json(R"({"X": [[0.1]], "y": [1]})", "t"), gdcert::input_error);
  CHECK_THROWS_AS(parse_instance_json(R"({"X": [[1, 2], [3]], "y": [1, 2]})", "t"), gdcert::input_error);
  CHECK_THROWS_AS(parse_instance_csv("1,2,3\n4,5\n", "t"), gdcert::input_error);
  const auto c = parse_instance_csv("# x1,x2,y\n1,2,3\n-1,0.5,1/3\n", "t");
  CHECK(c.data.y[1] == Rational(1, 3));
  CHECK(parse_matrix("1,0;0,1/2", "W")(1, 1) == Rational(1, 2));
}

TEST_CASE("activation_moment_ball: symmetry values, the erf closed form and positivity on a sigma grid") {
  const Activation sp = parse_activation("softplus");
  const Activation er = parse_activation("erf");
  const Activation th = parse_activation("tanh");
  for (const Rational& s : {Rational(0), Rational(1, 2), Rational(1), Rational(3)}) {
    CAPTURE(s.str());
    // softplus: mu = 1/2 exactly (symmetry) must lie in the quadrature ball.
    CHECK(activation_moment_ball(sp, Moment::mu, s, 64).contains(Rational(1, 2)));
    CHECK(activation_moment_ball(th, Moment::gamma, s, 64).contains(Rational(0)));
    const Ball e = activation_moment_ball(er, Moment::mu, s, 64);
    CHECK(e.overlaps(erf_mu_closed_form_ball(s, 64)));
    CHECK(e.rel_accuracy_bits() >= 40);
  }
  // gamma(0) = phi''(0) = b/4 for softplus.
  CHECK(activation_moment_ball(sp, Moment::gamma, Rational(0), 64).contains(Rational(10, 4)));
  const auto rep = assumption23(sp, {Rational(0), Rational(1, 2), Rational(1), Rational(2)}, 64);
  CHECK(rep.gamma_nonzero_on_cells);
  CHECK(rep.case_23.rfind("(a)", 0) == 0);
  CHECK(assumption23(parse_activation("sigmoid"), {Rational(1)}, 64).case_23.rfind("(b)", 0) == 0);
  CHECK_THROWS_AS(parse_activation("relu"), gdcert::input_error);
  CHECK_THROWS_AS(activation_moment_ball(sp, Moment::mu, Rational(-1), 64), gdcert::domain_error);
}

TEST_CASE("theorem22_bound and theorem25_constants: the formulas of the theory file") {
  Theorem22Input in{Rational(1, 10), Rational(1, 100), Rational(4), Rational(2), 10, Rational(1)};
  const auto o = theorem22_bound(in, 128);
  // (0.1/2) max(sqrt(29), 0.2) + (0.01/8) 2 = sqrt(29)/20 + 1/400.
  Ball want = to_ball(Rational(29), 200);
  arb_sqrt(want.get(), want.get(), 200);
  arb_div_ui(want.get(), want.get(), 20, 200);
  Ball c = to_ball(Rational(1, 400), 200);
  arb_add(want.get(), want.get(), c.get(), 200);
  CHECK(o.loss_bound.overlaps(want));
  Theorem25Input t;
  t.n = 100; t.d = 10; t.k = 20;
  t.sigma_min = Rational(1, 2); t.sigma_max = Rational(2);
  const auto r = theorem25_constants(t, 128);
  CHECK(r.beta == Rational(100));                            // C (4 + 1) 20
  CHECK(r.m_L == Rational(1, 4) * Rational(100) / Rational(200));  // c^2 sigma_min^2 d^2/(2n) = 1/8
  CHECK(r.m_U == Rational(9, 2) * Rational(4) * Rational(20));
  CHECK(r.m_tilde_U == Rational(256));
  CHECK(r.rate_stated == Rational(1) - Rational(1, 100) * Rational(10, 100));
  t.case_b = true;
  CHECK(theorem25_constants(t, 128).m_L == Rational(100, 200));
  t.k = 5;
  CHECK_THROWS_AS(theorem25_constants(t, 128), gdcert::domain_error);
}

}  // TEST_SUITE
