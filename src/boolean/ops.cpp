#include "boolean/ops.hpp"

#include <bit>
#include <string>

#include "exact/errors.hpp"

namespace gdcert::boolean {

namespace {
constexpr Formula kOpsFormulas[] = {
    {"boolean.op.not", "~f = -f; for a ±1 function f = (-1)^g: ~f = (-1)^(g + 1)", "definition; proofs/boolean-criteria.md#ops", Tag::derived,
     "proofs/boolean-criteria.md#ops"},
    {"boolean.op.xor", "(f ^ g)(x) = f(x) g(x) = (-1)^(g_f + g_g): xor of the bits is the product of the ±1 values",
     "definition; proofs/boolean-criteria.md#ops", Tag::derived, "proofs/boolean-criteria.md#ops"},
    {"boolean.op.and_or", "in the bit convention b = (1 - x)/2: f & g = (-1)^(g_f g_g) = (1 + f + g - fg)/2, "
                          "f | g = (-1)^(g_f + g_g + g_f g_g) = (fg + f + g - 1)/2",
     "definition; proofs/boolean-criteria.md#ops", Tag::derived, "proofs/boolean-criteria.md#ops"},
    {"boolean.op.linear", "linear(f, A, s)(b) = f(A b + s) over GF(2); in ±1 terms x'_r = (-1)^(s_r) prod_{j in row r} x_j",
     "definition; proofs/boolean-criteria.md#ops", Tag::derived, "proofs/boolean-criteria.md#ops"},
    {"boolean.op.concat", "concat(f, g)(x, x_{n+1}) = f(x) if x_{n+1} = +1, g(x) if x_{n+1} = -1; "
                          "W_h(a, 0) = W_f(a) + W_g(a), W_h(a, 1) = W_f(a) - W_g(a)",
     "standard (Carlet 2021, §2.3); proofs/boolean-criteria.md#ops", Tag::derived, "proofs/boolean-criteria.md#ops"},
    {"boolean.op.restrict", "restrict(f, x_j = c): the function of the other n - 1 variables with x_j fixed to c in {±1}",
     "definition; proofs/boolean-criteria.md#ops", Tag::derived, "proofs/boolean-criteria.md#ops"},
    {"boolean.derivative", "D_u f(x) = f(x) f(x chi_u) (bits: g(b) + g(b + u)); E[D_u f] = Delta_f(u) / 2^n and "
                           "deg_2 D_u f <= deg_2 f - 1 for u != 0",
     "standard (Lai 1994; Carlet 2021, §2.3); proofs/boolean-criteria.md#ops", Tag::derived, "proofs/boolean-criteria.md#ops"},
};

void require_same_n(const CubeFunction& f, const CubeFunction& g, const char* what) {
  if (f.n() != g.n())
    throw input_error(std::string(what) + ": requires both operands on the same number of variables, got n = " +
                      std::to_string(f.n()) + " and n = " + std::to_string(g.n()));
}
void require_pm1(const CubeFunction& f, const char* what) {
  if (!f.is_boolean()) throw input_error(std::string(what) + ": requires ±1-valued operands, got a real-valued one");
}
CubeFunction bitwise(const CubeFunction& f, const CubeFunction& g, const char* what, int op) {
  require_same_n(f, g, what);
  require_pm1(f, what);
  require_pm1(g, what);
  require_table_size(f.n(), 1.0 / 8, what);
  std::vector<std::uint64_t> b = f.bits();
  for (std::size_t w = 0; w < b.size(); ++w) {
    const std::uint64_t x = g.bits()[w];
    b[w] = op == 0 ? (b[w] ^ x) : op == 1 ? (b[w] & x) : (b[w] | x);
  }
  return CubeFunction::from_bits(f.n(), std::move(b));
}
/** h(i) = f(map(i)) over the 2^n_new indices i (Boolean: bits; real: values). */
template <class Map>
CubeFunction reindex(const CubeFunction& f, unsigned n_new, const char* what, Map map) {
  const std::uint64_t size = std::uint64_t{1} << n_new;
  if (f.is_boolean()) {
    require_table_size(n_new, 1.0 / 8, what);
    std::vector<std::uint64_t> bits(words_for(n_new), 0);
    for (std::uint64_t i = 0; i < size; ++i)
      if (f.sign(map(i)) < 0) bits[i >> 6] |= std::uint64_t{1} << (i & 63);
    return CubeFunction::from_bits(n_new, std::move(bits));
  }
  require_table_size(n_new, 48, what);
  std::vector<Rational> v;
  v.reserve(size);
  for (std::uint64_t i = 0; i < size; ++i) v.push_back(f.values()[map(i)]);
  return CubeFunction::from_values(n_new, std::move(v));
}
}  // namespace

std::span<const Formula> ops_formulas() { return kOpsFormulas; }

CubeFunction op_not(const CubeFunction& f) {
  if (f.is_boolean()) {
    require_table_size(f.n(), 1.0 / 8, "not");
    std::vector<std::uint64_t> b = f.bits();
    for (auto& w : b) w = ~w;  // from_bits clears the bits beyond 2^n
    return CubeFunction::from_bits(f.n(), std::move(b));
  }
  require_table_size(f.n(), 48, "not");
  std::vector<Rational> v = f.values();
  for (auto& x : v) x = -x;
  return CubeFunction::from_values(f.n(), std::move(v));
}

CubeFunction op_xor(const CubeFunction& f, const CubeFunction& g) { return bitwise(f, g, "xor", 0); }
CubeFunction op_and(const CubeFunction& f, const CubeFunction& g) { return bitwise(f, g, "and", 1); }
CubeFunction op_or(const CubeFunction& f, const CubeFunction& g) { return bitwise(f, g, "or", 2); }

CubeFunction op_linear(const CubeFunction& f, const std::vector<std::uint64_t>& rows, unsigned cols, std::uint64_t shift) {
  if (rows.size() != f.n())
    throw input_error("linear: requires as many rows of A as f has variables (" + std::to_string(f.n()) + "), got " +
                      std::to_string(rows.size()));
  if (cols > max_n) throw input_error("linear: requires at most " + std::to_string(max_n) + " columns, got " + std::to_string(cols));
  for (std::uint64_t r : rows)
    if (cols < 64 && (r >> cols) != 0) throw input_error("linear: a row of A has a bit beyond column " + std::to_string(cols));
  if (f.n() < 64 && (shift >> f.n()) != 0) throw input_error("linear: the shift has a bit beyond f's " + std::to_string(f.n()) + " variables");
  return reindex(f, cols, "linear", [&](std::uint64_t i) {
    std::uint64_t j = shift;
    for (std::size_t r = 0; r < rows.size(); ++r) j ^= static_cast<std::uint64_t>(std::popcount(rows[r] & i) & 1) << r;
    return j;
  });
}

CubeFunction op_concat(const CubeFunction& f, const CubeFunction& g) {
  require_same_n(f, g, "concat");
  if (f.n() + 1 > max_n) throw input_error("concat: requires n + 1 <= " + std::to_string(max_n) + ", got n = " + std::to_string(f.n()));
  const std::uint64_t half = f.size();
  if (f.is_boolean() && g.is_boolean()) {
    require_table_size(f.n() + 1, 1.0 / 8, "concat");
    std::vector<std::uint64_t> bits(words_for(f.n() + 1), 0);
    for (std::uint64_t i = 0; i < half; ++i) {
      if (f.sign(i) < 0) bits[i >> 6] |= std::uint64_t{1} << (i & 63);
      if (g.sign(i) < 0) bits[(i + half) >> 6] |= std::uint64_t{1} << ((i + half) & 63);
    }
    return CubeFunction::from_bits(f.n() + 1, std::move(bits));
  }
  require_table_size(f.n() + 1, 48, "concat");
  std::vector<Rational> v;
  v.reserve(2 * half);
  for (std::uint64_t i = 0; i < half; ++i) v.push_back(f.value(i));
  for (std::uint64_t i = 0; i < half; ++i) v.push_back(g.value(i));
  return CubeFunction::from_values(f.n() + 1, std::move(v));
}

CubeFunction op_restrict(const CubeFunction& f, const std::vector<std::pair<unsigned, int>>& fixed) {
  std::uint64_t fixed_mask = 0, fixed_bits = 0;
  for (const auto& [j, c] : fixed) {
    if (j < 1 || j > f.n())
      throw input_error("restrict: requires variables in [1, n] = [1, " + std::to_string(f.n()) + "], got x" + std::to_string(j));
    if (c != 1 && c != -1) throw input_error("restrict: requires values +1 or -1, got " + std::to_string(c));
    const std::uint64_t bit = std::uint64_t{1} << (j - 1);
    if (fixed_mask & bit) throw input_error("restrict: x" + std::to_string(j) + " fixed twice");
    fixed_mask |= bit;
    if (c < 0) fixed_bits |= bit;
  }
  std::vector<unsigned> free_vars;
  for (unsigned j = 0; j < f.n(); ++j)
    if (!((fixed_mask >> j) & 1)) free_vars.push_back(j);
  return reindex(f, static_cast<unsigned>(free_vars.size()), "restrict", [&](std::uint64_t i) {
    std::uint64_t j = fixed_bits;
    for (std::size_t k = 0; k < free_vars.size(); ++k) j |= ((i >> k) & 1) << free_vars[k];
    return j;
  });
}

CubeFunction op_derivative(const CubeFunction& f, std::uint64_t u) {
  if (f.n() < 64 && (u >> f.n()) != 0) throw input_error("deriv: requires u inside [1, n] = [1, " + std::to_string(f.n()) + "]");
  if (f.is_boolean()) {
    require_table_size(f.n(), 1.0 / 8, "deriv");
    std::vector<std::uint64_t> bits(words_for(f.n()), 0);
    for (std::uint64_t i = 0; i < f.size(); ++i)
      if (f.sign(i) != f.sign(i ^ u)) bits[i >> 6] |= std::uint64_t{1} << (i & 63);
    return CubeFunction::from_bits(f.n(), std::move(bits));
  }
  require_table_size(f.n(), 48, "deriv");
  std::vector<Rational> v;
  v.reserve(f.size());
  for (std::uint64_t i = 0; i < f.size(); ++i) v.push_back(f.values()[i] * f.values()[i ^ u]);
  return CubeFunction::from_values(f.n(), std::move(v));
}

}  // namespace gdcert::boolean
