#include "landscape/instance.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "exact/errors.hpp"
#include "exact/files.hpp"
#include "exact/rng.hpp"

namespace gdcert::landscape {

void require_sizes(long n, long d, long k, bool least_squares, const std::string& what) {
  auto refuse = [&](const char* name, long got, long max) {
    throw resource_error(what + ": requires " + name + " <= " + std::to_string(max) + " (the exact certificate's cost), got " +
                         name + " = " + std::to_string(got));
  };
  if (n > kMaxSamples) refuse("n", n, kMaxSamples);
  if (d > kMaxDimension) refuse("d", d, kMaxDimension);
  if (k > kMaxWidth) refuse("k", k, kMaxWidth);
  if (least_squares) {
    if (d > kMaxLeastSquaresDimension) refuse("d", d, kMaxLeastSquaresDimension);
    if (n > kMaxLeastSquaresSamples) refuse("n", n, kMaxLeastSquaresSamples);
  }
}

namespace {

std::string trim(const std::string& s) {
  const auto a = s.find_first_not_of(" \t\r\n");
  if (a == std::string::npos) return "";
  const auto b = s.find_last_not_of(" \t\r\n");
  return s.substr(a, b - a + 1);
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == sep) {
      out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  out.push_back(cur);
  return out;
}

Rational parse_entry(const std::string& s, const std::string& what) {
  const std::string t = trim(s);
  if (t.empty()) throw input_error(what + ": requires a number, got an empty entry");
  try {
    return Rational::parse(t);
  } catch (const input_error&) {
    throw input_error(what + ": requires rational numbers (p/q, integer or decimal), got \"" + t + "\"");
  }
}

Rational json_number(const nlohmann::json& j, const std::string& what) {
  if (j.is_string()) return parse_entry(j.get<std::string>(), what);
  if (j.is_number_integer()) return Rational::parse(j.dump());
  if (j.is_number_float())
    throw input_error(what + ": requires exact numbers (strings \"p/q\" or \"0.25\", or integers), got the float " + j.dump());
  throw input_error(what + ": requires a number, got " + j.dump().substr(0, 40));
}

QVector json_vector(const nlohmann::json& j, const std::string& what) {
  if (!j.is_array()) throw input_error(what + ": requires an array");
  QVector v;
  for (const auto& e : j) v.push_back(json_number(e, what));
  return v;
}

QMatrix json_matrix(const nlohmann::json& j, const std::string& what) {
  if (!j.is_array() || j.empty()) throw input_error(what + ": requires a non-empty array of rows");
  std::vector<QVector> rows;
  for (std::size_t i = 0; i < j.size(); ++i) {
    rows.push_back(json_vector(j[i], what + " row " + std::to_string(i + 1)));
    if (rows.back().size() != rows.front().size())
      throw input_error(what + ": requires rows of equal length, got row " + std::to_string(i + 1) + " of length " +
                        std::to_string(rows.back().size()) + " (row 1: " + std::to_string(rows.front().size()) + ")");
  }
  return QMatrix::from_rows(rows);
}

}  // namespace

QVector parse_vector(const std::string& text, const std::string& what) {
  if (trim(text).empty()) throw input_error(what + ": requires a comma-separated list of numbers, got \"\"");
  QVector v;
  for (const auto& e : split(text, ',')) v.push_back(parse_entry(e, what));
  return v;
}

QMatrix parse_matrix(const std::string& text, const std::string& what) {
  if (trim(text).empty()) throw input_error(what + ": requires rows \"a,b;c,d\", got \"\"");
  std::vector<QVector> rows;
  for (const auto& r : split(text, ';')) {
    rows.push_back(parse_vector(r, what));
    if (rows.back().size() != rows.front().size())
      throw input_error(what + ": requires rows of equal length, got row " + std::to_string(rows.size()) + " of length " +
                        std::to_string(rows.back().size()) + " (row 1: " + std::to_string(rows.front().size()) + ")");
  }
  return QMatrix::from_rows(rows);
}

InstanceFile parse_instance_json(const std::string& text, const std::string& what) {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    throw input_error(what + ": requires valid JSON (" + std::string(e.what()) + ")");
  }
  if (!j.is_object()) throw input_error(what + ": requires a JSON object with \"X\" and \"y\"");
  const char* xkey = j.contains("X") ? "X" : "X_rows_x_i";
  if (!j.contains(xkey) || !j.contains("y")) throw input_error(what + ": requires the keys \"X\" (rows x_i) and \"y\"");
  InstanceFile f;
  if (j[xkey].is_array() && j[xkey].size() > static_cast<std::size_t>(kMaxSamples))
    throw resource_error(what + ": requires n <= " + std::to_string(kMaxSamples) + ", got n = " + std::to_string(j[xkey].size()));
  f.data.X = json_matrix(j[xkey], what + " X");
  f.data.y = json_vector(j["y"], what + " y");
  if (static_cast<long>(f.data.y.size()) != f.data.n())
    throw input_error(what + ": requires one label per row of X, got " + std::to_string(f.data.n()) + " rows and " +
                      std::to_string(f.data.y.size()) + " labels");
  if (j.contains("v")) f.v = json_vector(j["v"], what + " v");
  if (j.contains("W")) f.W = json_matrix(j["W"], what + " W");
  return f;
}

InstanceFile parse_instance_csv(const std::string& text, const std::string& what) {
  std::vector<QVector> rows;
  QVector y;
  long line_no = 0;
  for (const auto& raw : split(text, '\n')) {
    ++line_no;
    const std::string line = trim(raw);
    if (line.empty() || line[0] == '#') continue;
    QVector r = parse_vector(line, what + " line " + std::to_string(line_no));
    if (r.size() < 2) throw input_error(what + " line " + std::to_string(line_no) + ": requires x_1,...,x_d,y (at least 2 numbers)");
    if (!rows.empty() && r.size() != rows.front().size() + 1)
      throw input_error(what + " line " + std::to_string(line_no) + ": requires " + std::to_string(rows.front().size() + 1) +
                        " numbers like the first line, got " + std::to_string(r.size()));
    y.push_back(r.back());
    r.pop_back();
    rows.push_back(std::move(r));
    if (static_cast<long>(rows.size()) > kMaxSamples)
      throw resource_error(what + ": requires n <= " + std::to_string(kMaxSamples) + " samples");
  }
  if (rows.empty()) throw input_error(what + ": requires at least one sample line x_1,...,x_d,y");
  InstanceFile f;
  f.data.X = QMatrix::from_rows(rows);
  f.data.y = y;
  return f;
}

InstanceFile read_instance_file(const std::string& path) {
  const std::string text = read_text_file(path, 64ull << 20, "landscape --data " + path);
  const std::string t = trim(text);
  const bool json = (path.size() >= 5 && path.substr(path.size() - 5) == ".json") || (!t.empty() && t[0] == '{');
  return json ? parse_instance_json(text, "landscape --data " + path) : parse_instance_csv(text, "landscape --data " + path);
}

std::string instance_json(const Data& data, const Point& p) {
  nlohmann::ordered_json j;
  j["X"] = data.X.str_rows();
  std::vector<std::string> y, v;
  for (const auto& e : data.y) y.push_back(e.str());
  for (const auto& e : p.v) v.push_back(e.str());
  j["y"] = y;
  j["v"] = v;
  j["W"] = p.W.str_rows();
  return j.dump(1) + "\n";
}

std::string_view to_string(InstanceKind k) {
  switch (k) {
    case InstanceKind::optimal_zero: return "optimal-zero";
    case InstanceKind::optimal: return "optimal";
    case InstanceKind::saddle: return "saddle";
    case InstanceKind::nonstationary: return "nonstationary";
  }
  return "?";
}

InstanceKind parse_instance_kind(const std::string& s) {
  if (s == "optimal-zero") return InstanceKind::optimal_zero;
  if (s == "optimal") return InstanceKind::optimal;
  if (s == "saddle") return InstanceKind::saddle;
  if (s == "nonstationary" || s == "non-stationary") return InstanceKind::nonstationary;
  throw input_error("landscape generate --kind: requires optimal-zero, optimal, saddle or nonstationary, got \"" + s + "\"");
}

namespace {

Rational small_int(Rng& rng, long range) { return Rational(static_cast<long long>(rng.below(2 * range + 1)) - range); }
Rational half_int(Rng& rng) { return Rational(static_cast<long long>(rng.below(9)) - 4, 2); }  // a/2, |a| <= 4

/** A nonzero random combination of `basis` with integer coefficients in -3..3 (nullopt after 20 zero draws). */
QVector combination(const std::vector<QVector>& basis, Rng& rng) {
  QVector r(basis[0].size());
  for (int attempt = 0; attempt < 20; ++attempt) {
    std::fill(r.begin(), r.end(), Rational(0));
    for (const auto& b : basis) {
      const Rational c = small_int(rng, 3);
      for (std::size_t i = 0; i < r.size(); ++i) r[i] += c * b[i];
    }
    if (std::any_of(r.begin(), r.end(), [](const Rational& x) { return !x.is_zero(); })) return r;
  }
  return basis[0];
}

}  // namespace

GeneratedInstance generate_instance(InstanceKind kind, long n, long d, long k, std::uint64_t seed) {
  const std::string what = "landscape generate --kind " + std::string(to_string(kind));
  if (n < 1 || d < 1) throw input_error(what + ": requires n >= 1 and d >= 1, got n = " + std::to_string(n) + ", d = " + std::to_string(d));
  if (k < 2 * d) throw input_error(what + ": requires k >= 2d (d positive and d negative entries of v), got k = " + std::to_string(k) + ", d = " + std::to_string(d));
  require_sizes(n, d, k, true, what);
  const long m = d * (d + 1) / 2;
  if (kind == InstanceKind::optimal && n <= m)
    throw input_error(what + ": requires n > d(d+1)/2 = " + std::to_string(m) + " (else the optimum is 0 for generic data), got n = " + std::to_string(n));
  if (kind == InstanceKind::saddle && (d < 2 || n < d + 2))
    throw input_error(what + ": requires d >= 2 and n >= d + 2, got d = " + std::to_string(d) + ", n = " + std::to_string(n));
  Rng rng(seed);
  GeneratedInstance g;
  g.kind = kind;
  for (int attempt = 0; attempt < 50; ++attempt) {
    Data data;
    data.X = QMatrix(n, d);
    for (long i = 0; i < n; ++i)
      for (long j = 0; j < d; ++j) data.X(i, j) = small_int(rng, 3);
    Point p;
    p.v.resize(static_cast<std::size_t>(k));
    for (long l = 0; l < k; ++l) {
      const Rational mag(static_cast<long long>(rng.below(4)) + 1, 2);  // 1/2, 1, 3/2, 2
      const bool positive = l < d ? true : l < 2 * d ? false : rng.below(2) == 0;
      p.v[l] = positive ? mag : -mag;
    }
    p.W = QMatrix(k, d);
    long s = 0;
    QMatrix B;
    if (kind == InstanceKind::saddle) {
      s = std::min(d - 1, (n - 2) / d);  // rank of W; the stationarity system has s d equations in n unknowns
      B = QMatrix(d, s);
      for (long j = 0; j < d; ++j)
        for (long c = 0; c < s; ++c) B(j, c) = small_int(rng, 2);
      QMatrix C(k, s);
      for (long l = 0; l < k; ++l)
        for (long c = 0; c < s; ++c) C(l, c) = half_int(rng);
      p.W = C * B.transpose();
    } else {
      for (long l = 0; l < k; ++l)
        for (long j = 0; j < d; ++j) p.W(l, j) = half_int(rng);
    }
    const QVector f = predictions_exact(Data{data.X, QVector(static_cast<std::size_t>(n))}, p);
    data.y = f;
    if (kind == InstanceKind::nonstationary) {
      for (long i = 0; i < n; ++i) data.y[i] = half_int(rng) * Rational(2) + Rational(static_cast<long long>(rng.below(2)), 2);
    } else if (kind == InstanceKind::optimal || kind == InstanceKind::saddle) {
      // r = f - y must satisfy sum r_i x_i x_i^T = 0 (optimal) or B^T sum r_i x_i x_i^T = 0 (saddle).
      const long rows = kind == InstanceKind::optimal ? m : s * d;
      QMatrix A(rows, n);
      for (long i = 0; i < n; ++i) {
        long row = 0;
        if (kind == InstanceKind::optimal) {
          for (long a = 0; a < d; ++a)
            for (long b = a; b < d; ++b) A(row++, i) = data.X(i, a) * data.X(i, b);
        } else {
          for (long c = 0; c < s; ++c) {
            Rational bx;
            for (long a = 0; a < d; ++a) bx += B(a, c) * data.X(i, a);
            for (long b = 0; b < d; ++b) A(row++, i) = bx * data.X(i, b);
          }
        }
      }
      const auto basis = null_space(A);
      if (basis.empty()) continue;
      const QVector r = combination(basis, rng);
      for (long i = 0; i < n; ++i) data.y[i] = f[i] - r[i];
    }
    const QMatrix S = residual_matrix_exact(data, p);
    const bool ok = kind == InstanceKind::saddle ? !S.is_zero() && gradient_exact(data, p).is_zero()
                    : kind == InstanceKind::nonstationary ? !gradient_exact(data, p).is_zero()
                    : S.is_zero() && (kind == InstanceKind::optimal_zero || !loss_exact(data, p).is_zero());
    if (!ok) continue;
    g.data = std::move(data);
    g.point = std::move(p);
    return g;
  }
  throw input_error(what + ": no instance of this kind found in 50 draws (seed " + std::to_string(seed) + ")");
}

}  // namespace gdcert::landscape
