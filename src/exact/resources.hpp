// Refusing sizes beyond memory before allocating.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace gdcert {

/**
 * Bytes this process may allocate for one computation: MemAvailable from /proc/meminfo (or physical memory),
 * capped by the environment variable GDCERT_MAX_MEMORY if set (bytes, or with a K/M/G suffix).
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
}  // namespace gdcert
