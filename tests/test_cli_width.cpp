// CLI tests of `gdcert width`: outputs carry formula ids and tags, paper-003 constants say `reconstructed`, JSON
// carries exact values as strings, files round-trip, and hostile inputs get one-line errors with distinct exit codes.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "cli_support.hpp"

using gdcert::testing::gdcert_run;

TEST_SUITE("cli_width") {
  TEST_CASE("width lambda: the 24-cell representatives print 25/96 and 1/12, exactly") {
    const auto r = gdcert_run({"width", "lambda", "--data", "24cell:reps", "--json"});
    REQUIRE(r.code == 0);
    const auto j = nlohmann::json::parse(r.out);
    const std::string s = j.dump();
    CHECK(s.find("\"25/96\"") != std::string::npos);
    CHECK(s.find("\"1/12\"") != std::string::npos);
    CHECK(s.find("width.lambda_min_enclosure") != std::string::npos);
  }

  TEST_CASE("width lambda: all 24 vertices report the zero pivot at 16") {
    const auto r = gdcert_run({"width", "lambda", "--data", "24cell:all"});
    REQUIRE(r.code == 0);
    CHECK(r.out.find("positive semidefinite, singular") != std::string::npos);
    CHECK(r.out.find("first zero pivot (0-based)") != std::string::npos);
  }

  TEST_CASE("width margin: gamma_2^2 = 113/5682 and every chain link holds") {
    const auto r = gdcert_run({"width", "margin", "--data", "24cell:reps", "--labels", "list:+-+-++--+--+", "--csv"});
    REQUIRE(r.code == 0);
    CHECK(r.out.find("113/5682") != std::string::npos);
    CHECK(r.out.find(",no") == std::string::npos);
    CHECK(r.out.find("undecided") == std::string::npos);
  }

  TEST_CASE("width formulas: the table says reconstructed for paper 003 and shows the coupled ratio 1") {
    const auto r = gdcert_run({"width", "formulas", "--data", "24cell:reps", "--labels", "list:+-+-++--+--+"});
    REQUIRE(r.code == 0);
    CHECK(r.out.find("reconstructed") != std::string::npos);
    CHECK(r.out.find("every paper-003 constant") != std::string::npos);
    CHECK(r.out.find("mosw22.hoeffding_width") != std::string::npos);
    CHECK(r.out.find("61917364224000") != std::string::npos);  // 12^6 12^4 10^3, exact
    const auto g = gdcert_run({"width", "formulas", "--n", "100", "--lambda0", "1/10", "--gamma", "1/10"});
    CHECK(g.code == 0);
  }

  TEST_CASE("width gram --finite-width: H(0) at m = 2000 is within 0.2 of H^inf in spectral norm (theory: 0.054 at n = 6)") {
    const auto r = gdcert_run({"width", "gram", "--data", "sphere:n=6:d=5:seed=2", "--finite-width", "2000", "--seed", "3", "--json"});
    REQUIRE(r.code == 0);
    const auto j = nlohmann::json::parse(r.out);
    CHECK(j.dump().find("width.finite_gram") != std::string::npos);
    const auto pos = r.out.find("|H(0) - H^inf|_2 = ");
    REQUIRE(pos != std::string::npos);
    CHECK(std::stod(r.out.substr(pos + 19, 12)) < 0.2);  // |H(0) - H^inf| ~ sqrt(n^2/m): 0.07 at this seed
    const auto odd = gdcert_run({"width", "gram", "--data", "24cell:reps", "--finite-width", "15"});
    CHECK(odd.code == 3);
  }

  TEST_CASE("width data: a generated data set round-trips through a file") {
    const auto dir = std::filesystem::temp_directory_path() / "gdcert_width_cli";
    std::filesystem::create_directories(dir);
    const auto path = (dir / "pts.txt").string();
    {
      std::ofstream f(path);
      f << "# two points\n1/2,1/2,1/2,1/2 | +1\n1 0 0 0 | -1\n";
    }
    const auto r = gdcert_run({"width", "margin", "--data", "file:" + path, "--labels", "file"});
    REQUIRE(r.code == 0);
    CHECK(r.out.find("gamma_2^2") != std::string::npos);
    const auto d = gdcert_run({"width", "data", "--data", "sphere:n=3:d=4:seed=9", "--csv"});
    CHECK(d.code == 0);
    std::filesystem::remove_all(dir);
  }

  TEST_CASE("width: hostile inputs give one-line errors and distinct exit codes") {
    struct Case {
      std::vector<std::string> args;
      int code;
      const char* msg;
    };
    const Case cases[] = {
        {{"width", "lambda", "--data", "cube:n=3"}, 3, "unknown generator"},
        {{"width", "lambda", "--data", "sphere:n=0:d=3"}, 3, "requires 1 <= n"},
        {{"width", "lambda", "--data", "sphere:n=5:d=5000000"}, 3, "requires 2 <= d"},
        {{"width", "lambda", "--data", "points:1,0;0,0"}, 3, "zero vector"},
        {{"width", "lambda", "--data", "points:1,0;1,0,0"}, 3, "dimension"},
        {{"width", "lambda", "--data", "file:/nonexistent/x.txt"}, 3, ""},
        {{"width", "margin", "--data", "24cell:reps"}, 2, "requires labels"},
        {{"width", "margin", "--data", "24cell:reps", "--labels", "list:+-"}, 3, "labels"},
        {{"width", "formulas", "--n", "10", "--lambda0", "0", "--gamma", "1/2"}, 4, "requires > 0"},
        {{"width", "formulas", "--n", "10", "--lambda0", "1/2", "--gamma", "1/2", "--delta", "2"}, 4, "delta"},
        {{"width", "invert", "--n", "10", "--lambda0", "1/2", "--gamma", "1/2", "--m", "100", "--for", "x"}, 3, "--for"},
        {{"width", "invert", "--n", "10", "--lambda0", "1/2", "--gamma", "1/2", "--m", "100", "--formula", "nope"}, 3, "unknown id"},
        {{"width", "lambda", "--data", "24cell:reps", "--method", "magic"}, 3, "enclosure method"},
        {{"width", "lambda", "--data", "sphere:n=5000:d=3"}, 3, "requires 1 <= n"},
        {{"width", "margin", "--data", "droots:k=30", "--labels", "alt"}, 7, "requires n <= 400"},
    };
    for (const auto& c : cases) {
      std::string line;
      for (const auto& a : c.args) line += a + " ";
      CAPTURE(line);
      const auto r = gdcert_run(c.args);
      CHECK(r.code == c.code);
      CHECK(r.err.find(c.msg) != std::string::npos);
      CHECK(std::count(r.err.begin(), r.err.end(), '\n') <= 1);
    }
  }
}
