#include "exact/resources.hpp"

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include <cctype>

#include "exact/errors.hpp"

namespace gdcert {

namespace {
std::uint64_t parse_size(const std::string& s) {
  // Strictly: digits, an optional fraction, an optional unit K, M, G or T (binary), nothing else; positive and below
  // 2^62 bytes. "nan", "inf", "1e400", "100MB" and "1G junk" are refused.
  auto bad = [&s] { return usage_error("GDCERT_MAX_MEMORY: requires a size such as 2G, 512M or 1.5G, got \"" + s + "\""); };
  std::size_t i = 0;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
  if (i == 0) throw bad();
  if (i < s.size() && s[i] == '.') {
    ++i;
    const std::size_t start = i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
    if (i == start) throw bad();
  }
  const std::string number = s.substr(0, i);
  long double mult = 1;
  if (i < s.size()) {
    switch (s[i]) {
      case 'k': case 'K': mult = 1024.0L; break;
      case 'm': case 'M': mult = 1024.0L * 1024; break;
      case 'g': case 'G': mult = 1024.0L * 1024 * 1024; break;
      case 't': case 'T': mult = 1024.0L * 1024 * 1024 * 1024; break;
      default: throw bad();
    }
    ++i;
  }
  if (i != s.size() || number.size() > 30) throw bad();
  const long double v = std::strtold(number.c_str(), nullptr) * mult;
  if (!(v >= 1) || v > 4.0e18L) throw bad();
  return static_cast<std::uint64_t>(v);
}
}  // namespace

std::uint64_t memory_budget_bytes() {
  std::uint64_t avail = 0;
  std::ifstream in("/proc/meminfo");
  std::string key;
  std::uint64_t kb = 0;
  std::string unit;
  while (in >> key >> kb >> unit)
    if (key == "MemAvailable:") {
      avail = kb * 1024;
      break;
    }
  if (avail == 0) {
    const long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGE_SIZE);
    if (pages > 0 && page > 0) avail = static_cast<std::uint64_t>(pages) * static_cast<std::uint64_t>(page);
  }
  if (const char* cap = std::getenv("GDCERT_MAX_MEMORY")) {
    const std::uint64_t c = parse_size(cap);
    if (avail == 0 || c < avail) avail = c;
  }
  return avail;
}

std::string format_bytes(long double b) {
  const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
  int u = 0;
  while (b >= 1024 && u < 6) {
    b /= 1024;
    ++u;
  }
  return fmt::format("{:.2f} {}", static_cast<double>(b), units[u]);
}

void require_memory(long double needed, std::string_view what) {
  const std::uint64_t budget = memory_budget_bytes();
  if (needed > static_cast<long double>(budget))
    throw resource_error(fmt::format("{}: requires {} of memory, only {} available (MemAvailable, capped by "
                                     "GDCERT_MAX_MEMORY); use a smaller n",
                                     what, format_bytes(needed), format_bytes(static_cast<long double>(budget))));
}

}  // namespace gdcert

#include "exact/flint.hpp"

namespace gdcert {
void release_library_caches() { flint_cleanup_master(); }
}  // namespace gdcert
