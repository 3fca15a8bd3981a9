// libFuzzer harness for the function-spec grammar (src/boolean/spec.cpp); built and run by
// tests/fuzz/run_fuzz.sh spec with clang (-fsanitize=fuzzer,address,undefined).  The property is the one of
// the fixed-seed mutation test in tests/test_boolean.cpp: a spec either parses — and its canonical form parses
// to the same function and the same canonical form — or fails with an input_error or a resource_error.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "boolean/spec.hpp"
#include "exact/errors.hpp"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  setenv("GDCERT_MAX_MEMORY", "1M", 1);  // sizes stay small; larger ones must be refused, not allocated
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view spec(reinterpret_cast<const char*>(data), size);
  if (spec.find("file:") != std::string_view::npos) return 0;  // would read arbitrary paths (also as a quoted leaf)
  try {
    const auto p = gdcert::boolean::parse_spec(spec, 1);
    const auto q = gdcert::boolean::parse_spec(p.canonical, 1);
    if (q.canonical != p.canonical || !(q.function == p.function)) std::abort();
  } catch (const gdcert::input_error&) {
  } catch (const gdcert::resource_error&) {
  }
  return 0;
}
