"""Dual activation kernels (``gdcert kernel``: :func:`kernel`). Re-exported by :mod:`gdcert`."""

from typing import List, Optional

from ._args import _opt_text, _prec, _text, _texts
from ._types import Result
from . import _gdcert

__all__ = ["KernelEntry", "KernelSeries", "Kernel", "kernel", "kernel_activations", "kernel_general", "DeepKernel",
           "kernel_deep"]


class KernelEntry:
    """One second moment E[sigma(u) sigma(v)]: ``value`` (a certified ball, formula kernel.relu | kernel.sign |
    kernel.erf | kernel.arccos), the pre-activation ``var`` and ``cov`` and ``rho`` = cov/var (all :class:`Result`),
    ``label`` (the rho as given, or "cov/var"), and with ``digits`` the ball's ``digits_text`` to that many
    significant digits."""

    __slots__ = ("label", "var", "cov", "rho", "value", "digits_text")

    def __init__(self, d: dict):
        for k in self.__slots__:
            setattr(self, k, d[k])

    def __repr__(self):
        return "KernelEntry(%s, %s)" % (self.label, self.value.value)


class KernelSeries:
    """The power series E[sigma(u) sigma(v)] = sum_l a_l rho^l (Var = var, Cov = var rho): ``coefficients``
    a_0..a_L as balls at ``prec`` bits (:class:`Result` s, formula kernel.series.<activation>); a_l =
    ``rational_parts[l]`` (exact) times ``constants[l]`` ("1" or "1/pi"), in words ``exact_text[l]``;
    ``kappa_one`` = E[sigma(u)^2] (exact where rational, else a ball; ``kappa_one_text``) and the certified ``tail``
    sum_{l > L} a_l = kappa(1) - sum_{l <= L} a_l (kernel.series.tail), which bounds the truncation for |rho| <= 1."""

    __slots__ = ("L", "prec", "coefficients", "rational_parts", "constants", "exact_text", "kappa_one",
                 "kappa_one_text", "tail", "notes")

    def __init__(self, d: dict):
        for k in self.__slots__:
            setattr(self, k, d[k])

    def __repr__(self):
        return "KernelSeries(L=%d, tail=%s)" % (self.L, self.tail.value)


class Kernel:
    """What :func:`kernel` computes: ``second_moments`` (:class:`KernelEntry`, one per rho, then cov), their balls
    as ``values`` (``value`` when there is one), ``series`` (:class:`KernelSeries` or None); ``activation``
    (canonical), ``formula`` and ``series_formula`` (registry ids), ``var`` (the pre-activation variance, a
    Fraction), ``first_layer_form`` (var and cov from weight_var and bias_var), ``digits`` (or None), ``prec`` (the
    bits the values are certified to), ``notes``, ``parameters``."""

    __slots__ = ("parameters", "activation", "formula", "series_formula", "first_layer_form", "var", "digits", "prec",
                 "second_moments", "notes", "series")

    def __init__(self, d: dict):
        for k in ("parameters", "activation", "formula", "series_formula", "first_layer_form", "var", "digits", "prec",
                  "notes"):
            setattr(self, k, d[k])
        self.second_moments = [KernelEntry(e) for e in d["second_moments"]]
        self.series = KernelSeries(d["series"]) if d["series"] is not None else None

    @property
    def results(self) -> List[Result]:
        """The second moments as :class:`Result` s."""
        return [e.value for e in self.second_moments]

    @property
    def values(self) -> list:
        """The second moments' balls."""
        return [e.value.value for e in self.second_moments]

    @property
    def value(self):
        """The ball of the only second moment (ValueError when there are several or none)."""
        if len(self.second_moments) != 1:
            raise ValueError("Kernel.value: %d second moments; use .values" % len(self.second_moments))
        return self.second_moments[0].value.value

    def __repr__(self):
        return "Kernel(%s, var=%s, %s%s)" % (self.activation, self.var, [str(v) for v in self.values],
                                             ", series L=%d" % self.series.L if self.series else "")


def kernel(act: str, rho=None, var=None, cov=None, weight_var=None, bias_var=None, series: Optional[int] = None,
           digits: Optional[int] = None, prec: int = 128) -> Kernel:
    """The dual activation E[sigma(u) sigma(v)] of a centred Gaussian pair as certified balls, and its power series
    — ``gdcert kernel ACT``.

    ``act``: relu, sign, erf, step, arccos:p, ... (:func:`kernel_activations`). ``rho``: one correlation in [-1, 1]
    or a list (exact: ints, Fractions, "1/2"; floats by their repr); ``var``: Var u = Var v (default 1); ``cov``: a
    covariance instead of rho; ``weight_var`` / ``bias_var``: the first-layer form (var = s2 + beta2, cov = s2 rho +
    beta2); ``series``: also a_0..a_L and the certified tail; ``digits``: certify every second moment to D
    significant digits by a Ziv loop (then ``prec`` is not used); ``prec``: the working precision in bits.

    >>> k = gdcert.kernel("relu", rho="1/2", series=4)
    >>> k.value
    [0.30449889052211467904449829124490902702 +/- 6.12e-39]
    >>> [e for e in k.series.exact_text], k.series.kappa_one.value
    (['1/2·(1/pi)', '1/4', '1/4·(1/pi)', '0', '1/48·(1/pi)'], Fraction(1, 2))
    >>> gdcert.kernel("erf", rho=[Fraction(1, 2), 0], digits=20).second_moments[0].digits_text
    '[0.21634689593878545966 +/- 1.72e-21]'

    Raises :class:`InputError` (unknown activation, malformed rationals, prec outside its range),
    :class:`UsageError` (conflicting or missing arguments), :class:`DomainError` (rho outside [-1, 1], var <= 0,
    |cov| > var), :class:`PrecisionError` (digits unreachable).
    """
    d = _gdcert.kernel(_text(act), _texts(rho), _opt_text(var), _opt_text(cov), _opt_text(weight_var),
                       _opt_text(bias_var), -1 if series is None else int(series), 0 if digits is None else int(digits),
                       _prec(prec))
    return Kernel(d)


def kernel_activations() -> str:
    """The activations the dual kernels know, as the help text lists them.

    >>> "relu" in gdcert.kernel_activations()
    True
    """
    return _gdcert.kernel_activation_names()


# ---- general covariances and deep kernels (api::kernel_general, api::kernel_deep) ---------------------------------

def _raw_result(r) -> Optional[Result]:
    """The binding already returns gdcert.Result (or None)."""
    return r


def kernel_general(act: str, q1, q2, c, derivative: bool = False, digits: Optional[int] = None,
                   prec: int = 128) -> Result:
    """E[sigma(u) sigma(v)] (``derivative=True``: E[sigma'(u) sigma'(v)]) for (u, v) ~ N(0, [[q1, c], [c, q2]]) —
    ``gdcert kernel ACT --q1 Q1 --q2 Q2 --c C``. Exact (a Fraction) where the value is rational, else a certified
    ball at ``prec`` bits or to ``digits`` significant digits. Formula kernel.general.<family> / kernel.gelu.quadrature.

    >>> gdcert.kernel_general("relu", 2, 8, 2, derivative=True).value
    Fraction(1, 3)
    >>> gdcert.kernel_general("sin", 2, "1/2", "1/3").formula
    'kernel.general.trig'

    Raises :class:`DomainError` (q1, q2 <= 0, c^2 > q1 q2, the derivative of sign/step), :class:`InputError`.
    """
    return _raw_result(_gdcert.kernel_general(_text(act), _text(q1), _text(q2), _text(c), bool(derivative), _prec(prec),
                                              0 if digits is None else int(digits)))


class DeepKernel:
    """What :func:`kernel_deep` computes: ``entries`` (tuples (layer h, i, j, nngp Result, ntk Result or None) for
    every layer h = 1..L+1 and i <= j), ``nngp`` / ``ntk`` (the readout layer's Gram matrices as lists of Results, data
    form only), ``fixed_point`` (a dict: variance, m, chi1, q_star, rho_star, linear, q_used, iterates) or None,
    ``activation``, ``depth``, ``prec``, ``n``, ``d``, ``notes``, ``parameters``."""

    __slots__ = ("parameters", "activation", "depth", "prec", "n", "d", "entries", "nngp", "ntk", "fixed_point", "notes")

    def __init__(self, d: dict):
        for k in ("parameters", "activation", "depth", "prec", "n", "d", "notes"):
            setattr(self, k, d[k])
        self.entries = [(h, i, j, _raw_result(s), _raw_result(t)) for (h, i, j, s, t) in d["entries"]]
        self.nngp = None if d["nngp"] is None else [[_raw_result(x) for x in r] for r in d["nngp"]]
        self.ntk = None if d["ntk"] is None else [[_raw_result(x) for x in r] for r in d["ntk"]]
        fp = d["fixed_point"]
        if fp is not None:
            fp = dict(fp)
            for k in ("m", "chi1", "q_star", "rho_star"):
                fp[k] = _raw_result(fp[k])
            fp["iterates"] = [_raw_result(x) for x in fp["iterates"]]
        self.fixed_point = fp

    def __repr__(self):
        return "DeepKernel(%s, L=%d, %d entries)" % (self.activation, self.depth, len(self.entries))


def kernel_deep(act: str, depth: int = 1, weight_var=2, bias_var=0, data: Optional[str] = None, q1=None, q2=None,
                c=None, seed: int = 0, ntk: bool = True, fixed_point: bool = False, rho0=0, iterates: int = 0,
                prec: int = 128) -> DeepKernel:
    """The NNGP and NTK of an L-hidden-layer fully connected network in the NTK parameterization (neural-tangents'
    stax.Dense(W_std, b_std, parameterization='ntk'): Sigma^1 = sigma_w^2 <x,y>/d + sigma_b^2) as certified balls —
    ``gdcert deep-kernel ACT``. ``weight_var`` / ``bias_var``: one value or a list of L + 1; either ``data`` (a data
    spec of gdcert width) or one pair by ``q1``, ``q2``, ``c`` (its first-layer covariance); ``fixed_point``: the
    infinite-depth fixed point (relu, leaky, abrelu, abs) with ``iterates`` certified correlation-map steps from
    ``rho0``.

    >>> k = gdcert.kernel_deep("relu", depth=1, weight_var=[4, 1], data="24cell:reps")
    >>> k.ntk[0][1].formula
    'kernel.deep.ntk'
    """
    wv = [_text(x) for x in (weight_var if isinstance(weight_var, (list, tuple)) else [weight_var])]
    bv = [_text(x) for x in (bias_var if isinstance(bias_var, (list, tuple)) else [bias_var])]
    d = _gdcert.kernel_deep(_text(act), int(depth), wv, bv, data or "", "" if q1 is None else _text(q1),
                            "" if q2 is None else _text(q2), "" if c is None else _text(c), int(seed), bool(ntk),
                            bool(fixed_point), _text(rho0), int(iterates), _prec(prec))
    return DeepKernel(d)
