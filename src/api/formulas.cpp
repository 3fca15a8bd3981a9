#include "api/formulas.hpp"

#include <vector>

#include "alignment/inal.hpp"
#include "boolean/criteria.hpp"
#include "boolean/immunity.hpp"
#include "boolean/ops.hpp"
#include "boolean/pbiased.hpp"
#include "boolean/sbox.hpp"
#include "boolean/walsh.hpp"
#include "bounds/depth_separation.hpp"
#include "bounds/noisy_gd.hpp"
#include "kernels/dual.hpp"
#include "landscape/quadratic.hpp"
#include "radial/mixture.hpp"
#include "radial/radial.hpp"
#include "width/formulas.hpp"

namespace gdcert::api {

std::span<const Formula> all_formulas() {
  static const std::vector<Formula> all = [] {
    std::vector<Formula> v;
    for (const auto& f : boolean::walsh_formulas()) v.push_back(f);
    for (const auto& f : boolean::criteria_formulas()) v.push_back(f);
    for (auto t : {boolean::ops_formulas(), boolean::immunity_formulas(), boolean::pbiased_formulas(), boolean::sbox_formulas()}) v.insert(v.end(), t.begin(), t.end());
    for (const auto& f : alignment::alignment_formulas()) v.push_back(f);
    for (const auto& f : kernels::kernel_formulas()) v.push_back(f);
    for (const auto& f : bounds::noisy_gd_formulas()) v.push_back(f);
    for (auto t : {radial::radial_formulas(), radial::mixture_formulas(), bounds::depth_separation_formulas()}) v.insert(v.end(), t.begin(), t.end());
    for (const auto& f : landscape::landscape_formulas()) v.push_back(f);
    for (const auto& f : width::width_formulas()) v.push_back(f);
    return v;
  }();
  return all;
}

const Formula* find_formula(std::string_view id) {
  if (id.empty()) return nullptr;
  for (const auto& f : all_formulas())
    if (f.id == id) return &f;
  return nullptr;
}

}  // namespace gdcert::api
