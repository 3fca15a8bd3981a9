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
#include <sstream>
#include <string>
#include <utility>

#include "cli/check.hpp"

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

/**
 * The bytes written to a scratch claim file and run through gdcert check's runner (cli::run_check), with validate as
 * `--validate`: returns the exit code (0, 1 for failed claims, or a typed error's) and its printed output; any other
 * exception (exit 70 on the command line) or an exit code outside 0..8 aborts.
 */
inline std::pair<int, std::string> check_claims(const std::uint8_t* data, std::size_t size, const char* suffix,
                                                bool validate) {
  static const std::string path = scratch_path(suffix);
  write_file(path, data, size);
  cli::CheckOptions o;
  o.dir = path;
  o.validate = validate;
  std::ostringstream out;
  int code = 0;
  try {
    code = cli::run_check(o, out, "gdcert check");
  } catch (const gdcert::error& x) {
    code = x.exit_code();
  } catch (const std::exception& x) {
    std::fprintf(stderr, "untyped exception (exit 70): %s\n", x.what());
    std::abort();
  }
  if (code < 0 || code > 8) {
    std::fprintf(stderr, "exit %d\n", code);
    std::abort();
  }
  return {code, out.str()};
}

}  // namespace gdcert::fuzz
