// Tests of src/api: the typed entry points of cp, msp, kernel and the INAL profile return the values the theory
// and the golden outputs assert, decide on balls (yes / no / undecided), raise typed errors, cite registered
// formulas, and the named quantities agree with them.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "api/cp.hpp"
#include "api/formulas.hpp"
#include "api/inal.hpp"
#include "api/kernel.hpp"
#include "api/msp.hpp"
#include "api/quantities.hpp"
#include "exact/errors.hpp"

using namespace gdcert;
using namespace gdcert::api;

namespace {

Rational exact(const Result& r) {
  REQUIRE(r.value.kind() == Kind::exact);
  return r.value.exact();
}

Rational q(const char* s) { return Rational::parse(s); }

/** An exact zero: the rational 0, or a ball of radius 0 at 0 (a structural zero of a ball-valued profile). */
bool is_exact_zero(const Value& v) {
  if (v.kind() == Kind::exact) return v.exact().is_zero();
  return v.kind() == Kind::ball && v.ball().is_exact() && v.ball().contains_zero();
}

/** Every formula id a result cites is registered; "" only where allowed (raw data such as a count). */
void check_formula(const Result& r, bool may_be_empty = false) {
  INFO("formula id \"" << r.formula << "\"");
  if (r.formula.empty()) {
    CHECK(may_be_empty);
    return;
  }
  CHECK(find_formula(r.formula) != nullptr);
  CHECK(r.provenance() == find_formula(r.formula));
}

void check_formulas(const std::vector<Result>& rs, bool may_be_empty = false) {
  for (const auto& r : rs) check_formula(r, may_be_empty);
}

CpRequest spec_request(const std::string& spec, const std::string& group = "all") {
  CpRequest r;
  r.spec = spec;
  r.group = group;
  return r;
}

}  // namespace

TEST_SUITE("api") {
  TEST_CASE("class_cp: degree-k parities have CP = 1/C(n,k), all parities and random functions 2^-n") {
    for (unsigned n : {5u, 10u, 100u})
      for (unsigned k : {0u, 1u, 2u, 3u}) {
        const ClassCp c = class_cp("parities:n=" + std::to_string(n) + ":k=" + std::to_string(k), 0, 128);
        CHECK(exact(c.cp) == Rational(Integer(1), Integer::binomial(n, k)));
        CHECK(c.cp.formula == "cp.parities_degree");
        REQUIRE(c.class_size);
        CHECK(exact(*c.class_size) == Rational(Integer::binomial(n, k)));
        REQUIRE(c.budget_factor);
        // CP^(-1/4) = C(n,k)^(1/4): its fourth power contains C(n,k).
        Ball b4;
        arb_pow_ui(b4.get(), c.budget_factor->value.ball().get(), 4, 128);
        CHECK(b4.contains(Rational(Integer::binomial(n, k))));
      }
    CHECK(exact(class_cp("parities:n=100:k=3", 0, 128).cp) == q("1/161700"));
    CHECK(exact(class_cp("parities:n=20", 0, 128).cp) == Rational(Integer(1), Integer::pow2(20)));
    CHECK(exact(class_cp("random:n=7", 0, 128).cp) == q("1/128"));
    // Two orthogonal +-1 functions: CP = (1/4)(1 + 0 + 0 + 1) = 1/2.
    CHECK(exact(class_cp("list:parity:n=3:S=1;parity:n=3:S=2", 0, 128).cp) == q("1/2"));
    const ClassCp c = class_cp("parities:n=10:k=2", 0, 128);
    check_formula(c.cp);
    check_formula(*c.class_size, true);
    check_formula(*c.budget_factor);
    check_formula(class_cp("parities:n=10", 0, 128).cp);
    check_formula(class_cp("random:n=4", 0, 128).cp);
    check_formula(class_cp("list:majority:n=3", 0, 128).cp);
    CHECK_THROWS_AS(class_cp("cliques:n=5", 0, 128), input_error);
    CHECK_THROWS_AS(class_cp("parities:n=5:k=7", 0, 128), input_error);
    CHECK_THROWS_AS(class_cp("parities:n=5", 0, 8), input_error);  // prec below 16
  }

  TEST_CASE("orbit_stats: majority:n=5 as in tests/golden/cp_majority5.txt") {
    const OrbitStats o = orbit_stats(spec_request("majority:n=5"));
    CHECK(o.target == "majority:n=5:sign0=+1");
    CHECK(o.n == 5);
    CHECK(!o.from_level_weights);
    CHECK(exact(o.norm2) == 1);
    CHECK(exact(o.cp_single) == 1);
    REQUIRE(o.cp_bn);
    REQUIRE(o.align_bn);
    REQUIRE(o.cp_sn);
    REQUIRE(o.align_sn);
    CHECK(exact(*o.cp_bn) == q("31/256"));
    CHECK(exact(*o.align_bn) == q("9/64"));
    CHECK(exact(*o.cp_sn) == 1);
    CHECK(exact(*o.align_sn) == 1);
    CHECK(o.align_sn_minimal_polynomial == std::vector<Integer>{Integer(1), Integer(-1)});  // x - 1
    CHECK(o.skipped.empty());
    CHECK(o.notes.empty());
    CHECK(o.parameters.at("spec") == "majority:n=5:sign0=+1");
    CHECK(o.parameters.at("group") == "all");
    // Level weights W_1 = W_3 = W_5 of majority:n=5 sum to 1.
    REQUIRE(o.level_weights.size() == 6);
    Rational sum(0);
    for (const auto& w : o.level_weights) sum += exact(w);
    CHECK(sum == 1);
    check_formulas({o.norm2, o.cp_single, *o.cp_bn, *o.align_bn, *o.cp_sn, *o.align_sn});
    check_formulas(o.level_weights);
    CHECK(o.cp_bn->formula == "cp.bn_closed");
    CHECK(o.align_sn->formula == "align.group_average");
  }

  TEST_CASE("orbit_stats: group selection, cost limits as data, irrational A_Sn with its minimal polynomial") {
    // --group Bn: only the closed forms.
    OrbitStats o = orbit_stats(spec_request("majority:n=5", "Bn"));
    CHECK(o.cp_bn);
    CHECK(!o.cp_sn);
    CHECK(!o.align_sn);
    // --group Sn: only the group averages.
    o = orbit_stats(spec_request("majority:n=5", "Sn"));
    CHECK(!o.cp_bn);
    CHECK(o.cp_sn);
    // n = 10 under all: both S_n statistics skipped, with their reasons, in order.
    o = orbit_stats(spec_request("random:n=10:seed=1"));
    CHECK(o.cp_bn);
    CHECK(!o.cp_sn);
    CHECK(!o.align_sn);
    REQUIRE(o.skipped.size() == 2);
    CHECK(o.skipped[0].statistic == OrbitStatistic::cp_sn);
    CHECK(o.skipped[1].statistic == OrbitStatistic::align_sn);
    REQUIRE(o.notes.size() == 2);
    CHECK(o.notes[0] == "CP_Sn skipped: the exact group average needs n <= 9 (cost n! 2^n)");
    CHECK(o.notes[1] == "A_Sn skipped: the exact kernel spectrum needs n <= 7 (a 2^n x 2^n characteristic polynomial)");
    // n = 8: CP_Sn computed, A_Sn skipped.
    o = orbit_stats(spec_request("random:n=8:seed=3"));
    CHECK(o.cp_sn);
    CHECK(!o.align_sn);
    REQUIRE(o.skipped.size() == 1);
    CHECK(o.skipped[0].statistic == OrbitStatistic::align_sn);
    // Asked for explicitly beyond its cost limit: an error, not a skip.
    CHECK_THROWS_AS(orbit_stats(spec_request("random:n=10:seed=1", "Sn")), resource_error);
    // An irrational A_Sn (tests/data/group.json, 35 digits): a ball and the minimal polynomial it is a root of.
    CpRequest r = spec_request("table:++-++-+++-++---+");
    r.prec = 160;
    o = orbit_stats(r);
    REQUIRE(o.align_sn);
    REQUIRE(o.align_sn->value.kind() == Kind::ball);
    CHECK(exact(*o.cp_sn) == q("37/192"));
    CHECK(exact(*o.cp_bn) == q("53/768"));
    const Ball& a = o.align_sn->value.ball();
    Ball diff;  // |A_Sn - the 35-digit value| < 10^-35
    arb_sub(diff.get(), a.get(), to_ball(q("22441670568039094966532967006499694/100000000000000000000000000000000000"), 200).get(), 200);
    arb_abs(diff.get(), diff.get());
    CHECK(certainly_lt(diff, to_ball(q("1/100000000000000000000000000000000000"), 200)));
    REQUIRE(o.align_sn_minimal_polynomial.size() >= 3);  // degree >= 2
    Ball p;  // the minimal polynomial at the ball contains 0
    for (const auto& c : o.align_sn_minimal_polynomial) {
      arb_mul(p.get(), p.get(), a.get(), 320);
      arb_add_fmpz(p.get(), p.get(), c.get(), 320);
    }
    CHECK(p.contains_zero());
    REQUIRE(o.notes.size() == 1);
    CHECK(o.notes[0].rfind("A_Sn is the largest root of ", 0) == 0);
    // The same statistics one at a time (the quantities), exactly equal.
    CHECK(orbit_statistic(OrbitStatistic::cp_bn, r).value.exact() == q("53/768"));
    CHECK(orbit_statistic(OrbitStatistic::cp_sn, r).value.exact() == q("37/192"));
    CHECK(orbit_statistic(OrbitStatistic::align_sn, r).value.ball().contains(a));
  }

  TEST_CASE("orbit_stats and cp: level weights, the certificate, typed errors") {
    CpRequest r;
    r.level_weights = "0*50,1";
    r.group = "Bn";
    const OrbitStats o = orbit_stats(r);
    CHECK(o.from_level_weights);
    CHECK(o.n == 50);
    CHECK(o.target == "level weights 0*50,1");
    CHECK(exact(*o.cp_bn) == 1);
    CHECK(exact(*o.align_bn) == 1);
    // The full parity: the certificate is vacuous (weight at level 50, outside J = {0,1,2}).
    r.certificate_init = "gaussian";
    r.certificate_bias = "gaussian:beta2=1";
    r.prec = 64;
    const CpResult c = cp(r);
    REQUIRE(c.orbit);
    REQUIRE(c.certificate);
    CHECK(!c.klass);
    CHECK(!c.sphere);
    const OrbitCertificate& k = *c.certificate;
    CHECK(k.vacuous);
    CHECK(k.worst_level == 50);
    CHECK(k.levels == std::vector<unsigned>{0, 1, 2});
    CHECK(k.levels_text == "0,1,2");
    CHECK(k.init == "gaussian");
    CHECK(k.note.find("level 50") != std::string::npos);
    CHECK(exact(k.second_term) == 1);
    CHECK(exact(k.cp_bn) == 1);
    CHECK(certainly_positive(k.inal.value.ball()));
    CHECK(k.bound.value.ball().contains(Rational(1)));
    check_formulas({k.inal, k.first_term, k.second_term, k.bound, k.cp_bn});
    // A certificate that is not vacuous: majority:n=5 with J covering every level it has weight on.
    CpRequest m = spec_request("majority:n=5", "Bn");
    m.certificate_init = "rademacher";
    m.certificate_act = "sign";
    m.levels = "1,3,5";
    const OrbitCertificate v = orbit_certificate(m);
    CHECK(!v.vacuous);
    CHECK(v.note.empty());
    CHECK(exact(v.second_term) == 0);
    CHECK(exact(v.cp_bn) == q("31/256"));
    CHECK(exact(v.bound) >= exact(v.cp_bn));  // the bound holds
    // Typed errors.
    CHECK_THROWS_AS(cp(CpRequest{}), usage_error);
    CpRequest both = spec_request("majority:n=3");
    both.level_weights = "1,0,0,0";
    CHECK_THROWS_AS(cp(both), usage_error);
    CHECK_THROWS_AS(cp(spec_request("majority:n=3", "Xn")), input_error);
    CpRequest wsn;
    wsn.level_weights = "1/2,1/4,1/4";
    wsn.group = "Sn";
    CHECK_THROWS_AS(cp(wsn), domain_error);
    CHECK_THROWS_AS(orbit_statistic(OrbitStatistic::cp_sn, wsn), domain_error);
    CpRequest lv = spec_request("majority:n=3");
    lv.certificate_init = "gaussian";
    lv.levels = "5";
    CHECK_THROWS_AS(cp(lv), input_error);
    CpRequest badprec = spec_request("majority:n=3");
    badprec.prec = 1 << 20;
    CHECK_THROWS_AS(cp(badprec), input_error);
  }

  TEST_CASE("sphere_stats: O(n) closed forms and harmonic dimensions") {
    const SphereStats s = sphere_stats(3, "1/2,1/4,1/4");
    CHECK(exact(s.cp) == q("17/60"));  // 1/4 + 1/48 + 1/80
    CHECK(exact(s.alignment) == q("1/2"));
    REQUIRE(s.harmonic_dimensions.size() == 3);
    CHECK(exact(s.harmonic_dimensions[0]) == 1);
    CHECK(exact(s.harmonic_dimensions[1]) == 3);
    CHECK(exact(s.harmonic_dimensions[2]) == 5);
    check_formulas({s.cp, s.alignment});
    check_formulas(s.harmonic_dimensions);
    CHECK(sphere_stats(10, "0*3,1").weights.size() == 4);  // repeats
    CHECK(exact(sphere_stats(10, "0*3,1").cp) == Rational(Integer(1), Integer::binomial(12, 3) - Integer(10)));
    CHECK_THROWS_AS(sphere_stats(1, "1"), input_error);
    CHECK_THROWS_AS(sphere_stats(3, ""), input_error);
    CHECK_THROWS_AS(sphere_stats(3, "1,-1"), input_error);
    CpRequest r;
    r.group = "On";
    r.n = 3;
    r.weights = "1/2,1/4,1/4";
    const CpResult c = cp(r);
    REQUIRE(c.sphere);
    CHECK(exact(c.sphere->cp) == q("17/60"));
  }

  TEST_CASE("msp: the staircase has leap 1, a support needing two new coordinates has leap 2") {
    Msp m = msp({"", "1;1,2;1,2,3", 0});
    CHECK(m.msp);
    CHECK(exact(m.leap) == 1);
    CHECK(exact(m.is_msp) == 1);
    CHECK(exact(m.support_size) == 3);
    CHECK(m.closure == 0b111);
    CHECK(m.order == std::vector<std::uint64_t>{0b1, 0b11, 0b111});
    CHECK(m.new_coordinates == std::vector<unsigned>{1, 1, 1});
    CHECK(m.residual.empty());
    CHECK(!m.residual_bound);
    CHECK(m.d == 3);
    CHECK(m.target == "support 1;1,2;1,2,3");
    check_formulas({m.leap, m.is_msp});
    CHECK(m.leap.formula == "msp.leap");
    // tests/golden/msp_support.txt
    m = msp({"", "1;1,2;2,3,4", 0});
    CHECK(!m.msp);
    CHECK(exact(m.leap) == 2);
    CHECK(m.closure == 0b11);
    CHECK(m.new_coordinates == std::vector<unsigned>{1, 1, 2});
    CHECK(!m.residual_bound);  // an explicit support has no norm to scale the bound
    // A spec: the degree-2 parity chi_{1,2} is not absorbed; its residual bound is ||f||^2 / C(4, 2).
    m = msp({"parity:n=4:S=1,2", "", 0});
    CHECK(m.from_spec);
    CHECK(exact(m.leap) == 2);
    REQUIRE(m.residual_bound);
    CHECK(exact(*m.residual_bound) == q("1/6"));
    check_formula(*m.residual_bound);
    m = msp({"staircase:n=4", "", 0});
    CHECK(m.msp);
    CHECK(exact(m.leap) == 1);
    CHECK_THROWS_AS(msp({"", "", 0}), usage_error);
    CHECK_THROWS_AS(msp({"majority:n=3", "1", 0}), usage_error);
    CHECK_THROWS_AS(msp({"", "1;x", 0}), input_error);
  }

  TEST_CASE("kernel: relu at rho = 0 is 1/(2 pi), digits, series exact, balls and tail") {
    KernelRequest req;
    req.activation = "relu";
    req.rho = {"0", "1"};
    KernelResult r = kernel(req, 128);
    REQUIRE(r.second_moments.size() == 2);
    CHECK(r.formula == "kernel.relu");
    CHECK(r.prec == 128);
    Ball inv2pi;
    arb_const_pi(inv2pi.get(), 512);
    arb_mul_2exp_si(inv2pi.get(), inv2pi.get(), 1);
    arb_inv(inv2pi.get(), inv2pi.get(), 512);
    const Ball& k0 = r.second_moments[0].value.value.ball();
    CHECK(k0.contains(inv2pi));
    CHECK(k0.rad_double() < 1e-30);
    CHECK(r.second_moments[1].value.value.ball().contains(q("1/2")));  // E[relu(u)^2] = 1/2
    CHECK(exact(r.second_moments[0].rho) == 0);
    for (const auto& e : r.second_moments) {
      check_formula(e.value);
      check_formula(e.rho);
      check_formula(e.var, true);
      check_formula(e.cov, true);
      CHECK(!e.digits_text);
    }
    REQUIRE(r.notes.size() == 2);
    CHECK(!r.series);
    // First-layer form: V = s2 + beta2, rho' = (s2 rho + beta2)/V.
    req.rho = {"1/2"};
    req.bias_var = "1";
    r = kernel(req, 128);
    CHECK(r.first_layer_form);
    CHECK(r.var == 2);
    CHECK(exact(r.second_moments[0].cov) == q("3/2"));
    CHECK(exact(r.second_moments[0].rho) == q("3/4"));
    CHECK(r.second_moments[0].var.formula == "kernel.effective_correlation");
    // --digits 50: a Ziv loop to ceil(50 log2 10) + 4 = 171 bits.
    req = KernelRequest{};
    req.activation = "relu";
    req.rho = {"1/2"};
    req.digits = 50;
    r = kernel(req, 128);
    CHECK(r.prec == 171);
    CHECK(r.second_moments[0].value.value.ball().rel_accuracy_bits() >= 167);
    REQUIRE(r.second_moments[0].digits_text);
    CHECK(r.second_moments[0].digits_text->rfind("[0.30449889052211467904449829124", 0) == 0);
    // --series 4 for relu: a_0 = 1/(2 pi), a_1 = 1/4, a_2 = 1/(4 pi), a_3 = 0, a_4 = 1/(48 pi); kappa(1) = 1/2.
    req = KernelRequest{};
    req.activation = "relu";
    req.series = 4u;
    r = kernel(req, 128);
    CHECK(r.second_moments.empty());
    REQUIRE(r.series);
    const KernelSeries& s = *r.series;
    REQUIRE(s.coefficients.size() == 5);
    CHECK(s.exact_text[4] == "1/48·(1/pi)");
    CHECK(exact(s.rational_parts[0]) == q("1/2"));
    CHECK(s.constants[0] == "1/pi");
    CHECK(exact(s.rational_parts[1]) == q("1/4"));
    CHECK(s.constants[1] == "1");
    CHECK(exact(s.rational_parts[3]) == 0);
    CHECK(s.coefficients[0].value.ball().contains(inv2pi));
    CHECK(exact(s.kappa_one) == q("1/2"));
    CHECK(s.kappa_one_text == "1/2");
    // The tail is kappa(1) minus the partial sum, certainly positive and below 1/2.
    CHECK(certainly_positive(s.tail.value.ball()));
    CHECK(certainly_lt(s.tail.value.ball(), to_ball(q("1/100"), 64)));
    check_formulas(s.coefficients);
    check_formula(s.tail);
    check_formula(s.kappa_one);
    CHECK(s.tail.formula == "kernel.series.tail");
    // erf: kappa(1) is not rational.
    const KernelSeries e = kernel_series("erf", 3, Rational(1), 128);
    CHECK(e.kappa_one.value.kind() == Kind::ball);
    CHECK(e.kappa_one_text == "(2/pi) arcsin(q)");
  }

  TEST_CASE("kernel: typed errors and digits_to_bits") {
    KernelRequest req;
    req.activation = "relu";
    CHECK_THROWS_AS(kernel(req, 128), usage_error);  // nothing asked
    req.rho = {"3/2"};
    CHECK_THROWS_AS(kernel(req, 128), domain_error);
    req.rho = {"1/2"};
    req.cov = "1/2";
    CHECK_THROWS_AS(kernel(req, 128), usage_error);
    req.cov.clear();
    req.var = "0";
    CHECK_THROWS_AS(kernel(req, 128), domain_error);
    req.var.clear();
    CHECK_THROWS_AS(kernel(req, 8), input_error);  // prec below 16
    req.digits = 0;
    CHECK_THROWS_AS(kernel(req, 128), precision_error);
    req.digits = 20000;
    CHECK_THROWS_AS(kernel(req, 128), precision_error);
    req = KernelRequest{};
    req.activation = "softplus";
    req.rho = {"1/2"};
    CHECK_THROWS_AS(kernel(req, 128), input_error);
    req.activation = "sign";
    req.var = "1";
    req.cov = "-2";
    req.rho.clear();
    CHECK_THROWS_AS(kernel(req, 128), domain_error);
    CHECK_THROWS_AS(kernel_second_moment("relu", Rational(0), Rational(0), 64), domain_error);
    // digits_to_bits(D) = ceil(D log2 10) + 4, exactly: equal to the ceiling with log2 10 rounded up instead of
    // down at 27 decimals (so no truncation error crosses an integer), and to the double formula it replaced.
    int128 lo = static_cast<int128>(3321928094887362347LL) * 1000000000 + 870319429, den = 1;
    for (int i = 0; i < 27; ++i) den *= 10;
    const int128 hi = lo + 1;
    for (long d = 1; d <= kMaxKernelDigits; ++d) {
      const long bits = digits_to_bits(d);
      const long up = static_cast<long>((hi * d + den - 1) / den) + 4;
      const long dbl = static_cast<long>(std::ceil(static_cast<double>(d) * 3.3219280948873623)) + 4;
      if (bits != up || bits != dbl) {
        INFO("D = " << d << ": " << bits << " " << up << " " << dbl);
        CHECK(bits == up);
        CHECK(bits == dbl);
      }
    }
    CHECK(digits_to_bits(1) == 8);
    CHECK(digits_to_bits(50) == 171);
    CHECK_THROWS_AS(digits_to_bits(0), precision_error);
  }

  TEST_CASE("inal_profile: the K-expressive verdict is yes, no or undecided, decided on balls") {
    InalRequest r;
    r.profile = true;
    r.act = "relu";
    r.init = "gaussian";
    // yes: n = 10, K = 2, c = 2 (tests/golden/inal_profile_n10_gaussian_relu.txt): e_1 = 1/4, e_2 = 0.0757 >= 1/100.
    r.n = 10;
    r.K = 2;
    r.c = "2";
    InalProfile p = inal_profile(r);
    REQUIRE(p.k_expressive);
    CHECK(p.k_expressive->verdict == Verdict::yes);
    CHECK(p.k_expressive->witness == 2);
    CHECK(p.k_expressive->threshold.value.ball().contains(q("1/100")));
    check_formula(p.k_expressive->threshold);
    check_formula(p.k_expressive->witness_e);
    check_formulas(p.m);
    check_formulas(p.e);
    check_formula(p.second_moment);
    // no: a small c makes n^-c large; n^-1/2 = 0.316 > e_1 = 1/4 (certainly below: the witness is k = 1). A large
    // c only lowers the threshold (n^-10 is below every nonzero e_k: yes).
    r.c = "1/2";
    p = inal_profile(r);
    CHECK(p.k_expressive->verdict == Verdict::no);
    CHECK(p.k_expressive->witness == 1);
    r.c = "1";  // n^-1 = 1/10: e_1 = 1/4 is above, e_2 = 0.0757 certainly below
    p = inal_profile(r);
    CHECK(p.k_expressive->verdict == Verdict::no);
    CHECK(p.k_expressive->witness == 2);
    r.c = "10";
    CHECK(inal_profile(r).k_expressive->verdict == Verdict::yes);
    // no: a structural zero; ReLU without bias has e_3 = 0 exactly, whatever c.
    r.K = 3;
    r.c = "100";
    p = inal_profile(r);
    CHECK(p.structural_zero[3]);
    CHECK(is_exact_zero(p.e[3].value));
    CHECK(p.k_expressive->verdict == Verdict::no);
    CHECK(p.k_expressive->witness == 3);
    // undecided: e_1 = 1/4 exactly but computed as a ball, against n^-c = 4^-1 = 1/4.
    r.n = 4;
    r.K = 1;
    r.c = "1";
    p = inal_profile(r);
    CHECK(p.e[1].value.kind() == Kind::ball);
    CHECK(p.e[1].value.ball().contains(q("1/4")));
    CHECK(p.k_expressive->verdict == Verdict::undecided);
    // Typed errors.
    r.n = 0;
    CHECK_THROWS_AS(inal_profile(r), input_error);
    r.n = 4;
    r.init = "finite:1@1/2,-1@1/3";
    CHECK_THROWS_AS(inal_profile(r), input_error);
  }

  TEST_CASE("quantities: cp.*, align.*, msp.*, kernel.* agree with the typed entry points") {
    auto one = [](const std::string& name, const Params& p) {
      const auto v = evaluate_quantity(name, p);
      REQUIRE(v.size() == 1);
      return v[0];
    };
    CHECK(one("cp.bn", {{"spec", "majority:n=5"}}).exact() == q("31/256"));
    CHECK(one("align.bn", {{"level_weights", "0*50,1"}}).exact() == 1);
    CHECK(one("cp.sn", {{"spec", "majority:n=5"}}).exact() == 1);
    CHECK(one("align.sn", {{"spec", "majority:n=5"}}).exact() == 1);
    CHECK(one("cp.class", {{"class", "parities:n=10:k=2"}}).exact() == q("1/45"));
    CHECK(one("cp.on", {{"n", "3"}, {"weights", "1/2,1/4,1/4"}}).exact() == q("17/60"));
    CHECK(one("align.on", {{"n", "3"}, {"weights", "1/2,1/4,1/4"}}).exact() == q("1/2"));
    CHECK(one("msp.leap", {{"support", "1;1,2;1,2,3"}}).exact() == 1);
    CHECK(one("msp.is_msp", {{"support", "1;1,2;2,3,4"}}).exact() == 0);
    CHECK(one("msp.leap", {{"spec", "parity:n=4:S=1,2"}}).exact() == 2);
    CHECK_THROWS_AS(one("cp.sn", {{"spec", "random:n=10:seed=1"}}), resource_error);
    CHECK_THROWS_AS(one("cp.sn", {{"level_weights", "1,0"}}), input_error);  // needs a spec
    const Value k = one("kernel.second_moment", {{"act", "relu"}, {"rho", "1/2"}, {"prec", "100"}});
    CHECK(k.prec() == 100);  // one evaluation at 100 bits of working precision (a few bits lost to rounding)
    CHECK(k.ball().rel_accuracy_bits() >= 90);
    const Value kd = one("kernel.second_moment", {{"act", "relu"}, {"rho", "1/2"}, {"digits", "40"}});
    CHECK(kd.ball().rel_accuracy_bits() >= 133);  // 40 digits certified: at least 40 log2(10) bits
    CHECK(arb_overlaps(k.ball().get(), kernel_second_moment("relu", Rational(1), q("1/2"), 150, 45L).value.ball().get()));
    const auto ex = evaluate_quantity("kernel.series_exact", {{"act", "relu"}, {"L", "4"}});
    REQUIRE(ex.size() == 5);
    CHECK(ex[4].exact() == q("1/48"));
    const auto pi = evaluate_quantity("kernel.series_over_pi", {{"act", "relu"}, {"L", "4"}});
    CHECK(pi[1].exact() == 0);
    CHECK(pi[4].exact() == 1);
    const auto mk = evaluate_quantity("inal.e_k", {{"n", "10"}, {"act", "relu"}, {"init", "gaussian"}});
    REQUIRE(mk.size() == 11);
    CHECK(is_exact_zero(mk[3]));
    CHECK(mk[1].ball().contains(q("1/4")));
  }
  TEST_CASE("api::evaluate: values carry the formula their parameters select (the named bound, the activation's kernel)") {
    const auto b = api::evaluate("bound", {{"bound", "noisy_gd.abbe_sandon"}, {"output", "advantage bound (P(success) - 1/2)"},
                                           {"T", "1"}, {"P", "16"}, {"gamma", "1/10"}, {"sigma", "1"}, {"cp", "1/16"}});
    REQUIRE(b.values.size() == 1);
    CHECK(b.values[0].value.str() == "9/20");  // (1/16)^(1/4)/2 + 0.1 * 1 * sqrt(16) * 1 * (1/16)^(1/4)
    CHECK(b.values[0].formula == "noisy_gd.abbe_sandon");
    REQUIRE(b.values[0].provenance() != nullptr);
    CHECK(b.values[0].provenance()->tag == Tag::reconstructed);
    for (const auto& [act, id] : std::vector<std::pair<std::string, std::string>>{
             {"relu", "kernel.relu"}, {"sign", "kernel.sign"}, {"erf", "kernel.erf"}, {"arccos:2", "kernel.arccos"}}) {
      CAPTURE(act);
      const auto k = api::evaluate("kernel.second_moment", {{"act", act}, {"rho", "1/2"}});
      CHECK(k.values.at(0).formula == id);
      CHECK(api::find_formula(id) != nullptr);
      CHECK(k.parameters.at("prec") == "200");  // the default is part of the resolved parameters
    }
  }
}
