#include "width/data.hpp"

#include <algorithm>
#include <map>

#include <nlohmann/json.hpp>

#include "exact/errors.hpp"
#include "exact/files.hpp"
#include "exact/text.hpp"

namespace gdcert::width {

namespace {

constexpr std::uint64_t kMaxFileBytes = std::uint64_t{64} << 20;

std::string trim(std::string_view s) {
  std::size_t a = 0, b = s.size();
  while (a < b && std::isspace(static_cast<unsigned char>(s[a]))) ++a;
  while (b > a && std::isspace(static_cast<unsigned char>(s[b - 1]))) --b;
  return std::string(s.substr(a, b - a));
}

/** "name:k=v:k=v" -> name and the key/value map (input_error on a malformed or repeated field). */
std::pair<std::string, std::map<std::string, std::string>> split_spec(std::string_view spec, std::string_view what) {
  std::string s(spec);
  const auto colon = s.find(':');
  std::pair<std::string, std::map<std::string, std::string>> r;
  r.first = s.substr(0, colon);
  if (colon == std::string::npos) return r;
  std::string rest = s.substr(colon + 1);
  if (r.first == "file" || r.first == "points") {
    r.second["path"] = rest;
    return r;
  }
  std::size_t pos = 0;
  while (pos <= rest.size()) {
    const auto next = rest.find(':', pos);
    const std::string field = rest.substr(pos, next == std::string::npos ? std::string::npos : next - pos);
    const auto eq = field.find('=');
    if (field.empty()) throw input_error(std::string(what) + ": empty field in \"" + std::string(spec) + "\"");
    if (eq == std::string::npos) {
      if (!r.second.emplace(field, "").second) throw input_error(std::string(what) + ": repeated field \"" + field + "\"");
    } else if (!r.second.emplace(field.substr(0, eq), field.substr(eq + 1)).second) {
      throw input_error(std::string(what) + ": repeated field \"" + field.substr(0, eq) + "\"");
    }
    if (next == std::string::npos) break;
    pos = next + 1;
  }
  return r;
}

long get_long(const std::map<std::string, std::string>& f, const std::string& key, long dflt, long lo, long hi,
              std::string_view what) {
  auto it = f.find(key);
  if (it == f.end()) {
    if (dflt < lo) throw input_error(std::string(what) + ": requires " + key + "=...");
    return dflt;
  }
  const Integer v = Integer::parse(it->second);
  if (v < Integer(lo) || v > Integer(hi))
    throw input_error(std::string(what) + ": requires " + std::to_string(lo) + " <= " + key + " <= " + std::to_string(hi) +
                      ", got " + key + " = " + v.str());
  return static_cast<long>(v.to_si());
}

std::uint64_t get_seed(const std::map<std::string, std::string>& f, std::uint64_t dflt) {
  auto it = f.find("seed");
  if (it == f.end()) return dflt;
  const Integer v = Integer::parse(it->second);
  if (v < Integer(0) || v > Integer(static_cast<unsigned long long>(UINT64_MAX)))
    throw input_error("data spec: requires 0 <= seed < 2^64, got seed = " + v.str());
  return static_cast<std::uint64_t>(std::stoull(v.str()));
}

void require_only(const std::map<std::string, std::string>& f, std::initializer_list<const char*> keys,
                  std::string_view what) {
  for (const auto& [k, v] : f) {
    bool ok = false;
    for (const char* key : keys) ok = ok || k == key;
    if (!ok) throw input_error(std::string(what) + ": unknown field \"" + k + "\"");
  }
}

bool parallel(const Point& x, const Point& y) {
  const Rational xy = dot(x, y);
  return xy * xy == dot(x, x) * dot(y, y);
}

std::vector<Point> sphere_points(std::size_t n, std::size_t d, std::uint64_t seed, long h) {
  Rng rng(seed);
  std::vector<Point> pts;
  std::size_t tries = 0;
  while (pts.size() < n) {
    if (++tries > 1000 * n + 1000)
      throw input_error("data spec sphere: could not draw " + std::to_string(n) + " pairwise non-parallel points in d = " +
                        std::to_string(d) + " with h = " + std::to_string(h) + " (raise h)");
    Point x = stereographic_point(rng, d, h);
    bool ok = true;
    for (const auto& p : pts) ok = ok && !parallel(p, x);
    if (ok) pts.push_back(std::move(x));
  }
  return pts;
}

Rational parse_number(const nlohmann::json& j) {
  if (j.is_string()) return Rational::parse(j.get<std::string>());
  if (j.is_number_integer()) return Rational(static_cast<long long>(j.get<long long>()));
  if (j.is_number_float()) return Rational::parse(j.dump());
  throw input_error("data file: a coordinate must be a number or a \"p/q\" string, got " + j.dump());
}

int parse_label(const std::string& s) {
  const std::string t = trim(s);
  if (t == "1" || t == "+1" || t == "+") return 1;
  if (t == "-1" || t == "-") return -1;
  throw input_error("labels: requires +1 or -1, got \"" + t + "\"");
}

DataSet read_file(const std::string& path) {
  DataSet d;
  const std::string text = read_text_file(path, kMaxFileBytes, "data file");
  if (path.size() >= 5 && path.substr(path.size() - 5) == ".json") {
    nlohmann::json j;
    try {
      j = nlohmann::json::parse(text);
    } catch (const std::exception& e) {
      throw input_error("data file " + path + ": malformed JSON (" + std::string(e.what()) + ")");
    }
    if (!j.is_object() || !j.contains("points") || !j["points"].is_array())
      throw input_error("data file " + path + ": requires an object with an array \"points\"");
    for (const auto& row : j["points"]) {
      if (!row.is_array()) throw input_error("data file " + path + ": each point must be an array");
      Point p;
      for (const auto& c : row) p.push_back(parse_number(c));
      d.points.push_back(std::move(p));
      if (d.points.size() > kMaxPoints) break;
    }
    if (j.contains("labels")) {
      if (!j["labels"].is_array()) throw input_error("data file " + path + ": \"labels\" must be an array");
      for (const auto& y : j["labels"]) d.labels.push_back(parse_label(y.is_string() ? y.get<std::string>() : y.dump()));
    }
    return d;
  }
  std::size_t line_no = 0, pos = 0;
  bool any_label = false, all_label = true;
  while (pos <= text.size()) {
    const auto nl = text.find('\n', pos);
    std::string line = text.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
    pos = nl == std::string::npos ? text.size() + 1 : nl + 1;
    ++line_no;
    if (auto h = line.find('#'); h != std::string::npos) line.resize(h);
    line = trim(line);
    if (line.empty()) continue;
    std::string coords = line, label;
    if (auto bar = line.find('|'); bar != std::string::npos) {
      coords = line.substr(0, bar);
      label = line.substr(bar + 1);
    }
    for (char& c : coords)
      if (c == ',' || c == '\t' || c == ';') c = ' ';
    Point p;
    std::size_t k = 0;
    while (k < coords.size()) {
      while (k < coords.size() && coords[k] == ' ') ++k;
      std::size_t e = k;
      while (e < coords.size() && coords[e] != ' ') ++e;
      if (e > k) {
        try {
          p.push_back(Rational::parse(coords.substr(k, e - k)));
        } catch (const input_error&) {
          throw input_error("data file " + path + " line " + std::to_string(line_no) + ": not a number: \"" +
                            coords.substr(k, e - k) + "\"");
        }
      }
      k = e;
    }
    if (p.empty()) throw input_error("data file " + path + " line " + std::to_string(line_no) + ": no coordinates");
    if (label.empty()) {
      all_label = false;
    } else {
      any_label = true;
      d.labels.push_back(parse_label(label));
    }
    d.points.push_back(std::move(p));
    if (d.points.size() > kMaxPoints) break;
  }
  if (any_label && !all_label) throw input_error("data file " + path + ": labels ('| y') on some lines but not on all");
  return d;
}

void validate(DataSet& d, std::string_view spec) {
  if (d.points.empty()) throw input_error("data spec \"" + std::string(spec) + "\": no points");
  if (d.points.size() > kMaxPoints)
    throw resource_error("data spec \"" + std::string(spec) + "\": requires at most " + std::to_string(kMaxPoints) +
                         " points");
  const std::size_t dim = d.points.front().size();
  if (dim == 0 || dim > kMaxDim)
    throw input_error("data spec \"" + std::string(spec) + "\": requires 1 <= dimension <= " + std::to_string(kMaxDim));
  for (std::size_t i = 0; i < d.points.size(); ++i) {
    if (d.points[i].size() != dim)
      throw input_error("data spec \"" + std::string(spec) + "\": point " + std::to_string(i) + " has dimension " +
                        std::to_string(d.points[i].size()) + ", point 0 has " + std::to_string(dim));
    if (dot(d.points[i], d.points[i]).is_zero())
      throw input_error("data spec \"" + std::string(spec) + "\": point " + std::to_string(i) + " is the zero vector");
  }
  if (!d.labels.empty() && d.labels.size() != d.points.size())
    throw input_error("data spec \"" + std::string(spec) + "\": " + std::to_string(d.labels.size()) + " labels for " +
                      std::to_string(d.points.size()) + " points");
}

}  // namespace

Rational dot(const Point& x, const Point& y) {
  if (x.size() != y.size())
    throw domain_error("dot: requires equal dimensions, got " + std::to_string(x.size()) + " and " + std::to_string(y.size()));
  Rational s;
  for (std::size_t i = 0; i < x.size(); ++i) s += x[i] * y[i];
  return s;
}

std::vector<Point> cell24_vertices() {
  std::vector<Point> v;
  for (int i = 0; i < 4; ++i)
    for (int s : {1, -1}) {
      Point p(4, Rational(0));
      p[i] = Rational(s);
      v.push_back(p);
    }
  for (int mask = 0; mask < 16; ++mask) {
    Point p(4);
    for (int i = 0; i < 4; ++i) p[i] = Rational((mask >> (3 - i)) & 1 ? -1 : 1, 2);
    v.push_back(p);
  }
  return v;
}

std::vector<Point> cell24_representatives() {
  std::vector<Point> v;
  for (int i = 0; i < 4; ++i) {
    Point p(4, Rational(0));
    p[i] = Rational(1);
    v.push_back(p);
  }
  for (int mask = 0; mask < 8; ++mask) {
    Point p(4);
    p[0] = Rational(1, 2);
    for (int i = 1; i < 4; ++i) p[i] = Rational((mask >> (3 - i)) & 1 ? -1 : 1, 2);
    v.push_back(p);
  }
  return v;
}

Point stereographic_point(Rng& rng, std::size_t d, long h) {
  if (d < 2) throw input_error("sphere points: requires d >= 2, got d = " + std::to_string(d));
  Point t(d - 1);
  Rational norm2;
  for (auto& ti : t) {
    const long a = static_cast<long>(rng.below(static_cast<std::uint64_t>(2 * h + 1))) - h;
    const long b = 1 + static_cast<long>(rng.below(3));
    ti = Rational(a, b);
    norm2 += ti * ti;
  }
  const Rational den = norm2 + Rational(1);
  Point x(d);
  for (std::size_t i = 0; i + 1 < d; ++i) x[i] = Rational(2) * t[i] / den;
  x[d - 1] = (norm2 - Rational(1)) / den;  // |x|^2 = (4|t|^2 + (|t|^2 - 1)^2)/(|t|^2 + 1)^2 = 1 exactly
  return x;
}

DataSet parse_data_spec(std::string_view spec, std::uint64_t default_seed) {
  const auto [name, f] = split_spec(spec, "data spec");
  DataSet d;
  std::string canon;
  if (name == "24cell") {
    require_only(f, {"all", "reps", "idx"}, "data spec 24cell");
    if (f.count("reps")) {
      d.points = cell24_representatives();
      canon = "24cell:reps";
    } else if (f.count("idx")) {
      const auto all = cell24_vertices();
      canon = "24cell:idx=";
      for (const auto& s : split_list(f.at("idx"))) {
        const long i = get_long({{"idx", s}}, "idx", 0, 0, 23, "data spec 24cell");
        d.points.push_back(all[static_cast<std::size_t>(i)]);
        canon += (canon.back() == '=' ? "" : ",") + std::to_string(i);
      }
    } else {
      d.points = cell24_vertices();
      canon = "24cell:all";
    }
  } else if (name == "sphere" || name == "antipodal") {
    require_only(f, {"n", "d", "seed", "h"}, "data spec " + name);
    const long n = get_long(f, "n", -1, 1, static_cast<long>(kMaxPoints), "data spec " + name);
    const long dim = get_long(f, "d", -1, 2, static_cast<long>(kMaxDim), "data spec " + name);
    const long h = get_long(f, "h", 4, 1, 1000000, "data spec " + name);
    const std::uint64_t seed = get_seed(f, default_seed);
    if (name == "antipodal" && n % 2 != 0) throw input_error("data spec antipodal: requires n even, got n = " + std::to_string(n));
    const auto pts = sphere_points(static_cast<std::size_t>(name == "sphere" ? n : n / 2), static_cast<std::size_t>(dim), seed, h);
    for (const auto& p : pts) {
      d.points.push_back(p);
      if (name == "antipodal") {
        Point q = p;
        for (auto& c : q) c = -c;
        d.points.push_back(std::move(q));
      }
    }
    canon = name + ":n=" + std::to_string(n) + ":d=" + std::to_string(dim) + ":seed=" + std::to_string(seed) +
            ":h=" + std::to_string(h);
  } else if (name == "droots") {
    require_only(f, {"k", "count"}, "data spec droots");
    const long k = get_long(f, "k", -1, 2, 64, "data spec droots");
    const long total = k * (k - 1);
    const long count = get_long(f, "count", total, 1, total, "data spec droots");
    for (long i = 0; i < k && static_cast<long>(d.points.size()) < count; ++i)
      for (long j = i + 1; j < k && static_cast<long>(d.points.size()) < count; ++j)
        for (int s : {1, -1}) {
          if (static_cast<long>(d.points.size()) >= count) break;
          Point p(static_cast<std::size_t>(k), Rational(0));
          p[static_cast<std::size_t>(i)] = Rational(1);
          p[static_cast<std::size_t>(j)] = Rational(s);
          d.points.push_back(std::move(p));
        }
    canon = "droots:k=" + std::to_string(k) + ":count=" + std::to_string(count);
  } else if (name == "points") {
    // points:x11,x12,...;x21,x22,...  (inline rows)
    const std::string body = std::string(spec).substr(std::min(spec.size(), std::size_t{7}));
    canon = "points:";
    for (const auto& row : split_list(body, ';')) {
      Point p;
      for (const auto& c : split_list(row, ',')) p.push_back(Rational::parse(c));
      for (std::size_t j = 0; j < p.size(); ++j) canon += (j ? "," : "") + p[j].str();
      canon += ";";
      d.points.push_back(std::move(p));
      if (d.points.size() > kMaxPoints) break;
    }
    if (!canon.empty() && canon.back() == ';') canon.pop_back();
  } else if (name == "file") {
    if (!f.count("path") || f.at("path").empty()) throw input_error("data spec file: requires file:PATH");
    d = read_file(f.at("path"));
    canon = "file:" + f.at("path");
    if (!d.labels.empty()) d.label_spec = "file";
  } else {
    throw input_error("data spec: unknown generator \"" + name +
                      "\" (known: 24cell[:all|:reps|:idx=...], sphere:n=N:d=D, antipodal:n=N:d=D, droots:k=K, points:x,..;y,.., file:PATH)");
  }
  d.spec = canon;
  validate(d, spec);
  return d;
}

void apply_label_spec(DataSet& data, std::string_view spec, std::uint64_t default_seed) {
  if (spec.empty()) return;
  const auto [name, f] = split_spec(spec, "label spec");
  const std::size_t n = data.size();
  std::vector<int> y;
  std::string canon;
  data.separator.reset();
  if (name == "alt") {
    for (std::size_t i = 0; i < n; ++i) y.push_back(i % 2 == 0 ? 1 : -1);
    canon = "alt";
  } else if (name == "random") {
    require_only(f, {"seed"}, "label spec random");
    const std::uint64_t seed = get_seed(f, default_seed);
    Rng rng(seed ^ 0x5a5a5a5aULL);
    for (std::size_t i = 0; i < n; ++i) y.push_back(rng.below(2) ? 1 : -1);
    canon = "random:seed=" + std::to_string(seed);
  } else if (name == "separable") {
    require_only(f, {"u"}, "label spec separable");
    if (!f.count("u")) throw input_error("label spec separable: requires u=u1,...,ud");
    Point u;
    for (const auto& s : split_list(f.at("u"))) u.push_back(Rational::parse(s));
    if (u.size() != data.dim())
      throw input_error("label spec separable: requires u of dimension " + std::to_string(data.dim()) + ", got " +
                        std::to_string(u.size()));
    if (dot(u, u).is_zero()) throw input_error("label spec separable: requires u != 0");
    canon = "separable:u=";
    for (std::size_t i = 0; i < u.size(); ++i) canon += (i ? "," : "") + u[i].str();
    for (const auto& x : data.points) y.push_back(dot(u, x).sign() >= 0 ? 1 : -1);  // sign(0) = +1
    data.separator = u;
  } else if (name == "list") {
    std::string body = std::string(spec).substr(std::min(spec.size(), std::size_t{5}));
    if (body.find(',') == std::string::npos && !body.empty() && body.find_first_not_of("+-") == std::string::npos) {
      for (char c : body) y.push_back(c == '+' ? 1 : -1);
    } else {
      for (const auto& s : split_list(body)) y.push_back(parse_label(s));
    }
    canon = "list:";
    for (int v : y) canon += v > 0 ? '+' : '-';
  } else if (name == "file") {
    if (data.labels.empty()) throw input_error("label spec file: the data file has no labels ('| y' after each point)");
    return;
  } else {
    throw input_error("label spec: unknown labelling \"" + name +
                      "\" (known: alt, random[:seed=S], separable:u=..., list:+1,-1,..., file)");
  }
  if (y.size() != n)
    throw input_error("label spec: requires " + std::to_string(n) + " labels, got " + std::to_string(y.size()));
  data.labels = std::move(y);
  data.label_spec = canon;
}

std::string data_text(const DataSet& data) {
  std::string s = "# " + data.spec + (data.label_spec.empty() ? "" : "  labels " + data.label_spec) + "\n";
  for (std::size_t i = 0; i < data.size(); ++i) {
    for (std::size_t j = 0; j < data.dim(); ++j) s += (j ? "," : "") + data.points[i][j].str();
    if (!data.labels.empty()) s += data.labels[i] > 0 ? " | +1" : " | -1";
    s += "\n";
  }
  return s;
}

}  // namespace gdcert::width
