// The landscape.* formulas (paper 004: Soltanolkotabi, Javanmard, Lee, IEEE TIT 2019 / arXiv 1707.04926 v3).
#include "landscape/quadratic.hpp"

namespace gdcert::landscape {

namespace {

constexpr const char* kSrc = "Soltanolkotabi-Javanmard-Lee 2019 (arXiv 1707.04926 v3)";

const Formula kFormulas[] = {
    {"landscape.model", "f(x) = v^T (W x)^2 = sum_l v_l (w_l.x)^2 = x^T W^T D_v W x",
     "Soltanolkotabi, Javanmard, Lee 2019 (arXiv 1707.04926 v3), Section 2", Tag::paper, ""},
    {"landscape.loss", "L(W) = (1/(2n)) sum_i (y_i - v^T (W x_i)^2)^2, r_i = f(x_i) - y_i",
     "Soltanolkotabi, Javanmard, Lee 2019 (arXiv 1707.04926 v3), Section 2", Tag::paper, ""},
    {"landscape.residual_matrix", "S/n = (1/n) sum_i r_i x_i x_i^T",
     "Soltanolkotabi, Javanmard, Lee 2019 (arXiv 1707.04926 v3), proof of Theorem 2.1", Tag::paper, ""},
    {"landscape.gradient", "grad_W L = 2 D_v W (1/n) sum_i r_i x_i x_i^T",
     "Soltanolkotabi, Javanmard, Lee 2019 (arXiv 1707.04926 v3), Section 6", Tag::paper, ""},
    {"landscape.gradient_general", "grad_W L = D_v ((1/n) sum_i r_i phi'(W x_i) x_i^T), here phi'(z) = 2z",
     "Soltanolkotabi, Javanmard, Lee 2019 (arXiv 1707.04926 v3), Section 5", Tag::paper, ""},
    {"landscape.hessian_form",
     "vec(U)^T grad^2 L vec(U) = (2/n) sum_i r_i x_i^T U^T D_v U x_i + (4/n) sum_i (x_i^T W^T D_v U x_i)^2",
     "derived from Soltanolkotabi, Javanmard, Lee 2019 (arXiv 1707.04926 v3), eq. (5.8) with phi = z^2 (the second derivative of t -> L(W + tU)); proofs/landscape.md#hessian-form", Tag::derived,
     "proofs/landscape.md#hessian-form"},
    {"landscape.hessian_form_general",
     "vec(U)^T grad^2 L vec(U) = (1/n) sum r_i sum_p v_p phi''(w_p.x_i)(u_p.x_i)^2 + (1/n) sum_i (sum_p v_p phi'(w_p.x_i)(u_p.x_i))^2",
     "Soltanolkotabi-Javanmard-Lee 2019, eq. (5.8)", Tag::paper, ""},
    {"landscape.hessian_form_recorded",
     "(6.4) as recorded: (2/n) sum r_i x_i^T U^T D_v U x_i + (2/n) sum (x_i^T W^T D_v U x_i)^2 (differs from the Hessian "
     "unless the W^T D_v U terms vanish)",
     "Soltanolkotabi, Javanmard, Lee 2019 (arXiv 1707.04926 v3), eq. (6.4) as recorded (factor 2/n against 4/n from (5.8); see proofs/landscape.md#hessian-form)", Tag::paper, ""},
    {"landscape.convex_reparametrisation", "M = W^T D_v W, so f(x) = x^T M x and L(W) = f(M)",
     "Soltanolkotabi-Javanmard-Lee 2019, Lemma 6.1", Tag::paper, ""},
    {"landscape.convex_loss", "f(M) = (1/(2n)) sum_i (x_i^T M x_i - y_i)^2, a convex quadratic in M",
     "Soltanolkotabi-Javanmard-Lee 2019, Lemma 6.1", Tag::paper, ""},
    {"landscape.optimality_certificate", "sum_i r_i x_i x_i^T = 0 implies W is a global minimiser of L",
     "Soltanolkotabi-Javanmard-Lee 2019, Lemma 6.1 and proof of Theorem 2.1", Tag::paper, ""},
    {"landscape.sym_least_squares",
     "with >= d positive and >= d negative entries of v, min_W L(W) = min over symmetric M of f(M) (exact normal equations; "
     "minimum-Frobenius-norm minimiser when not unique)",
     "derived (inertia: every symmetric M is W^T D_v W; cf. Soltanolkotabi, Javanmard, Lee 2019 (arXiv 1707.04926 v3), Lemma 6.1); proofs/landscape.md#sym-least-squares", Tag::derived, "proofs/landscape.md#sym-least-squares"},
    {"landscape.inertia_factor",
     "M = sum_j D_j q_j q_j^T (congruence over Q); w_l = sqrt(D_j/v_l) q_j for a v_l of the sign of D_j gives W^T D_v W = M",
     "derived (congruence over Q and Sylvester's law of inertia); proofs/landscape.md#inertia", Tag::derived, "proofs/landscape.md#inertia"},
    {"landscape.khatri_rao_rank",
     "rank(X*X) <= min(n, d(d+1)/2), with equality for generic X (Lemma 5.6 for n <= d(d+1)/2; the bound is necessary)",
     "Soltanolkotabi, Javanmard, Lee 2019 (arXiv 1707.04926 v3), Lemma 5.6; necessity derived: proofs/landscape.md#khatri-rao-rank", Tag::derived,
     "proofs/landscape.md#khatri-rao-rank"},
    {"landscape.case2_direction",
     "Case II: U = a b^T with W^T D_v a = 0 gives vec(U)^T grad^2 L vec(U) = 2 (a^T D_v a) b^T (S/n) b; a on S+ and "
     "b^T S b < 0 (or a on S- and b^T S b > 0) makes it negative",
     "Soltanolkotabi-Javanmard-Lee 2019, proof of Theorem 2.1, Case II", Tag::paper, ""},
    {"landscape.case2_rational_direction",
     "b = a row e_j of the congruence E S E^T = D with D_j of the needed sign: b^T S b = D_j, a rational direction",
     "derived (symmetric Gaussian elimination over Q); proofs/landscape.md#case2", Tag::derived, "proofs/landscape.md#case2"},
    {"landscape.case2_eigen",
     "with b a unit eigenvector of S/n for lambda_min (a on S+) or lambda_max (a on S-): value 2 (a^T D_v a) lambda, a "
     "certified ball (eigenvalues from the factored characteristic polynomial)",
     "Soltanolkotabi-Javanmard-Lee 2019, proof of Theorem 2.1 (b an eigenvector)", Tag::derived, "proofs/landscape.md#case2"},
    {"landscape.mu", "mu(sigma) = E phi'(sigma g), g ~ N(0, 1)", "Soltanolkotabi-Javanmard-Lee 2019, Assumption 2.3",
     Tag::paper, ""},
    {"landscape.gamma", "gamma(sigma) = E phi''(sigma g), g ~ N(0, 1)",
     "Soltanolkotabi-Javanmard-Lee 2019, Assumption 2.3", Tag::paper, ""},
    {"landscape.assumption23_symmetry",
     "softplus: mu = 1/2 and gamma > 0; sigmoid, tanh, erf: mu > 0 and gamma = 0; z^2: mu = 0, gamma = 2 (every sigma)",
     "Soltanolkotabi-Javanmard-Lee 2019, Example 2.4 (proved by symmetry and sign)", Tag::derived,
     "proofs/landscape.md#assumption-23"},
    {"landscape.mu_erf_closed_form", "for phi' = (2/sqrt pi) e^{-z^2/2}: mu(sigma) = (2/sqrt pi)/sqrt(1 + sigma^2)",
     "derived (Gaussian integral); proofs/landscape.md#assumption-23", Tag::derived, "proofs/landscape.md#assumption-23"},
    {"landscape.thm22_bound",
     "L(W) <= (eps_g/sqrt nu) max(sqrt(1 + 14 N_*), 4 eps_g/sqrt nu) + (eps_H/(2 nu)) N_*, probability >= 1 - 12 d "
     "e^{-gamma d} - 8/d (gamma a parameter)",
     "Soltanolkotabi-Javanmard-Lee 2019, Theorem 2.2", Tag::paper, ""},
    {"landscape.thm25_sample_range", "n <= c_0 sigma_min^4(W*)/sigma_max^8(W*) d^2 (c_0 a parameter)",
     "Soltanolkotabi-Javanmard-Lee 2019, Theorem 2.5 (2.3)", Tag::paper, ""},
    {"landscape.thm25_init_radius",
     "||W_0 - W*||_F <= C_0 (sigma_min^3/sigma_max) d^2.5/(n^1.5 k), ||v_0 - v*||_oo <= C_0 (sigma_min^3/sigma_max) "
     "d^2.5/(n^1.5 k^1.5)",
     "Soltanolkotabi-Javanmard-Lee 2019, Theorem 2.5 (2.4)-(2.5)", Tag::paper, ""},
    {"landscape.thm25_beta", "beta = C (sigma_max^2 + 1) k, alpha <= 1/beta; Lemma 7.14: beta = (3C^2 sigma_max^2 + 8 "
     "v_max^2 B L + 4 B^2 w_max^2 + 2 phi(0)^2) k",
     "Soltanolkotabi-Javanmard-Lee 2019, Theorem 2.5 and Lemma 7.14", Tag::paper, ""},
    {"landscape.thm25_radius", "R = (c/(4C')) sigma_min sqrt(d/n) (case (b): sigma_min -> 1)",
     "Soltanolkotabi-Javanmard-Lee 2019, Section 7.3", Tag::paper, ""},
    {"landscape.thm25_pl",
     "m_L = c^2 sigma_min^2 d^2/(2n), m_U = (9/2) C^2 sigma_max^2 k, m~_U = 4 phi(0)^2 + 128 B^2 + 128 B^2 w_max^2, path "
     "bound (4/m_L) sqrt(m_U L_0)",
     "Soltanolkotabi-Javanmard-Lee 2019, Lemma 7.12 and Section 7.3", Tag::paper, ""},
    {"landscape.thm25_rate",
     "L(v_tau, W_tau) <= (1 - c alpha d/n)^tau L_0 as stated; (1 - alpha m_L/2)^tau from Lemma 7.12 (d^2/n)",
     "Soltanolkotabi-Javanmard-Lee 2019, Theorem 2.5 and (7.59); inconsistency stated in proofs/landscape.md", Tag::paper,
     ""},
    {"landscape.sim_gd",
     "float64 gradient descent on (v, W) (or W only) of L = (1/(2n)) sum (y_i - v^T phi(W x_i))^2; planted data "
     "y = <v*, phi(W* x)>, x ~ N(0, I_d), W* ~ N(0, 1/d), v* = 1; init v_0 Rademacher, W_0 ~ N(0, 1/d)",
     "Soltanolkotabi-Javanmard-Lee 2019, Section 3 (step size, iterations and the global criterion unspecified: options)",
     Tag::reconstructed, "proofs/landscape.md#experiments"},
    {"landscape.logistic_fit",
     "p(x) = 1/(1 + exp(-(x - x_0)/s)) fitted by maximum likelihood to the per-draw outcomes; crossing x_0 with a "
     "percentile bootstrap interval over draws",
     "Soltanolkotabi-Javanmard-Lee 2019, Figs. 2-3 (the fitting method is not specified)", Tag::reconstructed,
     "proofs/landscape.md#experiments"},
    {"landscape.zero_rmse_ratio", "the least kd/n at which the final RMSE falls below the tolerance (random labels)",
     "Soltanolkotabi-Javanmard-Lee 2019, Fig. 4", Tag::reconstructed, "proofs/landscape.md#experiments"},
};

}  // namespace

std::span<const Formula> landscape_formulas() { return kFormulas; }

}  // namespace gdcert::landscape
