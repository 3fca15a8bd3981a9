"""The value types of gdcert: exact values are :class:`fractions.Fraction`; certified balls are :class:`Ball`;
simulator estimates are :class:`Estimate`; a :class:`Result` pairs one of them with the id of the formula that
produced it, whose :class:`Formula` entry (statement, source, tag, proof) is in the registry."""

import decimal
import math
import numbers
from fractions import Fraction
from typing import NamedTuple, Optional

__all__ = ["Formula", "Ball", "Estimate", "Result", "formula"]


class Formula(NamedTuple):
    """One entry of the formula registry.

    ``id`` is stable ("walsh.level_weight"); ``tag`` is ``"paper"``, ``"reconstructed"`` (a standard form whose
    constants may differ from the paper's) or ``"derived"`` (proved in ``proofs/``, anchor in ``proof``)."""

    id: str
    statement: str
    source: str
    tag: str
    proof: str


_REGISTRY = None


def _registry():
    global _REGISTRY
    if _REGISTRY is None:
        from . import _gdcert

        _REGISTRY = {f[0]: Formula(*f) for f in _gdcert.formulas()}
    return _REGISTRY


def formula(id: str) -> Optional[Formula]:
    """The registry entry with this id, or None.

    >>> gdcert.formula("walsh.level_weight").tag
    'paper'
    """
    return _registry().get(id)


def _dyadic(p):
    """(m, e) -> the Fraction m * 2**e, exactly."""
    if p is None:
        return None
    m, e = p
    return Fraction(m << e) if e >= 0 else Fraction(m, 1 << -e)


def _exact(x):
    """x as an exact Fraction (floats and Decimals exactly as stored); +-inf stays a float; TypeError otherwise."""
    if isinstance(x, Result):
        return _exact(x.value)
    if isinstance(x, bool):
        raise TypeError("Ball.contains: expected a number, got a bool")
    if isinstance(x, (int, Fraction)):
        return Fraction(x)
    if isinstance(x, float):
        if math.isnan(x):
            raise ValueError("Ball.contains: NaN is in no ball")
        return x if math.isinf(x) else Fraction(x)
    if isinstance(x, decimal.Decimal):
        if not x.is_finite():
            return _exact(float(x))
        return Fraction(x)
    if isinstance(x, numbers.Rational):
        return Fraction(x.numerator, x.denominator)
    if isinstance(x, str):
        return Fraction(x)
    raise TypeError("Ball.contains: expected an int, Fraction, float, Decimal, str or Ball, got " + type(x).__name__)


class Ball:
    """A certified real ball ``[mid +/- rad]`` from Arb: the true value lies in ``[lower, upper]``, always.

    ``mid``, ``rad``, ``lower`` and ``upper`` are exact :class:`~fractions.Fraction` s (Arb's midpoint and radius are
    dyadic numbers; the endpoints are computed from them exactly, never through doubles). ``prec`` is the working
    precision in bits, ``dump`` Arb's bit-exact serialisation (the ``"dump"`` field of ``gdcert --json``), and
    ``str(ball)`` the ``"[m +/- r]"`` text the command line prints. A ball that is not finite has ``lower = -inf`` and
    ``upper = inf`` (floats).

    >>> b = gdcert.quantity("kernel.second_moment", act="relu", rho="1/2").value
    >>> b
    [0.304498890522114679044498291244909027016013286758326829866508 +/- 3.38e-61]
    >>> b.contains(Fraction(3, 10)), b.mid in b, b.lower == b.mid - b.rad
    (False, True, True)
    >>> b.rad < Fraction(1, 10**30), b.prec
    (True, 200)
    """

    __slots__ = ("_text", "_dump", "_prec", "_raw", "_cache")

    def __init__(self, text, dump, prec, mid, rad, lower, upper):
        # Built by gdcert._gdcert; see Ball.load for a ball from a dump.
        self._text = text
        self._dump = dump
        self._prec = prec
        self._raw = (mid, rad, lower, upper)
        self._cache = None

    @classmethod
    def load(cls, dump: str, prec: int = 128) -> "Ball":
        """The ball a ``dump`` string (``gdcert --json``'s ``"dump"``) denotes, bit for bit."""
        from . import _gdcert

        return _gdcert.ball_load(dump, prec)

    def _exact(self):
        if self._cache is None:
            mid, rad, lo, hi = (_dyadic(p) for p in self._raw)
            self._cache = (
                mid if mid is not None else math.nan,
                rad if rad is not None else math.inf,
                lo if lo is not None and hi is not None else -math.inf,
                hi if lo is not None and hi is not None else math.inf,
            )
        return self._cache

    @property
    def mid(self):
        """The midpoint, an exact Fraction (NaN for a ball with a non-finite midpoint)."""
        return self._exact()[0]

    @property
    def rad(self):
        """The radius, an exact Fraction (inf for an unbounded ball)."""
        return self._exact()[1]

    @property
    def lower(self):
        """mid - rad, exactly (a Fraction; -inf when the ball is not finite)."""
        return self._exact()[2]

    @property
    def upper(self):
        """mid + rad, exactly (a Fraction; inf when the ball is not finite)."""
        return self._exact()[3]

    @property
    def prec(self) -> int:
        """The working precision in bits."""
        return self._prec

    @property
    def dump(self) -> str:
        """Arb's bit-exact serialisation (reload with :meth:`Ball.load`)."""
        return self._dump

    def is_finite(self) -> bool:
        return self._raw[2] is not None and self._raw[3] is not None

    def is_exact(self) -> bool:
        """Radius zero: the ball is the single number ``mid``."""
        return self.rad == 0

    def contains(self, x) -> bool:
        """True when x lies in the ball (every point of x, for a Ball): exact comparisons of Fractions.

        x may be an int, Fraction, float or Decimal (taken exactly as stored), a string such as "1/3", a
        :class:`Result` or another Ball. A False means the ball certainly does not contain x."""
        if isinstance(x, Result):
            x = x.value
        if isinstance(x, Ball):
            return self.lower <= x.lower and x.upper <= self.upper
        q = _exact(x)
        return self.lower <= q <= self.upper

    __contains__ = contains

    def overlaps(self, other) -> bool:
        """True when the two balls (or the ball and a number) have a point in common."""
        if not isinstance(other, Ball):
            return self.contains(other)
        return self.lower <= other.upper and other.lower <= self.upper

    def to_mpmath(self):
        """The ball as an mpmath interval ``mpmath.mpi`` with the exact endpoints (requires mpmath).

        >>> gdcert.quantity("radial.R_d", d=3).value.to_mpmath()    # printed at mpmath's precision
        mpi('0.62035049089940002', '0.62035049089940002')
        """
        try:
            import mpmath
            from mpmath.libmp import from_man_exp
        except ImportError as e:  # pragma: no cover - mpmath is optional
            raise ImportError("Ball.to_mpmath requires mpmath (Debian: python3-mpmath)") from e
        _, _, lo, hi = self._raw
        if lo is None or hi is None:
            return mpmath.iv.mpf([-mpmath.inf, mpmath.inf])
        # Exact endpoints (no rounding): the interval context rounds outward in later operations.
        return mpmath.iv.make_mpf((from_man_exp(lo[0], lo[1]), from_man_exp(hi[0], hi[1])))

    def __float__(self) -> float:
        """The midpoint rounded to the nearest double (for plotting; not certified)."""
        return float(self.mid)

    def __eq__(self, other):
        """Identical balls (same midpoint and radius); not a comparison of the numbers they enclose."""
        if not isinstance(other, Ball):
            return NotImplemented
        return self._raw[:2] == other._raw[:2]

    def __hash__(self):
        return hash(self._raw[:2])

    def __str__(self):
        return self._text

    def __repr__(self):
        return self._text


class Estimate:
    """A double-precision estimate from the simulator or Monte Carlo: ``value``, its ``stderr`` (standard error,
    or None) and the number of ``samples`` (or None). Not certified.

    >>> e = gdcert.quantity("sim.inal_mc", spec="parity:n=3:S=1", inits=200).value
    >>> e.samples, abs(e.value - float(gdcert.inal("parity:n=3:S=1").value)) < 4 * e.stderr
    (200, True)
    """

    __slots__ = ("value", "stderr", "samples")

    def __init__(self, value: float, stderr: Optional[float] = None, samples: Optional[int] = None):
        self.value = value
        self.stderr = stderr
        self.samples = samples

    def __float__(self):
        return float(self.value)

    def __eq__(self, other):
        if not isinstance(other, Estimate):
            return NotImplemented
        return (self.value, self.stderr, self.samples) == (other.value, other.stderr, other.samples)

    __hash__ = None

    def __repr__(self):
        s = repr(self.value)
        if self.stderr is not None:
            s += " +/- " + repr(self.stderr)
        if self.samples is not None:
            s += " (samples=%d)" % self.samples
        return "Estimate(" + s + ")"


class _Provenanced:
    """Provenance from a ``formula`` id: the registry entry (:attr:`provenance`) and its ``tag``, ``source``,
    ``statement`` and ``proof``. Subclasses give ``formula``."""

    __slots__ = ()

    @property
    def provenance(self) -> Optional[Formula]:
        """The registry entry of ``formula``, or None when it is "" (raw data)."""
        return _registry().get(self.formula) if self.formula else None

    @property
    def tag(self) -> Optional[str]:
        p = self.provenance
        return p.tag if p else None

    @property
    def source(self) -> Optional[str]:
        p = self.provenance
        return p.source if p else None

    @property
    def statement(self) -> Optional[str]:
        p = self.provenance
        return p.statement if p else None

    @property
    def proof(self) -> Optional[str]:
        p = self.provenance
        return p.proof if p else None


class Result(_Provenanced):
    """One number with its provenance: ``value`` (a Fraction, :class:`Ball` or :class:`Estimate`) and ``formula``
    (the registry id, "" for raw data such as a count). ``tag``, ``source``, ``statement`` and ``proof`` come from the
    registry entry (:attr:`provenance`).

    >>> r = gdcert.quantity("walsh.level_weights", spec="majority:n=3").results[1]
    >>> r.value, r.formula, r.tag
    (Fraction(3, 4), 'walsh.level_weight', 'paper')
    """

    __slots__ = ("value", "formula")

    def __init__(self, value, formula: str = ""):
        self.value = value
        self.formula = formula

    @property
    def kind(self) -> str:
        """'exact', 'ball' or 'float' (as in the JSON output)."""
        if isinstance(self.value, Ball):
            return "ball"
        if isinstance(self.value, Estimate):
            return "float"
        return "exact"

    def __float__(self):
        return float(self.value)

    def __repr__(self):
        v = str(self.value) if isinstance(self.value, (Fraction, Ball)) else repr(self.value)
        tag = self.tag
        return "Result(%s, formula=%r%s)" % (v, self.formula, ", tag=%r" % tag if tag else "")
