#include "api/sbox.hpp"

#include "boolean/sbox.hpp"

namespace gdcert::api {

SBoxResult sbox(const SBoxRequest& req) {
  const boolean::SBox s = boolean::parse_sbox(req.spec);
  boolean::SBoxAnalysis a = boolean::analyse_sbox(s);
  SBoxResult r;
  r.canonical = s.canonical;
  r.n = s.n;
  r.m = s.m;
  r.parameters = {{"spec", s.canonical}, {"n", std::to_string(s.n)}, {"m", std::to_string(s.m)}};
  r.values = s.values;
  r.linearity = {Value(Integer(static_cast<long long>(a.linearity))), "boolean.sbox.linearity"};
  r.nonlinearity = {Value(Integer(static_cast<long long>(a.nonlinearity))), "boolean.sbox.linearity"};
  r.differential_uniformity = {Value(Integer(static_cast<long long>(a.differential_uniformity))), "boolean.sbox.ddt"};
  r.algebraic_degree = {Value(a.algebraic_degree), "boolean.algebraic_degree"};
  r.bijective = a.bijective;
  r.lat_histogram = std::move(a.lat_histogram);
  r.ddt_histogram = std::move(a.ddt_histogram);
  r.lat = std::move(a.lat);
  r.ddt = std::move(a.ddt);
  return r;
}

}  // namespace gdcert::api
