// A bound or identity that `gdcert bound` can list and evaluate.
#pragma once
#include <functional>
#include <map>
#include <optional>
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

/**
 * One output's value, or the reason there is none: an inversion with no solution ("largest sigma" when every sigma,
 * or none, allows the target) says so in words instead of printing a number that is not one.
 */
struct BoundValue {
  std::optional<Value> value;
  std::string absent;  // why there is no value (empty when value is set)
  /**
   * For an upper bound on a bounded quantity: the value it has without any theorem (1/2 for an advantage, 1 for a
   * success probability, M ||f|| for a correlation). A bound at or above it is vacuous; api::evaluate_bound says so.
   */
  std::optional<Rational> trivial;
  BoundValue(Value v) : value(std::move(v)) {}  // NOLINT implicit: most outputs are values
  BoundValue(Value v, Rational trivial_value) : value(std::move(v)), trivial(std::move(trivial_value)) {}
  static BoundValue none(std::string why) {
    BoundValue b{Value()};
    b.value.reset();
    b.absent = std::move(why);
    return b;
  }
};

/** Named outputs of one evaluation, in display order (e.g. {"advantage bound", v}, {"least T", v}). */
using BoundOutputs = std::vector<std::pair<std::string, BoundValue>>;

struct BoundEntry {
  std::string_view formula_id;  // id in the module's formula table (source and tag come from there)
  std::string_view summary;     // one line
  std::vector<BoundParam> params;
  std::function<BoundOutputs(const BoundArgs&, long prec_bits)> evaluate;
};

}  // namespace gdcert::bounds
