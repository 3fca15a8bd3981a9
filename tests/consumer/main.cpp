// Uses the installed library through its API: a quantity by name, a typed entry point, the formula registry.
// Exits 0 when the values are the known exact ones (majority on 3 bits: W_1 = 3/4, W_3 = 1/4).
#include <iostream>

#include "api/formulas.hpp"
#include "api/inal.hpp"
#include "api/quantities.hpp"
#include "exact/errors.hpp"

int main() {
  using namespace gdcert;
  const api::Quantity q = api::evaluate("walsh.level_weights", {{"spec", "majority:n=3"}});
  if (q.values.size() != 4 || q.values[1].value.str() != "3/4" || q.values[3].value.str() != "1/4") {
    std::cerr << "consumer: unexpected level weights\n";
    return 1;
  }
  const Formula* f = q.values[1].provenance();
  if (!f || f->id != "walsh.level_weight") {
    std::cerr << "consumer: missing provenance\n";
    return 1;
  }
  api::InalRequest r;
  r.spec = "majority:n=3";
  r.act = "relu";
  r.init = "rademacher";
  r.bias = "none";
  const api::InalResult inal = api::inal(r);
  std::cout << "W_1(majority:n=3) = " << q.values[1].value.str() << " [" << f->id << ", " << to_string(f->tag) << ", "
            << f->source << "]\n"
            << "INAL(majority:n=3, relu, rademacher) = " << inal.inal.value.str() << " (route " << inal.route << ")\n";
  try {
    api::evaluate("walsh.level_weights", {{"spec", "majority:n=x"}});
    std::cerr << "consumer: a malformed spec was accepted\n";
    return 1;
  } catch (const input_error&) {
  }
  return 0;
}
