// gdcert walsh SPEC: exact Fourier–Walsh data of one function.
#include <bit>
#include <memory>

#include "cli/app.hpp"
#include "cli/common.hpp"
#include "exact/errors.hpp"

namespace gdcert::cli {

void add_walsh(CLI::App& app, Context& ctx) {
  auto req = std::make_shared<WalshRequest>();
  auto opt = std::make_shared<CommonOptions>();
  CLI::App* sub = app.add_subcommand("walsh", "exact Fourier–Walsh data of a function given by a spec");
  sub->add_option("spec", req->spec, "function spec, e.g. majority:n=9 (see README: spec grammar)")->required();
  sub->add_flag("--coeffs", req->coeffs, "list all nonzero coefficients fhat(S)");
  sub->add_flag("--levels", req->levels, "level weights W_k (the default table)");
  sub->add_flag("--influences", req->influences, "influences Inf_i and total influence");
  sub->add_option("--stability", req->stability, "noise stability Stab_rho for rational rho (repeatable)");
  sub->add_flag("--degree", req->degree, "Fourier degree");
  sub->add_option("--coeff", req->coeff_sets, "one coefficient fhat(S), S = i,j,k (repeatable; no full transform)");
  sub->add_flag("--table", req->table, "the truth table: index, x, bits b_j = (1 - x_j)/2, f(x) (n <= 20)");
  sub->add_option("--eval", req->eval_points, "f at x: x_1..x_n as ±1 (1,-1,1) or bits b_j (010) (repeatable)");
  sub->add_flag("--anf", req->anf, "algebraic normal form over GF(2) and the algebraic degree (±1 functions)");
  sub->add_flag("--criteria", req->criteria,
                "nonlinearity, balancedness, correlation immunity, resiliency, bent/plateaued, Walsh histogram");
  sub->add_flag("--autocorrelation", req->autocorrelation,
                "autocorrelation spectrum, absolute and sum-of-squares indicators, linear structures, PC(k)");
  sub->add_flag("--algebraic-immunity", req->algebraic_immunity,
                "algebraic immunity with an annihilator of degree AI as witness (±1 functions, n <= 12)");
  sub->add_option("--derivative", req->derivatives, "the derivative D_u f(x) = f(x) f(x chi_u), u = i,j,... (repeatable)");
  sub->add_option("--bias", req->bias,
                  "p-biased analysis under mu_p, p = Pr[x_i = -1] rational in (0, 1): level weights, influences, "
                  "--stability, --coeffs as r_S sigma^-|S|");
  sub->add_flag("--zero-based", req->zero_based,
                "variables numbered x0..x_{n-1} in printed sets/monomials and in --coeff/--derivative (specs stay 1-based)");
  add_common_options(*sub, *opt);
  sub->callback([&ctx, req, opt] {
    ctx.action = [&ctx, req, opt] {
      req->seed = opt->seed;
      req->threads = opt->threads;
      report::Document doc = walsh_document(*req);
      doc.command_line = ctx.command_line;
      doc.prec = opt->prec;
      emit(doc, *opt, *ctx.out);
      return 0;
    };
  });
}

}  // namespace gdcert::cli
