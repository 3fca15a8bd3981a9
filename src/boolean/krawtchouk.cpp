#include "boolean/krawtchouk.hpp"

#include <string>

#include "exact/errors.hpp"
#include "exact/resources.hpp"

namespace gdcert::boolean {

Integer krawtchouk(unsigned n, unsigned k, unsigned h) {
  if (k > n || h > n)
    throw domain_error("krawtchouk: requires 0 <= k, h <= n = " + std::to_string(n) + ", got k = " + std::to_string(k) +
                       ", h = " + std::to_string(h));
  Integer s(0);
  for (unsigned i = 0; i <= k && i <= h; ++i) {
    if (k - i > n - h) continue;
    const Integer t = Integer::binomial(h, i) * Integer::binomial(n - h, k - i);  // walsh.krawtchouk
    if (i & 1) s -= t;
    else s += t;
  }
  return s;
}

std::vector<std::vector<Integer>> krawtchouk_table(unsigned n) {
  // Entries have at most n bits (|K_k(h)| <= C(n,k) <= 2^n); ~ (16 + n/8) bytes each.
  require_memory((static_cast<long double>(n) + 1) * (n + 1) * (16.0L + n / 8.0L), "krawtchouk_table (n = " + std::to_string(n) + ")");
  std::vector<std::vector<Integer>> K(n + 1, std::vector<Integer>(n + 1));
  for (unsigned h = 0; h <= n; ++h) {
    K[0][h] = Integer(1);
    if (n >= 1) K[1][h] = Integer(static_cast<long long>(n) - 2 * static_cast<long long>(h));
    for (unsigned k = 1; k + 1 <= n; ++k) {
      Integer t = Integer(static_cast<long long>(n) - 2 * static_cast<long long>(h)) * K[k][h] -
                  Integer(static_cast<long long>(n - k + 1)) * K[k - 1][h];
      fmpz_divexact_ui(t.get(), t.get(), k + 1);  // exact by the recurrence
      K[k + 1][h] = std::move(t);
    }
  }
  return K;
}

}  // namespace gdcert::boolean
