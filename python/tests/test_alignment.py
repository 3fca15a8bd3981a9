"""gdcert.inal, inal_profile and class_cp against `gdcert inal` / `gdcert cp --class` --json."""

from fractions import Fraction

import pytest

import gdcert
from conftest import cli, row, same, table


@pytest.mark.parametrize("spec,act,init,bias", [
    ("majority:n=5", "relu", "rademacher", "none"),      # exact (diagonal-exact)
    ("majority:n=5", "relu", "gaussian", "none"),        # balls (diagonal-gaussian)
    ("parity:n=4:S=1,2", "sign", "gaussian", "gaussian:beta2=1"),
    ("staircase:n=4", "relu", "rademacher", "const:1"),
    ("majority:n=7", "erf", "gaussian", "none"),
])
def test_inal_diagonal_routes_equal_cli(spec, act, init, bias):
    doc = cli("inal", spec, "--act", act, "--init", init, "--bias", bias, "--normalised", "--prec", "96")
    r = gdcert.inal(spec, act=act, init=init, bias=bias, normalised=True, prec=96)
    assert r.parameters == doc["parameters"]
    assert r.route == row(table(doc, "inal"), "route")
    assert r.route == ("diagonal-exact" if init == "rademacher" else "diagonal-gaussian")
    summary = table(doc, "inal")
    assert same(r, row(summary, "INAL = max_v"))
    assert same(r.second_moment, row(summary, "E ||NN^(v)||^2"))
    assert same(r.normalised, row(summary, "normalised INAL"))
    assert r.formula == "inal.definition" and r.tag == "reconstructed" and r.source
    assert isinstance(r.value, Fraction if init == "rademacher" else gdcert.Ball)
    levels = table(doc, "levels")
    assert len(levels) == len(r.m) == len(r.e) == len(r.level_weights)
    for k, cells in enumerate(levels):
        assert cells[0] == k
        assert same(r.level_weights[k], cells[1]) and same(r.m[k], cells[2]) and same(r.e[k], cells[3])
    assert r.m[0].formula == "inal.walsh_diagonal" and r.e[0].formula == "inal.expressivity"


def test_inal_two_inits_of_majority3():
    exact = gdcert.inal("majority:n=3", act="relu", init="rademacher")
    ball = gdcert.inal("majority:n=3", act="relu", init="gaussian")
    assert exact.value == Fraction(1, 16) and isinstance(ball.value, gdcert.Ball)
    assert ball.value.contains(Fraction(1, 16))  # here the Gaussian ball also encloses 1/16


def test_inal_enumeration_route_equals_cli():
    args = ["majority:n=3", "--net", "2,1", "--act", "relu,sign", "--init", "rademacher", "--max", "inside"]
    doc = cli("inal", *args)
    r = gdcert.inal("majority:n=3", net=[2, 1], act="relu,sign", init="rademacher", max="inside")
    s = table(doc, "inal")
    assert r.route == "enumeration" and r.parameters == doc["parameters"]
    assert same(r.max_outside, row(s, "INAL = max_v"))
    assert same(r.max_inside, row(s, "E max_v")) and r.value == r.max_inside.value
    assert r.best_layer == row(s, "attained at layer") and r.configurations == row(s, "parameter configurations")
    layers = table(doc, "layers")
    assert r.layer_activations == [c[1] for c in layers]
    for l, cells in enumerate(layers):
        assert same(r.layer_mean_square[l], cells[2]) and same(r.layer_mean_norm[l], cells[3])
    # through the quantity registry too (inal.value with max = inside returns the max inside)
    q = gdcert.quantity("inal.value", spec="majority:n=3", net="2,1", act="relu,sign", init="rademacher", max="inside")
    assert q.value == r.value


def test_inal_from_level_weights_equals_cli():
    doc = cli("inal", "--level-weights", "0,3/4,0,1/4", "--act", "relu", "--init", "gaussian")
    r = gdcert.inal(level_weights=[0, Fraction(3, 4), 0, Fraction(1, 4)], act="relu", init="gaussian")
    assert same(r, row(table(doc, "inal"), "INAL = sum_k")) and r.spec is None
    assert r.value == gdcert.inal("majority:n=3", act="relu", init="gaussian").value


@pytest.mark.parametrize("act,init,K", [("relu", "gaussian", 2), ("sign", "gaussian", 3), ("relu", "rademacher", 2),
                                        ("sign", "rademacher", 0)])
def test_inal_profile_equals_cli(act, init, K):
    n = 7
    args = ["inal", "--profile", "--n", str(n), "--act", act, "--init", init, "--prec", "80"]
    if K:
        args += ["--K", str(K)]
    doc = cli(*args)
    p = gdcert.inal_profile(n, act=act, init=init, K=K, prec=80)
    assert p.parameters == doc["parameters"] and p.n == n
    rows = table(doc, "expressivity")
    for k in range(n + 1):
        assert rows[k][0] == k and same(p.m[k], rows[k][1]) and same(p.e[k], rows[k][2])
        assert p.structural_zero[k] == (rows[k][3] == "yes")
    assert same(p.second_moment, rows[n + 1][2])
    if K:
        ke = table(doc, "k_expressive")
        assert p.k_expressive.K == row(ke, "K") and same(p.k_expressive.c, row(ke, "c"))
        assert same(p.k_expressive.witness_e, ke[2][1]) and same(p.k_expressive.threshold, row(ke, "n^-c"))
        assert row(ke, "K-expressive").startswith(p.k_expressive.verdict)
    else:
        assert p.k_expressive is None


@pytest.mark.parametrize("klass", ["parities:n=10:k=2", "parities:n=12", "random:n=6", "list:majority:n=3;parity:n=3:S=1"])
def test_class_cp_equals_cli(klass):
    doc = cli("cp", "--class", klass)
    c = gdcert.class_cp(klass)
    rows = table(doc, "class_cp")
    assert c.parameters == doc["parameters"] and c.description == rows[0][0]
    assert same(c, rows[0][1]) and type(c.value) is Fraction and c.formula.startswith("cp.")
    if c.class_size is not None:
        assert same(c.class_size, row(rows, "class size")) and same(c.budget_factor, row(rows, "CP^(-1/4)"))
    assert c.value == gdcert.quantity("cp.class", {"class": klass}).value == gdcert.quantity("cp.class", class_=klass).value


def test_class_cp_known_value():
    assert gdcert.class_cp("parities:n=10:k=2").value == Fraction(1, 45)
    b = gdcert.class_cp("parities:n=10:k=2", prec=300).budget_factor.value
    assert b.prec == 300 and b.lower ** 4 <= 45 <= b.upper ** 4
