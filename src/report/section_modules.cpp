// The report sections of the modules on this branch: the Walsh zoo, alignment (INAL, expressivity, CP, MSP) and
// the dual kernels. Each section writes its tables and plots through ReportContext (see report/sections.hpp).
#include <string>
#include <vector>

#include <fmt/format.h>

#include "report/views.hpp"
#include "report/sections.hpp"

namespace gdcert::report {

namespace {

struct ZooEntry {
  std::string name;
  std::string spec;
  bool coeffs;  // list all nonzero coefficients (small n only)
};

std::vector<ZooEntry> walsh_zoo(bool full) {
  std::vector<ZooEntry> z;
  for (int n : {3, 5, 7, 9, 11, 13}) z.push_back({fmt::format("majority_n{}", n), fmt::format("majority:n={}", n), n <= 7});
  z.push_back({"majority_n8_tie_plus", "majority:n=8:sign0=+1", false});
  z.push_back({"parity_n3_S1", "parity:n=3:S=1", true});
  z.push_back({"parity_n4_S12", "parity:n=4:S=1,2", true});
  z.push_back({"parity_n5_S24", "parity:n=5:S=2,4", true});
  z.push_back({"parity_n6_full", "parity:n=6:S=1,2,3,4,5,6", true});
  z.push_back({"staircase_n3", "staircase:n=3", true});
  z.push_back({"staircase_n8_k4", "staircase:n=8:k=4", true});
  z.push_back({"threshold_n5", "threshold:n=5:w=3,2,2,1,1:t=1", true});
  z.push_back({"inner_product_n4", "anf:n=4:x1*x2 + x3*x4", true});
  z.push_back({"tribes_like_n6", "anf:n=6:x1*x2*x3 + x4*x5*x6", false});
  for (int n : {4, 5, 6})
    for (int s = 0; s < 2; ++s) z.push_back({fmt::format("random_n{}_seed{}", n, s), fmt::format("random:n={}:seed={}", n, s), n <= 5});
  z.push_back({"random_n16_seed1", "random:n=16:seed=1", false});
  z.push_back({"random_n20_seed1", "random:n=20:seed=1", false});
  if (full) {
    z.push_back({"majority_n21", "majority:n=21", false});
    z.push_back({"random_n24_seed1", "random:n=24:seed=1", false});
    z.push_back({"random_n26_seed1", "random:n=26:seed=1", false});
  }
  return z;
}

/**
 * The (x, y) points of two numeric columns of a table, leaving out rows whose cells are not numbers and zero y values
 * (structural zeros, invisible on a log scale).
 */
report::Series column_series(const Table& t, std::size_t xcol, std::size_t ycol, const std::string& label) {
  report::Series s{label, {}, {}, {}};
  for (const auto& row : t.rows) {
    if (row.size() <= std::max(xcol, ycol)) continue;
    double x = 0;
    if (const auto* i = std::get_if<long long>(&row[xcol])) x = static_cast<double>(*i);
    else if (const auto* v = std::get_if<Value>(&row[xcol])) x = plot_value(*v);
    else continue;
    const auto* y = std::get_if<Value>(&row[ycol]);
    if (!y) continue;
    const double yv = plot_value(*y);
    if (yv == 0) continue;
    s.x.push_back(x);
    s.y.push_back(yv);
  }
  return s;
}

}  // namespace

void walsh_report_section(ReportContext& ctx) {
  Plot plot{"Level weights W_k of majority (nonzero levels)", "level k", "W_k", false, true, {}};
  for (const ZooEntry& z : walsh_zoo(ctx.full())) {
    WalshRequest req;
    req.spec = z.spec;
    req.levels = true;
    req.degree = true;
    req.influences = true;
    req.stability = {"1/3", "1/2"};
    req.coeffs = z.coeffs;
    req.threads = ctx.threads();
    Document doc = walsh_document(req);
    if (z.name.starts_with("majority_n") && z.name.find("tie") == std::string::npos)
      for (const auto& t : doc.tables)
        if (t.name == "level_weights") plot.series.push_back(column_series(t, 0, 1, z.spec));
    std::vector<std::string> args = {"walsh", z.spec, "--levels", "--degree", "--influences", "--stability", "1/3", "--stability", "1/2"};
    if (z.coeffs) args.push_back("--coeffs");
    ctx.table(z.name, "Walsh level weights, degree, influences and noise stability of " + z.spec, gdcert_command(args),
              std::move(doc));
  }
  plot.caption = "Exact level weights W_k of Majority_n for odd n = 3, 5, ..., 13 against the level k (log scale; the even "
                 "levels are 0 and left out): the weight spreads to higher levels as n grows, W_1 decreasing towards 2/pi. "
                 "Exact Fourier data of the target: no network, no training.";
  ctx.plot("majority_level_weights", "level weights of majority, n = 3..13, against the level (log scale)", plot);
}

void alignment_report_section(ReportContext& ctx) {
  const bool full = ctx.full();
  struct P {
    const char *name, *act, *init, *bias;
    unsigned n;
  };
  std::vector<P> profiles = {{"profile_relu_gaussian_n10", "relu", "gaussian", "none", 10},
                             {"profile_sign_gaussian_n10", "sign", "gaussian", "none", 10},
                             {"profile_relu_gaussian_bias_n10", "relu", "gaussian", "gaussian:beta2=1", 10},
                             {"profile_relu_rademacher_n10", "relu", "rademacher", "none", 10},
                             {"profile_sign_rademacher_n11", "sign", "rademacher", "none", 11},
                             {"profile_relu_gaussian_bias_n50", "relu", "gaussian", "gaussian:beta2=1", 50}};
  if (full) profiles.push_back({"profile_relu_gaussian_bias_n100", "relu", "gaussian", "gaussian:beta2=1", 100});
  Plot plot{"Expressivity profiles e_k = C(n,k) m_k (nonzero levels)", "level k", "e_k", false, true, {}};
  for (const P& p : profiles) {
    InalRequest r;
    r.profile = true;
    r.n = p.n;
    r.act = p.act;
    r.init = p.init;
    r.bias = p.bias;
    r.K = 3;
    Document doc = inal_document(r);
    if (p.n <= 11) plot.series.push_back(column_series(doc.tables.at(0), 0, 2, fmt::format("{} {} {} n={}", p.act, p.init, p.bias, p.n)));
    ctx.table(p.name, fmt::format("expressivity profile e_k of a first-layer {} neuron, {} weights, bias {}, n = {}, K = 3", p.act,
                                  p.init, p.bias, p.n),
              gdcert_command({"inal", "--profile", "--n", std::to_string(p.n), "--act", p.act, "--init", p.init, "--bias", p.bias,
                              "--K", "3"}),
              std::move(doc));
  }
  plot.caption = "Expressivity profile e_k = C(n,k) m_k (the expected level-k Walsh weight) of one first-layer neuron at "
                 "initialisation, n = 10 and 11: ReLU and sign activations, Gaussian N(0, 1/n) or Rademacher weights, no bias or "
                 "a N(0, 1) bias; log scale, levels where e_k is exactly 0 left out. Exact or certified values at "
                 "initialisation: no training, so no learning rate or noise enters.";
  ctx.plot("profiles_plot", "expressivity profiles e_k against k, log scale (structural zeros left out)", plot);
  struct T {
    const char *name, *spec, *init, *act;
  };
  for (const T& t : {T{"inal_majority9_rademacher_sign", "majority:n=9", "rademacher", "sign"},
                     T{"inal_majority9_gaussian_relu", "majority:n=9", "gaussian", "relu"},
                     T{"inal_staircase8_gaussian_relu", "staircase:n=8:k=4", "gaussian", "relu"},
                     T{"inal_parity10_rademacher_relu", "parity:n=10:S=1,2,3,4,5,6,7,8,9,10", "rademacher", "relu"},
                     T{"inal_parity10_gaussian_relu", "parity:n=10:S=1,2,3,4,5,6,7,8,9,10", "gaussian", "relu"}})
    ctx.table(t.name, fmt::format("INAL of {} with a first-layer {} neuron, {} init (raw and normalised)", t.spec, t.act, t.init),
              gdcert_command({"inal", t.spec, "--init", t.init, "--act", t.act, "--normalised"}), [&] {
                             InalRequest r;
                             r.spec = t.spec;
                             r.init = t.init;
                             r.act = t.act;
                             r.normalised = true;
                             return inal_document(r);
                           }());
  for (const auto& [name, klass] : std::vector<std::pair<std::string, std::string>>{
           {"cp_parities_n100_k1", "parities:n=100:k=1"}, {"cp_parities_n100_k2", "parities:n=100:k=2"},
           {"cp_parities_n100_k3", "parities:n=100:k=3"}, {"cp_parities_n100_k4", "parities:n=100:k=4"},
           {"cp_parities_n1000_k3", "parities:n=1000:k=3"}, {"cp_all_parities_n20", "parities:n=20"}})
    ctx.table(name, "cross-predictability of the class " + klass, gdcert_command({"cp", "--class", klass}), [&] {
                             CpRequest r;
                             r.klass = klass;
                             return cp_document(r);
                           }());
  for (const auto& [name, spec] : std::vector<std::pair<std::string, std::string>>{
           {"orbit_majority5", "majority:n=5"}, {"orbit_majority7", "majority:n=7"}, {"orbit_parity4_S12", "parity:n=4:S=1,2"},
           {"orbit_random_n6_seed1", "random:n=6:seed=1"}, {"orbit_e2_n4", "poly:n=4:x1*x2+x1*x3+x1*x4+x2*x3+x2*x4+x3*x4"}})
    ctx.table(name, "orbit cross-predictability and G-alignment of " + spec + " (B_n and S_n)", gdcert_command({"cp", spec}), [&] {
                             CpRequest r;
                             r.spec = spec;
                             return cp_document(r);
                           }());
  ctx.table("certificate_full_parity_n50",
            "INAL => CP_{B_n} certificate for the full parity at n = 50 (ReLU neuron, Gaussian weights and bias, beta^2 = 1)",
            gdcert_command({"cp", "--level-weights", "0*50,1", "--group", "Bn", "--certificate", "gaussian", "--bias",
                            "gaussian:beta2=1"}),
            [&] {
                           CpRequest r;
                           r.level_weights = "0*50,1";
                           r.group = "Bn";
                           r.certificate_init = "gaussian";
                           r.certificate_bias = "gaussian:beta2=1";
                           return cp_document(r);
                         }());
  for (const auto& [name, support] : std::vector<std::pair<std::string, std::string>>{
           {"msp_staircase", "1;1,2;1,2,3"}, {"msp_z1_z2_z3z4_z1z3", "1;2;3,4;1,3"}, {"msp_z1_z1z2z3", "1;1,2,3"},
           {"msp_z1_z1z2_z2z3z4", "1;1,2;2,3,4"}})
    ctx.table(name, "merged-staircase property and leap of the support " + support,
              gdcert_command({"msp", "--support", support}), [&] { return msp_document("", support, 0); }());
}


void kernel_report_section(ReportContext& ctx) {
  const std::vector<std::string> activations = {"relu", "sign", "erf", "arccos:0", "arccos:2"};
  const int steps = ctx.full() ? 100 : 20;  // rho = -1 + 2j/steps
  std::vector<std::string> rho;
  for (int j = 0; j <= steps; ++j) rho.push_back(Rational(-steps + 2 * j, steps).str());
  const std::string grid_step = Rational(2, steps).str(), grid = "-1..1:" + grid_step;  // the same points for kernel --rho
  Plot plot{"Dual kernels E[sigma(u) sigma(v)], unit variances", "rho", "E[sigma(u) sigma(v)]", false, false, {}};
  for (const std::string& a : activations) {
    KernelRequest req;
    req.activation = a;
    req.rho = rho;
    req.series = 8u;
    Document doc = kernel_document(req, 128);
    std::string name = a;
    for (char& c : name)
      if (c == ':') c = '_';
    report::Series s{a, {}, {}, {}};
    for (const auto& row : doc.tables.at(0).rows) {
      s.x.push_back(plot_value(std::get<Value>(row.at(3))));
      s.y.push_back(plot_value(std::get<Value>(row.at(4))));
    }
    plot.series.push_back(std::move(s));
    ctx.table("kernel_" + name, "dual kernel of " + a + " for unit variances on rho = -1..1 (step " + grid_step +
                                    "), with its Hermite series to order 8",
              gdcert_command({"kernel", a, "--rho", grid, "--series", "8"}), std::move(doc));
  }
  // first-layer form with a bias: the effective correlation moves rho towards 1
  KernelRequest req;
  req.activation = "relu";
  req.rho = rho;
  req.weight_var = "1";
  req.bias_var = "1";
  ctx.table("kernel_relu_bias1", "ReLU dual kernel in the first-layer form with a bias: weights N(0, 1/n), bias N(0, 1)",
            gdcert_command({"kernel", "relu", "--weight-var", "1", "--bias-var", "1", "--rho", grid}), kernel_document(req, 128));
  req = KernelRequest{};
  req.activation = "relu";
  req.rho = {"1/2"};
  req.digits = 50;
  ctx.table("kernel_relu_50_digits", "ReLU dual kernel at rho = 1/2 certified to 50 significant digits",
            gdcert_command({"kernel", "relu", "--rho", "1/2", "--digits", "50"}), kernel_document(req, 128));
  plot.caption = "Dual kernels E[sigma(u) sigma(v)] of relu, sign, erf and the arc-cosine activations of order 0 and 2 for "
                 "unit-variance Gaussian pre-activations with correlation rho (certified balls at 128 bits, drawn at their "
                 "midpoints). These are the kernels of one infinitely wide layer at initialisation: no training.";
  ctx.plot("kernels_plot", "dual kernels against rho for unit variances", plot);
}

}  // namespace gdcert::report
