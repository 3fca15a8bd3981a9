#include <iostream>

#include "cli/app.hpp"
#include "exact/resources.hpp"

int main(int argc, char** argv) {
  gdcert::install_allocation_failure_handlers();
  const int code = gdcert::cli::run(argc, argv, std::cout, std::cerr);
  gdcert::release_library_caches();
  return code;
}
