// The documents of the verbs: each lays out, as tables, what an api/ entry point returns for a request. The command
// line, the report sections and sweeps print these; nothing reads numbers back out of them.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "api/requests.hpp"
#include "report/plot.hpp"
#include "report/table.hpp"

namespace gdcert::api {
struct NoisyGdRun;
struct InalMonteCarlo;
struct DepthSeparationRun;
struct RadialConstants;
struct RadialTable;
struct BoundListing;
struct BoundTable;
struct LandscapeCertificate;
struct LandscapeRankTable;
struct LandscapeAssumption;
struct LandscapeBoundTable;
struct LandscapeExperiment;
struct LandscapeRandomLabels;
struct LandscapeSimRequest;
struct WidthRequest;
struct SimulateWidthRequest;
struct SimulateWidthRun;
struct SBoxRequest;
struct KernelDeepRequest;
}  // namespace gdcert::api

namespace gdcert::report {

using api::BoundRequest;
using api::CpRequest;
using api::InalRequest;
using api::KernelRequest;
using api::NoisyGdRequest;
using api::RadialRequest;
using api::SimulateDepthRequest;
using api::WalshRequest;

/** gdcert walsh: the tables `req` selects (coefficients, levels, influences, stability, degree, single coefficients). */
Document walsh_document(const WalshRequest& req);
/** gdcert sbox: summary, LAT/DDT histograms, and with --lat/--ddt the tables. */
Document sbox_document(const api::SBoxRequest& req);
/** gdcert inal: a target's INAL (or --profile: a neuron's expressivity profile). */
Document inal_document(const InalRequest& req);
/** gdcert cp: cross-predictability of a class, or orbit CP / alignment of a function under a group. */
Document cp_document(const CpRequest& req);
/** gdcert msp: merged-staircase property and leap of a spec's support or an explicit support. */
Document msp_document(const std::string& spec, const std::string& support, std::uint64_t seed);
/** gdcert kernel (tables "second_moment" and "series"); prec is --prec when digits is unset. */
Document kernel_document(const KernelRequest& req, long prec);
/** gdcert deep-kernel (tables "deep_kernel" and "fixed_point"): deep NNGP/NTK as certified balls. */
Document kernel_deep_document(const api::KernelDeepRequest& req, long prec);
/** gdcert radial (table "constants" for one d, or "constants_by_d" with table = true). */
Document radial_document(const RadialRequest& req, long prec);
/** The table "constants" of one d (api::radial_constants). */
Document radial_document(const api::RadialConstants& r);
/** The table "constants_by_d" (api::radial_table). */
Document radial_document(const api::RadialTable& r);
/** gdcert bound: the list, or one bound evaluated (comma-list parameters tabulate). */
Document bound_document(bool list, const std::string& id, const std::vector<std::string>& params, long prec);
/** The tables "bounds" and "formulas" (api::bound_list). */
Document bound_document(const std::vector<api::BoundListing>& list);
/** The table "bound" (api::bound). */
Document bound_document(const api::BoundTable& t);
/** gdcert simulate noisy-gd: trajectories, the Monte-Carlo INAL, an optional plot (written to req.plot). */
Document noisy_gd_document(const NoisyGdRequest& req);
/** The tables of one run (summary, trajectory; inal_monte_carlo first when present). */
Document noisy_gd_document(const api::NoisyGdRun& r);
/** The table "inal_monte_carlo" of a Monte-Carlo INAL estimate. */
Table inal_monte_carlo_table(const api::InalMonteCarlo& e);
/** Loss, correlation and sign accuracy against the step. */
Plot noisy_gd_plot(const api::NoisyGdRun& r);
/** gdcert simulate depth-separation; with plot_out, also the test-MSE-against-width plot (not written). */
Document simulate_depth_document(SimulateDepthRequest req, std::uint64_t seed, Plot* plot_out = nullptr);
/** The table "depth_separation" of a finished experiment. */
Document simulate_depth_document(const api::DepthSeparationRun& r, std::uint64_t seed);
/** The test MSE against width, one series per (d, arch, iterations), error bars = standard errors. */
Plot simulate_depth_plot(const api::DepthSeparationRun& r);

// gdcert landscape (paper 004) and gdcert simulate landscape.
/** The tables "verdict", "values", "residual_matrix", "gradient" (and "case2_direction", "least_squares_minimiser"). */
Document landscape_document(const api::LandscapeCertificate& c);
/** The table "khatri_rao_rank". */
Document landscape_document(const api::LandscapeRankTable& t);
/** The tables "assumption23" (grid points) and "assumption23_cells". */
Document landscape_document(const api::LandscapeAssumption& a);
/** The table "theorem" of a Theorem 2.2 / 2.5 evaluation (name: "theorem22" or "theorem25"). */
Document landscape_document(const api::LandscapeBoundTable& t, const std::string& name);
/** The planted experiment (Figs. 2-3): tables "<fig>_fraction" and "<fig>_fit". */
Document landscape_experiment_document(const api::LandscapeExperiment& e);
/** The random-label experiment (Fig. 4): tables "<fig>_rmse" and "<fig>_ratio". */
Document landscape_random_labels_document(const api::LandscapeRandomLabels& r);
/** Fraction of global draws against k (or d) with the fitted logistic curve. */
Plot landscape_experiment_plot(const api::LandscapeExperiment& e);
/** RMSE against iterations, one series per k. */
Plot landscape_random_labels_plot(const api::LandscapeRandomLabels& r);
/**
 * gdcert simulate landscape: runs api::landscape_simulate and returns all figures' tables in one document; with a plot
 * stem, writes <stem>-fig<F>.csv/.gp (and pictures in `formats`) per figure.
 */
Document landscape_simulate_document(const api::LandscapeSimRequest& req, const std::string& plot_stem,
                                     const std::vector<std::string>& formats);
// gdcert width (paper 003): one document per subcommand (data, gram, lambda, margin, formulas, invert).
Document width_document(const std::string& sub, const api::WidthRequest& req, long prec);
/** gdcert simulate width: coupled vs independent initialization (init, gd, least_width, slopes, hoeffding). */
Document simulate_width_document(const api::SimulateWidthRequest& req);
/** The tables of a finished run. */
Document simulate_width_document(const api::SimulateWidthRequest& req, const api::SimulateWidthRun& r);
/** |H(0) - H^inf|_2 against m, coupled and independent (error bars: standard errors over seeds). */
Plot simulate_width_plot(const api::SimulateWidthRun& r);

}  // namespace gdcert::report
