// Pieces of the sweep runner shared by the serial and the MPI backends (not part of the public API).
#pragma once
#include <chrono>
#include <string>
#include <vector>

#include "sweep/runner.hpp"

namespace gdcert::sweep {

/**
 * The shard's points not yet recorded in opt.out, in id order; fills s.in_shard, s.skipped, s.repaired.
 * With resume, repairs a torn last line and rejects records of another manifest; without, rejects a non-empty
 * opt.out. Creates opt.out's directory.
 */
std::vector<const Point*> pending_points(const Manifest& m, const SweepOptions& opt, SweepSummary& s);

/** Writes "\r[k/n] point id (t s)" to opt.progress when set. */
void show_progress(const SweepOptions& opt, const SweepSummary& s, std::uint64_t point_id,
                   std::chrono::steady_clock::time_point t0);

/** Counts a record written (ran, and failed when its exit code is not 0). */
void count_record(const std::string& line, SweepSummary& s);

}  // namespace gdcert::sweep
