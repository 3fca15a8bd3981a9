// Library versions and source revision, recorded in every output.
#pragma once
#include <string>
#include <utility>
#include <vector>

namespace gdcert {

/** (name, version) pairs: gdcert, GMP, MPFR, FLINT, Arb (FLINT 2.x only: merged into FLINT from 3.0), Boost. */
std::vector<std::pair<std::string, std::string>> library_versions();
/** The git revision the binary was built from ("unknown" outside a git checkout). */
std::string source_revision();
/** gdcert's own version string. */
std::string gdcert_version();

}  // namespace gdcert
