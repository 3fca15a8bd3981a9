// Quantities of the radial law and the depth-separation bounds for `gdcert check` (radial.*, ds.*).
#include "api/quantities_radial.hpp"

#include "bounds/depth_separation.hpp"
#include "api/precision.hpp"
#include "api/radial.hpp"
#include "exact/errors.hpp"
#include "radial/mixture.hpp"
#include "radial/radial.hpp"

namespace gdcert::api {

namespace {

const std::string& need_param(const Params& p, const std::string& q, const char* key) {
  auto it = p.find(key);
  if (it == p.end()) throw input_error("quantity " + q + ": requires parameter \"" + key + "\"");
  return it->second;
}

long dimension_of(const Params& p, const std::string& q) {
  const Integer d = Integer::parse(need_param(p, q, "d"));
  if (d < Integer(1) || d > Integer(100000))
    throw input_error("quantity " + q + ": requires 1 <= d <= 100000, got d = " + d.str());
  return d.to_si();
}

slong bits_of(const Params& p, const std::string& q) {
  (void)q;
  return prec_param(p);
}

}  // namespace

const std::vector<QuantityInfo>& radial_quantities() {
  static const std::vector<QuantityInfo> q = {
      {"radial.R_d", "d, [prec = 128]", "radial.unit_ball_radius", "radius of the unit-volume ball"},
      {"radial.phi", "d, rho, [prec = 128]", "radial.fourier_ball", "Fourier transform of the unit-volume ball indicator at |xi| = rho"},
      {"radial.C_d", "d, [prec = 128]", "radial.tail_constant", "tail constant d/(2 pi^2 R_d)"},
      {"radial.tail", "d, rho, [prec = 128]", "radial.tail", "P(|x| > rho), certified quadrature to `prec` bits"},
      {"radial.tail_closed_form", "d, rho, [prec = 128]", "radial.tail_closed_form", "P(|x| > rho) by the telescoping identity"},
      {"radial.C_d_limit", "[prec = 128]", "radial.tail_constant_limit", "lim C_d/sqrt(d) = sqrt(2 pi e)/(2 pi^2)"},
      {"radial.es16_alpha", "d", "radial.es16_alpha", "alpha = ceil(635/(2 pi d)) (reconstructed rule)"},
      {"radial.es16_N", "d", "radial.es16_shell_count", "N = ceil(alpha^1.5 d^2) (reconstructed rule)"},
      {"ds.logistic_gap", "k, [prec = 128]", "ds.logistic_gap", "(2/k)(ln 2 - 1/2)"},
      {"ds.accuracy_floor", "c, N", "ds.accuracy_floor", "c/(4 N^2), exact"},
  };
  return q;
}

std::optional<std::vector<Value>> evaluate_radial_quantity(const std::string& q, const Params& p) {
  if (q.rfind("radial.", 0) != 0 && q.rfind("ds.", 0) != 0) return std::nullopt;
  if (q == "radial.C_d_limit") {
    const slong bits = bits_of(p, q);
    return std::vector<Value>{Value(radial::tail_constant_limit_ball(bits), bits)};
  }
  if (q == "ds.logistic_gap") {
    const slong bits = bits_of(p, q);
    return std::vector<Value>{Value(bounds::logistic_gap_ball(Rational::parse(need_param(p, q, "k")), bits), bits)};
  }
  if (q == "ds.accuracy_floor") {
    const Integer N = Integer::parse(need_param(p, q, "N"));
    return std::vector<Value>{Value(bounds::accuracy_floor_exact(Rational::parse(need_param(p, q, "c")), N))};
  }
  const long d = dimension_of(p, q);
  if (q == "radial.es16_alpha") return std::vector<Value>{Value(radial::es16_alpha(d))};
  if (q == "radial.es16_N") return std::vector<Value>{Value(radial::es16_shell_count(d, radial::es16_alpha(d)))};
  const slong bits = bits_of(p, q);
  if (q == "radial.R_d") return std::vector<Value>{Value(radial::unit_ball_radius_ball(d, bits), bits)};
  if (q == "radial.C_d") return std::vector<Value>{Value(radial::tail_constant_ball(d, bits), bits)};
  const Rational rho = Rational::parse(need_param(p, q, "rho"));
  if (q == "radial.phi") return std::vector<Value>{Value(radial::fourier_ball_ball(d, rho, bits), bits)};
  if (q == "radial.tail") {
    check_radial_quadrature_prec(bits, "quantity radial.tail");
    return std::vector<Value>{Value(radial::tail_probability_to_accuracy(d, rho, bits, 8 * bits), bits)};
  }
  if (q == "radial.tail_closed_form")
    return std::vector<Value>{Value(radial::tail_probability_closed_form_ball(d, rho, bits), bits)};
  return std::nullopt;
}

}  // namespace gdcert::api
