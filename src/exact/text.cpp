#include "exact/text.hpp"

#include <algorithm>

#include "exact/errors.hpp"

namespace gdcert {

std::vector<std::string> split_list(const std::string& text, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find(sep, start), text.size());
    out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

int parse_sign0(const std::string& s) {
  if (s == "1" || s == "+1") return 1;
  if (s == "0") return 0;
  if (s == "-1") return -1;
  throw input_error("--sign0: requires 1, 0 or -1, got \"" + s + "\"");
}

}  // namespace gdcert
