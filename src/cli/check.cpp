// gdcert check DIR: runs the declarative TOML claims (exact values, ball/decimal containment, relations,
// expected errors) and prints "N passed, N failed".
//
// A claim is a [[claim]] table:
//   id        unique name (required)          formula  formula id it exercises (must exist)
//   source    where the expected value comes from
//   quantity  a name from `quantities()`; every other key is a parameter (spec, S, rho, n, k, h, group, ...)
// and exactly one assertion:
//   expect = "p/q" | ["p/q", ...]            exact equality (elementwise)
//   approx = "0.1673341656" | [...]           the value lies within half a unit of the last digit shown
//                                             (balls: the whole ball does)
//   within = "[m +/- r]" | [...]              the value (or the whole ball) lies inside the given ball
//   relation = "==" | "!=" | "<" | "<=" | ">" | ">=" with lhs = {quantity=..., ...[, reduce = "sum"|"max"|"min"]}
//              and rhs = {...} or a literal "p/q"
//   expect_error = "input" | "domain" | "precision" | "overflow" | "resource" | "usage"
//              [message = "substring"]       the evaluation must fail with that error class
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <ostream>
#include <set>

#include <nlohmann/json.hpp>
#include "exact/toml.hpp"

#include "api/formulas.hpp"
#include "cli/app.hpp"
#include "cli/check.hpp"
#include "cli/common.hpp"
#include "api/quantities.hpp"
#include "exact/errors.hpp"
#include "exact/files.hpp"
#include "exact/text.hpp"

namespace gdcert::cli {

using api::Params;
using api::quantities;

namespace {

const std::set<std::string> kReserved = {"id",     "formula", "source",       "quantity", "expect", "approx", "within",
                                         "relation", "lhs",   "rhs",          "reduce",   "expect_error", "message",
                                         "note",   "tag",    "eq_accuracy_bits"};

std::string scalar_string(const toml::node& n, const std::string& where) {
  if (auto s = n.value<std::string>()) return *s;
  // as_integer, not value<int64_t>(): toml++ 3.x converts a float node to int64 with an unchecked cast (undefined
  // for 1e99; found by the claims_validate fuzzer), and a float is refused here anyway
  if (const auto* i = n.as_integer()) return std::to_string(i->get());
  if (n.is_boolean()) return *n.value<bool>() ? "1" : "0";
  throw input_error(where + ": requires a string or an integer (write decimals and fractions as strings)");
}

std::vector<std::string> string_list(const toml::node& n, const std::string& where) {
  std::vector<std::string> out;
  if (const auto* arr = n.as_array()) {
    for (const auto& e : *arr) out.push_back(scalar_string(e, where));
  } else {
    out.push_back(scalar_string(n, where));
  }
  return out;
}

std::vector<Value> evaluate_table(const toml::table& t, const std::string& where) {
  const auto q = t["quantity"].value<std::string>();
  if (!q) throw input_error(where + ": requires quantity = \"...\"");
  Params p;
  for (const auto& [k, v] : t)
    if (!kReserved.count(std::string(k.str()))) p[std::string(k.str())] = scalar_string(v, where + "." + std::string(k.str()));
  // Resolved through the library's quantity registry (api/quantities.hpp), never through a rendered table.
  std::vector<Value> vals;
  for (const auto& r : api::evaluate(*q, p).values) vals.push_back(r.value);
  if (auto r = t["reduce"].value<std::string>()) {
    if (vals.empty()) throw input_error(where + ": reduce over an empty list");
    Rational acc = vals[0].exact();
    for (std::size_t i = 1; i < vals.size(); ++i) {
      const Rational& x = vals[i].exact();
      if (*r == "sum") acc += x;
      else if (*r == "max") acc = std::max(acc, x);
      else if (*r == "min") acc = std::min(acc, x);
      else throw input_error(where + ": requires reduce = sum, max or min, got \"" + *r + "\"");
    }
    return {Value(acc)};
  }
  return vals;
}

// Half a unit in the last digit of a decimal string: "0.1673" -> 1/20000, "2.55e-20" -> 5e-23.
std::pair<Rational, Rational> decimal_with_halfulp(const std::string& s) {
  std::string mant = s;
  long exp10 = 0;
  if (auto e = s.find_first_of("eE"); e != std::string::npos) {
    mant = s.substr(0, e);
    const Integer e10 = Integer::parse(s.substr(e + 1));
    // A decimal exponent beyond +-100000 is no claim anyone writes; bounding it keeps 10^exp10 small.
    if (e10 > Integer(100000) || e10 < Integer(-100000))
      throw input_error("approx: requires a decimal exponent within +-100000, got \"" + s + "\"");
    exp10 = e10.to_si();
  }
  long frac_digits = 0;
  if (auto dot = mant.find('.'); dot != std::string::npos) frac_digits = static_cast<long>(mant.size() - dot - 1);
  const Rational m = Rational::parse(mant);
  const Rational scale = pow(Rational(10), exp10);
  const Rational half = Rational(1, 2) * pow(Rational(10), exp10 - frac_digits);
  return {m * scale, half};
}

bool inside(const Value& v, const Rational& lo, const Rational& hi) {
  switch (v.kind()) {
    case Kind::exact: return lo <= v.exact() && v.exact() <= hi;
    case Kind::ball: {
      Ball l = to_ball(lo, 256), h = to_ball(hi, 256);
      return certainly_le(l, v.ball()) && certainly_le(v.ball(), h);
    }
    case Kind::floating: {
      const double x = v.floating();
      return lo.to_double() <= x && x <= hi.to_double();
    }
  }
  return false;
}

/** A ball narrow enough for `==` to mean something: radius at most 2^-bits relative to its midpoint, or absolute. */
bool precise(const Ball& x, long bits) {
  if (mag_is_zero(arb_radref(x.get()))) return true;
  if (!arb_is_finite(x.get())) return false;
  return arb_rel_accuracy_bits(x.get()) >= bits || mag_cmp_2exp_si(arb_radref(x.get()), -bits) <= 0;
}

bool compare(const Value& a, const Value& b, const std::string& op, std::string& why, long eq_bits) {
  if (a.kind() != Kind::exact || b.kind() != Kind::exact) {
    // A float (simulator / Monte Carlo) is compared as the exact number it is.
    auto as_ball = [](const Value& v) {
      if (v.kind() == Kind::ball) return v.ball();
      if (v.kind() == Kind::floating) {
        Ball r;
        arb_set_d(r.get(), v.floating());
        return r;
      }
      return to_ball(v.exact(), 256);
    };
    const Ball x = as_ball(a);
    const Ball y = as_ball(b);
    bool ok = false;
    if (op == "<") ok = certainly_lt(x, y);
    else if (op == "<=") ok = certainly_le(x, y);
    else if (op == ">") ok = certainly_lt(y, x);
    else if (op == ">=") ok = certainly_le(y, x);
    else if (op == "!=") ok = !x.overlaps(y);
    else if (op == "==") {
      // Balls can only be consistent: == needs them to overlap AND to be narrow (eq_accuracy_bits, default 40), so a
      // wide ball cannot pass as equal to anything.
      ok = x.overlaps(y) && precise(x, eq_bits) && precise(y, eq_bits);
      if (!ok && x.overlaps(y)) {
        why = "== on balls needs both narrower than 2^-" + std::to_string(eq_bits) + " (eq_accuracy_bits): " + a.str(20) +
              " == " + b.str(20) + " is undecided";
        return false;
      }
    } else throw input_error("relation: requires one of == != < <= > >=, got \"" + op + "\"");
    if (!ok) why = "not certainly " + a.str(20) + " " + op + " " + b.str(20) + " (undecided or false)";
    return ok;
  }
  const Rational& x = a.exact();
  const Rational& y = b.exact();
  bool ok;
  if (op == "==") ok = x == y;
  else if (op == "!=") ok = x != y;
  else if (op == "<") ok = x < y;
  else if (op == "<=") ok = x <= y;
  else if (op == ">") ok = x > y;
  else if (op == ">=") ok = x >= y;
  else throw input_error("relation: requires one of == != < <= > >=, got \"" + op + "\"");
  if (!ok) why = x.str() + " " + op + " " + y.str() + " is false";
  return ok;
}

std::string error_class(const gdcert::error& e) {
  switch (e.exit_code()) {
    case 2: return "usage";
    case 3: return "input";
    case 4: return "domain";
    case 5: return "precision";
    case 6: return "overflow";
    case 7: return "resource";
  }
  return "other";
}

/**
 * A quantity table (a claim with quantity = ..., or its lhs/rhs table) checked without evaluating it: a known
 * quantity, every other key one of its parameters with a string/integer/boolean value (the named bound's
 * parameters are checked when it is evaluated), and reduce = sum|max|min where reduce is allowed.
 */
void validate_quantity_table(const toml::table& t, const std::string& where, const std::set<std::string>& claim_keys) {
  const auto q = t["quantity"].value<std::string>();
  if (!q) throw input_error(where + ": requires quantity = \"...\"");
  const api::QuantityInfo* info = api::find_quantity(*q);
  if (!info) throw input_error(where + ": unknown quantity \"" + *q + "\" (gdcert check --list shows them)");
  const auto names = api::parameter_names(*info);
  for (const auto& [k, v] : t) {
    const std::string key(k.str());
    if (key == "quantity" || claim_keys.count(key)) continue;
    if (key == "reduce") {
      const auto r = v.value<std::string>();
      if (!r || (*r != "sum" && *r != "max" && *r != "min"))
        throw input_error(where + ": requires reduce = sum, max or min");
      continue;
    }
    (void)scalar_string(v, where + "." + key);
    if (*q != "bound" && std::find(names.begin(), names.end(), key) == names.end()) {
      std::string list;
      for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
      throw input_error(where + ": unknown parameter \"" + key + "\" of quantity " + *q + " (parameters: " + list + ")");
    }
  }
}

/**
 * A claim's structure checked without evaluating anything (gdcert check --validate, and before any claim runs):
 * exactly one assertion, a known formula id, keys that belong to the assertion, and expected values that parse.
 */
void validate_claim(const toml::table& c, const std::string& where, std::span<const Formula> registry) {
  if (c["id"] && !c["id"].value<std::string>()) throw input_error(where + ": requires id = \"...\" (a string)");
  for (const char* k : {"formula", "source", "note", "tag", "message", "relation", "expect_error"})
    if (c[k] && !c[k].value<std::string>()) throw input_error(where + ": requires " + std::string(k) + " = \"...\" (a string)");
  if (auto f = c["formula"].value<std::string>()) {
    bool known = std::any_of(registry.begin(), registry.end(), [&](const Formula& x) { return x.id == *f; });
    if (!known) throw input_error(where + ": unknown formula id \"" + *f + "\"");
  }
  int count = 0;
  for (const char* k : {"expect", "approx", "within", "relation", "expect_error"}) count += c[k] ? 1 : 0;
  if (count != 1) throw input_error(where + ": requires exactly one of expect, approx, within, relation, expect_error");
  if (c["message"] && !c["expect_error"]) throw input_error(where + ": message belongs to expect_error claims");
  if (c["eq_accuracy_bits"] && !c["relation"]) throw input_error(where + ": eq_accuracy_bits belongs to relation claims");
  static const std::set<std::string> kMeta = {"id", "formula", "source", "note", "tag"};
  if (auto op = c["relation"].value<std::string>()) {
    static const std::set<std::string> ops = {"==", "!=", "<", "<=", ">", ">="};
    if (!ops.count(*op)) throw input_error(where + ": relation requires one of == != < <= > >=, got \"" + *op + "\"");
    for (const auto& [k, v] : c) {
      const std::string key(k.str());
      if (key == "reduce") throw input_error(where + ": reduce belongs inside lhs or rhs (reduce = sum|max|min there)");
      if (!kMeta.count(key) && key != "relation" && key != "lhs" && key != "rhs" && key != "eq_accuracy_bits")
        throw input_error(where + ": unknown key \"" + key + "\" in a relation claim (parameters go inside lhs and rhs)");
    }
    if (c["eq_accuracy_bits"]) {
      const auto* b = c["eq_accuracy_bits"].as_integer();
      if (!b || b->get() < 1 || b->get() > 1000000)
        throw input_error(where + ": eq_accuracy_bits requires an integer in 1..1000000");
    }
    const toml::table* lt = c["lhs"].as_table();
    if (!lt) throw input_error(where + ": relation requires lhs = { quantity = ... }");
    validate_quantity_table(*lt, where + ".lhs", {});
    if (const toml::table* rt = c["rhs"].as_table()) validate_quantity_table(*rt, where + ".rhs", {});
    else if (c["rhs"]) for (const auto& s : string_list(*c["rhs"].node(), where + ".rhs")) (void)Rational::parse(s);
    else throw input_error(where + ": relation requires rhs");
    return;
  }
  if (c["lhs"] || c["rhs"]) throw input_error(where + ": lhs and rhs belong to relation claims");
  validate_quantity_table(c, where, kReserved);
  if (auto e = c["expect_error"].value<std::string>()) {
    static const std::set<std::string> classes = {"usage", "input", "domain", "precision", "overflow", "resource"};
    if (!classes.count(*e))
      throw input_error(where + ": expect_error requires one of input, domain, precision, overflow, resource, usage");
    return;
  }
  const std::string key = c["expect"] ? "expect" : c["approx"] ? "approx" : "within";
  for (const auto& s : string_list(*c[key].node(), where + "." + key)) {
    bool finite = true;
    try {
      if (key == "expect") (void)Rational::parse(s);
      else if (key == "approx") (void)decimal_with_halfulp(s);
      else finite = arb_is_finite(Ball::parse(s, 256).get());
    } catch (const input_error& e) {
      throw input_error(where + "." + key + ": " + e.what());
    }
    if (!finite) throw input_error(where + ".within: requires a finite ball, got \"" + s + "\"");
  }
}

struct Outcome {
  bool pass;
  std::string detail;
};

/** Evaluates one claim. validate_claim has already checked its structure (run_check validates every claim first). */
Outcome run_claim(const toml::table& c, const std::string& where) {
  if (auto expected = c["expect_error"].value<std::string>()) {
    try {
      (void)evaluate_table(c, where);
    } catch (const gdcert::error& e) {
      if (error_class(e) != *expected) return {false, "expected a " + *expected + " error, got " + error_class(e) + ": " + e.what()};
      if (auto m = c["message"].value<std::string>(); m && std::string(e.what()).find(*m) == std::string::npos)
        return {false, "error message \"" + std::string(e.what()) + "\" does not contain \"" + *m + "\""};
      return {true, ""};
    }
    return {false, "expected a " + *expected + " error, but the evaluation succeeded"};
  }
  if (auto op = c["relation"].value<std::string>()) {
    const auto* bits = c["eq_accuracy_bits"].as_integer();  // validated: an integer in 1..1000000
    const long eq_bits = bits ? static_cast<long>(bits->get()) : 40;
    const std::vector<Value> lhs = evaluate_table(*c["lhs"].as_table(), where + ".lhs");
    std::vector<Value> rhs;
    if (const toml::table* rt = c["rhs"].as_table()) rhs = evaluate_table(*rt, where + ".rhs");
    else for (const auto& s : string_list(*c["rhs"].node(), where + ".rhs")) rhs.emplace_back(Rational::parse(s));
    if (rhs.size() == 1 && lhs.size() > 1) rhs.assign(lhs.size(), rhs[0]);
    if (lhs.size() != rhs.size())
      return {false, "lhs has " + std::to_string(lhs.size()) + " values, rhs " + std::to_string(rhs.size())};
    std::string shown;  // the compared values, printed with --verbose
    for (std::size_t i = 0; i < lhs.size(); ++i) {
      std::string why;
      if (!compare(lhs[i], rhs[i], *op, why, eq_bits)) return {false, "entry " + std::to_string(i) + ": " + why};
      if (i < 4) shown += (i ? "; " : "") + lhs[i].str(12) + " " + *op + " " + rhs[i].str(12);
    }
    return {true, shown};
  }
  const std::vector<Value> got = evaluate_table(c, where);
  const std::string key = c["expect"] ? "expect" : c["approx"] ? "approx" : "within";
  const std::vector<std::string> want = string_list(*c[key].node(), where + "." + key);
  if (want.size() != got.size())
    return {false, "expected " + std::to_string(want.size()) + " values, got " + std::to_string(got.size())};
  for (std::size_t i = 0; i < got.size(); ++i) {
    const Value& v = got[i];
    bool ok;
    if (key == "expect") {
      const Rational w = Rational::parse(want[i]);
      ok = v.kind() == Kind::exact ? v.exact() == w : false;
    } else if (key == "approx") {
      const auto [d, h] = decimal_with_halfulp(want[i]);
      ok = inside(v, d - h, d + h);
    } else {
      const Ball b = Ball::parse(want[i], 256);
      Ball lo, hi;
      arb_get_lbound_arf(arb_midref(lo.get()), b.get(), 256);
      arb_get_ubound_arf(arb_midref(hi.get()), b.get(), 256);
      ok = v.kind() == Kind::ball ? (certainly_le(lo, v.ball()) && certainly_le(v.ball(), hi)) : b.contains(v.kind() == Kind::exact ? v.exact() : Rational(0)) ;
      if (v.kind() == Kind::floating) ok = lo.mid_double() <= v.floating() && v.floating() <= hi.mid_double();
    }
    if (!ok) return {false, key + " entry " + std::to_string(i) + ": wanted " + want[i] + ", got " + v.str(25)};
  }
  std::string shown;  // the compared values, printed with --verbose
  for (std::size_t i = 0; i < got.size() && i < 4; ++i) shown += (i ? "; " : "") + got[i].str(25) + " vs " + key + " " + want[i];
  if (got.size() > 4) shown += "; ... (" + std::to_string(got.size()) + " values)";
  return {true, shown};
}

}  // namespace


/** The project's own claims: $GDCERT_CHECKS, the installed copy, or the source tree's (the first that exists). */
static std::string project_checks() {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (const char* env = std::getenv("GDCERT_CHECKS"); env && *env) return env;
#ifdef GDCERT_INSTALLED_CHECKS
  if (fs::is_directory(GDCERT_INSTALLED_CHECKS, ec)) return GDCERT_INSTALLED_CHECKS;
#endif
#ifdef GDCERT_SOURCE_DIR
  if (fs::is_directory(GDCERT_SOURCE_DIR "/checks", ec)) return GDCERT_SOURCE_DIR "/checks";
#endif
  return "";
}

int run_check(CheckOptions o, std::ostream& out, const std::string& command_line) {
  if (o.list) {
    for (const auto& q : quantities())
      out << q.name << "(" << q.params << ")" << (q.formula_id.empty() ? "" : "  [" + q.formula_id + "]") << "  "
          << q.help << "\n";
    return 0;
  }
  namespace fs = std::filesystem;
  if (o.dir.empty()) {
    o.dir = project_checks();
    if (o.dir.empty())
      throw usage_error("check: requires DIR (the project's claims were found neither installed nor in the source tree)");
  }
  std::vector<fs::path> files;
  std::error_code ec;
  if (fs::is_regular_file(o.dir, ec)) {
    files.push_back(o.dir);
  } else if (fs::is_directory(o.dir, ec)) {
    const char* env = std::getenv("GDCERT_CHECK_FULL");
    const std::string env_text = env ? env : "";
    if (!env_text.empty() && env_text != "0" && env_text != "1")
      throw usage_error("GDCERT_CHECK_FULL: requires 0 or 1 (unset: 0), got \"" + env_text + "\"");
    const bool full = o.full || env_text == "1";
    // Walked with error codes: a directory that cannot be entered is named (the exception of ++it names none).
    auto unreadable = [&](const fs::path& p, const std::error_code& e) {
      return input_error("check: cannot read \"" + p.string() + "\" under \"" + o.dir + "\": " + e.message());
    };
    fs::recursive_directory_iterator it(o.dir, ec), end;
    if (ec) throw unreadable(o.dir, ec);
    while (it != end) {
      const fs::path here = it->path();
      if (it->is_directory(ec) && here.filename() == "full" && !full) {
        it.disable_recursion_pending();  // larger grids: only with --full
      } else if (it->is_regular_file(ec) && here.extension() == ".toml") {
        files.push_back(here);
      }
      it.increment(ec);
      if (ec) throw unreadable(here, ec);
    }
  } else if (fs::exists(o.dir, ec)) {
    throw input_error("check: \"" + o.dir + "\" is neither a directory nor a regular .toml file");
  } else {
    const std::string own = project_checks();
    throw input_error("check: requires a directory or a .toml file, got \"" + o.dir + "\" (not found" +
                      (own.empty() ? std::string(")") : "; the project's claims: gdcert check with no DIR runs " + own + ")"));
  }
  std::sort(files.begin(), files.end());
  const auto registry = api::all_formulas();
  long passed = 0, failed = 0;
  std::set<std::string> ids;
  nlohmann::ordered_json jclaims = nlohmann::ordered_json::array();
  // Every file is read and every claim validated before any claim is evaluated: a malformed claim anywhere is
  // refused at once, not after minutes of evaluations.
  struct Claim {
    std::string file, where, id;
    const toml::table* table;
  };
  std::vector<toml::table> docs;
  docs.reserve(files.size());
  std::vector<Claim> todo;
  for (const auto& file : files) {
    toml::table doc;
    try {
      const std::string text = read_text_file(file.string(), std::uint64_t{64} << 20, "check");
      require_ascii_toml_syntax(text, "check: " + file.string());
      doc = toml::parse(text, file.string());
    } catch (const toml::parse_error& e) {
      throw input_error("check: " + file.string() + ":" + std::to_string(e.source().begin.line) + ": " +
                        std::string(e.description()));
    }
    for (const auto& [k, v] : doc)
      if (k.str() != "claim")
        throw input_error("check: " + file.string() + ": unknown top-level key \"" + std::string(k.str()) +
                          "\" (a claims file holds [[claim]] tables only)");
    docs.push_back(std::move(doc));
    const toml::array* claims = docs.back()["claim"].as_array();
    if (!claims || claims->empty())
      throw input_error("check: " + file.string() + ": has no [[claim]] tables (claim = \"...\" is not a claim)");
    for (std::size_t i = 0; i < claims->size(); ++i) {
      const toml::table* c = (*claims)[i].as_table();
      const std::string where = file.string() + ": claim " + std::to_string(i + 1);
      if (!c) throw input_error(where + ": requires a table");
      const auto id = (*c)["id"].value<std::string>();
      if (!id) throw input_error(where + ": requires id = \"...\"");
      if (!ids.insert(*id).second) throw input_error(where + ": duplicate claim id \"" + *id + "\"");
      validate_claim(*c, where + " (" + *id + ")", registry);
      if (!o.filter.empty() && id->find(o.filter) == std::string::npos) continue;
      todo.push_back({file.string(), where, *id, c});
    }
  }
  if (o.validate) {
    if (todo.empty())
      throw input_error("check: no claims under \"" + o.dir + "\"" +
                        (o.filter.empty() ? std::string(" (no .toml claim files)") : " (none matches --filter " + o.filter + ")"));
    out << todo.size() << " claims valid in " << files.size() << " files (not evaluated)\n";
    return 0;
  }
  for (const Claim& claim : todo) {
    const toml::table* c = claim.table;
    const std::string& id = claim.id;
    Outcome r;
    try {
      r = run_claim(*c, claim.where + " (" + id + ")");
    } catch (const input_error& e) {
      // a malformed claim is an input error of the checks file, named with its file and claim
      throw input_error(claim.where + " (" + id + "): " + e.what());
    } catch (const gdcert::error& e) {
      r = {false, std::string("evaluation failed: ") + e.what()};
    }
    if (o.json) {
      nlohmann::ordered_json jc;
      jc["id"] = id;
      jc["file"] = claim.file;
      if (auto f = (*c)["formula"].value<std::string>()) {
        jc["formula"] = *f;
        if (const Formula* fm = api::find_formula(*f)) jc["tag"] = std::string(to_string(fm->tag));
      }
      if (auto q = (*c)["quantity"].value<std::string>()) jc["quantity"] = *q;
      jc["verdict"] = r.pass ? "pass" : "fail";
      jc["detail"] = r.detail;
      jclaims.push_back(std::move(jc));
    }
    if (r.pass) {
      ++passed;
      if (o.verbose && !o.json) out << "PASS " << id << (r.detail.empty() ? "" : ": " + r.detail) << "\n";
    } else {
      ++failed;
      if (!o.json) out << "FAIL " << id << " (" << claim.file << "): " << r.detail << "\n";
    }
  }
  if (passed + failed == 0)
    throw input_error("check: no claims ran under \"" + o.dir + "\"" +
                      (o.filter.empty() ? std::string(" (no .toml claim files)") : " (none matches --filter " + o.filter + ")"));
  if (o.json) {
    nlohmann::ordered_json doc;
    doc["schema_version"] = 1;
    doc["verb"] = "check";
    doc["command"] = command_line;
    doc["path"] = o.dir;
    doc["passed"] = passed;
    doc["failed"] = failed;
    doc["claims"] = std::move(jclaims);
    out << doc.dump(2) << "\n";
  } else {
    out << passed << " passed, " << failed << " failed\n";
  }
  return failed ? exit_check_failed : 0;
}

void add_check(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<CheckOptions>();
  CLI::App* sub = app.add_subcommand("check", "run the TOML claims under DIR and print \"N passed, N failed\"");
  sub->add_option("dir", o->dir,
                  "directory of *.toml claim files (searched recursively), or one file; default: the project's own claims "
                  "($GDCERT_CHECKS, else the installed share/gdcert/checks, else this source tree's checks/)");
  sub->add_flag("--list", o->list, "list the quantities claims can use, with their parameters and formula ids");
  sub->add_option("--filter", o->filter, "only claims whose id contains this text");
  sub->add_flag("--verbose,-v", o->verbose, "print every claim, not only failures");
  sub->add_flag("--json", o->json,
                "one JSON document: every claim with its file, formula, verdict and the values compared, and the totals");
  sub->add_flag("--validate", o->validate,
                "check every claim's structure (quantities, parameters, assertions, expected values) without evaluating "
                "anything; prints \"N claims valid\"");
  sub->add_flag("--full", o->full,
                "also run the larger grids under directories named full/ (skipped by default; or GDCERT_CHECK_FULL=1)");
  sub->callback([&ctx, o] {
    ctx.action = [&ctx, o] { return run_check(*o, *ctx.out, ctx.command_line); };
  });
}

}  // namespace gdcert::cli
