// Hostile command lines: every one is refused with the right exit code and exactly one line on stderr.
#include <doctest/doctest.h>

#include <sys/stat.h>
#include <sys/wait.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli_support.hpp"

using gdcert::testing::gdcert_run;
using gdcert::testing::Run;

namespace {

struct Hostile {
  std::vector<std::string> args;
  int code;
  std::string message;  // "" = any; else the whole stderr
};

std::string joined(const std::vector<std::string>& a) {
  std::string s;
  for (const auto& x : a) s += (s.empty() ? "" : " ") + x;
  return s;
}

}  // namespace

TEST_CASE("hostile invocations: refused, one line, never an internal error") {
  const std::string nd = "parity:n=3:S=1";
  const std::vector<Hostile> table = {
      // negative values of unsigned options, across verbs
      {{"simulate", "noisy-gd", "--target", nd, "--steps", "-1"}, 3,
       "gdcert: error: --steps: requires a non-negative integer, got -1\n"},
      {{"simulate", "noisy-gd", "--target", nd, "--inal-mc", "-1"}, 3,
       "gdcert: error: --inal-mc: requires a non-negative integer, got -1\n"},
      {{"simulate", "noisy-gd", "--target", nd, "--eval-samples", "-1"}, 3,
       "gdcert: error: --eval-samples: requires a non-negative integer, got -1\n"},
      {{"simulate", "noisy-gd", "--target", nd, "--batch", "-5"}, 3,
       "gdcert: error: --batch: requires a non-negative integer, got -5\n"},
      {{"simulate", "depth-separation", "--n-train", "-1"}, 3,
       "gdcert: error: --n-train: requires a non-negative integer, got -1\n"},
      {{"simulate", "depth-separation", "--n-test", "-2"}, 3,
       "gdcert: error: --n-test: requires a non-negative integer, got -2\n"},
      {{"walsh", "majority:n=3", "--seed", "-1"}, 3, "gdcert: error: --seed: requires a non-negative integer, got -1\n"},
      {{"walsh", "majority:n=3", "--threads", "-1"}, 3,
       "gdcert: error: --threads: requires a non-negative integer, got -1\n"},
      {{"inal", "--profile", "--n", "-1"}, 3, "gdcert: error: --n: requires a non-negative integer, got -1\n"},
      {{"cp", "--group", "On", "--n", "-3", "--weights", "1"}, 3,
       "gdcert: error: --n: requires a non-negative integer, got -3\n"},
      {{"report", "--threads", "-1"}, 3, "gdcert: error: --threads: requires a non-negative integer, got -1\n"},
      // values beyond the type's range: 64-bit and 32-bit options
      {{"walsh", "majority:n=3", "--seed", "99999999999999999999999"}, 3,
       "gdcert: error: --seed: requires a non-negative integer at most 18446744073709551615, got "
       "99999999999999999999999\n"},
      {{"simulate", "noisy-gd", "--target", nd, "--steps", "18446744073709551616"}, 3, ""},
      {{"walsh", "majority:n=3", "--threads", "5000000000"}, 3,
       "gdcert: error: --threads: requires a non-negative integer within the range of the option, got 5000000000\n"},
      {{"simulate", "noisy-gd", "--target", nd, "--max-population-n", "4294967296"}, 3, ""},
      // ranged integer options: a value outside the range is an input error like one beyond the type (CLI::Range
      // made it a usage error, exit 2)
      {{"walsh", "majority:n=3", "--latex", "--latex-digits", "5000000000"}, 3,
       "gdcert: error: --latex-digits: requires an integer from 1 to 1000, got 5000000000\n"},
      {{"walsh", "majority:n=3", "--latex", "--latex-digits", "-5000000000"}, 3, ""},
      {{"walsh", "majority:n=3", "--latex", "--latex-digits", "0"}, 3, ""},
      {{"walsh", "majority:n=3", "--latex", "--unc-digits", "10"}, 3,
       "gdcert: error: --latex-unc-digits: requires an integer from 1 to 9, got 10\n"},
      {{"kernel", "relu", "--rho", "1/2", "--series", "20001"}, 3,
       "gdcert: error: --series: requires an integer from 0 to 20000, got 20001\n"},
      // integers are decimal: a leading zero would be read as octal by CLI11 (010 = 8), "" as 0, 0x10 as 16;
      // signed options refuse what does not fit in 64 bits instead of saturating
      {{"walsh", "random:n=3", "--seed", "010"}, 2,
       "gdcert: error: --seed: requires a non-negative integer without leading zeros (decimal; CLI11 would read octal), "
       "got 010\n"},
      {{"deep-kernel", "relu", "--depth", "010", "--q1", "1", "--q2", "1", "--c", "1/2"}, 2, ""},
      {{"walsh", "majority:n=3", "--prec", "0200"}, 2, ""},
      {{"walsh", "majority:n=3", "--latex", "--latex-digits", "010"}, 2, ""},
      {{"walsh", "majority:n=3", "--threads", "0x10"}, 2, ""},
      {{"landscape", "theorem25", "--tau", ""}, 2, "gdcert: error: --tau: requires an integer in decimal digits, got \"\"\n"},
      {{"width", "formulas", "--labels", "alt", "--n", "99999999999999999999999"}, 3,
       "gdcert: error: --n: requires an integer from -9223372036854775808 to 9223372036854775807, got "
       "99999999999999999999999\n"},
      {{"landscape", "rank", "--d", "-9223372036854775809"}, 3, ""},
      {{"landscape", "theorem22", "--d", "18446744073709551616"}, 3, ""},
      // simulate width: step sizes finite and positive, the loss target finite and >= 0 (NaN printed garbage, exit 0)
      {{"simulate", "width", "--widths", "4", "--steps", "5", "--lr-square", "nan"}, 3,
       "gdcert: error: simulate width --lr-square: requires a finite number > 0, got nan\n"},
      {{"simulate", "width", "--widths", "4", "--steps", "5", "--lr-logistic", "-1"}, 3, ""},
      {{"simulate", "width", "--widths", "4", "--steps", "5", "--target", "nan"}, 3, ""},
      // bound -p: an empty value or list entry is malformed (it was taken as the parameter's default, exit 0)
      {{"bound", "ds.accuracy_floor", "-p", "d=10", "-p", "kappa=1,,2"}, 2,
       "gdcert: error: bound --param kappa: requires no empty entry in the list, got \"1,,2\"\n"},
      {{"bound", "ds.accuracy_floor", "-p", "d=10", "-p", "kappa="}, 2, ""},
      // options are checked in every mode, also where the mode does not use them (a typo was silently ignored)
      {{"width", "invert", "--m", "100000", "--lambda0", "1/12", "--gamma", "1/10", "--n", "12", "--method", "bogus"}, 3,
       "gdcert: error: enclosure method: requires auto, cholesky or residual, got \"bogus\"\n"},
      {{"simulate", "noisy-gd", "--target", nd, "--steps", "1", "--plot-format", "gif"}, 3, ""},
      // empty entries of an inline S-box value list are malformed, not skipped
      {{"sbox", "sbox:0,1,2,3,"}, 3, "gdcert: error: sbox spec: requires no empty entry in the list of values, got \"0,1,2,3,\"\n"},
      {{"sbox", "sbox:0,,1,2,3"}, 3, ""},
      // msp lists the support only for n <= 24: refused before the 2^30 table is built (it took 14 s and 4 GiB first)
      {{"msp", "majority:n=30"}, 7, "gdcert: error: msp: requires n <= 24 to list the support, got n = 30\n"},
      {{"msp", "parity:n=28:S=1,2"}, 7, ""},
      // kernel --digits below 1 is malformed input, not a precision failure
      {{"kernel", "relu", "--rho", "1/2", "--digits", "-1"}, 3, "gdcert: error: --digits: requires a positive integer, got -1\n"},
      {{"kernel", "relu", "--rho", "1/2", "--digits", "0"}, 3, ""},
      // user text with control characters is echoed escaped, on one line
      {{"walsh", "parity:n=3\nS=1"}, 3, ""},
      {{"walsh", "foo\r\t:n=3"}, 3, ""},
      {{"simulate", "noisy-gd", "--target", "parity:n=3\nS=1"}, 3, ""},
      // usage errors: one line, with the hint folded in
      {{"walsh", "majority:n=3", "--nonsense"}, 2,
       "gdcert: usage error: The following argument was not expected: --nonsense (unknown option --nonsense; run gdcert walsh --help)\n"},
      {{"walsh", "majority:n=3", "--threads", "abc"}, 2, ""},
      {{"walsh"}, 2, ""},
      {{"no-such-verb"}, 2, ""},
      // usage errors name the verb's help and the closest existing verb or option
      {{"wals", "majority:n=3"}, 2,
       "gdcert: usage error: A subcommand is required (unknown verb \"wals\"; did you mean \"walsh\"?; run gdcert --help)\n"},
      {{"walsh", "majority:n=3", "--influence"}, 2,
       "gdcert: usage error: The following argument was not expected: --influence (unknown option --influence; did you mean "
       "--influences?; run gdcert walsh --help)\n"},
      {{"width", "lamda"}, 2,
       "gdcert: usage error: A subcommand is required (unknown subcommand \"lamda\"; did you mean \"lambda\"?; run gdcert width "
       "--help)\n"},
      {{"walsh", "majority:n=3", "--json", "--csv"}, 2, ""},
      // files that are not regular files, or too large, are refused before a byte is read
      {{"walsh", "file:/dev/zero"}, 3,
       "gdcert: error: spec file: \"/dev/zero\" is not a regular file (a device, FIFO or socket is not read)\n"},
      {{"walsh", "file:/dev/urandom", "--levels"}, 3, ""},
      {{"walsh", "file:/"}, 3, "gdcert: error: spec file: \"/\" is a directory, not a file\n"},
      {{"sweep", "/dev/zero", "--out", "/tmp/gdcert_hostile_never_written.jsonl"}, 3,
       "gdcert: error: sweep: manifest: \"/dev/zero\" is not a regular file (a device, FIFO or socket is not read)\n"},
      {{"merge", "/tmp/gdcert_hostile_never_written.jsonl", "/dev/zero"}, 3, ""},
      // the simulator's MPFR digits are bounded (GMP would abort on allocation failure)
      {{"simulate", "noisy-gd", "--target", nd, "--scalar", "mpfr", "--digits", "0", "--steps", "1"}, 3, ""},
      {{"simulate", "noisy-gd", "--target", nd, "--scalar", "mpfr", "--digits", "1000000", "--steps", "1"}, 3,
       "gdcert: error: simulate --digits: requires 1 <= digits <= 10000 (the MPFR scalar's decimal digits), got 1000000\n"},
      // precision out of range
      {{"walsh", "majority:n=3", "--prec", "8"}, 3, ""},
      {{"kernel", "relu", "--rho", "1/2", "--prec", "-1"}, 3, ""},
  };
  CHECK(table.size() >= 15);
  for (const auto& h : table) {
    CAPTURE(joined(h.args));
    const Run r = gdcert_run(h.args);
    CAPTURE(r.err);
    CHECK(r.code == h.code);
    CHECK(r.code != 70);
    CHECK(r.err.rfind("gdcert: ", 0) == 0);
    REQUIRE(!r.err.empty());
    CHECK(r.err.back() == '\n');
    CHECK(r.err.find('\n') == r.err.size() - 1);
    CHECK(r.err.find('\r') == std::string::npos);
    CHECK(r.err.find('\t') == std::string::npos);
    if (!h.message.empty()) CHECK(r.err == h.message);
  }
}

TEST_CASE("hostile invocations: Unicode bidirectional controls in echoed input are escaped") {
  // U+202E (right-to-left override) and U+2066 (left-to-right isolate) would reorder the terminal's rendering of
  // the error line; U+00F1 (an ordinary letter) stays as it is
  for (const auto& [arg, shown] : std::vector<std::pair<std::string, std::string>>{
           {"\xE2\x80\xAEmajority:n=3", "\\u202e"}, {"ma\xE2\x81\xA6jority:n=3", "\\u2066"}}) {
    const Run r = gdcert_run({"walsh", arg});
    CHECK(r.code != 0);
    CHECK(r.err.find(shown) != std::string::npos);
    CHECK(r.err.find("\xE2\x80\xAE") == std::string::npos);
    CHECK(r.err.find("\xE2\x81\xA6") == std::string::npos);
  }
  const Run k = gdcert_run({"kernel", "relu", "--rho", "\xE2\x80\xAE" "1/2"});
  CHECK(k.code != 0);
  CHECK(k.err.find("\\u202e") != std::string::npos);
  const Run n = gdcert_run({"walsh", "ma\xC3\xB1ority:n=3"});
  CHECK(n.err.find("ma\xC3\xB1ority") != std::string::npos);
}

TEST_CASE("hostile invocations: a newline in a spec is refused, named as \\n, on one line") {
  const Run r = gdcert_run({"walsh", "parity:n=3\nS=1"});
  CHECK(r.code == 3);
  CHECK(r.err.find("control character 0x0a (\\n) at offset 10") != std::string::npos);
  CHECK(r.err.find('\n') == r.err.size() - 1);
}

TEST_CASE("gdcert check refuses claim files that could not fail: no claims, unknown parameters, wide == balls, NaN within") {
  namespace fs = std::filesystem;
  const fs::path d = fs::temp_directory_path() / ("gdcert_check_hostile_" + std::to_string(::getpid()));
  fs::remove_all(d);
  fs::create_directories(d / "empty");
  auto claims = [&](const std::string& name, const std::string& text) {
    const fs::path p = d / name;
    std::ofstream(p, std::ios::binary) << text;
    return p.string();
  };
  auto one_line = [](const Run& r) {
    return !r.err.empty() && r.err.back() == '\n' && r.err.find('\n') == r.err.size() - 1;
  };
  const std::string ok = "[[claim]]\nid = \"w\"\nquantity = \"binomial\"\nn = \"5\"\nk = \"2\"\nexpect = \"10\"\n";
  struct Case {
    std::string file, text;
    int code;
    std::string needle;
  };
  const std::vector<Case> cases = {
      {"", "", 3, "no claims ran"},  // an empty directory
      {"none.toml", "# nothing here\n", 3, "has no [[claim]] tables"},
      {"string.toml", "claim = \"x\"\n", 3, "has no [[claim]] tables"},
      {"toplevel.toml", "foo = 1\n" + ok, 3, "unknown top-level key \"foo\""},
      {"param.toml", ok + "foo = 1\n", 3, "unknown parameter \"foo\""},
      {"reduce.toml",
       "[[claim]]\nid = \"r\"\nrelation = \"==\"\nreduce = \"sum\"\nlhs = { quantity = \"binomial\", n = \"5\", k = \"2\" }\n"
       "rhs = [\"10\"]\n",
       3, "reduce belongs inside lhs or rhs"},
      // claim-level keys of a relation claim are not parameters of anything: refused, not ignored
      {"relkey.toml",
       "[[claim]]\nid = \"k\"\nrelation = \"==\"\nfoo = 1\nlhs = { quantity = \"binomial\", n = \"5\", k = \"2\" }\n"
       "rhs = \"10\"\n",
       3, "unknown key \"foo\" in a relation claim"},
      {"lhsparam.toml",
       "[[claim]]\nid = \"l\"\nrelation = \"==\"\nlhs = { quantity = \"binomial\", n = \"5\", k = \"2\", j = \"1\" }\n"
       "rhs = \"10\"\n",
       3, "unknown parameter \"j\" of quantity binomial"},
      {"twoassert.toml", ok + "approx = \"10\"\n", 3, "requires exactly one of expect"},
      {"msg.toml", ok + "message = \"x\"\n", 3, "message belongs to expect_error claims"},
      {"badexpect.toml", "[[claim]]\nid = \"b\"\nquantity = \"binomial\"\nn = \"5\"\nk = \"2\"\nexpect = \"1/0\"\n", 3,
       "expect"},
      // a negative radius is malformed (Arb would read [m +/- -r] as radius r: this claim passed)
      {"negrad.toml",
       "[[claim]]\nid = \"n\"\nquantity = \"kernel.second_moment\"\nact = \"relu\"\nrho = \"1/2\"\nwithin = \"[1 +/- -1]\"\n",
       3, "requires a radius >= 0"},
      // a parameter out of its range names the file, the claim and the value given (it said "got 15", nameless)
      {"prec.toml",
       "[[claim]]\nid = \"p\"\nquantity = \"kernel.second_moment\"\nact = \"relu\"\nrho = \"1/2\"\nprec = 1\n"
       "approx = \"0.3\"\n",
       3, "prec.toml: claim 1 (p): prec: requires 16 <= prec <= 65536 (bits), got 1"},
      // a decimal exponent that would make 10^exp enormous is refused before any arithmetic
      {"bigexp.toml", "[[claim]]\nid = \"x\"\nquantity = \"binomial\"\nn = \"5\"\nk = \"2\"\napprox = \"1e999999999999\"\n", 3,
       "decimal exponent within +-100000"},
      // a TOML float where a string or integer parameter belongs is refused, whatever its size (1e99 once reached an
      // unchecked float -> int64 cast inside toml++: undefined behaviour, found by the claims_validate fuzzer)
      {"float.toml", "[[claim]]\nid = \"f\"\nquantity = \"binomial\"\nn = 1e99\nk = \"2\"\nexpect = \"1\"\n", 3,
       "requires a string or an integer"},
      {"float5.toml", "[[claim]]\nid = \"g\"\nquantity = \"binomial\"\nn = 5.0\nk = \"2\"\nexpect = \"10\"\n", 3,
       "requires a string or an integer"},
      {"floatbits.toml",
       "[[claim]]\nid = \"h\"\nrelation = \"==\"\neq_accuracy_bits = 1e99\nlhs = { quantity = \"binomial\", n = \"5\", k = \"2\" }\n"
       "rhs = \"10\"\n",
       3, "eq_accuracy_bits requires an integer in 1..1000000"},
      // a malformed claim in a later file is refused before any claim runs (the first file's claim would fail)
      {"nan.toml", "[[claim]]\nid = \"n\"\nquantity = \"radial.R_d\"\nd = \"2\"\nwithin = \"[nan +/- inf]\"\n", 3,
       "requires a finite ball"},
      // == between a 16-bit ball and a value it contains is undecided, not a pass ...
      {"wide.toml",
       "[[claim]]\nid = \"e\"\nrelation = \"==\"\nlhs = { quantity = \"radial.R_d\", d = \"2\", prec = \"16\" }\n"
       "rhs = { quantity = \"radial.R_d\", d = \"2\", prec = \"200\" }\n",
       1, "== on balls needs both narrower than 2^-40"},
      // ... unless the claim says how narrow is enough
      {"wide_ok.toml",
       "[[claim]]\nid = \"e2\"\nrelation = \"==\"\neq_accuracy_bits = 10\nlhs = { quantity = \"radial.R_d\", d = \"2\", prec = \"16\" }\n"
       "rhs = { quantity = \"radial.R_d\", d = \"2\", prec = \"200\" }\n",
       0, "1 passed, 0 failed"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.file);
    const std::string path = c.file.empty() ? (d / "empty").string() : claims(c.file, c.text);
    const Run r = gdcert_run({"check", path});
    CHECK(r.code == c.code);
    CHECK((r.out + r.err).find(c.needle) != std::string::npos);
    if (c.code >= 2) CHECK(one_line(r));
  }
  // every file is validated before anything is evaluated: a failing claim beside a malformed one is not run
  fs::create_directories(d / "mixed");
  std::ofstream(d / "mixed" / "a.toml") << "[[claim]]\nid = \"wrong\"\nquantity = \"binomial\"\nn = \"5\"\nk = \"2\"\nexpect = \"11\"\n";
  std::ofstream(d / "mixed" / "b.toml") << "[[claim]]\nid = \"bad\"\nquantity = \"no.such\"\nexpect = \"1\"\n";
  const Run mixed = gdcert_run({"check", (d / "mixed").string()});
  CHECK(mixed.code == 3);
  CHECK(mixed.out.empty());
  CHECK(mixed.err.find("unknown quantity \"no.such\"") != std::string::npos);
  // --validate checks the structure of every claim without evaluating any
  const Run val = gdcert_run({"check", "--validate", claims("val.toml", ok)});
  CHECK(val.code == 0);
  CHECK(val.out == "1 claims valid in 1 files (not evaluated)\n");
  std::filesystem::remove(d / "mixed" / "b.toml");
  const Run val2 = gdcert_run({"check", "--validate", (d / "mixed").string()});
  CHECK(val2.code == 0);  // the wrong value is not found: nothing is evaluated
  CHECK(gdcert_run({"check", (d / "mixed").string()}).code == 1);
  // -v prints the values each claim compared
  const Run v = gdcert_run({"check", claims("ok.toml", ok), "-v"});
  CHECK(v.code == 0);
  CHECK(v.out.find("PASS w: 10 vs expect 10") != std::string::npos);
  // --json: one document with every claim's verdict and the values compared
  const Run j = gdcert_run({"check", (d / "wide.toml").string(), "--json"});
  CHECK(j.code == 1);
  const auto doc = nlohmann::json::parse(j.out);
  CHECK(doc["passed"] == 0);
  CHECK(doc["failed"] == 1);
  CHECK(doc["claims"][0]["id"] == "e");
  CHECK(doc["claims"][0]["verdict"] == "fail");
  CHECK(doc["claims"][0]["detail"].get<std::string>().find("undecided") != std::string::npos);
  // a special file is neither a claims directory nor a claims file
  const Run n = gdcert_run({"check", "/dev/null"});
  CHECK(n.code == 3);
  CHECK(n.err == "gdcert: error: check: \"/dev/null\" is neither a directory nor a regular .toml file\n");
  fs::remove_all(d);
}

TEST_CASE("--out never replaces a device node or FIFO, refuses directories, '-' is standard output, leaves no temporary") {
  namespace fs = std::filesystem;
  const fs::path d = fs::temp_directory_path() / ("gdcert_out_hostile_" + std::to_string(::getpid()));
  fs::remove_all(d);
  fs::create_directories(d);
  // a character device: a private copy of /dev/null (1, 3) made in the scratch folder, never the real node
  const fs::path node = d / "nullnode";
  if (::mknod(node.c_str(), S_IFCHR | 0666, makedev(1, 3)) == 0) {
    const Run r = gdcert_run({"walsh", "majority:n=5", "--json", "--out", node.string()});
    CHECK(r.code == 0);
    struct stat st {};
    REQUIRE(::stat(node.c_str(), &st) == 0);
    CHECK(S_ISCHR(st.st_mode));  // still the device, not a regular file
  } else {
    MESSAGE("mknod needs root: the device-node case is skipped");
  }
  // a FIFO with no reader is refused at once (no hang), and stays a FIFO
  const fs::path fifo = d / "fifo";
  REQUIRE(::mkfifo(fifo.c_str(), 0644) == 0);
  const Run f = gdcert_run({"walsh", "majority:n=5", "--json", "--out", fifo.string()});
  CHECK(f.code == 3);
  CHECK(f.err.find("is a FIFO with no reader") != std::string::npos);
  CHECK(fs::is_fifo(fifo));
  // sweep records go to regular files only: a device node or a directory is refused with what it is
  if (fs::exists(node)) {
    const Run s = gdcert_run({"sweep", std::string(GDCERT_TEST_DATA) + "/sweep/walsh_grid.toml", "--out", node.string()});
    CHECK(s.code == 3);
    CHECK(s.err.find("is not a regular file") != std::string::npos);
  }
  // ... and a FIFO at once, with or without --resume (opening it for writing waited for a reader for ever)
  for (const bool resume : {false, true}) {
    std::vector<std::string> args{"sweep", std::string(GDCERT_TEST_DATA) + "/sweep/walsh_grid.toml", "--out", fifo.string()};
    if (resume) args.push_back("--resume");
    const Run s = gdcert_run(args);
    CHECK(s.code == 3);
    CHECK(s.err.find("is not a regular file (a FIFO") != std::string::npos);
    CHECK(fs::is_fifo(fifo));
  }
  // a dangling symbolic link: refused, and its target is not created (a link to an existing file is followed)
  const fs::path dangling = d / "dangling.jsonl", missing = d / "elsewhere" / "target.jsonl";
  fs::create_symlink(missing, dangling);
  const Run sl = gdcert_run({"sweep", std::string(GDCERT_TEST_DATA) + "/sweep/walsh_grid.toml", "--out", dangling.string()});
  CHECK(sl.code == 3);
  CHECK(sl.err.find("is a symbolic link to a missing file") != std::string::npos);
  CHECK(!fs::exists(missing));
  const fs::path real = d / "records.jsonl", link = d / "link.jsonl";
  fs::create_symlink(real, link);
  { std::ofstream(real.string()) << ""; }
  const Run ok = gdcert_run({"sweep", std::string(GDCERT_TEST_DATA) + "/sweep/walsh_grid.toml", "--out", link.string()});
  CHECK(ok.code == 0);
  CHECK(fs::is_symlink(link));
  CHECK(fs::file_size(real) > 0);
  fs::remove(link);
  fs::remove(real);
  fs::remove(dangling);
  const Run sd = gdcert_run({"sweep", std::string(GDCERT_TEST_DATA) + "/sweep/walsh_grid.toml", "--out", d.string()});
  CHECK(sd.code == 3);
  CHECK(sd.err.find("is a directory") != std::string::npos);
  // a directory is refused
  const Run dir = gdcert_run({"walsh", "majority:n=5", "--out", d.string()});
  CHECK(dir.code == 3);
  CHECK(dir.err.find("is a directory") != std::string::npos);
  // "-" is standard output
  const Run dash = gdcert_run({"walsh", "majority:n=3", "--levels", "--out", "-"});
  CHECK(dash.code == 0);
  CHECK(dash.out.find("3/4") != std::string::npos);
  CHECK(!fs::exists("-"));
  // a regular file is replaced atomically and no temporary is left beside it
  const fs::path file = d / "out.json";
  REQUIRE(gdcert_run({"walsh", "majority:n=5", "--json", "--out", file.string()}).code == 0);
  REQUIRE(gdcert_run({"walsh", "majority:n=7", "--json", "--out", file.string()}).code == 0);
  CHECK(gdcert::testing::read_file(file.string()).find("majority:n=7") != std::string::npos);
  std::size_t entries = 0;
  for (const auto& e : fs::directory_iterator(d)) entries += e.path().filename().string().rfind("out.json", 0) == 0;
  CHECK(entries == 1);
  fs::remove_all(d);
}

// Out of memory inside GMP/MPFR (the libraries would abort: exit 134): the real binary under an address-space limit
// ends with the resource error's exit code and one line. A width-20000 network at 10000 MPFR digits needs gigabytes
// of limbs, which the up-front estimates (they count the scalars, not their limbs) do not see.
TEST_CASE("hostile: an allocation failure inside GMP/MPFR is exit 7 with one line, not an abort") {
  namespace fs = std::filesystem;
  const fs::path err = fs::temp_directory_path() / "gdcert_oom_err.txt";
  const std::string cmd = std::string("ulimit -v 600000; exec '") + GDCERT_EXE +
                          "' simulate noisy-gd --target parity:n=4:S=1 --net 20000 --steps 1 --lr 1/10 --noise 0 "
                          "--scalar mpfr --digits 10000 > /dev/null 2> '" + err.string() + "'";
  const int status = std::system(cmd.c_str());
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 7);
  const std::string text = gdcert::testing::read_file(err.string());
  CHECK(text.find("gdcert: error: out of memory: GMP/MPFR could not allocate") == 0);
  CHECK(std::count(text.begin(), text.end(), '\n') == 1);
  fs::remove(err);
}

TEST_CASE("hostile: GDCERT_MAX_MEMORY counts rendering, trajectory logs, Monte-Carlo samples and runs") {
  ::setenv("GDCERT_MAX_MEMORY", "100M", 1);
  auto refused = [](std::vector<std::string> args, const std::string& what) {
    const Run r = gdcert_run(std::move(args));
    CHECK(r.code == 7);
    CHECK(r.err.find(what) != std::string::npos);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    CHECK(r.out.empty());
  };
  // 2^20 coefficients rendered as JSON peak at about 2.2 GB: refused before the table is built
  refused({"walsh", "random:n=20", "--coeffs", "--json"}, "walsh --coeffs: rendering 1048");
  // a trajectory of 10^8 logged steps
  refused({"simulate", "noisy-gd", "--target", "parity:n=3:S=1", "--net", "2", "--steps", "100000000", "--log-every", "1"},
          "logged steps");
  // 10^9 Monte-Carlo inits
  refused({"simulate", "noisy-gd", "--target", "parity:n=3:S=1", "--net", "2", "--steps", "1", "--inal-mc", "1000000000"},
          "inits");
  ::unsetenv("GDCERT_MAX_MEMORY");
  // small ones still run under the cap
  ::setenv("GDCERT_MAX_MEMORY", "100M", 1);
  CHECK(gdcert_run({"walsh", "random:n=10", "--coeffs", "--json"}).code == 0);
  ::unsetenv("GDCERT_MAX_MEMORY");
}

TEST_CASE("hostile: the process's address-space limit lowers the memory budget (ulimit -v)") {
  namespace fs = std::filesystem;
  const fs::path err = fs::temp_directory_path() / "gdcert_rlimit_err.txt";
  const std::string cmd = std::string("ulimit -v 300000; exec '") + GDCERT_EXE +
                          "' walsh random:n=18 --coeffs --json > /dev/null 2> '" + err.string() + "'";
  const int status = std::system(cmd.c_str());
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 7);
  const std::string text = gdcert::testing::read_file(err.string());
  CHECK(text.find("rendering") != std::string::npos);
  CHECK(text.find("rlimit") != std::string::npos);
  fs::remove(err);
}

TEST_CASE("hostile: a control character in a spec is refused with its offset, on one line") {
  for (const std::string& spec : {std::string("parity:n=3\n:S=1"), std::string("parity:n=3:S=1\t"),
                                 std::string("majority:n=\x1b" "5"), std::string("anf:n=2:x1\r")}) {
    const Run r = gdcert_run({"walsh", spec, "--levels"});
    CHECK(r.code == 3);
    CHECK(r.err.find("control character") != std::string::npos);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
  }
}

TEST_CASE("hostile: a non-ASCII code point outside a TOML string (toml++ 3.3 UB, found by fuzzing) is refused") {
  const Run s = gdcert_run({"sweep", std::string(GDCERT_TEST_DATA) + "/sweep/hostile_u035b.toml", "--out", "/nonexistent/x"});
  CHECK(s.code == 3);
  CHECK(s.err.find(":5: a non-ASCII character outside a string or comment") != std::string::npos);
}

TEST_CASE("hostile: a failed write to standard output is exit 7 with one line, not a silent 0") {
  // Standard output on a full device: a private copy of /dev/full (1, 7) in a scratch folder (mknod needs root).
  namespace fs = std::filesystem;
  const fs::path d = fs::temp_directory_path() / ("gdcert_full_" + std::to_string(::getpid()));
  fs::remove_all(d);
  fs::create_directories(d);
  const fs::path node = d / "full", err = d / "err.txt";
  if (::mknod(node.c_str(), S_IFCHR | 0666, makedev(1, 7)) != 0) {
    MESSAGE("mknod needs root: the full-device case is skipped");
    fs::remove_all(d);
    return;
  }
  for (const char* args : {"walsh majority:n=3", "walsh majority:n=5 --json", "bound --list"}) {
    CAPTURE(args);
    const std::string cmd = std::string("exec '") + GDCERT_EXE + "' " + args + " > '" + node.string() + "' 2> '" +
                            err.string() + "'";
    const int status = std::system(cmd.c_str());
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 7);
    const std::string text = gdcert::testing::read_file(err.string());
    CHECK(text.rfind("gdcert: error: writing to standard output failed", 0) == 0);
    CHECK(std::count(text.begin(), text.end(), '\n') == 1);
  }
  struct stat st {};
  REQUIRE(::stat(node.c_str(), &st) == 0);
  CHECK(S_ISCHR(st.st_mode));
  fs::remove_all(d);
}

TEST_CASE("hostile: GDCERT_CHECK_FULL is 0 or 1, anything else refused") {
  ::setenv("GDCERT_CHECK_FULL", "garbage", 1);
  const Run r = gdcert_run({"check", std::string(GDCERT_TEST_DATA) + "/.."});
  ::unsetenv("GDCERT_CHECK_FULL");
  CHECK(r.code == 2);
  CHECK(r.err == "gdcert: error: GDCERT_CHECK_FULL: requires 0 or 1 (unset: 0), got \"garbage\"\n");
}
