// CLI tests of gdcert simulate noisy-gd and gdcert bound: outputs, plots, errors with their exit codes, and a
// check that fails when a bound is deliberately weakened.
#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli_support.hpp"
#include "report/plot.hpp"

using gdcert::testing::gdcert_run;
using gdcert::testing::read_file;

TEST_CASE("simulate noisy-gd: JSON trajectory, summary, Monte-Carlo INAL") {
  const auto r = gdcert_run({"simulate", "noisy-gd", "--target", "parity:n=5:S=1", "--net", "8", "--steps", "20", "--lr",
                             "0.2", "--noise", "0.001", "--clip", "5", "--inal-mc", "50", "--seed", "3", "--json"});
  CHECK(r.code == 0);
  CHECK(r.err.empty());
  CHECK(r.out.find("\"trajectory\"") != std::string::npos);
  CHECK(r.out.find("\"inal_monte_carlo\"") != std::string::npos);
  CHECK(r.out.find("noisy_gd.model") != std::string::npos);
  // Same seed, same output (modulo the timestamp-free JSON body).
  const auto r2 = gdcert_run({"simulate", "noisy-gd", "--target", "parity:n=5:S=1", "--net", "8", "--steps", "20", "--lr",
                              "0.2", "--noise", "0.001", "--clip", "5", "--inal-mc", "50", "--seed", "3", "--json",
                              "--threads", "2"});
  CHECK(r2.code == 0);
  const auto cut = [](const std::string& s) { return s.substr(s.find("\"tables\"")); };
  CHECK(cut(r.out) == cut(r2.out));
}

TEST_CASE("simulate noisy-gd: mpfr scalar and CSV") {
  const auto r = gdcert_run({"simulate", "noisy-gd", "--target", "majority:n=3", "--net", "4", "--act", "tanh", "--steps",
                             "3", "--scalar", "mpfr", "--digits", "30", "--csv"});
  CHECK(r.code == 0);
  CHECK(r.out.find("step") != std::string::npos);
}

TEST_CASE("simulate noisy-gd: plot files") {
  const std::string stem = (std::filesystem::temp_directory_path() / "gdcert_sim_plot").string();
  const std::string fmt = gdcert::report::gnuplot_available() ? "png,svg" : "none";
  const auto r = gdcert_run({"simulate", "noisy-gd", "--target", "parity:n=4:S=1", "--net", "4", "--steps", "5", "--plot",
                             stem, "--plot-format", fmt});
  CHECK(r.code == 0);
  CHECK(std::filesystem::exists(stem + ".csv"));
  if (fmt != "none") {  // real pictures: the PNG signature and an SVG root element
    const std::string png = read_file(stem + ".png");
    CHECK(png.substr(0, 8) == std::string("\x89PNG\r\n\x1a\n", 8));
    CHECK(read_file(stem + ".svg").find("<svg") != std::string::npos);
  }
}

TEST_CASE("simulate noisy-gd: bad input gets one line and a distinct exit code") {
  auto r = gdcert_run({"simulate", "noisy-gd", "--target", "parity:n=4:S=1", "--act", "gelu"});
  CHECK(r.code == 3);
  CHECK(r.err.find("unknown activation \"gelu\"") != std::string::npos);
  r = gdcert_run({"simulate", "noisy-gd", "--target", "parity:n=4:S=1", "--init", "cauchy"});
  CHECK(r.code == 3);
  CHECK(r.err.find("unknown init law") != std::string::npos);
  r = gdcert_run({"simulate", "noisy-gd", "--target", "parity:n=12:S=1", "--max-population-n", "10"});
  CHECK(r.code == 7);
  CHECK(r.err.find("GFLOP per step") != std::string::npos);
  r = gdcert_run({"simulate", "noisy-gd", "--target", "parity:n=4:S=1", "--act", "quadratic", "--lr", "1000000", "--steps", "50"});
  CHECK(r.code == 4);
  CHECK(r.err.find("diverged at step") != std::string::npos);
  r = gdcert_run({"simulate", "noisy-gd", "--target", "parity:n=4:S=1", "--clip", "0"});
  CHECK(r.code == 3);
  r = gdcert_run({"simulate", "noisy-gd"});
  CHECK(r.code == 2);
}

TEST_CASE("bound --list and bound ID with a parity grid") {
  auto r = gdcert_run({"bound", "--list"});
  CHECK(r.code == 0);
  for (const char* id : {"noisy_gd.abbe_sandon", "noisy_gd.orbit", "noisy_gd.alignment", "noisy_gd.inal_chain"})
    CHECK(r.out.find(id) != std::string::npos);
  CHECK(r.out.find("reconstructed") != std::string::npos);
  CHECK(r.out.find("derived") != std::string::npos);
  CHECK(r.out.find("noisy_gd.model") != std::string::npos);  // the formula table lists every formula
  CHECK(r.out.find("walsh.level_weight") != std::string::npos);
  r = gdcert_run({"bound", "noisy_gd.orbit", "-p", "T=10", "-p", "P=100", "-p", "sigma=1", "-p", "n=8,16", "-p", "k=1,2",
                  "--csv"});
  CHECK(r.code == 0);
  CHECK(r.out.find("8,1,0.125,1/8,") != std::string::npos);  // CSV: n, k, cp (decimal), cp_exact
  CHECK(r.out.find("16,2,0.0083333333333333332,1/120,") != std::string::npos);
  r = gdcert_run({"bound", "noisy_gd.orbit", "-p", "T=10"});
  CHECK(r.code == 3);
  CHECK(r.err.find("requires parameter") != std::string::npos);
  r = gdcert_run({"bound", "noisy_gd.none"});
  CHECK(r.code == 3);
}

TEST_CASE("a weakened bound makes the check fail") {
  // Learning regime (k = 1, small noise): the honest Abbe-Sandon bound holds, the same bound divided by 10^6 fails.
  const std::string path = (std::filesystem::temp_directory_path() / "gdcert_weakened.toml").string();
  const std::string common =
      "spec = \"parity:n=5:S=1\", net = \"8\", steps = \"40\", lr = \"1/5\", clip = \"1\", noise = \"1/100\", runs = \"2\"";
  {
    std::ofstream out(path);
    out << "[[claim]]\nid = \"honest\"\nrelation = \"<=\"\nlhs = { quantity = \"sim.noisy_gd_advantage\", " << common
        << " }\nrhs = { quantity = \"sim.noisy_gd_bound\", " << common << " }\n\n";
    out << "[[claim]]\nid = \"weakened\"\nrelation = \"<=\"\nlhs = { quantity = \"sim.noisy_gd_advantage\", " << common
        << " }\nrhs = { quantity = \"sim.noisy_gd_bound\", scale = \"1/1000000\", " << common << " }\n";
  }
  const auto r = gdcert_run({"check", path});
  CHECK(r.code == 1);
  CHECK(r.out.find("FAIL weakened") != std::string::npos);
  CHECK(r.out.find("FAIL honest") == std::string::npos);
  CHECK(r.out.find("1 passed, 1 failed") != std::string::npos);
  std::remove(path.c_str());
}

TEST_CASE("every sim.bound claim of checks/noisy_gd.toml bites: weakened 100-fold, each one fails") {
  // The claims compare the upper confidence limit of the simulated advantage with an orbit bound below 1/2; with
  // the bound divided by 100 every claim must fail (else it could not fail and checks nothing).
  std::ifstream in(std::string(GDCERT_TEST_DATA) + "/../../checks/noisy_gd.toml");
  REQUIRE(in.good());
  std::stringstream all;
  all << in.rdbuf();
  const std::string text = all.str();
  std::string weakened;
  int claims = 0;
  for (std::size_t at = text.find("[[claim]]"); at != std::string::npos;) {
    const std::size_t next = text.find("[[claim]]", at + 1);
    std::string claim = text.substr(at, next == std::string::npos ? std::string::npos : next - at);
    at = next;
    if (claim.find("id = \"sim.bound.") == std::string::npos) continue;
    const std::size_t rhs = claim.find("rhs = { quantity = \"sim.noisy_gd_bound\", ");
    REQUIRE(rhs != std::string::npos);
    claim.insert(rhs + std::string("rhs = { quantity = \"sim.noisy_gd_bound\", ").size(), "scale = \"1/100\", ");
    weakened += claim;
    ++claims;
  }
  CHECK(claims == 12);
  const std::string path = (std::filesystem::temp_directory_path() / "gdcert_weakened_all.toml").string();
  std::ofstream(path) << weakened;
  const auto r = gdcert_run({"check", path});
  CHECK(r.code == 1);
  CHECK(r.out.find("0 passed, " + std::to_string(claims) + " failed") != std::string::npos);
  // The honest claims pass.
  const auto h = gdcert_run({"check", std::string(GDCERT_TEST_DATA) + "/../../checks/noisy_gd.toml"});
  CHECK(h.code == 0);
  std::remove(path.c_str());
}

TEST_CASE("check skips directories named full unless --full") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / "gdcert_check_full";
  fs::remove_all(dir);
  fs::create_directories(dir / "full");
  {
    std::ofstream(dir / "small.toml") << "[[claim]]\nid = \"small\"\nquantity = \"binomial\"\nn = \"4\"\nk = \"2\"\nexpect = \"6\"\n";
    std::ofstream(dir / "full" / "large.toml")
        << "[[claim]]\nid = \"large\"\nquantity = \"binomial\"\nn = \"4\"\nk = \"2\"\nexpect = \"7\"\n";
  }
  auto r = gdcert_run({"check", dir.string()});
  CHECK(r.code == 0);
  CHECK(r.out.find("1 passed, 0 failed") != std::string::npos);
  r = gdcert_run({"check", "--full", dir.string()});
  CHECK(r.code == 1);
  CHECK(r.out.find("FAIL large") != std::string::npos);
  CHECK(r.out.find("1 passed, 1 failed") != std::string::npos);
  fs::remove_all(dir);
}
