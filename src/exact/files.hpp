// Reading the files a user names (function tables, manifests, claims): checked for type and size before a byte is
// read, so /dev/zero, a FIFO or a multi-gigabyte file fails at once with one line instead of exhausting memory.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace gdcert {

/**
 * The whole text of `path`.
 * Errors (messages start with `what`): input_error when the file is missing, unreadable, a directory or not a
 * regular file (a device, FIFO or socket); resource_error when it is larger than max_bytes or than the memory
 * budget (GDCERT_MAX_MEMORY).
 */
std::string read_text_file(const std::string& path, std::uint64_t max_bytes, std::string_view what);

}  // namespace gdcert
