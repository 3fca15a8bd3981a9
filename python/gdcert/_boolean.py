"""Boolean-function criteria, algebraic immunity, p-biased analysis and S-boxes (``gdcert walsh --criteria
--autocorrelation --algebraic-immunity --bias``, ``gdcert sbox``), through the library's quantity registry (the one
``gdcert check`` uses; quantities ``boolean.*``). Every spec of the spec grammar works, operations included
(``"restrict(majority:n=9, x1=1)"``, ``"f ^ g"``). Re-exported by :mod:`gdcert`."""

from typing import List, NamedTuple

from ._types import Result

__all__ = ["BooleanCriteria", "SBoxProperties", "boolean_criteria", "algebraic_immunity", "pbiased", "PBiased", "pbiased_stability",
           "sbox_properties", "sbox_lat", "sbox_ddt"]


def _q(name: str, **kw):
    from . import quantity  # late: gdcert/__init__ defines quantity after importing this module
    return quantity(name, **{k: v for k, v in kw.items() if v is not None})


class BooleanCriteria(NamedTuple):
    """What the Walsh-Hadamard and autocorrelation spectra decide (exact integers, each a :class:`Result`)."""

    nonlinearity: Result
    max_abs_walsh: Result
    correlation_immunity: Result
    resiliency: Result
    bent: bool
    balanced: bool
    algebraic_degree: Result
    absolute_indicator: Result
    sum_of_squares_indicator: Result
    propagation_criterion: Result


def boolean_criteria(spec: str) -> BooleanCriteria:
    """The criteria of ``gdcert walsh SPEC --criteria --autocorrelation --anf``.

    >>> c = gdcert.boolean_criteria("anf:n=6:x1*x2 + x3*x4 + x5*x6")
    >>> c.nonlinearity.value, c.bent
    (Fraction(28, 1), True)
    """
    one = lambda name: _q(name, spec=spec).results[0]  # noqa: E731
    return BooleanCriteria(one("boolean.nonlinearity"), one("boolean.max_abs_walsh"), one("boolean.correlation_immunity"),
                           one("boolean.resiliency"), one("boolean.is_bent").value == 1,
                           one("boolean.is_balanced").value == 1, one("boolean.algebraic_degree"),
                           one("boolean.absolute_indicator"), one("boolean.sum_of_squares_indicator"),
                           one("boolean.propagation_criterion"))


def algebraic_immunity(spec: str) -> Result:
    """AI of a ±1 function (n <= 12), formula boolean.algebraic_immunity; the annihilators are printed by
    ``gdcert walsh SPEC --algebraic-immunity``.

    >>> gdcert.algebraic_immunity("majority:n=5").value
    Fraction(3, 1)
    """
    return _q("boolean.algebraic_immunity", spec=spec).results[0]


class PBiased(NamedTuple):
    """The p-biased analysis under mu_p, p = Pr[x_i = -1]: level weights W_k^(p), influences Inf_i^(p) and the
    total influence, exact rationals."""

    level_weights: List[Result]
    influences: List[Result]
    total_influence: Result


def pbiased(spec: str, p) -> PBiased:
    """``gdcert walsh SPEC --bias p``.

    >>> gdcert.pbiased("majority:n=3", "1/3").influences[0].value
    Fraction(32, 81)
    """
    p = str(p)
    return PBiased(_q("boolean.pbiased.level_weights", spec=spec, p=p).results,
                   _q("boolean.pbiased.influences", spec=spec, p=p).results,
                   _q("boolean.pbiased.total_influence", spec=spec, p=p).results[0])


def pbiased_stability(spec: str, p, rho) -> Result:
    """Stab_rho^(p) = sum_k rho^k W_k^(p)."""
    return _q("boolean.pbiased.noise_stability", spec=spec, p=str(p), rho=str(rho)).results[0]


class SBoxProperties(NamedTuple):
    """``gdcert sbox SPEC``: linearity (Walsh convention), nonlinearity, differential uniformity (exact integers)."""

    linearity: Result
    nonlinearity: Result
    differential_uniformity: Result


def sbox_properties(spec: str) -> SBoxProperties:
    """>>> gdcert.sbox_properties("sbox:present").differential_uniformity.value
    Fraction(4, 1)
    """
    return SBoxProperties(_q("boolean.sbox.linearity", spec=spec).results[0],
                          _q("boolean.sbox.nonlinearity", spec=spec).results[0],
                          _q("boolean.sbox.differential_uniformity", spec=spec).results[0])


def sbox_lat(spec: str, a: int) -> List[int]:
    """Row a of the LAT, LAT(a, b) = sum_x (-1)^(a.x + b.S(x)) for b = 0..2^m-1 (Sage's default is half of it)."""
    return [int(r.value) for r in _q("boolean.sbox.lat", spec=spec, a=a).results]


def sbox_ddt(spec: str, a: int) -> List[int]:
    """Row a of the DDT, #{x : S(x + a) + S(x) = b} for b = 0..2^m-1."""
    return [int(r.value) for r in _q("boolean.sbox.ddt", spec=spec, a=a).results]
