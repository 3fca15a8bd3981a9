// libFuzzer harness: sweep manifests (src/sweep/manifest.cpp). Any bytes as a manifest's text: parse_manifest (what
// read_manifest runs on the file it read) accepts it or refuses it with a typed error (input_error, resource_error
// beyond 10^7 points); for an accepted manifest every point's argument vector and parameters can be formed.
// Built and run by tests/fuzz/run_fuzz.sh.
#include <algorithm>

#include "fuzz_support.hpp"
#include "sweep/manifest.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  gdcert::fuzz::expect_typed_errors([&] {
    const gdcert::sweep::Manifest m = gdcert::sweep::parse_manifest(text, "fuzz.toml");
    if (m.verb.empty() == m.quantity.empty()) std::abort();  // exactly one of verb, quantity
    const std::size_t shown = std::min<std::size_t>(m.points.size(), 64);
    for (std::size_t i = 0; i < shown; ++i) {
      if (!m.verb.empty()) (void)m.argv(m.points[i]);
      else (void)m.parameters(m.points[i]);
    }
  });
  return 0;
}
