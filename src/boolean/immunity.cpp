#include "boolean/immunity.hpp"

#include <algorithm>
#include <bit>
#include <string>

#include "boolean/criteria.hpp"
#include "exact/errors.hpp"

namespace gdcert::boolean {

namespace {

constexpr Formula kImmunityFormulas[] = {
    {"boolean.algebraic_immunity",
     "AI(g) = min{deg_2 h : h != 0, h g = 0 or h (g + 1) = 0}; h of degree <= d annihilates g iff its ANF coefficients "
     "solve the GF(2) system sum_{m subset x} a_m = 0 for every x in supp(g); AI <= ceil(n/2)",
     "Meier, Pasalic, Carlet, EUROCRYPT 2004; Courtois, Meier 2003; proofs/boolean-criteria.md#algebraic-immunity", Tag::derived,
     "proofs/boolean-criteria.md#algebraic-immunity"},
};

using Bits = std::vector<std::uint64_t>;

bool test_bit(const Bits& v, std::size_t k) { return (v[k >> 6] >> (k & 63)) & 1; }
void flip_bit(Bits& v, std::size_t k) { v[k >> 6] ^= std::uint64_t{1} << (k & 63); }

/** An incremental echelon basis of columns over GF(2), each with the combination of inserted monomials it is. */
class Echelon {
 public:
  Echelon(std::vector<std::uint64_t> points, std::size_t max_columns)
      : points_(std::move(points)), words_((points_.size() + 63) / 64), cwords_((max_columns + 63) / 64),
        pivot_(points_.size(), -1) {}

  /** Inserts monomial number `index` (mask m); returns the dependency (monomial indices) when it reduces to zero. */
  std::optional<Bits> insert(std::uint64_t m, std::size_t index) {
    Bits v(words_, 0), comb(cwords_, 0);
    for (std::size_t k = 0; k < points_.size(); ++k)
      if ((points_[k] & m) == m) v[k >> 6] |= std::uint64_t{1} << (k & 63);
    flip_bit(comb, index);
    for (std::size_t w = 0; w < words_; ++w) {
      while (v[w]) {
        const std::size_t p = w * 64 + static_cast<unsigned>(std::countr_zero(v[w]));
        const long b = pivot_[p];
        if (b < 0) {
          pivot_[p] = static_cast<long>(basis_.size());
          basis_.push_back(std::move(v));
          combs_.push_back(std::move(comb));
          return std::nullopt;
        }
        const Bits& bv = basis_[static_cast<std::size_t>(b)];
        const Bits& bc = combs_[static_cast<std::size_t>(b)];
        for (std::size_t j = w; j < words_; ++j) v[j] ^= bv[j];  // bv has no bits below p
        for (std::size_t j = 0; j < cwords_; ++j) comb[j] ^= bc[j];
      }
    }
    return comb;
  }

 private:
  std::vector<std::uint64_t> points_;
  std::size_t words_, cwords_;
  std::vector<long> pivot_;
  std::vector<Bits> basis_, combs_;
};

}  // namespace

std::span<const Formula> immunity_formulas() { return kImmunityFormulas; }

Bits anf_to_table(const std::vector<std::uint64_t>& monomials, unsigned n) {
  // The Möbius transform is an involution over GF(2): the table is the transform of the coefficient vector.
  Bits coeffs(words_for(n), 0);
  for (std::uint64_t m : monomials) coeffs[m >> 6] |= std::uint64_t{1} << (m & 63);
  return anf_monomials(CubeFunction::from_bits(n, std::move(coeffs)));
}

AlgebraicImmunity algebraic_immunity(const CubeFunction& f) {
  if (!f.is_boolean()) throw domain_error("algebraic immunity: requires a ±1-valued function");
  const unsigned n = f.n();
  if (n > max_n_algebraic_immunity)
    throw resource_error("algebraic immunity: requires n <= " + std::to_string(max_n_algebraic_immunity) +
                         " (exact GF(2) elimination on up to 2^(n-1) columns of 2^n bits), got n = " + std::to_string(n));
  const std::uint64_t size = f.size();
  std::vector<std::uint64_t> ones, zeros;  // the supports of g and of g + 1
  for (std::uint64_t i = 0; i < size; ++i) (f.sign(i) < 0 ? ones : zeros).push_back(i);
  // Monomials in order of degree, then mask.
  std::vector<std::uint64_t> monomials(size);
  for (std::uint64_t m = 0; m < size; ++m) monomials[m] = m;
  std::stable_sort(monomials.begin(), monomials.end(),
                   [](std::uint64_t a, std::uint64_t b) { return std::popcount(a) < std::popcount(b); });
  Echelon of_f(ones, size), of_c(zeros, size);
  AlgebraicImmunity r;
  r.ai = -1;
  auto to_masks = [&](const Bits& comb) {
    std::vector<std::uint64_t> out;
    for (std::size_t k = 0; k < size; ++k)
      if (test_bit(comb, k)) out.push_back(monomials[k]);
    std::sort(out.begin(), out.end());
    return out;
  };
  for (std::size_t k = 0; k < size; ++k) {
    const int d = std::popcount(monomials[k]);
    if (r.ai >= 0 && d > r.ai) break;  // the level of the first dependency is complete
    if (!r.annihilator_of_f)
      if (auto dep = of_f.insert(monomials[k], k)) {
        r.annihilator_of_f = to_masks(*dep);
        r.ai = d;
      }
    if (!r.annihilator_of_complement)
      if (auto dep = of_c.insert(monomials[k], k)) {
        r.annihilator_of_complement = to_masks(*dep);
        r.ai = d;
      }
  }
  // The 2^n monomials span all functions: a dependency exists by the last column of either system.
  GDCERT_ASSERT(r.ai >= 0, "algebraic immunity: a dependency among the 2^n monomials");
  // Verify each witness by evaluation: nonzero, of degree ai, and vanishing where required.
  for (int which = 0; which < 2; ++which) {
    const auto& w = which == 0 ? r.annihilator_of_f : r.annihilator_of_complement;
    if (!w) continue;
    const Bits h = anf_to_table(*w, n);
    bool nonzero = false, vanishes = true;
    for (std::uint64_t i = 0; i < size; ++i) {
      const bool hi = test_bit(h, i);
      nonzero = nonzero || hi;
      const bool gi = f.sign(i) < 0;
      if (hi && (which == 0 ? gi : !gi)) vanishes = false;
    }
    int deg = 0;
    for (std::uint64_t m : *w) deg = std::max(deg, std::popcount(m));
    GDCERT_ASSERT(nonzero && vanishes && deg == r.ai, "algebraic immunity: the annihilator witness checks out");
  }
  return r;
}

}  // namespace gdcert::boolean
