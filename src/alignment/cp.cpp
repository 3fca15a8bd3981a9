#include "alignment/cp.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <optional>

#include "exact/errors.hpp"

namespace gdcert::alignment {

namespace {

std::vector<long long> integer_table(const boolean::CubeFunction& f, Integer* den, const char* what) {
  const auto fi = f.integerised();
  if (!fi.max_abs.fits_si() || fi.max_abs > Integer(1LL << 24))
    throw overflow_error(std::string(what) + ": requires integerised values below 2^24, got max |value| = " + fi.max_abs.str());
  std::vector<long long> F(f.size());
  for (std::uint64_t x = 0; x < f.size(); ++x) F[x] = fi.numerators[x].to_si();
  *den = fi.denominator;
  return F;
}

/** All permutations of 0..n-1 in lexicographic order are visited by `visit(perm)`. */
template <class Visit>
void for_each_permutation(unsigned n, Visit visit) {
  std::vector<unsigned> p(n);
  std::iota(p.begin(), p.end(), 0u);
  do visit(p);
  while (std::next_permutation(p.begin(), p.end()));
}

/** Table index of g x for g = (s, sigma): (g x)_i = s_i x_{sigma^{-1}(i)}, i.e. bit sigma(j) of gx = bit j of x. */
std::uint64_t apply(std::uint64_t x, const std::vector<unsigned>& perm, std::uint64_t signs) {
  std::uint64_t y = 0;
  for (unsigned j = 0; j < perm.size(); ++j) y |= ((x >> j) & 1) << perm[j];
  return y ^ signs;
}

void check_cost(unsigned n, unsigned max_n, const char* what, const char* cost) {
  if (n > max_n)
    throw resource_error(std::string(what) + ": requires n <= " + std::to_string(max_n) + " (cost " + cost + "), got n = " +
                         std::to_string(n));
}

}  // namespace

Rational cp_parities_degree(unsigned n, unsigned k) {
  if (k > n) throw domain_error("cp_parities_degree: requires 0 <= k <= n, got k = " + std::to_string(k));
  return Rational(Integer(1), Integer::binomial(n, k));  // formula cp.parities_degree
}

Rational cp_all_parities(unsigned n) { return Rational(Integer(1), Integer::pow2(n)); }     // formula cp.all_parities
Rational cp_random_functions(unsigned n) { return Rational(Integer(1), Integer::pow2(n)); }  // formula cp.random

Rational cp_single(const boolean::CubeFunction& f) {
  Rational norm2(0);
  if (f.is_boolean()) return Rational(1);
  for (const auto& v : f.values()) norm2 += v * v;
  norm2 /= Rational(Integer::pow2(f.n()));
  return norm2 * norm2;  // formula cp.single
}

Rational cp_list(std::span<const boolean::CubeFunction> fs) {
  constexpr const char* what = "cp_list";
  if (fs.empty()) throw input_error(std::string(what) + ": requires at least one function");
  const unsigned n = fs[0].n();
  for (const auto& f : fs)
    if (f.n() != n) throw input_error(std::string(what) + ": requires functions on the same n, got n = " + std::to_string(n) +
                                      " and n = " + std::to_string(f.n()));
  const double cost = static_cast<double>(fs.size()) * static_cast<double>(fs.size()) * std::ldexp(1.0, static_cast<int>(n));
  if (cost > 0x1p34) throw resource_error(std::string(what) + ": requires |C|^2 2^n <= 2^34 operations");
  std::vector<std::vector<long long>> tables;
  std::vector<Integer> dens;
  for (const auto& f : fs) {
    Integer d;
    tables.push_back(integer_table(f, &d, what));
    dens.push_back(d);
  }
  Rational acc(0);
  for (std::size_t a = 0; a < fs.size(); ++a)
    for (std::size_t b = 0; b < fs.size(); ++b) {
      int128 s = 0;
      for (std::uint64_t x = 0; x < fs[0].size(); ++x) s += static_cast<int128>(tables[a][x]) * tables[b][x];
      const Rational ip(Integer::from_int128(s), Integer::pow2(n) * dens[a] * dens[b]);
      acc += ip * ip;  // formula cp.definition
    }
  const long long m = static_cast<long long>(fs.size());
  return acc / Rational(m * m);
}

Rational cp_bn(std::span<const Rational> w) {
  const unsigned n = static_cast<unsigned>(w.size() - 1);
  Rational acc(0);
  for (unsigned j = 0; j <= n; ++j) acc += w[j] * w[j] / Rational(Integer::binomial(n, j));  // formula cp.bn_closed
  return acc;
}

Rational alignment_bn(std::span<const Rational> w) {
  const unsigned n = static_cast<unsigned>(w.size() - 1);
  Rational best(0);
  for (unsigned j = 0; j <= n; ++j) best = std::max(best, w[j] / Rational(Integer::binomial(n, j)));  // align.bn_closed
  return best;
}

Integer harmonic_dimension(unsigned n, unsigned l) {
  if (n < 2) throw domain_error("harmonic_dimension: requires n >= 2, got n = " + std::to_string(n));
  // formula cp.harmonic_dimension: N(n,l) = C(n+l-1,l) - C(n+l-3,l-2)
  Integer a = Integer::binomial(n + l - 1, l);
  if (l >= 2) a -= Integer::binomial(n + l - 3, l - 2);
  return a;
}

Rational cp_on(unsigned n, std::span<const Rational> w) {
  Rational acc(0);
  for (unsigned l = 0; l < w.size(); ++l) acc += w[l] * w[l] / Rational(harmonic_dimension(n, l));  // cp.on_closed
  return acc;
}

Rational alignment_on(unsigned n, std::span<const Rational> w) {
  Rational best(0);
  for (unsigned l = 0; l < w.size(); ++l) best = std::max(best, w[l] / Rational(harmonic_dimension(n, l)));
  return best;
}

Rational cp_sn(const boolean::CubeFunction& f) {
  constexpr const char* what = "cp_sn";
  const unsigned n = f.n();
  check_cost(n, 9, what, "n! 2^n");
  Integer den;
  const auto F = integer_table(f, &den, what);
  Integer acc(0);
  for_each_permutation(n, [&](const std::vector<unsigned>& p) {
    int128 s = 0;
    for (std::uint64_t x = 0; x < f.size(); ++x) s += static_cast<int128>(F[x]) * F[apply(x, p, 0)];
    const Integer S = Integer::from_int128(s);
    acc += S * S;  // formula cp.group_average: <f, f∘g>^2
  });
  const Integer norm = Integer::pow2(n) * den * den;
  return Rational(acc, Integer::factorial(n) * norm * norm);
}

AlgebraicBall alignment_sn(const boolean::CubeFunction& f, slong prec) {
  constexpr const char* what = "alignment_sn";
  const unsigned n = f.n();
  check_cost(n, 7, what, "a 2^n x 2^n characteristic polynomial");
  Integer den;
  const auto F = integer_table(f, &den, what);
  const std::uint64_t N = f.size();
  // M[x][x'] = sum_g F(gx) F(gx'); the operator K_f/2^n is M / (n! 2^n D^2).
  std::vector<long long> M(N * N, 0);
  std::vector<long long> fg(N);
  for_each_permutation(n, [&](const std::vector<unsigned>& p) {
    for (std::uint64_t x = 0; x < N; ++x) fg[x] = F[apply(x, p, 0)];
    for (std::uint64_t x = 0; x < N; ++x)
      for (std::uint64_t y = 0; y < N; ++y) M[x * N + y] += fg[x] * fg[y];
  });
  fmpz_mat_t A;
  fmpz_mat_init(A, static_cast<slong>(N), static_cast<slong>(N));
  for (std::uint64_t x = 0; x < N; ++x)
    for (std::uint64_t y = 0; y < N; ++y) fmpz_set_si(fmpz_mat_entry(A, x, y), static_cast<slong>(M[x * N + y]));
  fmpz_poly_t cp;
  fmpz_poly_init(cp);
  fmpz_mat_charpoly(cp, A);
  fmpz_mat_clear(A);
  fmpz_poly_factor_t fac;
  fmpz_poly_factor_init(fac);
  fmpz_poly_factor(fac, cp);
  struct Cleanup {
    fmpz_poly_struct* poly;
    fmpz_poly_factor_struct* factors;
    ~Cleanup() {
      fmpz_poly_factor_clear(factors);
      fmpz_poly_clear(poly);
    }
  } cleanup{cp, fac};
  const Integer c = Integer::factorial(n) * Integer::pow2(n) * den * den;  // lambda = mu / c
  // The candidates are the real roots of the distinct irreducible factors: pairwise distinct algebraic numbers
  // (distinct irreducible factors share no root, an irreducible factor has simple roots), so their balls separate at
  // a finite working precision. The largest is chosen by certain comparisons only; while two candidate balls
  // overlap, the roots are isolated again at twice the working precision (never a midpoint comparison).
  struct Candidate {
    slong factor;
    slong root;  // index among the factor's roots; -1 for a linear factor
    Ball lam;
  };
  const slong max_wp = std::max<slong>(prec, 1) * 64 + 1024;
  std::optional<Candidate> top;
  for (slong wp = prec;; wp *= 2) {
    if (wp > max_wp)
      throw precision_error("alignment_sn: requires separable eigenvalue balls, got overlapping balls at prec " +
                            std::to_string(wp / 2));
    std::vector<Candidate> cand;
    for (slong i = 0; i < fac->num; ++i) {
      const fmpz_poly_struct* g = fac->p + i;
      const slong deg = fmpz_poly_degree(g);
      if (deg < 1) continue;
      if (deg == 1) {
        const Rational lam = Rational(-Integer(g->coeffs + 0), Integer(g->coeffs + 1)) / Rational(c);  // mu = -g0/g1
        cand.push_back({i, -1, to_ball(lam, wp)});
        continue;
      }
      acb_ptr r = _acb_vec_init(deg);
      arb_fmpz_poly_complex_roots(r, g, 0, wp);
      for (slong j = 0; j < deg; ++j) {
        if (!arb_contains_zero(acb_imagref(r + j))) continue;  // the kernel is symmetric: its spectrum is real
        Ball lam;
        arb_set(lam.get(), acb_realref(r + j));
        arb_div_fmpz(lam.get(), lam.get(), c.get(), wp);
        cand.push_back({i, j, lam});
      }
      _acb_vec_clear(r, deg);
    }
    GDCERT_ASSERT(!cand.empty(), "alignment_sn: a largest eigenvalue");
    std::size_t b = 0;
    bool decided = true;
    for (std::size_t k = 1; k < cand.size() && decided; ++k) {
      if (certainly_lt(cand[b].lam, cand[k].lam)) b = k;
      else if (!certainly_lt(cand[k].lam, cand[b].lam)) decided = false;
    }
    // The running maximum is certain only if every candidate is certainly below it.
    for (std::size_t k = 0; k < cand.size() && decided; ++k)
      if (k != b && !certainly_lt(cand[k].lam, cand[b].lam)) decided = false;
    if (decided) {
      top = cand[b];
      break;
    }
  }
  AlgebraicBall best;
  best.prec = prec;
  const fmpz_poly_struct* g = fac->p + top->factor;
  const slong deg = fmpz_poly_degree(g);
  if (top->root < 0) {
    const Rational lam = Rational(-Integer(g->coeffs + 0), Integer(g->coeffs + 1)) / Rational(c);
    best.exact = lam;
    best.ball = to_ball(lam, prec);
    best.minimal_polynomial = {lam.den(), -lam.num()};
  } else {
    arb_set_round(best.ball.get(), top->lam.get(), prec);
    // minimal polynomial of lambda = mu/c: sum_k g_k c^k lambda^k, content removed; high degree first.
    fmpz_poly_t q;
    fmpz_poly_init(q);
    Integer ck(1);
    for (slong k = 0; k <= deg; ++k) {
      const Integer coef = Integer(g->coeffs + k) * ck;
      fmpz_poly_set_coeff_fmpz(q, k, coef.get());
      ck *= c;
    }
    fmpz_poly_primitive_part(q, q);
    if (fmpz_sgn(q->coeffs + deg) < 0) fmpz_poly_neg(q, q);
    for (slong k = deg; k >= 0; --k) best.minimal_polynomial.push_back(Integer(q->coeffs + k));
    fmpz_poly_clear(q);
  }
  return best;  // formula align.group_average
}

Certificate inal_cp_certificate(std::span<const Rational> w, const Value& inal, std::span<const Value> e,
                                std::span<const unsigned> J, const Rational& vacuous_threshold, slong prec) {
  const unsigned n = static_cast<unsigned>(w.size() - 1);
  if (J.empty()) throw input_error("inal_cp_certificate: requires a nonempty set of levels J");
  Rational norm2(0);
  for (const auto& x : w) norm2 += x;
  std::vector<bool> inJ(n + 1, false);
  for (unsigned j : J) {
    if (j > n) throw input_error("inal_cp_certificate: requires levels in 0..n, got " + std::to_string(j));
    inJ[j] = true;
  }
  Certificate c;
  // min_{j in J} e_j, exactly or as a ball; every e_j must be certainly positive.
  bool exact = inal.kind() == Kind::exact;
  for (unsigned j : J) exact = exact && e[j].kind() == Kind::exact;
  for (unsigned j : J) {
    const bool pos = e[j].kind() == Kind::exact ? e[j].exact().sign() > 0 : certainly_positive(e[j].ball());
    if (!pos)
      throw domain_error("inal_cp_certificate: requires e_j > 0 on J, got e_" + std::to_string(j) + " = " + e[j].str(20) +
                         " (drop level " + std::to_string(j) + " from J)");
  }
  c.second_term = Rational(0);
  for (unsigned j = 0; j <= n; ++j)
    if (!inJ[j] && w[j].sign() > 0) {
      const Rational t = norm2 / Rational(Integer::binomial(n, j));
      if (t > c.second_term) {
        c.second_term = t;
        c.worst_level = j;
      }
    }
  if (exact) {
    Rational mine = e[J[0]].exact();
    for (unsigned j : J) mine = std::min(mine, e[j].exact());
    const Rational first = inal.exact() / mine;
    c.first_term = Value(first);
    c.bound = Value(norm2 * std::max(first, c.second_term));  // formula cp.inal_certificate
  } else {
    auto ball_of = [&](const Value& v) { return v.kind() == Kind::exact ? to_ball(v.exact(), prec) : v.ball(); };
    Ball mine = ball_of(e[J[0]]);
    for (unsigned j : J) arb_min(mine.get(), mine.get(), ball_of(e[j]).get(), prec);
    Ball first;
    arb_div(first.get(), ball_of(inal).get(), mine.get(), prec);
    c.first_term = Value(first, prec);
    Ball b;
    arb_max(b.get(), first.get(), to_ball(c.second_term, prec).get(), prec);
    arb_mul(b.get(), b.get(), to_ball(norm2, prec).get(), prec);
    c.bound = Value(b, prec);
  }
  c.vacuous = c.second_term >= vacuous_threshold;
  if (c.vacuous)
    c.note = "vacuous: f has Walsh weight at level " + std::to_string(c.worst_level) +
             " outside J, which INAL does not control (1/C(n," + std::to_string(c.worst_level) + ") = " +
             Rational(Integer(1), Integer::binomial(n, c.worst_level)).str() +
             "); an orbit/CP argument cannot cover top-level weight";
  return c;
}

}  // namespace gdcert::alignment
