#include "convert.hpp"

#include <string>

namespace gdcert::python {

// ---- the Python classes the values become (python/gdcert/_types.py, _errors.py), looked up once ----

PyClasses& classes() {
  // Leaked on purpose: these handles must outlive every module teardown order at interpreter exit.
  static PyClasses* c = [] {
    auto* p = new PyClasses;
    p->fraction = py::module_::import("fractions").attr("Fraction");
    const py::module_ t = py::module_::import("gdcert._types");
    p->ball = t.attr("Ball");
    p->estimate = t.attr("Estimate");
    p->result = t.attr("Result");
    const py::module_ e = py::module_::import("gdcert._errors");
    p->error = e.attr("Error");
    p->usage = e.attr("UsageError");
    p->input = e.attr("InputError");
    p->domain = e.attr("DomainError");
    p->precision = e.attr("PrecisionError");
    p->overflow = e.attr("IntegerOverflowError");
    p->resource = e.attr("ResourceError");
    return p;
  }();
  return *c;
}

// ---- numbers ----

py::object py_int(const fmpz_t z) {
  if (fmpz_fits_si(z)) return py::int_(static_cast<long long>(fmpz_get_si(z)));
  char* s = fmpz_get_str(nullptr, 16, z);
  PyObject* o = PyLong_FromString(s, nullptr, 16);
  flint_free(s);
  if (!o) throw py::error_already_set();
  return py::reinterpret_steal<py::object>(o);
}

py::object py_int(const Integer& z) { return py_int(z.get()); }

py::object fraction(const Rational& q) {
  return classes().fraction(py_int(fmpq_numref(q.get())), py_int(fmpq_denref(q.get())));
}

namespace {

/** A finite arf as the exact pair (m, e) with value m * 2^e; None when not finite. */
py::object dyadic(const arf_t x) {
  if (!arf_is_finite(x)) return py::none();
  fmpz_t m, e;
  fmpz_init(m);
  fmpz_init(e);
  arf_get_fmpz_2exp(m, e, x);
  py::object out = py::make_tuple(py_int(m), py_int(e));
  fmpz_clear(m);
  fmpz_clear(e);
  return out;
}

}  // namespace

/** gdcert.Ball from an arb ball: Arb's text, the bit-exact dump, prec, and the exact dyadic mid, rad, lower, upper. */
py::object ball(const Ball& b, long prec) {
  arf_t r, lo, hi;
  arf_init(r);
  arf_init(lo);
  arf_init(hi);
  arf_set_mag(r, arb_radref(b.get()));
  arb_get_lbound_arf(lo, b.get(), ARF_PREC_EXACT);  // exact: mid - rad with no rounding
  arb_get_ubound_arf(hi, b.get(), ARF_PREC_EXACT);
  py::object out = classes().ball(Value(b, prec).str(), b.dump(), prec, dyadic(arb_midref(b.get())), dyadic(r), dyadic(lo), dyadic(hi));
  arf_clear(r);
  arf_clear(lo);
  arf_clear(hi);
  return out;
}

py::object value(const Value& v) {
  switch (v.kind()) {
    case Kind::exact: return fraction(v.exact());
    case Kind::ball: return ball(v.ball(), v.prec());
    case Kind::floating: {
      py::object se = v.stderr_value() ? py::object(py::float_(*v.stderr_value())) : py::none();
      py::object n = v.samples() ? py::object(py::int_(*v.samples())) : py::none();
      return classes().estimate(v.floating(), se, n);
    }
  }
  return py::none();
}

py::object result(const api::Result& r) { return classes().result(value(r.value), r.formula); }
py::object result(const std::optional<api::Result>& r) { return r ? result(*r) : py::none(); }
py::list results(const std::vector<api::Result>& rs) {
  py::list l;
  for (const auto& r : rs) l.append(result(r));
  return l;
}
py::dict params(const api::Params& p) {
  py::dict d;
  for (const auto& [k, v] : p) d[py::str(k)] = v;
  return d;
}

/** A Python number (int, Fraction, or anything whose str() parses: "1/3", "0.25") as an exact Rational. */
Rational rational_arg(const py::handle& x) {
  if (py::isinstance<py::str>(x)) return Rational::parse(x.cast<std::string>());
  if (py::hasattr(x, "numerator") && py::hasattr(x, "denominator") && !py::isinstance<py::float_>(x))
    return Rational::parse(py::str(x.attr("numerator")).cast<std::string>() + "/" +
                           py::str(x.attr("denominator")).cast<std::string>());
  return Rational::parse(py::str(x).cast<std::string>());  // floats: their shortest repr, as typed on a command line
}

}  // namespace gdcert::python
