// Spec operations (src/boolean/ops, spec_expr), algebraic immunity (src/boolean/immunity) and p-biased analysis
// (src/boolean/pbiased) against brute force written from the definitions at small n (fixed seeds), and through
// api::walsh and the command line.
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <map>

#include <nlohmann/json.hpp>
#include <bit>
#include <cstdint>
#include <string>
#include <vector>

#include "api/sbox.hpp"
#include "api/walsh.hpp"
#include "boolean/criteria.hpp"
#include "boolean/immunity.hpp"
#include "boolean/ops.hpp"
#include "boolean/pbiased.hpp"
#include "boolean/spec.hpp"
#include "boolean/walsh.hpp"
#include "cli_support.hpp"
#include "exact/errors.hpp"
#include "exact/rng.hpp"
#include "spec_mutation.hpp"

using namespace gdcert;
using namespace gdcert::boolean;

namespace {
CubeFunction spec(const std::string& s) { return parse_spec(s, 5).function; }
int at(const CubeFunction& f, std::uint64_t i) { return f.sign(i); }
}  // namespace

TEST_CASE("spec ops: not, xor, and, or pointwise in the bit convention, on random functions of 1..7 variables") {
  for (unsigned n = 1; n <= 7; ++n) {
    const std::string a = "random:n=" + std::to_string(n) + ":seed=11", b = "random:n=" + std::to_string(n) + ":seed=12";
    const CubeFunction f = spec(a), g = spec(b);
    const CubeFunction nf = spec("~" + a), nf2 = spec("not(" + a + ")"), x = spec(a + " ^ " + b), y = spec(a + " & " + b),
                       z = spec(a + " | " + b);
    CHECK(nf == nf2);
    for (std::uint64_t i = 0; i < f.size(); ++i) {
      CHECK(at(nf, i) == -at(f, i));
      CHECK(at(x, i) == at(f, i) * at(g, i));                               // xor: product of ±1 values
      CHECK((at(y, i) < 0) == (at(f, i) < 0 && at(g, i) < 0));             // and on bits b = (1 - x)/2
      CHECK((at(z, i) < 0) == (at(f, i) < 0 || at(g, i) < 0));             // or on bits
      CHECK(2 * at(y, i) == 1 + at(f, i) + at(g, i) - at(f, i) * at(g, i));  // boolean.op.and_or, ±1 form
    }
  }
}

TEST_CASE("spec ops: precedence ~ & ^ | as in C, parentheses, canonical forms that parse back") {
  const std::string a = "random:n=4:seed=1", b = "random:n=4:seed=2", c = "random:n=4:seed=3";
  CHECK(spec(a + " ^ " + b + " & " + c) == spec(a + " ^ (" + b + " & " + c + ")"));
  CHECK(spec(a + " | " + b + " ^ " + c) == spec(a + " | (" + b + " ^ " + c + ")"));
  CHECK(spec("~" + a + " & " + b) == spec("(~" + a + ") & " + b));
  CHECK_FALSE(spec(a + " ^ " + b + " & " + c) == spec("(" + a + " ^ " + b + ") & " + c));
  const ParsedSpec p = parse_spec(a + " ^ " + b + " & " + c, 0);
  CHECK(p.canonical == "random:n=4:seed=1 ^ (random:n=4:seed=2 & random:n=4:seed=3)");
  CHECK(p.family == "xor");
  for (const std::string s :
       {"~~majority:n=3", "not(majority:n=3 ^ parity:n=3:S=1,2)", "concat(parity:n=3:S=1,2, majority:n=3)",
        "restrict(majority:n=9, x1=1)", "restrict(majority:n=5, x5=-1, x2=+1)", "deriv(majority:n=5, {1,3})",
        "deriv(anf:n=4:x1*x2 + x3*x4, u={2})", "linear(majority:n=3, A=110/011/001, shift=100)",
        "linear(anf:n=2:\"x1*x2\", A=101/011)", "concat(threshold:n=2:w=1,2:t=1, table:0110)",
        "restrict(poly:n=3:x1 + 1/2*x2*x3, x2=-1)", "(majority:n=3 | parity:n=3:S=3) & ~table:01101001"}) {
    CAPTURE(s);
    const ParsedSpec q = parse_spec(s, 0);
    const ParsedSpec r = parse_spec(q.canonical, 0);
    CHECK(r.canonical == q.canonical);
    CHECK(r.function == q.function);
  }
  CHECK(parse_spec("not(majority:n=3)", 0).canonical == "~majority:n=3:sign0=+1");
  CHECK(parse_spec("restrict(majority:n=5, x5=-1, x2=1)", 0).canonical == "restrict(majority:n=5:sign0=+1, x2=+1, x5=-1)");
  // Existing family specs are untouched by the operator grammar.
  for (const std::string s : {"anf:n=4:x1 + x2*x3", "poly:n=3:x1 - 1/2*x1*x2", "table:+--+", "table:1/2,-1,3,0",
                              "threshold:n=3:w=1,2,3:t=-1", "parity:n=3:S={1,2}", "anf:n=3:\"x1 + x2\""})
    CHECK(parse_spec(s, 0).canonical == parse_spec(parse_spec(s, 0).canonical, 0).canonical);
}

TEST_CASE("spec ops: linear, concat, restrict, deriv equal their definitions (brute force)") {
  Rng rng(77);
  for (unsigned m = 1; m <= 5; ++m) {
    const std::string fs = "random:n=" + std::to_string(m) + ":seed=" + std::to_string(m + 20);
    const CubeFunction f = spec(fs);
    for (unsigned cols = 1; cols <= 6; ++cols) {
      std::vector<std::uint64_t> rows;
      std::string A;
      for (unsigned r = 0; r < m; ++r) {
        const std::uint64_t row = rng.below(std::uint64_t{1} << cols);
        rows.push_back(row);
        A += r ? "/" : "";
        for (unsigned j = 0; j < cols; ++j) A += (row >> j) & 1 ? '1' : '0';
      }
      const std::uint64_t s = rng.below(std::uint64_t{1} << m);
      std::string shift;
      for (unsigned j = 0; j < m; ++j) shift += (s >> j) & 1 ? '1' : '0';
      const CubeFunction h = spec("linear(" + fs + ", A=" + A + ", shift=" + shift + ")");
      REQUIRE(h.n() == cols);
      for (std::uint64_t i = 0; i < h.size(); ++i) {
        // x'_r = (-1)^{s_r} prod_{j in row r} x_j, evaluated on ±1 values
        std::uint64_t j = 0;
        for (unsigned r = 0; r < m; ++r) {
          int xr = (s >> r) & 1 ? -1 : 1;
          for (unsigned c = 0; c < cols; ++c)
            if ((rows[r] >> c) & 1) xr *= (i >> c) & 1 ? -1 : 1;
          if (xr < 0) j |= std::uint64_t{1} << r;
        }
        CHECK(at(h, i) == at(f, j));
      }
    }
    // concat: x_{m+1} = +1 selects f
    const std::string gs = "random:n=" + std::to_string(m) + ":seed=99";
    const CubeFunction g = spec(gs), c = spec("concat(" + fs + ", " + gs + ")");
    REQUIRE(c.n() == m + 1);
    for (std::uint64_t i = 0; i < f.size(); ++i) {
      CHECK(at(c, i) == at(f, i));
      CHECK(at(c, i + f.size()) == at(g, i));
    }
    // deriv: D_u f(x) = f(x) f(x chi_u)
    for (std::uint64_t u = 0; u < f.size(); ++u) {
      const CubeFunction d = spec("deriv(" + fs + ", " + subset_str(u) + ")");
      for (std::uint64_t i = 0; i < f.size(); ++i) CHECK(at(d, i) == at(f, i) * at(f, i ^ u));
    }
  }
  // restrict(majority:n=9, x1=1) is sign(1 + x_2 + ... + x_9) on 8 variables (no ties)
  const CubeFunction r = spec("restrict(majority:n=9, x1=1)");
  REQUIRE(r.n() == 8);
  for (std::uint64_t i = 0; i < r.size(); ++i) CHECK(at(r, i) == (1 + 8 - 2 * std::popcount(i) > 0 ? 1 : -1));
  // restrict keeps the order of the free variables: fix x2 = -1 and x4 = +1 in a random function of 5 variables
  const CubeFunction f5 = spec("random:n=5:seed=3"), r5 = spec("restrict(random:n=5:seed=3, x4=+1, x2=-1)");
  REQUIRE(r5.n() == 3);
  for (std::uint64_t i = 0; i < 8; ++i) {
    const std::uint64_t full = (i & 1) | 2 | (((i >> 1) & 1) << 2) | (((i >> 2) & 1) << 4);  // x1, x2=-1, x3, x4=+1, x5
    CHECK(at(r5, i) == at(f5, full));
  }
  // Walsh of a concatenation: W_h(a, 0) = W_f(a) + W_g(a), W_h(a, 1) = W_f(a) - W_g(a) (boolean.op.concat)
  const CubeFunction f = spec("random:n=4:seed=8"), g = spec("random:n=4:seed=9"), h = op_concat(f, g);
  const Spectrum sf = walsh_spectrum(f, 1), sg = walsh_spectrum(g, 1), sh = walsh_spectrum(h, 1);
  for (std::uint64_t a = 0; a < 16; ++a) {
    CHECK(sh.numerator(a) == sf.numerator(a) + sg.numerator(a));
    CHECK(sh.numerator(a | 16) == sf.numerator(a) - sg.numerator(a));
  }
  // Real-valued operands for the re-indexing operations
  const CubeFunction p = spec("restrict(poly:n=3:x1 + 1/2*x2*x3, x2=-1)");
  CHECK(p.value(0) == Rational(1, 2));   // x1 = 1, x3 = 1: 1 - 1/2
  CHECK(p.value(3) == Rational(-1, 2));  // x1 = -1, x3 = -1: -1 + 1/2
}

TEST_CASE("spec ops: not, xor, and, or and their ±1 identities for every pair of functions of 2 variables") {
  for (std::uint64_t a = 0; a < 16; ++a)
    for (std::uint64_t b = 0; b < 16; ++b) {
      const CubeFunction f = CubeFunction::from_bits(2, {a}), g = CubeFunction::from_bits(2, {b});
      const CubeFunction x = op_xor(f, g), y = op_and(f, g), z = op_or(f, g), nf = op_not(f);
      for (std::uint64_t i = 0; i < 4; ++i) {
        const int fi = at(f, i), gi = at(g, i);
        CHECK(at(x, i) == fi * gi);
        CHECK(2 * at(y, i) == 1 + fi + gi - fi * gi);  // boolean.op.and_or
        CHECK(2 * at(z, i) == fi * gi + fi + gi - 1);
        CHECK(at(nf, i) == -fi);
      }
    }
}

TEST_CASE("spec ops: derivative identities E[D_u f] = Delta_f(u)/2^n and deg D_u f <= deg f - 1, all functions of 4 variables") {
  for (std::uint64_t t = 0; t < (1u << 16); ++t) {
    std::vector<int> sg(16);
    for (int i = 0; i < 16; ++i) sg[i] = (t >> i) & 1 ? -1 : 1;
    const CubeFunction f = CubeFunction::from_signs(4, sg);
    const int deg = algebraic_degree(anf_monomials(f), 4);
    for (std::uint64_t u = 1; u < 16; ++u) {
      const CubeFunction d = op_derivative(f, u);
      long delta = 0, sum = 0;
      for (std::uint64_t x = 0; x < 16; ++x) {
        delta += sg[x] * sg[x ^ u];
        sum += d.sign(x);
      }
      CHECK(sum == delta);
      CHECK(algebraic_degree(anf_monomials(d), 4) <= std::max(deg - 1, -1));
    }
  }
}

TEST_CASE("spec ops: every malformed expression is one input_error line, sizes refused before allocating") {
  const char* bad[] = {"majority:n=3 ^ majority:n=4", "majority:n=3 & poly:n=3:x1 + 1/2", "(majority:n=3",
                       "majority:n=3)", "foo(majority:n=3)", "concat(majority:n=3)", "restrict(majority:n=3, x4=1)",
                       "restrict(majority:n=3, x1=0)", "restrict(majority:n=3)", "restrict(majority:n=3, x1=1, x1=-1)",
                       "deriv(majority:n=3, {4})", "deriv(majority:n=3, 1)", "linear(majority:n=3, A=11/01)",
                       "linear(majority:n=2, A=12/01)", "linear(majority:n=2, A=11/011)", "linear(majority:n=2, B=11/01)",
                       "linear(majority:n=2, A=11/01, shift=1)", "~", "majority:n=3 ^", "'majority:n=3",
                       "concat(majority:n=3, majority:n=4)", "majority:n=3 ~ majority:n=3"};
  for (const char* s : bad) {
    CAPTURE(s);
    try {
      parse_spec(s, 0);
      FAIL("accepted");
    } catch (const input_error& e) {
      CHECK(std::string(e.what()).find('\n') == std::string::npos);
      CHECK(std::string(e.what()).starts_with("spec"));
    }
  }
  CHECK_THROWS_WITH_AS(parse_spec("majority:n=3 ^ majority:n=4", 0),
                       "spec xor: requires both operands on the same number of variables, got n = 3 and n = 4", input_error);
  std::string deep;
  for (int i = 0; i < 100; ++i) deep += "~";
  CHECK_THROWS_AS(parse_spec(deep + "majority:n=3", 0), input_error);
  setenv("GDCERT_MAX_MEMORY", "1M", 1);
  CHECK_THROWS_AS(parse_spec("concat(random:n=23:seed=1, random:n=23:seed=2)", 0), resource_error);
  CHECK_THROWS_AS(parse_spec("linear(majority:n=1, A=1111111111111111111111111)", 0), resource_error);
  unsetenv("GDCERT_MAX_MEMORY");
}

namespace {
// AI by enumeration: all nonzero h of degree <= d as 16-bit tables (n = 4).
int ai_brute4(std::uint16_t g, const std::vector<std::vector<std::uint16_t>>& by_degree) {
  for (int d = 0; d <= 4; ++d)
    for (std::uint16_t h : by_degree[static_cast<std::size_t>(d)])
      if ((h & g) == 0 || (h & static_cast<std::uint16_t>(~g)) == 0) return d;
  return -1;
}
}  // namespace

TEST_CASE("algebraic immunity: equals enumeration over all h for all 2^16 functions of 4 variables, with verified witnesses") {
  // Tables of all nonzero GF(2) polynomials of degree <= d, d = 0..4.
  std::vector<std::uint64_t> mons(16);
  for (std::uint64_t m = 0; m < 16; ++m) mons[m] = m;
  std::vector<std::vector<std::uint16_t>> by_degree(5);
  for (int d = 0; d <= 4; ++d) {
    std::vector<std::uint64_t> allowed;
    for (std::uint64_t m : mons)
      if (std::popcount(m) <= d) allowed.push_back(m);
    for (std::uint64_t c = 1; c < (std::uint64_t{1} << allowed.size()); ++c) {
      std::uint16_t h = 0;
      for (std::uint64_t x = 0; x < 16; ++x) {
        int v = 0;
        for (std::size_t k = 0; k < allowed.size(); ++k)
          if ((c >> k) & 1) v ^= (x & allowed[k]) == allowed[k];
        h |= static_cast<std::uint16_t>(v << x);
      }
      by_degree[static_cast<std::size_t>(d)].push_back(h);
    }
  }
  int hist[5] = {0, 0, 0, 0, 0};
  for (std::uint64_t t = 0; t < (1u << 16); ++t) {
    const CubeFunction f = CubeFunction::from_bits(4, {t});
    const AlgebraicImmunity a = algebraic_immunity(f);
    REQUIRE(a.ai == ai_brute4(static_cast<std::uint16_t>(t), by_degree));
    ++hist[a.ai];
    // Witnesses by independent evaluation of their ANF.
    for (int which = 0; which < 2; ++which) {
      const auto& w = which ? a.annihilator_of_complement : a.annihilator_of_f;
      if (!w) continue;
      std::uint16_t h = 0;
      int deg = 0;
      for (std::uint64_t x = 0; x < 16; ++x) {
        int v = 0;
        for (std::uint64_t m : *w) v ^= (x & m) == m;
        h |= static_cast<std::uint16_t>(v << x);
      }
      for (std::uint64_t m : *w) deg = std::max(deg, std::popcount(m));
      CHECK(h != 0);
      CHECK(deg == a.ai);
      CHECK((h & (which ? static_cast<std::uint16_t>(~t) : static_cast<std::uint16_t>(t))) == 0);
    }
  }
  CHECK(hist[0] == 2);  // only the constants
  CHECK(hist[3] == 0);  // AI <= ceil(n/2) = 2
}

TEST_CASE("algebraic immunity: majority has AI ceil(n/2) (Dalai, Maitra, Sarkar 2006), n = 3..11, and the refusal beyond n = 12") {
  for (unsigned n = 3; n <= 11; ++n) {
    CAPTURE(n);
    CHECK(algebraic_immunity(spec("majority:n=" + std::to_string(n))).ai == static_cast<int>((n + 1) / 2));
  }
  CHECK(algebraic_immunity(spec("parity:n=6:S=1,2,3,4,5,6")).ai == 1);
  CHECK_THROWS_AS(algebraic_immunity(spec("random:n=13:seed=1")), resource_error);
  CHECK_THROWS_AS(algebraic_immunity(spec("poly:n=2:x1 + 1/2")), domain_error);
}

namespace {
// E_p over all 2^n points in exact rationals, p = Pr[x_i = -1].
Rational prob(std::uint64_t x, unsigned n, const Rational& p) {
  Rational w(1);
  for (unsigned i = 0; i < n; ++i) w *= (x >> i) & 1 ? p : Rational(1) - p;
  return w;
}
}  // namespace

TEST_CASE("p-biased: coefficients, level weights, influences and noise stability equal their definitions, n <= 5") {
  for (const Rational& p : {Rational(1, 3), Rational(2, 5), Rational(1, 2), Rational(7, 8)}) {
    for (const std::string fs : {"majority:n=3", "random:n=4:seed=4", "poly:n=3:x1 + 1/2*x2*x3 - 1/3", "random:n=5:seed=6",
                                 "threshold:n=4:w=1,2,3,4:t=1"}) {
      CAPTURE(fs);
      CAPTURE(p.str());
      const CubeFunction f = spec(fs);
      const unsigned n = f.n();
      const PBiasedSpectrum s = pbiased_spectrum(f, p);
      const Rational mu = Rational(1) - Rational(2) * p, s2 = Rational(4) * p * (Rational(1) - p);
      CHECK(s.sigma2() == s2);
      std::vector<Rational> level(n + 1, Rational(0));
      for (std::uint64_t S = 0; S < f.size(); ++S) {
        Rational r(0);  // E_p[f prod_{i in S} (x_i - mu)]
        for (std::uint64_t x = 0; x < f.size(); ++x) {
          Rational t = prob(x, n, p) * f.value(x);
          for (unsigned i = 0; i < n; ++i)
            if ((S >> i) & 1) t *= ((x >> i) & 1 ? Rational(-1) : Rational(1)) - mu;
          r += t;
        }
        CHECK(s.r(S) == r);
        Rational sq = r * r;
        for (int k = 0; k < std::popcount(S); ++k) sq /= s2;
        CHECK(s.squared(S) == sq);
        level[static_cast<std::size_t>(std::popcount(S))] += sq;
      }
      for (unsigned k = 0; k <= n; ++k) CHECK(s.level_weights()[k] == level[k]);
      // Inf_i = E_p[(f - E_{x_i} f)^2]
      for (unsigned i = 0; i < n; ++i) {
        Rational inf(0);
        for (std::uint64_t x = 0; x < f.size(); ++x) {
          const std::uint64_t x0 = x & ~(std::uint64_t{1} << i), x1 = x | (std::uint64_t{1} << i);
          const Rational avg = (Rational(1) - p) * f.value(x0) + p * f.value(x1);
          const Rational d = f.value(x) - avg;
          inf += prob(x, n, p) * d * d;
        }
        CHECK(s.influences()[i] == inf);
      }
      // Stab_rho = E[f(x) f(y)], y_i = x_i with probability rho, else fresh
      for (const Rational& rho : {Rational(0), Rational(1, 4), Rational(2, 3), Rational(1)}) {
        Rational e(0);
        for (std::uint64_t x = 0; x < f.size(); ++x)
          for (std::uint64_t y = 0; y < f.size(); ++y) {
            Rational w = prob(x, n, p);
            for (unsigned i = 0; i < n; ++i) {
              const bool xi = (x >> i) & 1, yi = (y >> i) & 1;
              w *= (xi == yi ? rho : Rational(0)) + (Rational(1) - rho) * (yi ? p : Rational(1) - p);
            }
            e += w * f.value(x) * f.value(y);
          }
        CHECK(s.noise_stability(rho) == e);
      }
    }
  }
}

TEST_CASE("p-biased: r_S equals E_p[f prod (x_i - mu)] for all 256 functions of 3 variables, p = 1/3 and 3/4") {
  for (const Rational& p : {Rational(1, 3), Rational(3, 4)}) {
    const Rational mu = Rational(1) - Rational(2) * p;
    for (std::uint64_t t = 0; t < 256; ++t) {
      const CubeFunction f = CubeFunction::from_bits(3, {t});
      const PBiasedSpectrum s = pbiased_spectrum(f, p);
      Rational ms(0);
      for (std::uint64_t S = 0; S < 8; ++S) {
        Rational r(0);
        for (std::uint64_t x = 0; x < 8; ++x) {
          Rational v = prob(x, 3, p) * f.value(x);
          for (unsigned i = 0; i < 3; ++i)
            if ((S >> i) & 1) v *= ((x >> i) & 1 ? Rational(-1) : Rational(1)) - mu;
          r += v;
        }
        REQUIRE(s.r(S) == r);
        ms += s.squared(S);
      }
      CHECK(ms == Rational(1));  // Parseval for a ±1 function
    }
  }
}

TEST_CASE("p-biased: p = 1/2 agrees with the uniform analysis (walsh.*), n = 1..10, and refusals") {
  for (unsigned n = 1; n <= 10; ++n) {
    const std::string fs = "random:n=" + std::to_string(n) + ":seed=" + std::to_string(n);
    const api::WalshSpectrum u = api::walsh_spectrum(fs, 0, 1);
    const PBiasedSpectrum s = pbiased_spectrum(spec(fs), Rational(1, 2));
    for (std::uint64_t S = 0; S < u.size(); ++S) CHECK(s.r(S) == u.coefficient(S).value.exact());
    const auto lw = u.level_weights();
    const auto inf = u.influences();
    for (unsigned k = 0; k <= n; ++k) CHECK(s.level_weights()[k] == lw[k].value.exact());
    for (unsigned i = 0; i < n; ++i) CHECK(s.influences()[i] == inf[i].value.exact());
    CHECK(s.noise_stability(Rational(-1, 3)) == u.noise_stability(Rational(-1, 3)).value.exact());
  }
  CHECK_THROWS_AS(pbiased_spectrum(spec("majority:n=3"), Rational(0)), domain_error);
  CHECK_THROWS_AS(pbiased_spectrum(spec("majority:n=3"), Rational(1)), domain_error);
  CHECK_THROWS_AS(pbiased_spectrum(spec("random:n=21:seed=1"), Rational(1, 3)), resource_error);
}

TEST_CASE("walsh --algebraic-immunity --derivative --bias --zero-based through the command line, and their refusals") {
  using gdcert::testing::gdcert_run;
  auto r = gdcert_run({"walsh", "majority:n=5", "--algebraic-immunity", "--csv"});
  CHECK(r.code == 0);
  CHECK(r.out.find("algebraic immunity AI,3") != std::string::npos);
  r = gdcert_run({"walsh", "anf:n=3:x1*x2 + x3", "--derivative", "1", "--derivative", "1,2"});
  CHECK(r.code == 0);
  CHECK(r.out.find("deriv(anf:n=3:\"x1*x2 + x3\", {1})") != std::string::npos);
  r = gdcert_run({"walsh", "majority:n=3", "--bias", "1/3", "--stability", "1/2", "--coeffs", "--json"});
  CHECK(r.code == 0);
  CHECK(r.out.find("pbiased_level_weights") != std::string::npos);
  CHECK(r.out.find("sigma^-") != std::string::npos);
  r = gdcert_run({"walsh", "anf:n=3:x1*x2", "--anf", "--zero-based", "--coeff", "0,1"});
  CHECK(r.code == 0);
  CHECK(r.out.find("b0*b1") != std::string::npos);
  CHECK(r.out.find("{0,1}") != std::string::npos);
  r = gdcert_run({"walsh", "majority:n=3", "--coeff", "3", "--zero-based"});
  CHECK(r.code == 3);
  r = gdcert_run({"walsh", "random:n=13", "--algebraic-immunity"});
  CHECK(r.code == 7);
  r = gdcert_run({"walsh", "majority:n=3", "--bias", "3/2"});
  CHECK(r.code == 4);
  r = gdcert_run({"walsh", "majority:n=3", "--bias", "x"});
  CHECK(r.code == 3);
  r = gdcert_run({"walsh", "majority:n=3 ^ majority:n=4"});
  CHECK(r.code == 3);
  CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
  r = gdcert_run({"walsh", "restrict(majority:n=9, x1=1)", "--levels"});
  CHECK(r.code == 0);
  CHECK(r.out.find("restrict(majority:n=9:sign0=+1, x1=+1)") != std::string::npos);
}

TEST_CASE("spec ops: 30000 mutated expressions parse to a stable canonical form or fail with an input/resource error") {
  const std::vector<std::string> seeds = {
      "restrict(majority:n=9, x1=1)", "linear(majority:n=3, A=110/011/001, shift=100) ^ ~parity:n=3:S=1,2",
      "concat(threshold:n=2:w=1,2:t=1, deriv(anf:n=2:\"x1*x2\", {1}))", "(table:01101001 & majority:n=3) | random:n=3:seed=2",
      "not('table:0110') & table:1,-1,1,-1", "deriv(poly:n=3:x1 + 1/2*x2*x3, u={1,2})", "~~majority:n=4 ^ parity:n=4:S=4"};
  const std::string alphabet = "0123456789:=,+-*/. \"#xnSkwsig{}()^&|~'abcdeflmoprtuvA";
  gdcert::testing::SpecMutation m;
  m.seeds = seeds;
  m.alphabet = alphabet;
  m.seed = 20261206;
  m.trials = 30000;
  m.max_edits = 2;
  m.max_repeat = 6;
  const auto [parsed, refused] = gdcert::testing::spec_mutation_round_trip(m);
  MESSAGE("mutated expressions: " << parsed << " parsed, " << refused << " refused");
  CHECK(parsed > 300);  // one edit in a long expression usually breaks it: both outcomes are exercised
  CHECK(refused > 1000);
}

// Peer vectors (tests/data/peer_boolean.json): Sage's BooleanFunction and SBox doctest values and the Rust crate
// boolean_function's unit-test values, converted to gdcert's
// conventions as the file's description says (Sage's hex strings read least significant bit first; x0.. -> x1..;
// Sage's default LAT scale is half of gdcert's Walsh-convention LAT; Walsh and autocorrelation signs agree).
TEST_CASE("peer vectors: Sage doctest values and the Rust crate boolean_function unit-test values through api::walsh and api::sbox") {
  std::ifstream in(std::string(GDCERT_TEST_DATA) + "/peer_boolean.json");
  REQUIRE(in.good());
  const nlohmann::json doc = nlohmann::json::parse(in);
  int run = 0, skipped = 0;
  for (const auto& v : doc["vectors"]) {
    const std::string q = v["quantity"];
    CAPTURE(v["source"].get<std::string>());
    if (q == "not_expressible") {
      ++skipped;
      continue;
    }
    const std::string spec = v["spec"];
    CAPTURE(spec);
    const auto& e = v["expect"];
    ++run;
    if (q.rfind("sbox_", 0) == 0) {
      const api::SBoxResult r = api::sbox({spec});
      const std::uint64_t M = std::uint64_t{1} << r.m;
      if (q == "sbox_ddt" || q == "sbox_lat_absolute_bias")
        for (std::size_t a = 0; a < e.size(); ++a)
          for (std::size_t b = 0; b < e[a].size(); ++b) {
            if (q == "sbox_ddt") CHECK(r.ddt[a * M + b] == e[a][b].get<unsigned>());
            else CHECK(r.lat[a * M + b] == 2 * e[a][b].get<int>());  // Sage's absolute bias = LAT / 2
          }
      else if (q == "sbox_linearity") CHECK(r.linearity.value.exact() == Rational(e.get<long long>()));
      else if (q == "sbox_nonlinearity") CHECK(r.nonlinearity.value.exact() == Rational(e.get<long long>()));
      else if (q == "sbox_differential_uniformity") CHECK(r.differential_uniformity.value.exact() == Rational(e.get<long long>()));
      else FAIL("unknown quantity " << q);
      continue;
    }
    const CubeFunction f = parse_spec(spec, 0).function;
    api::WalshRequest req;
    req.spec = spec;
    req.threads = 1;
    if (q == "table") {
      for (std::size_t i = 0; i < e.size(); ++i) CHECK((f.sign(i) < 0 ? 1 : 0) == e[i].get<int>());
    } else if (q == "anf") {
      const std::vector<std::uint64_t> words = anf_monomials(f);
      std::vector<std::uint64_t> mons;
      for (std::uint64_t m = 0; m < f.size(); ++m)
        if ((words[m >> 6] >> (m & 63)) & 1) mons.push_back(m);
      CHECK(mons == e.get<std::vector<std::uint64_t>>());
    } else if (q == "algebraic_degree") {
      CHECK(algebraic_degree(anf_monomials(f), f.n()) == e.get<int>());
    } else if (q == "algebraic_immunity") {
      CHECK(algebraic_immunity(f).ai == e.get<int>());
    } else if (q == "least_annihilator_degree_of_f_at_least") {
      const AlgebraicImmunity a = algebraic_immunity(f);
      CHECK(a.ai <= 3);  // Sage: an annihilator of f of degree 3 exists
      if (a.ai < e.get<int>()) CHECK_FALSE(a.annihilator_of_f.has_value());  // none of degree 1
    } else {
      req.criteria = true;
      req.autocorrelation = true;
      const api::WalshResult r = api::walsh(req);
      const auto& c = *r.criteria;
      const auto& ac = *r.autocorrelation;
      auto as_map = [](const auto& values) {
        std::map<std::string, long long> m;
        for (auto x : values) ++m[std::to_string(x < 0 ? -x : x)];
        return m;
      };
      std::vector<std::int64_t> w;
      for (std::uint64_t a = 0; a < f.size(); ++a) w.push_back(r.spectrum->numerator(a).to_si());
      if (q == "walsh") CHECK(w == e.get<std::vector<std::int64_t>>());
      else if (q == "absolute_walsh_spectrum") CHECK(as_map(w) == e.get<std::map<std::string, long long>>());
      else if (q == "absolute_autocorrelation") CHECK(as_map(ac.delta) == e.get<std::map<std::string, long long>>());
      else if (q == "autocorrelation") CHECK(ac.delta == e.get<std::vector<std::int64_t>>());
      else if (q == "nonlinearity") CHECK(c.nonlinearity.value.exact() == Rational(e.get<long long>()));
      else if (q == "is_bent") CHECK(c.bent == e.get<bool>());
      else if (q == "correlation_immunity") CHECK(c.correlation_immunity.value.exact() == Rational(e.get<long long>()));
      else if (q == "resiliency") CHECK(c.resiliency.value.exact() == Rational(e.get<long long>()));
      else if (q == "absolute_indicator") CHECK(ac.absolute_indicator.value.exact() == Rational(e.get<long long>()));
      else if (q == "sum_of_squares_indicator") CHECK(ac.sum_of_squares.value.exact() == Rational(e.get<long long>()));
      else if (q == "linear_structures") CHECK(ac.linear_structures == e.get<std::vector<std::uint64_t>>());
      else if (q == "plateaued") CHECK(c.plateau.has_value() == e.get<bool>());
      else if (q == "is_linear_structure_1_9_not_7") {
        const std::int64_t full = std::int64_t{1} << f.n();
        CHECK(std::llabs(ac.delta[1]) == full);
        CHECK(std::llabs(ac.delta[9]) == full);
        CHECK(std::llabs(ac.delta[7]) != full);
      }
      else FAIL("unknown quantity " << q);
    }
  }
  MESSAGE("peer vectors: " << run << " run, " << skipped << " not expressible");
  CHECK(run >= 70);
}
