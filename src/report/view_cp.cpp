// gdcert cp: lays out what api::cp returns (cross-predictability of classes, orbit CP and alignment under B_n, S_n
// and O(n), and the INAL => orbit-CP certificate) as tables.
#include <initializer_list>

#include "api/cp.hpp"
#include "report/views.hpp"

namespace gdcert::report {

namespace {

/** The entries of `p` named by `keys`, in that order (absent keys skipped). */
std::vector<std::pair<std::string, std::string>> ordered(const api::Params& p, std::initializer_list<const char*> keys) {
  std::vector<std::pair<std::string, std::string>> v;
  for (const char* k : keys)
    if (auto it = p.find(k); it != p.end()) v.emplace_back(it->first, it->second);
  return v;
}

Table class_table(const api::ClassCp& c) {
  Table t{"class_cp", "Cross-predictability of the class " + c.parameters.at("class"),
          {{"quantity", "", ""}, {"value", "", c.cp.formula}}, {}, {}};
  t.rows.push_back({c.description, c.cp.value});
  if (c.class_size) t.rows.push_back({std::string("class size C(n,k)"), c.class_size->value});
  if (c.budget_factor) t.rows.push_back({std::string("CP^(-1/4) = C(n,k)^(1/4)"), c.budget_factor->value});
  return t;
}

void sphere_tables(Document& doc, const api::SphereStats& s) {
  Table t{"orbit_on", "Orbit CP and alignment under O(" + std::to_string(s.n) + ") on the sphere",
          {{"quantity", "", ""}, {"value", "", s.cp.formula}}, {}, {}};
  t.rows.push_back({std::string("CP_O(n)"), s.cp.value});
  t.rows.push_back({std::string("A_O(n)"), s.alignment.value});
  doc.tables.push_back(std::move(t));
  Table d{"harmonic_dimensions", "Dimensions N(n,l) of spherical harmonics",
          {{"l", "", ""}, {"N(n,l)", "", "cp.harmonic_dimension"}}, {}, {}};
  for (std::size_t l = 0; l < s.harmonic_dimensions.size(); ++l)
    d.rows.push_back({static_cast<long long>(l), s.harmonic_dimensions[l].value});
  doc.tables.push_back(std::move(d));
}

Table orbit_table(const api::OrbitStats& o) {
  Table t{"orbit", "Orbit cross-predictability and alignment of " + o.target,
          {{"quantity", "", ""}, {"value", "", ""}, {"formula", "", ""}}, {}, {}};
  auto row = [&](const char* label, const api::Result& r) { t.rows.push_back({std::string(label), r.value, r.formula}); };
  row("||f||^2", o.norm2);
  row("CP single function = ||f||^4", o.cp_single);
  if (o.cp_bn) row("CP_Bn = sum_j W_j^2/C(n,j)", *o.cp_bn);
  if (o.align_bn) row("A_Bn = max_j W_j/C(n,j)", *o.align_bn);
  if (o.cp_sn) row("CP_Sn (group average)", *o.cp_sn);
  if (o.align_sn) row("A_Sn = lambda_max(K_f)", *o.align_sn);
  t.notes = o.notes;
  return t;
}

Table certificate_table(const api::OrbitCertificate& c) {
  Table t{"certificate",
          "INAL => orbit-CP certificate (first-layer " + c.activation + ", init " + c.init + ", bias " + c.bias + ")",
          {{"quantity", "", ""}, {"value", "", "cp.inal_certificate"}}, {}, {}};
  t.rows.push_back({std::string("INAL"), c.inal.value});
  t.rows.push_back({std::string("J"), c.levels_text});
  t.rows.push_back({std::string("INAL / min_J e_j"), c.first_term.value});
  t.rows.push_back({std::string("||f||^2 max_{j not in J, W_j > 0} 1/C(n,j)"), c.second_term.value});
  t.rows.push_back({std::string("bound on CP_Bn"), c.bound.value});
  t.rows.push_back({std::string("CP_Bn (exact)"), c.cp_bn.value});
  t.rows.push_back({std::string("status"), std::string(c.vacuous ? "VACUOUS" : "valid")});
  if (c.vacuous) t.notes.push_back("warning: " + c.note);
  return t;
}

}  // namespace

Document cp_document(const CpRequest& req) {
  const api::CpResult r = api::cp(req);
  Document doc;
  doc.verb = "cp";
  doc.prec = req.prec;
  if (r.klass) {
    doc.parameters = ordered(r.klass->parameters, {"class"});
    doc.tables.push_back(class_table(*r.klass));
    return doc;
  }
  if (r.sphere) {
    doc.parameters = ordered(r.sphere->parameters, {"group", "n", "weights"});
    sphere_tables(doc, *r.sphere);
    return doc;
  }
  const api::OrbitStats& o = *r.orbit;
  doc.parameters = ordered(o.parameters, {"spec", "level_weights", "n", "group"});
  if (!o.from_level_weights) doc.seed = req.seed;
  doc.tables.push_back(orbit_table(o));
  if (r.certificate) doc.tables.push_back(certificate_table(*r.certificate));
  return doc;
}

}  // namespace gdcert::report
