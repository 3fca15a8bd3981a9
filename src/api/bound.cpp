#include "api/bound.hpp"

#include <algorithm>
#include <stdexcept>

#include "api/formulas.hpp"
#include "api/precision.hpp"
#include "bounds/all.hpp"
#include "exact/errors.hpp"
#include "exact/text.hpp"

namespace gdcert::api {

std::vector<BoundListing> bound_list() {
  std::vector<BoundListing> out;
  for (const auto& e : bounds::all_bounds()) {
    BoundListing b{std::string(e.formula_id), find_formula(e.formula_id), std::string(e.summary), {}};
    for (const auto& p : e.params)
      b.params.push_back({std::string(p.name), std::string(p.meaning), std::string(p.default_value), p.vector});
    out.push_back(std::move(b));
  }
  return out;
}

std::string vacuity(const Value& bound, const Rational& trivial, long prec) {
  if (bound.kind() == Kind::exact) return bound.exact() >= trivial ? "VACUOUS" : "bites";
  const Ball t = to_ball(trivial, prec + 16), &b = bound.ball();
  if (certainly_le(t, b)) return "VACUOUS";
  if (certainly_lt(b, t)) return "bites";
  return "undecided";
}

namespace {

std::vector<BoundOutput> evaluate_entry(const bounds::BoundEntry& e, const bounds::BoundArgs& args, long prec) {
  std::vector<BoundOutput> out;
  for (auto& [name, v] : e.evaluate(bounds::complete_args(e, args), prec)) {
    BoundOutput o{name, std::nullopt, v.absent, "", v.trivial};
    if (v.value && v.trivial) o.status = vacuity(*v.value, *v.trivial, prec);
    if (v.value) o.value = Result{std::move(*v.value), std::string(e.formula_id)};
    out.push_back(std::move(o));
  }
  return out;
}

}  // namespace

std::vector<BoundOutput> evaluate_bound(const std::string& id, const Params& args, long prec) {
  check_prec(prec);
  const auto all = bounds::all_bounds();
  return evaluate_entry(bounds::find_bound(all, id), bounds::BoundArgs(args.begin(), args.end()), prec);
}

BoundTable bound(const BoundRequest& req, long prec) {
  check_prec(prec);
  const auto all = bounds::all_bounds();
  const bounds::BoundEntry& e = bounds::find_bound(all, req.id);
  BoundTable t;
  t.id = req.id;
  t.summary = std::string(e.summary);
  t.formula = find_formula(e.formula_id);
  t.prec = prec;
  // Parameters; comma lists become grid axes (in the order given).
  std::vector<std::vector<std::string>> axis_values;
  for (const auto& p : req.params) {
    const std::size_t eq = p.find('=');
    if (eq == std::string::npos || eq == 0) throw usage_error("bound --param: requires k=v, got \"" + p + "\"");
    const std::string k = p.substr(0, eq), v = p.substr(eq + 1);
    const bool vector = std::any_of(e.params.begin(), e.params.end(), [&](const bounds::BoundParam& bp) {
      return bp.vector && bp.name == k;
    });
    // a network ("P=net:8,4") is one value: its commas separate widths
    const bool list_valued = v.find(',') != std::string::npos && !vector && v.rfind("net:", 0) != 0;
    // an empty value or list entry is malformed (a parameter given as "" was taken as absent: its default)
    if (v.empty()) throw usage_error("bound --param: requires a value after \"" + k + "=\", got \"" + p + "\"");
    if (list_valued) {
      t.axes.push_back(k);
      axis_values.push_back(split_list(v));
      for (const auto& x : axis_values.back())
        if (x.find_first_not_of(" \t") == std::string::npos)
          throw usage_error("bound --param " + k + ": requires no empty entry in the list, got \"" + v + "\"");
    } else {
      t.fixed[k] = v;
    }
  }
  t.parameters = t.fixed;
  t.parameters["id"] = req.id;
  t.parameters["prec"] = std::to_string(prec);
  std::size_t total = 1;
  for (const auto& a : axis_values) total *= a.size();
  if (total > 100000) throw resource_error("bound: grid of " + std::to_string(total) + " points exceeds 100000");
  const bounds::BoundArgs fixed(t.fixed.begin(), t.fixed.end());
  std::vector<std::size_t> idx(axis_values.size(), 0);
  for (std::size_t g = 0; g < total; ++g) {
    bounds::BoundArgs args = fixed;
    std::size_t r = g;
    for (std::size_t i = axis_values.size(); i-- > 0;) {
      idx[i] = r % axis_values[i].size();
      r /= axis_values[i].size();
    }
    BoundTable::Point point;
    for (std::size_t i = 0; i < axis_values.size(); ++i) {
      args[t.axes[i]] = axis_values[i][idx[i]];
      point.at.push_back(axis_values[i][idx[i]]);
    }
    const std::vector<BoundOutput> out = evaluate_entry(e, args, prec);
    if (g == 0)
      for (const auto& o : out) t.outputs.push_back(o.name);
    if (out.size() != t.outputs.size()) throw std::logic_error("bound " + req.id + ": outputs differ between grid points");
    for (std::size_t i = 0; i < out.size(); ++i)
      if (out[i].name != t.outputs[i]) throw std::logic_error("bound " + req.id + ": outputs differ between grid points");
    point.values = out;
    t.points.push_back(std::move(point));
  }
  return t;
}

}  // namespace gdcert::api
