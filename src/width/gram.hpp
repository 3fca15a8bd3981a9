// The infinite-width NTK Gram matrix H^inf of a two-layer ReLU network (only the hidden layer W trained; Du et al.
// 2019, Assumption 3.1) and, optionally, the arc-cosine term of a trained output layer.
//
//   H^inf_ij = E_{w ~ N(0, I)}[ x_i.x_j 1{w.x_i >= 0, w.x_j >= 0} ] = x_i.x_j (pi - theta_ij)/(2 pi),
//   theta_ij = arccos(rho_ij), rho_ij = x_i.x_j/(|x_i| |x_j|)                       (width.h_inf_entry, general norms)
//   K_ij = E[relu(w.x_i) relu(w.x_j)] = (|x_i||x_j| sin theta + (pi - theta) x_i.x_j)/(2 pi)   (width.arccos_term)
//
// Exact entries: P(both half-spaces) = (pi - theta)/(2 pi) is rational exactly when rho is in {0, ±1/2, ±1}
// (1/4, 1/3, 1/6, 1/2, 0), so H^inf is an exact rational matrix for such data (24-cell subsets, D_k roots) whatever
// the norms; otherwise the entries are Arb balls. The arc-cosine term is rational only at rho = ±1.
#pragma once
#include <optional>
#include <vector>

#include "exact/ball.hpp"
#include "exact/ball_matrix.hpp"
#include "exact/formula.hpp"
#include "exact/rational_matrix.hpp"
#include "width/data.hpp"

namespace gdcert::width {

/**
 * H^inf entry for unit inputs with inner product rho, exact when rho is in {0, ±1/2, ±1}.
 * Precondition: -1 <= rho <= 1 (domain_error). Formula: width.h_inf_entry.
 * Example: h_inf_entry_exact(Rational(-1, 2)) == Rational(-1, 12)
 */
std::optional<Rational> h_inf_entry_exact(const Rational& rho);
/** The same as a ball (any rational rho in [-1, 1]). Guarantee: ball containing rho (pi - arccos rho)/(2 pi). */
Ball h_inf_entry_ball(const Rational& rho, slong prec);

/** The general-norm entry of points x, y (non-zero), exact when rho(x, y) is in {0, ±1/2, ±1}. */
std::optional<Rational> h_inf_entry_exact(const Point& x, const Point& y);
/** The general-norm entry as a ball. */
Ball h_inf_entry_ball(const Point& x, const Point& y, slong prec);

/** The arc-cosine term E[relu(w.x) relu(w.y)], exact only when rho = ±1. Formula: width.arccos_term. */
std::optional<Rational> arccos_term_exact(const Point& x, const Point& y);
Ball arccos_term_ball(const Point& x, const Point& y, slong prec);

/** H^inf (plus the arc-cosine term when both_layers) of a point set: exact when every entry is. */
struct GramMatrix {
  bool exact = false;
  RationalMatrix exact_matrix;  // when exact
  BallMatrix ball_matrix;       // always (exact entries rounded to prec bits)
  slong prec = 0;
  bool both_layers = false;
};

/**
 * The Gram matrix of `points`. Errors: resource_error when the n x n ball matrix does not fit in memory.
 * Formula: width.h_inf (+ width.arccos_term).
 */
GramMatrix h_inf_matrix(const std::vector<Point>& points, bool both_layers, slong prec);

/** The exact Gram matrix of inner products x_i.x_j. */
RationalMatrix inner_product_matrix(const std::vector<Point>& points);


}  // namespace gdcert::width
