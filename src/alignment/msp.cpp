#include "alignment/msp.hpp"

#include <algorithm>
#include <bit>
#include <numeric>

#include "exact/errors.hpp"

namespace gdcert::alignment {

MspResult msp_closure(std::span<const std::uint64_t> support) {
  std::vector<std::uint64_t> rest;
  for (std::uint64_t s : support)
    if (s != 0) rest.push_back(s);
  std::sort(rest.begin(), rest.end());
  rest.erase(std::unique(rest.begin(), rest.end()), rest.end());
  if (rest.size() > (std::size_t{1} << 16))
    throw resource_error("msp_closure: requires at most 2^16 support sets, got " + std::to_string(rest.size()));
  MspResult r;
  std::uint64_t U = 0;
  bool closure_done = false;
  while (!rest.empty()) {
    std::size_t best = 0;
    unsigned best_new = 65;
    for (std::size_t i = 0; i < rest.size(); ++i) {
      const unsigned nw = static_cast<unsigned>(std::popcount(rest[i] & ~U));
      if (nw < best_new) {
        best_new = nw;
        best = i;
      }
    }
    if (best_new > 1 && !closure_done) {  // formula msp.closure: nothing more is absorbable with one new coordinate
      closure_done = true;
      r.absorbed_mmsp = U;
      r.residual = rest;
    }
    r.leap = std::max(r.leap, best_new);  // formula msp.leap
    r.order.push_back(rest[best]);
    r.new_coordinates.push_back(best_new);
    U |= rest[best];
    rest.erase(rest.begin() + static_cast<std::ptrdiff_t>(best));
  }
  if (!closure_done) r.absorbed_mmsp = U;
  r.msp = r.leap <= 1;
  return r;
}

unsigned leap_brute_force(std::span<const std::uint64_t> support) {
  std::vector<std::uint64_t> sets;
  for (std::uint64_t s : support)
    if (s != 0) sets.push_back(s);
  std::sort(sets.begin(), sets.end());
  sets.erase(std::unique(sets.begin(), sets.end()), sets.end());
  if (sets.size() > 8) throw resource_error("leap_brute_force: requires at most 8 sets");
  unsigned best = 64;
  do {
    std::uint64_t U = 0;
    unsigned worst = 0;
    for (std::uint64_t s : sets) {
      worst = std::max(worst, static_cast<unsigned>(std::popcount(s & ~U)));
      U |= s;
    }
    best = std::min(best, worst);
  } while (std::next_permutation(sets.begin(), sets.end()));
  return sets.empty() ? 0 : best;
}

std::vector<std::uint64_t> support_of(const boolean::Spectrum& s) {
  if (s.n() > kMaxSupportN)
    throw resource_error("support_of: requires n <= " + std::to_string(kMaxSupportN) + " to list the support, got n = " +
                         std::to_string(s.n()));
  std::vector<std::uint64_t> out;
  for (std::uint64_t m = 1; m < (std::uint64_t{1} << s.n()); ++m)
    if (!s.numerator(m).is_zero()) out.push_back(m);
  return out;
}

Rational msp_residual_bound(const MspResult& r, unsigned d, const Rational& norm2) {
  if (r.residual.empty()) return Rational(0);
  const unsigned dprime = d - static_cast<unsigned>(std::popcount(r.absorbed_mmsp));
  Rational worst(0);
  for (std::uint64_t s : r.residual) {
    const unsigned k = static_cast<unsigned>(std::popcount(s & ~r.absorbed_mmsp));
    worst = std::max(worst, Rational(Integer(1), Integer::binomial(dprime, k)));
  }
  // formula msp.residual_bound
  return Rational(static_cast<long long>(r.residual.size())) * norm2 * worst;
}

std::vector<std::uint64_t> parse_support(std::string_view text) {
  std::vector<std::uint64_t> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find(';', start), text.size());
    std::string_view part = text.substr(start, end - start);
    while (!part.empty() && (part.front() == ' ' || part.front() == '{')) part.remove_prefix(1);
    while (!part.empty() && (part.back() == ' ' || part.back() == '}')) part.remove_suffix(1);
    std::uint64_t mask = 0;
    std::size_t p = 0;
    while (p < part.size()) {
      const std::size_t q = std::min(part.find(',', p), part.size());
      const std::string_view tok = part.substr(p, q - p);
      unsigned v = 0;
      if (tok.empty() || tok.size() > 2 || !std::all_of(tok.begin(), tok.end(), [](char c) { return c >= '0' && c <= '9'; }))
        throw input_error("support: requires coordinates 1..64 separated by ',' and sets by ';', got \"" + std::string(tok) + "\"");
      for (char c : tok) v = v * 10 + static_cast<unsigned>(c - '0');
      if (v < 1 || v > 64) throw input_error("support: requires coordinates in 1..64, got " + std::to_string(v));
      mask |= std::uint64_t{1} << (v - 1);
      p = q + 1;
    }
    out.push_back(mask);
    start = end + 1;
  }
  return out;
}

}  // namespace gdcert::alignment
