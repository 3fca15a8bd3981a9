"""The Python side of checks/perf/run_python.sh.

    bench_python.py time OUT.json        one round: times the calls through `import gdcert`, writes microseconds
    bench_python.py report DIR ROUNDS    reads DIR/cpp_<i>.json (Google Benchmark) and DIR/py_<i>.json, prints the
                                         per-round and median times and the Python/C++ ratios

The calls are those of bench_python_baseline.cpp: gdcert.quantity("binomial", n=10, k=3) (and the raw binding
_gdcert.evaluate, to split the overhead between the binding and the pure-Python wrapper), gdcert.walsh of majority:n=9
with its level weights, and gdcert.walsh("random:n=24:seed=1", threads=1) whose 2^24 coefficients numpy views without
a copy (checked here: shares memory with the C++ buffer, OWNDATA false). Timings are printed, never asserted.
"""

import json
import os
import statistics
import sys
import timeit


def best_us(fn, number, repeat=5):
    return min(timeit.repeat(fn, number=number, repeat=repeat)) / number * 1e6


def time_round(out):
    import numpy as np

    import gdcert
    from gdcert import _gdcert

    r = {}
    r["quantity_binomial"] = best_us(lambda: gdcert.quantity("binomial", n=10, k=3).value, 20000)
    r["evaluate_binomial_raw"] = best_us(lambda: _gdcert.evaluate("binomial", {"n": "10", "k": "3"}), 20000)
    r["walsh_small"] = best_us(lambda: gdcert.walsh("majority:n=9", threads=1).level_weights, 2000)
    r["walsh_n24"] = best_us(lambda: gdcert.walsh("random:n=24:seed=1", threads=1), 1, repeat=5)
    s = gdcert.walsh("random:n=24:seed=1", threads=1)
    r["coefficients_view"] = best_us(lambda: s.coefficients, 20000)
    a, b = s.coefficients, s.coefficients
    r["zero_copy"] = bool(np.shares_memory(a, b) and not a.flags.owndata and a.base is s._core and a.size == 1 << 24)
    r["copy_n24"] = best_us(lambda: np.array(a, copy=True), 1, repeat=5)  # what a copy would have cost
    with open(out, "w") as f:
        json.dump(r, f)


def cpp_us(path):
    """Microseconds per call of each benchmark: the best of its repetitions (as Python's best of 5 batches)."""
    us = {}
    for b in json.load(open(path))["benchmarks"]:
        if b.get("run_type", "iteration") != "iteration":
            continue
        name = b["name"].split("/")[0]
        t = b["real_time"] * {"ns": 1e-3, "us": 1.0, "ms": 1e3, "s": 1e6}[b["time_unit"]]
        us[name] = min(us.get(name, t), t)
    return us


def report(d, rounds):
    cpp = [cpp_us("%s/cpp_%d.json" % (d, i)) for i in range(rounds)]
    py = [json.load(open("%s/py_%d.json" % (d, i))) for i in range(rounds)]
    rows = [
        ("quantity binomial(10,3)", "quantity_binomial", "BM_api_quantity_binomial", "us"),
        ("  raw _gdcert.evaluate", "evaluate_binomial_raw", "BM_api_quantity_binomial", "us"),
        ("walsh majority:n=9 + W_k", "walsh_small", "BM_api_walsh_small", "us"),
        ("walsh random:n=24 (1 thr)", "walsh_n24", "BM_api_walsh_n24", "ms"),
    ]
    print("%-27s %12s %12s %8s   per round (Python/C++)" % ("call", "Python", "C++", "ratio"))
    for label, pk, ck, unit in rows:
        scale = 1e-3 if unit == "ms" else 1.0
        ratios = [p[pk] / c[ck] for p, c in zip(py, cpp)]
        pm = statistics.median(p[pk] for p in py) * scale
        cm = statistics.median(c[ck] for c in cpp) * scale
        print("%-27s %9.2f %s %9.2f %s %8.2f   %s" % (label, pm, unit, cm, unit, statistics.median(ratios),
                                                   " ".join("%.2f" % x for x in ratios)))
    over = statistics.median(p["quantity_binomial"] - c["BM_api_quantity_binomial"] for p, c in zip(py, cpp))
    print("per-call overhead of gdcert.quantity over the C++ call: %.2f us (median of %d rounds)" % (over, rounds))
    print("n = 24 coefficients to numpy: view %.2f us, zero copy: %s (a copy of the 64 MB would take %.1f ms)"
          % (statistics.median(p["coefficients_view"] for p in py), all(p["zero_copy"] for p in py),
             statistics.median(p["copy_n24"] for p in py) * 1e-3))
    zero_copy = all(p["zero_copy"] for p in py)
    out = os.environ.get("GDCERT_BENCH_ROWS")
    if out:  # rows of `run.sh bench`'s table: the C++ call is the floor of the Python call
        with open(out, "a") as f:
            for label, pk, ck, unit in rows[:1] + rows[3:]:
                scale = 1e-3 if unit == "ms" else 1.0
                f.write(json.dumps({
                    "workload": "Python gdcert: " + label.strip(), "unit": unit, "higher_is_better": False,
                    "gdcert": statistics.median(p[pk] for p in py) * scale,
                    "baselines": {"the same C++ api call (floor)": statistics.median(c[ck] for c in cpp) * scale},
                    "ratio": None, "floor_ratio": statistics.median(p[pk] / c[ck] for p, c in zip(py, cpp)),
                    "target": "reported" if pk != "walsh_n24" else "n=24 spectrum to numpy without a copy",
                    "pass": zero_copy if pk == "walsh_n24" else True}) + "\n")
    return 0 if zero_copy else 1


if __name__ == "__main__":
    if sys.argv[1] == "time":
        time_round(sys.argv[2])
    else:
        sys.exit(report(sys.argv[2], int(sys.argv[3])))
