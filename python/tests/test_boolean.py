"""Boolean-function criteria, algebraic immunity, p-biased analysis and S-boxes from Python (values derived
independently: Rothaus bent functions, Dalai-Maitra-Sarkar AI of majority, hand p-biased influences, PRESENT/AES)."""
from fractions import Fraction

import pytest

import gdcert


def test_boolean_criteria_inner_product_and_operations():
    c = gdcert.boolean_criteria("anf:n=6:x1*x2 + x3*x4 + x5*x6")
    assert c.nonlinearity.value == 28 and c.bent and not c.balanced
    assert c.nonlinearity.formula == "boolean.nonlinearity"
    assert c.algebraic_degree.value == 2 and c.absolute_indicator.value == 0
    r = gdcert.boolean_criteria("restrict(parity:n=4:S=1,2,3,4, x4=-1)")  # -x1x2x3: affine, 2-resilient
    assert r.nonlinearity.value == 0 and r.resiliency.value == 2


def test_algebraic_immunity_majority():
    assert gdcert.algebraic_immunity("majority:n=7").value == 4
    assert gdcert.algebraic_immunity("majority:n=7").tag == "derived"
    with pytest.raises(gdcert.ResourceError):
        gdcert.algebraic_immunity("random:n=13")


def test_pbiased_majority3():
    p = gdcert.pbiased("majority:n=3", "1/3")
    assert [x.value for x in p.influences] == [Fraction(32, 81)] * 3
    assert p.total_influence.value == Fraction(32, 27)
    assert sum(x.value for x in p.level_weights) == 1
    assert gdcert.pbiased_stability("parity:n=1:S=1", "1/3", "1/2").value == Fraction(5, 9)
    with pytest.raises(gdcert.DomainError):
        gdcert.pbiased("majority:n=3", "3/2")


def test_sbox_present_and_aes():
    s = gdcert.sbox_properties("sbox:present")
    assert (s.linearity.value, s.nonlinearity.value, s.differential_uniformity.value) == (8, 4, 4)
    a = gdcert.sbox_properties("sbox:aes")
    assert (a.nonlinearity.value, a.differential_uniformity.value) == (112, 4)
    assert gdcert.sbox_ddt("sbox:7,6,0,4,2,5,1,3", 1) == [0, 2, 2, 0, 2, 0, 0, 2]  # Sage's doctest
    assert gdcert.sbox_lat("sbox:7,6,0,4,2,5,1,3", 1) == [0, 0, 0, 0, 4, 4, 4, -4]  # 2 x Sage's absolute bias
