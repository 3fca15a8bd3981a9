// gdcert landscape / gdcert simulate landscape: lays out what api/landscape.hpp returns.
#include <algorithm>
#include <cmath>
#include <string>

#include "api/landscape.hpp"
#include "report/views.hpp"

namespace gdcert::report {

namespace {

std::string tag_of(const api::Result& r) {
  const Formula* f = r.provenance();
  return f ? std::string(to_string(f->tag)) : std::string("");
}

Table named_table(const std::string& name, const std::string& caption, const std::vector<api::NamedResult>& values) {
  Table t{name, caption, {{"quantity", "", ""}, {"value", "", ""}, {"formula", "", ""}, {"tag", "", ""}}, {}, {}};
  for (const auto& v : values) t.rows.push_back({v.name, v.result.value, v.result.formula, tag_of(v.result)});
  return t;
}

/** A rational matrix given as "p/q" strings, one exact cell per entry. */
Table matrix_table(const std::string& name, const std::string& caption, const std::vector<std::vector<std::string>>& m,
                   const std::string& formula, const std::string& row_label) {
  Table t{name, caption, {{row_label, "", ""}}, {}, {}};
  const std::size_t cols = m.empty() ? 0 : m[0].size();
  for (std::size_t j = 0; j < cols; ++j) t.columns.push_back({"col " + std::to_string(j + 1), "", formula});
  for (std::size_t i = 0; i < m.size(); ++i) {
    std::vector<Cell> row{static_cast<long long>(i + 1)};
    for (const auto& e : m[i]) row.emplace_back(Value(Rational::parse(e)));
    t.rows.push_back(std::move(row));
  }
  return t;
}

/** "[lo, hi]" with `digits` decimals rounded outward: an interval containing the ball (so every value it encloses). */
std::string outward_interval(const Value& v, int digits) {
  if (v.kind() != Kind::ball) return v.str();
  const Ball& b = v.ball();
  if (!b.is_finite()) return "[-inf, inf]";
  arf_t lo, hi;
  arf_init(lo);
  arf_init(hi);
  arb_get_lbound_arf(lo, b.get(), 128);
  arb_get_ubound_arf(hi, b.get(), 128);
  Rational ql, qh;
  arf_get_fmpq(ql.get(), lo);
  arf_get_fmpq(qh.get(), hi);
  arf_clear(lo);
  arf_clear(hi);
  Integer scale(1);
  for (int i = 0; i < digits; ++i) scale *= Integer(10);
  auto round = [&](const Rational& q, bool up) {
    const Rational t = q * Rational(scale);
    Integer r;
    if (up) fmpz_cdiv_q(r.get(), fmpq_numref(t.get()), fmpq_denref(t.get()));
    else fmpz_fdiv_q(r.get(), fmpq_numref(t.get()), fmpq_denref(t.get()));
    const std::string sgn = r.sign() < 0 ? "-" : "";
    std::string digits_str = (r.sign() < 0 ? -r : r).str();
    if (static_cast<int>(digits_str.size()) <= digits) digits_str = std::string(digits + 1 - digits_str.size(), '0') + digits_str;
    return sgn + digits_str.substr(0, digits_str.size() - digits) + "." + digits_str.substr(digits_str.size() - digits);
  };
  return "[" + round(ql, false) + ", " + round(qh, true) + "]";
}

Cell opt_cell(const std::optional<api::Result>& r) { return r ? Cell(r->value) : Cell(std::string("-")); }

}  // namespace

Document landscape_document(const api::LandscapeCertificate& c) {
  Document doc;
  doc.verb = "landscape certify";
  doc.parameters.assign(c.parameters.begin(), c.parameters.end());
  Table v{"verdict", "Verdict at the point (exact over Q; f(x) = v^T (W x)^2, n = " + std::to_string(c.n) + ", d = " +
                         std::to_string(c.d) + ", k = " + std::to_string(c.k) + ")",
          {{"verdict", "", ""}, {"reason", "", ""}}, {}, {}};
  v.rows.push_back({c.verdict, c.reason});
  doc.tables.push_back(std::move(v));
  Table vals = named_table("values", "Certificate values (exact rationals; balls at " + std::to_string(c.prec) + " bits)", c.values);
  vals.notes = c.notes;
  vals.notes.push_back("Hessian form: (2/n) sum r_i x_i^T U^T D_v U x_i + (4/n) sum (x_i^T W^T D_v U x_i)^2 (the recorded "
                       "(6.4) has 2/n in the second term, which is not the second derivative)");
  doc.tables.push_back(std::move(vals));
  doc.tables.push_back(matrix_table("residual_matrix", "S/n = (1/n) sum r_i x_i x_i^T", c.residual_matrix,
                                    "landscape.residual_matrix", "row"));
  doc.tables.push_back(matrix_table("gradient", "grad_W L = 2 D_v W S/n (rows l = 1..k)", c.gradient, "landscape.gradient", "l"));
  if (!c.direction_U.empty()) {
    Table a = matrix_table("case2_direction", "Case-II direction U = a b^T (a in null(W^T D_v) on one sign class of v)",
                           c.direction_U, "landscape.case2_direction", "l");
    std::string as, bs;
    for (const auto& e : c.direction_a) as += (as.empty() ? "" : ", ") + e;
    for (const auto& e : c.direction_b) bs += (bs.empty() ? "" : ", ") + e;
    a.notes.push_back("a = (" + as + ")");
    a.notes.push_back("b = (" + bs + ") (a row of the congruence E S E^T = D: b^T S b = D_j, exact)");
    doc.tables.push_back(std::move(a));
  }
  if (!c.M_star.empty())
    doc.tables.push_back(matrix_table("least_squares_minimiser", "A minimiser M* of f over Sym(d) (minimum Frobenius norm)",
                                      c.M_star, "landscape.sym_least_squares", "row"));
  return doc;
}

Document landscape_document(const api::LandscapeRankTable& r) {
  Document doc;
  doc.verb = "landscape rank";
  doc.parameters.assign(r.parameters.begin(), r.parameters.end());
  Table t{"khatri_rao_rank", "rank(X*X) of the first n rows of a random integer X (entries -1000..1000), d = " + std::to_string(r.d),
          {{"n", "", ""}, {"rank X*X", "", "landscape.khatri_rao_rank"}, {"min(n, d(d+1)/2)", "", "landscape.khatri_rao_rank"}},
          {}, {}};
  for (const auto& row : r.rows) t.rows.push_back({static_cast<long long>(row.n), row.rank.value, row.generic.value});
  t.notes.push_back("exact ranks over Q; n <= d(d+1)/2 is necessary and (generically) sufficient for full column rank; a "
                    "row with rank below min(n, d(d+1)/2) would be a singular draw, reported as computed");
  doc.tables.push_back(std::move(t));
  return doc;
}

Document landscape_document(const api::LandscapeAssumption& a) {
  Document doc;
  doc.verb = "landscape assumption";
  doc.parameters.assign(a.parameters.begin(), a.parameters.end());
  Table t{"assumption23", "Assumption 2.3 for " + a.activation + ": mu = E phi'(sigma g), gamma = E phi''(sigma g)",
          {{"sigma", "", ""}, {"mu", "", "landscape.mu"}, {"gamma", "", "landscape.gamma"}}, {}, {}};
  for (const auto& r : a.rows) {
    t.rows.push_back({r.sigma, r.mu.value, r.gamma.value});
    t.cell_formulas.push_back({"", r.mu.formula, r.gamma.formula});
  }
  t.notes.push_back(a.mu_statement);
  t.notes.push_back(a.gamma_statement);
  t.notes.push_back("Assumption 2.3 case " + a.case_23);
  doc.tables.push_back(std::move(t));
  if (!a.cells.empty()) {
    Table c{"assumption23_cells", "Intervals enclosing mu and gamma for every sigma of each cell (Lipschitz widening, bisection)",
            {{"sigma cell", "", ""}, {"mu range", "", "landscape.mu"}, {"gamma range", "", "landscape.gamma"}}, {}, {}};
    for (const auto& r : a.cells) {
      c.rows.push_back({r.sigma, outward_interval(r.mu.value, 4), outward_interval(r.gamma.value, 4)});
      c.cell_formulas.push_back({"", r.mu.formula, r.gamma.formula});
    }
    c.notes.push_back("each interval is rounded outward; a range excluding 0 certifies that the moment has no zero on the cell");
    doc.tables.push_back(std::move(c));
  }
  return doc;
}

Document landscape_document(const api::LandscapeBoundTable& b, const std::string& name) {
  Document doc;
  doc.verb = "landscape " + name;
  doc.parameters.assign(b.parameters.begin(), b.parameters.end());
  Table t = named_table(name, name == "theorem25" ? "Theorem 2.5 and its Section-7 constants (unspecified constants are parameters)"
                                                  : "Theorem 2.2: loss at an approximate local minimum",
                        b.values);
  t.notes = b.notes;
  doc.tables.push_back(std::move(t));
  return doc;
}

Document landscape_experiment_document(const api::LandscapeExperiment& e) {
  Document doc;
  doc.verb = "simulate landscape";
  doc.parameters.assign(e.parameters.begin(), e.parameters.end());
  const std::string fixed = e.varied == "k" ? "d = " + std::to_string(e.fixed) : "k = " + std::to_string(e.fixed);
  Table t{"fig" + e.figure + "_fraction",
          "Fig. " + e.figure + " (" + e.activation + ", " + fixed + ", n = " + std::to_string(e.n) + "): fraction of " +
              std::to_string(e.draws) + " draws of W* with all " + std::to_string(e.runs) + " GD runs global",
          {{e.varied, "", ""},
           {"fraction global", "", "landscape.sim_gd"},
           {"global draws", "", ""},
           {"global runs", "", ""},
           {"capped runs", "", ""},
           {"mean steps", "", "landscape.sim_gd"},
           {"worst L/L(0)", "", "landscape.sim_gd"}},
          {}, {}};
  for (const auto& r : e.rows)
    t.rows.push_back({static_cast<long long>(r.x), r.fraction.value, r.global_draws.value, r.global_runs.value,
                      r.capped_runs.value, r.mean_steps.value, r.worst_loss.value});
  t.notes.push_back(e.criterion);
  t.notes.push_back("capped runs reached the step cap while still decreasing: undecided, counted as not global (raise "
                    "--max-steps to decide them)");
  t.notes.push_back("float64 GD (landscape.sim_gd, reconstructed: the paper does not state its step size or stopping rule)");
  doc.tables.push_back(std::move(t));
  Table f{"fig" + e.figure + "_fit", "Fig. " + e.figure + ": logistic fit over " + e.varied + " and thresholds",
          {{"quantity", "", ""}, {"value", "", ""}, {"formula", "", ""}}, {}, {}};
  f.rows.push_back({std::string("1/2-crossing x0"), opt_cell(e.crossing), std::string("landscape.logistic_fit")});
  f.rows.push_back({std::string("scale s"), opt_cell(e.scale), std::string("landscape.logistic_fit")});
  f.rows.push_back({std::string("bootstrap CI low"), opt_cell(e.ci_lo), std::string("landscape.logistic_fit")});
  f.rows.push_back({std::string("bootstrap CI high"), opt_cell(e.ci_hi), std::string("landscape.logistic_fit")});
  f.rows.push_back({std::string("least " + e.varied + " from which every draw was global"),
                    e.always_global ? Cell(static_cast<long long>(*e.always_global)) : Cell(std::string("none")),
                    std::string("landscape.sim_gd")});
  f.rows.push_back({std::string("time [s]"), Cell(Value::from_double(e.seconds)), std::string("")});
  f.notes.push_back("fit: " + e.fit_status);
  doc.tables.push_back(std::move(f));
  return doc;
}

Document landscape_random_labels_document(const api::LandscapeRandomLabels& r) {
  Document doc;
  doc.verb = "simulate landscape";
  doc.parameters.assign(r.parameters.begin(), r.parameters.end());
  Table t{"fig" + r.figure + "_rmse",
          "Fig. " + r.figure + " (" + r.activation + ", d = " + std::to_string(r.d) + ", n = " + std::to_string(r.n) +
              ", random labels): final RMSE after at most " + std::to_string(r.iterations) + " iterations",
          {{"k", "", ""}, {"kd/n", "", "landscape.zero_rmse_ratio"}, {"final RMSE", "", "landscape.sim_gd"},
           {"zero", "", ""}, {"iterations", "", ""}},
          {}, {}};
  for (const auto& row : r.rows)
    t.rows.push_back({static_cast<long long>(row.k), row.ratio_kd_over_n.value, row.final_rmse.value,
                      std::string(row.zero ? "yes" : "no"), row.steps.value});
  t.notes.push_back(r.criterion);
  t.notes.push_back("RMSE of the zero predictor: " + format_double(r.reference_rmse));
  t.notes.push_back("least kd/n from which the RMSE is zero: " + (r.zero_ratio ? r.zero_ratio->value.str() : std::string("none")));
  t.notes.push_back("output layer: the paper's x -> 1^T phi(W x) is >= 0 and cannot fit N(0,1) labels; default: v trained");
  doc.tables.push_back(std::move(t));
  return doc;
}

Plot landscape_experiment_plot(const api::LandscapeExperiment& e) {
  Plot p{"Fig. " + e.figure + ": fraction of draws with no spurious minimum", e.varied, "fraction global", false, false, {}};
  Series s{"simulation", {}, {}, {}};
  for (const auto& r : e.rows) {
    s.x.push_back(static_cast<double>(r.x));
    s.y.push_back(r.fraction.value.floating());
    s.yerr.push_back(r.fraction.value.stderr_value().value_or(0));
  }
  p.series.push_back(std::move(s));
  if (e.crossing && e.fit_status == "fitted") {
    Series f{"logistic fit", {}, {}, {}};
    const double x0 = e.crossing->value.floating(), sc = e.scale->value.floating();
    const double lo = static_cast<double>(e.rows.front().x), hi = static_cast<double>(e.rows.back().x);
    for (int i = 0; i <= 50; ++i) {
      const double x = lo + (hi - lo) * i / 50.0;
      f.x.push_back(x);
      f.y.push_back(1 / (1 + std::exp(-(x - x0) / sc)));
    }
    p.series.push_back(std::move(f));
  }
  return p;
}

Plot landscape_random_labels_plot(const api::LandscapeRandomLabels& r) {
  Plot p{"Fig. " + r.figure + ": RMSE against iterations (random labels)", "iteration", "RMSE", false, true, {}};
  for (const auto& row : r.rows) {
    Series s{"k = " + std::to_string(row.k), {}, {}, {}};
    for (const auto& [it, v] : row.curve) {
      s.x.push_back(static_cast<double>(it));
      s.y.push_back(std::max(v, 1e-300));
    }
    p.series.push_back(std::move(s));
  }
  return p;
}

Document landscape_simulate_document(const api::LandscapeSimRequest& req, const std::string& plot_stem,
                                     const std::vector<std::string>& formats) {
  std::vector<PlotFormat> f;
  for (const auto& s : formats) f.push_back(parse_plot_format(s));
  const api::LandscapeSimulation sim = api::landscape_simulate(req);
  Document doc;
  doc.verb = "simulate landscape";
  doc.seed = req.seed;
  doc.parameters = {{"full", req.full ? "yes" : "no"}, {"tol", format_double(req.tol)}, {"step", req.step},
                    {"lr", format_double(req.lr)}, {"layers", req.layers}, {"output_layer", req.output_layer},
                    {"stall_window", std::to_string(req.stall_window)}, {"stall_rel", format_double(req.stall_rel)},
                    {"bootstrap", std::to_string(req.bootstrap)}, {"level", format_double(req.level)}};
  for (const auto& e : sim.planted) {
    for (auto& t : landscape_experiment_document(e).tables) doc.tables.push_back(std::move(t));
    if (!plot_stem.empty()) write_plot(landscape_experiment_plot(e), plot_stem + "-fig" + e.figure, f);
  }
  for (const auto& r : sim.random_labels) {
    for (auto& t : landscape_random_labels_document(r).tables) doc.tables.push_back(std::move(t));
    if (!plot_stem.empty()) write_plot(landscape_random_labels_plot(r), plot_stem + "-fig" + r.figure, f);
  }
  return doc;
}

}  // namespace gdcert::report
