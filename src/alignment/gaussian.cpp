// The Gaussian route's dual kernels come from src/kernels (second_moment).
#include "alignment/inal.hpp"
#include "kernels/dual.hpp"

namespace gdcert::alignment {

GaussianKernel gaussian_kernel_for(std::string_view activation, Parity* parity) {
  const kernels::Activation a = kernels::parse_activation(activation);
  *parity = Parity::none;
  if (a.kind == kernels::Activation::Kind::relu || (a.kind == kernels::Activation::Kind::arccos && a.order == 1))
    *parity = Parity::affine_plus_even;
  if (a.kind == kernels::Activation::Kind::sign || a.kind == kernels::Activation::Kind::erf) *parity = Parity::odd;
  if (a.kind == kernels::Activation::Kind::arccos && a.order == 0) *parity = Parity::constant_plus_odd;
  return [a](const Ball& var, const Ball& cov, slong prec) { return kernels::second_moment(a, var, cov, prec); };
}

}  // namespace gdcert::alignment
