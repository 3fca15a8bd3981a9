#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include "exact/resources.hpp"

int main(int argc, char** argv) {
  doctest::Context context(argc, argv);
  const int code = context.run();
  gdcert::release_library_caches();  // so valgrind reports no FLINT cache blocks
  return code;
}
