#!/usr/bin/env bash
# Per-entry time of the dual kernels at 100 digits (bench_kernels) beside mpmath evaluating the same closed forms on
# the same 64 correlations at mp.dps = 100, in interleaved rounds (a gdcert round, then an mpmath round, ROUNDS
# times); the speed-up is the median of the per-round ratios. Target: at least 5x faster per entry.
# mpmath at its best: Debian's python3-mpmath with python3-gmpy2 in the system interpreter /usr/bin/python3 (checked:
# mpmath.libmp.BACKEND must be "gmpy", else the script says so and the rows fail); both installed here if missing.
# Appends the rows of `run.sh bench`'s table when GDCERT_BENCH_ROWS is set.
# Usage: checks/perf/run_kernels.sh [build-dir] [rounds]   (default build-bench, 5). Exit status 1 when a target is missed.
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
build="${1:-$here/build-bench}"
rounds="${2:-5}"
py=/usr/bin/python3
missing=()
for p in python3-mpmath python3-gmpy2; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
if [ ! -x "$build/checks/perf/bench_kernels" ]; then
  cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DGDCERT_BUILD_BENCHMARKS=ON >/dev/null
  cmake --build "$build" --target bench_kernels -j2 >/dev/null
fi
"$py" - "$build/checks/perf/bench_kernels" "$rounds" <<'PY'
import json, os, statistics, subprocess, sys, tempfile, timeit
import mpmath
import mpmath.libmp
from mpmath import mp, mpf
bench, rounds = sys.argv[1], int(sys.argv[2])
backend = mpmath.libmp.BACKEND
print(f"mpmath {mpmath.__version__} in {sys.executable}, backend {backend}"
      + ("" if backend == "gmpy" else "  -- NOT gmpy: python3-gmpy2 is missing, the baseline is not at its best"))
mp.dps = 100
grid = [mpf(2 * i - 63) / 64 for i in range(64)]
pi = mp.pi
def relu(r): return (mp.sqrt(1 - r * r) + (pi - mp.acos(r)) * r) / (2 * pi)
def sign(r): return 2 / pi * mp.asin(r)
def erf(r): return 2 / pi * mp.asin(2 * r / 3)
def arccos3(r):  # J_3 = (pi - t)(9x + 6x^3) + sin(t)(4 + 11x^2), x = cos t (kernel.arccos.recurrence)
    t = mp.acos(r); s = mp.sqrt(1 - r * r)
    return ((pi - t) * (9 * r + 6 * r**3) + s * (4 + 11 * r * r)) / (2 * pi)
kernels = (("relu", relu), ("sign", sign), ("erf", erf), ("arccos3", arccos3))
def gdcert_round():
    with tempfile.NamedTemporaryFile(suffix=".json") as f:
        subprocess.run([bench, "--benchmark_min_time=0.3", "--benchmark_format=json", f"--benchmark_out={f.name}",
                        "--benchmark_out_format=json"], check=True, stdout=subprocess.DEVNULL)
        return {r["name"].split("/")[0]: r["real_time"] * {"ns": 1e-3, "us": 1.0, "ms": 1e3}[r["time_unit"]]
                for r in json.load(open(f.name))["benchmarks"]}
def mpmath_round(f, number=20):
    return timeit.timeit(lambda: [f(r) for r in grid], number=number) / (number * 64) * 1e6
for _, f in kernels:  # warm the caches of mpmath (pi, constants)
    mpmath_round(f, 1)
g = {k: [] for k, _ in kernels}; m = {k: [] for k, _ in kernels}; acos = []
loads = [os.getloadavg()[0]]
for _ in range(rounds):
    us = gdcert_round()
    acos.append(us["BM_arb_acos"])
    for name, f in kernels:
        g[name].append(us["BM_kernel_" + name])
        m[name].append(mpmath_round(f))
    loads.append(os.getloadavg()[0])
print(f"{'kernel':10s} {'gdcert us':>10s} {'mpmath us':>10s} {'speed-up':>9s}   (100 digits, per entry, medians of "
      f"{rounds} interleaved rounds; speed-up = median of per-round ratios; target >= 5x)")
ok, rows = backend == "gmpy", []
med = statistics.median
for name, _ in kernels:
    x = med([b / a for a, b in zip(g[name], m[name])])
    good = x >= 5 and backend == "gmpy"
    ok &= good
    print(f"{name:10s} {med(g[name]):10.2f} {med(m[name]):10.2f} {x:9.1f}   {'PASS' if good else 'FAIL'}")
    rows.append({"workload": f"dual kernel {name}, 100 digits, per entry", "unit": "us", "higher_is_better": False,
                 "gdcert": med(g[name]), "baselines": {f"mpmath {mpmath.__version__} ({backend})": med(m[name]),
                                                       "one arb_acos, 349 bits (floor)": med(acos)},
                 "ratio": x, "floor_ratio": med([a / c for a, c in zip(g[name], acos)]), "target": ">= 5x mpmath", "pass": good})
print(f"baseline: one arb_acos at 349 bits {med(acos):.2f} us; load average {min(loads):.2f} .. {max(loads):.2f}")
out = os.environ.get("GDCERT_BENCH_ROWS")
if out:
    with open(out, "a") as fh:
        for r in rows:
            fh.write(json.dumps(r) + "\n")
sys.exit(0 if ok else 1)
PY
