// Refusing sizes beyond memory before allocating.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace gdcert {

/**
 * Bytes this process may allocate for one computation: MemAvailable from /proc/meminfo (or physical memory),
 * lowered to the room under the process's rlimits (RLIMIT_AS minus the current address space, RLIMIT_DATA) and
 * under its cgroup's memory limit (v1 or v2, every ancestor), and capped by the environment variable
 * GDCERT_MAX_MEMORY if set (bytes, or with a K/M/G/T suffix; parsed strictly: usage_error otherwise).
 */
std::uint64_t memory_budget_bytes();

/** "1.50 GiB" style text. */
std::string format_bytes(long double bytes);

/**
 * Throws resource_error "<what>: requires <needed> of memory, only <budget> available (...)" when
 * needed_bytes exceeds memory_budget_bytes(). Call before allocating.
 */
void require_memory(long double needed_bytes, std::string_view what);

}  // namespace gdcert

namespace gdcert {
/** Frees FLINT's and Arb's caches (mpz pool, constants) so leak checkers see a clean exit. Call at the end of main. */
void release_library_caches();

/**
 * Makes an allocation failure inside GMP, MPFR, FLINT or Arb end the process with the resource error's exit code (7)
 * and one line on stderr instead of abort() (exit 134), and a FLINT abort end it with the internal error's code (70).
 * For programs (the gdcert command line) only: a library host such as Python keeps the libraries' defaults. Call once
 * at the start of main, before any GMP/FLINT object exists.
 */
void install_allocation_failure_handlers();
}  // namespace gdcert
