"""gdcert.simulate_noisy_gd and simulate_depth_separation against `gdcert simulate ... --json` for the same seed
(float equality: the simulator is deterministic for a seed), the trajectories as numpy views without a copy, and the
GIL released during computations. Sizes are tiny: every run takes milliseconds."""

import gc
import threading
import time

import numpy as np
import pytest

import gdcert
from conftest import cli, row, same, same_parameters, table


def notes(doc, name):
    return next(t["notes"] for t in doc["tables"] if t["name"] == name)


def argv(kwargs):
    """The command line's options for simulate_noisy_gd keyword arguments."""
    out = []
    for k, v in kwargs.items():
        opt = {"inal_inits": "--inal-mc"}.get(k, "--" + k.replace("_", "-"))
        out += [opt, gdcert._text(v)]
    return out


RUNS = [
    dict(target="parity:n=4:S=1,2", net=8, steps=20, noise="1/10", clip=1, log_every=5, inal_inits=20),  # orbit bound
    dict(target="majority:n=5", net=4, steps=10, grad="batch", batch=32, seed=7),
    dict(target="majority:n=3", net=[4, 3], act="relu,tanh", steps=6, loss="logistic", grad="fixed", batch=16,
         data="gaussian", eval_samples=256, lr=0.05, seed=3),
    dict(target="staircase:n=4", net=3, steps=4, init="rademacher", bias="gaussian:beta2=1", scalar="mpfr", digits=20),
    dict(target="parity:n=5:S=1,2,3", net=6, steps=8, noise="1/100", clip="1/2", grad="batch", batch=64, seed=11,
         inal_inits=10),
]


@pytest.mark.parametrize("kwargs", RUNS)
def test_noisy_gd_equals_cli(kwargs):
    doc = cli("simulate", "noisy-gd", *argv({k: v for k, v in kwargs.items()}))
    run = gdcert.simulate_noisy_gd(**kwargs)
    assert isinstance(run, gdcert.NoisyGdRun) and same_parameters(run.parameters, doc)
    assert run.seed == doc["seed"] == kwargs.get("seed", 0) and run.parameters["seed"] == str(run.seed)
    assert run.spec == doc["parameters"]["target"]

    # the trajectory, value for value (floats compared exactly)
    traj = table(doc, "trajectory")
    t = run.trajectory
    assert len(t) == len(traj) == len(t.step) and len(traj) >= 2
    assert [r[0] for r in traj] == [int(s) for s in t.step]
    for j, name in enumerate(("loss", "correlation", "accuracy", "param_norm"), start=1):
        assert [r[j]["value"] for r in traj] == t[name].tolist()
        assert all(r[j]["kind"] == "float" for r in traj)
    assert t.step[0] == 0 and t.step[-1] == kwargs["steps"]
    assert notes(doc, "trajectory")[0].startswith("float (simulator, " + run.scalar)
    assert run.metrics_on in next(x["caption"] for x in doc["tables"] if x["name"] == "trajectory")

    # the final values: Estimates, the last logged step
    summary = table(doc, "summary")
    assert row(summary, "parameters P") == run.parameter_count
    assert same(run.final_correlation, row(summary, "final correlation"))
    assert same(run.final_accuracy, row(summary, "final sign accuracy"))
    assert same(run.advantage, row(summary, "advantage"))
    assert isinstance(run.final_correlation, gdcert.Estimate)
    assert run.final_correlation.value == t.correlation[-1] and run.final_accuracy.value == t.accuracy[-1]
    assert run.advantage.value == t.accuracy[-1] - 0.5
    assert row(summary, "GEMM kernel") == run.gemm_kernel
    assert run.formula == "noisy_gd.model" and run.provenance == gdcert.formula("noisy_gd.model") and run.tag
    assert all(r.formula == "noisy_gd.model" and r.kind == "float" for r in run.results.values())

    # the orbit bound, when the theorem's setting holds
    if run.orbit_bound is not None:
        assert same(run.orbit_bound.cp, row(summary, "CP_{B_n}(Orb f)"))
        assert same(run.orbit_bound.advantage, row(summary, "Abbe-Sandon orbit bound"))
        assert run.orbit_bound.cp.formula == "cp.bn_closed" and run.orbit_bound.advantage.formula == "noisy_gd.orbit"
    else:
        assert not any(r[0].startswith("CP_{B_n}") for r in summary)

    # the Monte-Carlo INAL at initialisation
    if kwargs.get("inal_inits"):
        mc = run.inal_mc
        rows = table(doc, "inal_monte_carlo")
        assert mc.inits == kwargs["inal_inits"] and len(mc.layers) == len(rows) and mc.spec == run.spec
        for layer, cells in zip(mc.layers, rows):
            assert [layer.layer, layer.width] == cells[:2] and same(layer.mean, cells[2])
            assert [layer.standard_error, layer.ci_low, layer.ci_high] == [c["value"] for c in cells[3:6]]
            assert layer.mean.value.samples == mc.inits and layer.mean.formula == "inal.definition"
        assert notes(doc, "inal_monte_carlo")[-1].endswith("layer %d" % mc.best_layer)
        assert mc.value == mc.layers[mc.best_layer - 1].mean.value
    else:
        assert run.inal_mc is None and not any(x["name"] == "inal_monte_carlo" for x in doc["tables"])


def test_trajectory_is_a_view_without_a_copy():
    run = gdcert.simulate_noisy_gd("majority:n=5", net=4, steps=12, log_every=3)
    a, b = run.trajectory.loss, run.trajectory["loss"]
    assert a is not b and np.shares_memory(a, b)  # two accesses view the same C++ buffer
    assert a.__array_interface__["data"][0] == b.__array_interface__["data"][0]
    assert a.dtype == np.float64 and a.ndim == 1 and a.flags.c_contiguous
    assert not a.flags.owndata and not a.flags.writeable
    assert a.base is run._core and b.base is run._core  # the C++ result object is the arrays' base
    for name in gdcert.Trajectory.NAMES:
        v = getattr(run.trajectory, name)
        assert v.base is run._core and not v.flags.owndata and len(v) == len(run.trajectory) == 5
        assert not np.shares_memory(v, a) or name == "loss"  # one buffer per quantity
    with pytest.raises(ValueError):
        a[0] = 1.0  # read-only
    d = run.trajectory.as_dict()
    assert list(d) == list(gdcert.Trajectory.NAMES) and np.shares_memory(d["loss"], a)
    with pytest.raises(KeyError):
        run.trajectory["nosuch"]
    # the arrays keep the run alive
    saved = a.copy()
    core = run._core
    del run, b, d, v
    gc.collect()
    assert a.base is core and np.array_equal(a, saved)
    del core
    gc.collect()
    assert np.array_equal(a, saved) and a.base is not None


def test_noisy_gd_is_deterministic_for_a_seed():
    kw = dict(target="majority:n=5", net=4, steps=6, grad="batch", batch=16)
    r1, r2 = gdcert.simulate_noisy_gd(seed=5, **kw), gdcert.simulate_noisy_gd(seed=5, **kw)
    r3 = gdcert.simulate_noisy_gd(seed=6, **kw)
    for name in gdcert.Trajectory.NAMES:
        assert np.array_equal(r1.trajectory[name], r2.trajectory[name])
        assert not np.shares_memory(r1.trajectory[name], r2.trajectory[name])
    assert r1.final_correlation == r2.final_correlation
    assert not np.array_equal(r1.trajectory.param_norm, r3.trajectory.param_norm)


def test_noisy_gd_errors():
    with pytest.raises(gdcert.InputError):
        gdcert.simulate_noisy_gd("majority:n=3", net=2, steps=1, scalar="float")
    with pytest.raises(gdcert.InputError):
        gdcert.simulate_noisy_gd("majority:n=3", net=2, steps=1, lr=-1)
    with pytest.raises(gdcert.InputError):
        gdcert.simulate_noisy_gd("nosuch:n=3", net=2, steps=1)
    with pytest.raises(gdcert.ResourceError):
        gdcert.simulate_noisy_gd("majority:n=9", net=2, steps=1, max_population_n=8)


def depth_argv(kwargs):
    names = {"d": "--d", "widths": "--width", "archs": "--arch", "iterations": "--iterations", "seeds": "--seeds",
             "n_train": "--n-train", "n_test": "--n-test", "law": "--law", "activation": "--activation", "r": "--r",
             "seed": "--seed"}
    out = []
    for k, v in kwargs.items():
        for x in (v if isinstance(v, (list, tuple)) else [v]):
            out += [names[k], gdcert._text(x)]
    return out


@pytest.mark.parametrize("kwargs", [
    dict(d=2, widths=4, iterations=5, n_train=50, n_test=100),
    dict(d=2, widths=[3, 5], archs="n1", iterations=4, seeds=2, n_train=40, n_test=60, activation="relu", seed=9),
    dict(d=3, widths=2, archs=["n2"], iterations=3, n_train=30, n_test=50, law="gaussian", r=1.5),
])
def test_depth_separation_equals_cli(kwargs):
    doc = cli("simulate", "depth-separation", *depth_argv(kwargs))
    run = gdcert.simulate_depth_separation(**kwargs)
    assert isinstance(run, gdcert.DepthSeparationRun) and same_parameters(run.parameters, doc)
    rows = table(doc, "depth_separation")
    assert len(rows) == len(run.rows) == len(run.dims) * len(run.archs) * len(run.widths) * len(run.iterations) * run.seeds
    for x, cells in zip(run.rows, rows):
        assert [x.d, x.arch, x.width, x.iterations, x.seed_index] == cells[:5]
        assert same(x.r, cells[5]) and same(x.inside_rate, cells[6]) and same(x.train_mse, cells[7])
        mse = x.test_mse.value
        assert isinstance(mse, gdcert.Estimate) and mse.value == cells[8]["value"] and mse.stderr == cells[9]["value"]
        assert mse.samples == kwargs["n_test"]
        assert same(x.constant_mse, cells[10])
        if x.arch == "n1":
            assert same(x.floor, cells[11]) and x.floor.formula == "ds.accuracy_floor"
        else:
            assert x.floor is None and cells[11] == "-"
    # the plot series: mean test MSE over seeds against the width
    assert len(run.series) == len(run.dims) * len(run.archs) * len(run.iterations)
    for s in run.series:
        assert isinstance(s.width, np.ndarray) and s.width.dtype == np.float64 and s.width.tolist() == [float(w) for w in run.widths]
        mine = [x for x in run.rows if (x.arch, x.d, x.iterations) == (s.arch, s.d, s.iterations)]
        for i, w in enumerate(run.widths):
            vals = [x.test_mse.value.value for x in mine if x.width == w]
            assert s.mean[i] == pytest.approx(sum(vals) / len(vals), rel=1e-12)


def test_depth_separation_errors():
    with pytest.raises(gdcert.InputError):
        gdcert.simulate_depth_separation(d=2, widths=2, iterations=1, n_train=10, n_test=10, seeds=0)
    with pytest.raises(gdcert.InputError):
        gdcert.simulate_depth_separation(d=2, widths=2, iterations=1, n_train=10, n_test=10, law="nosuch")


def test_computations_release_the_gil():
    """While a long computation runs in another thread, this thread keeps running (it would stall for the whole
    computation if the call held the GIL)."""
    out = {}

    def work():
        t0 = time.perf_counter()
        out["cp"] = gdcert.cp("majority:n=9", group="Sn")  # the S_n group average: about a second
        out["seconds"] = time.perf_counter() - t0

    worker = threading.Thread(target=work)
    last = time.perf_counter()
    gap = 0.0
    worker.start()
    while worker.is_alive():
        now = time.perf_counter()
        gap = max(gap, now - last)
        last = now
    worker.join()
    assert out["cp"].cp_sn.value == 1
    if out["seconds"] > 0.3:  # long enough to tell: a held GIL would stall this loop for the whole call
        assert gap < out["seconds"] / 2, (gap, out["seconds"])
