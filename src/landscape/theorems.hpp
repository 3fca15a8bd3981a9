// The bounds of Theorems 2.2 and 2.5 of Soltanolkotabi-Javanmard-Lee (paper 004) as evaluators: the paper leaves its
// numerical constants (c, C, C_0, c_0, C', gamma, ...) unspecified, so they are parameters here, never built in.
// Guarantee: ball (sqrt and powers are Arb operations on exact rational inputs); exact where noted.
#pragma once
#include <string>
#include <vector>

#include "exact/ball.hpp"
#include "exact/rational.hpp"

namespace gdcert::landscape {

/** Inputs of Theorem 2.2's approximate-local-minimum bound. */
struct Theorem22Input {
  Rational eps_g, eps_H;  // ||grad L||_F <= eps_g, grad^2 L >= -eps_H I
  Rational nu;            // v = nu 1 (nu > 0 here: the sign of v*, taken positive)
  Rational nuclear;       // ||W*^T D_{v*} W*||_* (nuclear norm)
  long d = 0;             // dimension (for the probability)
  Rational gamma;         // the numerical constant in the probability (a parameter)
};
struct Theorem22Output {
  Ball loss_bound;   // (eps_g/sqrt nu) max(sqrt(1 + 14 N), 4 eps_g/sqrt nu) + (eps_H/(2 nu)) N
  Ball probability;  // 1 - 12 d e^{-gamma d} - 8/d
};
/** Preconditions: eps_g, eps_H, nuclear >= 0, nu > 0, d >= 1, gamma > 0 (domain_error). Formula: landscape.thm22_bound. */
Theorem22Output theorem22_bound(const Theorem22Input& in, slong prec);

/** Inputs of Theorem 2.5 and its Section-7 constants (all unspecified constants are parameters). */
struct Theorem25Input {
  long n = 0, d = 0, k = 0;
  Rational sigma_min, sigma_max;  // singular values of W*
  Rational c = Rational(1), C = Rational(1), C0 = Rational(1), c0 = Rational(1), Cprime = Rational(1);
  Rational v_max = Rational(1), w_max = Rational(1);
  Rational B = Rational(1), Lphi = Rational(1), phi0 = Rational(0);  // |phi'| < B, |phi''| < L, phi(0)
  Rational alpha;        // step size (0 = use 1/beta)
  Rational L0 = Rational(1);  // initial loss for the path bound
  long tau = 100;        // iterations for the rate
  bool case_b = false;   // Assumption 2.3(b): Remark 2.6 replaces sigma_min by 1
};
struct Theorem25Output {
  Rational n_max;          // c_0 sigma_min^4/sigma_max^8 d^2 (exact)
  Ball init_radius_W;      // C_0 (sigma_min^3/sigma_max) d^2.5/(n^1.5 k)
  Ball init_radius_v;      // C_0 (sigma_min^3/sigma_max) d^2.5/(n^1.5 k^1.5)
  Rational beta;           // C (sigma_max^2 + 1) k (exact)
  Rational beta_714;       // (3 C^2 sigma_max^2 + 8 v_max^2 B L + 4 B^2 w_max^2 + 2 phi(0)^2) k (exact)
  Rational alpha;          // the step used (1/beta unless given)
  Ball R;                  // (c/(4 C')) sigma_min sqrt(d/n)   [case (b): sigma_min -> 1]
  Rational m_L;            // c^2 sigma_min^2 d^2/(2n)          [case (b): c^2 d^2/(2n)]
  Rational m_U;            // (9/2) C^2 sigma_max^2 k
  Rational m_tilde_U;      // 4 phi(0)^2 + 128 B^2 + 128 B^2 w_max^2
  Ball path_bound;         // (4/m_L) sqrt(m_U L_0)
  Rational rate_stated;    // 1 - c alpha d/n           (Theorem 2.5 as stated)
  Rational rate_lemma;     // 1 - alpha m_L/2           (Lemma 7.12: d^2/n)
  Ball factor_stated;      // rate_stated^tau
  Ball factor_lemma;       // rate_lemma^tau
  std::vector<std::string> notes;  // the paper's inconsistencies that bear on these numbers
};
/** Preconditions: 1 <= d <= n, k >= d, 0 < sigma_min <= sigma_max, positive constants (domain_error).
 * Formula: landscape.thm25_* (one id per constant). */
Theorem25Output theorem25_constants(const Theorem25Input& in, slong prec);

}  // namespace gdcert::landscape
