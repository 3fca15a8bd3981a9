#include "api/radial.hpp"

#include "api/precision.hpp"
#include "exact/errors.hpp"
#include "radial/mixture.hpp"
#include "radial/radial.hpp"

namespace gdcert::api {

void check_radial_quadrature_prec(long prec, const std::string& what) {
  if (prec > kMaxRadialQuadraturePrec)
    throw resource_error(what + ": certified quadrature requires prec <= " + std::to_string(kMaxRadialQuadraturePrec) +
                         " bits (its time grows steeply with the precision), got prec = " + std::to_string(prec));
}

namespace {

struct Radii {
  Rational rho;
  std::vector<Rational> tails;
  std::string tails_text;
};

/** The checks every radial request shares, in the order the command line has always made them. */
Radii common(const RadialRequest& req, long prec) {
  check_prec(prec);
  Radii r;
  r.rho = Rational::parse(req.rho);
  if (r.rho.sign() < 0) throw domain_error("radial --rho: requires rho >= 0, got rho = " + r.rho.str());
  for (const auto& s : req.tails) {
    r.tails.push_back(Rational::parse(s));
    if (r.tails.back().sign() <= 0) throw domain_error("radial --tail: requires rho > 0, got rho = " + r.tails.back().str());
    r.tails_text += (r.tails_text.empty() ? "" : ",") + r.tails.back().str();
  }
  return r;
}

Result ball(const Ball& b, long prec, const char* formula) { return {Value(b, prec), formula}; }

}  // namespace

RadialConstants radial_constants(const RadialRequest& req, long prec) {
  const Radii radii = common(req, prec);
  const long d = req.d;
  radial::require_dimension(d, "radial --d");
  check_radial_quadrature_prec(prec, "radial --d");
  RadialConstants c;
  c.d = d;
  c.prec = prec;
  c.rho = radii.rho;
  c.parameters = {{"d", std::to_string(d)}, {"rho", radii.rho.str()}, {"tails", radii.tails_text},
                  {"normalisation", req.normalisation ? "yes" : "no"}, {"prec", std::to_string(prec)}};
  c.R_d = ball(radial::unit_ball_radius_ball(d, prec), prec, "radial.unit_ball_radius");
  c.sphere_area = ball(radial::sphere_area_ball(d, prec), prec, "radial.sphere_area");
  c.phi = ball(radial::fourier_ball_ball(d, radii.rho, prec), prec, "radial.fourier_ball");
  c.C_d = ball(radial::tail_constant_ball(d, prec), prec, "radial.tail_constant");
  c.C_d_sphere = ball(radial::tail_constant_sphere_form_ball(d, prec), prec, "radial.tail_constant");
  for (const auto& r : radii.tails)
    c.tails.push_back({r, ball(radial::tail_probability_ball(d, r, prec), prec, "radial.tail"),
                       ball(radial::tail_probability_closed_form_ball(d, r, prec), prec, "radial.tail_closed_form")});
  if (req.normalisation)
    c.normalisation = ball(radial::normalisation_ball(d, Rational(300), prec), prec, "radial.normalisation");
  const Integer alpha = radial::es16_alpha(d), N = radial::es16_shell_count(d, alpha);
  c.alpha = {Value(alpha), "radial.es16_alpha"};
  c.N = {Value(N), "radial.es16_shell_count"};
  c.shell_mass = ball(radial::shell_mass_ball(d, alpha, prec), prec, "radial.shell_mass");
  return c;
}

RadialTable radial_table(const RadialRequest& req, long prec) {
  const Radii radii = common(req, prec);
  if (req.d_min < 1 || req.d_max < req.d_min || req.d_max > 10000)
    throw input_error("radial --table: requires 1 <= d-min <= d-max <= 10000, got " + std::to_string(req.d_min) + ".." +
                      std::to_string(req.d_max));
  RadialTable t;
  t.d_min = req.d_min;
  t.d_max = req.d_max;
  t.prec = prec;
  t.rho = radii.rho;
  t.tail_radii = radii.tails;
  t.parameters = {{"rho", radii.rho.str()}, {"d", std::to_string(req.d_min) + ".." + std::to_string(req.d_max)},
                  {"tails", radii.tails_text}, {"prec", std::to_string(prec)}};
  for (long d = req.d_min; d <= req.d_max; ++d) {
    RadialRow row;
    row.d = d;
    Ball C = radial::tail_constant_ball(d, prec), s;
    arb_set_si(s.get(), d);
    arb_sqrt(s.get(), s.get(), prec + 16);
    arb_div(s.get(), C.get(), s.get(), prec);
    const Integer alpha = radial::es16_alpha(d);
    row.R_d = ball(radial::unit_ball_radius_ball(d, prec), prec, "radial.unit_ball_radius");
    row.C_d = ball(C, prec, "radial.tail_constant");
    row.C_d_over_sqrt_d = ball(s, prec, "radial.tail_constant_limit");
    row.alpha = {Value(alpha), "radial.es16_alpha"};
    row.N = {Value(radial::es16_shell_count(d, alpha)), "radial.es16_shell_count"};
    for (const auto& r : radii.tails)
      row.tails.push_back(ball(radial::tail_probability_closed_form_ball(d, r, prec), prec, "radial.tail_closed_form"));
    t.rows.push_back(std::move(row));
  }
  t.C_d_limit = ball(radial::tail_constant_limit_ball(prec), prec, "radial.tail_constant_limit");
  return t;
}

}  // namespace gdcert::api
