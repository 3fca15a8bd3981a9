#!/usr/bin/env bash
# Runs bench_fwht and prints, per size, the blocked transform beside the plain radix-2 butterfly and the
# memory-bandwidth baselines (stream sum, memcpy) measured in the same run, with the ratios; then the targets:
#   2^24 int32 single-threaded: blocked at least 8x faster than the plain butterfly;
#   exact level weights of a random function: n = 20 under 0.05 s, n = 26 under 3 s.
# Usage: checks/perf/run_fwht.sh [build-dir] [extra benchmark flags]   (default build-bench)
# Exit status 1 when a target is missed.
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
build="${1:-$here/build-bench}"
shift || true
if [ ! -x "$build/checks/perf/bench_fwht" ]; then
  cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DGDCERT_BUILD_BENCHMARKS=ON >/dev/null
  cmake --build "$build" --target bench_fwht -j2 >/dev/null
fi
json="$(mktemp)"
trap 'rm -f "$json"' EXIT
"$build/checks/perf/bench_fwht" --benchmark_format=json --benchmark_out="$json" --benchmark_out_format=json \
  --benchmark_repetitions=3 --benchmark_report_aggregates_only=true "$@" >/dev/null
python3 - "$json" <<'PY'
import json, sys
rows = json.load(open(sys.argv[1]))["benchmarks"]
t = {}  # (family, arg) -> median real time in ms
for r in rows:
    if r.get("aggregate_name", "median") != "median":
        continue
    name = r["run_name"] if "run_name" in r else r["name"]
    fam, _, arg = name.split("/")[0], None, name.split("/")[1]
    unit = {"ns": 1e-6, "us": 1e-3, "ms": 1.0, "s": 1e3}[r["time_unit"]]
    t[(fam, int(arg))] = r["real_time"] * unit
fams = ["BM_fwht_blocked_i32", "BM_fwht_blocked_i32_threads", "BM_fwht_plain_i32", "BM_fwht_blocked_i64",
        "BM_stream_sum_i32", "BM_stream_copy_i32"]
print(f"{'log2 n':>6} {'blocked':>10} {'2 threads':>10} {'plain':>10} {'int64':>10} {'sum':>9} {'memcpy':>9}"
      f" {'plain/blk':>9} {'blk/memcpy':>10}   (ms, medians of 3)")
for k in sorted({a for (f, a) in t if f == "BM_fwht_blocked_i32"}):
    v = [t.get((f, k), float("nan")) for f in fams]
    print(f"{k:6d} {v[0]:10.3f} {v[1]:10.3f} {v[2]:10.3f} {v[3]:10.3f} {v[4]:9.3f} {v[5]:9.3f}"
          f" {v[2] / v[0]:9.2f} {v[0] / v[5]:10.2f}")
ok = True
def target(label, value, limit, better):
    global ok
    good = value >= limit if better == "ge" else value < limit
    ok &= good
    print(f"{label:58s} {value:10.3f}   target {'>=' if better == 'ge' else '<'} {limit:g}: {'PASS' if good else 'FAIL'}")
if ("BM_fwht_blocked_i32", 24) in t:
    target("2^24 int32 1 thread: plain / blocked (x)", t[("BM_fwht_plain_i32", 24)] / t[("BM_fwht_blocked_i32", 24)], 8, "ge")
    if ("BM_stream_copy_i32", 24) in t:
        print(f"{'2^24 int32 1 thread: blocked / memcpy of the array':58s} "
              f"{t[('BM_fwht_blocked_i32', 24)] / t[('BM_stream_copy_i32', 24)]:10.3f}")
for n, limit in ((20, 50.0), (26, 3000.0)):
    if ("BM_level_weights", n) in t:
        target(f"exact level weights, random n = {n} (ms)", t[("BM_level_weights", n)], limit, "lt")
sys.exit(0 if ok else 1)
PY
