#include "boolean/cube_function.hpp"

#include <algorithm>
#include <cmath>

#include "exact/errors.hpp"
#include "exact/resources.hpp"

namespace gdcert::boolean {

namespace {
thread_local const TableLimit* innermost_limit = nullptr;
}  // namespace

TableLimit::TableLimit(unsigned max_table_n, std::string why)
    : max_n_(max_table_n), why_(std::move(why)), outer_(innermost_limit) {
  innermost_limit = this;
}

TableLimit::~TableLimit() { innermost_limit = outer_; }

void require_table_size(unsigned n, double bytes_per_entry, const char* what) {
  if (innermost_limit != nullptr && n > innermost_limit->max_n_)
    throw resource_error(innermost_limit->why_ + ", got n = " + std::to_string(n));
  if (n > max_n)
    throw input_error(std::string(what) + ": requires n <= " + std::to_string(max_n) + ", got n = " + std::to_string(n));
  require_memory(static_cast<long double>(bytes_per_entry) * std::ldexp(1.0L, static_cast<int>(n)),
                 std::string(what) + " (n = " + std::to_string(n) + ")");
}

CubeFunction CubeFunction::from_bits(unsigned n, std::vector<std::uint64_t> bits) {
  if (bits.size() != words_for(n))
    throw domain_error("CubeFunction::from_bits: requires " + std::to_string(words_for(n)) + " words for n = " +
                       std::to_string(n) + ", got " + std::to_string(bits.size()));
  if (n < 6) bits[0] &= (std::uint64_t{1} << (std::uint64_t{1} << n)) - 1;
  CubeFunction f;
  f.n_ = n;
  f.boolean_ = true;
  f.bits_ = std::move(bits);
  return f;
}

CubeFunction CubeFunction::from_signs(unsigned n, const std::vector<int>& signs) {
  if (n > max_n || signs.size() != (std::size_t{1} << n))
    throw domain_error("CubeFunction::from_signs: requires 2^n = " + std::to_string(std::size_t{1} << std::min(n, 40u)) +
                       " values, got " + std::to_string(signs.size()));
  std::vector<std::uint64_t> bits(words_for(n), 0);
  for (std::size_t i = 0; i < signs.size(); ++i) {
    if (signs[i] != 1 && signs[i] != -1)
      throw domain_error("CubeFunction::from_signs: requires values in {+1, -1}, got value " +
                         std::to_string(signs[i]) + " at index " + std::to_string(i));
    if (signs[i] == -1) bits[i >> 6] |= std::uint64_t{1} << (i & 63);
  }
  return from_bits(n, std::move(bits));
}

CubeFunction CubeFunction::from_values(unsigned n, std::vector<Rational> values) {
  if (n > max_n || values.size() != (std::size_t{1} << n))
    throw domain_error("CubeFunction::from_values: requires 2^n values for n = " + std::to_string(n) + ", got " +
                       std::to_string(values.size()));
  const Rational one(1), minus_one(-1);
  if (std::all_of(values.begin(), values.end(), [&](const Rational& v) { return v == one || v == minus_one; })) {
    std::vector<std::uint64_t> bits(words_for(n), 0);
    for (std::size_t i = 0; i < values.size(); ++i)
      if (values[i] == minus_one) bits[i >> 6] |= std::uint64_t{1} << (i & 63);
    return from_bits(n, std::move(bits));
  }
  CubeFunction f;
  f.n_ = n;
  f.boolean_ = false;
  f.bits_.clear();
  f.values_ = std::move(values);
  return f;
}

Rational CubeFunction::value(std::uint64_t i) const {
  if (i >= size())
    throw domain_error("CubeFunction::value: requires index < 2^n = " + std::to_string(size()) + ", got " +
                       std::to_string(i));
  return boolean_ ? Rational(sign(i)) : values_[i];
}

CubeFunction::Integerised CubeFunction::integerised() const {
  Integerised r;
  r.denominator = Integer(1);
  r.max_abs = Integer(boolean_ ? 1 : 0);
  r.numerators.reserve(size());
  if (boolean_) {
    for (std::uint64_t i = 0; i < size(); ++i) r.numerators.emplace_back(sign(i));
    return r;
  }
  for (const Rational& v : values_) r.denominator = lcm(r.denominator, v.den());
  for (const Rational& v : values_) {
    Integer scale;
    fmpz_divexact(scale.get(), r.denominator.get(), fmpq_denref(v.get()));  // exact: den | lcm
    Integer z = v.num() * scale;
    if (abs(z) > r.max_abs) r.max_abs = abs(z);
    r.numerators.push_back(std::move(z));
  }
  return r;
}

bool operator==(const CubeFunction& a, const CubeFunction& b) {
  if (a.n_ != b.n_) return false;
  if (a.boolean_ && b.boolean_) return a.bits_ == b.bits_;
  for (std::uint64_t i = 0; i < a.size(); ++i)
    if (a.value(i) != b.value(i)) return false;
  return true;
}

}  // namespace gdcert::boolean
