#include "api/landscape.hpp"

#include "api/precision.hpp"
#include "exact/errors.hpp"
#include "exact/rng.hpp"
#include "landscape/activation.hpp"
#include "landscape/instance.hpp"
#include "landscape/quadratic.hpp"
#include "landscape/theorems.hpp"

namespace gdcert::api {

namespace {

using namespace gdcert::landscape;

Result exact(const Rational& q, const char* formula) { return {Value(q), formula}; }
Result ball(const Ball& b, long prec, const char* formula) { return {Value(b, prec), formula}; }
Result count(long x, const char* formula = "") { return {Value(static_cast<long long>(x)), formula}; }

std::vector<std::string> strs(const QVector& v) {
  std::vector<std::string> s;
  for (const auto& x : v) s.push_back(x.str());
  return s;
}

}  // namespace

namespace {

LandscapeCertificate certificate_of(const Data& data, const Point& p, bool ls, const std::optional<QMatrix>& U,
                                    const std::string& source, long prec);

}  // namespace

LandscapeCertificate landscape_certify(const LandscapeCertifyRequest& req, long prec) {
  check_prec(prec);
  if (req.data.empty()) throw usage_error("landscape certify: requires --data FILE");
  InstanceFile f = read_instance_file(req.data);
  Point p;
  if (!req.v.empty()) p.v = parse_vector(req.v, "landscape certify --v");
  else if (f.v) p.v = *f.v;
  else throw input_error("landscape certify: requires --v (or \"v\" in the data file)");
  if (!req.W.empty()) p.W = parse_matrix(req.W, "landscape certify --W");
  else if (f.W) p.W = *f.W;
  else throw input_error("landscape certify: requires --W (or \"W\" in the data file)");
  const Data& data = f.data;
  require_shapes(data, p, "landscape certify");
  require_sizes(data.n(), data.d(), p.W.rows(), false, "landscape certify");
  bool ls = false;
  if (req.least_squares == "yes") {
    require_sizes(data.n(), data.d(), p.W.rows(), true, "landscape certify --least-squares yes");
    ls = true;
  } else if (req.least_squares == "auto") {
    ls = data.d() <= kMaxLeastSquaresDimension && data.n() <= kMaxLeastSquaresSamples;
  } else if (req.least_squares != "no") {
    throw input_error("landscape certify --least-squares: requires auto, yes or no, got \"" + req.least_squares + "\"");
  }
  std::optional<QMatrix> U;
  if (!req.U.empty()) U = parse_matrix(req.U, "landscape certify --U");

  return certificate_of(data, p, ls, U, req.data, prec);
}

LandscapeCertificate landscape_certify_generated(const LandscapeGenerateRequest& req, long prec) {
  check_prec(prec);
  const auto g = generate_instance(parse_instance_kind(req.kind), req.n, req.d, req.k, req.seed);
  LandscapeCertificate c = certificate_of(g.data, g.point, true, std::nullopt,
                                          "generate --kind " + req.kind + " --n " + std::to_string(req.n) + " --d " +
                                              std::to_string(req.d) + " --k " + std::to_string(req.k) + " --seed " +
                                              std::to_string(req.seed),
                                          prec);
  return c;
}

namespace {

LandscapeCertificate certificate_of(const Data& data, const Point& p, bool ls, const std::optional<QMatrix>& U,
                                    const std::string& source, long prec) {
  const Certificate c = certify_exact(data, p, ls, prec);
  LandscapeCertificate out;
  out.n = data.n();
  out.d = data.d();
  out.k = p.W.rows();
  out.prec = prec;
  out.parameters = {{"data", source}, {"n", std::to_string(out.n)}, {"d", std::to_string(out.d)},
                    {"k", std::to_string(out.k)}, {"least_squares", ls ? "yes" : "no"}, {"prec", std::to_string(prec)}};
  out.verdict = std::string(to_string(c.kind));
  out.reason = c.reason;
  auto add = [&](std::string name, Result r) { out.values.push_back({std::move(name), std::move(r)}); };
  add("loss L(W)", exact(c.loss, "landscape.loss"));
  add("||grad L||_F^2", exact(c.gradient_norm_sq, "landscape.gradient"));
  add("||grad L||_F", ball(c.gradient_norm, prec, "landscape.gradient"));
  add("sum r_i x_i x_i^T = 0 (certificate)", count(c.certificate_holds ? 1 : 0, "landscape.optimality_certificate"));
  add("positive entries of v", count(c.positive));
  add("negative entries of v", count(c.negative));
  add("Theorem 2.1 sign condition (>= d of each)", count(c.theorem_assumption ? 1 : 0));
  add("rank (D_v W)_{S+}", count(c.rank_plus));
  add("rank (D_v W)_{S-}", count(c.rank_minus));
  if (data.d() <= kMaxLeastSquaresDimension && data.n() <= kMaxLeastSquaresSamples) {
    add("rank X*X", count(khatri_rao_rank(data.X), "landscape.khatri_rao_rank"));
    add("min(n, d(d+1)/2)", count(generic_khatri_rao_rank(data.n(), data.d()), "landscape.khatri_rao_rank"));
  }
  if (c.least_squares) {
    add("min over Sym(d) of f(M)", exact(c.least_squares->optimum, "landscape.sym_least_squares"));
    add("L(W) - optimum", exact(c.loss - c.least_squares->optimum, "landscape.sym_least_squares"));
    add("feature rank", count(c.least_squares->feature_rank, "landscape.sym_least_squares"));
    out.M_star = c.least_squares->M_star.str_rows();
    if (!c.theorem_assumption)
      out.notes.push_back("v violates the sign condition: the least-squares optimum over Sym(d) is a lower bound on L, "
                          "attained only if M* = W^T D_v W for some W");
  }
  if (c.saddle) {
    const auto& s = *c.saddle;
    add("a^T D_v a", exact(s.a_Dv_a, "landscape.case2_direction"));
    add("b^T (S/n) b (rational b)", exact(s.b_S_b, "landscape.case2_rational_direction"));
    add("Hessian form along U = a b^T", exact(s.value, "landscape.case2_direction"));
    const std::string lam = std::string(s.uses_positive_support ? "lambda_min" : "lambda_max") + "(S/n)";
    const std::string along = "Hessian form along a b_unit^T (unit eigenvector b)";
    if (s.eigenvalue_rational) {
      add(lam, exact(*s.eigenvalue_rational, "landscape.case2_eigen"));
      add(along, exact(*s.eigen_value_rational, "landscape.case2_eigen"));
    } else {
      add(lam + " (irrational)", ball(s.eigenvalue, prec, "landscape.case2_eigen"));
      add(along, ball(s.eigen_value, prec, "landscape.case2_eigen"));
    }
    out.direction_a = strs(s.a);
    out.direction_b = strs(s.b);
    out.direction_U = s.U.str_rows();
  }
  if (U) {
    add("Hessian form along --U (4/n)", exact(hessian_form_exact(data, p, *U), "landscape.hessian_form"));
    add("(6.4) as recorded along --U (2/n)", exact(hessian_form_recorded_exact(data, p, *U), "landscape.hessian_form_recorded"));
  }
  out.residual_matrix = c.residual_matrix.str_rows();
  out.gradient = c.gradient.str_rows();
  return out;
}

}  // namespace

std::string landscape_generate_json(const LandscapeGenerateRequest& req) {
  const auto g = generate_instance(parse_instance_kind(req.kind), req.n, req.d, req.k, req.seed);
  return instance_json(g.data, g.point);
}

LandscapeRankTable landscape_rank(long d, long n_min, long n_max, std::uint64_t seed) {
  if (d < 1 || n_min < 1 || n_max < n_min)
    throw input_error("landscape rank: requires d >= 1 and 1 <= n-min <= n-max, got d = " + std::to_string(d) + ", n = " +
                      std::to_string(n_min) + ".." + std::to_string(n_max));
  if (n_max - n_min > 200) throw resource_error("landscape rank: requires at most 201 values of n, got " + std::to_string(n_max - n_min + 1));
  require_sizes(n_max, d, 1, true, "landscape rank");
  LandscapeRankTable t;
  t.d = d;
  t.parameters = {{"d", std::to_string(d)}, {"n", std::to_string(n_min) + ".." + std::to_string(n_max)},
                  {"seed", std::to_string(seed)}};
  // X with integer entries in -1000..1000 (so a singular draw is rare); row n uses the first n rows of one draw.
  Rng rng(seed);
  QMatrix X(n_max, d);
  for (long i = 0; i < n_max; ++i)
    for (long j = 0; j < d; ++j) X(i, j) = Rational(static_cast<long long>(rng.below(2001)) - 1000);
  for (long n = n_min; n <= n_max; ++n) {
    QMatrix Xn(n, d);
    for (long i = 0; i < n; ++i)
      for (long j = 0; j < d; ++j) Xn(i, j) = X(i, j);
    t.rows.push_back({n, count(khatri_rao_rank(Xn), "landscape.khatri_rao_rank"),
                      count(generic_khatri_rao_rank(n, d), "landscape.khatri_rao_rank")});
  }
  return t;
}

namespace {
std::vector<Rational> parse_grid(const std::string& g) {
  std::vector<Rational> out;
  if (auto dots = g.find(".."); dots != std::string::npos) {
    // "lo..hi:step" (rationals use '/', so the step is separated by ':'), e.g. "0..4:1/4".
    const auto colon = g.find(':', dots);
    if (colon == std::string::npos) throw input_error("landscape assumption --sigma: requires \"lo..hi:step\" or a comma list, got \"" + g + "\"");
    const Rational lo = Rational::parse(g.substr(0, dots)), hi = Rational::parse(g.substr(dots + 2, colon - dots - 2)),
                   step = Rational::parse(g.substr(colon + 1));
    if (step.sign() <= 0 || hi < lo) throw input_error("landscape assumption --sigma: requires lo <= hi and step > 0, got \"" + g + "\"");
    if ((hi - lo) / step > Rational(400)) throw resource_error("landscape assumption --sigma: requires at most 401 grid points, got \"" + g + "\"");
    for (Rational s = lo; s <= hi; s += step) out.push_back(s);
    return out;
  }
  for (const auto& x : parse_vector(g, "landscape assumption --sigma")) out.push_back(x);
  return out;
}
}  // namespace

LandscapeAssumption landscape_assumption(const std::string& activation, const std::string& grid, long prec) {
  check_prec(prec);
  const Activation act = parse_activation(activation);
  const auto sig = parse_grid(grid);
  const AssumptionReport r = assumption23(act, sig, prec);
  LandscapeAssumption a;
  a.activation = act.spec();
  a.prec = prec;
  a.parameters = {{"act", act.spec()}, {"sigma", grid}, {"prec", std::to_string(prec)}};
  const char* mu_id = r.mu_exact ? "landscape.assumption23_symmetry" : "landscape.mu";
  const char* ga_id = r.gamma_exact ? "landscape.assumption23_symmetry" : "landscape.gamma";
  auto value = [&](const std::optional<Rational>& ex, const Ball& b, long p, const char* id) {
    return ex ? Result{Value(*ex), id} : Result{Value(b, p), id};
  };
  for (std::size_t j = 0; j < sig.size(); ++j)
    a.rows.push_back({sig[j].str(), value(r.mu_exact, r.mu[j], prec, mu_id), value(r.gamma_exact, r.gamma[j], prec, ga_id)});
  for (std::size_t j = 0; j < r.mu_cells.size(); ++j)
    a.cells.push_back({"[" + sig[j].str() + ", " + sig[j + 1].str() + "]", value(r.mu_exact, r.mu_cells[j], 48, mu_id),
                       value(r.gamma_exact, r.gamma_cells[j], 48, ga_id)});
  a.mu_statement = r.mu_statement;
  a.gamma_statement = r.gamma_statement;
  a.case_23 = r.case_23;
  return a;
}

LandscapeBoundTable landscape_theorem25(const LandscapeTheorem25Request& q, long prec) {
  check_prec(prec);
  Theorem25Input in;
  in.n = q.n; in.d = q.d; in.k = q.k; in.tau = q.tau;
  in.sigma_min = Rational::parse(q.sigma_min);
  in.sigma_max = Rational::parse(q.sigma_max);
  in.c = Rational::parse(q.c); in.C = Rational::parse(q.C); in.C0 = Rational::parse(q.C0); in.c0 = Rational::parse(q.c0);
  in.Cprime = Rational::parse(q.Cprime);
  in.v_max = Rational::parse(q.v_max); in.w_max = Rational::parse(q.w_max);
  in.B = Rational::parse(q.B); in.Lphi = Rational::parse(q.L); in.phi0 = Rational::parse(q.phi0);
  in.alpha = Rational::parse(q.alpha); in.L0 = Rational::parse(q.L0);
  in.case_b = q.case_b;
  const Theorem25Output o = theorem25_constants(in, prec);
  LandscapeBoundTable t;
  t.parameters = {{"n", std::to_string(q.n)}, {"d", std::to_string(q.d)}, {"k", std::to_string(q.k)},
                  {"tau", std::to_string(q.tau)}, {"sigma_min", in.sigma_min.str()}, {"sigma_max", in.sigma_max.str()},
                  {"c", in.c.str()}, {"C", in.C.str()}, {"C0", in.C0.str()}, {"c0", in.c0.str()}, {"Cprime", in.Cprime.str()},
                  {"v_max", in.v_max.str()}, {"w_max", in.w_max.str()}, {"B", in.B.str()}, {"L", in.Lphi.str()},
                  {"phi0", in.phi0.str()}, {"alpha", in.alpha.str()}, {"L0", in.L0.str()}, {"case", q.case_b ? "b" : "a"},
                  {"prec", std::to_string(prec)}};
  auto add = [&](std::string n, Result r) { t.values.push_back({std::move(n), std::move(r)}); };
  add("n_max = c0 smin^4/smax^8 d^2", exact(o.n_max, "landscape.thm25_sample_range"));
  add("init radius ||W0 - W*||_F", ball(o.init_radius_W, prec, "landscape.thm25_init_radius"));
  add("init radius ||v0 - v*||_oo", ball(o.init_radius_v, prec, "landscape.thm25_init_radius"));
  add("beta = C (smax^2 + 1) k", exact(o.beta, "landscape.thm25_beta"));
  add("beta (Lemma 7.14)", exact(o.beta_714, "landscape.thm25_beta"));
  add("alpha", exact(o.alpha, "landscape.thm25_beta"));
  add("R", ball(o.R, prec, "landscape.thm25_radius"));
  add("m_L", exact(o.m_L, "landscape.thm25_pl"));
  add("m_U", exact(o.m_U, "landscape.thm25_pl"));
  add("m~_U", exact(o.m_tilde_U, "landscape.thm25_pl"));
  add("path bound (4/m_L) sqrt(m_U L0)", ball(o.path_bound, prec, "landscape.thm25_pl"));
  add("rate 1 - c alpha d/n (stated)", exact(o.rate_stated, "landscape.thm25_rate"));
  add("rate 1 - alpha m_L/2 (Lemma 7.12)", exact(o.rate_lemma, "landscape.thm25_rate"));
  add("(1 - c alpha d/n)^tau", ball(o.factor_stated, prec, "landscape.thm25_rate"));
  add("(1 - alpha m_L/2)^tau", ball(o.factor_lemma, prec, "landscape.thm25_rate"));
  t.notes = o.notes;
  t.notes.push_back("c, C, C0, c0, C' are the paper's unspecified numerical constants: parameters, default 1");
  return t;
}

LandscapeBoundTable landscape_theorem22(const LandscapeTheorem22Request& q, long prec) {
  check_prec(prec);
  Theorem22Input in{Rational::parse(q.eps_g), Rational::parse(q.eps_H), Rational::parse(q.nu), Rational::parse(q.nuclear),
                    q.d, Rational::parse(q.gamma)};
  const Theorem22Output o = theorem22_bound(in, prec);
  LandscapeBoundTable t;
  t.parameters = {{"eps_g", in.eps_g.str()}, {"eps_H", in.eps_H.str()}, {"nu", in.nu.str()}, {"nuclear", in.nuclear.str()},
                  {"gamma", in.gamma.str()}, {"d", std::to_string(q.d)}, {"prec", std::to_string(prec)}};
  t.values.push_back({"loss bound at an (eps_g, eps_H) point", ball(o.loss_bound, prec, "landscape.thm22_bound")});
  t.values.push_back({"probability 1 - 12 d e^{-gamma d} - 8/d", ball(o.probability, prec, "landscape.thm22_bound")});
  t.notes.push_back("gamma is the paper's unspecified numerical constant: a parameter");
  return t;
}

}  // namespace gdcert::api
