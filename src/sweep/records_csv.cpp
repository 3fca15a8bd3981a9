// Sweep records flattened into one CSV for pandas: one row per table row (verb sweeps) or per point (quantity
// sweeps), stable machine keys, numbers as decimals beside their exact / ball / standard-error fields.
#include <map>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "exact/errors.hpp"
#include "exact/rational.hpp"
#include "report/table.hpp"
#include "sweep/records.hpp"

namespace gdcert::sweep {

namespace {

using Json = nlohmann::ordered_json;
using Row = std::map<std::string, std::string>;

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string o = "\"";
  for (const char c : s) o += c == '"' ? std::string("\"\"") : std::string(1, c);
  return o + "\"";
}

std::string num17(double x) { return std::isfinite(x) ? fmt::format("{:.17g}", x) : ""; }

/** A JSON scalar as CSV text ("" for null). */
std::string scalar(const Json& j) {
  if (j.is_null()) return "";
  if (j.is_string()) return j.get<std::string>();
  if (j.is_boolean()) return j.get<bool>() ? "true" : "false";
  if (j.is_number_integer()) return j.dump();
  if (j.is_number_float()) return num17(j.get<double>());
  return j.dump();
}

/** One cell (a scalar or a value object {"kind", "value", ...}) under `key` into `row`, in `order`. */
void put_cell(Row& row, std::vector<std::string>& order, std::set<std::string>& seen, const std::string& key, const Json& c) {
  auto put = [&](const std::string& k, const std::string& v) {
    if (seen.insert(k).second) order.push_back(k);
    row[k] = v;
  };
  if (!c.is_object() || !c.contains("kind")) {
    put(key, c.is_object() && c.contains("value") ? scalar(c["value"]) : scalar(c));
    return;
  }
  const std::string kind = c.value("kind", "");
  if (kind == "exact") {
    const std::string pq = c["value"].get<std::string>();
    std::string dec;
    try {
      dec = num17(Rational::parse(pq).to_double());
    } catch (const gdcert::error&) {
      dec = "";
    }
    put(key, dec);
    put(key + "_exact", pq);
  } else if (kind == "ball") {
    const std::string mid = c.value("mid", ""), rad = c.value("rad", "");
    std::string dec;
    try {
      dec = mid.empty() ? "" : num17(std::stod(mid));
    } catch (const std::exception&) {
      dec = "";
    }
    put(key, dec);
    put(key + "_mid", mid);
    put(key + "_rad", rad);
  } else {
    put(key, scalar(c["value"]));
    if (c.contains("stderr")) put(key + "_stderr", scalar(c["stderr"]));
    if (c.contains("samples")) put(key + "_samples", scalar(c["samples"]));
  }
}

}  // namespace

std::string records_to_csv(const std::vector<std::string>& lines) {
  std::vector<Row> rows;
  std::vector<std::string> order;
  std::set<std::string> seen;
  auto base = [&](const Json& r) {
    Row row;
    auto put = [&](const std::string& k, const std::string& v) {
      if (seen.insert(k).second) order.push_back(k);
      row[k] = v;
    };
    put("id", scalar(r["id"]));
    if (r.contains("params"))
      for (const auto& [k, v] : r["params"].items()) put("param_" + report::machine_key(k), scalar(v));
    put("seed", r.contains("seed") ? scalar(r["seed"]) : "");
    put("exit", scalar(r["exit"]));
    return row;
  };
  for (std::size_t n = 0; n < lines.size(); ++n) {
    Json r;
    try {
      r = Json::parse(lines[n]);
    } catch (const nlohmann::json::exception&) {
      throw input_error("merge --csv: record " + std::to_string(n + 1) + " is not JSON");
    }
    const Json& result = r.contains("result") ? r["result"] : Json();
    if (result.is_object() && result.contains("tables") && result["tables"].is_array()) {
      for (const auto& t : result["tables"]) {
        // the table's machine keys, as its own CSV has them
        report::Table shape;
        for (const auto& c : t["columns"]) shape.columns.push_back({c.value("name", ""), "", ""});
        const std::vector<std::string> keys = report::column_keys(shape);
        std::size_t i = 0;
        for (const auto& cells : t["rows"]) {
          Row row = base(r);
          if (seen.insert("table").second) order.push_back("table");
          if (seen.insert("row").second) order.push_back("row");
          row["table"] = t.value("name", "");
          row["row"] = std::to_string(i++);
          for (std::size_t k = 0; k < cells.size() && k < keys.size(); ++k) put_cell(row, order, seen, keys[k], cells[k]);
          rows.push_back(std::move(row));
        }
      }
    } else if (result.is_object() && result.contains("values") && result["values"].is_array()) {
      Row row = base(r);
      if (seen.insert("quantity").second) order.push_back("quantity");
      row["quantity"] = result.value("quantity", "");
      const auto& values = result["values"];
      for (std::size_t k = 0; k < values.size(); ++k)
        put_cell(row, order, seen, values.size() == 1 ? "value" : "value_" + std::to_string(k), values[k]);
      rows.push_back(std::move(row));
    } else {
      Row row = base(r);
      if (seen.insert("error").second) order.push_back("error");
      row["error"] = r.contains("error") ? scalar(r["error"]) : "";
      rows.push_back(std::move(row));
    }
  }
  std::string out;
  for (std::size_t k = 0; k < order.size(); ++k) out += (k ? "," : "") + csv_field(order[k]);
  out += "\n";
  for (const Row& row : rows) {
    for (std::size_t k = 0; k < order.size(); ++k) {
      const auto it = row.find(order[k]);
      out += (k ? "," : "") + (it == row.end() ? std::string() : csv_field(it->second));
    }
    out += "\n";
  }
  return out;
}

}  // namespace gdcert::sweep
