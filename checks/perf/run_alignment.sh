#!/usr/bin/env bash
# Runs bench_alignment and prints each timing beside its same-run baseline and its target.
# Usage: checks/perf/run_alignment.sh [build-dir]   (default build-bench; configured with benchmarks on)
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
build="${1:-$here/build-bench}"
if [ ! -x "$build/checks/perf/bench_alignment" ]; then
  cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DGDCERT_BUILD_BENCHMARKS=ON >/dev/null
  cmake --build "$build" --target bench_alignment -j2 >/dev/null
fi
json="$(mktemp)"
trap 'rm -f "$json"' EXIT
"$build/checks/perf/bench_alignment" --benchmark_format=json --benchmark_out="$json" --benchmark_out_format=json >/dev/null
python3 - "$json" <<'PY'
import json, sys
b = {x["name"].split("/")[0]: x["real_time"] for x in json.load(open(sys.argv[1]))["benchmarks"]}  # milliseconds
def row(name, base, target_ms):
    t = b[name]; r = t / b[base]
    verdict = "PASS" if t < target_ms else "FAIL"
    print(f"{name:28s} {t:10.3f} ms   baseline {base} {b[base]:9.3f} ms   ratio {r:6.2f}   target < {target_ms:g} ms: {verdict}")
row("BM_inal_gaussian_n24", "BM_walsh_levels_n24", 1000)
row("BM_cp_sn_n8", "BM_pass_n8", 10000)
print(f"{'BM_rademacher_top_n160':28s} {b['BM_rademacher_top_n160']:10.3f} ms")
PY
