// BallMatrix: RAII value type over Arb arb_mat_t (a matrix of balls; inclusion principle as in ball.hpp: every
// matrix whose entries lie in the balls is enclosed).
#pragma once
#include "exact/ball.hpp"
#include "exact/rational_matrix.hpp"

namespace gdcert {

class BallMatrix {
 public:
  BallMatrix(slong rows = 0, slong cols = 0) { arb_mat_init(v_, rows, cols); }
  BallMatrix(const BallMatrix& o) {
    arb_mat_init(v_, arb_mat_nrows(o.v_), arb_mat_ncols(o.v_));
    arb_mat_set(v_, o.v_);
  }
  BallMatrix(BallMatrix&& o) noexcept { arb_mat_init(v_, 0, 0); arb_mat_swap(v_, o.v_); }
  BallMatrix& operator=(const BallMatrix& o) {
    if (this != &o) { BallMatrix t(o); arb_mat_swap(v_, t.v_); }
    return *this;
  }
  BallMatrix& operator=(BallMatrix&& o) noexcept { arb_mat_swap(v_, o.v_); return *this; }
  ~BallMatrix() { arb_mat_clear(v_); }

  slong rows() const { return arb_mat_nrows(v_); }
  slong cols() const { return arb_mat_ncols(v_); }
  /** Entry (i, j); indices are not checked here (callers iterate within rows() x cols()). */
  arb_ptr entry(slong i, slong j) { return arb_mat_entry(v_, i, j); }
  arb_srcptr entry(slong i, slong j) const { return arb_mat_entry(v_, i, j); }
  Ball at(slong i, slong j) const { return Ball(arb_mat_entry(v_, i, j)); }
  arb_mat_struct* get() { return v_; }
  const arb_mat_struct* get() const { return v_; }

 private:
  arb_mat_t v_;
};

/** The ball matrix of an exact matrix, each entry rounded to prec bits (exact where it fits). */
BallMatrix to_ball_matrix(const RationalMatrix& a, slong prec);

}  // namespace gdcert
