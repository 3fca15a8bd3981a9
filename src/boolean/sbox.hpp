// Vectorial Boolean functions (S-boxes) S: GF(2)^n -> GF(2)^m, exact in integers: the linear approximation table in
// the Walsh convention, linearity and nonlinearity, the difference distribution table and differential uniformity.
//
// Conventions: an input x and an output y are integers whose bit j-1 is coordinate j; a.x = popcount(a & x) mod 2.
//   LAT(a, b) = W_{b.S}(a) = sum_x (-1)^{a.x + b.S(x)}   (the Walsh convention; Sage's linear_approximation_table
//               with its default scale "absolute_bias" is LAT/2)
//   linearity L(S) = max_{a, b != 0} |LAT(a, b)|, nonlinearity NL(S) = 2^(n-1) - L(S)/2 (the least nonlinearity of
//               the nonzero component functions b.S)
//   DDT(a, b) = #{x : S(x + a) + S(x) = b},  differential uniformity = max_{a != 0, b} DDT(a, b)
// Proofs: proofs/boolean-criteria.md#sbox.
//
// S-box specs:  sbox:[n=N:][m=M:]V0,V1,...   (',' or ':' between the fields; the values comma-separated)
//   values are decimal, or hexadecimal when any value has a letter a-f or a 0x prefix (then all are hexadecimal), or
//   one string of 2^n hex digits (m <= 4); n is inferred from the length (2^n values), m defaults to the least
//   width that holds every value and at least n;  sbox:file=PATH reads the values from a file ('#' comments);
//   sbox:present and sbox:aes name the PRESENT and AES S-boxes.
#pragma once
#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "exact/formula.hpp"

namespace gdcert::boolean {

/** Largest n, m of an S-box (the tables have 2^(n+m) entries). */
inline constexpr unsigned max_sbox_bits = 12;

struct SBox {
  unsigned n = 0, m = 0;
  std::vector<std::uint32_t> values;  // S(x), x = 0..2^n-1, each < 2^m
  std::string canonical;
};

/** Parses an S-box spec (grammar above). input_error on malformed specs, resource_error for files too large. */
SBox parse_sbox(std::string_view spec);

struct SBoxAnalysis {
  std::vector<std::int32_t> lat;  // LAT(a, b) at a * 2^m + b
  std::vector<std::uint32_t> ddt; // DDT(a, b) at a * 2^m + b
  std::int64_t linearity = 0;     // boolean.sbox.linearity
  std::int64_t nonlinearity = 0;  // boolean.sbox.linearity
  std::uint32_t differential_uniformity = 0;  // boolean.sbox.ddt
  bool bijective = false;
  int algebraic_degree = -1;      // max over nonzero b of deg_2(b.S) (boolean.algebraic_degree)
  std::map<std::int64_t, std::uint64_t> lat_histogram;   // over b != 0
  std::map<std::uint32_t, std::uint64_t> ddt_histogram;  // over a != 0
};

/** LAT through one FWHT per output mask, DDT by counting. Precondition: n, m <= max_sbox_bits (resource_error). */
SBoxAnalysis analyse_sbox(const SBox& s);

/** The formulas (boolean.sbox.*). */
std::span<const Formula> sbox_formulas();

}  // namespace gdcert::boolean
