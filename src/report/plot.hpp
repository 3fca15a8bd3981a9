// Plots through gnuplot: line plots with optional error bars, written as PNG, SVG or PDF, always with a
// pgfplots-ready CSV and the gnuplot script beside the pictures (the script embeds its data, so a person can
// edit and re-run it).
#pragma once
#include <string>
#include <vector>

namespace gdcert::report {

struct Series {
  std::string label;
  std::vector<double> x, y;
  std::vector<double> yerr;  // empty = no error bars; else the half-width of each bar, same length as y
  // Line style (gnuplot numbers, 1-based); 0 = by the series' index, so that every series differs from its neighbours
  // in colour, dash pattern and marker even in grey print.
  int color = 0, dash = 0, point = 0;
};

/** A horizontal reference line y = value across the plot (a floor, a baseline), dashed, drawn under the data. */
struct ReferenceLine {
  std::string label;
  double y = 0;
  int color = 0;  // gnuplot colour number; 0 = grey
  int dash = 2;   // gnuplot dash type
};

struct Plot {
  std::string title, xlabel, ylabel;
  bool logx = false, logy = false;
  std::vector<Series> series;
  std::vector<ReferenceLine> references = {};
  /**
   * One or two sentences under the picture (the report's index, the .gp script's head): what the figure shows and the
   * parameters a reader needs (the net, learning rate, noise sigma, data).
   */
  std::string caption = {};
};

enum class PlotFormat { png, svg, pdf };

/** "png", "svg", "pdf". */
const char* plot_format_extension(PlotFormat f);

/** Parses "png", "svg" or "pdf" (input_error otherwise). */
PlotFormat parse_plot_format(const std::string& text);

/** True when an executable named gnuplot is on PATH. */
bool gnuplot_available();

/**
 * Writes <stem>.csv (long format, header "series,x,y,yerr"; yerr empty where absent) and <stem>.gp (the gnuplot
 * script with the data inline) always, and <stem>.<ext> for each requested format by running gnuplot.
 * Guarantee:    returns the paths written, CSV first; pictures have axes labels, a legend above the axes (outside
 *               the data), error bars where a series has yerr, log axes with ticks labelled as powers of ten
 *               (10^k), distinct colour, dash and marker per series, and the reference lines dashed and labelled.
 * Precondition: every series has x.size() == y.size() and yerr empty or of the same size (input_error);
 *               the stem's directory exists and is writable (resource_error); gnuplot present when a picture is
 *               asked for (resource_error naming the Debian package gnuplot-nox); gnuplot exits 0 (resource_error
 *               with its exit status).
 * Example:
 *     Plot p{"loss", "step", "loss", false, true, {{"run 1", {0, 1, 2}, {1.0, 0.5, 0.25}, {}}}};
 *     write_plot(p, "out/loss", {PlotFormat::png});  // out/loss.csv, out/loss.gp, out/loss.png
 */
std::vector<std::string> write_plot(const Plot& plot, const std::string& stem, const std::vector<PlotFormat>& formats);

}  // namespace gdcert::report
