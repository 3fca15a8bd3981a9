// Data sets of the width module (paper 003): rational points in R^d with optional ±1 labels, from generators or files.
//
// Data specs (one grammar, parse_data_spec):
//   24cell[:all]            the 24 vertices of the 24-cell, order ±e_1, ±e_2, ±e_3, ±e_4, then (±1/2)^4 in
//                           lexicographic sign order (+ before -)
//   24cell:reps             12 representatives: e_1..e_4, then (1/2, ±1/2, ±1/2, ±1/2) lexicographically
//   24cell:idx=i,j,...      a subset of the 24 vertices (0-based indices into the `all` order)
//   sphere:n=N:d=D[:seed=S][:h=H]   random rational unit vectors by inverse stereographic projection
//                           x = (2t, |t|^2 - 1)/(|t|^2 + 1), t_i = a/b, a uniform in -H..H (default 4), b in 1..3;
//                           points with rho = ±1 to an earlier point are redrawn
//   antipodal:n=N:d=D[:seed=S]      N/2 sphere points each followed by its antipode (N even)
//   droots:k=K[:count=N]    representatives of the D_K root system: e_i + e_j and e_i - e_j (i < j), norm sqrt 2,
//                           inner-product ratios in {0, ±1/2, ±1}; the first N of them (default all K(K-1))
//   points:x1,x2,..;y1,y2,..  inline points (rows separated by ';', coordinates by ',')
//   file:PATH               a text file: one point per line, coordinates separated by commas or whitespace
//                           (rationals "p/q" or decimals, read exactly), an optional label after '|'; '#' comments.
//                           A file ending in .json holds {"points": [[...], ...], "labels": [...]} (strings or numbers)
// Label specs (parse_label_spec): alt (+1, -1, +1, ...), random[:seed=S], separable:u=u1,...,ud (y = sign(u.x),
//   sign(0) = +1; u is kept as the separator), list:+1,-1,... (or a string of + and -), file (the labels of a file).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "exact/rational.hpp"
#include "exact/rng.hpp"

namespace gdcert::width {

using Point = std::vector<Rational>;

/** Largest number of points and dimension accepted (refused with resource_error / input_error beyond). */
inline constexpr std::size_t kMaxPoints = 4000;
inline constexpr std::size_t kMaxDim = 4096;

struct DataSet {
  std::vector<Point> points;
  std::vector<int> labels;         // ±1; empty = unlabelled
  std::optional<Point> separator;  // u of a separable:u=... labelling
  std::string spec;                // the canonical data spec
  std::string label_spec;          // the canonical label spec ("" = none)
  std::size_t size() const { return points.size(); }
  std::size_t dim() const { return points.empty() ? 0 : points.front().size(); }
};

/**
 * The points of a data spec (labels only for files that carry them).
 * Errors: input_error for a malformed spec or file, mixed dimensions, a zero vector; resource_error beyond kMaxPoints.
 */
DataSet parse_data_spec(std::string_view spec, std::uint64_t default_seed);

/** Attaches labels from a label spec (input_error when malformed or of the wrong length). */
void apply_label_spec(DataSet& data, std::string_view spec, std::uint64_t default_seed);

/** x.y exactly. Precondition: equal lengths (domain_error). */
Rational dot(const Point& x, const Point& y);

/** The 24 vertices of the 24-cell in the documented order. */
std::vector<Point> cell24_vertices();
/** The 12 representatives in the documented order. */
std::vector<Point> cell24_representatives();

/** A random rational unit vector in R^d by inverse stereographic projection (t_i = a/b as documented). */
Point stereographic_point(Rng& rng, std::size_t d, long h);

/** The data set as text: one line "x1,x2,...,xd | y" per point (re-readable by file:). */
std::string data_text(const DataSet& data);

}  // namespace gdcert::width
