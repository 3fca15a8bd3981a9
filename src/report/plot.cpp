#include "report/plot.hpp"

#include <spawn.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "exact/errors.hpp"
#include "exact/value.hpp"

extern char** environ;

namespace gdcert::report {
namespace {

/** A double for a data file: 17 significant digits, NaN for non-finite values (gnuplot skips them). */
std::string num(double v) { return std::isfinite(v) ? format_double(v) : std::string("NaN"); }

/** A gnuplot double-quoted string literal. */
std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + "\"";
}

/** A CSV field: quoted when it contains a comma, quote or newline. */
std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

void validate(const Plot& plot) {
  for (const Series& s : plot.series) {
    if (s.x.size() != s.y.size())
      throw input_error(fmt::format("write_plot: series \"{}\" has {} x values and {} y values", s.label, s.x.size(),
                                    s.y.size()));
    if (!s.yerr.empty() && s.yerr.size() != s.y.size())
      throw input_error(fmt::format("write_plot: series \"{}\" has {} error bars for {} points", s.label,
                                    s.yerr.size(), s.y.size()));
  }
}

void write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  out.close();
  if (!out) throw resource_error(fmt::format("write_plot: cannot write {}", path));
}

std::string csv_text(const Plot& plot) {
  std::string out = "series,x,y,yerr\n";
  for (const Series& s : plot.series)
    for (std::size_t i = 0; i < s.x.size(); ++i)
      out += fmt::format("{},{},{},{}\n", csv_field(s.label), num(s.x[i]), num(s.y[i]),
                         s.yerr.empty() ? std::string() : num(s.yerr[i]));
  // reference lines: y = value for every x (x empty)
  for (const ReferenceLine& r : plot.references) out += fmt::format("{},,{},\n", csv_field(r.label), num(r.y));
  return out;
}

std::string terminal(PlotFormat f) {
  switch (f) {
    case PlotFormat::png: return "pngcairo size 1000,760 enhanced font \",11\"";
    case PlotFormat::svg: return "svg size 1000,760 enhanced dynamic font \",11\"";
    case PlotFormat::pdf: return "pdfcairo size 7in,5.3in enhanced font \",10\"";
  }
  return "";
}

/**
 * Log-axis tics at powers of ten labelled 10^k (enhanced text), one every `step` decades so that at most about eight
 * labels show; minor tics at the integers times 10^k when one decade per label.
 */
std::string log_tics(const char* axis, const std::vector<double>& values) {
  double lo = HUGE_VAL, hi = -HUGE_VAL;
  for (double v : values)
    if (std::isfinite(v) && v > 0) {
      lo = std::min(lo, v);
      hi = std::max(hi, v);
    }
  int step = 1;
  if (lo <= hi) {
    const double decades = std::ceil(std::log10(hi)) - std::floor(std::log10(lo));
    step = std::max(1, static_cast<int>(std::ceil(decades / 8)));
  }
  return fmt::format("set logscale {0} 10\nset format {0} \"10^{{%L}}\"\nset {0}tics {1}\nset m{0}tics {2}\n", axis,
                     fmt::format("1e{}", step), step == 1 ? 10 : step);
}

/** The style of series k: colour, dash type and point type, each cycling with a different period. */
int series_color(const Series& s, std::size_t k) { return s.color ? s.color : static_cast<int>(k % 8) + 1; }
int series_dash(const Series& s, std::size_t k) { return s.dash ? s.dash : static_cast<int>(k % 5) + 1; }
int series_point(const Series& s, std::size_t k) {
  static const int points[] = {7, 5, 9, 11, 13, 15, 1, 2, 3};
  return s.point ? s.point : points[k % 9];
}

/** The script without terminal/output lines: data blocks and the plot command. */
std::string script_body(const Plot& plot) {
  std::ostringstream g;
  for (std::size_t k = 0; k < plot.series.size(); ++k) {
    const Series& s = plot.series[k];
    g << "$S" << k << " << EOD\n";
    for (std::size_t i = 0; i < s.x.size(); ++i) {
      g << num(s.x[i]) << ' ' << num(s.y[i]);
      if (!s.yerr.empty()) g << ' ' << num(s.yerr[i]);
      g << '\n';
    }
    g << "EOD\n";
  }
  // Labels are literal text (noenhanced); only the 10^k tic labels use enhanced text for the exponent.
  g << "set title " << quoted(plot.title) << " noenhanced\n";
  g << "set xlabel " << quoted(plot.xlabel) << " noenhanced\n";
  g << "set ylabel " << quoted(plot.ylabel) << " noenhanced\n";
  // the legend above the axes (outside them, under nothing but the title), in as many columns as fit: it never
  // covers data or the axis labels
  g << "set grid\nset key outside top center horizontal box noenhanced\nset datafile missing \"NaN\"\n";
  std::vector<double> xs, ys;
  for (const Series& s : plot.series) {
    xs.insert(xs.end(), s.x.begin(), s.x.end());
    ys.insert(ys.end(), s.y.begin(), s.y.end());
  }
  for (const ReferenceLine& r : plot.references) ys.push_back(r.y);
  // x exactly over the data (gnuplot would round a log axis out to whole decades: 1..1000 for widths 8..256), with a
  // small margin so that the end points are not on the frame
  if (plot.logx) g << log_tics("x", xs) << "set autoscale xfix\nset offsets graph 0.03, graph 0.03, 0, 0\n";
  if (plot.logy) g << log_tics("y", ys);
  if (plot.series.empty()) {
    g << "set label 1 \"(no data)\" at graph 0.5, graph 0.5 center\nplot [0:1] [0:1] NaN notitle\n";
    return g.str();
  }
  g << "plot ";
  bool first = true;
  for (const ReferenceLine& r : plot.references) {
    if (!(std::isfinite(r.y) && (!plot.logy || r.y > 0))) continue;  // nothing to draw (a log axis has no 0)
    g << (first ? "" : ", \\\n     ") << num(r.y) << " with lines lw 1.5 dt " << r.dash << " lc "
      << (r.color ? std::to_string(r.color) : std::string("rgb \"#808080\"")) << " title " << quoted(r.label) << " noenhanced";
    first = false;
  }
  for (std::size_t k = 0; k < plot.series.size(); ++k) {
    const Series& s = plot.series[k];
    const int lc = series_color(s, k), dt = series_dash(s, k), pt = series_point(s, k);
    g << (first ? "" : ", \\\n     ");
    first = false;
    if (s.yerr.empty())
      g << "$S" << k << " using 1:2 with linespoints lw 2 dt " << dt << " pt " << pt << " ps 1 lc " << lc << " title "
        << quoted(s.label) << " noenhanced";
    else
      g << "$S" << k << " using 1:2:3 with yerrorlines lw 2 dt " << dt << " pt " << pt << " ps 1 lc " << lc << " title "
        << quoted(s.label) << " noenhanced";
  }
  g << "\n";
  return g.str();
}

/** Runs `gnuplot script_name` in directory dir (output names in the script are relative to it). */
int run_gnuplot(const std::string& dir, const std::string& script_name) {
  std::string prog = "gnuplot", arg = script_name;
  char* argv[] = {prog.data(), arg.data(), nullptr};
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addchdir_np(&actions, dir.c_str());
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  pid_t pid = 0;
  const int rc = posix_spawnp(&pid, "gnuplot", &actions, nullptr, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) return -1;
  int status = 0;
  if (waitpid(pid, &status, 0) < 0) return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

const char* plot_format_extension(PlotFormat f) {
  switch (f) {
    case PlotFormat::png: return "png";
    case PlotFormat::svg: return "svg";
    case PlotFormat::pdf: return "pdf";
  }
  return "";
}

PlotFormat parse_plot_format(const std::string& text) {
  if (text == "png") return PlotFormat::png;
  if (text == "svg") return PlotFormat::svg;
  if (text == "pdf") return PlotFormat::pdf;
  throw input_error(fmt::format("plot format: requires png, svg or pdf, got \"{}\"", text));
}

bool gnuplot_available() {
  const char* path = std::getenv("PATH");
  if (!path) return false;
  std::stringstream dirs(path);
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    if (dir.empty()) continue;
    const std::string candidate = dir + "/gnuplot";
    if (access(candidate.c_str(), X_OK) == 0) return true;
  }
  return false;
}

std::vector<std::string> write_plot(const Plot& plot, const std::string& stem,
                                    const std::vector<PlotFormat>& formats) {
  validate(plot);
  std::vector<std::string> written;
  write_file(stem + ".csv", csv_text(plot));
  written.push_back(stem + ".csv");
  const std::string body = script_body(plot);
  std::string script = "# gdcert plot; run with: gnuplot " + stem + ".gp\n";
  if (!plot.caption.empty()) {
    std::string caption = plot.caption;
    for (char& c : caption)
      if (c == '\n') c = ' ';
    script += "# " + caption + "\n";
  }
  for (PlotFormat f : formats)
    script += fmt::format("set terminal {}\nset output {}\n", terminal(f),
                          quoted(std::filesystem::path(stem + "." + plot_format_extension(f)).filename().string())) +
              (f == formats.front() ? body : "replot\n");
  if (formats.empty()) script += body;
  else script += "unset output\n";
  write_file(stem + ".gp", script);
  written.push_back(stem + ".gp");
  if (formats.empty()) return written;
  if (!gnuplot_available())
    throw resource_error("write_plot: pictures need gnuplot on PATH (Debian package gnuplot-nox); wrote " + stem +
                         ".csv and " + stem + ".gp only");
  const std::filesystem::path dir = std::filesystem::absolute(std::filesystem::path(stem)).parent_path();
  const int status = run_gnuplot(dir.string(), std::filesystem::path(stem + ".gp").filename().string());
  if (status != 0)
    throw resource_error(fmt::format("write_plot: gnuplot failed on {}.gp (exit status {})", stem, status));
  for (PlotFormat f : formats) {
    const std::string p = stem + "." + plot_format_extension(f);
    if (!std::filesystem::exists(p) || std::filesystem::file_size(p) == 0)
      throw resource_error("write_plot: gnuplot did not write " + p);
    written.push_back(p);
  }
  return written;
}

}  // namespace gdcert::report
