#include "sim/targets.hpp"

#include <memory>

#include "boolean/spec.hpp"
#include "exact/errors.hpp"
#include "exact/text.hpp"

namespace gdcert::sim {

SimTarget sim_target(const std::string& spec, std::uint64_t seed) {
  const boolean::ParsedSpec ps = boolean::parse_spec(spec, seed);
  const boolean::CubeFunction& f = ps.function;
  SimTarget t;
  t.canonical = ps.canonical;
  t.n = f.n();
  t.table.resize(f.size());
  for (std::uint64_t i = 0; i < f.size(); ++i) t.table[i] = f.is_boolean() ? f.sign(i) : f.value(i).to_double();
  return t;
}

TargetFn target_fn(const SimTarget& t) {
  auto table = std::make_shared<std::vector<double>>(t.table);
  return [table](const double* x, unsigned n) { return (*table)[cube_index(x, n)]; };
}

NetSpec net_spec(unsigned n, const std::string& widths, const std::string& acts, const std::string& bias,
                      const std::string& sign0) {
  NetSpec net;
  net.n = n;
  net.widths = parse_widths(widths);
  std::vector<std::string> a = split_list(acts);
  if (a.size() == 1) a.assign(net.widths.size(), a[0]);
  if (a.size() != net.widths.size())
    throw input_error("--act: requires one activation or one per hidden layer (" + std::to_string(net.widths.size()) +
                      "), got " + std::to_string(a.size()));
  for (const auto& s : a) net.acts.push_back(parse_activation(s));
  net.bias = bias != "none";
  net.sign0 = parse_sign0(sign0);
  return net;
}

}  // namespace gdcert::sim
