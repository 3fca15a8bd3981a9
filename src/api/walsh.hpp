// Walsh entry points: the exact Fourier–Walsh data of a function given by a spec, as Results with formula ids, and
// the integer coefficient array itself (contiguous, so that Python's numpy views it without a copy).
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "api/requests.hpp"
#include "api/result.hpp"
#include "boolean/pbiased.hpp"
#include "boolean/walsh.hpp"

namespace gdcert::api {

/**
 * The exact spectrum of one function: fhat(S) = c_S / denominator() with integers c_S in mask order (bit j-1 of the
 * mask is coordinate j; the denominator is 2^n for a ±1 function, 2^n times the lcm of the value denominators
 * otherwise). The c_S are one contiguous 64-byte-aligned array of int32 or int64 (transform_bits() 32 or 64) when
 * they fit, else big integers (transform_bits() 0, no machine-integer array).
 * Immutable once built (the level weights are computed at construction): every member may be called from several
 * threads at once.
 * Example:
 *     WalshSpectrum s = walsh_spectrum("majority:n=3");
 *     s.level_weights()[1].value.exact().str();   // "3/4" (formula walsh.level_weight)
 *     s.numerators_int32();                        // {0, 4, 4, 0, 4, 0, 0, -4} over denominator 8
 */
class WalshSpectrum {
 public:
  /** spec (canonical, every default filled in) and n. */
  const Params& parameters() const { return parameters_; }
  const std::string& canonical() const { return canonical_; }
  unsigned n() const { return spectrum_.n(); }
  /** 2^n, the number of coefficients. */
  std::uint64_t size() const { return std::uint64_t{1} << spectrum_.n(); }
  /** ±1-valued (the spec's values), as opposed to rational-valued. */
  bool is_boolean() const { return boolean_; }
  /** The integer width of the transform: 32, 64, or 0 for big integers. */
  int transform_bits() const { return spectrum_.transform_bits(); }
  const Integer& denominator() const { return spectrum_.denominator(); }
  /** The numerators c_S as one contiguous array when transform_bits() is 32 (resp. 64); empty otherwise. */
  std::span<const std::int32_t> numerators_int32() const { return spectrum_.numerators_int32(); }
  std::span<const std::int64_t> numerators_int64() const { return spectrum_.numerators_int64(); }
  /** c_S of the set with this mask (any width). Precondition: mask < 2^n, else domain_error. */
  Integer numerator(std::uint64_t mask) const { return spectrum_.numerator(mask); }

  /** fhat(S) read from the transform (walsh.fwht). Precondition: mask < 2^n, else domain_error. */
  Result coefficient(std::uint64_t mask) const;
  /** W_0 .. W_n (walsh.level_weight). */
  std::vector<Result> level_weights() const;
  /** E[f] = fhat({}) (walsh.coefficient). */
  Result mean() const;
  /** E[f^2] = sum_k W_k (walsh.parseval). */
  Result mean_square() const;
  /** Inf_1 .. Inf_n (walsh.influence); O(n 2^n), computed at each call. */
  std::vector<Result> influences() const;
  /** I(f) = sum_k k W_k (walsh.total_influence). */
  Result total_influence() const;
  /** Stab_rho = sum_k rho^k W_k (walsh.noise_stability). Precondition: -1 <= rho <= 1, else domain_error. */
  Result noise_stability(const Rational& rho) const;
  /** max |S| with fhat(S) != 0, -1 for the zero function (walsh.degree). */
  Result degree() const;
  /** The number of nonzero coefficients (a count: no formula). */
  std::uint64_t support_size() const { return spectrum_.support_size(); }

  /** The domain object (for code that needs more than the above). */
  const boolean::Spectrum& spectrum() const { return spectrum_; }

 private:
  WalshSpectrum() = default;
  friend WalshSpectrum walsh_spectrum(const boolean::CubeFunction& f, const std::string& canonical, unsigned threads);
  Params parameters_;
  std::string canonical_;
  bool boolean_ = true;
  boolean::Spectrum spectrum_;
  std::vector<Rational> level_weights_;
};

/**
 * The spectrum of the function `spec` denotes (random specs draw from `seed` unless they name theirs) by one fast
 * transform on `threads` threads (0 = all cores; the result never depends on it).
 * Errors: input_error (malformed spec), resource_error (2^n coefficients do not fit the memory allowed).
 */
WalshSpectrum walsh_spectrum(const std::string& spec, std::uint64_t seed = 0, unsigned threads = 1);
/** The same for a parsed function; `canonical` is recorded as its spec. */
WalshSpectrum walsh_spectrum(const boolean::CubeFunction& f, const std::string& canonical, unsigned threads = 1);

/** What `gdcert walsh` computes for a request. */
struct WalshResult {
  Params parameters;      // spec (canonical), n
  std::string canonical;  // the canonical spec
  unsigned n = 0;
  bool is_boolean = true;
  /** req.coeff_sets in order: (mask, fhat(S)) each by one pass over the table, without a transform (walsh.coefficient). */
  std::vector<std::pair<std::uint64_t, Result>> coefficients;
  /** req.stability in order: (rho, Stab_rho) (walsh.noise_stability); empty without a spectrum. */
  std::vector<std::pair<Rational, Result>> stability;
  /** The full spectrum, unless the request asks only for single coefficients (req.coeff_sets and nothing else). */
  std::optional<WalshSpectrum> spectrum;

  /** --table (every point, up to 2^20) and --eval x (in order): (table index, f(x)) (exact; raw data, no formula). */
  std::vector<std::pair<std::uint64_t, Result>> values;
  /** --anf (Boolean only): the ANF's monomials (masks, ascending) and the GF(2) degree beside the Fourier degree. */
  struct Anf {
    std::vector<std::uint64_t> monomials;
    Result algebraic_degree;  // boolean.algebraic_degree (-1 for f = +1)
    Result fourier_degree;    // walsh.degree
  };
  std::optional<Anf> anf;
  /** --criteria (Boolean only): what W_f decides (boolean.nonlinearity, boolean.correlation_immunity, boolean.bent). */
  struct Criteria {
    Result max_abs_walsh;        // max_a |W_f(a)| (boolean.walsh_hadamard)
    Result nonlinearity;         // boolean.nonlinearity
    bool balanced = false;       // boolean.balanced
    Result correlation_immunity; // boolean.correlation_immunity
    Result resiliency;           // -1 when not balanced
    bool bent = false, near_bent = false, semi_bent = false;  // boolean.bent
    std::optional<Result> plateau;  // the common nonzero |W_f| when plateaued
    std::vector<std::pair<std::int64_t, std::uint64_t>> histogram;  // W_f value, count (ascending value)
  };
  std::optional<Criteria> criteria;
  /** --autocorrelation (Boolean only, n <= 30): Delta_f and its indicators (boolean.autocorrelation). */
  struct Autocorrelation {
    std::vector<std::int64_t> delta;  // Delta_f(u) in mask order
    Result absolute_indicator, sum_of_squares, propagation_criterion;
    std::vector<std::uint64_t> linear_structures;
  };
  std::optional<Autocorrelation> autocorrelation;
  /** --algebraic-immunity (Boolean, n <= 12): AI and annihilators of degree AI of g and/or g + 1 (ANF masks), each
   *  verified by evaluation (boolean.algebraic_immunity). */
  struct AlgebraicImmunity {
    Result ai;
    std::optional<std::vector<std::uint64_t>> annihilator_of_f, annihilator_of_complement;
  };
  std::optional<AlgebraicImmunity> algebraic_immunity;
  /** --derivative u (in order): D_u f (boolean.derivative) with its canonical spec, E[D_u f] = Delta_f(u)/2^n, its
   *  weight #{x : D_u f(x) = -1} and algebraic degree (Boolean f), and its table as bits when n <= 6. */
  struct Derivative {
    std::uint64_t u = 0;
    std::string canonical;
    Result mean, weight, algebraic_degree;
    std::string bits;  // b(D_u f) at indices 0..2^n-1, n <= 6; empty otherwise
  };
  std::vector<Derivative> derivatives;
  /** --bias p: the p-biased analysis (boolean.pbiased.*); --stability rho values also under mu_p. */
  std::optional<boolean::PBiasedSpectrum> pbiased;
  std::vector<std::pair<Rational, Result>> pbiased_stability;
};

/**
 * The Walsh data `req` asks for. Every request is validated before the (possibly long) transform.
 * Errors: input_error (malformed spec, rho or set, a set index outside [1, n]), domain_error (rho outside [-1, 1]),
 * resource_error (memory).
 */
WalshResult walsh(const WalshRequest& req);

}  // namespace gdcert::api
