// Cross-predictability entry points.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "api/result.hpp"

namespace gdcert::api {

/** CP of a class: parities:n=N[:k=K] (cp.all_parities / cp.parities_degree), random:n=N (cp.random), list:SPEC;... */
struct ClassCp {
  Params parameters;         // class
  std::string description;   // e.g. "CP (uniform degree-2 parities, n = 10)"
  Result cp;
  std::optional<Result> class_size;     // degree-k parities: C(n, k)
  std::optional<Result> budget_factor;  // degree-k parities: CP^(-1/4) = C(n,k)^(1/4), a ball at prec bits
};

/** Errors: input_error naming the class grammar (parities:n=N[:k=K], random:n=N, list:SPEC;SPEC;...). */
ClassCp class_cp(const std::string& klass, std::uint64_t seed, long prec);

}  // namespace gdcert::api
