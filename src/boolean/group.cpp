#include "boolean/group.hpp"

#include <algorithm>
#include <bit>
#include <numeric>
#include <string>

#include "boolean/walsh.hpp"
#include "exact/errors.hpp"

namespace gdcert::boolean {

SignedPermutation SignedPermutation::identity(unsigned n) {
  SignedPermutation g;
  g.perm.resize(n);
  std::iota(g.perm.begin(), g.perm.end(), 0u);
  return g;
}

void SignedPermutation::validate() const {
  std::vector<bool> seen(perm.size(), false);
  for (unsigned p : perm) {
    if (p >= perm.size() || seen[p])
      throw domain_error("SignedPermutation: requires a permutation of 0..n-1, got a repeated or out-of-range entry " +
                         std::to_string(p));
    seen[p] = true;
  }
  if (perm.size() < 64 && (sign_mask >> perm.size()))
    throw domain_error("SignedPermutation: requires sign_mask < 2^n, got " + std::to_string(sign_mask));
}

std::uint64_t SignedPermutation::image_of_set(std::uint64_t mask) const {
  std::uint64_t out = 0;
  for (std::uint64_t m = mask; m; m &= m - 1) out |= std::uint64_t{1} << perm[static_cast<unsigned>(std::countr_zero(m))];
  return out;
}

std::uint64_t SignedPermutation::apply_to_index(std::uint64_t i) const {
  // bit sigma(j) of (g x) = s_{sigma(j)} xor bit j of x, i.e. (g x)_i = s_i x_{sigma^{-1}(i)}
  return sign_mask ^ image_of_set(i);
}

CubeFunction act(const CubeFunction& f, const SignedPermutation& g) {
  g.validate();
  if (g.n() != f.n())
    throw domain_error("act: requires a group element on n = " + std::to_string(f.n()) + " coordinates, got " +
                       std::to_string(g.n()));
  const std::uint64_t size = f.size();
  if (f.is_boolean()) {
    std::vector<std::uint64_t> bits(words_for(f.n()), 0);
    for (std::uint64_t i = 0; i < size; ++i)
      if (f.sign(g.apply_to_index(i)) < 0) bits[i >> 6] |= std::uint64_t{1} << (i & 63);
    return CubeFunction::from_bits(f.n(), std::move(bits));
  }
  std::vector<Rational> v(size);
  for (std::uint64_t i = 0; i < size; ++i) v[i] = f.values()[g.apply_to_index(i)];  // walsh.bn_action
  return CubeFunction::from_values(f.n(), std::move(v));
}

template <class T>
std::vector<T> act_on_coefficients(const std::vector<T>& coeffs, const SignedPermutation& g) {
  g.validate();
  if (coeffs.size() != (std::size_t{1} << g.n()))
    throw domain_error("act_on_coefficients: requires 2^n coefficients, got " + std::to_string(coeffs.size()));
  std::vector<T> out(coeffs.size());
  for (std::uint64_t u = 0; u < coeffs.size(); ++u) {
    const std::uint64_t su = g.image_of_set(u);
    out[u] = (std::popcount(g.sign_mask & su) & 1) ? T(-coeffs[su]) : coeffs[su];  // walsh.bn_action
  }
  return out;
}
template std::vector<Rational> act_on_coefficients(const std::vector<Rational>&, const SignedPermutation&);
template std::vector<Integer> act_on_coefficients(const std::vector<Integer>&, const SignedPermutation&);
template std::vector<long long> act_on_coefficients(const std::vector<long long>&, const SignedPermutation&);

Integer group_order(Group g, unsigned n) {
  const Integer f = Integer::factorial(n);
  return g == Group::Bn ? f * Integer::pow2(n) : f;
}

namespace {

// An incremental GF(2) basis of linear equations <a, s> = b over n <= 63 unknowns.
struct Gf2System {
  std::vector<std::uint64_t> rows;  // reduced rows, with the right-hand side in bit 63
  bool consistent = true;
  void add(std::uint64_t a, unsigned b) {
    std::uint64_t r = a | (static_cast<std::uint64_t>(b) << 63);
    for (std::uint64_t p : rows)
      if (r & (std::uint64_t{1} << std::countr_zero(p & ~(std::uint64_t{1} << 63)))) r ^= p;
    if ((r & ~(std::uint64_t{1} << 63)) == 0) {
      if (r) consistent = false;  // 0 = 1
      return;
    }
    const std::uint64_t pivot = std::uint64_t{1} << std::countr_zero(r & ~(std::uint64_t{1} << 63));
    for (auto& p : rows)
      if (p & pivot) p ^= r;
    rows.push_back(r);
  }
};

}  // namespace

Integer stabiliser_order(const CubeFunction& f, Group group) {
  const unsigned n = f.n();
  if (n > 10) {
    const Integer cost = Integer::factorial(n) * Integer::pow2(n) * Integer(n);
    throw resource_error("stabiliser_order: requires n <= 10 (cost n!*2^n*n operations), got n = " + std::to_string(n) +
                         " (about " + cost.str() + " operations)");
  }
  const Spectrum s = walsh_spectrum(f);
  std::vector<Integer> c(f.size());
  for (std::uint64_t m = 0; m < f.size(); ++m) c[m] = s.numerator(m);
  std::vector<std::uint64_t> support;
  for (std::uint64_t m = 0; m < f.size(); ++m)
    if (!c[m].is_zero()) support.push_back(m);

  SignedPermutation g = SignedPermutation::identity(n);
  Integer total(0);
  do {
    // f∘(s,sigma) = f  <=>  for all U: (-1)^{<s, sigma(U)>} c[sigma(U)] = c[U].
    Gf2System sys;
    bool ok = true;
    for (std::uint64_t u : support) {
      const std::uint64_t su = g.image_of_set(u);
      const Integer& a = c[su];
      const Integer& b = c[u];
      unsigned rhs;
      if (a == b) rhs = 0;
      else if (a == -b) rhs = 1;
      else {
        ok = false;
        break;
      }
      if (group == Group::Sn) {
        if (rhs) {
          ok = false;
          break;
        }
        continue;
      }
      sys.add(su, rhs);
      if (!sys.consistent) {
        ok = false;
        break;
      }
    }
    if (!ok) continue;
    total += group == Group::Sn ? Integer(1) : Integer::pow2(n - static_cast<unsigned>(sys.rows.size()));
  } while (std::next_permutation(g.perm.begin(), g.perm.end()));
  return total;
}

Integer orbit_size(const CubeFunction& f, Group g) {
  const Integer stab = stabiliser_order(f, g);
  Integer q;
  fmpz_divexact(q.get(), group_order(g, f.n()).get(), stab.get());  // walsh.orbit_size: |G| / |Stab|
  return q;
}

}  // namespace gdcert::boolean
