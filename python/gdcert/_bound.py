"""The registered bounds (``gdcert bound``: :func:`bound`, :func:`bounds`) and the radial law's constants
(``gdcert radial``: :func:`radial`, :func:`radial_table`). Re-exported by :mod:`gdcert`."""

from fractions import Fraction
from typing import Dict, List, NamedTuple, Optional

from ._args import _prec, _text, _texts
from ._types import Formula, Result, _Provenanced, _registry
from . import _gdcert

__all__ = ["BoundParam", "BoundInfo", "Bound", "BoundPoint", "BoundTable", "bound", "bounds", "RadialTail",
           "RadialConstants", "RadialRow", "RadialTable", "radial", "radial_table"]


# ---------------------------------------------------------------------------------------------------------------------
# bounds


class BoundParam(NamedTuple):
    """One parameter of a bound: ``name``, ``meaning``, ``default`` (None when it is required) and ``vector`` (a comma
    list is one value, e.g. a point ``x`` or a level set ``levels``, never a grid axis)."""

    name: str
    meaning: str
    default: Optional[str]
    vector: bool = False


class BoundInfo(NamedTuple):
    """One registered bound: ``id`` (its formula id), ``tag``, ``source``, ``summary`` and ``params``
    (:class:`BoundParam` s)."""

    id: str
    tag: str
    source: str
    summary: str
    params: List[BoundParam]

    @property
    def formula(self) -> Optional[Formula]:
        """The registry entry (statement, proof, ...)."""
        return _registry().get(self.id)


_BOUNDS = None


def bounds() -> List[BoundInfo]:
    """Every registered bound (``gdcert bound --list``), module by module.

    >>> [b.id for b in gdcert.bounds()][:2]
    ['noisy_gd.abbe_sandon', 'noisy_gd.orbit']
    >>> [(p.name, p.default) for p in gdcert.bounds()[1].params][:3]
    [('gamma', '1'), ('T', None), ('P', None)]
    """
    global _BOUNDS
    if _BOUNDS is None:
        _BOUNDS = [BoundInfo(i, tag, src, summary, [BoundParam(n, m, dv or None, vec) for n, m, dv, vec in ps])
                   for i, tag, src, summary, ps in _gdcert.bound_list()]
    return list(_BOUNDS)


def _info(id: str) -> Optional[BoundInfo]:
    for b in bounds():
        if b.id == id:
            return b
    return None


class _BoundProvenance(_Provenanced):
    __slots__ = ()

    @property
    def formula(self) -> str:
        """The bound's formula id (every output's formula)."""
        return self.id


class Bound(_BoundProvenance):
    """A bound evaluated at one point: ``outputs`` maps each output name ("advantage bound (P(success) - 1/2)",
    "least T that can reach advantage eps", ...) to its :class:`Result` (in display order; ``b[name]`` is the same), ``values``
    the bare values; ``value`` is the only output's value (ValueError when there are several). An output with no
    value at this point (e.g. "largest sigma that can reach advantage eps" when every sigma allows it) maps to None and
    ``absent`` says why. ``status`` maps each output that bounds a bounded quantity (an advantage, a correlation) to
    "VACUOUS" (at or above the value it has without any theorem: it says nothing), "bites" or "undecided". ``id``,
    ``formula``, ``tag``, ``source``, ``summary``; ``parameters``: id, prec and every parameter of the bound
    (defaults filled in)."""

    __slots__ = ("id", "summary", "prec", "parameters", "outputs", "absent", "status")

    def __init__(self, id: str, summary: str, prec: int, parameters: Dict[str, str],
                 outputs: Dict[str, Optional[Result]], absent: Optional[Dict[str, str]] = None,
                 status: Optional[Dict[str, str]] = None):
        self.id = id
        self.summary = summary
        self.prec = prec
        self.parameters = parameters
        self.outputs = outputs
        self.absent = absent or {}
        self.status = status or {}

    def __getitem__(self, name: str) -> Result:
        return self.outputs[name]

    def __iter__(self):
        return iter(self.outputs)

    def __len__(self):
        return len(self.outputs)

    @property
    def values(self) -> list:
        return [r.value if r is not None else None for r in self.outputs.values()]

    @property
    def value(self):
        if len(self.outputs) != 1:
            raise ValueError("Bound.value: %s has %d outputs (%s); use b[name]" % (self.id, len(self.outputs),
                                                                                  ", ".join(self.outputs)))
        return next(iter(self.outputs.values())).value

    def __repr__(self):
        return "Bound(%s, {%s})" % (self.id, ", ".join("%r: %s" % (k, r.value if r is not None else self.absent.get(k))
                                                       for k, r in self.outputs.items()))


class BoundPoint(NamedTuple):
    """One point of a :class:`BoundTable`: ``at`` (each axis' value, as given), ``values`` (output name ->
    :class:`Result`, or None where the output has no value at this point), ``absent`` (output name -> why) and
    ``status`` (output name -> "VACUOUS" / "bites" / "undecided", for outputs bounding a bounded quantity)."""

    at: Dict[str, str]
    values: Dict[str, Optional[Result]]
    absent: Dict[str, str]
    status: Dict[str, str] = {}


class BoundTable(_BoundProvenance):
    """A bound tabulated over the product of its list-valued parameters (the last axis varies fastest): ``axes``
    (their names, in the order given), ``outputs`` (output names), ``points`` (:class:`BoundPoint` s), ``fixed``
    (the single-valued parameters as given); :meth:`column` gives one output along the grid. ``parameters``: id,
    prec and the fixed parameters."""

    __slots__ = ("id", "summary", "prec", "parameters", "fixed", "axes", "outputs", "points")

    def __init__(self, d: dict):
        self.id = d["id"]
        self.summary = d["summary"]
        self.prec = d["prec"]
        self.parameters = d["parameters"]
        self.fixed = d["fixed"]
        self.axes = list(d["axes"])
        self.outputs = list(d["outputs"])
        self.points = [BoundPoint(dict(zip(self.axes, at)), dict(zip(self.outputs, values)),
                                  {o: w for o, w in zip(self.outputs, why) if w},
                                  {o: st for o, st in zip(self.outputs, status) if st})
                       for at, values, why, status in d["points"]]

    def column(self, output: str) -> list:
        """The values of one output at every point, in the table's order (None where it has no value)."""
        return [p.values[output].value if p.values[output] is not None else None for p in self.points]

    def __len__(self):
        return len(self.points)

    def __iter__(self):
        return iter(self.points)

    def __repr__(self):
        return "BoundTable(%s, axes=%s, %d points)" % (self.id, self.axes, len(self.points))


def bound(id: str, prec: int = 128, **params):
    """Evaluates the registered bound ``id`` (list: :func:`bounds`) — ``gdcert bound ID -p k=v ...``.

    Parameters are keyword arguments (a trailing underscore is dropped: ``lambda_=``); values may be ints,
    Fractions, strings, floats (by their repr) or lists. A list (or a string with a comma), except for a vector parameter
    (``levels``, a point ``x``),
    is an axis: the bound is tabulated over the product of the axes and a :class:`BoundTable` returned; otherwise
    one point, a :class:`Bound`. ``prec``: bits of the balls.

    >>> b = gdcert.bound("noisy_gd.orbit", T=100, P=1000, sigma=1, gamma="1/10", n=20, k=2)
    >>> b["CP"].value, b["advantage bound (P(success) - 1/2)"].value, b.tag   # vacuous here: capped at 1/2
    (Fraction(1, 190), Fraction(1, 2), 'reconstructed')
    >>> b.parameters["eps"], b.parameters["A"]          # defaults filled in
    ('1/10', '1')
    >>> t = gdcert.bound("noisy_gd.orbit", T=100, P=1000, sigma=1, n=[8, 16], k=[1, 2])
    >>> t.axes, [p.at for p in t][:2], t.column("CP")
    (['n', 'k'], [{'n': '8', 'k': '1'}, {'n': '8', 'k': '2'}], [Fraction(1, 8), Fraction(1, 28), Fraction(1, 16), Fraction(1, 120)])

    Raises :class:`InputError` (unknown bound or parameter, a missing parameter, a malformed value),
    :class:`DomainError` (a value outside the bound's domain), :class:`ResourceError` (more than 100000 points).
    """
    args = {}
    for k, v in params.items():
        key = k[:-1] if k.endswith("_") and not k.startswith("_") else k
        args[key] = _text(v)
    p = _prec(prec)
    info = _info(id)
    vectors = {q.name for q in info.params if q.vector} if info else {"levels"}
    if any("," in v and not v.startswith("net:") for k, v in args.items() if k not in vectors):
        return BoundTable(_gdcert.bound_table(id, ["%s=%s" % kv for kv in args.items()], p))
    outputs = _gdcert.evaluate_bound(id, args, p)
    resolved = {"id": id, "prec": str(p)}
    if info:
        resolved.update({q.name: q.default for q in info.params if q.default is not None})
    resolved.update(args)
    return Bound(id, info.summary if info else "", p, resolved, {name: r for name, r, _, _ in outputs},
                 {name: why for name, _, why, _ in outputs if why}, {name: st for name, _, _, st in outputs if st})


# ---------------------------------------------------------------------------------------------------------------------
# radial


class RadialTail(NamedTuple):
    """P(|x| > rho) of the radial law by certified ``quadrature`` (radial.tail) and by the telescoping
    ``closed_form`` (radial.tail_closed_form), two independent routes (:class:`Result` s)."""

    rho: Fraction
    quadrature: Result
    closed_form: Result


class RadialConstants:
    """The certified constants of the Eldan–Shamir radial law on R^d (:class:`Result` s, balls at ``prec`` bits
    unless exact): ``R_d`` (radial.unit_ball_radius), ``sphere_area`` S_{d-1}, ``phi`` (phi(rho),
    radial.fourier_ball), ``C_d`` and ``C_d_sphere`` (radial.tail_constant by two routes), ``tails``
    (:class:`RadialTail` s), ``normalisation`` (int_0^oo p, or None), the ES16 shell parameters ``alpha`` and ``N``
    (reconstructed) and ``shell_mass``; ``d``, ``rho`` (a Fraction), ``prec``, ``parameters``."""

    __slots__ = ("parameters", "d", "prec", "rho", "R_d", "sphere_area", "phi", "C_d", "C_d_sphere", "tails",
                 "normalisation", "alpha", "N", "shell_mass")

    def __init__(self, d: dict):
        for k in self.__slots__:
            if k != "tails":
                setattr(self, k, d[k])
        self.tails = [RadialTail(*t) for t in d["tails"]]

    def __repr__(self):
        return "RadialConstants(d=%d, R_d=%s)" % (self.d, self.R_d.value)


def radial(d: int, rho="37/100", tails=(50, 200), normalisation: bool = False, prec: int = 128) -> RadialConstants:
    """The certified constants of the Eldan–Shamir radial law on R^d — ``gdcert radial --d D``: phi at |xi| =
    ``rho``, the tails P(|x| > r) at the radii ``tails``, and with ``normalisation`` the certified int_0^oo p = 1.
    ``prec``: bits of the balls (at most 4096: the quadratures).

    >>> c = gdcert.radial(3)
    >>> c.R_d.value, c.alpha.value, c.N.value
    ([0.620350490899400016668006812...], Fraction(34, 1), Fraction(1785, 1))
    >>> t = c.tails[0]; t.rho, t.quadrature.value.overlaps(t.closed_form.value)
    (Fraction(50, 1), True)

    Raises :class:`InputError` (d < 1, prec), :class:`DomainError` (rho < 0, a radius <= 0), :class:`ResourceError`
    (prec beyond the quadratures' limit).
    """
    return RadialConstants(_gdcert.radial_constants(int(d), _text(rho), _texts(tails), bool(normalisation), _prec(prec)))


class RadialRow:
    """One d of :class:`RadialTable`: ``R_d``, ``C_d``, ``C_d_over_sqrt_d``, ``alpha``, ``N`` and ``tails`` (the
    closed form at each of the table's ``tail_radii``), all :class:`Result` s."""

    __slots__ = ("d", "R_d", "C_d", "C_d_over_sqrt_d", "alpha", "N", "tails")

    def __init__(self, d: dict):
        for k in self.__slots__:
            setattr(self, k, d[k])

    def __repr__(self):
        return "RadialRow(d=%d, R_d=%s)" % (self.d, self.R_d.value)


class RadialTable:
    """The radial law's closed-form constants over d = ``d_min`` .. ``d_max``: ``rows`` (:class:`RadialRow` s),
    ``tail_radii`` (Fractions), ``C_d_limit`` = sqrt(2 pi e)/(2 pi^2) = lim C_d/sqrt(d); ``rho``, ``prec``,
    ``parameters``."""

    __slots__ = ("parameters", "d_min", "d_max", "prec", "rho", "tail_radii", "rows", "C_d_limit")

    def __init__(self, d: dict):
        for k in self.__slots__:
            if k != "rows":
                setattr(self, k, d[k])
        self.rows = [RadialRow(r) for r in d["rows"]]

    def __len__(self):
        return len(self.rows)

    def __iter__(self):
        return iter(self.rows)

    def __getitem__(self, i):
        return self.rows[i]

    def row(self, d: int) -> RadialRow:
        """The row of dimension d."""
        return self.rows[d - self.d_min]

    def __repr__(self):
        return "RadialTable(d=%d..%d)" % (self.d_min, self.d_max)


def radial_table(d_min: int = 2, d_max: int = 100, prec: int = 128, rho="37/100", tails=(50, 200)) -> RadialTable:
    """The radial law's constants for d = d_min .. d_max (closed forms only) — ``gdcert radial --table``.

    >>> t = gdcert.radial_table(2, 4)
    >>> [r.d for r in t], t.row(3).N.value, t.row(3).R_d.value == gdcert.radial(3).R_d.value
    ([2, 3, 4], Fraction(1785, 1), True)

    Raises :class:`InputError` (not 1 <= d_min <= d_max <= 10000, prec), :class:`DomainError` (rho < 0, a radius <= 0).
    """
    return RadialTable(_gdcert.radial_table(int(d_min), int(d_max), _text(rho), _texts(tails), _prec(prec)))
