// gdcert simulate noisy-gd: noisy gradient descent on a fully connected network (src/sim), trajectories as
// tables, an optional plot, and a Monte-Carlo INAL at initialisation (computed by api::noisy_gd, laid out by report/).
#include <memory>

#include "cli/app.hpp"
#include "cli/common.hpp"

namespace gdcert::cli {

CLI::App* simulate_command(CLI::App& app) {
  const auto found = app.get_subcommands([](CLI::App* s) { return s->get_name() == "simulate"; });
  if (!found.empty()) return found.front();
  CLI::App* sim = app.add_subcommand("simulate", "simulators: noisy gradient descent on fully connected networks");
  sim->require_subcommand(1);
  return sim;
}

void add_simulate_noisy_gd(CLI::App& app, Context& ctx) {
  auto req = std::make_shared<NoisyGdRequest>();
  auto opt = std::make_shared<CommonOptions>();
  opt->threads = 1;
  CLI::App* sub = simulate_command(app)->add_subcommand(
      "noisy-gd", "noisy GD theta <- theta - lr clip_A(grad L) + N(0, noise^2 I) on a fully connected network");
  sub->add_option("--target", req->target, "target spec on {±1}^n, e.g. parity:n=8:S=1,2")->required();
  sub->add_option("--net", req->net, "hidden widths, first layer first (e.g. 64 or 64,32)")->capture_default_str();
  sub->add_option("--act", req->act, "activation (relu, sign, sigmoid, tanh, erf, softplus, quadratic), or one per layer")
      ->capture_default_str();
  sub->add_option("--init", req->init,
                  "weight law: gaussian[:s2=Q], rademacher[:s2=Q], finite:v@p,...[;s2=Q], rademacher+gaussian:tau2=Q[;s2=Q], "
                  "coupled[:s2=Q]")
      ->capture_default_str();
  sub->add_option("--bias", req->bias,
                  "bias law (none = no biases): gaussian:beta2=Q, const:v, rademacher:v, finite:v@p,... (as gdcert inal)")
      ->capture_default_str();
  sub->add_option("--sign0", req->sign0, "sign(0): 1, 0 or -1")->capture_default_str();
  sub->add_option("--steps", req->steps, "number of steps T")->capture_default_str();
  sub->add_option("--lr", req->lr, "step size gamma")->capture_default_str();
  sub->add_option("--noise", req->noise, "noise standard deviation sigma (0 = plain GD/SGD)")->capture_default_str();
  sub->add_option("--clip", req->clip, "coordinate clip A of the gradient (inf = none)")->capture_default_str();
  sub->add_option("--loss", req->loss, "square, correlation, hinge, logistic")->capture_default_str();
  sub->add_option("--grad", req->grad, "population (exact cube average), batch (fresh per step), fixed (one sample)")
      ->capture_default_str();
  sub->add_option("--batch", req->batch, "batch size (batch) or sample size (fixed)")->capture_default_str();
  sub->add_option("--data", req->data, "input law: cube, gaussian, sphere (targets read sign(x))")->capture_default_str();
  sub->add_option("--log-every", req->log_every, "log every k steps (0 = about 50 rows)")->capture_default_str();
  sub->add_option("--eval-samples", req->eval_samples, "metrics sample size when the cube is not enumerated")
      ->capture_default_str();
  sub->add_option("--max-population-n", req->max_population_n, "largest n for the population gradient")->capture_default_str();
  sub->add_option("--scalar", req->scalar, "double or mpfr (reference)")->capture_default_str();
  CLI::Option* mpfr_digits =
      sub->add_option("--mpfr-digits", req->digits, "decimal digits of the mpfr scalar (default: --digits when given, else 50)")
          ->capture_default_str();
  sub->add_option("--inal-mc", req->inal_inits, "also estimate the INAL at initialisation over R inits (0 = no)")
      ->capture_default_str();
  sub->add_option("--plot", req->plot, "write a plot: STEM.csv and STEM.<format>");
  sub->add_option("--plot-format", req->plot_formats, "png, svg, pdf (comma list) or none")->capture_default_str();
  add_common_options(*sub, *opt);
  // One --digits rule with the other verbs (significant figures shown). With --scalar mpfr, --digits D also runs the
  // simulator with D decimal digits, so the digits shown are digits computed (its former meaning here: the mpfr
  // precision, now also --mpfr-digits).
  CLI::Option* digits = sub->get_option("--digits");
  digits->description("significant figures shown (text, Markdown, LaTeX, CSV display columns), or \"full\"; with --scalar "
                      "mpfr also the mpfr decimal digits unless --mpfr-digits is given (deprecated meaning of --digits alone: "
                      "use --mpfr-digits for the precision); JSON always has full precision");
  sub->callback([&ctx, req, opt, digits, mpfr_digits] {
    ctx.action = [&ctx, req, opt, digits, mpfr_digits] {
      if (digits->count() > 0 && mpfr_digits->count() == 0 && !opt->digits.empty() &&
          opt->digits.find_first_not_of("0123456789") == std::string::npos) {
        // the range check (1..10000) is the simulator's, with its own message
        req->digits = opt->digits.size() > 9 ? 4000000000u : static_cast<unsigned>(std::stoul(opt->digits));
        if (req->digits > 1000) opt->digits = "full";
      }
      req->seed = opt->seed;
      req->threads = opt->threads;
      report::Document doc = noisy_gd_document(*req);
      doc.command_line = ctx.command_line;
      emit(doc, *opt, *ctx.out);
      return 0;
    };
  });
}

}  // namespace gdcert::cli
