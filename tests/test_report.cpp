// Tests of src/report/plot: the CSV and script beside every picture, pictures through gnuplot, input errors.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <unistd.h>

#include "exact/errors.hpp"
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

}  // namespace

TEST_SUITE("report") {
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
    CHECK(gp.find("with yerrorbars") != std::string::npos);
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

  TEST_CASE("all_formulas: unique ids, a source each, every derived one linked to an existing proofs/ heading") {
    const fs::path proofs = fs::path(GDCERT_TEST_DATA) / ".." / ".." / "proofs";
    std::set<std::string> ids;
    for (const Formula& f : all_formulas()) {
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
