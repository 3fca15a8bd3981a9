// gdcert radial: the Eldan–Shamir radial law's certified constants for one d, or a table over d.
#include <memory>
#include <string>

#include "api/formulas.hpp"
#include "api/precision.hpp"
#include "report/views.hpp"
#include "exact/errors.hpp"
#include "radial/mixture.hpp"
#include "radial/radial.hpp"

namespace gdcert::report {


namespace {

std::string tag_of(std::string_view id) {
  const Formula& f = find_formula(api::all_formulas(), id);
  return std::string(to_string(f.tag));
}

void add_row(Table& t, const std::string& name, const Value& v, std::string_view id) {
  t.rows.push_back({name, v, std::string(id), tag_of(id)});
}

}  // namespace

Document radial_document(const RadialRequest& req, long prec) {
  api::check_prec(prec);
  Document doc;
  doc.verb = "radial";
  const Rational rho = Rational::parse(req.rho);
  if (rho.sign() < 0) throw domain_error("radial --rho: requires rho >= 0, got rho = " + rho.str());
  std::vector<Rational> tails;
  for (const auto& s : req.tails) {
    tails.push_back(Rational::parse(s));
    if (tails.back().sign() <= 0) throw domain_error("radial --tail: requires rho > 0, got rho = " + tails.back().str());
  }
  doc.parameters = {{"rho", rho.str()}};
  if (!req.table) {
    const long d = req.d;
    radial::require_dimension(d, "radial --d");
    doc.parameters.insert(doc.parameters.begin(), {"d", std::to_string(d)});
    Table t{"constants", "Eldan-Shamir radial law on R^" + std::to_string(d) + " (balls at " + std::to_string(prec) + " bits)",
            {{"quantity", "", ""}, {"value", "", ""}, {"formula", "", ""}, {"tag", "", ""}}, {}, {}};
    add_row(t, "R_d", Value(radial::unit_ball_radius_ball(d, prec), prec), "radial.unit_ball_radius");
    add_row(t, "S_{d-1}", Value(radial::sphere_area_ball(d, prec), prec), "radial.sphere_area");
    add_row(t, "phi(" + rho.str() + ")", Value(radial::fourier_ball_ball(d, rho, prec), prec), "radial.fourier_ball");
    add_row(t, "C_d = d/(2 pi^2 R_d)", Value(radial::tail_constant_ball(d, prec), prec), "radial.tail_constant");
    add_row(t, "C_d = S_{d-1} R_d^(d-1)/(2 pi^2)", Value(radial::tail_constant_sphere_form_ball(d, prec), prec),
            "radial.tail_constant");
    for (const auto& r : tails) {
      add_row(t, "P(|x| > " + r.str() + ") quadrature", Value(radial::tail_probability_ball(d, r, prec), prec), "radial.tail");
      add_row(t, "P(|x| > " + r.str() + ") closed form", Value(radial::tail_probability_closed_form_ball(d, r, prec), prec),
              "radial.tail_closed_form");
    }
    if (req.normalisation)
      add_row(t, "int_0^oo p (quadrature to t = 300 + tail bound)",
              Value(radial::normalisation_ball(d, Rational(300), prec), prec), "radial.normalisation");
    const Integer alpha = radial::es16_alpha(d), N = radial::es16_shell_count(d, alpha);
    add_row(t, "ES16 alpha", Value(alpha), "radial.es16_alpha");
    add_row(t, "ES16 N", Value(N), "radial.es16_shell_count");
    add_row(t, "mu-mass of [alpha sqrt d, 2 alpha sqrt d]", Value(radial::shell_mass_ball(d, alpha, prec), prec),
            "radial.shell_mass");
    t.notes.push_back("tag 'reconstructed': the rule is a reconstruction (ES16 alpha and N follow a public rebuild of the "
                      "ES16 data set, not the paper's constants)");
    t.notes.push_back("quadrature: acb_calc_integrate between McMahon zeros; the closed form is an independent route");
    doc.tables.push_back(std::move(t));
    return doc;
  }
  if (req.d_min < 1 || req.d_max < req.d_min || req.d_max > 10000)
    throw input_error("radial --table: requires 1 <= d-min <= d-max <= 10000, got " + std::to_string(req.d_min) + ".." +
                      std::to_string(req.d_max));
  doc.parameters.push_back({"d", std::to_string(req.d_min) + ".." + std::to_string(req.d_max)});
  Table t{"constants_by_d", "Radial-law constants for d = " + std::to_string(req.d_min) + ".." + std::to_string(req.d_max),
          {{"d", "", ""},
           {"R_d", "", "radial.unit_ball_radius"},
           {"C_d", "", "radial.tail_constant"},
           {"C_d/sqrt(d)", "", "radial.tail_constant_limit"},
           {"alpha", "", "radial.es16_alpha"},
           {"N", "", "radial.es16_shell_count"}},
          {},
          {}};
  for (const auto& r : tails) t.columns.push_back({"P(|x| > " + r.str() + ")", "", "radial.tail_closed_form"});
  for (long d = req.d_min; d <= req.d_max; ++d) {
    Ball C = radial::tail_constant_ball(d, prec), s;
    arb_set_si(s.get(), d);
    arb_sqrt(s.get(), s.get(), prec + 16);
    arb_div(s.get(), C.get(), s.get(), prec);
    const Integer alpha = radial::es16_alpha(d);
    std::vector<Cell> row{static_cast<long long>(d), Value(radial::unit_ball_radius_ball(d, prec), prec),
                                  Value(C, prec), Value(s, prec), Value(alpha),
                                  Value(radial::es16_shell_count(d, alpha))};
    for (const auto& r : tails) row.emplace_back(Value(radial::tail_probability_closed_form_ball(d, r, prec), prec));
    t.rows.push_back(std::move(row));
  }
  t.notes.push_back("limit of C_d/sqrt(d): " + radial::tail_constant_limit_ball(prec).str(20) +
                    " (radial.tail_constant_limit)");
  t.notes.push_back("alpha and N follow a public rebuild of the ES16 data set [reconstructed], not the paper's constants");
  doc.tables.push_back(std::move(t));
  return doc;
}

}  // namespace gdcert::report
