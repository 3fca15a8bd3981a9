// What the library returns: values that carry their kind (exact | ball | float, in Value), the id of the formula
// that produced them (whose tag, source and proof are in the formula registry) and the resolved parameters.
#pragma once
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "exact/formula.hpp"
#include "exact/value.hpp"

namespace gdcert::api {

/** Resolved parameters: every default filled in, specs in canonical form. */
using Params = std::map<std::string, std::string, std::less<>>;

/** One number and its provenance. */
struct Result {
  Value value;
  std::string formula;  // registry id ("" for raw data, e.g. a truth-table entry or a count)

  /** The registry entry of `formula` (tag, source, statement, proof), or nullptr when formula is "". */
  const Formula* provenance() const;
};

/** A certified decision on balls: yes, no, or undecided at this precision; never a midpoint guess. */
enum class Verdict { yes, no, undecided };
std::string_view to_string(Verdict v);

/** Results of one formula id from values. */
std::vector<Result> results(const std::vector<Value>& values, const std::string& formula);

}  // namespace gdcert::api
