// gdcert landscape (paper 004): certify | generate | rank | assumption | theorem25 | theorem22; and
// gdcert simulate landscape (the Section-3 experiments).
#include <fstream>
#include <iostream>
#include <memory>
#include <string>

#include "api/landscape.hpp"
#include "cli/app.hpp"
#include "cli/common.hpp"
#include "exact/errors.hpp"

namespace gdcert::cli {

namespace {

template <class Make>
void on_run(CLI::App* sub, Context& ctx, std::shared_ptr<CommonOptions> opt, Make make) {
  sub->callback([&ctx, opt, make] {
    ctx.action = [&ctx, opt, make] {
      report::Document doc = make();
      doc.command_line = ctx.command_line;
      if (!doc.prec) doc.prec = opt->prec;
      emit(doc, *opt, *ctx.out);
      return 0;
    };
  });
}

}  // namespace

void add_landscape(CLI::App& app, Context& ctx) {
  CLI::App* verb = app.add_subcommand("landscape", "landscape of shallow networks (Soltanolkotabi-Javanmard-Lee): exact "
                                                    "certificates for quadratic activations, Assumption 2.3, Theorems 2.2/2.5");
  verb->require_subcommand(1);

  {  // certify
    auto req = std::make_shared<LandscapeCertifyRequest>();
    auto opt = std::make_shared<CommonOptions>();
    CLI::App* sub = verb->add_subcommand("certify", "exact verdict at a point: global minimum / strict saddle / not stationary");
    sub->add_option("--data", req->data, "data file: JSON {\"X\": rows, \"y\": [...], optional \"v\", \"W\"} or CSV x_1,...,x_d,y")->required();
    sub->add_option("--v", req->v, "output weights \"a,b,c\" (default: from the data file)");
    sub->add_option("--W", req->W, "hidden weights, rows separated by ';' \"a,b;c,d\" (default: from the data file)");
    sub->add_option("--U", req->U, "a direction (shape of W): also print the Hessian form along it (4/n) and the recorded (6.4)");
    sub->add_option("--least-squares", req->least_squares, "solve min over Sym(d): auto | yes | no")->capture_default_str();
    add_common_options(*sub, *opt);
    on_run(sub, ctx, opt, [req, opt] { return landscape_document(api::landscape_certify(*req, opt->prec)); });
  }
  {  // generate
    auto req = std::make_shared<LandscapeGenerateRequest>();
    auto out = std::make_shared<std::string>();
    CLI::App* sub = verb->add_subcommand("generate", "a random rational instance (JSON data file with v and W) of a given kind");
    sub->add_option("--kind", req->kind, "optimal-zero | optimal | saddle | nonstationary")->capture_default_str();
    sub->add_option("--n", req->n, "samples")->capture_default_str();
    sub->add_option("--d", req->d, "input dimension")->capture_default_str();
    sub->add_option("--k", req->k, "hidden width (>= 2d)")->capture_default_str();
    sub->add_option("--seed", req->seed, "seed")->capture_default_str();
    sub->add_option("--out", *out, "write the instance here (default: stdout)");
    sub->callback([&ctx, req, out] {
      ctx.action = [&ctx, req, out] {
        const std::string text = api::landscape_generate_json(*req);
        if (out->empty()) *ctx.out << text;
        else write_file_atomically(*out, text);
        return 0;
      };
    });
  }
  {  // rank
    auto d = std::make_shared<long>(3), n_min = std::make_shared<long>(1), n_max = std::make_shared<long>(10);
    auto opt = std::make_shared<CommonOptions>();
    CLI::App* sub = verb->add_subcommand("rank", "rank(X*X) of random integer X against min(n, d(d+1)/2)");
    sub->add_option("--d", *d, "dimension")->capture_default_str();
    sub->add_option("--n-min", *n_min, "first n")->capture_default_str();
    sub->add_option("--n-max", *n_max, "last n")->capture_default_str();
    add_common_options(*sub, *opt);
    on_run(sub, ctx, opt, [d, n_min, n_max, opt] { return landscape_document(api::landscape_rank(*d, *n_min, *n_max, opt->seed)); });
  }
  {  // assumption
    auto act = std::make_shared<std::string>("softplus"), grid = std::make_shared<std::string>("0..4:1/2");
    auto opt = std::make_shared<CommonOptions>();
    CLI::App* sub = verb->add_subcommand("assumption", "Assumption 2.3: mu(sigma) = E phi'(sigma g), gamma(sigma) = E phi''(sigma g) as balls");
    sub->add_option("--act", *act, "softplus[:b=B] | sigmoid[:b=B] | tanh | erf | quadratic")->capture_default_str();
    sub->add_option("--sigma", *grid, "sigma grid \"lo..hi:step\" or a comma list")->capture_default_str();
    add_common_options(*sub, *opt);
    on_run(sub, ctx, opt, [act, grid, opt] { return landscape_document(api::landscape_assumption(*act, *grid, opt->prec)); });
  }
  {  // theorem25
    auto q = std::make_shared<LandscapeTheorem25Request>();
    auto opt = std::make_shared<CommonOptions>();
    CLI::App* sub = verb->add_subcommand("theorem25", "Theorem 2.5's step size, initial radius, rate and Section-7 constants");
    sub->add_option("--n", q->n)->capture_default_str();
    sub->add_option("--d", q->d)->capture_default_str();
    sub->add_option("--k", q->k)->capture_default_str();
    sub->add_option("--tau", q->tau, "iterations of the rate")->capture_default_str();
    sub->add_option("--sigma-min", q->sigma_min, "sigma_min(W*)")->capture_default_str();
    sub->add_option("--sigma-max", q->sigma_max, "sigma_max(W*)")->capture_default_str();
    sub->add_option("--c", q->c, "unspecified constant c")->capture_default_str();
    sub->add_option("--C", q->C, "unspecified constant C")->capture_default_str();
    sub->add_option("--C0", q->C0, "unspecified constant C_0")->capture_default_str();
    sub->add_option("--c0", q->c0, "unspecified constant c_0")->capture_default_str();
    sub->add_option("--Cprime", q->Cprime, "unspecified constant C'")->capture_default_str();
    sub->add_option("--v-max", q->v_max)->capture_default_str();
    sub->add_option("--w-max", q->w_max)->capture_default_str();
    sub->add_option("--B", q->B, "sup |phi'|")->capture_default_str();
    sub->add_option("--L", q->L, "sup |phi''|")->capture_default_str();
    sub->add_option("--phi0", q->phi0, "phi(0)")->capture_default_str();
    sub->add_option("--alpha", q->alpha, "step size (0 = 1/beta)")->capture_default_str();
    sub->add_option("--L0", q->L0, "initial loss for the path bound")->capture_default_str();
    sub->add_flag("--case-b", q->case_b, "Assumption 2.3(b) (Remark 2.6: sigma_min -> 1)");
    add_common_options(*sub, *opt);
    on_run(sub, ctx, opt, [q, opt] { return landscape_document(api::landscape_theorem25(*q, opt->prec), "theorem25"); });
  }
  {  // theorem22
    auto q = std::make_shared<LandscapeTheorem22Request>();
    auto opt = std::make_shared<CommonOptions>();
    CLI::App* sub = verb->add_subcommand("theorem22", "Theorem 2.2's loss bound at an (eps_g, eps_H) approximate local minimum");
    sub->add_option("--eps-g", q->eps_g)->capture_default_str();
    sub->add_option("--eps-H", q->eps_H)->capture_default_str();
    sub->add_option("--nu", q->nu, "v = nu 1")->capture_default_str();
    sub->add_option("--nuclear", q->nuclear, "||W*^T D_v* W*||_*")->capture_default_str();
    sub->add_option("--gamma", q->gamma, "unspecified constant of the probability")->capture_default_str();
    sub->add_option("--d", q->d)->capture_default_str();
    add_common_options(*sub, *opt);
    on_run(sub, ctx, opt, [q, opt] { return landscape_document(api::landscape_theorem22(*q, opt->prec), "theorem22"); });
  }
}

void add_simulate_landscape(CLI::App& app, Context& ctx) {
  auto req = std::make_shared<LandscapeSimRequest>();
  auto opt = std::make_shared<CommonOptions>();
  auto plot = std::make_shared<std::string>();
  auto formats = std::make_shared<std::vector<std::string>>();
  CLI::App* sub = simulate_command(app)->add_subcommand(
      "landscape", "the Section-3 experiments of Soltanolkotabi-Javanmard-Lee: planted Figs. 2-3, random labels Fig. 4");
  sub->add_option("--figure", req->figures, "2a 2b 3a 3b 4a 4b (repeatable; default all)");
  sub->add_flag("--full", req->full, "the paper's sizes: 10 draws x 10 runs, every k / d, long runs (minutes)");
  sub->add_option("--draws", req->draws, "draws of W* per value (0 = preset: 3, full 10)")->capture_default_str();
  sub->add_option("--runs", req->runs, "GD runs per draw (0 = preset: 3, full 10)")->capture_default_str();
  sub->add_option("--max-steps", req->max_steps, "GD steps per run (0 = preset)")->capture_default_str();
  sub->add_option("--values", req->values, "varied k or d: \"lo..hi\" or a comma list (default: the figure's)");
  sub->add_option("--tol", req->tol, "global criterion: L_final <= tol * L(0)")->capture_default_str();
  sub->add_option("--stall-window", req->stall_window, "stop a run whose loss fell by less than --stall-rel over this many steps (0 = never)")->capture_default_str();
  sub->add_option("--stall-rel", req->stall_rel, "relative decrease of the stall rule")->capture_default_str();
  sub->add_option("--step", req->step, "adaptive (reject and halve on increase, grow 5% on success) | fixed")->capture_default_str();
  sub->add_option("--lr", req->lr, "initial or fixed step")->capture_default_str();
  sub->add_option("--layers", req->layers, "planted figures: both (v and W trained) | W")->capture_default_str();
  sub->add_option("--output-layer", req->output_layer, "Fig. 4: trained | ones | rademacher")->capture_default_str();
  sub->add_option("--rmse-tol", req->rmse_tol, "Fig. 4 zero RMSE: RMSE <= rmse-tol * RMSE(0)")->capture_default_str();
  sub->add_option("--bootstrap", req->bootstrap, "bootstrap replicates of the crossing")->capture_default_str();
  sub->add_option("--level", req->level, "confidence level of the bootstrap interval")->capture_default_str();
  sub->add_option("--plot", *plot, "write plots STEM-fig<F>.csv/.gp (+ pictures with --plot-format)");
  sub->add_option("--plot-format", *formats, "png, svg, pdf (comma list or repeatable; needs gnuplot)")->delimiter(',');
  add_common_options(*sub, *opt);
  opt->threads = 2;
  sub->callback([&ctx, req, opt, plot, formats] {
    ctx.action = [&ctx, req, opt, plot, formats] {
      req->seed = opt->seed;
      req->threads = opt->threads == 0 ? 2 : opt->threads;
      report::Document doc = landscape_simulate_document(*req, *plot, *formats);
      doc.command_line = ctx.command_line;
      emit(doc, *opt, *ctx.out);
      return 0;
    };
  });
}

}  // namespace gdcert::cli
