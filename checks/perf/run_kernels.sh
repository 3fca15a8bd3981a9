#!/usr/bin/env bash
# Per-entry time of the dual kernels at 100 digits (bench_kernels) beside mpmath evaluating the same closed
# forms on the same 64 correlations at mp.dps = 100, in the same run; target: at least 5x faster per entry.
# mpmath is the Debian package python3-mpmath (installed here if missing: this script only).
# Usage: checks/perf/run_kernels.sh [build-dir]   (default build-bench). Exit status 1 when a target is missed.
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
build="${1:-$here/build-bench}"
if ! python3 -c 'import mpmath' 2>/dev/null; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3-mpmath
fi
if [ ! -x "$build/checks/perf/bench_kernels" ]; then
  cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DGDCERT_BUILD_BENCHMARKS=ON >/dev/null
  cmake --build "$build" --target bench_kernels -j2 >/dev/null
fi
json="$(mktemp)"
trap 'rm -f "$json"' EXIT
"$build/checks/perf/bench_kernels" --benchmark_format=json --benchmark_out="$json" --benchmark_out_format=json \
  --benchmark_repetitions=3 --benchmark_report_aggregates_only=true >/dev/null
python3 - "$json" <<'PY'
import json, sys, timeit
import mpmath
from mpmath import mp, mpf
mp.dps = 100
us = {}
for r in json.load(open(sys.argv[1]))["benchmarks"]:
    if r.get("aggregate_name") == "median":
        us[r["run_name"].split("/")[0]] = r["real_time"] * {"ns": 1e-3, "us": 1.0, "ms": 1e3}[r["time_unit"]]
grid = [mpf(2 * i - 63) / 64 for i in range(64)]
pi = mp.pi
def relu(r): return (mp.sqrt(1 - r * r) + (pi - mp.acos(r)) * r) / (2 * pi)
def sign(r): return 2 / pi * mp.asin(r)
def erf(r): return 2 / pi * mp.asin(2 * r / 3)
def arccos3(r):  # J_3 = (pi - t)(9x + 6x^3) + sin(t)(4 + 11x^2), x = cos t (kernel.arccos.recurrence)
    t = mp.acos(r); s = mp.sqrt(1 - r * r)
    return ((pi - t) * (9 * r + 6 * r**3) + s * (4 + 11 * r * r)) / (2 * pi)
def per_entry(f):
    best = min(timeit.repeat(lambda: [f(r) for r in grid], number=20, repeat=5))
    return best / (20 * 64) * 1e6
print(f"{'kernel':10s} {'gdcert us':>10s} {'mpmath us':>10s} {'speed-up':>9s}   (100 digits, per entry; target >= 5x)")
ok = True
for name, f in (("relu", relu), ("sign", sign), ("erf", erf), ("arccos3", arccos3)):
    g = us["BM_kernel_" + name]; m = per_entry(f); x = m / g
    ok &= x >= 5
    print(f"{name:10s} {g:10.2f} {m:10.2f} {x:9.1f}   {'PASS' if x >= 5 else 'FAIL'}")
print(f"baseline: one arb_acos at 349 bits {us['BM_arb_acos']:.2f} us")
sys.exit(0 if ok else 1)
PY
