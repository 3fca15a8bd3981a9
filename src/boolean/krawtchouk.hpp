// Krawtchouk polynomials K_k(h) on the cube, exact.
#pragma once
#include <vector>

#include "exact/integer.hpp"

namespace gdcert::boolean {

/**
 * K_k(h; n) = sum_i (-1)^i C(h,i) C(n-h,k-i) = sum_{|T|=k} chi_T(x) chi_T(y) for x, y at Hamming distance h.
 * Guarantee:    exact.
 * Precondition: 0 <= k, h <= n, else domain_error.
 * Formula:      walsh.krawtchouk (proofs/walsh.md#krawtchouk).
 * Example:
 *     krawtchouk(4, 2, 1);   // K_2(1) at n = 4 = 0
 */
Integer krawtchouk(unsigned n, unsigned k, unsigned h);

/**
 * The table K[k][h] for k, h = 0..n by the three-term recurrence
 *   (k+1) K_{k+1}(h) = (n - 2h) K_k(h) - (n - k + 1) K_{k-1}(h)   (exact division),
 * an O(n^2) method independent of the sum formula (each is the other's test).
 * Precondition: (n+1)^2 big integers fit in memory, else resource_error.
 */
std::vector<std::vector<Integer>> krawtchouk_table(unsigned n);

}  // namespace gdcert::boolean
