#include "exact/value.hpp"

#include <fmt/format.h>

#include <stdexcept>

namespace gdcert {

std::string_view to_string(Kind k) {
  switch (k) {
    case Kind::exact: return "exact";
    case Kind::ball: return "ball";
    case Kind::floating: return "float";
  }
  return "unknown";
}

Value Value::from_double(double x, std::optional<double> stderr_, std::optional<std::uint64_t> samples) {
  Value v;
  v.kind_ = Kind::floating;
  v.float_ = x;
  v.stderr_ = stderr_;
  v.samples_ = samples;
  return v;
}

const Rational& Value::exact() const {
  if (kind_ != Kind::exact) throw std::logic_error("internal: Value::exact on a " + std::string(to_string(kind_)));
  return exact_;
}
const Ball& Value::ball() const {
  if (kind_ != Kind::ball) throw std::logic_error("internal: Value::ball on a " + std::string(to_string(kind_)));
  return ball_;
}
double Value::floating() const {
  if (kind_ != Kind::floating) throw std::logic_error("internal: Value::floating on a " + std::string(to_string(kind_)));
  return float_;
}

int digits_for_prec(slong prec) {
  // ceil(prec * log10(2)) in integers: log10(2) < 30103/100000.
  return prec <= 0 ? 1 : static_cast<int>((prec * 30103 + 99999) / 100000);
}

std::string format_double(double x) { return fmt::format("{:.17g}", x); }

std::string Value::str(int digits) const {
  switch (kind_) {
    case Kind::exact: return exact_.str();
    case Kind::ball: return ball_.str(digits > 0 ? digits : digits_for_prec(prec_));
    case Kind::floating:
      return stderr_ ? format_double(float_) + " +/- " + format_double(*stderr_) : format_double(float_);
  }
  return "";
}

}  // namespace gdcert
