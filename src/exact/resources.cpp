#include "exact/resources.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <optional>
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
/** The first unsigned integer of a file, or nullopt ("max", missing, unreadable). */
std::optional<std::uint64_t> read_u64(const std::string& path) {
  std::ifstream in(path);
  std::string word;
  if (!(in >> word) || word.empty() || !std::isdigit(static_cast<unsigned char>(word[0]))) return std::nullopt;
  try {
    return std::stoull(word);
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

/**
 * Room left under the memory limits of this process's cgroup and its ancestors (v2: memory.max - memory.current;
 * v1: memory.limit_in_bytes - memory.usage_in_bytes), the smallest; nullopt when no limit is set or readable.
 */
std::optional<std::uint64_t> cgroup_room() {
  std::ifstream in("/proc/self/cgroup");
  std::string line;
  std::optional<std::uint64_t> room;
  auto consider = [&room](const std::string& dir, const char* limit_file, const char* usage_file) {
    for (std::string d = dir;;) {
      const auto limit = read_u64(d + "/" + limit_file);
      if (limit && *limit < (std::uint64_t{1} << 60)) {
        const std::uint64_t used = read_u64(d + "/" + usage_file).value_or(0);
        const std::uint64_t r = *limit > used ? *limit - used : 0;
        if (!room || r < *room) room = r;
      }
      const std::size_t slash = d.find_last_of('/');
      if (slash == std::string::npos || d.size() <= std::string("/sys/fs/cgroup/memory").size()) break;
      d = d.substr(0, slash);
    }
  };
  while (std::getline(in, line)) {
    const std::size_t a = line.find(':'), b = a == std::string::npos ? a : line.find(':', a + 1);
    if (b == std::string::npos) continue;
    const std::string controllers = line.substr(a + 1, b - a - 1), path = line.substr(b + 1);
    if (controllers.empty()) {  // v2
      consider("/sys/fs/cgroup" + (path == "/" ? std::string() : path), "memory.max", "memory.current");
    } else if (controllers.find("memory") != std::string::npos) {  // v1
      consider("/sys/fs/cgroup/memory" + (path == "/" ? std::string() : path), "memory.limit_in_bytes",
               "memory.usage_in_bytes");
    }
  }
  return room;
}

/** Room left under RLIMIT_AS (minus the current address space) and RLIMIT_DATA; nullopt when both are unlimited. */
std::optional<std::uint64_t> rlimit_room() {
  std::optional<std::uint64_t> room;
  std::uint64_t vsize = 0;
  {
    std::ifstream statm("/proc/self/statm");
    std::uint64_t pages = 0;
    if (statm >> pages) vsize = pages * static_cast<std::uint64_t>(sysconf(_SC_PAGE_SIZE));
  }
  for (int which : {RLIMIT_AS, RLIMIT_DATA}) {
    struct rlimit rl {};
    if (getrlimit(which, &rl) != 0 || rl.rlim_cur == RLIM_INFINITY) continue;
    const auto cur = static_cast<std::uint64_t>(rl.rlim_cur);
    const std::uint64_t r = cur > vsize ? cur - vsize : 0;
    if (!room || r < *room) room = r;
  }
  return room;
}
}  // namespace

namespace {
/** MemAvailable (or physical memory) lowered to the rlimit and cgroup room: read from /proc and /sys. */
std::uint64_t system_memory_room() {
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
  // The process's own limits, when lower: an rlimit (ulimit -v / -d) or a cgroup (a container, systemd-run -p MemoryMax).
  for (const auto& room : {rlimit_room(), cgroup_room()})
    if (room && (avail == 0 || *room < avail)) avail = *room;
  return avail;
}
}  // namespace

std::uint64_t memory_budget_bytes() {
  // The system's figures are read at most every 50 ms (about ten small files under /proc and /sys): a sweep or a
  // fuzzer calls this per point. GDCERT_MAX_MEMORY is read every time.
  static std::mutex mu;
  static std::chrono::steady_clock::time_point when{};
  static std::uint64_t cached = 0;
  std::uint64_t avail;
  {
    const std::lock_guard<std::mutex> lock(mu);
    const auto now = std::chrono::steady_clock::now();
    if (cached == 0 || now - when > std::chrono::milliseconds(50)) {
      cached = system_memory_room();
      when = now;
    }
    avail = cached;
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
    throw resource_error(fmt::format("{}: requires {} of memory, only {} available (MemAvailable, capped by the "
                                     "process's rlimit and cgroup limit and by GDCERT_MAX_MEMORY); use a smaller n",
                                     what, format_bytes(needed), format_bytes(static_cast<long double>(budget))));
}

}  // namespace gdcert

#include "exact/flint.hpp"

namespace gdcert {
void release_library_caches() { flint_cleanup_master(); }

namespace {
// GMP, MPFR and FLINT abort the process when an allocation fails (a C library cannot throw through its own frames).
// These replacements turn that into the resource error's exit code and one line on stderr. write(2) and _exit(2) are
// async-signal-safe and allocate nothing.
[[noreturn]] void out_of_memory(const char* lib, std::size_t bytes) {
  char buf[200];
  const int len = std::snprintf(buf, sizeof buf,
                                "gdcert: error: out of memory: %s could not allocate %zu bytes (the computation is "
                                "too large for the memory available; lower the size or the precision)\n",
                                lib, bytes);
  if (len > 0) [[maybe_unused]] auto w = ::write(2, buf, static_cast<std::size_t>(len));
  ::_exit(resource_error("").exit_code());
}
void* gmp_alloc(std::size_t n) {
  void* p = std::malloc(n);
  if (!p && n) out_of_memory("GMP/MPFR", n);
  return p;
}
void* gmp_realloc(void* p, std::size_t, std::size_t n) {
  void* q = std::realloc(p, n);
  if (!q && n) out_of_memory("GMP/MPFR", n);
  return q;
}
void gmp_free(void* p, std::size_t) { std::free(p); }
void* flint_alloc(std::size_t n) {
  void* p = std::malloc(n);
  if (!p && n) out_of_memory("FLINT/Arb", n);
  return p;
}
void* flint_calloc_(std::size_t k, std::size_t n) {
  void* p = std::calloc(k, n);
  if (!p && k && n) out_of_memory("FLINT/Arb", k * n);
  return p;
}
void* flint_realloc_(void* p, std::size_t n) {
  void* q = std::realloc(p, n);
  if (!q && n) out_of_memory("FLINT/Arb", n);
  return q;
}
FLINT_NORETURN void flint_aborted() {  // the attribute (part of the type for clang) that flint_set_abort expects
  static const char msg[] = "gdcert: internal error: FLINT/Arb aborted (an internal limit of the library was hit)\n";
  [[maybe_unused]] auto w = ::write(2, msg, sizeof msg - 1);
  ::_exit(exit_internal);
}
}  // namespace

void install_allocation_failure_handlers() {
  mp_set_memory_functions(gmp_alloc, gmp_realloc, gmp_free);
  __flint_set_memory_functions(flint_alloc, flint_calloc_, flint_realloc_, std::free);
  flint_set_abort(flint_aborted);
}
}  // namespace gdcert
