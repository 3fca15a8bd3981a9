#!/usr/bin/env bash
# Runs bench_boolean and prints, per pair, the library route beside the baseline timed in the same iterations, with
# the ratio baseline / library (medians): autocorrelation spectrum at n = 24 (against the same two transforms written
# on fwht_inplace_unchecked), nonlinearity at n = 26 (the api route against one int32 transform and a max), the ANF
# at n = 24 (the word-packed Möbius transform against a plain byte-per-point butterfly).
# Usage: checks/perf/run_boolean.sh [build-dir]   (default build-bench; needs about 1.5 GiB of memory at n = 26)
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
build="${1:-$here/build-bench}"
if [ ! -x "$build/checks/perf/bench_boolean" ]; then
  cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DGDCERT_BUILD_BENCHMARKS=ON >/dev/null
  cmake --build "$build" --target bench_boolean -j2 >/dev/null
fi
"$build/checks/perf/bench_boolean" --benchmark_counters_tabular=true
