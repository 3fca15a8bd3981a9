#include "sweep/manifest.hpp"

#include <fstream>
#include <map>
#include <sstream>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include "exact/toml.hpp"

#include "exact/errors.hpp"
#include "exact/files.hpp"
#include "exact/text.hpp"

namespace gdcert::sweep {

namespace {

constexpr std::uint64_t max_points = 10'000'000;

std::string fnv1a_hex(const std::string& bytes) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return fmt::format("{:016x}", h);
}

/** A scalar TOML node as a Param; input_error for tables, arrays and dates. */
Param scalar(const toml::node& n, const std::string& where) {
  if (const auto* s = n.as_string()) return Param(s->get());
  if (const auto* i = n.as_integer()) return Param(i->get());
  if (const auto* f = n.as_floating_point()) return Param(f->get());
  if (const auto* b = n.as_boolean()) return Param(b->get());
  throw input_error(where + ": requires a string, number or boolean");
}

/** The {name} placeholders of a template; input_error on an unclosed brace. */
std::vector<std::string> placeholders(const std::string& t, const std::string& where) {
  std::vector<std::string> names;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t[i] != '{') continue;
    const std::size_t j = t.find('}', i);
    if (j == std::string::npos) throw input_error(where + ": unclosed '{' in \"" + t + "\"");
    names.push_back(t.substr(i + 1, j - i - 1));
    i = j;
  }
  return names;
}

std::string substitute(const std::string& t, const Point& p) {
  std::string out;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t[i] != '{') {
      out += t[i];
      continue;
    }
    const std::size_t j = t.find('}', i);
    const std::string name = t.substr(i + 1, j - i - 1);
    for (const auto& [k, v] : p.params)
      if (k == name) out += param_text(v);
    i = j;
  }
  return out;
}

bool is_option_name(const std::string& k) {
  if (k.empty() || k[0] == '-') return false;
  for (char c : k)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_')) return false;
  return true;
}

}  // namespace

std::string param_text(const Param& p) {
  if (p.is_string()) return p.get<std::string>();
  if (p.is_boolean()) return p.get<bool>() ? "true" : "false";
  if (p.is_number_float()) return fmt::format("{}", p.get<double>());
  return p.dump();
}

std::vector<std::string> Manifest::argv(const Point& p) const {
  std::vector<std::string> a;
  {
    std::istringstream words(verb);  // "simulate noisy-gd" is two words of the command line
    for (std::string w; words >> w;) a.push_back(w);
  }
  std::set<std::string> used;
  for (const auto& t : args)
    for (const auto& n : placeholders(t, path)) used.insert(n);
  for (const auto& [k, v] : options)
    if (v.is_string())
      for (const auto& n : placeholders(v.get<std::string>(), path)) used.insert(n);
  for (const auto& t : args) a.push_back(substitute(t, p));
  auto add_option = [&a](const std::string& k, const std::string& text, const Param& v) {
    if (v.is_boolean()) {
      if (v.get<bool>()) a.push_back("--" + k);
      return;
    }
    a.push_back("--" + k);
    a.push_back(text);
  };
  for (const auto& [k, v] : options) add_option(k, v.is_string() ? substitute(v.get<std::string>(), p) : param_text(v), v);
  for (const auto& [k, v] : p.params)
    if (!used.count(k)) add_option(k, param_text(v), v);
  return a;
}

std::vector<std::pair<std::string, std::string>> Manifest::parameters(const Point& p) const {
  std::set<std::string> used;
  for (const auto& [k, v] : options)
    if (v.is_string())
      for (const auto& n : placeholders(v.get<std::string>(), path)) used.insert(n);
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [k, v] : options) out.emplace_back(k, v.is_string() ? substitute(v.get<std::string>(), p) : param_text(v));
  for (const auto& [k, v] : p.params)
    if (!used.count(k)) out.emplace_back(k, param_text(v));
  return out;
}

Manifest read_manifest(const std::string& path) {
  return parse_manifest(read_text_file(path, std::uint64_t{64} << 20, "sweep: manifest"), path);
}

Manifest parse_manifest(const std::string& text, const std::string& path) {
  Manifest m;
  m.path = path;
  m.fingerprint = fnv1a_hex(text);
  toml::table doc;
  try {
    require_ascii_toml_syntax(text, "sweep: " + path);
    doc = toml::parse(text, path);
  } catch (const toml::parse_error& e) {
    throw input_error(fmt::format("sweep: {}:{}: malformed TOML: {}", path, e.source().begin.line, e.description()));
  }
  const std::set<std::string> known = {"verb", "quantity", "seed", "args", "options", "grid", "points", "order", "name", "description"};
  for (const auto& [k, v] : doc)
    if (!known.count(std::string(k.str())))
      throw input_error("sweep: " + path + ": unknown key \"" + std::string(k.str()) +
                        "\" (expected verb or quantity, seed, args, options, grid or points, order, name, description)");
  if (doc.contains("quantity")) {
    const auto* q = doc["quantity"].as_string();
    if (doc.contains("verb")) throw input_error("sweep: " + path + ": requires one of verb and quantity, not both");
    if (!q || q->get().empty()) throw input_error("sweep: " + path + ": requires quantity = \"<name>\" (gdcert check --list)");
    if (doc.contains("args")) throw input_error("sweep: " + path + ": a quantity sweep takes no args (parameters go in [options] or the axes)");
    m.quantity = q->get();
  }
  const auto* verb = doc["verb"].as_string();
  if (m.quantity.empty() && (!verb || verb->get().empty()))
    throw input_error("sweep: " + path + ": requires verb = \"<gdcert verb>\" or quantity = \"<name>\"");
  if (verb) m.verb = verb->get();
  if (m.verb == "sweep" || m.verb == "merge")
    throw input_error("sweep: " + path + ": verb \"" + m.verb + "\" cannot be swept");
  if (const auto* s = doc["seed"].node()) {
    const auto* i = s->as_integer();
    if (!i || i->get() < 0) throw input_error("sweep: " + path + ": seed requires a non-negative integer");
    m.seed = static_cast<std::uint64_t>(i->get());
  }
  if (const auto* a = doc["args"].node()) {
    const auto* arr = a->as_array();
    if (!arr) throw input_error("sweep: " + path + ": args requires a list of strings");
    for (const auto& e : *arr) {
      if (!e.as_string()) throw input_error("sweep: " + path + ": args requires a list of strings");
      m.args.push_back(e.as_string()->get());
    }
  }
  if (const auto* o = doc["options"].node()) {
    const auto* t = o->as_table();
    if (!t) throw input_error("sweep: " + path + ": [options] requires a table of option = value");
    for (const auto& [k, v] : *t) {
      const std::string key(k.str());
      if (!is_option_name(key)) throw input_error("sweep: " + path + ": option name \"" + key + "\" is not valid");
      m.options.emplace_back(key, scalar(v, "sweep: " + path + ": options." + key));
    }
  }
  const bool has_grid = doc.contains("grid"), has_points = doc.contains("points");
  if (has_grid == has_points) throw input_error("sweep: " + path + ": requires exactly one of [grid] and [[points]]");
  if (has_grid) {
    const auto* g = doc["grid"].as_table();
    if (!g || g->empty()) throw input_error("sweep: " + path + ": [grid] requires at least one axis = [values]");
    std::map<std::string, std::vector<Param>> lists;
    for (const auto& [k, v] : *g) {
      const std::string key(k.str());
      const std::string where = "sweep: " + path + ": grid." + key;
      if (!is_option_name(key)) throw input_error(where + ": axis name is not valid");
      const auto* arr = v.as_array();
      if (!arr || arr->empty()) throw input_error(where + ": requires a non-empty list of values");
      for (const auto& e : *arr) lists[key].push_back(scalar(e, where));
    }
    if (const auto* o = doc["order"].node()) {
      const auto* arr = o->as_array();
      if (!arr) throw input_error("sweep: " + path + ": order requires a list of axis names");
      for (const auto& e : *arr) {
        const auto* s = e.as_string();
        if (!s || !lists.count(s->get()))
          throw input_error("sweep: " + path + ": order names an unknown axis" + (s ? " \"" + s->get() + "\"" : ""));
        m.axes.push_back(s->get());
      }
      if (m.axes.size() != lists.size() || std::set<std::string>(m.axes.begin(), m.axes.end()).size() != lists.size())
        throw input_error("sweep: " + path + ": order requires every grid axis exactly once");
    } else {
      for (const auto& [k, v] : lists) m.axes.push_back(k);
    }
    std::uint64_t total = 1;
    for (const auto& a : m.axes) {
      total *= lists[a].size();
      if (total > max_points)
        throw resource_error("sweep: " + path + ": requires at most 10^7 points, got more (split the manifest)");
    }
    for (std::uint64_t id = 0; id < total; ++id) {
      Point p{id, {}};
      std::uint64_t rest = id;
      std::vector<std::pair<std::string, Param>> rev;
      for (std::size_t k = m.axes.size(); k-- > 0;) {
        const auto& l = lists[m.axes[k]];
        rev.emplace_back(m.axes[k], l[rest % l.size()]);
        rest /= l.size();
      }
      p.params.assign(rev.rbegin(), rev.rend());
      m.points.push_back(std::move(p));
    }
  } else {
    if (doc.contains("order")) throw input_error("sweep: " + path + ": order applies to [grid] only");
    const auto* arr = doc["points"].as_array();
    if (!arr || arr->empty()) throw input_error("sweep: " + path + ": [[points]] requires at least one point");
    if (arr->size() > max_points) throw resource_error("sweep: " + path + ": requires at most 10^7 points");
    for (std::size_t i = 0; i < arr->size(); ++i) {
      const auto* t = (*arr)[i].as_table();
      const std::string where = fmt::format("sweep: {}: points[{}]", path, i);
      if (!t) throw input_error(where + ": requires a table of axis = value");
      Point p{i, {}};
      for (const auto& [k, v] : *t) {
        const std::string key(k.str());
        if (!is_option_name(key)) throw input_error(where + ": axis name \"" + key + "\" is not valid");
        p.params.emplace_back(key, scalar(v, where + "." + key));
      }
      std::vector<std::string> names;
      for (const auto& [k, v] : p.params) names.push_back(k);
      if (i == 0) m.axes = names;
      else if (names != m.axes)
        throw input_error(where + ": requires the same axes as points[0] (" + fmt::format("{}", fmt::join(m.axes, ", ")) + ")");
      m.points.push_back(std::move(p));
    }
  }
  // Every placeholder names an axis.
  const std::set<std::string> axes(m.axes.begin(), m.axes.end());
  auto check_template = [&](const std::string& t, const std::string& where) {
    for (const auto& n : placeholders(t, "sweep: " + path + ": " + where))
      if (!axes.count(n)) throw input_error("sweep: " + path + ": " + where + ": unknown axis \"{" + n + "}\" in \"" + t + "\"");
  };
  for (const auto& t : m.args) check_template(t, "args");
  for (const auto& [k, v] : m.options) {
    if (axes.count(k)) throw input_error("sweep: " + path + ": option \"" + k + "\" is both fixed and an axis");
    if (v.is_string()) check_template(v.get<std::string>(), "options." + k);
  }
  return m;
}

}  // namespace gdcert::sweep
