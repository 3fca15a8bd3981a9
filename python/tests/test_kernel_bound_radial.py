"""gdcert.kernel, bound, bounds, radial and radial_table against `gdcert kernel` / `bound` / `radial` --json (balls
equal bit for bit: same dump and precision)."""

from fractions import Fraction

import pytest

import gdcert
from conftest import cli, row, same, same_parameters, table


def notes(doc, name):
    return next(t["notes"] for t in doc["tables"] if t["name"] == name)


# ---------------------------------------------------------------------------------------------------------------------
# kernel


@pytest.mark.parametrize("args,kwargs", [
    (["relu", "--rho", "1/2", "--series", "6"], dict(act="relu", rho="1/2", series=6)),
    (["relu", "--rho", "1/2", "--rho", "-1", "--rho", "0", "--prec", "200"], dict(act="relu", rho=[Fraction(1, 2), -1, 0], prec=200)),
    (["erf", "--rho", "1/2", "--rho", "-1/3", "--var", "2", "--digits", "30"],
     dict(act="erf", rho=["1/2", Fraction(-1, 3)], var=2, digits=30)),
    (["sign", "--cov", "1/4", "--var", "2"], dict(act="sign", cov="1/4", var=2)),
    (["relu", "--rho", "1/2", "--weight-var", "2", "--bias-var", "1"], dict(act="relu", rho=0.5, weight_var=2, bias_var=1)),
    (["erf", "--series", "3", "--prec", "64"], dict(act="erf", series=3, prec=64)),
    (["arccos:2", "--rho", "1/3", "--series", "4"], dict(act="arccos:2", rho="1/3", series=4)),
])
def test_kernel_equals_cli(args, kwargs):
    doc = cli("kernel", *args)
    k = gdcert.kernel(**kwargs)
    assert isinstance(k, gdcert.Kernel) and same_parameters(k.parameters, doc)
    assert k.prec == doc["prec"] and k.digits == (kwargs.get("digits"))
    assert k.activation == doc["parameters"]["activation"] and k.formula.startswith("kernel.")
    if k.second_moments:
        rows = table(doc, "second_moment")
        assert len(rows) == len(k.second_moments) and k.notes == notes(doc, "second_moment")
        for e, cells in zip(k.second_moments, rows):
            assert cells[0] == e.label
            assert same(e.var, cells[1]) and same(e.cov, cells[2]) and same(e.rho, cells[3]) and same(e.value, cells[4])
            assert cells[5] == k.prec and e.value.formula == k.formula and e.rho.formula == "kernel.effective_correlation"
            assert isinstance(e.value.value, gdcert.Ball)
            if k.digits:
                assert cells[6] == e.digits_text
            else:
                assert e.digits_text is None and len(cells) == 6
        assert k.values == [e.value.value for e in k.second_moments] and k.results[0] is k.second_moments[0].value
    else:
        assert not any(t["name"] == "second_moment" for t in doc["tables"])
    if k.series is None:
        assert not any(t["name"] == "series" for t in doc["tables"])
        return
    s = k.series
    rows = table(doc, "series")
    assert len(rows) == s.L + 3 and s.notes == notes(doc, "series")
    for l in range(s.L + 1):
        assert rows[l][0] == l and rows[l][1] == s.exact_text[l] and same(s.coefficients[l], rows[l][2])
        assert s.coefficients[l].formula == k.series_formula
        assert s.constants[l] in ("1", "1/pi") and type(s.rational_parts[l].value) is Fraction
    assert rows[-2][1] == s.kappa_one_text and same(s.kappa_one, rows[-2][2])
    assert rows[-1][0] == "tail l > %d" % s.L and same(s.tail, rows[-1][2]) and s.tail.formula == "kernel.series.tail"


def test_kernel_value_and_errors():
    k = gdcert.kernel("relu", rho="1/2", prec=200)
    # the quantity certifies 200 bits of accuracy by a Ziv loop; the kernel works at 200 bits: the same number
    assert k.value.overlaps(gdcert.quantity("kernel.second_moment", act="relu", rho="1/2", prec=200).value)
    assert k.value.prec == 200 and k.value.rad < Fraction(1, 10 ** 59)
    with pytest.raises(ValueError):
        gdcert.kernel("relu", rho=[0, 1]).value
    with pytest.raises(gdcert.InputError):
        gdcert.kernel("nosuch", rho=0)
    with pytest.raises(gdcert.DomainError):
        gdcert.kernel("relu", rho=2)
    with pytest.raises(gdcert.UsageError):
        gdcert.kernel("relu", rho="1/2", cov="1/4")
    assert "relu" in gdcert.kernel_activations() and "erf" in gdcert.kernel_activations()


# ---------------------------------------------------------------------------------------------------------------------
# bound


def test_bounds_equal_cli_list():
    doc = cli("bound", "--list")
    rows = table(doc, "bounds")
    bs = gdcert.bounds()
    assert len(bs) == len(rows)
    for b, cells in zip(bs, rows):
        assert [b.id, b.tag, b.source, b.summary] == cells[:4]
        assert " ".join(p.name + ("" if p.default is None else "=" + p.default) for p in b.params) == cells[4]
        assert b.formula == gdcert.formula(b.id) and b.formula.tag == b.tag


POINT = dict(T=100, P=1000, sigma=1, gamma="1/10", n=20, k=2)


@pytest.mark.parametrize("id,params,prec", [
    ("noisy_gd.orbit", POINT, 128),
    ("noisy_gd.abbe_sandon", dict(T=50, P=64, sigma="1/2", cp="1/1000", eps="1/100"), 96),  # eps < c0: no sigma
    ("noisy_gd.abbe_sandon", dict(T=50, P=64, sigma="1/2", cp="1/1000", eps="1/2", balanced="yes"), 96),
    ("noisy_gd.alignment", dict(T=10, P=100, sigma=1, n=12, k=3), 128),
    ("noisy_gd.inal_chain", dict(T=10, P=100, sigma=1, n=12, k=2, levels=[0, 1, 2]), 80),
    ("ds.accuracy_floor", dict(d=5), 128),
    ("ds.logistic_gap", dict(k=Fraction(7, 2)), 200),
])
def test_bound_point_equals_cli(id, params, prec):
    argv = []
    for k, v in params.items():
        argv += ["-p", "%s=%s" % (k, gdcert._text(v))]
    doc = cli("bound", id, *argv, "--prec", str(prec))
    b = gdcert.bound(id, prec=prec, **params)
    assert isinstance(b, gdcert.Bound) and b.id == id and b.prec == prec == doc["prec"]
    assert same_parameters(b.parameters, doc)
    info = next(i for i in gdcert.bounds() if i.id == id)
    assert set(b.parameters) == {"id", "prec"} | {p.name for p in info.params}  # every parameter, defaults filled in
    t = next(t for t in doc["tables"] if t["name"] == "bound")
    cols = [c["name"] for c in t["columns"]]
    value_cols = [i for i, c in enumerate(cols) if not c.startswith("status (vs ")]
    assert [cols[i] for i in value_cols] == list(b.outputs) and t["caption"] == b.summary
    (row,) = t["rows"]
    cells = [row[i] for i in value_cols]
    # a status column follows each output that bounds a bounded quantity: the same verdict as Bound.status
    assert {cols[i - 1]: row[i] for i in range(len(cols)) if i not in value_cols} == b.status
    for (name, r), cell in zip(b.outputs.items(), cells):
        if r is None:  # no value at this point: the CLI prints "none" and a note with the reason
            assert cell == "none" and name in b.absent
            assert any(note.startswith(name + ": " + b.absent[name]) for note in t["notes"])
            continue
        assert same(r, cell) and r.formula == id and b[name] is r
    assert b.formula == id and b.tag == info.tag and b.source == info.source
    # the generic quantity agrees
    first = next(iter(b.outputs))
    q = gdcert.quantity("bound", bound=id, output=first, prec=prec, **params)
    assert q.value == b[first].value


def test_bound_table_equals_cli():
    doc = cli("bound", "noisy_gd.orbit", "-p", "T=100", "-p", "P=1000", "-p", "sigma=1", "-p", "n=8,16,32", "-p", "k=1,2")
    t = gdcert.bound("noisy_gd.orbit", T=100, P=1000, sigma=1, n=[8, 16, 32], k="1,2")
    assert isinstance(t, gdcert.BoundTable) and t.axes == ["n", "k"] and len(t) == 6
    assert same_parameters(t.parameters, doc) and t.fixed == {"T": "100", "P": "1000", "sigma": "1"}
    rows = table(doc, "bound")
    cols = [c["name"] for c in next(x for x in doc["tables"] if x["name"] == "bound")["columns"]]
    for p, cells in zip(t.points, rows):
        assert cells[:2] == [p.at["n"], p.at["k"]]
        named = dict(zip(cols, cells))
        for name in t.outputs:
            assert same(p.values[name], named[name])
        # sigma = 1: the advantage bound is vacuous at T = 100 everywhere on this grid
        assert p.status == {"advantage bound (P(success) - 1/2)": "VACUOUS"} == {"advantage bound (P(success) - 1/2)": named["status (vs 1/2)"]}
    assert t.column("CP") == [Fraction(1, 8), Fraction(1, 28), Fraction(1, 16), Fraction(1, 120), Fraction(1, 32),
                              Fraction(1, 496)]
    # each point is the one-point bound
    one = gdcert.bound("noisy_gd.orbit", T=100, P=1000, sigma=1, n=16, k=2)
    assert t.points[3].at == {"n": "16", "k": "2"}
    assert all(t.points[3].values[k].value == one[k].value for k in t.outputs)


def test_bound_errors():
    with pytest.raises(gdcert.InputError):
        gdcert.bound("no.such.bound")
    with pytest.raises(gdcert.InputError):
        gdcert.bound("noisy_gd.orbit", T=100)  # P, sigma, n, k missing
    with pytest.raises(gdcert.InputError):
        gdcert.bound("noisy_gd.orbit", nosuch=1, **POINT)
    with pytest.raises(ValueError):
        gdcert.bound("noisy_gd.orbit", **POINT).value  # several outputs


# ---------------------------------------------------------------------------------------------------------------------
# radial

RADIAL_ROWS = [("R_d", "R_d"), ("S_{d-1}", "sphere_area"), ("phi(", "phi"), ("C_d = d/", "C_d"), ("C_d = S_", "C_d_sphere")]


@pytest.mark.parametrize("args,kwargs", [
    (["--d", "3"], dict(d=3)),
    (["--d", "2", "--normalisation", "--prec", "64", "--tail", "50"], dict(d=2, normalisation=True, prec=64, tails=50)),
    (["--d", "5", "--rho", "1/2", "--tail", "10", "--tail", "100"], dict(d=5, rho=Fraction(1, 2), tails=[10, 100])),
])
def test_radial_equals_cli(args, kwargs):
    doc = cli("radial", *args)
    c = gdcert.radial(**kwargs)
    assert isinstance(c, gdcert.RadialConstants) and same_parameters(c.parameters, doc) and c.prec == doc["prec"]
    rows = table(doc, "constants")
    for label, attr in RADIAL_ROWS:
        r = getattr(c, attr)
        cells = next(x for x in rows if x[0].startswith(label))
        assert same(r, cells[1]) and r.formula == cells[2] and r.tag == cells[3]
    for t in c.tails:
        q = next(x for x in rows if x[0] == "P(|x| > %s) quadrature" % gdcert._text(t.rho))
        f = next(x for x in rows if x[0] == "P(|x| > %s) closed form" % gdcert._text(t.rho))
        assert same(t.quadrature, q[1]) and same(t.closed_form, f[1]) and t.quadrature.value.overlaps(t.closed_form.value)
    assert len(rows) == 5 + 2 * len(c.tails) + (c.normalisation is not None) + 3
    if c.normalisation is not None:
        assert same(c.normalisation, row(rows, "int_0^oo p")) and c.normalisation.value.contains(1)
    else:
        assert kwargs.get("normalisation") is None
    assert same(c.alpha, row(rows, "ES16 alpha")) and same(c.N, row(rows, "ES16 N")) and same(c.shell_mass, row(rows, "mu-mass"))
    assert c.d == kwargs["d"] and c.rho == Fraction(kwargs.get("rho", Fraction(37, 100)))


def test_radial_table_equals_cli():
    doc = cli("radial", "--table", "--d-min", "2", "--d-max", "6", "--tail", "50", "--prec", "96")
    t = gdcert.radial_table(2, 6, prec=96, tails=[50])
    assert isinstance(t, gdcert.RadialTable) and same_parameters(t.parameters, doc) and t.prec == 96
    rows = table(doc, "constants_by_d")
    assert len(rows) == len(t) == 5 and t.tail_radii == [50]
    for r, cells in zip(t, rows):
        assert cells[0] == r.d
        for attr, cell in zip(("R_d", "C_d", "C_d_over_sqrt_d", "alpha", "N"), cells[1:6]):
            assert same(getattr(r, attr), cell)
        assert len(r.tails) == 1 and same(r.tails[0], cells[6])
    assert t.row(3).R_d.value == gdcert.radial(3, prec=96).R_d.value
    # the note prints the limit to 20 digits: "limit of C_d/sqrt(d): [m +/- r] (...)"
    note = next(n for n in notes(doc, "constants_by_d") if n.startswith("limit of C_d/sqrt(d): "))
    m, r = note.split("[", 1)[1].split("]", 1)[0].split(" +/- ")
    assert t.C_d_limit.value.overlaps(Fraction(m)) or (
        t.C_d_limit.value.lower <= Fraction(m) + Fraction(r) and Fraction(m) - Fraction(r) <= t.C_d_limit.value.upper)
    assert t.C_d_limit.formula == "radial.tail_constant_limit"


def test_radial_errors():
    with pytest.raises(gdcert.InputError):
        gdcert.radial(0)
    with pytest.raises(gdcert.DomainError):
        gdcert.radial(3, tails=[0])
    with pytest.raises(gdcert.ResourceError):
        gdcert.radial(3, prec=5000)
    with pytest.raises(gdcert.InputError):
        gdcert.radial_table(5, 2)


def test_bound_vector_parameter_is_one_value():
    b = gdcert.bound("ds.truncated_square", x=[Fraction(1, 2)] * 4 + [Fraction(1, 100)], r=1)
    assert isinstance(b, gdcert.Bound)
    assert [r.value for r in b.outputs.values()] == [Fraction(0), Fraction(0)]
    info = next(i for i in gdcert.bounds() if i.id == "ds.truncated_square")
    assert [p.name for p in info.params if p.vector] == ["x"]
