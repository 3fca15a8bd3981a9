// libFuzzer harness: claim files of `gdcert check` (src/cli/check.cpp, toml++). Any bytes as a .toml claim file run
// through the real command line: the exit code is one of gdcert's (0 pass, 1 failed claims, 2..8 typed errors),
// never 70 (an internal error), and an error is one line. GDCERT_MAX_MEMORY=1M keeps every evaluation small; claims
// naming simulator quantities are skipped (their run counts and step counts make run time, not correctness, the
// question). Built and run by tests/fuzz/run_fuzz.sh.
#include <algorithm>
#include <sstream>
#include <string_view>
#include <vector>

#include "cli/app.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  setenv("GDCERT_MAX_MEMORY", "1M", 1);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (text.find("sim.") != std::string_view::npos || text.find("radial") != std::string_view::npos) return 0;
  static const std::string path = gdcert::fuzz::scratch_path("_claims.toml");
  gdcert::fuzz::write_file(path, data, size);
  std::string a0 = "gdcert", a1 = "check", a2 = path;
  std::vector<char*> argv{a0.data(), a1.data(), a2.data()};
  std::ostringstream out, err;
  const int code = gdcert::cli::run(static_cast<int>(argv.size()), argv.data(), out, err);
  const std::string e = err.str();
  if (code == gdcert::exit_internal || code < 0 || code > 8) {
    std::fprintf(stderr, "exit %d: %s\n", code, e.c_str());
    std::abort();
  }
  if (std::count(e.begin(), e.end(), '\n') > 1) {
    std::fprintf(stderr, "multi-line error: %s\n", e.c_str());
    std::abort();
  }
  return 0;
}
