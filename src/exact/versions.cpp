#include "exact/versions.hpp"

#include <boost/version.hpp>
#include <gmp.h>
#include <mpfr.h>

#include "exact/flint.hpp"

#ifndef GDCERT_REVISION
#define GDCERT_REVISION "unknown"
#endif
#ifndef GDCERT_VERSION
#define GDCERT_VERSION "0.1.0"
#endif

namespace gdcert {

std::vector<std::pair<std::string, std::string>> library_versions() {
  std::vector<std::pair<std::string, std::string>> v;
  v.emplace_back("gdcert", GDCERT_VERSION);
  v.emplace_back("gmp", gmp_version);
  v.emplace_back("mpfr", mpfr_get_version());
  v.emplace_back("flint", flint_version);
#if !GDCERT_FLINT3
  v.emplace_back("arb", arb_version);
#endif
  v.emplace_back("boost", std::to_string(BOOST_VERSION / 100000) + "." + std::to_string(BOOST_VERSION / 100 % 1000) +
                              "." + std::to_string(BOOST_VERSION % 100));
  return v;
}

std::string source_revision() { return GDCERT_REVISION; }
std::string gdcert_version() { return GDCERT_VERSION; }

}  // namespace gdcert
