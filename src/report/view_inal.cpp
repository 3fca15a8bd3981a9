// gdcert inal: initial alignment of a target with a network's neurons at initialisation, and the expressivity
// profile e_k(n) of a first-layer neuron.
#include <algorithm>
#include <cmath>
#include <memory>

#include "api/inal.hpp"
#include "report/views.hpp"
#include "exact/text.hpp"
#include "exact/errors.hpp"

namespace gdcert::report {





namespace {

Document profile_document(const InalRequest& req) {
  const api::InalProfile p = api::inal_profile(req);
  Document doc;
  doc.verb = "inal";
  doc.prec = req.prec;
  doc.parameters.assign(p.parameters.begin(), p.parameters.end());
  Table t{"expressivity", "Expressivity profile of a first-layer " + req.act + " neuron, n = " + std::to_string(req.n) +
                              ", init " + p.parameters.at("init") + ", bias " + p.parameters.at("bias"),
          {{"k", "", ""}, {"m_k", "", "inal.walsh_diagonal"}, {"e_k = C(n,k) m_k", "", "inal.expressivity"}, {"structural zero", "", "inal.exact_zeros"}},
          {}, {}};
  for (unsigned k = 0; k <= p.n; ++k)
    t.rows.push_back({static_cast<long long>(k), p.m[k].value, p.e[k].value, std::string(p.structural_zero[k] ? "yes" : "")});
  t.rows.push_back({std::string("sum"), std::string(""), p.second_moment.value, std::string("")});
  t.notes.push_back("route " + p.route + (p.route == "diagonal-gaussian" ? ": balls enclose the exact values" : ": exact"));
  doc.tables.push_back(std::move(t));
  if (p.k_expressive) {
    const auto& ke = *p.k_expressive;
    Table e{"k_expressive", "K-expressive check: min_{1<=k<=K} e_k >= n^-c",
            {{"quantity", "", ""}, {"value", "", "inal.k_expressive"}}, {}, {}};
    e.rows.push_back({std::string("K"), static_cast<long long>(ke.K)});
    e.rows.push_back({std::string("c"), Value(ke.c)});
    e.rows.push_back({std::string(ke.verdict == api::Verdict::no ? "e_k certainly below n^-c (k = " : "e_k of least lower bound (k = ") +
                          std::to_string(ke.witness) + ")",
                      ke.witness_e.value});
    e.rows.push_back({std::string("n^-c"), ke.threshold.value});
    e.rows.push_back({std::string("K-expressive"), std::string(api::to_string(ke.verdict))});
    e.notes.push_back("decided on balls: yes when every e_k (1 <= k <= K) is certainly >= n^-c, no when one is certainly below");
    doc.tables.push_back(std::move(e));
  }
  return doc;
}

}  // namespace

Document inal_document(const InalRequest& req) {
  if (req.profile) return profile_document(req);
  const api::InalResult r = api::inal(req);
  Document doc;
  doc.verb = "inal";
  doc.prec = req.prec;
  doc.parameters.assign(r.parameters.begin(), r.parameters.end());
  const std::string law = "init " + r.parameters.at("init") + ", bias " + r.parameters.at("bias");
  if (!req.level_weights.empty()) {
    Table t{"inal", "INAL of a target with the given level weights (first-layer " + req.act + " neuron, " + law + ")",
            {{"quantity", "", ""}, {"value", "", "inal.walsh_diagonal"}}, {}, {}};
    t.rows.push_back({std::string("INAL = sum_k m_k W_k"), r.inal.value});
    t.rows.push_back({std::string("route"), r.route});
    if (r.normalised) t.rows.push_back({std::string("normalised INAL"), r.normalised->value});
    doc.tables.push_back(std::move(t));
    return doc;
  }
  doc.seed = req.seed;
  const std::string net = r.parameters.at("net");
  Table summary{"inal", "INAL of " + r.canonical + " (net " + net + ", " + req.act + ", " + law + ")",
                {{"quantity", "", ""}, {"value", "", "inal.definition"}}, {}, {}};
  summary.rows.push_back({std::string("INAL = max_v E<f, NN^(v)>^2"), r.inal.value});
  if (r.route != "enumeration") {
    summary.rows.push_back({std::string("route"), r.route});
    summary.rows.push_back({std::string("E ||NN^(v)||^2 = sum_k e_k"), r.second_moment->value});
    if (r.normalised) summary.rows.push_back({std::string("normalised INAL"), r.normalised->value});
    doc.tables.push_back(std::move(summary));
    Table t{"levels", "Level contributions m_k W_k(f)",
            {{"k", "", ""}, {"W_k(f)", "", "walsh.level_weight"}, {"m_k", "", "inal.walsh_diagonal"},
             {"e_k", "", "inal.expressivity"}},
            {}, {}};
    for (std::size_t k = 0; k < r.m.size(); ++k)
      t.rows.push_back({static_cast<long long>(k), r.level_weights[k].value, r.m[k].value, r.e[k].value});
    doc.tables.push_back(std::move(t));
    return doc;
  }
  summary.rows.push_back({std::string("attained at layer"), static_cast<long long>(r.best_layer)});
  summary.rows.push_back({std::string("route"), std::string("enumeration")});
  summary.rows.push_back({std::string("parameter configurations"), static_cast<long long>(r.configurations)});
  if (r.max_inside) summary.rows.push_back({std::string("E max_v <f, NN^(v)>^2 (max inside)"), r.max_inside->value});
  if (r.normalised)
    summary.rows.push_back({std::string("normalised INAL (layer " + std::to_string(r.best_layer) + ")"), r.normalised->value});
  doc.tables.push_back(std::move(summary));
  Table t{"layers", "Per-layer neuron alignment (neurons of a layer are exchangeable)",
          {{"layer", "", ""}, {"activation", "", ""}, {"E<f, NN^(v)>^2", "", "inal.definition"}, {"E||NN^(v)||^2", "", ""}},
          {}, {}};
  for (std::size_t l = 0; l < r.layer_mean_square.size(); ++l)
    t.rows.push_back({static_cast<long long>(l + 1), r.layer_activations[l], r.layer_mean_square[l].value, r.layer_mean_norm[l].value});
  doc.tables.push_back(std::move(t));
  return doc;
}

}  // namespace gdcert::report
