// libFuzzer harness: claim files as `gdcert check --validate` reads them (src/cli/check.cpp, toml++): the TOML
// parse, the ASCII-syntax guard, and the structural validation every claim passes before anything is evaluated
// (known quantity and parameters, one assertion, expected values that parse, bounded decimal exponents). Any bytes:
// the result is 0 (valid) or a typed error (exit 2..8), never another exception (exit 70).
// Evaluating no quantity, it runs thousands of times faster than the `claims` harness. Built by tests/fuzz/run_fuzz.sh.
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto [code, out] = gdcert::fuzz::check_claims(data, size, "_claims_validate.toml", true);
  if (code == 1 || (code == 0 && out.find(" claims valid in 1 files") == std::string::npos)) {
    std::fprintf(stderr, "exit %d after validation only: %s\n", code, out.c_str());
    std::abort();
  }
  return 0;
}
