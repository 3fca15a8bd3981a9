// The level sums and support size of int32 spectra (the per-ISA level-sum kernels of boolean/walsh.cpp) against a
// brute force over the numerators, on random functions n = 0..16, and a real-valued function whose transform is
// int32 too.
#include <doctest/doctest.h>

#include <bit>
#include <cstdint>
#include <string>
#include <vector>

#include "boolean/spec.hpp"
#include "boolean/walsh.hpp"

using gdcert::Integer;
using gdcert::Rational;

namespace {
void check_levels(const gdcert::boolean::Spectrum& s) {
  const unsigned n = s.n();
  const auto c = s.numerators_int32();
  REQUIRE(c.size() == (std::size_t{1} << n));
  std::vector<Integer> sums(n + 1);
  std::uint64_t support = 0;
  for (std::uint64_t m = 0; m < c.size(); ++m) {
    sums[std::popcount(m)] += Integer(static_cast<long long>(c[m])) * Integer(static_cast<long long>(c[m]));
    support += c[m] != 0 ? 1 : 0;
  }
  const Integer d2 = s.denominator() * s.denominator();
  const std::vector<Rational> w = s.level_weights();
  REQUIRE(w.size() == n + 1);
  for (unsigned k = 0; k <= n; ++k) {
    CAPTURE(k);
    CHECK(w[k] == Rational(sums[k], d2));
  }
  CHECK(s.support_size() == support);
}
}  // namespace

TEST_CASE("walsh level sums: int32 spectra of random functions equal the brute force, n = 0..16") {
  for (unsigned n = 0; n <= 16; ++n) {
    for (unsigned seed : {1u, 2u}) {
      CAPTURE(n);
      CAPTURE(seed);
      const auto f = gdcert::boolean::parse_spec("random:n=" + std::to_string(n) + ":seed=" + std::to_string(seed), 0)
                         .function;
      const unsigned threads = seed;  // 1 and 2
      const auto s = gdcert::boolean::walsh_spectrum(f, threads);
      REQUIRE(s.transform_bits() == 32);
      check_levels(s);
    }
  }
}

TEST_CASE("walsh level sums: functions with large int32 coefficients") {
  // Majority (large low-level coefficients) and a parity (a single coefficient 2^n, all weight on one level).
  for (const char* spec : {"majority:n=15", "majority:n=9", "parity:n=12:S=1,5,7"}) {
    CAPTURE(spec);
    const auto s = gdcert::boolean::walsh_spectrum(gdcert::boolean::parse_spec(spec, 0).function, 1);
    REQUIRE(s.transform_bits() == 32);
    check_levels(s);
  }
}
