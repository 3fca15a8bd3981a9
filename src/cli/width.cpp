// gdcert width (paper 003): data sets, H^inf, lambda0 certificates, NTK margins and the width formulas side by side.
#include <memory>
#include <string>

#include "api/simulate_width.hpp"
#include "api/width.hpp"
#include "cli/app.hpp"
#include "cli/common.hpp"
#include "exact/errors.hpp"

namespace gdcert::cli {

namespace {

struct Sub {
  const char* name;
  const char* help;
};

constexpr Sub kSubs[] = {
    {"data", "print a data set (24cell, sphere, antipodal, droots, file) and its labels"},
    {"gram", "H^inf (exact or Arb balls; --both-layers adds the arc-cosine term)"},
    {"lambda", "lambda0 = lambda_min(H^inf): exact LDL^T and exact lambda_min, certified enclosure"},
    {"margin", "gamma_2^2 by the exact simplex QP (or its enclosure), q*, the margin chain, the linear margin"},
    {"formulas", "required widths of Du, Song-Yang, JT20, coupled Hoeffding and paper 003 side by side"},
    {"invert", "invert a width formula: largest n, or smallest gamma / lambda0, for a given width m"},
};

}  // namespace

void add_width(CLI::App& app, Context& ctx) {
  CLI::App* parent = app.add_subcommand("width", "width bounds under coupled initialization (paper 003) and baselines");
  parent->require_subcommand(1);
  for (const Sub& s : kSubs) {
    auto req = std::make_shared<WidthRequest>();
    auto opt = std::make_shared<CommonOptions>();
    auto n_opt = std::make_shared<long>(0);
    const std::string name = s.name;
    CLI::App* sub = parent->add_subcommand(name, s.help);
    sub->add_option("--data", req->data,
                    "data spec: 24cell[:all|:reps|:idx=i,..], sphere:n=N:d=D[:seed=S][:h=H], antipodal:n=N:d=D[:seed=S], "
                    "droots:k=K[:count=N], points:x,..;y,.., file:PATH")
        ->capture_default_str();
    sub->add_option("--labels", req->labels, "labels: alt, random[:seed=S], separable:u=u1,..,ud, list:+-+..., file");
    if (name != "data") sub->add_flag("--both-layers", req->both_layers, "also train the output layer (adds the arc-cosine term)");
    if (name == "gram") {
      sub->add_option("--finite-width", req->finite_width, "also H(0) at a random init of width M (even for coupled)");
      sub->add_flag("!--independent", req->coupled, "H(0) at an independent init (default: coupled pairs)");
    }
    if (name == "lambda" || name == "margin" || name == "formulas" || name == "invert")
      sub->add_option("--method", req->method, "lambda_min enclosure: auto, cholesky (ball Cholesky of H - mu I), residual")
          ->capture_default_str();
    if (name == "formulas" || name == "invert") {
      sub->add_option("--delta", req->delta, "failure probability delta")->capture_default_str();
      sub->add_option("--eps", req->eps, "target loss eps (JT20)")->capture_default_str();
      sub->add_option("--eta", req->eta, "step size eta (JT20)")->capture_default_str();
      sub->add_option("--p", req->p, "lambda0 exponent of the paper-003 squared-loss shape (open point)")->capture_default_str();
      sub->add_option("--n", *n_opt, "number of points n (instead of the data's)");
      sub->add_option("--lambda0", req->lambda0, "lambda0 (rational; instead of the data's)");
      sub->add_option("--gamma", req->gamma, "NTK margin gamma (rational; instead of gamma_2^2 of the labelled data)");
    }
    if (name == "invert") {
      sub->add_option("--formula", req->formula, "formula id to invert")->capture_default_str();
      sub->add_option("--for", req->invert_for, "variable: n, gamma or lambda0")->capture_default_str();
      sub->add_option("--m", req->m, "width m")->required();
    }
    add_common_options(*sub, *opt);
    sub->callback([&ctx, req, opt, sub, n_opt, name] {
      ctx.action = [&ctx, req, opt, sub, n_opt, name] {
        req->seed = opt->seed;
        if (sub->get_option_no_throw("--n") && sub->count("--n") > 0) {
          if (*n_opt < 1) throw input_error("width --n: requires n >= 1, got n = " + std::to_string(*n_opt));
          req->n = *n_opt;
        }
        report::Document doc = width_document(name, *req, opt->prec);
        doc.command_line = ctx.command_line;
        doc.prec = opt->prec;
        doc.seed = opt->seed;
        emit(doc, *opt, *ctx.out);
        return 0;
      };
    });
  }
}

void add_simulate_width(CLI::App& app, Context& ctx) {
  auto req = std::make_shared<SimulateWidthRequest>();
  auto opt = std::make_shared<CommonOptions>();
  CLI::App* sub = simulate_command(app)->add_subcommand(
      "width", "two-layer ReLU nets, coupled vs independent init: f(W0), |H(0) - H^inf|, GD, least widths, slopes");
  sub->add_option("--data", req->data, "data spec (as gdcert width)")->capture_default_str();
  sub->add_option("--labels", req->labels, "label spec (as gdcert width)")->capture_default_str();
  sub->add_option("--widths,--width", req->widths, "even widths m for the init and GD tables (comma list or repeatable)")->delimiter(',');
  sub->add_option("--seeds", req->seeds, "seeds per width")->capture_default_str();
  sub->add_option("--steps", req->steps, "GD steps")->capture_default_str();
  sub->add_option("--lr-logistic", req->lr_logistic, "GD step size, logistic loss")->capture_default_str();
  sub->add_option("--lr-square", req->lr_square, "GD step size, square loss")->capture_default_str();
  sub->add_option("--target", req->target, "least width: logistic loss <= target (0 = zero training error)")->capture_default_str();
  sub->add_option("--ns", req->ns, "n values of the least-width slope (sphere data)")->delimiter(',');
  sub->add_option("--gamma-seeds", req->gamma_seeds, "data seeds of the slope against gamma")->delimiter(',');
  sub->add_option("--d", req->d, "dimension of the sphere data of the slope")->capture_default_str();
  sub->add_option("--max-width", req->max_width, "largest width tried by the bisection")->capture_default_str();
  sub->add_option("--hoeffding-draws", req->hoeffding_draws, "draws of the Hoeffding property test")->capture_default_str();
  sub->add_option("--delta", req->delta, "failure probability of the Hoeffding width")->capture_default_str();
  sub->add_option("--witness-samples", req->witness_samples, "Monte Carlo samples of the witness margins")->capture_default_str();
  sub->add_flag("--full", req->full, "the full sweep (more widths, n values, seeds and draws)");
  add_common_options(*sub, *opt);
  sub->callback([&ctx, req, opt] {
    ctx.action = [&ctx, req, opt] {
      req->seed = opt->seed;
      report::Document doc = simulate_width_document(*req);
      doc.command_line = ctx.command_line;
      emit(doc, *opt, *ctx.out);
      return 0;
    };
  });
}

}  // namespace gdcert::cli
