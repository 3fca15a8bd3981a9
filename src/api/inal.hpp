// INAL entry points: a target's initial alignment with a network at initialisation (route chosen here), and the
// expressivity profile of a first-layer neuron with the certified K-expressive verdict.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "api/requests.hpp"
#include "api/result.hpp"

namespace gdcert::api {

/** The expressivity profile m_k, e_k = C(n,k) m_k of a first-layer neuron (req.profile, req.n, act, init, bias). */
struct InalProfile {
  Params parameters;  // n, activation, init, bias, route
  unsigned n = 0;
  std::string route;  // "diagonal-exact" | "diagonal-gaussian"
  std::vector<Result> m, e;             // k = 0..n (inal.walsh_diagonal, inal.expressivity)
  std::vector<bool> structural_zero;    // inal.exact_zeros
  Result second_moment;                 // E||NN||^2 = sum_k e_k
  /** With req.K > 0: min_{1<=k<=K} e_k >= n^-c decided on balls (inal.k_expressive). */
  struct KExpressive {
    unsigned K = 0;
    Rational c;
    unsigned witness = 1;  // "no": a k with e_k certainly below n^-c; otherwise the k of least lower endpoint
    Result witness_e;
    Result threshold;      // n^-c
    Verdict verdict = Verdict::undecided;
  };
  std::optional<KExpressive> k_expressive;
};

/** INAL of a target (req.spec or req.level_weights) with the network req.net. */
struct InalResult {
  Params parameters;      // spec (canonical) | level_weights, n, net, activation, init, bias, max, normalised
  std::string canonical;  // the target's canonical spec ("" with level weights)
  std::string route;      // "diagonal-exact" | "diagonal-gaussian" | "enumeration"
  Result inal;            // max_v E<f, NN^(v)>^2 (inal.definition; inal.walsh_diagonal on the diagonal routes)
  std::optional<Result> second_moment;  // diagonal: E||NN^(v)||^2 = sum_k e_k
  std::optional<Result> normalised;     // with req.normalised
  std::optional<Result> max_inside;     // enumeration with req.max == "inside": E max_v <f, NN^(v)>^2
  unsigned best_layer = 1;              // enumeration: the layer attaining the max
  std::uint64_t configurations = 0;     // enumeration: parameter configurations averaged
  // Diagonal route: W_k(f), m_k, e_k for k = 0..n.
  std::vector<Result> level_weights, m, e;
  // Enumeration: per layer, its activation, E<f, NN^(v)>^2 and E||NN^(v)||^2.
  std::vector<std::string> layer_activations;
  std::vector<Result> layer_mean_square, layer_mean_norm;
};

/**
 * The expressivity profile. Errors: input_error (malformed laws, n < 1), domain_error (activation outside the
 * route's domain), precision/resource errors from the kernels.
 */
InalProfile inal_profile(const InalRequest& req);

/**
 * INAL of a target. Route policy (req.route = auto): enumeration for deep nets, for the max inside the expectation
 * and for asymmetric finite laws; otherwise the Walsh-diagonal route (exact for finite laws, balls at req.prec bits
 * for Gaussian ones). Errors: usage_error (spec and level weights both or neither), input_error, domain_error
 * (route diagonal asked where it does not apply).
 */
InalResult inal(const InalRequest& req);

}  // namespace gdcert::api
