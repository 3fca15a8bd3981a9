#include "exact/files.hpp"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "exact/errors.hpp"
#include "exact/resources.hpp"

namespace gdcert {

std::string read_text_file(const std::string& path, std::uint64_t max_bytes, std::string_view what) {
  const std::string w(what);
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0)
    throw input_error(w + ": cannot read \"" + path + "\" (" + std::strerror(errno) + ")");
  if (S_ISDIR(st.st_mode)) throw input_error(w + ": \"" + path + "\" is a directory, not a file");
  if (!S_ISREG(st.st_mode))
    throw input_error(w + ": \"" + path + "\" is not a regular file (a device, FIFO or socket is not read)");
  const auto size = static_cast<std::uint64_t>(st.st_size);
  if (size > max_bytes)
    throw resource_error(w + ": \"" + path + "\" has " + format_bytes(static_cast<long double>(size)) + ", more than the " +
                         format_bytes(static_cast<long double>(max_bytes)) + " such a file may have");
  require_memory(static_cast<long double>(size), w + ": reading \"" + path + "\"");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw input_error(w + ": cannot read \"" + path + "\" (permission denied)");
  std::string text(size, '\0');
  in.read(text.data(), static_cast<std::streamsize>(size));
  if (in.bad() || static_cast<std::uint64_t>(in.gcount()) != size)
    throw input_error(w + ": cannot read \"" + path + "\" (I/O error or the file changed while read)");
  return text;
}

}  // namespace gdcert
