// libFuzzer harness: truth-table files (`file:PATH` specs, src/boolean/spec.cpp). Any bytes as the file: the spec
// parses to a function whose canonical form parses to the same function, or is refused with an input_error or a
// resource_error (GDCERT_MAX_MEMORY=1M keeps sizes small). Built and run by tests/fuzz/run_fuzz.sh.
#include "boolean/spec.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  setenv("GDCERT_MAX_MEMORY", "1M", 1);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string path = gdcert::fuzz::scratch_path("_table.txt");
  gdcert::fuzz::write_file(path, data, size);
  gdcert::fuzz::expect_typed_errors([&] {
    const auto p = gdcert::boolean::parse_spec("file:" + path, 1);
    if (p.canonical.rfind("file:", 0) == 0) return;  // canonical form names the file
    const auto q = gdcert::boolean::parse_spec(p.canonical, 1);
    if (!(q.function == p.function)) std::abort();
  });
  return 0;
}
