// gdcert radial: lays out the Eldan–Shamir radial law's certified constants for one d (api::radial_constants), or the
// table over d (api::radial_table).
#include <string>

#include "api/radial.hpp"
#include "report/views.hpp"

namespace gdcert::report {

namespace {

std::string tag_of(const api::Result& r) {
  const Formula* f = r.provenance();
  return f ? std::string(to_string(f->tag)) : std::string("?");
}

void add_row(Table& t, const std::string& name, const api::Result& r) {
  t.rows.push_back({name, r.value, r.formula, tag_of(r)});
}

}  // namespace

Document radial_document(const api::RadialConstants& c) {
  Document doc;
  doc.verb = "radial";
  doc.parameters = {{"d", std::to_string(c.d)}, {"rho", c.rho.str()}};
  Table t{"constants", "Eldan-Shamir radial law on R^" + std::to_string(c.d) + " (balls at " + std::to_string(c.prec) + " bits)",
          {{"quantity", "", ""}, {"value", "", ""}, {"formula", "", ""}, {"tag", "", ""}}, {}, {}};
  add_row(t, "R_d", c.R_d);
  add_row(t, "S_{d-1}", c.sphere_area);
  add_row(t, "phi(" + c.rho.str() + ")", c.phi);
  add_row(t, "C_d = d/(2 pi^2 R_d)", c.C_d);
  add_row(t, "C_d = S_{d-1} R_d^(d-1)/(2 pi^2)", c.C_d_sphere);
  for (const auto& tail : c.tails) {
    add_row(t, "P(|x| > " + tail.rho.str() + ") quadrature", tail.quadrature);
    add_row(t, "P(|x| > " + tail.rho.str() + ") closed form", tail.closed_form);
  }
  if (c.normalisation) add_row(t, "int_0^oo p (quadrature to t = 300 + tail bound)", *c.normalisation);
  add_row(t, "ES16 alpha", c.alpha);
  add_row(t, "ES16 N", c.N);
  add_row(t, "mu-mass of [alpha sqrt d, 2 alpha sqrt d]", c.shell_mass);
  t.notes.push_back("tag 'reconstructed': the rule is a reconstruction (ES16 alpha and N follow a public rebuild of the "
                    "ES16 data set, not the paper's constants)");
  t.notes.push_back("quadrature: acb_calc_integrate between McMahon zeros; the closed form is an independent route");
  doc.tables.push_back(std::move(t));
  return doc;
}

Document radial_document(const api::RadialTable& r) {
  Document doc;
  doc.verb = "radial";
  doc.parameters = {{"rho", r.rho.str()}, {"d", std::to_string(r.d_min) + ".." + std::to_string(r.d_max)}};
  Table t{"constants_by_d", "Radial-law constants for d = " + std::to_string(r.d_min) + ".." + std::to_string(r.d_max),
          {{"d", "", ""},
           {"R_d", "", "radial.unit_ball_radius"},
           {"C_d", "", "radial.tail_constant"},
           {"C_d/sqrt(d)", "", "radial.tail_constant_limit"},
           {"alpha", "", "radial.es16_alpha"},
           {"N", "", "radial.es16_shell_count"}},
          {},
          {}};
  for (const auto& rho : r.tail_radii) t.columns.push_back({"P(|x| > " + rho.str() + ")", "", "radial.tail_closed_form"});
  for (const auto& row : r.rows) {
    std::vector<Cell> cells{static_cast<long long>(row.d), row.R_d.value, row.C_d.value, row.C_d_over_sqrt_d.value,
                            row.alpha.value, row.N.value};
    for (const auto& v : row.tails) cells.emplace_back(v.value);
    t.rows.push_back(std::move(cells));
  }
  t.notes.push_back("limit of C_d/sqrt(d): " + r.C_d_limit.value.str(20) + " (radial.tail_constant_limit)");
  t.notes.push_back("alpha and N follow a public rebuild of the ES16 data set [reconstructed], not the paper's constants");
  doc.tables.push_back(std::move(t));
  return doc;
}

Document radial_document(const RadialRequest& req, long prec) {
  if (req.table) return radial_document(api::radial_table(req, prec));
  return radial_document(api::radial_constants(req, prec));
}

}  // namespace gdcert::report
