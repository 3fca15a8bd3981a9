"""Values, provenance, errors and the package's own documentation (doctests)."""

import doctest
import math
import subprocess
import sys
from decimal import Decimal
from fractions import Fraction

import mpmath
import numpy as np
import pytest

import gdcert
from conftest import cli_error


@pytest.fixture(scope="module")
def ball():
    return gdcert.quantity("kernel.second_moment", act="relu", rho="1/2", prec=64).value


def test_ball_endpoints_are_exact(ball):
    assert isinstance(ball.mid, Fraction) and isinstance(ball.rad, Fraction)
    assert ball.lower == ball.mid - ball.rad and ball.upper == ball.mid + ball.rad
    assert 0 < ball.rad < Fraction(1, 2 ** 60) and ball.prec == 64
    assert ball.mid.denominator & (ball.mid.denominator - 1) == 0  # dyadic
    assert repr(ball) == str(ball) and str(ball).startswith("[0.3044988905") and " +/- " in str(ball)
    assert gdcert.Ball.load(ball.dump, 64) == ball and hash(gdcert.Ball.load(ball.dump)) == hash(ball)


def test_ball_contains(ball):
    assert ball.contains(ball.mid) and ball.mid in ball and ball.lower in ball and ball.upper in ball
    assert not ball.contains(ball.upper + Fraction(1, 2 ** 200))
    assert ball.contains(float(ball.mid)) == (ball.lower <= Fraction(float(ball.mid)) <= ball.upper)  # floats exactly
    assert not ball.contains(0) and not ball.contains(1) and not ball.contains(0.5)
    assert not ball.contains(Decimal("0.30449")) and not ball.contains("3/10")
    wide = gdcert.quantity("kernel.second_moment", act="relu", rho="1/2", prec=32).value
    assert wide.rad > ball.rad  # both enclose the same number, so they overlap; nesting is not promised
    assert wide.overlaps(ball) and ball.overlaps(wide) and ball.contains(ball)
    assert ball.contains(gdcert.Ball.load(ball.dump)) and ball.contains(gdcert.Result(ball.mid, ""))
    assert not ball.contains(gdcert.Ball.load(gdcert.quantity("radial.R_d", d=3).value.dump))
    assert not ball.contains(math.inf)
    with pytest.raises(TypeError):
        ball.contains(object())
    with pytest.raises(ValueError):
        ball.contains(math.nan)


def mp_mid(ball):
    with mpmath.workprec(4 * ball.prec):
        return mpmath.mpf(ball.mid.numerator) / ball.mid.denominator


def test_ball_to_mpmath(ball):
    iv = ball.to_mpmath()
    assert isinstance(iv, type(mpmath.mpi(0, 1)))

    def to_f(raw):  # an mpmath raw mpf (sign, man, exp, bc) as a Fraction
        sign, man, exp, _ = raw
        q = Fraction(man << exp) if exp >= 0 else Fraction(man, 1 << -exp)
        return -q if sign else q

    lo, hi = iv._mpi_
    assert to_f(lo) == ball.lower and to_f(hi) == ball.upper  # the exact endpoints, no rounding
    assert mpmath.iv.mpf(0.5) not in iv and mpmath.iv.mpf(mp_mid(ball)) in iv
    assert float(ball) == float(ball.mid)


def test_exact_values_are_fractions():
    for v in (gdcert.walsh("majority:n=5").level_weights + [gdcert.inal("majority:n=5", init="rademacher").value,
              gdcert.quantity("binomial", n=60, k=30).value, gdcert.class_cp("parities:n=50").value]):
        assert type(v) is Fraction
    assert gdcert.quantity("binomial", n=200, k=100).value == math.comb(200, 100)  # big integers exact
    assert gdcert.class_cp("parities:n=100").value == Fraction(1, 2 ** 100)


def test_result_provenance():
    r = gdcert.inal("majority:n=5", init="gaussian")
    assert r.formula == "inal.definition" and r.kind == "ball"
    assert r.provenance == gdcert.formula("inal.definition") and r.statement and r.proof.startswith("proofs/")
    assert "arXiv" in r.source and r.tag == "reconstructed"
    raw = gdcert.quantity("walsh.table", spec="majority:n=3").results[0]
    assert raw.formula == "" and raw.provenance is None and raw.tag is None
    assert "formula='inal.definition'" in repr(gdcert.Result(r.value, r.formula))


@pytest.mark.parametrize("call,cls,code,cli_args", [
    (lambda: gdcert.walsh("foo:n=3"), gdcert.InputError, 3, ["walsh", "foo:n=3"]),
    (lambda: gdcert.walsh("parity:n=3:S=4"), gdcert.InputError, 3, ["walsh", "parity:n=3:S=4"]),
    (lambda: gdcert.walsh("majority:n=3").noise_stability(2), gdcert.DomainError, 4, ["walsh", "majority:n=3", "--stability", "2"]),
    (lambda: gdcert.inal("majority:n=3", level_weights="0,1,0,0"), gdcert.UsageError, 2, None),
    (lambda: gdcert.inal("majority:n=3", init="finite:2@1/3,-1@2/3", route="diagonal"), gdcert.DomainError, 4,
     ["inal", "majority:n=3", "--init", "finite:2@1/3,-1@2/3", "--route", "diagonal"]),
    (lambda: gdcert.quantity("no.such.quantity"), gdcert.InputError, 3, None),
    (lambda: gdcert.quantity("binomial", n=10), gdcert.InputError, 3, None),
    (lambda: gdcert.inal("majority:n=3", prec=8), gdcert.InputError, 3, None),
    (lambda: gdcert.class_cp("foo:n=3"), gdcert.InputError, 3, ["cp", "--class", "foo:n=3"]),
])
def test_errors(exe, call, cls, code, cli_args):
    with pytest.raises(cls) as e:
        call()
    assert isinstance(e.value, gdcert.Error) and e.value.exit_code == code == cls.exit_code
    assert type(e.value) is cls
    if cli_args:
        rc, err = cli_error(*cli_args)
        assert rc == code
        if cli_args[0] == "walsh":
            assert err.strip().endswith(str(e.value).split(": ", 1)[1])


def test_resource_error(monkeypatch):
    monkeypatch.setenv("GDCERT_MAX_MEMORY", "16M")
    with pytest.raises(gdcert.ResourceError) as e:
        gdcert.walsh("random:n=30")
    assert e.value.exit_code == 7 and "16.00 MiB available" in str(e.value)


def test_error_hierarchy():
    assert [c.exit_code for c in (gdcert.UsageError, gdcert.InputError, gdcert.DomainError, gdcert.PrecisionError,
                                  gdcert.IntegerOverflowError, gdcert.ResourceError)] == [2, 3, 4, 5, 6, 7]
    for c in (gdcert.UsageError, gdcert.InputError, gdcert.DomainError):
        assert issubclass(c, gdcert.Error) and issubclass(c, ValueError)
    assert issubclass(gdcert.PrecisionError, ArithmeticError) and issubclass(gdcert.IntegerOverflowError, ArithmeticError)
    assert gdcert.IntegerOverflowError is not OverflowError


def test_doctests():
    globs = {"gdcert": gdcert, "Fraction": Fraction, "np": np}
    flags = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
    for mod in (gdcert, gdcert._types, gdcert._errors, gdcert._orbit, gdcert._kernel, gdcert._bound, gdcert._simulate):
        res = doctest.testmod(mod, extraglobs=globs, optionflags=flags, verbose=False)
        assert res.failed == 0, mod.__name__


def test_main_module():
    p = subprocess.run([sys.executable, "-m", "gdcert"], capture_output=True, text=True, timeout=60)
    assert p.returncode == 0 and p.stdout.startswith("gdcert " + gdcert.__version__) and "gdcert.walsh" in p.stdout
    v = gdcert.versions()
    assert "flint" in {k.lower() for k in v} and v["revision"]
