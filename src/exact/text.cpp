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

void require_ascii_toml_syntax(std::string_view text, const std::string& where) {
  enum class State { normal, comment, basic, literal, ml_basic, ml_literal };
  State st = State::normal;
  std::size_t line = 1;
  auto starts = [&](std::size_t i, std::string_view w) { return text.substr(i, w.size()) == w; };
  auto after_backslash = [&where](std::size_t at_line) {
    return input_error(where + ":" + std::to_string(at_line) +
                       ": a non-ASCII character after a backslash in a string (escapes are ASCII)");
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n') ++line;
    switch (st) {
      case State::normal:
        if (static_cast<unsigned char>(c) >= 0x80)
          throw input_error(where + ":" + std::to_string(line) +
                            ": a non-ASCII character outside a string or comment (TOML keys and syntax are ASCII)");
        if (c == '#') {
          st = State::comment;
        } else if (starts(i, "\"\"\"")) {
          st = State::ml_basic;
          i += 2;
        } else if (starts(i, "'''")) {
          st = State::ml_literal;
          i += 2;
        } else if (c == '"') {
          st = State::basic;
        } else if (c == '\'') {
          st = State::literal;
        }
        break;
      case State::comment:
        if (c == '\n') st = State::normal;
        break;
      case State::basic:
        if (c == '\\') {  // an escape: the next byte is not a delimiter (a newline there is TOML's error)
          if (i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0x80) throw after_backslash(line);
          ++i;
        } else if (c == '"' || c == '\n') {
          st = State::normal;
        }
        break;
      case State::literal:
        if (c == '\'' || c == '\n') st = State::normal;
        break;
      case State::ml_basic:
      case State::ml_literal: {
        const char q = st == State::ml_basic ? '"' : '\'';
        if (st == State::ml_basic && c == '\\') {
          // An escape, or a line-ending backslash: toml++ then classifies the bytes after the blanks that follow as
          // whitespace or not, and a non-ASCII one meets the same undefined behaviour. Escapes are ASCII: refuse it.
          std::size_t k = i + 1;
          while (k < text.size() && (text[k] == ' ' || text[k] == '\t' || text[k] == '\r' || text[k] == '\n')) ++k;
          if (k < text.size() && static_cast<unsigned char>(text[k]) >= 0x80) throw after_backslash(line);
          if (i + 1 < text.size() && text[i + 1] == '\n') ++line;
          ++i;
        } else if (c == q && i + 2 < text.size() && text[i + 1] == q && text[i + 2] == q) {
          std::size_t k = i;  // the closing delimiter may be preceded by up to two quotes of the content: take them all
          while (k < text.size() && text[k] == q && k - i < 5) ++k;
          i = k - 1;
          st = State::normal;
        }
        break;
      }
    }
  }
}

}  // namespace gdcert
