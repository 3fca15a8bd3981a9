// Parameters every entry point shares. The working precision of balls: one option (--prec on every verb, `prec` in checks, sweeps and Python) with one
// meaning (bits of the Arb working precision) and one range.
#pragma once
#include <cstdint>

#include "api/result.hpp"

namespace gdcert::api {

inline constexpr long kMinPrec = 16;
inline constexpr long kMaxPrec = 1L << 16;  // 65536 bits, about 19700 decimal digits
inline constexpr long kDefaultPrec = 128;

/** Precondition check: kMinPrec <= bits <= kMaxPrec, else input_error "--prec: requires 16 <= prec <= 65536, got ...". */
void check_prec(long bits);

/** The `prec` entry of a quantity's parameters (dflt when absent), checked by check_prec. */
long prec_param(const Params& p, long dflt = kDefaultPrec);

/** The `seed` entry of a quantity's parameters (dflt when absent): 0 <= seed < 2^64, else input_error. */
std::uint64_t seed_param(const Params& p, std::uint64_t dflt = 0);

}  // namespace gdcert::api
