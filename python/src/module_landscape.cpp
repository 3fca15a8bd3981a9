// gdcert._gdcert: the landscape entry points (api/landscape.hpp). Each api::Result becomes a gdcert.Result through
// the shared conversions (convert.hpp). Errors are the library's typed errors, translated by the module's exception
// translator.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <string>
#include <vector>

#include "api/landscape.hpp"
#include "convert.hpp"

namespace py = pybind11;
using namespace gdcert;
using namespace gdcert::python;

namespace {

py::list named(const std::vector<api::NamedResult>& values) {
  py::list l;
  for (const auto& v : values) l.append(py::make_tuple(v.name, result(v.result)));
  return l;
}

py::dict certificate_dict(const api::LandscapeCertificate& c) {
  py::dict d;
  d["parameters"] = params(c.parameters);
  d["n"] = c.n;
  d["d"] = c.d;
  d["k"] = c.k;
  d["prec"] = c.prec;
  d["verdict"] = c.verdict;
  d["reason"] = c.reason;
  d["values"] = named(c.values);
  d["residual_matrix"] = c.residual_matrix;
  d["gradient"] = c.gradient;
  d["direction_U"] = c.direction_U;
  d["direction_a"] = c.direction_a;
  d["direction_b"] = c.direction_b;
  d["M_star"] = c.M_star;
  d["notes"] = c.notes;
  return d;
}

py::dict bound_dict(const api::LandscapeBoundTable& t) {
  py::dict d;
  d["parameters"] = params(t.parameters);
  d["values"] = named(t.values);
  d["notes"] = t.notes;
  return d;
}

}  // namespace

void bind_landscape(py::module_& m) {
  m.def("landscape_certify", [](const std::string& data, const std::string& v, const std::string& W, const std::string& U,
                                const std::string& least_squares, long prec) {
    api::LandscapeCertifyRequest req{data, v, W, U, least_squares};
    api::LandscapeCertificate c;
    {
      py::gil_scoped_release release;
      c = api::landscape_certify(req, prec);
    }
    return certificate_dict(c);
  }, py::arg("data"), py::arg("v") = "", py::arg("W") = "", py::arg("U") = "", py::arg("least_squares") = "auto",
     py::arg("prec") = 128, "api::landscape_certify: the certificate's fields as a dict (results as gdcert.Result).");

  m.def("landscape_certify_generated", [](const std::string& kind, long n, long d, long k, std::uint64_t seed, long prec) {
    api::LandscapeGenerateRequest g{kind, n, d, k, seed};
    api::LandscapeCertificate c;
    {
      py::gil_scoped_release release;
      c = api::landscape_certify_generated(g, prec);
    }
    return certificate_dict(c);
  }, py::arg("kind"), py::arg("n"), py::arg("d"), py::arg("k"), py::arg("seed") = 0, py::arg("prec") = 128,
     "api::landscape_certify_generated.");

  m.def("landscape_generate", [](const std::string& kind, long n, long d, long k, std::uint64_t seed) {
    return api::landscape_generate_json(api::LandscapeGenerateRequest{kind, n, d, k, seed});
  }, py::arg("kind"), py::arg("n"), py::arg("d"), py::arg("k"), py::arg("seed") = 0,
     "api::landscape_generate_json: the instance as JSON text (the data file format).");

  m.def("landscape_rank", [](long d, long n_min, long n_max, std::uint64_t seed) {
    const auto t = api::landscape_rank(d, n_min, n_max, seed);
    py::list rows;
    for (const auto& r : t.rows) rows.append(py::make_tuple(r.n, result(r.rank), result(r.generic)));
    py::dict out;
    out["parameters"] = params(t.parameters);
    out["rows"] = rows;
    return out;
  }, py::arg("d"), py::arg("n_min"), py::arg("n_max"), py::arg("seed") = 0, "api::landscape_rank.");

  m.def("landscape_assumption", [](const std::string& act, const std::string& sigma, long prec) {
    api::LandscapeAssumption a;
    {
      py::gil_scoped_release release;
      a = api::landscape_assumption(act, sigma, prec);
    }
    py::dict d;
    d["parameters"] = params(a.parameters);
    d["activation"] = a.activation;
    py::list rows, cells;
    for (const auto& r : a.rows) rows.append(py::make_tuple(r.sigma, result(r.mu), result(r.gamma)));
    for (const auto& r : a.cells) cells.append(py::make_tuple(r.sigma, result(r.mu), result(r.gamma)));
    d["rows"] = rows;
    d["cells"] = cells;
    d["mu_statement"] = a.mu_statement;
    d["gamma_statement"] = a.gamma_statement;
    d["case"] = a.case_23;
    return d;
  }, py::arg("act"), py::arg("sigma"), py::arg("prec") = 128, "api::landscape_assumption.");

  m.def("landscape_theorem25", [](const py::dict& kw, long prec) {
    api::LandscapeTheorem25Request q;
    for (const auto& [key, val] : kw) {
      const std::string k = key.cast<std::string>();
      const std::string s = py::str(val).cast<std::string>();
      if (k == "n") q.n = val.cast<long>();
      else if (k == "d") q.d = val.cast<long>();
      else if (k == "k") q.k = val.cast<long>();
      else if (k == "tau") q.tau = val.cast<long>();
      else if (k == "case_b") q.case_b = val.cast<bool>();
      else if (k == "sigma_min") q.sigma_min = s;
      else if (k == "sigma_max") q.sigma_max = s;
      else if (k == "c") q.c = s;
      else if (k == "C") q.C = s;
      else if (k == "C0") q.C0 = s;
      else if (k == "c0") q.c0 = s;
      else if (k == "Cprime") q.Cprime = s;
      else if (k == "v_max") q.v_max = s;
      else if (k == "w_max") q.w_max = s;
      else if (k == "B") q.B = s;
      else if (k == "L") q.L = s;
      else if (k == "phi0") q.phi0 = s;
      else if (k == "alpha") q.alpha = s;
      else if (k == "L0") q.L0 = s;
      else throw py::value_error("landscape_theorem25: unknown parameter " + k);
    }
    return bound_dict(api::landscape_theorem25(q, prec));
  }, py::arg("params"), py::arg("prec") = 128, "api::landscape_theorem25 (parameters as a dict).");

  m.def("landscape_theorem22", [](const std::string& eps_g, const std::string& eps_H, const std::string& nu,
                                  const std::string& nuclear, const std::string& gamma, long d, long prec) {
    return bound_dict(api::landscape_theorem22(api::LandscapeTheorem22Request{eps_g, eps_H, nu, nuclear, gamma, d}, prec));
  }, py::arg("eps_g"), py::arg("eps_H"), py::arg("nu"), py::arg("nuclear"), py::arg("gamma"), py::arg("d"),
     py::arg("prec") = 128, "api::landscape_theorem22.");

  m.def("simulate_landscape", [](const std::vector<std::string>& figures, bool full, long draws, long runs, long max_steps,
                                 const std::string& values, double tol, const std::string& output_layer, long bootstrap,
                                 std::uint64_t seed, unsigned threads) {
    api::LandscapeSimRequest r;
    r.figures = figures;
    r.full = full;
    r.draws = draws;
    r.runs = runs;
    r.max_steps = max_steps;
    r.values = values;
    r.tol = tol;
    r.output_layer = output_layer;
    r.bootstrap = bootstrap;
    r.seed = seed;
    r.threads = threads;
    api::LandscapeSimulation s;
    {
      py::gil_scoped_release release;
      s = api::landscape_simulate(r);
    }
    py::list planted, random;
    for (const auto& e : s.planted) {
      py::dict d;
      d["figure"] = e.figure;
      d["activation"] = e.activation;
      d["varied"] = e.varied;
      d["fixed"] = e.fixed;
      d["draws"] = e.draws;
      d["runs"] = e.runs;
      py::list rows;
      for (const auto& row : e.rows) rows.append(py::make_tuple(row.x, result(row.fraction), result(row.global_draws)));
      d["rows"] = rows;
      d["crossing"] = result(e.crossing);
      d["ci"] = py::make_tuple(result(e.ci_lo), result(e.ci_hi));
      d["fit_status"] = e.fit_status;
      d["always_global"] = e.always_global ? py::object(py::int_(*e.always_global)) : py::none();
      d["criterion"] = e.criterion;
      planted.append(d);
    }
    for (const auto& x : s.random_labels) {
      py::dict d;
      d["figure"] = x.figure;
      d["activation"] = x.activation;
      d["output_layer"] = x.output_layer;
      py::list rows;
      for (const auto& row : x.rows) rows.append(py::make_tuple(row.k, result(row.ratio_kd_over_n), result(row.final_rmse), row.zero, row.curve));
      d["rows"] = rows;
      d["zero_ratio"] = result(x.zero_ratio);
      d["criterion"] = x.criterion;
      random.append(d);
    }
    py::dict out;
    out["planted"] = planted;
    out["random_labels"] = random;
    return out;
  }, py::arg("figures"), py::arg("full") = false, py::arg("draws") = 0, py::arg("runs") = 0, py::arg("max_steps") = 0,
     py::arg("values") = "", py::arg("tol") = 1e-5, py::arg("output_layer") = "trained", py::arg("bootstrap") = 200,
     py::arg("seed") = 0, py::arg("threads") = 2, "api::landscape_simulate (floats; fixed seeds).");
}
