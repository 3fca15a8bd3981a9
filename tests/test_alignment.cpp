// Tests of src/alignment: INAL routes against reference tables and brute force, the Walsh-diagonal identity
// and its failure for asymmetric laws, CP classes, orbit statistics (closed forms vs group averages), the
// INAL => CP certificate, MSP and leap against brute force over orderings.
#include <doctest/doctest.h>

#include <algorithm>
#include <bit>
#include <fstream>
#include <nlohmann/json.hpp>
#include <cmath>
#include <numeric>

#include "alignment/cp.hpp"
#include "alignment/inal.hpp"
#include "alignment/msp.hpp"
#include "boolean/spec.hpp"
#include "boolean/walsh.hpp"
#include "exact/errors.hpp"
#include "exact/rng.hpp"

using namespace gdcert;
using namespace gdcert::alignment;

namespace {

nlohmann::json load(const char* name) {
  std::ifstream in(std::string(GDCERT_TEST_DATA) + "/" + name);
  REQUIRE(in.good());
  return nlohmann::json::parse(in);
}

boolean::CubeFunction from_table(unsigned n, const nlohmann::json& table) {
  std::vector<Rational> v;
  for (const auto& x : table) v.emplace_back(x.get<long long>());
  return boolean::CubeFunction::from_values(n, std::move(v));
}

Rational q(const nlohmann::json& s) { return Rational::parse(s.get<std::string>()); }

boolean::CubeFunction random_integer_function(unsigned n, std::uint64_t seed, int range = 3) {
  Rng rng(seed);
  std::vector<Rational> v;
  for (std::uint64_t i = 0; i < (std::uint64_t{1} << n); ++i)
    v.emplace_back(static_cast<long long>(rng.next() % (2 * range + 1)) - range);
  return boolean::CubeFunction::from_values(n, std::move(v));
}

/** Independent test-only dual kernels (Arb acos/asin), unit-free: E[relu(u) relu(v)], E[sgn u sgn v]. */
Ball relu_kernel(const Ball& var, const Ball& cov, slong prec) {
  Ball r, s, t, pi;
  arb_div(r.get(), cov.get(), var.get(), prec);          // rho'
  arb_mul(s.get(), r.get(), r.get(), prec);
  arb_sub_ui(s.get(), s.get(), 1, prec);
  arb_neg(s.get(), s.get());
  arb_sqrtpos(s.get(), s.get(), prec);                   // sqrt(1 - rho'^2)
  arb_const_pi(pi.get(), prec);
  arb_acos(t.get(), r.get(), prec);
  arb_sub(t.get(), pi.get(), t.get(), prec);
  arb_mul(t.get(), t.get(), r.get(), prec);              // (pi - acos rho') rho'
  arb_add(s.get(), s.get(), t.get(), prec);
  arb_mul(s.get(), s.get(), var.get(), prec);
  arb_div(s.get(), s.get(), pi.get(), prec);
  arb_mul_2exp_si(s.get(), s.get(), -1);
  return s;
}

Ball sign_kernel(const Ball& var, const Ball& cov, slong prec) {
  Ball r, pi;
  arb_div(r.get(), cov.get(), var.get(), prec);
  arb_asin(r.get(), r.get(), prec);
  arb_const_pi(pi.get(), prec);
  arb_div(r.get(), r.get(), pi.get(), prec);
  arb_mul_2exp_si(r.get(), r.get(), 1);
  return r;
}

std::vector<Rational> level_weights(const boolean::CubeFunction& f) { return boolean::walsh_spectrum(f).level_weights(); }

/**
 * CP_{B_n}(f) by brute force over all 2^n n! signed permutations (the oracle for the closed form), written
 * independently of src/alignment: g = (s, sigma) maps index x to y with bit sigma(j) of y = bit j of x, then
 * flips the bits of s; CP = (1/|B_n|) sum_g <f, f∘g>^2.
 */
Rational cp_bn_group_average(const boolean::CubeFunction& f) {
  const unsigned n = f.n();
  REQUIRE(n <= 5);
  const std::uint64_t N = f.size();
  std::vector<Rational> v(N);
  for (std::uint64_t x = 0; x < N; ++x) v[x] = f.value(x);
  std::vector<unsigned> perm(n);
  std::iota(perm.begin(), perm.end(), 0u);
  Rational acc(0);
  long long count = 0;
  do {
    for (std::uint64_t s = 0; s < N; ++s) {
      Rational ip(0);
      for (std::uint64_t x = 0; x < N; ++x) {
        std::uint64_t y = 0;
        for (unsigned j = 0; j < n; ++j) y |= ((x >> j) & 1) << perm[j];
        ip += v[x] * v[y ^ s];
      }
      ip /= Rational(static_cast<long long>(N));
      acc += ip * ip;
      ++count;
    }
  } while (std::next_permutation(perm.begin(), perm.end()));
  return acc / Rational(count);
}

Rational brute_first_layer_inal(const boolean::CubeFunction& f, ExactActivation act, const WeightLaw& w, const BiasLaw& b) {
  Net net{{1}, {act}};
  return inal_enumerate(f, net, w, b, false).mean_square[0];
}

}  // namespace

TEST_CASE("Rademacher first-layer neurons: m_k, e_k and Sigma(h) equal the enumeration tables (n = 4..10)") {
  const auto ref = load("inal.json")["rademacher_no_bias"];
  for (unsigned n = 4; n <= 10; ++n) {
    for (const char* act : {"relu", "sign"}) {
      CAPTURE(n);
      CAPTURE(act);
      const auto& r = ref[std::to_string(n)][act];
      const ExactActivation a = parse_exact_activation(act);
      const auto sigma = hamming_kernel_exact(n, a, rademacher_law(), BiasLaw{});
      for (unsigned h = 0; h <= n; ++h) CHECK(sigma[h] == q(r["kernel_Sigma_h"][h]));
      const NeuronSpectrum s = neuron_spectrum_exact(n, a, rademacher_law(), BiasLaw{});
      for (unsigned k = 0; k <= n; ++k) {
        CHECK(s.m[k].exact() == q(r["m_k"][k]));
        CHECK(s.e[k].exact() == q(r["e_k"][k]));
      }
      CHECK(s.second_moment.exact() == q(r["E_sigma2"]));
    }
  }
}

TEST_CASE("Theory rows: Rademacher ReLU n m_k at n = 5, 6, 9") {
  const std::vector<std::pair<unsigned, std::vector<const char*>>> rows = {
      {5, {"225/256", "1/4", "9/256", "0", "1/256", "0"}},
      {6, {"225/256", "1/4", "9/256", "0", "1/256", "0", "9/256"}},
      {9, {"99225/65536", "1/4", "1225/65536", "0", "25/65536", "0", "9/65536", "0", "25/65536", "0"}}};
  for (const auto& [n, row] : rows) {
    const auto s = neuron_spectrum_exact(n, ExactActivation::relu, rademacher_law(), BiasLaw{});
    for (unsigned k = 0; k <= n; ++k) CHECK(s.m[k].exact() * Rational(static_cast<long long>(n)) == Rational::parse(row[k]));
  }
}

TEST_CASE("Rademacher top level: n^2 m_n (ReLU, kink on the lattice) and n m_n (sign, odd n)") {
  const auto ref = load("inal.json")["rademacher_top_level_extra"];
  for (unsigned n : {10u, 20u, 40u, 80u, 160u}) {
    CAPTURE(n);
    const BiasLaw b = n % 2 ? parse_bias_law("const:1") : BiasLaw{};
    const auto sigma = hamming_kernel_exact(n, ExactActivation::relu, rademacher_law(), b);
    const auto m = walsh_eigenvalues_exact(n, sigma);
    CHECK(m[n] * Rational(static_cast<long long>(n) * n) == q(ref["relu_kink_on_lattice_n2_m_n"][std::to_string(n)]["exact"]));
  }
  for (unsigned n : {11u, 21u, 41u, 81u}) {
    const auto m = walsh_eigenvalues_exact(n, hamming_kernel_exact(n, ExactActivation::sign, rademacher_law(), BiasLaw{}));
    CHECK(m[n] * Rational(static_cast<long long>(n)) == q(ref["sign_b0_odd_n_n_m_n"][std::to_string(n)]["exact"]));
  }
}

TEST_CASE("Walsh-diagonal identity: enumeration E_w<f, sigma_w>^2 = sum_k m_k W_k (n = 3, 4, 5, random integer f)") {
  std::uint64_t seed = 11;
  for (unsigned n = 3; n <= 5; ++n)
    for (const char* act : {"relu", "sign"})
      for (const char* bias : {"none", "const:1", "rademacher:1", "finite:1@1/3,-2@2/3"}) {
        CAPTURE(n);
        CAPTURE(act);
        CAPTURE(bias);
        const auto f = random_integer_function(n, seed++);
        const ExactActivation a = parse_exact_activation(act);
        const BiasLaw b = parse_bias_law(bias);
        const auto s = neuron_spectrum_exact(n, a, rademacher_law(), b);
        const Value viaW = inal_from_spectrum(s, level_weights(f), 64);
        CHECK(viaW.exact() == brute_first_layer_inal(f, a, rademacher_law(), b));
        // A symmetric three-atom law too.
        const WeightLaw w3 = parse_weight_law("finite:-2@1/4,0@1/2,2@1/4;s2=1/2");
        CHECK(inal_from_spectrum(neuron_spectrum_exact(n, a, w3, b), level_weights(f), 64).exact() ==
              brute_first_layer_inal(f, a, w3, b));
      }
}

TEST_CASE("Reference INAL of the random n = 4, 5 functions under Rademacher weights") {
  const nlohmann::json ref = load("inal.json");  // a named document: a loop must not range over a destroyed temporary
  for (const auto& r : ref["inal_random_functions_rademacher_no_bias"]) {
    const unsigned n = r["n"].get<unsigned>();
    const auto f = from_table(n, r["truth_table"]);
    for (const char* act : {"relu", "sign"}) {
      const auto a = parse_exact_activation(act);
      const auto s = neuron_spectrum_exact(n, a, rademacher_law(), BiasLaw{});
      CHECK(inal_from_spectrum(s, level_weights(f), 64).exact() == q(r[act]["INAL_first_layer_neuron"]));
    }
  }
}

TEST_CASE("Asymmetric law: the Hamming-kernel counterexample and the refusal of the diagonal route") {
  // Weights i.i.d. 2 (1/3) or -1 (2/3), unscaled (s2 = n = 3), ReLU, b = 0.
  const WeightLaw w = parse_weight_law("finite:2@1/3,-1@2/3;s2=3");
  CHECK_FALSE(w.sign_symmetric());
  // +++ is index 0; -++ flips coordinate 1 (bit 0); --- is 7; +-- is 6.
  CHECK(kernel_entry_exact(3, 0, 1, ExactActivation::relu, w, BiasLaw{}) == Rational(14, 9));
  CHECK(kernel_entry_exact(3, 7, 6, ExactActivation::relu, w, BiasLaw{}) == Rational(8, 9));
  CHECK_THROWS_WITH_AS(neuron_spectrum_exact(3, ExactActivation::relu, w, BiasLaw{}),
                       "inal diagonal route: requires a sign-symmetric weight law (w and -w equal in law), got "
                       "finite:-1@2/3,2@1/3;s2=3; the Walsh-diagonal identity fails without it (use --route enumerate)",
                       domain_error);
  // The enumeration route still works, and differs from what the diagonal formula would give.
  const auto f = random_integer_function(3, 5);
  const Rational e = brute_first_layer_inal(f, ExactActivation::relu, w, BiasLaw{});
  CHECK(e.sign() > 0);
}

TEST_CASE("Second-layer neuron of a width-2 Rademacher net: Hamming-only kernel (level-constant INAL)") {
  const unsigned n = 3;
  for (const char* acts : {"relu,relu", "relu,sign", "sign,relu"}) {
    for (const char* bias : {"none", "rademacher:1"}) {
      CAPTURE(acts);
      CAPTURE(bias);
      Net net{{2, 1}, {}};
      const std::string a(acts);
      net.activations = {parse_exact_activation(a.substr(0, a.find(','))), parse_exact_activation(a.substr(a.find(',') + 1))};
      const BiasLaw b = parse_bias_law(bias);
      // m_k from the parities chi_S (all S): constant within levels.
      std::vector<std::optional<Rational>> m(n + 1);
      for (std::uint64_t S = 0; S < 8; ++S) {
        const auto chi = boolean::parse_spec("parity:n=3:S=" + (S ? boolean::subset_str(S) : std::string("{}")), 0).function;
        const Rational v = inal_enumerate(chi, net, rademacher_law(), b, false).mean_square[1];
        const unsigned k = static_cast<unsigned>(std::popcount(S));
        if (m[k]) CHECK(*m[k] == v);
        else m[k] = v;
      }
      const auto f = random_integer_function(n, 99);
      const auto W = level_weights(f);
      Rational viaW(0);
      for (unsigned k = 0; k <= n; ++k) viaW += *m[k] * W[k];
      CHECK(inal_enumerate(f, net, rademacher_law(), b, false).mean_square[1] == viaW);
    }
  }
}

TEST_CASE("Max inside the expectation lies between max_v E and |V| max_v E") {
  const auto f = random_integer_function(3, 7);
  Net net{{2, 1}, {ExactActivation::relu, ExactActivation::relu}};
  const auto r = inal_enumerate(f, net, rademacher_law(), BiasLaw{}, true);
  const Rational outside = std::max(r.mean_square[0], r.mean_square[1]);
  REQUIRE(r.max_inside);
  CHECK(*r.max_inside >= outside);
  CHECK(*r.max_inside <= Rational(3) * outside);
}

TEST_CASE("Gaussian weights: n = 10 ReLU / sign m_k contain the reference decimals, exact zeros exact") {
  const auto ref = load("inal.json")["gaussian_no_bias"];
  const WeightLaw g = parse_weight_law("gaussian");
  const auto relu = neuron_spectrum_gaussian(10, relu_kernel, Parity::affine_plus_even, g, BiasLaw{}, 80);
  const auto sign = neuron_spectrum_gaussian(10, sign_kernel, Parity::odd, g, BiasLaw{}, 80);
  for (unsigned k = 0; k <= 10; ++k) {
    CAPTURE(k);
    const std::string rr = ref["relu"]["10"]["m_k"][k].get<std::string>();
    const std::string rs = ref["sign"]["10"]["m_k"][k].get<std::string>();
    if (rr == "0") {
      CHECK(relu.m[k].kind() == Kind::exact);
      CHECK(relu.m[k].exact().is_zero());
    } else {
      // the reference has 32 significant digits: compare with a tolerance of 1e-30 relative
      Ball r = Ball::parse(rr, 256);
      arb_add_error_2exp_si(r.get(), -95);
      CHECK(relu.m[k].ball().overlaps(r));
      CHECK(relu.m[k].ball().rel_accuracy_bits() >= 80);
    }
    if (rs == "0") CHECK(sign.m[k].exact().is_zero());
    else {
      Ball r = Ball::parse(rs, 256);
      arb_add_error_2exp_si(r.get(), -95);
      CHECK(sign.m[k].ball().overlaps(r));
    }
  }
  CHECK(relu.m[1].ball().contains(Rational(1, 40)));  // 1/(4n) exactly
  CHECK(relu.second_moment.ball().contains(Rational(1, 2)));
  CHECK(sign.second_moment.ball().contains(Rational(1)));
}

TEST_CASE("Gaussian weights with bias N(0,1), n = 6, ReLU: reference m_k") {
  const auto ref = load("inal.json")["gaussian_weights_bias_N01_n6_relu"];
  const auto s = neuron_spectrum_gaussian(6, relu_kernel, Parity::affine_plus_even, parse_weight_law("gaussian"),
                                          parse_bias_law("gaussian:beta2=1"), 80);
  for (unsigned k = 0; k <= 6; ++k) {
    Ball r = Ball::parse(ref["m_k"][k].get<std::string>(), 256);
    arb_add_error_2exp_si(r.get(), -100);
    CHECK(s.m[k].ball().overlaps(r));
  }
}

TEST_CASE("Gaussian route refuses finite biases and unreachable accuracy") {
  CHECK_THROWS_AS(neuron_spectrum_gaussian(4, relu_kernel, Parity::none, parse_weight_law("gaussian"),
                                           parse_bias_law("const:1"), 60),
                  domain_error);
  auto loose = [](const Ball&, const Ball&, slong) {
    Ball b;
    arb_set_d(b.get(), 0.5);
    arb_add_error_2exp_si(b.get(), -10);
    return b;
  };
  CHECK_THROWS_AS(neuron_spectrum_gaussian(4, loose, Parity::none, parse_weight_law("gaussian"), BiasLaw{}, 60),
                  precision_error);
}

TEST_CASE("Law and bias specs: errors") {
  CHECK_THROWS_WITH_AS(parse_weight_law("finite:1@1/2,-1@1/3"),
                       "init law \"finite:1@1/2,-1@1/3\": requires probabilities summing to 1, got sum = 5/6", input_error);
  CHECK_THROWS_WITH_AS(parse_weight_law("cauchy"),
                       "init law: unknown family \"cauchy\" (known: gaussian[:s2=Q], rademacher[:s2=Q], finite:v@p,...[;s2=Q])",
                       input_error);
  CHECK_THROWS_AS(parse_weight_law("finite:1@0,2@1"), input_error);
  CHECK_THROWS_AS(parse_weight_law("gaussian:s2=-1"), input_error);
  CHECK_THROWS_AS(parse_bias_law("uniform:1"), input_error);
  CHECK_THROWS_AS(parse_exact_activation("tanh"), input_error);
  CHECK(parse_weight_law("rademacher").sign_symmetric());
  CHECK(parse_weight_law("finite:-1@1/2,1@1/2").name() == "rademacher");
  CHECK(parse_bias_law("gaussian:beta2=0").kind == BiasLaw::Kind::none);
}

TEST_CASE("Enumeration route: refuses sizes beyond its budget with the cost") {
  const auto f = random_integer_function(10, 1);
  Net net{{4, 1}, {ExactActivation::relu, ExactActivation::relu}};
  CHECK_THROWS_AS(inal_enumerate(f, net, rademacher_law(), BiasLaw{}, false), resource_error);
  CHECK_THROWS_AS(inal_enumerate(f, Net{{1}, {ExactActivation::relu}}, parse_weight_law("gaussian"), BiasLaw{}, false),
                  domain_error);
}

// ------------------------------------------------------------------------------------------------------------
// CP and orbit statistics

TEST_CASE("CP of classes") {
  CHECK(cp_parities_degree(100, 1) == Rational(1, 100));
  CHECK(cp_parities_degree(100, 2) == Rational(1, 4950));
  CHECK(cp_parities_degree(100, 3) == Rational(1, 161700));
  CHECK(cp_parities_degree(100, 4) == Rational(1, 3921225));
  CHECK(cp_parities_degree(1000, 3) == Rational(1, 166167000));
  const nlohmann::json ref = load("group.json");  // a named document: a loop must not range over a destroyed temporary
  for (const auto& r : ref["class_CP_uniform_degree_k_parities"]) {
    const unsigned n = r["n"].get<unsigned>(), k = r["k"].get<unsigned>();
    CHECK(cp_parities_degree(n, k) == q(r["CP"]));
    if (n <= 6) {  // brute force over the explicit class
      std::vector<boolean::CubeFunction> cls;
      for (std::uint64_t S = 0; S < (std::uint64_t{1} << n); ++S)
        if (static_cast<unsigned>(std::popcount(S)) == k)
          cls.push_back(boolean::parse_spec("parity:n=" + std::to_string(n) + ":S=" + (S ? boolean::subset_str(S) : "{}"), 0).function);
      CHECK(cp_list(cls) == q(r["CP"]));
    }
  }
  for (const auto& r : ref["class_CP_all_2^n_parities"]) CHECK(cp_all_parities(r["n"].get<unsigned>()) == q(r["CP"]));
  const auto f = random_integer_function(4, 3);
  const boolean::CubeFunction one[] = {f};
  CHECK(cp_list(one) == cp_single(f));
}

TEST_CASE("Orbit CP and alignment: B_n closed forms = group averages = reference, S_n group average = reference") {
  const nlohmann::json ref = load("group.json");  // a named document: a loop must not range over a destroyed temporary
  for (const auto& r : ref["functions"]) {
    const unsigned n = r["n"].get<unsigned>();
    CAPTURE(r["name"].get<std::string>());
    const auto f = from_table(n, r["truth_table"]);
    const auto W = level_weights(f);
    CHECK(cp_bn(W) == q(r["B_n"]["CP"]));
    CHECK(alignment_bn(W) == q(r["B_n"]["A_lambda_max"]));
    CHECK(cp_bn_group_average(f) == q(r["B_n"]["CP"]));
    CHECK(cp_sn(f) == q(r["S_n"]["CP"]));
    CHECK(cp_bn(W) <= cp_sn(f));  // formula cp.bn_le_sn
    const AlgebraicBall a = alignment_sn(f, 160);
    if (r["S_n"]["A_lambda_max"].is_string()) {
      REQUIRE(a.exact);
      CHECK(*a.exact == q(r["S_n"]["A_lambda_max"]));
    } else {
      CHECK_FALSE(a.exact);
      std::vector<Integer> mp;
      for (const auto& c : r["S_n"]["A_minimal_polynomial_coeffs_high_to_low"]) mp.push_back(Integer::parse(c.get<std::string>()));
      CHECK(a.minimal_polynomial == mp);
      Ball ref = Ball::parse(r["S_n"]["A_35_digits"].get<std::string>(), 200);
      arb_add_error_2exp_si(ref.get(), -110);
      CHECK(a.ball.overlaps(ref));
    }
  }
}

TEST_CASE("Theory values: majority, e_2, the B_3 example, parities") {
  auto W = [](const char* spec) { return level_weights(boolean::parse_spec(spec, 0).function); };
  CHECK(cp_bn(W("majority:n=3")) == Rational(1, 4));
  CHECK(cp_bn(W("majority:n=5")) == Rational(31, 256));
  CHECK(cp_sn(boolean::parse_spec("majority:n=5", 0).function) == Rational(1));
  const std::vector<Rational> b3 = {Rational(169, 64), Rational(131, 64), Rational(243, 64), Rational(121, 64)};
  CHECK(alignment_bn(b3) == Rational(169, 64));
  CHECK(cp_bn(b3) == Rational(25727, 1536));
  const std::vector<Rational> b4 = {Rational(25, 256), Rational(17, 64), Rational(239, 128), Rational(21, 64), Rational(1, 256)};
  CHECK(cp_bn(b4) == Rational(7805, 12288));
  for (unsigned k = 1; k <= 4; ++k) {
    const std::string spec = "parity:n=4:S=" + boolean::subset_str((std::uint64_t{1} << k) - 1);
    const auto f = boolean::parse_spec(spec, 0).function;
    CHECK(cp_bn(level_weights(f)) == Rational(Integer(1), Integer::binomial(4, k)));
    CHECK(cp_sn(f) == Rational(Integer(1), Integer::binomial(4, k)));
  }
  CHECK(cp_bn(W("parity:n=9:S=1,2,3,4,5,6,7,8,9")) == Rational(1));
  CHECK(alignment_bn(W("parity:n=9:S=1,2,3,4,5,6,7,8,9")) == Rational(1));
}

TEST_CASE("A^2 <= CP <= A ||f||^2 and CP_B <= CP_S on random integer functions (n <= 6)") {
  for (unsigned n = 2; n <= 6; ++n) {
    const auto f = random_integer_function(n, 100 + n);
    const auto W = level_weights(f);
    Rational norm2(0);
    for (const auto& x : W) norm2 += x;
    const Rational A = alignment_bn(W), CP = cp_bn(W);
    CHECK(A * A <= CP);
    CHECK(CP <= A * norm2);
    if (n <= 5) CHECK(CP == cp_bn_group_average(f));
    CHECK(CP <= cp_sn(f));
  }
}

TEST_CASE("Sphere: N(n, l) and O(n) closed forms") {
  const long long n100[] = {1, 100, 5049, 171600, 4416225, 91790820};
  const long long n10[] = {1, 10, 54, 210, 660, 1782};
  for (unsigned l = 0; l <= 5; ++l) {
    CHECK(harmonic_dimension(100, l) == Integer(n100[l]));
    CHECK(harmonic_dimension(10, l) == Integer(n10[l]));
  }
  for (unsigned n = 3; n <= 30; ++n) {
    CHECK(harmonic_dimension(n, 2) * Integer(2) == Integer((n + 2) * (n - 1)));
    CHECK(harmonic_dimension(n, 3) * Integer(6) == Integer(n * (n + 4) * (n - 1)));
  }
  const std::vector<Rational> w = {Rational(0), Rational(1, 2), Rational(1, 2)};
  CHECK(cp_on(10, w) == Rational(1, 40) + Rational(1, 216));
  CHECK(alignment_on(10, w) == Rational(1, 20));
}

TEST_CASE("S_n costs are refused beyond their limits") {
  const auto f = boolean::parse_spec("random:n=10:seed=1", 0).function;
  CHECK_THROWS_WITH_AS(cp_sn(f), "cp_sn: requires n <= 9 (cost n! 2^n), got n = 10", resource_error);
  CHECK_THROWS_AS(alignment_sn(boolean::parse_spec("random:n=8:seed=1", 0).function, 64), resource_error);
}

TEST_CASE("INAL => CP certificate: valid on majority, vacuous on the full parity under Gaussian init") {
  const WeightLaw g = parse_weight_law("gaussian");
  const BiasLaw b = parse_bias_law("gaussian:beta2=1");
  {
    const unsigned n = 50;
    const auto s = neuron_spectrum_gaussian(n, relu_kernel, Parity::affine_plus_even, g, b, 60);
    std::vector<Rational> W(n + 1, Rational(0));
    W[n] = Rational(1);
    const Value inal = inal_from_spectrum(s, W, 128);
    // e_50 ~ 2.55e-20
    CHECK(inal.ball().mid_double() > 2.5e-20);
    CHECK(inal.ball().mid_double() < 2.6e-20);
    const unsigned J[] = {0, 1, 2};
    const Certificate c = inal_cp_certificate(W, inal, s.e, J, Rational(1, 1000), 128);
    CHECK(c.vacuous);
    CHECK(c.second_term == Rational(1));
    CHECK(cp_bn(W) == Rational(1));
  }
  {
    const unsigned n = 9;
    const auto f = boolean::parse_spec("majority:n=9", 0).function;
    const auto W = level_weights(f);
    const auto s = neuron_spectrum_exact(n, ExactActivation::sign, rademacher_law(), BiasLaw{});
    const Value inal = inal_from_spectrum(s, W, 64);
    const unsigned J[] = {1, 3, 5, 7, 9};
    const Certificate c = inal_cp_certificate(W, inal, s.e, J, Rational(1, 2), 64);
    CHECK_FALSE(c.vacuous);
    CHECK(cp_bn(W) <= c.bound.exact());  // the certificate is an upper bound
    const unsigned Jbad[] = {2};
    CHECK_THROWS_AS(inal_cp_certificate(W, inal, s.e, Jbad, Rational(1, 2), 64), domain_error);  // e_2 = 0 for sign
  }
}

// ------------------------------------------------------------------------------------------------------------
// MSP and leap

TEST_CASE("MSP and leap: the theory table and the random supports") {
  const auto ref = load("msp.json");
  for (const char* key : {"theory_table", "random_supports"})
    for (const auto& r : ref[key]) {
      std::vector<std::uint64_t> sup;
      for (const auto& s : r["support"]) {
        std::uint64_t m = 0;
        for (const auto& i : s) m |= std::uint64_t{1} << (i.get<unsigned>() - 1);
        sup.push_back(m);
      }
      const MspResult res = msp_closure(sup);
      CHECK(res.msp == r["MSP"].get<bool>());
      CHECK(res.leap == r["leap"].get<unsigned>());
      CHECK(leap_brute_force(sup) == res.leap);
    }
}

TEST_CASE("MSP: greedy equals brute force on 2000 random families, invariant under coordinate permutations") {
  Rng rng(2026);
  for (int t = 0; t < 2000; ++t) {
    const unsigned P = 2 + static_cast<unsigned>(rng.next() % 5);
    const unsigned m = 1 + static_cast<unsigned>(rng.next() % 6);
    std::vector<std::uint64_t> sup;
    for (unsigned i = 0; i < m; ++i) sup.push_back(1 + rng.next() % ((std::uint64_t{1} << P) - 1));
    const MspResult r = msp_closure(sup);
    CHECK(r.leap == leap_brute_force(sup));
    std::vector<unsigned> perm(P);
    std::iota(perm.begin(), perm.end(), 0u);
    for (unsigned i = P - 1; i > 0; --i) std::swap(perm[i], perm[rng.next() % (i + 1)]);
    std::vector<std::uint64_t> moved;
    for (std::uint64_t s : sup) {
      std::uint64_t y = 0;
      for (unsigned j = 0; j < P; ++j) y |= ((s >> j) & 1) << perm[j];
      moved.push_back(y);
    }
    CHECK(msp_closure(moved).leap == r.leap);
  }
}

TEST_CASE("MSP from an exact spectrum: the staircase, sign flips do not change supports") {
  const auto s = boolean::walsh_spectrum(boolean::parse_spec("staircase:n=4:k=3", 0).function);
  const auto r = msp_closure(support_of(s));
  CHECK(r.msp);
  CHECK(r.leap == 1);
  CHECK(parse_support("1;1,2;{1,2,3}") == std::vector<std::uint64_t>{1, 3, 7});
  CHECK_THROWS_AS(parse_support("1;0,2"), input_error);
  CHECK_THROWS_AS(parse_support("1;a"), input_error);
}

TEST_CASE("Residual bound (reconstructed) holds against brute force over G' at small d") {
  // h given by its support with coefficient 1 on each set; r = the part not absorbed by the MSP closure.
  struct Case {
    unsigned d;
    std::vector<std::uint64_t> support;
  };
  const Case cases[] = {{5, {1, 3, 14}}, {5, {1, 6}}, {6, {1, 3, 12, 48}}, {6, {1, 2, 28, 7}}};
  for (const auto& c : cases) {
    const MspResult r = msp_closure(c.support);
    REQUIRE_FALSE(r.msp);
    const Rational norm2(static_cast<long long>(c.support.size()));
    const double bound = msp_residual_bound(r, c.d, norm2).to_double();
    const std::size_t N = std::size_t{1} << c.d;
    std::vector<double> rt(N, 0.0);  // r(x) = sum over residual sets of chi_S(x)
    for (std::size_t x = 0; x < N; ++x)
      for (std::uint64_t s : r.residual) rt[x] += (std::popcount(x & s) % 2) ? -1.0 : 1.0;
    // G' = permutations of the coordinates outside U.
    std::vector<unsigned> free;
    for (unsigned i = 0; i < c.d; ++i)
      if (!((r.absorbed_mmsp >> i) & 1)) free.push_back(i);
    std::vector<double> K(N * N, 0.0);
    std::vector<unsigned> p = free;
    std::sort(p.begin(), p.end());
    std::size_t count = 0;
    do {
      std::vector<unsigned> perm(c.d);
      std::iota(perm.begin(), perm.end(), 0u);
      for (std::size_t i = 0; i < free.size(); ++i) perm[free[i]] = p[i];
      std::vector<double> rg(N);
      for (std::size_t x = 0; x < N; ++x) {
        std::size_t y = 0;
        for (unsigned j = 0; j < c.d; ++j) y |= ((x >> j) & 1) << perm[j];
        rg[x] = rt[y];
      }
      for (std::size_t x = 0; x < N; ++x)
        for (std::size_t y = 0; y < N; ++y) K[x * N + y] += rg[x] * rg[y];
      ++count;
    } while (std::next_permutation(p.begin(), p.end()));
    // operator K/(|G'| 2^n) on L^2(uniform); largest eigenvalue by power iteration (K is PSD)
    for (auto& k : K) k /= static_cast<double>(count) * static_cast<double>(N);
    std::vector<double> v(N), w(N);
    Rng start(7);
    for (auto& t : v) t = static_cast<double>(start.next() >> 11) * 0x1p-53 - 0.5;  // not orthogonal to the top space
    double lambda = 0;
    for (int it = 0; it < 2000; ++it) {
      double nrm = 0;
      for (std::size_t x = 0; x < N; ++x) {
        w[x] = 0;
        for (std::size_t y = 0; y < N; ++y) w[x] += K[x * N + y] * v[y];
        nrm += w[x] * w[x];
      }
      nrm = std::sqrt(nrm);
      if (nrm == 0) break;
      double vn = 0;
      for (double t : v) vn += t * t;
      lambda = nrm / std::sqrt(vn);
      for (std::size_t x = 0; x < N; ++x) v[x] = w[x] / nrm;
    }
    CAPTURE(c.d);
    CHECK(lambda > 0);
    CHECK(lambda <= bound + 1e-9);
  }
}
