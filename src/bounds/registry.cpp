#include <string>

#include "bounds/all.hpp"
#include "bounds/depth_separation.hpp"
#include "bounds/noisy_gd.hpp"
#include "exact/errors.hpp"

namespace gdcert::bounds {

std::vector<BoundEntry> all_bounds() {
  std::vector<BoundEntry> all;
  for (auto& e : noisy_gd_bounds()) all.push_back(std::move(e));
  for (auto& e : depth_separation_bounds()) all.push_back(std::move(e));
  return all;
}

const BoundEntry& find_bound(const std::vector<BoundEntry>& all, std::string_view id) {
  for (const auto& e : all)
    if (e.formula_id == id) return e;
  std::string ids;
  for (const auto& e : all) ids += (ids.empty() ? "" : ", ") + std::string(e.formula_id);
  throw input_error("bound: unknown id \"" + std::string(id) + "\" (known: " + ids + ")");
}

BoundArgs complete_args(const BoundEntry& e, const BoundArgs& given) {
  BoundArgs out;
  for (const auto& [k, v] : given) {
    bool known = false;
    for (const auto& p : e.params) known = known || p.name == k;
    if (!known) {
      std::string names;
      for (const auto& p : e.params) names += (names.empty() ? "" : ", ") + std::string(p.name);
      throw input_error("bound " + std::string(e.formula_id) + ": unknown parameter \"" + k + "\" (known: " + names + ")");
    }
    out[k] = v;
  }
  for (const auto& p : e.params) {
    if (out.count(std::string(p.name))) continue;
    if (p.default_value.empty())
      throw input_error("bound " + std::string(e.formula_id) + ": requires parameter " + std::string(p.name) + " (" +
                        std::string(p.meaning) + ")");
    out[std::string(p.name)] = std::string(p.default_value);
  }
  return out;
}

}  // namespace gdcert::bounds
