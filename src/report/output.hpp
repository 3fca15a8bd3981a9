// Writing output files: atomically (a temporary file renamed into place), so a failed run never leaves a partial
// file that looks complete.
#pragma once
#include <string>

namespace gdcert::report {

/**
 * Writes `text` to `path`: a regular file (or a new one) atomically, through a unique temporary file beside it that
 * is renamed into place and removed on failure or SIGINT/SIGTERM; a character device or a FIFO in place (never
 * replaced by a regular file; a FIFO without a reader is refused). Creates missing parent directories.
 * Errors: input_error (a directory, another special file, no permission), resource_error (disk full).
 */
void write_file_atomically(const std::string& path, const std::string& text);

}  // namespace gdcert::report
