// Property: every printed ball encloses the true value, in every format (text = CSV = Markdown cells, JSON value,
// JSON mid/rad, LaTeX uncertainty notation). 10^4 fixed-seed random cases whose exact value is known: a random
// rational q, a ball around it at a random precision, widened by a random radius.
#include <doctest/doctest.h>

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "exact/ball.hpp"
#include "exact/rational.hpp"
#include "exact/rng.hpp"
#include "exact/value.hpp"
#include "report/table.hpp"

using namespace gdcert;

namespace {

/** A decimal "[-]d[.ddd][e[-]N]" as an exact rational (written independently of the library's parsers). */
Rational decimal(const std::string& s) {
  std::size_t i = 0;
  bool neg = false;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) neg = s[i++] == '-';
  std::string digits;
  long frac = 0;
  bool point = false;
  for (; i < s.size() && s[i] != 'e' && s[i] != 'E'; ++i) {
    if (s[i] == '.') {
      point = true;
      continue;
    }
    REQUIRE_MESSAGE(std::isdigit(static_cast<unsigned char>(s[i])), "not a decimal: " << s);
    digits += s[i];
    if (point) ++frac;
  }
  long exp = 0;
  if (i < s.size()) exp = std::stol(s.substr(i + 1));
  Rational q = Rational(Integer::parse(digits.empty() ? "0" : digits));
  const long shift = exp - frac;
  const Rational ten_pow = Rational(pow(Integer(10), static_cast<unsigned long>(shift < 0 ? -shift : shift)));
  q = shift < 0 ? q / ten_pow : q * ten_pow;
  return neg ? -q : q;
}

/** Arb's "[m +/- r]" (or "[+/- r]", or an exact "m") as the interval it prints. */
std::pair<Rational, Rational> arb_text_interval(const std::string& t) {
  if (t.empty() || t[0] != '[') {
    const Rational m = decimal(t);
    return {m, m};
  }
  const std::size_t pm = t.find("+/-");
  REQUIRE(pm != std::string::npos);
  std::string mid = t.substr(1, pm - 1);
  while (!mid.empty() && mid.back() == ' ') mid.pop_back();
  const Rational m = mid.empty() ? Rational(0) : decimal(mid);
  std::string rad = t.substr(pm + 3, t.size() - pm - 4);
  while (!rad.empty() && rad.front() == ' ') rad.erase(rad.begin());
  const Rational r = decimal(rad);
  return {m - r, m + r};
}

/** siunitx "\num{m(u)e<E>}" as the interval it prints: m +/- u units of m's last digit, times 10^E. */
std::pair<Rational, Rational> siunitx_interval(std::string t) {
  REQUIRE(t.rfind("\\num{", 0) == 0);
  t = t.substr(5, t.size() - 6);
  const std::size_t open = t.find('('), close = t.find(')');
  std::string mant = open == std::string::npos ? t.substr(0, t.find('e')) : t.substr(0, open);
  // Without "(u)" a displayed ball lies within one unit of its last digit (the rule the table notes state).
  std::string unc = open == std::string::npos ? "1" : t.substr(open + 1, close - open - 1);
  const std::size_t e = t.find('e', open == std::string::npos ? 0 : close);
  const long exp = e == std::string::npos ? 0 : std::stol(t.substr(e + 1));
  const std::size_t dot = mant.find('.');
  const long frac = dot == std::string::npos ? 0 : static_cast<long>(mant.size() - dot - 1);
  const Rational m = decimal(mant + "e" + std::to_string(exp));
  const Rational u = decimal(unc + "e" + std::to_string(exp - frac));
  return {m - u, m + u};
}

}  // namespace

TEST_SUITE("enclosure") {
  TEST_CASE("every printed ball encloses the exact value: 10^4 random cases, text/CSV/Markdown, JSON, LaTeX") {
    Rng rng(20261206);
    long checked = 0;
    for (int trial = 0; trial < 10000; ++trial) {
      CAPTURE(trial);
      const long long num = static_cast<long long>(rng.next() % 2000001) - 1000000;
      const long long den = static_cast<long long>(rng.next() % 999999) + 1;
      const int scale = static_cast<int>(rng.next() % 61) - 30;  // magnitudes from 1e-36 to 1e+36
      Rational q = Rational(Integer(num), Integer(den));
      const Rational p10 = Rational(pow(Integer(10), static_cast<unsigned long>(scale < 0 ? -scale : scale)));
      q = scale < 0 ? q / p10 : q * p10;
      const slong prec = 16 + static_cast<slong>(rng.next() % 300);
      Ball b = to_ball(q, prec);
      if (rng.next() % 2) arb_add_error_2exp_si(b.get(), -static_cast<slong>(rng.next() % 200) + scale * 3);
      REQUIRE(arb_contains_fmpq(b.get(), q.get()));
      const Value v(b, prec);
      CAPTURE(v.str());
      // text, CSV and Markdown cells
      const auto [lo, hi] = arb_text_interval(report::cell_text(report::Cell{v}));
      CHECK(lo <= q);
      CHECK(q <= hi);
      // JSON: the value string, and [mid - rad, mid + rad] from the exact midpoint and the rounded-up radius
      const auto j = report::value_json(v);
      const auto [jlo, jhi] = arb_text_interval(j["value"].get<std::string>());
      CHECK(jlo <= q);
      CHECK(q <= jhi);
      const Rational mid = decimal(j["mid"].get<std::string>()), rad = decimal(j["rad"].get<std::string>());
      CHECK(mid - rad <= q);
      CHECK(q <= mid + rad);
      // LaTeX: siunitx uncertainty notation
      const std::string tex = report::latex_cell(report::Cell{v}, report::LatexOptions{});
      CAPTURE(tex);
      if (tex.rfind("\\num{", 0) == 0) {
        const auto [tlo, thi] = siunitx_interval(tex);
        CHECK(tlo <= q);
        CHECK(q <= thi);
        ++checked;
      }
    }
    CHECK(checked >= 9000);  // nearly every case is a finite ball in siunitx notation
  }
}
