"""Cross-predictability and alignment under groups (``gdcert cp``: :func:`cp`, :func:`cp_sphere`) and the
merged-staircase property (``gdcert msp``: :func:`msp`). The classes and functions are re-exported by :mod:`gdcert`."""

from typing import NamedTuple, Optional

from ._args import _opt_text, _prec, _subset, _text
from ._errors import UsageError
from . import _gdcert

__all__ = ["SkippedStatistic", "OrbitCertificate", "OrbitStats", "SphereStats", "Msp", "cp", "cp_sphere", "msp"]


class SkippedStatistic(NamedTuple):
    """An S_n statistic that ``group="all"`` left out by its cost limit: ``statistic`` ("cp_sn" or "align_sn") and
    the ``reason``."""

    statistic: str
    reason: str


class OrbitCertificate:
    """The INAL => orbit-CP certificate of a cube target with a first-layer neuron (cp.inal_certificate):
    ``bound`` = ``first_term`` + ``second_term`` is a certified upper bound on CP_Bn, with ``first_term`` = INAL /
    min_{j in J} e_j and ``second_term`` = ||f||^2 max_{j not in J, W_j > 0} 1/C(n,j) (attained at ``worst_level``).
    ``inal``, the three terms and ``cp_bn`` (the closed form, for comparison) are :class:`Result` s. ``vacuous`` is
    True when the second term is >= 1/2 (weight outside J that INAL does not control; ``note`` says why);
    ``levels`` is J, ``activation``, ``init``, ``bias`` the neuron's canonical laws, ``parameters`` the resolved
    parameters."""

    __slots__ = ("parameters", "activation", "init", "bias", "levels", "levels_text", "inal", "first_term",
                 "second_term", "bound", "cp_bn", "worst_level", "vacuous", "note")

    def __init__(self, d: dict):
        for k in self.__slots__:
            setattr(self, k, d[k])

    @property
    def valid(self) -> bool:
        """Not vacuous."""
        return not self.vacuous

    def __repr__(self):
        return "OrbitCertificate(bound=%s, cp_bn=%s, %s)" % (self.bound.value, self.cp_bn.value,
                                                             "vacuous" if self.vacuous else "valid")


class OrbitStats:
    """Orbit statistics of a cube target (a spec, or its level weights W_0..W_n) — ``gdcert cp SPEC``.

    Every number is a :class:`Result` (value and formula id): ``level_weights`` (W_0..W_n, walsh.level_weight),
    ``norm2`` (||f||^2), ``cp_single`` (||f||^4), and, depending on ``group`` and the cost limits, ``cp_bn``
    (cp.bn_closed), ``align_bn`` (align.bn_closed), ``cp_sn`` (cp.group_average, n <= 9), ``align_sn``
    (align.group_average, n <= 7: exact when rational, else a certified ball that is the largest root of
    ``align_sn_minimal_polynomial``, integer coefficients highest degree first). An absent statistic is None;
    ``skipped`` lists the ones ``group="all"`` left out (:class:`SkippedStatistic`) and ``notes`` what a reader needs
    beside the numbers. ``certificate`` is the :class:`OrbitCertificate` when one was asked for.
    ``spec`` is the canonical spec (None for level weights), ``target`` its display name, ``parameters`` the
    resolved parameters.
    """

    __slots__ = ("parameters", "target", "spec", "from_level_weights", "n", "level_weights", "norm2", "cp_single",
                 "cp_bn", "align_bn", "cp_sn", "align_sn", "align_sn_minimal_polynomial", "skipped", "notes",
                 "certificate")

    def __init__(self, d: dict, certificate: Optional[dict]):
        for k in ("parameters", "target", "from_level_weights", "n", "level_weights", "norm2", "cp_single", "cp_bn",
                  "align_bn", "cp_sn", "align_sn", "align_sn_minimal_polynomial", "notes"):
            setattr(self, k, d[k])
        self.spec = None if self.from_level_weights else self.parameters.get("spec")
        self.skipped = [SkippedStatistic(*s) for s in d["skipped"]]
        self.certificate = OrbitCertificate(certificate) if certificate else None

    def __repr__(self):
        shown = ", ".join("%s=%s" % (k, getattr(self, k).value) for k in ("cp_bn", "align_bn", "cp_sn", "align_sn")
                          if getattr(self, k) is not None)
        return "OrbitStats(%s, n=%d, %s)" % (self.target, self.n, shown)


def cp(spec: Optional[str] = None, group: str = "all", level_weights=None, certificate: Optional[str] = None,
       certificate_act: str = "relu", certificate_bias: str = "none", levels=None, prec: int = 128,
       seed: int = 0) -> OrbitStats:
    """Orbit cross-predictability and alignment of a cube target — ``gdcert cp SPEC`` (or ``--level-weights``).

    ``group``: ``"Bn"`` (closed forms), ``"Sn"`` (exact group averages, a spec only; n <= 9 for CP_Sn, n <= 7 for
    A_Sn) or ``"all"`` (both; an S_n statistic beyond its cost limit is skipped with its reason). ``level_weights``:
    W_0..W_n instead of a spec (a list, or "0*50,1" with repeats). ``certificate``: an init law (e.g. "gaussian")
    adds the INAL => CP_Bn certificate of the first-layer neuron (``certificate_act``, ``certificate_bias``) over
    the ``levels`` J (default 0,1,2). ``prec``: bits of the balls (an irrational A_Sn, the certificate).
    For a class of functions use :func:`class_cp`; for the sphere, :func:`cp_sphere`.

    >>> o = gdcert.cp("majority:n=5")
    >>> o.cp_bn.value, o.align_bn.value, o.cp_sn.value, o.align_sn.value, o.cp_bn.formula
    (Fraction(31, 256), Fraction(9, 64), Fraction(1, 1), Fraction(1, 1), 'cp.bn_closed')
    >>> o = gdcert.cp("table:++-++-+++-++---+", prec=64)        # A_Sn irrational: a ball and its minimal polynomial
    >>> o.align_sn.value, o.align_sn_minimal_polynomial
    ([0.2244167056803909497 +/- ...], [96, -26, 1])
    >>> gdcert.cp(level_weights=[0, "1/2", "1/2", 0, 0, 0], certificate="gaussian", levels=[1, 2]).certificate.valid
    True

    Raises :class:`UsageError` (spec and level weights both or neither), :class:`InputError` (malformed spec,
    weights or group), :class:`DomainError` (group Sn with level weights), :class:`ResourceError` (group Sn beyond
    its cost limit).
    """
    if group == "On":
        raise UsageError("cp: group On is the sphere: use gdcert.cp_sphere(n, weights)")
    d = _gdcert.cp(spec or "", _opt_text(level_weights), group, certificate or "", _text(certificate_act),
                   certificate_bias, _opt_text(levels), int(seed), _prec(prec))
    return OrbitStats(d["orbit"], d["certificate"])


class SphereStats:
    """Orbit CP and alignment under O(n) on the sphere from spherical-harmonic level weights (cp.on_closed):
    ``cp`` = sum_l W_l^2/N(n,l), ``alignment`` = max_l W_l/N(n,l), ``harmonic_dimensions`` N(n,l), ``weights``
    W_0..W_L (all :class:`Result` s, exact); ``n``, ``parameters``."""

    __slots__ = ("parameters", "n", "weights", "cp", "alignment", "harmonic_dimensions")

    def __init__(self, d: dict):
        for k in self.__slots__:
            setattr(self, k, d[k])

    def __repr__(self):
        return "SphereStats(n=%d, cp=%s, alignment=%s)" % (self.n, self.cp.value, self.alignment.value)


def cp_sphere(n: int, weights) -> SphereStats:
    """Orbit CP and alignment under O(n) on the sphere S^(n-1) — ``gdcert cp --group On --n N --weights W``.
    ``weights``: W_0, W_1, ... (rationals >= 0; a list, or a string with "Q*count" repeats).

    >>> s = gdcert.cp_sphere(4, [0, 1, "1/2"])
    >>> s.cp.value, s.alignment.value, [r.value for r in s.harmonic_dimensions]
    (Fraction(5, 18), Fraction(1, 4), [Fraction(1, 1), Fraction(4, 1), Fraction(9, 1)])
    """
    return SphereStats(_gdcert.sphere_stats(int(n), _text(weights)))


class Msp:
    """The merged-staircase property and leap of a Walsh support (msp.closure, msp.leap) — ``gdcert msp``.

    Sets are tuples of coordinates (1-based): ``support`` (the nonempty sets), ``closure`` (the MSP closure U: every
    set with |S \\ U| <= 1 absorbed), ``order`` (the absorbing order, greedy: fewest new coordinates first) with
    ``new_coordinates`` |S_i \\ U_{i-1}|, ``residual`` (sets the closure does not absorb). ``msp`` (bool), ``leap``
    and ``support_size`` (ints); ``results`` holds them as :class:`Result` s with their formulas; ``residual_bound``
    (msp.residual_bound, reconstructed) is a Result for a spec with sets left outside the closure, else None. ``d``:
    the number of coordinates; ``spec``: the canonical spec (None for an explicit support); ``parameters``, ``notes``.
    """

    __slots__ = ("parameters", "target", "spec", "from_spec", "d", "support", "support_size", "msp", "leap",
                 "closure", "order", "new_coordinates", "residual", "residual_bound", "notes", "results")

    def __init__(self, d: dict):
        self.parameters = d["parameters"]
        self.target = d["target"]
        self.from_spec = d["from_spec"]
        self.spec = self.parameters.get("spec") if self.from_spec else None
        self.d = d["d"]
        self.support = [_subset(m) for m in d["support"]]
        self.closure = _subset(d["closure"])
        self.order = [_subset(m) for m in d["order"]]
        self.new_coordinates = list(d["new_coordinates"])
        self.residual = [_subset(m) for m in d["residual"]]
        self.residual_bound = d["residual_bound"]
        self.notes = d["notes"]
        self.results = {"support_size": d["support_size"], "is_msp": d["is_msp"], "leap": d["leap"]}
        self.msp = bool(d["msp"])
        self.leap = int(d["leap"].value)
        self.support_size = int(d["support_size"].value)

    @property
    def formula(self) -> str:
        """The formula of the leap (msp.leap)."""
        return self.results["leap"].formula

    def __repr__(self):
        return "Msp(%s, msp=%s, leap=%d)" % (self.target, self.msp, self.leap)


def msp(spec: Optional[str] = None, support=None, seed: int = 0) -> Msp:
    """The merged-staircase property and the leap of a spec's Walsh support (exact zeros only) or of an explicit
    ``support`` — ``gdcert msp``. ``support``: sets separated by ';' ("1;1,2;1,2,3") or a list of sets of
    coordinates (``[[1], [1, 2], [1, 2, 3]]``).

    >>> m = gdcert.msp("staircase:n=4")
    >>> m.msp, m.leap, m.order
    (True, 1, [(1,), (1, 2), (1, 2, 3), (1, 2, 3, 4)])
    >>> m = gdcert.msp(support=[[1], [1, 2], [3, 4]])
    >>> m.msp, m.leap, m.closure, m.residual
    (False, 2, (1, 2), [(3, 4)])

    Raises :class:`UsageError` (spec and support both or neither), :class:`InputError` (malformed spec or support).
    """
    if support is not None and not isinstance(support, str):
        support = ";".join(",".join(str(int(j)) for j in sorted(S)) for S in support)
    return Msp(_gdcert.msp(spec or "", support or "", int(seed)))
