"""gdcert.kernel_general and gdcert.kernel_deep against `gdcert kernel --q1 --q2 --c` and `gdcert deep-kernel` --json
(balls equal bit for bit), exact values, the two-layer case against gdcert.width, and errors."""

from fractions import Fraction

import pytest

import gdcert
from conftest import cli, same, table


@pytest.mark.parametrize("act,q1,q2,c", [
    ("relu", "2", "8", "2"), ("relu", "2", "1/2", "1/3"), ("gelu", "2", "1/2", "1/3"), ("sin", "2", "1/2", "1/3"),
    ("abrelu:-1/2,2", "3/2", "2/3", "-1/2"), ("erf", "1", "3", "1/2"), ("sign", "1", "2", "1/2"),
])
def test_kernel_general_equals_cli(act, q1, q2, c):
    doc = cli("kernel", act, "--q1", q1, "--q2", q2, "--c", c)
    cells = table(doc, "general")[0]
    v = gdcert.kernel_general(act, q1, q2, c)
    assert same(v, cells[4]) and v.formula.startswith("kernel.")
    if act == "sign":
        assert cells[5].startswith("undefined")
        with pytest.raises(gdcert.DomainError):
            gdcert.kernel_general(act, q1, q2, c, derivative=True)
    else:
        assert same(gdcert.kernel_general(act, q1, q2, c, derivative=True), cells[5])


def test_kernel_general_exact_and_errors():
    assert gdcert.kernel_general("relu", 2, 8, 2, derivative=True).value == Fraction(1, 3)
    assert gdcert.kernel_general("abrelu:-1/2,2", 4, 9, -6).value == 6
    assert gdcert.kernel_general("erf", 4, 4, "9/4").value == Fraction(1, 3)
    b = gdcert.kernel_general("cos", 2, "1/2", "1/3", digits=30).value
    assert isinstance(b, gdcert.Ball)
    with pytest.raises(gdcert.DomainError):
        gdcert.kernel_general("relu", 1, 1, 2)
    with pytest.raises(gdcert.InputError):
        gdcert.kernel_general("leaky:x", 1, 1, 0)


def test_kernel_deep_equals_cli_and_width():
    doc = cli("deep-kernel", "relu", "--depth", "1", "--weight-var", "4,1", "--bias-var", "0", "--data", "24cell:reps")
    k = gdcert.kernel_deep("relu", depth=1, weight_var=[4, 1], bias_var=0, data="24cell:reps")
    rows = table(doc, "deep_kernel")
    last = [e for e in k.entries if e[0] == 2]
    assert len(rows) == len(last) == 12 * 13 // 2
    for (h, i, j, s, t), cells in zip(last, rows):
        assert cells[0] == h and cells[1] == i and cells[2] == j and same(s, cells[3]) and same(t, cells[4])
    # the L = 1 NTK is the width module's Gram matrix with both layers trained
    assert k.ntk[0][0].formula == "kernel.deep.ntk" and k.n == 12 and k.d == 4


def test_kernel_deep_pair_and_fixed_point():
    k = gdcert.kernel_deep("relu", depth=30, weight_var=2, bias_var=0, q1=1, q2=1, c=0, fixed_point=True)
    f = k.fixed_point
    assert f["variance"] == "every q" and f["chi1"].value == 1 and f["rho_star"].value == 1
    its = f["iterates"]
    assert len(its) == 31
    assert all(its[h].value.mid < its[h + 1].value.mid for h in range(30))
    k2 = gdcert.kernel_deep("relu", depth=3, weight_var=1, bias_var="1/2", q1=1, q2=1, c=0, fixed_point=True)
    assert k2.fixed_point["q_star"].value == 1
    with pytest.raises(gdcert.DomainError):
        gdcert.kernel_deep("sign", depth=2, q1=1, q2=1, c=0)
    assert gdcert.kernel_deep("sign", depth=2, q1=1, q2=1, c=0, ntk=False).entries[0][4] is None
    with pytest.raises(gdcert.UsageError):
        gdcert.kernel_deep("relu", depth=2)
