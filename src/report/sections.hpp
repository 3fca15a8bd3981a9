// gdcert report: the standard tables and plots of every module, regenerated into a directory with an index page.
//
// The report is a list of sections (report_sections() in report/sections.cpp). A section is a name (its directory under
// out/), a title, one line of description and a function that writes its tables and plots through a
// ReportContext. To add a module's section:
//   1. write `void <module>_report_section(ReportContext& ctx)` in src/report/section_<module>.cpp, calling
//      ctx.table(name, what, command, document) for each table (written as .json .md .csv .tex; `command` is the
//      gdcert command line that reproduces the table, built with gdcert_command) and ctx.plot(name, what, plot)
//      for each plot (.csv always, .png .svg when gnuplot is available); read ctx.full for the large versions;
//   2. declare it below;
//   3. add ONE line to the list in report_sections():
//        {"<dir>", "<title>", "<description>", <module>_report_section},
// Sections run in list order; the default (no --full) must keep the whole report under 5 minutes on 2 cores.
#pragma once
#include <chrono>
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

#include "report/plot.hpp"
#include "report/table.hpp"

namespace gdcert::report {

/** What a section writes into: the output directory, options, progress and the index being built. */
class ReportContext {
 public:
  struct Options {
    std::string out_dir = "out";
    bool full = false;
    unsigned threads = 0;
    std::uint64_t seed = 0;
    std::string command_line;
    std::ostream* progress = nullptr;  // progress lines (a terminal), or null
    bool pictures = true;              // PNG/SVG beside plot CSVs when gnuplot is available
  };
  explicit ReportContext(Options opt);

  bool full() const { return opt_.full; }
  unsigned threads() const { return opt_.threads; }
  std::uint64_t seed() const { return opt_.seed; }

  /**
   * Writes `doc` as <out>/<section>/<name>.{json,md,tex} and <name>.csv (one table) or <name>-<table>.csv (one CSV
   * per table), each table also as <out>/tables/<section>/<name>[-<table>].tex (one table per file, to \input),
   * and lists it in the index under `what`.
   * `command` is the command line that reproduces the table (gdcert_command; "gdcert ..." that runs from any folder,
   * or `section_command()` when no single verb call makes the table). It is the document's command_line (JSON), a
   * "% reproduce:" comment at the top of every LaTeX file of the table, and shown in index.md and index.html.
   */
  void table(const std::string& name, const std::string& what, const std::string& command, Document doc);
  /** The command that regenerates the current section (for tables no single verb call reproduces). */
  std::string section_command() const;
  /** Writes `plot` as <out>/<section>/<name>.csv (and .png, .svg when gnuplot is available); lists it. */
  void plot(const std::string& name, const std::string& what, const Plot& plot);

  // Used by the report verb.
  void begin_section(const std::string& dir, const std::string& title, const std::string& description,
                     std::size_t index, std::size_t count);
  /** Writes index.md and index.html; returns (tables, plots) written. */
  std::pair<std::size_t, std::size_t> finish();

 private:
  struct Item {
    std::string name, what, command;
    std::vector<std::string> files;  // relative to out_dir
    bool is_plot;
    std::string html = {};  // tables: the document rendered for index.html; plots: the caption
  };
  struct Section {
    std::string dir, title, description;
    std::vector<Item> items;
  };
  void show(const std::string& name);
  Options opt_;
  std::vector<Section> sections_;
  std::string tables_tex_;  // every table's LaTeX, in order, for the self-contained tables.tex
  std::size_t section_index_ = 0, section_count_ = 0;
  std::chrono::steady_clock::time_point t0_;
};

struct ReportSection {
  std::string name;         // directory under out/
  std::string title;        // heading in the index
  std::string description;  // one line under the heading
  std::function<void(ReportContext&)> run;
};

/** The sections of `gdcert report`, in order (see the comment at the top of this file to add one). */
const std::vector<ReportSection>& report_sections();

void walsh_report_section(ReportContext& ctx);
void alignment_report_section(ReportContext& ctx);
void kernel_report_section(ReportContext& ctx);
void noisy_gd_bounds_report_section(ReportContext& ctx);
void noisy_gd_checks_report_section(ReportContext& ctx);
void depth_separation_report_section(ReportContext& ctx);
void landscape_report_section(ReportContext& ctx);
void width_report_section(ReportContext& ctx);
void boolean_analysis_report_section(ReportContext& ctx);
void deep_kernels_report_section(ReportContext& ctx);

/**
 * A command line "gdcert ARG..." with every argument quoted for a POSIX shell where it needs it (spaces, ';', '*',
 * quotes, ...), so the string can be pasted into a terminal or run with sh -c.
 * Example: gdcert_command({"msp", "--support", "1;1,2"}) == "gdcert msp --support '1;1,2'".
 */
std::string gdcert_command(const std::vector<std::string>& args);
/** One argument quoted for a POSIX shell ('...' with embedded quotes as '\''), unchanged when it is safe as it is. */
std::string shell_quote(const std::string& arg);

/** A Value as a double for plotting: exact values rounded, balls by their midpoint, floats as they are. */
double plot_value(const Value& v);

}  // namespace gdcert::report
