// The hyperoctahedral group B_n = {±1}^n ⋊ S_n and S_n acting on functions on the cube and on their spectra.
//
// Convention (proofs/walsh.md#bn-action): g = (s, sigma) acts by (g x)_i = s_i x_{sigma^{-1}(i)}, and on functions by
// (f∘g)(x) = f(g x). Then (f∘g)^(U) = (prod_{i in sigma(U)} s_i) fhat(sigma(U)).
#pragma once
#include <cstdint>
#include <vector>

#include "boolean/cube_function.hpp"
#include "exact/integer.hpp"

namespace gdcert::boolean {

/** g = (s, sigma): sign_mask bit i set iff s_{i+1} = -1; perm[i] = sigma(i) (0-based). */
struct SignedPermutation {
  std::uint64_t sign_mask = 0;
  std::vector<unsigned> perm;

  /** Identity on n coordinates. */
  static SignedPermutation identity(unsigned n);
  /** Precondition: perm is a permutation of 0..n-1 and sign_mask < 2^n, else domain_error. */
  void validate() const;
  unsigned n() const { return static_cast<unsigned>(perm.size()); }
  /** Table index of g x for x at index i. */
  std::uint64_t apply_to_index(std::uint64_t i) const;
  /** The mask of sigma(U). */
  std::uint64_t image_of_set(std::uint64_t mask) const;
};

/** f∘g as a truth table. Precondition: g.n() == f.n(), else domain_error. Formula: walsh.bn_action. */
CubeFunction act(const CubeFunction& f, const SignedPermutation& g);

/**
 * The coefficients of f∘g from those of f: out[U] = (prod_{i in sigma(U)} s_i) * in[sigma(U)].
 * `coeffs` is indexed by mask (size 2^n). Formula: walsh.bn_action.
 */
template <class T>
std::vector<T> act_on_coefficients(const std::vector<T>& coeffs, const SignedPermutation& g);

enum class Group { Bn, Sn };

/** |B_n| = 2^n n!, |S_n| = n!. */
Integer group_order(Group g, unsigned n);

/**
 * |Stab_G(f)| and |Orb_G(f)| = |G|/|Stab_G(f)| (Formula: walsh.orbit_size).
 * Method: for each sigma in S_n, the sign vectors s with f∘(s,sigma) = f form an affine GF(2) subspace cut
 * out by one equation per nonzero coefficient; its size is counted by Gaussian elimination. Cost n!·2^n·n.
 * Precondition: n <= 10 (n! * 2^n * n must stay under ~4e10 operations), else resource_error stating the cost.
 */
Integer stabiliser_order(const CubeFunction& f, Group g);
Integer orbit_size(const CubeFunction& f, Group g);

}  // namespace gdcert::boolean
