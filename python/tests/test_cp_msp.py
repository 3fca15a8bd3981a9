"""gdcert.cp, cp_sphere and msp against `gdcert cp` / `gdcert msp` --json."""

from fractions import Fraction

import pytest

import gdcert
from conftest import cli, row, same, same_parameters, table


def notes(doc, name):
    return next(t["notes"] for t in doc["tables"] if t["name"] == name)


ORBIT_ROWS = [("||f||^2", "norm2"), ("CP single function", "cp_single"), ("CP_Bn", "cp_bn"), ("A_Bn", "align_bn"),
              ("CP_Sn", "cp_sn"), ("A_Sn", "align_sn")]


@pytest.mark.parametrize("args,kwargs", [
    (["majority:n=5"], dict(spec="majority:n=5")),
    (["majority:n=5", "--group", "Bn"], dict(spec="majority:n=5", group="Bn")),
    (["staircase:n=4", "--group", "Sn"], dict(spec="staircase:n=4", group="Sn")),
    (["random:n=8:seed=3"], dict(spec="random:n=8:seed=3")),                    # A_Sn skipped (n > 7)
    (["random:n=10:seed=1"], dict(spec="random:n=10:seed=1")),                  # both S_n statistics skipped
    (["random:n=4", "--seed", "5"], dict(spec="random:n=4", seed=5)),
    (["table:++-++-+++-++---+", "--prec", "160"], dict(spec="table:++-++-+++-++---+", prec=160)),  # irrational A_Sn
    (["--level-weights", "0*50,1", "--group", "Bn"], dict(level_weights="0*50,1", group="Bn")),
    (["--level-weights", "0,3/4,0,1/4"], dict(level_weights=[0, Fraction(3, 4), 0, Fraction(1, 4)])),
])
def test_cp_orbit_equals_cli(args, kwargs):
    doc = cli("cp", *args)
    o = gdcert.cp(**kwargs)
    assert isinstance(o, gdcert.OrbitStats) and o.certificate is None
    assert same_parameters(o.parameters, doc)
    rows = table(doc, "orbit")
    present = [(label, attr) for label, attr in ORBIT_ROWS if getattr(o, attr) is not None]
    assert len(rows) == len(present)
    for cells, (label, attr) in zip(rows, present):
        r = getattr(o, attr)
        assert cells[0].startswith(label) and same(r, cells[1]) and r.formula == cells[2] and r.tag
    assert o.notes == notes(doc, "orbit")
    assert [s.statistic for s in o.skipped] == [s for s in ("cp_sn", "align_sn")
                                                if getattr(o, s) is None and o.parameters["group"] == "all"
                                                and not o.from_level_weights]
    for s in o.skipped:
        assert any(s.reason in note for note in o.notes)
    # the level weights are the spectrum's (a spec) or the ones given
    assert len(o.level_weights) == o.n + 1 and all(w.formula == "walsh.level_weight" for w in o.level_weights)
    if o.spec:
        assert o.spec == doc["parameters"]["spec"] and not o.from_level_weights
        assert [w.value for w in o.level_weights] == gdcert.walsh(o.spec).level_weights
    else:
        assert o.from_level_weights and o.target.startswith("level weights")
    assert sum(w.value for w in o.level_weights) == o.norm2.value and o.cp_single.value == o.norm2.value ** 2


def test_cp_irrational_alignment_is_a_root_of_its_minimal_polynomial():
    o = gdcert.cp("table:++-++-+++-++---+", prec=160)
    a = o.align_sn.value
    assert isinstance(a, gdcert.Ball) and a.prec == 160 and a.rad < Fraction(1, 10 ** 40)
    poly = o.align_sn_minimal_polynomial
    assert poly == [96, -26, 1] and all(type(c) is int for c in poly)

    def p(x):
        v = Fraction(0)
        for c in poly:
            v = v * x + c
        return v

    assert p(a.lower) * p(a.upper) <= 0  # a sign change: the root is certainly inside the ball
    assert o.notes == ["A_Sn is the largest root of 96*x^2 - 26*x + 1 (irreducible over Q)"]
    # a rational A_Sn: degree 1
    m = gdcert.cp("majority:n=5")
    assert m.align_sn.value == 1 and m.align_sn_minimal_polynomial == [1, -1]


CERT_ROWS = [("INAL", "inal"), ("INAL / min_J e_j", "first_term"), ("||f||^2 max", "second_term"),
             ("bound on CP_Bn", "bound"), ("CP_Bn (exact)", "cp_bn")]


@pytest.mark.parametrize("args,kwargs", [
    (["majority:n=5", "--certificate", "gaussian"], dict(spec="majority:n=5", certificate="gaussian")),
    (["--level-weights", "0,1/2,1/2,0,0,0", "--certificate", "gaussian", "--levels", "1,2", "--bias",
      "gaussian:beta2=1", "--prec", "96"],
     dict(level_weights="0,1/2,1/2,0,0,0", certificate="gaussian", levels=[1, 2], certificate_bias="gaussian:beta2=1",
          prec=96)),
    (["staircase:n=4", "--group", "Bn", "--certificate", "rademacher", "--act", "sign"],
     dict(spec="staircase:n=4", group="Bn", certificate="rademacher", certificate_act="sign")),
])
def test_cp_certificate_equals_cli(args, kwargs):
    doc = cli("cp", *args)
    o = gdcert.cp(**kwargs)
    c = o.certificate
    assert isinstance(c, gdcert.OrbitCertificate)
    rows = table(doc, "certificate")
    for label, attr in CERT_ROWS:
        assert same(getattr(c, attr), row(rows, label))
    assert row(rows, "J") == c.levels_text and c.levels == [int(j) for j in c.levels_text.split(",")]
    assert row(rows, "status") == ("VACUOUS" if c.vacuous else "valid") and c.valid == (not c.vacuous)
    assert bool(c.note) == c.vacuous
    caption = next(t["caption"] for t in doc["tables"] if t["name"] == "certificate")
    assert "first-layer %s, init %s, bias %s" % (c.activation, c.init, c.bias) in caption
    assert c.bound.formula == "cp.inal_certificate" and c.cp_bn.formula == "cp.bn_closed"
    assert c.cp_bn.value == o.cp_bn.value
    if not c.vacuous:  # a valid certificate bounds CP_Bn
        assert c.bound.value.lower >= c.cp_bn.value or c.bound.value.contains(c.cp_bn.value)


@pytest.mark.parametrize("n,weights", [(4, "0,1,1/2"), (3, [1, 0, Fraction(1, 3), 2]), (10, "0*3,1")])
def test_cp_sphere_equals_cli(n, weights):
    text = weights if isinstance(weights, str) else ",".join(str(w) for w in weights)
    doc = cli("cp", "--group", "On", "--n", str(n), "--weights", text)
    s = gdcert.cp_sphere(n, weights)
    assert same_parameters(s.parameters, doc) and s.n == n
    rows = table(doc, "orbit_on")
    assert same(s.cp, row(rows, "CP_O(n)")) and same(s.alignment, row(rows, "A_O(n)"))
    assert s.cp.formula == "cp.on_closed" and s.alignment.formula == "cp.on_closed"
    dims = table(doc, "harmonic_dimensions")
    assert len(dims) == len(s.harmonic_dimensions) == len(s.weights)
    for l, cells in enumerate(dims):
        assert cells[0] == l and same(s.harmonic_dimensions[l], cells[1])
        assert s.harmonic_dimensions[l].formula == "cp.harmonic_dimension"
    # the closed forms from the weights and dimensions
    W = [w.value for w in s.weights]
    N = [d.value for d in s.harmonic_dimensions]
    assert s.cp.value == sum(w * w / m for w, m in zip(W, N)) and s.alignment.value == max(w / m for w, m in zip(W, N))


def test_cp_errors():
    with pytest.raises(gdcert.UsageError):
        gdcert.cp()  # neither a spec nor level weights
    with pytest.raises(gdcert.UsageError):
        gdcert.cp("majority:n=3", level_weights="0,1,0,0")
    with pytest.raises(gdcert.UsageError):
        gdcert.cp("majority:n=3", group="On")
    with pytest.raises(gdcert.InputError):
        gdcert.cp("majority:n=3", group="Zn")
    with pytest.raises(gdcert.DomainError):
        gdcert.cp(level_weights="0,1,0,0", group="Sn")
    with pytest.raises(gdcert.ResourceError):
        gdcert.cp("random:n=10:seed=1", group="Sn")
    with pytest.raises(gdcert.InputError):
        gdcert.cp_sphere(1, "1")


def subset_text(S):
    return "{" + ",".join(str(j) for j in S) + "}"


@pytest.mark.parametrize("args,kwargs", [
    (["staircase:n=4"], dict(spec="staircase:n=4")),
    (["majority:n=4"], dict(spec="majority:n=4")),
    (["parity:n=4:S=1,2"], dict(spec="parity:n=4:S=1,2")),                 # residual bound
    (["random:n=5", "--seed", "3"], dict(spec="random:n=5", seed=3)),
    (["--support", "1;1,2;3,4"], dict(support="1;1,2;3,4")),
    (["--support", "1;1,2;1,2,3"], dict(support=[[1], {1, 2}, (3, 2, 1)])),
])
def test_msp_equals_cli(args, kwargs):
    doc = cli("msp", *args)
    m = gdcert.msp(**kwargs)
    assert isinstance(m, gdcert.Msp)
    assert same_parameters(m.parameters, doc)
    rows = table(doc, "msp")
    assert row(rows, "support size") == m.support_size == len(m.support)
    assert row(rows, "MSP") == ("yes" if m.msp else "no") and m.results["is_msp"].value == int(m.msp)
    assert row(rows, "leap") == m.leap and m.formula == "msp.leap" and m.results["leap"].tag
    assert row(rows, "MSP closure U") == subset_text(m.closure)
    if m.residual_bound is not None:
        assert same(m.residual_bound, row(rows, "residual alignment bound"))
        assert m.residual_bound.formula == "msp.residual_bound" and m.residual
    else:
        assert not any(r[0].startswith("residual") for r in rows)
    assert m.notes == notes(doc, "msp")
    order = table(doc, "order")
    assert len(order) == len(m.order) == len(m.new_coordinates) == m.support_size
    for i, cells in enumerate(order):
        assert cells == [i + 1, subset_text(m.order[i]), m.new_coordinates[i]]
    # the closure absorbs every set with at most one new coordinate; the residual is what is left
    assert m.msp == (not m.residual) and m.leap == max(m.new_coordinates)
    assert sorted(m.order) == sorted(m.support) and set(m.residual) <= set(m.support)
    if m.spec is not None:
        assert m.from_spec and m.d == gdcert.walsh(m.spec).n


def test_msp_errors():
    with pytest.raises(gdcert.UsageError):
        gdcert.msp()
    with pytest.raises(gdcert.UsageError):
        gdcert.msp("staircase:n=4", support="1")
    with pytest.raises(gdcert.InputError):
        gdcert.msp(support="1;x")
