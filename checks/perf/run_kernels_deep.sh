#!/usr/bin/env bash
# The 100 x 100 deep NTK Gram matrix (relu, L = 5, sigma_w^2 = 2, sigma_b^2 = 1/10, 128-bit certified balls,
# bench_kernels_deep) against the same recursion in NumPy double precision (vectorised over the whole matrix,
# preallocated buffers) on the same points, in one run with interleaved rounds (C++ round, NumPy round, ...);
# prints the median times and the median of the per-round ratios, and the largest |NumPy - ball midpoint| as a sanity
# check; appends the row of `run.sh bench`'s table when GDCERT_BENCH_ROWS is set (reported: certified balls against
# uncertified doubles have no speed target).
# NumPy: the system python3 (/usr/bin/python3, Debian python3-numpy).
# Usage: checks/perf/run_kernels_deep.sh [build-dir] [rounds]   (default build-bench, 5 rounds).
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
build="${1:-$here/build-bench}"
rounds="${2:-5}"
if [ ! -x "$build/checks/perf/bench_kernels_deep" ]; then
  cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DGDCERT_BUILD_BENCHMARKS=ON >/dev/null
  cmake --build "$build" --target bench_kernels_deep gdcert -j2 >/dev/null
fi
pts="$(mktemp)"; json="$(mktemp)"
trap 'rm -f "$pts" "$json"' EXIT
"$build/gdcert" width data --data sphere:n=100:d=10:seed=1 --csv > "$pts" 2>/dev/null || true
/usr/bin/python3 - "$build" "$rounds" "$json" <<'PY'
import json, subprocess, sys, time
from fractions import Fraction
import numpy as np
build, rounds, jpath = sys.argv[1], int(sys.argv[2]), sys.argv[3]
# the points, exactly as the library draws them (gdcert deep-kernel prints Sigma^1; we re-derive x from width data)
out = subprocess.run([build + "/gdcert", "deep-kernel", "relu", "--depth", "5", "--weight-var", "2", "--bias-var",
                      "1/10", "--data", "sphere:n=100:d=10:seed=1", "--all-layers", "--json"],
                     check=True, capture_output=True, text=True).stdout
doc = json.loads(out)
rows = next(t for t in doc["tables"] if t["name"] == "deep_kernel")["rows"]
n = 100
def mid(cell):
    if isinstance(cell, dict):
        if "mid" in cell: return float(cell["mid"])
        cell = cell.get("value", "")
    s = str(cell).strip("[]").split("+/-")[0].strip()
    return float(Fraction(s)) if "/" in s else float(s)
S1 = np.zeros((n, n)); ref = np.zeros((n, n))
for r in rows:
    h, i, j = r[0], r[1], r[2]
    if h == 1: S1[i, j] = S1[j, i] = mid(r[3])
    if h == 6: ref[i, j] = ref[j, i] = mid(r[4])
sw2, sb2, L = 2.0, 0.1, 5
# preallocated buffers, vectorised over the matrix
q = np.empty(n); g = np.empty((n, n)); rho = np.empty((n, n)); th = np.empty((n, n)); k = np.empty((n, n))
kd = np.empty((n, n)); S = np.empty((n, n)); T = np.empty((n, n))
def numpy_ntk():
    np.copyto(S, S1); np.copyto(T, S1)
    for _ in range(L):
        np.copyto(q, np.diagonal(S))
        np.outer(q, q, out=g); np.sqrt(g, out=g)
        np.divide(S, g, out=rho); np.clip(rho, -1.0, 1.0, out=rho)
        np.arccos(rho, out=th)
        # k = g (sin th + (pi - th) cos th)/(2 pi), k' = (pi - th)/(2 pi)
        np.subtract(np.pi, th, out=kd)
        np.multiply(kd, rho, out=k); np.sin(th, out=th); np.add(k, th, out=k); np.multiply(k, g, out=k)
        np.multiply(k, sw2 / (2 * np.pi), out=k); np.add(k, sb2, out=k)
        np.multiply(kd, sw2 / (2 * np.pi), out=kd)
        np.multiply(T, kd, out=T); np.add(T, k, out=T)
        np.copyto(S, k)
    return T
def cpp_round():
    subprocess.run([build + "/checks/perf/bench_kernels_deep", "--benchmark_format=json", "--benchmark_out=" + jpath,
                    "--benchmark_out_format=json"], check=True, capture_output=True)
    b = json.load(open(jpath))["benchmarks"][0]
    return b["real_time"] * {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}[b["time_unit"]]
def numpy_round(reps=200):
    t0 = time.perf_counter()
    for _ in range(reps): numpy_ntk()
    return (time.perf_counter() - t0) / reps
cpp, npy = [], []
for _ in range(rounds):
    cpp.append(cpp_round()); npy.append(numpy_round())
import os, statistics
ratio = statistics.median(b / a for a, b in zip(cpp, npy))  # gdcert's speed over NumPy's, per round
c, p = statistics.median(cpp), statistics.median(npy)
dev = float(np.max(np.abs(numpy_ntk() - ref)))
print(f"deep NTK 100x100, L = 5, relu: gdcert 128-bit balls {c*1e3:9.2f} ms   NumPy double {p*1e3:8.3f} ms   "
      f"gdcert/NumPy time {1/ratio:8.1f}x  (medians of {rounds} interleaved rounds, ratio per round)")
print(f"max |NumPy - ball midpoint| = {dev:.3g}")
out = os.environ.get("GDCERT_BENCH_ROWS")
if out:
    with open(out, "a") as f:
        f.write(json.dumps({"workload": "deep NTK 100x100, L=5, relu, 128-bit balls", "unit": "ms",
                            "higher_is_better": False, "gdcert": c * 1e3,
                            "baselines": {f"NumPy {np.__version__} double, preallocated (uncertified)": p * 1e3},
                            "ratio": ratio, "floor_ratio": None, "target": "reported; NumPy within 1e-6 of the midpoints",
                            "pass": bool(dev < 1e-6)}) + "\n")
PY
