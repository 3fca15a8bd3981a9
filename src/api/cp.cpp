#include "api/cp.hpp"

#include <vector>

#include "alignment/cp.hpp"
#include "api/precision.hpp"
#include "boolean/spec.hpp"
#include "exact/errors.hpp"
#include "exact/text.hpp"

namespace gdcert::api {

namespace {

unsigned field_uint(const std::string& klass, const std::string& field, const std::string& key, unsigned max) {
  const std::string prefix = key + "=";
  if (field.rfind(prefix, 0) != 0) throw input_error("cp --class " + klass + ": expected " + key + "=N, got \"" + field + "\"");
  const Integer z = Integer::parse(field.substr(prefix.size()));
  if (z.sign() < 0 || z > Integer(static_cast<long long>(max)))
    throw input_error("cp --class " + klass + ": requires 0 <= " + key + " <= " + std::to_string(max) + ", got " + z.str());
  return static_cast<unsigned>(z.to_si());
}

}  // namespace

ClassCp class_cp(const std::string& klass, std::uint64_t seed, long prec) {
  using namespace alignment;
  check_prec(prec);
  const auto parts = split_list(klass, ':');
  const std::string& fam = parts[0];
  ClassCp c;
  c.parameters = {{"class", klass}};
  if (fam == "parities") {
    if (parts.size() < 2 || parts.size() > 3) throw input_error("cp --class: expected parities:n=N[:k=K]");
    const unsigned n = field_uint(klass, parts[1], "n", 1u << 20);
    if (parts.size() == 3) {
      const unsigned k = field_uint(klass, parts[2], "k", n);
      c.description = "CP (uniform degree-" + std::to_string(k) + " parities, n = " + std::to_string(n) + ")";
      c.cp = {Value(cp_parities_degree(n, k)), "cp.parities_degree"};
      c.class_size = Result{Value(Integer::binomial(n, k)), ""};
      // The [AS20] budget factor CP^{-1/4} = C(n,k)^{1/4}.
      Ball b = to_ball(Rational(Integer::binomial(n, k)), prec);
      arb_root_ui(b.get(), b.get(), 4, prec);
      c.budget_factor = Result{Value(b, prec), "cp.parities_degree"};
    } else {
      c.description = "CP (all 2^n parities, n = " + std::to_string(n) + ")";
      c.cp = {Value(cp_all_parities(n)), "cp.all_parities"};
    }
  } else if (fam == "random") {
    if (parts.size() != 2) throw input_error("cp --class: expected random:n=N");
    const unsigned n = field_uint(klass, parts[1], "n", 1u << 20);
    c.description = "CP (uniformly random Boolean functions, n = " + std::to_string(n) + ")";
    c.cp = {Value(cp_random_functions(n)), "cp.random"};
  } else if (fam == "list") {
    std::vector<boolean::CubeFunction> fs;
    for (const auto& spec : split_list(klass.substr(5), ';')) fs.push_back(boolean::parse_spec(spec, seed).function);
    c.description = "CP (uniform over " + std::to_string(fs.size()) + " listed functions)";
    c.cp = {Value(cp_list(fs)), "cp.definition"};
  } else {
    throw input_error("cp --class: unknown class \"" + fam + "\" (known: parities:n=N[:k=K], random:n=N, list:SPEC;SPEC;...)");
  }
  return c;
}

}  // namespace gdcert::api
