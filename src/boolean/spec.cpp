#include "boolean/spec.hpp"

#include <algorithm>
#include <bit>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>

#include "boolean/fwht.hpp"
#include "exact/errors.hpp"
#include "exact/files.hpp"
#include "exact/rng.hpp"
#include "boolean/spec_expr.hpp"

namespace gdcert::boolean {

const std::vector<std::string>& spec_families() {
  static const std::vector<std::string> f = {"parity", "majority", "staircase", "threshold", "random",
                                              "anf",    "poly",     "table",     "file"};
  return f;
}

namespace {

[[noreturn]] void fail(std::string_view family, const std::string& msg) {
  throw input_error("spec " + std::string(family) + ": " + msg);
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::string_view unquote(std::string_view s) {
  s = trim(s);
  if (s.size() >= 2 && s.front() == '"' && s.back() == '"') s = s.substr(1, s.size() - 2);
  return s;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (;;) {
    const std::size_t p = s.find(sep, start);
    out.push_back(s.substr(start, p == std::string_view::npos ? std::string_view::npos : p - start));
    if (p == std::string_view::npos) return out;
    start = p + 1;
  }
}

unsigned long long parse_uint(std::string_view family, std::string_view name, std::string_view text) {
  text = trim(text);
  if (text.empty() || text.size() > 19 || !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }))
    fail(family, "requires " + std::string(name) + " to be a non-negative integer, got \"" + std::string(text) + "\"");
  return std::stoull(std::string(text));
}

Rational parse_rational(std::string_view family, std::string_view name, std::string_view text) {
  try {
    return Rational::parse(text);
  } catch (const error&) {
    fail(family, "requires " + std::string(name) + " to be a rational (p/q, integer or decimal), got \"" +
                     std::string(trim(text)) + "\"");
  }
}

/** key=value fields after the family; the free-form tail (for anf/poly) is returned separately. */
struct Fields {
  std::map<std::string, std::string, std::less<>> kv;
  std::string tail;  // a field without '=' (the expression)
};

Fields parse_fields(std::string_view family, std::string_view rest, const std::vector<std::string>& known,
                    bool allow_tail) {
  Fields f;
  if (rest.empty()) return f;
  std::size_t pos = 0;
  while (pos <= rest.size()) {
    std::size_t colon = rest.find(':', pos);
    std::string_view field = rest.substr(pos, colon == std::string_view::npos ? std::string_view::npos : colon - pos);
    const std::size_t eq = field.find('=');
    const bool is_kv = eq != std::string_view::npos && field.substr(0, eq).find_first_of("+*\" ") == std::string_view::npos;
    if (!is_kv) {
      if (!allow_tail)
        fail(family, "requires fields of the form key=value, got \"" + std::string(field) + "\"");
      f.tail = std::string(rest.substr(pos));  // the expression runs to the end
      return f;
    }
    std::string key(trim(field.substr(0, eq)));
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      std::string list;
      for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
      fail(family, "unknown field \"" + key + "\" (known: " + list + ")");
    }
    if (f.kv.count(key)) fail(family, "field \"" + key + "\" given twice");
    f.kv.emplace(key, std::string(field.substr(eq + 1)));
    if (colon == std::string_view::npos) break;
    pos = colon + 1;
  }
  return f;
}

unsigned require_n(std::string_view family, const Fields& f, unsigned min_n = 0) {
  auto it = f.kv.find("n");
  if (it == f.kv.end()) fail(family, "requires field n (e.g. " + std::string(family) + ":n=5)");
  const unsigned long long n = parse_uint(family, "n", it->second);
  if (n < min_n || n > max_n)
    fail(family, "requires " + std::to_string(min_n) + " <= n <= " + std::to_string(max_n) + ", got n = " +
                     std::to_string(n));
  return static_cast<unsigned>(n);
}

int parse_sign0(std::string_view family, const Fields& f) {
  auto it = f.kv.find("sign0");
  if (it == f.kv.end()) return 1;
  const std::string_view v = trim(it->second);
  if (v == "+1" || v == "1" || v == "+") return 1;
  if (v == "-1" || v == "-") return -1;
  fail(family, "requires sign0 = +1 or -1, got \"" + std::string(v) + "\"");
}

std::vector<std::uint64_t> empty_bits(unsigned n, const char* what) {
  require_table_size(n, 1.0 / 8, what);
  const std::size_t words = words_for(n);
  std::vector<std::uint64_t> bits;
  // From 4 MiB (n >= 25) the storage is advised as huge-page candidates before the zeros are written, with one
  // huge page of slack so that the whole table lies in whole 2 MiB pages: the zeroing then faults 4 pages instead of
  // 2048 at n = 26 (on this project's virtual machine, about 5 us each).
  using Alloc = CacheLineAllocator<std::uint64_t>;  // the same threshold and page size as the spectrum's storage
  constexpr std::size_t kHugeWords = static_cast<std::size_t>(Alloc::kHugeAlignment) / sizeof(std::uint64_t);
  if (words * sizeof(std::uint64_t) >= Alloc::kHugeBytes) {
    bits.reserve(words + kHugeWords);
    advise_huge_pages(bits.data(), bits.capacity() * sizeof(std::uint64_t));
  }
  bits.resize(words, 0);
  return bits;
}

void set_bit(std::vector<std::uint64_t>& bits, std::uint64_t i) { bits[i >> 6] |= std::uint64_t{1} << (i & 63); }

// sign(sum_i w_i x_i - t) with ties -> sign0, over all 2^n points (Gray-code free: direct, n is small for this use).
CubeFunction threshold_function(unsigned n, const std::vector<Rational>& w, const Rational& t, int sign0) {
  // Integerise: common denominator of w and t keeps the comparison exact and fast.
  Integer den(1);
  for (const auto& x : w) den = lcm(den, x.den());
  den = lcm(den, t.den());
  std::vector<Integer> wi;
  for (const auto& x : w) wi.push_back((x * Rational(den)).num());
  const Integer ti = (t * Rational(den)).num();
  std::vector<std::uint64_t> bits = empty_bits(n, "threshold");
  const bool small = std::all_of(wi.begin(), wi.end(), [](const Integer& z) { return abs(z) < Integer(1LL << 40); }) &&
                     abs(ti) < Integer(1LL << 40);
  const std::uint64_t size = std::uint64_t{1} << n;
  if (small) {
    std::vector<long long> ws;
    for (const auto& z : wi) ws.push_back(z.to_si());
    const long long tt = ti.to_si();
    long long total = 0;
    for (auto z : ws) total += z;
    for (std::uint64_t i = 0; i < size; ++i) {
      long long s = total;  // sum w_j x_j = total - 2 * sum_{bit j set} w_j
      for (std::uint64_t m = i; m; m &= m - 1) s -= 2 * ws[static_cast<std::size_t>(std::countr_zero(m))];
      const long long d = s - tt;
      if (d < 0 || (d == 0 && sign0 < 0)) set_bit(bits, i);
    }
  } else {
    for (std::uint64_t i = 0; i < size; ++i) {
      Integer s(0);
      for (unsigned j = 0; j < n; ++j) s += (i >> j) & 1 ? -wi[j] : wi[j];
      const int c = (s - ti).sign();
      if (c < 0 || (c == 0 && sign0 < 0)) set_bit(bits, i);
    }
  }
  return CubeFunction::from_bits(n, std::move(bits));
}

struct Monomial {
  Rational coeff;
  std::uint64_t mask;
};

// Parses a sum of monomials: term := [coef ['*']] var ('*' var)* | coef ; var := ('x'|'z') index.
// gf2: coefficients must be 1 (or the constant 1), and x_j^2 = x_j; otherwise x_j^2 = 1.
std::vector<Monomial> parse_polynomial(std::string_view family, std::string_view expr, unsigned n, bool gf2) {
  std::vector<Monomial> out;
  std::string s;
  for (char c : expr)
    if (!std::isspace(static_cast<unsigned char>(c))) s += c;
  if (s.empty()) fail(family, "requires an expression such as \"x1 + x1*x2\", got an empty one");
  std::size_t i = 0;
  while (i < s.size()) {
    Rational sign(1);
    if (s[i] == '+' || s[i] == '-') {
      if (s[i] == '-') {
        if (gf2) fail(family, "requires '+' (XOR) between monomials over GF(2), got '-'");
        sign = Rational(-1);
      }
      ++i;
    } else if (!out.empty()) {
      fail(family, "requires '+' or '-' between terms at position " + std::to_string(i + 1) + " of \"" + s + "\"");
    }
    std::size_t end = i;
    while (end < s.size() && s[end] != '+' && s[end] != '-') ++end;
    const std::string_view term(s.data() + i, end - i);
    if (term.empty()) fail(family, "requires a term after a sign in \"" + s + "\"");
    Rational coeff(1);
    std::uint64_t mask = 0;
    bool have_coeff = false;
    for (std::string_view factor : split(term, '*')) {
      if (factor.empty()) fail(family, "requires a factor between '*' in \"" + std::string(term) + "\"");
      if (factor[0] == 'x' || factor[0] == 'z') {
        const unsigned long long j = parse_uint(family, "a variable index", factor.substr(1));
        if (j < 1 || j > n)
          fail(family, "requires variable indices in [1, n] = [1, " + std::to_string(n) + "], got " +
                           std::string(factor));
        const std::uint64_t bit = std::uint64_t{1} << (j - 1);
        mask = gf2 ? (mask | bit) : (mask ^ bit);  // b^2 = b over GF(2); x^2 = 1 for ±1 variables
      } else {
        if (have_coeff) fail(family, "requires at most one coefficient per term, got \"" + std::string(term) + "\"");
        coeff = parse_rational(family, "a coefficient", factor);
        have_coeff = true;
      }
    }
    coeff *= sign;
    if (gf2 && have_coeff && !(coeff == Rational(1) && mask == 0))
      fail(family, "requires monomials with coefficient 1 over GF(2) (write the constant as 1, the zero polynomial as 0), got \"" +
                       std::string(term) + "\"");
    out.push_back({coeff, mask});
    i = end;
  }
  return out;
}

CubeFunction table_function(std::string_view family, std::string_view content) {
  // Strip comments and collect tokens.
  std::string clean;
  for (std::string_view line : split(content, '\n')) {
    const std::size_t hash = line.find('#');
    clean += std::string(line.substr(0, hash));
    clean += ' ';
  }
  // Tokens separated by commas or whitespace.
  std::vector<std::string> tokens;
  {
    std::string tok;
    for (char c : clean + " ") {
      if (c == ',' || std::isspace(static_cast<unsigned char>(c))) {
        if (!tok.empty()) tokens.push_back(tok);
        tok.clear();
      } else {
        tok += c;
      }
    }
  }
  // Bit-string mode: no commas, and either one token, or every token is made of 0/1 only (or of +/- only) and
  // has length >= 2 (a bit string wrapped over lines). Otherwise the tokens are values.
  auto only = [](const std::string& t, const char* chars) { return t.find_first_not_of(chars) == std::string::npos; };
  const bool all01 = std::all_of(tokens.begin(), tokens.end(), [&](const std::string& t) { return only(t, "01"); });
  const bool allpm = std::all_of(tokens.begin(), tokens.end(), [&](const std::string& t) { return only(t, "+-"); });
  const bool wrapped = tokens.size() == 1 || std::all_of(tokens.begin(), tokens.end(), [](const std::string& t) { return t.size() >= 2; });
  // A single token without commas is always a bit string (its characters are validated below).
  const bool listed =
      clean.find(',') != std::string::npos || (tokens.size() > 1 && !((all01 || allpm) && wrapped));
  if (!listed) {
    std::string joined;
    for (const auto& t : tokens) joined += t;
    tokens.clear();
    for (char c : joined) tokens.emplace_back(1, c);
  }
  const std::size_t len = tokens.size();
  if (len == 0) fail(family, "requires a non-empty table");
  if (!std::has_single_bit(len))
    fail(family, "requires a table length that is a power of two, got " + std::to_string(len));
  const unsigned n = static_cast<unsigned>(std::countr_zero(len));
  if (n > max_n) fail(family, "requires n <= " + std::to_string(max_n) + ", got n = " + std::to_string(n));
  if (!listed) {
    std::vector<std::uint64_t> bits = empty_bits(n, "table");
    for (std::size_t i = 0; i < len; ++i) {
      const char c = tokens[i][0];
      if (c == '1' || c == '-') set_bit(bits, i);
      else if (c != '0' && c != '+')
        fail(family, "requires table characters 0/1 or +/- (0 and + mean +1), got '" + std::string(1, c) +
                         "' at index " + std::to_string(i) + "; use a comma-separated list for real values");
    }
    return CubeFunction::from_bits(n, std::move(bits));
  }
  require_table_size(n, 48, "table");
  std::vector<Rational> values;
  values.reserve(len);
  for (std::size_t i = 0; i < len; ++i) {
    try {
      values.push_back(Rational::parse(tokens[i]));
    } catch (const error&) {
      fail(family, "requires rational values, got \"" + tokens[i] + "\" at index " + std::to_string(i));
    }
  }
  return CubeFunction::from_values(n, std::move(values));
}

std::string join_params(const std::string& family, const std::vector<std::pair<std::string, std::string>>& params) {
  std::string s = family;
  for (const auto& [k, v] : params) s += ":" + (k.empty() ? v : k + "=" + v);
  return s;
}

}  // namespace

std::uint64_t parse_subset(std::string_view text, unsigned n, std::string_view what) {
  auto fail_subset = [&](const std::string& msg) { throw input_error(std::string(what) + ": " + msg); };
  std::uint64_t mask = 0;
  text = trim(text);
  if (text.empty() || text == "{}") return 0;
  if (text.front() == '{' && text.back() == '}') text = text.substr(1, text.size() - 2);
  for (std::string_view part : split(text, ',')) {
    const std::string_view t = trim(part);
    if (t.empty() || t.size() > 19 || t.find_first_not_of("0123456789") != std::string_view::npos)
      fail_subset("requires set indices as positive integers, got \"" + std::string(t) + "\"");
    const unsigned long long j = std::stoull(std::string(t));
    if (j < 1 || j > n)
      fail_subset("requires indices in [1, n] = [1, " + std::to_string(n) + "], got " + std::to_string(j));
    const std::uint64_t bit = std::uint64_t{1} << (j - 1);
    if (mask & bit) fail_subset("requires distinct indices, got " + std::to_string(j) + " twice");
    mask |= bit;
  }
  return mask;
}

std::string subset_str(std::uint64_t mask) { return subset_str_from(mask, 1); }

std::string subset_str_from(std::uint64_t mask, unsigned base) {
  std::string s = "{";
  for (unsigned j = 0; mask; ++j, mask >>= 1)
    if (mask & 1) s += (s.size() > 1 ? "," : "") + std::to_string(j + base);
  return s + "}";
}

void require_boolean(const CubeFunction& f, std::string_view what) {
  if (f.is_boolean()) return;
  for (std::uint64_t i = 0; i < f.size(); ++i) {
    const Rational& v = f.values()[i];
    if (v != Rational(1) && v != Rational(-1))
      throw input_error(std::string(what) + ": requires a ±1-valued function, got value " + v.str() + " at index " +
                        std::to_string(i));
  }
}

namespace {
/** "0x0a (\\n)" style text for a control character. */
std::string fmt_control(unsigned char c) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "0x%02x", c);
  std::string s(buf);
  if (c == '\n') s += " (\\n)";
  else if (c == '\t') s += " (\\t)";
  else if (c == '\r') s += " (\\r)";
  return s;
}
}  // namespace

ParsedSpec parse_spec(std::string_view spec_text, std::uint64_t default_seed) {
  // A spec is one line of printable text: a control character (a newline, a tab, an escape) is refused, not
  // silently dropped by the field splitting ("parity:n=3\n:S=1" used to parse as parity:n=3:S=1).
  for (std::size_t i = 0; i < spec_text.size(); ++i) {
    const auto c = static_cast<unsigned char>(spec_text[i]);
    if (c < 0x20 || c == 0x7f)
      throw input_error("spec: requires printable text, got control character " + fmt_control(c) + " at offset " +
                        std::to_string(i) + " (a newline, tab or escape is not part of any spec)");
  }
  const std::string_view spec = trim(spec_text);
  if (is_expression(spec)) return parse_expression(spec, default_seed);
  return parse_family_spec(spec, default_seed);
}

ParsedSpec parse_family_spec(std::string_view spec, std::uint64_t default_seed) {
  const std::size_t colon = spec.find(':');
  const std::string family(spec.substr(0, colon));
  const std::string_view rest = colon == std::string_view::npos ? std::string_view() : spec.substr(colon + 1);
  ParsedSpec out;
  out.family = family;
  auto& P = out.params;

  if (family == "parity") {
    const Fields f = parse_fields(family, rest, {"n", "S"}, false);
    const unsigned n = require_n(family, f);
    auto it = f.kv.find("S");
    if (it == f.kv.end()) fail(family, "requires field S (e.g. parity:n=5:S=1,2,3)");
    const std::uint64_t mask = parse_subset(it->second, n, "spec parity");
    std::vector<std::uint64_t> bits = empty_bits(n, "parity");
    for (std::uint64_t i = 0; i < (std::uint64_t{1} << n); ++i)
      if (std::popcount(i & mask) & 1) set_bit(bits, i);
    out.function = CubeFunction::from_bits(n, std::move(bits));
    std::string s = subset_str(mask);
    P = {{"n", std::to_string(n)}, {"S", s.substr(1, s.size() - 2)}};
  } else if (family == "majority") {
    const Fields f = parse_fields(family, rest, {"n", "sign0"}, false);
    const unsigned n = require_n(family, f, 1);
    const int sign0 = parse_sign0(family, f);
    std::vector<std::uint64_t> bits = empty_bits(n, "majority");
    for (std::uint64_t i = 0; i < (std::uint64_t{1} << n); ++i) {
      const int s = static_cast<int>(n) - 2 * std::popcount(i);
      if (s < 0 || (s == 0 && sign0 < 0)) set_bit(bits, i);
    }
    out.function = CubeFunction::from_bits(n, std::move(bits));
    P = {{"n", std::to_string(n)}, {"sign0", sign0 > 0 ? "+1" : "-1"}};
  } else if (family == "staircase") {
    const Fields f = parse_fields(family, rest, {"n", "k"}, false);
    const unsigned n = require_n(family, f, 1);
    unsigned k = n;
    if (auto it = f.kv.find("k"); it != f.kv.end()) {
      const unsigned long long kk = parse_uint(family, "k", it->second);
      if (kk < 1 || kk > n) fail(family, "requires 1 <= k <= n = " + std::to_string(n) + ", got k = " + std::to_string(kk));
      k = static_cast<unsigned>(kk);
    }
    require_table_size(n, 48, "staircase");
    std::vector<Rational> values;
    values.reserve(std::size_t{1} << n);
    for (std::uint64_t i = 0; i < (std::uint64_t{1} << n); ++i) {
      long long v = 0, prod = 1;
      for (unsigned j = 0; j < k; ++j) {
        prod *= (i >> j) & 1 ? -1 : 1;
        v += prod;
      }
      values.emplace_back(v);
    }
    out.function = CubeFunction::from_values(n, std::move(values));
    P = {{"n", std::to_string(n)}, {"k", std::to_string(k)}};
  } else if (family == "threshold") {
    const Fields f = parse_fields(family, rest, {"n", "w", "t", "sign0"}, false);
    const unsigned n = require_n(family, f, 1);
    auto it = f.kv.find("w");
    if (it == f.kv.end()) fail(family, "requires field w (n comma-separated weights)");
    std::vector<Rational> w;
    for (std::string_view part : split(it->second, ',')) w.push_back(parse_rational(family, "w", part));
    if (w.size() != n)
      fail(family, "requires n = " + std::to_string(n) + " weights, got " + std::to_string(w.size()));
    Rational t(0);
    if (auto jt = f.kv.find("t"); jt != f.kv.end()) t = parse_rational(family, "t", jt->second);
    const int sign0 = parse_sign0(family, f);
    out.function = threshold_function(n, w, t, sign0);
    std::string ws;
    for (const auto& x : w) ws += (ws.empty() ? "" : ",") + x.str();
    P = {{"n", std::to_string(n)}, {"w", ws}, {"t", t.str()}, {"sign0", sign0 > 0 ? "+1" : "-1"}};
  } else if (family == "random") {
    const Fields f = parse_fields(family, rest, {"n", "seed"}, false);
    const unsigned n = require_n(family, f);
    std::uint64_t seed = default_seed;
    if (auto it = f.kv.find("seed"); it != f.kv.end()) seed = parse_uint(family, "seed", it->second);
    std::vector<std::uint64_t> bits = empty_bits(n, "random");
    Rng rng(seed);
    for (auto& w : bits) w = rng.next();
    out.function = CubeFunction::from_bits(n, std::move(bits));
    P = {{"n", std::to_string(n)}, {"seed", std::to_string(seed)}};
  } else if (family == "anf" || family == "poly") {
    const Fields f = parse_fields(family, rest, {"n"}, true);
    const unsigned n = require_n(family, f);
    const std::string_view expr = unquote(f.tail);
    const bool gf2 = family == "anf";
    // anf: the zero polynomial "0" is g = 0 (f = +1), as Sage and the Rust crates write it.
    const std::vector<Monomial> terms =
        gf2 && trim(expr) == "0" ? std::vector<Monomial>{} : parse_polynomial(family, expr, n, gf2);
    const std::uint64_t size = std::uint64_t{1} << n;
    if (gf2) {
      std::vector<std::uint64_t> bits = empty_bits(n, "anf");
      for (std::uint64_t i = 0; i < size; ++i) {
        unsigned parity = 0;
        for (const auto& m : terms) parity ^= (i & m.mask) == m.mask ? 1u : 0u;  // b_j = bit j-1 of i
        if (parity) set_bit(bits, i);
      }
      out.function = CubeFunction::from_bits(n, std::move(bits));
    } else {
      require_table_size(n, 48, "poly");
      std::vector<Rational> values(size);
      for (const auto& m : terms)
        for (std::uint64_t i = 0; i < size; ++i) {
          if (std::popcount(i & m.mask) & 1) values[i] -= m.coeff;
          else values[i] += m.coeff;
        }
      out.function = CubeFunction::from_values(n, std::move(values));
    }
    P = {{"n", std::to_string(n)}, {"", "\"" + std::string(expr) + "\""}};
  } else if (family == "table") {
    out.function = table_function(family, rest);
    P = {{"", std::string(trim(rest))}};
  } else if (family == "file") {
    const std::string path(trim(rest));
    if (path.empty()) fail(family, "requires a path (file:PATH)");
    // A table of 2^40 entries at most, each at least one character: larger files are refused before reading.
    out.function = parse_table_file_text(read_text_file(path, std::uint64_t{1} << 40, "spec file"));
    P = {{"", path}};
  } else {
    std::string list;
    for (const auto& k : spec_families()) list += (list.empty() ? "" : ", ") + k;
    throw input_error("spec: unknown family \"" + family + "\" (known: " + list + ")");
  }
  out.canonical = join_params(family, P);
  return out;
}

CubeFunction parse_table_file_text(std::string_view text) { return table_function("file", text); }

}  // namespace gdcert::boolean
