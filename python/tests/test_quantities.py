"""gdcert.quantity (api::evaluate) against the command line and against known values: kernels, bounds, radial
constants, Walsh quantities; the registries."""

from fractions import Fraction

import mpmath
import pytest

import gdcert
from conftest import cli, row, same, table


def mp_fraction(x):
    """An mpmath mpf as the exact Fraction it stores."""
    m, e = mpmath.mpf(x).man_exp
    return Fraction(m << e) if e >= 0 else Fraction(m, 1 << -e)


def encloses(ball, exact_mp):
    """ball contains the mpmath value computed at far higher precision, up to that value's own rounding."""
    with mpmath.workdps(400):
        eps = mpmath.mpf(10) ** -380
        return ball.contains(mp_fraction(exact_mp - eps)) and ball.contains(mp_fraction(exact_mp + eps))


def test_registries():
    names = [q.name for q in gdcert.quantities()]
    for n in ("walsh.level_weights", "binomial", "inal.value", "cp.class", "kernel.second_moment", "bound",
              "radial.R_d", "sim.inal_mc"):
        assert n in names
    ids = {f.id for f in gdcert.formulas()}
    assert "walsh.level_weight" in ids and "noisy_gd.orbit" in ids and "radial.unit_ball_radius" in ids
    assert all(q.formula == "" or q.formula in ids for q in gdcert.quantities())
    f = gdcert.formula("walsh.noise_stability")
    assert f.tag == "derived" and f.proof.startswith("proofs/") and f.source
    assert gdcert.formula("no.such") is None


def test_binomial_and_walsh_quantities():
    q = gdcert.quantity("binomial", n=10, k=3)
    assert q.value == 120 and type(q.value) is Fraction and q.parameters == {"n": "10", "k": "3"}
    q = gdcert.quantity("walsh.level_weights", spec="majority:n=3")
    assert q.values == [0, Fraction(3, 4), 0, Fraction(1, 4)] and q.formula == "walsh.level_weight" and q.tag == "paper"
    assert list(q) == q.results and len(q) == 4 and q[1].formula == "walsh.level_weight" and q[1].value == Fraction(3, 4)
    with pytest.raises(ValueError):
        q.value
    s = gdcert.walsh("majority:n=9")
    assert gdcert.quantity("walsh.influences", spec="majority:n=9").values == s.influences
    assert gdcert.quantity("walsh.noise_stability", spec="majority:n=9", rho=Fraction(1, 3)).value == s.noise_stability("1/3")
    assert gdcert.quantity("walsh.noise_stability", spec="majority:n=9", rho=0.25).value == s.noise_stability("1/4")
    assert gdcert.quantity("walsh.degree", spec="majority:n=9").value == 9
    assert gdcert.quantity("cp.bn", spec="majority:n=9").formula == "cp.bn_closed"


def test_kernel_second_moment_equals_cli_and_mpmath():
    doc = cli("kernel", "relu", "--rho", "1/2", "--prec", "200")
    cell = table(doc, "second_moment")[0][4]
    q = gdcert.quantity("kernel.second_moment", act="relu", rho="1/2")  # prec defaults to 200
    assert q.parameters["prec"] == "200" and q.formula == "kernel.relu"
    b = q.value
    # The quantity certifies `prec` bits of accuracy (a Ziv loop); `gdcert kernel --prec` evaluates once at that
    # working precision: two balls around the same number, so they overlap and both enclose it.
    c = gdcert.Ball.load(cell["dump"], cell["prec"])
    assert isinstance(b, gdcert.Ball) and b.overlaps(c) and b.prec == cell["prec"] == 200
    with mpmath.workdps(400):
        r = mpmath.mpf(1) / 2
        exact = (mpmath.sqrt(1 - r * r) + (mpmath.pi - mpmath.acos(r)) * r) / (2 * mpmath.pi)
    assert encloses(b, exact) and encloses(c, exact)
    assert b.rad < Fraction(1, 2 ** 190)


def test_radial_R_d_equals_cli_and_closed_form():
    for d in (2, 3, 7):
        doc = cli("radial", "--d", str(d))
        q = gdcert.quantity("radial.R_d", d=d)
        assert same(q.value, row(table(doc, "constants"), "R_d"))
        assert q.formula == "radial.unit_ball_radius" and q.tag == "reconstructed"
        with mpmath.workdps(400):
            exact = (mpmath.gamma(mpmath.mpf(d) / 2 + 1) / mpmath.pi ** (mpmath.mpf(d) / 2)) ** (mpmath.mpf(1) / d)
        assert encloses(q.value, exact)


def test_bound_quantity_equals_check_and_cli():
    # checks/noisy_gd.toml, bound.abbe_sandon.exact: (1/16)^(1/4)/2 + 0.1 * 1 * sqrt(16) * 1 * (1/16)^(1/4) = 9/20
    q = gdcert.quantity("bound", bound="noisy_gd.abbe_sandon", output="advantage bound (P(success) - 1/2)",
                        T=1, P=16, gamma=Fraction(1, 10), sigma=1, cp="1/16")
    assert q.value == Fraction(9, 20) and q.formula == "noisy_gd.abbe_sandon" and q.tag == "reconstructed"
    # an output with no value at this point is a DomainError naming the reason
    with pytest.raises(gdcert.DomainError, match="every sigma"):
        gdcert.quantity("bound", bound="noisy_gd.abbe_sandon", output="largest sigma that can reach advantage eps",
                        T=1, P=16, gamma=Fraction(1, 10), sigma=1, cp="1/16")
    args = dict(T=100, P=1000, sigma=1, gamma="1/10", n=20, k=2)
    doc = cli("bound", "noisy_gd.orbit", *sum((["-p", "%s=%s" % kv] for kv in args.items()), []))
    t = doc["tables"][0]
    names = [c["name"] for c in t["columns"]]
    for out in ("advantage bound (P(success) - 1/2)", "largest sigma that can reach advantage eps", "least T that can reach advantage eps"):
        v = gdcert.quantity("bound", bound="noisy_gd.orbit", output=out, **args).value
        assert same(v, t["rows"][0][names.index(out)])


def test_simulator_quantity_is_an_estimate():
    q = gdcert.quantity("sim.inal_mc", spec="parity:n=3:S=1", net=4, inits=200, seed=3)
    e = q.value
    assert isinstance(e, gdcert.Estimate) and e.samples == 200 and e.stderr is not None
    assert q.results[0].kind == "float" and q.formula == "inal.definition"
    exact = gdcert.inal("parity:n=3:S=1", act="relu", init="gaussian").value
    assert abs(e.value - float(exact)) < 6 * e.stderr + 1e-12


def test_parameter_conversion():
    # lists are comma-joined, Fractions "p/q", floats their shortest repr, bools 1/0
    q = gdcert.quantity("inal.value", level_weights=[0, Fraction(3, 4), 0, Fraction(1, 4)], act="relu", init="rademacher")
    assert q.value == Fraction(1, 16)
    assert gdcert.quantity("krawtchouk", n=4, k=2, h=1).value == gdcert.quantity("krawtchouk", {"n": "4", "k": 2, "h": 1}).value
