// gdcert simulate depth-separation: lays out what api::simulate_depth_separation returns (one row per trained network,
// with the certified N1 floor) and the test-MSE-against-width plot.
#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "api/simulate.hpp"
#include "report/plot.hpp"
#include "report/sections.hpp"
#include "report/views.hpp"

namespace gdcert::report {

Document simulate_depth_document(const api::DepthSeparationRun& r, std::uint64_t seed) {
  Document doc;
  doc.verb = "simulate depth-separation";
  doc.seed = seed;
  for (const char* k : {"law", "N1 activation", "n_train", "n_test", "r"}) doc.parameters.push_back({k, r.parameters.at(k)});
  Table t{"depth_separation",
          "Test squared error of N1 (depth 2, all layers trained) and N2 (fixed random sigmoid features, "
          "sigmoid output) on 1{|x| <= r} (float; mean over the test set, +/- its standard error)",
          {{"d", "", ""},
           {"arch", "", ""},
           {"width", "", ""},
           {"iterations", "", ""},
           {"seed", "", ""},
           {"r", "", ""},
           {"P(|x| <= r)", "", ""},
           {"train MSE", "", ""},
           {"test MSE", "", ""},
           {"stderr", "", ""},
           {"constant MSE p(1-p)", "", ""},
           {"N1 floor c/(4N^2), c = 1", "", "ds.accuracy_floor"}},
          {},
          {}};
  for (const auto& row : r.rows) {
    const Value& mse = row.test_mse.value;
    t.rows.push_back({static_cast<long long>(row.d), row.arch, static_cast<long long>(row.width),
                      static_cast<long long>(row.iterations), static_cast<long long>(row.seed_index), row.r.value,
                      row.inside_rate.value, row.train_mse.value, Value::from_double(mse.floating()),
                      Value::from_double(mse.stderr_value().value_or(0)), row.constant_mse.value,
                      row.floor ? Cell(row.floor->value) : Cell(std::string("-"))});
  }
  t.notes.push_back("N1: x -> sum v_i act(<w_i,x> + b_i) + c, full-batch GD with gradient-norm clipping; N2: sigmoid(sum u_i "
                    "sigmoid(<w_i,x> + b_i) + c) with (w_i, b_i) random and fixed, GD on (u, c)");
  t.notes.push_back("the floor is the reconstructed d^-4 bound for N1 on the radial mixture with the unknown ES16 constant "
                    "set to c = 1 (scale it by c); it is not a floor for N2");
  t.notes.push_back("seeds derived from --seed by derive_seed(seed, s); same options => same numbers");
  doc.tables.push_back(std::move(t));
  return doc;
}

Plot simulate_depth_plot(const api::DepthSeparationRun& r) {
  Plot plot{"Ball indicator: test MSE against width (" + r.law + " data)", "width", "test MSE", true, true, {}};
  // colour = the dimension d, dash and marker = the architecture (N1 solid with circles, N2 dashed with triangles)
  auto d_index = [&](long d) {
    for (std::size_t i = 0; i < r.dims.size(); ++i)
      if (r.dims[i] == d) return static_cast<int>(i);
    return 0;
  };
  for (const auto& s : r.series) {
    Series line{(s.arch == "n1" ? "N1 (" + r.activation + ")" : std::string("N2")) + ", d = " + std::to_string(s.d) +
                    (r.iterations.size() > 1 ? ", T = " + std::to_string(s.iterations) : ""),
                s.width, s.mean, s.standard_error};
    line.color = d_index(s.d) + 1;
    line.dash = s.arch == "n1" ? 1 : 2;
    line.point = s.arch == "n1" ? 7 : 9;
    plot.series.push_back(std::move(line));
  }
  // reference lines per d: the constant predictor's test MSE p(1 - p) (mean over the runs of d) and the certified
  // N1 floor c/(4 N^2) with c = 1 (ds.accuracy_floor)
  // (dimensions whose constant-predictor MSE agrees to 3 significant digits share one line)
  std::vector<std::pair<std::string, std::pair<double, std::string>>> constants;  // rounded value -> (value, dims)
  for (long d : r.dims) {
    double constant = 0, n = 0;
    std::optional<double> floor;
    for (const auto& row : r.rows) {
      if (row.d != d) continue;
      constant += row.constant_mse.value.floating();
      n += 1;
      if (row.floor && !floor) floor = plot_value(row.floor->value);
    }
    if (n > 0) {
      const std::string key = fmt::format("{:.3g}", constant / n);
      auto it = std::find_if(constants.begin(), constants.end(), [&](const auto& c) { return c.first == key; });
      if (it == constants.end()) constants.push_back({key, {constant / n, std::to_string(d)}});
      else it->second.second += ", " + std::to_string(d);
    }
    if (floor) plot.references.push_back({"certified N1 floor c/(4N^2), c = 1, d = " + std::to_string(d), *floor, d_index(d) + 1, 3});
  }
  for (const auto& [key, c] : constants)
    plot.references.push_back({"constant predictor p(1-p) = " + key + ", d = " + c.second, c.first,
                               c.second.find(',') == std::string::npos ? d_index(std::stol(c.second)) + 1 : 0, 4});
  // what the figure shows, from its data: where each architecture ends against the constant predictor
  std::string shows;
  for (long d : r.dims) {
    double constant = 0, n = 0;
    for (const auto& row : r.rows)
      if (row.d == d) constant += row.constant_mse.value.floating(), n += 1;
    if (n == 0) continue;
    constant /= n;
    std::string part;
    for (const auto& s : r.series)
      if (s.d == d && !s.mean.empty() && s.iterations == r.iterations.back())
        part += (part.empty() ? "" : ", ") + std::string(s.arch == "n1" ? "N1 " : "N2 ") +
                fmt::format("{:.3g}", s.mean.back() / constant);
    if (!part.empty()) shows += (shows.empty() ? "" : "; ") + ("d = " + std::to_string(d) + ": " + part);
  }
  std::string iterations;
  for (long it : r.iterations) iterations += (iterations.empty() ? "" : ", ") + std::to_string(it);
  plot.caption = "Test squared error of N1 (depth 2: one " + r.activation + " hidden layer, all layers trained) and N2 (fixed "
                 "random sigmoid features, trained sigmoid output) on the ball indicator 1{|x| <= r} under the " + r.law +
                 " law, against the hidden width; full-batch GD with step 1/2 (N1 gradient-norm clip 10), no gradient noise "
                 "(sigma = 0), " + iterations + " iterations, n_train = " + r.parameters.at("n_train") + ", n_test = " +
                 r.parameters.at("n_test") + ", mean +/- standard error over " + std::to_string(r.seeds) + " seed(s). N1 solid with "
                 "circles, N2 dashed with triangles, one colour per d; dash-dotted: the constant predictor's MSE p(1 - p); dotted: the certified N1 floor c/(4N^2) with the unknown c set "
                 "to 1. At the largest width the test MSE as a fraction of the constant predictor's is " + shows + ".";
  return plot;
}

Document simulate_depth_document(SimulateDepthRequest req, std::uint64_t seed, Plot* plot_out) {
  const api::DepthSeparationRun r = api::simulate_depth_separation(req, seed);
  Document doc = simulate_depth_document(r, seed);
  Plot plot = simulate_depth_plot(r);
  if (!req.plot.empty()) {
    std::vector<PlotFormat> f;
    for (const auto& s : req.formats) f.push_back(parse_plot_format(s));
    for (const auto& path : write_plot(plot, req.plot, f)) doc.tables.back().notes.push_back("plot written: " + path);
  }
  if (plot_out) *plot_out = std::move(plot);
  return doc;
}

}  // namespace gdcert::report
