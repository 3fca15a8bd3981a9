"""gdcert.walsh against `gdcert walsh --json`: levels, influences, coefficients, stability, degree; the numpy view of
the coefficients without a copy; single coefficients without a transform."""

import gc
import threading
from fractions import Fraction

import numpy as np
import pytest

import gdcert
from conftest import cli, row, same, table


def test_majority3_known_values():
    s = gdcert.walsh("majority:n=3")
    assert s.level_weights == [0, Fraction(3, 4), 0, Fraction(1, 4)]
    assert all(type(w) is Fraction for w in s.level_weights)
    assert s.n == 3 and s.degree == 3 and s.is_boolean
    assert s.spec == "majority:n=3:sign0=+1"
    assert s.parameters == {"spec": "majority:n=3:sign0=+1", "n": "3"}
    assert s.denominator == 8
    assert s.coefficients.tolist() == [0, 4, 4, 0, 4, 0, 0, -4]
    assert s.coefficient([1]) == Fraction(1, 2) and s.coefficient("1,2,3") == Fraction(-1, 2)
    assert s.coefficient(()) == 0 and s.mean == 0 and s.mean_square == 1
    assert s.influences == [Fraction(1, 2)] * 3 and s.total_influence == Fraction(3, 2)
    assert s.noise_stability(Fraction(1, 3)) == Fraction(3, 4) / 3 + Fraction(1, 4) / 27
    assert s.noise_stability(1) == 1 and s.noise_stability("-1") == -1


@pytest.mark.parametrize("spec", ["majority:n=5", "threshold:n=5:w=3,2,2,1,1:t=1", "staircase:n=4",
                                  "poly:n=3:x1 + 1/2*x1*x2 - x3", "random:n=9:seed=7", "anf:n=4:x1*x2 + x3*x4"])
def test_walsh_equals_cli(spec):
    doc = cli("walsh", spec, "--coeffs", "--levels", "--influences", "--stability", "1/3", "--stability", "-2/5",
              "--degree")
    s = gdcert.walsh(spec)
    assert s.spec == doc["parameters"]["spec"] and str(s.n) == doc["parameters"]["n"]
    levels = table(doc, "level_weights")
    assert len(levels) == s.n + 1
    for k, (w, r) in enumerate(zip(s.level_weights, levels)):
        assert r[0] == k and same(w, r[1])
    inf = table(doc, "influences")
    for i, x in enumerate(s.influences):
        assert inf[i][0] == i + 1 and same(x, inf[i][1])
    assert same(s.total_influence, inf[-1][1])
    # every coefficient: the CLI lists the nonzero ones; the numpy array holds all 2^n numerators
    listed = {r[0]: Fraction(r[3]["value"]) for r in table(doc, "coefficients")}
    c = s.coefficients
    for mask in range(1 << s.n):
        assert Fraction(int(c[mask]), s.denominator) == listed.get(mask, 0)
    assert s.support_size == len(listed)
    stab = table(doc, "noise_stability")
    assert same(s.noise_stability(Fraction(1, 3)), stab[0][1]) and same(s.noise_stability("-2/5"), stab[1][1])
    assert table(doc, "degree")[0][1] == s.degree
    summary = table(doc, "summary")
    assert same(s.mean, row(summary, "E[f] ")) and same(s.mean_square, row(summary, "E[f^2]"))
    assert row(summary, "degree") == s.degree and row(summary, "nonzero coefficients") == s.support_size


def test_provenance_of_spectrum_attributes():
    s = gdcert.walsh("majority:n=5")
    assert s.formula("level_weights").id == "walsh.level_weight"
    assert s.formula("noise_stability").id == "walsh.noise_stability"
    assert s.formula("degree").id == "walsh.degree" and s.formula("influences").id == "walsh.influence"
    r = s.result("noise_stability", "1/2")
    assert r.formula == "walsh.noise_stability" and r.tag == "derived" and r.value == s.noise_stability("1/2")
    assert [x.value for x in s.result("level_weights")] == s.level_weights


def test_single_coefficient_without_transform():
    doc = cli("walsh", "majority:n=21", "--coeff", "1,2,3", "--coeff", "5")
    rows = table(doc, "coefficient")
    r = gdcert.walsh_coefficient("majority:n=21", [1, 2, 3])
    assert same(r, rows[0][1]) and r.value == Fraction(-2431, 262144) and r.formula == "walsh.coefficient"
    assert same(gdcert.walsh_coefficient("majority:n=21", "5"), rows[1][1])


def test_coefficients_are_a_view_without_copy():
    s = gdcert.walsh("random:n=16:seed=3")
    a, b = s.coefficients, s.coefficients
    assert a.dtype == np.int32 and a.shape == (1 << 16,)
    assert np.shares_memory(a, b) and a.ctypes.data == b.ctypes.data
    assert not a.flags.owndata and a.base is s._core
    assert not a.flags.writeable
    with pytest.raises(ValueError):
        a[0] = 1
    # the view keeps the C++ spectrum alive after the Python object is gone
    expected = a.copy()
    del s, b
    gc.collect()
    assert np.array_equal(a, expected)
    # Parseval on the integer array: sum c_S^2 = 2^(2n) E f^2 = 2^32
    assert int(np.sum(a.astype(np.int64) ** 2)) == 1 << 32


def test_int64_and_big_integer_coefficients():
    s = gdcert.walsh("table:1073741824,0")  # max|v| 2^n >= 2^31: the int64 transform
    assert s.transform_bits == 64 and s.coefficients.dtype == np.int64
    assert not s.coefficients.flags.owndata and np.shares_memory(s.coefficients, s.coefficients)
    assert s.coefficient([1]) == Fraction(1 << 29)
    big = gdcert.walsh("table:%d,1" % (1 << 70))  # beyond int64: big integers, a copied object array
    assert big.transform_bits == 0 and big.coefficients.dtype == object
    assert [Fraction(int(x), big.denominator) for x in big.coefficients] == [
        Fraction((1 << 70) + 1, 2), Fraction((1 << 70) - 1, 2)]


def test_threads_give_identical_results_and_run_concurrently():
    ref = gdcert.walsh("random:n=18:seed=5", threads=1).coefficients.copy()
    out = [None] * 4

    def work(i):
        out[i] = gdcert.walsh("random:n=18:seed=5", threads=1 + i % 2).coefficients

    ts = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    assert all(np.array_equal(o, ref) for o in out)


def test_seed_draws_random_specs():
    a = gdcert.walsh("random:n=8", seed=1)
    b = gdcert.walsh("random:n=8:seed=1")
    c = gdcert.walsh("random:n=8", seed=2)
    assert np.array_equal(a.coefficients, b.coefficients) and not np.array_equal(a.coefficients, c.coefficients)
    doc = cli("walsh", "random:n=8", "--seed", "2", "--levels")
    assert all(same(w, r[1]) for w, r in zip(c.level_weights, table(doc, "level_weights")))
