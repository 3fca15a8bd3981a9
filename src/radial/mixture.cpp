#include "radial/mixture.hpp"

#include <cmath>

#include "exact/errors.hpp"
#include "radial/radial.hpp"

namespace gdcert::radial {

namespace {

const Formula kFormulas[] = {
    {"radial.es16_alpha", "alpha = ceil(635/(2 pi d)) (\"127*5/(2 pi d)\", after ES16 Lemma 23)",
     "public rebuild script of the Eldan, Shamir 2016 (COLT, arXiv 1512.03965) data set (it cites ES16's Lemma 23); not ES16's own constant; proofs/depth-separation.md#es16-shells",
     Tag::reconstructed, "proofs/depth-separation.md#es16-shells"},
    {"radial.es16_shell_count", "N = ceil(alpha^(3/2) d^2) equal intervals of [alpha sqrt d, 2 alpha sqrt d]",
     "public rebuild script of the Eldan, Shamir 2016 (COLT, arXiv 1512.03965) data set; ES16 only has N = Theta(d^2); proofs/depth-separation.md#es16-shells", Tag::reconstructed,
     "proofs/depth-separation.md#es16-shells"},
    {"radial.es16_good_interval", "interval good iff J_{d/2}(2 pi R_d r)^2 r > 1/(80 pi R_d) (at its midpoint)",
     "public rebuild script of the Eldan, Shamir 2016 (COLT, arXiv 1512.03965) data set; midpoint convention ours; proofs/depth-separation.md#es16-shells", Tag::reconstructed,
     "proofs/depth-separation.md#es16-shells"},
    {"radial.shell_mass", "mu(alpha sqrt d <= |x| <= 2 alpha sqrt d) = P(|x| > alpha sqrt d) - P(|x| > 2 alpha sqrt d) "
     "~ C_d/(2 alpha sqrt d)",
     "derived; proofs/depth-separation.md#shell-mass", Tag::derived, "proofs/depth-separation.md#shell-mass"},
    {"radial.mixture", "gamma = (1/M) sum_j Law(x/r_j), x ~ mu, radii r_j in [alpha sqrt d, 2 alpha sqrt d]",
     "Safran, Shamir 2017 (ICML, arXiv 1610.09887), the radial mixture; proofs/depth-separation.md#mixture", Tag::reconstructed,
     "proofs/depth-separation.md#mixture"},
};

}  // namespace

Integer es16_alpha(long d) {
  require_dimension(d, "es16_alpha");
  // 635/(2 pi d) is irrational, so the ceiling is decided once the ball is narrow enough
  return ceil_to_certainty(
      [d](slong prec) {
        Ball pi, x;
        arb_const_pi(pi.get(), prec);
        arb_mul_si(pi.get(), pi.get(), 2 * d, prec);
        arb_set_si(x.get(), 635);
        arb_div(x.get(), x.get(), pi.get(), prec);
        return x;
      },
      64, 4096, "es16_alpha");  // radial.es16_alpha
}

Integer es16_shell_count(long d, const Integer& alpha) {
  require_dimension(d, "es16_shell_count");
  if (alpha.sign() <= 0) throw domain_error("es16_shell_count: requires alpha >= 1, got alpha = " + alpha.str());
  // ceil(alpha^(3/2) d^2) = ceil(sqrt(alpha^3 d^4)): the least n with n^2 >= alpha^3 d^4
  fmpz_t v, s, r;
  fmpz_init(v);
  fmpz_init(s);
  fmpz_init(r);
  fmpz_pow_ui(v, alpha.get(), 3);
  fmpz_t d4;
  fmpz_init(d4);
  fmpz_set_si(d4, d);
  fmpz_pow_ui(d4, d4, 4);
  fmpz_mul(v, v, d4);
  fmpz_sqrtrem(s, r, v);
  if (!fmpz_is_zero(r)) fmpz_add_ui(s, s, 1);
  Integer out(s);
  fmpz_clear(v);
  fmpz_clear(s);
  fmpz_clear(r);
  fmpz_clear(d4);
  return out;  // radial.es16_shell_count
}

Integer es16_shell_count_kappa(long d, const Rational& kappa) {
  require_dimension(d, "es16_shell_count_kappa");
  if (kappa.sign() <= 0) throw domain_error("es16_shell_count_kappa: requires kappa > 0, got kappa = " + kappa.str());
  const Rational x = kappa * Rational(Integer(d) * Integer(d));
  fmpz_t c;
  fmpz_init(c);
  fmpz_cdiv_q(c, fmpq_numref(x.get()), fmpq_denref(x.get()));
  Integer out(c);
  fmpz_clear(c);
  return out;
}

Ball es16_inner_radius_ball(long d, const Integer& alpha, slong prec) {
  Ball s, a;
  arb_set_si(s.get(), d);
  arb_sqrt(s.get(), s.get(), prec);
  arb_set_fmpz(a.get(), alpha.get());
  arb_mul(s.get(), s.get(), a.get(), prec);
  return s;
}

ShellCount es16_good_intervals(long d, const Integer& alpha, const Integer& N, slong prec) {
  require_dimension(d, "es16_good_intervals");
  if (N.sign() <= 0 || N > Integer(1000000))
    throw resource_error("es16_good_intervals: requires 1 <= N <= 1000000, got N = " + N.str());
  const long n = N.to_si();
  ShellCount out;
  for (long i = 0; i < n; ++i) {
    for (slong p = prec;; p *= 2) {
      const slong wp = p + 16;
      Ball lo = es16_inner_radius_ball(d, alpha, wp), r, R = unit_ball_radius_ball(d, wp), pi, t, j, thr;
      // midpoint r = alpha sqrt(d) (1 + (i + 1/2)/N)
      arb_set_si(r.get(), 2 * i + 1);
      arb_div_si(r.get(), r.get(), 2 * n, wp);
      arb_add_si(r.get(), r.get(), 1, wp);
      arb_mul(r.get(), r.get(), lo.get(), wp);
      arb_const_pi(pi.get(), wp);
      arb_mul(t.get(), pi.get(), R.get(), wp);
      arb_mul_2exp_si(t.get(), t.get(), 1);
      arb_mul(t.get(), t.get(), r.get(), wp);
      j = bessel_j_half_order_ball(d, t, wp);
      arb_sqr(j.get(), j.get(), wp);
      arb_mul(j.get(), j.get(), r.get(), wp);  // J^2 r
      arb_mul(thr.get(), pi.get(), R.get(), wp);
      arb_mul_si(thr.get(), thr.get(), 80, wp);
      arb_inv(thr.get(), thr.get(), wp);  // 1/(80 pi R_d)
      if (certainly_lt(thr, j)) { ++out.good; break; }  // radial.es16_good_interval
      if (certainly_le(j, thr)) { ++out.bad; break; }
      GDCERT_ASSERT(p < 2048, "es16_good_intervals: undecided interval");
    }
  }
  return out;
}

Ball tail_probability_enclosure_ball(long d, const Ball& rho, slong prec) {
  require_dimension(d, "tail_probability_enclosure_ball");
  if (!certainly_positive(rho))
    throw domain_error("tail_probability_enclosure_ball: requires rho > 0, got rho = " + rho.str(10));
  const slong wp = prec + 16;
  Ball R = unit_ball_radius_ball(d, wp), T, pi;
  arb_const_pi(pi.get(), wp);
  arb_mul(T.get(), pi.get(), R.get(), wp);
  arb_mul_2exp_si(T.get(), T.get(), 1);
  arb_mul(T.get(), T.get(), rho.get(), wp);
  Ball out = bessel_square_tail_ball(d, T, wp);
  arb_mul_si(out.get(), out.get(), d, prec);  // radial.tail with radial.bessel_tail_bound
  return out;
}

Ball shell_mass_ball(long d, const Integer& alpha, slong prec) {
  require_dimension(d, "shell_mass_ball");
  if (alpha.sign() <= 0) throw domain_error("shell_mass_ball: requires alpha >= 1, got alpha = " + alpha.str());
  const slong wp = prec + 16;
  // mass = d int_{T_a}^{2 T_a} J_{d/2}(t)^2 dt/t, T_a = 2 pi R_d alpha sqrt d (certified quadrature)
  Ball a = es16_inner_radius_ball(d, alpha, wp), R = unit_ball_radius_ball(d, wp), pi, Ta, Tb;
  arb_const_pi(pi.get(), wp);
  arb_mul(Ta.get(), pi.get(), R.get(), wp);
  arb_mul_2exp_si(Ta.get(), Ta.get(), 1);
  arb_mul(Ta.get(), Ta.get(), a.get(), wp);
  arb_mul_2exp_si(Tb.get(), Ta.get(), 1);
  Ball out = bessel_square_integral_ball(d, Ta, Tb, wp);
  arb_mul_si(out.get(), out.get(), d, prec);  // radial.shell_mass
  return out;
}

std::vector<double> mixture_radii_d(long d, const Integer& alpha, long K) {
  require_dimension(d, "mixture_radii_d");
  if (K < 1 || K > 10000000) throw input_error("mixture_radii_d: requires 1 <= K <= 10000000, got K = " + std::to_string(K));
  const double a = static_cast<double>(alpha.to_si()) * std::sqrt(static_cast<double>(d));
  std::vector<double> r;
  r.reserve(static_cast<std::size_t>(K) + 1);
  for (long i = 0; i <= K; ++i) r.push_back(a * (1.0 + static_cast<double>(i) / static_cast<double>(K)));
  return r;  // radial.mixture
}

Ball mixture_tail_ball(long d, const std::vector<Rational>& radii, const Rational& rho, slong prec) {
  require_dimension(d, "mixture_tail_ball");
  if (radii.empty()) throw input_error("mixture_tail_ball: requires at least one radius, got none");
  Ball sum;
  for (const auto& r : radii) {
    if (r.sign() <= 0) throw domain_error("mixture_tail_ball: requires r > 0, got r = " + r.str());
    Ball p = tail_probability_ball(d, rho * r, prec + 8);
    arb_add(sum.get(), sum.get(), p.get(), prec + 8);
  }
  arb_div_ui(sum.get(), sum.get(), radii.size(), prec);  // radial.mixture
  return sum;
}

std::span<const Formula> mixture_formulas() { return kFormulas; }

}  // namespace gdcert::radial
