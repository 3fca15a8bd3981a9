// libFuzzer harness: claim files as `gdcert check --validate` reads them (src/cli/check.cpp, toml++): the TOML
// parse, the ASCII-syntax guard, and the structural validation every claim passes before anything is evaluated
// (known quantity and parameters, one assertion, expected values that parse, bounded decimal exponents). Any bytes:
// the result is 0 (valid) or a typed error (exit 2..8), never another exception (exit 70).
// Evaluating no quantity, it runs thousands of times faster than the `claims` harness. Built by tests/fuzz/run_fuzz.sh.
#include <algorithm>
#include <sstream>
#include <string_view>
#include <vector>

#include "cli/check.hpp"
#include "exact/errors.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string path = gdcert::fuzz::scratch_path("_claims_validate.toml");
  gdcert::fuzz::write_file(path, data, size);
  gdcert::cli::CheckOptions o;
  o.dir = path;
  o.validate = true;
  std::ostringstream out;
  int code = 0;
  std::string e;
  try {
    code = gdcert::cli::run_check(o, out, "gdcert check");
  } catch (const gdcert::error& x) {
    code = x.exit_code();
    e = x.what();
  } catch (const std::exception& x) {
    std::fprintf(stderr, "untyped exception (exit 70): %s\n", x.what());
    std::abort();
  }
  if (code < 0 || code > 8 || code == 1) {
    std::fprintf(stderr, "exit %d: %s\n", code, e.c_str());
    std::abort();
  }
  if (code == 0 && out.str().find(" claims valid in 1 files") == std::string::npos) {
    std::fprintf(stderr, "valid but no count: %s\n", out.str().c_str());
    std::abort();
  }
  return 0;
}
