// S-box entry point: the LAT, DDT and what they decide for an S-box spec (grammar in boolean/sbox.hpp).
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "api/result.hpp"

namespace gdcert::api {

/** gdcert sbox SPEC [--lat] [--ddt] [--zero-based]. */
struct SBoxRequest {
  std::string spec;
  bool lat = false, ddt = false;  // list the whole tables (n + m <= 16)
  bool zero_based = false;        // printed bit names (the masks are integers either way)
};

struct SBoxResult {
  Params parameters;  // spec (canonical), n, m
  std::string canonical;
  unsigned n = 0, m = 0;
  std::vector<std::uint32_t> values;
  Result linearity, nonlinearity, differential_uniformity, algebraic_degree;
  bool bijective = false;
  std::map<std::int64_t, std::uint64_t> lat_histogram;   // LAT values over b != 0
  std::map<std::uint32_t, std::uint64_t> ddt_histogram;  // DDT values over a != 0
  std::vector<std::int32_t> lat;   // LAT(a, b) at a 2^m + b (boolean.sbox.lat)
  std::vector<std::uint32_t> ddt;  // DDT(a, b) at a 2^m + b (boolean.sbox.ddt)
};

/** Errors: input_error (malformed spec), resource_error (sizes). */
SBoxResult sbox(const SBoxRequest& req);

}  // namespace gdcert::api
