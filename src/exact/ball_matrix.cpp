#include "exact/ball_matrix.hpp"

namespace gdcert {

BallMatrix to_ball_matrix(const RationalMatrix& a, slong prec) {
  BallMatrix b(a.rows(), a.cols());
  for (slong i = 0; i < a.rows(); ++i)
    for (slong j = 0; j < a.cols(); ++j) arb_set_fmpq(b.entry(i, j), fmpq_mat_entry(a.get(), i, j), prec);
  return b;
}

}  // namespace gdcert
