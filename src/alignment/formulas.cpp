// The formulas of the alignment module: INAL (paper 000), cross-predictability [AS20], G-alignment and MSP
// (paper 001). Tags: [paper] only for statements of the papers' abstracts.
#include <array>

#include "alignment/inal.hpp"

namespace gdcert::alignment {

namespace {
constexpr std::string_view kP000 = "Abbe, Cornacchia, Hazla, Marquis, ICML 2022 (arXiv 2202.12846)";
constexpr std::array kFormulas = {
    Formula{"inal.definition", "INAL(f, NN) = max_v E_Theta[<f, NN_Theta^(v)>^2] (max outside; raw correlation)",
            "Abbe, Cornacchia, Hazla, Marquis 2022 (ICML, arXiv 2202.12846), INAL definition (form reconstructed); proofs/inal.md#definition", Tag::reconstructed,
            "proofs/inal.md#definition"},
    Formula{"inal.max_inside", "variant E_Theta[max_v <f, NN^(v)>^2]; max_v E <= E max_v <= |V| max_v E",
            "Abbe, Cornacchia, Hazla, Marquis 2022 (ICML, arXiv 2202.12846), INAL definition (position of the max unknown); proofs/inal.md#variants", Tag::reconstructed,
            "proofs/inal.md#variants"},
    Formula{"inal.normalised", "variant E_Theta[<f, NN^(v)>^2] / E_Theta[||NN^(v)||^2]",
            "Abbe, Cornacchia, Hazla, Marquis 2022 (ICML, arXiv 2202.12846), INAL definition (normalisation unknown); proofs/inal.md#variants", Tag::reconstructed, "proofs/inal.md#variants"},
    Formula{"inal.kernel_form", "E_Theta <f, NN^(v)>^2 = <f, Sigma_v f>, Sigma_v(x,y) = E_Theta NN^(v)(x) NN^(v)(y)",
            "derived (exchange of expectations); proofs/inal.md#kernel-form", Tag::derived, "proofs/inal.md#kernel-form"},
    Formula{"inal.walsh_diagonal",
            "sign-symmetric i.i.d. first-layer law: Sigma_v = sum_S m_|S| chi_S(x) chi_S(y), m_k = (1/C(n,k)) 2^-n sum_h "
            "C(n,h) K_k(h) Sigma(h), E <f, NN^(v)>^2 = sum_k m_k W_k(f)",
            "derived (B_n invariance of the init law); proofs/inal.md#walsh-diagonal", Tag::derived, "proofs/inal.md#walsh-diagonal"},
    Formula{"inal.hamming_kernel",
            "Sigma(h) = E sigma(A + B + b) sigma(A - B + b), A = sum of n-h weights, B = sum of h weights (exact laws)",
            "derived (x = all ones, y flips h coordinates); proofs/inal.md#hamming-kernel", Tag::derived, "proofs/inal.md#hamming-kernel"},
    Formula{"inal.gaussian_kernel",
            "w ~ N(0, s2 I/n), b ~ N(0, beta2): Sigma(h) = kappa(V = s2 + beta2, Cov = s2 (1 - 2h/n) + beta2), kappa the dual kernel",
            "derived (pre-activations jointly Gaussian); proofs/inal.md#gaussian-kernel", Tag::derived, "proofs/inal.md#gaussian-kernel"},
    Formula{"inal.exact_zeros", "no bias: ReLU has m_k = 0 for odd k >= 3; odd activations (sign, erf) have m_k = 0 for even k",
            "derived (ReLU(t) = t/2 + |t|/2; odd activations); proofs/inal.md#exact-zeros", Tag::derived, "proofs/inal.md#exact-zeros"},
    Formula{"inal.expressivity", "e_k = C(n,k) m_k, the expected level-k Walsh weight of a neuron; sum_k e_k = E sigma^2",
            "derived; proofs/inal.md#expressivity", Tag::derived, "proofs/inal.md#expressivity"},
    Formula{"inal.k_expressive", "K-expressive proxy: min_{1<=k<=K} e_k >= n^-c",
            "Abbe, Cornacchia, Hazla, Marquis 2022 (ICML, arXiv 2202.12846) calls ReLU and sign expressive; exact definition unknown; proofs/inal.md#k-expressive", Tag::reconstructed,
            "proofs/inal.md#k-expressive"},
    Formula{"cp.definition", "CP(P_X, P_F) = E_{F,F'} (E_X F(X) F'(X))^2 = ||E_F F (x) F||_HS^2",
            "Abbe, Sandon 2020 (NeurIPS, arXiv 2001.02992): name and meaning; formula reconstructed; proofs/inal.md#cp", Tag::reconstructed,
            "proofs/inal.md#cp"},
    Formula{"cp.parities_degree", "uniform degree-k parities: CP = 1/C(n,k)", "Abbe, Sandon 2020 (NeurIPS, arXiv 2001.02992), abstract; proofs/inal.md#cp-classes",
            Tag::paper, "proofs/inal.md#cp-classes"},
    Formula{"cp.all_parities", "all 2^n parities: CP = 2^-n", "derived (orthonormality of characters); proofs/inal.md#cp-classes", Tag::derived,
            "proofs/inal.md#cp-classes"},
    Formula{"cp.random", "uniformly random Boolean function: CP = 2^-n", "derived (independent uniform signs); proofs/inal.md#cp-classes", Tag::derived,
            "proofs/inal.md#cp-classes"},
    Formula{"cp.single", "a single function f: CP = ||f||^4", "derived; proofs/inal.md#cp-classes", Tag::derived, "proofs/inal.md#cp-classes"},
    Formula{"cp.group_average", "CP_G(f) = E_{g,g'} <f∘g, f∘g'>^2 = E_g <f, f∘g>^2 = ||K_f||_HS^2",
            "Abbe, Boix-Adsera 2022 (NeurIPS, arXiv 2208.03113): orbit statistic, exact form reconstructed; proofs/equivariance.md#orbit-statistics",
            Tag::reconstructed, "proofs/equivariance.md#orbit-statistics"},
    Formula{"align.group_average", "A_G(f) = sup_{||phi|| = 1} E_g <phi, f∘g>^2 = lambda_max(K_f)",
            "Abbe, Boix-Adsera 2022 (NeurIPS, arXiv 2208.03113), 'G-alignment'; exact formula reconstructed; proofs/equivariance.md#orbit-statistics", Tag::reconstructed,
            "proofs/equivariance.md#orbit-statistics"},
    Formula{"cp.bn_closed", "CP_{B_n}(f) = sum_j W_j(f)^2 / C(n,j)", "derived (Schur; levels are irreducible); proofs/equivariance.md#bn-closed-form", Tag::derived,
            "proofs/equivariance.md#bn-closed-form"},
    Formula{"align.bn_closed", "A_{B_n}(f) = max_j W_j(f) / C(n,j)", "derived (Schur; levels are irreducible); proofs/equivariance.md#bn-closed-form", Tag::derived,
            "proofs/equivariance.md#bn-closed-form"},
    Formula{"cp.harmonic_dimension", "N(n,l) = dim H_l = C(n+l-1,l) - C(n+l-3,l-2)", "derived (standard count); proofs/equivariance.md#sphere",
            Tag::derived, "proofs/equivariance.md#sphere"},
    Formula{"cp.on_closed", "CP_{O(n)}(f) = sum_l W_l^2/N(n,l), A_{O(n)}(f) = max_l W_l/N(n,l)",
            "derived (Schur on spherical harmonics); proofs/equivariance.md#sphere", Tag::derived, "proofs/equivariance.md#sphere"},
    Formula{"cp.bn_le_sn", "CP_{B_n}(Orb f) <= CP_{S_n}(Orb f)", "derived (convexity of ||.||_HS); proofs/equivariance.md#bn-le-sn", Tag::derived,
            "proofs/equivariance.md#bn-le-sn"},
    Formula{"cp.inal_certificate",
            "CP_{B_n}(Orb f) <= ||f||^2 max( INAL / min_{j in J} e_j , ||f||^2 max_{j not in J, W_j > 0} 1/C(n,j) )",
            "derived (a reconstruction of the 'low INAL => high degree' chain of Abbe, Cornacchia, Hazla, Marquis 2022 (ICML, arXiv 2202.12846), not the paper's lemma); proofs/inal.md#certificate", Tag::derived,
            "proofs/inal.md#certificate"},
    Formula{"msp.definition", "MSP: the support orders as S_1..S_m with |S_i \\ (S_1 ∪ ... ∪ S_{i-1})| <= 1",
            "Abbe, Boix-Adsera, Misiakiewicz 2022 (COLT, arXiv 2202.08658); proofs/equivariance.md#msp", Tag::reconstructed, "proofs/equivariance.md#msp"},
    Formula{"msp.closure", "greedy closure: absorb any S with |S \\ U| <= 1; MSP iff all absorbed (order independent)",
            "derived; proofs/equivariance.md#msp", Tag::derived, "proofs/equivariance.md#msp"},
    Formula{"msp.leap", "Leap = min over orderings of max_i |S_i \\ U_{i-1}| = max of the greedy minima", "derived; proofs/equivariance.md#leap",
            Tag::derived, "proofs/equivariance.md#leap"},
    Formula{"msp.residual_bound",
            "E_{g in G'} <phi, r∘g>^2 <= m_S ||h||^2 max_S 1/C(d', |S \\ U|) for the part r not absorbed by the MSP closure",
            "Abbe, Boix-Adsera 2022 (NeurIPS, arXiv 2208.03113), MSP extension (mechanism reconstructed); proofs/equivariance.md#residual", Tag::reconstructed,
            "proofs/equivariance.md#residual"},
};
}  // namespace

std::span<const Formula> alignment_formulas() { return kFormulas; }

}  // namespace gdcert::alignment
