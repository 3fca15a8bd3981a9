"""The landscape of shallow networks (paper 004; ``gdcert landscape`` and ``gdcert simulate landscape``): exact
certificates for f(x) = vᵀ(Wx)², Assumption 2.3 balls, the Theorem 2.2 / 2.5 evaluators and the Section-3 experiments.
Re-exported by :mod:`gdcert`.

>>> c = gdcert.landscape_certify_generated("saddle", n=8, d=3, k=6, seed=3)
>>> c.verdict, c.values["Hessian form along U = a b^T"].value < 0
('strict saddle', True)
"""

from fractions import Fraction
from typing import Dict, List, NamedTuple, Optional, Sequence, Union

from ._args import _prec
from ._types import Estimate, Result
from . import _gdcert

__all__ = ["LandscapeCertificate", "LandscapeAssumption", "LandscapeFigure", "LandscapeRandomLabels",
           "landscape_certify", "landscape_certify_generated", "landscape_generate", "landscape_rank",
           "landscape_assumption", "landscape_theorem25", "landscape_theorem22", "simulate_landscape"]


def _result(r) -> Optional[Result]:
    """The binding already returns gdcert.Result (or None); kept as the one place a conversion would go."""
    return r


def _matrix(rows) -> List[List[Fraction]]:
    return [[Fraction(x) for x in r] for r in rows]


class LandscapeCertificate(NamedTuple):
    """The certificate at a point (``gdcert landscape certify``): ``verdict`` ("global minimum", "strict saddle",
    "not stationary" or "undetermined"), its one-line ``reason``, ``values`` (name -> :class:`Result`, exact or ball),
    the exact matrices S/n (``residual_matrix``), the gradient, the Case-II direction (``direction_a``, ``direction_b``,
    ``direction_U``; empty unless a saddle) and the least-squares minimiser ``M_star`` (empty unless solved)."""

    verdict: str
    reason: str
    values: Dict[str, Result]
    residual_matrix: List[List[Fraction]]
    gradient: List[List[Fraction]]
    direction_a: List[Fraction]
    direction_b: List[Fraction]
    direction_U: List[List[Fraction]]
    M_star: List[List[Fraction]]
    parameters: Dict[str, str]
    notes: List[str]


def _certificate(d) -> LandscapeCertificate:
    return LandscapeCertificate(d["verdict"], d["reason"], {name: _result(r) for name, r in d["values"]},
                                _matrix(d["residual_matrix"]), _matrix(d["gradient"]),
                                [Fraction(x) for x in d["direction_a"]], [Fraction(x) for x in d["direction_b"]],
                                _matrix(d["direction_U"]), _matrix(d["M_star"]), dict(d["parameters"]), list(d["notes"]))


def _vec(x) -> str:
    if x is None:
        return ""
    if isinstance(x, str):
        return x
    return ",".join(str(Fraction(t)) for t in x)


def _mat(x) -> str:
    if x is None:
        return ""
    if isinstance(x, str):
        return x
    return ";".join(_vec(r) for r in x)


def landscape_certify(data: str, v=None, W=None, U=None, least_squares: str = "auto", prec: int = 128) -> LandscapeCertificate:
    """The exact verdict at (v, W) on the data file ``data`` (JSON or CSV, as ``gdcert landscape certify --data``).
    ``v``, ``W``, ``U`` are sequences of numbers (Fractions, ints, "p/q") or the command line's text forms; None takes
    v and W from the file."""
    return _certificate(_gdcert.landscape_certify(data, _vec(v), _mat(W), _mat(U), least_squares, _prec(prec)))


def landscape_certify_generated(kind: str, n: int, d: int, k: int, seed: int = 0, prec: int = 128) -> LandscapeCertificate:
    """The certificate at the instance ``landscape_generate(kind, n, d, k, seed)`` describes."""
    return _certificate(_gdcert.landscape_certify_generated(kind, n, d, k, seed, _prec(prec)))


def landscape_generate(kind: str, n: int, d: int, k: int, seed: int = 0) -> str:
    """A random rational instance of ``kind`` (optimal-zero, optimal, saddle, nonstationary) as JSON text."""
    return _gdcert.landscape_generate(kind, n, d, k, seed)


def landscape_rank(d: int, n_min: int, n_max: int, seed: int = 0) -> List[tuple]:
    """(n, rank X*X, min(n, d(d+1)/2)) for random integer X, as exact :class:`Result` s."""
    return [(n, _result(r), _result(g)) for n, r, g in _gdcert.landscape_rank(d, n_min, n_max, seed)["rows"]]


class LandscapeAssumption(NamedTuple):
    """Assumption 2.3 over a sigma grid: ``rows`` (sigma, mu, gamma) and ``cells`` (cell, mu, gamma enclosures),
    the certified statements and the case (a) / (b)."""

    activation: str
    rows: List[tuple]
    cells: List[tuple]
    mu_statement: str
    gamma_statement: str
    case: str


def landscape_assumption(act: str = "softplus", sigma: Union[str, Sequence] = "0..4:1/2", prec: int = 128) -> LandscapeAssumption:
    """mu(sigma) = E phi'(sigma g) and gamma(sigma) = E phi''(sigma g) as balls (or exact by symmetry)."""
    s = sigma if isinstance(sigma, str) else _vec(sigma)
    d = _gdcert.landscape_assumption(act, s, _prec(prec))
    return LandscapeAssumption(d["activation"], [(x, _result(m), _result(g)) for x, m, g in d["rows"]],
                               [(x, _result(m), _result(g)) for x, m, g in d["cells"]], d["mu_statement"],
                               d["gamma_statement"], d["case"])


def landscape_theorem25(prec: int = 128, **params) -> Dict[str, Result]:
    """Theorem 2.5's constants; parameters as ``gdcert landscape theorem25`` (n, d, k, tau, sigma_min, sigma_max, c, C,
    C0, c0, Cprime, v_max, w_max, B, L, phi0, alpha, L0, case_b)."""
    d = _gdcert.landscape_theorem25(params, _prec(prec))
    return {name: _result(r) for name, r in d["values"]}


def landscape_theorem22(eps_g="1/100", eps_H="1/100", nu="1", nuclear="1", gamma="1", d: int = 10, prec: int = 128) -> Dict[str, Result]:
    """Theorem 2.2's loss bound and probability (gamma is the paper's unspecified constant)."""
    out = _gdcert.landscape_theorem22(str(eps_g), str(eps_H), str(nu), str(nuclear), str(gamma), d, _prec(prec))
    return {name: _result(r) for name, r in out["values"]}


class LandscapeFigure(NamedTuple):
    """A planted figure (2a, 2b, 3a, 3b): ``rows`` (x, fraction global, global draws), the fitted ``crossing`` and its
    bootstrap interval ``ci``, ``always_global`` (least x from which every draw was global) and the ``criterion``."""

    figure: str
    varied: str
    rows: List[tuple]
    crossing: Optional[Result]
    ci: tuple
    fit_status: str
    always_global: Optional[int]
    criterion: str


class LandscapeRandomLabels(NamedTuple):
    """A random-label figure (4a, 4b): ``rows`` (k, kd/n, final RMSE, zero, curve) and the zero-RMSE ratio kd/n."""

    figure: str
    rows: List[tuple]
    zero_ratio: Optional[Result]
    criterion: str


def simulate_landscape(figures: Sequence[str] = (), full: bool = False, draws: int = 0, runs: int = 0,
                       max_steps: int = 0, values: str = "", tol: float = 1e-5, output_layer: str = "trained",
                       bootstrap: int = 200, seed: int = 0, threads: int = 2):
    """The Section-3 experiments (``gdcert simulate landscape``): a list of :class:`LandscapeFigure` and
    :class:`LandscapeRandomLabels` in the order asked (all six by default)."""
    s = _gdcert.simulate_landscape(list(figures), full, draws, runs, max_steps, values, tol, output_layer, bootstrap,
                                   seed, threads)
    out = []
    for d in s["planted"]:
        out.append(LandscapeFigure(d["figure"], d["varied"], [(x, _result(f), _result(g)) for x, f, g in d["rows"]],
                                   _result(d["crossing"]), tuple(_result(c) for c in d["ci"]), d["fit_status"],
                                   d["always_global"], d["criterion"]))
    for d in s["random_labels"]:
        out.append(LandscapeRandomLabels(d["figure"], [(k, _result(r), _result(e), z, c) for k, r, e, z, c in d["rows"]],
                                         _result(d["zero_ratio"]), d["criterion"]))
    return out
