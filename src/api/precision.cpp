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
  if (z < Integer(kMinPrec) || z > Integer(kMaxPrec)) check_prec(z < Integer(kMinPrec) ? kMinPrec - 1 : kMaxPrec + 1);
  check_prec(z.to_si());
  return z.to_si();
}

}  // namespace gdcert::api
