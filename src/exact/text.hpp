// Small text helpers shared by every parser of user input (lists, sign conventions).
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace gdcert {

/** The fields of `text` between separators ("a,,b" gives a, "", b; "" gives one empty field). */
std::vector<std::string> split_list(const std::string& text, char sep = ',');

/** sign(0) convention: "1" (or "+1"), "0" or "-1"; input_error otherwise. */
int parse_sign0(const std::string& s);

/**
 * Refuses TOML text with a byte >= 0x80 outside strings and comments (input_error "<where>:<line>: ..."). TOML's
 * syntax (bare keys, values other than strings) is ASCII, so nothing valid is refused; and toml++ 3.3 reaches
 * __builtin_unreachable (undefined behaviour) when it classifies some non-ASCII code points met outside a string
 * (U+00A1..U+0499 among them; found by the fuzzers of tests/fuzz), also after a backslash inside a string, where
 * escapes are ASCII (so a non-ASCII byte after a backslash, or after the blanks following a line-ending backslash of
 * a multi-line string, is refused too). Call before toml::parse.
 */
void require_ascii_toml_syntax(std::string_view text, const std::string& where);

}  // namespace gdcert
