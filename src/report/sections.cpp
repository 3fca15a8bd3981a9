// The report (gdcert report, the main job): runs the registered sections (sections.hpp) into out/, each table as JSON, Markdown,
// CSV and LaTeX, each plot as a pgfplots CSV (and PNG/SVG through gnuplot), with an index page (Markdown and HTML).
#include "api/formulas.hpp"
#include "report/sections.hpp"

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <ostream>

#include <fmt/format.h>

#include "report/output.hpp"
#include "exact/errors.hpp"
#include "exact/versions.hpp"

namespace gdcert::report {

const std::vector<ReportSection>& report_sections() {
  // One line per section (see sections.hpp). Sections of further modules are added here, one line each.
  static const std::vector<ReportSection> sections = {
      {"walsh", "Walsh spectra of the function zoo", "All values are exact rationals.", walsh_report_section},
      {"alignment", "INAL, expressivity, cross-predictability and MSP",
       "Exact rationals for Rademacher / finite laws, certified balls (128 bits) for Gaussian init.",
       alignment_report_section},
      {"kernels", "Dual kernels of the activations",
       "Certified balls of E[sigma(u) sigma(v)] and exact Hermite series coefficients.", kernel_report_section},
      {"noisy_gd_bounds", "Noisy-GD lower bounds and their inversions",
       "Exact where rational, else certified balls (128 bits); tags per formula (reconstructed / derived).",
       noisy_gd_bounds_report_section},
      {"noisy_gd_checks", "Simulator cross-checks against the exact values",
       "Floats from the simulator (mean +/- standard error, sample counts stated) beside exact values and bounds.",
       noisy_gd_checks_report_section},
      {"depth_separation", "Depth separation: radial constants, bounds and the N1 / N2 experiment",
       "Certified balls (128 bits) for the radial law; floats with standard errors for the experiment.",
       depth_separation_report_section},
      {"landscape", "Landscape of shallow networks: exact certificates, Assumption 2.3 and the Section-3 experiments",
       "Exact rationals and certified balls (128 bits); floats from float64 GD for the experiments (reduced sizes unless --full).",
       landscape_report_section},
      {"width", "Width bounds under coupled initialization (paper 003)",
       "Exact certificates (24-cell), certified balls (128 bits), width formulas (paper-003 constants reconstructed); "
       "floats with standard errors for the coupled-init experiment.",
       width_report_section},
      {"boolean_analysis", "Boolean-function criteria, algebraic immunity, p-biased analysis and S-boxes",
       "All values are exact (integers and rationals); p-biased coefficients as r * sigma^-|S| with sigma^2 rational.",
       boolean_analysis_report_section},
      {"deep_kernels", "Deep NNGP and NTK kernels of fully connected networks",
       "Certified balls (128 bits), NTK parameterization; the infinite-depth fixed point where it exists.",
       deep_kernels_report_section},
  };
  return sections;
}

namespace {

namespace fs = std::filesystem;

std::string md_cell(const std::string& s) {
  std::string o;
  for (char c : s) o += c == '|' ? std::string("\\|") : std::string(1, c);
  return o;
}

/** The extension of a file name ("md", "png", ...). */
std::string extension(const std::string& f) { return fs::path(f).extension().string().substr(1); }

}  // namespace

double plot_value(const Value& v) {
  switch (v.kind()) {
    case Kind::exact: return v.exact().to_double();
    case Kind::ball: return v.ball().mid_double();
    case Kind::floating: return v.floating();
  }
  return 0;
}

ReportContext::ReportContext(Options opt) : opt_(std::move(opt)), t0_(std::chrono::steady_clock::now()) {}

void ReportContext::begin_section(const std::string& dir, const std::string& title, const std::string& description,
                                  std::size_t index, std::size_t count) {
  sections_.push_back({dir, title, description, {}});
  section_index_ = index;
  section_count_ = count;
  std::error_code ec;
  fs::create_directories(fs::path(opt_.out_dir) / dir, ec);
  if (ec) throw input_error("report: cannot create \"" + (fs::path(opt_.out_dir) / dir).string() + "\": " + ec.message());
}

void ReportContext::show(const std::string& name) {
  if (!opt_.progress) return;
  const double el = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0_).count();
  *opt_.progress << fmt::format("\r\033[K[{}/{}] {}/{} ({:.1f} s)", section_index_ + 1, section_count_,
                                sections_.back().dir, name, el)
                 << std::flush;
}

std::string shell_quote(const std::string& arg) {
  static const std::string safe = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-+=/.,:@%^";
  if (!arg.empty() && arg.find_first_not_of(safe) == std::string::npos) return arg;
  std::string out = "'";
  for (char c : arg) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string gdcert_command(const std::vector<std::string>& args) {
  std::string out = "gdcert";
  for (const std::string& a : args) out += " " + shell_quote(a);
  return out;
}

std::string ReportContext::section_command() const {
  GDCERT_ASSERT(!sections_.empty(), "report: section_command outside a section");
  return gdcert_command({"report", "--only", sections_.back().dir, "--no-pictures", "--out-dir", "report-" + sections_.back().dir});
}

void ReportContext::table(const std::string& name, const std::string& what, const std::string& command, Document doc) {
  GDCERT_ASSERT(!sections_.empty(), "report: table outside a section");
  GDCERT_ASSERT(command.starts_with("gdcert "), "report: a table's command starts with gdcert");
  show(name);
  // The document records the command that reproduces it (JSON command_line, the LaTeX head comment).
  doc.command_line = command;
  const auto registry = api::all_formulas();
  const std::string stem = sections_.back().dir + "/" + name;
  // Labels unique across the report (out/tables.tex inputs every table): tab:<section>:<file>[:<table>].
  for (auto& t : doc.tables) {
    if (t.label.empty()) t.label = "tab:" + stem + (doc.tables.size() > 1 ? ":" + t.name : std::string());
    std::replace(t.label.begin(), t.label.end(), '/', ':');
  }
  // "% reproduce: <command>" after the first comment line of every LaTeX file of the table
  std::string reproduce = command;
  for (std::size_t at = reproduce.find('\n'); at != std::string::npos; at = reproduce.find('\n', at)) reproduce.replace(at, 1, " ");
  reproduce = "% reproduce: " + reproduce + "\n";
  auto with_reproduce = [&](std::string tex) {
    const std::size_t eol = tex.find('\n');
    return eol == std::string::npos ? tex : tex.insert(eol + 1, reproduce);
  };
  const std::string base = (fs::path(opt_.out_dir) / stem).string();
  write_file_atomically(base + ".json", to_json(doc, registry));
  write_file_atomically(base + ".md", to_markdown(doc, registry) + "\nReproduce: `" + command + "`\n");
  write_file_atomically(base + ".tex", with_reproduce(to_latex(doc, registry)));
  std::vector<std::string> files = {stem + ".md", stem + ".json"};
  // One CSV and one LaTeX file per table (an author \inputs the one they want; pandas reads one table per file).
  for (std::size_t k = 0; k < doc.tables.size(); ++k) {
    const std::string one = name + (doc.tables.size() > 1 ? "-" + doc.tables[k].name : std::string());
    const std::string csv = sections_.back().dir + "/" + one + ".csv";
    write_file_atomically((fs::path(opt_.out_dir) / csv).string(), to_csv_table(doc.tables[k]));
    files.push_back(csv);
    const std::string tex = "tables/" + sections_.back().dir + "/" + one + ".tex";
    const std::string text = to_latex_table(doc, k, registry);
    write_file_atomically((fs::path(opt_.out_dir) / tex).string(), with_reproduce(text));
    // tables.tex: the table without its two head lines (version, packages), after its file name and command
    tables_tex_ += "% " + tex + "\n" + reproduce + text.substr(text.find("\n", text.find("\n") + 1) + 1) + "\\clearpage\n";
  }
  files.push_back(stem + ".tex");
  // index.html shows the tables themselves; proof links point into the source tree's proofs/ when it is there
  std::string proofs_href;
#ifdef GDCERT_SOURCE_DIR
  if (fs::is_directory(fs::path(GDCERT_SOURCE_DIR) / "proofs")) proofs_href = "file://" + std::string(GDCERT_SOURCE_DIR) + "/";
#endif
  sections_.back().items.push_back({name, what, command, files, false, to_html(doc, registry, {}, proofs_href)});
}

void ReportContext::plot(const std::string& name, const std::string& what, const Plot& plot) {
  GDCERT_ASSERT(!sections_.empty(), "report: plot outside a section");
  show(name);
  const std::string stem = sections_.back().dir + "/" + name;
  std::vector<PlotFormat> formats;
  if (opt_.pictures && gnuplot_available()) formats = {PlotFormat::png, PlotFormat::svg};
  Item item{name, what, {}, {}, true, plot.caption};  // a plot's html is its caption
  for (const std::string& p : write_plot(plot, (fs::path(opt_.out_dir) / stem).string(), formats))
    item.files.push_back(fs::relative(p, opt_.out_dir).string());
  // pictures first in the index
  std::stable_partition(item.files.begin(), item.files.end(), [](const std::string& f) {
    const std::string e = extension(f);
    return e == "png" || e == "svg";
  });
  sections_.back().items.push_back(std::move(item));
}

std::pair<std::size_t, std::size_t> ReportContext::finish() {
  if (opt_.progress) *opt_.progress << "\r\033[K" << std::flush;
  std::size_t tables = 0, plots = 0;
  const std::string version = "gdcert " + gdcert_version() + " (revision " + source_revision() + ")";
  std::string md = "# gdcert report\n\nGenerated by " + version + (opt_.full ? ", --full" : "") +
                   ". Every table is given as Markdown, JSON (with provenance), CSV and LaTeX (booktabs, siunitx), "
                   "with the gdcert command that reproduces it; every plot as a pgfplots CSV and, when gnuplot is "
                   "installed, PNG and SVG.\n";
  std::string html =
      "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>gdcert report</title>\n"
      "<style>body{font-family:sans-serif;max-width:70em;margin:auto}table{border-collapse:collapse}"
      "td,th{border:1px solid #ccc;padding:2px 6px;text-align:left}img{max-width:30em}caption{font-weight:bold;text-align:left;"
      "padding:4px 0}td.vacuous{background:#fdd;font-weight:bold}p.note{font-size:90%;color:#444;margin:2px 0}"
      "p.params{font-size:90%}ul.formulas{font-size:85%}details{margin:6px 0}code.cmd{font-size:85%;word-break:break-all}"
      "p.reproduce{margin:4px 0}p.plotcaption{font-size:95%;max-width:60em}</style></head><body>\n"
      "<h1>gdcert report</h1>\n<p>Generated by " + html_escape(version) + (opt_.full ? ", --full" : "") +
      ". Each table names the gdcert command that reproduces it.</p>\n";
  for (const Section& s : sections_) {
    md += "\n## " + s.title + "\n\n" + s.description + "\n\n| table | what | command that reproduces it | files |\n|---|---|---|---|\n";
    html += "<h2 id=\"" + html_escape(s.dir) + "\">" + html_escape(s.title) + "</h2>\n<p>" + html_escape(s.description) +
            "</p>\n<table>\n<tr><th>table</th><th>what</th><th>command that reproduces it</th><th>files</th></tr>\n";
    std::string md_plots, html_plots;
    for (const Item& it : s.items) {
      std::string md_links, html_links;
      for (const std::string& f : it.files) {
        md_links += fmt::format("[{}]({}) ", extension(f), f);
        html_links += fmt::format("<a href=\"{}\">{}</a> ", html_escape(f), extension(f));
      }
      if (!md_links.empty()) md_links.pop_back();
      if (!html_links.empty()) html_links.pop_back();
      if (it.is_plot) {
        ++plots;
        md_plots += "\n### " + it.name + "\n\n" + it.what + " (" + md_links + ")\n";
        html_plots += "<h3>" + html_escape(it.name) + "</h3>\n<p>" + html_escape(it.what) + " (" + html_links + ")</p>\n";
        for (const std::string& f : it.files)
          if (extension(f) == "png") {
            md_plots += "\n![" + it.name + "](" + f + ")\n";
            html_plots += "<p><img src=\"" + html_escape(f) + "\" alt=\"" + html_escape(it.name) + "\"></p>\n";
          }
        if (!it.html.empty()) {
          md_plots += "\n_Figure:_ " + it.html + "\n";
          html_plots += "<p class=\"plotcaption\"><b>Figure.</b> " + html_escape(it.html) + "</p>\n";
        }
      } else {
        ++tables;
        md += "| " + md_cell(it.name) + " | " + md_cell(it.what) + " | `" + md_cell(it.command) + "` | " + md_links + " |\n";
        html += "<tr><td><a href=\"#" + html_escape(s.dir + "-" + it.name) + "\">" + html_escape(it.name) + "</a></td><td>" +
                html_escape(it.what) + "</td><td><code class=\"cmd\">" + html_escape(it.command) + "</code></td><td>" +
                html_links + "</td></tr>\n";
      }
    }
    html += "</table>\n";
    for (const Item& it : s.items)
      if (!it.is_plot)
        html += "<details open><summary id=\"" + html_escape(s.dir + "-" + it.name) + "\"><b>" + html_escape(it.name) +
                "</b>: " + html_escape(it.what) + "</summary>\n<p class=\"reproduce\">Reproduce: <code class=\"cmd\">" +
                html_escape(it.command) + "</code></p>\n" + it.html + "</details>\n";
    html += html_plots;
    md += md_plots;
  }
  html += "</body></html>\n";
  // Every table in one self-contained LaTeX document (pdflatex tables.tex, from any folder), one table per page;
  // the same tables one per file under tables/<section>/ to \input.
  std::string tex = "% every table of the gdcert report: pdflatex tables.tex (self-contained; each table is also in\n"
                    "% tables/<section>/<name>.tex to \\input, with the packages it needs named at its top)\n"
                    "\\documentclass{article}\n\\usepackage[a4paper,margin=2cm]{geometry}\n\\usepackage{" +
                    std::string(kLatexPackages) + "}\n\\begin{document}\n" + tables_tex_ + "\\end{document}\n";
  write_file_atomically((fs::path(opt_.out_dir) / "tables.tex").string(), tex);
  const std::string all_tex_md = "\nAll tables in one LaTeX document: [tables.tex](tables.tex) (`pdflatex tables.tex`).\n";
  md.insert(md.find('\n', md.find("Generated by")) + 1, all_tex_md);
  html.insert(html.find("</p>\n") + 5,
              "<p>All tables in one LaTeX document: <a href=\"tables.tex\">tables.tex</a> (pdflatex tables.tex).</p>\n");
  write_file_atomically((fs::path(opt_.out_dir) / "index.md").string(), md);
  write_file_atomically((fs::path(opt_.out_dir) / "index.html").string(), html);
  return {tables, plots};
}

}  // namespace gdcert::report
