#include "boolean/sbox.hpp"

#include <algorithm>
#include <bit>
#include <cctype>

#include "boolean/fwht.hpp"
#include "exact/errors.hpp"
#include "exact/files.hpp"
#include "exact/resources.hpp"

namespace gdcert::boolean {

namespace {
constexpr Formula kSBoxFormulas[] = {
    {"boolean.sbox.lat", "LAT(a, b) = sum_x (-1)^(a.x + b.S(x)) = W_{b.S}(a) (Walsh convention; Sage's absolute bias is LAT/2)",
     "standard (Matsui 1993; Carlet 2010, Vectorial Boolean Functions for Cryptography); proofs/boolean-criteria.md#sbox", Tag::derived,
     "proofs/boolean-criteria.md#sbox"},
    {"boolean.sbox.linearity", "L(S) = max_{a, b != 0} |LAT(a, b)|; NL(S) = min_{b != 0} NL(b.S) = 2^(n-1) - L(S)/2",
     "standard (Carlet 2010, Vectorial Boolean Functions for Cryptography); proofs/boolean-criteria.md#sbox", Tag::derived, "proofs/boolean-criteria.md#sbox"},
    {"boolean.sbox.ddt", "DDT(a, b) = #{x : S(x + a) + S(x) = b}; differential uniformity = max_{a != 0, b} DDT(a, b); "
                         "sum_b DDT(a, b) = 2^n and DDT(a, b) is even",
     "standard (Biham, Shamir 1991; Nyberg 1993); proofs/boolean-criteria.md#sbox", Tag::derived, "proofs/boolean-criteria.md#sbox"},
};

[[noreturn]] void fail(const std::string& msg) { throw input_error("sbox spec: " + msg); }

std::string trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return std::string(s);
}

std::uint8_t gf256_mul(std::uint8_t a, std::uint8_t b) {
  std::uint8_t r = 0;
  while (b) {
    if (b & 1) r ^= a;
    a = static_cast<std::uint8_t>((a << 1) ^ ((a & 0x80) ? 0x1b : 0));
    b >>= 1;
  }
  return r;
}

/** The AES S-box from its definition: inversion in GF(2^8) mod x^8+x^4+x^3+x+1, then the affine map and 0x63. */
std::vector<std::uint32_t> aes_sbox() {
  std::vector<std::uint32_t> s(256);
  for (unsigned x = 0; x < 256; ++x) {
    std::uint8_t inv = 0;
    for (unsigned y = 1; y < 256 && x; ++y)
      if (gf256_mul(static_cast<std::uint8_t>(x), static_cast<std::uint8_t>(y)) == 1) inv = static_cast<std::uint8_t>(y);
    auto rotl = [](std::uint8_t v, int k) { return static_cast<std::uint8_t>((v << k) | (v >> (8 - k))); };
    s[x] = static_cast<std::uint8_t>(inv ^ rotl(inv, 1) ^ rotl(inv, 2) ^ rotl(inv, 3) ^ rotl(inv, 4) ^ 0x63);
  }
  return s;
}

std::vector<std::string> tokens_of(std::string_view text) {
  std::vector<std::string> out;
  std::string tok;
  bool comment = false;
  for (char c : std::string(text) + "\n") {
    if (c == '\n') comment = false;
    if (comment) continue;
    if (c == '#') { comment = true; continue; }
    if (c == ',' || std::isspace(static_cast<unsigned char>(c))) {
      if (!tok.empty()) out.push_back(tok);
      tok.clear();
    } else {
      tok += c;
    }
  }
  return out;
}

std::vector<std::uint32_t> parse_values(std::vector<std::string> toks) {
  if (toks.size() == 1 && toks[0].size() > 1 && toks[0].find("0x") != 0) {  // one string of hex digits
    std::vector<std::string> digits;
    for (char c : toks[0]) digits.emplace_back(1, c);
    toks = digits;
    for (auto& t : toks) t = "0x" + t;
  }
  bool hex = false;
  for (const auto& t : toks)
    hex = hex || t.starts_with("0x") || t.starts_with("0X") || t.find_first_of("abcdefABCDEF") != std::string::npos;
  std::vector<std::uint32_t> v;
  for (std::size_t i = 0; i < toks.size(); ++i) {
    std::string t = toks[i];
    if (t.starts_with("0x") || t.starts_with("0X")) t = t.substr(2);
    const char* digits = hex ? "0123456789abcdefABCDEF" : "0123456789";
    if (t.empty() || t.size() > 8 || t.find_first_not_of(digits) != std::string::npos)
      fail("requires " + std::string(hex ? "hexadecimal" : "decimal") + " values, got \"" + toks[i] + "\" at index " +
           std::to_string(i));
    const unsigned long long x = std::stoull(t, nullptr, hex ? 16 : 10);
    if (x >= (1ull << max_sbox_bits)) fail("requires values below 2^" + std::to_string(max_sbox_bits) + ", got " + toks[i]);
    v.push_back(static_cast<std::uint32_t>(x));
  }
  return v;
}
}  // namespace

std::span<const Formula> sbox_formulas() { return kSBoxFormulas; }

SBox parse_sbox(std::string_view spec_text) {
  for (char c : spec_text)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) fail("requires printable text");
  std::string spec = trim(spec_text);
  if (!spec.starts_with("sbox:")) fail("requires sbox:[n=N:][m=M:]V0,V1,... (or sbox:present, sbox:aes, sbox:file=PATH), got \"" + spec + "\"");
  std::string rest = spec.substr(5);
  SBox s;
  long n_given = -1, m_given = -1;
  // Leading key=value fields (n=, m=), separated by ':' or ','.
  for (;;) {
    const std::string r = trim(rest);
    if (r.starts_with("n=") || r.starts_with("m=")) {
      const std::size_t end = r.find_first_of(":,");
      if (end == std::string::npos) fail("requires the values after " + r);
      const std::string num = trim(r.substr(2, end - 2));
      if (num.empty() || num.size() > 3 || num.find_first_not_of("0123456789") != std::string::npos)
        fail("requires " + r.substr(0, 1) + " as a small integer, got \"" + num + "\"");
      (r[0] == 'n' ? n_given : m_given) = std::stol(num);
      rest = r.substr(end + 1);
    } else {
      rest = r;
      break;
    }
  }
  std::string source;
  if (rest == "present") {
    s.values = {0xC, 0x5, 0x6, 0xB, 0x9, 0x0, 0xA, 0xD, 0x3, 0xE, 0xF, 0x8, 0x4, 0x7, 0x1, 0x2};
    source = "present";
  } else if (rest == "aes") {
    s.values = aes_sbox();
    source = "aes";
  } else if (rest.starts_with("file=")) {
    const std::string path = trim(rest.substr(5));
    if (path.empty()) fail("requires a path (sbox:file=PATH)");
    s.values = parse_values(tokens_of(read_text_file(path, std::uint64_t{1} << 24, "sbox file")));
    source = "file=" + path;
  } else {
    // an inline list is comma-separated: an empty entry (",,", a leading or trailing comma) is malformed
    const auto first = rest.find_first_not_of(' '), last = rest.find_last_not_of(' ');
    if (first != std::string::npos && (rest[first] == ',' || rest[last] == ',' || rest.find(",,") != std::string::npos))
      fail("requires no empty entry in the list of values, got \"" + std::string(rest) + "\"");
    s.values = parse_values(tokens_of(rest));
  }
  if (s.values.empty()) fail("requires a non-empty list of values");
  if (!std::has_single_bit(s.values.size())) fail("requires 2^n values, got " + std::to_string(s.values.size()));
  const unsigned n = static_cast<unsigned>(std::countr_zero(s.values.size()));
  if (n > max_sbox_bits) fail("requires n <= " + std::to_string(max_sbox_bits) + ", got n = " + std::to_string(n));
  if (n_given >= 0 && static_cast<unsigned long>(n_given) != n)
    fail("n = " + std::to_string(n_given) + " requires 2^" + std::to_string(n_given) + " values, got " + std::to_string(s.values.size()));
  const std::uint32_t mx = *std::max_element(s.values.begin(), s.values.end());
  const unsigned width = std::max(1u, static_cast<unsigned>(std::bit_width(mx)));
  unsigned m = width;
  if (m_given >= 0) {
    if (m_given < 1 || m_given > static_cast<long>(max_sbox_bits))
      fail("requires 1 <= m <= " + std::to_string(max_sbox_bits) + ", got m = " + std::to_string(m_given));
    if (static_cast<unsigned>(m_given) < width) fail("a value " + std::to_string(mx) + " does not fit m = " + std::to_string(m_given) + " bits");
    m = static_cast<unsigned>(m_given);
  }
  s.n = n;
  s.m = m;
  if (source.empty()) {
    std::string list;
    for (std::uint32_t v : s.values) list += (list.empty() ? "" : ",") + std::to_string(v);
    s.canonical = "sbox:n=" + std::to_string(n) + ":m=" + std::to_string(m) + ":" + list;
  } else {
    s.canonical = "sbox:n=" + std::to_string(n) + ":m=" + std::to_string(m) + ":" + source;
  }
  return s;
}

SBoxAnalysis analyse_sbox(const SBox& s) {
  const unsigned n = s.n, m = s.m;
  if (n > max_sbox_bits || m > max_sbox_bits)
    throw resource_error("sbox: requires n, m <= " + std::to_string(max_sbox_bits) + ", got n = " + std::to_string(n) + ", m = " + std::to_string(m));
  const std::uint64_t N = std::uint64_t{1} << n, M = std::uint64_t{1} << m;
  require_memory(static_cast<long double>(N * M) * 8.0L, "sbox: the LAT and DDT (2^(n+m) entries each)");
  SBoxAnalysis r;
  r.lat.assign(N * M, 0);
  r.ddt.assign(N * M, 0);
  std::vector<std::int64_t> w(N);
  for (std::uint64_t b = 0; b < M; ++b) {
    for (std::uint64_t x = 0; x < N; ++x) w[x] = std::popcount(b & s.values[x]) & 1 ? -1 : 1;
    fwht_inplace_unchecked(std::span<std::int64_t>(w), 1);  // W_{b.S}(a) = sum_x (-1)^{b.S(x)} (-1)^{a.x}
    for (std::uint64_t a = 0; a < N; ++a) r.lat[a * M + b] = static_cast<std::int32_t>(w[a]);
  }
  for (std::uint64_t a = 0; a < N; ++a)
    for (std::uint64_t x = 0; x < N; ++x) ++r.ddt[a * M + (s.values[x ^ a] ^ s.values[x])];
  for (std::uint64_t a = 0; a < N; ++a)
    for (std::uint64_t b = 0; b < M; ++b) {
      if (b != 0) {
        const std::int64_t v = r.lat[a * M + b];
        r.linearity = std::max<std::int64_t>(r.linearity, v < 0 ? -v : v);
        ++r.lat_histogram[v];
      }
      if (a != 0) {
        r.differential_uniformity = std::max(r.differential_uniformity, r.ddt[a * M + b]);
        ++r.ddt_histogram[r.ddt[a * M + b]];
      }
    }
  r.nonlinearity = static_cast<std::int64_t>(N / 2) - r.linearity / 2;
  std::vector<std::uint32_t> sorted = s.values;
  std::sort(sorted.begin(), sorted.end());
  r.bijective = n == m && std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end();
  // Algebraic degree: the largest GF(2) degree of a coordinate function (= of a nonzero component b.S, by linearity of
  // the ANF over GF(2) and the fact that a sum of functions of degree <= d has degree <= d).
  for (unsigned j = 0; j < m; ++j) {
    std::vector<std::uint64_t> t((N + 63) / 64, 0);
    for (std::uint64_t x = 0; x < N; ++x)
      if ((s.values[x] >> j) & 1) t[x >> 6] |= std::uint64_t{1} << (x & 63);
    // Möbius transform in place (bit i of word i/64)
    for (std::uint64_t st = 1; st < N; st <<= 1)
      for (std::uint64_t x = 0; x < N; ++x)
        if ((x & st) && ((t[(x ^ st) >> 6] >> ((x ^ st) & 63)) & 1)) t[x >> 6] ^= std::uint64_t{1} << (x & 63);
    for (std::uint64_t x = 0; x < N; ++x)
      if ((t[x >> 6] >> (x & 63)) & 1) r.algebraic_degree = std::max(r.algebraic_degree, std::popcount(x));
  }
  return r;
}

}  // namespace gdcert::boolean
