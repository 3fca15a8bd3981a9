// gdcert report: the main job. Regenerates the standard tables of every implemented module into out/.
// Currently: the Walsh tables of the function zoo. Each table is written as JSON, Markdown, CSV and LaTeX,
// with an index page (Markdown and HTML).
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <ostream>

#include <fmt/format.h>

#include "cli/app.hpp"
#include "cli/common.hpp"
#include "exact/versions.hpp"

namespace gdcert::cli {

namespace {

struct ZooEntry {
  std::string name;
  std::string spec;
  bool coeffs;  // list all nonzero coefficients (small n only)
};

std::vector<ZooEntry> walsh_zoo(bool full) {
  std::vector<ZooEntry> z;
  for (int n : {3, 5, 7, 9, 11, 13}) z.push_back({fmt::format("majority_n{}", n), fmt::format("majority:n={}", n), n <= 7});
  z.push_back({"majority_n8_tie_plus", "majority:n=8:sign0=+1", false});
  z.push_back({"parity_n3_S1", "parity:n=3:S=1", true});
  z.push_back({"parity_n4_S12", "parity:n=4:S=1,2", true});
  z.push_back({"parity_n5_S24", "parity:n=5:S=2,4", true});
  z.push_back({"parity_n6_full", "parity:n=6:S=1,2,3,4,5,6", true});
  z.push_back({"staircase_n3", "staircase:n=3", true});
  z.push_back({"staircase_n8_k4", "staircase:n=8:k=4", true});
  z.push_back({"threshold_n5", "threshold:n=5:w=3,2,2,1,1:t=1", true});
  z.push_back({"inner_product_n4", "anf:n=4:x1*x2 + x3*x4", true});
  z.push_back({"tribes_like_n6", "anf:n=6:x1*x2*x3 + x4*x5*x6", false});
  for (int n : {4, 5, 6})
    for (int s = 0; s < 2; ++s) z.push_back({fmt::format("random_n{}_seed{}", n, s), fmt::format("random:n={}:seed={}", n, s), n <= 5});
  z.push_back({"random_n16_seed1", "random:n=16:seed=1", false});
  z.push_back({"random_n20_seed1", "random:n=20:seed=1", false});
  if (full) {
    z.push_back({"majority_n21", "majority:n=21", false});
    z.push_back({"random_n24_seed1", "random:n=24:seed=1", false});
    z.push_back({"random_n26_seed1", "random:n=26:seed=1", false});
  }
  return z;
}

std::string html_escape(const std::string& s) {
  std::string o;
  for (char c : s) {
    if (c == '<') o += "&lt;";
    else if (c == '>') o += "&gt;";
    else if (c == '&') o += "&amp;";
    else o += c;
  }
  return o;
}

/** One table document of the report: a file stem and how to build it. */
struct ReportEntry {
  std::string name;
  std::string label;  // shown in the index (a spec or a short description)
  std::function<report::Document()> build;
};

/** A section of the report: a directory under out/ and its entries. */
struct ReportSection {
  std::string dir;
  std::string title;
  std::string description;
  std::vector<ReportEntry> entries;
};

ReportSection walsh_section(bool full, unsigned threads) {
  ReportSection sec{"walsh", "Walsh spectra of the function zoo", "All values are exact rationals.", {}};
  for (const ZooEntry& z : walsh_zoo(full)) {
    sec.entries.push_back({z.name, z.spec, [z, threads] {
                             WalshRequest req;
                             req.spec = z.spec;
                             req.levels = true;
                             req.degree = true;
                             req.influences = true;
                             req.stability = {"1/3", "1/2"};
                             req.coeffs = z.coeffs;
                             req.threads = threads;
                             return walsh_document(req);
                           }});
  }
  return sec;
}

ReportSection alignment_section(bool full) {
  ReportSection sec{"alignment", "INAL, expressivity, cross-predictability and MSP",
                    "Exact rationals for Rademacher / finite laws, certified balls (128 bits) for Gaussian init.", {}};
  struct P {
    const char *name, *act, *init, *bias;
    unsigned n;
  };
  std::vector<P> profiles = {{"profile_relu_gaussian_n10", "relu", "gaussian", "none", 10},
                             {"profile_sign_gaussian_n10", "sign", "gaussian", "none", 10},
                             {"profile_relu_gaussian_bias_n10", "relu", "gaussian", "gaussian:beta2=1", 10},
                             {"profile_relu_rademacher_n10", "relu", "rademacher", "none", 10},
                             {"profile_sign_rademacher_n11", "sign", "rademacher", "none", 11},
                             {"profile_relu_gaussian_bias_n50", "relu", "gaussian", "gaussian:beta2=1", 50}};
  if (full) profiles.push_back({"profile_relu_gaussian_bias_n100", "relu", "gaussian", "gaussian:beta2=1", 100});
  for (const P& p : profiles)
    sec.entries.push_back({p.name, fmt::format("inal --profile --n {} --act {} --init {} --bias {}", p.n, p.act, p.init, p.bias), [p] {
                             InalRequest r;
                             r.profile = true;
                             r.n = p.n;
                             r.act = p.act;
                             r.init = p.init;
                             r.bias = p.bias;
                             r.K = 3;
                             return inal_document(r);
                           }});
  struct T {
    const char *name, *spec, *init, *act;
  };
  for (const T& t : {T{"inal_majority9_rademacher_sign", "majority:n=9", "rademacher", "sign"},
                     T{"inal_majority9_gaussian_relu", "majority:n=9", "gaussian", "relu"},
                     T{"inal_staircase8_gaussian_relu", "staircase:n=8:k=4", "gaussian", "relu"},
                     T{"inal_parity10_rademacher_relu", "parity:n=10:S=1,2,3,4,5,6,7,8,9,10", "rademacher", "relu"},
                     T{"inal_parity10_gaussian_relu", "parity:n=10:S=1,2,3,4,5,6,7,8,9,10", "gaussian", "relu"}})
    sec.entries.push_back({t.name, fmt::format("inal {} --init {} --act {}", t.spec, t.init, t.act), [t] {
                             InalRequest r;
                             r.spec = t.spec;
                             r.init = t.init;
                             r.act = t.act;
                             r.normalised = true;
                             return inal_document(r);
                           }});
  for (const auto& [name, klass] : std::vector<std::pair<std::string, std::string>>{
           {"cp_parities_n100_k1", "parities:n=100:k=1"}, {"cp_parities_n100_k2", "parities:n=100:k=2"},
           {"cp_parities_n100_k3", "parities:n=100:k=3"}, {"cp_parities_n100_k4", "parities:n=100:k=4"},
           {"cp_parities_n1000_k3", "parities:n=1000:k=3"}, {"cp_all_parities_n20", "parities:n=20"}})
    sec.entries.push_back({name, "cp --class " + klass, [klass] {
                             CpRequest r;
                             r.klass = klass;
                             return cp_document(r);
                           }});
  for (const auto& [name, spec] : std::vector<std::pair<std::string, std::string>>{
           {"orbit_majority5", "majority:n=5"}, {"orbit_majority7", "majority:n=7"}, {"orbit_parity4_S12", "parity:n=4:S=1,2"},
           {"orbit_random_n6_seed1", "random:n=6:seed=1"}, {"orbit_e2_n4", "poly:n=4:x1*x2+x1*x3+x1*x4+x2*x3+x2*x4+x3*x4"}})
    sec.entries.push_back({name, "cp " + spec, [spec] {
                             CpRequest r;
                             r.spec = spec;
                             return cp_document(r);
                           }});
  sec.entries.push_back({"certificate_full_parity_n50", "cp --level-weights 0*50,1 --certificate gaussian --bias gaussian:beta2=1", [] {
                           CpRequest r;
                           r.level_weights = "0*50,1";
                           r.group = "Bn";
                           r.certificate_init = "gaussian";
                           r.certificate_bias = "gaussian:beta2=1";
                           return cp_document(r);
                         }});
  for (const auto& [name, support] : std::vector<std::pair<std::string, std::string>>{
           {"msp_staircase", "1;1,2;1,2,3"}, {"msp_z1_z2_z3z4_z1z3", "1;2;3,4;1,3"}, {"msp_z1_z1z2z3", "1;1,2,3"},
           {"msp_z1_z1z2_z2z3z4", "1;1,2;2,3,4"}})
    sec.entries.push_back({name, "msp --support \"" + support + "\"", [support] { return msp_document("", support, 0); }});
  return sec;
}

}  // namespace

struct ReportOptions {
  std::string out_dir = "out";
  bool full = false;
  unsigned threads = 0;
  std::uint64_t seed = 0;
};

void add_report(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<ReportOptions>();
  CLI::App* sub = app.add_subcommand("report", "regenerate the standard tables into a directory (the main job)");
  sub->add_option("--out-dir", o->out_dir, "output directory")->capture_default_str();
  sub->add_flag("--full", o->full, "also the large versions (n = 21..26, n = 100 profiles)");
  sub->add_option("--threads", o->threads, "threads (0 = all cores)");
  sub->add_option("--seed", o->seed, "master seed (recorded; entries fix their own seeds)");
  sub->callback([&ctx, o] {
    ctx.action = [&ctx, o] {
      namespace fs = std::filesystem;
      const bool tty = isatty(STDERR_FILENO);
      const auto t0 = std::chrono::steady_clock::now();
      const auto registry = report::all_formulas();
      const std::vector<ReportSection> sections = {walsh_section(o->full, o->threads), alignment_section(o->full)};
      std::size_t total = 0, done = 0;
      for (const auto& sec : sections) total += sec.entries.size();
      std::string md = "# gdcert report\n\nGenerated by gdcert " + gdcert_version() + " (revision " + source_revision() + ").\n";
      std::string html = "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>gdcert report</title></head><body>\n"
                         "<h1>gdcert report</h1>\n<p>gdcert " + gdcert_version() + " (revision " + source_revision() + ")</p>\n";
      for (const auto& sec : sections) {
        md += "\n## " + sec.title + "\n\n" + sec.description + "\n\n| table | what | files |\n|---|---|---|\n";
        html += "<h2>" + html_escape(sec.title) + "</h2>\n<p>" + html_escape(sec.description) +
                "</p>\n<table border=\"1\">\n<tr><th>table</th><th>what</th><th>files</th></tr>\n";
        for (const auto& e : sec.entries) {
          ++done;
          if (tty) *ctx.err << fmt::format("\r[{}/{}] {}/{}                    ", done, total, sec.dir, e.name) << std::flush;
          report::Document doc = e.build();
          doc.command_line = ctx.command_line;
          const std::string stem = sec.dir + "/" + e.name;
          const std::string base = (fs::path(o->out_dir) / stem).string();
          write_file_atomically(base + ".json", report::to_json(doc, registry));
          write_file_atomically(base + ".md", report::to_markdown(doc, registry));
          write_file_atomically(base + ".csv", report::to_csv(doc));
          write_file_atomically(base + ".tex", report::to_latex(doc, registry));
          md += fmt::format("| {} | `{}` | [md]({}.md) [json]({}.json) [csv]({}.csv) [tex]({}.tex) |\n", e.name, e.label, stem, stem,
                            stem, stem);
          html += fmt::format("<tr><td>{}</td><td><code>{}</code></td><td><a href=\"{}.md\">md</a> <a href=\"{}.json\">json</a> "
                              "<a href=\"{}.csv\">csv</a> <a href=\"{}.tex\">tex</a></td></tr>\n",
                              e.name, html_escape(e.label), stem, stem, stem, stem);
        }
        html += "</table>\n";
      }
      html += "</body></html>\n";
      write_file_atomically((fs::path(o->out_dir) / "index.md").string(), md);
      write_file_atomically((fs::path(o->out_dir) / "index.html").string(), html);
      const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      if (tty) *ctx.err << "\n";
      *ctx.out << fmt::format("report: {} tables in {} sections written to {}/ in {:.2f} s (index: {}/index.md, {}/index.html)\n",
                              total, sections.size(), o->out_dir, secs, o->out_dir, o->out_dir);
      return 0;
    };
  });
}

}  // namespace gdcert::cli
