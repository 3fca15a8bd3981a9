// libFuzzer harness: claim files as `gdcert check --validate` reads them (src/cli/check.cpp, toml++): the TOML
// parse, the ASCII-syntax guard, and the structural validation every claim passes before anything is evaluated
// (known quantity and parameters, one assertion, expected values that parse, bounded decimal exponents). Any bytes:
// the exit code is 0 (valid) or a typed error's (2..8), never 70 (an internal error), and an error is one line.
// Evaluating no quantity, it runs thousands of times faster than the `claims` harness. Built by tests/fuzz/run_fuzz.sh.
#include <algorithm>
#include <sstream>
#include <string_view>
#include <vector>

#include "cli/app.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string path = gdcert::fuzz::scratch_path("_claims_validate.toml");
  gdcert::fuzz::write_file(path, data, size);
  std::string a0 = "gdcert", a1 = "check", a2 = "--validate", a3 = path;
  std::vector<char*> argv{a0.data(), a1.data(), a2.data(), a3.data()};
  std::ostringstream out, err;
  const int code = gdcert::cli::run(static_cast<int>(argv.size()), argv.data(), out, err);
  const std::string e = err.str();
  if (code == gdcert::exit_internal || code < 0 || code > 8 || code == 1) {
    std::fprintf(stderr, "exit %d: %s\n", code, e.c_str());
    std::abort();
  }
  if (std::count(e.begin(), e.end(), '\n') > 1) {
    std::fprintf(stderr, "multi-line error: %s\n", e.c_str());
    std::abort();
  }
  if (code == 0 && out.str().find(" claims valid in 1 files") == std::string::npos) {
    std::fprintf(stderr, "valid but no count: %s\n", out.str().c_str());
    std::abort();
  }
  return 0;
}
