// Tests of src/report/plot: the CSV and script beside every picture, pictures through gnuplot, input errors.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <unistd.h>

#include "api/formulas.hpp"
#include "cli_support.hpp"
#include "report/sections.hpp"
#include "exact/errors.hpp"
#include "report/decimal.hpp"
#include "report/plot.hpp"
#include "report/table.hpp"

namespace fs = std::filesystem;
using namespace gdcert;
using namespace gdcert::report;
using gdcert::Formula;
using gdcert::Tag;

namespace {

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/** True when pdflatex is on PATH (bash run.sh latex-deps installs it); the LaTeX smoke tests need it. */
bool have_pdflatex() {
  if (std::system("command -v pdflatex > /dev/null 2>&1") == 0) return true;
  MESSAGE("pdflatex not on PATH (bash run.sh latex-deps installs it): LaTeX smoke test skipped");
  return false;
}

/** pdflatex -halt-on-error on dir/stem.tex: its exit status, its log (stem.log) and its terminal output. */
struct LatexRun {
  int rc;
  std::string log, out;
};
LatexRun run_pdflatex(const fs::path& dir, const std::string& stem, int timeout_s) {
  const std::string cmd = "cd '" + dir.string() + "' && timeout " + std::to_string(timeout_s) +
                          " pdflatex -interaction=nonstopmode -halt-on-error " + stem + ".tex > pdflatex.out 2>&1";
  const int rc = std::system(cmd.c_str());
  return {rc, slurp((dir / (stem + ".log")).string()), slurp((dir / "pdflatex.out").string())};
}

fs::path fresh_dir(const std::string& name) {
  const fs::path d = fs::temp_directory_path() / ("gdcert_test_" + name + "_" + std::to_string(::getpid()));
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

Plot sample_plot() {
  return Plot{"loss, \"noisy\" GD", "step", "loss", false, true,
              {{"run, a", {0, 1, 2}, {1.0, 0.5, 0.25}, {}}, {"run b", {0, 1}, {0.75, 0.125}, {0.01, 0.02}}}};
}


// A small document exercising every kind of cell, units, a label, per-cell provenance and a reconstructed formula.
const Formula demo_formulas[] = {
    {"t.exact", "x = p/q", "Paper A, Thm 1", Tag::paper, ""},
    {"t.ball", "z = pi r^2", "our derivation", Tag::derived, "proofs/demo.md#z"},
    {"t.recon", "y ~ c/T", "Paper B, Sec. 2", Tag::reconstructed, ""},
};

Document demo_document() {
  Table t;
  t.name = "demo";
  t.caption = "Demo: x & y at 50%";
  t.label = "tab:demo-x";
  t.columns = {{"name", "", ""}, {"n", "", ""}, {"x", "", "t.exact"}, {"area", "m^2", "t.ball"}, {"loss", "nats", "t.recon"}};
  Ball pi;
  arb_const_pi(pi.get(), 64);
  t.rows.push_back({std::string("a_b"), 2LL, Value(Rational(1, 3)), Value(pi, 64), Value::from_double(0.25, 0.0125, 1000)});
  t.rows.push_back({std::string("c"), 3LL, Value(Rational(-5, 2)), Value(Ball::parse("[1.25 +/- 0.0625]", 64), 64),
                    Value::from_double(0.125)});
  t.cell_formulas = {{}, {"", "", "t.recon"}};
  t.notes = {"a note"};
  Document d;
  d.verb = "demo";
  d.command_line = "gdcert demo";
  d.parameters = {{"n", "2..3"}};
  d.seed = 7;
  d.tables.push_back(t);
  return d;
}

// Expected writer outputs of demo_document(), checked by hand (default NumberFormat: 6 significant figures):
// 1/3 as the fraction 1/3 (\tfrac in LaTeX); pi at 64 bits (radius 1.1e-19) as 3.14159, within one unit of its last
// digit (noted); the ball [1.25 +/- 0.0625(+2^-30 ulp)] as 1.250(63) (62.5 units rounded up); 0.25 +/- 0.0125 as
// 0.250(13); 0.125 without a standard error as 0.125; with decimal:4, 1/3 as 0.3333 (rounding noted) and pi as
// 3.142; CSV with machine keys, decimals (17 digits), the exact p/q, the ball's exact mid and rounded-up rad; the
// cell (1, x) taken from t.recon marked on its row; the reconstructed formula flagged with a dagger and a footnote.
const char* const expected_text = R"EXP(Demo: x & y at 50%
  name n x    area [m^2] loss [nats]
  a_b  2 1/3  3.14159    0.250(13)
  c    3 -5/2 1.250(63)  0.125
  note: a note
  note: Certified balls: m(u) is m +/- u units of its last digit and contains the true value; a ball printed without (u) is within one unit of its last digit.
  note: Simulation estimates: m(u) is the mean +/- one standard error, u in units of the last digit.

[t.exact] x = p/q  (paper; Paper A, Thm 1)
[t.ball] z = pi r^2  (derived; our derivation; proofs/demo.md#z)
[t.recon] y ~ c/T  (reconstructed; Paper B, Sec. 2)
)EXP";
const char* const expected_csv = R"EXP(name,n,x,x_exact,x_display,area,area_mid,area_rad,area_display,loss,loss_stderr,loss_display
a_b,2,0.33333333333333331,1/3,1/3,3.1415926535897931,3.14159265358979323851280895940618620443274267017841339111328125,1.09e-19,3.14159,0.25,0.012500000000000001,0.250(13)
c,3,-2.5,-5/2,-5/2,1.25,1.25,0.0626,1.250(63),0.125,,0.125
)EXP";
const char* const expected_md = R"EXP(**Demo: x & y at 50%**

| name | n | x | area [m^2] | loss [nats] |
|---|---|---|---|---|
| a_b | 2 | 1/3 | 3.14159 | 0.250(13) |
| c | 3 | -5/2 | 1.250(63) | 0.125 |

_Note:_ a note

_Note:_ Certified balls: m(u) is m +/- u units of its last digit and contains the true value; a ball printed without (u) is within one unit of its last digit.

_Note:_ Simulation estimates: m(u) is the mean +/- one standard error, u in units of the last digit.

- [t.exact] x = p/q  (paper; Paper A, Thm 1)
- [t.ball] z = pi r^2  (derived; our derivation; proofs/demo.md#z)
- [t.recon] y ~ c/T  (reconstructed; Paper B, Sec. 2) †

† reconstructed: the standard form of the result; the paper's exact constants may differ.
)EXP";
const char* const expected_jsonl = R"EXP({"command":"demo","table":"demo","row":0,"name":"a_b","n":2,"x":{"kind":"exact","value":"1/3","formula":"t.exact","tag":"paper"},"area":{"kind":"ball","value":"[3.141592653589793239 +/- 5.96e-19]","mid":"3.14159265358979323851280895940618620443274267017841339111328125","rad":"1.09e-19","prec":64,"dump":"c90fdaa22168c235 -3e 1 -3f","formula":"t.ball","tag":"derived","unit":"m^2"},"loss":{"kind":"float","value":0.25,"stderr":0.0125,"samples":1000,"formula":"t.recon","tag":"reconstructed","unit":"nats"}}
{"command":"demo","table":"demo","row":1,"name":"c","n":3,"x":{"kind":"exact","value":"-5/2","formula":"t.recon","tag":"reconstructed"},"area":{"kind":"ball","value":"[1e+0 +/- 0.313]","mid":"1.25","rad":"0.0626","prec":64,"dump":"5 -2 20000001 -21","formula":"t.ball","tag":"derived","unit":"m^2"},"loss":{"kind":"float","value":0.125,"formula":"t.recon","tag":"reconstructed","unit":"nats"}}
)EXP";
const char* const expected_latex = R"EXP(% requires \usepackage{booktabs,siunitx,amsmath,array,threeparttable,longtable,adjustbox}
\begin{table}[htbp]
\centering
\setlength{\abovecaptionskip}{0pt}\setlength{\belowcaptionskip}{6pt}
\caption{Demo: $x$ \& $y$ at 50\%}
\label{tab:demo-x}
\begin{adjustbox}{max width=\linewidth}
\begin{threeparttable}
\begin{tabular}{lS[table-format=1]lS[table-format=1.5(2)]S[table-format=1.3(2)]}
\toprule
name & {$n$} & $x$\textsuperscript{a} & {area [m\textsuperscript{2}]\textsuperscript{b}} & {loss [nats]\textsuperscript{c}} \\
\midrule
$a_{b}$ & 2 & $\tfrac{1}{3}$ & 3.14159 & 0.250(13) \\
$c$\textsuperscript{c} & 3 & $-\tfrac{5}{2}$ & 1.250(63) & 0.125 \\
\bottomrule
\end{tabular}
\begin{tablenotes}[flushleft]\footnotesize\raggedright
\item[] \textsuperscript{a}\,\texttt{t.\allowbreak{}exact} (paper; Paper A, Thm 1)
\item[] \textsuperscript{b}\,\texttt{t.\allowbreak{}ball} (derived; our derivation)
\item[] \textsuperscript{c}\,\texttt{t.\allowbreak{}recon} (reconstructed$^\dagger$; Paper B, Sec. 2)
\item[] $^\dagger$\,reconstructed: the standard form of the result; the paper's exact constants may differ.
\item[] a note
\item[] Certified balls: m(u) is m +/- u units of its last digit and contains the true value; a ball printed without (u) is within one unit of its last digit.
\item[] Simulation estimates: m(u) is the mean +/- one standard error, u in units of the last digit.
\end{tablenotes}
\end{threeparttable}
\end{adjustbox}
\end{table}
% [t.exact] x = p/q  (paper; Paper A, Thm 1)
% [t.ball] z = pi r^2  (derived; our derivation; proofs/demo.md#z)
% [t.recon] y ~ c/T  (reconstructed; Paper B, Sec. 2)
)EXP";
const char* const expected_latex_decimal4 = R"EXP(% requires \usepackage{booktabs,siunitx,amsmath,array,threeparttable,longtable,adjustbox}
\begin{table}[htbp]
\centering
\setlength{\abovecaptionskip}{0pt}\setlength{\belowcaptionskip}{6pt}
\caption{Demo: $x$ \& $y$ at 50\%}
\label{tab:demo-x}
\begin{adjustbox}{max width=\linewidth}
\begin{threeparttable}
\begin{tabular}{lS[table-format=1]S[table-format=-1.4]S[table-format=1.3(2)]S[table-format=1.3(2)]}
\toprule
name & {$n$} & {$x$\textsuperscript{a}} & {area [m\textsuperscript{2}]\textsuperscript{b}} & {loss [nats]\textsuperscript{c}} \\
\midrule
$a_{b}$ & 2 & 0.3333 & 3.142 & 0.250(13) \\
$c$\textsuperscript{c} & 3 & -2.5 & 1.250(63) & 0.125 \\
\bottomrule
\end{tabular}
\begin{tablenotes}[flushleft]\footnotesize\raggedright
\item[] \textsuperscript{a}\,\texttt{t.\allowbreak{}exact} (paper; Paper A, Thm 1)
\item[] \textsuperscript{b}\,\texttt{t.\allowbreak{}ball} (derived; our derivation)
\item[] \textsuperscript{c}\,\texttt{t.\allowbreak{}recon} (reconstructed$^\dagger$; Paper B, Sec. 2)
\item[] $^\dagger$\,reconstructed: the standard form of the result; the paper's exact constants may differ.
\item[] a note
\item[] Exact values rounded to 4 significant figures; JSON has them exactly ("p/q").
\item[] Certified balls: m(u) is m +/- u units of its last digit and contains the true value; a ball printed without (u) is within one unit of its last digit.
\item[] Simulation estimates: m(u) is the mean +/- one standard error, u in units of the last digit.
\end{tablenotes}
\end{threeparttable}
\end{adjustbox}
\end{table}
% [t.exact] x = p/q  (paper; Paper A, Thm 1)
% [t.ball] z = pi r^2  (derived; our derivation; proofs/demo.md#z)
% [t.recon] y ~ c/T  (reconstructed; Paper B, Sec. 2)
)EXP";

/** Parses siunitx notation "m(u)e<E>" back into the closed interval it denotes. */
std::pair<Rational, Rational> parse_uncertain(const std::string& s) {
  std::string mant = s, ex;
  if (const auto e = s.find('e'); e != std::string::npos) {
    mant = s.substr(0, e);
    ex = s.substr(e + 1);
  }
  std::string digits = mant, unc = "0";
  if (const auto p = mant.find('('); p != std::string::npos) {
    digits = mant.substr(0, p);
    unc = mant.substr(p + 1, mant.size() - p - 2);
  }
  const auto dot = digits.find('.');
  const long decimals = dot == std::string::npos ? 0 : static_cast<long>(digits.size() - dot - 1);
  Rational unit(1);
  for (long k = 0; k < decimals; ++k) unit = unit / Rational(10);
  Rational scale(1);
  const long E = ex.empty() ? 0 : std::stol(ex);
  for (long k = 0; k < (E < 0 ? -E : E); ++k) scale = E < 0 ? scale / Rational(10) : scale * Rational(10);
  const Rational m = Rational::parse(digits) * scale;
  const Rational u = Rational::parse(unc) * unit * scale;
  return {m - u, m + u};
}
}  // namespace

TEST_SUITE("report") {

  TEST_CASE("to_text / to_csv / to_markdown / to_jsonl: exact expected text, units, provenance, reconstructed mark") {
    const Document d = demo_document();
    const std::span<const Formula> reg(demo_formulas);
    CHECK(to_text(d, reg) == expected_text);
    CHECK(to_csv(d) == expected_csv);
    CHECK(to_markdown(d, reg) == expected_md);
    CHECK(to_jsonl(d, reg) == expected_jsonl);
    // every JSONL line is one JSON object with the row's provenance
    std::istringstream in(to_jsonl(d, reg));
    std::string line;
    int rows = 0;
    while (std::getline(in, line)) {
      const auto j = nlohmann::json::parse(line);
      CHECK(j["x"]["formula"] == (rows == 0 ? "t.exact" : "t.recon"));
      ++rows;
    }
    CHECK(rows == 2);
  }

  TEST_CASE("to_latex: booktabs, siunitx S columns with table-format, uncertainty notation, footnotes") {
    const Document d = demo_document();
    const std::span<const Formula> reg(demo_formulas);
    std::string tex = to_latex(d, reg);
    REQUIRE(tex.starts_with("% generated by gdcert "));
    tex = tex.substr(tex.find('\n') + 1);  // the first line names the revision
    CHECK(tex == expected_latex);
    CHECK(tex.find("\\hline") == std::string::npos);
    CHECK(tex.find('|') == std::string::npos);  // no vertical rules
    LatexOptions o;
    parse_latex_rationals("decimal:4", o);
    CHECK(!o.fractions);
    CHECK(o.digits == 4);
    tex = to_latex(d, reg, o);
    tex = tex.substr(tex.find('\n') + 1);
    CHECK(tex == expected_latex_decimal4);
    parse_latex_rationals("frac", o);
    CHECK(o.fractions);
    for (const char* bad : {"decimal:0", "decimal:", "decimal:x", "decimal:1001", "fraction"}) {
      CAPTURE(bad);
      CHECK_THROWS_AS(parse_latex_rationals(bad, o), input_error);
    }
    CHECK_THROWS_WITH(parse_latex_rationals("dec", o),
                      "--latex-rationals: requires \"frac\" or \"decimal:N\" with 1 <= N <= 1000, got \"dec\"");
  }

  TEST_CASE("to_json: columns carry unit, formula and tag, label, per-cell formulas, cited formulas") {
    const Document d = demo_document();
    const auto j = nlohmann::ordered_json::parse(to_json(d, std::span<const Formula>(demo_formulas)));
    CHECK(j["command"] == "demo");
    CHECK(j["seed"] == 7);
    const auto& t = j["tables"][0];
    CHECK(t["columns"].dump() ==
          R"([{"name":"name","unit":"","formula":null,"tag":null},{"name":"n","unit":"","formula":null,"tag":null},)"
          R"({"name":"x","unit":"","formula":"t.exact","tag":"paper"},{"name":"area","unit":"m^2","formula":"t.ball","tag":"derived"},)"
          R"({"name":"loss","unit":"nats","formula":"t.recon","tag":"reconstructed"}])");
    CHECK(t["rows"][1].dump() ==
          R"(["c",3,{"kind":"exact","value":"-5/2"},{"kind":"ball","value":"[1e+0 +/- 0.313]","mid":"1.25",)"
          R"("rad":"0.0626","prec":64,"dump":"5 -2 20000001 -21"},{"kind":"float","value":0.125}])");
    CHECK(t["label"] == "tab:demo-x");
    CHECK(t["cell_formulas"].dump() == R"([[],["","","t.recon"]])");
    CHECK(t["notes"].dump() == R"(["a note"])");
    std::vector<std::string> ids;
    for (const auto& f : j["formulas"]) ids.push_back(f["id"].get<std::string>() + ":" + f["tag"].get<std::string>());
    CHECK(ids == std::vector<std::string>{"t.exact:paper", "t.ball:derived", "t.recon:reconstructed"});
  }

  TEST_CASE("decimal_rounded: correctly rounded significant digits, plain or scientific") {
    CHECK(decimal_rounded(Rational(1, 3), 4) == "0.3333");
    CHECK(decimal_rounded(Rational(2, 3), 4) == "0.6667");
    CHECK(decimal_rounded(Rational(-2, 3), 1) == "-0.7");
    CHECK(decimal_rounded(Rational(1, 8), 10) == "0.125");
    CHECK(decimal_rounded(Rational(999, 1000), 2) == "1");
    CHECK(decimal_rounded(Rational(9995, 1000), 3) == "10");  // tie rounds away from zero, carries
    CHECK(decimal_rounded(Rational(1234567), 3) == "1.23e6");  // no placeholder zeros: the last digit is significant
    CHECK(decimal_rounded(Rational(12345678), 3) == "1.23e7");
    CHECK(decimal_rounded(Rational(1, 300000), 2) == "3.3e-6");
    CHECK(decimal_rounded(Rational(1, 3000), 2) == "0.00033");
    CHECK(decimal_rounded(Rational(0), 5) == "0");
    CHECK_THROWS_AS(decimal_rounded(Rational(1), 0), input_error);
  }

  TEST_CASE("siunitx_uncertain: hand-checked values and edge cases") {
    const auto q = [](const char* s) { return Rational::parse(s); };
    CHECK(siunitx_uncertain(q("1.23456"), q("0.0051"), 2, 10) == "1.2346(52)");
    CHECK(siunitx_uncertain(q("1.23456"), q("0.0051"), 1, 10) == "1.235(6)");
    CHECK(siunitx_uncertain(q("-0.5"), q("0.001"), 1, 10) == "-0.500(1)");
    CHECK(siunitx_uncertain(q("123456"), q("70"), 2, 10) == "123456(70)");
    CHECK(siunitx_uncertain(q("0.000012345"), q("0.00000002"), 1, 10) == "1.235(3)e-5");
    CHECK(siunitx_uncertain(q("0"), q("0.003"), 1, 10) == "0.000(3)");
    CHECK(siunitx_uncertain(q("1/3"), q("0"), 2, 6) == "0.333333(1)");  // the midpoint rounding error is covered
    CHECK(siunitx_uncertain(q("0.25"), q("0"), 2, 6) == "0.25");         // exact at these digits
    CHECK(siunitx_uncertain(q("9.96"), q("0.05"), 1, 10) == "9.96(5)");
    CHECK(siunitx_uncertain(q("9.96"), q("0.095"), 1, 10) == "10.0(2)");  // u would be 10: one digit coarser
    CHECK(siunitx_uncertain(q("237469/205"), q("1/10000"), 1, 2) == "1.2(1)e3");  // units of the last significant digit
    CHECK(siunitx_uncertain(q("12345678"), q("1"), 1, 3) == "1.23(1)e7");
    CHECK_THROWS_AS(siunitx_uncertain(q("1"), q("-1/10"), 2, 10), input_error);
  }

  TEST_CASE("siunitx_uncertain: the printed interval always contains [mid - rad, mid + rad] (fixed seed)") {
    std::uint64_t s = 12345;
    for (int it = 0; it < 2000; ++it) {
      s = s * 6364136223846793005ULL + 1442695040888963407ULL;
      const long long num = static_cast<long long>(s >> 20) % 2000001 - 1000000;
      const long long den = static_cast<long long>((s >> 8) % 9999) + 1;
      const long long rn = static_cast<long long>((s >> 40) % 5000);
      const long long rd = static_cast<long long>((s >> 3) % 99999) + 1;
      const Rational mid(num, den), rad(rn, rd * 1000);
      const int ud = 1 + static_cast<int>(s % 3), md = 2 + static_cast<int>((s >> 5) % 12);
      const std::string txt = siunitx_uncertain(mid, rad, ud, md);
      CAPTURE(txt);
      INFO("mid = ", mid.str(), ", rad = ", rad.str(), ", digits ", ud, " ", md);
      const auto [lo, hi] = parse_uncertain(txt);
      CHECK(lo <= mid - rad);
      CHECK(mid + rad <= hi);
    }
  }
  TEST_CASE("gdcert report: every section writes its tables in four formats, the index links only existing files, tables.tex compiles") {
    const fs::path d = fresh_dir("report_all");
    const auto r = gdcert::testing::gdcert_run({"report", "--out-dir", d.string(), "--no-pictures"});
    REQUIRE(r.code == 0);
    CHECK(r.err.empty());  // no progress when stderr is not a terminal
    const std::string index = slurp((d / "index.md").string());
    const std::string html = slurp((d / "index.html").string());
    std::size_t tables = 0;
    for (const auto& sec : gdcert::report::report_sections()) {
      CAPTURE(sec.name);
      CHECK(index.find("\n## " + sec.title + "\n") != std::string::npos);
      CHECK(html.find("<h2 id=\"" + sec.name + "\">") != std::string::npos);
      CHECK(fs::is_directory(d / sec.name));
    }
    // every link of the index names a file that exists
    std::size_t pos = 0, links = 0;
    while ((pos = index.find("](", pos)) != std::string::npos) {
      const std::size_t end = index.find(')', pos);
      const std::string target = index.substr(pos + 2, end - pos - 2);
      CAPTURE(target);
      CHECK(fs::exists(d / target));
      if (target.ends_with(".tex")) ++tables;
      ++links;
      pos = end;
    }
    CHECK(tables >= 50);
    CHECK(links >= 4 * tables);
    // index.html shows every table itself (caption, rows, notes, cited formulas), not only links to files
    std::size_t shown = 0;
    for (std::size_t at = html.find("<details open><summary"); at != std::string::npos; at = html.find("<details open><summary", at + 1))
      ++shown;
    CHECK(shown + 1 == tables);  // the .tex links counted above include tables.tex itself
    CHECK(html.find("<caption>single parity target via the B_n orbit") != std::string::npos);
    CHECK(html.find("<td>bites</td>") != std::string::npos);  // the report's noisy-GD budget is one where bounds bite
    CHECK(html.find("<ul class=\"formulas\">\n<li><code>walsh.") != std::string::npos);
    // rendered by a browser when one is installed (Debian chromium): a real picture of the page
    if (std::system("command -v chromium >/dev/null 2>&1") == 0) {
      const std::string png = (d / "index.png").string();
      const std::string cmd = "timeout 120 chromium --headless --no-sandbox --disable-gpu --window-size=1280,4000 --screenshot=" +
                              png + " file://" + fs::absolute(d / "index.html").string() + " >/dev/null 2>&1";
      CHECK(std::system(cmd.c_str()) == 0);
      CHECK(fs::exists(png));
      if (fs::exists(png)) {
        CHECK(fs::file_size(png) > 50000);  // a blank page is a few kB
        CHECK(slurp(png).substr(1, 3) == "PNG");
      }
    } else {
      MESSAGE("index.html browser check skipped: chromium is not installed (apt-get install chromium)");
    }
    for (const char* f : {"walsh/majority_n5", "alignment/cp_parities_n100_k3", "alignment/profile_relu_gaussian_n10",
                          "kernels/kernel_relu"})
      for (const char* ext : {".json", ".md", ".tex"}) {
        INFO(f, ext);
        CHECK(fs::file_size(d / (std::string(f) + ext)) > 0);
      }
    // one CSV and one LaTeX file per table: <name>.csv for a single table, <name>-<table>.csv for several
    CHECK(fs::file_size(d / "alignment" / "cp_parities_n100_k3.csv") > 0);
    CHECK(fs::file_size(d / "walsh" / "majority_n5-level_weights.csv") > 0);
    CHECK(fs::file_size(d / "tables" / "walsh" / "majority_n5-level_weights.tex") > 0);
    CHECK(fs::file_size(d / "tables" / "depth_separation" / "radial_constants_by_d.tex") > 0);
    {
      const std::string one = slurp((d / "tables" / "depth_separation" / "radial_constants_by_d.tex").string());
      CHECK(one.find("% requires \\usepackage{") != std::string::npos);  // the preamble it needs, at its top
      CHECK(one.find("\\begin{longtable}") != std::string::npos);       // about 100 rows: a longtable
      CHECK(one.find("\\endhead") != std::string::npos);                 // header repeated on every page
    }
    for (const char* f : {"noisy_gd_bounds/orbit_parities", "noisy_gd_checks/inal_mc_vs_exact", "noisy_gd_checks/advantage_vs_bound",
                          "depth_separation/radial_constants_by_d", "depth_separation/experiment_n1_n2"}) {
      INFO(f);
      CHECK(fs::file_size(d / (std::string(f) + ".json")) > 0);
    }
    // the simulator's cross-checks pass in the report too (a failing one would print NO in its last column)
    for (const char* f : {"noisy_gd_checks/inal_mc_vs_exact.csv", "noisy_gd_checks/advantage_vs_bound.csv"}) {
      const std::string csv = slurp((d / f).string());
      INFO(f);
      CHECK(csv.find(",yes") != std::string::npos);
      CHECK(csv.find(",NO") == std::string::npos);
    }
    // every LaTeX label is unique across the report (tables.tex inputs them all)
    std::map<std::string, int> labels;
    for (const auto& e : fs::recursive_directory_iterator(d)) {
      // the per-table copies under tables/ repeat the documents' labels (an author inputs one or the other)
      if (e.path().extension() != ".tex" || e.path().filename() == "tables.tex" ||
          e.path().string().find("/tables/") != std::string::npos)
        continue;
      const std::string tex = slurp(e.path().string());
      for (std::size_t at = tex.find("\\label{"); at != std::string::npos; at = tex.find("\\label{", at + 1))
        ++labels[tex.substr(at + 7, tex.find('}', at) - at - 7)];
    }
    CHECK(labels.size() >= 50);
    for (const auto& [label, count] : labels) {
      CAPTURE(label);
      CHECK(count == 1);
    }
    CHECK(labels.count("tab:walsh:majority_n5:level_weights") == 1);
    CHECK(fs::exists(d / "kernels" / "kernels_plot.csv"));
    CHECK(!fs::exists(d / "kernels" / "kernels_plot.png"));  // --no-pictures
    // the JSON of a table is the verb's own document, with provenance
    const auto j = nlohmann::json::parse(slurp((d / "kernels" / "kernel_relu.json").string()));
    CHECK(j["command"] == "kernel");
    CHECK(j["tables"][0]["columns"][4]["formula"] == "kernel.relu");
    const auto bad = gdcert::testing::gdcert_run({"report", "--out-dir", d.string(), "--only", "nonsense"});
    CHECK(bad.code == 2);
    CHECK(bad.err == "gdcert: error: report --only: unknown section \"nonsense\" (sections: walsh, alignment, kernels, noisy_gd_bounds, noisy_gd_checks, depth_separation, landscape, width, boolean_analysis, deep_kernels)\n");
    // LaTeX smoke test of the whole report (when pdflatex is present): tables.tex inputs every table.
    if (have_pdflatex()) {
      // tables.tex is self-contained: compiled from another folder, no error, no float too large, no overfull box
      const fs::path elsewhere = d / "elsewhere";
      fs::create_directories(elsewhere);
      fs::copy_file(d / "tables.tex", elsewhere / "tables.tex");
      const LatexRun tex = run_pdflatex(elsewhere, "tables", 300);
      CHECK_MESSAGE(tex.rc == 0, "pdflatex failed: " << tex.out);
      CHECK(tex.log.find("\n! ") == std::string::npos);
      CHECK(tex.log.find("multiply defined") == std::string::npos);
      CHECK(tex.log.find("Output written on tables.pdf") != std::string::npos);
      std::size_t overfull = 0;
      for (std::size_t at = tex.log.find("Overfull \\hbox"); at != std::string::npos;
           at = tex.log.find("Overfull \\hbox", at + 1)) {
        ++overfull;
        MESSAGE(tex.log.substr(at, 200));
      }
      CHECK(overfull == 0);
      CHECK_MESSAGE(tex.log.find("Float too large") == std::string::npos, "a float too large for the page in tables.tex");
      // one table \input into a bare article with the packages its first lines name
      const std::string one = slurp((d / "tables" / "walsh" / "majority_n5-level_weights.tex").string());
      const std::string pkgs = one.substr(one.find("% requires ") + 11, one.find('\n', one.find("% requires ")) - one.find("% requires ") - 11);
      std::ofstream(d / "tables" / "walsh" / "bare.tex") << "\\documentclass{article}\n" << pkgs
                                                        << "\n\\begin{document}\n\\input{majority_n5-level_weights}\n\\end{document}\n";
      const LatexRun bare = run_pdflatex(d / "tables" / "walsh", "bare", 60);
      CHECK_MESSAGE(bare.rc == 0, "pdflatex failed: " << bare.out);
      CHECK(bare.log.find("Overfull \\hbox") == std::string::npos);
    }
    fs::remove_all(d);
  }

  TEST_CASE("report: every table's command runs from a scratch folder and reproduces the table") {
    // The default report, then every command it records (the JSON command_line of each table, the same string as in
    // index.md, index.html and the "% reproduce:" line of the LaTeX files), run by a shell with the built binary
    // first on PATH in an empty folder. A verb's command must exit 0 and print (--json) the very tables of the report;
    // a section command (gdcert report --only SECTION) must regenerate the table's JSON identically.
    const fs::path d = fresh_dir("report_commands");
    const auto r = gdcert::testing::gdcert_run({"report", "--out-dir", (d / "out").string(), "--no-pictures"});
    REQUIRE(r.code == 0);
    const std::string index_md = slurp((d / "out" / "index.md").string());
    const std::string index_html = slurp((d / "out" / "index.html").string());
    const std::string bin_dir = fs::path(GDCERT_EXE).parent_path().string();
    // The tables of a document as compared: without their labels (the report names them tab:<section>:<name>), without
    // the bit dumps of balls (the last bits of a radius depend on Arb's cached constants, i.e. on what ran before; the
    // printed value, midpoint and radius are compared) and without wall-clock rows ("time [s]").
    auto tables_of = [](const std::string& json_text) {
      auto j = nlohmann::json::parse(json_text);
      auto t = j.at("tables");
      for (auto& x : t) {
        x.erase("label");
        auto& rows = x.at("rows");
        for (std::size_t i = rows.size(); i-- > 0;) {
          if (!rows[i].empty() && rows[i][0].is_string() && rows[i][0].get<std::string>().find("time [s]") != std::string::npos) {
            rows.erase(i);
            continue;
          }
          for (auto& cell : rows[i])
            if (cell.is_object()) cell.erase("dump");
        }
      }
      return t;
    };
    // Slow commands (tens of seconds on 2 cores) run with a size cap: their command line is checked to run, their
    // numbers are not compared (the report test and checks/ cover them).
    const std::vector<std::pair<std::string, std::string>> capped = {
        {"gdcert simulate depth-separation ", " --n-train 200 --n-test 400"}};
    std::map<std::string, std::vector<fs::path>> by_command;  // command -> the report's JSON files it reproduces
    std::size_t documents = 0;
    for (const auto& e : fs::recursive_directory_iterator(d / "out")) {
      if (e.path().extension() != ".json") continue;
      const auto j = nlohmann::json::parse(slurp(e.path().string()));
      const std::string cmd = j.at("command_line");
      CAPTURE(e.path().string());
      CHECK(cmd.starts_with("gdcert "));
      CHECK(index_md.find("`" + cmd + "`") != std::string::npos);
      CHECK(index_html.find("<code class=\"cmd\">" + html_escape(cmd) + "</code>") != std::string::npos);
      // no "a..b step" prose, only the verbs' own grid syntax
      const bool grid_ok = cmd.find("..") == std::string::npos || cmd.find("--rho -1..1:") != std::string::npos ||
                           cmd.find("--sigma 0..4:") != std::string::npos;
      CHECK(grid_ok);
      by_command[cmd].push_back(e.path());
      ++documents;
    }
    CHECK(documents >= 80);
    std::size_t ran = 0, reproduced = 0;
    for (const auto& [cmd, files] : by_command) {
      CAPTURE(cmd);
      const fs::path scratch = d / ("run" + std::to_string(ran++));
      fs::create_directories(scratch);
      const bool section = cmd.starts_with("gdcert report ");
      std::string cap;
      for (const auto& [prefix, extra] : capped)
        if (cmd.starts_with(prefix)) cap = extra;
      const std::string shell = "cd '" + scratch.string() + "' && PATH='" + bin_dir + "':\"$PATH\" && " + cmd + cap +
                                (section ? "" : " --json --out result.json") + " > stdout.txt 2> stderr.txt";
      const int status = std::system(("timeout 300 sh -c " + shell_quote(shell)).c_str());
      INFO("stderr: ", slurp((scratch / "stderr.txt").string()));
      REQUIRE(status == 0);
      if (!cap.empty()) {
        MESSAGE("run with a size cap, numbers not compared: " << cmd << cap);
        reproduced += files.size();
        continue;
      }
      for (const fs::path& f : files) {
        CAPTURE(f.string());
        const fs::path rel = fs::relative(f, d / "out");
        // a section command ends with --out-dir DIR
        const fs::path got = section ? scratch / cmd.substr(cmd.rfind(' ') + 1) / rel : scratch / "result.json";
        REQUIRE(fs::exists(got));
        CHECK(tables_of(slurp(got.string())) == tables_of(slurp(f.string())));
        ++reproduced;
      }
    }
    CHECK(reproduced == documents);
    MESSAGE(by_command.size() << " distinct commands run, " << reproduced << " tables reproduced");
    fs::remove_all(d);
  }

  TEST_CASE("LaTeX smoke test: tables of real runs compile with pdflatex (skipped when pdflatex is absent)") {
    if (!have_pdflatex()) return;
    const fs::path d = fresh_dir("latex");
    const std::vector<std::vector<std::string>> runs = {
        {"kernel", "relu", "--rho", "-1/2", "--rho", "1/2", "--series", "4", "--latex"},
        {"inal", "majority:n=9", "--init", "gaussian", "--act", "relu", "--latex"},  // a reconstructed formula
        {"walsh", "majority:n=5", "--levels", "--coeffs", "--latex", "--latex-rationals", "decimal:6"},
        {"cp", "--class", "parities:n=100:k=3", "--latex"}};
    std::string body;
    for (std::size_t i = 0; i < runs.size(); ++i) {
      const auto r = gdcert::testing::gdcert_run(runs[i]);
      REQUIRE(r.code == 0);
      std::ofstream(d / ("t" + std::to_string(i) + ".tex")) << r.out;
      body += "\\input{t" + std::to_string(i) + "}\n\\clearpage\n";
    }
    std::ofstream(d / "doc.tex") << "\\documentclass{article}\n\\usepackage{" << kLatexPackages << "}\n\\begin{document}\n"
                                 << body << "\\end{document}\n";
    const LatexRun tex = run_pdflatex(d, "doc", 120);
    CHECK_MESSAGE(tex.rc == 0, "pdflatex failed: " << tex.out);
    CHECK(tex.log.find("\n! ") == std::string::npos);       // no LaTeX error
    CHECK(tex.log.find("Overfull \\hbox") == std::string::npos);  // no table wider than the text
    CHECK(tex.log.find("Float too large") == std::string::npos);
    CHECK(slurp((d / "doc.pdf").string()).substr(0, 5) == "%PDF-");
    CHECK(tex.log.find("Output written on doc.pdf") != std::string::npos);
    if (!std::getenv("GDCERT_KEEP_LATEX")) fs::remove_all(d);  // GDCERT_KEEP_LATEX=1 keeps doc.pdf to look at
  }

  TEST_CASE("write_plot: pgfplots CSV in long format, script with inline data, no picture asked") {
    const fs::path d = fresh_dir("plot_csv");
    const auto paths = write_plot(sample_plot(), (d / "p").string(), {});
    REQUIRE(paths.size() == 2);
    CHECK(slurp(paths[0]) ==
          "series,x,y,yerr\n"
          "\"run, a\",0,1,\n\"run, a\",1,0.5,\n\"run, a\",2,0.25,\n"
          "run b,0,0.75,0.01\nrun b,1,0.125,0.02\n");
    const std::string gp = slurp(paths[1]);
    CHECK(gp.find("set title \"loss, \\\"noisy\\\" GD\"") != std::string::npos);
    CHECK(gp.find("set logscale y") != std::string::npos);
    CHECK(gp.find("with yerrorlines") != std::string::npos);
    CHECK(gp.find("set format y \"10^{%L}\"") != std::string::npos);  // log axis labelled in powers of ten
    CHECK(gp.find("set key outside top") != std::string::npos);       // the legend outside the data
    CHECK(gp.find("$S1 << EOD\n0 0.75 0.01\n1 0.125 0.02\nEOD") != std::string::npos);
    fs::remove_all(d);
  }

  TEST_CASE("write_plot: PNG, SVG and PDF through gnuplot are real pictures") {
    if (!gnuplot_available()) {
      MESSAGE("gnuplot not on PATH: picture test skipped");
      return;
    }
    const fs::path d = fresh_dir("plot_pic");
    const auto paths =
        write_plot(sample_plot(), (d / "p").string(), {PlotFormat::png, PlotFormat::svg, PlotFormat::pdf});
    REQUIRE(paths.size() == 5);
    CHECK(slurp((d / "p.png").string()).substr(1, 3) == "PNG");
    CHECK(slurp((d / "p.svg").string()).find("<svg") != std::string::npos);
    CHECK(slurp((d / "p.pdf").string()).substr(0, 5) == "%PDF-");
    fs::remove_all(d);
  }

  TEST_CASE("write_plot: mismatched series lengths and unwritable places are errors") {
    const fs::path d = fresh_dir("plot_bad");
    Plot p = sample_plot();
    p.series[0].y.pop_back();
    CHECK_THROWS_AS(write_plot(p, (d / "p").string(), {}), input_error);
    p = sample_plot();
    p.series[1].yerr.push_back(1);
    CHECK_THROWS_AS(write_plot(p, (d / "p").string(), {}), input_error);
    CHECK_THROWS_AS(write_plot(sample_plot(), (d / "missing_dir" / "p").string(), {}), resource_error);
    CHECK_THROWS_AS(parse_plot_format("gif"), input_error);
    CHECK(parse_plot_format("svg") == PlotFormat::svg);
    fs::remove_all(d);
  }

  TEST_CASE("all_formulas: every source names a paper (authors and year) or an existing proofs/ file and anchor") {
    // A paper reference: a capitalised author name followed, within the same clause, by a year 19xx/20xx
    // ("Abbe, Sandon 2020", "Du et al. 2019", "O'Donnell 2014"). A repository reference: proofs/<file>.md#<anchor>
    // whose file exists and has the anchor (a "## anchor" heading or an <a id="anchor"> tag). Every proofs/ reference a
    // source names must exist, and no source points at notes outside the repository ("theory ..." sections).
    const fs::path proofs = fs::path(GDCERT_TEST_DATA) / ".." / ".." / "proofs";
    const std::regex paper(R"([A-Z][A-Za-z'-]+[^;()]*?\b(19|20)[0-9]{2}\b)");
    const std::regex repo(R"(proofs/([A-Za-z0-9_-]+\.md)#([A-Za-z0-9_-]+))");
    std::size_t papers = 0, documents = 0;
    for (const Formula& f : api::all_formulas()) {
      const std::string source(f.source);
      CAPTURE(f.id);
      CAPTURE(source);
      CHECK(source.find("theory") == std::string::npos);
      const bool names_paper = std::regex_search(source, paper);
      bool names_document = false;
      for (std::sregex_iterator it(source.begin(), source.end(), repo), end; it != end; ++it) {
        const std::string file = (*it)[1], anchor = (*it)[2];
        const std::string text = slurp((proofs / file).string());
        CHECK_MESSAGE(!text.empty(), "missing proofs file " << file);
        const bool found = text.find("\n## " + anchor + "\n") != std::string::npos ||
                           text.find("<a id=\"" + anchor + "\">") != std::string::npos;
        CHECK_MESSAGE(found, "no anchor #" << anchor << " in proofs/" << file);
        names_document = names_document || found;
      }
      CHECK_MESSAGE((names_paper || names_document), "the source names neither a paper nor a proofs/ document");
      papers += names_paper;
      documents += names_document;
    }
    MESSAGE(api::all_formulas().size() << " formulas: " << papers << " name a paper, " << documents << " a proofs/ document");
    CHECK(api::all_formulas().size() >= 170);
  }

  TEST_CASE("all_formulas: unique ids, a source each, every derived one linked to an existing proofs/ heading") {
    const fs::path proofs = fs::path(GDCERT_TEST_DATA) / ".." / ".." / "proofs";
    std::set<std::string> ids;
    for (const Formula& f : api::all_formulas()) {
      CAPTURE(f.id);
      CHECK(ids.insert(std::string(f.id)).second);
      CHECK(!f.source.empty());
      CHECK(!f.statement.empty());
      if (f.tag == Tag::derived) CHECK(!f.proof.empty());
      if (f.proof.empty()) continue;
      const auto hash = f.proof.find('#');
      REQUIRE(hash != std::string::npos);
      const std::string file(f.proof.substr(0, hash));
      const std::string anchor(f.proof.substr(hash + 1));
      REQUIRE(file.starts_with("proofs/"));
      const std::string text = slurp((proofs / file.substr(7)).string());
      CHECK_MESSAGE(!text.empty(), "missing proofs file " << file);
      // An anchor is a level-2 heading "## anchor" or an explicit id line "<a id=\"anchor\"></a>".
      const bool heading = text.find("\n## " + anchor + "\n") != std::string::npos;
      const bool id_tag = text.find("<a id=\"" + anchor + "\">") != std::string::npos;
      CHECK_MESSAGE((heading || id_tag), "no anchor #" << anchor << " in " << file);
      // The id itself is stated in the proofs file (with its tag).
      CHECK_MESSAGE(text.find("**" + std::string(f.id) + "**") != std::string::npos, "id not stated in " << file);
    }
  }
}
