// Writing output files: atomically (a temporary file renamed into place), so a failed run never leaves a partial
// file that looks complete.
#pragma once
#include <string>

namespace gdcert::report {

/** Writes `text` to `path` atomically; creates missing parent directories. input_error / resource_error on failure. */
void write_file_atomically(const std::string& path, const std::string& text);

}  // namespace gdcert::report
