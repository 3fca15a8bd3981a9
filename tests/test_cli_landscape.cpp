// CLI tests of gdcert landscape (certify, generate, rank, assumption, theorem25, theorem22) and gdcert simulate landscape:
// verdicts on generated and hand-built instances, JSON output, hostile inputs (one-line errors, distinct exit codes), and
// the simulator's determinism.
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "cli_support.hpp"

using gdcert::testing::gdcert_run;

namespace {

std::string temp_path(const std::string& name) {
  return (std::filesystem::temp_directory_path() / ("gdcert_landscape_" + name)).string();
}

std::string write(const std::string& name, const std::string& text) {
  const std::string p = temp_path(name);
  std::ofstream(p) << text;
  return p;
}

}  // namespace

TEST_CASE("landscape certify: generated instances of each kind get their verdicts") {
  const std::pair<const char*, const char*> kinds[] = {{"optimal-zero", "global minimum"}, {"optimal", "global minimum"},
                                                       {"saddle", "strict saddle"}, {"nonstationary", "not stationary"}};
  for (const auto& [kind, verdict] : kinds) {
    CAPTURE(kind);
    const std::string file = temp_path(std::string(kind) + ".json");
    const auto g = gdcert_run({"landscape", "generate", "--kind", kind, "--n", "9", "--d", "3", "--k", "6", "--seed", "5",
                               "--out", file});
    REQUIRE(g.code == 0);
    const auto r = gdcert_run({"landscape", "certify", "--data", file, "--json"});
    CHECK(r.code == 0);
    CHECK(r.out.find(std::string("\"") + verdict + "\"") != std::string::npos);
    CHECK(r.out.find("landscape.loss") != std::string::npos);
    std::remove(file.c_str());
  }
}

TEST_CASE("landscape certify: the reference instance n = 7 with --v, --W, --U from the command line") {
  const std::string data = write("ref7.csv",
                                 "# x1,x2,x3,y\n3,1,3,-3/2\n-1,2,-2,-3\n-3,-3,3,2\n2,-1,-3,-4\n-1,0,-3,-3/2\n0,-3,-3,0\n-2,0,-3,-1/2\n");
  const auto r = gdcert_run({"landscape", "certify", "--data", data, "--v", "1,1,2,-3/2,-2,-3/2", "--W",
                             "1,0,0;1/2,0,1;0,1/2,-1/2;0,-1/2,1;1,0,2;-1,0,0", "--U",
                             "-2,-1,1/2;-2,1/2,1;-1,-2,0;0,1,1;1,0,-1/2;-1,1,0", "--csv"});
  CHECK(r.code == 0);
  CHECK(r.out.find("893461/224") != std::string::npos);          // loss (reference)
  CHECK(r.out.find("-18411/56") != std::string::npos);           // Hessian form along U (4/n)
  CHECK(r.out.find("-156673/56") != std::string::npos);          // (6.4) as recorded (2/n)
  CHECK(r.out.find("51296045/265144432") != std::string::npos);  // least-squares optimum over Sym(3)
  CHECK(r.out.find("not stationary") != std::string::npos);
  std::remove(data.c_str());
}

TEST_CASE("landscape rank, assumption, theorem25, theorem22: tables with their formulas") {
  const auto rk = gdcert_run({"landscape", "rank", "--d", "3", "--n-min", "5", "--n-max", "8", "--json"});
  CHECK(rk.code == 0);
  CHECK(rk.out.find("landscape.khatri_rao_rank") != std::string::npos);
  const auto as = gdcert_run({"landscape", "assumption", "--act", "erf", "--sigma", "0,1,2", "--prec", "64"});
  CHECK(as.code == 0);
  CHECK(as.out.find("case (b)") != std::string::npos);
  const auto t25 = gdcert_run({"landscape", "theorem25", "--n", "100", "--d", "10", "--k", "20", "--md"});
  CHECK(t25.code == 0);
  CHECK(t25.out.find("1599/1600") != std::string::npos);
  CHECK(t25.out.find("points the wrong way") != std::string::npos);
  const auto t22 = gdcert_run({"landscape", "theorem22", "--eps-g", "1/10", "--nu", "4", "--nuclear", "2"});
  CHECK(t22.code == 0);
}

TEST_CASE("landscape: hostile inputs get one line and a distinct exit code") {
  const std::string bad = write("bad.json", R"({"X": [[0.5, 1]], "y": [1]})");
  auto r = gdcert_run({"landscape", "certify", "--data", bad, "--v", "1", "--W", "1,1"});
  CHECK(r.code == 3);
  CHECK(r.err.find("requires exact numbers") != std::string::npos);
  CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
  const std::string ok = write("ok.csv", "1,2,3\n");
  r = gdcert_run({"landscape", "certify", "--data", ok});
  CHECK(r.code == 3);
  CHECK(r.err.find("requires --v") != std::string::npos);
  r = gdcert_run({"landscape", "certify", "--data", ok, "--v", "1", "--W", "1,x"});
  CHECK(r.code == 3);
  r = gdcert_run({"landscape", "certify", "--data", temp_path("missing.json"), "--v", "1", "--W", "1,1"});
  CHECK(r.code == 3);
  r = gdcert_run({"landscape", "certify", "--data", "/dev/zero", "--v", "1", "--W", "1,1"});
  CHECK(r.code == 3);
  r = gdcert_run({"landscape", "generate", "--kind", "saddle", "--n", "8", "--d", "3", "--k", "5"});
  CHECK(r.code == 3);
  r = gdcert_run({"landscape", "generate", "--kind", "saddle", "--n", "8", "--d", "100", "--k", "200"});
  CHECK(r.code == 7);
  r = gdcert_run({"landscape", "assumption", "--act", "relu"});
  CHECK(r.code == 3);
  r = gdcert_run({"landscape", "assumption", "--sigma", "-1,0"});
  CHECK(r.code == 4);
  r = gdcert_run({"landscape", "theorem25", "--k", "5"});
  CHECK(r.code == 4);
  r = gdcert_run({"simulate", "landscape", "--figure", "5c"});
  CHECK(r.code == 3);
  r = gdcert_run({"simulate", "landscape", "--tol", "2"});
  CHECK(r.code == 3);
  std::remove(bad.c_str());
  std::remove(ok.c_str());
}

TEST_CASE("simulate landscape: a small planted figure is reproducible across thread counts") {
  const std::vector<std::string> base = {"simulate", "landscape", "--figure", "3a", "--values", "2,10", "--draws", "2",
                                         "--runs", "2", "--max-steps", "1500", "--seed", "4", "--json"};
  auto a = base;
  a.insert(a.end(), {"--threads", "1"});
  auto b = base;
  b.insert(b.end(), {"--threads", "2"});
  const auto r1 = gdcert_run(a), r2 = gdcert_run(b);
  REQUIRE(r1.code == 0);
  REQUIRE(r2.code == 0);
  CHECK(r1.out.find("fig3a_fraction") != std::string::npos);
  CHECK(r1.out.find("landscape.logistic_fit") != std::string::npos);
  // The timing row differs; compare the fraction table.
  const auto frac = [](const std::string& s) { return s.substr(s.find("fig3a_fraction"), s.find("fig3a_fit") - s.find("fig3a_fraction")); };
  CHECK(frac(r1.out) == frac(r2.out));
}
