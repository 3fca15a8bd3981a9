// The MPI backend of gdcert sweep (compiled in with cmake -DGDCERT_WITH_MPI=ON; a stub otherwise).
//
// Protocol (MPI_COMM_WORLD, R ranks): every rank parses the manifest; rank 0 computes the shard's remaining
// points (resume) and broadcasts their ids; the k-th remaining point belongs to rank k % R. Ranks other than 0 run
// their points in order and send each record (tag 1, bytes) to rank 0; rank 0 walks the remaining points in order,
// running its own and receiving the others' (messages from one sender arrive in the order sent), and appends every
// record with RecordWriter. The file is therefore the serial run's, byte for byte.
#include "sweep/runner.hpp"

#include "exact/errors.hpp"

#ifdef GDCERT_WITH_MPI
#include <mpi.h>

#include <chrono>
#include <cstdint>
#include <iostream>
#include <ostream>
#include <vector>

#include <fmt/format.h>

#include "sweep/runner_detail.hpp"
#endif

namespace gdcert::sweep {

#ifndef GDCERT_WITH_MPI

bool mpi_available() { return false; }

SweepSummary run_sweep_mpi(const Manifest&, const SweepOptions&) {
  throw usage_error("sweep --mpi: gdcert was built without MPI (configure with cmake -DGDCERT_WITH_MPI=ON)");
}

#else

namespace {

constexpr int record_tag = 1;

/** MPI_Init / MPI_Finalize for the duration of one sweep (unless the caller initialised MPI already). */
class MpiSession {
 public:
  MpiSession() {
    int initialised = 0;
    MPI_Initialized(&initialised);
    if (!initialised) {
      MPI_Init(nullptr, nullptr);
      owner_ = true;
    }
  }
  MpiSession(const MpiSession&) = delete;
  MpiSession& operator=(const MpiSession&) = delete;
  ~MpiSession() {
    if (owner_) MPI_Finalize();
  }

 private:
  bool owner_ = false;
};

void send_record(const std::string& line) {
  MPI_Send(line.data(), static_cast<int>(line.size()), MPI_CHAR, 0, record_tag, MPI_COMM_WORLD);
}

std::string receive_record(int from) {
  MPI_Status st;
  MPI_Probe(from, record_tag, MPI_COMM_WORLD, &st);
  int n = 0;
  MPI_Get_count(&st, MPI_CHAR, &n);
  std::string line(static_cast<std::size_t>(n), '\0');
  MPI_Recv(line.data(), n, MPI_CHAR, from, record_tag, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
  return line;
}

SweepSummary run_ranks(const Manifest& m, const SweepOptions& opt, int rank, int size) {
  const auto t0 = std::chrono::steady_clock::now();
  const VerbInfo info = manifest_info(m, opt.runner);
  validate_manifest(m, info);
  SweepSummary s;
  s.ranks = size;
  s.root = rank == 0;
  // Rank 0 decides which points remain; the others learn their ids by broadcast.
  std::vector<std::uint64_t> ids;
  if (rank == 0)
    for (const Point* p : pending_points(m, opt, s)) ids.push_back(p->id);
  std::uint64_t count = ids.size();
  MPI_Bcast(&count, 1, MPI_UINT64_T, 0, MPI_COMM_WORLD);
  ids.resize(count);
  MPI_Bcast(ids.data(), static_cast<int>(count), MPI_UINT64_T, 0, MPI_COMM_WORLD);
  for (const std::uint64_t id : ids)
    GDCERT_ASSERT(id < m.points.size(), "sweep --mpi: point id out of range");
  const auto owner = [size](std::size_t k) { return static_cast<int>(k % static_cast<std::size_t>(size)); };
  if (rank != 0) {
    for (std::size_t k = static_cast<std::size_t>(rank); k < ids.size(); k += static_cast<std::size_t>(size)) {
      send_record(run_point(m, info, m.points[ids[k]]));
      ++s.ran;
    }
  } else {
    RecordWriter writer(opt.out);
    for (std::size_t k = 0; k < ids.size(); ++k) {
      show_progress(opt, s, ids[k], t0);
      const std::string line = owner(k) == 0 ? run_point(m, info, m.points[ids[k]]) : receive_record(owner(k));
      writer.append(line);
      count_record(line, s);
    }
    if (opt.progress && s.in_shard > 0) *opt.progress << "\n";
  }
  s.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return s;
}

}  // namespace

bool mpi_available() { return true; }

SweepSummary run_sweep_mpi(const Manifest& m, const SweepOptions& opt) {
  MpiSession session;
  int rank = 0, size = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  SweepOptions o = opt;
  if (rank != 0) o.progress = nullptr;
  try {
    return run_ranks(m, o, rank, size);
  } catch (const gdcert::error& e) {
    // Another rank may be blocked in a receive or a broadcast: report and end the whole job.
    std::cerr << fmt::format("gdcert: error (rank {} of {}): {}\n", rank, size, e.what()) << std::flush;
    MPI_Abort(MPI_COMM_WORLD, e.exit_code());
  } catch (const std::exception& e) {
    std::cerr << fmt::format("gdcert: internal error (rank {} of {}): {}\n", rank, size, e.what()) << std::flush;
    MPI_Abort(MPI_COMM_WORLD, exit_internal);
  }
  return {};
}

#endif

}  // namespace gdcert::sweep
