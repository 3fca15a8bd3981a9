// gdcert width: lays out the width module's api results (api/width.hpp) as tables. Every paper-003 constant is
// tagged `reconstructed` in the registry; the documents say so in a note.
#include <string>

#include "api/width.hpp"
#include "exact/errors.hpp"
#include "report/views.hpp"
#include "width/eigen_enclosure.hpp"

namespace gdcert::report {

namespace {

constexpr const char* kReconstructedNote =
    "paper 003 (Munteanu-Omlor-Song-Woodruff, ICML 2022): every paper-003 constant, shape and step size here is "
    "tagged 'reconstructed' (Munteanu, Omlor, Song, Woodruff 2022; proofs/coupled-init-width.md): the paper's exact statements may differ";

std::string tag_of(const std::string& id) {
  const Formula* f = api::Result{Value(), id}.provenance();
  return f ? std::string(to_string(f->tag)) : std::string("");
}

void add_row(Table& t, const std::string& name, const api::Result& r) {
  t.rows.push_back({name, r.value, r.formula, tag_of(r.formula)});
}

Table quantity_table(const std::string& name, const std::string& caption) {
  return Table{name, caption, {{"quantity", "", ""}, {"value", "", ""}, {"formula", "", ""}, {"tag", "", ""}}, {}, {}};
}

void set_parameters(Document& doc, const api::Params& p) {
  for (const auto& [k, v] : p) doc.parameters.emplace_back(k, v);
}

std::string verdict_text(api::Verdict v) { return std::string(api::to_string(v)); }

Document data_document(const api::WidthRequest& req) {
  const width::DataSet d = api::width_data(req);
  Document doc;
  doc.verb = "width data";
  doc.parameters = {{"data", d.spec}, {"labels", d.label_spec.empty() ? "none" : d.label_spec},
                    {"n", std::to_string(d.size())}, {"d", std::to_string(d.dim())}};
  Table t{"points", "Data set " + d.spec + " (exact rational coordinates)", {{"i", "", ""}}, {}, {}};
  for (std::size_t j = 0; j < d.dim(); ++j) t.columns.push_back({"x" + std::to_string(j + 1), "", ""});
  t.columns.push_back({"|x|^2", "", ""});
  if (!d.labels.empty()) t.columns.push_back({"y", "", ""});
  for (std::size_t i = 0; i < d.size(); ++i) {
    std::vector<Cell> row{static_cast<long long>(i)};
    for (const auto& c : d.points[i]) row.emplace_back(Value(c));
    row.emplace_back(Value(width::dot(d.points[i], d.points[i])));
    if (!d.labels.empty()) row.emplace_back(static_cast<long long>(d.labels[i]));
    t.rows.push_back(std::move(row));
  }
  if (d.separator) {
    std::string u;
    for (const auto& c : *d.separator) u += (u.empty() ? "" : ",") + c.str();
    t.notes.push_back("labels y = sign(u.x) (sign(0) = +1) with u = (" + u + ")");
  }
  t.notes.push_back("re-readable as a data file: gdcert width data ... --csv, or the text form of `file:` specs");
  doc.tables.push_back(std::move(t));
  return doc;
}

Document gram_document(const api::WidthRequest& req, long prec) {
  const api::WidthGram g = api::width_gram(req, prec);
  Document doc;
  doc.verb = "width gram";
  set_parameters(doc, g.parameters);
  Table t{"h_inf", std::string(req.both_layers ? "H^inf + arc-cosine term (both layers trained)" : "H^inf (hidden layer trained)") +
                       (g.exact ? ", exact rationals" : ", Arb balls at " + std::to_string(prec) + " bits"),
          {{"i", "", ""}}, {}, {}};
  for (std::size_t j = 0; j < g.n; ++j)
    t.columns.push_back({std::to_string(j), "", req.both_layers ? "width.arccos_term" : "width.h_inf_entry"});
  for (std::size_t i = 0; i < g.n; ++i) {
    std::vector<Cell> row{static_cast<long long>(i)};
    for (const auto& e : g.entries[i]) row.emplace_back(e.value);
    t.rows.push_back(std::move(row));
  }
  t.notes.push_back("H^inf_ij = x_i.x_j (pi - arccos rho_ij)/(2 pi): exact when every rho_ij is in {0, ±1/2, ±1}");
  if (req.both_layers) t.notes.push_back("plus (|x_i||x_j| sin theta + (pi - theta) x_i.x_j)/(2 pi) (width.arccos_term, reconstructed)");
  doc.tables.push_back(std::move(t));
  if (!g.finite.empty()) {
    Table h{"h0", "H(0) at one " + std::string(req.coupled ? "coupled" : "independent") + " init of width " +
                      std::to_string(req.finite_width) + " (doubles, seed " + std::to_string(req.seed) + ")",
            {{"i", "", ""}}, {}, {}};
    for (std::size_t j = 0; j < g.n; ++j) h.columns.push_back({std::to_string(j), "", "width.finite_gram"});
    for (std::size_t i = 0; i < g.n; ++i) {
      std::vector<Cell> row{static_cast<long long>(i)};
      for (const auto& e : g.finite[i]) row.emplace_back(e.value);
      h.rows.push_back(std::move(row));
    }
    h.notes.push_back("|H(0) - H^inf|_2 = " + g.finite_deviation->value.str() + " (double eigensolver on the difference)");
    doc.tables.push_back(std::move(h));
  }
  return doc;
}

Document lambda_document(const api::WidthRequest& req, long prec) {
  const api::WidthLambda l = api::width_lambda(req, prec);
  Document doc;
  doc.verb = "width lambda";
  set_parameters(doc, l.parameters);
  Table s = quantity_table("lambda0", "lambda0 = lambda_min(H^inf): certificates");
  if (l.exact) {
    s.rows.push_back({std::string("LDL^T verdict"), l.verdict, std::string("width.ldlt"), tag_of("width.ldlt")});
    s.rows.push_back({std::string("rank (non-zero pivots)"), static_cast<long long>(l.rank), std::string("width.ldlt"),
                      tag_of("width.ldlt")});
    if (l.first_zero_pivot)
      s.rows.push_back({std::string("first zero pivot (0-based)"), static_cast<long long>(*l.first_zero_pivot),
                        std::string("width.ldlt"), tag_of("width.ldlt")});
    if (l.min_pivot) add_row(s, "min pivot", *l.min_pivot);
    s.rows.push_back({std::string("largest pivot numerator (bits)"), static_cast<long long>(l.max_pivot_numerator_bits),
                      std::string("width.ldlt"), tag_of("width.ldlt")});
    if (l.lambda0_exact) add_row(s, "lambda0 (characteristic polynomial)", *l.lambda0_exact);
    if (!l.minimal_polynomial.empty()) {
      std::string p;
      for (const auto& c : l.minimal_polynomial) p += (p.empty() ? "" : ", ") + c;
      s.notes.push_back("minimal polynomial of lambda0 (integer coefficients, highest degree first): " + p);
    }
  }
  add_row(s, "certified lower bound (" + l.method + ")", l.lower);
  add_row(s, "certified upper bound (Rayleigh quotient)", l.upper);
  add_row(s, "lambda0 enclosure", l.lambda0_enclosure);
  s.rows.push_back({std::string("enclosure width"), Value::from_double(l.enclosure_width), std::string("width.lambda_min_enclosure"),
                    tag_of("width.lambda_min_enclosure")});
  s.rows.push_back({std::string("double eigensolver estimate (not certified)"), Value::from_double(l.approx), std::string(""),
                    std::string("")});
  if (l.os20_lower) add_row(s, "Oymak-Soltanolkotabi lower bound delta_sep/(100 n^2)", *l.os20_lower);
  s.notes.push_back("exact LDL^T without pivoting certifies PD (all pivots > 0) or finds the zero pivot; the enclosure "
                    "holds for every symmetric matrix inside the balls");
  doc.tables.push_back(std::move(s));
  if (l.exact) {
    Table p{"pivots", "Exact LDL^T pivots D_kk (rows in the data order)", {{"k", "", ""}, {"pivot", "", "width.ldlt"}}, {}, {}};
    for (std::size_t k = 0; k < l.pivots.size(); ++k) p.rows.push_back({static_cast<long long>(k), l.pivots[k].value});
    doc.tables.push_back(std::move(p));
  }
  return doc;
}

Document margin_document(const api::WidthRequest& req, long prec) {
  const api::WidthMargin m = api::width_margin(req, prec);
  Document doc;
  doc.verb = "width margin";
  set_parameters(doc, m.parameters);
  Table s = quantity_table("margin", "NTK margins: gamma_2^2 = min over the simplex of q^T D_y H^inf D_y q");
  add_row(s, "gamma_2^2", m.gamma2_squared);
  add_row(s, "gamma_2", m.gamma2);
  add_row(s, "witness margin min_j (D_y H D_y q*)_j", m.witness);
  add_row(s, "lambda0/n", m.lambda0_over_n);
  if (m.linear_margin_squared) add_row(s, "linear margin gamma_bar^2", *m.linear_margin_squared);
  if (m.linear_gamma_lower) add_row(s, "gamma_bar/2 (lower bound on gamma)", *m.linear_gamma_lower);
  s.rows.push_back({std::string("KKT"), std::string(m.kkt_verified ? "verified" : "not certified (gap enclosure)"),
                    std::string("width.gamma2_squared"), tag_of("width.gamma2_squared")});
  s.notes.push_back("method: " + m.method);
  s.notes.push_back("witness v(z) = sum_i q*_i y_i x_i 1[z.x_i > 0] has |v(z)| <= sum q* = 1, so gamma >= its margin = gamma_2^2");
  doc.tables.push_back(std::move(s));
  Table c{"chain", "The chain lambda0/n <= gamma_2^2 <= gamma <= gamma_2, each link checked",
          {{"link", "", ""}, {"lhs", "", ""}, {"rhs", "", ""}, {"holds", "", ""}}, {}, {}};
  for (const auto& l : m.chain) {
    c.rows.push_back({l.statement, l.lhs.value, l.rhs.value, verdict_text(l.holds)});
    c.cell_formulas.push_back({"", l.lhs.formula, l.rhs.formula, ""});
  }
  c.notes.push_back("holds: yes / no decided exactly or on balls; undecided when the balls overlap (raise --prec)");
  doc.tables.push_back(std::move(c));
  Table q{"q_star", "Optimal q* and the witness margins", {{"i", "", ""}, {"y", "", ""}, {"q*", "", "width.gamma2_squared"},
                                                           {"(D_y H D_y q*)_i", "", "width.margin_chain"}}, {}, {}};
  for (std::size_t i = 0; i < m.n; ++i)
    q.rows.push_back({static_cast<long long>(i), static_cast<long long>(m.labels[i]), m.q[i].value, m.Aq[i].value});
  doc.tables.push_back(std::move(q));
  return doc;
}

Document formulas_document(const api::WidthFormulas& f, const std::string& verb) {
  Document doc;
  doc.verb = verb;
  set_parameters(doc, f.parameters);
  Table t{"widths", "Required widths side by side (unit constants for Omega/O shapes; ln = natural log)",
          {{"formula", "", ""}, {"id", "", ""}, {"depends on", "", ""}, {"width m", "", ""}, {"ratio to coupled Hoeffding", "", ""},
           {"tag", "", ""}}, {}, {}};
  for (const auto& r : f.rows) {
    t.rows.push_back({r.name, r.width.formula, r.depends, r.width.value, r.ratio.value, tag_of(r.width.formula)});
    t.cell_formulas.push_back({"", "", "", r.width.formula, r.width.formula, ""});
  }
  t.notes.push_back("n = " + std::to_string(f.n) + "; lambda0 = " + f.lambda0.value.str(20) + " (" + f.lambda0_source +
                    "); gamma = " + f.gamma.value.str(20) + " (" + f.gamma_source + ")");
  t.notes.push_back(kReconstructedNote);
  t.notes.push_back("coupled Hoeffding width 16 ln(n/delta)/gamma^2 beside the uncoupled constant 8: coupling halves the "
                    "number of independent neurons but removes the f(x; W0) offset (proofs/coupled-init-width.md#coupled-init)");
  doc.tables.push_back(std::move(t));
  Table a = quantity_table("auxiliary", "Step sizes, rates and iteration counts");
  add_row(a, "Du et al. step eta = lambda0/n^2", f.du19_step);
  add_row(a, "Du et al. rate 1 - eta lambda0/2", f.du19_rate);
  if (f.jt20_lambda) add_row(a, "JT20 lambda", *f.jt20_lambda);
  if (f.jt20_steps) add_row(a, "JT20 T = ceil(2 lambda^2/(eta eps))", *f.jt20_steps);
  doc.tables.push_back(std::move(a));
  return doc;
}

Document invert_document(const api::WidthRequest& req, long prec) {
  const api::WidthInversion v = api::width_invert(req, prec);
  Document doc;
  doc.verb = "width invert";
  set_parameters(doc, v.parameters);
  Table t = quantity_table("inversion", "Inversion of " + v.formula + " at m = " + v.m.str());
  add_row(t, v.variable == "n" ? "largest n with width <= m" : "smallest " + v.variable + " with width <= m", v.value);
  t.notes.push_back(kReconstructedNote);
  t.notes.push_back("n: exact integer (certified comparisons); gamma / lambda0: a ball [x_lo, x_hi] with width(x_hi) <= m < width(x_lo)");
  doc.tables.push_back(std::move(t));
  return doc;
}

}  // namespace

Document width_document(const std::string& sub, const api::WidthRequest& req, long prec) {
  (void)width::parse_enclosure_method(req.method);  // checked in every mode, also where the enclosure is not needed
  if (sub == "data") return data_document(req);
  if (sub == "gram") return gram_document(req, prec);
  if (sub == "lambda") return lambda_document(req, prec);
  if (sub == "margin") return margin_document(req, prec);
  if (sub == "formulas") return formulas_document(api::width_formulas(req, prec), "width formulas");
  if (sub == "invert") return invert_document(req, prec);
  throw usage_error("width: unknown subcommand \"" + sub + "\"");
}

}  // namespace gdcert::report
