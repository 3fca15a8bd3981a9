#include "sweep/records.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "exact/files.hpp"

namespace gdcert::sweep {

Shard parse_shard(const std::string& text) {
  const auto slash = text.find('/');
  auto number = [](const std::string& s, std::uint64_t& v) {
    if (s.empty() || s.size() > 7 || s.find_first_not_of("0123456789") != std::string::npos) return false;
    v = std::stoull(s);
    return true;
  };
  Shard s;
  if (slash == std::string::npos || !number(text.substr(0, slash), s.index) || !number(text.substr(slash + 1), s.count) ||
      s.count == 0 || s.count > 1'000'000 || s.index >= s.count)
    throw usage_error("--shard: requires i/N with 0 <= i < N <= 1000000, got \"" + text + "\"");
  return s;
}

RecordWriter::RecordWriter(const std::string& path) : path_(path) {
  // A dangling symbolic link: O_CREAT would create its target, wherever it points; refused (a link to an existing
  // record file is followed: records are appended to that file).
  struct stat lst {}, tst {};
  if (::lstat(path.c_str(), &lst) == 0 && S_ISLNK(lst.st_mode) && ::stat(path.c_str(), &tst) != 0)
    throw input_error("sweep: --out \"" + path + "\" is a symbolic link to a missing file; give the record file itself");
  // O_NONBLOCK: opening a FIFO for writing would otherwise wait for a reader (for ever); it is refused below as not
  // a regular file, and the flag is cleared again for the regular file.
  fd_ = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NONBLOCK, 0644);
  if (fd_ < 0 && errno == EISDIR) throw input_error("sweep: --out \"" + path + "\" is a directory; give a JSONL file name");
  if (fd_ < 0 && errno == ENXIO)
    throw input_error("sweep: --out \"" + path + "\" is not a regular file (a FIFO; records are appended to a regular JSONL file)");
  if (fd_ < 0) throw resource_error("sweep: cannot open \"" + path + "\" for appending: " + std::strerror(errno));
  struct stat st {};
  if (::fstat(fd_, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd_);
    fd_ = -1;
    throw input_error("sweep: --out \"" + path + "\" is not a regular file (records are appended to a regular JSONL file)");
  }
  if (const int fl = ::fcntl(fd_, F_GETFL); fl >= 0) (void)::fcntl(fd_, F_SETFL, fl & ~O_NONBLOCK);
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    const int e = errno;
    ::close(fd_);
    fd_ = -1;
    if (e == EWOULDBLOCK)
      throw input_error("sweep: \"" + path + "\" is being written by another sweep (locked); run one sweep per --out");
    throw resource_error("sweep: cannot lock \"" + path + "\": " + std::strerror(e));
  }
}

RecordWriter::~RecordWriter() {
  if (fd_ >= 0) ::close(fd_);
}

void RecordWriter::append(const std::string& line) {
  const std::string data = line + "\n";
  // One write() of the whole line: with O_APPEND the kernel places it at the end in one piece.
  const ssize_t w = ::write(fd_, data.data(), data.size());
  if (w != static_cast<ssize_t>(data.size()))
    throw resource_error("sweep: writing a record to \"" + path_ + "\" failed: " +
                         (w < 0 ? std::string(std::strerror(errno)) : "short write (disk full?)"));
  if (::fsync(fd_) != 0) throw resource_error("sweep: fsync of \"" + path_ + "\" failed: " + std::strerror(errno));
}

RecordHead record_head(const std::string& line, const std::string& where) {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(line);
  } catch (const nlohmann::json::exception&) {
    throw input_error(where + ": not a JSON record");
  }
  if (!j.is_object() || !j.contains("id") || !j["id"].is_number_unsigned() || !j.contains("points") ||
      !j["points"].is_number_unsigned() || !j.contains("manifest") || !j["manifest"].is_string())
    throw input_error(where + ": not a sweep record (requires integer \"id\", \"points\" and string \"manifest\")");
  const auto id = j["id"].get<std::uint64_t>(), points = j["points"].get<std::uint64_t>();
  if (points == 0 || points > kMaxPoints || id >= points)
    throw input_error(fmt::format("{}: not a sweep record (requires id < points <= {}, got id {}, points {})", where, kMaxPoints,
                                  id, points));
  if (!j.contains("exit") || !j["exit"].is_number_integer())
    throw input_error(where + ": not a whole sweep record (requires an integer \"exit\")");
  const bool ok = j["exit"].get<long long>() == 0;
  if (ok ? !(j.contains("result") || j.contains("output")) : !j.contains("error"))
    throw input_error(where + (ok ? ": not a whole sweep record (exit 0 without \"result\" or \"output\")"
                                  : ": not a whole sweep record (a failed point without its \"error\")"));
  return {id, points, j["manifest"].get<std::string>()};
}

std::vector<RecordLine> parse_records(std::string_view text, const std::string& path, bool repair, std::size_t* keep,
                                      const std::string& manifest) {
  if (keep) *keep = text.size();
  std::vector<RecordLine> out;
  std::size_t pos = 0, lineno = 0;
  while (pos < text.size()) {
    const std::size_t nl = text.find('\n', pos);
    ++lineno;
    if (nl == std::string::npos) {  // torn last line
      if (!repair)
        throw input_error(fmt::format("{}:{}: torn last line (a killed run; `gdcert sweep --resume` repairs it)", path, lineno));
      // Only a torn record is repaired: the cut text must be a prefix of a record line, whose text starts {"id":.
      const std::string_view tail = text.substr(pos);
      static constexpr std::string_view head = "{\"id\":";
      const bool record_prefix = tail.size() <= head.size() ? head.substr(0, tail.size()) == tail : tail.substr(0, head.size()) == head;
      if (!record_prefix)
        throw input_error(fmt::format("{}:{}: the last line is not a torn record (no newline, does not start {{\"id\":); "
                                      "not a record file of this sweep, left untouched",
                                      path, lineno));
      if (keep) *keep = pos;
      break;
    }
    std::string line(text.substr(pos, nl - pos));
    pos = nl + 1;
    if (line.empty()) continue;
    std::string where = fmt::format("{}:{}", path, lineno);
    RecordHead h = record_head(line, where);
    if (!manifest.empty() && h.manifest != manifest)
      throw input_error(where + ": record from another manifest (fingerprint " + h.manifest + ", this manifest " + manifest +
                        "); not this sweep's record file, left untouched");
    out.push_back({std::move(h), std::move(line), std::move(where)});
  }
  return out;
}

std::vector<RecordLine> read_records(const std::string& path, bool repair, bool* torn, const std::string& manifest) {
  if (torn) *torn = false;
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return {};  // no file yet: no records
  const std::string text = read_text_file(path, std::uint64_t{1} << 32, "sweep: records");
  std::size_t keep = text.size();
  std::vector<RecordLine> out = parse_records(text, path, repair, &keep, manifest);
  if (keep < text.size()) {  // a torn record line, validated by parse_records: cut it
    if (::truncate(path.c_str(), static_cast<off_t>(keep)) != 0)
      throw resource_error("sweep: cannot truncate the torn last line of \"" + path + "\": " + std::strerror(errno));
    if (torn) *torn = true;
  }
  return out;
}

std::vector<std::uint64_t> failed_ids(const std::vector<std::string>& lines) {
  std::vector<std::uint64_t> out;
  for (const auto& l : lines) {
    const auto j = nlohmann::json::parse(l);
    if (j["exit"].get<long long>() != 0) out.push_back(j["id"].get<std::uint64_t>());
  }
  return out;
}

std::vector<std::string> merge_records(const std::vector<std::string>& inputs, const std::string& expected_fingerprint,
                                       std::uint64_t expected_points) {
  std::vector<std::pair<std::uint64_t, std::string>> all;
  std::string fingerprint = expected_fingerprint;
  std::uint64_t points = expected_points;
  std::string first_source = expected_fingerprint.empty() ? "" : "the manifest";
  for (const auto& path : inputs) {
    if (::access(path.c_str(), R_OK) != 0) throw input_error("merge: cannot read \"" + path + "\"");
    for (auto& r : read_records(path, false)) {
      const RecordHead& h = r.head;
      if (first_source.empty()) {
        fingerprint = h.manifest;
        points = h.points;
        first_source = path;
      } else if (h.manifest != fingerprint || h.points != points) {
        throw input_error(fmt::format("merge: {}: record {} comes from manifest {} ({} points), {} from {} ({} points)", path,
                                      h.id, h.manifest, h.points, first_source, fingerprint, points));
      }
      all.emplace_back(h.id, std::move(r.text));
    }
  }
  if (first_source.empty()) throw incomplete_error("merge: no records in the input files");
  std::stable_sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::uint64_t> dup, missing;
  std::uint64_t next = 0;
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (i > 0 && all[i].first == all[i - 1].first) {
      if (dup.empty() || dup.back() != all[i].first) dup.push_back(all[i].first);
      continue;
    }
    if (all[i].first >= points)
      throw input_error(fmt::format("merge: record id {} is outside the manifest's {} points", all[i].first, points));
    while (next < all[i].first) missing.push_back(next++);
    next = all[i].first + 1;
  }
  while (next < points) missing.push_back(next++);
  auto list = [](const std::vector<std::uint64_t>& v) {
    std::string s;
    for (std::size_t i = 0; i < v.size() && i < 10; ++i) s += (i ? ", " : "") + std::to_string(v[i]);
    if (v.size() > 10) s += ", ...";
    return s;
  };
  if (!dup.empty()) throw incomplete_error(fmt::format("merge: {} duplicated point id(s): {}", dup.size(), list(dup)));
  if (!missing.empty())
    throw incomplete_error(fmt::format("merge: {} of {} points missing: ids {}", missing.size(), points, list(missing)));
  std::vector<std::string> lines;
  lines.reserve(all.size());
  for (auto& [id, text] : all) lines.push_back(std::move(text));
  return lines;
}

}  // namespace gdcert::sweep
