#include "sweep/runner.hpp"

#include <chrono>
#include <filesystem>
#include <ostream>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "api/formulas.hpp"
#include "api/quantities.hpp"
#include "exact/errors.hpp"
#include "report/table.hpp"
#include "exact/rng.hpp"
#include "sweep/runner_detail.hpp"

namespace gdcert::sweep {

namespace {

struct Captured {
  int code;
  std::string out, err;
};

Captured run_verb(const VerbRunner& runner, const std::vector<std::string>& args) {
  Captured c;
  c.code = runner.run(args, c.out, c.err);
  return c;
}

bool mentions(const Manifest& m, const std::string& axis) {
  const std::string ph = "{" + axis + "}";
  for (const auto& t : m.args)
    if (t.find(ph) != std::string::npos) return true;
  for (const auto& [k, v] : m.options)
    if (v.is_string() && v.get<std::string>().find(ph) != std::string::npos) return true;
  return false;
}

const std::set<std::string> output_formats = {"--json", "--jsonl", "--csv", "--md", "--latex"};

}  // namespace

VerbInfo verb_info(const std::string& verb, const VerbRunner& runner) {
  if (!runner.options || !runner.run) throw std::logic_error("sweep: no verb runner");
  const auto names = runner.options(verb);
  if (!names || verb == "sweep" || verb == "merge")
    throw input_error("sweep: unknown verb \"" + verb + "\" (see gdcert --help for the verbs)");
  return {verb, std::set<std::string>(names->begin(), names->end()), runner};
}

VerbInfo quantity_info(const std::string& quantity) {
  const api::QuantityInfo* q = api::find_quantity(quantity);
  if (!q) throw input_error("sweep: unknown quantity \"" + quantity + "\" (see gdcert check --list)");
  VerbInfo info;
  info.verb = quantity;
  for (const auto& n : api::parameter_names(*q)) info.options.insert("--" + n);
  info.options.insert("--seed");
  return info;
}

VerbInfo manifest_info(const Manifest& m, const VerbRunner& runner) {
  return m.quantity.empty() ? verb_info(m.verb, runner) : quantity_info(m.quantity);
}

void validate_manifest(const Manifest& m, const VerbInfo& info) {
  for (const auto& [k, v] : m.options)
    if (k == "out") throw input_error("sweep: " + m.path + ": options.out: not allowed (records go to the sweep's --out)");
  for (const auto& a : m.axes)
    if (a == "out") throw input_error("sweep: " + m.path + ": axis \"out\": not allowed (records go to the sweep's --out)");
  for (const auto& [k, v] : m.options)
    if (!info.options.count("--" + k))
      throw input_error("sweep: " + m.path + ": options." + k + ": verb \"" + m.verb + "\" has no option --" + k);
  for (const auto& a : m.axes)
    if (!mentions(m, a) && !info.options.count("--" + a))
      throw input_error("sweep: " + m.path + ": unknown axis \"" + a + "\": verb \"" + m.verb + "\" has no option --" + a +
                        " and no template mentions {" + a + "}");
}

std::vector<std::string> point_argv(const Manifest& m, const VerbInfo& info, const Point& p) {
  std::vector<std::string> a = m.argv(p);
  bool has_format = false, has_seed = false;
  for (const auto& s : a) {
    has_format = has_format || output_formats.count(s) > 0;
    has_seed = has_seed || s == "--seed";
  }
  if (!has_format && info.options.count("--json")) a.push_back("--json");
  if (!has_seed && info.options.count("--seed")) {
    a.push_back("--seed");
    a.push_back(std::to_string(derive_seed(m.seed, p.id)));
  }
  return a;
}

namespace {

std::string run_quantity_point(const Manifest& m, const Point& p) {
  api::Params params;
  for (const auto& [k, v] : m.parameters(p)) params[k] = v;
  const std::uint64_t seed = derive_seed(m.seed, p.id);
  if (!params.count("seed")) params["seed"] = std::to_string(seed);  // as a verb gets --seed <derived>
  nlohmann::ordered_json r;
  r["id"] = p.id;
  nlohmann::ordered_json pj = nlohmann::ordered_json::object();
  for (const auto& [k, v] : p.params) pj[k] = v;
  r["params"] = pj;
  r["seed"] = seed;
  r["quantity"] = m.quantity;
  nlohmann::ordered_json given = nlohmann::ordered_json::object();
  for (const auto& [k, v] : params) given[k] = v;
  r["parameters"] = given;
  int code = 0;
  std::string error;
  nlohmann::ordered_json result;
  try {
    const api::Quantity q = api::evaluate(m.quantity, params);
    result["quantity"] = q.name;
    nlohmann::ordered_json resolved = nlohmann::ordered_json::object();
    for (const auto& [k, v] : q.parameters) resolved[k] = v;
    result["parameters"] = resolved;
    nlohmann::ordered_json values = nlohmann::ordered_json::array();
    for (const auto& v : q.values) {
      nlohmann::ordered_json j = report::value_json(v.value);
      if (const Formula* f = v.provenance()) {
        j["formula"] = std::string(f->id);
        j["tag"] = std::string(to_string(f->tag));
        j["source"] = std::string(f->source);
      }
      values.push_back(j);
    }
    result["values"] = values;
  } catch (const gdcert::error& e) {
    code = e.exit_code();
    error = std::string("gdcert: error: ") + e.what();
  }
  r["exit"] = code;
  if (code == 0) r["result"] = result;
  else r["error"] = error;
  r["points"] = m.points.size();
  r["manifest"] = m.fingerprint;
  return r.dump();
}

}  // namespace

std::string run_point(const Manifest& m, const VerbInfo& info, const Point& p) {
  if (!m.quantity.empty()) return run_quantity_point(m, p);
  const std::vector<std::string> argv = point_argv(m, info, p);
  const Captured c = run_verb(info.runner, argv);
  nlohmann::ordered_json r;
  r["id"] = p.id;
  nlohmann::ordered_json params = nlohmann::ordered_json::object();
  for (const auto& [k, v] : p.params) params[k] = v;
  r["params"] = params;
  r["seed"] = derive_seed(m.seed, p.id);
  r["argv"] = argv;
  r["exit"] = c.code;
  nlohmann::ordered_json result;
  bool parsed = false;
  if (!c.out.empty()) {
    try {
      result = nlohmann::ordered_json::parse(c.out);
      parsed = result.is_object();
    } catch (const nlohmann::json::exception&) {
      parsed = false;
    }
  }
  if (parsed) {
    result.erase("time");  // the only field that differs between runs of the same point
    r["result"] = result;
  } else {
    r["output"] = c.out;
  }
  if (c.code != 0) r["error"] = c.err;
  r["points"] = m.points.size();
  r["manifest"] = m.fingerprint;
  return r.dump();
}

std::vector<const Point*> pending_points(const Manifest& m, const SweepOptions& opt, SweepSummary& s) {
  std::set<std::uint64_t> done;
  if (opt.resume) {
    for (const auto& r : read_records(opt.out, true, &s.repaired, m.fingerprint)) {
      if (r.head.manifest != m.fingerprint || r.head.points != m.points.size())
        throw input_error("sweep --resume: " + r.where + ": record from another manifest (fingerprint " + r.head.manifest +
                          ", this manifest " + m.fingerprint + ")");
      done.insert(r.head.id);
    }
  } else {
    std::error_code ec;
    if (std::filesystem::exists(opt.out, ec) && std::filesystem::file_size(opt.out, ec) > 0)
      throw input_error("sweep: \"" + opt.out + "\" already has records (use --resume to continue, or another --out)");
  }
  if (const auto parent = std::filesystem::path(opt.out).parent_path(); !parent.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(parent, ec);
  }
  std::vector<const Point*> todo;
  for (const auto& p : m.points) {
    if (!opt.shard.contains(p.id)) continue;
    ++s.in_shard;
    if (done.count(p.id)) ++s.skipped;
    else todo.push_back(&p);
  }
  return todo;
}

void show_progress(const SweepOptions& opt, const SweepSummary& s, std::uint64_t point_id,
                   std::chrono::steady_clock::time_point t0) {
  if (!opt.progress) return;
  const double el = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  *opt.progress << fmt::format("\r[{}/{}] point {} ({:.1f} s)   ", s.skipped + s.ran + 1, s.in_shard, point_id, el)
                << std::flush;
}

void count_record(const std::string& line, SweepSummary& s) {
  ++s.ran;
  if (nlohmann::json::parse(line)["exit"].get<int>() != 0) ++s.failed;
}

SweepSummary run_sweep(const Manifest& m, const SweepOptions& opt) {
  const auto t0 = std::chrono::steady_clock::now();
  const VerbInfo info = manifest_info(m, opt.runner);
  validate_manifest(m, info);
  SweepSummary s;
  if (const auto parent = std::filesystem::path(opt.out).parent_path(); !parent.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(parent, ec);
  }
  RecordWriter writer(opt.out);  // locks the file before anything is read: a second sweep on it fails at once
  const std::vector<const Point*> todo = pending_points(m, opt, s);
  for (const Point* p : todo) {
    show_progress(opt, s, p->id, t0);
    const std::string line = run_point(m, info, *p);
    writer.append(line);
    count_record(line, s);
  }
  if (opt.progress && s.in_shard > 0) *opt.progress << "\n";
  s.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return s;
}

}  // namespace gdcert::sweep
