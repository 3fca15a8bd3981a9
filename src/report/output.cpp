#include "report/output.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "exact/errors.hpp"

namespace gdcert::report {

void write_file_atomically(const std::string& path, const std::string& text) {
  const std::filesystem::path p(path);
  if (p.has_parent_path()) {
    std::error_code ec;
    std::filesystem::create_directories(p.parent_path(), ec);
    if (ec) throw input_error("--out: cannot create directory \"" + p.parent_path().string() + "\": " + ec.message());
  }
  const std::string tmp = path + ".tmp";
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    if (!f) throw input_error("--out: cannot write \"" + path + "\" (permission denied or no such directory)");
    f << text;
    f.flush();
    if (!f) {
      std::remove(tmp.c_str());
      throw resource_error("--out: writing \"" + path + "\" failed (disk full?)");
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::remove(tmp.c_str());
    throw input_error("--out: cannot move the result into \"" + path + "\": " + ec.message());
  }
}

}  // namespace gdcert::report
