#!/usr/bin/env bash
# Per-call overhead of the Python module (`import gdcert`) against the C++ api calls it wraps, in interleaved rounds
# (C++ then Python, ROUNDS times, on one thread), and the n = 24 spectrum handed to numpy without a copy.
# Prints the times and the ratios; fails only when the n = 24 coefficients are not a zero-copy view. Timings are
# never asserted (this machine's load drifts; compare ratios within one run).
# Usage: checks/perf/run_python.sh [build-dir] [rounds]   (default build-bench, 5 rounds)
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
build="${1:-$here/build-bench}"
rounds="${2:-5}"
py=/usr/bin/python3
if [ ! -x "$build/checks/perf/bench_python_baseline" ] || ! ls "$build"/python/gdcert/_gdcert*.so >/dev/null 2>&1; then
  cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DGDCERT_BUILD_BENCHMARKS=ON -DGDCERT_BUILD_PYTHON=ON >/dev/null
  cmake --build "$build" --target bench_python_baseline gdcert_python -j2 >/dev/null
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
for ((i = 0; i < rounds; i++)); do
  "$build/checks/perf/bench_python_baseline" --benchmark_format=json --benchmark_out="$tmp/cpp_$i.json" \
    --benchmark_out_format=json --benchmark_min_time=0.05 >/dev/null
  PYTHONPATH="$build/python" "$py" "$here/checks/perf/bench_python.py" time "$tmp/py_$i.json"
done
"$py" "$here/checks/perf/bench_python.py" report "$tmp" "$rounds"
