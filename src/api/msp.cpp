#include "api/msp.hpp"

#include <algorithm>
#include <bit>

#include "alignment/msp.hpp"
#include "boolean/spec.hpp"
#include "boolean/walsh.hpp"
#include "exact/errors.hpp"

namespace gdcert::api {

Msp msp(const MspRequest& req) {
  using namespace alignment;
  Msp out;
  Rational norm2(0);
  if (!req.support.empty()) {
    if (!req.spec.empty()) throw usage_error("msp: give a SPEC or --support, not both");
    out.support = parse_support(req.support);
    out.target = "support " + req.support;
    for (std::uint64_t s : out.support) out.d = std::max(out.d, 64u - static_cast<unsigned>(std::countl_zero(s)));
    out.parameters = {{"support", req.support}};
  } else {
    if (req.spec.empty()) throw usage_error("msp: requires a SPEC or --support");
    // the limit of support_of, checked as the spec's tables are built (at n = 30 the table and its transform took
    // seconds and 4 GiB before the refusal)
    const boolean::TableLimit limit(kMaxSupportN, "msp: requires n <= " + std::to_string(kMaxSupportN) + " to list the support");
    const boolean::ParsedSpec ps = boolean::parse_spec(req.spec, req.seed);
    const auto s = boolean::walsh_spectrum(ps.function);
    out.from_spec = true;
    out.support = support_of(s);
    out.d = ps.function.n();
    for (const auto& w : s.level_weights()) norm2 += w;
    out.target = ps.canonical;
    out.parameters = {{"spec", ps.canonical}, {"n", std::to_string(out.d)}, {"seed", std::to_string(req.seed)}};
  }
  const MspResult r = msp_closure(out.support);
  out.support_size = {Value(static_cast<long long>(r.order.size())), ""};
  out.msp = r.msp;
  out.is_msp = {Value(static_cast<long long>(r.msp ? 1 : 0)), "msp.closure"};
  out.leap = {Value(static_cast<long long>(r.leap)), "msp.leap"};
  out.closure = r.absorbed_mmsp;
  out.order = r.order;
  out.new_coordinates = r.new_coordinates;
  out.residual = r.residual;
  // The bound scales with ||f||^2: an explicit support has no norm, a zero function nothing to bound.
  if (!r.residual.empty() && out.d >= 2 && !norm2.is_zero())
    out.residual_bound = Result{Value(msp_residual_bound(r, out.d, norm2)), "msp.residual_bound"};
  out.notes.push_back("support from exact coefficients: an exact zero removes a set, a tiny nonzero rational does not");
  return out;
}

}  // namespace gdcert::api
