// Shared by the libFuzzer harnesses of tests/fuzz: the input written to a private scratch file (the parsers under test
// read files, with their type and size checks), and the property every harness asserts — a parser either accepts its
// input or refuses it with one of gdcert's typed errors; any other exception (a bug, exit 70) aborts the run so
// libFuzzer records the input.
#pragma once
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <cstdio>
#include <exception>
#include <fstream>
#include <string>

#include "exact/errors.hpp"

namespace gdcert::fuzz {

/** A per-process scratch path under TMPDIR (or /tmp) with the given suffix. */
inline std::string scratch_path(const char* suffix) {
  const char* dir = std::getenv("TMPDIR");
  return std::string(dir && *dir ? dir : "/tmp") + "/gdcert_fuzz_" + std::to_string(::getpid()) + suffix;
}

inline void write_file(const std::string& path, const std::uint8_t* data, std::size_t size) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
}

/** Runs f; a gdcert::error is an accepted refusal, anything else aborts (libFuzzer keeps the input). */
template <class F>
void expect_typed_errors(F&& f) {
  try {
    f();
  } catch (const gdcert::error&) {
  } catch (const std::exception& e) {
    std::fprintf(stderr, "untyped exception: %s\n", e.what());
    std::abort();
  }
}

}  // namespace gdcert::fuzz
