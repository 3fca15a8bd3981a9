// Cross-predictability entry points (`gdcert cp`): CP of a class; orbit statistics of a cube target (a spec or its
// level weights) under B_n and S_n, with the cost limits of the S_n group averages decided here; orbit statistics on
// the sphere under O(n); and the INAL => orbit-CP certificate.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "api/requests.hpp"
#include "api/result.hpp"
#include "exact/integer.hpp"
#include "exact/rational.hpp"

namespace gdcert::api {

/** CP of a class: parities:n=N[:k=K] (cp.all_parities / cp.parities_degree), random:n=N (cp.random), list:SPEC;... */
struct ClassCp {
  Params parameters;         // class
  std::string description;   // e.g. "CP (uniform degree-2 parities, n = 10)"
  Result cp;
  std::optional<Result> class_size;     // degree-k parities: C(n, k)
  std::optional<Result> budget_factor;  // degree-k parities: CP^(-1/4) = C(n,k)^(1/4), a ball at prec bits
};

/** Errors: input_error naming the class grammar (parities:n=N[:k=K], random:n=N, list:SPEC;SPEC;...). */
ClassCp class_cp(const std::string& klass, std::uint64_t seed, long prec);

/** The cost limits of the exact S_n statistics: CP_Sn averages over n! permutations, A_Sn factors a 2^n x 2^n charpoly. */
inline constexpr unsigned kMaxCpSnN = 9;
inline constexpr unsigned kMaxAlignSnN = 7;

/** The orbit statistics of a cube target. */
enum class OrbitStatistic { cp_bn, align_bn, cp_sn, align_sn };

/** A statistic the group asked for implicitly (--group all) and left out by its cost limit. */
struct SkippedStatistic {
  OrbitStatistic statistic;
  std::string reason;  // e.g. "the exact group average needs n <= 9 (cost n! 2^n)"
};

/**
 * Orbit statistics of a spec or of level weights W_0..W_n under req.group: Bn (closed forms), Sn (group averages,
 * a spec only) or all (both; an S_n statistic beyond its cost limit is skipped, with its reason).
 */
struct OrbitStats {
  Params parameters;        // spec (canonical) | level_weights, n, group
  std::string target;       // the canonical spec, or "level weights W" as given
  bool from_level_weights = false;
  unsigned n = 0;
  std::vector<Result> level_weights;  // W_0..W_n (walsh.level_weight)
  Result norm2;                       // ||f||^2 = sum_k W_k (walsh.parseval)
  Result cp_single;                   // CP of the single function = ||f||^4 (cp.single)
  std::optional<Result> cp_bn;        // group Bn | all: sum_j W_j^2/C(n,j) (cp.bn_closed)
  std::optional<Result> align_bn;     // group Bn | all: max_j W_j/C(n,j) (align.bn_closed)
  std::optional<Result> cp_sn;        // group Sn | all, a spec, n <= kMaxCpSnN (cp.group_average)
  std::optional<Result> align_sn;     // group Sn | all, a spec, n <= kMaxAlignSnN: exact, or a ball (align.group_average)
  /** With align_sn: its minimal polynomial over Q, integer coefficients, highest degree first (degree 1 when rational). */
  std::vector<Integer> align_sn_minimal_polynomial;
  std::vector<SkippedStatistic> skipped;
  /** What a reader needs beside the numbers, in order: skipped statistics, A_Sn as a root of its minimal polynomial. */
  std::vector<std::string> notes;
};

/**
 * Orbit statistics (req.spec or req.level_weights, req.group, req.seed, req.prec). Errors: usage_error (spec and
 * level weights both or neither), input_error (group outside Bn | Sn | all, malformed spec or weights, prec out of
 * range), domain_error (--group Sn with level weights), resource_error (--group Sn with n > kMaxCpSnN).
 */
OrbitStats orbit_stats(const CpRequest& req);

/**
 * One orbit statistic of req.spec or req.level_weights (the quantities cp.bn, align.bn, cp.sn, align.sn), never
 * skipped: beyond a cost limit it is a resource_error; S_n statistics of level weights are a domain_error.
 */
Result orbit_statistic(OrbitStatistic s, const CpRequest& req);

/** Orbit CP and alignment under O(n) on the sphere from spherical-harmonic level weights W_0..W_L. */
struct SphereStats {
  Params parameters;  // group = On, n, weights
  unsigned n = 0;
  std::vector<Result> weights;               // W_0..W_L
  Result cp;                                 // CP_O(n) = sum_l W_l^2/N(n,l) (cp.on_closed)
  Result alignment;                          // A_O(n) = max_l W_l/N(n,l) (cp.on_closed)
  std::vector<Result> harmonic_dimensions;   // N(n,l), l = 0..L (cp.harmonic_dimension)
};

/**
 * weights: "W0,W1,..." (rationals >= 0, "Q*count" repeats). Errors: input_error (n < 2, no weights, a negative or
 * malformed weight).
 */
SphereStats sphere_stats(unsigned n, const std::string& weights);

/** The INAL => orbit-CP certificate of a cube target with a first-layer neuron (proofs/inal.md#certificate). */
struct OrbitCertificate {
  Params parameters;          // certificate (init law), activation, bias, levels
  std::string activation, init, bias;  // canonical names of the neuron
  std::vector<unsigned> levels;        // J
  std::string levels_text;             // J as given ("0,1,2" by default)
  Result inal;                // INAL of the target with the neuron (inal.walsh_diagonal)
  Result first_term;          // INAL / min_J e_j (cp.inal_certificate)
  Result second_term;         // ||f||^2 max_{j not in J, W_j > 0} 1/C(n,j) (cp.inal_certificate)
  Result bound;               // the certified upper bound on CP_Bn (cp.inal_certificate)
  Result cp_bn;               // CP_Bn by the closed form, for comparison (cp.bn_closed)
  unsigned worst_level = 0;   // the j attaining the second term
  /** The second term is >= kVacuousThreshold: weight outside J that INAL does not control. */
  bool vacuous = false;
  std::string note;           // why it is vacuous ("" when valid)
};

/** The second term at which the certificate is flagged vacuous: 1/2. */
Rational certificate_vacuous_threshold();

/**
 * The certificate of req.spec or req.level_weights with the neuron (req.certificate_act, req.certificate_init,
 * req.certificate_bias) over the levels req.levels (default "0,1,2"). Errors: usage_error (no certificate law),
 * input_error (levels outside 0..n, malformed laws), domain_error (some e_j, j in J, not certainly positive).
 */
OrbitCertificate orbit_certificate(const CpRequest& req);

/** Everything `gdcert cp` computes: exactly one of klass, sphere, orbit; a certificate only beside orbit. */
struct CpResult {
  std::optional<ClassCp> klass;               // req.klass given
  std::optional<SphereStats> sphere;          // --group On
  std::optional<OrbitStats> orbit;            // otherwise
  std::optional<OrbitCertificate> certificate;  // req.certificate_init given
};

/** The verb: a class (req.klass), the sphere (req.group == "On"), or a cube target (with its certificate). */
CpResult cp(const CpRequest& req);

}  // namespace gdcert::api
