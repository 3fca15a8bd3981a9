// S-boxes (src/boolean/sbox, api::sbox, gdcert sbox) against brute force from the definitions on random S-boxes
// (fixed seeds) and the published values of the PRESENT and AES S-boxes.
#include <doctest/doctest.h>

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <bit>
#include <cstdint>
#include <string>
#include <vector>

#include "api/sbox.hpp"
#include "boolean/sbox.hpp"
#include "cli_support.hpp"
#include "exact/errors.hpp"
#include "exact/rng.hpp"

using namespace gdcert;
using namespace gdcert::boolean;

TEST_CASE("sbox: LAT, DDT, linearity, nonlinearity, differential uniformity equal brute force on random S-boxes") {
  Rng rng(2026);
  for (unsigned n = 1; n <= 6; ++n)
    for (unsigned m = 1; m <= 5; ++m) {
      std::string list;
      std::vector<std::uint32_t> v;
      for (std::uint64_t x = 0; x < (1u << n); ++x) {
        v.push_back(static_cast<std::uint32_t>(rng.below(1u << m)));
        list += (x ? "," : "") + std::to_string(v.back());
      }
      const SBox s = parse_sbox("sbox:n=" + std::to_string(n) + ":m=" + std::to_string(m) + ":" + list);
      const SBoxAnalysis a = analyse_sbox(s);
      const std::uint64_t N = 1u << n, M = 1u << m;
      long lin = 0;
      unsigned du = 0;
      for (std::uint64_t al = 0; al < N; ++al)
        for (std::uint64_t b = 0; b < M; ++b) {
          long w = 0;
          unsigned d = 0;
          for (std::uint64_t x = 0; x < N; ++x) {
            w += (std::popcount(al & x) + std::popcount(b & v[x])) & 1 ? -1 : 1;
            d += (v[x ^ al] ^ v[x]) == b;
          }
          REQUIRE(a.lat[al * M + b] == w);
          REQUIRE(a.ddt[al * M + b] == d);
          if (b) lin = std::max(lin, std::labs(w));
          if (al) du = std::max(du, d);
        }
      CHECK(a.linearity == lin);
      CHECK(a.nonlinearity == static_cast<long>(N / 2) - lin / 2);
      CHECK(a.differential_uniformity == du);
    }
}

TEST_CASE("sbox: all 256 S-boxes of 2 bits to 2 bits, DDT rows sum to 2^n with even entries, LAT squares sum to 2^(2n)") {
  for (unsigned t = 0; t < 256; ++t) {
    const std::string spec = "sbox:n=2:m=2:" + std::to_string(t & 3) + "," + std::to_string((t >> 2) & 3) + "," +
                             std::to_string((t >> 4) & 3) + "," + std::to_string(t >> 6);
    const SBox s = parse_sbox(spec);
    const SBoxAnalysis a = analyse_sbox(s);
    for (unsigned al = 0; al < 4; ++al) {
      unsigned row = 0;
      for (unsigned b = 0; b < 4; ++b) {
        row += a.ddt[al * 4 + b];
        if (al) CHECK(a.ddt[al * 4 + b] % 2 == 0);
        long w = 0;
        unsigned d = 0;
        for (unsigned x = 0; x < 4; ++x) {
          w += (std::popcount(al & x) + std::popcount(b & s.values[x])) & 1 ? -1 : 1;
          d += (s.values[x ^ al] ^ s.values[x]) == b;
        }
        CHECK(a.lat[al * 4 + b] == w);
        CHECK(a.ddt[al * 4 + b] == d);
      }
      CHECK(row == 4);
    }
    for (unsigned b = 0; b < 4; ++b) {  // Parseval per component: sum_a LAT(a, b)^2 = 2^(2n)
      long sq = 0;
      for (unsigned al = 0; al < 4; ++al) sq += static_cast<long>(a.lat[al * 4 + b]) * a.lat[al * 4 + b];
      CHECK(sq == 16);
    }
  }
}

TEST_CASE("sbox: PRESENT and AES published values, and the spec forms (hex, decimal, hex string) agree") {
  const SBoxAnalysis present = analyse_sbox(parse_sbox("sbox:present"));
  CHECK(present.differential_uniformity == 4);
  CHECK(present.linearity == 8);  // Walsh convention; Sage's absolute bias is 4
  CHECK(present.nonlinearity == 4);
  CHECK(present.bijective);
  CHECK(present.algebraic_degree == 3);
  const SBox p1 = parse_sbox("sbox:n=4,m=4:C,5,6,B,9,0,A,D,3,E,F,8,4,7,1,2");
  const SBox p2 = parse_sbox("sbox:12,5,6,11,9,0,10,13,3,14,15,8,4,7,1,2");
  const SBox p3 = parse_sbox("sbox:C56B90AD3EF84712");
  CHECK(p1.values == parse_sbox("sbox:present").values);
  CHECK(p2.values == p1.values);
  CHECK(p3.values == p1.values);
  CHECK(p1.canonical == "sbox:n=4:m=4:12,5,6,11,9,0,10,13,3,14,15,8,4,7,1,2");
  {  // file input: values separated by commas or whitespace, '#' comments
    const std::string path = "/tmp/gdcert_test_sbox_" + std::to_string(::getpid()) + ".txt";
    std::ofstream(path) << "# PRESENT\nC 5 6 B 9 0 A D\n3,E,F,8,4,7,1,2\n";
    const SBox pf = parse_sbox("sbox:file=" + path);
    CHECK(pf.values == p1.values);
    CHECK(pf.canonical == "sbox:n=4:m=4:file=" + path);
    std::remove(path.c_str());
    CHECK_THROWS_AS(parse_sbox("sbox:file=" + path), input_error);  // gone: one-line input error
  }
  const SBox aes = parse_sbox("sbox:aes");
  CHECK(aes.values[0] == 0x63);
  CHECK(aes.values[1] == 0x7c);
  CHECK(aes.values[0x53] == 0xed);
  CHECK(aes.values[0xff] == 0x16);
  const SBoxAnalysis a = analyse_sbox(aes);
  CHECK(a.differential_uniformity == 4);
  CHECK(a.nonlinearity == 112);
  CHECK(a.linearity == 32);
  CHECK(a.algebraic_degree == 7);
  CHECK(a.bijective);
}

TEST_CASE("sbox: malformed specs are one input_error line, and the verb formats and exit codes") {
  for (const char* bad : {"sbox:", "sbox:1,2,3", "sbox:n=3:1,2,3,4", "sbox:m=1:0,1,2,3", "sbox:1,x,2,3", "sbox:n=q:1,2",
                          "present", "sbox:4096,0", "sbox:file="}) {
    CAPTURE(bad);
    CHECK_THROWS_AS(parse_sbox(bad), input_error);
  }
  using gdcert::testing::gdcert_run;
  auto r = gdcert_run({"sbox", "sbox:present", "--csv"});
  CHECK(r.code == 0);
  CHECK(r.out.find("\"differential uniformity max_{a != 0, b} DDT(a, b)\",4,4,4,boolean.sbox.ddt") != std::string::npos);
  r = gdcert_run({"sbox", "sbox:present", "--lat", "--ddt", "--json"});
  CHECK(r.code == 0);
  CHECK(r.out.find("\"lat\"") != std::string::npos);
  std::string big = "sbox:n=9:m=8:";
  for (int x = 0; x < 512; ++x) big += (x ? "," : "") + std::to_string(x % 256);
  r = gdcert_run({"sbox", big, "--lat"});
  CHECK(r.code == 7);  // listing is limited to 2^16 entries (n + m <= 16)
  r = gdcert_run({"sbox", big});
  CHECK(r.code == 0);  // the summary has no such limit
  r = gdcert_run({"sbox", "sbox:1,2,3"});
  CHECK(r.code == 3);
  CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
}
