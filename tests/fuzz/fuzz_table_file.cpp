// libFuzzer harness: truth-table files (`file:PATH` specs, src/boolean/spec.cpp). Any bytes as the file's text:
// parse_table_file_text (what file: runs on the text it read) gives a function or refuses with an input_error or a
// resource_error (GDCERT_MAX_MEMORY=1M keeps sizes small); an accepted table, written back as a `table:` spec in
// its canonical value list, parses to the same function. Built and run by tests/fuzz/run_fuzz.sh.
#include "boolean/spec.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  setenv("GDCERT_MAX_MEMORY", "1M", 1);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  gdcert::fuzz::expect_typed_errors([&] {
    const gdcert::boolean::CubeFunction f = gdcert::boolean::parse_table_file_text(text);
    if (f.size() < 2) return;  // one entry: "table:1" would read as a bit string (-1), not a value list
    std::string list = "table:";
    for (std::uint64_t i = 0; i < f.size(); ++i) list += (i ? "," : "") + f.value(i).str();
    if (!(gdcert::boolean::parse_spec(list, 1).function == f)) std::abort();
  });
  return 0;
}
