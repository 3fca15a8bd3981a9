// Landscape instances: the data file formats, the --v / --W text forms, and random rational instance generators of
// each kind (global minimum with zero or positive loss, strict saddle, non-stationary point).
//
// File formats (exact; numbers as "p/q", integers or finite decimals, never binary floats):
//   JSON  {"X": [[x_11, .., x_1d], ...], "y": [...], "v": [...] (optional), "W": [[...], ...] (optional)}
//         ("X_rows_x_i" is accepted for "X"); numbers are strings "p/q" / "0.25" or JSON integers.
//   CSV   one line per sample "x_1,...,x_d,y"; blank lines and lines starting with '#' are ignored.
// Vectors on the command line: "a,b,c"; matrices: rows separated by ';' ("1,0;0,1/2").
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "landscape/quadratic.hpp"

namespace gdcert::landscape {

/** Size limits (refused before allocation with resource_error): the exact certificate's cost grows like n k d + d^6. */
inline constexpr long kMaxSamples = 20000;
inline constexpr long kMaxDimension = 64;
inline constexpr long kMaxWidth = 1024;
/** The least squares over Sym(d) and rank(X*X) work on n x d(d+1)/2 and d^2 x n rational matrices. */
inline constexpr long kMaxLeastSquaresDimension = 16;
inline constexpr long kMaxLeastSquaresSamples = 2000;
/** resource_error unless the sizes are within the limits above (least_squares: the tighter ones). */
void require_sizes(long n, long d, long k, bool least_squares, const std::string& what);

/** A data set with an optional point read from a file. */
struct InstanceFile {
  Data data;
  std::optional<QVector> v;
  std::optional<QMatrix> W;
};

/** Reads a JSON (by extension .json or a leading '{') or CSV data file. input_error names the file and the defect. */
InstanceFile read_instance_file(const std::string& path);
/** Parses the same JSON text (what = a name for messages). */
InstanceFile parse_instance_json(const std::string& text, const std::string& what);
/** Parses the CSV text. */
InstanceFile parse_instance_csv(const std::string& text, const std::string& what);

/** "a,b,c" -> vector (input_error naming `what` and the bad entry). */
QVector parse_vector(const std::string& text, const std::string& what);
/** "a,b;c,d" -> matrix with equal row lengths. */
QMatrix parse_matrix(const std::string& text, const std::string& what);

/** The JSON text of an instance (numbers as "p/q" strings), readable by read_instance_file. */
std::string instance_json(const Data& data, const Point& p);

/** Kinds of generated instance. */
enum class InstanceKind { optimal_zero, optimal, saddle, nonstationary };
std::string_view to_string(InstanceKind k);
/** "optimal-zero", "optimal", "saddle", "nonstationary" (input_error otherwise). */
InstanceKind parse_instance_kind(const std::string& s);

struct GeneratedInstance {
  InstanceKind kind;
  Data data;
  Point point;
};

/**
 * A random rational instance of the requested kind (X integer entries in -3..3; v with d positive then d negative
 * entries first, magnitudes in {1/2, 1, 3/2, 2}; W entries a/2, |a| <= 4):
 *   optimal-zero: y = f(x) (loss 0, S = 0);
 *   optimal:      y = f(x) - e with e != 0 and sum e_i x_i x_i^T = 0 (S = 0, loss |e|^2/(2n) > 0): needs n > d(d+1)/2;
 *   saddle:       W = C B^T with rank B = d - 1 and labels making B^T S = 0, S != 0 (stationary, Case II): needs
 *                 n > d(d-1) + 1;
 *   nonstationary: random y.
 * Preconditions: k >= 2d, sizes within the limits, n large enough for the kind (input_error naming the bound).
 * Reproducible: the same (kind, n, d, k, seed) gives the same instance.
 */
GeneratedInstance generate_instance(InstanceKind kind, long n, long d, long k, std::uint64_t seed);

}  // namespace gdcert::landscape
