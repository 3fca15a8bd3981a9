#include "width/ldlt.hpp"

#include "exact/errors.hpp"

namespace gdcert::width {

std::string_view to_string(Definiteness d) {
  switch (d) {
    case Definiteness::positive_definite: return "positive definite";
    case Definiteness::positive_semidefinite_singular: return "positive semidefinite, singular";
    case Definiteness::not_positive_semidefinite: return "not positive semidefinite";
  }
  return "?";
}

namespace {

void require_symmetric(const RationalMatrix& a, const char* fn) {
  if (a.rows() != a.cols())
    throw domain_error(std::string(fn) + ": requires a square matrix, got " + std::to_string(a.rows()) + " x " +
                       std::to_string(a.cols()));
  for (slong i = 0; i < a.rows(); ++i)
    for (slong j = 0; j < i; ++j)
      if (!fmpq_equal(fmpq_mat_entry(a.get(), i, j), fmpq_mat_entry(a.get(), j, i)))
        throw domain_error(std::string(fn) + ": requires a symmetric matrix, entries (" + std::to_string(i) + "," +
                           std::to_string(j) + ") and (" + std::to_string(j) + "," + std::to_string(i) + ") differ");
}

}  // namespace

Ldlt ldlt_exact(const RationalMatrix& a) {
  require_symmetric(a, "ldlt_exact");
  const slong n = a.rows();
  Ldlt r;
  r.L = RationalMatrix::identity(n);
  // Working copy S: the Schur complements, updated in place (lower triangle).
  RationalMatrix s = a;
  fmpq_t t, u;
  fmpq_init(t);
  fmpq_init(u);
  for (slong k = 0; k < n; ++k) {
    const Rational d(fmpq_mat_entry(s.get(), k, k));
    r.pivots.push_back(d);
    const std::size_t bits = fmpz_bits(fmpq_numref(d.get()));
    if (bits > r.max_pivot_numerator_bits) r.max_pivot_numerator_bits = bits;
    if (d.sign() < 0) {
      r.verdict = Definiteness::not_positive_semidefinite;
      r.stop_index = static_cast<std::size_t>(k);
      break;
    }
    if (d.is_zero()) {
      r.zero_pivots.push_back(static_cast<std::size_t>(k));
      if (!r.first_zero_pivot) r.first_zero_pivot = static_cast<std::size_t>(k);
      bool column_zero = true;
      for (slong i = k + 1; i < n && column_zero; ++i) column_zero = fmpq_is_zero(fmpq_mat_entry(s.get(), i, k));
      if (!column_zero) {  // [[0, b], [b, c]] with b != 0 is indefinite
        r.verdict = Definiteness::not_positive_semidefinite;
        r.stop_index = static_cast<std::size_t>(k);
        break;
      }
      continue;  // L column k stays 0 below the diagonal
    }
    ++r.rank;
    for (slong i = k + 1; i < n; ++i) fmpq_div(fmpq_mat_entry(r.L.get(), i, k), fmpq_mat_entry(s.get(), i, k), d.get());
    // S_ij -= L_ik S_jk for k < j <= i (S_jk = L_jk d)
    for (slong j = k + 1; j < n; ++j) {
      if (fmpq_is_zero(fmpq_mat_entry(s.get(), j, k))) continue;
      for (slong i = j; i < n; ++i) {
        if (fmpq_is_zero(fmpq_mat_entry(r.L.get(), i, k))) continue;
        fmpq_mul(t, fmpq_mat_entry(r.L.get(), i, k), fmpq_mat_entry(s.get(), j, k));
        fmpq_sub(fmpq_mat_entry(s.get(), i, j), fmpq_mat_entry(s.get(), i, j), t);
      }
    }
  }
  fmpq_clear(t);
  fmpq_clear(u);
  if (r.verdict != Definiteness::not_positive_semidefinite) {
    r.verdict = r.zero_pivots.empty() ? Definiteness::positive_definite : Definiteness::positive_semidefinite_singular;
    for (const auto& p : r.pivots)
      if (!r.min_pivot || p < *r.min_pivot) r.min_pivot = p;
  }
  return r;  // width.ldlt
}

MinEigenvalue lambda_min_exact(const RationalMatrix& a, slong prec) {
  require_symmetric(a, "lambda_min_exact");
  const slong n = a.rows();
  if (n < 1) throw domain_error("lambda_min_exact: requires n >= 1");
  if (n > kMaxCharpolyN)
    throw resource_error("lambda_min_exact: requires n <= " + std::to_string(kMaxCharpolyN) +
                         " (characteristic polynomial of degree n), got n = " + std::to_string(n));
  fmpq_poly_t cp;
  fmpq_poly_init(cp);
  fmpq_mat_charpoly(cp, a.get());
  fmpz_poly_t num;
  fmpz_poly_init(num);
  fmpq_poly_get_numerator(num, cp);
  fmpq_poly_clear(cp);
  fmpz_poly_factor_t fac;
  fmpz_poly_factor_init(fac);
  fmpz_poly_factor(fac, num);
  fmpz_poly_clear(num);

  MinEigenvalue best;
  bool have = false;
  std::optional<Rational> best_exact;
  for (slong f = 0; f < fac->num; ++f) {
    const fmpz_poly_struct* p = fac->p + f;
    const slong deg = fmpz_poly_degree(p);
    std::vector<std::string> coeffs;
    for (slong c = deg; c >= 0; --c) {
      fmpz_t z;
      fmpz_init(z);
      fmpz_poly_get_coeff_fmpz(z, p, c);
      char* str = fmpz_get_str(nullptr, 10, z);
      coeffs.emplace_back(str);
      flint_free(str);
      fmpz_clear(z);
    }
    if (deg == 1) {
      fmpz_t c0, c1;
      fmpz_init(c0);
      fmpz_init(c1);
      fmpz_poly_get_coeff_fmpz(c0, p, 0);
      fmpz_poly_get_coeff_fmpz(c1, p, 1);
      fmpz_neg(c0, c0);
      const Rational root{Integer(c0), Integer(c1)};
      fmpz_clear(c0);
      fmpz_clear(c1);
      if (!have || (best_exact ? root < *best_exact : certainly_lt(to_ball(root, prec), best.ball))) {
        best.exact = root;
        best_exact = root;
        best.ball = to_ball(root, prec);
        best.minimal_polynomial = coeffs;
        best.multiplicity = static_cast<std::size_t>(fac->exp[f]);
        have = true;
      }
      continue;
    }
    // Irreducible of degree >= 2: isolate its roots (all real: A is symmetric) and take the smallest.
    for (slong wp = prec + 32;; wp *= 2) {
      if (wp > 64 * (prec + 32))
        throw precision_error("lambda_min_exact: eigenvalues not separated within " + std::to_string(64 * (prec + 32)) + " bits");
      std::vector<acb_struct> roots(static_cast<std::size_t>(deg));
      for (auto& r : roots) acb_init(&r);
      arb_fmpz_poly_complex_roots(roots.data(), p, 0, wp);
      Ball smallest;
      bool first = true, separated = true;
      for (slong k = 0; k < deg; ++k) {
        Ball re(acb_realref(&roots[static_cast<std::size_t>(k)]));
        if (first) { smallest = re; first = false; continue; }
        if (certainly_lt(re, smallest)) smallest = re;
        else if (!certainly_lt(smallest, re)) separated = false;
      }
      for (auto& r : roots) acb_clear(&r);
      // Irreducible polynomials have simple roots, so separation succeeds at a high enough precision.
      if (!separated) continue;
      bool better;
      if (!have) better = true;
      else if (best_exact) {
        // roots of distinct irreducible factors differ; decide certainly
        Ball e = to_ball(*best_exact, wp);
        if (certainly_lt(smallest, e)) better = true;
        else if (certainly_lt(e, smallest)) better = false;
        else continue;  // not yet separated: raise precision
      } else {
        if (certainly_lt(smallest, best.ball)) better = true;
        else if (certainly_lt(best.ball, smallest)) better = false;
        else continue;
      }
      if (better) {
        best.exact.reset();
        best_exact.reset();
        arb_set_round(smallest.get(), smallest.get(), prec);
        best.ball = smallest;
        best.minimal_polynomial = coeffs;
        best.multiplicity = static_cast<std::size_t>(fac->exp[f]);
        have = true;
      }
      break;
    }
  }
  fmpz_poly_factor_clear(fac);
  best.prec = prec;
  return best;  // width.lambda_min_exact
}

}  // namespace gdcert::width
