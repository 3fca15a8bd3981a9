"""gdcert: exact and certified quantities of gradient-descent learnability, from Python.

The same library as the ``gdcert`` command (C++, FLINT rationals and Arb balls), called directly: values come back
as :class:`fractions.Fraction` (exact), :class:`gdcert.Ball` (certified balls with exact endpoints) or
:class:`gdcert.Estimate` (simulator floats), each inside a :class:`gdcert.Result` that names the formula which
produced it (``.formula``, ``.tag``, ``.source``). Computations release the GIL.

Example (a notebook cell)::

    >>> import gdcert
    >>> s = gdcert.walsh("majority:n=3")
    >>> s.level_weights
    [Fraction(0, 1), Fraction(3, 4), Fraction(0, 1), Fraction(1, 4)]
    >>> s.coefficients, s.denominator          # fhat(S) = coefficients[mask] / denominator, a numpy view
    (array([ 0,  4,  4,  0,  4,  0,  0, -4], dtype=int32), 8)
    >>> r = gdcert.inal("majority:n=7", act="sign", init="rademacher")
    >>> r.value, r.formula, r.tag
    (Fraction(79, 1024), 'inal.definition', 'reconstructed')
    >>> gdcert.inal("majority:n=7", act="sign", init="gaussian").value     # a certified ball
    [0.0710942997296775734366666863147871599221710252358559355545014 +/- 2.12e-62]
    >>> gdcert.quantity("binomial", n=10, k=3).value
    Fraction(120, 1)

Entry points, one per verb of the command line: :func:`walsh`, :func:`walsh_coefficient`, :func:`inal`,
:func:`inal_profile`, :func:`class_cp`, :func:`cp`, :func:`cp_sphere`, :func:`msp`, :func:`kernel`, :func:`bound`,
:func:`bounds`, :func:`radial`, :func:`radial_table`, :func:`simulate_noisy_gd`, :func:`simulate_depth_separation`;
and :func:`quantity` for every named quantity of ``gdcert check`` (the list is :func:`quantities`). :func:`formulas`
is the formula registry. Every result has its resolved ``parameters``.
"""

from fractions import Fraction
from typing import Dict, List, NamedTuple, Optional

from ._errors import (
    DomainError,
    Error,
    InputError,
    IntegerOverflowError,
    PrecisionError,
    ResourceError,
    UsageError,
)
from ._types import Ball, Estimate, Formula, Result, formula, _Provenanced, _registry
from ._args import _prec, _text  # a parameter as the text the library reads (shared with the verbs' modules)
from . import _gdcert
from ._orbit import Msp, OrbitCertificate, OrbitStats, SkippedStatistic, SphereStats, cp, cp_sphere, msp
from ._kernel import Kernel, KernelEntry, KernelSeries, kernel, kernel_activations
from ._kernel import DeepKernel, kernel_deep, kernel_general
from ._bound import (
    Bound,
    BoundInfo,
    BoundParam,
    BoundPoint,
    BoundTable,
    RadialConstants,
    RadialRow,
    RadialTable,
    RadialTail,
    bound,
    bounds,
    radial,
    radial_table,
)
from ._width import WidthLambda, WidthMargin, width_formula, width_formula_ids, width_invert, width_lambda, width_margin
from ._simulate import (
    DepthSeparationRow,
    DepthSeparationRun,
    DepthSeparationSeries,
    InalMcLayer,
    InalMonteCarlo,
    NoisyGdRun,
    OrbitBound,
    Trajectory,
    simulate_depth_separation,
    simulate_noisy_gd,
)
from ._boolean import (  # Boolean-function criteria, algebraic immunity, p-biased analysis, S-boxes
    BooleanCriteria, PBiased, SBoxProperties, algebraic_immunity, boolean_criteria, pbiased, pbiased_stability,
    sbox_ddt, sbox_lat, sbox_properties,
)
from ._landscape import (  # paper 004: gdcert landscape / gdcert simulate landscape
    LandscapeAssumption, LandscapeCertificate, LandscapeFigure, LandscapeRandomLabels, landscape_assumption,
    landscape_certify, landscape_certify_generated, landscape_generate, landscape_rank, landscape_theorem22,
    landscape_theorem25, simulate_landscape,
)

__all__ = [
    "Ball", "Estimate", "Formula", "Result", "Quantity", "QuantityInfo", "Spectrum", "InalResult", "InalProfile",
    "KExpressive", "ClassCp", "Error", "UsageError", "InputError", "DomainError", "PrecisionError",
    "IntegerOverflowError", "ResourceError", "quantity", "quantities", "formulas", "formula", "walsh",
    "walsh_coefficient", "inal", "inal_profile", "class_cp", "versions", "__version__",
    "MIN_PREC", "MAX_PREC", "DEFAULT_PREC",
    # cp, msp, kernel, bound, radial, simulate
    "OrbitStats", "OrbitCertificate", "SkippedStatistic", "SphereStats", "Msp", "cp", "cp_sphere", "msp",
    "Kernel", "KernelEntry", "KernelSeries", "kernel", "kernel_activations",
    "DeepKernel", "kernel_deep", "kernel_general",
    "Bound", "BoundInfo", "BoundParam", "BoundPoint", "BoundTable", "bound", "bounds",
    "RadialConstants", "RadialRow", "RadialTable", "RadialTail", "radial", "radial_table",
    "NoisyGdRun", "Trajectory", "InalMonteCarlo", "InalMcLayer", "OrbitBound", "simulate_noisy_gd",
    "DepthSeparationRun", "DepthSeparationRow", "DepthSeparationSeries", "simulate_depth_separation",
    # landscape (paper 004)
    "LandscapeAssumption", "LandscapeCertificate", "LandscapeFigure", "LandscapeRandomLabels", "landscape_assumption",
    "landscape_certify", "landscape_certify_generated", "landscape_generate", "landscape_rank", "landscape_theorem22",
    "landscape_theorem25", "simulate_landscape",
    # Boolean-function criteria and S-boxes
    "BooleanCriteria", "PBiased", "SBoxProperties", "algebraic_immunity", "boolean_criteria", "pbiased",
    "pbiased_stability", "sbox_ddt", "sbox_lat", "sbox_properties",
    # width (paper 003)
    "WidthLambda", "WidthMargin", "width_lambda", "width_margin", "width_formula", "width_formula_ids", "width_invert",
]

__version__ = _gdcert.version()
MIN_PREC = _gdcert.MIN_PREC          #: least working precision of balls, in bits
MAX_PREC = _gdcert.MAX_PREC          #: largest working precision (65536 bits)
DEFAULT_PREC = _gdcert.DEFAULT_PREC  #: the default (128 bits)


def versions() -> Dict[str, str]:
    """gdcert's version and revision and the versions of GMP, MPFR, FLINT, Arb and Boost it was built with."""
    return _gdcert.versions()


# ---------------------------------------------------------------------------------------------------------------------
# registries


class QuantityInfo(NamedTuple):
    """A named quantity: its ``params`` ("spec, S"; "[key = value]" marks a default), ``formula`` id and ``help``."""

    name: str
    params: str
    formula: str
    help: str


def quantities() -> List[QuantityInfo]:
    """Every quantity :func:`quantity` (and ``gdcert check``) evaluates.

    >>> [q.name for q in gdcert.quantities()][:3]
    ['walsh.coefficient', 'walsh.coefficient_fwht', 'walsh.coefficients']
    """
    return [QuantityInfo(*q) for q in _gdcert.quantities()]


def formulas() -> List[Formula]:
    """The formula registry: every definition, identity and bound gdcert implements (id, statement, source, tag,
    proof), in module order.

    >>> f = gdcert.formula("walsh.noise_stability"); f.tag, f.proof
    ('derived', 'proofs/walsh.md#noise-stability')
    """
    return list(_registry().values())


# ---------------------------------------------------------------------------------------------------------------------
# quantities


class Quantity(_Provenanced):
    """A named quantity evaluated: ``name``, the resolved ``parameters`` (defaults filled in), its ``results`` (each a
    :class:`Result`), the bare ``values``, and for a scalar ``value``. ``formula``, ``tag`` and ``source`` are those
    of the quantity's formula.

    >>> q = gdcert.quantity("walsh.level_weights", spec="majority:n=3")
    >>> q.values, q.formula
    ([Fraction(0, 1), Fraction(3, 4), Fraction(0, 1), Fraction(1, 4)], 'walsh.level_weight')
    """

    __slots__ = ("name", "parameters", "results")

    def __init__(self, name: str, parameters: Dict[str, str], results: List[Result]):
        self.name = name
        self.parameters = parameters
        self.results = results

    @property
    def values(self) -> list:
        return [r.value for r in self.results]

    @property
    def value(self):
        """The value of a scalar quantity (ValueError when the quantity is a list)."""
        if len(self.results) != 1:
            raise ValueError("Quantity.value: %s has %d values; use .values" % (self.name, len(self.results)))
        return self.results[0].value

    @property
    def formula(self) -> str:
        return self.results[0].formula if self.results else ""

    def __len__(self):
        return len(self.results)

    def __iter__(self):
        """Over the results (``.values`` holds the bare values)."""
        return iter(self.results)

    def __getitem__(self, i):
        return self.results[i]

    def __repr__(self):
        vals = self.values
        shown = ", ".join(str(v) for v in vals[:8]) + (", ..." if len(vals) > 8 else "")
        return "Quantity(%s, [%s], formula=%r)" % (self.name, shown, self.formula)


def quantity(name: str, params: Optional[dict] = None, **kwargs) -> Quantity:
    """Evaluates the named quantity (the same registry as ``gdcert check``; list: :func:`quantities`).

    Parameters are keyword arguments (or a dict, for names that are Python keywords: ``{"class": ...}``; a trailing
    underscore is dropped too: ``class_=``). Values may be ints, Fractions, strings ("1/3", "majority:n=5"), floats
    (by their shortest decimal repr: 0.1 means 1/10) or lists (comma-joined).

    >>> gdcert.quantity("binomial", n=10, k=3).value
    Fraction(120, 1)
    >>> gdcert.quantity("kernel.second_moment", act="relu", rho="1/2", prec=200).value
    [0.304498890522114679044498291244909027016013286758326829866508 +/- 3.38e-61]
    >>> q = gdcert.quantity("bound", bound="noisy_gd.orbit", output="advantage bound (P(success) - 1/2)",
    ...                     T=100, P=1000, sigma=1000, gamma="1/10", n=20, k=2)
    >>> q.value, q.formula, q.tag
    ([0.08517489360780039577246944694912135504 +/- 6.41e-39], 'noisy_gd.orbit', 'reconstructed')

    Raises :class:`InputError` for an unknown quantity or a missing parameter, and the errors of the computation.
    """
    p = {}
    for k, v in list((params or {}).items()) + list(kwargs.items()):
        key = k[:-1] if k.endswith("_") and not k.startswith("_") else k
        p[key] = _text(v)
    qname, parameters, results = _gdcert.evaluate(name, p)
    if name == "bound":  # the generic "bound" quantity: its outputs come from the bound the parameters name
        bid = p.get("bound", "")
        if bid in _registry():
            results = [Result(r.value, r.formula or bid) for r in results]
    return Quantity(qname, parameters, results)


# ---------------------------------------------------------------------------------------------------------------------
# Walsh


class Spectrum:
    """The exact Fourier–Walsh spectrum of a function on {±1}^n (O'Donnell's convention, f = sum_S fhat(S) chi_S).

    ``coefficients`` is a read-only numpy integer array of length 2^n **viewing the C++ buffer without a copy**:
    fhat(S) = ``coefficients[mask] / denominator`` (bit j-1 of the mask is coordinate j; the denominator is 2^n for
    a ±1 function). Exact data: ``level_weights`` and ``influences`` (lists of Fraction), ``total_influence``,
    ``mean`` (E f), ``mean_square`` (E f^2), ``degree`` (int), ``support_size``, and the methods
    :meth:`noise_stability` and :meth:`coefficient`. ``formula(name)`` gives the registry entry behind each
    attribute and ``result(name, ...)`` the same data as :class:`Result` s.

    >>> s = gdcert.walsh("threshold:n=5:w=3,2,2,1,1:t=1")
    >>> s.degree, s.noise_stability("1/3"), s.coefficient([1]), s.coefficient({1, 2, 3})
    (5, Fraction(119, 486), Fraction(5, 8), Fraction(-3, 8))
    >>> import numpy as np
    >>> np.shares_memory(s.coefficients, s.coefficients)
    True
    """

    __slots__ = ("_core", "_level_weights", "_influences")

    def __init__(self, core):
        self._core = core
        self._level_weights = None
        self._influences = None

    # -- identity
    @property
    def spec(self) -> str:
        """The canonical spec (every default filled in)."""
        return self._core.canonical

    @property
    def n(self) -> int:
        return self._core.n

    @property
    def parameters(self) -> Dict[str, str]:
        """The resolved parameters: spec (canonical) and n."""
        return self._core.parameters

    @property
    def is_boolean(self) -> bool:
        """True for a ±1-valued function (denominator 2^n), False for a rational-valued one."""
        return self._core.is_boolean

    @property
    def transform_bits(self) -> int:
        """The integer width of the transform: 32, 64, or 0 for big integers (then ``coefficients`` is a copied
        numpy object array of Python ints)."""
        return self._core.transform_bits

    # -- data
    @property
    def coefficients(self):
        """The integer numerators c_S, mask order: a read-only numpy int32/int64 view of the C++ array (no copy;
        the array keeps the spectrum alive). fhat(S) = c_S / denominator."""
        return self._core.numerators

    @property
    def denominator(self) -> int:
        return self._core.denominator

    @property
    def level_weights(self) -> List[Fraction]:
        """W_0 .. W_n, W_k = sum_{|S|=k} fhat(S)^2 (walsh.level_weight)."""
        if self._level_weights is None:
            self._level_weights = [r.value for r in self._core.level_weights()]
        return list(self._level_weights)

    @property
    def influences(self) -> List[Fraction]:
        """Inf_1 .. Inf_n (walsh.influence)."""
        if self._influences is None:
            self._influences = [r.value for r in self._core.influences()]
        return list(self._influences)

    @property
    def total_influence(self) -> Fraction:
        """I(f) = sum_k k W_k (walsh.total_influence)."""
        return self._core.total_influence().value

    @property
    def mean(self) -> Fraction:
        """E[f] = fhat({})."""
        return self._core.mean().value

    @property
    def mean_square(self) -> Fraction:
        """E[f^2] = sum_k W_k (Parseval)."""
        return self._core.mean_square().value

    @property
    def degree(self) -> int:
        """max |S| with fhat(S) != 0; -1 for the zero function (walsh.degree)."""
        return int(self._core.degree().value)

    @property
    def support_size(self) -> int:
        """The number of nonzero coefficients."""
        return self._core.support_size()

    def noise_stability(self, rho) -> Fraction:
        """Stab_rho(f) = sum_k rho^k W_k for an exact rho in [-1, 1] (int, Fraction, "1/3"; a float by its repr).
        Raises DomainError outside [-1, 1]."""
        return self._core.noise_stability(_text(rho) if isinstance(rho, float) else rho).value

    def _mask(self, S) -> int:
        if isinstance(S, str):
            return _gdcert.parse_subset(S, self.n)
        return _gdcert.parse_subset(",".join(str(int(j)) for j in S), self.n)

    def coefficient(self, S) -> Fraction:
        """fhat(S) for S an iterable of coordinates in 1..n (``[1, 3]``, ``{1, 3}``, ``()`` for the empty set) or a
        string "1,3"; read from the transform. For a mask m use ``coefficients[m] / denominator``."""
        return self._core.coefficient(self._mask(S)).value

    def result(self, name: str, *args):
        """The attribute ``name`` as :class:`Result` s (a list for level_weights and influences), with provenance:
        ``s.result("noise_stability", "1/2").formula == "walsh.noise_stability"``."""
        c = self._core
        if name == "coefficient":
            return c.coefficient(self._mask(args[0]))
        if name in ("level_weights", "influences", "total_influence", "mean", "mean_square", "degree"):
            return getattr(c, name)()
        if name == "noise_stability":
            rho = args[0] if args else 0
            return c.noise_stability(_text(rho) if isinstance(rho, float) else rho)
        if name == "coefficients":
            return c.coefficient(0)
        raise AttributeError("Spectrum.result: no result named %r" % name)

    def formula(self, name: str) -> Optional[Formula]:
        """The registry entry behind an attribute, e.g. ``formula("level_weights").id == "walsh.level_weight"``."""
        r = self.result(name, *(([()]) if name == "coefficient" else []))
        return (r[0] if isinstance(r, list) and r else r).provenance if r else None

    def __repr__(self):
        return "Spectrum(%s, n=%d, degree=%d)" % (self.spec, self.n, self.degree)


def walsh(spec: str, seed: int = 0, threads: int = 0) -> Spectrum:
    """The exact spectrum of the function a spec denotes (the grammar of ``gdcert walsh``: ``majority:n=9``,
    ``parity:n=8:S=1,2``, ``random:n=24``, ``anf:n=4:x1*x2 + x3*x4``, ``table:0110``, ...), by one integer fast
    Walsh–Hadamard transform on ``threads`` threads (0: all cores; the result never depends on it). ``seed`` draws
    ``random:`` specs that do not name theirs.

    >>> gdcert.walsh("majority:n=3").level_weights
    [Fraction(0, 1), Fraction(3, 4), Fraction(0, 1), Fraction(1, 4)]

    Raises :class:`InputError` for a malformed spec and :class:`ResourceError` when 2^n coefficients do not fit.
    """
    return Spectrum(_gdcert.walsh_spectrum(spec, int(seed), int(threads)))


def walsh_coefficient(spec: str, S, seed: int = 0) -> Result:
    """fhat(S) of one set without a full transform (one pass over the table; ``gdcert walsh --coeff``), as a
    :class:`Result` (formula walsh.coefficient). S: coordinates in 1..n, or a string "1,2,3".

    >>> gdcert.walsh_coefficient("majority:n=21", [1, 2, 3]).value
    Fraction(-2431, 262144)
    """
    text = S if isinstance(S, str) else ",".join(str(int(j)) for j in S)
    _, coeffs = _gdcert.walsh_coefficients(spec, int(seed), [text])
    return coeffs[0][1]


# ---------------------------------------------------------------------------------------------------------------------
# INAL and CP


class InalResult(Result):
    """INAL(f, NN) = max_v E_Theta[<f, NN^(v)>^2] of a target with a network at initialisation, as a :class:`Result`
    (``value``: a Fraction on the exact routes, a Ball on the Gaussian one; ``formula``, ``tag``, ``source``).

    With ``max="inside"`` the value is E max_v <f, NN^(v)>^2 and ``max_outside`` keeps the other. Also:
    ``parameters`` (resolved), ``spec`` (canonical), ``route`` ("diagonal-exact", "diagonal-gaussian",
    "enumeration"), ``second_moment`` (E||NN||^2, diagonal routes), ``normalised``, ``level_weights``, ``m``, ``e``
    (k = 0..n, diagonal routes), ``best_layer``, ``configurations``, ``layer_activations``, ``layer_mean_square``,
    ``layer_mean_norm`` (enumeration). Optional entries are None or empty lists when the route does not produce them.
    """

    __slots__ = ("parameters", "spec", "route", "max_outside", "max_inside", "second_moment", "normalised",
                 "level_weights", "m", "e", "best_layer", "configurations", "layer_activations",
                 "layer_mean_square", "layer_mean_norm")

    def __init__(self, d: dict, inside: bool):
        chosen = d["max_inside"] if inside else d["inal"]
        super().__init__(chosen.value, chosen.formula)
        self.parameters = d["parameters"]
        self.spec = d["canonical"] or None
        self.route = d["route"]
        self.max_outside = d["inal"]
        self.max_inside = d["max_inside"]
        self.second_moment = d["second_moment"]
        self.normalised = d["normalised"]
        self.level_weights = d["level_weights"]
        self.m = d["m"]
        self.e = d["e"]
        self.best_layer = d["best_layer"]
        self.configurations = d["configurations"]
        self.layer_activations = d["layer_activations"]
        self.layer_mean_square = d["layer_mean_square"]
        self.layer_mean_norm = d["layer_mean_norm"]

    def __repr__(self):
        return "InalResult(%s, route=%r, formula=%r)" % (self.value, self.route, self.formula)


def inal(spec: Optional[str] = None, *, level_weights=None, act: str = "relu", init: str = "gaussian",
         bias: str = "none", net=None, route: str = "auto", max: str = "outside", normalised: bool = False,
         sign0: int = 1, prec: int = 128, seed: int = 0) -> InalResult:
    """INAL of a target (a spec, or its ``level_weights`` W_0..W_n for a first-layer neuron) with the network
    ``net`` (hidden widths, e.g. ``[2, 1]``; default one first-layer neuron) at initialisation — ``gdcert inal``.

    ``act``: relu, sign (exact routes), or any dual kernel (Gaussian route: erf, step, arccos:p, ...), one per layer
    comma-separated; ``init``: ``gaussian[:s2=Q]``, ``rademacher[:s2=Q]``, ``finite:v@p,...[;s2=Q]``; ``bias``:
    ``none``, ``gaussian:beta2=Q``, ``const:v``, ``rademacher:v``, ``finite:v@p,...``; ``route``: auto, diagonal,
    enumerate; ``max``: outside (max_v E) or inside (E max_v); ``sign0``: sign(0) in {1, 0, -1}; ``prec``: bits of
    the balls (Gaussian route).

    >>> gdcert.inal("staircase:n=4", act="relu", init="rademacher").value     # exact route
    Fraction(3, 32)
    >>> gdcert.inal("staircase:n=4", act="relu", init="gaussian").value       # Gaussian route, a Ball
    [0.075039290511916494419971795220674077000608268055950697253663 +/- 5.94e-61]
    """
    lw = "" if level_weights is None else _text(level_weights)
    d = _gdcert.inal(spec or "", lw, _text(act), init, bias, "" if net is None else _text(net), route, max,
                     bool(normalised), _text(sign0), _prec(prec), int(seed))
    return InalResult(d, max == "inside")


class KExpressive(NamedTuple):
    """The certified verdict on min_{1<=k<=K} e_k >= n^-c (inal.k_expressive): ``verdict`` is "yes", "no" or
    "undecided" (at this precision; never a midpoint guess); ``witness`` the deciding (or least) k."""

    K: int
    c: Fraction
    witness: int
    witness_e: Result
    threshold: Result
    verdict: str


class InalProfile:
    """The expressivity profile of a first-layer neuron: ``m`` (Walsh eigenvalues m_k), ``e`` (e_k = C(n,k) m_k),
    k = 0..n, as lists of :class:`Result`; ``structural_zero`` (exact zeros by parity), ``second_moment``,
    ``route``, ``parameters``, and with K > 0 ``k_expressive`` (:class:`KExpressive`)."""

    __slots__ = ("parameters", "n", "route", "m", "e", "structural_zero", "second_moment", "k_expressive")

    def __init__(self, d: dict):
        self.parameters = d["parameters"]
        self.n = d["n"]
        self.route = d["route"]
        self.m = d["m"]
        self.e = d["e"]
        self.structural_zero = d["structural_zero"]
        self.second_moment = d["second_moment"]
        k = d["k_expressive"]
        self.k_expressive = KExpressive(k["K"], k["c"], k["witness"], k["witness_e"], k["threshold"], k["verdict"]) if k else None

    def __repr__(self):
        return "InalProfile(n=%d, route=%r)" % (self.n, self.route)


def inal_profile(n: int, act: str = "relu", init: str = "gaussian", bias: str = "none", K: int = 0, c=2,
                 sign0: int = 1, prec: int = 128) -> InalProfile:
    """The expressivity profile m_k, e_k of a first-layer neuron on {±1}^n (``gdcert inal --profile``); with K > 0
    also the certified K-expressive verdict min_{1<=k<=K} e_k >= n^-c.

    >>> p = gdcert.inal_profile(10, act="relu", init="gaussian", K=2, c=2)
    >>> p.e[1].value, p.k_expressive.verdict
    ([0.25000000000000000000000000000000000000000000000000000000000000 +/- 1.03e-63], 'yes')
    """
    return InalProfile(_gdcert.inal_profile(int(n), _text(act), init, bias, int(K), _text(c), _text(sign0), _prec(prec)))


class ClassCp(Result):
    """The cross-predictability of a class of functions as a :class:`Result` (``value`` exact), with ``description``,
    ``parameters``, and for degree-k parities ``class_size`` C(n, k) and ``budget_factor`` CP^(-1/4) (a Ball)."""

    __slots__ = ("parameters", "description", "class_size", "budget_factor")

    def __init__(self, d: dict):
        super().__init__(d["cp"].value, d["cp"].formula)
        self.parameters = d["parameters"]
        self.description = d["description"]
        self.class_size = d["class_size"]
        self.budget_factor = d["budget_factor"]

    def __repr__(self):
        return "ClassCp(%s, %s, formula=%r)" % (self.value, self.description, self.formula)


def class_cp(klass: str, prec: int = 128, seed: int = 0) -> ClassCp:
    """CP of a class (``gdcert cp --class``): ``parities:n=N`` (all 2^n parities), ``parities:n=N:k=K`` (degree k),
    ``random:n=N`` (uniformly random functions) or ``list:SPEC;SPEC;...``.

    >>> gdcert.class_cp("parities:n=10:k=2").value
    Fraction(1, 45)
    """
    return ClassCp(_gdcert.class_cp(klass, int(seed), _prec(prec)))
