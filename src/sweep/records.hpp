// Sweep records: one JSON object per line (JSONL), appended atomically, read back tolerating a torn last line,
// sharded and merged.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "exact/errors.hpp"

namespace gdcert::sweep {

/** Records are missing or duplicated (gdcert merge): exit code 8. */
class incomplete_error : public error {
 public:
  using error::error;
  int exit_code() const noexcept override { return 8; }
};

/** Shard i of N (0 <= i < N): the points whose id satisfies id % N == i. */
struct Shard {
  std::uint64_t index = 0, count = 1;
  bool contains(std::uint64_t id) const { return id % count == index; }
};

/** Parses "i/N" with 0 <= i < N <= 10^6; usage_error naming the text otherwise. */
Shard parse_shard(const std::string& text);

/**
 * Appends one record to a JSONL file opened with O_APPEND: the whole line in one write() call, then fsync, so a
 * process killed at any moment leaves either the complete line or (at worst, on a short write) a torn last line
 * that read_records(repair) removes; never a duplicate.
 */
class RecordWriter {
 public:
  /**
   * Opens (creating) `path` for appending and takes an exclusive lock on it (flock) for the writer's lifetime, so
   * two sweeps never append to one file. Errors: resource_error if it cannot open; input_error at once when another
   * process holds the lock.
   */
  explicit RecordWriter(const std::string& path);
  RecordWriter(const RecordWriter&) = delete;
  RecordWriter& operator=(const RecordWriter&) = delete;
  ~RecordWriter();
  /** Writes `line` + '\n' and syncs it to disk; resource_error on failure (disk full). */
  void append(const std::string& line);

 private:
  int fd_ = -1;
  std::string path_;
};

/** More points than a manifest may declare (read_manifest's cap): a record claiming more is refused. */
inline constexpr std::uint64_t kMaxPoints = 10'000'000;

/**
 * The id, points total and manifest fingerprint of a record line. input_error unless the line is a whole record:
 * integer "id" < "points" <= kMaxPoints, string "manifest", integer "exit", and "result" or "output" (exit 0) or
 * "error" (exit != 0) — a bare head without its result is not a finished point.
 */
struct RecordHead {
  std::uint64_t id, points;
  std::string manifest;
};
RecordHead record_head(const std::string& line, const std::string& where);

/** One record line: its head and its text (without the newline); `where` is "file:line". */
struct RecordLine {
  RecordHead head;
  std::string text;
  std::string where;
};

/**
 * Reads the records of a JSONL file (missing file: none). A last line without its newline is torn (a run killed
 * in a write): with `repair` the file is truncated to its last complete line and `torn` is set; without, it is an
 * input_error. A complete line that is not a whole record (record_head) is an input_error (line number).
 * Repair truncates only a record file: every complete line a record (of `manifest`, when non-empty) and the torn
 * text a prefix of a record line ({"id":...); anything else is refused with an input_error and left untouched.
 * The file is read by read_text_file (exact/files.hpp): not a regular file, or larger than 4 GiB, is refused before reading.
 */
std::vector<RecordLine> read_records(const std::string& path, bool repair, bool* torn = nullptr,
                                     const std::string& manifest = "");

/**
 * read_records on text already read, without touching any file: `path` names it in messages; with `repair`, a torn
 * record line is accepted and *keep set to the length the file must be cut to (the text's length when nothing is
 * torn).
 */
std::vector<RecordLine> parse_records(std::string_view text, const std::string& path, bool repair, std::size_t* keep,
                                      const std::string& manifest = "");

/** The ids of records whose exit code is not 0 (failed points), in file order. */
std::vector<std::uint64_t> failed_ids(const std::vector<std::string>& lines);

/**
 * Merges record files: checks that all come from one manifest (same fingerprint and point count, or the given
 * `expected_fingerprint` when non-empty), that no id appears twice and that every id 0..points-1 is present;
 * returns the lines sorted by id.
 * Errors: input_error (unreadable/malformed/torn file, different manifests), incomplete_error (exit 8) naming the
 * first missing or duplicated ids.
 */
std::vector<std::string> merge_records(const std::vector<std::string>& inputs, const std::string& expected_fingerprint,
                                       std::uint64_t expected_points);

/**
 * Record lines flattened into one CSV (for pandas): columns id, param_<name>..., seed, exit, then for a verb's
 * records one row per table row (table, row, one column per table column under its machine key), for a quantity's
 * one row per point (quantity, value or value_<k>); a number as a decimal (17 significant digits) with `<key>_exact`
 * ("p/q"), `<key>_mid`/`<key>_rad` (balls) or `<key>_stderr`/`<key>_samples` (floats) beside it; failed points
 * with their error; empty fields where a row has no such column. Errors: input_error for a line that is not JSON.
 */
std::string records_to_csv(const std::vector<std::string>& lines);

}  // namespace gdcert::sweep
