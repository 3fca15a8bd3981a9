#include "api/result.hpp"

#include "api/formulas.hpp"

namespace gdcert::api {

const Formula* Result::provenance() const { return find_formula(formula); }

std::string_view to_string(Verdict v) {
  switch (v) {
    case Verdict::yes: return "yes";
    case Verdict::no: return "no";
    case Verdict::undecided: return "undecided at this precision";
  }
  return "undecided at this precision";
}

std::vector<Result> results(const std::vector<Value>& values, const std::string& formula) {
  std::vector<Result> out;
  out.reserve(values.size());
  for (const auto& v : values) out.push_back({v, formula});
  return out;
}

}  // namespace gdcert::api
