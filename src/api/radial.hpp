// Radial-law entry points (`gdcert radial`): the certified constants of the Eldan-Shamir heavy-tailed law on R^d for one
// d (R_d, S_{d-1}, phi(rho), C_d by two routes, tails by quadrature and by the closed form, the normalisation, the
// ES16 shell parameters and the shell's mass), or a table of them over d.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "api/requests.hpp"
#include "api/result.hpp"
#include "exact/rational.hpp"

namespace gdcert::api {

/**
 * The largest working precision of the certified quadratures (acb_calc_integrate between the zeros of J_{d/2}: the
 * tails by quadrature, the normalisation, the shell mass, the radial.tail quantity's Ziv loop). Their cost grows
 * steeply with the precision (each piece is integrated to prec bits); beyond this a request is refused with a
 * resource_error naming the limit instead of running for an unbounded time. Closed forms (R_d, C_d, phi, the
 * telescoping tails) accept the whole api::check_prec range.
 */
inline constexpr long kMaxRadialQuadraturePrec = 4096;

/** resource_error "<what>: certified quadrature requires prec <= 4096 bits, got prec = N" when prec exceeds it. */
void check_radial_quadrature_prec(long prec, const std::string& what);

/** The constants of one d. */
struct RadialConstants {
  Params parameters;  // d, rho, tails, normalisation, prec
  long d = 0;
  long prec = 0;
  Rational rho;
  Result R_d;            // radial.unit_ball_radius
  Result sphere_area;    // S_{d-1} (radial.sphere_area)
  Result phi;            // phi(rho) (radial.fourier_ball)
  Result C_d;            // d/(2 pi^2 R_d) (radial.tail_constant)
  Result C_d_sphere;     // S_{d-1} R_d^(d-1)/(2 pi^2), the independent route (radial.tail_constant)
  struct Tail {
    Rational rho;
    Result quadrature;   // P(|x| > rho) by certified quadrature (radial.tail)
    Result closed_form;  // the telescoping identity (radial.tail_closed_form)
  };
  std::vector<Tail> tails;
  std::optional<Result> normalisation;  // int_0^oo p: quadrature to t = 300 + the tail enclosure (radial.normalisation)
  Result alpha, N;                      // ES16 shell parameters (radial.es16_alpha, radial.es16_shell_count; reconstructed)
  Result shell_mass;                    // mu-mass of [alpha sqrt d, 2 alpha sqrt d] (radial.shell_mass)
};

/** One row of the table over d. */
struct RadialRow {
  long d = 0;
  Result R_d, C_d;
  Result C_d_over_sqrt_d;     // (radial.tail_constant_limit: tends to the limit below)
  Result alpha, N;
  std::vector<Result> tails;  // closed form at each radius of RadialTable::tail_radii (radial.tail_closed_form)
};

struct RadialTable {
  Params parameters;  // rho, d ("min..max"), tails, prec
  long d_min = 0, d_max = 0;
  long prec = 0;
  Rational rho;
  std::vector<Rational> tail_radii;
  std::vector<RadialRow> rows;
  Result C_d_limit;  // sqrt(2 pi e)/(2 pi^2) = lim C_d/sqrt(d) (radial.tail_constant_limit)
};

/**
 * The constants of req.d at prec bits. Errors: input_error (d < 1, prec outside api::check_prec's range),
 * domain_error (rho < 0, a tail radius <= 0), resource_error (prec beyond kMaxRadialQuadraturePrec; a quadrature
 * that does not converge).
 */
RadialConstants radial_constants(const RadialRequest& req, long prec);

/**
 * The table over d = req.d_min .. req.d_max (closed forms only). Errors: input_error (not 1 <= d_min <= d_max <= 10000,
 * prec), domain_error (rho < 0, a tail radius <= 0).
 */
RadialTable radial_table(const RadialRequest& req, long prec);

}  // namespace gdcert::api
