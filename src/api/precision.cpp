#include "api/precision.hpp"

#include <string>

#include "exact/errors.hpp"
#include "exact/integer.hpp"

namespace gdcert::api {

void check_prec(long bits) {
  if (bits < kMinPrec || bits > kMaxPrec)
    throw input_error("--prec: requires " + std::to_string(kMinPrec) + " <= prec <= " + std::to_string(kMaxPrec) +
                      " (bits), got " + std::to_string(bits));
}

long prec_param(const Params& p, long dflt) {
  auto it = p.find("prec");
  if (it == p.end()) return dflt;
  const Integer z = Integer::parse(it->second);
  if (z < Integer(kMinPrec) || z > Integer(kMaxPrec))  // the value as given (check_prec takes a long)
    throw input_error("prec: requires " + std::to_string(kMinPrec) + " <= prec <= " + std::to_string(kMaxPrec) +
                      " (bits), got " + z.str());
  check_prec(z.to_si());
  return z.to_si();
}

std::uint64_t seed_param(const Params& p, std::uint64_t dflt) {
  auto it = p.find("seed");
  if (it == p.end()) return dflt;
  const Integer z = Integer::parse(it->second);
  if (z.sign() < 0 || !fmpz_abs_fits_ui(z.get()))
    throw input_error("seed: requires 0 <= seed < 2^64, got " + it->second);
  return static_cast<std::uint64_t>(fmpz_get_ui(z.get()));
}

}  // namespace gdcert::api
