// Runs the points of a sweep manifest in-process, one JSONL record per point, with sharding and resume. The verbs
// belong to the front end (the gdcert command): it hands the sweep a VerbRunner, so this folder never depends on it.
#pragma once
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <optional>
#include <set>
#include <string>

#include "sweep/manifest.hpp"
#include "sweep/records.hpp"

namespace gdcert::sweep {

/** How a sweep runs a verb, supplied by the front end that owns the verbs (cli::verb_runner()). */
struct VerbRunner {
  /** The verb's long option names ("--json", ...), or nullopt when there is no such verb. */
  std::function<std::optional<std::vector<std::string>>(const std::string& verb)> options;
  /** Runs argv (without the program name); returns the exit code, fills out and err. */
  std::function<int(const std::vector<std::string>& argv, std::string& out, std::string& err)> run;
};

/** What a verb accepts: its long option names (e.g. "--json", "--seed"), and how to run it. */
struct VerbInfo {
  std::string verb;
  std::set<std::string> options;
  VerbRunner runner;
};

/** The options of `verb`; input_error "unknown verb" when the runner has no such verb. */
VerbInfo verb_info(const std::string& verb, const VerbRunner& runner);

/** A quantity sweep's counterpart of verb_info: the parameter names its registry entry lists (and "seed"). */
VerbInfo quantity_info(const std::string& quantity);

/** verb_info or quantity_info, whichever the manifest sweeps. */
VerbInfo manifest_info(const Manifest& m, const VerbRunner& runner);

/**
 * Checks that every fixed option and every axis that becomes an option is an option of the verb (input_error
 * naming the axis and the verb otherwise).
 */
void validate_manifest(const Manifest& m, const VerbInfo& info);

/** The full argument vector of a point: the verb's argv plus --json and --seed <derived> when the verb has them. */
std::vector<std::string> point_argv(const Manifest& m, const VerbInfo& info, const Point& p);

/**
 * Runs one point and returns its record (one line of JSON, no newline):
 *   {"id", "params", "seed", "argv", "exit", "result" (the verb's JSON without its "time") | "output" (text),
 *    "error" (stderr, when exit != 0), "points", "manifest"}.
 * A quantity sweep's record has "quantity" and "parameters" instead of "argv", and "result" is
 *   {"quantity", "parameters" (defaults filled in), "values": [{"kind", "value", ..., "formula", "tag", "source"}]}.
 * Guarantee: the same (manifest, point) gives the same bytes in any process, order or shard.
 */
std::string run_point(const Manifest& m, const VerbInfo& info, const Point& p);

struct SweepOptions {
  std::string out;      // JSONL file (appended)
  Shard shard;          // default 0/1
  bool resume = false;  // skip ids already in `out` (repairing a torn last line)
  std::ostream* progress = nullptr;  // progress lines ("\r[k/n] ...") when non-null
  VerbRunner runner;                 // runs the manifest's verb (required)
};

struct SweepSummary {
  std::uint64_t in_shard = 0, skipped = 0, ran = 0, failed = 0;
  bool repaired = false;
  double seconds = 0;
  int ranks = 1;      // MPI ranks that computed points (1 for the serial run)
  bool root = true;   // false on MPI ranks other than 0 (they write nothing and print nothing)
};

/**
 * Runs the shard's points in id order, appending one record per point to opt.out (RecordWriter: atomic lines).
 * Errors: opt.out non-empty without resume (input_error); records in opt.out from another manifest (input_error).
 */
SweepSummary run_sweep(const Manifest& m, const SweepOptions& opt);

/** True when gdcert was built with the MPI backend (cmake -DGDCERT_WITH_MPI=ON). */
bool mpi_available();

/**
 * The MPI backend (call from every rank of `mpirun -np R gdcert sweep ... --mpi`): rank 0 reads the manifest's
 * records (resume) and hands the shard's remaining points out round-robin (k-th remaining point to rank k % R, rank 0
 * included); the other ranks send each record to rank 0, which appends them in point-id order.
 * Guarantee: the file written equals the serial run's byte for byte (same records, same order).
 * Errors: as run_sweep; an error on any rank is printed with its rank and aborts the job (MPI_Abort with the
 * error's exit code). Built without MPI: usage_error.
 */
SweepSummary run_sweep_mpi(const Manifest& m, const SweepOptions& opt);

}  // namespace gdcert::sweep
