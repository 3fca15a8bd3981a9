// Shared helpers of the CLI tests: run the gdcert command in-process, read files, compare golden outputs.
#pragma once
#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/app.hpp"

namespace gdcert::testing {

struct Run {
  int code;
  std::string out, err;
};

inline Run gdcert_run(std::vector<std::string> args) {
  args.insert(args.begin(), "gdcert");
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  std::ostringstream out, err;
  const int code = gdcert::cli::run(static_cast<int>(argv.size()), argv.data(), out, err);
  return {code, out.str(), err.str()};
}

inline std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/** Golden files in tests/golden; GDCERT_UPDATE_GOLDEN=1 rewrites them. */
inline void check_golden(const std::string& name, const std::string& got) {
  const std::string path = std::string(GDCERT_GOLDEN_DIR) + "/" + name;
  if (std::getenv("GDCERT_UPDATE_GOLDEN")) {
    std::ofstream(path) << got;
    return;
  }
  CAPTURE(name);
  CHECK(got == read_file(path));
}

}  // namespace gdcert::testing
