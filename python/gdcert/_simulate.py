"""The simulators (``gdcert simulate``: :func:`simulate_noisy_gd`, :func:`simulate_depth_separation`). Re-exported
by :mod:`gdcert`. Simulator numbers are :class:`Estimate` s (floats, not certified); bounds keep their kind."""

from typing import List, NamedTuple

from ._args import _text
from ._types import Estimate, Result, _Provenanced
from . import _gdcert

__all__ = ["Trajectory", "InalMcLayer", "InalMonteCarlo", "OrbitBound", "NoisyGdRun", "simulate_noisy_gd",
           "DepthSeparationRow", "DepthSeparationSeries", "DepthSeparationRun", "simulate_depth_separation"]


class Trajectory:
    """The logged steps of a noisy-GD run: ``step``, ``loss`` (mean loss), ``correlation`` (E[fhat f]),
    ``accuracy`` (P(sign fhat = f)) and ``param_norm`` (||theta||_2), each a read-only numpy float64 array that
    **views the C++ result without a copy** (its ``base`` is the run, which it keeps alive). ``t[name]`` is the same
    as ``t.name``; ``len(t)`` is the number of logged steps; :meth:`as_dict` gives all five (e.g. for
    ``pandas.DataFrame(t.as_dict())``)."""

    __slots__ = ("_core",)

    NAMES = ("step", "loss", "correlation", "accuracy", "param_norm")

    def __init__(self, core):
        self._core = core

    def __getitem__(self, name: str):
        if name not in self.NAMES:
            raise KeyError(name)
        return self._core.trajectory(name)

    @property
    def step(self):
        return self._core.trajectory("step")

    @property
    def loss(self):
        return self._core.trajectory("loss")

    @property
    def correlation(self):
        return self._core.trajectory("correlation")

    @property
    def accuracy(self):
        return self._core.trajectory("accuracy")

    @property
    def param_norm(self):
        return self._core.trajectory("param_norm")

    def as_dict(self) -> dict:
        return {k: self._core.trajectory(k) for k in self.NAMES}

    def __len__(self):
        return self._core.size

    def __repr__(self):
        return "Trajectory(%d steps)" % len(self)


class InalMcLayer(NamedTuple):
    """One layer of the Monte-Carlo INAL: ``mean`` (a :class:`Result` holding an :class:`Estimate` with standard
    error and samples = inits; inal.definition), ``standard_error`` and the 95% interval ``ci_low``..``ci_high``
    (normal approximation)."""

    layer: int
    width: int
    mean: Result
    standard_error: float
    ci_low: float
    ci_high: float


class InalMonteCarlo:
    """The Monte-Carlo INAL at initialisation: E_Theta <f, NN^(v)>^2 per layer over ``inits`` inits
    (``layers``: :class:`InalMcLayer` s, the output neuron last); ``best_layer`` (1-based) has the largest mean,
    whose :class:`Estimate` is ``value``. ``spec`` (canonical), ``n``, ``parameters``."""

    __slots__ = ("parameters", "spec", "n", "inits", "layers", "best_layer")

    def __init__(self, d: dict):
        self.parameters = d["parameters"]
        self.spec = d["canonical"]
        self.n = d["n"]
        self.inits = d["inits"]
        self.layers = [InalMcLayer(x["layer"], x["width"], x["mean"], x["standard_error"], x["ci_low"], x["ci_high"])
                       for x in d["layers"]]
        self.best_layer = d["best_layer"]

    @property
    def value(self) -> Estimate:
        return self.layers[self.best_layer - 1].mean.value

    def __repr__(self):
        return "InalMonteCarlo(%s, %r)" % (self.spec, self.value)


class OrbitBound(NamedTuple):
    """The Abbe–Sandon orbit bound for the run's budget: ``cp`` = CP_{B_n}(Orb f) (exact, cp.bn_closed) and
    ``advantage`` = (gamma T sqrt(P) A / sigma) cp^(1/4) (noisy_gd.orbit), a bound on P(success) - 1/2."""

    cp: Result
    advantage: Result


class NoisyGdRun(_Provenanced):
    """One run of noisy gradient descent (``gdcert simulate noisy-gd``).

    ``trajectory``: the logged steps as numpy views without a copy (:class:`Trajectory`). ``final_correlation``,
    ``final_accuracy`` and ``advantage`` (accuracy - 1/2) at the last logged step are :class:`Estimate` s; the same
    with their formula (noisy_gd.model) are in ``results``; ``formula``, ``provenance``, ``tag``, ``source`` are the
    model's. ``inal_mc`` (:class:`InalMonteCarlo`, with ``inal_inits`` > 0) and ``orbit_bound``
    (:class:`OrbitBound`, when the theorem's setting holds: noise > 0, a finite clip, cube data, a Boolean target, a
    sign-symmetric weight law) or None. Also ``spec`` (canonical), ``n``, ``seed``, ``parameter_count`` (P),
    ``metrics_on``, ``scalar``, ``digits``, ``gemm_kernel`` and the resolved ``parameters``.
    """

    __slots__ = ("_core", "parameters", "spec", "n", "seed", "parameter_count", "metrics_on", "scalar", "digits",
                 "gemm_kernel", "trajectory", "results", "inal_mc", "orbit_bound")

    def __init__(self, core):
        d = core.data()
        self._core = core
        self.parameters = d["parameters"]
        self.spec = d["canonical"]
        for k in ("n", "seed", "parameter_count", "metrics_on", "scalar", "digits", "gemm_kernel"):
            setattr(self, k, d[k])
        self.trajectory = Trajectory(core)
        self.results = {k: d[k] for k in ("final_correlation", "final_accuracy", "advantage")}
        self.inal_mc = InalMonteCarlo(d["inal_mc"]) if d["inal_mc"] is not None else None
        b = d["orbit_bound"]
        self.orbit_bound = OrbitBound(b["cp"], b["advantage"]) if b is not None else None

    @property
    def final_correlation(self) -> Estimate:
        return self.results["final_correlation"].value

    @property
    def final_accuracy(self) -> Estimate:
        return self.results["final_accuracy"].value

    @property
    def advantage(self) -> Estimate:
        return self.results["advantage"].value

    @property
    def formula(self) -> str:
        return self.results["advantage"].formula

    def __repr__(self):
        return "NoisyGdRun(%s, steps=%s, final_correlation=%r, advantage=%r)" % (
            self.spec, self.parameters.get("steps"), self.final_correlation.value, self.advantage.value)


_NUMBERS = ("steps", "batch", "log_every", "eval_samples", "inal_inits", "max_population_n", "digits", "threads", "seed")


def simulate_noisy_gd(target: str, net="64", act="relu", init: str = "gaussian", bias: str = "none", sign0=1,
                      steps: int = 100, lr="0.1", noise=0, clip="inf", loss: str = "square", grad: str = "population",
                      data: str = "cube", batch: int = 1024, log_every: int = 0, eval_samples: int = 8192,
                      inal_inits: int = 0, max_population_n: int = 22, scalar: str = "double", digits: int = 50,
                      threads: int = 1, seed: int = 0) -> NoisyGdRun:
    """Noisy GD theta <- theta - lr clip_A(grad L) + N(0, noise^2 I) on a fully connected network —
    ``gdcert simulate noisy-gd``. Deterministic for a seed (and the same numbers as the command line's).

    ``target``: a spec on {±1}^n; ``net``: hidden widths (64, [64, 32] or "64,32"); ``act``: relu, sign, sigmoid,
    tanh, erf, softplus, quadratic (one, or one per layer); ``init``, ``bias``, ``sign0`` as ``gdcert inal``;
    ``steps`` T; ``lr`` gamma, ``noise`` sigma, ``clip`` A ("inf": none; exact rationals, floats by their repr);
    ``loss``: square, correlation, hinge, logistic; ``grad``: population (exact cube average), batch (fresh per step),
    fixed (one sample of ``batch`` points); ``data``: cube, gaussian, sphere; ``log_every`` (0: about 50 rows);
    ``eval_samples``; ``inal_inits`` > 0 adds the Monte-Carlo INAL at initialisation; ``scalar``: double or mpfr
    (reference, ``digits`` decimal digits); ``threads`` (the results do not depend on it).

    >>> run = gdcert.simulate_noisy_gd("parity:n=4:S=1,2", net=8, steps=20, noise="1/10", clip=1, log_every=5)
    >>> run.trajectory.step, run.parameter_count
    (array([ 0.,  5., 10., 15., 20.]), 40)
    >>> run.trajectory.loss.flags.owndata, run.trajectory.loss.flags.writeable
    (False, False)
    >>> run.final_accuracy, run.formula, run.orbit_bound.cp.value
    (Estimate(0.6875), 'noisy_gd.model', Fraction(1, 6))

    Raises :class:`InputError` (malformed options), :class:`ResourceError` (population gradient beyond
    ``max_population_n``), :class:`DomainError` (NaN or Inf, naming the step).
    """
    strings = {"target": target, "net": _text(net), "act": _text(act), "init": init, "bias": bias,
               "sign0": _text(sign0), "lr": _text(lr), "noise": _text(noise), "clip": _text(clip), "loss": loss,
               "grad": grad, "data": data, "scalar": scalar}
    values = dict(steps=steps, batch=batch, log_every=log_every, eval_samples=eval_samples, inal_inits=inal_inits,
                  max_population_n=max_population_n, digits=digits, threads=threads, seed=seed)
    numbers = {k: int(values[k]) for k in _NUMBERS}
    return NoisyGdRun(_gdcert.noisy_gd(strings, numbers))


class DepthSeparationRow:
    """One trained network (``gdcert simulate depth-separation``): ``d``, ``arch`` (n1 | n2), ``width``,
    ``iterations``, ``seed_index``; :class:`Result` s holding :class:`Estimate` s: ``r`` (target radius),
    ``inside_rate`` P(|x| <= r), ``train_mse``, ``test_mse`` (with standard error and samples = n_test),
    ``constant_mse`` p(1 - p); ``floor``: for N1 the certified c/(4 N^2), c = 1 (ds.accuracy_floor), else None."""

    __slots__ = ("d", "arch", "width", "iterations", "seed_index", "r", "inside_rate", "train_mse", "test_mse",
                 "constant_mse", "floor")

    def __init__(self, d: dict):
        for k in self.__slots__:
            setattr(self, k, d[k])

    def __repr__(self):
        return "DepthSeparationRow(d=%d, %s, width=%d, test_mse=%r)" % (self.d, self.arch, self.width,
                                                                         self.test_mse.value.value)


class DepthSeparationSeries(NamedTuple):
    """The plot data of one (arch, d, iterations): mean test MSE over the seeds against the width (numpy arrays)."""

    arch: str
    d: int
    iterations: int
    width: object
    mean: object
    standard_error: object


class DepthSeparationRun:
    """Every trained network (``rows``: :class:`DepthSeparationRow` s, in the nesting order d, arch, iterations,
    width, seed) and the plot ``series``; the resolved ``dims``, ``widths``, ``iterations``, ``archs``, ``seeds``,
    ``law``, ``activation`` and ``parameters``."""

    __slots__ = ("parameters", "dims", "widths", "iterations", "archs", "seeds", "law", "activation", "rows", "series")

    def __init__(self, d: dict):
        for k in ("parameters", "dims", "widths", "iterations", "archs", "seeds", "law", "activation"):
            setattr(self, k, d[k])
        self.rows = [DepthSeparationRow(r) for r in d["rows"]]
        self.series = [DepthSeparationSeries(s["arch"], s["d"], s["iterations"], s["width"], s["mean"],
                                             s["standard_error"]) for s in d["series"]]

    def __repr__(self):
        return "DepthSeparationRun(%s, %d networks)" % (self.law, len(self.rows))


def _ints(x) -> List[int]:
    return [int(x)] if isinstance(x, (int, str)) else [int(v) for v in x]


def _strs(x) -> List[str]:
    return [x] if isinstance(x, str) else [str(v) for v in x]


def simulate_depth_separation(d=4, widths=(8, 64), archs=("n1", "n2"), law: str = "radial",
                              activation: str = "sigmoid", iterations=300, seeds: int = 1, n_train: int = 2000,
                              n_test: int = 4000, r: float = 0.0, full: bool = False,
                              seed: int = 0) -> DepthSeparationRun:
    """Learning the ball indicator 1{|x| <= r} with N1 (depth 2, all layers trained) and N2 (fixed random sigmoid
    features + a sigmoid output) — ``gdcert simulate depth-separation``. ``d``, ``widths``, ``iterations``: one
    value or several; ``archs``: n1, n2; ``law``: radial | mixture | gaussian | uniform_ball; ``activation``: N1's,
    sigmoid | relu; ``seeds`` per configuration; ``r`` > 0 (0: the median of |x|); ``full``: the full sweep (long).

    >>> run = gdcert.simulate_depth_separation(d=2, widths=4, iterations=5, n_train=50, n_test=100)
    >>> [(x.arch, x.width) for x in run.rows], run.rows[0].floor.value, run.rows[1].floor
    ([('n1', 4), ('n2', 4)], Fraction(1, 8491396), None)

    Raises :class:`InputError` (seeds outside 1..1000, an unknown law) and the trainer's errors.
    """
    return DepthSeparationRun(_gdcert.simulate_depth_separation(
        _ints(d), _ints(widths), _strs(archs), law, activation, _ints(iterations), int(seeds), int(n_train),
        int(n_test), float(r), bool(full), int(seed)))
