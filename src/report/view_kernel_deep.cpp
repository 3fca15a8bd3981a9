// gdcert deep-kernel ACT: lays out what api::kernel_deep returns (the deep NNGP and NTK as certified balls, per pair of
// points and layer, and the infinite-depth fixed point with the certified correlation iterates) as tables.
#include "api/kernel_deep.hpp"
#include "report/views.hpp"

namespace gdcert::report {

Document kernel_deep_document(const api::KernelDeepRequest& req, long prec) {
  const api::KernelDeepResult r = api::kernel_deep(req, prec);
  Document doc;
  doc.verb = "deep-kernel";
  doc.prec = r.prec;
  for (const char* k : {"activation", "depth", "weight_var", "bias_var", "kernel", "data", "q1", "q2", "c", "rho0"})
    if (auto it = r.parameters.find(k); it != r.parameters.end()) doc.parameters.push_back({k, it->second});
  if (!req.data.empty()) doc.seed = req.seed;

  Table t{"deep_kernel",
          "NNGP Sigma^h and NTK Theta^h of an L = " + std::to_string(r.depth) + " hidden-layer " + r.activation +
              " network (NTK parameterization), layer L+1 = readout",
          {{"layer h", "", ""}, {"i", "", ""}, {"j", "", ""}, {"Sigma^h(x_i, x_j)", "", "kernel.deep.nngp"}},
          {},
          {}};
  if (req.ntk) t.columns.push_back({"Theta^h(x_i, x_j)", "", "kernel.deep.ntk"});
  for (const auto& e : r.entries) {
    std::vector<Cell> row{static_cast<long long>(e.layer), static_cast<long long>(e.i), static_cast<long long>(e.j),
                          e.nngp.value};
    if (e.ntk) row.emplace_back(e.ntk->value);
    t.rows.push_back(std::move(row));
  }
  t.notes = r.notes;
  if (!req.data.empty())
    t.notes.push_back(std::to_string(r.n) + " points in dimension " + std::to_string(r.d) + "; entries i <= j" +
                      (req.all_layers ? ", every layer" : ", readout layer only (--all-layers for every layer)"));
  else
    t.notes.push_back("one pair: i, j = 0 is x, 1 is y, given by Sigma^1(x,x) = q1, Sigma^1(y,y) = q2, Sigma^1(x,y) = c");
  doc.tables.push_back(std::move(t));

  if (r.fixed_point) {
    const api::KernelDeepFixedPoint& f = *r.fixed_point;
    Table fp{"fixed_point",
             "Infinite-depth fixed point: variance map q -> sigma_w^2 m q + sigma_b^2, correlation map rho -> "
             "(sigma_w^2 k(q, q, q rho) + sigma_b^2)/q",
             {{"quantity", "", ""}, {"value", "", "kernel.deep.fixed_point"}},
             {},
             {}};
    fp.rows.push_back({std::string("m = E[sigma(z)^2] = E[sigma'(z)^2]"), f.m.value});
    fp.rows.push_back({std::string("chi_1 = sigma_w^2 m (slope at rho* = 1)"), f.chi1.value});
    fp.rows.push_back({std::string("variance fixed point"), f.variance});
    if (f.q_star) fp.rows.push_back({std::string("q*"), f.q_star->value});
    fp.rows.push_back({std::string("rho*"), f.rho_star.value});
    fp.cell_formulas.resize(fp.rows.size());
    for (std::size_t s = 0; s < f.iterates.size(); ++s) {
      fp.rows.push_back({std::string("rho_" + std::to_string(s) + " (q = " + f.q_used.str() + ")"), f.iterates[s].value});
      fp.cell_formulas.push_back({"", "kernel.deep.nngp"});
    }
    fp.notes.push_back(f.linear ? "linear activation (a = b): the correlation map is the identity"
                                : "rho* = 1 is the only fixed point in [-1, 1] and attracts every correlation "
                                  "(proofs/kernels.md#deep-fixed-point) whenever the variance does not diverge");
    if (f.variance == "diverges") fp.notes.push_back("the variance map has no fixed point: chi_1 > 1, or chi_1 = 1 with sigma_b^2 > 0");
    doc.tables.push_back(std::move(fp));
  }
  return doc;
}

}  // namespace gdcert::report
