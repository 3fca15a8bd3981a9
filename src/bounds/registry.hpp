// A bound or identity that `gdcert bound` can list and evaluate.
#pragma once
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "exact/value.hpp"

namespace gdcert::bounds {

/** One named parameter of a bound: name, meaning, default ("" = required). */
struct BoundParam {
  std::string_view name;
  std::string_view meaning;
  std::string_view default_value;
  bool vector = false;  // a comma list is one vector value (a point, a level set), never a grid axis
};

using BoundArgs = std::map<std::string, std::string>;
/** Named outputs of one evaluation, in display order (e.g. {"advantage bound", v}, {"least T", v}). */
using BoundOutputs = std::vector<std::pair<std::string, Value>>;

struct BoundEntry {
  std::string_view formula_id;  // id in the module's formula table (source and tag come from there)
  std::string_view summary;     // one line
  std::vector<BoundParam> params;
  std::function<BoundOutputs(const BoundArgs&, long prec_bits)> evaluate;
};

}  // namespace gdcert::bounds
