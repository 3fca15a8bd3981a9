"""Width bounds under coupled initialization (paper 003; ``gdcert width``): lambda0 certificates, NTK margins and the
width formulas, through the library's quantity registry (the same one ``gdcert check`` uses). Re-exported by
:mod:`gdcert`. Every paper-003 constant is tagged ``reconstructed`` (see the ``tag`` of each :class:`Result`)."""

from typing import List, NamedTuple, Optional

from ._types import Result

__all__ = ["WidthLambda", "WidthMargin", "width_lambda", "width_margin", "width_formula", "width_invert",
           "width_formula_ids"]


def _q(name: str, **kw):
    from . import quantity  # late: gdcert/__init__ defines quantity after importing this module
    return quantity(name, **{k: v for k, v in kw.items() if v is not None})


class WidthLambda(NamedTuple):
    """lambda0 = lambda_min(H^inf): ``lambda0`` (exact from the characteristic polynomial, or the certified enclosure),
    ``enclosure`` (always a certified ball), and for an exact H^inf the LDL^T ``pivots``, ``positive_definite``,
    ``first_zero_pivot`` (None if none) and ``rank``."""

    lambda0: Result
    enclosure: Result
    pivots: Optional[List[Result]]
    positive_definite: Optional[bool]
    first_zero_pivot: Optional[int]
    rank: Optional[int]


def width_lambda(data: str, both_layers: bool = False, method: str = "auto", prec: int = 128) -> WidthLambda:
    """The certificates of ``gdcert width lambda --data DATA``.

    >>> w = gdcert.width_lambda("24cell:reps")
    >>> w.lambda0.value, w.pivots[-1].value, w.positive_definite
    (Fraction(1, 12), Fraction(25, 96), True)
    """
    bl = 1 if both_layers else 0
    lam = _q("width.lambda0", data=data, both_layers=bl, prec=prec).results[0]
    enc = _q("width.lambda0_enclosure", data=data, both_layers=bl, method=method, prec=prec).results[0]
    from ._errors import DomainError
    try:
        piv = _q("width.ldlt_pivots", data=data, both_layers=bl).results
        pd = _q("width.positive_definite", data=data, both_layers=bl).value == 1
        fz = int(_q("width.first_zero_pivot", data=data, both_layers=bl).value)
        rk = int(_q("width.rank", data=data, both_layers=bl).value)
    except DomainError:  # H^inf not exact: no exact LDL^T
        piv, pd, fz, rk = None, None, -1, None
    return WidthLambda(lam, enc, piv, pd, None if fz < 0 else fz, rk)


class WidthMargin(NamedTuple):
    """``gamma2_squared`` = min over the simplex of q^T D_y H^inf D_y q (exact, or a certified ball), ``q_star``, the
    ``witness_margin`` min_j (D_y H D_y q*)_j, ``lambda0_over_n`` and the linear margin ``linear_margin_squared``."""

    gamma2_squared: Result
    q_star: List[Result]
    witness_margin: Result
    lambda0_over_n: Result
    linear_margin_squared: Result


def width_margin(data: str, labels: str, both_layers: bool = False, prec: int = 128) -> WidthMargin:
    """The NTK margins of ``gdcert width margin``.

    >>> m = gdcert.width_margin("24cell:reps", "list:+-+-++--+--+")
    >>> m.gamma2_squared.value, m.lambda0_over_n.value <= m.gamma2_squared.value <= m.witness_margin.value
    (Fraction(113, 5682), True)
    """
    kw = dict(data=data, labels=labels, both_layers=1 if both_layers else 0, prec=prec)
    return WidthMargin(_q("width.gamma2_squared", **kw).results[0], _q("width.q_star", **kw).results,
                       _q("width.witness_margin", **kw).results[0], _q("width.lambda0_over_n", **kw).results[0],
                       _q("width.linear_margin_squared", data=data, labels=labels).results[0])


def width_formula_ids() -> List[str]:
    """The width formulas :func:`width_formula` evaluates (ids of the formula registry)."""
    return ["du19.width", "du19.width_both_layers", "sy19.width", "mosw22.squared_width", "jt20.width",
            "mosw22.hoeffding_width", "mosw22.hoeffding_width_uncoupled", "mosw22.logistic_width"]


def width_formula(which: str, n: int, lambda0=1, gamma=1, delta="1/10", eps="1/10", eta=1, p: int = 4,
                  prec: int = 128) -> Result:
    """One width formula at the given inputs (exact when rational, else a certified ball).

    >>> r = gdcert.width_formula("mosw22.hoeffding_width", n=12, gamma="113/5682")
    >>> r.tag
    'reconstructed'
    """
    return _q("width." + which, n=n, lambda0=lambda0, gamma=gamma, delta=delta, eps=eps, eta=eta, p=p,
              prec=prec).results[0]


def width_invert(which: str, for_: str, m, n: int = 1, lambda0=1, gamma=1, delta="1/10", eps="1/10", eta=1, p: int = 4,
                 prec: int = 128) -> Result:
    """The largest n (exact), or the smallest gamma / lambda0 (a ball), with the formula's width <= m."""
    return _q("width.invert." + which, m=m, n=n, lambda0=lambda0, gamma=gamma, delta=delta, eps=eps, eta=eta, p=p,
              prec=prec, **{"for": for_}).results[0]
