// libFuzzer harness: claim files of `gdcert check` (src/cli/check.cpp, toml++). Any bytes as a .toml claim file run
// through `gdcert check`'s runner (cli::run_check): the result is one of gdcert's (0 pass, 1 failed claims, 2..8 typed
// errors), never another exception (exit 70). GDCERT_MAX_MEMORY=1M keeps every evaluation small; claims
// naming simulator quantities are skipped (their run counts and step counts make run time, not correctness, the
// question). Built and run by tests/fuzz/run_fuzz.sh.
#include <string_view>

#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  setenv("GDCERT_MAX_MEMORY", "1M", 1);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (text.find("sim.") != std::string_view::npos || text.find("radial") != std::string_view::npos) return 0;
  (void)gdcert::fuzz::check_claims(data, size, "_claims.toml", false);
  return 0;
}
