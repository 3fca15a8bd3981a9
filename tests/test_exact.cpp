// Tests of src/exact: RAII value types, formatting round trips, accuracy loop, errors.
#include <doctest/doctest.h>

#include <cstdlib>

#include "exact/ball.hpp"
#include "exact/errors.hpp"
#include "exact/text.hpp"
#include "exact/toml.hpp"
#include <set>
#include "exact/formula.hpp"
#include "exact/integer.hpp"
#include "exact/rational.hpp"
#include "exact/rational_matrix.hpp"
#include "exact/resources.hpp"
#include "exact/rng.hpp"
#include "exact/value.hpp"
#include "exact/versions.hpp"

using namespace gdcert;

TEST_SUITE("exact") {
  TEST_CASE("Integer: value semantics, arithmetic and big values") {
    Integer a = Integer::binomial(100, 3);
    CHECK(a.str() == "161700");
    Integer b = a;  // copy
    b += Integer(1);
    CHECK(a == Integer(161700));
    CHECK(b > a);
    Integer c = std::move(b);
    CHECK(c.str() == "161701");
    const Integer big = Integer::pow2(200) - Integer(1);
    CHECK(big.bits() == 200);
    CHECK(Integer::parse(big.str()) == big);
    CHECK(Integer::factorial(20).str() == "2432902008176640000");
    CHECK(Integer::from_int128(-(static_cast<int128>(1) << 100)) == -Integer::pow2(100));
    CHECK(Integer::from_uint128(~static_cast<uint128>(0)) == Integer::pow2(128) - Integer(1));
    CHECK_THROWS_AS(Integer::parse("12a"), input_error);
    CHECK_THROWS_AS(Integer::pow2(70).to_si(), overflow_error);
  }

  TEST_CASE("Rational: canonical form, parsing of p/q, integers and decimals") {
    CHECK(Rational(6, 8).str() == "3/4");
    CHECK(Rational(6, -8).str() == "-3/4");
    CHECK(Rational::parse(" 6/8 ") == Rational(3, 4));
    CHECK(Rational::parse("-0.125") == Rational(-1, 8));
    CHECK(Rational::parse(".5") == Rational(1, 2));
    CHECK(Rational::parse("7") == Rational(7));
    CHECK(Rational::parse("3/4").latex() == "\\frac{3}{4}");
    CHECK(Rational(-3, 4).latex() == "-\\frac{3}{4}");
    CHECK_THROWS_WITH_AS(Rational(1, 0), "Rational: requires q != 0, got q = 0", domain_error);
    CHECK_THROWS_AS(Rational::parse("1/0"), input_error);
    CHECK_THROWS_AS(Rational::parse("x"), input_error);
    CHECK_THROWS_AS(Rational::parse("1.2.3"), input_error);
    CHECK_THROWS_WITH_AS(Rational(1) / Rational(0), "Rational::operator/: requires a nonzero divisor, got 0", domain_error);
    CHECK(pow(Rational(2, 3), -2) == Rational(9, 4));
    CHECK(Rational(1, 3).decimal(10) == to_ball(Rational(1, 3), 200).str(10));
  }

  TEST_CASE("Rational: string round trip on fixed-seed random values") {
    Rng rng(42);
    for (int i = 0; i < 200; ++i) {
      const auto p = static_cast<long long>(rng.next() >> 1) - (1LL << 61);
      const auto q = static_cast<long long>(rng.below(1000000) + 1);
      const Rational r(p, q);
      CAPTURE(r.str());
      CHECK(Rational::parse(r.str()) == r);
    }
  }

  TEST_CASE("RationalMatrix: det, solve, rank, value semantics") {
    RationalMatrix a(2, 2);
    a.set(0, 0, Rational(1, 2));
    a.set(0, 1, 1);
    a.set(1, 0, 3);
    a.set(1, 1, 4);
    CHECK(a.det() == Rational(-1));
    RationalMatrix b(2, 1);
    b.set(0, 0, 1);
    b.set(1, 0, 2);
    const RationalMatrix x = a.solve(b);
    CHECK(a * x == b);
    RationalMatrix c = a;
    c.set(0, 0, 0);
    CHECK(a.at(0, 0) == Rational(1, 2));
    CHECK(a.rank() == 2);
    CHECK(RationalMatrix::identity(3).det() == Rational(1));
    RationalMatrix s(2, 2);
    s.set(0, 0, 1);
    s.set(0, 1, 2);
    s.set(1, 0, 2);
    s.set(1, 1, 4);
    CHECK(s.rank() == 1);
    CHECK_THROWS_AS(s.solve(b), domain_error);
    CHECK_THROWS_AS(a.at(2, 0), domain_error);
    CHECK_THROWS_AS(a * RationalMatrix(3, 3), domain_error);
    CHECK(a.str() == "[[1/2, 1], [3, 4]]");
  }

  TEST_CASE("RationalPoly: evaluation and arithmetic") {
    RationalPoly p({1, 0, -3});
    CHECK(p(Rational(1, 3)) == Rational(2, 3));
    CHECK(p.degree() == 2);
    RationalPoly q = p * p;
    CHECK(q.coeff(4) == Rational(9));
    CHECK((q - p * p).degree() == -1);
  }

  TEST_CASE("Ball: encloses, formats and reloads bit-exactly") {
    for (slong prec : {32, 64, 128, 1024}) {
      CAPTURE(prec);
      const Ball third = to_ball(Rational(1, 3), prec);
      CHECK(third.contains(Rational(1, 3)));
      CHECK(third.rel_accuracy_bits() >= prec - 2);
      const Ball back = Ball::parse(third.str(40), prec + 64);
      CHECK(back.contains(third));  // "[m +/- r]" reparses to a superset
      const Ball reloaded = Ball::load(third.dump());
      CHECK(arb_equal(reloaded.get(), third.get()));
    }
    CHECK(to_ball(Rational(1, 2), 64).is_exact());
    CHECK(certainly_positive(to_ball(Rational(1, 3), 64)));
    CHECK(!certainly_negative(to_ball(Rational(1, 3), 64)));
    CHECK_THROWS_AS(Ball::parse("abc", 64), input_error);
    CHECK_THROWS_AS(Ball::load("zz"), input_error);
  }

  TEST_CASE("evaluate_to_accuracy: reaches the goal, or fails naming the accuracy reached") {
    const Ball pi = evaluate_to_accuracy([](slong p) { Ball b; arb_const_pi(b.get(), p); return b; }, 300);
    CHECK(pi.rel_accuracy_bits() >= 300);
    // A zero: absolute accuracy is used (sin(pi) contains 0).
    const Ball z = evaluate_to_accuracy([](slong p) { Ball b; arb_const_pi(b.get(), p); arb_sin(b.get(), b.get(), p); return b; }, 100);
    CHECK(z.contains_zero());
    // A function whose ball never narrows: precision_error with the accuracy reached.
    auto never = [](slong) {
      Ball b;
      arb_set_si(b.get(), 1);
      mag_set_d(arb_radref(b.get()), 0.25);
      return b;
    };
    CHECK_THROWS_WITH_AS(evaluate_to_accuracy(never, 64, 256, "never"),
                         doctest::Contains("never: requested 64 bits, reached"), precision_error);
    CHECK_THROWS_AS(require_accuracy(to_ball(Rational(1, 3), 20), 60, "f"), precision_error);
  }

  TEST_CASE("Value: kinds and canonical text") {
    CHECK(Value(Rational(3, 4)).str() == "3/4");
    CHECK(Value(Rational(3, 4)).kind() == Kind::exact);
    CHECK(Value(to_ball(Rational(1, 3), 64), 64).kind() == Kind::ball);
    CHECK(Value::from_double(0.1).str() == "0.10000000000000001");  // 17 significant digits
    CHECK(Value::from_double(0.5, 0.01, 100).str() == "0.5 +/- 0.01");
    CHECK(std::stod(Value::from_double(1.0 / 3).str()) == 1.0 / 3);  // round trip
    CHECK_THROWS_AS(Value(Rational(1)).ball(), std::logic_error);
  }

  TEST_CASE("memory_budget_bytes: GDCERT_MAX_MEMORY caps the budget and require_memory refuses") {
    setenv("GDCERT_MAX_MEMORY", "1M", 1);
    CHECK(memory_budget_bytes() == 1024 * 1024);
    CHECK_THROWS_WITH_AS(require_memory(2.0 * 1024 * 1024, "thing"),
                         doctest::Contains("thing: requires 2.00 MiB of memory, only 1.00 MiB available"), resource_error);
    setenv("GDCERT_MAX_MEMORY", "lots", 1);
    CHECK_THROWS_AS(memory_budget_bytes(), usage_error);
    unsetenv("GDCERT_MAX_MEMORY");
    CHECK(memory_budget_bytes() > 0);
  }

  TEST_CASE("Rng: fixed stream for a fixed seed") {
    Rng a(7), b(7);
    for (int i = 0; i < 100; ++i) CHECK(a.next() == b.next());
    Rng c(0);
    // First output of xoshiro256** seeded by splitmix64(0): a regression constant.
    CHECK(c.next() == 0x99ec5f36cb75f2b4ULL);
    CHECK(derive_seed(1, 2) == derive_seed(1, 2));
    CHECK(derive_seed(1, 2) != derive_seed(1, 3));
  }

  TEST_CASE("library_versions: every library is named") {
    std::string names;
    for (const auto& [k, v] : library_versions()) {
      names += k + " ";
      CHECK(!v.empty());
    }
    CHECK(names.find("gmp") != std::string::npos);
    CHECK(names.find("mpfr") != std::string::npos);
    CHECK(names.find("flint") != std::string::npos);
    CHECK(names.find("boost") != std::string::npos);
  }

  TEST_CASE("find_formula: tags print as in the theory files") {
    CHECK(to_string(Tag::derived) == "derived");
    CHECK(to_string(Tag::reconstructed) == "reconstructed");
    CHECK(to_string(Tag::paper) == "paper");
  }
  TEST_CASE("Ball: the exact midpoint decimal with the rounded-up radius encloses the ball, Value::str follows prec") {
    // pi at 64 bits: the midpoint is the dyadic 0xc90fdaa22168c235 / 2^62, whose decimal expansion has 62 digits.
    Ball pi;
    arb_const_pi(pi.get(), 64);
    CHECK(pi.mid_exact_str() == "3.14159265358979323851280895940618620443274267017841339111328125");
    for (slong prec : {16L, 64L, 200L, 1000L}) {
      Ball third = to_ball(Rational(1, 3), prec);
      const Rational mid = Rational::parse(third.mid_exact_str());
      const std::string rs = third.rad_str();  // "7.63e-06": mantissa and power of ten
      const std::size_t e = rs.find('e');
      Rational rad = Rational::parse(rs.substr(0, e));
      if (e != std::string::npos) rad *= pow(Rational(10), std::stol(rs.substr(e + 1)));
      CHECK(mid - rad <= Rational(1, 3));
      CHECK(Rational(1, 3) <= mid + rad);
      CHECK(mid.den() == Integer::pow2(static_cast<unsigned>(fmpz_bits(mid.den().get()) - 1)));  // dyadic
    }
    Ball neg = to_ball(Rational(-5, 8), 64);
    CHECK(neg.mid_exact_str() == "-0.625");
    CHECK(Ball().mid_exact_str() == "0");
    // Text: ceil(prec log10 2) significant digits, so --prec 512 prints more than --prec 128.
    CHECK(digits_for_prec(128) == 39);
    CHECK(digits_for_prec(512) == 155);
    Ball p128, p512;
    arb_const_pi(p128.get(), 128);
    arb_const_pi(p512.get(), 512);
    CHECK(Value(p128, 128).str().size() < Value(p512, 512).str().size());
    CHECK(Value(p512, 512).str().rfind("[3.14159265358979323846264338327950288419716939937510582097494459230781640628620899", 0) == 0);
  }
  TEST_CASE("GDCERT_MAX_MEMORY is parsed strictly: a size with an optional K/M/G/T unit, nothing else") {
    for (const char* bad : {"nan", "inf", "1e400", "100MB", "1G junk", "0", "-1G", "", "G", "1.G", "99999999999999999999T"}) {
      CAPTURE(bad);
      setenv("GDCERT_MAX_MEMORY", bad, 1);
      CHECK_THROWS_AS(memory_budget_bytes(), usage_error);
    }
    setenv("GDCERT_MAX_MEMORY", "1.5K", 1);
    CHECK(memory_budget_bytes() == 1536);
    setenv("GDCERT_MAX_MEMORY", "64M", 1);
    CHECK(memory_budget_bytes() <= (std::uint64_t{64} << 20));
    unsetenv("GDCERT_MAX_MEMORY");
  }
}

TEST_CASE("toml: the generated whitespace classifier answers every code point (no unreachable branch)") {
  // toml++ 3.3 reached __builtin_unreachable for the non-whitespace code points of three 1018-wide blocks;
  // exact/toml.hpp makes that branch return false. Checked against the Unicode Zs/BOM list toml++ encodes.
  using toml::impl::is_non_ascii_horizontal_whitespace;
  const std::set<char32_t> spaces = {0xA0, 0x1680, 0x180E, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006,
                                     0x2007, 0x2008, 0x2009, 0x200A, 0x200B, 0x202F, 0x205F, 0x2060, 0x3000, 0xFEFF};
  for (char32_t c = 0; c <= 0x10FFFF; ++c) {
    if (is_non_ascii_horizontal_whitespace(c) != (spaces.count(c) == 1)) {
      FAIL_CHECK("code point " << static_cast<unsigned>(c));
      break;
    }
  }
  // the fuzzer's input (a bare value looked ahead into a string holding U+07A0) is an ordinary parse error
  const std::string found = "n = [0-\"\xde\xa0tsndo\xcb\x92\"]\n";
  CHECK_THROWS_AS(toml::parse(found), toml::parse_error);
}

TEST_CASE("require_ascii_toml_syntax: non-ASCII only inside strings and comments (toml++ 3.3 has UB outside)") {
  using gdcert::require_ascii_toml_syntax;
  // accepted: every kind of string and comment may hold UTF-8
  CHECK_NOTHROW(require_ascii_toml_syntax("# caf\xc3\xa9\nid = \"caf\xc3\xa9\"\nb = 'caf\xc3\xa9'\n", "t"));
  CHECK_NOTHROW(require_ascii_toml_syntax("s = \"\"\"a \"\xc3\xa9\" \"\"\\\n line\"\"\"\nx = 1\n", "t"));
  CHECK_NOTHROW(require_ascii_toml_syntax("s = '''\xc3\xa9 '' '''\nx = 1\n", "t"));
  CHECK_NOTHROW(require_ascii_toml_syntax("s = \"\"\"a\"\"\"\"\"\nx = 1  # \xcd\x9b\n", "t"));  // content ends with quotes
  CHECK_NOTHROW(require_ascii_toml_syntax("s = \"a\\\"\xc3\xa9\"\n", "t"));                      // an escaped quote
  // refused, with the line: a key, a value, after a closed string, a table header
  auto line_of = [](const std::string& text) {
    try {
      require_ascii_toml_syntax(text, "f");
    } catch (const gdcert::input_error& e) {
      return std::string(e.what()).substr(0, std::string(e.what()).find(':', 2));
    }
    return std::string("accepted");
  };
  CHECK(line_of("a = 1\n\xc3\xa9 = 1\n") == "f:2");
  CHECK(line_of("a = \xcd\x9b\n") == "f:1");
  CHECK(line_of("a = \"x\" \xc3\xa9\n") == "f:1");
  CHECK(line_of("x = 1\n[grid]\n\xcd\x9b[ , = 5]\n") == "f:3");
  CHECK(line_of("s = \"\"\"a\nb\"\"\"\n\xc3\xa9\n") == "f:3");
  // after a backslash in a string: an escape is ASCII (toml++ classifies the byte as whitespace or not: UB)
  CHECK(line_of("m=\"\"\"\\\xce\x99,\"b n,") == "f:1");        // found by the manifest fuzzer
  CHECK(line_of("m=\"\"\"\\  \n  \xce\x99\"\"\"\n") == "f:1");  // after the blanks of a line-ending backslash
  CHECK(line_of("m=\"\\\xc3\xa9\"\n") == "f:1");
  CHECK_NOTHROW(require_ascii_toml_syntax("m=\"\"\"\\\n  x\xc3\xa9\"\"\"\n", "t"));  // after the blanks, ASCII first
}

TEST_CASE("ceil: certain_ceil and ceil_to_certainty decide exactly or say undecided") {
  using gdcert::Ball;
  using gdcert::Integer;
  auto ball = [](double mid, double rad) {
    Ball b;
    arb_set_d(b.get(), mid);
    mag_set_d(arb_radref(b.get()), rad);
    return b;
  };
  CHECK(gdcert::certain_ceil(ball(3, 0)).value() == Integer(3));       // an exact integer is its own ceiling
  CHECK(gdcert::certain_ceil(ball(2.5, 0.1)).value() == Integer(3));
  CHECK(gdcert::certain_ceil(ball(-2.5, 0.1)).value() == Integer(-2));
  CHECK_FALSE(gdcert::certain_ceil(ball(3, 0.01)).has_value());        // straddles 3
  Ball inf;
  arb_pos_inf(inf.get());
  CHECK_FALSE(gdcert::certain_ceil(inf).has_value());
  auto pi = [](slong p) { Ball b; arb_const_pi(b.get(), p); return b; };
  CHECK(gdcert::ceil_to_certainty(pi, 8, 1024, "pi") == Integer(4));
  // sqrt(16) = 4 exactly: the ball never separates from 4, so it needs the exact test
  auto root = [](slong p) { Ball b; arb_set_ui(b.get(), 16); arb_sqrt(b.get(), b.get(), p); mag_set_d(arb_radref(b.get()), 1e-30); return b; };
  CHECK(gdcert::ceil_to_certainty(root, 64, 1024, "root", [](const Integer& m) { return m == Integer(4); }) == Integer(4));
  CHECK_THROWS_AS(gdcert::ceil_to_certainty(root, 64, 1024, "root"), gdcert::precision_error);
}
