// gdcert sbox SPEC: the tables of what api::sbox returns.
#include "api/sbox.hpp"
#include "exact/errors.hpp"
#include "report/views.hpp"

namespace gdcert::report {

Document sbox_document(const api::SBoxRequest& req) {
  const api::SBoxResult r = api::sbox(req);
  Document doc;
  doc.verb = "sbox";
  doc.parameters = {{"spec", r.canonical}, {"n", std::to_string(r.n)}, {"m", std::to_string(r.m)}};
  const std::string& spec = r.canonical;
  const unsigned base = req.zero_based ? 0 : 1;
  Table t{"sbox_summary", "S-box " + spec + ": linear and differential properties (exact integers)",
          {{"quantity", "", ""}, {"value", "", ""}, {"formula", "", ""}}, {}, {}};
  t.rows.push_back({std::string("n (input bits)"), static_cast<long long>(r.n), std::string("")});
  t.rows.push_back({std::string("m (output bits)"), static_cast<long long>(r.m), std::string("")});
  t.rows.push_back({std::string("bijective"), std::string(r.bijective ? "yes" : "no"), std::string("")});
  t.rows.push_back({std::string("linearity max_{a, b != 0} |LAT(a, b)|"), r.linearity.value, r.linearity.formula});
  t.rows.push_back({std::string("nonlinearity 2^(n-1) - linearity/2"), r.nonlinearity.value, r.nonlinearity.formula});
  t.rows.push_back({std::string("differential uniformity max_{a != 0, b} DDT(a, b)"), r.differential_uniformity.value,
                    r.differential_uniformity.formula});
  t.rows.push_back({std::string("algebraic degree (max over coordinates)"), r.algebraic_degree.value, r.algebraic_degree.formula});
  t.notes.push_back("LAT(a, b) = sum_x (-1)^(a.x + b.S(x)) (Walsh convention; Sage's default 'absolute_bias' LAT is LAT/2); "
                    "DDT(a, b) = #{x : S(x + a) + S(x) = b}; a, b are integers whose bit j is variable x" +
                    std::to_string(base) + "+j");
  doc.tables.push_back(std::move(t));
  Table lh{"lat_histogram", "LAT value histogram of " + spec + " (b != 0)",
           {{"LAT(a, b)", "", "boolean.sbox.lat"}, {"count", "", ""}}, {}, {}};
  for (const auto& [v, c] : r.lat_histogram) lh.rows.push_back({static_cast<long long>(v), static_cast<long long>(c)});
  doc.tables.push_back(std::move(lh));
  Table dh{"ddt_histogram", "DDT value histogram of " + spec + " (a != 0)",
           {{"DDT(a, b)", "", "boolean.sbox.ddt"}, {"count", "", ""}}, {}, {}};
  for (const auto& [v, c] : r.ddt_histogram) dh.rows.push_back({static_cast<long long>(v), static_cast<long long>(c)});
  doc.tables.push_back(std::move(dh));
  if (req.lat || req.ddt) {
    if (r.n + r.m > 16)
      throw resource_error("sbox --lat/--ddt: lists tables of at most 2^16 entries, got 2^" + std::to_string(r.n + r.m));
    const std::uint64_t N = std::uint64_t{1} << r.n, M = std::uint64_t{1} << r.m;
    auto matrix = [&](const std::string& name, const std::string& caption, const std::string& fid, auto get) {
      Table x{name, caption, {{"a", "", ""}}, {}, {}};
      for (std::uint64_t b = 0; b < M; ++b) x.columns.push_back({"b=" + std::to_string(b), "", fid});
      for (std::uint64_t a = 0; a < N; ++a) {
        std::vector<Cell> row{static_cast<long long>(a)};
        for (std::uint64_t b = 0; b < M; ++b) row.emplace_back(static_cast<long long>(get(a * M + b)));
        x.rows.push_back(std::move(row));
      }
      doc.tables.push_back(std::move(x));
    };
    if (req.lat)
      matrix("lat", "Linear approximation table of " + spec + ": row a (input mask), column b (output mask)",
             "boolean.sbox.lat", [&](std::uint64_t i) { return r.lat[i]; });
    if (req.ddt)
      matrix("ddt", "Difference distribution table of " + spec + ": row a (input difference), column b (output difference)",
             "boolean.sbox.ddt", [&](std::uint64_t i) { return r.ddt[i]; });
  }
  return doc;
}

}  // namespace gdcert::report
