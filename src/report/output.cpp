#include "report/output.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <mutex>

#include "exact/errors.hpp"

namespace gdcert::report {

namespace {

// The temporary file being written, removed by the SIGINT/SIGTERM handler (async-signal-safe: a fixed buffer and
// unlink only).
char g_tmp[4096] = {0};
volatile std::sig_atomic_t g_tmp_set = 0;
std::mutex g_tmp_mutex;  // one atomic write at a time registers its temporary file

extern "C" void remove_tmp_and_reraise(int sig) {
  if (g_tmp_set) ::unlink(g_tmp);
  std::signal(sig, SIG_DFL);
  std::raise(sig);
}

void write_all(int fd, const std::string& text, const std::string& path, const std::string& tmp) {
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t w = ::write(fd, text.data() + done, text.size() - done);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) {
      const int e = errno;
      ::close(fd);
      if (!tmp.empty()) ::unlink(tmp.c_str());
      throw resource_error("output: writing \"" + path + "\" failed: " + (w < 0 ? std::strerror(e) : "short write (disk full?)"));
    }
    done += static_cast<std::size_t>(w);
  }
}

/** A character device or FIFO named by --out is written in place, never replaced by a regular file. */
void write_in_place(const std::string& path, const std::string& text, bool fifo) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC | (fifo ? O_NONBLOCK : 0));
  if (fd < 0) {
    if (fifo && errno == ENXIO) throw input_error("output: \"" + path + "\" is a FIFO with no reader; not written");
    throw input_error("output: cannot write \"" + path + "\": " + std::strerror(errno));
  }
  if (fifo) ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
  write_all(fd, text, path, "");
  ::close(fd);
}

}  // namespace

void write_file_atomically(const std::string& path, const std::string& text) {
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode)) throw input_error("output: \"" + path + "\" is a directory; give a file name");
    if (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode)) return write_in_place(path, text, S_ISFIFO(st.st_mode));
    if (!S_ISREG(st.st_mode)) throw input_error("output: \"" + path + "\" is not a regular file, a character device or a FIFO");
  }
  const std::filesystem::path p(path);
  if (p.has_parent_path()) {
    std::error_code ec;
    std::filesystem::create_directories(p.parent_path(), ec);
    if (ec) throw input_error("output: cannot create directory \"" + p.parent_path().string() + "\": " + ec.message());
  }
  // A unique temporary file beside the target (so rename is atomic and concurrent writers never collide), removed
  // on failure and on SIGINT/SIGTERM.
  std::string tmp = path + ".XXXXXX";
  if (tmp.size() >= sizeof g_tmp) throw input_error("output: the path is too long (" + std::to_string(path.size()) + " bytes)");
  std::lock_guard<std::mutex> lock(g_tmp_mutex);
  const int fd = ::mkstemp(tmp.data());
  if (fd < 0) throw input_error("output: cannot write \"" + path + "\": " + std::strerror(errno));
  ::fchmod(fd, 0644);
  std::memcpy(g_tmp, tmp.c_str(), tmp.size() + 1);
  g_tmp_set = 1;
  auto* old_int = std::signal(SIGINT, remove_tmp_and_reraise);
  auto* old_term = std::signal(SIGTERM, remove_tmp_and_reraise);
  auto restore = [&] {
    g_tmp_set = 0;
    std::signal(SIGINT, old_int);
    std::signal(SIGTERM, old_term);
  };
  try {
    write_all(fd, text, path, tmp);
    if (::fsync(fd) != 0 || ::close(fd) != 0) {
      ::unlink(tmp.c_str());
      throw resource_error("output: writing \"" + path + "\" failed: " + std::strerror(errno));
    }
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
      const int e = errno;
      ::unlink(tmp.c_str());
      throw input_error("output: cannot move the result into \"" + path + "\": " + std::strerror(e));
    }
  } catch (...) {
    restore();
    throw;
  }
  restore();
}

}  // namespace gdcert::report
