// Width-bound entry points (`gdcert width`, paper 003 and its baselines): the data set, H^inf, the certificates for
// lambda0 (exact LDL^T and exact lambda_min, or the certified enclosure), the NTK margins with the chain
// lambda0/n <= gamma_2^2 <= gamma <= gamma_2, and the width formulas side by side (evaluated and inverted).
// Every paper-003 constant is tagged `reconstructed` in the formula registry and said so in the documents.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "api/result.hpp"
#include "width/data.hpp"

namespace gdcert::api {

/** Largest n of the exact LDL^T in width_lambda (beyond it only the certified enclosure runs). */
inline constexpr std::size_t kMaxExactLdltN = 600;
/** Largest n of the simplex QP (width_margin): resource_error beyond. */
inline constexpr std::size_t kMaxMarginN = 400;

/** What `gdcert width <sub>` asks for. */
struct WidthRequest {
  std::string data = "24cell:reps";  // data spec (width/data.hpp)
  std::string labels;                // label spec ("" = none, or the file's labels)
  bool both_layers = false;          // add the arc-cosine term (trained output layer)
  unsigned finite_width = 0;         // `width gram`: also H(0) at a random init of this width (0 = no)
  bool coupled = true;               // coupled (default) or independent init for H(0)
  std::string method = "auto";       // lambda_min enclosure route: auto | cholesky | residual
  std::string delta = "1/10", eps = "1/10", eta = "1";
  long p = 4;                        // lambda0 exponent of mosw22.squared_width
  // explicit inputs of `width formulas` (override what the data give)
  std::optional<long> n;
  std::string lambda0, gamma;
  // `width invert`
  std::string formula = "mosw22.hoeffding_width";
  std::string invert_for = "n";
  std::string m;
  std::uint64_t seed = 0;
};

/** The data set of a request (labels applied). */
width::DataSet width_data(const WidthRequest& req);

struct WidthGram {
  Params parameters;
  std::size_t n = 0, d = 0;
  bool exact = false;
  std::vector<std::vector<Result>> entries;  // width.h_inf_entry (+ width.arccos_term)
  std::vector<std::vector<Result>> finite;   // H(0) at one init (floats; width.finite_gram), when asked
  std::optional<Result> finite_deviation;    // |H(0) - H^inf|_2 (float)
};
WidthGram width_gram(const WidthRequest& req, long prec);

struct WidthLambda {
  Params parameters;
  std::size_t n = 0;
  bool exact = false;
  // exact route
  std::vector<Result> pivots;          // width.ldlt
  std::string verdict;                 // positive definite | positive semidefinite, singular | not positive semidefinite
  std::optional<std::size_t> first_zero_pivot;
  std::size_t rank = 0;
  std::optional<Result> min_pivot;
  std::size_t max_pivot_numerator_bits = 0;
  std::optional<Result> lambda0_exact;       // width.lambda_min_exact (exact, or a ball with its minimal polynomial)
  std::vector<std::string> minimal_polynomial;
  // certified enclosure (always)
  Result lower, upper, lambda0_enclosure;    // width.lambda_min_enclosure
  double enclosure_width = 0, approx = 0;
  std::string method;
  Result lambda0;                            // the best: exact value, or the enclosure
  std::optional<Result> os20_lower;          // delta_sep/(100 n^2) (os20.lambda_lower), unit data only
};
WidthLambda width_lambda(const WidthRequest& req, long prec);

/** One link of the margin chain, decided exactly or on balls (yes | no | undecided). */
struct ChainLink {
  std::string statement;
  Result lhs, rhs;
  Verdict holds = Verdict::undecided;
};

struct WidthMargin {
  Params parameters;
  std::size_t n = 0;
  bool exact = false;
  Result gamma2_squared;               // width.gamma2_squared
  Result gamma2;                       // sqrt (ball)
  std::vector<Result> q;               // q*
  std::vector<std::size_t> support;
  std::vector<Result> Aq;              // margins of the witness (D_y H D_y q*)_j
  Result witness;                      // min_j (A q*)_j (width.margin_chain)
  Result witness_norm_bound;           // sum q* = 1 bounds sup_z |v(z)|
  Result lambda0_over_n;
  std::vector<int> labels;
  bool kkt_verified = false;
  std::string method;
  std::vector<ChainLink> chain;
  std::optional<Result> linear_margin_squared;  // gamma_bar^2 (width.linear_margin)
  std::optional<Result> linear_gamma_lower;     // gamma_bar/2 <= gamma
};
WidthMargin width_margin(const WidthRequest& req, long prec);

struct WidthFormulaRow {
  Result width;          // the formula's required width
  std::string name, depends;
  Result ratio;          // width / coupled Hoeffding width
};
struct WidthFormulas {
  Params parameters;
  long n = 0;
  Result lambda0, gamma;  // the inputs used (from the data, or given)
  std::string lambda0_source, gamma_source;
  std::vector<WidthFormulaRow> rows;
  Result du19_step, du19_rate;
  std::optional<Result> jt20_lambda;
  std::optional<Result> jt20_steps;
};
WidthFormulas width_formulas(const WidthRequest& req, long prec);

struct WidthInversion {
  Params parameters;
  std::string formula, variable;
  Rational m;
  Result value;  // the largest n, or the smallest gamma / lambda0 (a ball)
};
WidthInversion width_invert(const WidthRequest& req, long prec);

}  // namespace gdcert::api
