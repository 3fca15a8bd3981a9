// gdcert report: the main job. Runs the sections of report/sections.hpp into out/.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <ostream>

#include <fmt/format.h>

#include "cli/app.hpp"
#include "cli/common.hpp"
#include "exact/errors.hpp"
#include "report/sections.hpp"

namespace gdcert::cli {

using report::ReportContext;
using report::ReportSection;
using report::report_sections;

namespace {

struct ReportCliOptions {
  std::string out_dir = "out";
  bool full = false, no_pictures = false;
  unsigned threads = 0;
  std::uint64_t seed = 0;
  std::vector<std::string> only;
};

}  // namespace

void add_report(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<ReportCliOptions>();
  CLI::App* sub = app.add_subcommand("report", "regenerate the standard tables and plots into a directory (the main job)");
  sub->add_option("--out-dir", o->out_dir, "output directory")->capture_default_str();
  sub->add_flag("--full", o->full, "also the large versions (n = 21..26, n = 100 profiles, longer kernel grids)");
  std::string section_names;
  for (const ReportSection& s : report_sections()) section_names += (section_names.empty() ? "" : ", ") + s.name;
  sub->add_option("--only", o->only, "run only these sections (repeatable; default: all): " + section_names);
  sub->add_flag("--no-pictures", o->no_pictures, "plots as CSV only (no gnuplot)");
  sub->add_option("--threads", o->threads, "threads (0 = all cores); results do not depend on it")->capture_default_str();
  sub->add_option("--seed", o->seed, "master seed (recorded; entries fix their own seeds)");
  sub->callback([&ctx, o] {
    ctx.action = [&ctx, o] {
      std::vector<const ReportSection*> chosen;
      for (const std::string& name : o->only) {
        bool found = false;
        for (const ReportSection& s : report_sections()) found = found || s.name == name;
        if (!found) {
          std::string names;
          for (const ReportSection& s : report_sections()) names += (names.empty() ? "" : ", ") + s.name;
          throw usage_error("report --only: unknown section \"" + name + "\" (sections: " + names + ")");
        }
      }
      for (const ReportSection& s : report_sections())
        if (o->only.empty() || std::find(o->only.begin(), o->only.end(), s.name) != o->only.end()) chosen.push_back(&s);
      ReportContext::Options opt;
      opt.out_dir = o->out_dir;
      opt.full = o->full;
      opt.threads = o->threads;
      opt.seed = o->seed;
      opt.command_line = ctx.command_line;
      opt.pictures = !o->no_pictures;
      if (isatty(STDERR_FILENO) && ctx.err) opt.progress = ctx.err;
      const auto t0 = std::chrono::steady_clock::now();
      ReportContext rc(opt);
      for (std::size_t i = 0; i < chosen.size(); ++i) {
        rc.begin_section(chosen[i]->name, chosen[i]->title, chosen[i]->description, i, chosen.size());
        chosen[i]->run(rc);
      }
      const auto [tables, plots] = rc.finish();
      const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      *ctx.out << fmt::format("report: {} tables and {} plots in {} sections written to {}/ in {:.2f} s (index: {}/index.md, "
                              "{}/index.html)\n",
                              tables, plots, chosen.size(), o->out_dir, secs, o->out_dir, o->out_dir);
      return 0;
    };
  });
}

}  // namespace gdcert::cli
