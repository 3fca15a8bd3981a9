// Initial alignment (INAL) of a target with the neurons of a network at initialisation, exact or as balls.
//
// INAL(f, NN) = max_v E_Theta[<f, NN_Theta^(v)>^2]  (proofs/inal.md#definition, formula inal.definition), with the max
// outside the expectation by default; options: the max inside (E_Theta max_v), and the normalised variant
// (divide by E_Theta ||NN^(v)||^2). Three routes:
//   diagonal-exact     first-layer neuron, sign-symmetric finite weight law: the Hamming kernel Sigma(h) from exact
//                      distributions of sums, then m_k by the Krawtchouk sum (inal.walsh_diagonal);
//   diagonal-gaussian  first-layer neuron, Gaussian weights (and optional Gaussian bias): Sigma(h) = dual kernel
//                      at the effective correlation (inal.gaussian_kernel), balls;
//   enumeration        any finite weight and bias laws (symmetric or not), neurons of any layer of a tiny net:
//                      exact average over every parameter configuration (inal.definition itself).
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "alignment/law.hpp"
#include "boolean/cube_function.hpp"
#include "exact/ball.hpp"
#include "exact/formula.hpp"
#include "exact/rational.hpp"
#include "exact/value.hpp"

namespace gdcert::alignment {

/**
 * Sigma(h) = E_{w,b}[sigma(w.x + b) sigma(w.y + b)] for x, y at Hamming distance h = 0..n, first-layer neuron,
 * i.i.d. finite weight law (any law: Sigma depends on h only when the law is sign-symmetric, which the caller
 * checks) and an independent finite bias law (in pre-activation units). sign0 is sign(0) in {-1, 0, 1}.
 * Guarantee:    exact.
 * Method:       exact laws of A = sum of n-h entries and B = sum of h entries (x = all ones, y flips h
 *               coordinates), Sigma(h) = E sigma(A+B+b) sigma(A-B+b); cost O(n * |supp A| * |supp B| * |bias|).
 * Formula:      inal.hamming_kernel (proofs/inal.md#hamming-kernel).
 * Precondition: finite laws (domain_error), sums fitting int64 (overflow_error).
 */
std::vector<Rational> hamming_kernel_exact(unsigned n, ExactActivation act, const WeightLaw& w, const BiasLaw& b,
                                           int sign0 = 1);

/**
 * m_k = (1/C(n,k)) 2^-n sum_h C(n,h) K_k(h) Sigma(h), k = 0..n (the Walsh eigenvalues of a Hamming kernel).
 * Guarantee: exact / encloses.   Formula: inal.walsh_diagonal (proofs/inal.md#walsh-diagonal).
 */
std::vector<Rational> walsh_eigenvalues_exact(unsigned n, std::span<const Rational> sigma_h);
std::vector<Ball> walsh_eigenvalues_ball(unsigned n, std::span<const Ball> sigma_h, slong prec);

/** E[sigma(u) sigma(v)], Var u = Var v = var, Cov = cov: the dual kernel of an activation, as a ball. */
using GaussianKernel = std::function<Ball(const Ball& var, const Ball& cov, slong prec)>;

/** Walsh eigenvalues of a first-layer neuron: m_k, e_k = C(n,k) m_k, and E[sigma^2] = sum_k e_k. */
struct NeuronSpectrum {
  unsigned n = 0;
  std::vector<Value> m;
  std::vector<Value> e;
  Value second_moment;
  std::string route;               // "diagonal-exact" | "diagonal-gaussian"
  std::vector<bool> structural_zero;  // m_k = 0 by activation parity (inal.exact_zeros)
};

/**
 * First-layer neuron, sign-symmetric finite weight law, finite bias law: exact m_k.
 * Precondition: w sign-symmetric, else domain_error naming the enumeration route (proofs/inal.md#walsh-diagonal: the
 * Walsh-diagonal identity fails for asymmetric laws).
 */
NeuronSpectrum neuron_spectrum_exact(unsigned n, ExactActivation act, const WeightLaw& w, const BiasLaw& b,
                                     int sign0 = 1);

/**
 * First-layer neuron, Gaussian weights N(0, s2/n), bias none or N(0, beta2): m_k as balls with relative accuracy
 * goal_bits (absolute 2^-goal_bits where m_k may be 0). `odd_activation`/`even_part_affine` mark exact zeros:
 * bias-free odd activations have m_k = 0 for even k; bias-free ReLU (affine + even) for odd k >= 3.
 * Precondition: n >= 1; accuracy reachable below max_prec, else precision_error.
 * Formula:      inal.gaussian_kernel, inal.walsh_diagonal, inal.exact_zeros.
 */
enum class Parity { none, odd, affine_plus_even, constant_plus_odd };
NeuronSpectrum neuron_spectrum_gaussian(unsigned n, const GaussianKernel& kernel, Parity parity, const WeightLaw& w,
                                        const BiasLaw& b, slong goal_bits);

/**
 * The dual kernel of a named activation for the Gaussian route (relu, sign, erf, step, arccos:p, ... as known to
 * src/kernels), with the activation's parity class for exact zeros. input_error for unknown names.
 */
GaussianKernel gaussian_kernel_for(std::string_view activation, Parity* parity);

/** INAL of f for one neuron with Walsh eigenvalues m: sum_k m_k W_k(f). Exact if every m_k is. */
Value inal_from_spectrum(const NeuronSpectrum& s, std::span<const Rational> level_weights, slong prec);

/** A fully connected net for the enumeration route: hidden widths (first layer first) and their activations. */
struct Net {
  std::vector<unsigned> widths;              // e.g. {2, 1}: two first-layer neurons, one second-layer neuron
  std::vector<ExactActivation> activations;  // one per layer
};

/** Per-layer results of the enumeration route (all neurons of a layer are exchangeable: neuron 0 is reported). */
struct EnumerationResult {
  std::vector<Rational> mean_square;  // E[<f, NN^(v)>^2] for a neuron v of each layer
  std::vector<Rational> mean_norm;    // E[||NN^(v)||^2]
  std::optional<Rational> max_inside;  // E[max_v <f, NN^(v)>^2] over all neurons (when requested)
  std::uint64_t configurations = 0;
};

/**
 * Exact average over every configuration of the finite weight and bias laws of a tiny net on n inputs.
 * Guarantee:    exact.  Formula: inal.definition (proofs/inal.md#definition).
 * Precondition: finite laws (domain_error: Gaussian laws need the diagonal-gaussian route);
 *               configurations * 2^n * neurons <= 2^32 (resource_error stating the cost);
 *               integer sums fit int64 (overflow_error).
 */
EnumerationResult inal_enumerate(const boolean::CubeFunction& f, const Net& net, const WeightLaw& w, const BiasLaw& b,
                                 bool max_inside, int sign0 = 1);

/** Kernel value E_w[sigma(w.x + b) sigma(w.y + b)] at two points (table indices), first-layer neuron, by enumeration. */
Rational kernel_entry_exact(unsigned n, std::uint64_t x, std::uint64_t y, ExactActivation act, const WeightLaw& w,
                            const BiasLaw& b, int sign0 = 1);

/** The formulas of the alignment module (INAL, CP, alignment, MSP). */
std::span<const Formula> alignment_formulas();

/** Parses level weights "W0,W1,..." with "Q*count" repetition (e.g. "0*50,1"); input_error if malformed or negative. */
std::vector<Rational> parse_level_weights(const std::string& text);

/**
 * The Walsh eigenvalues of a first-layer neuron by the route its law allows: the dual kernel for a Gaussian law
 * (balls at prec bits, route "diagonal-gaussian"), the exact Hamming kernel for a finite law ("diagonal-exact").
 */
NeuronSpectrum first_layer_spectrum(unsigned n, const std::string& act, const WeightLaw& w, const BiasLaw& b, int sign0,
                                    long prec);

}  // namespace gdcert::alignment
