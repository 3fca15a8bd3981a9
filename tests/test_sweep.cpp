// Tests of src/sweep and the sweep/merge verbs: manifests, records equal to the verb's JSON, shards merged equal to
// the serial run byte for byte, a real gdcert process killed with SIGKILL and resumed without loss or duplicate.
#include <doctest/doctest.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <thread>

#include <nlohmann/json.hpp>

#include "api/quantities.hpp"
#include "cli_support.hpp"
#include "exact/rng.hpp"
#include "sweep/manifest.hpp"
#include "sweep/records.hpp"
#include "sweep/runner.hpp"

namespace fs = std::filesystem;
using namespace gdcert;
using gdcert::testing::gdcert_run;
using gdcert::testing::read_file;

namespace {

const std::string data_dir = std::string(GDCERT_TEST_DATA) + "/sweep/";

fs::path fresh_dir(const std::string& name) {
  const fs::path d = fs::temp_directory_path() / ("gdcert_sweep_" + name + "_" + std::to_string(::getpid()));
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

std::string write_text(const fs::path& p, const std::string& text) {
  std::ofstream(p, std::ios::binary) << text;
  return p.string();
}

std::size_t count_lines(const std::string& path) {
  const std::string t = read_file(path);
  return static_cast<std::size_t>(std::count(t.begin(), t.end(), '\n'));
}

/** Starts the real gdcert binary with `args` (stdout/stderr to /dev/null); returns its pid. */
pid_t spawn_gdcert(const std::vector<std::string>& args) {
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    const int null = ::open("/dev/null", O_WRONLY);
    ::dup2(null, 1);
    ::dup2(null, 2);
    std::vector<std::string> a = args;
    a.insert(a.begin(), GDCERT_EXE);
    std::vector<char*> argv;
    for (auto& s : a) argv.push_back(s.data());
    argv.push_back(nullptr);
    ::execv(GDCERT_EXE, argv.data());
    ::_exit(127);
  }
  return pid;
}

/** Waits for `pid`; returns its exit status (wait status as from waitpid). */
int wait_for(pid_t pid) {
  int status = 0;
  ::waitpid(pid, &status, 0);
  return status;
}

}  // namespace

TEST_SUITE("sweep") {
  TEST_CASE("read_manifest: grid order, point ids, argv with templates, options and derived seeds") {
    const sweep::Manifest m = sweep::read_manifest(data_dir + "walsh_grid.toml");
    CHECK(m.verb == "walsh");
    CHECK(m.seed == 2024);
    REQUIRE(m.points.size() == 8);
    CHECK(m.axes == std::vector<std::string>{"family", "n"});
    // the last axis varies fastest
    CHECK(m.points[1].params[0].second == "majority");
    CHECK(m.points[1].params[1].second == 5);
    CHECK(m.points[4].params[0].second == "random");
    CHECK(m.points[4].params[1].second == 3);
    CHECK(m.argv(m.points[6]) == std::vector<std::string>{"walsh", "random:n=7", "--levels"});
    const sweep::VerbInfo info = sweep::verb_info("walsh", cli::verb_runner());
    CHECK(sweep::point_argv(m, info, m.points[6]) ==
          std::vector<std::string>{"walsh", "random:n=7", "--levels", "--json", "--seed", std::to_string(derive_seed(2024, 6))});
    CHECK(m.fingerprint.size() == 16);
  }

  TEST_CASE("read_manifest: explicit points, booleans, axes becoming options") {
    const fs::path d = fresh_dir("points");
    const std::string p = write_text(d / "m.toml", R"(verb = "inal"
args = ["majority:n={n}"]
[[points]]
n = 3
act = "relu"
normalised = true
[[points]]
n = 5
act = "sign"
normalised = false
)");
    const sweep::Manifest m = sweep::read_manifest(p);
    REQUIRE(m.points.size() == 2);
    CHECK(m.argv(m.points[0]) == std::vector<std::string>{"inal", "majority:n=3", "--act", "relu", "--normalised"});
    CHECK(m.argv(m.points[1]) == std::vector<std::string>{"inal", "majority:n=5", "--act", "sign"});
    fs::remove_all(d);
  }

  TEST_CASE("read_manifest: malformed manifests are input errors naming the file and the key") {
    const fs::path d = fresh_dir("bad_manifest");
    struct Bad {
      const char* text;
      const char* message;
    };
    const std::string f = (d / "m.toml").string();
    const Bad cases[] = {
        {"verb = \"walsh\"\nargs = [\"x\"]\n[grid]\nn = []\n", ": grid.n: requires a non-empty list of values"},
        {"verb = \"walsh\"\n[grid]\nn = [1]\n[[points]]\nn = 2\n", ": requires exactly one of [grid] and [[points]]"},
        {"verb = \"walsh\"\nargs = [\"majority:n={m}\"]\n[grid]\nn = [3]\n", ": args: unknown axis \"{m}\" in \"majority:n={m}\""},
        {"verb = \"walsh\"\nsweeps = 3\n[grid]\nn = [3]\n", ": unknown key \"sweeps\""},
        {"verb = \"sweep\"\n[grid]\nn = [3]\n", ": verb \"sweep\" cannot be swept"},
        {"[grid]\nn = [3]\n", ": requires verb = \"<gdcert verb>\""},
        {"verb = \"walsh\"\n[grid\nn = [3]\n", ":2: malformed TOML"},
        {"verb = \"walsh\"\n[[points]]\nn = 3\n[[points]]\nm = 3\n", ": points[1]: requires the same axes as points[0] (n)"},
    };
    for (const Bad& b : cases) {
      INFO("manifest: ", std::string(b.text));
      write_text(f, b.text);
      try {
        sweep::read_manifest(f);
        FAIL("no error");
      } catch (const input_error& e) {
        const std::string msg = e.what();
        CHECK_MESSAGE(msg.find("sweep: " + f + b.message) == 0, msg);
      }
    }
    CHECK_THROWS_WITH_AS(sweep::read_manifest((d / "missing.toml").string()),
                         ("sweep: manifest: cannot read \"" + (d / "missing.toml").string() +
                          "\" (No such file or directory)").c_str(),
                         input_error);
    // an axis that is neither a template placeholder nor an option of the verb
    write_text(f, "verb = \"walsh\"\nargs = [\"majority:n=3\"]\n[grid]\nwidth = [3]\n");
    const gdcert::testing::Run r = gdcert_run({"sweep", f, "--out", (d / "o.jsonl").string()});
    CHECK(r.code == 3);
    CHECK(r.err == "gdcert: error: sweep: " + f + ": unknown axis \"width\": verb \"walsh\" has no option --width and no "
                   "template mentions {width}\n");
    CHECK(!fs::exists(d / "o.jsonl"));
    CHECK(gdcert_run({"sweep", data_dir + "walsh_grid.toml", "--out", (d / "o.jsonl").string(), "--shard", "3/3"}).code == 2);
    CHECK(gdcert_run({"sweep", data_dir + "walsh_grid.toml", "--out", (d / "o.jsonl").string(), "--shard", "1/0"}).code == 2);
    fs::remove_all(d);
  }

  TEST_CASE("sweep: each record holds the resolved parameters, the derived seed and the verb's own --json output") {
    const fs::path d = fresh_dir("records");
    const std::string out = (d / "r.jsonl").string();
    const auto r = gdcert_run({"sweep", data_dir + "walsh_grid.toml", "--out", out});
    REQUIRE(r.code == 0);
    CHECK(r.out.find("8 run, 0 already recorded, 0 failed") != std::string::npos);
    std::istringstream in(read_file(out));
    std::string line;
    std::uint64_t id = 0;
    while (std::getline(in, line)) {
      CAPTURE(id);
      const auto rec = nlohmann::ordered_json::parse(line);
      CHECK(rec["id"] == id);
      CHECK(rec["seed"] == derive_seed(2024, id));
      CHECK(rec["exit"] == 0);
      CHECK(rec["points"] == 8);
      CHECK(rec["params"]["n"] == std::vector<int>{3, 5, 7, 9}[id % 4]);
      // the same command run directly gives the same JSON (but for its time stamp)
      std::vector<std::string> argv = rec["argv"].get<std::vector<std::string>>();
      const auto direct = gdcert_run(argv);
      REQUIRE(direct.code == 0);
      auto j = nlohmann::ordered_json::parse(direct.out);
      j.erase("time");
      CHECK(j == rec["result"]);
      CHECK(j["seed"] == derive_seed(2024, id));
      ++id;
    }
    CHECK(id == 8);
    // a second run into the same file is refused; --resume finds everything done
    const auto again = gdcert_run({"sweep", data_dir + "walsh_grid.toml", "--out", out});
    CHECK(again.code == 3);
    CHECK(again.err.find("already has records (use --resume") != std::string::npos);
    const std::string before = read_file(out);
    const auto resumed = gdcert_run({"sweep", data_dir + "walsh_grid.toml", "--out", out, "--resume"});
    CHECK(resumed.code == 0);
    CHECK(resumed.out.find("0 run, 8 already recorded") != std::string::npos);
    CHECK(read_file(out) == before);
    fs::remove_all(d);
  }

  TEST_CASE("quantity sweep: records hold the registry's values with provenance, equal to api::evaluate and to check") {
    const fs::path d = fresh_dir("quantity");
    const std::string out = (d / "q.jsonl").string();
    const auto dry = gdcert_run({"sweep", data_dir + "quantity_grid.toml", "--dry-run"});
    REQUIRE(dry.code == 0);
    CHECK(dry.out.find("0: act=relu spec=majority:n=3 init=rademacher") != std::string::npos);
    const auto r = gdcert_run({"sweep", data_dir + "quantity_grid.toml", "--out", out});
    REQUIRE(r.code == 0);
    CHECK(r.out.find("6 run, 0 already recorded, 0 failed") != std::string::npos);
    std::istringstream in(read_file(out));
    std::string line;
    std::uint64_t id = 0;
    while (std::getline(in, line)) {
      CAPTURE(id);
      const auto rec = nlohmann::ordered_json::parse(line);
      CHECK(rec["id"] == id);
      CHECK(rec["quantity"] == "inal.value");
      CHECK(rec["exit"] == 0);
      const std::string init = id % 2 == 0 ? "rademacher" : "gaussian";
      CHECK(rec["params"]["init"] == init);
      const auto& v = rec["result"]["values"].at(0);
      CHECK(v["formula"] == "inal.definition");
      CHECK(v["kind"] == (init == "rademacher" ? "exact" : "ball"));
      CHECK(rec["result"]["parameters"]["spec"] == "majority:n=" + std::to_string(3 + 2 * (id / 2)));
      // the same value straight from the library
      api::Params p{{"spec", "majority:n=" + std::to_string(3 + 2 * (id / 2))}, {"act", "relu"}, {"init", init}};
      const auto q = api::evaluate("inal.value", p);
      CHECK(v["value"] == q.values.at(0).value.str());
      ++id;
    }
    CHECK(id == 6);
    // Unknown parameters and unknown quantities are refused before anything runs.
    const auto bad = gdcert_run({"sweep", write_text(d / "bad.toml", "quantity = \"inal.value\"\n[options]\nspec = \"majority:n=3\"\n"
                                                                      "act = \"relu\"\n[grid]\nfoo = [1]\n"),
                                 "--out", (d / "bad.jsonl").string()});
    CHECK(bad.code == 3);
    CHECK(bad.err.find("foo") != std::string::npos);
    const auto unknown = gdcert_run({"sweep", write_text(d / "unk.toml", "quantity = \"no.such\"\n[grid]\nn = [1]\n"),
                                     "--out", (d / "unk.jsonl").string()});
    CHECK(unknown.code == 3);
    CHECK(unknown.err.find("unknown quantity \"no.such\"") != std::string::npos);
    fs::remove_all(d);
  }

  TEST_CASE("sweep --shard i/N + merge: equal to the serial run byte for byte, missing, duplicate, foreign records refused") {
    const fs::path d = fresh_dir("shards");
    const std::string manifest = data_dir + "walsh_grid.toml";
    const std::string serial = (d / "serial.jsonl").string();
    REQUIRE(gdcert_run({"sweep", manifest, "--out", serial}).code == 0);
    std::vector<std::string> shards;
    for (int i = 0; i < 3; ++i) {
      shards.push_back((d / ("shard" + std::to_string(i) + ".jsonl")).string());
      REQUIRE(gdcert_run({"sweep", manifest, "--out", shards.back(), "--shard", std::to_string(i) + "/3"}).code == 0);
      CHECK(count_lines(shards.back()) == (i < 2 ? 3u : 2u));  // ids 0,3,6 / 1,4,7 / 2,5
    }
    const std::string merged = (d / "merged.jsonl").string();
    // merge in a scrambled order of files
    const auto m = gdcert_run({"merge", merged, shards[2], shards[0], shards[1], "--manifest", manifest});
    REQUIRE(m.code == 0);
    CHECK(m.out == "merge: 8 records from 3 file(s), complete, no duplicates -> " + merged + "\n");
    CHECK(read_file(merged) == read_file(serial));
    // OUT "-" is standard output: the merged records alone, and no file named "-"
    const auto dash = gdcert_run({"merge", "-", shards[1], shards[2], shards[0], "--manifest", manifest});
    CHECK(dash.code == 0);
    CHECK(dash.out == read_file(serial));
    CHECK(!std::filesystem::exists("-"));
    CHECK(gdcert_run({"merge", "-", shards[0], "--csv", "-"}).code == 2);
    // one shard missing: exit 8 naming the ids
    auto bad = gdcert_run({"merge", (d / "x.jsonl").string(), shards[0], shards[2]});
    CHECK(bad.code == 8);
    CHECK(bad.err == "gdcert: error: merge: 3 of 8 points missing: ids 1, 4, 7\n");
    CHECK(!fs::exists(d / "x.jsonl"));
    // a shard given twice: duplicates
    bad = gdcert_run({"merge", (d / "x.jsonl").string(), shards[0], shards[1], shards[2], shards[1]});
    CHECK(bad.code == 8);
    CHECK(bad.err == "gdcert: error: merge: 3 duplicated point id(s): 1, 4, 7\n");
    // records of another manifest
    const std::string other = write_text(d / "other.toml", read_file(manifest) + "\n# changed\n");
    const std::string other_out = (d / "other.jsonl").string();
    REQUIRE(gdcert_run({"sweep", other, "--out", other_out, "--shard", "1/3"}).code == 0);
    bad = gdcert_run({"merge", (d / "x.jsonl").string(), shards[0], other_out, shards[2]});
    CHECK(bad.code == 3);
    CHECK(bad.err.find("comes from manifest") != std::string::npos);
    // resuming a file of another manifest is refused
    bad = gdcert_run({"sweep", manifest, "--out", other_out, "--shard", "1/3", "--resume"});
    CHECK(bad.code == 3);
    CHECK(bad.err.find("record from another manifest") != std::string::npos);
    fs::remove_all(d);
  }

  TEST_CASE("sweep: a real gdcert killed with SIGKILL three times and resumed loses and duplicates nothing") {
    const fs::path d = fresh_dir("kill");
    const std::string manifest = data_dir + "kill.toml";
    const std::string serial = (d / "serial.jsonl").string();
    REQUIRE(gdcert_run({"sweep", manifest, "--out", serial}).code == 0);
    REQUIRE(count_lines(serial) == 40);
    const std::string out = (d / "killed.jsonl").string();
    std::size_t previous = 0;
    for (const std::size_t target : {4u, 15u, 27u}) {
      CAPTURE(target);
      std::vector<std::string> args{"sweep", manifest, "--out", out};
      if (previous > 0) args.push_back("--resume");
      const pid_t pid = spawn_gdcert(args);
      const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
      while (count_lines(out) < target && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::microseconds(500));
      ::kill(pid, SIGKILL);
      const int status = wait_for(pid);
      REQUIRE_MESSAGE(WIFSIGNALED(status), "the sweep finished before it could be killed");
      CHECK(WTERMSIG(status) == SIGKILL);
      const std::size_t now = count_lines(out);
      CHECK(now >= target);
      CHECK(now < 40);
      previous = now;
    }
    // Simulate the worst a kill inside write() could leave: a torn last line. Resume drops it and redoes the point.
    const std::string whole = read_file(out);
    {
      std::ofstream f(out, std::ios::binary | std::ios::app);
      f << R"({"id":)" << previous << R"(,"params":{"s":)";
    }
    CHECK(gdcert_run({"merge", (d / "x.jsonl").string(), out}).code == 3);  // merge refuses a torn file
    const pid_t pid = spawn_gdcert({"sweep", manifest, "--out", out, "--resume"});
    const int status = wait_for(pid);
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
    const std::string final_text = read_file(out);
    CHECK(final_text.substr(0, whole.size()) == whole);
    CHECK(final_text == read_file(serial));
    std::set<std::uint64_t> ids;
    for (const auto& r : sweep::read_records(out, false)) CHECK(ids.insert(r.head.id).second);
    CHECK(ids.size() == 40);
    fs::remove_all(d);
  }

  TEST_CASE("sweep: a failing point is recorded with its exit code and message, the sweep exits 1") {
    const fs::path d = fresh_dir("failing");
    const std::string m = write_text(d / "m.toml", "verb = \"kernel\"\nargs = [\"relu\"]\n[grid]\nrho = [\"1/2\", \"3/2\"]\n");
    const std::string out = (d / "r.jsonl").string();
    const auto r = gdcert_run({"sweep", m, "--out", out});
    CHECK(r.code == 1);
    CHECK(r.out.find("2 run, 0 already recorded, 1 failed") != std::string::npos);
    const auto recs = sweep::read_records(out, false);
    REQUIRE(recs.size() == 2);
    const auto ok = nlohmann::json::parse(recs[0].text), bad = nlohmann::json::parse(recs[1].text);
    CHECK(ok["exit"] == 0);
    CHECK(bad["exit"] == 4);
    CHECK(bad["error"] == "gdcert: error: kernel --rho: requires -1 <= rho <= 1, got rho = 3/2\n");
    CHECK(bad["argv"] == std::vector<std::string>{"kernel", "relu", "--rho", "3/2", "--json", "--seed", std::to_string(derive_seed(0, 1))});
    // options that would divert the verb's output are refused
    const std::string m2 = write_text(d / "m2.toml", "verb = \"kernel\"\nargs = [\"relu\"]\n[options]\nout = \"x.json\"\n[grid]\nrho = [\"1/2\"]\n");
    const auto refused = gdcert_run({"sweep", m2, "--out", (d / "r2.jsonl").string()});
    CHECK(refused.code == 3);
    CHECK(refused.err == "gdcert: error: sweep: " + m2 + ": options.out: not allowed (records go to the sweep's --out)\n");
    if (!sweep::mpi_available()) {
      const auto no_mpi = gdcert_run({"sweep", data_dir + "walsh_grid.toml", "--out", (d / "r3.jsonl").string(), "--mpi"});
      CHECK(no_mpi.code == 2);
      CHECK(no_mpi.err == "gdcert: error: sweep --mpi: gdcert was built without MPI (configure with cmake -DGDCERT_WITH_MPI=ON)\n");
    }
    fs::remove_all(d);
  }

  TEST_CASE("RecordWriter / read_records: appended lines read back, torn line repaired only when asked") {
    const fs::path d = fresh_dir("records_io");
    const std::string f = (d / "r.jsonl").string();
    const std::string r0 = R"({"id":0,"points":2,"manifest":"ab","exit":0,"result":{}})";
    const std::string r1 = R"({"id":1,"points":2,"manifest":"ab","exit":0,"result":{}})";
    {
      sweep::RecordWriter w(f);
      w.append(r1);
      w.append(r0);
    }
    {
      std::ofstream(f, std::ios::binary | std::ios::app) << R"({"id":2,"po)";
    }
    CHECK_THROWS_WITH_AS(sweep::read_records(f, false),
                         (f + ":3: torn last line (a killed run; `gdcert sweep --resume` repairs it)").c_str(), input_error);
    // a torn line is repaired only in a file of this manifest's records
    const std::string before = read_file(f);
    CHECK_THROWS_AS(sweep::read_records(f, true, nullptr, "other"), input_error);
    CHECK(read_file(f) == before);
    bool torn = false;
    const auto recs = sweep::read_records(f, true, &torn, "ab");
    CHECK(torn);
    REQUIRE(recs.size() == 2);
    CHECK(recs[0].head.id == 1);
    CHECK(recs[1].head.id == 0);
    CHECK(read_file(f) == r1 + "\n" + r0 + "\n");
    const auto merged = sweep::merge_records({f}, "", 0);
    CHECK(merged == std::vector<std::string>{r0, r1});
    write_text(f, r0 + "\nnot json\n");
    CHECK_THROWS_WITH_AS(sweep::read_records(f, true), (f + ":2: not a JSON record").c_str(), input_error);
    // a bare head without its result is not a finished point; counts are bounded by the manifest cap
    write_text(f, R"({"id":0,"points":2,"manifest":"ab"})" "\n");
    CHECK_THROWS_WITH_AS(sweep::read_records(f, false), (f + ":1: not a whole sweep record (requires an integer \"exit\")").c_str(),
                         input_error);
    write_text(f, R"({"id":0,"points":2,"manifest":"ab","exit":0})" "\n");
    CHECK_THROWS_AS(sweep::read_records(f, false), input_error);
    write_text(f, R"({"id":0,"points":18446744073709551615,"manifest":"ab","exit":0,"result":{}})" "\n");
    CHECK_THROWS_AS(sweep::read_records(f, false), input_error);
    write_text(f, R"({"id":5,"points":2,"manifest":"ab","exit":0,"result":{}})" "\n");
    CHECK_THROWS_AS(sweep::read_records(f, false), input_error);
    // not a regular file
    CHECK_THROWS_AS(sweep::read_records(d.string(), true), input_error);
    CHECK_THROWS_AS(sweep::parse_shard("2"), usage_error);
    CHECK(sweep::parse_shard("2/5").index == 2);
    CHECK(sweep::parse_shard("2/5").count == 5);
    fs::remove_all(d);
  }

  TEST_CASE("sweep --resume never truncates a foreign file, two sweeps on one --out: the second fails at once, merge reports failed points") {
    const fs::path d = fresh_dir("hostile");
    // a user's notes without a final newline survive --resume
    const std::string notes = write_text(d / "notes.txt", "my notes");
    const auto r1 = gdcert_run({"sweep", data_dir + "walsh_grid.toml", "--out", notes, "--resume"});
    CHECK(r1.code == 3);
    CHECK(r1.err.find("not a torn record") != std::string::npos);
    CHECK(read_file(notes) == "my notes");
    // records of another manifest with a torn tail are left untouched
    const std::string other = (d / "other.jsonl").string();
    REQUIRE(gdcert_run({"sweep", data_dir + "quantity_grid.toml", "--out", other}).code == 0);
    { std::ofstream(other, std::ios::binary | std::ios::app) << R"({"id":3,"par)"; }
    const std::string other_before = read_file(other);
    const auto r2 = gdcert_run({"sweep", data_dir + "walsh_grid.toml", "--out", other, "--resume"});
    CHECK(r2.code == 3);
    CHECK(r2.err.find("another manifest") != std::string::npos);
    CHECK(read_file(other) == other_before);
    // a second writer on the same file is refused while the first holds it
    const std::string out = (d / "r.jsonl").string();
    {
      sweep::RecordWriter first(out);
      const auto r3 = gdcert_run({"sweep", data_dir + "walsh_grid.toml", "--out", out, "--resume"});
      CHECK(r3.code == 3);
      CHECK(r3.err.find("is being written by another sweep (locked)") != std::string::npos);
    }
    CHECK(gdcert_run({"sweep", data_dir + "walsh_grid.toml", "--out", out, "--resume"}).code == 0);
    // merge: a record claiming 2^64 - 1 points is refused at once; failed points are reported
    const std::string huge = write_text(d / "huge.jsonl", R"({"id":0,"points":18446744073709551615,"manifest":"ab","exit":0,"result":{}})" "\n");
    const auto m1 = gdcert_run({"merge", (d / "m1.jsonl").string(), huge});
    CHECK(m1.code == 3);
    CHECK(!fs::exists(d / "m1.jsonl"));
    const std::string mixed = write_text(d / "mixed.jsonl", R"({"id":0,"points":2,"manifest":"ab","exit":0,"result":{}})" "\n"
                                                              R"({"id":1,"points":2,"manifest":"ab","exit":3,"error":"bad"})" "\n");
    const auto m2 = gdcert_run({"merge", (d / "m2.jsonl").string(), mixed});
    CHECK(m2.code == 0);
    CHECK(m2.out.find("1 failed point(s): ids 1") != std::string::npos);
    fs::remove_all(d);
  }
}
