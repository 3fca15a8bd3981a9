// gdcert._gdcert: the pybind11 binding of the library's front door (src/api), not of the command line. The public,
// documented Python API is the package gdcert (python/gdcert/__init__.py), which wraps these functions; this module
// converts values (exact -> fractions.Fraction, ball -> gdcert.Ball with exact dyadic endpoints, float ->
// gdcert.Estimate), pairs each with its formula id (gdcert.Result), translates the C++ errors into gdcert.Error
// subclasses and releases the GIL while the library computes.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cstdint>
#include <string>
#include <vector>

#include "api/cp.hpp"
#include "api/formulas.hpp"
#include "api/inal.hpp"
#include "api/precision.hpp"
#include "api/quantities.hpp"
#include "api/walsh.hpp"
#include "boolean/spec.hpp"
#include "exact/errors.hpp"
#include "exact/versions.hpp"

namespace py = pybind11;
using namespace gdcert;

namespace {

// ---- the Python classes the values become (python/gdcert/_types.py, _errors.py), looked up once ----

struct PyClasses {
  py::object fraction, ball, estimate, result;
  py::object error, usage, input, domain, precision, overflow, resource;
};

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

// ---- errors ----

void translate(std::exception_ptr p) {
  try {
    if (p) std::rethrow_exception(p);
  } catch (const gdcert::error& e) {
    PyClasses& c = classes();
    py::object cls = dynamic_cast<const usage_error*>(&e)       ? c.usage
                     : dynamic_cast<const input_error*>(&e)     ? c.input
                     : dynamic_cast<const domain_error*>(&e)    ? c.domain
                     : dynamic_cast<const precision_error*>(&e) ? c.precision
                     : dynamic_cast<const overflow_error*>(&e)  ? c.overflow
                     : dynamic_cast<const resource_error*>(&e)  ? c.resource
                                                                : c.error;
    PyErr_SetString(cls.ptr(), e.what());
  }
}

// ---- the Walsh spectrum ----

py::object numerators(py::object self) {
  const auto& s = self.cast<const api::WalshSpectrum&>();
  py::array a;
  if (const auto v = s.numerators_int32(); !v.empty())
    a = py::array_t<std::int32_t>({v.size()}, {sizeof(std::int32_t)}, v.data(), self);  // base = self: no copy
  else if (const auto w = s.numerators_int64(); !w.empty())
    a = py::array_t<std::int64_t>({w.size()}, {sizeof(std::int64_t)}, w.data(), self);
  else {  // big integers: no machine-integer array; a numpy object array of Python ints (a copy)
    py::list l;
    for (std::uint64_t m = 0; m < s.size(); ++m) l.append(py_int(s.numerator(m)));
    return py::module_::import("numpy").attr("array")(l, py::arg("dtype") = "object");
  }
  a.attr("setflags")(py::arg("write") = false);  // the exact spectrum is immutable
  return a;
}

}  // namespace

PYBIND11_MODULE(_gdcert, m) {
  m.doc() = "gdcert's C++ core (pybind11 over src/api). Use the package gdcert, which documents and wraps it.";
  py::register_exception_translator(&translate);

  m.def("versions", [] {
    py::dict d;
    for (const auto& [k, v] : library_versions()) d[py::str(k)] = v;
    d["revision"] = source_revision();
    return d;
  }, "Library versions (gdcert, GMP, MPFR, FLINT, Arb, Boost) and the source revision.");
  m.def("version", &gdcert_version);
  m.attr("MIN_PREC") = api::kMinPrec;
  m.attr("MAX_PREC") = api::kMaxPrec;
  m.attr("DEFAULT_PREC") = api::kDefaultPrec;

  m.def("ball_load", [](const std::string& dump, long prec) { return ball(Ball::load(dump), prec); }, py::arg("dump"),
        py::arg("prec") = api::kDefaultPrec, "gdcert.Ball from Arb's bit-exact dump (the JSON \"dump\" field).");

  m.def("formulas", [] {
    py::list l;
    for (const Formula& f : api::all_formulas())
      l.append(py::make_tuple(std::string(f.id), std::string(f.statement), std::string(f.source),
                              std::string(to_string(f.tag)), std::string(f.proof)));
    return l;
  }, "Every registry formula as (id, statement, source, tag, proof).");

  m.def("quantities", [] {
    py::list l;
    for (const auto& q : api::quantities()) l.append(py::make_tuple(q.name, q.params, q.formula_id, q.help));
    return l;
  }, "Every named quantity as (name, parameters, formula id, help).");

  m.def("evaluate", [](const std::string& name, const std::map<std::string, std::string>& p) {
    api::Quantity q;
    {
      const api::Params ps(p.begin(), p.end());
      py::gil_scoped_release release;
      q = api::evaluate(name, ps);
    }
    return py::make_tuple(q.name, params(q.parameters), results(q.values));
  }, py::arg("name"), py::arg("params"), "api::evaluate: (name, resolved parameters, [Result]).");

  // The spectrum: immutable, so its members run without the GIL and from several threads at once.
  py::class_<api::WalshSpectrum>(m, "_Spectrum")
      .def_property_readonly("n", &api::WalshSpectrum::n)
      .def_property_readonly("canonical", &api::WalshSpectrum::canonical)
      .def_property_readonly("parameters", [](const api::WalshSpectrum& s) { return params(s.parameters()); })
      .def_property_readonly("is_boolean", &api::WalshSpectrum::is_boolean)
      .def_property_readonly("transform_bits", &api::WalshSpectrum::transform_bits)
      .def_property_readonly("denominator", [](const api::WalshSpectrum& s) { return py_int(s.denominator()); })
      .def_property_readonly("numerators", &numerators)
      .def("numerator", [](const api::WalshSpectrum& s, std::uint64_t mask) { return py_int(s.numerator(mask)); })
      .def("coefficient", [](const api::WalshSpectrum& s, std::uint64_t mask) { return result(s.coefficient(mask)); })
      .def("level_weights", [](const api::WalshSpectrum& s) { return results(s.level_weights()); })
      .def("mean", [](const api::WalshSpectrum& s) { return result(s.mean()); })
      .def("mean_square", [](const api::WalshSpectrum& s) { return result(s.mean_square()); })
      .def("influences", [](const api::WalshSpectrum& s) {
        std::vector<api::Result> r;
        {
          py::gil_scoped_release release;
          r = s.influences();
        }
        return results(r);
      })
      .def("total_influence", [](const api::WalshSpectrum& s) { return result(s.total_influence()); })
      .def("noise_stability", [](const api::WalshSpectrum& s, py::handle rho) { return result(s.noise_stability(rational_arg(rho))); })
      .def("degree", [](const api::WalshSpectrum& s) { return result(s.degree()); })
      .def("support_size", [](const api::WalshSpectrum& s) {
        py::gil_scoped_release release;
        return s.support_size();
      });

  m.def("walsh_spectrum", [](const std::string& spec, std::uint64_t seed, unsigned threads) {
    py::gil_scoped_release release;
    return api::walsh_spectrum(spec, seed, threads);
  }, py::arg("spec"), py::arg("seed") = 0, py::arg("threads") = 0, "api::walsh_spectrum: the exact spectrum (one transform).");

  m.def("walsh_coefficients", [](const std::string& spec, std::uint64_t seed, const std::vector<std::string>& sets) {
    api::WalshRequest req;
    req.spec = spec;
    req.seed = seed;
    req.coeff_sets = sets;
    api::WalshResult r;
    {
      py::gil_scoped_release release;
      r = api::walsh(req);
    }
    py::list l;
    for (const auto& [mask, c] : r.coefficients) l.append(py::make_tuple(mask, result(c)));
    return py::make_tuple(params(r.parameters), l);
  }, py::arg("spec"), py::arg("seed"), py::arg("sets"), "api::walsh with --coeff sets only: one pass each, no transform.");

  m.def("parse_subset", [](const std::string& text, unsigned n) { return boolean::parse_subset(text, n, "coefficient"); });
  m.def("subset_str", &boolean::subset_str);

  m.def("inal", [](const std::string& spec, const std::string& level_weights, const std::string& act, const std::string& init,
                   const std::string& bias, const std::string& net, const std::string& route, const std::string& max,
                   bool normalised, const std::string& sign0, long prec, std::uint64_t seed) {
    api::InalRequest req;
    req.spec = spec;
    req.level_weights = level_weights;
    req.act = act;
    req.init = init;
    req.bias = bias;
    req.net = net;
    req.route = route;
    req.max = max;
    req.normalised = normalised;
    req.sign0 = sign0;
    req.prec = prec;
    req.seed = seed;
    api::InalResult r;
    {
      py::gil_scoped_release release;
      r = api::inal(req);
    }
    py::dict d;
    d["parameters"] = params(r.parameters);
    d["canonical"] = r.canonical;
    d["route"] = r.route;
    d["inal"] = result(r.inal);
    d["second_moment"] = result(r.second_moment);
    d["normalised"] = result(r.normalised);
    d["max_inside"] = result(r.max_inside);
    d["best_layer"] = r.best_layer;
    d["configurations"] = r.configurations;
    d["level_weights"] = results(r.level_weights);
    d["m"] = results(r.m);
    d["e"] = results(r.e);
    d["layer_activations"] = r.layer_activations;
    d["layer_mean_square"] = results(r.layer_mean_square);
    d["layer_mean_norm"] = results(r.layer_mean_norm);
    return d;
  }, py::arg("spec"), py::arg("level_weights"), py::arg("act"), py::arg("init"), py::arg("bias"), py::arg("net"),
     py::arg("route"), py::arg("max"), py::arg("normalised"), py::arg("sign0"), py::arg("prec"), py::arg("seed"),
     "api::inal: a dict of the InalResult's fields.");

  m.def("inal_profile", [](unsigned n, const std::string& act, const std::string& init, const std::string& bias, unsigned K,
                           const std::string& c, const std::string& sign0, long prec) {
    api::InalRequest req;
    req.profile = true;
    req.n = n;
    req.act = act;
    req.init = init;
    req.bias = bias;
    req.K = K;
    req.c = c;
    req.sign0 = sign0;
    req.prec = prec;
    api::InalProfile p;
    {
      py::gil_scoped_release release;
      p = api::inal_profile(req);
    }
    py::dict d;
    d["parameters"] = params(p.parameters);
    d["n"] = p.n;
    d["route"] = p.route;
    d["m"] = results(p.m);
    d["e"] = results(p.e);
    d["structural_zero"] = std::vector<bool>(p.structural_zero.begin(), p.structural_zero.end());
    d["second_moment"] = result(p.second_moment);
    if (p.k_expressive) {
      const auto& k = *p.k_expressive;
      py::dict kd;
      kd["K"] = k.K;
      kd["c"] = fraction(k.c);
      kd["witness"] = k.witness;
      kd["witness_e"] = result(k.witness_e);
      kd["threshold"] = result(k.threshold);
      kd["verdict"] = k.verdict == api::Verdict::yes ? "yes" : k.verdict == api::Verdict::no ? "no" : "undecided";
      d["k_expressive"] = kd;
    } else {
      d["k_expressive"] = py::none();
    }
    return d;
  }, py::arg("n"), py::arg("act"), py::arg("init"), py::arg("bias"), py::arg("K"), py::arg("c"), py::arg("sign0"),
     py::arg("prec"), "api::inal_profile: a dict of the InalProfile's fields.");

  m.def("class_cp", [](const std::string& klass, std::uint64_t seed, long prec) {
    api::ClassCp c;
    {
      py::gil_scoped_release release;
      c = api::class_cp(klass, seed, prec);
    }
    py::dict d;
    d["parameters"] = params(c.parameters);
    d["description"] = c.description;
    d["cp"] = result(c.cp);
    d["class_size"] = result(c.class_size);
    d["budget_factor"] = result(c.budget_factor);
    return d;
  }, py::arg("klass"), py::arg("seed"), py::arg("prec"), "api::class_cp: a dict of the ClassCp's fields.");
}
