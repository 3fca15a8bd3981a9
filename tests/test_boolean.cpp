// Tests of src/boolean: specs, exact spectra against independent brute force and reference tables,
// Krawtchouk polynomials, the B_n / S_n actions and orbit sizes.
#include <doctest/doctest.h>

#include <bit>
#include <cstdlib>
#include <algorithm>
#include <fstream>
#include <set>
#include <nlohmann/json.hpp>

#include "boolean/group.hpp"
#include "boolean/krawtchouk.hpp"
#include "boolean/spec.hpp"
#include "boolean/walsh.hpp"
#include "exact/errors.hpp"
#include "exact/rng.hpp"
#include "spec_mutation.hpp"

using namespace gdcert;
using namespace gdcert::boolean;

namespace {

nlohmann::json load(const char* name) {
  std::ifstream in(std::string(GDCERT_TEST_DATA) + "/" + name);
  REQUIRE(in.good());
  return nlohmann::json::parse(in);
}

CubeFunction from_table(unsigned n, const nlohmann::json& table) {
  std::vector<Rational> v;
  for (const auto& x : table) v.emplace_back(x.get<long long>());
  return CubeFunction::from_values(n, std::move(v));
}

std::vector<Rational> rationals(const nlohmann::json& a) {
  std::vector<Rational> v;
  for (const auto& x : a) v.push_back(Rational::parse(x.get<std::string>()));
  return v;
}

// Independent brute force: fhat(S) = 2^-n sum_x f(x) prod_{j in S} x_j, written from the definition
// (explicit coordinates, no bit tricks shared with the fast path).
std::vector<Rational> naive_coefficients(const CubeFunction& f) {
  const unsigned n = f.n();
  const std::uint64_t N = f.size();
  std::vector<Rational> c(N);
  for (std::uint64_t s = 0; s < N; ++s) {
    Rational sum(0);
    for (std::uint64_t i = 0; i < N; ++i) {
      int chi = 1;
      for (unsigned j = 0; j < n; ++j) {
        const int xj = ((i >> j) & 1) ? -1 : 1;
        if ((s >> j) & 1) chi *= xj;
      }
      sum += chi > 0 ? f.value(i) : -f.value(i);
    }
    c[s] = sum / Rational(static_cast<long long>(N));
  }
  return c;
}

long long binom(int n, int k) { return Integer::binomial(n, k).to_si(); }

}  // namespace

TEST_SUITE("boolean") {
  // Reference: tests/data/walsh.json (brute force in exact rationals, independent of gdcert).
  TEST_CASE("walsh_spectrum: reference tables of walsh.json are reproduced exactly") {
    const auto ref = load("walsh.json");
    std::vector<std::pair<std::string, const nlohmann::json*>> items;
    for (const auto& [k, v] : ref["majority"].items()) items.emplace_back(k, &v);
    for (const auto& [k, v] : ref["parities"].items()) items.emplace_back(k, &v);
    items.emplace_back("staircase_n3", &ref["staircase_n3"]);
    for (const char* key : {"n4", "n5", "n6"})
      for (const auto& v : ref["random_functions"][key]) items.emplace_back(v["name"].get<std::string>(), &v);
    for (const auto& [name, j] : items) {
      CAPTURE(name);
      const unsigned n = (*j)["n"].get<unsigned>();
      const CubeFunction f = from_table(n, (*j)["truth_table"]);
      const Spectrum s = walsh_spectrum(f);
      if (j->contains("coefficients_by_mask")) {
        const auto c = rationals((*j)["coefficients_by_mask"]);
        for (std::uint64_t m = 0; m < c.size(); ++m) {
          CAPTURE(m);
          CHECK(s.coefficient(m) == c[m]);
          CHECK(walsh_coefficient(f, m) == c[m]);
        }
      }
      CHECK(s.level_weights() == rationals((*j)["level_weights_W_k"]));
      CHECK(s.influences() == rationals((*j)["influences_Inf_i"]));
      CHECK(s.total_influence() == Rational::parse((*j)["total_influence"].get<std::string>()));
      CHECK(s.noise_stability(Rational(1, 3)) == Rational::parse((*j)["noise_stability"]["1/3"].get<std::string>()));
      CHECK(s.noise_stability(Rational(1, 2)) == Rational::parse((*j)["noise_stability"]["1/2"].get<std::string>()));
      CHECK(s.degree() == (*j)["degree"].get<int>());
    }
  }

  TEST_CASE("walsh_spectrum: fast transform equals the naive O(4^n) transform on random functions, n <= 10") {
    Rng rng(20261124);
    for (unsigned n = 0; n <= 10; ++n) {
      CAPTURE(n);
      // a random ±1 function and a random real function with rational values
      std::vector<int> signs(std::size_t{1} << n);
      std::vector<Rational> vals(std::size_t{1} << n);
      for (auto& s : signs) s = rng.next() & 1 ? 1 : -1;
      for (auto& v : vals) v = Rational(static_cast<long long>(rng.below(41)) - 20, static_cast<long long>(rng.below(7) + 1));
      for (const CubeFunction& f : {CubeFunction::from_signs(n, signs), CubeFunction::from_values(n, vals)}) {
        const auto naive = naive_coefficients(f);
        for (unsigned threads : {1u, 2u}) {
          const Spectrum s = walsh_spectrum(f, threads);
          std::vector<Rational> w(n + 1);
          for (std::uint64_t m = 0; m < naive.size(); ++m) {
            CHECK(s.coefficient(m) == naive[m]);
            w[std::popcount(m)] += naive[m] * naive[m];
          }
          CHECK(s.level_weights() == w);
        }
        // the single-coefficient route, on a few sets
        for (int t = 0; t < 4; ++t) {
          const std::uint64_t m = rng.below(f.size());
          CHECK(walsh_coefficient(f, m) == naive[m]);
        }
      }
    }
  }

  TEST_CASE("walsh_spectrum: int32, int64 and big-integer transforms agree and are chosen by the overflow bound") {
    // Values of size 2^k force the wider paths: max|v| * 2^n must stay below 2^31 (int32) or 2^63 (int64).
    const unsigned n = 8;
    Rng rng(5);
    for (long long scale : {1LL, 1LL << 24, 1LL << 40, 1LL << 56}) {
      CAPTURE(scale);
      std::vector<Rational> v(std::size_t{1} << n);
      for (auto& x : v) x = Rational(static_cast<long long>(rng.below(3)) - 1) * Rational(scale);
      v[0] = Rational(scale);
      const CubeFunction f = CubeFunction::from_values(n, v);
      const Spectrum s = walsh_spectrum(f);
      const int expect_bits = scale < (1LL << 23) ? 32 : scale < (1LL << 55) ? 64 : 0;
      CHECK(s.transform_bits() == expect_bits);
      const auto naive = naive_coefficients(f);
      for (std::uint64_t m = 0; m < naive.size(); m += 7) CHECK(s.coefficient(m) == naive[m]);
    }
  }

  TEST_CASE("walsh_spectrum: Parseval on random functions (sum W_k = E f^2 = 1), n up to 20") {
    for (unsigned n : {12u, 16u, 20u}) {
      CAPTURE(n);
      const auto f = parse_spec("random:n=" + std::to_string(n) + ":seed=3").function;
      Rational sum(0);
      for (const auto& w : walsh_spectrum(f, 2).level_weights()) sum += w;
      CHECK(sum == Rational(1));
    }
  }

  // Closed form (theory: inal §10(e), proofs/walsh.md#majority).
  TEST_CASE("majority: coefficients follow the closed form for n = 3..15") {
    for (int n = 3; n <= 15; n += 2) {
      CAPTURE(n);
      const Spectrum s = walsh_spectrum(parse_spec("majority:n=" + std::to_string(n)).function);
      for (int k = 0; k <= n; ++k) {
        CAPTURE(k);
        const std::uint64_t mask = (std::uint64_t{1} << k) - 1;  // S = {1..k}; all |S| = k are equal by symmetry
        Rational expect(0);
        if (k % 2 == 1) {
          const int sgn = ((k - 1) / 2) % 2 ? -1 : 1;
          expect = Rational(Integer(sgn) * Integer::binomial((n - 1) / 2, (k - 1) / 2) * Integer::binomial(n - 1, (n - 1) / 2),
                            Integer::binomial(n - 1, k - 1) * Integer::pow2(n - 1));
        }
        CHECK(s.coefficient(mask) == expect);
        CHECK(s.level_weights()[k] == expect * expect * Rational(binom(n, k)));
      }
    }
  }

  TEST_CASE("parity: chi_S has one coefficient 1 at S, degree |S|, Inf_i = [i in S]") {
    for (unsigned n = 1; n <= 9; ++n)
      for (std::uint64_t mask = 0; mask < (std::uint64_t{1} << n); mask += 1 + mask / 3) {
        CAPTURE(n);
        CAPTURE(mask);
        std::string S;
        for (unsigned j = 0; j < n; ++j)
          if ((mask >> j) & 1) S += (S.empty() ? "" : ",") + std::to_string(j + 1);
        const Spectrum s = walsh_spectrum(parse_spec("parity:n=" + std::to_string(n) + ":S=" + S).function);
        CHECK(s.support_size() == 1);
        CHECK(s.coefficient(mask) == Rational(1));
        CHECK(s.degree() == std::popcount(mask));
        const auto inf = s.influences();
        for (unsigned j = 0; j < n; ++j) CHECK(inf[j] == Rational((mask >> j) & 1 ? 1 : 0));
        CHECK(s.noise_stability(Rational(1, 3)) == pow(Rational(1, 3), std::popcount(mask)));
      }
  }

  TEST_CASE("spec: families build the intended functions") {
    // staircase = z1 + z1z2 + z1z2z3 (real-valued), its expansion is read off directly
    const Spectrum st = walsh_spectrum(parse_spec("staircase:n=4:k=3").function);
    CHECK(st.coefficient(0b1) == Rational(1));
    CHECK(st.coefficient(0b11) == Rational(1));
    CHECK(st.coefficient(0b111) == Rational(1));
    CHECK(st.support_size() == 3);
    // poly: real multilinear polynomial; x1*x1 = 1
    const Spectrum po = walsh_spectrum(parse_spec("poly:n=3:\"1/2*x1*x2 - x3 + 3 + x1*x1\"").function);
    CHECK(po.coefficient(0) == Rational(4));
    CHECK(po.coefficient(0b011) == Rational(1, 2));
    CHECK(po.coefficient(0b100) == Rational(-1));
    // anf over GF(2): x1 + x2 (XOR) is the parity x1*x2 in ±1 form; x1*x2 (AND) is (1 + x1 + x2 - x1x2)/2
    CHECK(parse_spec("anf:n=2:x1 + x2").function == parse_spec("parity:n=2:S=1,2").function);
    const Spectrum an = walsh_spectrum(parse_spec("anf:n=2:x1*x2").function);
    CHECK(an.coefficient(0) == Rational(1, 2));
    CHECK(an.coefficient(1) == Rational(1, 2));
    CHECK(an.coefficient(3) == Rational(-1, 2));
    CHECK(parse_spec("anf:n=2:x1 + 1").function == parse_spec("table:-+-+").function);
    // threshold with weights equal to 1 is majority; ties broken by sign0
    CHECK(parse_spec("threshold:n=5:w=1,1,1,1,1").function == parse_spec("majority:n=5").function);
    CHECK(parse_spec("threshold:n=4:w=1/2,1/2,1/2,1/2:sign0=-1").function == parse_spec("majority:n=4:sign0=-1").function);
    CHECK(!(parse_spec("majority:n=4:sign0=-1").function == parse_spec("majority:n=4").function));
    // table forms
    CHECK(parse_spec("table:0110").function == parse_spec("parity:n=2:S=1,2").function);
    CHECK(parse_spec("table:1,-1,-1,1").function == parse_spec("parity:n=2:S=1,2").function);
    CHECK(!parse_spec("table:1,2,3,4").function.is_boolean());
    // random: reproducible, seed from --seed when absent
    CHECK(parse_spec("random:n=10:seed=9").function == parse_spec("random:n=10", 9).function);
    CHECK(!(parse_spec("random:n=10:seed=9").function == parse_spec("random:n=10:seed=10").function));
    CHECK(parse_spec("majority:n=5").canonical == "majority:n=5:sign0=+1");
    CHECK(parse_spec("random:n=3", 4).canonical == "random:n=3:seed=4");
  }

  TEST_CASE("spec: file tables, with comments and wrapped lines") {
    const std::string path = "test_boolean_table.txt";
    {
      std::ofstream out(path);
      out << "# parity x1 x2\n01\n10\n";
    }
    CHECK(parse_spec("file:" + path).function == parse_spec("parity:n=2:S=1,2").function);
    {
      std::ofstream out(path);
      out << "1\n-1\n-1\n1\n";
    }
    CHECK(parse_spec("file:" + path).function == parse_spec("parity:n=2:S=1,2").function);
    {
      std::ofstream out(path);
      out << "1/2, 3\n-1 0\n";
    }
    CHECK(parse_spec("file:" + path).function.value(1) == Rational(3));
    std::remove(path.c_str());
  }

  TEST_CASE("spec: every error path is one clear input_error") {
    const std::pair<const char*, const char*> bad[] = {
        {"foo:n=3", "spec: unknown family \"foo\" (known: parity, majority, staircase, threshold, random, anf, poly, table, file)"},
        {"majority", "spec majority: requires field n (e.g. majority:n=5)"},
        {"majority:n=0", "spec majority: requires 1 <= n <= 40, got n = 0"},
        {"majority:n=41", "spec majority: requires 1 <= n <= 40, got n = 41"},
        {"majority:n=x", "spec majority: requires n to be a non-negative integer, got \"x\""},
        {"majority:n=5:k=2", "spec majority: unknown field \"k\" (known: n, sign0)"},
        {"majority:n=5:sign0=2", "spec majority: requires sign0 = +1 or -1, got \"2\""},
        {"parity:n=4:S=1,5", "spec parity: requires indices in [1, n] = [1, 4], got 5"},
        {"parity:n=4:S=0", "spec parity: requires indices in [1, n] = [1, 4], got 0"},
        {"parity:n=4:S=2,2", "spec parity: requires distinct indices, got 2 twice"},
        {"parity:n=4", "spec parity: requires field S (e.g. parity:n=5:S=1,2,3)"},
        {"parity:n=4:n=5:S=1", "spec parity: field \"n\" given twice"},
        {"staircase:n=4:k=5", "spec staircase: requires 1 <= k <= n = 4, got k = 5"},
        {"threshold:n=3:w=1,2", "spec threshold: requires n = 3 weights, got 2"},
        {"threshold:n=2:w=1,a", "spec threshold: requires w to be a rational (p/q, integer or decimal), got \"a\""},
        {"table:011", "spec table: requires a table length that is a power of two, got 3"},
        {"table:0120", "spec table: requires table characters 0/1 or +/- (0 and + mean +1), got '2' at index 2; use a comma-separated list for real values"},
        {"table:1,2,x,4", "spec table: requires rational values, got \"x\" at index 2"},
        {"table:", "spec table: requires a non-empty table"},
        {"file:/nonexistent/f.txt", "spec file: cannot read \"/nonexistent/f.txt\" (No such file or directory)"},
        {"anf:n=3:x1 + x4", "spec anf: requires variable indices in [1, n] = [1, 3], got x4"},
        {"anf:n=3:x1 - x2", "spec anf: requires '+' (XOR) between monomials over GF(2), got '-'"},
        {"anf:n=3:2*x1", "spec anf: requires monomials with coefficient 1 over GF(2) (write the constant as 1, the zero polynomial as 0), got \"2*x1\""},
        {"poly:n=3:", "spec poly: requires an expression such as \"x1 + x1*x2\", got an empty one"},
        {"poly:n=3:x1**x2", "spec poly: requires a factor between '*' in \"x1**x2\""},
        {"random:n=3:seed=-1", "spec random: requires seed to be a non-negative integer, got \"-1\""},
    };
    for (const auto& [spec, msg] : bad) {
      CAPTURE(spec);
      CHECK_THROWS_WITH_AS(parse_spec(spec), msg, input_error);
    }
  }

  TEST_CASE("spec: sizes beyond memory are refused before allocation, naming the memory needed") {
    setenv("GDCERT_MAX_MEMORY", "64M", 1);
    CHECK_THROWS_WITH_AS(parse_spec("random:n=40"), doctest::Contains("requires 128.00 GiB of memory"), resource_error);
    const auto f = parse_spec("random:n=28:seed=1").function;  // 32 MiB of bits fits
    CHECK_THROWS_WITH_AS(walsh_spectrum(f), doctest::Contains("requires 1.00 GiB of memory"), resource_error);
    unsetenv("GDCERT_MAX_MEMORY");
  }

  TEST_CASE("walsh_coefficient / Spectrum::coefficient: S outside [n] is a domain_error") {
    const auto f = parse_spec("majority:n=3").function;
    CHECK_THROWS_AS(walsh_coefficient(f, 8), domain_error);
    CHECK_THROWS_AS(walsh_spectrum(f).coefficient(8), domain_error);
    CHECK_THROWS_WITH_AS(walsh_spectrum(f).noise_stability(Rational(3, 2)),
                         "noise_stability: requires -1 <= rho <= 1, got rho = 3/2", domain_error);
  }

  // Reference: tests/data/krawtchouk.json (three independent exact methods).
  TEST_CASE("krawtchouk: sum formula and recurrence both equal the reference table, n = 1..12") {
    const auto ref = load("krawtchouk.json");
    for (unsigned n = 1; n <= 12; ++n) {
      CAPTURE(n);
      const auto& rows = ref["K"][std::to_string(n)];
      const auto table = krawtchouk_table(n);
      for (unsigned k = 0; k <= n; ++k)
        for (unsigned h = 0; h <= n; ++h) {
          const Integer want(rows[k][h].get<long long>());
          CHECK(krawtchouk(n, k, h) == want);
          CHECK(table[k][h] == want);
        }
    }
  }

  TEST_CASE("krawtchouk: equals sum_{|T|=k} chi_T(x) chi_T(y) by brute force, and orthogonality, n = 7") {
    const unsigned n = 7;
    for (unsigned h = 0; h <= n; ++h) {
      const std::uint64_t x = 0, y = (std::uint64_t{1} << h) - 1;  // distance h
      for (unsigned k = 0; k <= n; ++k) {
        long long s = 0;
        for (std::uint64_t T = 0; T < (1u << n); ++T)
          if (static_cast<unsigned>(std::popcount(T)) == k) s += (std::popcount((x ^ y) & T) & 1) ? -1 : 1;
        CHECK(krawtchouk(n, k, h) == Integer(s));
      }
    }
    const auto K = krawtchouk_table(n);
    for (unsigned k = 0; k <= n; ++k)
      for (unsigned l = 0; l <= n; ++l) {
        Integer s(0);
        for (unsigned h = 0; h <= n; ++h) s += Integer::binomial(n, h) * K[k][h] * K[l][h];
        CHECK(s == (k == l ? Integer::pow2(n) * Integer::binomial(n, k) : Integer(0)));
      }
    CHECK_THROWS_AS(krawtchouk(3, 4, 0), domain_error);
    CHECK(krawtchouk_table(200)[100][100] == krawtchouk(200, 100, 100));
  }

  TEST_CASE("act: B_n action on tables agrees with the action on coefficients (brute force, all of B_3)") {
    const unsigned n = 3;
    Rng rng(11);
    for (int trial = 0; trial < 5; ++trial) {
      std::vector<Rational> vals(8);
      for (auto& v : vals) v = Rational(static_cast<long long>(rng.below(9)) - 4);
      const CubeFunction f = CubeFunction::from_values(n, vals);
      const auto cf = naive_coefficients(f);
      SignedPermutation g = SignedPermutation::identity(n);
      do {
        for (g.sign_mask = 0; g.sign_mask < 8; ++g.sign_mask) {
          // (f∘g)(x) = f(g x), (g x)_i = s_i x_{sigma^-1(i)}: computed coordinate by coordinate
          std::vector<Rational> fg(8);
          for (std::uint64_t i = 0; i < 8; ++i) {
            int x[3], gx[3];
            for (unsigned j = 0; j < n; ++j) x[j] = (i >> j) & 1 ? -1 : 1;
            for (unsigned j = 0; j < n; ++j) gx[g.perm[j]] = x[j] * (((g.sign_mask >> g.perm[j]) & 1) ? -1 : 1);
            std::uint64_t gi = 0;
            for (unsigned j = 0; j < n; ++j) gi |= (gx[j] < 0 ? 1u : 0u) << j;
            fg[i] = vals[gi];
          }
          const CubeFunction expect = CubeFunction::from_values(n, fg);
          CHECK(act(f, g) == expect);
          CHECK(act_on_coefficients(cf, g) == naive_coefficients(expect));
        }
      } while (std::next_permutation(g.perm.begin(), g.perm.end()));
    }
  }

  TEST_CASE("orbit_size: closed cases and brute-force orbit enumeration, n <= 4") {
    // parity chi_S, |S| = k: orbit size 2 C(n,k) under B_n (k >= 1), C(n,k) under S_n
    for (unsigned k = 1; k <= 4; ++k) {
      std::string S;
      for (unsigned j = 1; j <= k; ++j) S += (j > 1 ? "," : "") + std::to_string(j);
      const auto f = parse_spec("parity:n=4:S=" + S).function;
      CHECK(orbit_size(f, Group::Bn) == Integer(2 * binom(4, k)));
      CHECK(orbit_size(f, Group::Sn) == Integer(binom(4, k)));
    }
    CHECK(orbit_size(parse_spec("majority:n=5").function, Group::Sn) == Integer(1));
    CHECK(orbit_size(parse_spec("majority:n=5").function, Group::Bn) == Integer(32));  // sign flips of Maj are distinct; S_5 fixes it
    // brute force: enumerate the orbit as a set of tables
    for (int seed = 0; seed < 6; ++seed) {
      const auto f = parse_spec("random:n=4:seed=" + std::to_string(seed)).function;
      std::set<std::vector<std::uint64_t>> orbit_b, orbit_s;
      SignedPermutation g = SignedPermutation::identity(4);
      do {
        for (g.sign_mask = 0; g.sign_mask < 16; ++g.sign_mask) {
          orbit_b.insert(act(f, g).bits());
          if (g.sign_mask == 0) orbit_s.insert(act(f, g).bits());
        }
      } while (std::next_permutation(g.perm.begin(), g.perm.end()));
      CAPTURE(seed);
      CHECK(orbit_size(f, Group::Bn) == Integer(static_cast<long long>(orbit_b.size())));
      CHECK(orbit_size(f, Group::Sn) == Integer(static_cast<long long>(orbit_s.size())));
    }
    CHECK_THROWS_AS(orbit_size(parse_spec("random:n=11:seed=1").function, Group::Bn), resource_error);
  }

  /*
   * The spec grammar under random edits (a fixed-seed mutation run; the same harness runs open-ended under
   * libFuzzer with tests/fuzz/run_fuzz.sh spec): every mutated spec either parses — and then its canonical
   * form parses to the same function and the same canonical form — or fails with an input_error or a
   * resource_error.  Anything else (another exception, a crash under the sanitizer build) fails the test.
   */
  TEST_CASE("parse_spec: 50000 mutated specs parse to a stable canonical form or fail with an input/resource error") {
    // GDCERT_MAX_MEMORY = 128K (the helper's default) keeps mutated sizes small: n = 20 needs 128 KiB of bits
    const std::vector<std::string> seeds = {
        "parity:n=4:S=1,2", "majority:n=5", "majority:n=4:sign0=-1", "staircase:n=3:k=2",
        "threshold:n=3:w=1,1/2,2:t=1/3", "threshold:n=4:w=1,1,1,1:sign0=-1", "random:n=6:seed=3",
        "anf:n=4:x1*x2 + x3*x4 + 1", "anf:n=3:\"x1 + x1*x2\"", "poly:n=3:x1 + 1/2*x1*x2 - x3",
        "table:0110", "table:+--+", "table:1/2,-1,3,0", "parity:n=3:S=", "table:0.5,-0.25"};
    const std::string alphabet = "0123456789:=,+-*/. \"\t#xXnSktwsig{}()[]abcdeflmoprty\xff";
    gdcert::testing::SpecMutation m;
    m.seeds = seeds;
    m.alphabet = alphabet;
    m.seed = 20261205;
    m.trials = 50000;
    m.max_edits = 4;
    m.raw_bytes = true;
    m.max_repeat = 4;
    const auto [parsed, refused] = gdcert::testing::spec_mutation_round_trip(m);
    MESSAGE("mutated specs: " << parsed << " parsed, " << refused << " refused");
    CHECK(parsed > 1000);   // the mutations stay close enough to the grammar to exercise both outcomes
    CHECK(refused > 1000);
  }
}
