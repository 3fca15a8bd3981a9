// The Gaussian route's dual kernels come from src/kernels (second_moment).
#include "alignment/inal.hpp"
#include "exact/errors.hpp"
#if __has_include("kernels/dual.hpp")
#include "kernels/dual.hpp"
#define GDCERT_HAVE_KERNELS 1
#else
#define GDCERT_HAVE_KERNELS 0
#endif

namespace gdcert::alignment {

GaussianKernel gaussian_kernel_for(std::string_view activation, Parity* parity) {
#if GDCERT_HAVE_KERNELS
  const kernels::Activation a = kernels::parse_activation(activation);
  *parity = Parity::none;
  if (a.kind == kernels::Activation::Kind::relu || (a.kind == kernels::Activation::Kind::arccos && a.order == 1))
    *parity = Parity::affine_plus_even;
  if (a.kind == kernels::Activation::Kind::sign || a.kind == kernels::Activation::Kind::erf) *parity = Parity::odd;
  if (a.kind == kernels::Activation::Kind::arccos && a.order == 0) *parity = Parity::constant_plus_odd;
  return [a](const Ball& var, const Ball& cov, slong prec) { return kernels::second_moment(a, var, cov, prec); };
#else
  // Closed forms of the two exact-route activations (inal §4): ReLU V (sqrt(1-r^2) + (pi - acos r) r)/(2 pi),
  // sign (2/pi) asin r, r = cov/var.
  if (activation == "relu") {
    *parity = Parity::affine_plus_even;
    return [](const Ball& var, const Ball& cov, slong prec) {
      Ball r, s, t, pi;
      arb_div(r.get(), cov.get(), var.get(), prec);
      arb_mul(s.get(), r.get(), r.get(), prec);
      arb_sub_ui(s.get(), s.get(), 1, prec);
      arb_neg(s.get(), s.get());
      arb_sqrtpos(s.get(), s.get(), prec);
      arb_const_pi(pi.get(), prec);
      arb_acos(t.get(), r.get(), prec);
      arb_sub(t.get(), pi.get(), t.get(), prec);
      arb_mul(t.get(), t.get(), r.get(), prec);
      arb_add(s.get(), s.get(), t.get(), prec);
      arb_mul(s.get(), s.get(), var.get(), prec);
      arb_div(s.get(), s.get(), pi.get(), prec);
      arb_mul_2exp_si(s.get(), s.get(), -1);
      return s;
    };
  }
  if (activation == "sign") {
    *parity = Parity::odd;
    return [](const Ball& var, const Ball& cov, slong prec) {
      Ball r, pi;
      arb_div(r.get(), cov.get(), var.get(), prec);
      arb_asin(r.get(), r.get(), prec);
      arb_const_pi(pi.get(), prec);
      arb_div(r.get(), r.get(), pi.get(), prec);
      arb_mul_2exp_si(r.get(), r.get(), 1);
      return r;
    };
  }
  throw input_error("activation: unknown \"" + std::string(activation) + "\" (known: relu, sign)");
#endif
}

}  // namespace gdcert::alignment
