// gdcert._gdcert: the general-covariance and deep kernel entry points (api/kernel.hpp kernel_general,
// api/kernel_deep.hpp). Each api::Result becomes a gdcert.Result through the shared conversions (convert.hpp); errors
// are the library's typed errors, translated by the module's exception translator.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <optional>
#include <string>
#include <vector>

#include "api/kernel.hpp"
#include "api/kernel_deep.hpp"
#include "convert.hpp"

namespace py = pybind11;
using namespace gdcert;
using namespace gdcert::python;

namespace {

py::list ball_matrix(const BallMatrix& m, long prec, const std::string& formula) {
  py::list rows;
  for (slong i = 0; i < m.rows(); ++i) {
    py::list row;
    for (slong j = 0; j < m.cols(); ++j) row.append(result(api::Result{Value(m.at(i, j), prec), formula}));
    rows.append(row);
  }
  return rows;
}

}  // namespace

void bind_kernels(py::module_& m) {
  m.def(
      "kernel_general",
      [](const std::string& act, const std::string& q1, const std::string& q2, const std::string& c, bool derivative,
         long prec, long digits) {
        std::optional<long> d;
        if (digits > 0) d = digits;
        api::Result r;
        {
          py::gil_scoped_release release;
          r = api::kernel_general(act, Rational::parse(q1), Rational::parse(q2), Rational::parse(c), derivative, prec, d);
        }
        return result(r);
      },
      "api::kernel_general: E[sigma(u) sigma(v)] (or E[sigma' sigma']) at [[q1, c], [c, q2]] as a raw result tuple.");
  m.def(
      "kernel_deep",
      [](const std::string& act, unsigned depth, const std::vector<std::string>& weight_var,
         const std::vector<std::string>& bias_var, const std::string& data, const std::string& q1, const std::string& q2,
         const std::string& c, std::uint64_t seed, bool ntk, bool fixed_point, const std::string& rho0, unsigned iterates,
         long prec) {
        api::KernelDeepRequest req;
        req.activation = act;
        req.depth = depth;
        req.weight_var = weight_var;
        req.bias_var = bias_var;
        req.data = data;
        req.q1 = q1;
        req.q2 = q2;
        req.c = c;
        req.seed = seed;
        req.ntk = ntk;
        req.all_layers = true;
        req.fixed_point = fixed_point;
        req.rho0 = rho0;
        req.iterates = iterates;
        api::KernelDeepResult r;
        {
          py::gil_scoped_release release;
          r = api::kernel_deep(req, prec);
        }
        py::dict d;
        py::dict p;
        for (const auto& [k, v] : r.parameters) p[py::str(k)] = v;
        d["parameters"] = p;
        d["activation"] = r.activation;
        d["depth"] = r.depth;
        d["prec"] = r.prec;
        d["n"] = r.n;
        d["d"] = r.d;
        py::list entries;
        for (const auto& e : r.entries)
          entries.append(py::make_tuple(e.layer, e.i, e.j, result(e.nngp),
                                        e.ntk ? py::object(result(*e.ntk)) : py::none()));
        d["entries"] = entries;
        d["nngp"] = r.nngp ? py::object(ball_matrix(*r.nngp, r.prec, "kernel.deep.nngp")) : py::none();
        d["ntk"] = r.ntk ? py::object(ball_matrix(*r.ntk, r.prec, "kernel.deep.ntk")) : py::none();
        if (r.fixed_point) {
          const auto& f = *r.fixed_point;
          py::dict fp;
          fp["variance"] = f.variance;
          fp["m"] = result(f.m);
          fp["chi1"] = result(f.chi1);
          fp["q_star"] = f.q_star ? py::object(result(*f.q_star)) : py::none();
          fp["rho_star"] = result(f.rho_star);
          fp["linear"] = f.linear;
          fp["q_used"] = f.q_used.str();
          py::list it;
          for (const auto& x : f.iterates) it.append(result(x));
          fp["iterates"] = it;
          d["fixed_point"] = fp;
        } else {
          d["fixed_point"] = py::none();
        }
        d["notes"] = r.notes;
        return d;
      },
      "api::kernel_deep: the deep NNGP/NTK (every layer) and the fixed point as a dict of raw result tuples.");
}
