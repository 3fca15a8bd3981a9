// Tests of the output layer: numbers as a paper prints them (--digits, m(u) that encloses, exact values), LaTeX
// headers as math, one table per file, --label / --caption, CSV for pandas (read back by python3) and merge --csv.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "cli_support.hpp"
#include "exact/errors.hpp"
#include "report/decimal.hpp"
#include "report/table.hpp"

namespace fs = std::filesystem;
using namespace gdcert;
using namespace gdcert::report;

namespace {

fs::path fresh(const std::string& name) {
  const fs::path d = fs::temp_directory_path() / ("gdcert_tables_" + name + "_" + std::to_string(::getpid()));
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

Rational pow10q(long k) {
  Rational r(1);
  for (long i = 0; i < (k < 0 ? -k : k); ++i) r = k < 0 ? r / Rational(10) : r * Rational(10);
  return r;
}

/** "m(u)e<E>" or "m" or "me<E>": the midpoint, the uncertainty (0 without parentheses) and one unit of m's last digit. */
struct Printed {
  Rational m, u, unit;
  bool has_u;
};
Printed parse_printed(const std::string& s) {
  std::string mant = s, ex;
  if (const auto e = s.find('e'); e != std::string::npos) {
    mant = s.substr(0, e);
    ex = s.substr(e + 1);
  }
  std::string digits = mant, unc = "0";
  bool has_u = false;
  if (const auto p = mant.find('('); p != std::string::npos) {
    digits = mant.substr(0, p);
    unc = mant.substr(p + 1, mant.size() - p - 2);
    has_u = true;
  }
  const auto dot = digits.find('.');
  const long decimals = dot == std::string::npos ? 0 : static_cast<long>(digits.size() - dot - 1);
  const Rational scale = pow10q(ex.empty() ? 0 : std::stol(ex));
  const Rational unit = pow10q(-decimals) * scale;
  std::string plain = digits;
  if (dot != std::string::npos) plain.erase(dot, 1);
  const Rational m = Rational::parse(plain) * unit;
  return {m, Rational::parse(unc) * unit, unit, has_u};
}

std::uint64_t lcg(std::uint64_t& s) {
  s = s * 6364136223846793005ULL + 1442695040888963407ULL;
  return s >> 11;
}

}  // namespace

TEST_SUITE("tables") {

  TEST_CASE("display_uncertain: the printed form always encloses the ball (random balls, fixed seed)") {
    std::uint64_t s = 20261206;
    int with_u = 0, within = 0;
    for (int it = 0; it < 4000; ++it) {
      const long long num = static_cast<long long>(lcg(s) % 2000001) - 1000000;
      const long long den = static_cast<long long>(lcg(s) % 99999) + 1;
      const long scale = static_cast<long>(lcg(s) % 41) - 20;
      const Rational mid = Rational(num, den) * pow10q(scale);
      // radii from 0 to far above and far below the printed digits
      const long rscale = static_cast<long>(lcg(s) % 61) - 45 + scale;
      const Rational rad = (lcg(s) % 7 == 0) ? Rational(0) : Rational(static_cast<long long>(lcg(s) % 1000), 1) * pow10q(rscale);
      const int digits = 1 + static_cast<int>(lcg(s) % 12), unc = 1 + static_cast<int>(lcg(s) % 2);
      bool w = false;
      const std::string txt = display_uncertain(mid, rad, digits, unc, &w);
      CAPTURE(txt);
      INFO("mid = ", mid.str(), ", rad = ", rad.str(), ", digits ", digits, ", unc ", unc);
      const Printed p = parse_printed(txt);
      if (p.has_u) {
        ++with_u;
        CHECK(p.m - p.u <= mid - rad);
        CHECK(mid + rad <= p.m + p.u);
      } else if (rad.is_zero()) {
        // an exact midpoint: exact or rounded to the nearest at its last digit
        CHECK(!w);
        CHECK(p.m - p.unit / Rational(2) <= mid);
        CHECK(mid <= p.m + p.unit / Rational(2));
      } else {
        // no (u) on a nonzero radius only under the stated rule: within one unit of the last digit
        REQUIRE(w);
        ++within;
        CHECK(p.m - p.unit <= mid - rad);
        CHECK(mid + rad <= p.m + p.unit);
        CHECK(txt.size() >= static_cast<std::size_t>(digits));  // all `digits` figures shown, zeros kept
      }
    }
    CHECK(with_u > 500);
    CHECK(within > 500);
  }

  TEST_CASE("display_cell: exact zero, short fractions, rounded exact values, balls, floats, --digits full") {
    const NumberFormat f;  // 6 significant figures
    CHECK(display_cell(Cell{Value(Rational(0))}, f).text == "0");
    Ball z;  // the ball [0 +/- 0]
    CHECK(display_cell(Cell{Value(z, 128)}, f).text == "0");
    const DisplayedCell third = display_cell(Cell{Value(Rational(-1, 3))}, f);
    CHECK(third.kind == DisplayedCell::Kind::fraction);
    CHECK(third.text == "-1/3");
    CHECK(display_cell(Cell{Value(Rational(5, 8))}, f).text == "5/8");  // short: the fraction
    CHECK(display_cell(Cell{Value(Rational(1234567, 1000000))}, f).text == "1.23457");  // long: rounded, and noted
    CHECK(display_cell(Cell{Value(Rational(1234567, 1000000))}, f).rounded_exact);
    const DisplayedCell long_q = display_cell(Cell{Value(Rational::parse("227272727272727273/50000000000000000000"))}, f);
    CHECK(long_q.text == "0.00454545");
    CHECK(long_q.rounded_exact);
    CHECK(display_cell(Cell{Value(Rational::parse("123456789012345678"))}, f).text == "1.23457e17");
    CHECK(display_cell(Cell{Value(Rational::parse("1234567890"))}, f).text == "1234567890");  // integers in full
    // a 128-bit ball of 1/3: its radius is far below the 6th digit
    Ball b;
    arb_set_fmpq(b.get(), Rational(1, 3).get(), 128);
    const DisplayedCell bc = display_cell(Cell{Value(b, 128)}, f);
    CHECK(bc.text == "0.333333");
    CHECK(bc.ball_within_unit);
    // a wide ball shows its uncertainty
    CHECK(display_cell(Cell{Value(Ball::parse("[1.25 +/- 0.0625]", 64), 64)}, f).text == "1.250(63)");
    // floats: 6 figures, a standard error as m(u)
    CHECK(display_cell(Cell{Value::from_double(0.49125000000000002)}, f).text == "0.49125");
    CHECK(display_cell(Cell{Value::from_double(0.25, 0.0125, 1000)}, f).text == "0.250(13)");
    // --digits full
    NumberFormat full;
    full.digits = 0;
    CHECK(display_cell(Cell{Value(Rational::parse("227272727272727273/50000000000000000000"))}, full).text ==
          "227272727272727273/50000000000000000000");
    CHECK(display_cell(Cell{Value::from_double(0.49125)}, full).text == "0.49125");
    CHECK(display_cell(Cell{Value(b, 128)}, full).text.size() > 38);
    CHECK(parse_digits("full") == 0);
    CHECK(parse_digits("3") == 3);
    CHECK_THROWS_AS(parse_digits("0"), input_error);
    CHECK_THROWS_AS(parse_digits("six"), input_error);
  }

  TEST_CASE("latex_text: the ASCII math of headers and captions typeset as math, words as text") {
    CHECK(latex_text("W_k") == "$W_{k}$");
    CHECK(latex_text("fhat(S)") == "$\\hat{f}(S)$");
    CHECK(latex_text("E[f^2]") == "$\\mathrm{E}[f^{2}]$");
    CHECK(latex_text("CP_{B_n}(Orb chi_S)") == "$\\mathrm{CP}_{B_{n}}(\\mathrm{Orb}\\ \\chi _{S})$");
    CHECK(latex_text("Level weights W_k of majority (nonzero levels)") ==
          "Level weights $W_{k}$ of majority (nonzero levels)");
    CHECK(latex_text("gamma_2^2") == "$\\gamma _{2}^{2}$");
    // a closing parenthesis of a group the text opened stays text
    CHECK(latex_text("(Cov = var rho), a_l") == "(Cov $=$ var $\\rho $), $a_{l}$");
    CHECK(latex_text("fraction <= delta") == "fraction $\\le  \\delta $");
    CHECK(latex_text("95% CI half-width") == "95\\% CI half-width");
    CHECK(latex_text("INAL = max_v E<f, NN^(v)>^2") ==
          "INAL $= \\max _{v}\\ \\mathrm{E}\\langle f,\\ \\mathrm{NN}^{(v)}\\rangle ^{2}$");
  }

  TEST_CASE("latex_cell: string cells with ASCII math typeset as math like the headers, names and prose stay text") {
    const NumberFormat f;
    CHECK(latex_cell(Cell(std::string("E[f^2]")), f) == "$\\mathrm{E}[f^{2}]$");
    CHECK(latex_cell(Cell(std::string("W_k")), f) == "$W_{k}$");
    CHECK(latex_cell(Cell(std::string("CP_{B_n}(Orb chi_S)")), f) == "$\\mathrm{CP}_{B_{n}}(\\mathrm{Orb}\\ \\chi _{S})$");
    CHECK(latex_cell(Cell(std::string("INAL = max_v E<f, NN^(v)>^2")), f) ==
          "INAL $= \\max _{v}\\ \\mathrm{E}\\langle f,\\ \\mathrm{NN}^{(v)}\\rangle ^{2}$");
    // specs, identifiers, snake_case names and plain words stay text (escaped, breakable)
    CHECK(latex_cell(Cell(std::string("majority:n=5")), f).find('$') == std::string::npos);
    CHECK(latex_cell(Cell(std::string("noisy_gd.orbit")), f).find('$') == std::string::npos);
    CHECK(latex_cell(Cell(std::string("relu_gaussian_bias")), f).find('$') == std::string::npos);
    CHECK(latex_cell(Cell(std::string("VACUOUS")), f) == "VACUOUS");
    // prose with a formula in it (a source, a summary) stays text rather than becoming one long formula
    CHECK(latex_cell(Cell(std::string("derived (= arc-cosine kernel of order 1, Cho, Saul 2009); proofs/kernels.md#relu")), f)
              .find('$') == std::string::npos);
  }

  TEST_CASE("machine keys: snake_case before \" = \", unique within a table") {
    CHECK(machine_key("INAL = max_v E<f, NN^(v)>^2") == "inal");
    CHECK(machine_key("95% CI half-width") == "c95_ci_half_width");
    CHECK(machine_key("W_k(f)") == "w_k_f");
    Table t;
    t.columns = {{"a b", "", ""}, {"a-b", "", ""}, {"x", "", "", "", "mykey"}};
    CHECK(column_keys(t) == std::vector<std::string>{"a_b", "a_b_2", "mykey"});
  }

  TEST_CASE("CLI: one --digits rule in kernel and simulate, kernel --rho grids") {
    // kernel --digits D: D significant figures shown, and every ball certified to D digits (the precision raised)
    const auto k30 = gdcert::testing::gdcert_run({"kernel", "relu", "--rho", "1/2", "--digits", "30", "--json"});
    REQUIRE(k30.code == 0);
    const auto j = nlohmann::json::parse(k30.out);
    CHECK(j["parameters"]["digits"] == "30");
    const auto t30 = gdcert::testing::gdcert_run({"kernel", "relu", "--rho", "1/2", "--digits", "30"});
    CHECK(t30.out.find(" 0.304498890522114679044498291245 ") != std::string::npos);  // 30 digits shown
    // sign / erf to a digit goal go through kernel.arcsin.exact, which the output cites: (2/pi) asin(1/3) (mpmath, 40 digits)
    const auto e30 = gdcert::testing::gdcert_run({"kernel", "erf", "--rho", "1/2", "--digits", "30"});
    CHECK(e30.out.find(" 0.216346895938785459658288881555 ") != std::string::npos);
    CHECK(e30.out.find("[kernel.arcsin.exact]") != std::string::npos);
    CHECK(t30.out.find("[kernel.arcsin.exact]") != std::string::npos);  // relu takes the same exact angle
    CHECK(t30.out.find("sin(arccos t) = sqrt(q^2 - p^2)/q (kernel.arcsin.exact)") != std::string::npos);
    // without a digit goal the balls come from the working-precision route, which does not use it
    const auto r53 = gdcert::testing::gdcert_run({"kernel", "relu", "--rho", "1/2"});
    CHECK(r53.out.find("kernel.arcsin.exact") == std::string::npos);
    // gelu to a digit goal takes the general route (quadrature), not the exact angle
    const auto g10 = gdcert::testing::gdcert_run({"kernel", "gelu", "--rho", "1/2", "--digits", "10"});
    REQUIRE(g10.code == 0);
    CHECK(g10.out.find("kernel.arcsin.exact") == std::string::npos);
    const auto show = gdcert::testing::gdcert_run({"kernel", "relu", "--rho", "1/2", "--show-digits", "3"});
    CHECK(show.out.find(" 0.304 ") != std::string::npos);  // the former display spelling is the same option
    CHECK(gdcert::testing::gdcert_run({"kernel", "relu", "--rho", "1/2", "--digits", "-1"}).code == 3);
    // simulate noisy-gd: --digits is the display rule; --mpfr-digits the mpfr precision (also --digits with mpfr)
    const auto sim = gdcert::testing::gdcert_run({"simulate", "noisy-gd", "--target", "majority:n=3", "--net", "2", "--steps",
                                                  "2", "--scalar", "mpfr", "--mpfr-digits", "30", "--digits", "3", "--json"});
    REQUIRE(sim.code == 0);
    // the mpfr precision reaches the simulator under its new name, and under --digits with --scalar mpfr
    const auto mp0 = gdcert::testing::gdcert_run({"simulate", "noisy-gd", "--target", "majority:n=3", "--net", "2", "--steps",
                                                  "1", "--scalar", "mpfr", "--mpfr-digits", "1000000"});
    CHECK(mp0.code == 3);
    CHECK(mp0.err.find("requires 1 <= digits <= 10000") != std::string::npos);
    const auto dg0 = gdcert::testing::gdcert_run({"simulate", "noisy-gd", "--target", "majority:n=3", "--net", "2", "--steps",
                                                  "1", "--scalar", "mpfr", "--digits", "1000000"});
    CHECK(dg0.code == 3);
    CHECK(dg0.err.find("requires 1 <= digits <= 10000") != std::string::npos);
    // --rho lo..hi:step: the grid's points, the same table as the points given one by one
    const auto grid = gdcert::testing::gdcert_run({"kernel", "relu", "--rho", "-1..1:1/2", "--json"});
    const auto list = gdcert::testing::gdcert_run({"kernel", "relu", "--rho", "-1", "--rho", "-1/2", "--rho", "0", "--rho", "1/2",
                                                   "--rho", "1", "--json"});
    REQUIRE(grid.code == 0);
    REQUIRE(list.code == 0);
    CHECK(nlohmann::json::parse(grid.out)["tables"] == nlohmann::json::parse(list.out)["tables"]);
    CHECK(nlohmann::json::parse(grid.out)["tables"][0]["rows"].size() == 5);
    const auto bad = gdcert::testing::gdcert_run({"kernel", "relu", "--rho", "1..-1:1/2"});
    CHECK(bad.code == 3);
    CHECK(bad.err == "gdcert: error: kernel --rho: requires lo <= hi and step > 0 in \"lo..hi:step\", got \"1..-1:1/2\"\n");
  }

  TEST_CASE("CLI: --digits in text, Markdown and LaTeX") {
    const auto r6 = gdcert::testing::gdcert_run({"kernel", "relu", "--rho", "1/3"});
    REQUIRE(r6.code == 0);
    const auto rf = gdcert::testing::gdcert_run({"kernel", "relu", "--rho", "1/3", "--show-digits", "full"});
    REQUIRE(rf.code == 0);
    CHECK(r6.out.find(" 0.251415 ") != std::string::npos);
    CHECK(rf.out.find(" 0.2514149606877497998") != std::string::npos);
    CHECK(rf.out.find(" 0.251415 ") == std::string::npos);  // full precision: more digits
    CHECK(r6.out.find("within one unit of its last digit") != std::string::npos);
    const auto r3 = gdcert::testing::gdcert_run({"inal", "--profile", "--n", "10", "--act", "relu", "--init", "gaussian",
                                                 "--K", "2", "--prec", "80", "--digits", "3", "--md"});
    REQUIRE(r3.code == 0);
    CHECK(r3.out.find("| 0.167 |") != std::string::npos);  // m_0 = 0.16733... at 3 figures
    const auto rfull = gdcert::testing::gdcert_run({"inal", "--profile", "--n", "10", "--act", "relu", "--init", "gaussian",
                                                    "--K", "2", "--prec", "80", "--digits", "full"});
    REQUIRE(rfull.code == 0);
    CHECK(rfull.out.find("0.16733416565396474916") != std::string::npos);
    const auto bad = gdcert::testing::gdcert_run({"cp", "majority:n=5", "--digits", "0"});
    CHECK(bad.code == 3);
    CHECK(bad.err.find("--digits") != std::string::npos);
  }

  TEST_CASE("CLI: --label and --caption set one table's label and caption, TABLE= names one of several") {
    const auto r = gdcert::testing::gdcert_run({"kernel", "relu", "--rho", "1/2", "--latex", "--label", "tab:foo",
                                                "--caption", "The ReLU kernel at rho = 1/2"});
    REQUIRE(r.code == 0);
    CHECK(r.out.find("\\label{tab:foo}") != std::string::npos);
    CHECK(r.out.find("\\caption{The ReLU kernel at $\\rho  = 1/2$}") != std::string::npos);
    const auto j = gdcert::testing::gdcert_run({"kernel", "relu", "--rho", "1/2", "--json", "--label", "tab:foo"});
    REQUIRE(j.code == 0);
    CHECK(nlohmann::json::parse(j.out)["tables"][0]["label"] == "tab:foo");
    // several tables: a bare label is a usage error naming the tables; TABLE=LABEL works
    const auto many = gdcert::testing::gdcert_run({"walsh", "majority:n=5", "--levels", "--coeffs", "--latex", "--label", "tab:x"});
    CHECK(many.code == 2);
    CHECK(many.err.find("--label: this output has 3 tables; name one as TABLE=TEXT") != std::string::npos);
    const auto named = gdcert::testing::gdcert_run(
        {"walsh", "majority:n=5", "--levels", "--coeffs", "--json", "--label", "level_weights=tab:lw"});
    REQUIRE(named.code == 0);
    const auto nj = nlohmann::json::parse(named.out);
    bool found = false;
    for (const auto& t : nj["tables"]) found = found || (t["name"] == "level_weights" && t["label"] == "tab:lw");
    CHECK(found);
    const auto badlabel = gdcert::testing::gdcert_run({"kernel", "relu", "--rho", "1/2", "--latex", "--label", "a b"});
    CHECK(badlabel.code == 2);
  }

  TEST_CASE("CSV for pandas: one file per table, machine keys, decimals equal to the JSON values (read by python3)") {
    if (std::system("command -v python3 > /dev/null 2>&1") != 0) {
      MESSAGE("python3 not on PATH: CSV read-back skipped");
      return;
    }
    const fs::path d = fresh("csv");
    const std::vector<std::string> base = {"walsh", "majority:n=5", "--levels", "--coeffs"};
    auto args = base;
    args.insert(args.end(), {"--csv", "--out", (d / "csv").string() + "/"});
    REQUIRE(gdcert::testing::gdcert_run(args).code == 0);
    args = base;
    args.insert(args.end(), {"--json", "--out", (d / "doc.json").string()});
    REQUIRE(gdcert::testing::gdcert_run(args).code == 0);
    const auto kr = gdcert::testing::gdcert_run({"kernel", "relu", "--rho", "-1/2", "--rho", "1/3", "--series", "4",
                                                 "--csv-dir", (d / "kcsv").string(), "--json", "--out",
                                                 (d / "kernel.json").string()});
    REQUIRE(kr.code == 0);
    std::size_t files = 0;
    for (const auto& e : fs::directory_iterator(d / "csv")) files += e.path().extension() == ".csv";
    CHECK(files == 3);  // summary, coefficients, level weights
    // python3 reads every CSV and checks each value column against the JSON: decimals, exact p/q, ball mid/rad
    const fs::path py = d / "check.py";
    std::ofstream(py) << R"PY(
import csv, json, sys, os, re
from fractions import Fraction
def key(name):
    head = name.split(" = ")[0] if " = " in name[1:] else name
    k = "_".join(w.lower() for w in re.split(r"[^A-Za-z0-9]+", head) if w)
    k = k or "column"
    return "c" + k if k[0].isdigit() else k
checked = 0
for doc, folder in [(sys.argv[1], sys.argv[2]), (sys.argv[3], sys.argv[4])]:
    j = json.load(open(doc))
    for t in j["tables"]:
        rows = list(csv.DictReader(open(os.path.join(folder, t["name"] + ".csv"))))
        assert len(rows) == len(t["rows"]), t["name"]
        keys, used = [], set()
        for c in t["columns"]:
            k, n = key(c["name"]), 2
            while k in used:
                k = key(c["name"]) + "_" + str(n); n += 1
            used.add(k); keys.append(k)
        for r, jr in zip(rows, t["rows"]):
            for k, cell in zip(keys, jr):
                if isinstance(cell, dict) and cell["kind"] == "exact":
                    assert Fraction(r[k + "_exact"]) == Fraction(cell["value"]), (k, r[k + "_exact"], cell["value"])
                    assert float(r[k]) == float(Fraction(cell["value"])), (k, r[k])
                    checked += 1
                elif isinstance(cell, dict) and cell["kind"] == "ball":
                    assert Fraction(r[k + "_mid"]) == Fraction(cell["mid"]), k
                    assert r[k + "_rad"] == cell["rad"], k
                    assert float(r[k]) == float(cell["mid"]), k
                    checked += 1
                elif isinstance(cell, dict) and cell["kind"] == "float":
                    assert float(r[k]) == cell["value"], k
                    checked += 1
                elif isinstance(cell, int):
                    assert int(r[k]) == cell
try:
    import pandas
    df = pandas.read_csv(os.path.join(sys.argv[2], "level_weights.csv"))
    assert df.select_dtypes("number").shape[1] >= 2
except ImportError:
    pass
print(checked)
)PY";
    const std::string cmd = "python3 '" + py.string() + "' '" + (d / "doc.json").string() + "' '" + (d / "csv").string() +
                            "' '" + (d / "kernel.json").string() + "' '" + (d / "kcsv").string() + "' > '" +
                            (d / "py.out").string() + "' 2>&1";
    const int rc = std::system(cmd.c_str());
    const std::string out = gdcert::testing::read_file((d / "py.out").string());
    CHECK_MESSAGE(rc == 0, out);
    CHECK(std::atoi(out.c_str()) >= 10);
    fs::remove_all(d);
  }

  TEST_CASE("merge --csv and sweep --csv: one CSV of a sweep's records with machine keys, values equal to the records") {
    const fs::path d = fresh("merge_csv");
    const std::string manifest = std::string(GDCERT_TEST_DATA) + "/sweep/quantity_grid.toml";
    const auto r = gdcert::testing::gdcert_run({"sweep", manifest, "--out", (d / "rec.jsonl").string(), "--csv",
                                                (d / "sweep.csv").string()});
    REQUIRE(r.code == 0);
    const auto m = gdcert::testing::gdcert_run({"merge", (d / "merged.jsonl").string(), (d / "rec.jsonl").string(),
                                                "--csv", (d / "merged.csv").string()});
    REQUIRE(m.code == 0);
    const std::string csv = gdcert::testing::read_file((d / "merged.csv").string());
    CHECK(csv == gdcert::testing::read_file((d / "sweep.csv").string()));
    std::istringstream in(csv);
    std::string head;
    std::getline(in, head);
    CHECK(head.starts_with("id,param_n,param_init,seed,exit,quantity,value"));
    CHECK(head.find("value_exact") != std::string::npos);  // Rademacher: exact
    CHECK(head.find("value_mid") != std::string::npos);    // Gaussian: balls
    int lines = 0;
    for (std::string l; std::getline(in, l);) ++lines;
    CHECK(lines == 6);
    // a verb sweep: one row per table row, the column machine keys (never display labels)
    const std::string walsh = std::string(GDCERT_TEST_DATA) + "/sweep/walsh_grid.toml";
    REQUIRE(gdcert::testing::gdcert_run({"sweep", walsh, "--out", (d / "w.jsonl").string(), "--csv", (d / "w.csv").string()}).code == 0);
    const std::string wcsv = gdcert::testing::read_file((d / "w.csv").string());
    CHECK(wcsv.starts_with("id,param_family,param_n,seed,exit,table,row,"));
    CHECK(wcsv.find("w_k_exact") != std::string::npos);
    if (std::system("command -v python3 > /dev/null 2>&1") == 0) {
      std::ofstream(d / "c.py") << R"PY(
import csv, json, sys
from fractions import Fraction
recs = {}
for line in open(sys.argv[1]):
    r = json.loads(line); recs[r["id"]] = r
n = 0
for row in csv.DictReader(open(sys.argv[2])):
    v = recs[int(row["id"])]["result"]["values"][0]
    if v["kind"] == "exact":
        assert Fraction(row["value_exact"]) == Fraction(v["value"]); assert float(row["value"]) == float(Fraction(v["value"]))
    else:
        assert row["value_mid"] == v["mid"] and row["value_rad"] == v["rad"]; assert float(row["value"]) == float(v["mid"])
    n += 1
assert n == 6
)PY";
      const std::string cmd = "python3 '" + (d / "c.py").string() + "' '" + (d / "merged.jsonl").string() + "' '" +
                              (d / "merged.csv").string() + "' > '" + (d / "c.out").string() + "' 2>&1";
      CHECK_MESSAGE(std::system(cmd.c_str()) == 0, gdcert::testing::read_file((d / "c.out").string()));
    }
    fs::remove_all(d);
  }
}
