"""gdcert.landscape_* and simulate_landscape against the reference data (tests/data/landscape.json) and `gdcert
landscape` --json."""

import json
from fractions import Fraction
from pathlib import Path

import pytest

import gdcert
from conftest import cli

DATA = Path(__file__).resolve().parents[2] / "tests" / "data" / "landscape.json"


def reference_file(tmp_path, i):
    ins = json.loads(DATA.read_text())["instances"][i]
    p = tmp_path / ("ref%d.json" % i)
    p.write_text(json.dumps({"X": ins["X_rows_x_i"], "y": ins["y"], "v": ins["v"], "W": ins["W"]}))
    return p, ins


@pytest.mark.parametrize("i", [0, 1, 2])
def test_certify_reference_instances(tmp_path, i):
    p, ins = reference_file(tmp_path, i)
    c = gdcert.landscape_certify(str(p), U=ins["U"])
    assert c.values["loss L(W)"].value == Fraction(ins["loss"])
    assert c.values["Hessian form along --U (4/n)"].value == Fraction(ins["hessian_quadratic_form_along_U"])
    assert c.values["(6.4) as recorded along --U (2/n)"].value == Fraction(
        ins["hessian_form_with_2_over_n_second_term_as_recorded_in_6.4"])
    assert c.residual_matrix == [[Fraction(x) for x in r] for r in ins["Sigma_r_over_n"]]
    assert c.gradient == [[Fraction(x) for x in r] for r in ins["gradient_W"]]
    assert c.values["min over Sym(d) of f(M)"].value == Fraction(ins["least_squares_over_Sym3"]["optimum_value"])
    assert c.values["loss L(W)"].formula == "landscape.loss" and c.values["loss L(W)"].tag == "paper"


def test_generated_verdicts_and_cli_agree(tmp_path):
    for kind, verdict in [("optimal", "global minimum"), ("saddle", "strict saddle"), ("nonstationary", "not stationary")]:
        c = gdcert.landscape_certify_generated(kind, 9, 3, 6, seed=2)
        assert c.verdict == verdict
        p = tmp_path / (kind + ".json")
        p.write_text(gdcert.landscape_generate(kind, 9, 3, 6, seed=2))
        doc = cli("landscape", "certify", "--data", str(p))
        assert doc["tables"][0]["rows"][0][0] == verdict
    s = gdcert.landscape_certify_generated("saddle", 9, 3, 6, seed=2)
    assert s.values["Hessian form along U = a b^T"].value < 0
    assert s.direction_U and len(s.direction_a) == 6


def test_assumption_and_theorems():
    a = gdcert.landscape_assumption("erf", [0, 1], prec=64)
    assert a.case.startswith("(b)")
    mu1 = a.rows[1][1].value
    assert mu1.contains(Fraction(7978845608, 10**10)) or abs(float(mu1.mid) - 0.7978845608) < 1e-9
    t = gdcert.landscape_theorem25(n=100, d=10, k=20, sigma_min="1/2", sigma_max=2)
    assert t["beta = C (smax^2 + 1) k"].value == 100
    assert t["m_L"].value == Fraction(1, 8)
    with pytest.raises(gdcert.DomainError):
        gdcert.landscape_theorem25(n=100, d=10, k=5)
    with pytest.raises(gdcert.InputError):
        gdcert.landscape_assumption("relu")


def test_simulate_landscape_small():
    figs = gdcert.simulate_landscape(["3a", "4b"], draws=2, runs=2, max_steps=800, values="2,10", seed=1)
    assert [f.figure for f in figs] == ["3a", "4b"]
    planted, rl = figs
    assert [x for x, _, _ in planted.rows] == [2, 10]
    assert all(0 <= f.value.value <= 1 for _, f, _ in planted.rows)
    assert [k for k, *_ in rl.rows] == [2, 10]
    assert rl.rows[1][1].value == Fraction(10 * 20, 100)
