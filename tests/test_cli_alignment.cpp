// CLI tests of the alignment verbs (inal, cp, msp): golden outputs, JSON kinds, error lines and exit codes.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "cli_support.hpp"

using gdcert::testing::check_golden;
using gdcert::testing::gdcert_run;
using gdcert::testing::Run;

TEST_SUITE("cli alignment") {
  TEST_CASE("inal: golden outputs for the exact and Gaussian routes") {
    Run r = gdcert_run({"inal", "majority:n=5", "--init", "rademacher", "--act", "relu", "--normalised"});
    CHECK(r.code == 0);
    check_golden("inal_majority5_rademacher_relu.txt", r.out);
    r = gdcert_run({"inal", "--profile", "--n", "10", "--act", "relu", "--init", "gaussian", "--K", "2", "--prec", "80"});
    CHECK(r.code == 0);
    check_golden("inal_profile_n10_gaussian_relu.txt", r.out);
    r = gdcert_run({"inal", "majority:n=3", "--net", "2,1", "--act", "relu,sign", "--init", "rademacher", "--max", "inside"});
    CHECK(r.code == 0);
    check_golden("inal_majority3_net21.txt", r.out);
  }

  TEST_CASE("inal --json: exact m_k as strings, balls with precision, exact zeros exact") {
    Run r = gdcert_run({"inal", "--profile", "--n", "10", "--act", "sign", "--init", "gaussian", "--json", "--prec", "64"});
    REQUIRE(r.code == 0);
    const auto j = nlohmann::json::parse(r.out);
    const auto& rows = j["tables"][0]["rows"];
    CHECK(rows[0][1]["kind"] == "exact");
    CHECK(rows[0][1]["value"] == "0");
    CHECK(rows[1][1]["kind"] == "ball");
    CHECK(rows[1][1]["prec"].get<long>() >= 64);
    r = gdcert_run({"inal", "majority:n=7", "--init", "rademacher", "--act", "sign", "--json"});
    REQUIRE(r.code == 0);
    const auto k = nlohmann::json::parse(r.out);
    CHECK(k["tables"][0]["rows"][0][1]["kind"] == "exact");
  }

  TEST_CASE("inal: bad input gives one clear line and a distinct exit code") {
    Run r = gdcert_run({"inal", "majority:n=3", "--init", "finite:2@1/3,-1@2/3", "--route", "diagonal"});
    CHECK(r.code == 4);
    CHECK(r.err.find("requires a sign-symmetric weight law") != std::string::npos);
    r = gdcert_run({"inal", "majority:n=3", "--init", "finite:1@1/2,-1@1/3"});
    CHECK(r.code == 3);
    CHECK(r.err == "gdcert: error: init law \"finite:1@1/2,-1@1/3\": requires probabilities summing to 1, got sum = 5/6\n");
    r = gdcert_run({"inal", "majority:n=3", "--act", "softsign", "--init", "rademacher"});
    CHECK(r.code == 3);
    r = gdcert_run({"inal", "majority:n=11", "--net", "3,1", "--init", "rademacher"});
    CHECK(r.code == 7);
    r = gdcert_run({"inal", "majority:n=3", "--init", "gaussian", "--bias", "const:1"});
    CHECK(r.code == 4);
    r = gdcert_run({"inal"});
    CHECK(r.code == 2);
  }

  TEST_CASE("cp: classes, orbit statistics, the certificate warning") {
    Run r = gdcert_run({"cp", "majority:n=5"});
    CHECK(r.code == 0);
    check_golden("cp_majority5.txt", r.out);
    r = gdcert_run({"cp", "--class", "parities:n=100:k=3", "--csv"});
    CHECK(r.code == 0);
    CHECK(r.out.find("1/161700") != std::string::npos);
    r = gdcert_run({"cp", "--level-weights", "0*50,1", "--group", "Bn", "--certificate", "gaussian", "--bias",
                    "gaussian:beta2=1", "--prec", "64", "--json"});
    REQUIRE(r.code == 0);
    const auto j = nlohmann::json::parse(r.out);
    const auto& cert = j["tables"][1];
    CHECK(cert["name"] == "certificate");
    bool vacuous = false;
    for (const auto& row : cert["rows"])
      if (row[0] == "status") vacuous = row[1] == "VACUOUS";
    CHECK(vacuous);
    r = gdcert_run({"cp", "random:n=10:seed=1", "--group", "Sn"});
    CHECK(r.code == 7);
    CHECK(r.err == "gdcert: error: cp_sn: requires n <= 9 (cost n! 2^n), got n = 10\n");
    r = gdcert_run({"cp", "--class", "cliques:n=5"});
    CHECK(r.code == 3);
  }

  TEST_CASE("msp: the theory table's staircase and a non-MSP support") {
    Run r = gdcert_run({"msp", "--support", "1;1,2;2,3,4"});
    CHECK(r.code == 0);
    check_golden("msp_support.txt", r.out);
    r = gdcert_run({"msp", "--support", "1;x"});
    CHECK(r.code == 3);
  }
}
