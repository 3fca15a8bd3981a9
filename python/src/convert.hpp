// Conversions shared by every binding file of gdcert._gdcert: library values become the package's Python classes
// (exact -> fractions.Fraction, ball -> gdcert.Ball with its exact dyadic bounds, float -> gdcert.Estimate, a
// formula-labelled result -> gdcert.Result), parameters a dict, Python numbers exact Rationals.
#pragma once
#include <pybind11/pybind11.h>

#include <optional>
#include <vector>

#include "api/result.hpp"
#include "exact/ball.hpp"
#include "exact/rational.hpp"
#include "exact/value.hpp"

namespace py = pybind11;

namespace gdcert::python {

/** The Python classes values become (python/gdcert/_types.py, _errors.py), looked up once and never released. */
struct PyClasses {
  py::object fraction, ball, estimate, result;
  py::object error, usage, input, domain, precision, overflow, resource;
};
PyClasses& classes();

py::object py_int(const fmpz_t z);
py::object py_int(const Integer& z);
py::object fraction(const Rational& q);
/** gdcert.Ball from an arb ball: Arb's text, the bit-exact dump, prec, and the exact dyadic mid, rad, lower, upper. */
py::object ball(const Ball& b, long prec);
py::object value(const Value& v);
py::object result(const api::Result& r);
py::object result(const std::optional<api::Result>& r);
py::list results(const std::vector<api::Result>& rs);
py::dict params(const api::Params& p);
/** A Python number (int, Fraction, or anything whose str() parses: "1/3", "0.25") as an exact Rational. */
Rational rational_arg(const py::handle& x);

}  // namespace gdcert::python
