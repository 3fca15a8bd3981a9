// Small text helpers shared by every parser of user input (lists, sign conventions).
#pragma once
#include <string>
#include <vector>

namespace gdcert {

/** The fields of `text` between separators ("a,,b" gives a, "", b; "" gives one empty field). */
std::vector<std::string> split_list(const std::string& text, char sep = ',');

/** sign(0) convention: "1" (or "+1"), "0" or "-1"; input_error otherwise. */
int parse_sign0(const std::string& s);

}  // namespace gdcert
