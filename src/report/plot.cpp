#include "report/plot.hpp"

#include <spawn.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <unistd.h>

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
  return out;
}

std::string terminal(PlotFormat f) {
  switch (f) {
    case PlotFormat::png: return "pngcairo size 1000,700 noenhanced font \",11\"";
    case PlotFormat::svg: return "svg size 1000,700 noenhanced dynamic font \",11\"";
    case PlotFormat::pdf: return "pdfcairo size 7in,4.9in noenhanced font \",10\"";
  }
  return "";
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
  g << "set title " << quoted(plot.title) << "\n";
  g << "set xlabel " << quoted(plot.xlabel) << "\n";
  g << "set ylabel " << quoted(plot.ylabel) << "\n";
  g << "set grid\nset key outside right top box\nset datafile missing \"NaN\"\n";
  if (plot.logx) g << "set logscale x\n";
  if (plot.logy) g << "set logscale y\n";
  if (plot.series.empty()) {
    g << "set label 1 \"(no data)\" at graph 0.5, graph 0.5 center\nplot [0:1] [0:1] NaN notitle\n";
    return g.str();
  }
  g << "plot ";
  for (std::size_t k = 0; k < plot.series.size(); ++k) {
    const Series& s = plot.series[k];
    if (k) g << ", \\\n     ";
    if (s.yerr.empty())
      g << "$S" << k << " using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc " << k + 1 << " title " << quoted(s.label);
    else
      g << "$S" << k << " using 1:2 with lines lw 2 lc " << k + 1 << " notitle, $S" << k
        << " using 1:2:3 with yerrorbars pt 7 ps 0.8 lc " << k + 1 << " title " << quoted(s.label);
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
