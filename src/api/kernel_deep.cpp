#include "api/kernel_deep.hpp"

#include "api/precision.hpp"
#include "exact/errors.hpp"
#include "kernels/deep.hpp"
#include "kernels/general.hpp"
#include "width/data.hpp"

namespace gdcert::api {

namespace {

std::vector<Rational> per_layer(const std::vector<std::string>& texts, unsigned L, const char* what) {
  std::vector<Rational> v;
  for (const auto& t : texts) v.push_back(Rational::parse(t));
  if (v.size() == 1) v.assign(L + 1, v.front());
  if (v.size() != L + 1)
    throw usage_error(std::string("deep-kernel ") + what + ": requires one value or L + 1 = " + std::to_string(L + 1) +
                      " values, got " + std::to_string(texts.size()));
  return v;
}

bool uniform(const std::vector<Rational>& v) {
  for (const auto& x : v)
    if (x != v.front()) return false;
  return true;
}

}  // namespace

Result kernel_deep_pair(const std::string& activation, unsigned depth, const Rational& sw2, const Rational& sb2,
                        const Rational& q1, const Rational& q2, const Rational& c, bool ntk, long prec) {
  check_prec(prec);
  const auto arch = kernels::DeepArchitecture::uniform(kernels::parse_activation(activation), depth, sw2, sb2);
  const kernels::DeepPair p = kernels::deep_pair(arch, q1, q2, c, ntk, prec);
  return ntk ? Result{Value(p.theta.back(), prec), "kernel.deep.ntk"} : Result{Value(p.c.back(), prec), "kernel.deep.nngp"};
}

KernelDeepResult kernel_deep(const KernelDeepRequest& req, long prec) {
  check_prec(prec);
  const kernels::Activation a = kernels::parse_activation(req.activation);
  if (req.depth < 1 || req.depth > kernels::kMaxDepth)
    throw domain_error("deep-kernel --depth: requires 1 <= L <= " + std::to_string(kernels::kMaxDepth) + ", got " +
                       std::to_string(req.depth));
  const bool pair = !req.q1.empty() || !req.q2.empty() || !req.c.empty();
  if (pair && (req.q1.empty() || req.q2.empty() || req.c.empty()))
    throw usage_error("deep-kernel: --q1, --q2 and --c go together");
  if (pair == !req.data.empty()) throw usage_error("deep-kernel: requires exactly one of --data SPEC and --q1/--q2/--c");
  KernelDeepResult out;
  out.activation = a.name();
  out.depth = req.depth;
  out.prec = prec;
  out.weight_var = per_layer(req.weight_var, req.depth, "--weight-var");
  out.bias_var = per_layer(req.bias_var, req.depth, "--bias-var");
  kernels::DeepArchitecture arch;
  arch.activation = a;
  arch.depth = req.depth;
  arch.weight_var = out.weight_var;
  arch.bias_var = out.bias_var;
  auto join = [](const std::vector<Rational>& v) {
    std::string s;
    for (const auto& x : v) s += (s.empty() ? "" : ",") + x.str();
    return s;
  };
  out.parameters = {{"activation", a.name()},
                    {"depth", std::to_string(req.depth)},
                    {"weight_var", join(out.weight_var)},
                    {"bias_var", join(out.bias_var)},
                    {"kernel", req.ntk ? "nngp+ntk" : "nngp"},
                    {"prec", std::to_string(prec)}};
  if (req.fixed_point) {
    if (!uniform(out.weight_var) || !uniform(out.bias_var))
      throw usage_error("deep-kernel --fixed-point: requires the same weight and bias variance in every layer");
    const kernels::FixedPoint f = kernels::deep_fixed_point(a, out.weight_var.front(), out.bias_var.front());
    KernelDeepFixedPoint fp;
    const std::string id = "kernel.deep.fixed_point";
    fp.variance = f.variance == kernels::FixedPoint::Variance::fixed      ? "fixed"
                  : f.variance == kernels::FixedPoint::Variance::every_q ? "every q"
                                                                          : "diverges";
    fp.m = {Value(f.m), id};
    fp.chi1 = {Value(f.chi1), id};
    if (f.q_star) fp.q_star = Result{Value(*f.q_star), id};
    fp.rho_star = {Value(f.rho_star), id};
    fp.linear = f.linear;
    const Rational rho0 = Rational::parse(req.rho0);
    fp.q_used = f.q_star && f.q_star->sign() > 0 ? *f.q_star : Rational(1);
    if (f.variance != kernels::FixedPoint::Variance::diverges) {
      const unsigned steps = req.iterates ? req.iterates : req.depth;
      if (steps > 100000) throw resource_error("deep-kernel --iterates: requires at most 100000 steps");
      for (const Ball& b : kernels::correlation_iterates(a, out.weight_var.front(), out.bias_var.front(), fp.q_used,
                                                        rho0, steps, prec))
        fp.iterates.push_back({Value(b, prec), "kernel.deep.nngp"});
    }
    out.parameters["rho0"] = rho0.str();
    out.fixed_point = std::move(fp);
  }
  if (pair) {
    const Rational q1 = Rational::parse(req.q1), q2 = Rational::parse(req.q2), c = Rational::parse(req.c);
    const kernels::DeepPair p = kernels::deep_pair(arch, q1, q2, c, req.ntk, prec);
    out.parameters["q1"] = q1.str();
    out.parameters["q2"] = q2.str();
    out.parameters["c"] = c.str();
    for (std::size_t h = 0; h < p.c.size(); ++h) {
      auto add = [&](long i, long j, const Ball& s, const std::vector<Ball>& th) {
        KernelDeepEntry e;
        e.layer = static_cast<long>(h) + 1;
        e.i = i;
        e.j = j;
        e.nngp = {Value(s, prec), "kernel.deep.nngp"};
        if (req.ntk) e.ntk = Result{Value(th[h], prec), "kernel.deep.ntk"};
        out.entries.push_back(std::move(e));
      };
      add(0, 0, p.q1[h], p.theta_x);
      add(0, 1, p.c[h], p.theta);
      add(1, 1, p.q2[h], p.theta_y);
    }
  } else {
    const width::DataSet data = width::parse_data_spec(req.data, req.seed);
    out.n = data.size();
    out.d = data.dim();
    out.parameters["data"] = data.spec;
    const kernels::DeepGram g = kernels::deep_gram(arch, data.points, req.ntk, prec);
    const std::size_t first = req.all_layers ? 0 : g.nngp.size() - 1;
    for (std::size_t h = first; h < g.nngp.size(); ++h)
      for (slong i = 0; i < static_cast<slong>(out.n); ++i)
        for (slong j = i; j < static_cast<slong>(out.n); ++j) {
          KernelDeepEntry e;
          e.layer = static_cast<long>(h) + 1;
          e.i = i;
          e.j = j;
          e.nngp = {Value(g.nngp[h].at(i, j), prec), "kernel.deep.nngp"};
          if (req.ntk) e.ntk = Result{Value(g.ntk[h].at(i, j), prec), "kernel.deep.ntk"};
          out.entries.push_back(std::move(e));
        }
    out.nngp = g.nngp.back();
    if (req.ntk) out.ntk = g.ntk.back();
  }
  out.notes.push_back("NTK parameterization (neural-tangents stax.Dense(W_std, b_std, parameterization='ntk')): "
                      "Sigma^1 = sigma_w1^2 <x,y>/d + sigma_b1^2, layer L+1 is the linear readout");
  out.notes.push_back("every value is a certified ball at " + std::to_string(prec) +
                      " bits working precision (diagonals without rho, off-diagonal rho clipped to [-1, 1])");
  if (a.kind == kernels::Activation::Kind::gelu)
    out.notes.push_back("gelu entries by certified quadrature (kernel.gelu.quadrature): seconds per layer and pair");
  return out;
}

}  // namespace gdcert::api
