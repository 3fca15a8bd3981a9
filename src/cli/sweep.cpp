// gdcert sweep MANIFEST --out FILE [--shard i/N] [--resume] [--mpi]: runs a parameter sweep, one JSONL record per point.
// gdcert merge OUT IN...: combines shard files, checks completeness and duplicates, sorts by point id.
#include <unistd.h>

#include <algorithm>
#include <memory>
#include <ostream>

#include <fmt/format.h>

#include "cli/app.hpp"
#include "cli/common.hpp"
#include "sweep/manifest.hpp"
#include "sweep/records.hpp"
#include "sweep/runner.hpp"

namespace gdcert::cli {

namespace {

struct SweepCliOptions {
  std::string manifest, out, shard = "0/1", csv;
  bool resume = false, dry_run = false, mpi = false;
};

struct MergeCliOptions {
  std::string out, manifest, csv;
  std::vector<std::string> inputs;
};

}  // namespace

void add_sweep(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<SweepCliOptions>();
  CLI::App* sub = app.add_subcommand("sweep", "run a parameter sweep of any verb from a TOML manifest, one JSONL record per point");
  sub->add_option("manifest", o->manifest, "TOML manifest (verb, seed, args, options, [grid] or [[points]])")->required();
  sub->add_option("--out", o->out, "JSONL file the records are appended to");
  sub->add_option("--shard", o->shard, "run the i-th of N disjoint slices (ids with id % N == i), 0 <= i < N")->capture_default_str();
  sub->add_flag("--resume", o->resume, "skip point ids already recorded in --out (repairs a torn last line)");
  sub->add_flag("--dry-run", o->dry_run, "list the shard's points and command lines without running them");
  sub->add_option("--csv", o->csv, "also write every record of --out flattened into one CSV FILE (machine keys, for pandas)");
  sub->add_flag("--mpi", o->mpi,
                sweep::mpi_available() ? "distribute the points over MPI ranks (run under mpirun; rank 0 writes --out)"
                                       : "distribute the points over MPI ranks (not in this build: cmake -DGDCERT_WITH_MPI=ON)");
  sub->callback([&ctx, o] {
    ctx.action = [&ctx, o] {
      const sweep::Shard shard = sweep::parse_shard(o->shard);
      if (!o->dry_run && o->out.empty()) throw usage_error("sweep: requires --out FILE (records are appended there)");
      const sweep::Manifest m = sweep::read_manifest(o->manifest);
      if (o->dry_run) {
        const sweep::VerbInfo info = sweep::manifest_info(m, verb_runner());
        sweep::validate_manifest(m, info);
        for (const auto& p : m.points) {
          if (!shard.contains(p.id)) continue;
          std::string line = std::to_string(p.id) + ":";
          if (m.quantity.empty())
            for (const auto& a : sweep::point_argv(m, info, p)) line += " " + a;
          else
            for (const auto& [k, v] : m.parameters(p)) line += " " + k + "=" + v;
          *ctx.out << line << "\n";
        }
        return 0;
      }
      sweep::SweepOptions so;
      so.out = o->out;
      so.shard = shard;
      so.resume = o->resume;
      so.runner = verb_runner();
      if (isatty(STDERR_FILENO) && ctx.err) so.progress = ctx.err;
      const sweep::SweepSummary s = o->mpi ? sweep::run_sweep_mpi(m, so) : sweep::run_sweep(m, so);
      if (!s.root) return 0;
      if (!o->csv.empty()) {
        std::vector<std::string> lines;
        for (const auto& r : sweep::read_records(o->out, false)) lines.push_back(r.text);
        std::stable_sort(lines.begin(), lines.end(), [](const std::string& a, const std::string& b) {
          return sweep::record_head(a, "").id < sweep::record_head(b, "").id;
        });
        write_file_atomically(o->csv, sweep::records_to_csv(lines));
      }
      *ctx.out << fmt::format("sweep: shard {}/{} of {} ({} points): {} run, {} already recorded, {} failed{}; {:.2f} s{}{} -> {}\n",
                              shard.index, shard.count, m.path, s.in_shard, s.ran, s.skipped, s.failed,
                              s.repaired ? ", torn last line repaired" : "", s.seconds,
                              s.ran ? fmt::format(" ({:.1f} ms/point)", 1000 * s.seconds / static_cast<double>(s.ran)) : "",
                              s.ranks > 1 ? fmt::format(" on {} MPI ranks", s.ranks) : "", o->out);
      return s.failed ? exit_check_failed : 0;
    };
  });
}

void add_merge(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<MergeCliOptions>();
  CLI::App* sub = app.add_subcommand("merge", "merge sweep record files: completeness and duplicate checks, sorted by point id");
  sub->add_option("out", o->out, "merged JSONL file (written atomically; - for standard output)")->required();
  sub->add_option("inputs", o->inputs, "record files (shards)")->required();
  sub->add_option("--manifest", o->manifest, "check against this manifest (else against the records' own point count)");
  sub->add_option("--csv", o->csv, "also write the merged records flattened into one CSV FILE (machine keys, for pandas)");
  sub->callback([&ctx, o] {
    ctx.action = [&ctx, o] {
      std::string fingerprint;
      std::uint64_t points = 0;
      if (!o->manifest.empty()) {
        const sweep::Manifest m = sweep::read_manifest(o->manifest);
        fingerprint = m.fingerprint;
        points = m.points.size();
      }
      if (o->out == "-" && o->csv == "-") throw usage_error("merge: at most one of OUT and --csv can be \"-\" (standard output)");
      const auto lines = sweep::merge_records(o->inputs, fingerprint, points);
      std::string text;
      for (const auto& l : lines) text += l + "\n";
      // "-" is standard output, as for --out everywhere: the records (or the CSV) alone, without the summary line
      if (o->out == "-") *ctx.out << text;
      else write_file_atomically(o->out, text);
      if (o->csv == "-") *ctx.out << sweep::records_to_csv(lines);
      else if (!o->csv.empty()) write_file_atomically(o->csv, sweep::records_to_csv(lines));
      if (o->out == "-" || o->csv == "-") return 0;
      const auto failed = sweep::failed_ids(lines);
      std::string ids;
      for (std::size_t i = 0; i < failed.size() && i < 10; ++i) ids += (i ? ", " : "") + std::to_string(failed[i]);
      if (failed.size() > 10) ids += ", ...";
      *ctx.out << fmt::format("merge: {} records from {} file(s), complete, no duplicates{} -> {}\n", lines.size(),
                              o->inputs.size(),
                              failed.empty() ? "" : fmt::format("; {} failed point(s): ids {}", failed.size(), ids), o->out);
      return 0;
    };
  });
}

}  // namespace gdcert::cli
