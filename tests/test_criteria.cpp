// Boolean-function criteria (src/boolean/criteria, api::walsh --anf/--criteria/--autocorrelation) against brute force
// written from the definitions, exhaustively over all 2^16 functions of 4 variables and on random functions of up to
// 9 variables (fixed seeds), and known counts (896 bent functions of 4 variables).
#include <doctest/doctest.h>

#include <bit>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "api/walsh.hpp"
#include "boolean/criteria.hpp"
#include "boolean/cube_function.hpp"
#include "boolean/walsh.hpp"
#include "cli_support.hpp"
#include "exact/errors.hpp"
#include "exact/rng.hpp"

using namespace gdcert;
using namespace gdcert::boolean;

namespace {
// f as ±1 values from the bits of a table word (bit i set: f = -1), n <= 6.
std::vector<int> signs_of(std::uint64_t table, unsigned n) {
  std::vector<int> v(std::size_t{1} << n);
  for (std::size_t i = 0; i < v.size(); ++i) v[i] = (table >> i) & 1 ? -1 : 1;
  return v;
}
std::vector<int> random_signs(unsigned n, std::uint64_t seed) {
  Rng r(seed);
  std::vector<int> v(std::size_t{1} << n);
  for (auto& x : v) x = r.next() & 1 ? -1 : 1;
  return v;
}
// W_f(a) = sum_x f(x) (-1)^{popcount(a & x)}, by the definition.
std::vector<std::int64_t> walsh_brute(const std::vector<int>& f) {
  std::vector<std::int64_t> w(f.size());
  for (std::size_t a = 0; a < f.size(); ++a)
    for (std::size_t x = 0; x < f.size(); ++x) w[a] += std::popcount(a & x) & 1 ? -f[x] : f[x];
  return w;
}
std::vector<std::int64_t> walsh_fast(const std::vector<int>& f, unsigned n) {
  const Spectrum s = walsh_spectrum(CubeFunction::from_signs(n, f), 1);
  std::vector<std::int64_t> w(f.size());
  for (std::size_t a = 0; a < f.size(); ++a) w[a] = s.numerator(a).to_si();  // over 2^n: W_f(a) itself
  return w;
}
// min over the 2^(n+1) affine functions l(x) = (-1)^{a.b + c} of the Hamming distance d(f, l).
long nonlinearity_brute(const std::vector<int>& f) {
  long best = static_cast<long>(f.size());
  for (std::size_t a = 0; a < f.size(); ++a)
    for (int c : {1, -1}) {
      long d = 0;
      for (std::size_t x = 0; x < f.size(); ++x) d += f[x] != c * (std::popcount(a & x) & 1 ? -1 : 1);
      best = std::min(best, d);
    }
  return best;
}
// The largest m such that fixing any m coordinates to any values leaves P(f = -1) unchanged (the definition).
int ci_brute(const std::vector<int>& f, unsigned n) {
  long ones = 0;
  for (int v : f) ones += v < 0;
  int order = static_cast<int>(n);
  for (std::uint64_t T = 1; T < f.size(); ++T) {
    const int k = std::popcount(T);
    if (k - 1 >= order) continue;
    for (std::uint64_t val = 0; val < f.size(); ++val) {
      if ((val & ~T) != 0) continue;  // the assignment of x_T, as bits inside T
      long in = 0, neg = 0;
      for (std::uint64_t x = 0; x < f.size(); ++x)
        if ((x & T) == val) {
          ++in;
          neg += f[x] < 0;
        }
      if (neg * static_cast<long>(f.size()) != ones * in) order = std::min(order, k - 1);
    }
  }
  return order;
}
}  // namespace

TEST_CASE("criteria: ANF, algebraic degree, nonlinearity, CI order, autocorrelation equal brute force for all 2^16 functions of 4 variables") {
  const unsigned n = 4;
  int bent = 0, max_nl = 0;
  for (std::uint64_t table = 0; table < (1u << 16); ++table) {
    const std::vector<int> f = signs_of(table, n);
    const CubeFunction F = CubeFunction::from_signs(n, f);
    // ANF by the definition a_m = XOR_{i subset m} g(i).
    const std::vector<std::uint64_t> anf = anf_monomials(F);
    int deg = -1;
    for (std::uint64_t m = 0; m < 16; ++m) {
      int a = 0;
      for (std::uint64_t i = 0; i < 16; ++i)
        if ((i & ~m) == 0) a ^= (table >> i) & 1;
      REQUIRE(((anf[0] >> m) & 1) == static_cast<std::uint64_t>(a));
      if (a) deg = std::max(deg, std::popcount(m));
    }
    CHECK(algebraic_degree(anf, n) == deg);
    const std::vector<std::int64_t> w = walsh_fast(f, n);
    const WalshCriteria c = walsh_criteria(w, n);
    REQUIRE(c.nonlinearity.to_si() == nonlinearity_brute(f));
    if (table % 7 == 0) REQUIRE(c.correlation_immunity == ci_brute(f, n));  // every 7th: the brute force is slow
    bent += c.bent;
    max_nl = std::max(max_nl, static_cast<int>(c.nonlinearity.to_si()));
    // Autocorrelation by the definition, u flipping the coordinates in u.
    const Autocorrelation ac = autocorrelation(w, n);
    for (std::uint64_t u = 0; u < 16; ++u) {
      std::int64_t d = 0;
      for (std::uint64_t x = 0; x < 16; ++x) d += f[x] * f[x ^ u];
      REQUIRE(ac.delta[u] == d);
    }
  }
  CHECK(bent == 896);   // the bent functions of 4 variables
  CHECK(max_nl == 6);   // 2^(n-1) - 2^(n/2-1)
}

TEST_CASE("criteria: random functions of 5..9 variables against brute force (fixed seeds)") {
  for (unsigned n = 5; n <= 9; ++n)
    for (std::uint64_t seed = 1; seed <= 3; ++seed) {
      CAPTURE(n);
      CAPTURE(seed);
      const std::vector<int> f = random_signs(n, 1000 * n + seed);
      const std::vector<std::int64_t> w = walsh_fast(f, n);
      CHECK(w == walsh_brute(f));
      const WalshCriteria c = walsh_criteria(w, n);
      CHECK(c.nonlinearity.to_si() == nonlinearity_brute(f));
      if (n <= 6) CHECK(c.correlation_immunity == ci_brute(f, n));
      const Autocorrelation ac = autocorrelation(w, n);
      Integer ss(0);
      std::int64_t abs_ind = 0;
      for (std::uint64_t u = 0; u < f.size(); ++u) {
        std::int64_t d = 0;
        for (std::uint64_t x = 0; x < f.size(); ++x) d += f[x] * f[x ^ u];
        REQUIRE(ac.delta[u] == d);
        ss = ss + Integer(static_cast<long long>(d * d));
        if (u) abs_ind = std::max<std::int64_t>(abs_ind, std::llabs(d));
      }
      CHECK(ac.sum_of_squares == ss);
      CHECK(ac.absolute_indicator == abs_ind);
    }
}

TEST_CASE("criteria: known functions (inner product is bent, majority, parity, a 1-resilient function, linear structures)") {
  api::WalshRequest req;
  req.criteria = true;
  req.autocorrelation = true;
  req.anf = true;
  auto run = [&](const std::string& spec) {
    req.spec = spec;
    return api::walsh(req);
  };
  const auto ip = run("anf:n=6:x1*x2 + x3*x4 + x5*x6");  // bent: NL = 2^5 - 2^2 = 28
  CHECK(ip.criteria->bent);
  CHECK(ip.criteria->nonlinearity.value.exact() == Rational(28));
  CHECK(ip.autocorrelation->absolute_indicator.value.exact() == Rational(0));
  CHECK(ip.anf->algebraic_degree.value.exact() == Rational(2));
  CHECK(ip.anf->fourier_degree.value.exact() == Rational(6));  // the Fourier degree differs
  const auto par = run("parity:n=5:S=1,2,3,4,5");  // affine: NL 0, every u a linear structure, CI order 4
  CHECK(par.criteria->nonlinearity.value.exact() == Rational(0));
  CHECK(par.criteria->correlation_immunity.value.exact() == Rational(4));
  CHECK(par.criteria->resiliency.value.exact() == Rational(4));
  CHECK(par.autocorrelation->linear_structures.size() == 31);
  CHECK(par.anf->algebraic_degree.value.exact() == Rational(1));
  const auto maj = run("majority:n=5");  // balanced, CI order 0, not plateaued
  CHECK(maj.criteria->balanced);
  CHECK(maj.criteria->correlation_immunity.value.exact() == Rational(0));
  CHECK_FALSE(maj.criteria->plateau.has_value());
  // x1 + x2 x3 over GF(2) in 3 variables: near-bent (|W| in {0, 4}), with linear structure {1}
  const auto nb = run("anf:n=3:x1 + x2*x3");
  CHECK(nb.criteria->near_bent);
  REQUIRE(nb.autocorrelation->linear_structures.size() == 1);
  CHECK(nb.autocorrelation->linear_structures[0] == 1);
  // f = x1 + x2 + x3*x4 (GF(2)) in 4 variables: balanced, 1-resilient
  const auto r1 = run("anf:n=4:x1 + x2 + x3*x4");
  CHECK(r1.criteria->resiliency.value.exact() == Rational(1));
  CHECK(r1.criteria->semi_bent);
}

TEST_CASE("walsh --table/--eval/--anf/--criteria through the command line, and their refusals") {
  using gdcert::testing::gdcert_run;
  auto r = gdcert_run({"walsh", "majority:n=3", "--eval", "1,-1,-1", "--eval", "001", "--json"});
  CHECK(r.code == 0);
  CHECK(r.out.find("\"values\"") != std::string::npos);
  r = gdcert_run({"walsh", "majority:n=3", "--eval", "1,-1,-1"});
  CHECK(r.code == 0);
  CHECK(r.out.find("6     1,-1,-1 011 -1") != std::string::npos);
  r = gdcert_run({"walsh", "parity:n=2:S=1,2", "--table"});
  CHECK(r.code == 0);
  CHECK(r.out.find("3     -1,-1 11 1") != std::string::npos);
  for (const char* bad : {"1,2,1", "01", "1,-1", "0a1"}) {
    r = gdcert_run({"walsh", "majority:n=3", "--eval", bad});
    CHECK(r.code == 3);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
  }
  r = gdcert_run({"walsh", "poly:n=2:x1 + 1/2*x2", "--anf"});
  CHECK(r.code == 4);  // domain error: not ±1-valued
  CHECK(r.err.find("real-valued") != std::string::npos);
  r = gdcert_run({"walsh", "random:n=21", "--table"});
  CHECK(r.code == 7);
  r = gdcert_run({"walsh", "anf:n=4:x1*x2 + x3*x4", "--criteria", "--csv"});
  CHECK(r.code == 0);
  CHECK(r.out.find("nonlinearity,6,6,6,boolean.nonlinearity") != std::string::npos);  // value, _exact, _display
}

TEST_CASE("anf: the zero polynomial 0 is f = +1, and --anf on it has no monomial and algebraic degree -1") {
  api::WalshRequest req;
  req.spec = "anf:n=3:0";
  req.anf = true;
  const auto r = api::walsh(req);
  CHECK(r.anf->monomials.empty());
  CHECK(r.anf->algebraic_degree.value.exact() == Rational(-1));
  CHECK(r.spectrum->mean().value.exact() == Rational(1));
  req.spec = "anf:n=3:0 + x1";  // "0" is the whole polynomial, not a term
  CHECK_THROWS_AS(api::walsh(req), input_error);
}
