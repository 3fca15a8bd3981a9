#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>

#include "cli/app.hpp"
#include "exact/errors.hpp"
#include "exact/resources.hpp"

int main(int argc, char** argv) {
  gdcert::install_allocation_failure_handlers();
  int code = gdcert::cli::run(argc, argv, std::cout, std::cerr);
  gdcert::release_library_caches();
  // A failed write to standard output (a full disk, a closed pipe's EIO) is an error, not a silent exit 0: the
  // stream's state and the final flush of the C stdio buffer under it both count.
  errno = 0;
  std::cout.flush();
  const bool failed = !std::cout.good() || std::fflush(stdout) != 0 || std::ferror(stdout) != 0;
  if (failed && code == 0) {
    const int e = errno;
    std::cerr << "gdcert: error: writing to standard output failed" << (e != 0 ? std::string(": ") + std::strerror(e) : "")
              << "\n";
    code = gdcert::resource_error("").exit_code();
  }
  return code;
}
