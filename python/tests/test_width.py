"""The width module (paper 003) from Python: exact 24-cell certificates, gamma_2^2 of the reference labelling, the
margin chain, the width formulas and their tags (reference: tests/data/width.json)."""
from fractions import Fraction

import pytest

import gdcert


def test_width_lambda_24cell():
    w = gdcert.width_lambda("24cell:reps")
    assert w.lambda0.value == Fraction(1, 12)
    assert w.positive_definite and w.first_zero_pivot is None and w.rank == 12
    assert w.pivots[-1].value == Fraction(25, 96)
    assert w.enclosure.value.contains(Fraction(1, 12))
    z = gdcert.width_lambda("24cell:all")
    assert z.lambda0.value == 0 and z.first_zero_pivot == 16 and z.rank == 16


def test_width_margin_reference_labelling():
    m = gdcert.width_margin("24cell:reps", "list:+-+-++--+--+")
    assert m.gamma2_squared.value == Fraction(113, 5682)
    assert [r.value for r in m.q_star][:2] == [Fraction(187, 2841), Fraction(44, 947)]
    assert m.lambda0_over_n.value <= m.gamma2_squared.value <= m.witness_margin.value
    assert m.gamma2_squared.tag == "derived"


def test_width_formulas_tags_and_inversion():
    h = gdcert.width_formula("mosw22.hoeffding_width", n=12, gamma="113/5682")
    assert h.tag == "reconstructed"
    du = gdcert.width_formula("du19.width", n=12, lambda0="1/12")
    assert du.value == Fraction(12**10 * 1000) and du.tag == "paper"
    assert gdcert.width_invert("du19.width", "n", m=12**10 * 1000, lambda0="1/12").value == 12


def test_width_errors():
    with pytest.raises(gdcert.InputError):
        gdcert.width_lambda("cube:n=3")
    with pytest.raises(gdcert.DomainError):
        gdcert.width_formula("du19.width", n=12, lambda0=0)
