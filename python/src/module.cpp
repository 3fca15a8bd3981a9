// gdcert._gdcert: the pybind11 binding of the library's front door (src/api), not of the command line. The public,
// documented Python API is the package gdcert (python/gdcert/__init__.py), which wraps these functions; this module
// converts values (exact -> fractions.Fraction, ball -> gdcert.Ball with exact dyadic endpoints, float ->
// gdcert.Estimate), pairs each with its formula id (gdcert.Result), translates the C++ errors into gdcert.Error
// subclasses and releases the GIL while the library computes.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cstdint>
#include <map>
#include <optional>
#include <type_traits>
#include <string>
#include <vector>

#include "api/bound.hpp"
#include "api/cp.hpp"
#include "api/formulas.hpp"
#include "api/inal.hpp"
#include "api/kernel.hpp"
#include "api/msp.hpp"
#include "api/precision.hpp"
#include "api/quantities.hpp"
#include "api/radial.hpp"
#include "api/simulate.hpp"
#include "api/walsh.hpp"
#include "boolean/spec.hpp"
#include "exact/errors.hpp"
#include "exact/versions.hpp"
#include "convert.hpp"

namespace py = pybind11;
using namespace gdcert;
using namespace gdcert::python;

namespace {

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

// ---- the other verbs: their result structs as dicts of Results (python/gdcert/_orbit, _kernel, _bound, _simulate.py
// build the classes from them) ----

py::list masks(const std::vector<std::uint64_t>& v) {
  py::list l;
  for (const auto m : v) l.append(py::int_(m));
  return l;
}

py::list ints(const std::vector<Integer>& v) {
  py::list l;
  for (const auto& z : v) l.append(py_int(z));
  return l;
}

const char* statistic_name(api::OrbitStatistic s) {
  switch (s) {
    case api::OrbitStatistic::cp_bn: return "cp_bn";
    case api::OrbitStatistic::align_bn: return "align_bn";
    case api::OrbitStatistic::cp_sn: return "cp_sn";
    case api::OrbitStatistic::align_sn: return "align_sn";
  }
  return "?";
}

py::dict orbit_dict(const api::OrbitStats& o) {
  py::dict d;
  d["parameters"] = params(o.parameters);
  d["target"] = o.target;
  d["from_level_weights"] = o.from_level_weights;
  d["n"] = o.n;
  d["level_weights"] = results(o.level_weights);
  d["norm2"] = result(o.norm2);
  d["cp_single"] = result(o.cp_single);
  d["cp_bn"] = result(o.cp_bn);
  d["align_bn"] = result(o.align_bn);
  d["cp_sn"] = result(o.cp_sn);
  d["align_sn"] = result(o.align_sn);
  d["align_sn_minimal_polynomial"] = ints(o.align_sn_minimal_polynomial);
  py::list skipped;
  for (const auto& s : o.skipped) skipped.append(py::make_tuple(statistic_name(s.statistic), s.reason));
  d["skipped"] = skipped;
  d["notes"] = o.notes;
  return d;
}

py::dict certificate_dict(const api::OrbitCertificate& c) {
  py::dict d;
  d["parameters"] = params(c.parameters);
  d["activation"] = c.activation;
  d["init"] = c.init;
  d["bias"] = c.bias;
  d["levels"] = c.levels;
  d["levels_text"] = c.levels_text;
  d["inal"] = result(c.inal);
  d["first_term"] = result(c.first_term);
  d["second_term"] = result(c.second_term);
  d["bound"] = result(c.bound);
  d["cp_bn"] = result(c.cp_bn);
  d["worst_level"] = c.worst_level;
  d["vacuous"] = c.vacuous;
  d["note"] = c.note;
  return d;
}

py::dict sphere_dict(const api::SphereStats& s) {
  py::dict d;
  d["parameters"] = params(s.parameters);
  d["n"] = s.n;
  d["weights"] = results(s.weights);
  d["cp"] = result(s.cp);
  d["alignment"] = result(s.alignment);
  d["harmonic_dimensions"] = results(s.harmonic_dimensions);
  return d;
}

py::dict kernel_dict(const api::KernelResult& r) {
  py::dict d;
  d["parameters"] = params(r.parameters);
  d["activation"] = r.activation;
  d["formula"] = r.formula;
  d["series_formula"] = r.series_formula;
  d["first_layer_form"] = r.first_layer_form;
  d["var"] = fraction(r.var);
  d["digits"] = r.digits ? py::object(py::int_(*r.digits)) : py::none();
  d["prec"] = r.prec;
  py::list entries;
  for (const auto& e : r.second_moments) {
    py::dict x;
    x["label"] = e.label;
    x["var"] = result(e.var);
    x["cov"] = result(e.cov);
    x["rho"] = result(e.rho);
    x["value"] = result(e.value);
    x["digits_text"] = e.digits_text ? py::object(py::str(*e.digits_text)) : py::none();
    entries.append(x);
  }
  d["second_moments"] = entries;
  d["notes"] = r.notes;
  if (r.series) {
    const api::KernelSeries& s = *r.series;
    py::dict x;
    x["L"] = s.L;
    x["prec"] = s.prec;
    x["coefficients"] = results(s.coefficients);
    x["rational_parts"] = results(s.rational_parts);
    x["constants"] = s.constants;
    x["exact_text"] = s.exact_text;
    x["kappa_one"] = result(s.kappa_one);
    x["kappa_one_text"] = s.kappa_one_text;
    x["tail"] = result(s.tail);
    x["notes"] = s.notes;
    d["series"] = x;
  } else {
    d["series"] = py::none();
  }
  return d;
}

py::dict radial_dict(const api::RadialConstants& c) {
  py::dict d;
  d["parameters"] = params(c.parameters);
  d["d"] = c.d;
  d["prec"] = c.prec;
  d["rho"] = fraction(c.rho);
  d["R_d"] = result(c.R_d);
  d["sphere_area"] = result(c.sphere_area);
  d["phi"] = result(c.phi);
  d["C_d"] = result(c.C_d);
  d["C_d_sphere"] = result(c.C_d_sphere);
  py::list tails;
  for (const auto& t : c.tails) tails.append(py::make_tuple(fraction(t.rho), result(t.quadrature), result(t.closed_form)));
  d["tails"] = tails;
  d["normalisation"] = result(c.normalisation);
  d["alpha"] = result(c.alpha);
  d["N"] = result(c.N);
  d["shell_mass"] = result(c.shell_mass);
  return d;
}

py::dict radial_table_dict(const api::RadialTable& t) {
  py::dict d;
  d["parameters"] = params(t.parameters);
  d["d_min"] = t.d_min;
  d["d_max"] = t.d_max;
  d["prec"] = t.prec;
  d["rho"] = fraction(t.rho);
  py::list radii;
  for (const auto& q : t.tail_radii) radii.append(fraction(q));
  d["tail_radii"] = radii;
  py::list rows;
  for (const auto& r : t.rows) {
    py::dict x;
    x["d"] = r.d;
    x["R_d"] = result(r.R_d);
    x["C_d"] = result(r.C_d);
    x["C_d_over_sqrt_d"] = result(r.C_d_over_sqrt_d);
    x["alpha"] = result(r.alpha);
    x["N"] = result(r.N);
    x["tails"] = results(r.tails);
    rows.append(x);
  }
  d["rows"] = rows;
  d["C_d_limit"] = result(t.C_d_limit);
  return d;
}

py::dict inal_mc_dict(const api::InalMonteCarlo& e) {
  py::dict d;
  d["parameters"] = params(e.parameters);
  d["canonical"] = e.canonical;
  d["n"] = e.n;
  d["inits"] = e.inits;
  py::list layers;
  for (const auto& l : e.layers) {
    py::dict x;
    x["layer"] = l.layer;
    x["width"] = l.width;
    x["mean"] = result(l.mean);
    x["standard_error"] = l.standard_error;
    x["ci_low"] = l.ci_low;
    x["ci_high"] = l.ci_high;
    layers.append(x);
  }
  d["layers"] = layers;
  d["best_layer"] = e.best_layer;
  return d;
}

/** A read-only float64 view of one of the run's trajectory vectors; the array's base is the run (no copy). */
py::array trajectory_view(py::object self, const std::string& name) {
  const api::Trajectory& t = self.cast<const api::NoisyGdRun&>().trajectory;
  const std::vector<double>* v = name == "step"          ? &t.step
                                 : name == "loss"        ? &t.loss
                                 : name == "correlation" ? &t.correlation
                                 : name == "accuracy"    ? &t.accuracy
                                 : name == "param_norm"  ? &t.param_norm
                                                         : nullptr;
  if (!v) throw py::key_error("trajectory: no quantity named \"" + name + "\"");
  py::array_t<double> a({v->size()}, {sizeof(double)}, v->data(), self);  // base = self: no copy
  a.attr("setflags")(py::arg("write") = false);  // a record of the run: immutable
  return a;
}

py::dict noisy_gd_dict(const api::NoisyGdRun& r) {
  py::dict d;
  d["parameters"] = params(r.parameters);
  d["canonical"] = r.canonical;
  d["n"] = r.n;
  d["seed"] = r.seed;
  d["parameter_count"] = r.parameter_count;
  d["metrics_on"] = r.metrics_on;
  d["scalar"] = r.scalar;
  d["digits"] = r.digits;
  d["gemm_kernel"] = r.gemm_kernel;
  d["final_correlation"] = result(r.final_correlation);
  d["final_accuracy"] = result(r.final_accuracy);
  d["advantage"] = result(r.advantage);
  d["inal_mc"] = r.inal_mc ? py::object(inal_mc_dict(*r.inal_mc)) : py::none();
  if (r.orbit_bound) {
    py::dict b;
    b["cp"] = result(r.orbit_bound->cp);
    b["advantage"] = result(r.orbit_bound->advantage);
    d["orbit_bound"] = b;
  } else {
    d["orbit_bound"] = py::none();
  }
  return d;
}

py::array_t<double> copied(const std::vector<double>& v) { return py::array_t<double>(v.size(), v.data()); }

py::dict depth_dict(const api::DepthSeparationRun& r) {
  py::dict d;
  d["parameters"] = params(r.parameters);
  d["dims"] = r.dims;
  d["widths"] = r.widths;
  d["iterations"] = r.iterations;
  d["archs"] = r.archs;
  d["seeds"] = r.seeds;
  d["law"] = r.law;
  d["activation"] = r.activation;
  py::list rows;
  for (const auto& x : r.rows) {
    py::dict o;
    o["d"] = x.d;
    o["width"] = x.width;
    o["iterations"] = x.iterations;
    o["seed_index"] = x.seed_index;
    o["arch"] = x.arch;
    o["r"] = result(x.r);
    o["inside_rate"] = result(x.inside_rate);
    o["train_mse"] = result(x.train_mse);
    o["test_mse"] = result(x.test_mse);
    o["constant_mse"] = result(x.constant_mse);
    o["floor"] = result(x.floor);
    rows.append(o);
  }
  d["rows"] = rows;
  py::list series;
  for (const auto& s : r.series) {
    py::dict o;
    o["arch"] = s.arch;
    o["d"] = s.d;
    o["iterations"] = s.iterations;
    o["width"] = copied(s.width);
    o["mean"] = copied(s.mean);
    o["standard_error"] = copied(s.standard_error);
    series.append(o);
  }
  d["series"] = series;
  return d;
}

}  // namespace

void bind_landscape(py::module_& m);  // python/src/module_landscape.cpp
void bind_kernels(py::module_& m);    // python/src/module_kernels.cpp

PYBIND11_MODULE(_gdcert, m) {
  m.doc() = "gdcert's C++ core (pybind11 over src/api). Use the package gdcert, which documents and wraps it.";
  py::register_exception_translator(&translate);
  bind_landscape(m);
  bind_kernels(m);

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

  m.def("cp", [](const std::string& spec, const std::string& level_weights, const std::string& group,
                 const std::string& certificate_init, const std::string& certificate_act, const std::string& certificate_bias,
                 const std::string& levels, std::uint64_t seed, long prec) {
    api::CpRequest req;
    req.spec = spec;
    req.level_weights = level_weights;
    req.group = group;
    req.certificate_init = certificate_init;
    req.certificate_act = certificate_act;
    req.certificate_bias = certificate_bias;
    req.levels = levels;
    req.seed = seed;
    req.prec = prec;
    api::CpResult r;
    {
      py::gil_scoped_release release;
      r = api::cp(req);
    }
    py::dict d;
    d["orbit"] = r.orbit ? py::object(orbit_dict(*r.orbit)) : py::none();
    d["certificate"] = r.certificate ? py::object(certificate_dict(*r.certificate)) : py::none();
    d["sphere"] = r.sphere ? py::object(sphere_dict(*r.sphere)) : py::none();
    return d;
  }, py::arg("spec"), py::arg("level_weights"), py::arg("group"), py::arg("certificate_init"), py::arg("certificate_act"),
     py::arg("certificate_bias"), py::arg("levels"), py::arg("seed"), py::arg("prec"),
     "api::cp on a cube target: {orbit, certificate, sphere} as dicts (None when absent).");

  m.def("sphere_stats", [](unsigned n, const std::string& weights) {
    api::SphereStats s;
    {
      py::gil_scoped_release release;
      s = api::sphere_stats(n, weights);
    }
    return sphere_dict(s);
  }, py::arg("n"), py::arg("weights"), "api::sphere_stats: orbit CP and alignment under O(n), a dict.");

  m.def("msp", [](const std::string& spec, const std::string& support, std::uint64_t seed) {
    api::Msp r;
    {
      py::gil_scoped_release release;
      r = api::msp(api::MspRequest{spec, support, seed});
    }
    py::dict d;
    d["parameters"] = params(r.parameters);
    d["target"] = r.target;
    d["from_spec"] = r.from_spec;
    d["d"] = r.d;
    d["support"] = masks(r.support);
    d["support_size"] = result(r.support_size);
    d["msp"] = r.msp;
    d["is_msp"] = result(r.is_msp);
    d["leap"] = result(r.leap);
    d["closure"] = py::int_(r.closure);
    d["order"] = masks(r.order);
    d["new_coordinates"] = r.new_coordinates;
    d["residual"] = masks(r.residual);
    d["residual_bound"] = result(r.residual_bound);
    d["notes"] = r.notes;
    return d;
  }, py::arg("spec"), py::arg("support"), py::arg("seed"), "api::msp: a dict of the Msp's fields (sets as bitmasks).");

  m.def("kernel", [](const std::string& act, const std::vector<std::string>& rho, const std::string& var, const std::string& cov,
                     const std::string& weight_var, const std::string& bias_var, long series, long digits, long prec) {
    api::KernelRequest req;
    req.activation = act;
    req.rho = rho;
    req.var = var;
    req.cov = cov;
    req.weight_var = weight_var;
    req.bias_var = bias_var;
    if (series >= 0) req.series = static_cast<unsigned>(series);
    if (digits != 0) req.digits = digits;
    api::KernelResult r;
    {
      py::gil_scoped_release release;
      r = api::kernel(req, prec);
    }
    return kernel_dict(r);
  }, py::arg("act"), py::arg("rho"), py::arg("var"), py::arg("cov"), py::arg("weight_var"), py::arg("bias_var"),
     py::arg("series"), py::arg("digits"), py::arg("prec"),
     "api::kernel: a dict of the KernelResult's fields (series < 0: none; digits 0: at prec bits).");

  m.def("kernel_activation_names", &api::kernel_activation_names, "The activations of the dual kernels (a help text).");

  m.def("bound_list", [] {
    py::list l;
    for (const auto& b : api::bound_list()) {
      py::list ps;
      for (const auto& p : b.params) ps.append(py::make_tuple(p.name, p.meaning, p.default_value, p.vector));
      l.append(py::make_tuple(b.id, b.formula ? std::string(to_string(b.formula->tag)) : std::string(),
                              b.formula ? std::string(b.formula->source) : std::string(), b.summary, ps));
    }
    return l;
  }, "api::bound_list: (id, tag, source, summary, [(name, meaning, default, vector)]) per bound.");

  m.def("evaluate_bound", [](const std::string& id, const std::map<std::string, std::string>& args, long prec) {
    std::vector<api::BoundOutput> out;
    {
      const api::Params ps(args.begin(), args.end());
      py::gil_scoped_release release;
      out = api::evaluate_bound(id, ps, prec);
    }
    py::list l;
    for (const auto& o : out) l.append(py::make_tuple(o.name, result(o.value), o.absent, o.status));
    return l;
  }, py::arg("id"), py::arg("args"), py::arg("prec"),
     "api::evaluate_bound: [(output name, Result or None, why None, status VACUOUS/bites/undecided or '')] at one point.");

  m.def("bound_table", [](const std::string& id, const std::vector<std::string>& kv, long prec) {
    api::BoundTable t;
    {
      py::gil_scoped_release release;
      t = api::bound(api::BoundRequest{false, id, kv}, prec);
    }
    py::dict d;
    d["parameters"] = params(t.parameters);
    d["id"] = t.id;
    d["summary"] = t.summary;
    d["prec"] = t.prec;
    d["fixed"] = params(t.fixed);
    d["axes"] = t.axes;
    d["outputs"] = t.outputs;
    py::list points;
    for (const auto& p : t.points) {
      py::list vs, why, status;
      for (const auto& o : p.values) {
        vs.append(result(o.value));
        why.append(o.absent);
        status.append(o.status);
      }
      points.append(py::make_tuple(p.at, vs, why, status));
    }
    d["points"] = points;
    return d;
  }, py::arg("id"), py::arg("params"), py::arg("prec"), "api::bound: the bound over the product of its comma-list parameters.");

  m.def("radial_constants", [](long d, const std::string& rho, const std::vector<std::string>& tails, bool normalisation, long prec) {
    api::RadialRequest req;
    req.d = d;
    req.rho = rho;
    req.tails = tails;
    req.normalisation = normalisation;
    api::RadialConstants c;
    {
      py::gil_scoped_release release;
      c = api::radial_constants(req, prec);
    }
    return radial_dict(c);
  }, py::arg("d"), py::arg("rho"), py::arg("tails"), py::arg("normalisation"), py::arg("prec"),
     "api::radial_constants: a dict of the RadialConstants' fields.");

  m.def("radial_table", [](long d_min, long d_max, const std::string& rho, const std::vector<std::string>& tails, long prec) {
    api::RadialRequest req;
    req.table = true;
    req.d_min = d_min;
    req.d_max = d_max;
    req.rho = rho;
    req.tails = tails;
    api::RadialTable t;
    {
      py::gil_scoped_release release;
      t = api::radial_table(req, prec);
    }
    return radial_table_dict(t);
  }, py::arg("d_min"), py::arg("d_max"), py::arg("rho"), py::arg("tails"), py::arg("prec"),
     "api::radial_table: a dict of the RadialTable's fields.");

  // One noisy-GD run, kept whole: its trajectory vectors are viewed by numpy arrays whose base is this object.
  py::class_<api::NoisyGdRun>(m, "_NoisyGdRun")
      .def_property_readonly("size", [](const api::NoisyGdRun& r) { return r.trajectory.size(); })
      .def("trajectory", &trajectory_view, py::arg("name"),
           "A read-only float64 view (no copy) of step | loss | correlation | accuracy | param_norm.")
      .def("data", &noisy_gd_dict, "Everything but the trajectory, as a dict.");

  m.def("noisy_gd", [](const std::map<std::string, std::string>& s, const std::map<std::string, std::uint64_t>& u) {
    api::NoisyGdRequest req;
    auto str = [&](const char* k, std::string& f) { if (auto it = s.find(k); it != s.end()) f = it->second; };
    auto num = [&](const char* k, auto& f) {
      if (auto it = u.find(k); it != u.end()) f = static_cast<std::remove_reference_t<decltype(f)>>(it->second);
    };
    str("target", req.target);
    str("net", req.net);
    str("act", req.act);
    str("init", req.init);
    str("bias", req.bias);
    str("sign0", req.sign0);
    str("lr", req.lr);
    str("noise", req.noise);
    str("clip", req.clip);
    str("loss", req.loss);
    str("grad", req.grad);
    str("data", req.data);
    str("scalar", req.scalar);
    num("steps", req.steps);
    num("batch", req.batch);
    num("log_every", req.log_every);
    num("eval_samples", req.eval_samples);
    num("inal_inits", req.inal_inits);
    num("max_population_n", req.max_population_n);
    num("digits", req.digits);
    num("threads", req.threads);
    num("seed", req.seed);
    api::NoisyGdRun r;
    {
      py::gil_scoped_release release;
      r = api::noisy_gd(req);
    }
    return r;  // moved into the Python object: the vectors' storage is not copied
  }, py::arg("strings"), py::arg("numbers"), "api::noisy_gd: the run, as a _NoisyGdRun.");

  m.def("simulate_depth_separation", [](const std::vector<long>& dims, const std::vector<long>& widths,
                                        const std::vector<std::string>& archs, const std::string& law,
                                        const std::string& activation, const std::vector<long>& iterations, long seeds,
                                        std::size_t n_train, std::size_t n_test, double r, bool full, std::uint64_t seed) {
    api::SimulateDepthRequest req;
    req.dims = dims;
    req.widths = widths;
    req.archs = archs;
    req.law = law;
    req.activation = activation;
    req.iterations = iterations;
    req.seeds = seeds;
    req.n_train = n_train;
    req.n_test = n_test;
    req.r = r;
    req.full = full;
    api::DepthSeparationRun run;
    {
      py::gil_scoped_release release;
      run = api::simulate_depth_separation(req, seed);
    }
    return depth_dict(run);
  }, py::arg("dims"), py::arg("widths"), py::arg("archs"), py::arg("law"), py::arg("activation"), py::arg("iterations"),
     py::arg("seeds"), py::arg("n_train"), py::arg("n_test"), py::arg("r"), py::arg("full"), py::arg("seed"),
     "api::simulate_depth_separation: a dict of the DepthSeparationRun's fields.");
}
