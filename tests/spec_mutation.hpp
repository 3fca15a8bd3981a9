// Shared by the spec-grammar tests (test_boolean, test_boolean_ops): a fixed-seed mutation run over seed specs.
// Every mutated spec either parses — and then its canonical form parses to the same function and the same canonical
// form — or fails with an input_error or a resource_error; anything else (another exception, a crash under the
// sanitizer build) fails the test. The same property runs open-ended under libFuzzer (tests/fuzz/fuzz_spec.cpp).
#pragma once
#include <doctest/doctest.h>

#include <cstddef>
#include <cstdlib>
#include <string>
#include <vector>

#include "boolean/spec.hpp"
#include "exact/errors.hpp"
#include "exact/rng.hpp"

namespace gdcert::testing {

struct SpecMutation {
  std::vector<std::string> seeds;
  std::string alphabet;         // the characters inserted and substituted
  std::uint64_t seed = 1;       // of the Rng
  int trials = 10000;
  int max_edits = 4;            // 1..max_edits edits per trial
  bool raw_bytes = false;       // one character in 16 is any byte instead of one of the alphabet
  std::size_t max_repeat = 4;   // a duplicated piece is 1..max_repeat characters long
  const char* memory_cap = "128K";  // GDCERT_MAX_MEMORY during the run: mutated sizes stay small
};

struct MutationCounts {
  int parsed = 0, refused = 0;
};

/** Runs m.trials mutated specs through parse_spec (7 bits of precision) and checks the round trip of each. */
inline MutationCounts spec_mutation_round_trip(const SpecMutation& m) {
  setenv("GDCERT_MAX_MEMORY", m.memory_cap, 1);
  Rng rng(m.seed);
  MutationCounts counts;
  for (int trial = 0; trial < m.trials; ++trial) {
    std::string s = m.seeds[rng.below(m.seeds.size())];
    const int edits = 1 + static_cast<int>(rng.below(static_cast<std::uint64_t>(m.max_edits)));
    for (int e = 0; e < edits; ++e) {
      const std::size_t pos = s.empty() ? 0 : rng.below(s.size() + 1);
      const char c = m.raw_bytes && rng.below(16) == 0 ? static_cast<char>(rng.below(256))
                                                       : m.alphabet[rng.below(m.alphabet.size())];
      switch (rng.below(4)) {
        case 0: s.insert(s.begin() + static_cast<std::ptrdiff_t>(pos), c); break;
        case 1: if (pos < s.size()) s.erase(pos, 1 + rng.below(3)); break;
        case 2: if (pos < s.size()) s[pos] = c; break;
        default: if (pos < s.size()) s.insert(pos, s.substr(pos, 1 + rng.below(m.max_repeat))); break;
      }
    }
    if (s.find("file:") != std::string::npos) continue;  // would read arbitrary paths
    CAPTURE(s);
    try {
      const boolean::ParsedSpec p = boolean::parse_spec(s, 7);
      const boolean::ParsedSpec q = boolean::parse_spec(p.canonical, 7);
      CHECK(q.canonical == p.canonical);
      CHECK(q.function == p.function);
      ++counts.parsed;
    } catch (const input_error&) {
      ++counts.refused;
    } catch (const resource_error&) {
      ++counts.refused;
    }
  }
  unsetenv("GDCERT_MAX_MEMORY");
  return counts;
}

}  // namespace gdcert::testing
