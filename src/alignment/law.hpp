// Initialisation laws of first-layer weights and biases, and the activations of the exact INAL routes.
//
// Conventions (README "INAL"): weights are i.i.d. w_i = (s / sqrt(fan_in)) * u_i with u_i from the law's atoms
// (finite laws) or u_i ~ N(0,1) (Gaussian); so Rademacher is w_i = ±s/sqrt(n). A finite bias law is given in
// units of the pre-activation scale s/sqrt(fan_in) of its layer (b = 1 puts a first-layer ReLU kink on the
// lattice of sums of ±1/sqrt(n)); this keeps every exact value rational (ReLU is positively homogeneous and
// sign is scale invariant). A Gaussian bias N(0, beta2) is absolute.
#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "exact/rational.hpp"

namespace gdcert::alignment {

/** One atom of a finite law: value and probability. */
struct Atom {
  Rational value;
  Rational prob;
};

/**
 * Law of the i.i.d. weight entries u_i (w_i = (s/sqrt(fan_in)) u_i).
 * Spec: "gaussian[:s2=Q]" | "rademacher[:s2=Q]" | "finite:v1@p1,v2@p2,...[;s2=Q]" (probabilities exact and
 * summing to 1; values rational).
 */
struct WeightLaw {
  enum class Kind { gaussian, finite };
  Kind kind = Kind::gaussian;
  Rational s2{1};           // s^2
  std::vector<Atom> atoms;  // finite only, values distinct, probabilities > 0
  /** u =_d -u (Gaussian; finite laws whose atoms are symmetric with equal probabilities). */
  bool sign_symmetric() const;
  std::string name() const;
};

/**
 * Law of the biases (independent of the weights).
 * Spec: "none" | "gaussian:beta2=Q" (absolute variance) | "const:v" | "rademacher:v" (±v) |
 * "finite:v1@p1,..." (values in units of the layer's pre-activation scale s/sqrt(fan_in)).
 */
struct BiasLaw {
  enum class Kind { none, gaussian, finite };
  Kind kind = Kind::none;
  Rational beta2{0};
  std::vector<Atom> atoms;
  std::string name() const;
};

/** Activations with exact routes: ReLU (positively homogeneous) and sign (scale invariant). */
enum class ExactActivation { relu, sign };
/** "relu" | "sign". Precondition: known name, else input_error listing them. */
ExactActivation parse_exact_activation(std::string_view text);
std::string_view to_string(ExactActivation a);

/** Precondition: well-formed spec, probabilities in (0,1] summing to 1, else input_error with the reason. */
WeightLaw parse_weight_law(std::string_view text);
BiasLaw parse_bias_law(std::string_view text);

/** The Rademacher law ±1 with probability 1/2 each (s2 = 1). */
WeightLaw rademacher_law();

}  // namespace gdcert::alignment
