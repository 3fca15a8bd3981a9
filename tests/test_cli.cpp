// Tests of src/cli: exit codes, error lines, JSON provenance, golden outputs, the check runner, atomic --out.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <algorithm>
#include <unistd.h>

#include "cli/app.hpp"

namespace {

struct Run {
  int code;
  std::string out, err;
};

Run gdcert_run(std::vector<std::string> args) {
  args.insert(args.begin(), "gdcert");
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  std::ostringstream out, err;
  const int code = gdcert::cli::run(static_cast<int>(argv.size()), argv.data(), out, err);
  return {code, out.str(), err.str()};
}

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Golden files in tests/golden; GDCERT_UPDATE_GOLDEN=1 rewrites them.
void check_golden(const std::string& name, const std::string& got) {
  const std::string path = std::string(GDCERT_GOLDEN_DIR) + "/" + name;
  if (std::getenv("GDCERT_UPDATE_GOLDEN")) {
    std::ofstream(path) << got;
    return;
  }
  CAPTURE(name);
  CHECK(got == read_file(path));
}

}  // namespace

TEST_SUITE("cli") {
  TEST_CASE("walsh: golden text and CSV/Markdown/LaTeX outputs") {
    Run r = gdcert_run({"walsh", "majority:n=5", "--coeffs", "--levels", "--influences", "--stability", "1/3", "--degree"});
    CHECK(r.code == 0);
    check_golden("walsh_majority5.txt", r.out);
    r = gdcert_run({"walsh", "staircase:n=3", "--coeffs", "--csv"});
    CHECK(r.code == 0);
    check_golden("walsh_staircase3.csv", r.out);
    r = gdcert_run({"walsh", "majority:n=3", "--md"});
    check_golden("walsh_majority3.md", r.out);
    r = gdcert_run({"walsh", "majority:n=3", "--latex"});
    const std::string tex = r.out.substr(r.out.find('\n') + 1);  // the first line names the revision
    check_golden("walsh_majority3.tex", tex);
  }

  TEST_CASE("walsh --json: exact values as strings, with provenance") {
    const Run r = gdcert_run({"walsh", "majority:n=9", "--levels", "--json", "--seed", "5"});
    REQUIRE(r.code == 0);
    const auto j = nlohmann::json::parse(r.out);
    CHECK(j["schema_version"] == 1);
    CHECK(j["command"] == "walsh");
    CHECK(j["seed"] == 5);
    CHECK(j["parameters"]["spec"] == "majority:n=9:sign0=+1");
    for (const char* lib : {"gmp", "mpfr", "flint", "boost"}) CHECK(j["versions"].contains(lib));
    CHECK(j.contains("revision"));
    CHECK(j.contains("time"));
    CHECK(j["command_line"].get<std::string>().find("majority:n=9") != std::string::npos);
    const auto& t = j["tables"][1];
    CHECK(t["name"] == "level_weights");
    const char* want[] = {"0", "11025/16384", "0", "525/4096", "0", "567/8192", "0", "225/4096", "0", "1225/16384"};
    for (int k = 0; k <= 9; ++k) {
      CAPTURE(k);
      CHECK(t["rows"][k][1]["kind"] == "exact");
      CHECK(t["rows"][k][1]["value"] == want[k]);
    }
    CHECK(j["formulas"][0]["id"] == "walsh.level_weight");
    CHECK(j["formulas"][0]["tag"] == "paper");
  }

  TEST_CASE("walsh --coeff: one coefficient without a transform") {
    const Run r = gdcert_run({"walsh", "majority:n=21", "--coeff", "1,2,3", "--csv"});
    CHECK(r.code == 0);
    // Maj_21, |S| = 3 by the closed form: -C(10,1) C(20,10) / (C(20,2) 2^20) = -2431/262144
    CHECK(r.out == "s,fhat_s,fhat_s_exact,fhat_s_display\n\"{1,2,3}\",-0.009273529052734375,-2431/262144,-2431/262144\n");
  }

  TEST_CASE("run: distinct exit codes and one clear error line") {
    Run r = gdcert_run({"walsh", "foo:n=3"});
    CHECK(r.code == 3);
    CHECK(r.err == "gdcert: error: spec: unknown family \"foo\" (known: parity, majority, staircase, threshold, random, anf, poly, table, file)\n");
    r = gdcert_run({"walsh", "parity:n=3:S=4"});
    CHECK(r.code == 3);
    CHECK(r.err == "gdcert: error: spec parity: requires indices in [1, n] = [1, 3], got 4\n");
    r = gdcert_run({"walsh", "majority:n=3", "--stability", "2"});
    CHECK(r.code == 4);
    CHECK(r.err == "gdcert: error: walsh --stability: requires -1 <= rho <= 1, got rho = 2\n");
    r = gdcert_run({"walsh", "majority:n=3", "--nonsense"});
    CHECK(r.code == 2);
    r = gdcert_run({"walsh"});
    CHECK(r.code == 2);
    r = gdcert_run({"walsh", "majority:n=3", "--json", "--csv"});
    CHECK(r.code == 2);
    setenv("GDCERT_MAX_MEMORY", "16M", 1);
    r = gdcert_run({"walsh", "random:n=30"});
    unsetenv("GDCERT_MAX_MEMORY");
    CHECK(r.code == 7);
    CHECK(r.err.find("requires 128.00 MiB of memory, only 16.00 MiB available") != std::string::npos);
    r = gdcert_run({"--version"});
    CHECK(r.code == 0);
    CHECK(r.out.find("flint") != std::string::npos);
  }

  TEST_CASE("emit: --out writes atomically and leaves no partial file on failure") {
    namespace fs = std::filesystem;
    const std::string dir = "cli_out_test";
    fs::remove_all(dir);
    Run r = gdcert_run({"walsh", "majority:n=3", "--json", "--out", dir + "/m3.json"});
    CHECK(r.code == 0);
    CHECK(nlohmann::json::parse(read_file(dir + "/m3.json"))["command"] == "walsh");
    r = gdcert_run({"walsh", "parity:n=3:S=9", "--json", "--out", dir + "/bad.json"});
    CHECK(r.code == 3);
    CHECK(!fs::exists(dir + "/bad.json"));
    CHECK(!fs::exists(dir + "/bad.json.tmp"));
    fs::remove_all(dir);
  }

  TEST_CASE("help: every verb and subcommand ends its --help with examples, and the quick ones run") {
    // the subcommands, from the help texts themselves
    auto subcommands = [](const std::vector<std::string>& path) {
      std::vector<std::string> argv = path;
      argv.push_back("--help");
      const Run r = gdcert_run(argv);
      std::vector<std::string> names;
      const std::size_t at = r.out.find("Subcommands:\n");
      if (at == std::string::npos) return names;
      std::istringstream lines(r.out.substr(at + 13));
      std::string line;
      while (std::getline(lines, line) && !line.empty() && line.rfind("  ", 0) == 0) {
        std::istringstream w(line);
        std::string name;
        w >> name;
        names.push_back(name);
      }
      return names;
    };
    std::vector<std::vector<std::string>> paths;
    for (const std::string& v : subcommands({})) {
      paths.push_back({v});
      for (const std::string& sub : subcommands({v})) paths.push_back({v, sub});
    }
    CHECK(paths.size() >= 25);
    const auto& examples = gdcert::cli::verb_examples();
    for (const auto& p : paths) {
      std::string key;
      for (const auto& w : p) key += (key.empty() ? "" : " ") + w;
      std::vector<std::string> argv = p;
      argv.push_back("--help");
      const Run r = gdcert_run(argv);
      CHECK_MESSAGE(r.out.find("\nExamples:\n  gdcert ") != std::string::npos, key << " --help has no example");
      CHECK_MESSAGE(std::any_of(examples.begin(), examples.end(), [&](const auto& e) { return e.first == key; }), key);
    }
    // run the quick examples in a scratch folder, in order (landscape certify reads what generate wrote)
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() / ("gdcert_examples_" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const fs::path here = fs::current_path();
    fs::current_path(dir);
    std::size_t ran = 0;
    for (const auto& [key, list] : examples)
      for (const auto& e : list) {
        if (!e.runs_in_tests) continue;
        std::vector<std::string> argv;
        std::istringstream words(e.command);
        for (std::string w; words >> w;) argv.push_back(w);
        const Run r = gdcert_run(argv);
        CHECK_MESSAGE(r.code == 0, "gdcert " << e.command << ": " << r.err);
        ++ran;
      }
    fs::current_path(here);
    fs::remove_all(dir);
    CHECK(ran >= 25);
  }

  TEST_CASE("check: without DIR runs the project's own claims, from any folder, and a missing DIR names them") {
    const Run r = gdcert_run({"check", "--filter", "walsh."});
    CHECK(r.code == 0);
    CHECK(r.out.find(" passed, 0 failed") != std::string::npos);
    CHECK(std::stoi(r.out.substr(r.out.rfind('\n', r.out.size() - 2) + 1)) > 10);  // "N passed, 0 failed"
    const Run m = gdcert_run({"check", "no/such/checks/"});
    CHECK(m.code == 3);
    CHECK(m.err.find("gdcert check with no DIR runs ") != std::string::npos);
  }

  TEST_CASE("check: counts passes and failures, and a failing claim makes the exit code 1") {
    namespace fs = std::filesystem;
    const std::string dir = "cli_check_test";
    fs::remove_all(dir);
    fs::create_directories(dir);
    std::ofstream(dir + "/a.toml") << R"([[claim]]
id = "maj3.levels"
formula = "walsh.level_weight"
quantity = "walsh.level_weights"
spec = "majority:n=3"
expect = ["0", "3/4", "0", "1/4"]

[[claim]]
id = "maj3.levels.wrong"
quantity = "walsh.level_weights"
spec = "majority:n=3"
expect = ["0", "3/4", "0", "1/5"]

[[claim]]
id = "parseval"
relation = "=="
lhs = { quantity = "walsh.level_weights", spec = "random:n=8:seed=2", reduce = "sum" }
rhs = "1"

[[claim]]
id = "bad.spec.is.an.input.error"
quantity = "walsh.degree"
spec = "parity:n=2:S=3"
expect_error = "input"
message = "requires indices in [1, n]"

[[claim]]
id = "approx"
quantity = "walsh.noise_stability"
spec = "majority:n=3"
rho = "1/3"
approx = "0.2593"
)";
    Run r = gdcert_run({"check", dir});
    CHECK(r.code == 1);
    CHECK(r.out.find("FAIL maj3.levels.wrong") != std::string::npos);
    CHECK(r.out.find("4 passed, 1 failed\n") != std::string::npos);
    std::ofstream(dir + "/b.toml") << "[[claim]\nid = ";
    r = gdcert_run({"check", dir});
    CHECK(r.code == 3);
    CHECK(r.err.find("b.toml:1") != std::string::npos);
    fs::remove(dir + "/b.toml");
    std::ofstream(dir + "/c.toml") << "[[claim]]\nid = \"x\"\nquantity = \"walsh.degree\"\nspec = \"majority:n=3\"\nformula = \"no.such.formula\"\nexpect = \"3\"\n";
    r = gdcert_run({"check", dir});
    CHECK(r.code == 3);
    CHECK(r.err.find("unknown formula id \"no.such.formula\"") != std::string::npos);
    r = gdcert_run({"check", "no_such_dir"});
    CHECK(r.code == 3);
    fs::remove_all(dir);
  }

  TEST_CASE("report: writes the zoo tables and an index") {
    namespace fs = std::filesystem;
    const std::string dir = "cli_report_test";
    fs::remove_all(dir);
    const Run r = gdcert_run({"report", "--out-dir", dir});
    CHECK(r.code == 0);
    CHECK(fs::exists(dir + "/index.md"));
    CHECK(fs::exists(dir + "/index.html"));
    const auto j = nlohmann::json::parse(read_file(dir + "/walsh/majority_n5.json"));
    CHECK(j["tables"][1]["rows"][5][1]["value"] == "9/64");
    CHECK(fs::exists(dir + "/walsh/majority_n5.tex"));
    fs::remove_all(dir);
  }
}
