// The merged-staircase property entry point (`gdcert msp`): the MSP, the leap, the absorbing order and the
// (reconstructed) residual alignment bound of a spec's Walsh support (exact zeros only) or of an explicit support.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "api/requests.hpp"
#include "api/result.hpp"

namespace gdcert::api {

struct Msp {
  Params parameters;        // support | spec (canonical), n (with a spec), seed (with a spec)
  std::string target;       // "support TEXT" or the canonical spec
  bool from_spec = false;
  unsigned d = 0;           // coordinates: n of a spec, the largest coordinate of an explicit support
  std::vector<std::uint64_t> support;  // the sets as bitmasks (coordinate i is bit i - 1)
  Result support_size;      // nonempty sets (a count)
  bool msp = false;
  Result is_msp;            // 1 if the support has the MSP, else 0 (msp.closure)
  Result leap;              // min over orderings of max_i |S_i \ U_{i-1}| (msp.leap)
  std::uint64_t closure = 0;              // the MSP closure U (every set with |S \ U| <= 1 absorbed)
  std::vector<std::uint64_t> order;       // the absorbing order (greedy: fewest new coordinates first)
  std::vector<unsigned> new_coordinates;  // |S_i \ U_{i-1}| along the order (msp.closure)
  std::vector<std::uint64_t> residual;    // sets the MSP closure does not absorb
  /** A spec with ||f||^2 > 0, d >= 2 and sets left outside the closure: the residual bound (msp.residual_bound). */
  std::optional<Result> residual_bound;
  std::vector<std::string> notes;
};

/**
 * Errors: usage_error (spec and support both or neither), input_error (malformed spec or support), resource_error
 * (more than 2^16 sets).
 */
Msp msp(const MspRequest& req);

}  // namespace gdcert::api
